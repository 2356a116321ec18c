//! A document's scan kept up to date by its edits: [`Scanned`] (prose regions and matches) and
//! [`edit`], which applies one text change and re-scans only around it when that is safe.
//!
//! An edit that cannot change what is prose ([`is_local_edit`], on the text before it and
//! after it) inside one prose region that keeps a letter or digit is re-scanned incrementally:
//! regions and matches after it are shifted, and only a window around the edit as wide as the
//! longest glossary name (in separator runs, [`Matcher::max_separators`]) is matched again, so
//! typing in a 10 MB file costs about what it costs in a short one. Anything else (markup in the
//! paragraph, a line break, an edit at a region's edge) gives no scan: the caller scans the new
//! text in full ([`Scanned::new`]), which is always correct. The result of [`edit`] is always
//! exactly what [`Scanned::new`] gives for the new text (the proptests below hold it so).

use std::ops::Range;

use super::local_edit::is_local_edit;
use super::{FileKind, Match, Matcher, scan_with_regions};

/// The scan of one text: its prose regions (sorted, disjoint) and the matches in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scanned {
    pub regions: Vec<Range<usize>>,
    pub matches: Vec<Match>,
}

impl Scanned {
    /// The full scan of `text`.
    pub fn new(text: &str, kind: FileKind, matcher: &Matcher) -> Scanned {
        let (regions, matches) = scan_with_regions(text, kind, matcher);
        Scanned { regions, matches }
    }

    /// True when `offset` is inside prose (not code, math, front matter…), or at its end.
    pub fn in_prose(&self, offset: usize) -> bool {
        let i = self.regions.partition_point(|r| r.start <= offset);
        i > 0 && offset <= self.regions[i - 1].end
    }
}

/// What an incremental re-scan changed in the matches: at index `at`, `removed` (the old
/// matches, in the old text's offsets) gave way to `inserted` new ones; the matches after them
/// only moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Splice {
    pub at: usize,
    pub removed: Vec<Match>,
    pub inserted: usize,
}

/// How [`edit`] brought the scan up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rescan {
    /// Only a window around the edit was matched again.
    Incremental,
    /// The edit may change what is prose, or there was no scan: none is returned.
    Full,
}

/// Replaces `range` of `text` by `new_text` (the range is clamped to the text and widened to
/// char boundaries: client input never panics here) and brings `scanned`, the scan of the text
/// before, up to date when the edit allows it. Returns the scan of the new text, or `None`
/// when it needs a full scan.
pub fn edit(
    text: &mut String,
    range: Range<usize>,
    new_text: &str,
    scanned: Option<Scanned>,
    matcher: &Matcher,
) -> (Option<Scanned>, Rescan) {
    match edit_spliced(text, range, new_text, scanned, matcher) {
        Some((scanned, _)) => (Some(scanned), Rescan::Incremental),
        None => (None, Rescan::Full),
    }
}

/// [`edit`], also saying which matches changed (`None`: a full scan is needed). `range` must
/// be clamped already ([`clamp`]) for the caller to know what was replaced.
pub fn edit_spliced(
    text: &mut String,
    range: Range<usize>,
    new_text: &str,
    scanned: Option<Scanned>,
    matcher: &Matcher,
) -> Option<(Scanned, Splice)> {
    let range = clamp(text, range);
    let Some(mut scanned) = scanned else {
        text.replace_range(range, new_text);
        return None;
    };
    let local_before = is_local_edit(text, range.clone());
    text.replace_range(range.clone(), new_text);
    let new_range = range.start..range.start + new_text.len();
    if !(local_before && is_local_edit(text, new_range)) {
        return None;
    }
    let splice = rescan_edit(&mut scanned, text, range, new_text.len(), matcher)?;
    Some((scanned, splice))
}

/// `range` inside `text`, its ends moved out to char boundaries (an empty range stays empty).
pub fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if range.end <= range.start {
        return start..start;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Re-scans after `old` (in the previous text) was replaced by `inserted` bytes of `text`, when
/// the edit is safely inside one prose region. `None` when it is not (`scanned` is then left
/// half-updated: the caller drops it).
fn rescan_edit(
    scanned: &mut Scanned,
    text: &str,
    old: Range<usize>,
    inserted: usize,
    matcher: &Matcher,
) -> Option<Splice> {
    let new_end = old.start + inserted;
    // Typing at the very end of the document is the common case: a region may end there.
    let at_end = new_end == text.len();
    // The region the edit lies in (binary search: regions are sorted and disjoint), one that
    // starts right at the edit included: typing at a paragraph's start (the local-edit test
    // has made sure the line's first word stays a word of letters, never markup).
    let ri = scanned
        .regions
        .partition_point(|reg| reg.start <= old.start)
        .checked_sub(1)?;
    let reg = &scanned.regions[ri];
    if !(old.end < reg.end || (at_end && old.end == reg.end)) {
        return None;
    }
    let delta = inserted as isize - old.len() as isize;
    let shift = |x: usize| (x as isize + delta) as usize;
    // The region must keep a letter or digit, or a full scan would drop it (searched
    // outwards from the edit: in a long region one is always near).
    let alnum = char::is_alphanumeric;
    if !(text[reg.start..old.start].chars().rev().any(alnum)
        || text[old.start..shift(reg.end)].chars().any(alnum))
    {
        return None;
    }
    // Regions: this one grows or shrinks, later ones move.
    scanned.regions[ri].end = shift(scanned.regions[ri].end);
    for reg in &mut scanned.regions[ri + 1..] {
        *reg = shift(reg.start)..shift(reg.end);
    }
    let region = scanned.regions[ri].clone();
    // Old match ranges in new coordinates: unchanged before the edit, shifted after it, and
    // squeezed onto the edit where they overlap it.
    let (os, oe, ne) = (old.start, old.end, new_end);
    let map = |x: usize| {
        if x <= os {
            x
        } else if x >= oe {
            shift(x)
        } else {
            ne
        }
    };
    // The window around the edit, widened to cover every old match that touches it; those
    // are dropped and found again.
    let matches = &mut scanned.matches;
    let mut win = window(text, region, os, ne, matcher.max_separators() + 1);
    let lo = matches.partition_point(|m| m.range.end <= win.start);
    let mut hi = lo;
    while hi < matches.len() {
        let m = &matches[hi].range;
        if m.start >= oe && shift(m.start) >= win.end {
            break;
        }
        hi += 1;
    }
    if hi > lo {
        win.start = win.start.min(map(matches[lo].range.start));
        win.end = win.end.max(map(matches[hi - 1].range.end));
    }
    let mut found = Vec::new();
    matcher.find_into(&text[win.clone()], win.start, &mut found);
    for m in &mut matches[hi..] {
        m.range = shift(m.range.start)..shift(m.range.end);
    }
    let inserted = found.len();
    let removed = matches.splice(lo..hi, found).collect();
    Some(Splice {
        at: lo,
        removed,
        inserted,
    })
}

/// The window to re-match around an edit at `start..end` (new text), inside `region`: `runs`
/// runs of white space out on each side. A match that touches the edit holds fewer separator
/// runs (white space, hyphens) than that, so it lies inside; the window's edges sit next to
/// white space, which bounds what the matcher's checks read (a candidate's token), so the checks
/// at the edges see what a full scan sees.
fn window(text: &str, region: Range<usize>, start: usize, end: usize, runs: usize) -> Range<usize> {
    let mut from = region.start;
    let (mut seen, mut in_sep) = (0, false);
    for (i, c) in text[region.start..start].char_indices().rev() {
        if c.is_whitespace() {
            if !in_sep {
                seen += 1;
                in_sep = true;
                if seen > runs {
                    from = region.start + i + c.len_utf8();
                    break;
                }
            }
        } else {
            in_sep = false;
        }
    }
    let mut to = region.end;
    let (mut seen, mut in_sep) = (0, false);
    for (i, c) in text[end..region.end].char_indices() {
        if c.is_whitespace() {
            if !in_sep {
                seen += 1;
                in_sep = true;
                if seen > runs {
                    to = end + i;
                    break;
                }
            }
        } else {
            in_sep = false;
        }
    }
    from..to
}

#[cfg(test)]
mod tests;
