//! The JSON-RPC test client shared by the server's integration tests: a server in process,
//! driven through the tower `Service`, its messages to the client collected.
//!
//! Each test binary uses part of it.
#![allow(dead_code)]

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tower::{Service, ServiceExt};
use tower_lsp_server::LspService;
use tower_lsp_server::jsonrpc::{Request, Response};

use glossa_server::GlossaServer;

pub struct TestClient {
    pub service: LspService<GlossaServer>,
    pub messages: tokio::sync::mpsc::UnboundedReceiver<Value>,
    pub dir: tempfile::TempDir,
    next_id: i64,
    /// The position encoding the server chose at `initialize`.
    pub encoding: String,
}

impl TestClient {
    /// A temp dir holding `files` (relative path, text) and a server initialized with
    /// `capabilities` and the dir as its workspace folder; the client answers
    /// `workspace/configuration` with `settings` (unless null) and every other request with null.
    pub async fn start(files: &[(&str, &str)], capabilities: Value, settings: Value) -> TestClient {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            std::fs::write(dir.path().join(rel), text).unwrap();
        }
        let (service, socket) = LspService::new(GlossaServer::new);
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let (mut requests, mut responses) = socket.split();
        tokio::spawn(async move {
            while let Some(req) = requests.next().await {
                let value = serde_json::to_value(&req).unwrap();
                let (method, id, _) = req.into_parts();
                if let Some(id) = id {
                    let answer = match &*method {
                        "workspace/configuration" if !settings.is_null() => json!([settings]),
                        _ => Value::Null,
                    };
                    let _ = responses.send(Response::from_ok(id, answer)).await;
                }
                let _ = tx.send(value);
            }
        });
        let mut client = TestClient {
            service,
            messages: rx,
            dir,
            next_id: 0,
            encoding: String::new(),
        };
        let root = client.uri("");
        let result = client
            .request(
                "initialize",
                json!({
                    "capabilities": capabilities,
                    "workspaceFolders": [{"uri": root, "name": "test"}],
                }),
            )
            .await;
        assert!(result["capabilities"].is_object(), "{result}");
        client.encoding = result["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap_or("utf-16")
            .to_owned();
        client.notify("initialized", json!({})).await;
        client
    }

    pub fn uri(&self, rel: &str) -> String {
        let path = self.dir.path().join(rel);
        let path = path.to_str().unwrap().trim_end_matches('/');
        format!("file://{path}")
    }

    pub fn path(&self, rel: &str) -> std::path::PathBuf {
        self.dir.path().join(rel)
    }

    pub async fn call(&mut self, msg: Value) -> Option<Value> {
        let req: Request = serde_json::from_value(msg).unwrap();
        let resp = self.service.ready().await.unwrap().call(req).await.unwrap();
        resp.map(|r| serde_json::to_value(r).unwrap())
    }

    /// Sends a request; returns its `result` (or the whole answer when it is an error).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params});
        let resp = self.call(msg).await.expect("a request gets an answer");
        match resp.get("result") {
            Some(r) => r.clone(),
            None => resp,
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        assert_eq!(self.call(msg).await, None);
    }

    /// Opens `rel` (relative to the project) as Markdown with `text`; returns its URI.
    pub async fn open(&mut self, rel: &str, text: &str) -> String {
        let uri = self.uri(rel);
        self.open_uri(&uri, text).await;
        uri
    }

    /// Opens `uri` as Markdown, version 1, with `text`.
    pub async fn open_uri(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
    }

    /// The next server message with this method (others are skipped), or panics after a
    /// generous timeout (a failure guard, not a timing assertion).
    pub async fn next_message(&mut self, method: &str, uri: Option<&str>) -> Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let msg = tokio::time::timeout_at(deadline, self.messages.recv())
                .await
                .unwrap_or_else(|_| panic!("no {method} message"))
                .expect("server alive");
            if msg["method"] == method && uri.is_none_or(|u| msg["params"]["uri"] == u) {
                return msg["params"].clone();
            }
        }
    }

    pub async fn diagnostics(&mut self, uri: &str) -> Value {
        self.next_message("textDocument/publishDiagnostics", Some(uri))
            .await
    }

    /// The next diagnostics published for each of `uris`, in whatever order the server sends
    /// them (the protocol orders nothing across files), returned in the order of `uris`.
    pub async fn diagnostics_of<const N: usize>(&mut self, uris: [&str; N]) -> [Value; N] {
        let mut got: [Option<Value>; N] = std::array::from_fn(|_| None);
        while got.iter().any(Option::is_none) {
            let msg = self
                .next_message("textDocument/publishDiagnostics", None)
                .await;
            if let Some(i) = uris.iter().position(|u| msg["uri"] == *u)
                && got[i].is_none()
            {
                got[i] = Some(msg);
            }
        }
        got.map(Option::unwrap)
    }

    /// Replaces the temp dir's path with `[DIR]` everywhere in `v`.
    pub fn redact(&self, v: &Value) -> Value {
        let dir = self.dir.path().to_str().unwrap().to_owned();
        let s = serde_json::to_string(v).unwrap().replace(&dir, "[DIR]");
        serde_json::from_str(&s).unwrap()
    }
}

pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}

/// Line and UTF-16 column of the first `needle` in `text`.
pub fn find(text: &str, needle: &str) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {text:?}"));
    let line = text[..at].matches('\n').count() as u32;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].encode_utf16().count() as u32)
}
