//! `term-casing`: a name whose casing is part of it, written in another casing ("Pytorch",
//! "pytorch" for "PyTorch"). Per name, not per concept: the occurrence is checked against the
//! preferred or admitted names it is, whatever concept they belong to.
//!
//! Which letters count is the name's [`Casing`]: every letter for `case = "exact"`, else the
//! letters of the words written with an inner capital ("DeepSpeed" in "DeepSpeed framework"; the
//! rest may take any case). One exception: at a sentence start (a heading or list item included)
//! the first letter may be a capital ("VLLM serves…" for "vLLM"). Only the first letter: "Javascript"
//! at a sentence start is still not "JavaScript". The fix changes only the letters that are wrong,
//! keeping the separators and a plural ending as written.

use super::position::sentence_start;
use super::{Context, Rule};
use crate::analysis::{Finding, Fix, Severity};
use crate::glossary::normalize::{has_inner_capital, is_separator};
use crate::glossary::{Casing, Name, Status};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for m in cx.matches {
        // No preferred or admitted name, as the match's statuses say: its names not looked up
        // (a glossary of 100,000 concepts is mostly out of the cache).
        if !(m.statuses.contains(Status::Preferred) || m.statuses.contains(Status::Admitted)) {
            continue;
        }
        let mut names = m.refs.iter().filter(|r| {
            matches!(
                cx.glossary.name(**r).status,
                Status::Preferred | Status::Admitted
            )
        });
        let Some(first) = names.next() else {
            continue;
        };
        let candidates: Vec<_> = std::iter::once(first).chain(names).collect();
        // A name that takes any case (of another concept, say) accepts this occurrence.
        if candidates
            .iter()
            .any(|r| cx.glossary.name(**r).casing == Casing::Any)
        {
            continue;
        }
        let found = &cx.text[m.range.clone()];
        let capital_ok = sentence_start(cx.text, m.range.start);
        let fixes: Vec<(String, &Name, crate::glossary::ConceptId)> = candidates
            .iter()
            .map(|r| {
                let n = cx.glossary.name(**r);
                (respell(found, n, capital_ok), n, r.concept)
            })
            .collect();
        if fixes.iter().any(|(fixed, _, _)| fixed == found) || cx.ignored.ignores(found) {
            continue;
        }
        let (replacement, name, concept) = &fixes[0];
        let mut message = format!("\"{found}\" is written \"{}\"", name.text);
        if let Some(reason) = &cx.glossary.concept(*concept).reason {
            message.push_str(&format!(" ({reason})"));
        }
        out.push(Finding {
            range: m.range.clone(),
            rule: Rule::TermCasing,
            severity: Severity::Warning,
            message: message.into(),
            term: found.into(),
            concept: *concept,
            senses: Vec::new(),
            replacement: Some(std::sync::Arc::from(&*name.text)),
            fix: Some(Fix::new(m.range.clone(), replacement.clone())),
        });
    }
}

/// `found` with the letters `name` fixes set to the name's case; the first letter may stay a
/// capital when `capital_ok`.
fn respell(found: &str, name: &Name, capital_ok: bool) -> String {
    // The name's letters, each with whether its case is fixed.
    let mut letters: Vec<(char, bool)> = Vec::new();
    for word in name.text.split(is_separator) {
        let strict = name.casing == Casing::Exact || has_inner_capital(word);
        letters.extend(word.chars().map(|c| (c, strict)));
    }
    let mut expected = letters.into_iter();
    let mut first = true;
    found
        .chars()
        .map(|c| {
            if is_separator(c) {
                return c;
            }
            let at_start = std::mem::replace(&mut first, false);
            match expected.next() {
                Some((n, true)) if n != c && n.to_lowercase().eq(c.to_lowercase()) => {
                    if at_start && capital_ok && c.is_uppercase() {
                        c
                    } else {
                        n
                    }
                }
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{NameKind, Status};

    fn name(text: &str) -> Name {
        Name::new(text, Status::Preferred, NameKind::Term)
    }

    #[test]
    fn only_the_fixed_letters_change() {
        assert_eq!(respell("Pytorch", &name("PyTorch"), false), "PyTorch");
        assert_eq!(respell("pytorchs", &name("PyTorch"), false), "PyTorchs");
        assert_eq!(
            respell("Deepspeed Framework", &name("DeepSpeed framework"), false),
            "DeepSpeed Framework"
        );
        assert_eq!(respell("VLLM", &name("vLLM"), true), "VLLM");
        assert_eq!(respell("VLLM", &name("vLLM"), false), "vLLM");
        assert_eq!(
            respell("Javascript", &name("JavaScript"), true),
            "JavaScript"
        );
    }
}
