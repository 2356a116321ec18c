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

use std::cell::OnceCell;

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
    let forms = OnceCell::new();
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
        &OnceCell::new(),
    )
}

/// [`run_rules`] over matches already narrowed to their senses (the server keeps them:
/// `reading::DocumentReading`).
pub fn run_rules_on_read(cx: &Context<'_>, settings: &RuleSettings) -> Vec<Finding> {
    run_rules_with_forms(cx, settings, &OnceCell::new())
}

/// [`run_rules`] over matches already narrowed to their senses; `forms` holds the document's
/// forms once a rule has needed them.
fn run_rules_with_forms(
    cx: &Context<'_>,
    settings: &RuleSettings,
    forms: &OnceCell<Vec<rules::forms::ConceptForms>>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in Rule::ALL {
        let Some(severity) = settings.severity(*rule) else {
            continue;
        };
        let start = out.len();
        rules::run(*rule, cx, forms, &mut out);
        for f in &mut out[start..] {
            f.severity = severity;
        }
    }
    out.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.rule.cmp(&b.rule)));
    out
}
