//! `workspace/symbol`: search the glossaries of the workspace's projects by name; each concept is
//! a symbol located at its glossary entry.

use tower_lsp_server::ls_types::{SymbolInformation, SymbolKind, WorkspaceSymbolParams};

use crate::state::{State, background};
use crate::workspace::source_location;
use glossa_engine::analysis::complete::search_concepts;

pub const LIMIT: usize = 100;

pub async fn symbols(state: &State, params: WorkspaceSymbolParams) -> Vec<SymbolInformation> {
    let slots = state.session().workspace.slots();
    background(move || {
        let mut out: Vec<SymbolInformation> = Vec::new();
        for slot in slots {
            let glossary = &slot.get().glossary;
            for id in search_concepts(glossary, &params.query, LIMIT) {
                let c = glossary.concept(id);
                let Some(location) = c.source().and_then(source_location) else {
                    continue;
                };
                if out
                    .iter()
                    .any(|s| s.name == c.display_name() && s.location == location)
                {
                    continue;
                }
                #[allow(deprecated)] // `deprecated` is a required field of the struct.
                out.push(SymbolInformation {
                    name: c.display_name().to_owned(),
                    kind: SymbolKind::CONSTANT,
                    tags: None,
                    deprecated: None,
                    location,
                    container_name: c.category.as_deref().map(str::to_owned),
                });
            }
        }
        out.truncate(LIMIT);
        out
    })
    .await
    .unwrap_or_default()
}
