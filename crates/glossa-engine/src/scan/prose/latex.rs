//! LaTeX: the spans to skip, found by one hand-written forward pass (no LaTeX parser crate
//! reads positions well enough, and TeX cannot be parsed without running it anyway).
//!
//! Skipped: command names (`\section`, `\textbf`) with their optional `[...]` arguments; the
//! arguments of commands that take no prose ([`NON_PROSE`], the `\cite` family, `\href`'s URL,
//! `\newcommand` and `\def` definitions); `\begin{…}` / `\end{…}`; comments from `%` (not `\%`)
//! to the end of the line; math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, [`MATH_ENVS`]) and verbatim
//! text ([`VERBATIM_ENVS`], `\verb|…|`, `\lstinline`, `\mintinline`).
//!
//! Kept: the braced arguments of other commands (`\section{Introduction}`), and escaped
//! characters (`\&`, `\%`, `\$`, `\_`), which stay inside the prose around them.
//!
//! TeX forbids a blank line inside math and inside most arguments, so an unclosed `$`, `{` or
//! `[` ends at the next blank line instead of swallowing the rest of the document.

use std::ops::Range;

use super::bytes::{blank_line_after, find, line_end};

/// Environments whose body is math.
const MATH_ENVS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "alignat",
    "alignat*",
    "flalign",
    "flalign*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
    "math",
    "displaymath",
    "tikzpicture",
    "tikzcd",
];

/// Environments whose body is read verbatim: code, or commented out.
const VERBATIM_ENVS: &[&str] = &[
    "verbatim",
    "verbatim*",
    "Verbatim",
    "Verbatim*",
    "BVerbatim",
    "LVerbatim",
    "lstlisting",
    "minted",
    "comment",
    "filecontents",
    "filecontents*",
];

/// Commands whose arguments are not prose, with how many braced arguments to skip.
const NON_PROSE: &[(&str, usize)] = &[
    ("label", 1),
    ("ref", 1),
    ("eqref", 1),
    ("pageref", 1),
    ("autoref", 1),
    ("cref", 1),
    ("Cref", 1),
    ("nameref", 1),
    ("usepackage", 1),
    ("RequirePackage", 1),
    ("documentclass", 1),
    ("input", 1),
    ("include", 1),
    ("includeonly", 1),
    ("includegraphics", 1),
    ("lstinputlisting", 1),
    ("inputminted", 2),
    ("url", 1),
    ("href", 1),
    ("newcommand", 2),
    ("renewcommand", 2),
    ("providecommand", 2),
    ("DeclareMathOperator", 2),
    ("newenvironment", 3),
    ("renewenvironment", 3),
    ("newtheorem", 1),
    ("bibliography", 1),
    ("bibliographystyle", 1),
    ("addbibresource", 1),
    ("bibitem", 1),
    ("graphicspath", 1),
    ("hypersetup", 1),
    ("lstset", 1),
    ("usetikzlibrary", 1),
    ("pagestyle", 1),
    ("thispagestyle", 1),
    ("pagenumbering", 1),
    ("setlength", 2),
    ("addtolength", 2),
    ("setcounter", 2),
    ("addtocounter", 2),
    ("vspace", 1),
    ("hspace", 1),
    ("color", 1),
    ("textcolor", 1),
    ("colorbox", 1),
    ("definecolor", 3),
    ("geometry", 1),
];

/// Environments whose `\begin` takes column specs or widths, with how many.
const ENV_ARGS: &[(&str, usize)] = &[
    ("tabular", 1),
    ("tabular*", 2),
    ("tabularx", 2),
    ("array", 1),
    ("longtable", 1),
    ("minipage", 1),
    ("wrapfigure", 2),
];

pub(super) fn skipped(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        i = match b[i] {
            b'%' => skip(&mut out, i, line_end(b, i)),
            b'$' if b.get(i + 1) == Some(&b'$') => skip(&mut out, i, math_end(b, i + 2, b"$$")),
            b'$' => skip(&mut out, i, math_end(b, i + 1, b"$")),
            b'\\' => command(text, i, &mut out),
            _ => i + 1,
        };
    }
    out
}

fn skip(out: &mut Vec<Range<usize>>, start: usize, end: usize) -> usize {
    out.push(start..end);
    end
}

/// Handles the backslash at `i`; returns where to continue.
fn command(text: &str, i: usize, out: &mut Vec<Range<usize>>) -> usize {
    let b = text.as_bytes();
    let name_start = i + 1;
    let mut j = name_start;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j == name_start {
        return match b.get(j) {
            Some(b'(') => skip(out, i, math_end(b, j + 1, b"\\)")),
            Some(b'[') => skip(out, i, math_end(b, j + 1, b"\\]")),
            // A line break, maybe with a length: `\\[2pt]`.
            Some(b'\\') if matches!(b.get(j + 1), Some(b'[' | b'*')) => {
                let k = j + 1 + usize::from(b[j + 1] == b'*');
                skip(out, i, optional_args(b, k))
            }
            // An escaped character (`\&`, `\%`, `\$`) or an accent: part of the prose.
            Some(_) => next_char(text, j),
            None => j,
        };
    }
    let name = &text[name_start..j];
    let starred = b.get(j) == Some(&b'*');
    j += usize::from(starred);
    let end = match name {
        "verb" => delimited(text, j),
        "lstinline" => verbatim_arg(text, optional_args(b, j)),
        "mintinline" => {
            let k = skip_spaces(b, optional_args(b, j));
            verbatim_arg(text, skip_spaces(b, group_end(b, k, false)))
        }
        "begin" => begin(b, j),
        "end" => group_end(b, skip_spaces(b, j), false),
        "def" | "gdef" | "edef" | "xdef" => {
            // `\def\name#1#2{body}`: everything up to the end of the body.
            let k = b[j..]
                .iter()
                .position(|&c| c == b'{' || c == b'\n')
                .map_or(b.len(), |p| j + p);
            group_end(b, k, false)
        }
        _ => match non_prose_args(name) {
            Some(n) => {
                let mut k = j;
                for _ in 0..n {
                    k = group_end(
                        b,
                        skip_spaces(b, optional_args(b, skip_spaces(b, k))),
                        name == "url" || name == "href",
                    );
                }
                k
            }
            None => optional_args(b, j),
        },
    };
    skip(out, i, end.max(j))
}

fn non_prose_args(name: &str) -> Option<usize> {
    if let Some(&(_, n)) = NON_PROSE.iter().find(|(n, _)| *n == name) {
        return Some(n);
    }
    // \cite, \citep, \citet, \citeauthor, \parencite, \textcite, \autocite, \nocite, ...
    (name.contains("cite") || name.contains("Cite")).then_some(1)
}

/// After `\begin`: the environment name, then either its whole body (math, verbatim) or its
/// optional and spec arguments.
fn begin(b: &[u8], j: usize) -> usize {
    let open = skip_spaces(b, j);
    let after = group_end(b, open, false);
    let Some(name) = b.get(open + 1..after.saturating_sub(1)) else {
        return after;
    };
    let name = std::str::from_utf8(name).unwrap_or("");
    if MATH_ENVS.contains(&name) || VERBATIM_ENVS.contains(&name) {
        let mut close = Vec::with_capacity(name.len() + 6);
        close.extend_from_slice(b"\\end{");
        close.extend_from_slice(name.as_bytes());
        close.push(b'}');
        return find(b, after, &close).map_or(b.len(), |p| p + close.len());
    }
    let mut k = optional_args(b, after);
    if let Some(&(_, n)) = ENV_ARGS.iter().find(|(e, _)| *e == name) {
        for _ in 0..n {
            k = group_end(
                b,
                skip_spaces(b, optional_args(b, skip_spaces(b, k))),
                false,
            );
        }
    }
    k
}

/// The end of math opened just before `from` and closed by `close`; a blank line ends it too.
fn math_end(b: &[u8], from: usize, close: &[u8]) -> usize {
    let mut k = from;
    while k < b.len() {
        if b[k..].starts_with(close) {
            return k + close.len();
        }
        match b[k] {
            b'\\' => k += 2,
            b'%' => k = line_end(b, k),
            b'\n' if blank_line_after(b, k) => return k,
            _ => k += 1,
        }
    }
    b.len()
}

/// Past a run of `[...]` optional arguments starting exactly at `k` (none: `k`).
fn optional_args(b: &[u8], mut k: usize) -> usize {
    while b.get(k) == Some(&b'[') {
        let mut depth = 0usize;
        let mut m = k + 1;
        let end = loop {
            match b.get(m) {
                None => break None,
                Some(b'\\') => m += 2,
                Some(b'{') => {
                    depth += 1;
                    m += 1;
                }
                Some(b'}') => {
                    depth = depth.saturating_sub(1);
                    m += 1;
                }
                Some(b']') if depth == 0 => break Some(m + 1),
                Some(b'\n') if blank_line_after(b, m) => break None,
                Some(_) => m += 1,
            }
        };
        match end {
            Some(e) => k = e,
            // Not an argument after all: a bracket in the prose.
            None => return k,
        }
    }
    k
}

/// Past the braced group at `k`, or past the single token there (`\newcommand\foo`), or `k` at
/// a blank line or the end. `raw` ignores `%` (URLs may hold it).
fn group_end(b: &[u8], k: usize, raw: bool) -> usize {
    match b.get(k) {
        Some(b'{') => {}
        Some(b'\\') => {
            let mut m = k + 1;
            while m < b.len() && b[m].is_ascii_alphabetic() {
                m += 1;
            }
            return m.max(k + 2).min(b.len());
        }
        _ => return k,
    }
    let mut depth = 0usize;
    let mut m = k;
    while m < b.len() {
        match b[m] {
            b'\\' => m += 1,
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return m + 1;
                }
            }
            b'%' if !raw => m = line_end(b, m),
            b'\n' if blank_line_after(b, m) => return m,
            _ => {}
        }
        m += 1;
    }
    b.len()
}

/// `\verb|text|`: from the delimiter after `j` to its next occurrence on the same line.
fn delimited(text: &str, j: usize) -> usize {
    let Some(delim) = text.get(j..).and_then(|s| s.chars().next()) else {
        return j;
    };
    if delim.is_whitespace() {
        return j;
    }
    let body = j + delim.len_utf8();
    let eol = line_end(text.as_bytes(), body);
    text.get(body..eol)
        .and_then(|s| s.find(delim))
        .map_or(eol, |p| body + p + delim.len_utf8())
}

/// A verbatim argument at `j` (after spaces): `{code}` or `|code|`.
fn verbatim_arg(text: &str, j: usize) -> usize {
    let b = text.as_bytes();
    match b.get(j) {
        Some(b'{') => {
            let eol = line_end(b, j);
            b[j..eol]
                .iter()
                .position(|&c| c == b'}')
                .map_or(eol, |p| j + p + 1)
        }
        _ => delimited(text, j),
    }
}

fn skip_spaces(b: &[u8], mut k: usize) -> usize {
    while matches!(b.get(k), Some(b' ' | b'\t')) {
        k += 1;
    }
    k
}

fn next_char(text: &str, j: usize) -> usize {
    text.get(j..)
        .and_then(|s| s.chars().next())
        .map_or(j + 1, |c| j + c.len_utf8())
        .min(text.len())
}
