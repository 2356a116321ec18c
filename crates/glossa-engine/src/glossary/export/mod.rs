//! Writing a glossary out for other tools: TBX-Basic ([`tbx`]), Vale ([`vale`]), a JSON schema
//! of the native format ([`schema`]), a static HTML site ([`html`]). Every exporter is text out
//! (a string, or files as relative paths and contents) and says what it could not write; the
//! CLI writes the files through `project::write`.

pub mod html;
pub mod schema;
pub mod tbx;
pub mod vale;

use super::{Concept, Entry, Glossary, NameKind};

/// A file an exporter produces: its path relative to the output folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub text: String,
}

/// What an exporter wrote, and what of the glossary it could not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    pub files: Vec<File>,
    /// "concept \"x\": keywords" — one line per thing left out.
    pub dropped: Vec<String>,
}

/// A concept as one entry (its first definition), the shape every loader produces: what
/// exporters write and round-trip tests compare.
pub fn entry_of(c: &Concept) -> Entry {
    let head = &c.names[0];
    let mut names = Vec::new();
    if head.casing == super::Casing::Exact || head.status != super::Status::Preferred {
        let mut flags = head.clone();
        flags.kind = NameKind::Term;
        names.push(flags);
    }
    names.extend(c.names.iter().skip(1).cloned());
    Entry {
        term: c.term().to_string(),
        display: c.display.to_string(),
        category: c.category.as_deref().map(str::to_owned),
        names,
        keywords: c.keywords.to_vec(),
        definition: c.definitions.first().cloned(),
        reason: c.reason.as_deref().map(str::to_owned),
        see_also: c.see_also.to_vec(),
        examples: c.examples.to_vec(),
        case_sensitive: head.case_sensitive && head.kind != NameKind::Acronym,
        search_only: !head.matched,
        established: c.established,
    }
}

/// Every concept of a glossary as entries.
pub fn entries_of(glossary: &Glossary) -> Vec<Entry> {
    glossary.concepts().iter().map(entry_of).collect()
}
