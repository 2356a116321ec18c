//! Diagnostics on an open glossary file: a native TOML glossary its project loads gets
//! `lint-glossary`'s problems (`analysis::glossary_lint`, on the editor's text) instead of the
//! prose rules, and a load error while the text does not parse.

use tower_lsp_server::ls_types::{Diagnostic, NumberOrString};

use crate::convert;
use crate::state::Snapshot;
use crate::workspace::uri_path;
use glossa_engine::analysis::glossary_lint::lint;

/// True when the snapshot's document is one of its project's native glossaries.
pub fn is_glossary(snap: &Snapshot) -> bool {
    let Some(path) = uri_path(&snap.doc.uri) else {
        return false;
    };
    path.extension().is_some_and(|e| e == "toml")
        && snap
            .doc
            .project()
            .config
            .glossaries
            .iter()
            .any(|g| glossa_project::files::same_file(&g.path, &path))
}

/// The diagnostics of `doc` when it is one of its project's native glossaries; `None` otherwise.
pub fn for_glossary(snap: &Snapshot) -> Option<Vec<Diagnostic>> {
    if !is_glossary(snap) {
        return None;
    }
    let doc = &snap.doc;
    let path = uri_path(&doc.uri)?;
    let project = doc.project();
    let enc = snap.flags.encoding;
    let shown = path.display().to_string();
    Some(match lint(&[(&shown, doc.text())], &project.glossary) {
        Ok(found) => found
            .iter()
            .map(|f| Diagnostic {
                range: convert::range(doc.rope(), &f.range, enc),
                severity: Some(convert::severity(f.severity)),
                code: Some(NumberOrString::String(f.rule.to_owned())),
                source: Some("glossa".to_owned()),
                message: f.message.clone(),
                ..Diagnostic::default()
            })
            .collect(),
        Err(e) => vec![convert::load_error_diagnostic(&e, Some(doc.text()), enc)],
    })
}
