//! `glossa import FORMAT FILE`: a glossary in another tool's format printed as glossa's TOML
//! (`> glossary.toml`); what could not be mapped goes to stderr as `FILE:LINE: dropped: …`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use glossa_engine::glossary::formats::{self, Format, Options};
use glossa_project as project;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The file's format: tbx, csv, tsv, vale (a substitution rule), vale-accept, vale-reject,
    /// textlint, prh, contextive, yaml (Vale, prh or Contextive by its keys), toml, ai-factory;
    /// `auto`: by the file's name.
    format: String,
    /// The glossary file to read.
    file: PathBuf,
    /// TBX: the language whose terms are read (default en).
    #[arg(long)]
    language: Option<String>,
}

pub fn run(args: ImportArgs) -> anyhow::Result<u8> {
    let shown = args.file.display().to_string();
    let format = if args.format == "auto" {
        args.file
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(Format::from_file_name)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "{shown}: cannot tell the format from the name; say it (formats: {})",
                    Format::names()
                )
            })?
    } else {
        Format::from_name(&args.format).ok_or_else(|| {
            anyhow::anyhow!(
                "unknown format `{}` (formats: {})",
                args.format,
                Format::names()
            )
        })?
    };
    let text = project::read_text(&args.file)?;
    let options = Options {
        language: args.language,
    };
    let loaded = formats::parse(format, &shown, &text, &options).map_err(|e| e.located(&text))?;
    let mut stderr = std::io::stderr().lock();
    for d in &loaded.dropped {
        writeln!(stderr, "{shown}:{}: dropped: {}", d.line, d.what)?;
    }
    let concepts = formats::to_native::merge(&loaded.entries);
    let header = format!(
        "Imported by `glossa import {} {shown}`: {}, {} dropped.",
        format.name(),
        super::check::plural(concepts.len(), "concept"),
        super::check::plural(loaded.dropped.len(), "item"),
    );
    let toml = formats::to_native::render(&concepts, &header);
    std::io::stdout().lock().write_all(toml.as_bytes())?;
    Ok(0)
}
