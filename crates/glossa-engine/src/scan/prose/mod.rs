//! Prose regions: which byte ranges of a document are prose to check for glossary terms.
//!
//! Each reader ([`markdown`], [`latex`], [`rst`], [`asciidoc`]) lists the byte spans to *skip*
//! (code, math, markup, link destinations, front matter); [`prose_regions`] turns the gaps
//! between them into regions, cuts bare URLs and e-mail addresses out ([`urls`], for every
//! kind, plain text included) and drops gaps with no letter or digit in them.
//!
//! Regions are deliberately coarse: everything between two skipped spans is one region, markup
//! such as `**` or `#` included, so a term wrapped across lines or split by emphasis markers
//! stays inside one region (the matcher folds whitespace and hyphens itself).
//!
//! Speed: this runs on every keystroke and on 10 MB documents. Every reader is one forward pass
//! over the bytes (searches for closing delimiters only ever move forward), pushes a few
//! `Range`s per skipped span and allocates nothing per character; the only non-linear step is
//! sorting the skipped spans, `O(k log k)` in their number.

mod asciidoc;
mod html;
mod latex;
mod markdown;
mod rst;
mod urls;

#[cfg(test)]
mod tests;

use std::ops::Range;

/// The kinds of document glossa knows how to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Markdown,
    Latex,
    Text,
    /// reStructuredText (`.rst`).
    Rst,
    /// AsciiDoc (`.adoc`).
    Asciidoc,
}

impl FileKind {
    /// From a file name's extension; `None` for files glossa does not check by default.
    pub fn from_path(path: &std::path::Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        FileKind::from_name(&ext)
    }

    /// From a name as users and editors write it: an extension ("md"), a kind ("markdown"), or
    /// an LSP language id ("plaintext", "latex", "restructuredtext", "asciidoc").
    pub fn from_name(name: &str) -> Option<FileKind> {
        Some(match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdx" | "mkd" | "mdown" | "markdn" => FileKind::Markdown,
            "tex" | "latex" | "ltx" | "sty" | "cls" | "bib" => FileKind::Latex,
            "txt" | "text" | "plaintext" | "plain" => FileKind::Text,
            "rst" | "rest" | "restructuredtext" => FileKind::Rst,
            "adoc" | "asciidoc" | "asc" => FileKind::Asciidoc,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Markdown => "markdown",
            FileKind::Latex => "latex",
            FileKind::Text => "text",
            FileKind::Rst => "rst",
            FileKind::Asciidoc => "asciidoc",
        }
    }
}

/// The prose byte ranges of `text`: sorted, disjoint, non-empty, on char boundaries, each with
/// at least one letter or digit. Never panics.
pub fn prose_regions(text: &str, kind: FileKind) -> Vec<Range<usize>> {
    if kind == FileKind::Markdown && text.len() > PARALLEL_THRESHOLD {
        let piece = text.len() / (2 * rayon::current_num_threads()) + 1;
        return prose_regions_in_pieces(text, kind, piece);
    }
    let skips = match kind {
        FileKind::Markdown => markdown::skipped(text),
        FileKind::Latex => latex::skipped(text),
        FileKind::Text => Vec::new(),
        FileKind::Rst => rst::skipped(text),
        FileKind::Asciidoc => asciidoc::skipped(text),
    };
    gaps(text, skips)
}

/// Above this size a Markdown document is read in pieces on every core.
const PARALLEL_THRESHOLD: usize = 1 << 20;

/// [`prose_regions`] with a Markdown document read in pieces of about `piece` bytes on every
/// core where it can be cut (see `markdown::skipped_in_pieces`); the same regions. Public so
/// tests can hold it equal to [`prose_regions`] with small pieces.
pub fn prose_regions_in_pieces(text: &str, kind: FileKind, piece: usize) -> Vec<Range<usize>> {
    let skips = match kind {
        FileKind::Markdown => markdown::skipped_in_pieces(text, piece.max(1)),
        _ => return prose_regions(text, kind),
    };
    gaps(text, skips)
}

/// The regions between the (unsorted, possibly overlapping) skipped spans, with URLs cut out.
fn gaps(text: &str, mut skips: Vec<Range<usize>>) -> Vec<Range<usize>> {
    skips.sort_unstable_by_key(|r| r.start);
    let mut out = Vec::new();
    let mut pos = 0;
    for s in skips {
        // Widen to char boundaries so that the gaps always start and end on one.
        let (start, end) = (floor_boundary(text, s.start), ceil_boundary(text, s.end));
        if start > pos {
            push_gap(text, pos..start, &mut out);
        }
        pos = pos.max(end);
    }
    if pos < text.len() {
        push_gap(text, pos..text.len(), &mut out);
    }
    out
}

/// Pushes `gap` minus its URLs, keeping only pieces with a letter or digit.
fn push_gap(text: &str, gap: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut push = |r: Range<usize>| {
        if text[r.clone()].chars().any(char::is_alphanumeric) {
            out.push(r);
        }
    };
    let mut from = gap.start;
    urls::for_each_url(&text[gap.clone()], |u| {
        push(from..gap.start + u.start);
        from = gap.start + u.end;
    });
    push(from..gap.end);
}

fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Byte-level helpers shared by the hand-written readers.
mod bytes {
    /// The index of the `\n` ending the line that holds `i`, or the text's length.
    pub(super) fn line_end(b: &[u8], i: usize) -> usize {
        b[i.min(b.len())..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| i + p)
    }

    /// The index just past the line that holds `i` (past its `\n`), or the text's length.
    pub(super) fn next_line(b: &[u8], i: usize) -> usize {
        (line_end(b, i) + 1).min(b.len())
    }

    /// True when `b[i]` is `\n` and the line after it holds only blanks (a paragraph break).
    pub(super) fn blank_line_after(b: &[u8], i: usize) -> bool {
        if b.get(i) != Some(&b'\n') {
            return false;
        }
        let rest = &b[i + 1..];
        let n = rest
            .iter()
            .position(|c| !matches!(c, b' ' | b'\t' | b'\r'))
            .unwrap_or(rest.len());
        rest.get(n) == Some(&b'\n')
    }

    /// The position of `needle` at or after `from`, if any.
    pub(super) fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
        if from > b.len() || needle.is_empty() {
            return None;
        }
        let mut i = from;
        while let Some(p) = b[i..].iter().position(|&c| c == needle[0]) {
            if b[i + p..].starts_with(needle) {
                return Some(i + p);
            }
            i += p + 1;
        }
        None
    }
}
