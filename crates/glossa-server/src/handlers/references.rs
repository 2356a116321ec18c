//! `textDocument/references`: every occurrence of the concept under the cursor, under any of its
//! names and in the sense each document means, in the open documents and in the workspace
//! folders' files (open documents are taken from the editor, not from disk). With
//! `includeDeclaration`, the glossary entry too.
//!
//! Concepts are identified across documents by head term: each document may be served by
//! another project, whose glossary numbers concepts differently.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{Location, ReferenceParams, Uri};

use crate::convert;
use crate::state::{State, background};
use crate::workspace::{source_location, uri_path};
use glossa_engine::analysis::occurrences::{meant_at, occurrences};
use glossa_engine::glossary::{ConceptId, Glossary};

pub async fn references(state: &Arc<State>, params: ReferenceParams) -> Option<Vec<Location>> {
    let pos = params.text_document_position;
    let include_declaration = params.context.include_declaration;
    // Everything the search needs, taken at once: the open documents as they are now and the
    // project slot of each folder. The search itself (scans, loads, file reads) runs on a worker.
    let (snap, mut docs, folders) = {
        let mut session = state.session();
        let snap = session.docs.get(&pos.text_document.uri)?.clone();
        let mut docs: Vec<_> = session.docs.values().cloned().collect();
        docs.sort_by(|a, b| a.uri.cmp(&b.uri));
        let ws = &mut session.workspace;
        let folders: Vec<_> = ws
            .folders
            .clone()
            .into_iter()
            .map(|f| {
                let slot = ws.slot_for(Some(&f));
                (f, slot)
            })
            .collect();
        (snap, docs, folders)
    };
    let enc = state.flags().encoding;
    background(move || {
        let m = snap.match_at(pos.position, enc)?;
        let glossary = &snap.project().glossary;
        let ids = meant_at(snap.text(), glossary, snap.matches(), m);
        if ids.is_empty() {
            return None;
        }
        let terms: Vec<String> = ids
            .iter()
            .map(|id| glossary.concept(*id).term().to_string())
            .collect();
        let mut out = Vec::new();
        if include_declaration {
            out.extend(
                ids.iter()
                    .filter_map(|id| source_location(glossary.concept(*id).source()?)),
            );
        }
        let mut open: HashSet<PathBuf> = HashSet::new();
        for doc in docs.drain(..) {
            open.extend(uri_path(&doc.uri));
            let glossary = &doc.project().glossary;
            let ids = ids_for_terms(glossary, &terms);
            for m in occurrences(doc.text(), glossary, doc.matches(), &ids) {
                out.push(convert::location(
                    doc.uri.clone(),
                    doc.rope(),
                    &m.range,
                    enc,
                ));
            }
        }
        for (folder, slot) in folders {
            let project = slot.get();
            let ids = ids_for_terms(&project.glossary, &terms);
            if ids.is_empty() {
                continue;
            }
            for file in glossa_project::search::find_in_tree(&folder, project, &ids, &open) {
                let Some(uri) = Uri::from_file_path(&file.path) else {
                    continue;
                };
                let rope = Rope::from_str(&file.text);
                for r in &file.ranges {
                    out.push(convert::location(uri.clone(), &rope, r, enc));
                }
            }
        }
        Some(out)
    })
    .await
    .flatten()
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
