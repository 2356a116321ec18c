//! `didOpen`, `didChange`, `didClose`: document state changes synchronously, before any await,
//! so handlers that interleave (tower-lsp#284) always see the edits in the order they came.
//! Each is quick: nothing is loaded or fully scanned here (see `lsp::document`).

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

use super::diagnostics;
use crate::document::Document;
use crate::state::State;
use crate::workspace::uri_path;

pub fn did_open(state: &Arc<State>, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let path = uri_path(&item.uri);
    tracing::debug!("didOpen v{}: {} bytes", item.version, item.text.len());
    {
        let mut session = state.session();
        let slot = session.workspace.slot_for(path.as_deref());
        let doc = Document::new(
            item.uri.clone(),
            item.version,
            &item.language_id,
            item.text,
            slot,
        );
        session.docs.insert(item.uri.clone(), Arc::new(doc));
    }
    diagnostics::schedule(state, item.uri, item.version, Duration::ZERO);
}

pub fn did_change(state: &Arc<State>, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    {
        let started = std::time::Instant::now();
        let mut session = state.session();
        let enc = session.flags.encoding;
        let Some(doc) = session.docs.get_mut(&uri) else {
            tracing::warn!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            );
            return;
        };
        // A copy only when a request is still answering from this version.
        let doc = Arc::make_mut(doc);
        for change in &params.content_changes {
            doc.apply_change(change.range, &change.text, enc);
        }
        doc.version = version;
        tracing::debug!(
            "didChange v{version}: {} change(s) applied in {:?} ({} incremental so far)",
            params.content_changes.len(),
            started.elapsed(),
            doc.incremental_edits
        );
    }
    diagnostics::schedule(state, uri, version, diagnostics::DEBOUNCE);
}

/// Forgets the document; true when it was open. A large document is freed on a blocking
/// worker: freeing 10 MB of text, its rope, matches, reading and 100,000 findings and
/// diagnostics takes tens of milliseconds, which would hold up the next message (the next
/// document's didOpen).
pub fn did_close(state: &State, params: &DidCloseTextDocumentParams) -> bool {
    let removed = {
        let mut session = state.session();
        session.pull_turns.remove(&params.text_document.uri);
        session.docs.remove(&params.text_document.uri)
    };
    let Some(doc) = removed else {
        return false;
    };
    if doc.text().len() >= FREE_APART
        && let Ok(runtime) = tokio::runtime::Handle::try_current()
    {
        runtime.spawn_blocking(move || drop(doc));
    }
    true
}

/// From this size (bytes of text), a closed document is freed off the message loop.
const FREE_APART: usize = 256 * 1024;
