//! Markdown: the spans to skip, from pulldown-cmark's offset iterator (CommonMark plus tables,
//! footnotes, strikethrough, task lists, math, heading attributes and metadata blocks).
//!
//! Skipped: code blocks and inline code, the markup of HTML blocks (their text is prose, see
//! [`html`](super::html)), inline HTML tags and the content of inline `<code>`-like elements,
//! link and image destinations and titles (their text stays prose), autolinks, reference
//! definitions, footnote labels, task markers, heading attribute blocks, front matter, and
//! `$…$` / `$$…$$` math. Everything else, markup characters included, is left as prose.
//!
//! Three things pulldown-cmark gets wrong for us, worked around here:
//! - It emits nothing at all for a repeated reference definition (`[a]: /x` twice): only the
//!   first is in its list. Text outside every top-level block that is not white space can only
//!   be such a definition, so it is skipped.
//! - It reads a `---` … `---` block *anywhere* as a metadata block; only one at offset 0 is front
//!   matter, so later ones stay prose.
//! - Its math extension misses `$$` blocks with a blank line inside and inline math that opens
//!   with a space (`$ x$`, common in pages whose `\t` of `\theta` became a tab). The leftover
//!   `$` signs arrive as text; [`Dollars`] pairs them up again: `$$` opening a line with the
//!   next leftover `$$` anywhere after it, and single `$` with the next one in the same block
//!   unless that one is followed by a digit (`$5 or $10` is money, as in Pandoc).

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::html;

pub(super) fn skipped(text: &str) -> Vec<Range<usize>> {
    read(text).0
}

/// [`skipped`] of a large document read in pieces of about `piece` bytes, on every core. A
/// piece starts after a blank line, at a line that opens a paragraph with a letter ([`cuts`]):
/// there every block before it has ended, unless the piece before it ends inside a block that
/// a blank line does not close (a fenced code block, an HTML block waiting for its end marker,
/// a list), which its own reading tells ([`read`]: its last block runs to its end). Then the
/// whole document is read in one go. Held equal to [`skipped`] by a proptest.
pub(super) fn skipped_in_pieces(text: &str, piece: usize) -> Vec<Range<usize>> {
    use rayon::prelude::*;
    let cuts = cuts(text, piece);
    if cuts.len() < 2 {
        return skipped(text);
    }
    let parts: Vec<(Vec<Range<usize>>, bool)> =
        cuts.par_iter().map(|r| read(&text[r.clone()])).collect();
    if parts[..parts.len() - 1].iter().any(|(_, open)| *open) {
        return skipped(text);
    }
    parts
        .into_iter()
        .zip(&cuts)
        .flat_map(|((skips, _), r)| {
            skips
                .into_iter()
                .map(|s| s.start + r.start..s.end + r.start)
        })
        .collect()
}

/// Pieces of about `piece` bytes, each but the first starting at a paragraph that opens with an
/// ASCII letter after a blank line. One piece when the document holds what is read across
/// blank lines: reference or footnote definitions (`]:`, used anywhere), `$$` (paired across
/// blocks, see [`Dollars`]); and no cut between the first and the last line that opens with
/// `---` or `+++` (a metadata block may hold blank lines).
fn cuts(text: &str, piece: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    if memchr::memmem::find(b, b"]:").is_some() || memchr::memmem::find(b, b"$$").is_some() {
        return std::iter::once(0..text.len()).collect();
    }
    let delimiter = |i: usize| b[i..].starts_with(b"---") || b[i..].starts_with(b"+++");
    let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', b).map(|i| i + 1));
    let mut delimiters = line_starts.filter(|&i| i < b.len() && delimiter(i));
    let first = delimiters.next();
    let last = delimiters.next_back().or(first);
    let inside = |p: usize| first.is_some_and(|f| f < p) && last.is_some_and(|l| p <= l);
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = piece;
    while from < b.len() {
        let Some(p) = memchr::memmem::find_iter(&b[from..], b"\n\n")
            .map(|i| from + i + 2)
            .find(|&p| b.get(p).is_some_and(u8::is_ascii_alphabetic) && !inside(p))
        else {
            break;
        };
        out.push(start..p);
        start = p;
        from = p + piece;
    }
    out.push(start..text.len());
    out
}

/// The spans to skip, and whether the last top-level block runs to the text's end (it may go
/// on past it: see [`skipped_in_pieces`]).
fn read(text: &str) -> (Vec<Range<usize>>, bool) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let parser = Parser::new_ext(text, options).into_offset_iter();
    let mut out: Vec<Range<usize>> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| def.span.clone())
        .collect();
    // Open links, images and attributed headings: their range and where their text ended so
    // far. What follows the text up to the range's end (`](url "title")`, `{#id}`) is skipped.
    let mut open: Vec<(Range<usize>, usize)> = Vec::new();
    let mut dollars = Dollars::default();
    // Inside a code, HTML or metadata block, whose text is not Markdown.
    let mut raw = false;
    // An inline `<code>`-like element open in a paragraph: its name and start.
    let mut inline_raw: Option<(&'static str, usize)> = None;
    // Block nesting, and the ranges of the top-level blocks (what is outside them and not
    // white space is a repeated reference definition).
    let mut depth = 0usize;
    let mut top: Vec<Range<usize>> = Vec::new();
    for (event, range) in parser {
        match &event {
            Event::Start(tag) if !is_inline(tag) => {
                if depth == 0 {
                    top.push(range.clone());
                }
                depth += 1;
            }
            Event::End(tag) if !is_inline_end(tag) => {
                depth = depth.saturating_sub(1);
                if let Some((_, start)) = inline_raw.take() {
                    out.push(start..range.end);
                }
            }
            Event::Rule if depth == 0 => top.push(range.clone()),
            _ => {}
        }
        if let Some((_, text_end)) = open.last_mut()
            && !matches!(
                event,
                Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_))
            )
        {
            *text_end = (*text_end).max(range.end);
        }
        match event {
            Event::Start(tag) => {
                if !is_inline(&tag) {
                    dollars.new_block();
                }
                match tag {
                    Tag::HtmlBlock => {
                        raw = true;
                        html::block_skips(text, range, &mut out);
                    }
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                        raw = true;
                        // Only a metadata block at the very start is front matter.
                        if !matches!(tag, Tag::MetadataBlock(_)) || range.start == 0 {
                            out.push(range);
                        }
                    }
                    Tag::Link { link_type, .. } | Tag::Image { link_type, .. }
                        if matches!(link_type, LinkType::Autolink | LinkType::Email) =>
                    {
                        out.push(range.clone());
                        open.push((range.clone(), range.end));
                    }
                    Tag::Link { .. } | Tag::Image { .. } => {
                        // `[` or `![` opens the text.
                        let text_start = (range.start + 2).min(range.end);
                        open.push((range, text_start));
                    }
                    Tag::Heading {
                        id, classes, attrs, ..
                    } if id.is_some() || !classes.is_empty() || !attrs.is_empty() => {
                        open.push((range.clone(), range.start));
                    }
                    Tag::FootnoteDefinition(_) => {
                        let label = text[range.clone()].find("]:").map_or(0, |p| p + 2);
                        out.push(range.start..range.start + label);
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                if matches!(
                    tag,
                    TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)
                ) {
                    raw = false;
                }
                if !matches!(
                    tag,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                ) {
                    dollars.new_block();
                }
                let attributed = matches!(tag, TagEnd::Heading(_))
                    && open.last().is_some_and(|(r, _)| *r == range);
                if (matches!(tag, TagEnd::Link | TagEnd::Image) || attributed)
                    && let Some((r, text_end)) = open.pop()
                {
                    out.push(text_end.min(r.end)..r.end);
                    if let Some((_, outer)) = open.last_mut() {
                        *outer = (*outer).max(r.end);
                    }
                }
            }
            // Pandoc's rule, which pulldown-cmark lacks: a closing `$` before a digit is money
            // (`$100K-$1M`), not the end of math.
            Event::InlineMath(_)
                if text
                    .as_bytes()
                    .get(range.end)
                    .is_some_and(u8::is_ascii_digit) => {}
            // Inside an HTML block, which `html::block_skips` read.
            Event::Html(_) => {}
            Event::InlineHtml(tag) => {
                match inline_raw {
                    Some((name, start)) if html::closes(&tag, name) => {
                        out.push(start..range.end);
                        inline_raw = None;
                    }
                    Some(_) => {}
                    None => inline_raw = html::opens_raw(&tag).map(|name| (name, range.start)),
                }
                out.push(range);
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => out.push(range),
            Event::Text(_) if !raw => dollars.scan(text, range, &mut out),
            Event::Text(_) => {}
            Event::SoftBreak | Event::HardBreak | Event::Rule => {}
        }
    }
    if let Some((_, start)) = inline_raw {
        out.push(start..text.len());
    }
    outside(text, &top, &mut out);
    let open = top.last().is_some_and(|r| r.end >= text.len());
    (out, open)
}

/// Pushes what lies outside the (sorted) top-level blocks and is not white space, trimmed.
fn outside(text: &str, top: &[Range<usize>], out: &mut Vec<Range<usize>>) {
    let mut push = |gap: Range<usize>| {
        let s = &text[gap.clone()];
        let trimmed = s.trim_start();
        if !trimmed.is_empty() {
            let start = gap.start + (s.len() - trimmed.len());
            out.push(start..start + trimmed.trim_end().len());
        }
    };
    let mut at = 0;
    for r in top {
        if r.start > at {
            push(at..r.start);
        }
        at = at.max(r.end);
    }
    if at < text.len() {
        push(at..text.len());
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// Leftover `$` signs, paired up into math spans (see the module docs).
#[derive(Default)]
struct Dollars {
    /// Block number, bumped at every tag boundary; single `$` pair only within one.
    block: usize,
    /// An unpaired single `$`: its position and block.
    single: Option<(usize, usize)>,
    /// An unpaired `$$` that opens its line.
    double: Option<usize>,
    /// End of the last run seen (pulldown-cmark gives each `$` its own text event).
    seen: usize,
}

impl Dollars {
    fn new_block(&mut self) {
        self.block += 1;
    }

    fn scan(&mut self, text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
        let b = text.as_bytes();
        let mut i = range.start.max(self.seen);
        if i >= range.end {
            return;
        }
        while let Some(p) = b[i..range.end].iter().position(|&c| c == b'$') {
            let start = i + p;
            let mut end = start;
            while end < b.len() && b[end] == b'$' {
                end += 1;
            }
            self.seen = end;
            i = end.min(range.end);
            if start > 0 && b[start - 1] == b'\\' {
                continue;
            }
            // A `$` before a digit is money (`$5`, `$1-10M`): neither opens nor closes math.
            if b.get(end).is_some_and(u8::is_ascii_digit) && end - start == 1 {
                continue;
            }
            match end - start {
                1 => self.single(start, out),
                2 => self.double(b, start, out),
                _ => {} // `$$$` and longer: prices, ratings
            }
        }
    }

    fn single(&mut self, at: usize, out: &mut Vec<Range<usize>>) {
        if self.double.is_some() {
            return;
        }
        match self.single {
            Some((open, block)) if block == self.block => {
                out.push(open..at + 1);
                self.single = None;
            }
            _ => self.single = Some((at, self.block)),
        }
    }

    fn double(&mut self, b: &[u8], at: usize, out: &mut Vec<Range<usize>>) {
        if let Some(open) = self.double.take() {
            out.push(open..at + 2);
            self.single = None;
            return;
        }
        let mut j = at;
        while j > 0 && matches!(b[j - 1], b' ' | b'\t' | b'>') {
            j -= 1;
        }
        if j == 0 || b[j - 1] == b'\n' {
            self.double = Some(at);
        }
    }
}
