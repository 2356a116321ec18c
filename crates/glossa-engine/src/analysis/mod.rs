//! Analysis: from the matches in a document to findings (rule, severity, byte range, message).
//!
//! [`check`] is the whole pipeline for one document: prose regions, matching, then every rule in
//! [`rules`]. Rules see the whole document's matches at once ([`Context`]), so document-level
//! rules (consistency, first-use of an acronym) slot in beside per-match ones. Analysis never
//! fails: it returns values.

pub mod complete;
pub mod describe;
pub mod directives;
pub mod finding;
pub mod glossary_lint;
pub mod hover;
pub mod inlay;
pub mod occurrences;
pub mod reading;
pub mod rules;
pub mod senses;
pub mod term_status;

pub use finding::{Finding, Fix, Severity, apply_fixes, fix_edits};
pub use rules::consistency::{FileForms, Spread, spread};
pub use rules::{Rule, RuleSettings};

use std::sync::OnceLock;

use crate::glossary::Glossary;
use crate::scan::{self, FileKind, Match, Matcher};

/// What rules see of a document.
pub struct Context<'a> {
    pub text: &'a str,
    pub glossary: &'a Glossary,
    pub matches: &'a [Match],
    /// Folded names the document asks to ignore (`glossa-ignore:` directives).
    pub ignored: &'a directives::Ignored,
}

/// Checks one document end to end.
pub fn check(
    text: &str,
    kind: FileKind,
    glossary: &Glossary,
    matcher: &Matcher,
    settings: &RuleSettings,
) -> Vec<Finding> {
    let matches = scan::scan(text, kind, matcher);
    check_matches(text, &matches, glossary, settings)
}

/// Checks one document and also returns the forms it writes each concept in, for comparing
/// files (`inconsistent-term` across a repository).
pub fn check_with_forms(
    text: &str,
    kind: FileKind,
    glossary: &Glossary,
    matcher: &Matcher,
    settings: &RuleSettings,
) -> (Vec<Finding>, Vec<rules::consistency::FileForms>) {
    let matches = scan::scan(text, kind, matcher);
    let ignored = directives::Ignored::parse(text);
    // Senses are read once for the rules and the forms.
    let read = senses::resolve(text, glossary, &matches);
    // Only the read matches are used from here: a large document's raw matches go now.
    drop(matches);
    let cx = Context {
        text,
        glossary,
        matches: &read,
        ignored: &ignored,
    };
    // The forms are worked out once, for `inconsistent-term` and for the comparison of files.
    let forms = OnceLock::new();
    let findings = run_rules_with_forms(&cx, settings, &forms);
    let forms = forms.get_or_init(|| rules::forms::forms(&cx));
    (findings, rules::consistency::FileForms::of(&cx, forms))
}

/// Runs the rules over matches already found (the server keeps matches between edits).
pub fn check_matches(
    text: &str,
    matches: &[Match],
    glossary: &Glossary,
    settings: &RuleSettings,
) -> Vec<Finding> {
    let ignored = directives::Ignored::parse(text);
    run_rules(
        &Context {
            text,
            glossary,
            matches,
            ignored: &ignored,
        },
        settings,
    )
}

/// Runs every enabled rule over a document whose matches and directives are already known (the
/// server keeps both between edits).
pub fn run_rules(cx: &Context<'_>, settings: &RuleSettings) -> Vec<Finding> {
    // The rules see each occurrence as the document means it (`senses`).
    let read = senses::resolve(cx.text, cx.glossary, cx.matches);
    run_rules_with_forms(
        &Context {
            matches: &read,
            ..*cx
        },
        settings,
        &OnceLock::new(),
    )
}

/// [`run_rules`] over matches already narrowed to their senses (the server keeps them:
/// `reading::DocumentReading`).
pub fn run_rules_on_read(cx: &Context<'_>, settings: &RuleSettings) -> Vec<Finding> {
    run_rules_with_forms(cx, settings, &OnceLock::new())
}

/// [`run_rules`] over matches already narrowed to their senses; `forms` holds the document's
/// forms once a rule has needed them.
fn run_rules_with_forms(
    cx: &Context<'_>,
    settings: &RuleSettings,
    forms: &OnceLock<Vec<rules::forms::ConceptForms>>,
) -> Vec<Finding> {
    run_rules_in(cx, settings, forms, PARALLEL_RULES)
}

/// [`run_rules_with_forms`], on every core from `parallel` matches.
fn run_rules_in(
    cx: &Context<'_>,
    settings: &RuleSettings,
    forms: &OnceLock<Vec<rules::forms::ConceptForms>>,
    parallel: usize,
) -> Vec<Finding> {
    let enabled = |rules: &[Rule]| -> Vec<(Rule, Severity)> {
        rules
            .iter()
            .filter_map(|r| Some((*r, settings.severity(*r)?)))
            .collect()
    };
    // Rules that look at each occurrence alone, and rules over the whole document.
    let each = enabled(&[Rule::DeprecatedTerm, Rule::ForbiddenTerm, Rule::TermCasing]);
    let whole = enabled(&[
        Rule::AmbiguousTerm,
        Rule::InconsistentTerm,
        Rule::AcronymFirstUse,
    ]);
    let run = |cx: &Context<'_>, rules: &[(Rule, Severity)], out: &mut Vec<Finding>| {
        for (rule, severity) in rules {
            let start = out.len();
            rules::run(*rule, cx, forms, out);
            for f in &mut out[start..] {
                f.severity = *severity;
            }
        }
    };
    let mut out = Vec::new();
    if cx.matches.len() < parallel.max(2) {
        run(cx, &each, &mut out);
        run(cx, &whole, &mut out);
    } else {
        // A large document: the occurrences in pieces on every core, beside the rules over
        // the whole document.
        use rayon::prelude::*;
        let size = cx.matches.len().div_ceil(2 * rayon::current_num_threads());
        let (pieces, mut rest) = rayon::join(
            || {
                cx.matches
                    .par_chunks(size)
                    .map(|piece| {
                        let mut out = Vec::new();
                        run(
                            &Context {
                                matches: piece,
                                ..*cx
                            },
                            &each,
                            &mut out,
                        );
                        out
                    })
                    .collect::<Vec<_>>()
            },
            || {
                let mut out = Vec::new();
                run(cx, &whole, &mut out);
                out
            },
        );
        out.reserve(pieces.iter().map(Vec::len).sum::<usize>() + rest.len());
        for piece in pieces {
            out.extend(piece);
        }
        out.append(&mut rest);
    }
    // Each rule's findings are in document order (a piece's after the piece before): a stable
    // sort orders them as running the rules one after another over the whole document did.
    in_order(out)
}

/// `findings` stably sorted by start, then rule. A finding is a large value: the order is
/// found on small keys and each finding moved once (a sort moves them many times: a 10 MB
/// document has 100,000 findings), and not at all when they are in order already (one rule
/// found them all).
fn in_order(findings: Vec<Finding>) -> Vec<Finding> {
    let key = |f: &Finding| (f.range.start, f.rule);
    if findings.is_sorted_by(|a, b| key(a) <= key(b)) {
        return findings;
    }
    let mut order: Vec<(usize, Rule, u32)> = (findings.iter().enumerate())
        .map(|(i, f)| (f.range.start, f.rule, i as u32))
        .collect();
    // The index last: unstable on distinct keys is stable.
    order.sort_unstable();
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, _, i)| slots[i as usize].take())
        .collect()
}

/// Past this many matches, the rules run on every core.
const PARALLEL_RULES: usize = 8192;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{native, style};

    /// The rules run on every core, the occurrences in pieces, find what they find one after
    /// another over the whole document: real READMEs with every rule's findings, and a
    /// document repeating them (first uses and forms across pieces).
    #[test]
    fn rules_in_pieces_find_what_they_find_in_one_go() {
        let house = "[[concept]]\nterm = \"fine-tuning\"\ndeprecated = [\"finetuning\"]\n\
                     forbidden = [\"fine-tunning\"]\n\
                     [[concept]]\nterm = \"quick gate test\"\nacronyms = [\"QGT\"]\n\
                     [[concept]]\nterm = \"quantized graph transform\"\nacronyms = [\"QGT\"]\n";
        let mut entries = style::builtin_entries();
        entries.extend(native::parse("house.toml", house).expect("parses"));
        let glossary = Glossary::from_entries(entries);
        let matcher = Matcher::new(&glossary);
        let readme = include_str!("../../../../tests/realdocs/segment-anything-readme.md");
        let repeated = format!(
            "{}\nFinetuning, fine-tunning and Pytorch; SAM, SAE and QGT.\n",
            include_str!("../../../../tests/realdocs/sae-lens-long-description.md")
        )
        .repeat(6);
        let mut rules_seen = std::collections::HashSet::new();
        for text in [readme, repeated.as_str()] {
            let matches = scan::scan(text, FileKind::Markdown, &matcher);
            let read = senses::resolve(text, &glossary, &matches);
            let ignored = directives::Ignored::parse(text);
            let cx = Context {
                text,
                glossary: &glossary,
                matches: &read,
                ignored: &ignored,
            };
            let settings = RuleSettings::default();
            let one_go = run_rules_in(&cx, &settings, &OnceLock::new(), usize::MAX);
            for parallel in [1, 7, 64] {
                let pieces = run_rules_in(&cx, &settings, &OnceLock::new(), parallel);
                assert_eq!(pieces, one_go, "{parallel}");
            }
            rules_seen.extend(one_go.iter().map(|f| f.rule));
        }
        assert_eq!(rules_seen.len(), Rule::ALL.len(), "{rules_seen:?}");
    }

    /// The findings are put in order as a stable sort by start and rule puts them: findings
    /// of every rule from a real README, given in reverse, shuffled, and in order.
    #[test]
    fn findings_are_ordered_as_a_stable_sort_orders_them() {
        let house = "[[concept]]\nterm = \"fine-tuning\"\ndeprecated = [\"finetuning\"]\n";
        let mut entries = style::builtin_entries();
        entries.extend(native::parse("house.toml", house).expect("parses"));
        let glossary = Glossary::from_entries(entries);
        let matcher = Matcher::new(&glossary);
        let text = format!(
            "{}\nFinetuning and fine tuning, Pytorch; SAM, SAE.\n",
            include_str!("../../../../tests/realdocs/sae-lens-long-description.md")
        )
        .repeat(4);
        let found = check(
            &text,
            FileKind::Markdown,
            &glossary,
            &matcher,
            &RuleSettings::default(),
        );
        assert!(found.len() > 10, "{}", found.len());
        let mut reversed = found.clone();
        reversed.reverse();
        // Every third one moved to the end: ties (one start, one rule) out of place too.
        let (mut shuffled, rest): (Vec<_>, Vec<_>) =
            (found.iter().cloned().enumerate()).partition(|(i, _)| i % 3 != 0);
        shuffled.extend(rest);
        let shuffled: Vec<Finding> = shuffled.into_iter().map(|(_, f)| f).collect();
        for given in [found.clone(), reversed, shuffled] {
            let mut sorted = given.clone();
            sorted.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.rule.cmp(&b.rule)));
            assert_eq!(in_order(given), sorted);
        }
    }
}
