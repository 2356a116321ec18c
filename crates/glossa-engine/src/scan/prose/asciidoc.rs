//! AsciiDoc: the spans to skip, by one line-based forward pass.
//!
//! Skipped: listing, literal, passthrough and comment blocks (`----`, `....`, `++++`, `////`,
//! fenced ```` ``` ````), line comments (`//`), block attribute lines (`[source,python]`,
//! `[[anchor]]`), document attributes (`:toc: left`), block macro targets (`image::file.png[`,
//! `include::…[]`), `` `code` ``, math and passthrough macros (`stem:[…]`, `pass:[…]`), and the
//! target of inline macros and URL links (`link:url[`, `https://x.org[`; the bracketed text
//! stays prose).

use std::ops::Range;

use super::bytes::{line_end, next_line};

/// Delimiter characters of blocks whose content is not prose (repeated 4 times or more).
const RAW_DELIMITERS: &[u8] = b"-.+/";

/// Inline macros whose bracketed content is not prose either.
const RAW_MACROS: &[&str] = &["stem", "latexmath", "asciimath", "pass", "kbd"];

pub(super) fn skipped(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let eol = line_end(b, i);
        let next = next_line(b, i).max(i + 1);
        let line = b[i..eol].trim_ascii_end();
        if is_delimiter(line) {
            // Find the same delimiter line; unclosed blocks run to the end.
            let mut j = next;
            let mut end = b.len();
            while j < b.len() {
                let e = line_end(b, j);
                if b[j..e].trim_ascii_end() == line {
                    end = e;
                    break;
                }
                j = next_line(b, j).max(j + 1);
            }
            out.push(i..end);
            i = end;
            continue;
        }
        let comment = line.starts_with(b"//");
        let attributes = line.starts_with(b"[") && line.ends_with(b"]");
        let doc_attribute = line.starts_with(b":")
            && line[1..].iter().position(|&c| c == b':').is_some_and(|p| {
                p > 0
                    && line[1..1 + p]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'!'))
            });
        if comment || attributes || doc_attribute {
            out.push(i..eol);
        } else {
            inline(text, i, eol, &mut out);
        }
        i = next;
    }
    out
}

fn is_delimiter(line: &[u8]) -> bool {
    if line == b"```" || (line.starts_with(b"```") && !line[3..].contains(&b'`')) {
        return true;
    }
    line.len() >= 4 && RAW_DELIMITERS.contains(&line[0]) && line.iter().all(|&c| c == line[0])
}

/// Inline markup in `text[from..to]` (one line).
fn inline(text: &str, from: usize, to: usize, out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut k = from;
    while k < to {
        let c = b[k];
        if c == b'`' {
            let end = b[k + 1..to]
                .iter()
                .position(|&x| x == b'`')
                .map_or(to, |p| k + 1 + p + 1);
            out.push(k..end);
            k = end;
            continue;
        }
        // `name:target[` (inline macro) or `name::target[` (block macro) at a word start.
        let at_word_start = k == from || !b[k - 1].is_ascii_alphanumeric();
        if at_word_start && c.is_ascii_alphabetic() {
            let name_len = b[k..to]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            let colon = k + name_len;
            if b.get(colon) == Some(&b':') {
                let target = colon + 1 + usize::from(b.get(colon + 1) == Some(&b':'));
                let open = b[target..to]
                    .iter()
                    .position(|&x| x == b'[' || x == b' ' || x == b'\t')
                    .map(|p| target + p)
                    .filter(|&p| b[p] == b'[');
                if let Some(open) = open {
                    let name = &text[k..colon];
                    let end = if RAW_MACROS.contains(&name) {
                        b[open..to]
                            .iter()
                            .position(|&x| x == b']')
                            .map_or(to, |p| open + p + 1)
                    } else {
                        open + 1
                    };
                    out.push(k..end);
                    k = end;
                    continue;
                }
            }
            k += name_len.max(1);
            continue;
        }
        k += 1;
    }
}
