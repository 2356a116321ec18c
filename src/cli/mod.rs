//! The command line: `glossa check`, `define`, `terms`, `lsp`. A thin shell over the engine.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "glossa",
    version,
    about = "Checks technical terminology in documents against glossaries."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the Language Server Protocol on stdin/stdout.
    Lsp,
}

/// Runs the CLI and returns the process exit code (0 clean, 1 findings, 2 error).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lsp => match crate::lsp::serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                tracing::error!("{e:#}");
                ExitCode::from(2)
            }
        },
    }
}
