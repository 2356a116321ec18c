//! The forms a document writes each concept in: what `inconsistent-term` compares in one document
//! and `glossa check` compares across files.
//!
//! A form is an occurrence as written, with what does not make it another form taken out:
//!
//! - a regular plural ending ("SAEs" is the form "SAE");
//! - the kind of white space (a line break is a space) and of hyphen (any dash between words is
//!   "-"): "fine\ntuning" is "fine tuning", "fine-tuning" stays "fine-tuning";
//! - case, for every name that matches in any case: "Fine-Tuning" in a heading, "Fine-tuning" at
//!   a sentence start, "Transformer" as a proper noun and "transformer" are one form, shown in the
//!   glossary's casing. Checked on real pages (the corpus), counting case made most findings
//!   Title Case in headings and bold leads, not terminology; where a name's casing matters
//!   ("PyTorch"), `term-casing` reports it. Acronyms match only in their case anyway.
//!
//! An acronym the document introduces — "sparse autoencoder (SAE)" or "SAE (sparse autoencoder)"
//! anywhere in it — is not a form of its own: once introduced, writing the acronym is consistent
//! and so is writing the full form. The introduction's own acronym is not counted either. An
//! acronym used with no introduction is a form like any other name. Two other names of one
//! concept side by side, the second in parentheses ("SAGPool (Self-Attention Graph Pooling)"),
//! introduce the shorter the same way, and so does a paper's title, the short name, a colon and
//! the long one ("DeBERTa: Decoding-enhanced BERT with Disentangled Attention").
//!
//! A name shortened to the last or first words of a longer one the document also writes is that
//! longer form ("quantization" beside "model quantization", "Transformers" beside "Hugging Face
//! Transformers", "SavedModel" beside "SavedModel format"): naming a thing in full and then
//! shorter is no other spelling. Seen on real package descriptions (AutoGPTQ, lm-evaluation-
//! harness, tfjs-converter), where it was most of the rule's findings.

use std::collections::HashMap;
use std::ops::Range;

use foldhash::fast::FixedState;

use super::{Context, meant};
use crate::glossary::normalize::{is_plural_of, is_separator};
use crate::glossary::{ConceptId, Name, NameKind, NameRef, Status, fold_name};

/// One form of a concept in a document and where it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The form as written (see the module doc for what is taken out).
    pub text: String,
    /// Byte ranges of its occurrences, in document order.
    pub uses: Vec<Range<usize>>,
}

/// Every form one concept is written in, in order of first use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptForms {
    pub concept: ConceptId,
    pub forms: Vec<Form>,
}

/// A short name introduced beside a longer one of its concept: an acronym with its full form,
/// "sparse autoencoder (SAE)", "SAE (sparse autoencoder)"; or any name with another,
/// "SAGPool (Self-Attention Graph Pooling)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduction {
    pub concept: ConceptId,
    /// The short name, folded (an acronym, else the shorter of the two).
    pub short: String,
    /// The short name's occurrence inside the introduction.
    pub at: Range<usize>,
}

/// The forms of every concept the document names (through a preferred or admitted name, with
/// one meaning), in order of first use.
pub fn forms(cx: &Context<'_>) -> Vec<ConceptForms> {
    // The introduced short names of each concept.
    let mut introduced: HashMap<ConceptId, Vec<String>> = HashMap::new();
    for i in introductions(cx) {
        introduced.entry(i.concept).or_default().push(i.short);
    }
    // A document writes the same names over and over: the form of each text as each name is
    // worked out once (`None`: an introduced acronym, no form).
    let mut form_of_text: HashMap<(NameRef, &str), Option<(usize, usize)>, FixedState> =
        HashMap::default();
    let mut out: Vec<ConceptForms> = Vec::new();
    let mut slot: HashMap<ConceptId, usize, FixedState> = HashMap::default();
    for m in cx.matches {
        let Some(concept) = meant(cx, m) else {
            continue;
        };
        let Some(name_ref) = allowed_ref(cx, &m.refs, concept) else {
            continue;
        };
        let found = &cx.text[m.range.clone()];
        let at = *form_of_text.entry((name_ref, found)).or_insert_with(|| {
            let text = form_text(cx, &introduced, concept, name_ref, found, m.range.clone())?;
            let i = *slot.entry(concept).or_insert_with(|| {
                out.push(ConceptForms {
                    concept,
                    forms: Vec::new(),
                });
                out.len() - 1
            });
            let forms = &mut out[i].forms;
            let k = forms
                .iter()
                .position(|f| f.text == text)
                .unwrap_or_else(|| {
                    forms.push(Form {
                        text,
                        uses: Vec::new(),
                    });
                    forms.len() - 1
                });
            Some((i, k))
        });
        if let Some((i, k)) = at {
            out[i].forms[k].uses.push(m.range.clone());
        }
    }
    for cf in &mut out {
        if cf.forms.len() > 1 {
            merge_shortened(&mut cf.forms);
        }
    }
    out
}

/// Folds each form that is another form of its concept shortened into that form: its words are
/// the other's last or first words ("quantization" beside "model quantization", "Transformers"
/// beside "Hugging Face Transformers", "SavedModel" beside "SavedModel format"). A writer
/// names a thing in full and then shorter; that is no other spelling. Words are split at
/// spaces only ("mixture-of-experts" is one word) and compared in any case. The forms stay
/// in order of first use.
fn merge_shortened(forms: &mut Vec<Form>) {
    let words = |f: &Form| -> Vec<String> { f.text.split(' ').map(str::to_lowercase).collect() };
    let mut i = 0;
    while i < forms.len() {
        let short = words(&forms[i]);
        let whole = forms.iter().position(|f| {
            let w = words(f);
            w.len() > short.len() && (w.ends_with(&short) || w.starts_with(&short))
        });
        let Some(whole) = whole else {
            i += 1;
            continue;
        };
        let shortened = forms.remove(i);
        let whole = &mut forms[if whole > i { whole - 1 } else { whole }];
        whole.uses.extend(shortened.uses);
        whole.uses.sort_by_key(|r| r.start);
    }
    forms.sort_by_key(|f| f.uses.first().map_or(usize::MAX, |r| r.start));
}

/// The form of the occurrence `found` at `range` of `concept` as name `name_ref`; `None` when
/// it is not counted (ignored, or an introduced short name).
fn form_text(
    cx: &Context<'_>,
    introduced: &HashMap<ConceptId, Vec<String>>,
    concept: ConceptId,
    name_ref: NameRef,
    found: &str,
    range: Range<usize>,
) -> Option<String> {
    if cx.ignored.ignores(found) {
        return None;
    }
    let name = cx.glossary.name(name_ref);
    let folded = fold_name(&name.text);
    if introduced
        .get(&concept)
        .is_some_and(|shorts| shorts.contains(&folded))
    {
        return None;
    }
    // "transformers" may be a name of its own; its form is still the singular's.
    let found_folded = fold_name(found);
    let name = cx
        .glossary
        .concept(concept)
        .allowed_names()
        .find(|n| is_plural_of(&found_folded, &fold_name(&n.text)))
        .unwrap_or(name);
    Some(form_of(cx.text, range, name))
}

/// The preferred or admitted name of `concept` an occurrence is (the head term first when
/// several fold alike).
fn allowed_ref(cx: &Context<'_>, refs: &[NameRef], concept: ConceptId) -> Option<NameRef> {
    refs.iter()
        .filter(|r| r.concept == concept)
        .filter(|r| {
            matches!(
                cx.glossary.name(**r).status,
                Status::Preferred | Status::Admitted
            )
        })
        .min_by_key(|r| r.name)
        .copied()
}

/// The name of `concept` an occurrence is, among its preferred and admitted names (the head
/// term first when several fold alike).
pub fn allowed_name<'g>(
    cx: &Context<'g>,
    refs: &[NameRef],
    concept: ConceptId,
) -> Option<&'g Name> {
    allowed_ref(cx, refs, concept).map(|r| cx.glossary.name(r))
}

/// Every acronym introduction in the document: a full form of a concept and one of its acronyms
/// next to each other, the second in parentheses: "sparse autoencoder (SAE)", or "SAE (sparse
/// autoencoder)" where the parenthesis may go on ("S4 (Structured State Spaces for Sequences)");
/// or the short name, a colon and the full form, as papers are titled ("DeBERTa:
/// Decoding-enhanced BERT with Disentangled Attention", transformers.js's README); or a full
/// form and its acronym each followed by one version ("Segment Anything Model 2 (SAM 2)", SAM
/// 2's README).
pub fn introductions(cx: &Context<'_>) -> Vec<Introduction> {
    let mut out = Vec::new();
    for pair in cx.matches.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let between = &cx.text[a.range.end..b.range.start];
        // Emphasis may close before the parenthesis does: "(**SAE**)".
        let after = cx.text[b.range.end..].trim_start_matches(['*', '_', ' ']);
        // Emphasis may close before the parenthesis: "**TracIn** (Tracing with…)".
        let between = between.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
        // A paper's title: "DeBERTa: Decoding-enhanced BERT with Disentangled Attention".
        let colon = between == ":";
        // A versioned name with its versioned acronym: "Segment Anything Model 2 (SAM 2)".
        let versioned = between
            .strip_suffix('(')
            .map(str::trim_end)
            .filter(|v| !v.is_empty() && v.len() <= 8 && !v.contains(char::is_whitespace))
            .and_then(|v| after.strip_prefix(v))
            .is_some_and(|rest| rest.trim_start_matches(['*', '_']).starts_with(')'));
        if between != "(" && !colon && !versioned {
            continue;
        }
        let Some(concept) = meant(cx, a).filter(|c| meant(cx, b) == Some(*c)) else {
            continue;
        };
        let (Some(na), Some(nb)) = (
            allowed_name(cx, &a.refs, concept),
            allowed_name(cx, &b.refs, concept),
        ) else {
            continue;
        };
        let (fa, fb) = (fold_name(&na.text), fold_name(&nb.text));
        if fa == fb {
            continue;
        }
        let short_is_a = match (na.kind == NameKind::Acronym, nb.kind == NameKind::Acronym) {
            (true, false) => true,
            (false, true) => false,
            _ => fa.len() <= fb.len(),
        };
        if versioned {
            // Only the acronym in the parenthesis: "SAM 2 (Segment Anything Model 2)" would
            // need its long form to run on to the version, which a parenthesis may not close.
            if short_is_a {
                continue;
            }
        } else if !short_is_a && (colon || !after.starts_with(')')) {
            continue;
        }
        let (short, at) = if short_is_a {
            (fa, a.range.clone())
        } else {
            (fb, b.range.clone())
        };
        out.push(Introduction { concept, short, at });
    }
    out
}

/// The form of the occurrence at `range`, which is the glossary name `name` (see the module doc).
pub fn form_of(text: &str, range: Range<usize>, name: &Name) -> String {
    let found = singular(&text[range], &name.text);
    let spaced: String = normalize_separators(&found);
    if name.case_sensitive {
        spaced
    } else {
        recase(&spaced, &name.text, usize::MAX)
    }
}

/// White space runs as one space, every dash between words as "-".
pub fn normalize_separators(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        }
        space = false;
        out.push(if is_separator(c) { '-' } else { c });
    }
    out
}

/// `found` without the regular plural ending it has over `name` ("SAEs" → "SAE", "strategies" →
/// "strategy").
fn singular(found: &str, name: &str) -> String {
    let (f, n) = (fold_name(found), fold_name(name));
    if f == n || !is_plural_of(&f, &n) {
        return found.to_owned();
    }
    if f.ends_with("ies") && n.ends_with('y') {
        return format!("{}y", &found[..found.len() - 3]);
    }
    let cut = if f.len() == n.len() + 2 { 2 } else { 1 };
    found[..found.len() - cut].to_owned()
}

/// `found` with its first `letters` letters in the case of the name's letters at the same place
/// (separators are skipped on both sides; letters that are not the same letter are kept).
/// Meant for two spellings of the same letters; see [`same_letters`].
pub fn recase(found: &str, name: &str, letters: usize) -> String {
    let mut name_letters = name.chars().filter(|c| !is_separator(*c));
    let mut done = 0;
    found
        .chars()
        .map(|c| {
            if is_separator(c) || done >= letters {
                return c;
            }
            done += 1;
            match name_letters.next() {
                Some(n) if n.to_lowercase().eq(c.to_lowercase()) => n,
                _ => c,
            }
        })
        .collect()
}

/// True when `a` and `b` have the same letters in the same order, case and separators aside
/// ("Fine Tuning", "fine-tuning").
pub fn same_letters(a: &str, b: &str) -> bool {
    fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| !is_separator(*c))
            .flat_map(char::to_lowercase)
    }
    letters(a).eq(letters(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_plurals() {
        assert_eq!(normalize_separators("fine\n  tuning"), "fine tuning");
        assert_eq!(normalize_separators("fine–tuning"), "fine-tuning");
        assert_eq!(singular("SAEs", "SAE"), "SAE");
        assert_eq!(singular("Strategies", "strategy"), "Strategy");
        assert_eq!(singular("boxes", "box"), "box");
        assert_eq!(recase("Fine-Tuning", "fine-tuning", 1), "fine-Tuning");
        assert_eq!(recase("Fine-Tuning", "fine tuning", 99), "fine-tuning");
    }
}
