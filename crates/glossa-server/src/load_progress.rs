//! Work-done progress while a project's glossaries load (`window/workDoneProgress/create`, then
//! `$/progress` begin and end), for clients that support it.
//!
//! A load runs on a blocking worker ([`super::workspace::ProjectSlot`]); it holds a
//! [`LoadProgress::start`] guard while it works. Only a load still running after
//! [`SHOW_AFTER`] is shown, so the ordinary small glossary never flashes a progress bar; the
//! progress ends when the guard drops (the load finished, failed or panicked).

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::request::WorkDoneProgressCreate;
use tower_lsp_server::ls_types::{NumberOrString, WorkDoneProgressCreateParams};

/// How long a load runs before the client is shown its progress.
pub const SHOW_AFTER: Duration = Duration::from_millis(300);

/// What a load reports its progress to (the client, when it supports work-done progress).
#[derive(Debug, Clone)]
pub struct LoadProgress {
    client: Client,
}

/// Held by a running load; dropping it ends the progress.
#[derive(Debug)]
pub struct Guard {
    _done: tokio::sync::oneshot::Sender<()>,
}

impl LoadProgress {
    pub fn new(client: Client) -> LoadProgress {
        LoadProgress { client }
    }

    /// Starts reporting the load of `config`'s project; None off the async runtime's threads
    /// (a load called from a test or the CLI). Never blocks.
    pub fn start(&self, config: &Path) -> Option<Guard> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        let (done, mut finished) = tokio::sync::oneshot::channel::<()>();
        let client = self.client.clone();
        let token = NumberOrString::String(format!(
            "glossa/load/{}",
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let name = config.parent().and_then(Path::file_name).map_or_else(
            || config.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        runtime.spawn(async move {
            if tokio::time::timeout(SHOW_AFTER, &mut finished)
                .await
                .is_ok()
            {
                return;
            }
            let created = client
                .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                    token: token.clone(),
                })
                .await;
            if created.is_err() {
                return;
            }
            let progress = client
                .progress(token, "glossa: loading the glossary")
                .with_message(format!("{name}: reading and indexing its glossaries"))
                .begin()
                .await;
            let _ = finished.await;
            progress.finish_with_message("loaded").await;
        });
        Some(Guard { _done: done })
    }
}
