//! The regular expressions of Vale, textlint and prh that are a finite set of spellings,
//! expanded into those spellings at load time: `e-?mail` → email, e-mail; `(?:bit|Bit)[- ]?bucket`
//! → eight names; `(?i)` and `\b` at either end understood.
//!
//! The flags and anchors are taken off here; the rest is the one pattern parser,
//! [`crate::glossary::pattern::parse`] in its regular-expression dialect: literal characters and
//! escapes (`\.`, `\-`, `\s` as a space), groups `( )` and `(?: )`, alternatives `|`, `?` after
//! a character, class or group, small classes `[- ]`, `[Cc]`. Anything else (`*`, `+`, `{n}`,
//! `.`, ranges, negated classes, `\d`, `\w`, look-around) cannot be a glossary name: the pattern
//! is refused with the reason, and its loader reports it as dropped.

use crate::glossary::pattern::{Dialect, parse};

/// A pattern's spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    pub spellings: Vec<String>,
    /// The pattern said `(?i)`.
    pub ignore_case: bool,
}

/// `s` as a pattern that stands for exactly `s`: every character this module gives a meaning
/// to, escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\()[]|?*+.{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Expands `pattern`, or says why it cannot be.
pub fn expand(pattern: &str) -> Result<Expanded, String> {
    let (ignore_case, body) = match pattern.strip_prefix("(?i)") {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let body = body.strip_prefix('^').unwrap_or(body);
    let body = body.strip_suffix('$').unwrap_or(body);
    let set = parse(body, Dialect::Regex)?;
    let mut spellings: Vec<String> = Vec::new();
    for s in set {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if !s.is_empty() && !spellings.contains(&s) {
            spellings.push(s);
        }
    }
    if spellings.is_empty() {
        return Err("matches no word".into());
    }
    Ok(Expanded {
        spellings,
        ignore_case,
    })
}

/// True when a pattern is a plain word or phrase (nothing to expand).
pub fn is_literal(pattern: &str) -> bool {
    !pattern.contains([
        '\\', '(', ')', '[', ']', '|', '?', '*', '+', '.', '{', '}', '^', '$',
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings(p: &str) -> Vec<String> {
        expand(p).unwrap().spellings
    }

    #[test]
    fn optional_parts_and_alternatives() {
        assert_eq!(spellings("e-?mail"), ["e-mail", "email"]);
        assert_eq!(
            spellings("(?:agent|virtual agent)"),
            ["agent", "virtual agent"]
        );
        assert_eq!(
            spellings("bit(?:-| )?bucket"),
            ["bit-bucket", "bit bucket", "bitbucket"]
        );
        assert_eq!(spellings("Node(?:js)?"), ["Nodejs", "Node"]);
        assert_eq!(spellings("[Jj]ava[- ]?[Ss]cript").len(), 12);
        assert_eq!(spellings("\\bnode\\.js\\b"), ["node.js"]);
        assert!(expand("(?i)javascript").unwrap().ignore_case);
    }

    #[test]
    fn unbounded_or_open_patterns_are_refused_with_a_reason() {
        for (p, why) in [
            ("colou?r.*", "any character"),
            ("[a-z]+ing", "range"),
            ("\\d+ GB", "character class"),
            ("(?<!x)y", "look-around"),
            ("(a|b", "unclosed"),
        ] {
            let err = expand(p).unwrap_err();
            assert!(err.contains(why), "{p}: {err}");
        }
    }
}
