//! `textDocument/hover`: the glossary entry of the term under the cursor; null off a term and in
//! code (matches only exist in prose).

use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::convert;
use crate::state::{State, background};
use glossa_engine::analysis::hover::hover_in_document;

pub async fn hover(state: &State, params: HoverParams) -> Option<Hover> {
    let pos = params.text_document_position_params;
    let snap = state.snapshot(&pos.text_document.uri)?;
    background(move || {
        let doc = &snap.doc;
        let enc = snap.flags.encoding;
        let m = doc.match_at(pos.position, enc)?;
        let glossary = &doc.project().glossary;
        let value = hover_in_document(doc.text(), glossary, doc.matches(), m)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(convert::range(doc.rope(), &m.range, enc)),
        })
    })
    .await
    .flatten()
}
