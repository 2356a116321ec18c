//! textlint-rule-terminology term lists: a JSON (or JSONC) array whose items are either a
//! string, the exact spelling of a term ("JavaScript": any other casing is flagged), or a
//! `[pattern, replacement]` pair, a case-insensitive regular expression whose matches are
//! replaced ("bit[- ]?bucket" → "Bitbucket"). An object `{"terms": [...]}` (the rule's options)
//! is read the same way. Comments and trailing commas are allowed, as the rule's own
//! `terms.jsonc` has them. Pairs whose pattern is not a finite set of spellings are reported as
//! dropped.

use super::{Loaded, substitution, yaml};
use crate::glossary::{LoadError, Status};

/// Parses a term list.
pub fn parse(path: &str, text: &str) -> Result<Loaded, LoadError> {
    let plain = blank_comments(text);
    let root = yaml::load(path, &plain)?;
    let list = match &root.value {
        yaml::Value::Seq(_) => &root,
        yaml::Value::Map(_) => root.get("terms").ok_or_else(|| {
            LoadError::new(
                path,
                root.line,
                0,
                "expected an array of terms or {\"terms\": [...]}",
            )
        })?,
        _ => {
            return Err(LoadError::new(
                path,
                root.line,
                0,
                "expected an array of terms",
            ));
        }
    };
    let mut out = Loaded::default();
    for item in list.items() {
        match &item.value {
            yaml::Value::Str(term) => out.entries.push(super::exact_spelling(term)),
            yaml::Value::Seq(pair) => {
                match (
                    pair.first().and_then(yaml::Node::as_str),
                    pair.get(1).and_then(yaml::Node::as_str),
                ) {
                    (Some(pattern), Some(replacement)) if pair.len() == 2 => {
                        let (pattern, replacement) = without_kept_suffix(pattern, replacement);
                        let pairs = suffix_group(pattern, replacement)
                            .unwrap_or_else(|| vec![(pattern.to_owned(), replacement.to_owned())]);
                        let mut failed = None;
                        for (p, r) in &pairs {
                            match substitution(p, r, Status::Deprecated, true) {
                                Ok(e) => out.entries.push(e),
                                // One ending that is only its replacement ("(s)?" → "s") is fine.
                                Err(why) if pairs.len() > 1 && why.contains("only matches") => {}
                                Err(why) => failed = Some(why),
                            }
                        }
                        if let Some(why) = failed {
                            out.drop_item(item.line, format!("\"{pattern}\": {why}"));
                        }
                    }
                    _ => out.drop_item(item.line, "not a [pattern, replacement] pair of strings"),
                }
            }
            _ => out.drop_item(
                item.line,
                "neither a term nor a [pattern, replacement] pair",
            ),
        }
    }
    Ok(out)
}

/// `["front[- ]end(\\w*)", "frontend$1"]`: the word's ending carried over. glossa matches a name
/// inside a word only at its end (plurals), so the pair means its stem: `front[- ]end` →
/// `frontend`; the same for `(s?)` → `$1`.
fn without_kept_suffix<'a>(pattern: &'a str, replacement: &'a str) -> (&'a str, &'a str) {
    for suffix in ["(\\w*)", "(s?)", "(s)?"] {
        if let (Some(p), Some(r)) = (pattern.strip_suffix(suffix), replacement.strip_suffix("$1")) {
            return (p, r);
        }
    }
    (pattern, replacement)
}

/// `["bug[- ]fix(es)?", "bugfix$1"]`: a last capturing group of endings, carried over by `$1`,
/// as one pair per ending (`bug[- ]fixes` → `bugfixes`, `bug[- ]fix` → `bugfix`). `None` when
/// the pattern is not of that shape.
fn suffix_group(pattern: &str, replacement: &str) -> Option<Vec<(String, String)>> {
    let stem = replacement.strip_suffix("$1")?;
    if stem.contains('$') {
        return None;
    }
    let (body, optional) = match pattern.strip_suffix(")?") {
        Some(b) => (b, true),
        None => (pattern.strip_suffix(')')?, false),
    };
    // The `(` that opens the last group.
    let bytes = body.as_bytes();
    let mut depth = 0;
    let mut open = None;
    for i in (0..bytes.len()).rev() {
        let escaped = i > 0 && bytes[i - 1] == b'\\';
        match bytes[i] {
            b')' if !escaped => depth += 1,
            b'(' if !escaped && depth == 0 => {
                open = Some(i);
                break;
            }
            b'(' if !escaped => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let (prefix, group) = (&body[..open], &body[open + 1..]);
    // `$1` must be this group: no capturing group before it, and it captures.
    if group.starts_with('?') || prefix.replace("(?:", "").contains('(') {
        return None;
    }
    let mut endings = super::pattern::expand(group).ok()?.spellings;
    if optional {
        endings.push(String::new());
    }
    Some(
        endings
            .into_iter()
            .map(|e| {
                (
                    format!("{prefix}{}", super::pattern::escape(&e)),
                    format!("{stem}{e}"),
                )
            })
            .collect(),
    )
}

/// `//` and `/* */` comments outside strings replaced by spaces (line breaks kept, so lines
/// stay where they were).
fn blank_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                while let Some(&n) = chars.peek() {
                    if n == '\n' {
                        break;
                    }
                    chars.next();
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut prev = ' ';
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                    }
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_group_of_endings_becomes_one_pair_per_ending() {
        let pairs = suffix_group("bug[- ]fix(es)?", "bugfix$1").unwrap();
        assert_eq!(
            pairs,
            [
                ("bug[- ]fixes".to_owned(), "bugfixes".to_owned()),
                ("bug[- ]fix".to_owned(), "bugfix".to_owned())
            ]
        );
        assert_eq!(suffix_group("(\\w+) webpack", "$1webpack"), None);
        assert_eq!(suffix_group("to-?do(s)?(?=[ ,.])", "todo$1"), None);
    }

    #[test]
    fn comments_go_and_lines_stay() {
        let text = "[\n  // a comment \"x\"\n  \"Babel\", /* two\n lines */ \"Bitbucket\",\n]\n";
        let l = parse("t.jsonc", text).unwrap();
        let terms: Vec<&str> = l.entries.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(terms, ["Babel", "Bitbucket"]);
    }
}
