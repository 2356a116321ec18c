//! The term matcher as it was before issue 9 (two automata, five `Vec`s per name), frozen as
//! the oracle for `scan_props`: the compact matcher must find exactly what this one finds.
//! A copy on purpose, not a second implementation in use: nothing outside the tests calls it.

#![allow(dead_code)]

use std::ops::Range;

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use glossa_engine::glossary::normalize::{ies_stem, is_separator, separators_of};
use glossa_engine::glossary::{Casing, Glossary, NameRef, Status, StatusSet};
use glossa_engine::scan::fold::Folded;

/// What [`Matcher::search_all`] found in a piece of text.
#[derive(Debug)]
pub struct Searched {
    /// Accepted matches, in source offsets (plus the base).
    pub matches: Vec<Match>,
    /// The text every candidate's checks read, accepted or rejected, in source offsets (plus the
    /// base), ordered by start.
    pub looked: Vec<(usize, usize)>,
}

/// One occurrence of glossary names in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Byte range in the scanned text.
    pub range: Range<usize>,
    /// Every glossary name this text is (after case rules); never empty.
    pub refs: Vec<NameRef>,
    /// The statuses of those names, so rules can pass over a match without looking each name
    /// up (a large document has hundreds of thousands of matches, re-checked on every edit).
    pub statuses: StatusSet,
}

#[derive(Debug)]
struct Pattern {
    /// Index into `Matcher::groups`.
    group: u32,
    /// Which form of the group's names this pattern is.
    form: Form,
    /// Some shorter pattern is a prefix of this one: when this one fails, try it.
    has_shorter: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The names as written.
    Name,
    /// The extra "-ies" plural of a name ending in "y".
    IesPlural,
    /// The singular of a name whose last word is a plural ("mixture of expert").
    Singular,
}

/// The automaton over a glossary's names. Build once per glossary and share it (`Arc`).
#[derive(Debug)]
pub struct Matcher {
    ac: Option<AhoCorasick>,
    /// The same patterns for anchored searches only: the shorter names at a rejected
    /// candidate's start.
    anchored: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    /// Names sharing one folded form.
    groups: Vec<Group>,
    /// The most separator runs in any name: how far a match reaches from a word.
    max_separators: usize,
}

#[derive(Debug)]
struct Group {
    refs: Vec<NameRef>,
    /// The names' texts, parallel to `refs`, for case-sensitive checks.
    case_sensitive: Vec<Option<String>>,
    /// The names' statuses, parallel to `refs`.
    statuses: Vec<Status>,
    /// Per name, parallel to `refs`: the separators it must be written with (`None`: any).
    separators: Vec<Option<String>>,
    /// Per name, parallel to `refs`: whether a plural ending (or the singular of a plural
    /// compound) is allowed.
    plural: Vec<bool>,
    starts_word: bool,
    ends_word: bool,
    /// Every name is written with capitals inside a word ("SentencePiece", "PyTorch"): written
    /// all in lowercase in a hyphenated token, it is an identifier ("pytorch-lightning").
    cased: bool,
}

impl Matcher {
    pub fn new(glossary: &Glossary) -> Matcher {
        let mut patterns = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut groups = Vec::new();
        let mut max_separators = 0;
        for (folded, refs) in glossary.matchable_names() {
            // Folded names have single spaces between words.
            max_separators = max_separators.max(folded.matches(' ').count());
            let group = groups.len() as u32;
            let case_sensitive = refs
                .iter()
                .map(|r| {
                    let n = glossary.name(*r);
                    n.case_sensitive.then(|| n.text.to_string())
                })
                .collect();
            groups.push(Group {
                refs: refs.to_vec(),
                case_sensitive,
                statuses: refs.iter().map(|r| glossary.name(*r).status).collect(),
                separators: refs
                    .iter()
                    .map(|r| {
                        let n = glossary.name(*r);
                        n.exact_separators.then(|| separators_of(&n.text))
                    })
                    .collect(),
                plural: refs.iter().map(|r| glossary.name(*r).plural).collect(),
                starts_word: folded.chars().next().is_some_and(is_word_char),
                ends_word: folded.chars().next_back().is_some_and(is_word_char),
                cased: refs.iter().all(|r| glossary.name(*r).casing != Casing::Any),
            });
            texts.push(folded.to_owned());
            patterns.push(Pattern {
                group,
                form: Form::Name,
                has_shorter: false,
            });
            if let Some(stem) = ies_stem(folded) {
                texts.push(format!("{stem}ies"));
                patterns.push(Pattern {
                    group,
                    form: Form::IesPlural,
                    has_shorter: false,
                });
            }
            if let Some(one) = singular(folded).filter(|one| glossary.names_folded(one).is_empty())
            {
                texts.push(one);
                patterns.push(Pattern {
                    group,
                    form: Form::Singular,
                    has_shorter: false,
                });
            }
        }
        let (ac, anchored) = if texts.is_empty() {
            (None, None)
        } else {
            let anchored = build_anchored(&texts);
            // One anchored walk per pattern: linear in the glossary's size.
            for (p, t) in patterns.iter_mut().zip(&texts) {
                p.has_shorter = t.len() > 1
                    && anchored
                        .find(Input::new(t).range(..t.len() - 1).anchored(Anchored::Yes))
                        .is_some();
            }
            (Some(build_automaton(&texts)), Some(anchored))
        };
        Matcher {
            ac,
            anchored,
            patterns,
            groups,
            max_separators,
        }
    }

    /// The most separator runs (white space, hyphens) in any name: a match touching an edit
    /// lies within this many runs of it.
    pub fn max_separators(&self) -> usize {
        self.max_separators
    }

    /// Number of distinct patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every match in `text`, byte ranges relative to `text`.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        self.find_into(text, 0, &mut out);
        out
    }

    /// Appends the matches in `text` to `out`, with `base` added to every range.
    pub fn find_into(&self, text: &str, base: usize, out: &mut Vec<Match>) {
        let folded = Folded::new(text);
        self.search(text, &folded, base, out, None);
    }

    /// The whole of `text` searched, prose or not: the matches (with `base` added), and the
    /// text the checks of every candidate read. [`super::scan`] runs this beside prose
    /// extraction; what the checks read tells it where a region's own search could differ.
    pub fn search_all(&self, text: &str, base: usize) -> Searched {
        let folded = Folded::new(text);
        let (mut matches, mut looked) = (Vec::new(), Vec::new());
        self.search(text, &folded, base, &mut matches, Some(&mut looked));
        Searched { matches, looked }
    }

    fn search(
        &self,
        text: &str,
        folded: &Folded,
        base: usize,
        out: &mut Vec<Match>,
        mut looked: Option<&mut Vec<(usize, usize)>>,
    ) {
        let (Some(ac), Some(anchored)) = (&self.ac, &self.anchored) else {
            return;
        };
        let hay = folded.text.as_str();
        let mut at = 0;
        while at < hay.len() {
            let Some(m) = ac.find(Input::new(hay).range(at..)) else {
                break;
            };
            let (start, mut pattern, mut end) = (m.start(), m.pattern().as_usize(), m.end());
            loop {
                let found = self.check(text, folded, pattern, start, end);
                if let Some(l) = looked.as_deref_mut() {
                    let seen = context(text, folded.to_source(start), folded.to_source(end));
                    l.push((base + seen.start, base + seen.end));
                }
                if let Some(found) = found {
                    out.push(Match {
                        range: base + found.range.start..base + found.range.end,
                        refs: found.refs,
                        statuses: found.statuses,
                    });
                    at = found.folded_end.max(start + 1);
                    break;
                }
                // The longest shorter name at the same start, if any.
                let shorter = self.patterns[pattern].has_shorter.then(|| {
                    anchored.find(
                        Input::new(hay)
                            .range(start..end - 1)
                            .anchored(Anchored::Yes),
                    )
                });
                match shorter.flatten() {
                    Some(s) if s.end() > start => {
                        (pattern, end) = (s.pattern().as_usize(), s.end());
                    }
                    _ => {
                        at = next_char(hay, start);
                        break;
                    }
                }
            }
        }
    }

    /// The candidate `start..end` (folded) of `pattern`, checked: the match, if it is one.
    fn check(
        &self,
        src: &str,
        folded: &Folded,
        pattern: usize,
        start: usize,
        end: usize,
    ) -> Option<Accepted> {
        let hay = folded.text.as_str();
        let p = &self.patterns[pattern];
        let g = &self.groups[p.group as usize];
        if g.starts_word && hay[..start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        let mut full_end = end;
        if g.ends_word {
            let rest = &hay[end..];
            if rest.chars().next().is_some_and(is_word_char) {
                // Maybe a regular plural: "autoencoders", "approaches".
                let ends_letter = hay[..end]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
                let suffix = ["s", "es"].into_iter().find(|s| {
                    rest.starts_with(s) && !rest[s.len()..].chars().next().is_some_and(is_word_char)
                });
                match suffix {
                    Some(s) if ends_letter && p.form == Form::Name => full_end = end + s.len(),
                    _ => return None,
                }
            }
        }
        let src_start = folded.to_source(start);
        let src_base_end = folded.to_source(end);
        let src_end = folded.to_source(full_end);
        let found = &src[src_start..src_base_end];
        if glued(src, src_start..src_end, g.cased) {
            return None;
        }
        let inflected = p.form != Form::Name || full_end != end;
        let mut statuses = StatusSet::default();
        let mut refs: Vec<NameRef> = Vec::with_capacity(g.refs.len());
        for (i, r) in g.refs.iter().enumerate() {
            let case_ok = match (&g.case_sensitive[i], p.form) {
                (None, _) => true,
                (Some(name), Form::Name) => same_with_case(found, name),
                (Some(name), Form::Singular) => {
                    singular(name).is_some_and(|one| same_with_case(found, &one))
                }
                (Some(_), Form::IesPlural) => false,
            };
            let separators_ok = g.separators[i]
                .as_ref()
                .is_none_or(|want| separators_of(found) == *want);
            if case_ok && separators_ok && (g.plural[i] || !inflected) {
                statuses.insert(g.statuses[i]);
                refs.push(*r);
            }
        }
        if refs.is_empty() {
            return None;
        }
        Some(Accepted {
            range: src_start..src_end,
            folded_end: full_end,
            refs,
            statuses,
        })
    }
}

struct Accepted {
    range: Range<usize>,
    folded_end: usize,
    refs: Vec<NameRef>,
    statuses: StatusSet,
}

/// Up to this many patterns the automaton is a DFA: about twice as fast to search as the
/// contiguous NFA aho-corasick picks by itself (measured on the corpus: 600 vs 300 MB/s), for
/// little memory (1k patterns: 1 MB, 6 ms to build; 5k: 7 MB, 30 ms). Larger DFAs stop paying:
/// at 12k patterns the DFA searched slower than the NFA (cache misses), so the NFA takes over.
const DFA_MAX_PATTERNS: usize = 5_000;

/// ...and when no pattern is longer than this. Building the DFA fills every state's row by
/// following failure links, as deep as the state: a self-overlapping name ("aaaa…", 20,000
/// bytes) made the build quadratic (minutes with the corpus's byte classes). Bounding the depth
/// keeps the build linear in the glossary's size; longer names (sentences, not terms) get the
/// NFA, whose build is linear whatever the names.
const DFA_MAX_PATTERN_BYTES: usize = 128;

/// The automaton for anchored searches: a contiguous NFA, whose anchored search only walks the
/// trie from the start (no failure transitions), built in time linear in the patterns.
fn build_anchored(patterns: &[String]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .start_kind(StartKind::Anchored)
        .build(patterns)
        .or_else(|_| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(patterns)
        })
        .expect("glossary patterns fit the automaton")
}

fn build_automaton(patterns: &[String]) -> AhoCorasick {
    let builder = |kind| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(patterns)
    };
    let small = patterns.len() <= DFA_MAX_PATTERNS
        && patterns.iter().all(|p| p.len() <= DFA_MAX_PATTERN_BYTES);
    let dfa = small.then(|| builder(Some(AhoCorasickKind::DFA)));
    if let Some(Ok(ac)) = dfa {
        return ac;
    }
    builder(None).expect("glossary patterns fit the automaton")
}

/// Letters, digits, marks and `_` (identifiers such as `finetuning_steps` are one word) make
/// words; everything else separates them.
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || (!c.is_ascii() && is_mark(c))
}

/// Marks (general category M: combining, spacing and enclosing), from the Unicode tables:
/// a Devanagari vowel sign or a combining acute accent continues its word.
fn is_mark(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Mark
}

fn next_char(s: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && !s.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// Exact comparison of the found text and a case-sensitive name, separators aside
/// ("Segment-Anything" and "Segment Anything" are the same spelling; "sam" and "SAM" are not).
fn same_with_case(found: &str, name: &str) -> bool {
    let a = found.chars().filter(|c| !is_separator(*c));
    let b = name.chars().filter(|c| !is_separator(*c));
    a.eq(b)
}

/// How far either side of a candidate the checks may read (within its token).
pub const CONTEXT: usize = 64;

/// The folded singular of a folded name of two words or more whose last word is a regular
/// plural: "mixture of experts" → "mixture of expert", "design strategies" → "design strategy";
/// None for one word ("transformers" may be a name of its own) and for last words that only
/// look plural ("process", "corpus", "analysis", "dynamics").
fn singular(name: &str) -> Option<String> {
    let (head, last) = name.rsplit_once(' ')?;
    if last.chars().count() < 4
        || !last.chars().all(char::is_alphabetic)
        || ["ss", "us", "is", "ics"].iter().any(|e| last.ends_with(e))
    {
        return None;
    }
    let one = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["ches", "shes", "xes", "zes"]
        .iter()
        .any(|e| last.ends_with(e))
    {
        last[..last.len() - 2].to_owned()
    } else {
        last.strip_suffix('s')?.to_owned()
    };
    Some(format!("{head} {one}"))
}

/// A source range holding all the checks of a candidate at `start..end` read: its token (see
/// [`token`]) and one character beyond on each side. Worked out on bytes, with only ASCII white
/// space ending the token and a few bytes' slack for the cap, so it may be larger, never smaller.
fn context(src: &str, start: usize, end: usize) -> Range<usize> {
    let b = src.as_bytes();
    let limit = CONTEXT + 4;
    let low = start.saturating_sub(limit);
    let from = b[low..start]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(low, |i| low + i);
    let high = (end + limit).min(b.len());
    let to = b[end..high]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(high, |i| end + i + 1);
    from.saturating_sub(4)..(to + 4).min(b.len())
}

/// The token around `start..end`: the run of characters other than white space, at most
/// [`CONTEXT`] bytes either side of it.
fn token(src: &str, start: usize, end: usize) -> (usize, usize) {
    let before = &src[floor_char(src, start.saturating_sub(CONTEXT))..start];
    let from = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(start - before.len(), |(i, c)| {
            start - before.len() + i + c.len_utf8()
        });
    let after = &src[end..ceil_char(src, (end + CONTEXT).min(src.len()))];
    let to = after
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(end + after.len(), |(i, _)| end + i);
    (from, to)
}

/// True when the name at `range` of `src` is glued into a larger identifier-like name, so it
/// is part of that name and not a term:
/// - a `.` between it and a letter or digit, either side (`package.json`, `eslint.org`,
///   `axios.get`, `model.generate`, `foo-yaml.txt`): a file, domain or member name; a period
///   ending a sentence has white space or nothing after it;
/// - `@` before it (`@scope/package`, a handle);
/// - `(` after it opening an argument list (`generate()`, `Trainer(model=…)`,
///   `get("x")`) for a name of one word; `GPU(s)` and `Transformers (HF)` are prose;
/// - hyphens joining it into a token written without capitals that is a package name rather
///   than a compound: with two more parts (`eslint-plugin-react`), a part with a digit
///   (`speaker-diarization-3.1`), or a name that has capitals written in lowercase
///   (`sentencepiece-xyz`, `pytorch-lightning`). "SAM-based", "quantization-aware" and
///   "Mixture-of-Experts" are compounds and match;
/// - slashes the same way: a repository or model id written without capitals
///   (`pytorch/xla`, `huggingface/peft`, `openai/whisper-large-v2`), while "PyTorch/XLA",
///   "CPU/GPU" and "model/config" are prose.
fn glued(src: &str, range: Range<usize>, cased: bool) -> bool {
    let (start, end) = (range.start, range.end);
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut before = src[..start].chars().rev();
    let b1 = before.next();
    let b2 = before.next();
    let mut after = src[end..].chars();
    let a1 = after.next();
    let a2 = after.next();
    if (b1 == Some('.') && ident(b2)) || b1 == Some('@') || (a1 == Some('.') && ident(a2)) {
        return true;
    }
    let found = &src[start..end];
    if a1 == Some('(') && !found.chars().any(is_separator) {
        let args = &src[end + 1..];
        let plural_mark = ["s)", "es)"].iter().any(|m| args.starts_with(m));
        let call = a2.is_some_and(|c| {
            c == ')' || c == '_' || c == '"' || c == '\'' || c.is_lowercase() || c.is_ascii_digit()
        });
        if call && !plural_mark {
            return true;
        }
    }
    let joins = |c: Option<char>| matches!(c, Some('-' | '/'));
    if !joins(b1) && !joins(a1) {
        return false;
    }
    // The run of name characters (letters, digits, `_`, `-`, `.`, `/`) around it, in its token.
    let (from, to) = token(src, start, end);
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
    let left = &src[from..start];
    let before = left
        .char_indices()
        .rev()
        .take_while(|(_, c)| name_char(*c))
        .last()
        .map_or("", |(i, _)| &left[i..]);
    let right = &src[end..to];
    let after = &right[..right
        .char_indices()
        .find(|(_, c)| !name_char(*c))
        .map_or(right.len(), |(i, _)| i)];
    if before
        .chars()
        .chain(after.chars())
        .chain(found.chars())
        .any(char::is_uppercase)
    {
        return false;
    }
    let parts: Vec<&str> = before
        .split(['-', '/'])
        .chain(after.split(['-', '/']))
        // A sentence's period is no part ("huggingface/transformers.").
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect();
    parts.len() >= 2 || parts.iter().any(|p| p.chars().any(|c| c.is_ascii_digit())) || cased
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
