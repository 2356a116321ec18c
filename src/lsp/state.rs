//! The state one session shares between handlers: negotiated settings, open documents and the
//! workspace's projects.
//!
//! Locks are `std::sync::Mutex` and never held across an `.await`: handlers run concurrently
//! (tower-lsp#284), so each takes what it needs, releases, then talks to the client.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

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
}

#[derive(Debug)]
pub struct State {
    pub client: Client,
    flags: Mutex<Flags>,
    docs: Mutex<HashMap<Uri, Document>>,
    workspace: Mutex<Workspace>,
    /// Files that currently carry a published load-error diagnostic.
    pub error_files: Mutex<HashSet<PathBuf>>,
}

impl State {
    pub fn new(client: Client) -> State {
        State {
            client,
            flags: Mutex::default(),
            docs: Mutex::default(),
            workspace: Mutex::default(),
            error_files: Mutex::default(),
        }
    }

    pub fn flags(&self) -> Flags {
        *lock(&self.flags)
    }

    pub fn set_flags(&self, flags: Flags) {
        *lock(&self.flags) = flags;
    }

    pub fn docs(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        lock(&self.docs)
    }

    pub fn workspace(&self) -> MutexGuard<'_, Workspace> {
        lock(&self.workspace)
    }

    /// Runs `f` on an open document.
    pub fn with_doc<R>(&self, uri: &Uri, f: impl FnOnce(&Document) -> R) -> Option<R> {
        self.docs().get(uri).map(f)
    }
}

/// Locks, recovering from a poisoned lock (a panicking handler must not take the server down).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
