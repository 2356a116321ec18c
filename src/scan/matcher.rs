//! The term matcher: one aho-corasick automaton over every matchable glossary name.
//!
//! Patterns are folded names ([`crate::glossary::fold_name`]) and the haystack is a folded copy of
//! the text ([`super::fold::Folded`]), so the automaton itself is case-sensitive and
//! `LeftmostLongest`: "sparse autoencoders" is one match, not "sparse" then "autoencoder".
//! aho-corasick has no notion of words, so every candidate is checked here:
//!
//! - word boundaries, Unicode-aware, on both sides (only where the name itself starts or ends
//!   with a word character: "C++" needs none after it);
//! - regular English plurals: a trailing "s"/"es" is taken into the match; names ending in a
//!   consonant and "y" get an extra "-ies" pattern;
//! - case: acronyms and case-sensitive names must appear exactly as written ("SAM", not "Sam").
//!
//! A candidate that fails is not the end of the story: the search resumes at the next character,
//! not after the rejected match, so a shorter valid name inside it is still found.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use super::fold::Folded;
use crate::glossary::normalize::{ies_stem, is_separator};
use crate::glossary::{Glossary, NameRef, Status, StatusSet};

/// What [`Matcher::search_all`] found in a piece of text.
#[derive(Debug)]
pub struct Searched {
    pub folded: Folded,
    /// Accepted matches, in source offsets (plus the base).
    pub matches: Vec<Match>,
    /// Rejected candidates, in folded offsets, ordered by start.
    pub rejected: Vec<(u32, u32)>,
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
    /// True for the extra "-ies" plural of a name ending in "y".
    ies_plural: bool,
}

/// The automaton over a glossary's names. Build once per glossary and share it (`Arc`).
#[derive(Debug)]
pub struct Matcher {
    ac: Option<AhoCorasick>,
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
    starts_word: bool,
    ends_word: bool,
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
                    n.case_sensitive.then(|| n.text.clone())
                })
                .collect();
            groups.push(Group {
                refs: refs.to_vec(),
                case_sensitive,
                statuses: refs.iter().map(|r| glossary.name(*r).status).collect(),
                starts_word: folded.chars().next().is_some_and(is_word_char),
                ends_word: folded.chars().next_back().is_some_and(is_word_char),
            });
            texts.push(folded.to_owned());
            patterns.push(Pattern {
                group,
                ies_plural: false,
            });
            if let Some(stem) = ies_stem(folded) {
                texts.push(format!("{stem}ies"));
                patterns.push(Pattern {
                    group,
                    ies_plural: true,
                });
            }
        }
        let ac = if texts.is_empty() {
            None
        } else {
            Some(build_automaton(&texts))
        };
        Matcher {
            ac,
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

    /// The whole of `text` searched, prose or not: its folded copy, the matches (with `base`
    /// added), and the folded ranges of the candidates the checks rejected (one character
    /// longer than the name: the checks look one past it). [`super::scan`] runs this beside
    /// prose extraction; the rejected ranges tell it where a region's own search could differ.
    pub fn search_all(&self, text: &str, base: usize) -> Searched {
        let folded = Folded::new(text);
        let (mut matches, mut rejected) = (Vec::new(), Vec::new());
        self.search(text, &folded, base, &mut matches, Some(&mut rejected));
        Searched {
            folded,
            matches,
            rejected,
        }
    }

    fn search(
        &self,
        text: &str,
        folded: &Folded,
        base: usize,
        out: &mut Vec<Match>,
        mut rejected: Option<&mut Vec<(u32, u32)>>,
    ) {
        let Some(ac) = &self.ac else { return };
        let hay = folded.text.as_str();
        let mut at = 0;
        while at < hay.len() {
            let Some(m) = ac.find(Input::new(hay).range(at..)) else {
                break;
            };
            match self.accept(text, folded, m.pattern().as_usize(), m.start(), m.end()) {
                Some(found) => {
                    let end = found.range.end;
                    out.push(Match {
                        range: base + found.range.start..base + end,
                        refs: found.refs,
                        statuses: found.statuses,
                    });
                    at = found.folded_end.max(m.start() + 1);
                }
                None => {
                    if let Some(r) = rejected.as_deref_mut() {
                        r.push((m.start() as u32, m.end() as u32 + 1));
                    }
                    at = next_char(hay, m.start());
                }
            }
        }
    }

    fn accept(
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
                    Some(s) if ends_letter && !p.ies_plural => full_end = end + s.len(),
                    _ => return None,
                }
            }
        }
        let src_start = folded.to_source(start);
        let src_base_end = folded.to_source(end);
        let src_end = folded.to_source(full_end);
        let found = &src[src_start..src_base_end];
        let mut statuses = StatusSet::default();
        let refs: Vec<NameRef> = g
            .refs
            .iter()
            .zip(&g.case_sensitive)
            .zip(&g.statuses)
            .filter(|((_, exact), _)| match exact {
                None => true,
                Some(name) => !p.ies_plural && same_with_case(found, name),
            })
            .map(|((r, _), status)| {
                statuses.insert(*status);
                *r
            })
            .collect();
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

/// Combining marks (a rough test without tables: the common combining blocks).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
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
