//! `textDocument/definition`: from a term to its glossary entry (file and line; every sense of
//! an ambiguous name).

use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

use crate::state::{State, background};
use crate::workspace::source_location;
use glossa_engine::analysis::hover::concepts_of;

pub async fn definition(
    state: &State,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let pos = params.text_document_position_params;
    let snap = state.snapshot(&pos.text_document.uri)?;
    // On a worker: the scan.
    let locations: Vec<Location> = background(move || {
        let doc = &snap.doc;
        let Some(m) = doc.match_at(pos.position, snap.flags.encoding) else {
            return Vec::new();
        };
        let glossary = &doc.project().glossary;
        concepts_of(glossary, &m.refs)
            .into_iter()
            .filter_map(|id| source_location(glossary.concept(id).source()?))
            .collect()
    })
    .await
    .unwrap_or_default();
    match locations.len() {
        0 => None,
        1 => locations
            .into_iter()
            .next()
            .map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    }
}
