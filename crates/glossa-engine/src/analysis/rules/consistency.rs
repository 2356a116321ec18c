//! `inconsistent-term`: one concept written in several forms (see [`super::forms`] for what a form
//! is), in one document and across the files of a repository.
//!
//! In a document, the concept gets one finding, on the first occurrence of a form that is not the
//! chosen one, listing every form with its count. The chosen form is the glossary's preferred
//! name when the document writes it, else the form used most (the first used on a tie). The fix
//! rewrites every other occurrence to it, keeping a plural ending and a sentence's capital.
//!
//! Across files, [`spread`] takes each file's forms and returns one [`Spread`] per concept whose
//! files do not all write it the same way; the CLI prints it in every output format.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use foldhash::fast::FixedState;

use super::forms::{ConceptForms, Form, normalize_separators, recase, same_letters};
use super::position::{Lines, sentence_start};
use super::{Context, Rule};
use crate::analysis::{Finding, Fix, Severity};
use crate::glossary::fold_name;
use crate::glossary::normalize::{is_plural_of, pluralize};

pub(super) fn check(cx: &Context<'_>, forms: &[ConceptForms], out: &mut Vec<Finding>) {
    for cf in forms {
        if cf.forms.len() < 2 {
            continue;
        }
        let concept = cx.glossary.concept(cf.concept);
        let preferred = normalize_separators(concept.term());
        let target = cf
            .forms
            .iter()
            .position(|f| f.text == preferred)
            .unwrap_or_else(|| most_used(&cf.forms));
        let target_text = &cf.forms[target].text;
        let mut edits: Vec<(Range<usize>, String)> = cf
            .forms
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != target)
            .flat_map(|(_, f)| {
                // A large document writes each form the same few ways: each spelling is
                // respelled once, and once more where its capital is the sentence's.
                let mut known: HashMap<(&str, bool), String, FixedState> = HashMap::default();
                let form = fold_name(&f.text);
                let mut lines = Lines::new(cx.text);
                f.uses.iter().map(move |r| {
                    let found = &cx.text[r.clone()];
                    let upper = found.chars().next().is_some_and(char::is_uppercase);
                    let capital =
                        upper && (sentence_start(cx.text, r.start) || lines.in_heading(r.start));
                    let replacement = known
                        .entry((found, capital))
                        .or_insert_with(|| respell(found, capital, &form, target_text));
                    (r.clone(), replacement.clone())
                })
            })
            .collect();
        edits.sort_by_key(|(r, _)| r.start);
        let (range, replacement) = edits.remove(0);
        let found = &cx.text[range.clone()];
        let counts: Vec<String> = cf.forms.iter().map(counted).collect();
        out.push(Finding {
            range: range.clone(),
            rule: Rule::InconsistentTerm,
            severity: Severity::Warning,
            message: format!(
                "{} is written {} ways in this document: {}; use \"{target_text}\"",
                concept.term(),
                cf.forms.len(),
                counts.join(", ")
            )
            .into(),
            term: found.into(),
            concept: cf.concept,
            senses: Vec::new(),
            replacement: Some(target_text.as_str().into()),
            fix: Some(Fix {
                range,
                replacement,
                also: edits,
            }),
        });
    }
}

/// `"fine tuning" (2)`.
fn counted(f: &Form) -> String {
    format!("\"{}\" ({})", f.text, f.uses.len())
}

/// The form used most; the first of them on a tie.
fn most_used(forms: &[Form]) -> usize {
    let mut best = 0;
    for (i, f) in forms.iter().enumerate() {
        if f.uses.len() > forms[best].uses.len() {
            best = i;
        }
    }
    best
}

/// What replaces the occurrence `found` (of form `form`) to write `target`: its plural ending
/// is kept, and its case where it spells the same letters ("Fine Tuning" → "Fine-Tuning"), else
/// a `capital` that is the sentence's or the heading's ("SAE is…" → "Sparse autoencoder is…").
/// `singular` is the form folded ([`fold_name`]).
fn respell(found: &str, capital: bool, singular: &str, target: &str) -> String {
    let f = fold_name(found);
    let word = if f != singular && is_plural_of(&f, singular) {
        pluralize(target)
    } else {
        target.to_owned()
    };
    if same_letters(&word, found) {
        return recase(&word, found, usize::MAX);
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if capital => c.to_uppercase().chain(chars).collect(),
        _ => word,
    }
}

/// One file's forms of one concept, for [`spread`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileForms {
    /// The concept's head term (files may come from projects with different glossaries).
    pub concept: String,
    /// Each form with its count and first occurrence.
    pub forms: Vec<(String, usize, Range<usize>)>,
}

impl FileForms {
    /// A document's forms ([`forms::forms`]), ready to compare with other files.
    pub fn of(cx: &Context<'_>, forms: &[ConceptForms]) -> Vec<FileForms> {
        forms
            .iter()
            .map(|cf| FileForms {
                concept: cx.glossary.concept(cf.concept).term().to_string(),
                forms: cf
                    .forms
                    .iter()
                    .map(|f| (f.text.clone(), f.uses.len(), f.uses[0].clone()))
                    .collect(),
            })
            .collect()
    }
}

/// A concept written differently in different files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spread {
    pub concept: String,
    /// Most used first (then by text).
    pub forms: Vec<SpreadForm>,
}

/// One form of a [`Spread`] and the files that write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpreadForm {
    pub text: String,
    pub total: usize,
    /// (index of the file in the input, count, first occurrence), in input order.
    pub files: Vec<(usize, usize, Range<usize>)>,
}

impl Spread {
    /// One line for every output format; `paths[i]` names input file `i`.
    pub fn message(&self, paths: &[&str]) -> String {
        let forms: Vec<String> = self
            .forms
            .iter()
            .map(|f| {
                let files: Vec<String> = f
                    .files
                    .iter()
                    .map(|(i, n, _)| format!("{} ({n})", paths[*i]))
                    .collect();
                format!("\"{}\" in {}", f.text, files.join(", "))
            })
            .collect();
        format!(
            "{} is written {} ways across files: {}",
            self.concept,
            self.forms.len(),
            forms.join("; ")
        )
    }
}

/// The concepts the files (in the caller's order) do not all write the same way: used in two
/// or more files, and not every one of those with the same set of forms. Sorted by concept.
pub fn spread(files: &[Vec<FileForms>]) -> Vec<Spread> {
    // concept → form → files
    let mut by_concept: BTreeMap<&str, Vec<(usize, &FileForms)>> = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        for ff in file {
            by_concept.entry(&ff.concept).or_default().push((i, ff));
        }
    }
    let mut out = Vec::new();
    for (concept, uses) in by_concept {
        if uses.len() < 2 {
            continue;
        }
        fn set(ff: &FileForms) -> Vec<&str> {
            let mut v: Vec<&str> = ff.forms.iter().map(|f| f.0.as_str()).collect();
            v.sort_unstable();
            v
        }
        let first = set(uses[0].1);
        if uses.iter().all(|(_, ff)| set(ff) == first) {
            continue;
        }
        let mut forms: Vec<SpreadForm> = Vec::new();
        for (i, ff) in &uses {
            for (text, n, at) in &ff.forms {
                let slot = match forms.iter().position(|f| &f.text == text) {
                    Some(s) => s,
                    None => {
                        forms.push(SpreadForm {
                            text: text.clone(),
                            total: 0,
                            files: Vec::new(),
                        });
                        forms.len() - 1
                    }
                };
                forms[slot].total += n;
                forms[slot].files.push((*i, *n, at.clone()));
            }
        }
        forms.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.text.cmp(&b.text)));
        out.push(Spread {
            concept: concept.to_owned(),
            forms,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(concept: &str, forms: &[(&str, usize)]) -> Vec<FileForms> {
        vec![FileForms {
            concept: concept.to_owned(),
            forms: forms
                .iter()
                .map(|(t, n)| (t.to_string(), *n, 0..1))
                .collect(),
        }]
    }

    #[test]
    fn a_concept_spelled_two_ways_in_two_files_is_one_spread() {
        let files = [
            file("fine-tuning", &[("fine-tuning", 3)]),
            file("fine-tuning", &[("fine tuning", 2)]),
            file("fine-tuning", &[("fine-tuning", 1)]),
        ];
        let s = spread(&files);
        assert_eq!(
            s[0].message(&["a.md", "b.md", "c.md"]),
            "fine-tuning is written 2 ways across files: \"fine-tuning\" in a.md (3), c.md (1); \
             \"fine tuning\" in b.md (2)"
        );
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn files_that_agree_are_no_spread() {
        let files = [
            file("fine-tuning", &[("fine-tuning", 3)]),
            file("fine-tuning", &[("fine-tuning", 1)]),
            file("SAM", &[("SAM", 1)]),
        ];
        assert_eq!(spread(&files), []);
    }
}
