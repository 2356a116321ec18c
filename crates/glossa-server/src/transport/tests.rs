//! The transport's framing and decoding, message by message: what each malformed input is
//! answered with, and which framing ends a session.

use super::*;
use serde_json::json;

fn to_value(msg: &impl serde::Serialize) -> Value {
    serde_json::to_value(msg).unwrap_or(Value::Null)
}

fn error_of(body: &[u8]) -> Value {
    match decode(body) {
        Incoming::Malformed(res) => to_value(&res),
        other => panic!("not malformed: {other:?}"),
    }
}

fn parse_error() -> Value {
    json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error"}})
}

fn invalid_request(id: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32600, "message": "Invalid request"}})
}

#[test]
fn what_is_not_json_is_a_parse_error() {
    assert_eq!(error_of(b"not json"), parse_error());
    assert_eq!(error_of(b"{\"jsonrpc\": \"2.0\", \"id\": 1"), parse_error());
    // A lone surrogate in a string.
    let lone = br#"{"jsonrpc": "2.0", "id": 1, "method": "x", "params": {"a": "\ud800"}}"#;
    assert_eq!(error_of(lone), parse_error());
    // Invalid UTF-8.
    assert_eq!(
        error_of(b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\"}"),
        parse_error()
    );
    // Nesting past serde_json's recursion limit: an error, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(error_of(deep.as_bytes()), parse_error());
}

#[test]
fn json_of_the_wrong_shape_is_an_invalid_request() {
    assert_eq!(error_of(b"42"), invalid_request(json!(null)));
    assert_eq!(error_of(b"[]"), invalid_request(json!(null)));
    assert_eq!(
        error_of(br#"{"jsonrpc": "2.0", "id": 3}"#),
        invalid_request(json!(3))
    );
    assert_eq!(
        error_of(br#"{"jsonrpc": "2.0", "id": 4, "method": 5}"#),
        invalid_request(json!(4))
    );
    assert_eq!(
        error_of(br#"{"id": 5, "method": "shutdown"}"#),
        invalid_request(json!(5))
    );
    // Duplicate keys.
    let dup = br#"{"jsonrpc": "2.0", "id": 6, "method": "a", "method": "b"}"#;
    assert_eq!(error_of(dup), invalid_request(json!(6)));
}

#[test]
fn requests_notifications_and_responses_are_decoded() {
    let req = br#"{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}"#;
    assert!(matches!(decode(req), Incoming::Request(r) if r.method() == "textDocument/hover"));
    let res = br#"{"jsonrpc": "2.0", "id": 1, "result": null}"#;
    assert!(matches!(decode(res), Incoming::Response(_)));
}

/// `shutdown` with `"params": {}` is served like `null`.
#[test]
fn empty_params_of_shutdown_are_dropped() {
    let req = br#"{"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": {}}"#;
    let Incoming::Request(r) = decode(req) else {
        panic!()
    };
    assert_eq!(r.params(), None);
    assert_eq!(r.id(), Some(&Id::Number(2)));
}

async fn bodies(input: &[u8]) -> (Vec<String>, Option<String>) {
    let mut r = input;
    let mut out = Vec::new();
    loop {
        match read_body(&mut r).await {
            Ok(Some(b)) => out.push(String::from_utf8(b).unwrap()),
            Ok(None) => return (out, None),
            Err(e) => return (out, Some(e)),
        }
    }
}

#[tokio::test]
async fn headers_are_read_case_insensitively_and_the_body_exactly() {
    let input =
        b"content-length: 2\r\n\r\n{}CONTENT-LENGTH:3\r\nContent-Type: x\r\n\r\n[1]\r\nContent-Length: 0\r\n\r\n";
    let (got, err) = bodies(input).await;
    assert_eq!(got, ["{}", "[1]", ""]);
    assert_eq!(err, None);
}

#[tokio::test]
async fn framing_that_cannot_be_recovered_ends_with_a_reason() {
    let (got, err) = bodies(b"Content-Length: 2\r\n\r\n{}{\"jsonrpc\": 1}").await;
    assert_eq!(got, ["{}"]);
    assert!(err.unwrap().starts_with("not a header line"));
    let (_, err) = bodies(b"Content-Type: x\r\n\r\n{}").await;
    assert_eq!(err.unwrap(), "a message without Content-Length");
    let (_, err) = bodies(b"Content-Length: x1\r\n\r\n{}").await;
    assert!(err.unwrap().starts_with("bad Content-Length"));
    let (_, err) = bodies(b"Content-Length: 10\r\n\r\n{}").await;
    assert!(
        err.unwrap()
            .starts_with("the input ended inside a 10-byte body")
    );
    let (_, err) = bodies(b"Content-Length: 10\r\n").await;
    assert_eq!(err.unwrap(), "the input ended inside a header");
    let long = format!("X-Pad: {}\r\n", "a".repeat(10_000));
    let (_, err) = bodies(long.as_bytes()).await;
    assert!(err.unwrap().starts_with("header section over"));
}

/// One framed message.
fn frame(msg: &Value) -> Vec<u8> {
    let body = msg.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Issue 9: over stdio, `textDocument/diagnostic` is answered by the server's own JSON
/// (`GlossaServer::direct`), in order after the edits before it: a full report, then
/// `unchanged` with the same id after an edit that changes no diagnostic, then a full report
/// with the moved range after one that moves it.
#[tokio::test]
async fn pulled_diagnostics_over_stdio_follow_the_edits_before_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("glossa.toml"),
        "builtin = false\nglossaries = [\"g.toml\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("g.toml"),
        "[[concept]]\nterm = \"fine-tuning\"\ndeprecated = [\"finetuning\"]\n",
    )
    .unwrap();
    let root = format!("file://{}", dir.path().display());
    let uri = format!("{root}/notes.md");
    let (client, server) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server);
    let (service, socket) = LspService::new(GlossaServer::new);
    tokio::spawn(serve(
        tokio::io::BufReader::new(server_read),
        server_write,
        service,
        socket,
    ));
    let (client_read, mut client_write) = tokio::io::split(client);
    let mut client_read = tokio::io::BufReader::new(client_read);
    // The answer to request `id` (server-to-client messages are skipped).
    async fn answer<R: AsyncBufRead + Unpin>(r: &mut R, id: i64) -> Value {
        loop {
            let body = tokio::time::timeout(std::time::Duration::from_secs(60), read_body(r))
                .await
                .expect("an answer in time")
                .unwrap()
                .expect("the server is alive");
            let msg: Value = serde_json::from_slice(&body).unwrap();
            if msg["id"] == id && msg.get("method").is_none() {
                return msg["result"].clone();
            }
        }
    }
    let send = |msg: Value| frame(&msg);
    client_write
        .write_all(&send(
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "capabilities": {"textDocument": {"diagnostic": {}}},
            "workspaceFolders": [{"uri": root, "name": "t"}]}}),
        ))
        .await
        .unwrap();
    assert!(answer(&mut client_read, 1).await["capabilities"].is_object());
    let change = |version: i32, col: u32, text: &str| {
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": col},
                "end": {"line": 0, "character": col}}, "text": text}]}})
    };
    let pull = |id: i64, previous: &Value| {
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
               "params": {"textDocument": {"uri": uri}, "previousResultId": previous}})
    };
    let mut batch = send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    batch.extend(send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                         "text": "Some words. We use finetuning today.\n"}}}),
    ));
    batch.extend(send(pull(2, &Value::Null)));
    client_write.write_all(&batch).await.unwrap();
    let first = answer(&mut client_read, 2).await;
    assert_eq!(first["kind"], "full");
    assert_eq!(first["items"][0]["code"], "deprecated-term");
    assert_eq!(first["items"][0]["range"]["start"]["character"], 19);
    let id = first["resultId"].clone();
    // Sent together: each pull answers for the edits before it.
    let mut batch = send(change(2, 35, " now"));
    batch.extend(send(pull(3, &id)));
    batch.extend(send(change(3, 0, "So ")));
    batch.extend(send(pull(4, &id)));
    client_write.write_all(&batch).await.unwrap();
    assert_eq!(
        answer(&mut client_read, 3).await,
        json!({"kind": "unchanged", "resultId": id})
    );
    let moved = answer(&mut client_read, 4).await;
    assert_eq!(moved["kind"], "full");
    assert_ne!(moved["resultId"], id);
    assert_eq!(moved["items"][0]["range"]["start"]["character"], 22);
    // A report of several chunks of items, written in pieces: one message, every item.
    let big = format!("{root}/big.md");
    let lines = 1300;
    let mut batch = send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": big, "languageId": "markdown", "version": 1,
                         "text": "We use finetuning today.\n".repeat(lines)}}}),
    );
    batch.extend(send(
        json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/diagnostic",
        "params": {"textDocument": {"uri": big}}}),
    ));
    client_write.write_all(&batch).await.unwrap();
    let report = answer(&mut client_read, 5).await;
    let items = report["items"].as_array().unwrap();
    // The first `maxDiagnostics` (1000 by default) findings, then the note of how many.
    let shown = crate::settings::DEFAULT_MAX_DIAGNOSTICS;
    assert_eq!(items.len(), shown + 1);
    for (i, item) in items.iter().enumerate() {
        assert_eq!(item["range"]["start"], json!({"line": i, "character": 7}));
    }
    let note = items[shown]["message"].as_str().unwrap();
    assert!(note.contains(&format!("{shown} of {lines}")), "{note}");
}
