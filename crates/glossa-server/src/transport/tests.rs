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
    let mut served = Served::start().await;
    let uri = format!("{}/notes.md", served.root);
    served
        .send(&[
            did_open(&uri, "Some words. We use finetuning today.\n"),
            pull(&uri, 2, &Value::Null),
        ])
        .await;
    let first = served.answer(2).await;
    assert_eq!(first["kind"], "full");
    assert_eq!(first["items"][0]["code"], "deprecated-term");
    assert_eq!(first["items"][0]["range"]["start"]["character"], 19);
    let id = first["resultId"].clone();
    // Sent together: each pull answers for the edits before it (the answers come as they are
    // ready, in any order).
    served
        .send(&[
            did_change(&uri, 2, 35, " now"),
            pull(&uri, 3, &id),
            did_change(&uri, 3, 0, "So "),
            pull(&uri, 4, &id),
        ])
        .await;
    assert_eq!(
        served.answer(3).await,
        json!({"kind": "unchanged", "resultId": id})
    );
    let moved = served.answer(4).await;
    assert_eq!(moved["kind"], "full");
    assert_ne!(moved["resultId"], id);
    assert_eq!(moved["items"][0]["range"]["start"]["character"], 22);
    // A report of several chunks of items, written in pieces: one message, every item.
    let big = format!("{}/big.md", served.root);
    let lines = 1300;
    served
        .send(&[
            did_open(&big, &"We use finetuning today.\n".repeat(lines)),
            pull(&big, 5, &Value::Null),
        ])
        .await;
    let report = served.answer(5).await;
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

/// A served session over an in-memory pipe, initialized with pull diagnostics, its workspace
/// a glossary with one concept ("finetuning" deprecated).
struct Served {
    _dir: tempfile::TempDir,
    root: String,
    read: tokio::io::BufReader<tokio::io::ReadHalf<tokio::io::DuplexStream>>,
    write: tokio::io::WriteHalf<tokio::io::DuplexStream>,
    /// Answers read while waiting for another (answers come in the order they are ready).
    early: std::collections::HashMap<i64, Value>,
}

impl Served {
    async fn start() -> Served {
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
        let (client, server) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server);
        let (service, socket) = LspService::new(GlossaServer::new);
        tokio::spawn(serve(
            tokio::io::BufReader::new(server_read),
            server_write,
            service,
            socket,
        ));
        let (read, write) = tokio::io::split(client);
        let mut served = Served {
            _dir: dir,
            root,
            read: tokio::io::BufReader::new(read),
            write,
            early: Default::default(),
        };
        let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "capabilities": {"textDocument": {"diagnostic": {}}},
            "workspaceFolders": [{"uri": served.root, "name": "t"}]}});
        served.send(&[init]).await;
        assert!(served.answer(1).await["capabilities"].is_object());
        served
            .send(&[json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})])
            .await;
        served
    }

    /// Writes `msgs` at once, each framed.
    async fn send(&mut self, msgs: &[Value]) {
        let batch: Vec<u8> = msgs.iter().flat_map(frame).collect();
        self.write.write_all(&batch).await.unwrap();
    }

    /// The answer to request `id` (server-to-client messages are skipped, answers to other
    /// requests kept for later).
    async fn answer(&mut self, id: i64) -> Value {
        if let Some(result) = self.early.remove(&id) {
            return result;
        }
        loop {
            let body = tokio::time::timeout(
                std::time::Duration::from_secs(60),
                read_body(&mut self.read),
            )
            .await
            .expect("an answer in time")
            .unwrap()
            .expect("the server is alive");
            let msg: Value = serde_json::from_slice(&body).unwrap();
            if msg.get("method").is_some() {
                continue;
            }
            match msg["id"].as_i64() {
                Some(i) if i == id => return msg["result"].clone(),
                Some(i) => {
                    self.early.insert(i, msg["result"].clone());
                }
                None => panic!("an answer without an id: {msg}"),
            }
        }
    }
}

fn did_open(uri: &str, text: &str) -> Value {
    json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
}

fn did_change(uri: &str, version: i32, col: u32, text: &str) -> Value {
    json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": 0, "character": col},
            "end": {"line": 0, "character": col}}, "text": text}]}})
}

fn pull(uri: &str, id: i64, previous: &Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
           "params": {"textDocument": {"uri": uri}, "previousResultId": previous}})
}

/// Pulls answered at once on workers (up to four at a time) still answer in the order they
/// came: sent together for many documents, an edit that moves no diagnostic then a pull, an
/// edit that moves one then a pull, each document's first pull is `unchanged` and its second
/// a full report, whichever worker finishes first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pulls_answer_in_the_order_they_came() {
    let mut served = Served::start().await;
    let docs = 200;
    let uris: Vec<String> = (0..docs)
        .map(|i| format!("{}/n{i}.md", served.root))
        .collect();
    let mut first = Vec::new();
    for (i, uri) in uris.iter().enumerate() {
        let id = 100 + i as i64;
        served
            .send(&[
                did_open(uri, "Some words. We use finetuning today.\n"),
                pull(uri, id, &Value::Null),
            ])
            .await;
        let report = served.answer(id).await;
        assert_eq!(report["kind"], "full");
        first.push(report["resultId"].clone());
    }
    let mut batch = Vec::new();
    for (i, uri) in uris.iter().enumerate() {
        let id = 1000 + 2 * i as i64;
        batch.push(did_change(uri, 2, 35, " now"));
        batch.push(pull(uri, id, &first[i]));
        batch.push(did_change(uri, 3, 0, "So "));
        batch.push(pull(uri, id + 1, &first[i]));
    }
    served.send(&batch).await;
    for (i, previous) in first.iter().enumerate() {
        let id = 1000 + 2 * i as i64;
        let quiet = served.answer(id).await;
        let moved = served.answer(id + 1).await;
        assert_eq!(
            quiet,
            json!({"kind": "unchanged", "resultId": previous}),
            "document {i}"
        );
        assert_eq!(moved["kind"], "full", "document {i}");
        assert_eq!(moved["items"][0]["range"]["start"]["character"], 22);
    }
}

/// A didOpen body whose text is `text_json` (a JSON string, escapes and all) with the usual
/// fields.
fn open_body(text_json: &str) -> Vec<u8> {
    format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"file:///tmp/d%C3%A9.md","languageId":"markdown","version":7,"text":{text_json}}}}}}}"#
    )
    .into_bytes()
}

/// A real page repeated past the size from which a didOpen is decoded in place, as JSON.
fn large_text_json() -> String {
    let page = include_str!("../../../../tests/realdocs/sae-lens-long-description.md");
    let text = page.repeat(2 * open::FROM / page.len() + 1);
    serde_json::to_string(&text).unwrap()
}

/// `decode_owned` (a large didOpen's text unescaped over its body) gives what `decode` gives.
fn same_as_general(body: Vec<u8>) -> Incoming {
    let general = decode(&body);
    assert_eq!(decode_owned(body), general);
    general
}

/// A large didOpen decodes to the same request as through the general path: a real page
/// with its line breaks, quotes and non-ASCII; every kind of escape, surrogate pairs, in
/// either case of hex digit.
#[test]
fn a_large_did_open_decodes_as_the_general_path_does() {
    let page = large_text_json();
    let escapes = r#"a\/b\b\f\n\r\t\"\\ \u00e9\u00E9 \ud83d\ude00\uD83D\uDE00 \u0000\u001f é😀"#;
    let with_escapes = format!("{}{escapes}\"", &page[..page.len() - 1]);
    for text_json in [page, with_escapes] {
        let body = open_body(&text_json);
        assert!(matches!(
            open::decode(body.clone()),
            open::Decoded::Request(_)
        ));
        let Incoming::Request(req) = same_as_general(body) else {
            panic!("not a request")
        };
        assert_eq!(req.method(), "textDocument/didOpen");
        let params: tower_lsp_server::ls_types::DidOpenTextDocumentParams =
            serde_json::from_value(req.params().unwrap().clone()).unwrap();
        let text: String = serde_json::from_str(&text_json).unwrap();
        assert_eq!(params.text_document.text, text);
    }
}

/// A large didOpen that is not of the usual shape, or whose text is not a string (an
/// unpaired surrogate), is answered as the general path answers it.
#[test]
fn a_large_did_open_of_another_shape_is_decoded_the_general_way() {
    let page = large_text_json();
    let body = String::from_utf8(open_body(&page)).unwrap();
    let inner = &page[..page.len() - 1];
    for changed in [
        body.replace(r#""version":7"#, r#""version":7,"extra":1"#),
        body.replace(r#""version":7"#, r#""version":7,"version":8"#),
        body.replace(r#""version":7"#, r#""version":7.5"#),
        body.replace(r#""jsonrpc":"2.0""#, r#""jsonrpc":"1.0""#),
        body.replace(r#""jsonrpc":"2.0""#, r#""jsonrpc":"2.0","id":3"#),
        body.replace(r#""method""#, r#""method":"x","other""#),
        body.replacen(&page, &format!(r#"{inner}\ud800""#), 1),
        body.replacen(&page, &format!(r#"{inner}\udc00""#), 1),
        body.replacen(&page, &format!(r#"{inner}\ud800\u0041""#), 1),
        body.replacen(&page, &format!(r#"{inner}\ud800\n""#), 1),
        body.replacen(&page, &format!(r#"{inner}\x""#), 1),
        body.replacen(&page, &format!("{inner}\u{1}\""), 1),
        body[..body.len() - 1].to_owned(),
    ] {
        let body = changed.into_bytes();
        assert!(!matches!(
            open::decode(body.clone()),
            open::Decoded::Request(_)
        ));
        same_as_general(body);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]

    /// Any text, each character written as itself or escaped (`\uXXXX` in UTF-16 units, or
    /// its short escape), decodes in place to the text.
    #[test]
    fn any_text_escaped_any_way_decodes_in_place_to_itself(
        chars in proptest::collection::vec((proptest::char::any(), 0u8..3), 0..200),
    ) {
        let mut json = large_text_json();
        json.pop();
        let mut text: String = serde_json::from_str(&large_text_json()).unwrap();
        for (c, how) in chars {
            text.push(c);
            let short = match c {
                '"' => Some("\\\""),
                '\\' => Some("\\\\"),
                '\n' => Some("\\n"),
                '\t' => Some("\\t"),
                _ => None,
            };
            match (how, short) {
                (0, Some(s)) => json.push_str(s),
                (0, None) if !c.is_control() => json.push(c),
                _ => {
                    for unit in c.encode_utf16(&mut [0; 2]) {
                        json.push_str(&format!("\\u{unit:04x}"));
                    }
                }
            }
        }
        json.push('"');
        let open::Decoded::Request(req) = open::decode(open_body(&json)) else {
            panic!("not a request")
        };
        proptest::prop_assert_eq!(&req.params().unwrap()["textDocument"]["text"], &Value::String(text));
    }
}
