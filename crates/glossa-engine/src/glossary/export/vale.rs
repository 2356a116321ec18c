//! Vale from a glossary: a vocabulary (`config/vocabularies/Glossa/accept.txt` and `reject.txt`)
//! and two `substitution` rules (`Glossa/Deprecated.yml`, level warning; `Glossa/Forbidden.yml`,
//! level error), paths relative to Vale's `StylesPath`.
//!
//! `accept.txt` holds the preferred and admitted names: as written when glossa keeps their case
//! (acronyms, names with an inner capital, `case = "exact"`), else with `(?i)`. `reject.txt`
//! holds the names flagged with nothing to use instead. Each deprecated or forbidden name is a
//! `swap` entry to its preferred term, space and hyphen written `[- ]` as glossa folds them,
//! matched in any case unless the name is an acronym or case-sensitive (those go to a
//! case-sensitive rule beside it). Keywords, definitions and categories are not Vale data.

use super::{Exported, File, entries_of};
use crate::glossary::{Casing, Glossary, NameKind, Status};

/// A rule's `swap` map: pattern → replacement.
type Swaps = Vec<(String, String)>;

/// The Vale files of a glossary.
pub fn export(glossary: &Glossary) -> Exported {
    let mut accept: Vec<String> = Vec::new();
    let mut reject: Vec<String> = Vec::new();
    // (rule file, level, ignorecase, swaps)
    let mut rules: Vec<(&str, &str, bool, Swaps)> = vec![
        ("Glossa/Deprecated.yml", "warning", true, Vec::new()),
        ("Glossa/DeprecatedCase.yml", "warning", false, Vec::new()),
        ("Glossa/Forbidden.yml", "error", true, Vec::new()),
        ("Glossa/ForbiddenCase.yml", "error", false, Vec::new()),
    ];
    for e in entries_of(glossary) {
        let head = e.names.iter().find(|n| n.kind == NameKind::Term);
        let head_status = head.map_or(Status::Preferred, |h| h.status);
        let head_exact = e.case_sensitive
            || crate::glossary::is_acronym_like(&e.term)
            || head.map_or(Casing::of(&e.term), |h| h.casing) != Casing::Any;
        if head_status == Status::Preferred {
            push(&mut accept, vocab(&e.term, head_exact));
        } else {
            push(&mut reject, vocab(&e.term, head_exact));
        }
        for n in e.names.iter().filter(|n| n.kind != NameKind::Term) {
            let exact = n.case_sensitive || n.casing != Casing::Any;
            match n.status {
                Status::Preferred | Status::Admitted => push(&mut accept, vocab(&n.text, exact)),
                Status::Deprecated | Status::Forbidden => {
                    let i = usize::from(n.case_sensitive)
                        + 2 * usize::from(n.status == Status::Forbidden);
                    rules[i].3.push((pattern(&n.text), e.term.clone()));
                }
            }
        }
    }
    let mut out = Exported::default();
    let vocab_dir = "config/vocabularies/Glossa";
    out.files.push(File {
        path: format!("{vocab_dir}/accept.txt"),
        text: lines(&accept),
    });
    out.files.push(File {
        path: format!("{vocab_dir}/reject.txt"),
        text: lines(&reject),
    });
    for (path, level, ignore_case, swaps) in rules {
        if swaps.is_empty() {
            continue;
        }
        let mut y = String::from(
            "# Written by `glossa export vale`: the glossary's deprecated and forbidden names.\n",
        );
        y.push_str("extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\n");
        y.push_str(&format!(
            "level: {level}\nignorecase: {ignore_case}\nswap:\n"
        ));
        for (from, to) in swaps {
            y.push_str(&format!("  {}: {}\n", quote(&from), quote(&to)));
        }
        out.files.push(File {
            path: path.to_owned(),
            text: y,
        });
    }
    out
}

fn push(list: &mut Vec<String>, line: String) {
    if !list.contains(&line) {
        list.push(line);
    }
}

fn lines(list: &[String]) -> String {
    let mut s = String::new();
    for l in list {
        s.push_str(l);
        s.push('\n');
    }
    s
}

/// A vocabulary line: the name as a pattern, `(?i)` unless its case is kept.
fn vocab(name: &str, exact: bool) -> String {
    let p = pattern(name);
    if exact { p } else { format!("(?i){p}") }
}

/// A name as a regular expression: metacharacters escaped, a space or hyphen as `[- ]`.
fn pattern(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c {
            ' ' | '-' => out.push_str("[- ]"),
            c if "\\()[]|?*+.{}^$".contains(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted string.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
