//! `glossa define NAME`: every concept a name refers to, with display name, category, the
//! name's status, summary and source; `--full` adds the whole definitions. Exit 1 when the
//! glossary does not know the name (with close names as suggestions).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::EXIT_FINDINGS;
use glossa_engine::analysis::complete::search_concepts;
use glossa_engine::analysis::describe;
use glossa_engine::glossary::{Concept, Glossary, Status, fold_name};

#[derive(Args, Debug)]
pub struct DefineArgs {
    /// The name to look up ("SAM", "sparse autoencoder").
    name: String,
    /// Print every definition in full.
    #[arg(long)]
    full: bool,
    /// Output format.
    #[arg(long, value_parser = ["human", "json"], default_value = "human")]
    format: String,
}

pub fn run(args: DefineArgs, config: Option<PathBuf>) -> anyhow::Result<u8> {
    let project = super::project_here(config)?;
    let glossary = &project.glossary;
    let ids = glossary.search(&args.name);
    let mut out = super::output::stdout();
    if ids.is_empty() {
        let mut msg = format!("no concept named \"{}\"", args.name);
        let close = close_names(glossary, &args.name);
        if !close.is_empty() {
            msg.push_str(&format!("; did you mean: {}?", close.join(", ")));
        }
        writeln!(std::io::stderr(), "{msg}")?;
        return Ok(EXIT_FINDINGS);
    }
    let concepts: Vec<&Concept> = ids.iter().map(|id| glossary.concept(*id)).collect();
    if args.format == "json" {
        let v: Vec<_> = concepts
            .iter()
            .map(|c| {
                let mut v = super::concept_json(c);
                v["status"] = json!(status_of(c, &args.name).as_str());
                v["definitions"] = c
                    .definitions
                    .iter()
                    .map(|d| json!({"text": d.text, "source": d.source.to_string()}))
                    .collect();
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(0);
    }
    if concepts.len() > 1 {
        writeln!(out, "\"{}\" has {} senses:\n", args.name, concepts.len())?;
    }
    for (i, c) in concepts.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_concept(&mut out, c, &args.name, args.full)?;
    }
    out.flush()?;
    Ok(0)
}

fn write_concept(out: &mut dyn Write, c: &Concept, asked: &str, full: bool) -> std::io::Result<()> {
    match &c.category {
        Some(cat) => writeln!(out, "{} ({cat})", c.display_name())?,
        None => writeln!(out, "{}", c.display_name())?,
    }
    writeln!(out, "  term:     {}", c.term())?;
    let name = describe::name_spelled(c, asked);
    writeln!(
        out,
        "  status:   {}",
        describe::name_status(c, name, asked, describe::plain)
    )?;
    let others = describe::other_names(c, "", describe::plain);
    if !others.is_empty() {
        writeln!(out, "  names:    {others}")?;
    }
    if !c.keywords.is_empty() {
        writeln!(out, "  keywords: {}", c.keywords.join(", "))?;
    }
    if let Some(reason) = &c.reason {
        writeln!(out, "  reason:   {reason}")?;
    }
    if !c.summary().is_empty() {
        writeln!(out, "  summary:  {}", c.summary())?;
    }
    for d in &c.definitions {
        writeln!(out, "  source:   {}", d.source)?;
        if full {
            writeln!(out)?;
            for line in d.text.lines() {
                writeln!(out, "    {line}")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The status of the name the user asked about, for this concept.
fn status_of(c: &Concept, asked: &str) -> Status {
    describe::name_spelled(c, asked).map_or(Status::Preferred, |n| n.status)
}

/// Up to five concepts whose names fuzzily match the asked one (the search workspace symbols
/// use), by their head terms.
fn close_names(glossary: &Glossary, asked: &str) -> Vec<String> {
    if fold_name(asked).is_empty() {
        return Vec::new();
    }
    search_concepts(glossary, asked, 5)
        .into_iter()
        .map(|id| format!("\"{}\"", glossary.concept(id).term()))
        .collect()
}
