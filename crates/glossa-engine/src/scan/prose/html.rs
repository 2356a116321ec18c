//! HTML inside Markdown: what of an HTML block is prose, and which inline tags open code.
//!
//! READMEs write headers, `<details>`/`<summary>` and tables in HTML; the text between the tags
//! is what a reader sees, so it is prose. Skipped: tags (names and attributes, `alt` text
//! included), comments, `<!…>`, `<?…?>` and CDATA, character references (`&nbsp;`), the content
//! of code-like elements ([`RAW`]: `<code>`, `<pre>`, `<script>`, `<style>`, …) and backtick code
//! spans within a line (literal in HTML, but code to whoever wrote them).
//!
//! One forward pass over the block: every search for a closing delimiter starts where the last
//! one ended, and backtick spans close on their own line, so the pass is linear.

use std::ops::Range;

/// Elements whose content is code, not prose.
const RAW: &[&str] = &[
    "code", "pre", "script", "style", "textarea", "kbd", "samp", "tt", "var", "math", "svg",
];

/// Pushes the spans of `text[block]` (an HTML block) that are not prose.
pub(super) fn block_skips(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let b = &text.as_bytes()[..block.end];
    let mut i = block.start;
    while i < b.len() {
        match b[i] {
            b'<' => {
                let Some(tag) = tag_at(b, i) else {
                    i += 1;
                    continue;
                };
                let mut end = tag.end;
                if let Some(name) = tag.opens_raw {
                    end = find_close(b, end, name).unwrap_or(b.len());
                }
                out.push(i..end);
                i = end;
            }
            b'&' => {
                let end = entity_end(b, i);
                if end > i {
                    out.push(i..end);
                    i = end;
                } else {
                    i += 1;
                }
            }
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let line_end = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |p| i + p);
                let mut j = i + run;
                let mut close = None;
                while let Some(p) = b[j..line_end].iter().position(|&c| c == b'`') {
                    let at = j + p;
                    let n = b[at..line_end].iter().take_while(|&&c| c == b'`').count();
                    if n == run {
                        close = Some(at + n);
                        break;
                    }
                    j = at + n;
                }
                match close {
                    Some(end) => {
                        out.push(i..end);
                        i = end;
                    }
                    None => i += run,
                }
            }
            _ => i += 1,
        }
    }
}

/// A tag, comment or declaration starting at `b[at] == b'<'`.
struct Tag {
    /// Just past its `>` (or the end of the text when it never closes).
    end: usize,
    /// The code-like element it opens, if any.
    opens_raw: Option<&'static str>,
}

fn tag_at(b: &[u8], at: usize) -> Option<Tag> {
    let rest = &b[at..];
    let until =
        |from: usize, close: &[u8]| find(b, at + from, close).map_or(b.len(), |p| p + close.len());
    let plain = |end| {
        Some(Tag {
            end,
            opens_raw: None,
        })
    };
    if rest.starts_with(b"<!--") {
        return plain(until(4, b"-->"));
    }
    if rest.starts_with(b"<![CDATA[") {
        return plain(until(9, b"]]>"));
    }
    if rest.starts_with(b"<?") {
        return plain(until(2, b"?>"));
    }
    if rest.starts_with(b"<!") && rest.get(2).is_some_and(u8::is_ascii_alphabetic) {
        return plain(until(2, b">"));
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end = b[name_start..]
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-'))
        .map_or(b.len(), |p| name_start + p);
    // The rest of the tag: attributes, with quoted values that may hold `>`.
    let mut i = name_end;
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'>') => break,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    let end = (i + 1).min(b.len());
    let self_closing = end >= 2 && b[end - 2] == b'/';
    let name = &b[name_start..name_end];
    let opens_raw = (!closing && !self_closing)
        .then(|| RAW.iter().find(|r| r.as_bytes().eq_ignore_ascii_case(name)))
        .flatten()
        .copied();
    Some(Tag { end, opens_raw })
}

/// The start of the closing tag `</name` at or after `from` (any case), if any.
fn find_close(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let n = &b[p + 2..];
        if n.len() >= name.len()
            && n[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && !n
                .get(name.len())
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
        {
            return Some(p);
        }
        i = p + 2;
    }
    None
}

/// Just past a character reference starting at `b[at] == b'&'` (`&amp;`, `&#123;`, `&#x1F;`),
/// or `at` when there is none.
fn entity_end(b: &[u8], at: usize) -> usize {
    let body = b[at + 1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
        .count();
    if body > 0 && b.get(at + 1 + body) == Some(&b';') {
        at + body + 2
    } else {
        at
    }
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// For inline HTML in a paragraph: the code-like element `html` opens (`<code>`), if any, and
/// whether `html` closes `name` (`</code>`).
pub(super) fn opens_raw(html: &str) -> Option<&'static str> {
    tag_at(html.as_bytes(), 0).and_then(|t| t.opens_raw)
}

pub(super) fn closes(html: &str, name: &str) -> bool {
    find_close(html.as_bytes(), 0, name) == Some(0)
}
