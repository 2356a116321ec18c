//! Finding glossary terms in documents.
//!
//! Two steps: [`prose`] says which byte ranges of a document are prose (not code, URLs, math,
//! front matter), and [`Matcher`] finds glossary names inside those ranges. Both work on `&str`
//! and byte ranges; nothing here knows about LSP or files.
//!
//! For a large document the two steps run at once ([`scan_overlapped`]): the matcher searches
//! the whole text, in chunks across the cores, while prose extraction runs; then the matches
//! inside prose are kept. That is exactly what searching each region alone gives
//! ([`scan_regions`], the reference) except near a region's edge, where text outside it could
//! change the answer: a candidate (accepted or rejected) whose checks read text across the edge
//! (its token, see [`matcher`]), a word character just outside it, or a chunk boundary inside
//! the region. Those few regions are
//! searched again on their own. A proptest holds the two equal.

pub mod automaton;
pub mod first_words;
pub mod fold;
pub mod incremental;
pub mod local_edit;
pub mod matcher;
pub mod prose;
pub mod walk;

use std::ops::Range;

pub use matcher::{Match, Matcher};
pub use prose::{FileKind, prose_regions};

/// Above this size, regions are matched on all cores.
const PARALLEL_THRESHOLD: usize = 256 * 1024;

/// Above this size, prose extraction and matching run at once...
const OVERLAP_THRESHOLD: usize = 64 * 1024;
/// ...when the glossary is small enough for matching to cost about what prose extraction
/// costs. With large glossaries matching dominates, more candidates are rejected near region
/// edges (more regions searched twice), and the per-region search on both cores wins
/// (BENCHMARKS.md: +45% at 271 patterns, -10% at 1,228, much worse at 100k).
const OVERLAP_MAX_PATTERNS: usize = 1_000;

/// Every glossary match in the prose of `text`, in order.
pub fn scan(text: &str, kind: FileKind, matcher: &Matcher) -> Vec<Match> {
    scan_with_regions(text, kind, matcher).1
}

/// The prose regions of `text` and every match in them.
pub fn scan_with_regions(
    text: &str,
    kind: FileKind,
    matcher: &Matcher,
) -> (Vec<Range<usize>>, Vec<Match>) {
    if text.len() < OVERLAP_THRESHOLD || matcher.pattern_count() > OVERLAP_MAX_PATTERNS {
        let regions = prose_regions(text, kind);
        let matches = scan_regions(text, &regions, matcher);
        return (regions, matches);
    }
    scan_overlapped(
        text,
        kind,
        matcher,
        (text.len() / (2 * rayon::current_num_threads())).max(1),
    )
}

/// [`scan_with_regions`] with prose extraction and matching at once, the whole text searched
/// in chunks of about `chunk` bytes (see the module doc). Public so tests can hold it equal to
/// [`scan_regions`] with small chunks.
pub fn scan_overlapped(
    text: &str,
    kind: FileKind,
    matcher: &Matcher,
    chunk: usize,
) -> (Vec<Range<usize>>, Vec<Match>) {
    use rayon::prelude::*;
    let chunks = split(text, chunk);
    let (regions, searched) = rayon::join(
        || prose_regions(text, kind),
        || {
            chunks
                .par_iter()
                .map(|c| matcher.search_all(&text[c.clone()], c.start))
                .collect::<Vec<_>>()
        },
    );
    // A chunk boundary inside a region (or at its edge): its own search is the reference.
    let mut redo: Vec<bool> = regions
        .iter()
        .map(|r| {
            chunks
                .iter()
                .any(|c| c.start > 0 && r.start <= c.start && c.start <= r.end)
        })
        .collect();
    // Edges, in order: (offset, region, whether a word character stands just before a start
    // edge where a name may start: the whole text's search tries no start inside a word, the
    // region's own search does).
    let edges: Vec<(usize, usize, bool)> = regions
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            let word_before = text[..r.start]
                .chars()
                .next_back()
                .is_some_and(matcher::is_word_char)
                && matcher.may_start(&text[r.start..]);
            [(r.start, i, word_before), (r.end, i, false)]
        })
        .collect();
    // What the checks of every candidate read, accepted or rejected (source offsets, in
    // order): a region is searched again when that runs across one of its edges.
    let looked = searched.iter().flat_map(|s| s.looked.iter().copied());
    sweep(looked, edges.iter().copied(), &mut redo);
    let mut out = Vec::new();
    let mut next = searched.into_iter().flat_map(|s| s.matches).peekable();
    for (r, redo) in regions.iter().zip(redo) {
        while next.next_if(|m| m.range.start < r.start).is_some() {}
        if redo {
            matcher.find_into(&text[r.clone()], r.start, &mut out);
        }
        while let Some(m) = next.next_if(|m| m.range.start < r.end) {
            if !redo && m.range.end <= r.end {
                out.push(m);
            }
        }
    }
    (regions, out)
}

/// Marks the region of every edge that some span (ordered by start) runs across, and of every
/// edge flagged (a word character before it, where a name may start).
fn sweep(
    spans: impl Iterator<Item = (usize, usize)>,
    edges: impl Iterator<Item = (usize, usize, bool)>,
    redo: &mut [bool],
) {
    let mut spans = spans.peekable();
    let mut reach = 0;
    for (x, region, word_before) in edges {
        while let Some((_, end)) = spans.next_if(|&(start, _)| start < x) {
            reach = reach.max(end);
        }
        if reach > x || word_before {
            redo[region] = true;
        }
    }
}

/// `text` cut into pieces of about `size` bytes, at line ends where there are any (so no word,
/// token or match candidate is cut, except one running across a line break).
pub(crate) fn split(text: &str, size: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        if end < text.len() {
            end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// Every match inside the given (sorted, disjoint) regions of `text`, in order.
pub fn scan_regions(text: &str, regions: &[Range<usize>], matcher: &Matcher) -> Vec<Match> {
    if text.len() < PARALLEL_THRESHOLD {
        let mut out = Vec::new();
        for r in regions {
            matcher.find_into(&text[r.clone()], r.start, &mut out);
        }
        return out;
    }
    use rayon::prelude::*;
    // Split the regions into runs of about equal size, one task each.
    let chunk = (text.len() / (rayon::current_num_threads() * 4)).max(64 * 1024);
    let mut groups: Vec<&[Range<usize>]> = Vec::new();
    let (mut from, mut size) = (0, 0);
    for (i, r) in regions.iter().enumerate() {
        size += r.len();
        if size >= chunk {
            groups.push(&regions[from..=i]);
            from = i + 1;
            size = 0;
        }
    }
    groups.push(&regions[from..]);
    let parts: Vec<Vec<Match>> = groups
        .par_iter()
        .map(|rs| {
            let mut out = Vec::new();
            for r in rs.iter() {
                matcher.find_into(&text[r.clone()], r.start, &mut out);
            }
            out
        })
        .collect();
    parts.concat()
}
