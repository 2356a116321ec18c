//! A JSON schema (draft-07) of the native TOML glossary, for editors that validate TOML with one
//! (taplo, Even Better TOML: `#:schema ./glossary.schema.json` on a glossary's first line).
//! Its keys are the ones `native` accepts; a test parses a glossary using every key it lists.

use serde_json::{Value, json};

/// The schema.
pub fn schema() -> Value {
    let plain =
        |what: &str| json!({"type": "array", "items": {"type": "string"}, "description": what});
    // A name list item: a name, or a table with its own variant controls or a pattern.
    let names = |what: &str| {
        json!({"type": "array", "description": what, "items": {"anyOf": [
            {"type": "string"},
            {"type": "object", "additionalProperties": false, "properties": {
                "name": {"type": "string"},
                "pattern": {"type": "string", "description": "Expanded at load time: optional parts (`e-?mail`, `(web)?site`) and alternatives (`a|b`)."},
                "separators": {"enum": ["exact", "any"]},
                "plural": {"type": "boolean"}
            }}
        ]}})
    };
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://github.com/glossa/glossa/glossary.schema.json",
        "title": "glossa glossary",
        "description": "A glossa glossary: concepts, their names and statuses (TBX status model).",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "concept": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["term"],
                    "additionalProperties": false,
                    "properties": {
                        "term": {"type": "string", "minLength": 1, "description": "The preferred name; entries with the same term merge."},
                        "display": {"type": "string", "description": "The name as shown to a reader."},
                        "category": {"type": "string"},
                        "definition": {"type": "string", "description": "Markdown; its first sentence is the summary."},
                        "aliases": names("Admitted names."),
                        "acronyms": names("Admitted acronyms, matched only in capitals."),
                        "deprecated": names("Flagged as warnings; the term replaces them."),
                        "forbidden": names("Flagged as errors; the term replaces them."),
                        "reason": {"type": "string", "description": "Why, shown with the finding."},
                        "see_also": plain("Related terms."),
                        "keywords": plain("Search tags, never matched in documents."),
                        "examples": plain("Sentences that use the term."),
                        "case_sensitive": {"type": "boolean", "description": "Match only exactly as written."},
                        "case": {"enum": ["exact", "any"], "description": "term-casing: exact flags every other casing; any flags none."},
                        "status": {"enum": ["deprecated", "forbidden"], "description": "The term itself is to be avoided, with nothing to use instead."},
                        "established": {"type": "boolean", "description": "acronym-first-use: its acronyms need no introduction."},
                        "separators": {"enum": ["exact", "any"], "description": "Whether hyphens and spaces between words must be as written."},
                        "plural": {"type": "boolean", "description": "false: no automatic plural."}
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the schema lists is one the native loader accepts, with the schema's type.
    #[test]
    fn every_schema_key_parses_natively() {
        let s = schema();
        let props = s["properties"]["concept"]["items"]["properties"]
            .as_object()
            .unwrap();
        let mut toml = String::from("[[concept]]\n");
        for (key, p) in props {
            let v = match (p["type"].as_str(), p["enum"].as_array()) {
                (Some("string"), _) => "\"x y\"".to_owned(),
                (Some("array"), _) => "[\"z w\"]".to_owned(),
                (Some("boolean"), _) => "false".to_owned(),
                (_, Some(e)) => format!("\"{}\"", e[0].as_str().unwrap()),
                _ => panic!("{key}: no type"),
            };
            toml.push_str(&format!("{key} = {v}\n"));
        }
        crate::glossary::native::parse("g.toml", &toml).unwrap();
        assert!(
            crate::glossary::native::parse("g.toml", "[[concept]]\nterm = \"x\"\nsynonyms = []\n")
                .is_err(),
            "a key the schema does not list is refused"
        );
    }
}
