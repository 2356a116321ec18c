//! Vale: vocabularies (`styles/config/vocabularies/<Name>/accept.txt` and `reject.txt`) and
//! `substitution` rules.
//!
//! A vocabulary holds one entry a line (a word or a regular expression; `#` starts a comment).
//! `accept.txt` entries become preferred terms that Vale.Terms keeps in their case: written
//! otherwise they are flagged (`term-casing`), unless the entry starts with `(?i)`. `reject.txt`
//! entries become names flagged as forbidden (Vale.Avoid) with nothing to use instead; they
//! match as written unless `(?i)`. A `substitution` rule's `swap` map (`pattern: replacement`)
//! gives the replacement a deprecated name for each spelling of the pattern (forbidden when
//! `level: error`); `ignorecase: true` matches them in any case. Patterns are expanded by
//! [`super::pattern`]; one that is not a finite set of spellings is reported as dropped.

use super::{Loaded, entry, substitution, yaml};
use crate::glossary::{LoadError, Name, NameKind, Status, fold_name};

/// Parses `accept.txt` (`status` preferred) or `reject.txt` (`status` forbidden).
pub fn parse_vocabulary(_path: &str, text: &str, status: Status) -> Loaded {
    let mut out = Loaded::default();
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let pattern = line.trim();
        if pattern.is_empty() || pattern.starts_with('#') {
            continue;
        }
        let expanded = match super::pattern::expand(pattern) {
            Ok(x) => x,
            Err(why) => {
                out.drop_item(line_no, format!("\"{pattern}\": {why}"));
                continue;
            }
        };
        let spellings = &expanded.spellings;
        let first = &spellings[0];
        if status == Status::Preferred {
            // One casing accepted: that casing exactly. Several casings of one name
            // ("[Oo]bservability") or `(?i)`: any casing.
            let case_variants = spellings
                .iter()
                .filter(|s| fold_name(s) == fold_name(first));
            let mut e = if !expanded.ignore_case && case_variants.count() == 1 {
                super::exact_spelling(first)
            } else {
                entry(first)
            };
            for s in spellings.iter().skip(1) {
                if fold_name(s) != fold_name(first) {
                    e.names
                        .push(super::name(s, Status::Admitted, NameKind::Alias));
                }
            }
            out.entries.push(e);
        } else {
            for s in spellings {
                let mut e = entry(s);
                e.case_sensitive = !expanded.ignore_case;
                e.names.push(Name::new(s, status, NameKind::Term));
                out.entries.push(e);
            }
        }
    }
    out
}

/// Parses a Vale rule file; only `extends: substitution` rules hold terminology glossa reads.
pub fn parse_rule(path: &str, text: &str) -> Result<Loaded, LoadError> {
    let root = yaml::load(path, text)?;
    let extends = root.str_at("extends").unwrap_or("substitution");
    if extends != "substitution" {
        let line = root.get("extends").map_or(1, |n| n.line);
        return Err(LoadError::new(
            path,
            line,
            0,
            format!(
                "a Vale `{extends}` rule: only `substitution` rules (a `swap` map) are glossaries"
            ),
        ));
    }
    let ignore_case = root.str_at("ignorecase") == Some("true");
    let status = if root.str_at("level") == Some("error") {
        Status::Forbidden
    } else {
        Status::Deprecated
    };
    let Some(swap) = root.get("swap") else {
        return Err(LoadError::new(
            path,
            1,
            0,
            "a substitution rule without `swap`",
        ));
    };
    let mut out = Loaded::default();
    for (pattern, replacement) in swap.entries() {
        let Some(replacement) = replacement.as_str() else {
            out.drop_item(
                replacement.line,
                format!("\"{pattern}\": the replacement is not a string"),
            );
            continue;
        };
        match substitution(pattern, replacement, status, ignore_case) {
            Ok(e) => out.entries.push(e),
            Err(why) => out.drop_item(
                replacement_line(swap, pattern),
                format!("\"{pattern}\": {why}"),
            ),
        }
    }
    Ok(out)
}

fn replacement_line(swap: &yaml::Node, key: &str) -> u32 {
    swap.get(key).map_or(swap.line, |n| n.line)
}
