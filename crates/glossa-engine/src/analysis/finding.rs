//! What analysis produces: findings with a rule, a severity, a byte range and maybe a fix.

use std::ops::Range;
use std::sync::Arc;

use crate::glossary::normalize::{is_plural_of, pluralize};
use crate::glossary::{ConceptId, fold_name};

use super::Rule;

/// How serious a finding is. Ordered: `Hint < Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s.to_ascii_lowercase().as_str() {
            "hint" => Severity::Hint,
            "info" | "information" | "note" => Severity::Info,
            "warning" | "warn" => Severity::Warning,
            "error" | "deny" => Severity::Error,
            _ => return None,
        })
    }
}

/// The text edits that fix a finding: replace `range` with `replacement`, and each of `also`
/// (a finding about several places, such as `inconsistent-term`, fixes them all at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub range: Range<usize>,
    pub replacement: String,
    /// More edits, after `range` and not overlapping it or each other.
    pub also: Vec<(Range<usize>, String)>,
}

impl Fix {
    /// One edit.
    pub fn new(range: Range<usize>, replacement: String) -> Fix {
        Fix {
            range,
            replacement,
            also: Vec::new(),
        }
    }

    /// Every edit, the main one first.
    pub fn edits(&self) -> impl Iterator<Item = (&Range<usize>, &str)> {
        std::iter::once((&self.range, self.replacement.as_str()))
            .chain(self.also.iter().map(|(r, t)| (r, t.as_str())))
    }
}

/// One finding in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte range in the document.
    pub range: Range<usize>,
    pub rule: Rule,
    pub severity: Severity,
    /// Shared by the findings of one spelling (a large document repeats a few names).
    pub message: Arc<str>,
    /// The text found, as written in the document.
    pub term: Arc<str>,
    /// The concept the text names (for an ambiguous name, the first sense).
    pub concept: ConceptId,
    /// For an ambiguous name: every concept it may mean.
    pub senses: Vec<ConceptId>,
    /// The preferred name to write instead, when the rule has one.
    pub replacement: Option<Arc<str>>,
    /// The edit that applies `replacement`, keeping the found text's capital and plural.
    pub fix: Option<Fix>,
}

/// The replacement for `found` (a non-preferred name) by `preferred`, keeping a capital first
/// letter and a plural ending the found text had: "Finetunings" → "Fine-tunings".
pub fn replacement_text(found: &str, found_name: &str, preferred: &str) -> String {
    // The name as written but for its letters' case folds to the name (no plural): the
    // common case, found without folding either.
    let as_named = found.len() == found_name.len() && found.eq_ignore_ascii_case(found_name);
    let plural = !as_named && is_plural_of(&fold_name(found), &fold_name(found_name));
    let capital = found.chars().next().is_some_and(char::is_uppercase)
        && !found_name.chars().next().is_some_and(char::is_uppercase);
    let word = if plural {
        pluralize(preferred)
    } else {
        preferred.to_owned()
    };
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if capital => c.to_uppercase().chain(chars).collect(),
        _ => word,
    }
}

/// The edits of every fix in `findings`, sorted and without overlaps: two edits of one place
/// (a deprecated name the consistency rule also rewrites) keep the first; an edit overlapping an
/// earlier one is dropped. What `check --fix` applies and the server's "replace all" sends.
pub fn fix_edits<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
) -> Vec<(Range<usize>, &'a str)> {
    let mut edits: Vec<_> = findings
        .into_iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|f| f.edits())
        .map(|(r, t)| (r.clone(), t))
        .collect();
    edits.sort_by_key(|(r, _)| r.start);
    edits.dedup_by_key(|(r, _)| r.start);
    let mut at = 0;
    edits.retain(|(range, _)| {
        let keep = range.start >= at;
        if keep {
            at = range.end;
        }
        keep
    });
    edits
}

/// Applies every fix ([`fix_edits`]); `None` when there is none.
pub fn apply_fixes(text: &str, findings: &[Finding]) -> Option<String> {
    let edits = fix_edits(findings);
    if edits.is_empty() {
        return None;
    }
    // The new text's exact length is known: one allocation of its size (growing by doubling
    // cost up to twice a large file's size).
    let len = edits
        .iter()
        .fold(text.len(), |n, (r, t)| n - r.len() + t.len());
    let mut out = String::with_capacity(len);
    let mut at = 0;
    for (range, replacement) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(
        range: Range<usize>,
        replacement: &str,
        also: Vec<(Range<usize>, String)>,
    ) -> Finding {
        Finding {
            range: range.clone(),
            rule: Rule::DeprecatedTerm,
            severity: Severity::Warning,
            message: "".into(),
            term: "".into(),
            concept: ConceptId(0),
            senses: Vec::new(),
            replacement: Some(replacement.into()),
            fix: Some(Fix {
                range,
                replacement: replacement.into(),
                also,
            }),
        }
    }

    /// Regression: the server's "replace all" sent every fix's edit as it was, so a place the
    /// consistency rule also rewrote came twice (clients refuse overlapping edits), and the
    /// further places of a consistency fix were left out. It now sends what `--fix` applies.
    #[test]
    fn fix_edits_keep_the_first_edit_of_a_place_and_drop_overlaps() {
        let text = "finetuning and fine tuning, finetuning";
        let findings = [
            finding(28..38, "fine-tuning", vec![]),
            finding(
                0..10,
                "fine-tuning",
                vec![(15..26, "fine-tuning".into()), (28..38, "x".into())],
            ),
            finding(3..12, "overlap", vec![]),
        ];
        let edits = fix_edits(&findings);
        let at: Vec<_> = edits.iter().map(|(r, t)| (r.clone(), *t)).collect();
        assert_eq!(
            at,
            [
                (0..10, "fine-tuning"),
                (15..26, "fine-tuning"),
                (28..38, "fine-tuning")
            ]
        );
        assert_eq!(
            apply_fixes(text, &findings).unwrap(),
            "fine-tuning and fine-tuning, fine-tuning"
        );
    }

    #[test]
    fn keeps_capital_and_plural() {
        assert_eq!(
            replacement_text("finetuning", "finetuning", "fine-tuning"),
            "fine-tuning"
        );
        assert_eq!(
            replacement_text("Finetuning", "finetuning", "fine-tuning"),
            "Fine-tuning"
        );
        assert_eq!(
            replacement_text("finetunings", "finetuning", "fine-tuning"),
            "fine-tunings"
        );
        assert_eq!(
            replacement_text("SAMs", "SAM", "segment anything model"),
            "segment anything models"
        );
        // Regression: "-ies" plurals keep their plural, and the preferred name takes its own.
        assert_eq!(replacement_text("strategies", "strategy", "plan"), "plans");
        assert_eq!(
            replacement_text("Approaches", "approach", "policy"),
            "Policies"
        );
    }
}
