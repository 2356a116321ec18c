//! `textDocument/completion` and `completionItem/resolve`: glossary names for the text before the
//! cursor (which may span several words: "sparse au" → "sparse autoencoder"), only in prose.

use serde_json::json;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, MarkupContent, MarkupKind, TextEdit, Uri,
};

use crate::convert;
use crate::state::{State, background};
use glossa_engine::analysis::complete::{complete, insert_text, word_edit};
use glossa_engine::analysis::hover::concept_markdown;
use glossa_engine::glossary::{ConceptId, NameRef};

/// At most this many items per answer; the list is marked incomplete when cut.
pub const LIMIT: usize = 50;

pub async fn completion(state: &State, params: CompletionParams) -> Option<CompletionResponse> {
    let pos = params.text_document_position;
    let uri = pos.text_document.uri;
    let snap = state.snapshot(&uri)?;
    let enc = snap.flags.encoding;
    background(move || {
        let doc = &snap.doc;
        let rope = doc.rope();
        let offset = convert::offset(rope, pos.position, enc);
        if !doc.in_prose(offset) {
            return None;
        }
        let line = rope.byte_to_line(offset);
        let line_start = rope.line_to_byte(line);
        let before = &doc.text()[line_start..offset];
        let glossary = &doc.project().glossary;
        let found = complete(glossary, before, LIMIT);
        let from = line_start + found.replace_from;
        let typed = &doc.text()[from..offset];
        let typed_folded = glossa_engine::glossary::fold_name(typed);
        let items = found
            .items
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let name = glossary.name(*r);
                let concept = glossary.concept(r.concept);
                let summary = concept.summary();
                let text = insert_text(&name.text, name.case_sensitive, typed);
                // The shape every client completes with (issue 12): replace only the word at
                // the cursor with the rest of the name, filtered by that rest. Clients that
                // take their word from the buffer (Neovim's omnifunc, ALE, Emacs' capf)
                // compare and replace just that word; the others follow the edit's range.
                let (range, new_text, filter) = match word_edit(&text, typed) {
                    Some((word_start, rest)) => (
                        convert::range(rope, &(from + word_start..offset), enc),
                        rest.to_owned(),
                        rest.to_owned(),
                    ),
                    // A fuzzy candidate replaces the whole query and keeps what was typed
                    // as its filter text, so the client does not drop it again.
                    None => {
                        let prefix = glossa_engine::glossary::fold_name(&name.text)
                            .starts_with(&typed_folded);
                        let filter = if prefix {
                            text.clone()
                        } else {
                            typed.to_owned()
                        };
                        (convert::range(rope, &(from..offset), enc), text, filter)
                    }
                };
                CompletionItem {
                    label: name.text.to_string(),
                    kind: Some(CompletionItemKind::TEXT),
                    detail: concept.category.as_deref().map(str::to_owned),
                    documentation: (!summary.is_empty())
                        .then(|| Documentation::String(summary.to_owned())),
                    sort_text: Some(format!("{i:04}")),
                    filter_text: Some(filter),
                    // Ignored when a text edit is present, except by Emacs' eglot, which
                    // matches it against the word at the cursor before applying the edit.
                    insert_text: Some(new_text.clone()),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
                    data: Some(json!({
                        "uri": uri.as_str(),
                        "concept": r.concept.0,
                        "name": r.name,
                    })),
                    ..CompletionItem::default()
                }
            })
            .collect();
        Some(CompletionResponse::List(CompletionList {
            is_incomplete: found.incomplete,
            items,
        }))
    })
    .await
    .flatten()
}

/// Fills in the full definition of an item from `completion`.
pub async fn resolve(state: &State, mut item: CompletionItem) -> CompletionItem {
    let Some(data) = item.data.as_ref() else {
        return item;
    };
    let uri: Option<Uri> = data["uri"].as_str().and_then(|u| u.parse().ok());
    let concept = data["concept"].as_u64().map(|c| ConceptId(c as u32));
    let name = data["name"].as_u64().map(|n| n as u32);
    let (Some(uri), Some(concept), Some(name)) = (uri, concept, name) else {
        return item;
    };
    let Some(snap) = state.snapshot(&uri) else {
        return item;
    };
    let label = item.label.clone();
    let doc = background(move || {
        let doc = &snap.doc;
        let glossary = &doc.project().glossary;
        if concept.0 as usize >= glossary.concepts().len() {
            return None;
        }
        let c = glossary.concept(concept);
        // The glossary may have been reloaded since: check the name is still this one.
        let r = NameRef { concept, name };
        let same = c.names.get(name as usize).is_some() && glossary.name(r).text == label;
        same.then(|| concept_markdown(c))
    })
    .await
    .flatten();
    if let Some(value) = doc {
        item.documentation = Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }));
    }
    item
}
