//! The language server: `glossa lsp` speaks LSP over stdin/stdout.
//!
//! **Architecture invariant:** this module is the only code that knows LSP types
//! (`tower_lsp_server::ls_types`). Handlers convert parameters in ([`convert`]), call the engine
//! (`analysis`, `project`), and convert results back. Layout: [`server`] is the `LanguageServer`
//! impl (one small method per request), [`state`] the session (changed only by quick
//! notification handlers; requests answer from snapshots on blocking workers), [`document`] an
//! open document with the analysis of its text, [`workspace`] the projects per `glossa.toml`
//! (loaded on workers), and [`handlers`] one file per LSP method.

pub mod convert;
pub mod document;
pub mod handlers;
pub mod load_progress;
pub mod server;
pub mod settings;
pub mod state;
pub mod transport;
pub mod workspace;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::LspService;

pub use server::GlossaServer;

/// Serves LSP on stdin/stdout ([`transport`]) until the client sends `exit` (or closes stdin). True when
/// `shutdown` came first; the process exits with 1 otherwise, as the LSP spec asks.
/// Logging is set up by the caller (the `glossa` binary).
pub fn serve() -> anyhow::Result<bool> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    rt.block_on(async {
        let (service, socket) =
            LspService::new(move |client| GlossaServer::with_shutdown_flag(client, flag));
        transport::widen_stdin_pipe();
        let stdin = tokio::io::BufReader::new(tokio::io::stdin());
        transport::serve(stdin, tokio::io::stdout(), service, socket).await;
    });
    // tokio's stdin reads on a blocking thread that only returns when the client writes or
    // closes the pipe; waiting for it would keep the process alive after `exit`. Don't.
    rt.shutdown_background();
    Ok(shut_down.load(Ordering::SeqCst))
}
