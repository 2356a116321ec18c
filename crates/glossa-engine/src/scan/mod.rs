//! Finding glossary terms in documents.
//!
//! Two steps: [`prose`] says which byte ranges of a document are prose (not code, URLs, math,
//! front matter), and [`Matcher`] finds glossary names inside those ranges. Both work on `&str`
//! and byte ranges; nothing here knows about LSP or files. A large document's prose is read in
//! pieces and its regions matched in runs, each on every core.
//!
//! (Until issue 9's fourth session, a large document with a small glossary was matched whole
//! *while* its prose was extracted, and the matches near region edges searched again. Once the
//! matcher learnt to turn away word starts no name may match, which that search could not do,
//! one step after the other was faster: 10 MB with the embedded glossary, 43 → 34 ms.)

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
    let regions = prose_regions(text, kind);
    let matches = scan_regions(text, &regions, matcher);
    (regions, matches)
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
