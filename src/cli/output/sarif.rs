//! `--format sarif`: SARIF 2.1.0, one run, the rule catalogue in the driver, columns counted in
//! Unicode code points (`columnKind`), replacements as SARIF fixes.

use std::io::Write;

use serde_json::{Value, json};

use super::Record;
use crate::analysis::Rule;

pub fn write(records: &[Record], out: &mut dyn Write) -> std::io::Result<()> {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "shortDescription": { "text": r.description() },
                "defaultConfiguration": { "level": level(r.default_severity().map_or("none", |s| s.as_str())) },
            })
        })
        .collect();
    let results: Vec<Value> = records
        .iter()
        .map(|r| {
            let region = json!({
                "startLine": r.line, "startColumn": r.column,
                "endLine": r.end_line, "endColumn": r.end_column,
            });
            let mut result = json!({
                "ruleId": r.rule,
                "ruleIndex": Rule::ALL.iter().position(|x| x.id() == r.rule),
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
