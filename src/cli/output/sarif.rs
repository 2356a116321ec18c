//! `--format sarif`: SARIF 2.1.0, one run, the rule catalogue in the driver, columns counted in
//! Unicode code points (`columnKind`), replacements as SARIF fixes; a concept written differently
//! in different files is one result with a location per form and file.

use std::io::Write;

use serde_json::{Value, json};

use super::{Record, SpreadReport};
use glossa_engine::analysis::Rule;

/// The rule catalogue of `glossa check`: id, description, default severity name.
pub fn check_rules() -> Vec<(&'static str, &'static str, &'static str)> {
    Rule::ALL
        .iter()
        .map(|r| {
            (
                r.id(),
                r.description(),
                r.default_severity().map_or("none", |s| s.as_str()),
            )
        })
        .collect()
}

pub fn write(
    catalogue: &[(&'static str, &'static str, &'static str)],
    records: &[Record],
    spreads: &[SpreadReport],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let rules: Vec<Value> = catalogue
        .iter()
        .map(|(id, description, severity)| {
            json!({
                "id": id,
                "shortDescription": { "text": description },
                "defaultConfiguration": { "level": level(severity) },
            })
        })
        .collect();
    let mut results: Vec<Value> = records
        .iter()
        .map(|r| {
            let region = json!({
                "startLine": r.line, "startColumn": r.column,
                "endLine": r.end_line, "endColumn": r.end_column,
            });
            let mut result = json!({
                "ruleId": r.rule,
                "ruleIndex": catalogue.iter().position(|x| x.0 == r.rule),
                "level": level(r.severity),
                "message": { "text": r.message },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": r.path },
                    "region": region,
                }}],
            });
            if let Some(rep) = &r.fix {
                result["fixes"] = json!([{
                    "description": { "text": format!("Replace with \"{rep}\"") },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": r.path },
                        "replacements": [{ "deletedRegion": region, "insertedContent": { "text": rep } }],
                    }],
                }]);
            }
            result
        })
        .collect();
    // The repository summary: one result per concept, located at the first use of each form in
    // each file.
    results.extend(spreads.iter().map(|s| {
        let locations: Vec<Value> = s
            .locations
            .iter()
            .map(|l| {
                json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": l.path },
                        "region": {
                            "startLine": l.line, "startColumn": l.column,
                            "endLine": l.end_line, "endColumn": l.end_column,
                        },
                    },
                    "message": { "text": format!("\"{}\" ({})", l.form, l.count) },
                })
            })
            .collect();
        json!({
            "ruleId": Rule::InconsistentTerm.id(),
            "ruleIndex": catalogue.iter().position(|x| x.0 == Rule::InconsistentTerm.id()),
            "level": level(s.severity.as_str()),
            "message": { "text": s.message },
            "locations": locations,
        })
    }));
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "glossa",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/glossa-dev/glossa",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        "none" => "none",
        _ => "note",
    }
}
