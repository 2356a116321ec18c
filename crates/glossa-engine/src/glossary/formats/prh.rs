//! prh rule files (YAML): `rules:` each with `expected` (the right spelling) and `pattern` or
//! `patterns` (a string, a `/regex/`, or a list of them; without any, `expected` itself in any
//! case). A plain pattern is a spelling to flag; a `/regex/` is expanded where it is a finite set
//! of spellings (`/[Jj]ava[- ]?[Ss]cript/`), else the rule is reported as dropped. `specs`
//! (`from`, `to`) are run as tests at load, as prh does: a spec whose `from` does not become
//! `to` is an error at its line. `imports:` and `options:` are reported as dropped.

use super::{Loaded, entry, substitution, yaml};
use crate::glossary::{Casing, Entry, LoadError, NameKind, Status, fold_name};

/// Parses a prh file.
pub fn parse(path: &str, text: &str) -> Result<Loaded, LoadError> {
    let root = yaml::load(path, text)?;
    let mut out = Loaded::default();
    for key in ["imports", "options"] {
        if let Some(n) = root.get(key) {
            out.drop_item(n.line, format!("`{key}`: not read by glossa"));
        }
    }
    let Some(rules) = root.get("rules") else {
        return Err(LoadError::new(path, 1, 0, "a prh file needs `rules:`"));
    };
    for rule in rules.items() {
        let Some(expected) = rule.str_at("expected") else {
            out.drop_item(rule.line, "rule without `expected`");
            continue;
        };
        let mut patterns = rule.strings_at("pattern");
        patterns.extend(rule.strings_at("patterns"));
        let e = if patterns.is_empty() {
            // prh: `expected` itself, in any case.
            Ok(super::exact_spelling(expected))
        } else {
            rule_entry(expected, &patterns)
        };
        let e = match e {
            Ok(e) => e,
            Err(why) => {
                out.drop_item(rule.line, format!("rule \"{expected}\": {why}"));
                continue;
            }
        };
        if let Some(specs) = rule.get("specs") {
            for spec in specs.items() {
                let (Some(from), Some(to)) = (spec.str_at("from"), spec.str_at("to")) else {
                    continue;
                };
                if let Err(why) = run_spec(&e, from, to) {
                    return Err(LoadError::new(
                        path,
                        spec.line,
                        0,
                        format!(
                            "spec of \"{expected}\" fails: \"{from}\" → \"{to}\" expected, {why}"
                        ),
                    ));
                }
            }
        }
        out.entries.push(e);
    }
    Ok(out)
}

/// One entry from all of a rule's patterns.
fn rule_entry(expected: &str, patterns: &[String]) -> Result<Entry, String> {
    let mut e = entry(expected);
    for p in patterns {
        let (regex, case_insensitive) = match p.strip_prefix('/') {
            Some(rest) => match rest.rsplit_once('/') {
                Some((body, flags)) => (body.to_owned(), flags.contains('i')),
                None => return Err(format!("pattern {p} does not end with `/`")),
            },
            // A plain string pattern: that spelling, as written.
            None => (super::pattern::escape(p), false),
        };
        let one = substitution(&regex, expected, Status::Deprecated, case_insensitive)?;
        for n in one.names {
            if !e.names.contains(&n) {
                e.names.push(n);
            }
        }
    }
    Ok(e)
}

/// What the loaded rule does to `from`: it must become `to`.
fn run_spec(e: &Entry, from: &str, to: &str) -> Result<(), String> {
    let key = fold_name(from);
    let exact_head = e
        .names
        .iter()
        .any(|n| n.kind == NameKind::Term && n.casing == Casing::Exact);
    let result = if let Some(n) = e.names.iter().find(|n| {
        n.status == Status::Deprecated
            && fold_name(&n.text) == key
            && (!n.case_sensitive || n.text == from)
    }) {
        let _ = n;
        e.term.clone()
    } else if key == fold_name(&e.term) && exact_head {
        e.term.clone()
    } else {
        from.to_owned()
    };
    if result == to {
        Ok(())
    } else {
        Err(format!("glossa makes it \"{result}\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_spec_is_an_error_at_its_line() {
        // prh patterns are case-sensitive: "E-mail" is not /e-mail/, so the spec fails in prh too.
        let text = "version: 1\nrules:\n  - expected: email\n    pattern: /e-mail/\n    specs:\n      - from: e-mail\n        to: email\n      - from: E-mail\n        to: email\n";
        let err = parse("prh.yml", text).unwrap_err();
        assert_eq!(err.line, 8, "{err}");
        assert!(err.message.contains("E-mail"), "{err}");
    }
}
