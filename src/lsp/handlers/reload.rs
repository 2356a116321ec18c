//! Reloading configs and glossaries when their files change (`workspace/didChangeWatchedFiles`,
//! or a save in the editor), then re-checking every open document.
//!
//! A broken file keeps the last good project in service; its error is published as a diagnostic
//! on the file itself and cleared once it loads again.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration,
};

use super::diagnostics;
use crate::lsp::state::State;
use crate::lsp::workspace::uri_path;

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
    if path
        .file_name()
        .is_some_and(|n| n == crate::project::CONFIG_FILE)
    {
        return true;
    }
    let ws = state.workspace();
    ws.watched_files().iter().any(|w| w == path)
        || ws
            .errors
            .values()
            .any(|e| std::path::Path::new(&e.path) == path)
}

/// The paths of changed file URIs.
pub fn paths(uris: impl IntoIterator<Item = tower_lsp_server::ls_types::Uri>) -> Vec<PathBuf> {
    uris.into_iter().filter_map(|u| uri_path(&u)).collect()
}

/// Reloads what `changed` touches, re-checks open documents and publishes load errors.
pub async fn reload(state: &Arc<State>, changed: &[PathBuf]) {
    let s = state.clone();
    let changed_owned = changed.to_vec();
    let reloaded = tokio::task::spawn_blocking(move || s.workspace().reload(&changed_owned))
        .await
        .unwrap_or(false);
    if !reloaded {
        return;
    }
    recheck_all(state);
    diagnostics::publish_load_errors(state).await;
    let flags = state.flags();
    if flags.pull_diagnostics && flags.diagnostic_refresh {
        let _ = state.client.workspace_diagnostic_refresh().await;
    }
}

/// Gives every open document its (possibly new) project and schedules its diagnostics.
pub fn recheck_all(state: &Arc<State>) {
    let uris: Vec<_> = state.docs().keys().cloned().collect();
    for uri in uris {
        let path = uri_path(&uri);
        let project = state.workspace().project_for(path.as_deref());
        let version = {
            let mut docs = state.docs();
            let Some(doc) = docs.get_mut(&uri) else {
                continue;
            };
            let same = Arc::ptr_eq(&doc.project().glossary, &project.glossary)
                && Arc::ptr_eq(&doc.project().config, &project.config);
            if !same {
                doc.set_project(project);
            }
            doc.version
        };
        diagnostics::schedule(state, uri, version, Duration::ZERO);
    }
}
