//! `glossa terms`: list the loaded glossary (optionally one category), or with `--in PATH` the
//! glossary concepts a document uses — each with the names found, their counts, and every
//! occurrence — what a writer needs to build the document's own glossary appendix.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::files::{Projects, read_text};
use glossa_engine::analysis::rules::senses;
use glossa_engine::glossary::{ConceptId, Status};
use glossa_engine::lines::LineIndex;
use glossa_engine::scan::{self, FileKind};

#[derive(Args, Debug)]
pub struct TermsArgs {
    /// Only concepts of this category.
    #[arg(long)]
    category: Option<String>,
    /// The concepts this document uses, instead of the whole glossary.
    #[arg(long = "in", value_name = "PATH")]
    in_path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = ["human", "json"], default_value = "human")]
    format: String,
}

#[derive(Serialize)]
struct Occurrence {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: String,
}

#[derive(Serialize)]
struct Used {
    concept: String,
    category: Option<String>,
    /// Name found (as written, first spelling) → count.
    names: BTreeMap<String, usize>,
    count: usize,
    occurrences: Vec<Occurrence>,
}

pub fn run(args: TermsArgs, config: Option<PathBuf>) -> anyhow::Result<u8> {
    match &args.in_path {
        Some(path) => used_in(path, &args, config),
        None => list(&args, config),
    }
}

fn list(args: &TermsArgs, config: Option<PathBuf>) -> anyhow::Result<u8> {
    let project = super::project_here(config)?;
    let glossary = &project.glossary;
    let concepts: Vec<_> = match &args.category {
        Some(cat) => glossary.in_category(cat).collect(),
        None => glossary.concepts().iter().collect(),
    };
    let mut out = super::output::stdout();
    if args.format == "json" {
        let v: Vec<_> = concepts.iter().map(|c| super::concept_json(c)).collect();
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        for c in &concepts {
            let others: Vec<&str> = c
                .names
                .iter()
                .skip(1)
                .filter(|n| n.status != Status::Forbidden)
                .map(|n| n.text.as_str())
                .collect();
            let cat = c
                .category
                .as_deref()
                .map(|k| format!(" [{k}]"))
                .unwrap_or_default();
            if others.is_empty() {
                writeln!(out, "{}{cat}", c.term())?;
            } else {
                writeln!(out, "{}{cat} — {}", c.term(), others.join(", "))?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

fn used_in(
    path: &std::path::Path,
    args: &TermsArgs,
    config: Option<PathBuf>,
) -> anyhow::Result<u8> {
    let mut projects = Projects::new(config);
    let p = projects.for_path(path)?;
    let project = &projects.loaded[p];
    let text = read_text(path).map_err(anyhow::Error::msg)?;
    let kind = project.file_kind(path).unwrap_or(FileKind::Text);
    let glossary = &project.glossary;
    let index = LineIndex::new(&text);
    let mut used: BTreeMap<ConceptId, Used> = BTreeMap::new();
    let matches = scan::scan(&text, kind, &project.matcher);
    // Each occurrence as the document means it: the chosen sense, or none.
    for m in glossa_engine::analysis::senses::resolve(&text, glossary, &matches) {
        let found = &text[m.range.clone()];
        let mut ids = senses(glossary, &m.refs);
        for r in &m.refs {
            if !ids.contains(&r.concept) {
                ids.push(r.concept);
            }
        }
        let (line, column) = index.line_col(&text, m.range.start);
        let (end_line, end_column) = index.line_col(&text, m.range.end);
        for id in ids {
            let c = glossary.concept(id);
            if args.category.as_deref().is_some_and(|k| {
                !c.category
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(k))
            }) {
                continue;
            }
            let u = used.entry(id).or_insert_with(|| Used {
                concept: c.term().to_string(),
                category: c.category.as_deref().map(str::to_owned),
                names: BTreeMap::new(),
                count: 0,
                occurrences: Vec::new(),
            });
            *u.names.entry(found.to_owned()).or_default() += 1;
            u.count += 1;
            u.occurrences.push(Occurrence {
                line,
                column,
                end_line,
                end_column,
                text: found.to_owned(),
            });
        }
    }
    let mut used: Vec<Used> = used.into_values().collect();
    used.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.concept.cmp(&b.concept))
    });
    let mut out = super::output::stdout();
    if args.format == "json" {
        serde_json::to_writer_pretty(&mut out, &used)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(0);
    }
    for u in &used {
        let names: Vec<String> = u.names.iter().map(|(n, k)| format!("{n} ×{k}")).collect();
        let cat = u
            .category
            .as_deref()
            .map(|k| format!(" [{k}]"))
            .unwrap_or_default();
        writeln!(out, "{}{cat}: {}", u.concept, names.join(", "))?;
        let at: Vec<String> = u
            .occurrences
            .iter()
            .map(|o| format!("{}:{}", o.line, o.column))
            .collect();
        writeln!(out, "  at {}", at.join(", "))?;
    }
    if used.is_empty() {
        writeln!(out, "no glossary terms in {}", path.display())?;
    }
    out.flush()?;
    Ok(0)
}
