//! Contextive glossaries (`*.glossary.yml`): `contexts:`, each with a `name`, a
//! `domainVisionStatement` and `terms:` (`name`, `definition`, `aliases`, `examples`). A term is
//! a concept whose category is its context's name; aliases are admitted names, examples are kept
//! as examples. `paths`, the vision statement and any other key are not glossary data and are
//! reported as dropped, once per kind.

use super::{Loaded, definition, entry, name, yaml};
use crate::glossary::{LoadError, NameKind, Status};

/// Parses a Contextive glossary.
pub fn parse(path: &str, text: &str) -> Result<Loaded, LoadError> {
    let shared: std::sync::Arc<str> = path.into();
    let root = yaml::load(path, text)?;
    let Some(contexts) = root.get("contexts") else {
        return Err(LoadError::new(
            path,
            1,
            0,
            "a Contextive glossary needs `contexts:`",
        ));
    };
    let mut out = Loaded::default();
    let mut reported: Vec<String> = Vec::new();
    let mut unknown = |out: &mut Loaded, line: u32, key: &str| {
        if !reported.iter().any(|k| k == key) {
            reported.push(key.to_owned());
            out.drop_item(line, format!("`{key}`: not glossary data"));
        }
    };
    for context in contexts.items() {
        let category = context.str_at("name").map(str::to_owned);
        for (key, value) in context.entries() {
            if !matches!(key.as_str(), "name" | "terms") {
                unknown(&mut out, value.line, key);
            }
        }
        let Some(terms) = context.get("terms") else {
            continue;
        };
        for term in terms.items() {
            let Some(term_name) = term.str_at("name") else {
                out.drop_item(term.line, "term without `name`");
                continue;
            };
            for (key, value) in term.entries() {
                if !matches!(key.as_str(), "name" | "definition" | "aliases" | "examples") {
                    unknown(&mut out, value.line, key);
                }
            }
            let mut e = entry(term_name);
            e.category = category.clone();
            if let Some(d) = term
                .get("definition")
                .and_then(|d| d.as_str().map(|s| (d.line, s)))
            {
                e.definition = Some(definition(&shared, d.0, d.1));
            }
            for a in term.strings_at("aliases") {
                e.names.push(name(&a, Status::Admitted, NameKind::Alias));
            }
            e.examples = term.strings_at("examples");
            out.entries.push(e);
        }
    }
    Ok(out)
}
