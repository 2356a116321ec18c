//! Human output: a rustc-style snippet per finding (annotate-snippets), then each concept written
//! differently in different files with the first use of each form, then a summary line.
//! Colour only when stdout is a terminal and `NO_COLOR` is unset.

use std::io::{IsTerminal, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{FileReport, SpreadReport};
use crate::analysis::Severity;
use crate::cli::check::plural;
use crate::project::Project;
use crate::scan::lines::LineIndex;

pub fn write(
    reports: &[FileReport],
    spreads: &[SpreadReport],
    projects: &[Project],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
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
    for r in reports {
        let glossary = &projects[r.project].glossary;
        let index = LineIndex::new(&r.text);
        for f in &r.findings {
            counts[f.severity as usize] += 1;
            // Show just the lines of the finding, not the whole file.
            let (first, _) = index.line_col(&r.text, f.range.start);
            let (last, _) = index.line_col(&r.text, f.range.end);
            let start = index.line_range(&r.text, first - 1).start;
            let end = index.line_range(&r.text, last - 1).end.max(f.range.end);
            let source = &r.text[start..end];
            let span = f.range.start - start..f.range.end - start;
            let concept = glossary.concept(f.concept);
            let label = match (&f.fix, f.senses.len()) {
                (Some(fix), _) => format!("use \"{}\"", fix.replacement),
                (None, n) if n > 1 => format!("{n} senses"),
                _ => concept.term.clone(),
            };
            let level = level(f.severity);
            let mut report = vec![
                level
                    .clone()
                    .primary_title(f.message.as_str())
                    .id(f.rule.id())
                    .element(
                        Snippet::source(source)
                            .line_start(first)
                            .path(r.path.as_str())
                            .annotation(AnnotationKind::Primary.span(span).label(label)),
                    ),
            ];
            if let Some(src) = concept.source() {
                report.push(Group::with_title(Level::NOTE.secondary_title(format!(
                    "defined at {}:{}",
                    relative_to_cwd(&src.path),
                    src.line
                ))));
            }
            writeln!(out, "{}\n", renderer.render(&report))?;
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
    let [hints, infos, warnings, errors] = counts;
    let total = hints + infos + warnings + errors;
    let fixed: usize = reports.iter().map(|r| r.fixed).sum();
    let mut summary = if total == 0 {
        format!("no findings in {}", plural(reports.len(), "file"))
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
            "{} in {} of {} checked",
            parts.join(", "),
            plural(files_with_findings, "file"),
            reports.len()
        )
    };
    if fixed > 0 {
        summary.push_str(&format!(" ({} fixed)", plural(fixed, "finding")));
    }
    writeln!(out, "{summary}")
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP,
    }
}

/// A glossary path as the user would type it from here.
fn relative_to_cwd(path: &str) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| std::fs::canonicalize(d).ok());
    match cwd {
        Some(cwd) => crate::project::relative_to(std::path::Path::new(path), &cwd)
            .display()
            .to_string(),
        None => path.to_owned(),
    }
}
