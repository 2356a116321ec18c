//! Entries written out as glossa's own TOML (what `glossa import` prints), with toml_edit.
//!
//! Entries with the same head term are written as one `[[concept]]`. What the native format
//! cannot say per name is said per concept: a flagged name that matches only as written makes
//! the concept `case_sensitive`.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use crate::glossary::{Casing, Entry, NameKind, Status, fold_name};

/// The native TOML of `entries`, after a `#` comment per line of `header`.
pub fn render(entries: &[Entry], header: &str) -> String {
    let merged = merge(entries);
    let mut doc = DocumentMut::new();
    let mut tables = ArrayOfTables::new();
    for e in &merged {
        tables.push(table(e));
    }
    doc.insert("concept", Item::ArrayOfTables(tables));
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("# {line}\n").replace("# \n", "#\n"));
    }
    if !header.is_empty() {
        out.push('\n');
    }
    out.push_str(&doc.to_string());
    out
}

/// Entries with the same head term (folded) made one, in first-seen order.
pub fn merge(entries: &[Entry]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    // Folded head term → its place in `out` (a search of `out` per entry, folding every term
    // again, made `glossa import` of 10k rows take 7 s: issue 9).
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for e in entries {
        let key = fold_name(&e.term);
        match index.get(&key).map(|&i| &mut out[i]) {
            None => {
                index.insert(key, out.len());
                out.push(e.clone());
            }
            Some(o) => {
                for n in &e.names {
                    if !o.names.contains(n) {
                        o.names.push(n.clone());
                    }
                }
                if o.definition.is_none() {
                    o.definition = e.definition.clone();
                }
                if o.category.is_none() {
                    o.category = e.category.clone();
                }
                if o.reason.is_none() {
                    o.reason = e.reason.clone();
                }
                for (to, from) in [
                    (&mut o.examples, &e.examples),
                    (&mut o.see_also, &e.see_also),
                    (&mut o.keywords, &e.keywords),
                ] {
                    for x in from {
                        if !to.contains(x) {
                            to.push(x.clone());
                        }
                    }
                }
                o.case_sensitive |= e.case_sensitive;
            }
        }
    }
    out
}

fn table(e: &Entry) -> Table {
    let mut t = Table::new();
    t["term"] = value(&e.term);
    if !e.display.is_empty() {
        t["display"] = value(&e.display);
    }
    if let Some(c) = &e.category {
        t["category"] = value(c);
    }
    if let Some(d) = &e.definition {
        t["definition"] = value(&d.text);
    }
    let names = |status: Status, kinds: &[NameKind]| -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for n in e
            .names
            .iter()
            .filter(|n| n.status == status && kinds.contains(&n.kind))
        {
            // The head's own name again (the model merges it), unless it is another casing
            // that matches only as written.
            let same_as_head =
                fold_name(&n.text) == fold_name(&e.term) && !(n.case_sensitive && n.text != e.term);
            let seen = v.iter().any(|o| {
                if n.case_sensitive {
                    *o == n.text
                } else {
                    fold_name(o) == fold_name(&n.text)
                }
            });
            if !same_as_head && !seen {
                v.push(&n.text);
            }
        }
        v
    };
    let lists = [
        ("aliases", names(Status::Admitted, &[NameKind::Alias])),
        ("acronyms", names(Status::Admitted, &[NameKind::Acronym])),
        (
            "deprecated",
            names(Status::Deprecated, &[NameKind::Alias, NameKind::Acronym]),
        ),
        (
            "forbidden",
            names(Status::Forbidden, &[NameKind::Alias, NameKind::Acronym]),
        ),
    ];
    for (key, list) in lists {
        if !list.is_empty() {
            t[key] = value(list.into_iter().collect::<Array>());
        }
    }
    if let Some(r) = &e.reason {
        t["reason"] = value(r);
    }
    for (key, list) in [
        ("see_also", &e.see_also),
        ("keywords", &e.keywords),
        ("examples", &e.examples),
    ] {
        if !list.is_empty() {
            t[key] = value(list.iter().collect::<Array>());
        }
    }
    let case_sensitive = e.case_sensitive
        || e.names
            .iter()
            .any(|n| n.case_sensitive && n.kind == NameKind::Alias);
    if case_sensitive {
        t["case_sensitive"] = value(true);
    }
    if let Some(head) = e.names.iter().find(|n| n.kind == NameKind::Term) {
        if head.casing == Casing::Exact && !case_sensitive {
            t["case"] = value("exact");
        }
        match head.status {
            Status::Deprecated => t["status"] = value("deprecated"),
            Status::Forbidden => t["status"] = value("forbidden"),
            _ => {}
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Name;

    /// Regression (issue 9): `merge` searched every merged entry per entry, folding each term
    /// again (`glossa import` of a 10k-row CSV: 7.6 s). Rows of one term merge in first-seen
    /// order whatever the file's size.
    #[test]
    fn entries_of_one_term_merge_in_first_seen_order_in_a_large_file() {
        let mut entries: Vec<Entry> = (0..20_000)
            .map(|i| Entry {
                term: format!("Term {i}"),
                ..Entry::default()
            })
            .collect();
        entries.push(Entry {
            term: "term-19999".into(),
            names: vec![Name::new("old term", Status::Deprecated, NameKind::Alias)],
            ..Entry::default()
        });
        let merged = merge(&entries);
        assert_eq!(merged.len(), 20_000);
        assert_eq!(merged[0].term, "Term 0");
        let last = &merged[19_999];
        assert_eq!(last.term, "Term 19999");
        let names: Vec<&str> = last.names.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(names, ["old term"]);
    }
}
