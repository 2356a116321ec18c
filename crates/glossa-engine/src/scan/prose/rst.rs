//! reStructuredText: the spans to skip, by one line-based forward pass (there is no Rust rST
//! parser that reports offsets).
//!
//! Skipped: literal blocks (the indented block after a paragraph ending in `::`), directive
//! lines (`.. note::`, with their `:option:` lines) and the whole body of code-like directives
//! ([`CODE_DIRECTIVES`]), comments (`..` and their indented block), hyperlink targets and
//! substitution definitions, footnote labels, ``inline literals``, roles that name things
//! (`:ref:`x``, `:math:`x``; prose roles such as `:term:` keep their text), substitution
//! references (`|badge|`), and the `<url>` of `` `text <url>`_ `` links. URLs are cut by the shared URL pass.

use std::ops::Range;

use super::bytes::{line_end, next_line};

/// Directives whose body is code, math or a file, not prose.
const CODE_DIRECTIVES: &[&str] = &[
    "code",
    "code-block",
    "sourcecode",
    "highlight",
    "math",
    "raw",
    "literalinclude",
    "include",
    "graphviz",
    "digraph",
    "mermaid",
    "doctest",
    "testcode",
    "testoutput",
    "csv-table",
    "only",
    "ifconfig",
];

/// Roles whose text is prose.
const PROSE_ROLES: &[&str] = &[
    "term",
    "abbr",
    "dfn",
    "emphasis",
    "strong",
    "sub",
    "sup",
    "subscript",
    "superscript",
    "title-reference",
    "title",
    "t",
    "guilabel",
    "menuselection",
];

pub(super) fn skipped(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Indent of the paragraph that ended in `::`, when the next indented block is literal.
    let mut literal_after: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let eol = line_end(b, i);
        let indent = b[i..eol].iter().take_while(|&&c| c == b' ').count();
        let content = &b[i + indent..eol];
        if content.iter().all(u8::is_ascii_whitespace) {
            i = next_line(b, i).max(i + 1);
            continue;
        }
        if let Some(base) = literal_after.take()
            && indent > base
        {
            let end = block_end(b, i, base);
            out.push(i..end);
            i = end;
            continue;
        }
        if content.starts_with(b"..") && matches!(content.get(2), None | Some(b' ' | b'\r')) {
            i = explicit_markup(b, i, indent, &mut out);
            continue;
        }
        inline(b, i + indent, eol, &mut out);
        let trimmed = content.trim_ascii_end();
        if trimmed.ends_with(b"::") {
            literal_after = Some(indent);
        }
        i = next_line(b, i).max(i + 1);
    }
    out
}

/// A line starting with `..` at `i`: directive, target, substitution, footnote or comment.
fn explicit_markup(b: &[u8], i: usize, indent: usize, out: &mut Vec<Range<usize>>) -> usize {
    let eol = line_end(b, i);
    let next = next_line(b, i).max(i + 1);
    let rest = &b[(i + indent + 3).min(eol)..eol];
    let name_len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
        .count();
    let is_directive = name_len >= 2 && rest[..name_len].ends_with(b"::");
    if is_directive {
        let name = std::str::from_utf8(&rest[..name_len - 2]).unwrap_or("");
        let name = name.rsplit(':').next().unwrap_or(name);
        if CODE_DIRECTIVES.contains(&name) {
            let end = block_end(b, next, indent);
            out.push(i..end);
            return end;
        }
        // The directive line and its options; the body is prose (note, warning, figure caption).
        let mut end = next;
        while end < b.len() {
            let e = line_end(b, end);
            let line = &b[end..e];
            let ind = line.iter().take_while(|&&c| c == b' ').count();
            if ind > indent && line[ind..].starts_with(b":") {
                end = next_line(b, end).max(end + 1);
            } else {
                break;
            }
        }
        out.push(i..end);
        return end;
    }
    match rest.first() {
        // Footnote or citation: skip the label, keep the text.
        Some(b'[') => {
            let close = rest.iter().position(|&c| c == b']').map_or(0, |p| p + 1);
            let label_end = i + indent + 3 + close;
            out.push(i..label_end);
            inline(b, label_end, eol, out);
            next
        }
        // Hyperlink target or substitution definition.
        Some(b'_' | b'|') => {
            out.push(i..next);
            next
        }
        // A comment, with its indented block.
        _ => {
            let end = block_end(b, next, indent);
            out.push(i..end);
            end
        }
    }
}

/// The start of the first line from `i` on that is not blank and indented at most `base`.
fn block_end(b: &[u8], mut i: usize, base: usize) -> usize {
    while i < b.len() {
        let eol = line_end(b, i);
        let line = &b[i..eol];
        let indent = line
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        if indent < line.len()
            && !line[indent..].iter().all(u8::is_ascii_whitespace)
            && indent <= base
        {
            return i;
        }
        i = next_line(b, i).max(i + 1);
    }
    b.len()
}

/// Inline markup in `b[from..to]` (one line).
fn inline(b: &[u8], from: usize, to: usize, out: &mut Vec<Range<usize>>) {
    let find = |c: u8, k: usize| b[k.min(to)..to].iter().position(|&x| x == c).map(|p| k + p);
    let mut k = from;
    while k < to {
        match b[k] {
            b'`' if b.get(k + 1) == Some(&b'`') => {
                let close = b[k + 2..to].windows(2).position(|w| w == b"``");
                let end = close.map_or(to, |p| k + 2 + p + 2);
                out.push(k..end);
                k = end;
            }
            b':' => {
                let name_len = b[k + 1..to]
                    .iter()
                    .take_while(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'+')
                    })
                    .count();
                let tick = k + 1 + name_len + 1;
                if name_len > 0 && b.get(tick - 1) == Some(&b':') && b.get(tick) == Some(&b'`') {
                    let role = std::str::from_utf8(&b[k + 1..k + 1 + name_len]).unwrap_or("");
                    let close = find(b'`', tick + 1).map_or(to, |p| p + 1);
                    if PROSE_ROLES.contains(&role) {
                        out.push(k..tick + 1);
                        k = close;
                    } else {
                        out.push(k..close);
                        k = close;
                    }
                } else {
                    k += 1;
                }
            }
            b'`' => {
                let close = find(b'`', k + 1).unwrap_or(to);
                let link = b.get(close + 1) == Some(&b'_');
                if link && let Some(lt) = b[k..close].iter().rposition(|&c| c == b'<') {
                    out.push(k + lt..close + 1);
                }
                k = close + 1;
            }
            // A substitution reference, `|name|` (`|name|_` a link): it names a definition
            // given elsewhere (a badge, an image, a text). It opens after white space or a
            // line's start and holds no white space at either end; a table's `| cell |` and a
            // line block's `| ` do not.
            b'|' if (k == from || b[k - 1].is_ascii_whitespace())
                && b.get(k + 1)
                    .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'|') =>
            {
                match find(b'|', k + 1) {
                    Some(close) if !b[close - 1].is_ascii_whitespace() => {
                        let mut end = close + 1;
                        while end < to && b[end] == b'_' {
                            end += 1;
                        }
                        out.push(k..end);
                        k = end;
                    }
                    _ => k += 1,
                }
            }
            _ => k += 1,
        }
    }
}
