//! Client settings (the `glossa` section of the editor's configuration): rule severities that
//! apply on top of every project's `glossa.toml`, so a writer can quiet a rule in the editor
//! without touching the project.
//!
//! ```json
//! { "glossa": { "rules": { "ambiguous-term": "off", "deprecated-term": "error" },
//!               "inlayHints": { "acronyms": "ambiguous" } } }
//! ```
//!
//! `inlayHints.acronyms`: which acronyms show their expansion inline — `"ambiguous"` (default:
//! those with several senses), `"all"`, `"off"`.
//!
//! `maxDiagnostics`: how many of a document's findings go to the editor (default
//! [`DEFAULT_MAX_DIAGNOSTICS`]; `0` for all), the rest summed up in one note
//! (`handlers::diagnostics::capped`).
//!
//! The server asks for them with `workspace/configuration` after `initialized` and again on
//! `workspace/didChangeConfiguration`, and it never depends on either arriving: clients answer
//! `null`, `{}`, the section's value, or the whole settings object (with a `glossa` key), and
//! all of those are read.

use serde_json::Value;

use glossa_engine::analysis::inlay::AcronymHints;
use glossa_engine::analysis::{Rule, RuleSettings, Severity};

/// How many diagnostics a document reports unless the client says otherwise. A report is
/// sent whole on every change of its diagnostics (LSP has no partial report): past a few
/// thousand, editors slow down and a keystroke's report costs milliseconds per thousand
/// (issue 9: 107k findings in 10 MB made 43 MB of JSON per keystroke). cSpell stops at 100.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 1000;

/// What the client set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Severity per rule; `None` switches the rule off.
    pub rules: Vec<(Rule, Option<Severity>)>,
    /// Which acronyms show their expansion as an inlay hint.
    pub acronym_hints: AcronymHints,
    /// How many diagnostics a document reports at most (`usize::MAX`: all).
    pub max_diagnostics: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: Vec::new(),
            acronym_hints: AcronymHints::default(),
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

impl Settings {
    /// Reads a client's answer; the second value lists what was not understood.
    pub fn from_value(value: &Value) -> (Settings, Vec<String>) {
        let mut problems = Vec::new();
        // The whole settings object instead of the section (some clients ignore `section`).
        let value = match value.get("glossa") {
            Some(inner) if value.get("rules").is_none() => inner,
            _ => value,
        };
        let mut settings = Settings::default();
        match value.get("rules") {
            None | Some(Value::Null) => {}
            Some(Value::Object(rules)) => {
                for (id, severity) in rules {
                    let Some(rule) = Rule::from_id(id) else {
                        problems.push(format!("unknown rule `{id}` in the glossa.rules setting"));
                        continue;
                    };
                    match severity.as_str() {
                        Some(s) if s.eq_ignore_ascii_case("off") => settings.rules.push((rule, None)),
                        Some(s) if Severity::parse(s).is_some() => settings.rules.push((rule, Severity::parse(s))),
                        _ => problems.push(format!(
                            "glossa.rules.{id}: expected hint, info, warning, error or off, got {severity}"
                        )),
                    }
                }
            }
            Some(other) => problems.push(format!("glossa.rules should be an object, got {other}")),
        }
        match value.pointer("/inlayHints/acronyms") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_str().and_then(AcronymHints::parse) {
                Some(h) => settings.acronym_hints = h,
                None => problems.push(format!(
                    "glossa.inlayHints.acronyms: expected ambiguous, all or off, got {v}"
                )),
            },
        }
        match value.get("maxDiagnostics") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64() {
                Some(0) => settings.max_diagnostics = usize::MAX,
                Some(n) => settings.max_diagnostics = usize::try_from(n).unwrap_or(usize::MAX),
                None => problems.push(format!(
                    "glossa.maxDiagnostics: expected a whole number (0 for all), got {v}"
                )),
            },
        }
        (settings, problems)
    }

    /// `rules` with these settings laid over them.
    pub fn apply(&self, rules: &RuleSettings) -> RuleSettings {
        let mut out = rules.clone();
        for (rule, severity) in &self.rules {
            out.set(*rule, *severity);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_section_or_the_whole_object_or_nothing() {
        let want = Settings {
            rules: vec![(Rule::AmbiguousTerm, None)],
            ..Settings::default()
        };
        let section = json!({"rules": {"ambiguous-term": "off"}});
        assert_eq!(Settings::from_value(&section), (want.clone(), vec![]));
        let whole = json!({"glossa": {"rules": {"ambiguous-term": "off"}}, "other": {}});
        assert_eq!(Settings::from_value(&whole), (want, vec![]));
        assert_eq!(
            Settings::from_value(&Value::Null),
            (Settings::default(), vec![])
        );
        assert_eq!(
            Settings::from_value(&json!({})),
            (Settings::default(), vec![])
        );
    }

    #[test]
    fn bad_values_are_reported_and_skipped() {
        let (s, problems) = Settings::from_value(
            &json!({"rules": {"no-such": "off", "deprecated-term": "loud", "forbidden-term": "warning"}}),
        );
        assert_eq!(s.rules, [(Rule::ForbiddenTerm, Some(Severity::Warning))]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("no-such") || problems[1].contains("no-such"));
    }

    #[test]
    fn max_diagnostics_is_a_whole_number_and_zero_means_all() {
        assert_eq!(Settings::default().max_diagnostics, DEFAULT_MAX_DIAGNOSTICS);
        let read = |v: Value| Settings::from_value(&json!({ "maxDiagnostics": v }));
        assert_eq!(read(json!(20)).0.max_diagnostics, 20);
        assert_eq!(read(json!(0)).0.max_diagnostics, usize::MAX);
        for bad in [json!(-1), json!(2.5), json!("many")] {
            let (s, problems) = read(bad.clone());
            assert_eq!(s.max_diagnostics, DEFAULT_MAX_DIAGNOSTICS, "{bad}");
            assert!(problems[0].contains("maxDiagnostics"), "{problems:?}");
        }
    }

    #[test]
    fn applies_over_the_project_rules() {
        let s = Settings {
            rules: vec![(Rule::DeprecatedTerm, Some(Severity::Error))],
            ..Settings::default()
        };
        let r = s.apply(&RuleSettings::default());
        assert_eq!(r.severity(Rule::DeprecatedTerm), Some(Severity::Error));
        assert_eq!(r.severity(Rule::AmbiguousTerm), Some(Severity::Info));
    }
}
