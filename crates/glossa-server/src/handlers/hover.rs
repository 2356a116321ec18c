//! `textDocument/hover`: the glossary entry of the term under the cursor; null off a term and in
//! code (matches only exist in prose).

use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::convert;
use crate::state::{State, background};
use glossa_engine::analysis::hover::hover_in_reading;

pub async fn hover(state: &State, params: HoverParams) -> Option<Hover> {
    let pos = params.text_document_position_params;
    let snap = state.snapshot(&pos.text_document.uri)?;
    background(move || {
        let doc = &snap.doc;
        let enc = snap.flags.encoding;
        let m = doc.match_at(pos.position, enc)?;
        let glossary = &doc.project().glossary;
        // From the document's kept reading: its words are not read again per hover.
        let value = doc.with_reading(|r| {
            let reading = r.reading(doc.text(), glossary);
            hover_in_reading(doc.text(), glossary, reading, m)
        })?;
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
