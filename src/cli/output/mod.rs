//! Output formats of `glossa check`: human (rustc-style snippets), JSON, SARIF 2.1.0 and GitHub
//! workflow annotations. Every format is built from the same [`Record`]s (1-based lines and
//! columns counted in characters) and [`SpreadReport`]s (the repository summary of
//! `inconsistent-term`, one per concept, after the findings). `glossa lint-glossary` writes its
//! [`LintReport`]s through the same formats ([`write_lint`]).

mod github;
mod human;
mod json;
mod sarif;

use std::io::{BufWriter, StdoutLock, Write};

use clap::ValueEnum;
use serde::Serialize;

use glossa_engine::analysis::glossary_lint::{self, LintFinding};
use glossa_engine::analysis::{FileForms, Finding, Rule, Severity, Spread};
use glossa_engine::lines::LineIndex;
use glossa_project::Project;

/// Standard output, locked once and buffered: every command writes its results through this
/// (a line-buffered `Stdout` made one `write` call per line: 291,215 for 22k findings). The
/// caller flushes it at the end, so that a write error is reported.
pub fn stdout() -> BufWriter<StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

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
    /// The forms it writes each concept in, to compare with the other files.
    pub forms: Vec<FileForms>,
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

/// A concept written differently in different files, located for output.
pub struct SpreadReport {
    pub spread: Spread,
    /// `inconsistent-term`'s severity in the project of the first file.
    pub severity: Severity,
    pub message: String,
    /// The first use of each form in each file: (form, path, line, column, end line, end column).
    pub locations: Vec<SpreadLocation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpreadLocation {
    pub form: String,
    pub path: String,
    pub count: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// The repository summary of `inconsistent-term`: one per concept the files (sorted by path)
/// write differently; none when the rule is off for the first file's project.
pub fn spreads(reports: &[FileReport], projects: &[Project]) -> Vec<SpreadReport> {
    let Some(first) = reports.first() else {
        return Vec::new();
    };
    let Some(severity) = projects[first.project]
        .config
        .rules
        .severity(Rule::InconsistentTerm)
    else {
        return Vec::new();
    };
    let forms: Vec<Vec<FileForms>> = reports.iter().map(|r| r.forms.clone()).collect();
    let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
    glossa_engine::analysis::spread(&forms)
        .into_iter()
        .map(|spread| {
            let mut locations = Vec::new();
            for f in &spread.forms {
                for (i, count, range) in &f.files {
                    let r = &reports[*i];
                    let index = LineIndex::new(&r.text);
                    let (line, column) = index.line_col(&r.text, range.start);
                    let (end_line, end_column) = index.line_col(&r.text, range.end);
                    locations.push(SpreadLocation {
                        form: f.text.clone(),
                        path: r.path.clone(),
                        count: *count,
                        line,
                        column,
                        end_line,
                        end_column,
                    });
                }
            }
            SpreadReport {
                message: spread.message(&paths),
                spread,
                severity,
                locations,
            }
        })
        .collect()
}

pub fn records(reports: &[FileReport], projects: &[Project]) -> Vec<Record> {
    let mut out = Vec::new();
    for r in reports {
        let glossary = &projects[r.project].glossary;
        let index = LineIndex::new(&r.text);
        for f in &r.findings {
            out.push(Record {
                rule: f.rule.id(),
                severity: f.severity.as_str(),
                message: f.message.to_string(),
                term: f.term.to_string(),
                concept: glossary.concept(f.concept).term().to_string(),
                replacement: f.replacement.as_deref().map(str::to_owned),
                senses: f
                    .senses
                    .iter()
                    .map(|id| glossary.concept(*id).term().to_string())
                    .collect(),
                fix: f.fix.as_ref().map(|x| x.replacement.clone()),
                ..Record::at(&r.path, &index, &r.text, &f.range)
            });
        }
    }
    out
}

impl Record {
    /// A record for `range` of `text` in the file `path`, lines and columns from `index`; the
    /// caller fills in what was found.
    fn at(path: &str, index: &LineIndex, text: &str, range: &std::ops::Range<usize>) -> Record {
        let (line, column) = index.line_col(text, range.start);
        let (end_line, end_column) = index.line_col(text, range.end);
        Record {
            path: path.to_owned(),
            line,
            column,
            end_line,
            end_column,
            rule: "",
            severity: "",
            message: String::new(),
            term: String::new(),
            concept: String::new(),
            replacement: None,
            senses: Vec::new(),
            fix: None,
        }
    }
}

/// Writes reports (already sorted by path) in a format.
pub fn write(
    format: Format,
    reports: &[FileReport],
    spreads: &[SpreadReport],
    projects: &[Project],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::write(reports, spreads, projects, out),
        Format::Json => json::write(&records(reports, projects), spreads, out),
        Format::Sarif => sarif::write(
            &sarif::check_rules(),
            &records(reports, projects),
            spreads,
            out,
        ),
        Format::Github => github::write(&records(reports, projects), spreads, out),
    }
}

/// One linted glossary file (`glossa lint-glossary`).
pub struct LintReport {
    pub path: String,
    pub text: String,
    pub findings: Vec<LintFinding>,
}

/// The lint findings as records (the term is the name, the concept its term).
fn lint_records(reports: &[LintReport]) -> Vec<Record> {
    let mut out = Vec::new();
    for r in reports {
        let index = LineIndex::new(&r.text);
        for f in &r.findings {
            out.push(Record {
                rule: f.rule,
                severity: f.severity.as_str(),
                message: f.message.clone(),
                term: f.name.clone(),
                concept: f.concept.clone(),
                ..Record::at(&r.path, &index, &r.text, &f.range)
            });
        }
    }
    out
}

/// Writes `lint-glossary` reports (sorted by path) in a format.
pub fn write_lint(
    format: Format,
    reports: &[LintReport],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::write_lint(reports, out),
        Format::Json => json::write(&lint_records(reports), &[], out),
        Format::Sarif => {
            let catalogue: Vec<_> = glossary_lint::RULES
                .iter()
                .map(|(id, severity, description)| (*id, *description, severity.as_str()))
                .collect();
            sarif::write(&catalogue, &lint_records(reports), &[], out)
        }
        Format::Github => github::write(&lint_records(reports), &[], out),
    }
}
