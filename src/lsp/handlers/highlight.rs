//! `textDocument/documentHighlight`: every occurrence in this document of the concept under the
//! cursor, under any of its names.

use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams,
};

use crate::analysis::hover::concepts_of;
use crate::analysis::occurrences::occurrences;
use crate::lsp::convert;
use crate::lsp::state::State;

pub fn highlight(state: &State, params: DocumentHighlightParams) -> Option<Vec<DocumentHighlight>> {
    let enc = state.flags().encoding;
    let pos = params.text_document_position_params;
    state
        .with_doc(&pos.text_document.uri, |doc| {
            let m = doc.match_at(pos.position, enc)?;
            let concepts = concepts_of(&doc.project().glossary, &m.refs);
            Some(
                occurrences(doc.matches(), &concepts)
                    .map(|o| DocumentHighlight {
                        range: convert::range(doc.rope(), &o.range, enc),
                        kind: Some(DocumentHighlightKind::TEXT),
                    })
                    .collect(),
            )
        })
        .flatten()
}
