//! `textDocument/inlayHint`: an acronym's expansion after it, for the sense the document means
//! (`analysis::inlay`); which acronyms by the `glossa.inlayHints.acronyms` setting (default: the
//! ambiguous ones).

use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintParams, InlayHintTooltip};

use crate::convert;
use crate::state::{State, background};
use glossa_engine::analysis::inlay::acronym_hints;

pub async fn inlay_hints(state: &State, params: InlayHintParams) -> Option<Vec<InlayHint>> {
    let which = state.session().workspace.settings().acronym_hints;
    let snap = state.snapshot(&params.text_document.uri)?;
    background(move || {
        let doc = &snap.doc;
        let enc = snap.flags.encoding;
        let wanted = convert::byte_range(doc.rope(), params.range, enc);
        let glossary = &doc.project().glossary;
        acronym_hints(doc.text(), glossary, doc.matches(), which)
            .into_iter()
            .filter(|h| wanted.contains(&h.at) || wanted.end == h.at)
            .map(|h| {
                let tooltip = (h.senses.len() > 1).then(|| {
                    InlayHintTooltip::String(format!(
                        "{} senses fit this document about equally",
                        h.senses.len()
                    ))
                });
                InlayHint {
                    position: convert::position(doc.rope(), h.at, enc),
                    label: InlayHintLabel::String(format!("({})", h.label)),
                    kind: None,
                    text_edits: None,
                    tooltip,
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                }
            })
            .collect()
    })
    .await
}
