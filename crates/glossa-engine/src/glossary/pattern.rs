//! Small name patterns, expanded once when a glossary loads: `e-?mail` → "e-mail", "email";
//! `(web)?site` → "website", "site"; `colou?r`; `(cheat|crib) sheet`; `a|b` at the top. The one
//! parser of finite patterns, in two dialects ([`Dialect`]): the native glossary's names, and
//! the regular expressions of Vale, textlint and prh (`formats::pattern` strips their flags and
//! anchors and calls [`parse`]).
//!
//! Both: literal characters, `?` makes the character or group before it optional, `( … )`
//! groups (nested), `|` separates alternatives (inside a group or at the top), `\` escapes.
//! In native names every other character is itself: `.` in "Node.js" is a dot, and `*`, `+`,
//! `{`, `[` are load errors naming the character. Regular expressions add `(?: … )`, small
//! classes `[- ]`, `[Cc]`, `\s` (a space) and `\b` (nothing), and refuse `.`, ranges, negated
//! classes, `\d`/`\w` and look-around. A pattern with more than [`MAX_EXPANSIONS`] forms is
//! refused too, so the matcher's automaton stays proportional to what the glossary spells out.
//! Documents never see a pattern: the expanded names are ordinary names.

/// The most names one pattern may stand for.
pub const MAX_EXPANSIONS: usize = 64;

/// Which characters a pattern gives a meaning to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// A native glossary's `pattern = "…"`: only `?`, `( … )`, `|` and `\` are operators.
    Names,
    /// A regular expression from another tool's glossary, when it is a finite set of names.
    Regex,
}

/// Every string a native name pattern stands for, in order, trimmed, without duplicates; or a
/// message saying why it cannot be expanded.
pub fn expand(pattern: &str) -> Result<Vec<String>, String> {
    let mut unique: Vec<String> = Vec::new();
    for s in parse(pattern, Dialect::Names)? {
        let s = s.trim().to_owned();
        if s.is_empty() {
            return Err(format!("pattern `{pattern}` can stand for an empty name"));
        }
        if !unique.contains(&s) {
            unique.push(s);
        }
    }
    Ok(unique)
}

/// Every string `pattern` stands for, in order (duplicates and empty strings kept).
pub fn parse(pattern: &str, dialect: Dialect) -> Result<Vec<String>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut p = Parser {
        chars,
        at: 0,
        dialect,
    };
    let out = p.alternatives()?;
    if p.at < p.chars.len() {
        return Err(format!(
            "unmatched `)` at character {} of pattern `{pattern}`",
            p.at + 1
        ));
    }
    Ok(out)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    dialect: Dialect,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    /// `seq | seq | …` up to a `)` or the end.
    fn alternatives(&mut self) -> Result<Vec<String>, String> {
        let mut out = self.sequence()?;
        while self.peek() == Some('|') {
            self.at += 1;
            out.extend(self.sequence()?);
            check_size(out.len())?;
        }
        Ok(out)
    }

    /// Atoms, each maybe optional, up to `|`, `)` or the end.
    fn sequence(&mut self) -> Result<Vec<String>, String> {
        let mut out = vec![String::new()];
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let mut atom = self.atom()?;
            match self.peek() {
                Some('?') => {
                    self.at += 1;
                    if self.dialect == Dialect::Regex && self.peek() == Some('?') {
                        self.at += 1; // lazy `??`: the same spellings
                    }
                    atom.push(String::new());
                }
                Some(q @ ('*' | '+' | '{')) if self.dialect == Dialect::Regex => {
                    return Err(format!("`{q}` repeats without bound"));
                }
                _ => {}
            }
            check_size(out.len() * atom.len())?;
            out = out
                .iter()
                .flat_map(|prefix| atom.iter().map(move |a| format!("{prefix}{a}")))
                .collect();
        }
        Ok(out)
    }

    fn atom(&mut self) -> Result<Vec<String>, String> {
        let c = self.peek().ok_or("pattern ends early")?;
        self.at += 1;
        let regex = self.dialect == Dialect::Regex;
        match c {
            '(' => {
                if regex && self.peek() == Some('?') {
                    if self.chars.get(self.at + 1) == Some(&':') {
                        self.at += 2;
                    } else {
                        return Err("look-around or inline flags inside the pattern".into());
                    }
                }
                let inner = self.alternatives()?;
                if self.peek() != Some(')') {
                    return Err("unclosed `(` in pattern".to_owned());
                }
                self.at += 1;
                Ok(inner)
            }
            '?' if !regex => Err("`?` with nothing before it to make optional".to_owned()),
            '*' | '+' | '{' | '}' | '[' | ']' if !regex => Err(format!(
                "`{c}` cannot be expanded to a list of names (only `?`, `( … )` and `|` can; \
                 write `\\{c}` for the character itself)"
            )),
            '\\' => {
                let e = self.peek().ok_or("`\\` at the end of a pattern")?;
                self.at += 1;
                match e {
                    'b' if regex => Ok(vec![String::new()]),
                    's' if regex => Ok(vec![" ".into()]),
                    c if regex && c.is_ascii_alphanumeric() => {
                        Err(format!("`\\{c}` is a character class"))
                    }
                    c => Ok(vec![c.to_string()]),
                }
            }
            '[' => self.class(),
            '.' if regex => Err("`.` matches any character".into()),
            '*' | '+' | '?' | '{' => Err(format!("`{c}` repeats without bound")),
            '^' | '$' if regex => Err(format!("`{c}` inside the pattern")),
            c => Ok(vec![c.to_string()]),
        }
    }

    /// A regular expression's small class: `[- ]`, `[Cc]`.
    fn class(&mut self) -> Result<Vec<String>, String> {
        if self.peek() == Some('^') {
            return Err("a negated class `[^…]`".into());
        }
        let mut out: Vec<String> = Vec::new();
        loop {
            let c = self.peek().ok_or("unclosed `[`")?;
            self.at += 1;
            let c = match c {
                ']' if !out.is_empty() => return Ok(out),
                '\\' => {
                    let e = self.peek().ok_or("unclosed `[`")?;
                    self.at += 1;
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
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                return Err("a character range `[a-z]`".into());
            }
            out.push(c.to_string());
            check_size(out.len())?;
        }
    }
}

fn check_size(n: usize) -> Result<(), String> {
    if n > MAX_EXPANSIONS {
        Err(format!(
            "pattern stands for more than {MAX_EXPANSIONS} names; list fewer forms"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::expand;

    #[test]
    fn optional_parts_groups_and_alternatives() {
        assert_eq!(expand("e-?mail").unwrap(), ["e-mail", "email"]);
        assert_eq!(expand("(web)?site").unwrap(), ["website", "site"]);
        assert_eq!(
            expand("(cheat|crib) sheet").unwrap(),
            ["cheat sheet", "crib sheet"]
        );
        assert_eq!(expand("JS|Javascript").unwrap(), ["JS", "Javascript"]);
        assert_eq!(expand("Node.js").unwrap(), ["Node.js"]);
        assert_eq!(expand(r"C\+\+").unwrap(), ["C++"]);
        assert_eq!(
            expand("colou?r(s|ed)?").unwrap(),
            [
                "colours", "coloured", "colour", "colors", "colored", "color"
            ]
        );
    }

    #[test]
    fn what_cannot_be_expanded_is_an_error() {
        assert!(expand("e.*mail").unwrap_err().contains('*'));
        assert!(expand("(web site").unwrap_err().contains("unclosed"));
        assert!(expand("web)site").unwrap_err().contains("unmatched"));
        assert!(expand("?site").is_err());
        assert!(expand("(a)?").unwrap_err().contains("empty"));
        // 2^7 = 128 forms: over the bound.
        assert!(expand("a?b?c?d?e?f?g?h").unwrap_err().contains("more than"));
        assert_eq!(expand("a?b?c?d?e?fg").unwrap().len(), 32);
    }
}
