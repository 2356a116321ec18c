//! `textDocument/references`: every occurrence of the concept under the cursor, under any of its
//! names, in the open documents and in the workspace folders' files (open documents are taken
//! from the editor, not from disk). With `includeDeclaration`, the glossary entry too.
//!
//! Concepts are identified across documents by head term: each document may be served by
//! another project, whose glossary numbers concepts differently.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{Location, ReferenceParams, Uri};

use crate::analysis::hover::concepts_of;
use crate::analysis::occurrences::occurrences;
use crate::glossary::{ConceptId, Glossary};
use crate::lsp::convert;
use crate::lsp::state::State;
use crate::lsp::workspace::{source_location, uri_path};

pub async fn references(state: &Arc<State>, params: ReferenceParams) -> Option<Vec<Location>> {
    let enc = state.flags().encoding;
    let pos = params.text_document_position;
    let (terms, declarations) = state.with_doc(&pos.text_document.uri, |doc| {
        let m = doc.match_at(pos.position, enc)?;
        let glossary = &doc.project().glossary;
        let ids = concepts_of(glossary, &m.refs);
        let terms: Vec<String> = ids
            .iter()
            .map(|id| glossary.concept(*id).term.clone())
            .collect();
        let decl: Vec<Location> = ids
            .iter()
            .filter_map(|id| source_location(glossary.concept(*id).source()?))
            .collect();
        Some((terms, decl))
    })??;

    let mut out = Vec::new();
    if params.context.include_declaration {
        out.extend(declarations);
    }
    let mut open: HashSet<PathBuf> = HashSet::new();
    {
        let docs = state.docs();
        let mut uris: Vec<&Uri> = docs.keys().collect();
        uris.sort();
        for uri in uris {
            let doc = &docs[uri];
            open.extend(uri_path(uri));
            let ids = ids_for_terms(&doc.project().glossary, &terms);
            for m in occurrences(doc.matches(), &ids) {
                out.push(convert::location(uri.clone(), doc.rope(), &m.range, enc));
            }
        }
    }
    let folders = state.workspace().folders.clone();
    let s = state.clone();
    let found = tokio::task::spawn_blocking(move || {
        let mut found = Vec::new();
        for folder in folders {
            let project = s.workspace().project_for(Some(&folder));
            let ids = ids_for_terms(&project.glossary, &terms);
            if ids.is_empty() {
                continue;
            }
            found.extend(crate::project::search::find_in_tree(
                &folder, &project, &ids, &open,
            ));
        }
        found
    })
    .await
    .unwrap_or_default();
    for file in found {
        let Some(uri) = Uri::from_file_path(&file.path) else {
            continue;
        };
        let rope = Rope::from_str(&file.text);
        for r in &file.ranges {
            out.push(convert::location(uri.clone(), &rope, r, enc));
        }
    }
    Some(out)
}

/// The concepts of `glossary` with these head terms.
fn ids_for_terms(glossary: &Glossary, terms: &[String]) -> Vec<ConceptId> {
    let mut out = Vec::new();
    for t in terms {
        for r in glossary.names_folded(t) {
            if r.name == 0 && !out.contains(&r.concept) {
                out.push(r.concept);
            }
        }
    }
    out
}
