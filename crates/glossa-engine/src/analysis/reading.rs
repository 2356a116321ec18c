//! A document's reading for senses ([`senses`]) kept between edits, so an editor's keystroke
//! re-reads only what it can change instead of the whole document.
//!
//! [`DocumentReading`] holds what a [`senses::Reading`] learns from the whole text — the
//! document's content words and tokens (as counts, so an edit updates them from the words it
//! removes and adds), the acronym definitions found so far, where the parentheses are — and
//! every scanned match as the document reads it (`slots`, by match index).
//!
//! [`DocumentReading::edit`] brings it to the text after one edit whose scan was kept
//! incrementally ([`Splice`]). Every occurrence is read from the whole document, but most of
//! what the document says cannot change with one edit; when none of it changes — the same
//! set of words and tokens, the same front matter, no parenthesis edited or on the edited
//! lines (acronym definitions), the same matches re-found around the edit — only the
//! occurrences near the edit (their sentence window and neighbouring words) and every
//! occurrence of a name they share are read again, the others are kept and shifted.
//! Otherwise every occurrence is read again, still without re-reading the text's words. The
//! result is always what [`senses::resolve`] gives for the new text (tests below and
//! `tests/lsp_fuzz.rs`).

use std::collections::HashSet;
use std::ops::Range;

use super::senses::{
    self, Definitions, DocumentNames, INFORMATIVE, Reading, WordCounts, WordSet, content_words,
    document_counts, document_tokens, is_signature_word_now, own_letters, read_by_name,
};
use crate::glossary::{Glossary, NameRef};
use crate::scan::Match;
use crate::scan::incremental::Splice;

/// How far around an edit occurrences are read again: the sentence window of
/// [`senses::Reading`] (200 bytes and a sentence mark) with room to spare.
const REACH: usize = 256;

/// Words counted, and the set of those present (plus words that are always there).
#[derive(Debug, Clone, Default)]
struct Counted {
    counts: WordCounts,
    set: WordSet,
    always: HashSet<String>,
}

impl Counted {
    /// The words of a whole document, counted already ([`document_counts`]).
    fn new(counts: WordCounts, always: HashSet<String>) -> Counted {
        let set = counts.keys().chain(&always).cloned().collect();
        Counted {
            counts,
            set,
            always,
        }
    }

    /// Counts `w`; true when the set changed.
    fn add(&mut self, w: String) -> bool {
        if let Some(n) = self.counts.get_mut(&w) {
            *n += 1;
            return false;
        }
        let n = self.counts.entry(w.clone()).or_insert(0);
        *n += 1;
        *n == 1 && self.set.insert(w)
    }

    /// Words that are always in the set from now on (the old ones only while counted).
    fn set_always(&mut self, always: HashSet<String>) {
        self.set = self
            .counts
            .keys()
            .cloned()
            .chain(always.iter().cloned())
            .collect();
        self.always = always;
    }

    /// Uncounts `w`; true when the set changed.
    fn remove(&mut self, w: &str) -> bool {
        let Some(n) = self.counts.get_mut(w) else {
            return false;
        };
        *n -= 1;
        if *n > 0 {
            return false;
        }
        self.counts.remove(w);
        !self.always.contains(w) && self.set.remove(w)
    }
}

/// The document's words and tokens, counted ([`document_counts`]).
#[derive(Debug, Clone)]
struct Sets {
    words: Counted,
    tokens: Counted,
}

impl Sets {
    /// The sets of a document's counts ([`document_counts`]); the words with the declared
    /// domains' hints.
    fn new((words, tokens): (WordCounts, WordCounts), hints: &HashSet<String>) -> Sets {
        Sets {
            words: Counted::new(words, hints.clone()),
            tokens: Counted::new(tokens, HashSet::new()),
        }
    }

    /// Brings the counts to the text after an edit: out with the words and tokens of the old
    /// span (`before`), in with those of the new one (`part`). True when a change matters: a
    /// word that comes or goes and a sense reads (a signature's word), the count of distinct
    /// words crossing the "informative" line, a token that the letters of an occurrence (`owns`)
    /// start or end.
    fn edit(
        &mut self,
        before: &Before,
        part: &str,
        glossary: &Glossary,
        owns: &HashSet<String>,
    ) -> bool {
        let informative = self.words.set.len() >= INFORMATIVE;
        let mut changed = false;
        // Never builds the glossary's word table here (an edit runs on the server's message
        // loop): while it is not built, every word is taken to matter (the reading is made
        // again on a worker).
        let word_matters = |w: &str| is_signature_word_now(glossary, w).unwrap_or(true);
        for w in &before.words {
            changed |= self.words.remove(w) && word_matters(w);
        }
        for w in content_words(part) {
            let matters = word_matters(&w);
            changed |= self.words.add(w) && matters;
        }
        changed |= informative != (self.words.set.len() >= INFORMATIVE);
        let token_matters = |t: &str| {
            t.char_indices()
                .skip(1)
                .any(|(i, _)| owns.contains(&t[..i]) || owns.contains(&t[i..]))
        };
        for t in &before.tokens {
            changed |= self.tokens.remove(t) && token_matters(t);
        }
        for t in document_tokens(part) {
            let matters = token_matters(&t);
            changed |= self.tokens.add(t) && matters;
        }
        changed
    }
}

/// `reading` with the document's words and tokens, when they are counted (else it reads them
/// itself if an occurrence needs them).
fn with_sets<'a>(sets: &'a Option<Sets>, reading: Reading<'a>) -> Reading<'a> {
    match sets {
        Some(sets) => reading.with_sets(&sets.words.set, &sets.tokens.set),
        None => reading,
    }
}

/// What a document's senses are read from, kept with its analysis.
#[derive(Debug, Clone)]
pub struct DocumentReading {
    /// Counted only once some occurrence has a sense to choose: a document whose names are all
    /// deprecated or forbidden (a house style list) is never read for its words.
    sets: Option<Sets>,
    hints: HashSet<String>,
    definitions: Definitions,
    /// Offsets of `(` and `)`, sorted, with true for `(`.
    parens: Vec<(usize, bool)>,
    /// The letters of every match ([`own_letters`]): a token only matters when one of them
    /// starts or ends it.
    owns: HashSet<String>,
    /// The names the matches use (they change only when the matches do).
    names: DocumentNames,
    /// Each scanned match as the document reads it (`None`: no sense fits it here).
    slots: Vec<Option<Match>>,
    /// The read matches, in order (what rules see).
    read: Vec<Match>,
    /// `read` must be made again from `slots` (an edit spliced them); else it is theirs, moved
    /// by the edits since the last refresh.
    read_stale: bool,
    /// Names `read` as it is, moved by the edits since: a new number (unique in the process)
    /// whenever a refresh changes it otherwise ([`DocumentReading::generation`]).
    generation: u64,
    /// The names of matches an edit took away since the last refresh: every occurrence of
    /// them may read otherwise (they may have been a name's representative).
    removed: Vec<Vec<NameRef>>,
    /// What edits since the last [`DocumentReading::refresh`] may have changed.
    dirty: Dirty,
    /// How many refreshes read only around edits (tests, logs).
    pub local_edits: u64,
}

/// What must be read again.
#[derive(Debug, Clone)]
enum Dirty {
    All,
    /// The matches that touch these ranges (none: nothing).
    Zones(Vec<Range<usize>>),
}

/// From this many matches, a first read is copied on every core ([`DocumentReading::collect_read`]).
const PARALLEL_COPY: usize = if cfg!(test) { 8 } else { 16_384 };

/// Past this many edits between two reads, the whole document is read again.
const MAX_ZONES: usize = 64;

/// A number no reading has used ([`DocumentReading::generation`]).
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The part of the text an edit touches, taken before the edit ([`before_edit`]).
#[derive(Debug, Clone)]
pub struct Before {
    /// The edited range widened to whole tokens (old text).
    span: Range<usize>,
    /// The edited range itself.
    edit: Range<usize>,
    words: Vec<String>,
    tokens: Vec<String>,
    /// The lines of the edit hold a parenthesis.
    parens: bool,
}

/// Widens `r` to whole tokens: out to a character that is neither alphanumeric nor `_`/`-`
/// (so whole content words too), or the text's ends.
fn token_span(text: &str, r: Range<usize>) -> Range<usize> {
    let part = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let start = text[..r.start]
        .char_indices()
        .rev()
        .find(|(_, c)| !part(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[r.end..]
        .find(|c: char| !part(c))
        .map_or(text.len(), |i| r.end + i);
    start..end
}

/// True when the lines that `r` touches hold `(` or `)`.
fn lines_have_parens(text: &str, r: &Range<usize>) -> bool {
    let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    text[start..end].contains(['(', ')'])
}

/// What the edit of `range` (clamped already) will remove, read from the text before it.
pub fn before_edit(text: &str, range: Range<usize>) -> Before {
    let span = token_span(text, range.clone());
    let part = &text[span.clone()];
    Before {
        words: content_words(part).collect(),
        tokens: document_tokens(part).collect(),
        parens: lines_have_parens(text, &range),
        span,
        edit: range,
    }
}

impl DocumentReading {
    /// Reads the whole document.
    pub fn new(text: &str, glossary: &Glossary, matches: &[Match]) -> DocumentReading {
        let hints = Reading::new(text, glossary, &[]).hints().clone();
        let mut r = DocumentReading {
            sets: None,
            hints,
            definitions: Definitions::default(),
            parens: memchr::memchr2_iter(b'(', b')', text.as_bytes())
                .map(|i| (i, text.as_bytes()[i] == b'('))
                .collect(),
            owns: HashSet::new(),
            names: DocumentNames::default(),
            slots: Vec::new(),
            read: Vec::new(),
            read_stale: true,
            generation: next_generation(),
            removed: Vec::new(),
            dirty: Dirty::All,
            local_edits: 0,
        };
        r.refresh(text, glossary, matches);
        r
    }

    /// The document's matches as it reads them (what rules and semantic tokens see), as of
    /// the last [`DocumentReading::refresh`].
    pub fn read(&self) -> &[Match] {
        &self.read
    }

    /// Changes whenever [`DocumentReading::refresh`] changes [`DocumentReading::read`] otherwise
    /// than by moving it with the edits (numbers are never reused, by any reading): two
    /// refreshes that give the same number give the same matches, the later ones moved by the
    /// edits between them. What lets the server keep its findings without comparing every
    /// match ([`crate::analysis::rules::kept::Keys`]).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A [`senses::Reading`] of `text` that knows the document's words already (a hover's
    /// `meaning` and `rank`): no whole-text read.
    pub fn reading<'a>(&'a self, text: &'a str, glossary: &'a Glossary) -> Reading<'a> {
        // The names as kept, not found again in every match.
        with_sets(
            &self.sets,
            Reading::new(text, glossary, &[])
                .with_names(&self.names)
                .with_definitions(self.definitions.clone()),
        )
    }

    /// Reads every match again (the words are known, or counted now if a match needs them).
    fn read_all(&mut self, text: &str, glossary: &Glossary, matches: &[Match]) {
        let count = self.sets.is_none() && matches.iter().any(|m| senses::has_sense(glossary, m));
        // The names the matches use are found while the words are counted (on the other core).
        let (reading, counts) = rayon::join(
            || Reading::new(text, glossary, matches),
            || count.then(|| document_counts(text)),
        );
        if let Some(counts) = counts {
            self.sets = Some(Sets::new(counts, &self.hints));
        }
        let mut reading =
            with_sets(&self.sets, reading).with_definitions(std::mem::take(&mut self.definitions));
        self.names = reading.names();
        // The letters of each distinct spelling (a large document writes a few hundred), found
        // while the matches are read; only tokens need them (counted with the words).
        let counted = self.sets.is_some();
        let owns = || {
            if !counted {
                return HashSet::new();
            }
            let spellings: HashSet<&str, foldhash::fast::FixedState> =
                matches.iter().map(|m| &text[m.range.clone()]).collect();
            spellings.into_iter().map(own_letters).collect()
        };
        let (owns, slots) = rayon::join(owns, || senses::resolve_all(&mut reading, matches));
        self.owns = owns;
        self.definitions = reading.take_definitions();
        self.slots = slots;
        self.removed.clear();
        self.collect_read();
        self.generation = next_generation();
    }

    /// `read` made again from `slots`, in place: each entry takes its match's names into the
    /// allocation it has (`clone_from`), so a refresh allocates nothing per match.
    fn collect_read(&mut self) {
        if self.read.is_empty() && self.slots.len() >= PARALLEL_COPY {
            // The first read of a large document: nothing to reuse, copied on every core.
            use rayon::prelude::*;
            let parts: Vec<Vec<Match>> = (self.slots.par_chunks(PARALLEL_COPY / 2))
                .map(|part| part.iter().flatten().cloned().collect())
                .collect();
            self.read = Vec::with_capacity(parts.iter().map(Vec::len).sum());
            for part in parts {
                self.read.extend(part);
            }
            self.read_stale = false;
            return;
        }
        let mut n = 0;
        for m in self.slots.iter().flatten() {
            match self.read.get_mut(n) {
                // A derived `clone_from` would allocate: field by field.
                Some(r) => {
                    r.range.clone_from(&m.range);
                    r.refs.clone_from(&m.refs);
                    r.statuses.clone_from(&m.statuses);
                }
                None => self.read.push(m.clone()),
            }
            n += 1;
        }
        self.read.truncate(n);
        self.read_stale = false;
    }

    /// Brings what the reading knows of the whole document to `text`, the text after the edit
    /// `before` was taken for (quick: what an edit handler may do), and marks what must be read
    /// again ([`DocumentReading::refresh`]). `text` has
    /// `inserted` bytes in place of the edit's range; `matches` is the new scan, `splice` what the
    /// incremental re-scan changed in it (`None` after a full scan: every match is read again,
    /// the words are still only updated).
    pub fn edit(
        &mut self,
        before: Before,
        text: &str,
        inserted: usize,
        glossary: &Glossary,
        matches: &[Match],
        splice: Option<&Splice>,
    ) {
        let delta = inserted as isize - before.edit.len() as isize;
        let shift = |x: usize| (x as isize + delta) as usize;
        let map = |x: usize| if x >= before.edit.end { shift(x) } else { x };
        // The letters of the matches found again (a superset is harmless: a token that may
        // matter only reads more).
        if let Some(splice) = splice {
            for m in &matches[splice.at..splice.at + splice.inserted] {
                self.owns.insert(own_letters(&text[m.range.clone()]));
            }
        }
        let new_edit = before.edit.start..before.edit.start + inserted;
        let span = before.span.start..shift(before.span.end);
        let mut changed = match &mut self.sets {
            Some(sets) => sets.edit(&before, &text[span.clone()], glossary, &self.owns),
            // Nothing was read for its words: only a new occurrence with a sense to choose
            // needs them (then everything is read, the words counted first).
            None => splice.is_none_or(|splice| {
                matches[splice.at..splice.at + splice.inserted]
                    .iter()
                    .any(|m| senses::has_sense(glossary, m))
            }),
        };
        // Parentheses: the edit's lines had or have one, or the edit lies inside an open one
        // ("SAE (sparse … autoencoder)" may run across lines): definitions may change.
        let open_before = {
            let i = self
                .parens
                .partition_point(|(at, _)| *at < before.edit.start);
            i > 0 && self.parens[i - 1].1
        };
        let parens_now = lines_have_parens(text, &new_edit);
        let from = self
            .parens
            .partition_point(|(at, _)| *at < before.edit.start);
        let to = self.parens.partition_point(|(at, _)| *at < before.edit.end);
        let new_parens: Vec<(usize, bool)> = text[new_edit.clone()]
            .bytes()
            .enumerate()
            .filter(|(_, b)| matches!(b, b'(' | b')'))
            .map(|(i, b)| (new_edit.start + i, b == b'('))
            .collect();
        for p in &mut self.parens[to..] {
            p.0 = shift(p.0);
        }
        self.parens.splice(from..to, new_parens);
        let definitions_kept = !before.parens && !parens_now && !open_before;
        if definitions_kept {
            for defs in self.definitions.values_mut() {
                for d in defs.iter_mut().filter(|d| d.at() >= before.edit.end) {
                    d.shift(delta);
                }
            }
        } else {
            self.definitions.clear();
        }
        // Front matter (declared domains) and the names the document uses.
        let hints = Reading::new(text, glossary, &[]).hints().clone();
        let same_matches = splice.is_some_and(|splice| {
            splice.removed.len() == splice.inserted
                && splice.removed.iter().enumerate().all(|(k, old)| {
                    let new = &matches[splice.at + k];
                    old.refs == new.refs
                        && map(old.range.start) == new.range.start
                        && map(old.range.end) == new.range.end
                        && (new.range.end <= new_edit.start || new.range.start >= new_edit.end)
                })
        });
        if hints != self.hints {
            if let Some(sets) = &mut self.sets {
                sets.words.set_always(hints.clone());
            }
            self.hints = hints;
            changed = true;
        }
        if changed || !definitions_kept {
            self.dirty = Dirty::All;
            return;
        }
        // Other matches around the edit than before: still read around it when the document
        // names the same things (what every occurrence's reading depends on of the matches),
        // the slots following the splice; the new ones are read, and every occurrence of the
        // names taken away (an hashing pass over the matches, no full read).
        let spliced = match splice {
            Some(_) if same_matches => None,
            Some(splice) if Reading::new(text, glossary, matches).names() == self.names => {
                Some(splice)
            }
            _ => {
                self.dirty = Dirty::All;
                return;
            }
        };
        let mut zone = span.start.saturating_sub(REACH)..span.end + REACH;
        if let Some(splice) = spliced {
            let gone = splice.at..splice.at + splice.removed.len();
            if gone.end > self.slots.len() {
                // No slots to follow the splice (not read yet): read it all when asked.
                self.dirty = Dirty::All;
                return;
            }
            self.slots
                .splice(gone, std::iter::repeat_n(None, splice.inserted));
            self.read_stale = true;
            for m in &splice.removed {
                if !self.removed.contains(&m.refs) {
                    self.removed.push(m.refs.clone());
                }
            }
            for m in &matches[splice.at..splice.at + splice.inserted] {
                zone.start = zone.start.min(m.range.start);
                zone.end = zone.end.max(m.range.end);
            }
        }
        // Only around the edit: the matches within REACH of the widened span (and, when read,
        // every occurrence of the names they read by). Slots and earlier zones move with the
        // text.
        // (From the splice: the matches before it end before the re-scanned window. No slots
        // yet, before the first read: none to move.)
        let first = splice.map_or(0, |s| s.at).min(self.slots.len());
        for slot in self.slots[first..].iter_mut().flatten() {
            if slot.range.start >= before.edit.end {
                slot.range = shift(slot.range.start)..shift(slot.range.end);
            }
        }
        // The read list moves the same way (in order: from the first after the edit).
        if !self.read_stale {
            let from = self
                .read
                .partition_point(|m| m.range.start < before.edit.end);
            for m in &mut self.read[from..] {
                m.range = shift(m.range.start)..shift(m.range.end);
            }
        }
        match &mut self.dirty {
            Dirty::All => {}
            Dirty::Zones(zones) if zones.len() >= MAX_ZONES => self.dirty = Dirty::All,
            Dirty::Zones(zones) => {
                // Ends inside the edit go to its start or its new end.
                let (e, n) = (&before.edit, &new_edit);
                let start = |x: usize| if x < e.end { x.min(n.start) } else { shift(x) };
                let end = |x: usize| if x < e.start { x } else { shift(x.max(e.end)) };
                for z in zones.iter_mut() {
                    *z = start(z.start)..end(z.end);
                }
                zones.push(zone);
            }
        }
    }

    /// Reads again what the edits since the last call may have changed (blocks: the whole
    /// document when an edit changed what it says; on a worker).
    pub fn refresh(&mut self, text: &str, glossary: &Glossary, matches: &[Match]) {
        let zones = match std::mem::replace(&mut self.dirty, Dirty::Zones(Vec::new())) {
            Dirty::All => return self.read_all(text, glossary, matches),
            Dirty::Zones(zones) if zones.is_empty() => return,
            Dirty::Zones(zones) => zones,
        };
        // The matches that touch a zone, by index (binary search: matches are in order and
        // do not overlap, so their ends are in order too).
        let mut nearby: Vec<usize> = Vec::new();
        for z in &zones {
            let lo = matches.partition_point(|m| m.range.end < z.start);
            let hi = matches.partition_point(|m| m.range.start <= z.end);
            nearby.extend(lo..hi.max(lo));
        }
        nearby.sort_unstable();
        nearby.dedup();
        let near = |i: usize| nearby.binary_search(&i).is_ok();
        // The names read by name near the edits (a few): each reads as its representative,
        // its first occurrence not inside another name, does.
        let removed = std::mem::take(&mut self.removed);
        let mut keys: Vec<&[NameRef]> = removed.iter().map(Vec::as_slice).collect();
        for m in nearby.iter().map(|&i| &matches[i]) {
            if !keys.contains(&&m.refs[..]) && read_by_name(text, glossary, m) {
                keys.push(&m.refs[..]);
            }
        }
        let key_of = |m: &Match| keys.iter().position(|k| *k == &m.refs[..]);
        // Finding a key's representative asks whether an occurrence is inside another name,
        // which may need the document's tokens: counted once here and kept (each edit brings
        // them up to date), not counted again by a fresh reading on every keystroke (15 ms at
        // 10 MB).
        if !keys.is_empty() && self.sets.is_none() {
            self.sets = Some(Sets::new(document_counts(text), &self.hints));
        }
        let mut reading = with_sets(
            &self.sets,
            Reading::new(text, glossary, &[]).with_names(&self.names),
        )
        .with_definitions(std::mem::take(&mut self.definitions));
        // Each key's representative, and a witness: an occurrence far from the edits and not
        // inside another name, whose kept reading is what the key read as before.
        let mut rep: Vec<Option<usize>> = vec![None; keys.len()];
        let mut witness: Vec<Option<usize>> = vec![None; keys.len()];
        let mut left = keys.len();
        for (i, m) in matches.iter().enumerate() {
            if left == 0 {
                break;
            }
            let Some(k) = key_of(m) else { continue };
            if (rep[k].is_some() && witness[k].is_some()) || reading.in_other_name(m) {
                continue;
            }
            rep[k].get_or_insert(i);
            if !near(i) {
                witness[k] = Some(i);
                left -= 1;
            }
        }
        let before: Vec<Option<Option<Match>>> = witness
            .iter()
            .map(|w| w.map(|w| self.slots[w].clone()))
            .collect();
        // The occurrences near the edits and each key's representative, in order: read from a
        // list of just those (what `resolve_each` gives a match depends on the match and the
        // ones picked before it, never on the others), not by a test of every match.
        let mut picked = nearby.clone();
        picked.extend(rep.iter().flatten());
        picked.sort_unstable();
        picked.dedup();
        let few: Vec<Match> = picked.iter().map(|&i| matches[i].clone()).collect();
        let slots = &mut self.slots;
        let mut moved_only = true;
        senses::resolve_each(
            &mut reading,
            &few,
            |_| true,
            |j, m| {
                let slot = &mut slots[picked[j]];
                moved_only &= *slot == m;
                *slot = m;
            },
        );
        // A key whose representative now reads otherwise than its witness did: every
        // occurrence again.
        let same = |a: &Option<Match>, b: &Option<Match>| match (a, b) {
            (Some(a), Some(b)) => a.refs == b.refs && a.statuses == b.statuses,
            (None, None) => true,
            _ => false,
        };
        let changed: Vec<usize> = (0..keys.len())
            .filter(|&k| match (&before[k], rep[k]) {
                (Some(old), Some(r)) => !same(old, &self.slots[r]),
                _ => false,
            })
            .collect();
        if !changed.is_empty() {
            moved_only = false;
            let slots = &mut self.slots;
            senses::resolve_each(
                &mut reading,
                matches,
                |i| key_of(&matches[i]).is_some_and(|k| changed.contains(&k)),
                |i, m| slots[i] = m,
            );
        }
        self.definitions = reading.take_definitions();
        // Every slot read again as it was: the read list is the one before, moved (as the
        // edits did); else it is made again, and named anew.
        if self.read_stale || !moved_only {
            self.collect_read();
            self.generation = next_generation();
        }
        self.local_edits += 1;
    }
}

#[cfg(test)]
mod tests;
