//! `textDocument/documentHighlight`: every occurrence in this document of the concept under the
//! cursor, under any of its names, in the sense the document means.

use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams,
};

use crate::convert;
use crate::state::{State, background};
use glossa_engine::analysis::occurrences::{meant_at, occurrences};

pub async fn highlight(
    state: &State,
    params: DocumentHighlightParams,
) -> Option<Vec<DocumentHighlight>> {
    let pos = params.text_document_position_params;
    let snap = state.snapshot(&pos.text_document.uri)?;
    background(move || {
        let doc = &snap.doc;
        let enc = snap.flags.encoding;
        let m = doc.match_at(pos.position, enc)?;
        let glossary = &doc.project().glossary;
        let concepts = meant_at(doc.text(), glossary, doc.matches(), m);
        if concepts.is_empty() {
            return None;
        }
        Some(
            occurrences(doc.text(), glossary, doc.matches(), &concepts)
                .iter()
                .map(|o| DocumentHighlight {
                    range: convert::range(doc.rope(), &o.range, enc),
                    kind: Some(DocumentHighlightKind::TEXT),
                })
                .collect(),
        )
    })
    .await
    .flatten()
}
