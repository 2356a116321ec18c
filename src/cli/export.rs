//! `glossa export tbx|vale|json-schema|html`: the project's glossary for other tools. TBX and the
//! schema go to stdout (or `--output FILE`); Vale and HTML are several files written into a
//! folder. Every file goes through `project::write`; what the target format cannot say is
//! listed on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};

use glossa_engine::glossary::export::{self, Exported};
use glossa_project::write::{self, Expect};
use glossa_project::{Project, config};

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// What to write.
    #[arg(value_enum)]
    what: What,
    /// The folder to write into (vale: Vale's StylesPath; html: the site). tbx and json-schema:
    /// a file, else stdout.
    #[arg(value_name = "PATH")]
    output: Option<PathBuf>,
    /// Leave out the embedded AI Factory corpus (only the project's own glossaries).
    #[arg(long)]
    no_builtin: bool,
    /// html: the site's title.
    #[arg(long, default_value = "Glossary")]
    title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum What {
    /// TBX-Basic 2019.
    Tbx,
    /// A Vale vocabulary (accept.txt, reject.txt) and substitution rules.
    Vale,
    /// A JSON schema of the native TOML glossary format.
    JsonSchema,
    /// A static glossary site.
    Html,
}

pub fn run(args: ExportArgs, config_path: Option<PathBuf>) -> anyhow::Result<u8> {
    if args.what == What::JsonSchema {
        let text = serde_json::to_string_pretty(&export::schema::schema())? + "\n";
        return emit_one(&text, args.output.as_deref());
    }
    let mut project = super::project_here(config_path.clone())?;
    if args.no_builtin && project.config.builtin {
        let mut c = match &project.config.path {
            Some(p) => config::load(p)?,
            None => project.config.as_ref().clone(),
        };
        c.builtin = false;
        project = Project::load(c)?;
    }
    let exported = match args.what {
        What::Tbx => export::tbx::export(&project.glossary),
        What::Vale => export::vale::export(&project.glossary),
        What::Html => export::html::export(&project.glossary, &args.title),
        What::JsonSchema => unreachable!("handled above"),
    };
    report_dropped(&exported)?;
    match args.what {
        What::Tbx => emit_one(&exported.files[0].text, args.output.as_deref()),
        _ => {
            let dir = args.output.context(
                "this export writes several files: name the folder (glossa export vale styles/)",
            )?;
            write_files(&dir, &exported)?;
            Ok(0)
        }
    }
}

fn report_dropped(e: &Exported) -> anyhow::Result<()> {
    let mut stderr = std::io::stderr().lock();
    for d in &e.dropped {
        writeln!(stderr, "not exported: {d}")?;
    }
    Ok(())
}

fn emit_one(text: &str, output: Option<&Path>) -> anyhow::Result<u8> {
    match output {
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            write_one(&dir, path, text)?;
        }
    }
    Ok(0)
}

fn write_files(dir: &Path, e: &Exported) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut stderr = std::io::stderr().lock();
    for f in &e.files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        write_one(dir, &path, &f.text)?;
        writeln!(stderr, "wrote {}", path.display())?;
    }
    Ok(())
}

fn write_one(within: &Path, path: &Path, text: &str) -> anyhow::Result<()> {
    let old = std::fs::read(path).ok();
    let expect = match &old {
        Some(bytes) => Expect::Contents(bytes),
        None => Expect::Absent,
    };
    write::replace(path, expect, text.as_bytes(), Some(within))?;
    Ok(())
}
