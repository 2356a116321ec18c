//! Finding glossary terms in documents.
//!
//! Two steps: [`prose`] says which byte ranges of a document are prose (not code, URLs, math,
//! front matter), and [`Matcher`] finds glossary names inside those ranges. Both work on `&str`
//! and byte ranges; nothing here knows about LSP or files.

pub mod fold;
pub mod lines;
pub mod matcher;
pub mod prose;

use std::ops::Range;

pub use matcher::{Match, Matcher};
pub use prose::{FileKind, prose_regions};

/// Above this size, regions are matched on all cores.
const PARALLEL_THRESHOLD: usize = 256 * 1024;

/// Every glossary match in the prose of `text`, in order.
pub fn scan(text: &str, kind: FileKind, matcher: &Matcher) -> Vec<Match> {
    let regions = prose_regions(text, kind);
    scan_regions(text, &regions, matcher)
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
