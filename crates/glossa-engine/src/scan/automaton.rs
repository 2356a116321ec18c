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
//!
//! Walks are taken [`LANES`] at a time, a byte of each in turn ([`Prefixes::walk_many`]): at 1M
//! names the automaton is ~200 MB and every step of a walk past its first bytes a cache miss;
//! one walk's steps wait for each other, different walks' do not (10 MB, 1M names: the scan
//! ~105 → ~70 ms).

use aho_corasick::automaton::{Automaton, StateID};
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

    /// Every pattern that `hay[start..]` (folded) starts with, appended to `out` as
    /// (pattern, end) shortest first: one walk of [`Prefixes::walk_many`].
    pub fn walk(&self, hay: &[u8], start: usize, out: &mut Vec<(u32, usize)>) {
        let mut walked = Vec::new();
        self.walk_many(hay, false, &[start], &mut walked);
        out.extend(walked.into_iter().map(|(_, p, end)| (p, end)));
    }

    /// Every pattern the text starts with at each of `starts` (at most [`LANES`]): `hay`
    /// folded, or with `ascii_source` a plain ASCII text read folded ([`AsciiFolding`], ends in
    /// its own offsets). The walks are taken a byte at a time in turn: a step is a load
    /// from an automaton that at 1M names is two hundred times the cache, and steps of
    /// different walks do not wait for each other, so their misses overlap where one walk
    /// after another waits for each in turn (issue 9: the walks were half the scan's time at
    /// 1M names). Appends (index in `starts`, pattern, end) to `out`, a walk's patterns
    /// shortest first.
    pub fn walk_many(
        &self,
        hay: &[u8],
        ascii_source: bool,
        starts: &[usize],
        out: &mut Vec<(u32, u32, usize)>,
    ) {
        if ascii_source {
            self.walk_lanes(|start| AsciiFolding::new(hay, start), starts, out);
        } else {
            let fed = |start: usize| {
                hay[start.min(hay.len())..]
                    .iter()
                    .enumerate()
                    .map(move |(i, &b)| (b, start + i + 1))
            };
            self.walk_lanes(fed, starts, out);
        }
    }

    #[inline(always)]
    fn walk_lanes<I: Iterator<Item = (u8, usize)>>(
        &self,
        feed: impl Fn(usize) -> I,
        starts: &[usize],
        out: &mut Vec<(u32, u32, usize)>,
    ) {
        debug_assert!(starts.len() <= LANES);
        // The walks going on are `lanes[..live]`; one that ends swaps places with the last.
        let mut lanes: [Option<Lane<'_, I>>; LANES] = std::array::from_fn(|_| None);
        let mut live = 0;
        for (k, &start) in starts.iter().enumerate() {
            let mut fed = feed(start);
            let Some((first, end)) = fed.next() else {
                continue;
            };
            let Some(shard) = self.shards.get(self.shard_of[first as usize] as usize) else {
                continue;
            };
            let mut lane = Lane {
                index: k as u32,
                shard,
                sid: StateID::ZERO,
                len: 0,
                fed,
            };
            let going = match &shard.automaton {
                Kind::Contiguous(a) => lane.start(a, first, end, &self.ids, out),
                Kind::Noncontiguous(a) => lane.start(a, first, end, &self.ids, out),
            };
            if going {
                lanes[live] = Some(lane);
                live += 1;
            }
        }
        while live > 0 {
            let mut k = 0;
            while k < live {
                let Some(lane) = &mut lanes[k] else {
                    unreachable!("the first `live` lanes are walking")
                };
                let going = match lane.fed.next() {
                    None => false,
                    Some((b, end)) => match &lane.shard.automaton {
                        Kind::Contiguous(a) => lane.step(a, b, end, &self.ids, out),
                        Kind::Noncontiguous(a) => lane.step(a, b, end, &self.ids, out),
                    },
                };
                if going {
                    k += 1;
                } else {
                    live -= 1;
                    lanes.swap(k, live);
                    lanes[live] = None;
                }
            }
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

/// How many walks [`Prefixes::walk_many`] takes in turn.
pub const LANES: usize = 16;

/// One of the walks [`Prefixes::walk_many`] takes in turn.
struct Lane<'p, I> {
    /// Its start's index in the caller's list.
    index: u32,
    shard: &'p Shard,
    sid: StateID,
    /// Bytes walked.
    len: usize,
    fed: I,
}

impl<I> Lane<'_, I> {
    /// From the start state over the walk's `first` byte, which ends at `end`: false when the
    /// walk is over.
    #[inline(always)]
    fn start<A: Automaton>(
        &mut self,
        a: &A,
        first: u8,
        end: usize,
        ids: &[u32],
        out: &mut Vec<(u32, u32, usize)>,
    ) -> bool {
        let Ok(sid) = a.start_state(Anchored::Yes) else {
            return false;
        };
        self.sid = sid;
        self.step(a, first, end, ids, out)
    }

    /// One byte further, the patterns as long as the walk appended to `out`: false when the
    /// walk is over. A state's matches may be patterns ending there that start later (the
    /// builder copies a failure state's matches into the states leading to it), so only the
    /// patterns as long as the walk are kept.
    #[inline(always)]
    fn step<A: Automaton>(
        &mut self,
        a: &A,
        b: u8,
        end: usize,
        ids: &[u32],
        out: &mut Vec<(u32, u32, usize)>,
    ) -> bool {
        self.len += 1;
        self.sid = a.next_state(Anchored::Yes, self.sid, b);
        if a.is_special(self.sid) {
            if a.is_dead(self.sid) {
                return false;
            }
            if a.is_match(self.sid) {
                for k in 0..a.match_len(self.sid) {
                    let pid = a.match_pattern(self.sid, k);
                    if a.pattern_len(pid) == self.len {
                        let id = ids[self.shard.first as usize + pid.as_usize()];
                        out.push((self.index, id, end));
                    }
                }
            }
        }
        true
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
        /// The walk from any start, alone or beside others ([`Prefixes::walk_many`]), yields
        /// exactly the patterns the text starts with there: with one shard, and shards of one
        /// or three patterns (names sharing first bytes across shards: one first byte's
        /// patterns stay in one shard).
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
            // Every start at once, walked together: each walk's patterns, whatever the others.
            let starts: Vec<usize> = (0..hay.len()).collect();
            for a in &automata {
                for chunk in starts.chunks(LANES).chain(starts.chunks(3)) {
                    let mut together = Vec::new();
                    a.walk_many(hay.as_bytes(), false, chunk, &mut together);
                    for (k, &start) in chunk.iter().enumerate() {
                        let mut got: Vec<(u32, usize)> = together
                            .iter()
                            .filter(|w| w.0 == k as u32)
                            .map(|&(_, p, end)| (p, end))
                            .collect();
                        got.sort_by_key(|&(p, end)| (end, p));
                        let want = brute(&patterns, hay.as_bytes(), start);
                        prop_assert_eq!(&got, &want, "{:?} at {}", hay, start);
                    }
                }
            }
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
