//! The command line: `glossa check`, `define`, `terms`, `lint-glossary`, `import`, `export`, `lsp`. A thin shell over the engine: it
//! owns argument parsing, files, the terminal and exit codes.
//!
//! Exit codes (as ripgrep's): 0 clean, 1 findings at or above `--fail-on` (or a name `define`
//! does not know), 2 an error (bad config or glossary, unreadable file, bad arguments).

mod baseline;
mod check;
mod define;
mod diff;
mod export;
mod files;
mod import;
mod lint_glossary;
mod output;
mod progress;
mod terms;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use glossa_engine::glossary::{Concept, LoadError};
use glossa_project::{Config, Project, config};

#[derive(Parser, Debug)]
#[command(
    name = "glossa",
    version,
    about = "Checks technical terminology in documents against glossaries."
)]
pub struct Cli {
    /// Use this glossa.toml instead of looking for one above each file.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check documents for deprecated, forbidden and ambiguous terminology.
    Check(check::CheckArgs),
    /// Show every concept a name refers to.
    Define(define::DefineArgs),
    /// List the loaded glossary, or the glossary concepts a document uses (--in).
    Terms(terms::TermsArgs),
    /// Check native glossaries: duplicate names, replacement chains and cycles, missing
    /// definitions, unknown see_also, acronyms that abbreviate no name.
    LintGlossary(lint_glossary::LintGlossaryArgs),
    /// Print a glossary in another tool's format (TBX, CSV, Vale, textlint, prh, Contextive) as
    /// glossa TOML.
    Import(import::ImportArgs),
    /// Write the project's glossary for other tools: TBX, Vale, a JSON schema, an HTML site.
    Export(export::ExportArgs),
    /// Serve the Language Server Protocol on stdin/stdout.
    Lsp,
}

/// Exit code: findings at or above the threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: an error.
pub const EXIT_ERROR: u8 = 2;

/// Runs the CLI and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    init_tracing(matches!(cli.command, Command::Lsp));
    let result = match cli.command {
        Command::Check(args) => check::run(args, cli.config),
        Command::Define(args) => define::run(args, cli.config),
        Command::Terms(args) => terms::run(args, cli.config),
        Command::LintGlossary(args) => lint_glossary::run(args, cli.config),
        Command::Import(args) => import::run(args),
        Command::Export(args) => export::run(args, cli.config),
        // `exit` without `shutdown` first: exit code 1 (LSP spec).
        Command::Lsp => glossa_server::serve().map(|clean| if clean { 0 } else { 1 }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // `glossa terms | head`: the reader left; that is not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The one logging setup: to stderr (stdout is output, or the protocol), filtered by
/// `GLOSSA_LOG` (e.g. `GLOSSA_LOG=debug`). The server logs from `info` with times; the other
/// commands only warnings, without times.
fn init_tracing(server: bool) {
    let default = if server { "info" } else { "warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_env("GLOSSA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false);
    let _ = if server {
        builder.try_init()
    } else {
        builder.without_time().try_init()
    };
}

/// The project for commands that have no file to start from (`define`, `terms`): `--config`,
/// else the glossa.toml above the current folder, else the embedded corpus.
fn project_here(config_path: Option<PathBuf>) -> Result<Project, LoadError> {
    Project::load(config_here(config_path)?)
}

/// The config [`project_here`] loads, without loading its glossaries.
fn config_here(config_path: Option<PathBuf>) -> Result<Config, LoadError> {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let key = config_path.or_else(|| config::find(&here));
    glossa_project::projects::config_of(&key, &here)
}

/// A concept as JSON, for `define` and `terms`: names other than the head term, with status and
/// kind; keywords; the first definition's summary and source.
fn concept_json(c: &Concept) -> serde_json::Value {
    serde_json::json!({
        "term": c.term(),
        "display": c.display_name(),
        "category": c.category,
        "names": c.names.iter().skip(1).map(|n| serde_json::json!({"name": n.text, "status": n.status, "kind": n.kind})).collect::<Vec<_>>(),
        "keywords": c.keywords.as_slice(),
        "summary": c.summary(),
        "source": c.source().map(|s| s.to_string()),
    })
}
