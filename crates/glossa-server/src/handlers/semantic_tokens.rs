//! `textDocument/semanticTokens/full` and `/range`: every term found, typed by its status
//! (`analysis::term_status`). The legend's token types are the statuses in this order:
//! `preferred`, `admitted`, `deprecated`, `forbidden`, `ambiguous`; deprecated and forbidden
//! terms also carry the standard `deprecated` modifier (struck through by most editors). A term
//! written across a line break is one token per line. No delta requests.

use tower_lsp_server::ls_types::{
    Range, SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens,
    SemanticTokensLegend,
};

use crate::convert;
use crate::document::Document;
use crate::state::{State, background};
use glossa_engine::analysis::term_status::{TermStatus, statuses};

/// The legend announced in the server's capabilities.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TermStatus::ALL
            .iter()
            .map(|s| SemanticTokenType::new(s.as_str()))
            .collect(),
        token_modifiers: vec![SemanticTokenModifier::DEPRECATED],
    }
}

/// The tokens of a document, or of the part of it in `range`.
pub async fn tokens(
    state: &State,
    uri: &tower_lsp_server::ls_types::Uri,
    range: Option<Range>,
) -> Option<SemanticTokens> {
    let snap = state.snapshot(uri)?;
    background(move || {
        let doc = &snap.doc;
        let enc = snap.flags.encoding;
        let wanted = range.map(|r| convert::byte_range(doc.rope(), r, enc));
        SemanticTokens {
            result_id: None,
            data: encode(doc, wanted, enc),
        }
    })
    .await
}

fn encode(
    doc: &Document,
    wanted: Option<std::ops::Range<usize>>,
    enc: convert::Encoding,
) -> Vec<SemanticToken> {
    let glossary = &doc.project().glossary;
    // The document's kept reading (not the whole text read again per request).
    let read = doc.with_reading(|r| r.read().to_vec());
    let mut out = Vec::new();
    let (mut last_line, mut last_start) = (0u32, 0u32);
    for (range, status) in statuses(glossary, &read) {
        if let Some(w) = &wanted
            && (range.end <= w.start || range.start >= w.end)
        {
            continue;
        }
        let token_type = TermStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0) as u32;
        let modifiers = u32::from(matches!(
            status,
            TermStatus::Deprecated | TermStatus::Forbidden
        ));
        let r = convert::range(doc.rope(), &range, enc);
        for line in r.start.line..=r.end.line {
            let start = if line == r.start.line {
                r.start.character
            } else {
                0
            };
            let end = if line == r.end.line {
                r.end.character
            } else {
                line_length(doc, line, enc)
            };
            if end <= start {
                continue;
            }
            let delta_line = line - last_line;
            let delta_start = if delta_line == 0 {
                start - last_start
            } else {
                start
            };
            out.push(SemanticToken {
                delta_line,
                delta_start,
                length: end - start,
                token_type,
                token_modifiers_bitset: modifiers,
            });
            (last_line, last_start) = (line, start);
        }
    }
    out
}

/// A line's length in the negotiated encoding, without its line break.
fn line_length(doc: &Document, line: u32, enc: convert::Encoding) -> u32 {
    let rope = doc.rope();
    let Some(slice) = rope.get_line(line as usize) else {
        return 0;
    };
    let end = rope.line_to_byte(line as usize) + slice.len_bytes();
    let text = doc.text();
    let mut end = end.min(text.len());
    while end > 0 && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    convert::position(rope, end, enc).character
}
