//! The `LanguageServer` implementation: capabilities, and one short method per request that
//! hands over to [`super::handlers`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::convert::Encoding;
use super::handlers::{
    code_action, completion, definition, diagnostics, documents, highlight, hover, references,
    reload, settings, symbols,
};
use super::handlers::{inlay_hints, semantic_tokens, workspace_diagnostics};
use super::load_progress::LoadProgress;
use super::state::{Flags, State, background};
use super::workspace::uri_path;

#[derive(Debug)]
pub struct GlossaServer {
    state: Arc<State>,
    /// Set by `shutdown`: the process exits with 0 on `exit` only after it (LSP spec).
    shut_down: Arc<AtomicBool>,
}

impl GlossaServer {
    pub fn new(client: Client) -> GlossaServer {
        GlossaServer::with_shutdown_flag(client, Arc::default())
    }

    /// A server that records `shutdown` in `flag`, for the process to choose its exit code.
    pub fn with_shutdown_flag(client: Client, flag: Arc<AtomicBool>) -> GlossaServer {
        GlossaServer {
            state: Arc::new(State::new(client)),
            shut_down: flag,
        }
    }
}

impl GlossaServer {
    /// The answer to a request the transport sends as JSON text the server writes itself
    /// (`textDocument/diagnostic`: a large report serialized straight from the kept
    /// diagnostics instead of through a JSON value tree); `None` for every other request, and
    /// before `initialize` or after `shutdown` (the service answers those as the spec says).
    /// The returned future takes its snapshot when first polled, so edits that came before the
    /// request are in it.
    pub fn direct(
        &self,
        req: &tower_lsp_server::jsonrpc::Request,
    ) -> Option<futures::future::BoxFuture<'static, Vec<Arc<str>>>> {
        if req.method() != "textDocument/diagnostic"
            || self.shut_down.load(Ordering::SeqCst)
            || !self.state.flags().pull_diagnostics
        {
            return None;
        }
        let id = serde_json::to_string(req.id()?).ok()?;
        let params: DocumentDiagnosticParams =
            serde_json::from_value(req.params()?.clone()).ok()?;
        let state = self.state.clone();
        Some(Box::pin(async move {
            let pulled = diagnostics::pull(&state, params).await;
            // Serialized on a worker: a large report is many milliseconds of work.
            background(move || pulled.response_pieces(&id))
                .await
                .unwrap_or_default()
        }))
    }
}

fn flags(caps: &ClientCapabilities) -> Flags {
    let td = caps.text_document.as_ref();
    let ws = caps.workspace.as_ref();
    Flags {
        encoding: Encoding::negotiate(caps),
        pull_diagnostics: td.is_some_and(|t| t.diagnostic.is_some()),
        diagnostic_refresh: ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        dynamic_watch: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        related_information: td
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false),
        work_done_progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
    }
}

fn capabilities(flags: &Flags) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(flags.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            resolve_provider: Some(true),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR]),
            ..CodeActionOptions::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![code_action::ADD_TO_GLOSSARY.to_owned()],
            ..ExecuteCommandOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                ..SemanticTokensOptions::default()
            },
        )),
        diagnostic_provider: flags.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("glossa".to_owned()),
                inter_file_dependencies: false,
                workspace_diagnostics: true,
                ..DiagnosticOptions::default()
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for GlossaServer {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let flags = flags(&params.capabilities);
        {
            let mut session = self.state.session();
            session.flags = flags;
            session.workspace.progress = flags
                .work_done_progress
                .then(|| LoadProgress::new(self.state.client.clone()));
        }
        #[allow(deprecated)] // root_uri: older clients send only that.
        let folders: Vec<_> = match &params.workspace_folders {
            Some(f) if !f.is_empty() => f.iter().filter_map(|f| uri_path(&f.uri)).collect(),
            _ => params
                .root_uri
                .as_ref()
                .and_then(uri_path)
                .into_iter()
                .collect(),
        };
        self.state.session().workspace.folders = folders;
        // The corpus pages that locations point to, written before any location is sent.
        background(crate::workspace::prepare_builtin_pages).await;
        Ok(InitializeResult {
            capabilities: capabilities(&flags),
            server_info: Some(ServerInfo {
                name: "glossa".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let state = self.state.clone();
        // Requests to the client run in the background: the client may answer them only after
        // this notification is done.
        tokio::spawn(async move {
            reload::register_watchers(&state).await;
            settings::pull(&state).await;
            state
                .client
                .log_message(
                    MessageType::INFO,
                    format!("glossa {} ready", env!("CARGO_PKG_VERSION")),
                )
                .await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        documents::did_open(&self.state, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        documents::did_change(&self.state, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        if documents::did_close(&self.state, &params) {
            diagnostics::clear(&self.state, params.text_document.uri).await;
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let Some(path) = uri_path(&params.text_document.uri) else {
            return;
        };
        // The reload loads on a worker; awaiting it here holds up nothing else (handlers
        // interleave) and lets a client that waits for the notification see the new glossary.
        if reload::is_watched(&self.state, &path) {
            reload::reload(&self.state, &[path]).await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changed = reload::paths(params.changes.into_iter().map(|c| c.uri));
        let state = self.state.clone();
        tokio::spawn(async move { reload::reload(&state, &changed).await });
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let mut session = self.state.session();
        let ws = &mut session.workspace;
        let removed: Vec<_> = params
            .event
            .removed
            .iter()
            .filter_map(|f| uri_path(&f.uri))
            .collect();
        ws.folders.retain(|f| !removed.contains(f));
        ws.folders
            .extend(params.event.added.iter().filter_map(|f| uri_path(&f.uri)));
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let state = self.state.clone();
        // Clients that can be asked are asked (their payload is often empty); others send the
        // settings in the notification itself.
        tokio::spawn(async move {
            if state.flags().configuration {
                settings::pull(&state).await;
            } else {
                settings::apply(&state, &params.settings).await;
            }
        });
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        Ok(hover::hover(&self.state, params).await)
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        Ok(completion::completion(&self.state, params).await)
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        Ok(completion::resolve(&self.state, item).await)
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        Ok(diagnostics::pull(&self.state, params).await.report())
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(Some(code_action::code_action(&self.state, params).await))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        Ok(code_action::execute(&self.state, params).await)
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        Ok(definition::definition(&self.state, params).await)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(references::references(&self.state, params).await)
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        Ok(highlight::highlight(&self.state, params).await)
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        Ok(Some(WorkspaceSymbolResponse::Flat(
            symbols::symbols(&self.state, params).await,
        )))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        Ok(inlay_hints::inlay_hints(&self.state, params).await)
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(
            semantic_tokens::tokens(&self.state, &params.text_document.uri, None)
                .await
                .map(SemanticTokensResult::Tokens),
        )
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        Ok(
            semantic_tokens::tokens(&self.state, &params.text_document.uri, Some(params.range))
                .await
                .map(SemanticTokensRangeResult::Tokens),
        )
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        Ok(workspace_diagnostics::workspace_diagnostic(&self.state, params).await)
    }
}
