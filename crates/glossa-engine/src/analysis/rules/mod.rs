//! The rule set: ids, default severities, and the checks themselves.
//!
//! A rule is an entry in [`Rule`] plus a function over the whole document's [`Context`]. Adding a
//! rule means a new variant, its id and default severity, and one `run` arm; settings, output
//! formats and the server pick it up from here. The status rules (deprecated, forbidden,
//! ambiguous) live here; the others have a file each. Every rule that needs to know which
//! concept an occurrence means asks [`meant`].

pub mod casing;
pub mod consistency;
pub mod first_use;
pub mod forms;
pub mod kept;
pub mod position;

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use foldhash::fast::FixedState;

use super::finding::replacement_text;
use super::{Context, Finding, Fix, Severity};
use crate::glossary::{ConceptId, Glossary, NameRef, Status};
use crate::scan::Match;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A deprecated name: warning, with the preferred name as replacement.
    DeprecatedTerm,
    /// A forbidden name: error, with the preferred name as replacement.
    ForbiddenTerm,
    /// A name shared by two or more concepts: information, listing the senses.
    AmbiguousTerm,
    /// One concept written in several forms in one document: warning, with the counts.
    InconsistentTerm,
    /// A case-exact name ("PyTorch") in another casing: warning.
    TermCasing,
    /// An acronym used before the document introduces it: hint, with the expansion as fix.
    AcronymFirstUse,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::DeprecatedTerm,
        Rule::ForbiddenTerm,
        Rule::AmbiguousTerm,
        Rule::InconsistentTerm,
        Rule::TermCasing,
        Rule::AcronymFirstUse,
    ];

    /// The stable id used in config, output and LSP diagnostic codes.
    pub fn id(self) -> &'static str {
        match self {
            Rule::DeprecatedTerm => "deprecated-term",
            Rule::ForbiddenTerm => "forbidden-term",
            Rule::AmbiguousTerm => "ambiguous-term",
            Rule::InconsistentTerm => "inconsistent-term",
            Rule::TermCasing => "term-casing",
            Rule::AcronymFirstUse => "acronym-first-use",
        }
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    pub fn default_severity(self) -> Option<Severity> {
        Some(match self {
            Rule::DeprecatedTerm => Severity::Warning,
            Rule::ForbiddenTerm => Severity::Error,
            Rule::AmbiguousTerm => Severity::Info,
            Rule::InconsistentTerm => Severity::Warning,
            Rule::TermCasing => Severity::Warning,
            Rule::AcronymFirstUse => Severity::Hint,
        })
    }

    /// One line for `--help` and docs.
    pub fn description(self) -> &'static str {
        match self {
            Rule::DeprecatedTerm => "a deprecated name is used; the preferred name replaces it",
            Rule::ForbiddenTerm => "a forbidden name is used; the preferred name replaces it",
            Rule::AmbiguousTerm => {
                "a name that means two or more concepts (first use in a document)"
            }
            Rule::InconsistentTerm => {
                "one concept written in several forms (names, hyphenation, acronym without \
                 introduction); the most common or preferred form replaces the others"
            }
            Rule::TermCasing => {
                "a name whose casing is part of it (\"PyTorch\") written in another casing"
            }
            Rule::AcronymFirstUse => {
                "an acronym used before it is introduced (\"Segment Anything Model (SAM)\"); \
                 the expansion from the glossary is written before it"
            }
        }
    }
}

/// Severity per rule; `None` switches a rule off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSettings {
    severities: Vec<(Rule, Option<Severity>)>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            severities: Rule::ALL
                .iter()
                .map(|r| (*r, r.default_severity()))
                .collect(),
        }
    }
}

impl RuleSettings {
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.severities
            .iter()
            .find(|(r, _)| *r == rule)
            .and_then(|(_, s)| *s)
    }

    pub fn set(&mut self, rule: Rule, severity: Option<Severity>) {
        match self.severities.iter_mut().find(|(r, _)| *r == rule) {
            Some(slot) => slot.1 = severity,
            None => self.severities.push((rule, severity)),
        }
    }
}

/// Runs one rule; `forms` holds the document's forms once worked out (`inconsistent-term` needs
/// them, and so does the comparison of files after the rules).
pub(super) fn run(
    rule: Rule,
    cx: &Context<'_>,
    forms: &OnceLock<Vec<forms::ConceptForms>>,
    out: &mut Vec<Finding>,
) {
    match rule {
        Rule::DeprecatedTerm => status_rule(cx, Status::Deprecated, rule, out),
        Rule::ForbiddenTerm => status_rule(cx, Status::Forbidden, rule, out),
        Rule::AmbiguousTerm => ambiguous(cx, out),
        Rule::InconsistentTerm => {
            consistency::check(cx, forms.get_or_init(|| forms::forms(cx)), out)
        }
        Rule::TermCasing => casing::check(cx, out),
        Rule::AcronymFirstUse => first_use::check(cx, out),
    }
}

/// The concept an occurrence means, when its preferred or admitted names name exactly one;
/// `None` for an ambiguous name (and for a name that is only deprecated or forbidden).
///
/// Every rule asks this one function, so the choice of a sense from context can replace its
/// body without touching the rules.
pub fn meant(cx: &Context<'_>, m: &Match) -> Option<ConceptId> {
    let mut found: Option<ConceptId> = None;
    for r in &m.refs {
        if !matches!(
            cx.glossary.name(*r).status,
            Status::Preferred | Status::Admitted
        ) {
            continue;
        }
        match found {
            None => found = Some(r.concept),
            Some(c) if c != r.concept => return None,
            Some(_) => {}
        }
    }
    found
}

/// Deprecated and forbidden names: every occurrence, with a fix to the preferred name.
fn status_rule(cx: &Context<'_>, status: Status, rule: Rule, out: &mut Vec<Finding>) {
    // A large document writes the same few spellings over and over: the finding of each
    // spelling of each name is made once, where it is first found, and copied from there with
    // the range of each later occurrence (`None`: ignored). A document of many names (100,000
    // generated ones) writes most spellings once: made in place, never copied.
    let mut made: HashMap<(&str, NameRef), Option<usize>, FixedState> = HashMap::default();
    for m in cx.matches {
        if !m.statuses.contains(status) {
            continue;
        }
        let r = match m.refs[..] {
            // One name: the status says it is this one (no glossary look-up).
            [r] => r,
            _ => match m
                .refs
                .iter()
                .find(|r| cx.glossary.name(**r).status == status)
            {
                Some(r) => *r,
                None => continue,
            },
        };
        let found = &cx.text[m.range.clone()];
        match made.entry((found, r)) {
            Entry::Occupied(e) => {
                let Some(i) = *e.get() else { continue };
                let f = &out[i];
                let copy = Finding {
                    range: m.range.clone(),
                    rule,
                    severity: f.severity,
                    message: f.message.clone(),
                    term: f.term.clone(),
                    concept: f.concept,
                    senses: Vec::new(),
                    replacement: f.replacement.clone(),
                    fix: (f.fix.as_ref())
                        .map(|fix| Fix::new(m.range.clone(), fix.replacement.clone())),
                };
                out.push(copy);
            }
            Entry::Vacant(e) => {
                let f = status_finding(cx, status, rule, r, found, m.range.clone());
                e.insert(f.is_some().then_some(out.len()));
                out.extend(f);
            }
        }
    }
}

/// The finding of `rule` on the spelling `found` of name `r` at `range`; `None` when the
/// document ignores it.
fn status_finding(
    cx: &Context<'_>,
    status: Status,
    rule: Rule,
    r: NameRef,
    found: &str,
    range: std::ops::Range<usize>,
) -> Option<Finding> {
    if cx.ignored.ignores(found) {
        return None;
    }
    let concept = cx.glossary.concept(r.concept);
    let name = cx.glossary.name(r);
    // The head itself flagged: a name to avoid with nothing to use instead.
    let replacement = (r.name != 0).then(|| replacement_text(found, &name.text, concept.term()));
    let mut message = match &replacement {
        Some(replacement) => {
            format!("\"{found}\" is {}: use \"{replacement}\"", status.as_str())
        }
        None => format!("\"{found}\" is {}", status.as_str()),
    };
    if let Some(reason) = &concept.reason {
        message.push_str(&format!(" ({reason})"));
    }
    Some(Finding {
        range: range.clone(),
        rule,
        severity: Severity::Warning,
        message: message.into(),
        term: found.into(),
        concept: r.concept,
        senses: Vec::new(),
        replacement: replacement.as_ref().map(|_| Arc::from(concept.term())),
        fix: replacement.map(|text| Fix::new(range, text)),
    })
}

/// The distinct concepts an occurrence may mean through preferred or admitted names.
pub fn senses(glossary: &Glossary, refs: &[NameRef]) -> Vec<ConceptId> {
    let mut out: Vec<ConceptId> = Vec::new();
    for r in refs {
        let st = glossary.name(*r).status;
        if matches!(st, Status::Preferred | Status::Admitted) && !out.contains(&r.concept) {
            out.push(r.concept);
        }
    }
    out
}

/// Ambiguous names: the first occurrence of each in the document.
fn ambiguous(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // A name is known by the names it stands for, so "SAM" and "SAMs" are one name: its first
    // use is reported, and later uses cost one hash lookup (large documents repeat names a lot).
    let mut seen: HashSet<&[NameRef]> = HashSet::new();
    for m in cx.matches {
        // One name of one concept is the common case: no sense list to build.
        if m.refs.len() < 2 || seen.contains(m.refs.as_slice()) {
            continue;
        }
        let senses = senses(cx.glossary, &m.refs);
        if senses.len() < 2 {
            seen.insert(&m.refs);
            continue;
        }
        let found = &cx.text[m.range.clone()];
        if cx.ignored.ignores(found) {
            continue;
        }
        seen.insert(&m.refs);
        let list: Vec<String> = senses
            .iter()
            .map(|id| {
                let c = cx.glossary.concept(*id);
                match &c.category {
                    Some(cat) => format!("{} ({cat})", c.term()),
                    None => c.term().to_string(),
                }
            })
            .collect();
        out.push(Finding {
            range: m.range.clone(),
            rule: Rule::AmbiguousTerm,
            severity: Severity::Info,
            message: format!(
                "\"{found}\" is ambiguous: it may mean {}",
                list.join(", or ")
            )
            .into(),
            term: found.into(),
            concept: senses[0],
            senses,
            replacement: None,
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Rule, RuleSettings, check};
    use crate::glossary::{Glossary, native};
    use crate::scan::{FileKind, Matcher};

    fn findings(text: &str) -> Vec<(Rule, String)> {
        let toml = "[[concept]]\nterm = \"segment anything model\"\nacronyms = [\"SAM\"]\n\
                    [[concept]]\nterm = \"scanning acoustic microscopy\"\nacronyms = [\"SAM\"]\n\
                    [[concept]]\nterm = \"fine-tuning\"\ndeprecated = [\"finetuning\"]\n";
        let g = Glossary::from_entries(native::parse("g.toml", toml).unwrap());
        let m = Matcher::new(&g);
        check(text, FileKind::Text, &g, &m, &RuleSettings::default())
            .into_iter()
            .map(|f| (f.rule, text[f.range].to_owned()))
            .collect()
    }

    #[test]
    fn an_ambiguous_name_is_reported_at_its_first_use_in_any_form() {
        assert_eq!(
            findings("SAMs help. SAM again, finetuning, SAM."),
            [
                (Rule::AmbiguousTerm, "SAMs".to_owned()),
                (Rule::AcronymFirstUse, "SAMs".to_owned()),
                (Rule::DeprecatedTerm, "finetuning".to_owned())
            ]
        );
    }

    #[test]
    fn every_deprecated_use_is_reported() {
        assert_eq!(
            findings("finetuning and Finetuning"),
            [
                (Rule::DeprecatedTerm, "finetuning".to_owned()),
                (Rule::DeprecatedTerm, "Finetuning".to_owned())
            ]
        );
    }
}
