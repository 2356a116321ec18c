//! Reloading configs and glossaries when their files change (`workspace/didChangeWatchedFiles`,
//! or a save in the editor), then re-checking every open document.
//!
//! The new projects are loaded on a worker while documents keep being served by the old ones,
//! then swapped in under the session lock at once. A broken file keeps the last good project in
//! service; its error is published as a diagnostic on the file itself and cleared once it loads
//! again.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration, Uri,
};

use super::diagnostics;
use crate::state::{Session, State, background};
use crate::workspace::{reload_slot, uri_path};

/// The id of the dynamic registration for watched files.
const WATCH_ID: &str = "glossa-watch";

/// Asks the client to watch `glossa.toml` and glossary files (when it supports dynamic
/// registration; other clients still get reloads on save).
pub async fn register_watchers(state: &State) {
    if !state.flags().dynamic_watch {
        return;
    }
    // Glossaries are TOML files or AI Factory pages (`.txt`). Watching by extension rather than
    // by the loaded projects' list matters: this runs at `initialized`, before any document
    // has loaded a project. A change to any other such file is recognised as none of ours.
    let globs = ["**/glossa.toml", "**/*.toml", "**/*.txt"];
    let watchers = globs
        .into_iter()
        .map(|g| FileSystemWatcher {
            glob_pattern: GlobPattern::String(g.to_owned()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: WATCH_ID.to_owned(),
        method: "workspace/didChangeWatchedFiles".to_owned(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(e) = state.client.register_capability(vec![registration]).await {
        tracing::warn!("the client refused to watch glossary files: {e}");
    }
}

/// True when `path` is a file the loaded projects read, or a `glossa.toml`.
pub fn is_watched(state: &State, path: &std::path::Path) -> bool {
    if glossa_project::config::is_config_file(path) {
        return true;
    }
    let session = state.session();
    let ws = &session.workspace;
    ws.watched_files().iter().any(|w| w == path)
        || ws
            .errors()
            .iter()
            .any(|e| std::path::Path::new(&e.path) == path)
}

/// The paths of changed file URIs.
pub fn paths(uris: impl IntoIterator<Item = tower_lsp_server::ls_types::Uri>) -> Vec<PathBuf> {
    uris.into_iter().filter_map(|u| uri_path(&u)).collect()
}

/// Reloads what `changed` touches, re-checks open documents and publishes load errors.
pub async fn reload(state: &Arc<State>, changed: &[PathBuf]) {
    let config_changed = changed
        .iter()
        .any(|p| glossa_project::config::is_config_file(p));
    let slots = {
        let mut session = state.session();
        if config_changed {
            // Documents opened from now on, and those whose config went away, find theirs again.
            session.workspace.forget_discovery();
        }
        session.workspace.slots()
    };
    let changed = changed.to_vec();
    let plan = background(move || {
        slots
            .into_iter()
            .filter_map(|old| reload_slot(&old, &changed).map(|new| (old, new)))
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    if plan.is_empty() {
        return;
    }
    {
        let mut session = state.session();
        for (old, new) in plan {
            session.workspace.replace(&old, new);
        }
    }
    recheck_all(state);
    diagnostics::publish_load_errors(state).await;
    let flags = state.flags();
    if flags.pull_diagnostics && flags.diagnostic_refresh {
        let _ = state.client.workspace_diagnostic_refresh().await;
    }
}

/// Gives every open document its (possibly new) project slot and schedules its diagnostics.
pub fn recheck_all(state: &Arc<State>) {
    let rechecked: Vec<(Uri, i32)> = {
        let mut session = state.session();
        let Session {
            docs, workspace, ..
        } = &mut *session;
        docs.iter_mut()
            .map(|(uri, doc)| {
                let slot = workspace.slot_for(uri_path(uri).as_deref());
                if !doc.uses(&slot) {
                    Arc::make_mut(doc).set_project(slot);
                }
                (uri.clone(), doc.version)
            })
            .collect()
    };
    for (uri, version) in rechecked {
        diagnostics::schedule(state, uri, version, Duration::ZERO);
    }
}
