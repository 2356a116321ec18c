//! `glossa check [PATHS…]`: check files in parallel, print findings and the concepts written
//! differently in different files (`inconsistent-term` across the run), exit by `--fail-on`.
//! `--fix` applies every replacement a finding carries (deprecated and forbidden names → the
//! preferred one), writes each file through `project::write` (atomic, never through a link, never
//! over a change made since the file was read), then reports what is left. `--diff REV` keeps
//! only findings on lines changed since a git revision (`diff`), `--baseline FILE` only those
//! not already known (`baseline`).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use super::baseline;
use super::diff::Changed;
use super::files::{self, Projects, Target};
use super::output::{self, FileReport, Format};
use super::progress::Progress;
use super::{EXIT_ERROR, EXIT_FINDINGS};
use glossa_engine::analysis::{Severity, apply_fixes};
use glossa_project::write::{self, Expect};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check (folders are walked, respecting .gitignore).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Replace deprecated and forbidden names with the preferred ones, in place.
    #[arg(long)]
    fix: bool,
    /// Report only findings not listed in FILE; write FILE with every current finding when it
    /// does not exist (adopting glossa on a repository with findings).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Report only findings on lines changed since a git revision (`git diff REV`).
    #[arg(long, value_name = "REV")]
    diff: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum FailOn {
    Hint,
    Info,
    Warning,
    Error,
    Never,
}

impl FailOn {
    pub(super) fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Hint => Some(Severity::Hint),
            FailOn::Info => Some(Severity::Info),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Error => Some(Severity::Error),
            FailOn::Never => None,
        }
    }
}

enum Outcome {
    Checked(FileReport),
    Failed(String),
}

pub fn run(args: CheckArgs, config: Option<PathBuf>) -> anyhow::Result<u8> {
    let mut projects = Projects::new(config);
    let (targets, mut errors) = files::collect(&args.paths, &mut projects);
    let progress = Progress::start(targets.len());
    let outcomes: Vec<Outcome> = targets
        .par_iter()
        .map(|t| {
            let out = check_one(t, &projects, args.fix);
            progress.tick();
            out
        })
        .collect();
    progress.finish();

    let mut reports = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Checked(r) => reports.push(r),
            Outcome::Failed(e) => errors.push(e),
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let mut stderr = std::io::stderr().lock();
    for e in &errors {
        writeln!(stderr, "error: {e}")?;
    }
    for p in &projects.loaded {
        for (path, d) in p.dropped.iter() {
            writeln!(stderr, "warning: {path}:{}: dropped: {}", d.line, d.what)?;
        }
    }
    for r in reports.iter().filter(|r| r.fixed > 0) {
        writeln!(stderr, "fixed {} in {}", plural(r.fixed, "finding"), r.path)?;
    }
    drop(stderr);
    let mut spreads = output::spreads(&reports, &projects.loaded);
    if let Some(rev) = &args.diff {
        match Changed::since(rev) {
            Ok(changed) => changed.filter(&mut reports, &mut spreads),
            Err(e) => {
                writeln!(std::io::stderr(), "error: {e}")?;
                return Ok(EXIT_ERROR);
            }
        }
    }
    if let Some(path) = &args.baseline {
        match baseline::apply(path, &mut reports, &mut spreads) {
            Ok(baseline::Outcome::Written(n)) => {
                writeln!(
                    std::io::stderr(),
                    "wrote {} to baseline {}",
                    plural(n, "finding"),
                    path.display()
                )?;
                for r in &mut reports {
                    r.findings.clear();
                }
                spreads.clear();
            }
            Ok(baseline::Outcome::Filtered(n)) if n > 0 => {
                writeln!(
                    std::io::stderr(),
                    "{} in baseline {} not shown",
                    plural(n, "known finding"),
                    path.display()
                )?;
            }
            Ok(baseline::Outcome::Filtered(_)) => {}
            Err(e) => {
                writeln!(std::io::stderr(), "error: {e}")?;
                return Ok(EXIT_ERROR);
            }
        }
    }
    let mut out = output::stdout();
    output::write(args.format, &reports, &spreads, &projects.loaded, &mut out)?;
    out.flush()?;

    let failing = args.fail_on.threshold().is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.findings)
            .map(|f| f.severity)
            .chain(spreads.iter().map(|s| s.severity))
            .any(|s| s >= t)
    });
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        0
    })
}

fn check_one(target: &Target, projects: &Projects, fix: bool) -> Outcome {
    let project = &projects.loaded[target.project];
    let mut text = match files::read_text(&target.path) {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(e),
    };
    let (mut findings, mut forms) = project.check_with_forms(&text, target.kind);
    let mut fixed = 0;
    if let Some(new_text) = fix.then(|| apply_fixes(&text, &findings)).flatten() {
        {
            fixed = findings.iter().filter(|f| f.fix.is_some()).count();
            let before = Expect::Contents(text.as_bytes());
            if let Err(e) = write::replace(&target.path, before, new_text.as_bytes(), None) {
                return Outcome::Failed(format!(
                    "{}: fixes {}",
                    display_path(&target.path),
                    e.reason()
                ));
            }
            // The old text and its findings go before the new text is checked: a large file's
            // peak memory is then one text and one check (BENCHMARKS.md).
            text = new_text;
            drop(std::mem::take(&mut findings));
            drop(std::mem::take(&mut forms));
            (findings, forms) = project.check_with_forms(&text, target.kind);
        }
    }
    Outcome::Checked(FileReport {
        path: display_path(&target.path),
        text,
        findings,
        forms,
        project: target.project,
        fixed,
    })
}

/// Paths as the user gave them, without a leading "./".
fn display_path(path: &std::path::Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// "1 finding", "2 findings".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
