//! Output formats of `glossa check`: human (rustc-style snippets), JSON, SARIF 2.1.0 and GitHub
//! workflow annotations. Every format is built from the same [`Record`]s: 1-based lines and
//! columns counted in characters.

mod github;
mod human;
mod json;
mod sarif;

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

use crate::analysis::Finding;
use crate::project::Project;
use crate::scan::lines::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// One checked file.
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub findings: Vec<Finding>,
    /// Index of its project in the loaded projects.
    pub project: usize,
    /// How many fixes `--fix` applied.
    pub fixed: usize,
}

/// One finding, located for output.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    /// The text found.
    pub term: String,
    /// The head term of the concept it names.
    pub concept: String,
    pub replacement: Option<String>,
    /// For ambiguous names: the head terms of every sense.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub senses: Vec<String>,
    /// The exact text `--fix` would write (the replacement with the found text's capital and
    /// plural kept).
    #[serde(skip)]
    pub fix: Option<String>,
}

pub fn records(reports: &[FileReport], projects: &[Project]) -> Vec<Record> {
    let mut out = Vec::new();
    for r in reports {
        let glossary = &projects[r.project].glossary;
        let index = LineIndex::new(&r.text);
        for f in &r.findings {
            let (line, column) = index.line_col(&r.text, f.range.start);
            let (end_line, end_column) = index.line_col(&r.text, f.range.end);
            out.push(Record {
                path: r.path.clone(),
                line,
                column,
                end_line,
                end_column,
                rule: f.rule.id(),
                severity: f.severity.as_str(),
                message: f.message.clone(),
                term: f.term.clone(),
                concept: glossary.concept(f.concept).term.clone(),
                replacement: f.replacement.clone(),
                senses: f
                    .senses
                    .iter()
                    .map(|id| glossary.concept(*id).term.clone())
                    .collect(),
                fix: f.fix.as_ref().map(|x| x.replacement.clone()),
            });
        }
    }
    out
}

/// Writes reports (already sorted by path) in a format.
pub fn write(
    format: Format,
    reports: &[FileReport],
    projects: &[Project],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::write(reports, projects, out),
        Format::Json => json::write(&records(reports, projects), out),
        Format::Sarif => sarif::write(&records(reports, projects), out),
        Format::Github => github::write(&records(reports, projects), out),
    }
}
