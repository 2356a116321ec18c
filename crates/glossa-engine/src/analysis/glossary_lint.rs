//! `glossa lint-glossary`: problems in native TOML glossaries, located in their files.
//!
//! Each file is read with [`native::parse_located`]; problems are judged against the whole
//! glossary the project loads (its other glossaries and the embedded corpus), so a `see_also`
//! may name a corpus concept and a definition may come from another file. The checks:
//!
//! - `duplicate-name` (warning): one name listed twice for a concept (its term included; case
//!   aside, hyphenation variants are different names), or
//!   two `[[concept]]` tables with one term in one file (they would merge silently);
//! - `deprecated-preferred` (error): a deprecated or forbidden name that is another concept's
//!   preferred name — every use of that concept would be flagged;
//! - `replacement-chain` (warning): a name replaced by a term that is itself replaced ("a" → "b"
//!   → "c": write "c" at once); `replacement-cycle` (error): replacements that come back;
//! - `missing-definition` (info): a concept no loaded glossary defines;
//! - `unknown-see-also` (warning): a `see_also` that names no concept;
//! - `acronym-expansion` (warning): an acronym that abbreviates no name of its concept
//!   (Schwartz–Hearst, as for the document's own definitions), so its expansion is not a name.
//!
//! Pure: text in, values out; the CLI reads the files and prints.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Severity;
use crate::glossary::corpus::abbrev::abbreviates;
use crate::glossary::normalize::separators_of;
use crate::glossary::{Entry, Glossary, LoadError, NameKind, Status, fold_name, native};

/// One problem in a glossary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintFinding {
    pub path: String,
    /// Byte range in the file: the name's quoted text when it can be found, else the concept's
    /// table.
    pub range: Range<usize>,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The concept's term.
    pub concept: String,
    /// The name the problem is about (the term for concept-wide problems).
    pub name: String,
}

/// Every lint rule: id, default severity, one line.
pub const RULES: &[(&str, Severity, &str)] = &[
    (
        "duplicate-name",
        Severity::Warning,
        "a name listed twice for a concept, or a concept defined twice in one file",
    ),
    (
        "deprecated-preferred",
        Severity::Error,
        "a deprecated or forbidden name that is another concept's preferred name",
    ),
    (
        "replacement-chain",
        Severity::Warning,
        "a name replaced by a term that is itself replaced",
    ),
    (
        "replacement-cycle",
        Severity::Error,
        "replacements that lead back to where they started",
    ),
    (
        "missing-definition",
        Severity::Info,
        "a concept no loaded glossary defines",
    ),
    (
        "unknown-see-also",
        Severity::Warning,
        "a see_also that names no concept",
    ),
    (
        "acronym-expansion",
        Severity::Warning,
        "an acronym that abbreviates no name of its concept",
    ),
];

fn severity(rule: &str) -> Severity {
    RULES
        .iter()
        .find(|(id, _, _)| *id == rule)
        .map_or(Severity::Warning, |(_, s, _)| *s)
}

/// Lints native glossary files (path, text) against `context`, the whole glossary their project
/// loads. A file that does not parse is an error, as when loading it.
pub fn lint(files: &[(&str, &str)], context: &Glossary) -> Result<Vec<LintFinding>, LoadError> {
    let replaced = replacements(context);
    let mut out = Vec::new();
    for (path, text) in files {
        let entries = native::parse_located(path, text).map_err(|e| e.located(text))?;
        let lines = crate::lines::LineIndex::new(text);
        let mut terms: HashMap<String, usize> = HashMap::new();
        for (entry, span) in &entries {
            let mut cx = FileCx {
                path,
                text,
                span: span.clone(),
                entry,
                out: &mut out,
            };
            let key = fold_name(&entry.term);
            if let Some(first) = terms.get(&key) {
                let line = lines.line(*first);
                cx.push(
                    "duplicate-name",
                    &entry.term,
                    0,
                    format!(
                        "concept \"{}\" is defined twice in this file (first at line {line}); the \
                         two merge into one",
                        entry.term
                    ),
                );
            } else {
                terms.insert(key, span.start);
            }
            duplicates(&mut cx);
            replacement_problems(&mut cx, context, &replaced);
            definitions_and_links(&mut cx, context);
            acronyms(&mut cx, context);
        }
    }
    out.sort_by(|a, b| {
        (a.path.as_str(), a.range.start, a.rule).cmp(&(b.path.as_str(), b.range.start, b.rule))
    });
    out.dedup();
    Ok(out)
}

struct FileCx<'a> {
    path: &'a str,
    text: &'a str,
    span: Range<usize>,
    entry: &'a Entry,
    out: &'a mut Vec<LintFinding>,
}

impl FileCx<'_> {
    /// Records a problem about `name` (its `nth` quoted occurrence in the concept's table).
    fn push(&mut self, rule: &'static str, name: &str, nth: usize, message: String) {
        let range = locate(self.text, self.span.clone(), name, nth).unwrap_or(
            self.span.start..self.span.start + concept_header_len(self.text, &self.span),
        );
        self.out.push(LintFinding {
            path: self.path.to_owned(),
            range,
            rule,
            severity: severity(rule),
            message,
            concept: self.entry.term.clone(),
            name: name.to_owned(),
        });
    }
}

/// The `nth` (0-based) `"name"` inside `span`, without the quotes.
fn locate(text: &str, span: Range<usize>, name: &str, nth: usize) -> Option<Range<usize>> {
    let body = text.get(span.clone())?;
    let quoted = format!("\"{name}\"");
    body.match_indices(&quoted)
        .nth(nth)
        .map(|(i, _)| span.start + i + 1..span.start + i + 1 + name.len())
}

/// The length of the table's first line (`[[concept]]`), to point at when no name is found.
fn concept_header_len(text: &str, span: &Range<usize>) -> usize {
    let body = text.get(span.clone()).unwrap_or("");
    body.find('\n').unwrap_or(body.len())
}

/// Names listed twice for one concept (the term included): same folded text, and the same
/// separators where either name makes them significant.
fn duplicates(cx: &mut FileCx<'_>) {
    let mut seen: Vec<(String, String)> =
        vec![(fold_name(&cx.entry.term), separators_of(&cx.entry.term))];
    let mut counts: HashMap<String, usize> = HashMap::new();
    counts.insert(cx.entry.term.clone(), 1);
    for n in &cx.entry.names {
        if n.kind == NameKind::Term {
            continue;
        }
        let nth = counts.entry(n.text.to_string()).or_insert(0);
        let this = *nth;
        *nth += 1;
        let (folded, seps) = (fold_name(&n.text), separators_of(&n.text));
        // Hyphenation variants ("fine tuning" beside "fine-tuning") are listed on purpose.
        let dup = seen.iter().any(|(f, s)| *f == folded && *s == seps);
        if dup {
            let message = format!(
                "\"{}\" is listed twice for \"{}\" (names compare without case)",
                n.text, cx.entry.term
            );
            cx.push("duplicate-name", &n.text, this, message);
        }
        seen.push((folded, seps));
    }
}

/// Folded deprecated or forbidden name → the terms of the concepts that replace it.
fn replacements(g: &Glossary) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for c in g.concepts() {
        for n in &c.names {
            if matches!(n.status, Status::Deprecated | Status::Forbidden) {
                let v = out.entry(fold_name(&n.text)).or_default();
                if !v.contains(&c.term().to_string()) {
                    v.push(c.term().to_string());
                }
            }
        }
    }
    out
}

fn replacement_problems(
    cx: &mut FileCx<'_>,
    g: &Glossary,
    replaced: &HashMap<String, Vec<String>>,
) {
    let term = fold_name(&cx.entry.term);
    for n in &cx.entry.names {
        if !matches!(n.status, Status::Deprecated | Status::Forbidden) {
            continue;
        }
        let folded = fold_name(&n.text);
        // Another concept's preferred name.
        if let Some(other) = g
            .names_folded(&n.text)
            .iter()
            .find(|r| r.name == 0 && fold_name(g.concept(r.concept).term()) != term)
        {
            let other = &g.concept(other.concept).term();
            let message = format!(
                "\"{}\" is {} here but is the preferred name of \"{other}\": every use of \
                 \"{other}\" would be flagged",
                n.text,
                n.status.as_str()
            );
            cx.push("deprecated-preferred", &n.text, 0, message);
        }
        // Follow the replacement: n → term → …
        let mut path = vec![n.text.to_string(), cx.entry.term.clone()];
        let mut at = term.clone();
        let mut seen: HashSet<String> = [folded.clone(), term.clone()].into();
        let mut cycle = false;
        while let Some(next) = replaced
            .get(&at)
            .and_then(|v| v.iter().find(|t| fold_name(t) != at))
        {
            path.push(next.clone());
            let key = fold_name(next);
            if !seen.insert(key.clone()) {
                cycle = true;
                break;
            }
            at = key;
        }
        if cycle {
            let message = format!("replacements go round in a circle: {}", path.join(" → "));
            cx.push("replacement-cycle", &n.text, 0, message);
        } else if path.len() > 2 {
            let last = path.last().cloned().unwrap_or_default();
            let message = format!(
                "\"{}\" is replaced by \"{}\", which is itself replaced: {}; replace it with \
                 \"{last}\" directly",
                n.text,
                cx.entry.term,
                path.join(" → ")
            );
            cx.push("replacement-chain", &n.text, 0, message);
        }
    }
}

fn definitions_and_links(cx: &mut FileCx<'_>, g: &Glossary) {
    let defined = cx.entry.definition.is_some()
        || g.lookup(&cx.entry.term)
            .iter()
            .chain(g.names_folded(&cx.entry.term).iter().map(|r| &r.concept))
            .any(|id| {
                let c = g.concept(*id);
                fold_name(c.term()) == fold_name(&cx.entry.term) && !c.definitions.is_empty()
            });
    if !defined {
        let message = format!(
            "\"{}\" has no definition here or in any loaded glossary",
            cx.entry.term
        );
        let term = cx.entry.term.clone();
        cx.push("missing-definition", &term, 0, message);
    }
    for s in &cx.entry.see_also {
        if g.names_folded(s).is_empty() {
            let message = format!(
                "see_also \"{s}\" names no concept of the loaded glossaries (nor any of their \
                 names)"
            );
            cx.push("unknown-see-also", s, 0, message);
        }
    }
}

fn acronyms(cx: &mut FileCx<'_>, g: &Glossary) {
    // The concept's other names, from every loaded glossary (a corpus page may hold the
    // expansion).
    let mut long: Vec<String> = vec![cx.entry.term.clone()];
    for id in g.lookup(&cx.entry.term) {
        let c = g.concept(id);
        if fold_name(c.term()) == fold_name(&cx.entry.term) {
            long.extend(
                c.names
                    .iter()
                    .filter(|n| n.kind != NameKind::Acronym)
                    .map(|n| n.text.to_string()),
            );
        }
    }
    long.extend(
        cx.entry
            .names
            .iter()
            .filter(|n| n.kind != NameKind::Acronym)
            .map(|n| n.text.to_string()),
    );
    for n in &cx.entry.names {
        if n.kind != NameKind::Acronym || n.status != Status::Admitted {
            continue;
        }
        if long.iter().any(|l| abbreviates(&n.text, l)) {
            continue;
        }
        let message = format!(
            "acronym \"{}\" abbreviates no name of \"{}\": add its expansion as an alias (or move \
             it to the concept it stands for)",
            n.text, cx.entry.term
        );
        cx.push("acronym-expansion", &n.text, 0, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_one(toml: &str) -> Vec<(&'static str, String)> {
        let entries = native::parse("g.toml", toml).unwrap();
        let g = Glossary::from_entries(entries);
        lint(&[("g.toml", toml)], &g)
            .unwrap()
            .into_iter()
            .map(|f| (f.rule, toml[f.range].to_owned()))
            .collect()
    }

    #[test]
    fn each_problem_at_its_name() {
        let toml = r#"
[[concept]]
term = "fine-tuning"
definition = "Training more."
aliases = ["fine tuning", "Fine-Tuning"]
deprecated = ["finetuning", "transfer learning"]
see_also = ["transfer learning", "nowhere"]
acronyms = ["FT", "SAE"]

[[concept]]
term = "transfer learning"
definition = "Reusing a model."

[[concept]]
term = "finetune"
definition = "Old verb."
deprecated = ["fine-tuning"]
"#;
        assert_eq!(
            lint_one(toml),
            [
                ("duplicate-name", "Fine-Tuning".to_owned()),
                // finetuning → fine-tuning → finetune
                ("replacement-chain", "finetuning".to_owned()),
                ("deprecated-preferred", "transfer learning".to_owned()),
                ("replacement-chain", "transfer learning".to_owned()),
                ("unknown-see-also", "nowhere".to_owned()),
                ("acronym-expansion", "SAE".to_owned()),
                ("deprecated-preferred", "fine-tuning".to_owned()),
            ]
        );
    }

    #[test]
    fn a_chain_and_a_missing_definition() {
        let toml = r#"
[[concept]]
term = "b"
definition = "B."
deprecated = ["a"]

[[concept]]
term = "c"
deprecated = ["b"]
"#;
        assert_eq!(
            lint_one(toml),
            [
                ("replacement-chain", "a".to_owned()),
                ("missing-definition", "c".to_owned()),
                ("deprecated-preferred", "b".to_owned()),
            ]
        );
    }

    #[test]
    fn a_cycle_is_reported_with_its_path() {
        let toml = "[[concept]]\nterm = \"a\"\ndefinition = \"A.\"\ndeprecated = [\"b\"]\n\
                    [[concept]]\nterm = \"b\"\ndefinition = \"B.\"\ndeprecated = [\"a\"]\n";
        let g = Glossary::from_entries(native::parse("g.toml", toml).unwrap());
        let found = lint(&[("g.toml", toml)], &g).unwrap();
        let cycles: Vec<&str> = found
            .iter()
            .filter(|f| f.rule == "replacement-cycle")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            cycles,
            [
                "replacements go round in a circle: b → a → b",
                "replacements go round in a circle: a → b → a"
            ]
        );
    }

    #[test]
    fn the_shipped_style_rules_have_no_problem_above_info() {
        let text = include_str!("../../../../corpus/ai-factory/style.toml");
        let g = Glossary::builtin();
        let found = lint(&[(crate::glossary::style::PATH, text)], &g).unwrap();
        let serious: Vec<&LintFinding> = found
            .iter()
            .filter(|f| f.severity > Severity::Info)
            .collect();
        assert!(serious.is_empty(), "{serious:#?}");
        // House-style names with no corpus page have no definition: that is what info is for.
        assert!(found.iter().any(|f| f.rule == "missing-definition"));
    }
}
