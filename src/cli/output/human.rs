//! Human output: a rustc-style snippet per finding (annotate-snippets), then each concept written
//! differently in different files with the first use of each form, then a summary line.
//! Colour only when stdout is a terminal and `NO_COLOR` is unset.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use rayon::prelude::*;

use super::{FileReport, LintReport, SpreadReport};
use crate::cli::check::plural;
use glossa_engine::analysis::Severity;
use glossa_engine::lines::LineIndex;
use glossa_project::Project;

/// How many findings are rendered at once.
const RENDER_BATCH: usize = 4096;

pub fn write(
    reports: &[FileReport],
    spreads: &[SpreadReport],
    projects: &[Project],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let renderer = renderer();
    let mut counts = [0usize; 4];
    let files_with_findings = reports
        .iter()
        .filter(|r| {
            !r.findings.is_empty()
                || spreads
                    .iter()
                    .any(|s| s.locations.iter().any(|l| l.path == r.path))
        })
        .count();
    // Where each glossary is, as the user would type it: once per file, not per finding.
    let cwd = cwd();
    let mut notes: HashMap<&str, String> = HashMap::new();
    for r in reports {
        let glossary = &projects[r.project].glossary;
        let index = LineIndex::new(&r.text);
        // Rendered on every core, a batch at a time (a large file's findings are not all held
        // as text at once), and written in order.
        for batch in r.findings.chunks(RENDER_BATCH) {
            let shown: Vec<Shown<'_>> = batch
                .iter()
                .map(|f| {
                    counts[f.severity as usize] += 1;
                    let concept = glossary.concept(f.concept);
                    let label = match (&f.fix, f.senses.len()) {
                        (Some(fix), _) => format!("use \"{}\"", fix.replacement),
                        (None, n) if n > 1 => format!("{n} senses"),
                        _ => concept.term().to_string(),
                    };
                    let note = concept.source().map(|src| {
                        let path = notes
                            .entry(&*src.path)
                            .or_insert_with(|| relative_to(&src.path, cwd.as_deref()));
                        format!("defined at {path}:{}", src.line)
                    });
                    Shown {
                        path: &r.path,
                        text: &r.text,
                        index: &index,
                        range: f.range.clone(),
                        severity: f.severity,
                        rule: f.rule.id(),
                        message: &f.message,
                        label,
                        note,
                    }
                })
                .collect();
            let rendered: Vec<String> = shown.par_iter().map(|s| s.render(&renderer)).collect();
            for text in rendered {
                writeln!(out, "{text}\n")?;
            }
        }
    }
    // The repository summary, one block per concept, each form's first use in each file.
    for s in spreads {
        counts[s.severity as usize] += 1;
        writeln!(
            out,
            "{}[inconsistent-term]: {}",
            s.severity.as_str(),
            s.message
        )?;
        for l in &s.locations {
            writeln!(
                out,
                "  --> {}:{}:{}: \"{}\" ({})",
                l.path, l.line, l.column, l.form, l.count
            )?;
        }
        writeln!(out)?;
    }
    let fixed: usize = reports.iter().map(|r| r.fixed).sum();
    let mut summary = summary(counts, files_with_findings, reports.len(), "checked");
    if fixed > 0 {
        summary.push_str(&format!(" ({} fixed)", plural(fixed, "finding")));
    }
    writeln!(out, "{summary}")
}

/// `lint-glossary`'s human output: a snippet per problem, then the summary.
pub fn write_lint(reports: &[LintReport], out: &mut dyn Write) -> std::io::Result<()> {
    let renderer = renderer();
    let mut counts = [0usize; 4];
    for r in reports {
        let index = LineIndex::new(&r.text);
        for f in &r.findings {
            counts[f.severity as usize] += 1;
            let shown = Shown {
                path: &r.path,
                text: &r.text,
                index: &index,
                range: f.range.clone(),
                severity: f.severity,
                rule: f.rule,
                message: &f.message,
                label: f.concept.clone(),
                note: None,
            };
            writeln!(out, "{}\n", shown.render(&renderer))?;
        }
    }
    let with = reports.iter().filter(|r| !r.findings.is_empty()).count();
    writeln!(out, "{}", summary(counts, with, reports.len(), "linted"))
}

fn renderer() -> Renderer {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// One finding to show as a snippet: just the lines it spans, not the whole file.
struct Shown<'a> {
    path: &'a str,
    text: &'a str,
    index: &'a LineIndex,
    range: std::ops::Range<usize>,
    severity: Severity,
    rule: &'a str,
    message: &'a str,
    label: String,
    note: Option<String>,
}

impl Shown<'_> {
    fn render(&self, renderer: &Renderer) -> String {
        let (first, _) = self.index.line_col(self.text, self.range.start);
        let (last, _) = self.index.line_col(self.text, self.range.end);
        let start = self.index.line_range(self.text, first - 1).start;
        let end = self
            .index
            .line_range(self.text, last - 1)
            .end
            .max(self.range.end);
        let source = &self.text[start..end];
        let span = self.range.start - start..self.range.end - start;
        let mut report = vec![
            level(self.severity)
                .primary_title(self.message)
                .id(self.rule)
                .element(
                    Snippet::source(source)
                        .line_start(first)
                        .path(self.path)
                        .annotation(
                            AnnotationKind::Primary
                                .span(span)
                                .label(self.label.as_str()),
                        ),
                ),
        ];
        if let Some(note) = &self.note {
            report.push(Group::with_title(
                Level::NOTE.secondary_title(note.as_str()),
            ));
        }
        renderer.render(&report).to_string()
    }
}

/// "1 error, 2 warnings in 1 file of 3 checked", or "no findings in 3 files".
fn summary(counts: [usize; 4], files_with: usize, files: usize, verb: &str) -> String {
    let [hints, infos, warnings, errors] = counts;
    let total = hints + infos + warnings + errors;
    if total == 0 {
        format!("no findings in {}", plural(files, "file"))
    } else {
        let mut parts = Vec::new();
        for (n, word) in [
            (errors, "error"),
            (warnings, "warning"),
            (infos, "info"),
            (hints, "hint"),
        ] {
            if n > 0 {
                parts.push(if word == "info" {
                    format!("{n} info")
                } else {
                    plural(n, word)
                });
            }
        }
        format!(
            "{} in {} of {files} {verb}",
            parts.join(", "),
            plural(files_with, "file"),
        )
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP,
    }
}

/// The working folder, resolved, to show glossary paths from.
fn cwd() -> Option<PathBuf> {
    std::env::current_dir()
        .ok()
        .and_then(|d| std::fs::canonicalize(d).ok())
}

/// A glossary path as the user would type it from `cwd`.
fn relative_to(path: &str, cwd: Option<&Path>) -> String {
    match cwd {
        Some(cwd) => glossa_project::relative_to(Path::new(path), cwd)
            .display()
            .to_string(),
        None => path.to_owned(),
    }
}
