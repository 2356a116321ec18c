//! Small name patterns, expanded once when a glossary loads: `e-?mail` → "e-mail", "email";
//! `(web)?site` → "website", "site"; `colou?r`; `(cheat|crib) sheet`; `a|b` at the top.
//!
//! The grammar is a literal string with three operators: `?` makes the character or group
//! before it optional, `( … )` groups (nested), `|` separates alternatives (inside a group or at
//! the top). `\` makes the next character literal. Every other character is itself: `.` in
//! "Node.js" is a dot. Anything with no finite expansion (`*`, `+`, `{`, `[`) is a load error
//! naming the character, and so is a pattern with more than [`MAX_EXPANSIONS`] forms, so the
//! matcher's automaton stays proportional to what the glossary spells out. Documents never see a
//! regular expression: the expanded names are ordinary names.

/// The most names one pattern may stand for.
pub const MAX_EXPANSIONS: usize = 64;

/// Every string `pattern` stands for, in order, without duplicates; or a message saying why it
/// cannot be expanded.
pub fn expand(pattern: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut p = Parser { chars, at: 0 };
    let out = p.alternatives()?;
    if p.at < p.chars.len() {
        return Err(format!(
            "unmatched `)` at character {} of pattern `{pattern}`",
            p.at + 1
        ));
    }
    let mut unique: Vec<String> = Vec::new();
    for s in out {
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

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    /// `seq | seq | …` up to a `)` or the end.
    fn alternatives(&mut self) -> Result<Vec<String>, String> {
        let mut out = self.sequence()?;
        while self.chars.get(self.at) == Some(&'|') {
            self.at += 1;
            out.extend(self.sequence()?);
            check_size(out.len())?;
        }
        Ok(out)
    }

    /// Atoms, each maybe optional, up to `|`, `)` or the end.
    fn sequence(&mut self) -> Result<Vec<String>, String> {
        let mut out = vec![String::new()];
        while let Some(&c) = self.chars.get(self.at) {
            let atom: Vec<String> = match c {
                '|' | ')' => break,
                '(' => {
                    self.at += 1;
                    let inner = self.alternatives()?;
                    if self.chars.get(self.at) != Some(&')') {
                        return Err("unclosed `(` in pattern".to_owned());
                    }
                    self.at += 1;
                    inner
                }
                '?' => return Err("`?` with nothing before it to make optional".to_owned()),
                '*' | '+' | '{' | '}' | '[' | ']' => {
                    return Err(format!(
                        "`{c}` cannot be expanded to a list of names (only `?`, `( … )` and `|` \
                         can; write `\\{c}` for the character itself)"
                    ));
                }
                '\\' => {
                    self.at += 1;
                    let Some(&lit) = self.chars.get(self.at) else {
                        return Err("`\\` at the end of a pattern".to_owned());
                    };
                    self.at += 1;
                    vec![lit.to_string()]
                }
                _ => {
                    self.at += 1;
                    vec![c.to_string()]
                }
            };
            let mut atom = atom;
            if self.chars.get(self.at) == Some(&'?') {
                self.at += 1;
                atom.push(String::new());
            }
            check_size(out.len() * atom.len())?;
            out = out
                .iter()
                .flat_map(|prefix| atom.iter().map(move |a| format!("{prefix}{a}")))
                .collect();
        }
        Ok(out)
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
