//! Editing native TOML glossaries and `glossa.toml` in place, with toml_edit: comments, key order
//! and layout of everything already there are kept; only the new entry is added.
//!
//! These functions are text → text; writing the file (atomically) is the project's job.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::LoadError;

/// Appends `[[concept]] term = "…"` to a native glossary's text (which may be empty).
pub fn add_concept(path: &str, text: &str, term: &str) -> Result<String, LoadError> {
    let mut doc = parse(path, text)?;
    let item = doc
        .entry("concept")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    let Some(tables) = item.as_array_of_tables_mut() else {
        return Err(LoadError::new(
            path,
            0,
            0,
            "`concept` is not an array of tables",
        ));
    };
    let mut t = Table::new();
    t["term"] = value(term);
    tables.push(t);
    Ok(doc.to_string())
}

/// Adds `glossary` (a path relative to the config) to `glossaries = [...]` in a `glossa.toml`'s
/// text, unless it is there already.
pub fn add_glossary_path(path: &str, text: &str, glossary: &str) -> Result<String, LoadError> {
    let mut doc = parse(path, text)?;
    let item = doc.entry("glossaries").or_insert(value(Array::new()));
    let Some(array) = item.as_array_mut() else {
        return Err(LoadError::new(path, 0, 0, "`glossaries` is not an array"));
    };
    if !array.iter().any(|v| v.as_str() == Some(glossary)) {
        array.push(glossary);
    }
    Ok(doc.to_string())
}

fn parse(path: &str, text: &str) -> Result<DocumentMut, LoadError> {
    text.parse::<DocumentMut>().map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        LoadError::at(path, offset..offset, e.message().trim().to_owned()).located(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_concept_keeps_comments_and_layout() {
        let before = "# Our terms.\n\n[[concept]]\nterm = \"fine-tuning\"   # hyphenated\ndeprecated = [\"finetuning\"]\n";
        let after = add_concept("g.toml", before, "world model").unwrap();
        assert_eq!(
            after,
            format!("{before}\n[[concept]]\nterm = \"world model\"\n")
        );
        let entries = crate::glossary::native::parse("g.toml", &after).unwrap();
        assert_eq!(entries[1].term, "world model");
    }

    #[test]
    fn add_concept_to_an_empty_file() {
        let after = add_concept("g.toml", "", "world model").unwrap();
        assert_eq!(after, "[[concept]]\nterm = \"world model\"\n");
    }

    #[test]
    fn add_glossary_path_once() {
        let before = "builtin = true # keep the corpus\n";
        let after = add_glossary_path("glossa.toml", before, "glossary.toml").unwrap();
        assert_eq!(
            after,
            "builtin = true # keep the corpus\nglossaries = [\"glossary.toml\"]\n"
        );
        let again = add_glossary_path("glossa.toml", &after, "glossary.toml").unwrap();
        assert_eq!(again, after);
    }
}
