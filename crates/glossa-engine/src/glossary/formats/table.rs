//! CSV and TSV glossaries: a header row naming the columns, one name per row, read with the
//! `csv` crate (quoted fields, doubled quotes, line breaks inside quotes).
//!
//! | column | meaning |
//! |---|---|
//! | `term` (or `name`) | the name (required) |
//! | `definition` | its definition |
//! | `status` | preferred (default), admitted, deprecated, forbidden |
//! | `replacement` | for an admitted, deprecated or forbidden name: the preferred term it belongs to |
//! | `category` | a category |
//! | `aliases` | admitted names, separated by `;` (or `,`) |
//!
//! A deprecated or forbidden row with no replacement flags the name with nothing to suggest. Other
//! columns, rows with an unknown status and rows with no term are reported as dropped.

use super::{Loaded, definition, entry, name, split_list};
use crate::glossary::{LoadError, Name, NameKind, Status};

const COLUMNS: [&str; 6] = [
    "term",
    "definition",
    "status",
    "replacement",
    "category",
    "aliases",
];

/// Parses a table with `delimiter` (b',' or b'\t').
pub fn parse(path: &str, text: &str, delimiter: u8) -> Result<Loaded, LoadError> {
    let shared: std::sync::Arc<str> = path.into();
    let error = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line() as u32);
        LoadError::new(path, line, 0, format!("bad {}: {e}", kind(delimiter)))
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(error)?.clone();
    let mut out = Loaded::default();
    let mut index = [None; 6];
    for (i, h) in headers.iter().enumerate() {
        let h = h.to_ascii_lowercase();
        let h = if h == "name" { "term".to_owned() } else { h };
        match COLUMNS.iter().position(|c| *c == h) {
            Some(c) if index[c].is_none() => index[c] = Some(i),
            _ => out.drop_item(1, format!("column \"{h}\": not a glossa column")),
        }
    }
    if index[0].is_none() {
        return Err(LoadError::new(
            path,
            1,
            0,
            format!(
                "the header row has no `term` column (columns: {})",
                COLUMNS.join(", ")
            ),
        ));
    }
    for record in reader.records() {
        let record = record.map_err(error)?;
        let line = record.position().map_or(0, |p| p.line() as u32);
        let cell = |c: usize| index[c].and_then(|i| record.get(i)).unwrap_or("");
        let term = cell(0);
        if term.is_empty() {
            if record.iter().any(|f| !f.is_empty()) {
                out.drop_item(line, "row with no term");
            }
            continue;
        }
        let status = match cell(2).to_ascii_lowercase().as_str() {
            "" | "preferred" | "preferredterm" => Status::Preferred,
            "admitted" | "admittedterm" | "alias" => Status::Admitted,
            "deprecated" | "deprecatedterm" | "superseded" => Status::Deprecated,
            "forbidden" | "avoid" | "rejected" => Status::Forbidden,
            other => {
                out.drop_item(
                    line,
                    format!("\"{term}\": unknown status \"{other}\" (preferred, admitted, deprecated, forbidden)"),
                );
                continue;
            }
        };
        let replacement = cell(3);
        let mut e = if status == Status::Preferred || replacement.is_empty() {
            let mut e = entry(term);
            if status == Status::Deprecated || status == Status::Forbidden {
                e.names.push(Name::new(term, status, NameKind::Term));
            }
            e
        } else {
            let mut e = entry(replacement);
            e.names.push(name(term, status, NameKind::Alias));
            e
        };
        if status == Status::Preferred && !replacement.is_empty() {
            out.drop_item(
                line,
                format!("\"{term}\": a preferred term has no replacement (\"{replacement}\")"),
            );
        }
        if !cell(1).is_empty() {
            e.definition = Some(definition(&shared, line, cell(1)));
        }
        if !cell(4).is_empty() {
            e.category = Some(cell(4).to_owned());
        }
        for a in split_list(cell(5)) {
            e.names.push(name(&a, Status::Admitted, NameKind::Alias));
        }
        out.entries.push(e);
    }
    Ok(out)
}

fn kind(delimiter: u8) -> &'static str {
    if delimiter == b'\t' { "TSV" } else { "CSV" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_line_breaks_inside_them() {
        let text = "term,definition,aliases\n\"fine-tuning\",\"Adapting a model,\nfurther \"\"trained\"\".\",fine tuning; FT\nLoRA,Low-rank adaptation.,\n";
        let l = parse("g.csv", text, b',').unwrap();
        let d = l.entries[0].definition.as_ref().unwrap();
        assert_eq!(d.text, "Adapting a model,\nfurther \"trained\".");
        let names: Vec<(&str, NameKind)> = l.entries[0]
            .names
            .iter()
            .map(|n| (n.text.as_str(), n.kind))
            .collect();
        assert_eq!(
            names,
            [("fine tuning", NameKind::Alias), ("FT", NameKind::Acronym)]
        );
        assert_eq!(l.entries[1].definition.as_ref().unwrap().source.line, 4);
    }

    #[test]
    fn a_table_without_a_term_column_is_an_error() {
        let err = parse("g.tsv", "word\tmeaning\nx\ty\n", b'\t').unwrap_err();
        assert_eq!((err.line, err.path.as_str()), (1, "g.tsv"));
    }
}
