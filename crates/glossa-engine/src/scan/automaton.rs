//! The matcher's automaton: the glossary's patterns as a trie walked from a given start
//! (anchored searches only), never searched from the middle of a text.
//!
//! The matcher only tries names where one can start (a word start, or a byte that begins one
//! of the few names starting with a non-word character, see [`super::walk`]); one walk from
//! there yields every pattern that is a prefix of the text, so no failure transitions are ever
//! followed and the patterns can be split into *shards* by their first byte, each built on its
//! own: a shard's noncontiguous NFA (the builder's intermediate, several times the size) is
//! dropped before the next one is built, so a 1M-name glossary's peak is the contiguous shards
//! plus one shard's build, not the whole noncontiguous NFA (issue 9).
//!
//! Each shard is a contiguous NFA, even for small glossaries: a walk is a few steps from a word
//! start, and the NFA's compact states stay in cache where a DFA's full rows did not (1k names,
//! 10 MB: `check` 0.35 → 0.30 CPU s with the NFA, BENCHMARKS.md).

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::{contiguous, noncontiguous};
use aho_corasick::{Anchored, MatchKind};

use super::first_words::FirstWords;
use super::fold::AsciiFolding;

/// A shard holds the patterns of a run of first bytes, closed once it has this many (a single
/// first byte's patterns are never split). At 1M names a shard's noncontiguous build is a few
/// tens of MB at most.
pub(super) const SHARD_PATTERNS: usize = 1 << 16;

/// Patterns by first byte, each shard an anchored automaton.
#[derive(Debug)]
pub struct Prefixes {
    /// First byte → index in `shards` ([`NO_SHARD`]: no pattern starts with it). A `u8` is
    /// enough: patterns are UTF-8, whose first bytes are never 0x80–0xBF or 0xF8–0xFF, so
    /// there are at most 184 shards, one per first byte at most.
    shard_of: [u8; 256],
    shards: Vec<Shard>,
    /// The caller's pattern ids, shard after shard: a shard's pattern `p` is
    /// `ids[shard.first + p]` (one table, sized exactly; issue 9).
    ids: Vec<u32>,
    /// The patterns' first words, to turn away word starts before a walk.
    first_words: FirstWords,
}

const NO_SHARD: u8 = u8::MAX;

#[derive(Debug)]
struct Shard {
    automaton: Kind,
    /// Where the shard's ids start in `Prefixes::ids`.
    first: u32,
}

#[derive(Debug)]
enum Kind {
    Contiguous(contiguous::NFA),
    /// When the contiguous copy cannot be built (its state ids overflow).
    Noncontiguous(noncontiguous::NFA),
}

impl Prefixes {
    /// The automaton over `patterns` (none empty). Pattern `i` is reported as `i`.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Prefixes {
        Prefixes::with_shards(patterns, SHARD_PATTERNS)
    }

    /// [`Prefixes::new`] with shards closed at `shard_patterns` patterns (tests make many
    /// small shards).
    pub fn with_shards<P: AsRef<str>>(patterns: &[P], shard_patterns: usize) -> Prefixes {
        let ids = (0..patterns.len() as u32).collect();
        Prefixes::from_ids(
            ids,
            |i| patterns[i as usize].as_ref().as_bytes(),
            shard_patterns,
        )
    }

    /// The automaton over the patterns `ids` name, each reported as its id, with `text`
    /// giving a pattern's bytes (never empty): the caller keeps its texts where they are
    /// instead of a list of strings (issue 9: 2M patterns). Shards close at `shard_patterns`
    /// patterns ([`SHARD_PATTERNS`] for [`Prefixes::new`]).
    pub fn from_ids<'t>(
        ids: Vec<u32>,
        text: impl Fn(u32) -> &'t [u8],
        shard_patterns: usize,
    ) -> Prefixes {
        let first = |id: u32| text(id)[0] as usize;
        let mut shard_of = [NO_SHARD; 256];
        let mut shards = Vec::new();
        let first_words = FirstWords::new(ids.iter().map(|&id| text(id)), ids.len());
        if ids.is_empty() {
            return Prefixes {
                shard_of,
                shards,
                ids,
                first_words,
            };
        }
        // Counting sort of the ids by first byte.
        let mut count = [0usize; 257];
        for &id in &ids {
            count[first(id) + 1] += 1;
        }
        for b in 0..256 {
            count[b + 1] += count[b];
        }
        let mut order = vec![0u32; ids.len()];
        let mut next = count;
        for id in ids {
            let slot = &mut next[first(id)];
            order[*slot] = id;
            *slot += 1;
        }
        // Each shard's run of first bytes, `from..=to`.
        let mut runs = Vec::new();
        let mut from = 0;
        for b in 0..256 {
            let to = count[b + 1];
            let last = b == 255;
            if to - count[from] >= shard_patterns.max(1) || (last && to > count[from]) {
                for sb in from..=b {
                    if count[sb + 1] > count[sb] {
                        shard_of[sb] = runs.len() as u8;
                    }
                }
                runs.push((from, b));
                from = b + 1;
            }
        }
        // Built largest first: the peak is the shards built so far plus the one being built,
        // and the last ones built are then the smallest (issue 9: 1M names).
        let mut built: Vec<Option<Shard>> = (0..runs.len()).map(|_| None).collect();
        let mut by_size: Vec<usize> = (0..runs.len()).collect();
        by_size.sort_by_key(|&s| std::cmp::Reverse(count[runs[s].1 + 1] - count[runs[s].0]));
        for s in by_size {
            let (from, to) = (count[runs[s].0], count[runs[s].1 + 1]);
            let texts = order[from..to].iter().map(|&id| text(id));
            built[s] = Some(Shard::build(texts, from as u32).expect("glossary patterns fit"));
        }
        shards.extend(built.into_iter().flatten());
        Prefixes {
            shard_of,
            shards,
            ids: order,
            first_words,
        }
    }

    /// Whether some pattern starts with `byte`.
    #[inline]
    pub fn starts(&self, byte: u8) -> bool {
        self.shard_of[byte as usize] != NO_SHARD
    }

    /// Whether a pattern may match at `start` of `text`, a word start whose run of ASCII word
    /// bytes ends at `end`: see [`FirstWords`].
    #[inline]
    pub fn may_match_at_word(&self, text: &[u8], start: usize, end: usize) -> bool {
        self.first_words.may_start(text, start, end)
    }

    /// Every pattern that `hay[start..]` starts with, appended to `out` as (pattern, end)
    /// shortest first.
    #[inline]
    pub fn walk(&self, hay: &[u8], start: usize, out: &mut Vec<(u32, usize)>) {
        let fed = hay[start.min(hay.len())..]
            .iter()
            .enumerate()
            .map(|(i, &b)| (b, start + i + 1));
        self.walk_bytes(fed, out);
    }

    /// [`Prefixes::walk`] over a plain ASCII text folded as it is read ([`AsciiFolding`]):
    /// the patterns its folded copy starts with at `start` (not inside a separator run), with
    /// their ends in `text`'s own offsets.
    #[inline]
    pub fn walk_ascii(&self, text: &[u8], start: usize, out: &mut Vec<(u32, usize)>) {
        self.walk_bytes(AsciiFolding::new(text, start), out);
    }

    /// The walk over `fed`: the folded bytes, each with the offset just after it.
    #[inline(always)]
    fn walk_bytes(
        &self,
        mut fed: impl Iterator<Item = (u8, usize)> + Clone,
        out: &mut Vec<(u32, usize)>,
    ) {
        let Some((first, _)) = fed.clone().next() else {
            return;
        };
        let Some(shard) = self.shards.get(self.shard_of[first as usize] as usize) else {
            return;
        };
        let ids = &self.ids[shard.first as usize..];
        let found = |pid: u32, end: usize| (ids[pid as usize], end);
        match &shard.automaton {
            Kind::Contiguous(a) => walk(a, &mut fed, out, found),
            Kind::Noncontiguous(a) => walk(a, &mut fed, out, found),
        }
    }

    /// The heap bytes of the automaton and its id tables.
    pub fn memory_usage(&self) -> usize {
        self.ids.capacity() * 4
            + self.first_words.memory_usage()
            + self
                .shards
                .iter()
                .map(|s| match &s.automaton {
                    Kind::Contiguous(a) => a.memory_usage(),
                    Kind::Noncontiguous(a) => a.memory_usage(),
                })
                .sum::<usize>()
    }

    /// Number of shards (one automaton each).
    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }
}

impl Shard {
    fn build<'a>(patterns: impl Iterator<Item = &'a [u8]>, first: u32) -> Option<Shard> {
        let nfa = noncontiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(patterns)
            .ok()?;
        let automaton = contiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build_from_noncontiguous(&nfa);
        let automaton = match automaton {
            Ok(a) => {
                // Copied once the intermediate is gone: the copy takes the room the
                // intermediate left below the built automaton, sized exactly (the built one's
                // tables grew by doubling), instead of leaving that room a hole under every
                // shard (issue 9: 1M names, ~70 MB of the heap's free holes at the peak).
                drop(nfa);
                Kind::Contiguous(a.clone())
            }
            Err(_) => Kind::Noncontiguous(nfa),
        };
        Some(Shard { automaton, first })
    }
}

/// The anchored walk of one automaton over `fed` (folded bytes, each with the offset just
/// after it). A state's matches may be patterns ending there that start later (the builder
/// copies a failure state's matches into the states leading to it), so only the patterns as
/// long as the walk are kept.
#[inline(always)]
fn walk<A: Automaton>(
    a: &A,
    fed: impl Iterator<Item = (u8, usize)>,
    out: &mut Vec<(u32, usize)>,
    found: impl Fn(u32, usize) -> (u32, usize),
) {
    let Ok(mut sid) = a.start_state(Anchored::Yes) else {
        return;
    };
    for (len, (b, end)) in (1..).zip(fed) {
        sid = a.next_state(Anchored::Yes, sid, b);
        if a.is_special(sid) {
            if a.is_dead(sid) {
                return;
            }
            if a.is_match(sid) {
                for k in 0..a.match_len(sid) {
                    let pid = a.match_pattern(sid, k);
                    if a.pattern_len(pid) == len {
                        out.push(found(pid.as_u32(), end));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every (pattern, end) with `patterns[pattern]` a prefix of `hay[start..]`, shortest first.
    fn brute(patterns: &[String], hay: &[u8], start: usize) -> Vec<(u32, usize)> {
        let mut out: Vec<(u32, usize)> = (0..patterns.len() as u32)
            .filter(|&i| hay[start..].starts_with(patterns[i as usize].as_bytes()))
            .map(|i| (i, start + patterns[i as usize].len()))
            .collect();
        out.sort_by_key(|&(p, end)| (end, p));
        out
    }

    fn walked(a: &Prefixes, hay: &[u8], start: usize) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        a.walk(hay, start, &mut out);
        out.sort_by_key(|&(p, end)| (end, p));
        out
    }

    /// Syllables sharing first bytes and suffixes (failure links everywhere), ASCII and not.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["a", "ab", "b", "ba", "é", "è", ".", "+", "€", " "])
    }

    proptest! {
        /// The walk from any start yields exactly the patterns the text starts with there: with
        /// one shard, and shards of one or three patterns (names sharing first bytes across
        /// shards: one first byte's patterns stay in one shard).
        #[test]
        fn a_walk_yields_every_pattern_the_text_starts_with(
            patterns in prop::collection::vec(prop::collection::vec(piece(), 1..5), 1..12),
            text in prop::collection::vec(piece(), 0..20),
        ) {
            let patterns: Vec<String> = patterns.into_iter().map(|p| p.concat()).collect();
            let hay = text.concat();
            let automata = [
                Prefixes::new(&patterns),
                Prefixes::with_shards(&patterns, 1),
                Prefixes::with_shards(&patterns, 3),
            ];
            for start in 0..hay.len() {
                let want = brute(&patterns, hay.as_bytes(), start);
                for a in &automata {
                    prop_assert_eq!(&walked(a, hay.as_bytes(), start), &want, "{:?} at {}", hay, start);
                }
                for &(_, end) in &want {
                    prop_assert!(automata.iter().all(|a| a.starts(hay.as_bytes()[start])), "{}", end);
                }
            }
        }
    }
}
