//! `glossa lint-glossary [FILES…]`: problems in native TOML glossaries (duplicate names,
//! replacement chains and cycles, missing definitions, unknown `see_also`, acronyms that
//! abbreviate no name; see `analysis::glossary_lint`), in every output format of `check`.
//! Without FILES, the project's own `.toml` glossaries (from `glossa.toml`). Problems are judged
//! against everything the project loads (its glossaries, the named files, the embedded corpus
//! unless `builtin = false`). Exit codes as `check`, by `--fail-on`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::check::FailOn;
use super::output::{self, Format, LintReport};
use super::{EXIT_ERROR, EXIT_FINDINGS, files};
use glossa_engine::analysis::glossary_lint;
use glossa_engine::glossary::{Entry, Glossary, style};
use glossa_project::load_glossary_file;

#[derive(Args, Debug)]
pub struct LintGlossaryArgs {
    /// Native glossaries (.toml) to lint; default: the project's.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 when a problem is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
}

pub fn run(args: LintGlossaryArgs, config: Option<PathBuf>) -> anyhow::Result<u8> {
    // The config only: the glossary is built once, below, from the project's files and the
    // named ones.
    let config = super::config_here(config)?;
    let files: Vec<PathBuf> = if args.files.is_empty() {
        config
            .glossaries
            .iter()
            .map(|g| g.path.clone())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect()
    } else {
        args.files.clone()
    };
    let mut texts: Vec<(String, String)> = Vec::new();
    for path in &files {
        match files::read_text(path) {
            Ok(text) => texts.push((display(path), text)),
            Err(e) => {
                writeln!(std::io::stderr(), "error: {e}")?;
                return Ok(EXIT_ERROR);
            }
        }
    }
    // Everything the project loads, and the named files once each.
    let mut entries: Vec<Entry> = Vec::new();
    let mut loaded = std::collections::HashSet::new();
    let project_files: Vec<PathBuf> = config.glossaries.iter().map(|g| g.path.clone()).collect();
    for path in project_files.iter().chain(&files) {
        if !loaded.insert(glossa_project::files::FileKey::of(path)) {
            continue;
        }
        entries.extend(load_glossary_file(path)?);
    }
    if config.builtin {
        entries.extend(style::builtin_entries());
    }
    let context = Glossary::from_entries(entries);
    let pairs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let found = glossary_lint::lint(&pairs, &context)?;
    let mut reports: Vec<LintReport> = texts
        .into_iter()
        .map(|(path, text)| LintReport {
            findings: found.iter().filter(|f| f.path == path).cloned().collect(),
            path,
            text,
        })
        .collect();
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = output::stdout();
    output::write_lint(args.format, &reports, &mut out)?;
    out.flush()?;
    let failing = args
        .fail_on
        .threshold()
        .is_some_and(|t| found.iter().any(|f| f.severity >= t));
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}

/// A path as the user would type it from here, without a leading "./".
fn display(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| std::fs::canonicalize(d).ok());
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = match cwd {
        Some(cwd) if full.starts_with(&cwd) => glossa_project::relative_to(&full, &cwd),
        _ => path.to_path_buf(),
    };
    let s = shown.display().to_string();
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}
