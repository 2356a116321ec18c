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
//! The server asks for them with `workspace/configuration` after `initialized` and again on
//! `workspace/didChangeConfiguration`, and it never depends on either arriving: clients answer
//! `null`, `{}`, the section's value, or the whole settings object (with a `glossa` key), and
//! all of those are read.

use serde_json::Value;

use glossa_engine::analysis::inlay::AcronymHints;
use glossa_engine::analysis::{Rule, RuleSettings, Severity};

/// What the client set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Severity per rule; `None` switches the rule off.
    pub rules: Vec<(Rule, Option<Severity>)>,
    /// Which acronyms show their expansion as an inlay hint.
    pub acronym_hints: AcronymHints,
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
