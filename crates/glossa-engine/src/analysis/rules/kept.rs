//! Findings kept across an edit: when an edit cannot change what any rule sees, the findings of
//! the text after it are those of the text before, moved (the server keeps a document's
//! findings between keystrokes and re-runs the rules only when this says it must).
//!
//! What the rules read of a document is its read matches (as the sense reading has them) and,
//! around each match, the text back to the start of its sentence or line (sentence starts,
//! headings, a word or hyphen joined to it, a long form before a parenthesis) and forward to a
//! parenthesis after it. So an edit is *quiet* when
//! - it removes and inserts only letters, digits, spaces and tabs (no sentence mark, line
//!   break, parenthesis, bracket, hyphen or markup comes or goes);
//! - every match within its [`reach`] — from the last sentence mark or line break before it
//!   (before an open parenthesis that holds it) to the next one after it (past one more when
//!   that is a line break: a sentence start may look across one) — stands apart from it: a
//!   whole word between them, no parenthesis or hyphen joining them, the edit past the start
//!   of the match's line (headings, list items);
//! - and the read matches elsewhere are the same ones, moved ([`Keys`]: the sense reading may
//!   change an occurrence far away when an edit changes what the document is about).
//!
//! Everything here is byte offsets; the proptests in `glossa-server`'s `document.rs` check that
//! kept findings equal a fresh check after random edits on real documents.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::analysis::Finding;
use crate::scan::Match;

/// What ends the text a rule reads around a match.
const DELIMITERS: [char; 4] = ['\n', '.', ';', ':'];

/// How far back an enclosing open parenthesis is looked for; past it, the edit is not quiet.
const PAREN_LOOK: usize = 4096;

/// One edit, as the findings move with it: `at..at + removed` replaced by `inserted` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    pub at: usize,
    pub removed: usize,
    pub inserted: usize,
}

impl Shift {
    /// Where the offset `x` of the text before the edit is after it (`x` outside the edit).
    pub fn map(&self, x: usize) -> usize {
        if x >= self.at + self.removed {
            x - self.removed + self.inserted
        } else {
            x
        }
    }

    fn range(&self, r: &Range<usize>) -> Range<usize> {
        self.map(r.start)..self.map(r.end)
    }
}

/// The first half of telling whether an edit is quiet, on the text before it: the edit of
/// `range` (on char boundaries) to `inserted` removes and inserts only plain characters and
/// no scanned match of `matches` is within its reach.
pub fn quiet_before(before: &str, range: Range<usize>, inserted: &str, matches: &[Match]) -> bool {
    plain(&before[range.clone()])
        && plain(inserted)
        && clear(before, matches, &reach(before, range.clone()), &range)
}

/// The second half, on the text after it (`inserted` bytes at `at` in place of `removed`):
/// no scanned match of `matches` is within its reach. The read matches are compared later
/// ([`Keys::same`]).
pub fn quiet_after(
    after: &str,
    at: usize,
    removed: usize,
    inserted: usize,
    matches: &[Match],
) -> Option<Shift> {
    let edit = at..at + inserted;
    clear(after, matches, &reach(after, edit.clone()), &edit).then_some(Shift {
        at,
        removed,
        inserted,
    })
}

/// Letters, digits, spaces and tabs only.
fn plain(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '\t')
}

/// The text whose matches an edit of `r` may change the findings of (see the module doc); both
/// ends inclusive.
pub fn reach(text: &str, r: Range<usize>) -> Range<usize> {
    let back = |at: usize| text[..at].rfind(DELIMITERS).unwrap_or(0);
    let mut start = back(r.start);
    // Inside a parenthesis, the text after a match before it may reach the edit ("SAM (segment
    // anything. model)"): from before the parenthesis.
    let look = text[..r.start]
        .char_indices()
        .rev()
        .take_while(|(i, _)| r.start - i <= PAREN_LOOK)
        .find(|(_, c)| matches!(c, '(' | ')' | ',' | ';' | ':'));
    match look {
        Some((i, '(')) => start = start.min(back(i)),
        Some(_) => {}
        None if r.start > PAREN_LOOK => return 0..text.len(),
        None => {}
    }
    let forward = |from: usize| text[from..].find(DELIMITERS).map(|i| from + i);
    let end = match forward(r.end) {
        Some(d) if text.as_bytes()[d] == b'\n' => forward(d + 1).unwrap_or(text.len()),
        Some(d) => d,
        None => text.len(),
    };
    start..end
}

/// True when no match of `matches` (in order, not overlapping) within `w` (ends inclusive,
/// the reach of `edit`) can read the edit: each stands apart from it ([`apart_after`],
/// [`apart_before`]).
fn clear(text: &str, matches: &[Match], w: &Range<usize>, edit: &Range<usize>) -> bool {
    let i = matches.partition_point(|m| m.range.start <= w.end);
    matches[..i]
        .iter()
        .rev()
        .take_while(|m| m.range.end >= w.start)
        .all(|m| {
            if m.range.start >= edit.end {
                apart_after(text, edit, m)
            } else {
                m.range.end <= edit.start && apart_before(text, m, edit.start)
            }
        })
}

/// A match after the edit reads back to the first word before it (a sentence start, a name
/// it is part of: "Hooked SAE"), to its line's start (headings) and, after a parenthesis, to
/// the long form before it: apart when a whole word with a letter or digit lies between, the
/// edit is on another line, or past the first dozen characters of its line, or its line is no
/// heading before or after it (each text is checked), and no parenthesis opens just before it.
fn apart_after(text: &str, edit: &Range<usize>, m: &Match) -> bool {
    let gap = &text[edit.end..m.range.start];
    if !gap.contains('\n') {
        // A heading's line starts with `#`, `=` or `\` (`position::in_heading`).
        let line_start = text[..edit.start].rfind('\n').map_or(0, |i| i + 1);
        let heading = text[line_start..]
            .trim_start()
            .starts_with(['#', '=', '\\']);
        if heading && text[line_start..edit.start].trim_start().chars().count() < 12 {
            return false;
        }
    }
    let words: Vec<&str> = gap.split_whitespace().collect();
    let Some((_, between)) = words.split_last() else {
        return false;
    };
    between.iter().any(|w| w.chars().any(char::is_alphanumeric))
        && !text[..m.range.start]
            .trim_end_matches(['*', '_', '`'])
            .ends_with('(')
}

/// A match before the edit reads forward only to what follows it (a parenthesis: an
/// introduction; a hyphen: a longer name): apart when that is something else, before the edit.
fn apart_before(text: &str, m: &Match, edit_start: usize) -> bool {
    let gap = &text[m.range.end..edit_start];
    gap.chars()
        .find(|c| !matches!(c, '*' | '_' | '`' | ' ' | '\t'))
        .is_some_and(|c| !matches!(c, '(' | ')' | '-'))
}

/// The findings of the text before quiet edits, moved to the text after them (in order).
pub fn shift(findings: &mut [Finding], shifts: &[Shift]) {
    // Offsets before an edit stay as they are; none lies inside one (nothing is in its reach).
    for s in shifts {
        let edge = s.at + s.removed;
        // The findings from the first that starts after the edit all move; before it only
        // those with an offset after it (a fix's other places, `inconsistent-term`, may lie
        // anywhere), found by looking, not by writing every finding. Exact in any order: a
        // finding moved needlessly keeps its offsets.
        let from = findings.partition_point(|f| f.range.start < edge);
        let (before, after) = findings.split_at_mut(from);
        for f in before.iter_mut().filter(|f| reaches(f, edge)) {
            move_finding(f, s);
        }
        for f in after {
            move_finding(f, s);
        }
    }
}

/// True when an offset of `f` is at or after `edge` (an edit's end): it moves.
fn reaches(f: &Finding, edge: usize) -> bool {
    f.range.end >= edge
        || f.fix
            .as_ref()
            .is_some_and(|fix| fix.range.end >= edge || fix.also.iter().any(|(r, _)| r.end >= edge))
}

fn move_finding(f: &mut Finding, s: &Shift) {
    f.range = s.range(&f.range);
    if let Some(fix) = &mut f.fix {
        fix.range = s.range(&fix.range);
        for (r, _) in &mut fix.also {
            *r = s.range(r);
        }
    }
}

/// What the rules saw of the read matches, to tell whether a new reading is the old one moved:
/// the reading's generation ([`crate::analysis::reading::DocumentReading::generation`]: the same
/// number, the same matches moved by the edits, told without looking at them) and, until a
/// generation answered, each match's range and names (compared one by one when the generation
/// is another: a whole reading again may give the same matches).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    generation: u64,
    /// Empty once a generation answered (the ranges are no longer moved).
    each: Option<Vec<(usize, usize, u64)>>,
}

impl Keys {
    /// The keys of `matches`, the read list of the reading at `generation`.
    pub fn of(matches: &[Match], generation: u64) -> Keys {
        Keys {
            generation,
            each: Some(matches.iter().map(key).collect()),
        }
    }

    /// True when `matches` (the read list of the reading at `generation`) are these, moved by
    /// `shifts` (every edit since these were taken); then these become theirs.
    pub fn same(&mut self, shifts: &[Shift], matches: &[Match], generation: u64) -> bool {
        if generation == self.generation {
            // The same reading, only moved: its ranges are not followed any further.
            self.each = None;
            return true;
        }
        let Some(each) = &mut self.each else {
            return false;
        };
        if each.len() != matches.len() {
            return false;
        }
        let map = |x: usize| shifts.iter().fold(x, |x, s| s.map(x));
        for (k, m) in each.iter_mut().zip(matches) {
            let new = key(m);
            if (map(k.0), map(k.1), k.2) != new {
                return false;
            }
            *k = new;
        }
        self.generation = generation;
        true
    }
}

fn key(m: &Match) -> (usize, usize, u64) {
    let mut h = Fx(0);
    m.refs.hash(&mut h);
    m.statuses.hash(&mut h);
    (m.range.start, m.range.end, h.0)
}

/// A small multiply-rotate hasher (the names of a match are a few integers).
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach_of(marked: &str) -> String {
        let at = marked.find('|').unwrap();
        let text = marked.replace('|', "");
        let r = reach(&text, at..at);
        text[r.start..(r.end + 1).min(text.len())].to_owned()
    }

    #[test]
    fn an_edit_reaches_its_sentence_and_across_one_line_break() {
        assert_eq!(reach_of("One. Tw|o three. Four."), ". Two three.");
        assert_eq!(
            reach_of("One. Tw|o\nthree four\n\nFive"),
            ". Two\nthree four\n"
        );
        assert_eq!(reach_of("x (long. fo|rm) y. z"), "x (long. form) y.");
        assert_eq!(reach_of("(a) long, fo|rm. z"), "(a) long, form.");
    }

    #[test]
    fn findings_after_the_edit_move() {
        let f = |r: Range<usize>| Finding {
            range: r.clone(),
            rule: crate::analysis::Rule::DeprecatedTerm,
            severity: crate::analysis::Severity::Warning,
            message: "".into(),
            term: "".into(),
            concept: crate::glossary::ConceptId(0),
            senses: Vec::new(),
            replacement: None,
            fix: Some(crate::analysis::Fix::new(r, String::new())),
        };
        let mut all = vec![f(0..3), f(10..12)];
        // An `inconsistent-term` fix before the edit whose other place is after it.
        all[0]
            .fix
            .as_mut()
            .unwrap()
            .also
            .push((20..22, String::new()));
        shift(
            &mut all,
            &[Shift {
                at: 5,
                removed: 1,
                inserted: 3,
            }],
        );
        assert_eq!(all[0].range, 0..3);
        assert_eq!(all[1].range, 12..14);
        assert_eq!(all[1].fix.as_ref().unwrap().range, 12..14);
        assert_eq!(all[0].fix.as_ref().unwrap().also[0].0, 22..24);
    }
}
