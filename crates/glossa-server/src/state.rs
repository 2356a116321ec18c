//! The session: negotiated settings, open documents and the workspace's projects, behind one
//! lock that is held only for quick changes and look-ups, never across an `.await`, never while
//! loading, scanning or reading a file.
//!
//! The pattern is ruff's server's: notification handlers change the session synchronously, at
//! once, before any `.await` (tower-lsp-server handlers interleave, tower-lsp#284); requests take
//! a [`Snapshot`] (an `Arc` of the immutable document, which holds its project slot and scan)
//! and answer from it on a blocking worker ([`background`]), so a slow request, project load or
//! workspace search never holds up a notification or another request. Lock order: `session`,
//! then nothing; `error_files` is only ever taken alone.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::Uri;

use super::convert::Encoding;
use super::document::Document;
use super::workspace::Workspace;

/// What the client said it can do, reduced to what the server acts on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`): don't push them.
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub dynamic_watch: bool,
    pub configuration: bool,
    pub related_information: bool,
    /// The client shows server-initiated work-done progress (`window.workDoneProgress`).
    pub work_done_progress: bool,
}

/// What the session lock guards.
#[derive(Debug, Default)]
pub struct Session {
    pub flags: Flags,
    /// Open documents; a request clones the `Arc`, an edit changes the document in place when
    /// no request holds it, else a copy ([`Arc::make_mut`]).
    pub docs: HashMap<Uri, Arc<Document>>,
    pub workspace: Workspace,
    /// Per open document, the turn of its last pull (`handlers::diagnostics::Turn`): pulls
    /// name their diagnostics in the order they came.
    pub pull_turns: HashMap<Uri, std::sync::mpsc::Receiver<()>>,
}

#[derive(Debug)]
pub struct State {
    pub client: Client,
    session: Mutex<Session>,
    /// Files that currently carry a published load-error diagnostic.
    pub error_files: Mutex<HashSet<PathBuf>>,
}

/// An open document as it was when a request came, and the session's flags.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub doc: Arc<Document>,
    pub flags: Flags,
    /// The client's `maxDiagnostics` when the snapshot was taken.
    pub max_diagnostics: usize,
}

impl State {
    pub fn new(client: Client) -> State {
        State {
            client,
            session: Mutex::default(),
            error_files: Mutex::default(),
        }
    }

    /// The session, locked: keep it short and synchronous.
    pub fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.session)
    }

    pub fn flags(&self) -> Flags {
        self.session().flags
    }

    /// The document at `uri` as it is now.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let session = self.session();
        Some(Snapshot {
            doc: session.docs.get(uri)?.clone(),
            flags: session.flags,
            max_diagnostics: session.workspace.settings().max_diagnostics,
        })
    }

    /// The current version of an open document.
    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.session().docs.get(uri).map(|d| d.version)
    }
}

/// Runs `f` on a blocking worker, off the async runtime: everything that scans, loads or reads
/// files. None when it panicked (the request is answered with nothing; the server goes on).
pub async fn background<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> Option<R> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => Some(r),
        Err(e) => {
            tracing::error!("a worker failed: {e}");
            None
        }
    }
}

/// Locks, recovering from a poisoned lock (a panicking handler must not take the server down).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
