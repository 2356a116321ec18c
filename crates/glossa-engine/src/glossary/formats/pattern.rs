//! The regular expressions of Vale, textlint and prh that are a finite set of spellings,
//! expanded into those spellings at load time: `e-?mail` → email, e-mail; `(?:bit|Bit)[- ]?bucket`
//! → eight names; `(?i)` and `\b` at either end understood.
//!
//! Literal characters and escapes (`\.`, `\-`, `\s` as a space), groups `( )` and `(?: )`,
//! alternatives `|`, `?` after a character, class or group, small classes `[- ]`, `[Cc]`. Anything
//! else (`*`, `+`, `{n}`, `.`, ranges, negated classes, `\d`, `\w`, look-around) cannot be a
//! glossary name: the pattern is refused with the reason, and its loader reports it as dropped.

/// At most this many spellings from one pattern: a glossary name list, not a language.
const MAX_SPELLINGS: usize = 64;

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
    let chars: Vec<char> = body.chars().collect();
    let mut p = Parser { chars, pos: 0 };
    let set = p.alternatives()?;
    if p.pos < p.chars.len() {
        return Err(format!("unbalanced `{}`", p.chars[p.pos]));
    }
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

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn alternatives(&mut self) -> Result<Vec<String>, String> {
        let mut out = self.sequence()?;
        while self.peek() == Some('|') {
            self.pos += 1;
            out.extend(self.sequence()?);
            check_size(out.len())?;
        }
        Ok(out)
    }

    fn sequence(&mut self) -> Result<Vec<String>, String> {
        let mut out = vec![String::new()];
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let mut atom = self.atom()?;
            match self.peek() {
                Some('?') => {
                    self.pos += 1;
                    if self.peek() == Some('?') {
                        self.pos += 1; // lazy `??`: the same spellings
                    }
                    atom.push(String::new());
                }
                Some(q @ ('*' | '+' | '{')) => {
                    return Err(format!("`{q}` repeats without bound"));
                }
                _ => {}
            }
            let mut next = Vec::with_capacity(out.len() * atom.len());
            for a in &out {
                for b in &atom {
                    next.push(format!("{a}{b}"));
                }
            }
            check_size(next.len())?;
            out = next;
        }
        Ok(out)
    }

    fn atom(&mut self) -> Result<Vec<String>, String> {
        let c = self.peek().ok_or("ends early")?;
        self.pos += 1;
        match c {
            '(' => {
                if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) == Some(&':') {
                        self.pos += 2;
                    } else {
                        return Err("look-around or inline flags inside the pattern".into());
                    }
                }
                let inner = self.alternatives()?;
                if self.peek() != Some(')') {
                    return Err("unclosed `(`".into());
                }
                self.pos += 1;
                Ok(inner)
            }
            '[' => self.class(),
            '\\' => {
                let e = self.peek().ok_or("ends with `\\`")?;
                self.pos += 1;
                match e {
                    'b' => Ok(vec![String::new()]),
                    's' => Ok(vec![" ".into()]),
                    c if c.is_ascii_alphanumeric() => Err(format!("`\\{c}` is a character class")),
                    c => Ok(vec![c.to_string()]),
                }
            }
            '.' => Err("`.` matches any character".into()),
            '*' | '+' | '?' | '{' => Err(format!("`{c}` repeats without bound")),
            '^' | '$' => Err(format!("`{c}` inside the pattern")),
            c => Ok(vec![c.to_string()]),
        }
    }

    fn class(&mut self) -> Result<Vec<String>, String> {
        if self.peek() == Some('^') {
            return Err("a negated class `[^…]`".into());
        }
        let mut out: Vec<String> = Vec::new();
        loop {
            let c = self.peek().ok_or("unclosed `[`")?;
            self.pos += 1;
            let c = match c {
                ']' if !out.is_empty() => return Ok(out),
                '\\' => {
                    let e = self.peek().ok_or("unclosed `[`")?;
                    self.pos += 1;
                    match e {
                        's' => ' ',
                        c if c.is_ascii_alphanumeric() => {
                            return Err(format!("`\\{c}` is a character class"));
                        }
                        c => c,
                    }
                }
                c => c,
            };
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']') {
                return Err("a character range `[a-z]`".into());
            }
            out.push(c.to_string());
            check_size(out.len())?;
        }
    }
}

fn check_size(n: usize) -> Result<(), String> {
    if n > MAX_SPELLINGS {
        Err(format!("more than {MAX_SPELLINGS} spellings"))
    } else {
        Ok(())
    }
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
