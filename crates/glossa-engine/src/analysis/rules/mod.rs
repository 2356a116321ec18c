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

use std::collections::{HashMap, HashSet};
use std::ops::Range;
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

/// How many spellings' findings [`status_rule`] makes together.
const BATCH: usize = 32;

/// Deprecated and forbidden names: every occurrence, with a fix to the preferred name.
fn status_rule(cx: &Context<'_>, status: Status, rule: Rule, out: &mut Vec<Finding>) {
    // A large document writes the same few spellings over and over: the finding of each
    // spelling of each name is made once, and copied with the range of each later occurrence.
    // Each occurrence's spelling first, by its number in `spellings`, numbered in the order
    // they first occur.
    let mut made: HashMap<(&str, NameRef), u32, FixedState> = HashMap::default();
    let mut spellings: Vec<(&str, NameRef)> = Vec::new();
    let mut uses: Vec<(Range<usize>, u32)> = Vec::new();
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
        let next = spellings.len() as u32;
        let i = *made.entry((found, r)).or_insert_with(|| {
            spellings.push((found, r));
            next
        });
        uses.push((m.range.clone(), i));
    }
    // Then, in the document's order, the first occurrence of each spelling gets its finding
    // (made in place: no list of them beside `out`) and the later ones copy it. The glossary
    // entries of the next few spellings are read together when one is first met, each without
    // waiting for the one before (a glossary of 100,000 concepts is mostly out of the cache: a
    // document of as many generated names writes most spellings once, and each finding made
    // after the other waited for memory).
    let mut at = vec![NOT_MADE; spellings.len()];
    let (mut entries, mut batch) = (Vec::with_capacity(BATCH), 0);
    let mut message = String::new();
    out.reserve(uses.len());
    for (range, i) in uses {
        let i = i as usize;
        match at[i] {
            NOT_MADE => {
                if i >= batch + entries.len() {
                    batch = i;
                    entries.clear();
                    entries.extend(spellings[i..].iter().take(BATCH).map(|(_, r)| {
                        let concept = cx.glossary.concept(r.concept);
                        Entry {
                            name: &concept.names[r.name as usize].text,
                            term: concept.term(),
                            reason: concept.reason.as_deref(),
                        }
                    }));
                }
                let (found, r) = &spellings[i];
                let entry = &entries[i - batch];
                match status_finding(cx, status, rule, *r, entry, found, &range, &mut message) {
                    Some(f) => {
                        at[i] = out.len();
                        out.push(f);
                    }
                    None => at[i] = IGNORED,
                }
            }
            IGNORED => {}
            made => {
                let f = &out[made];
                let copy = Finding {
                    range: range.clone(),
                    rule,
                    severity: f.severity,
                    message: f.message.clone(),
                    term: f.term.clone(),
                    concept: f.concept,
                    senses: Vec::new(),
                    replacement: f.replacement.clone(),
                    fix: (f.fix.as_ref()).map(|fix| Fix::new(range, fix.replacement.clone())),
                };
                out.push(copy);
            }
        }
    }
}

/// [`status_rule`]'s marks of a spelling whose finding is not made yet, and of one the
/// document ignores (any other: the finding's place in `out`).
const NOT_MADE: usize = usize::MAX;
const IGNORED: usize = usize::MAX - 1;

/// What a finding of [`status_rule`] reads of the glossary: the name found, its concept's
/// term and the reason it gives.
struct Entry<'g> {
    name: &'g str,
    term: &'g str,
    reason: Option<&'g str>,
}

/// The finding of `rule` on the spelling `found` of name `r` (`entry`) at `range`; `None`
/// when the document ignores it. `message` is a buffer for the message (one allocation per
/// finding: its own).
#[allow(clippy::too_many_arguments)]
fn status_finding(
    cx: &Context<'_>,
    status: Status,
    rule: Rule,
    r: NameRef,
    entry: &Entry<'_>,
    found: &str,
    range: &Range<usize>,
    message: &mut String,
) -> Option<Finding> {
    if cx.ignored.ignores(found) {
        return None;
    }
    // The head itself flagged: a name to avoid with nothing to use instead.
    let replacement = (r.name != 0).then(|| replacement_text(found, entry.name, entry.term));
    message.clear();
    for part in ["\"", found, "\" is ", status.as_str()] {
        message.push_str(part);
    }
    if let Some(replacement) = &replacement {
        for part in [": use \"", replacement, "\""] {
            message.push_str(part);
        }
    }
    if let Some(reason) = entry.reason {
        for part in [" (", reason, ")"] {
            message.push_str(part);
        }
    }
    Some(Finding {
        range: range.clone(),
        rule,
        severity: Severity::Warning,
        message: Arc::from(message.as_str()),
        term: found.into(),
        concept: r.concept,
        senses: Vec::new(),
        replacement: replacement.as_ref().map(|_| Arc::from(entry.term)),
        fix: replacement.map(|text| Fix::new(range.clone(), text)),
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

    /// The status rules make each spelling's finding once, a few spellings at a time, and
    /// copy it to the spelling's later occurrences: they find what a finding made at each
    /// occurrence finds, in a document of more spellings than a batch, each written several
    /// times and in several forms (capital, plural), one ignored, some with a reason, one a
    /// head term with nothing to use instead.
    #[test]
    fn status_findings_are_each_occurrences_own() {
        use super::{BATCH, Entry, status_finding};
        use crate::analysis::{Context, directives::Ignored};
        use crate::glossary::Status;
        let word = |i: usize| {
            let (a, b) = (b'a' + (i % 26) as u8, b'a' + (i / 26 % 26) as u8);
            format!("qu{}{}ex", a as char, b as char)
        };
        let mut toml = String::from(
            "[[concept]]\nterm = \"fine-tuning\"\ndeprecated = [\"finetuning\"]\n\
             forbidden = [\"fine-tunning\"]\nreason = \"House style hyphenates it.\"\n\
             [[concept]]\nterm = \"blacklist\"\nstatus = \"deprecated\"\n",
        );
        let mut text = String::from("<!-- glossa-ignore: quaaex -->\n");
        for i in 0..3 * BATCH {
            toml.push_str(&format!(
                "[[concept]]\nterm = \"{w} tool\"\ndeprecated = [\"{w}\"]\n",
                w = word(i)
            ));
            if i % 5 == 0 {
                toml.push_str("reason = \"Renamed.\"\n");
            }
        }
        for round in 0..3 {
            for i in (0..3 * BATCH).rev().step_by(round + 1) {
                let w = word(i);
                let upper = w[..1].to_uppercase() + &w[1..];
                text.push_str(&format!(
                    "{w} and {upper}s, finetuning, Fine-tunning, blacklist.\n"
                ));
            }
        }
        let g = Glossary::from_entries(native::parse("g.toml", &toml).unwrap());
        let matches = crate::scan::scan(&text, FileKind::Markdown, &Matcher::new(&g));
        let ignored = Ignored::parse(&text);
        let cx = Context {
            text: &text,
            glossary: &g,
            matches: &matches,
            ignored: &ignored,
        };
        for (status, rule) in [
            (Status::Deprecated, Rule::DeprecatedTerm),
            (Status::Forbidden, Rule::ForbiddenTerm),
        ] {
            let mut found = Vec::new();
            super::status_rule(&cx, status, rule, &mut found);
            let mut each = Vec::new();
            for m in matches.iter().filter(|m| m.statuses.contains(status)) {
                let r = *m
                    .refs
                    .iter()
                    .find(|r| g.name(**r).status == status)
                    .unwrap();
                let concept = g.concept(r.concept);
                let entry = Entry {
                    name: &g.name(r).text,
                    term: concept.term(),
                    reason: concept.reason.as_deref(),
                };
                let spelling = &text[m.range.clone()];
                let (range, mut message) = (m.range.clone(), String::new());
                each.extend(status_finding(
                    &cx,
                    status,
                    rule,
                    r,
                    &entry,
                    spelling,
                    &range,
                    &mut message,
                ));
            }
            assert_eq!(found, each);
            assert!(found.len() > 3 * BATCH, "{}", found.len());
        }
        let mut deprecated = Vec::new();
        super::status_rule(
            &cx,
            Status::Deprecated,
            Rule::DeprecatedTerm,
            &mut deprecated,
        );
        let spellings: std::collections::HashSet<&str> =
            deprecated.iter().map(|f| &text[f.range.clone()]).collect();
        assert!(spellings.len() > 2 * BATCH, "{}", spellings.len());
        assert!(!spellings.contains("quaaex") && spellings.contains("Qubaexs"));
        assert!(deprecated.iter().any(|f| f.message.ends_with("(Renamed.)")));
        assert!(deprecated.iter().any(|f| f.fix.is_none()), "blacklist");
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
