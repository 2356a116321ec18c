//! The real binary over stdio: `glossa lsp` answers initialize and shutdown, exits on `exit`
//! while the client still holds stdin open (some clients never close it), answers malformed
//! messages with JSON-RPC errors and goes on serving, and every `file:` URI it sends names an
//! existing file (the embedded glossary's read-only cache copy). The timeout is a failure guard
//! against a hang, not a timing assertion.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn frame(msg: &Value) -> Vec<u8> {
    let body = msg.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Reads one framed message.
fn read_message(r: &mut impl BufRead) -> Value {
    let mut len = 0;
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse().unwrap();
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// The next response with this id (notifications such as logMessage are skipped).
fn response(r: &mut impl BufRead, id: i64) -> Value {
    loop {
        let msg = read_message(r);
        if msg["id"] == id && msg.get("method").is_none() {
            return msg;
        }
    }
}

/// `glossa lsp` started in `dir` and sent `initialize`: the process, its stdin, its stdout, and
/// the answer to `initialize`.
fn start(dir: &std::path::Path) -> (Child, ChildStdin, BufReader<ChildStdout>, Value) {
    start_with(dir, &[])
}

/// `start` with extra environment variables for the server.
fn start_with(
    dir: &std::path::Path,
    env: &[(&str, &std::path::Path)],
) -> (Child, ChildStdin, BufReader<ChildStdout>, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .arg("lsp")
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let root = format!("file://{}", dir.display());
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"capabilities": {}, "rootUri": root}}),
        ))
        .unwrap();
    stdin.flush().unwrap();
    let init = response(&mut stdout, 1);
    (child, stdin, stdout, init)
}

/// Sends `exit` and waits for the process to end (the deadline is a failure guard against a
/// hang, not a timing assertion); stdin stays open meanwhile.
fn exit(mut child: Child, stdin: &mut ChildStdin) -> ExitStatus {
    stdin
        .write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})))
        .unwrap();
    stdin.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("glossa lsp did not exit after `exit` while stdin was open");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn exits_promptly_on_exit_while_stdin_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let (child, mut stdin, mut stdout, init) = start(dir.path());
    assert_eq!(init["result"]["serverInfo"]["name"], "glossa");
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );

    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        ))
        .unwrap();
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}),
        ))
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(
        response(&mut stdout, 2),
        json!({"jsonrpc": "2.0", "id": 2, "result": null})
    );
    let status = exit(child, &mut stdin);
    assert!(status.success(), "{status}");
    drop(stdin);
}

/// LSP spec: `exit` without `shutdown` first ends the process with exit code 1.
#[test]
fn exit_without_shutdown_exits_with_1() {
    let dir = tempfile::tempdir().unwrap();
    let (child, mut stdin, _stdout, _) = start(dir.path());
    assert_eq!(exit(child, &mut stdin).code(), Some(1));
    drop(stdin);
}

fn send_raw(stdin: &mut ChildStdin, headers: &str, body: &[u8]) {
    stdin.write_all(headers.as_bytes()).unwrap();
    stdin.write_all(body).unwrap();
    stdin.flush().unwrap();
}

/// The next answer (a message without a method), whatever its id.
fn next_answer(r: &mut impl BufRead) -> Value {
    loop {
        let msg = read_message(r);
        if msg.get("method").is_none() {
            return msg;
        }
    }
}

/// Regression (issue 7): one malformed message ended the connection (exit 1): tower-lsp-server's
/// transport stops reading at its first decode error. Each is now answered with its JSON-RPC
/// error (-32700 for what is not JSON, -32600 for JSON of the wrong shape), and a hover after
/// all of them is answered correctly; `shutdown` with `"params": {}` is served like `null`.
#[test]
fn malformed_messages_are_answered_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("glossa.toml"),
        "builtin = false\nglossaries = [\"glossary.toml\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("glossary.toml"),
        "[[concept]]\nterm = \"sparse autoencoder\"\ndefinition = \"An autoencoder trained \
         with a sparsity penalty.\"\nacronyms = [\"SAE\"]\n",
    )
    .unwrap();
    let (child, mut stdin, mut stdout, _) = start(dir.path());
    let uri = format!("file://{}/notes.md", dir.path().display());
    for msg in [
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": uri, "languageId": "markdown", "version": 1, "text": "We use SAE here.\n"}}}),
    ] {
        stdin.write_all(&frame(&msg)).unwrap();
    }
    let deep = format!(
        r#"{{"jsonrpc": "2.0", "id": 5, "method": "x", "params": {}{}}}"#,
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let cases: Vec<(&str, Vec<u8>, i64, Value)> = vec![
        ("not JSON", b"this is not json".to_vec(), -32700, Value::Null),
        (
            "lone surrogate",
            br#"{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"x": "\ud800"}}"#
                .to_vec(),
            -32700,
            Value::Null,
        ),
        ("an array", b"[1, 2]".to_vec(), -32600, Value::Null),
        (
            "a number as method",
            br#"{"jsonrpc": "2.0", "id": 3, "method": 5}"#.to_vec(),
            -32600,
            json!(3),
        ),
        (
            "duplicate keys",
            br#"{"jsonrpc": "2.0", "id": 4, "method": "shutdown", "method": "exit"}"#.to_vec(),
            -32600,
            json!(4),
        ),
        ("deep nesting", deep.into_bytes(), -32700, Value::Null),
        (
            "invalid UTF-8",
            b"{\"jsonrpc\": \"2.0\", \"id\": 6, \"method\": \"a\xff\"}".to_vec(),
            -32700,
            Value::Null,
        ),
    ];
    for (what, body, code, id) in cases {
        send_raw(
            &mut stdin,
            &format!("Content-Length: {}\r\n\r\n", body.len()),
            &body,
        );
        let answer = next_answer(&mut stdout);
        assert_eq!(answer["error"]["code"], code, "{what}: {answer}");
        assert_eq!(answer["id"], id, "{what}: {answer}");
    }
    // A lower-case header name is still a Content-Length.
    let hover = json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 8}}})
    .to_string();
    send_raw(
        &mut stdin,
        &format!("content-length: {}\r\n\r\n", hover.len()),
        hover.as_bytes(),
    );
    let answer = response(&mut stdout, 7);
    assert_eq!(
        answer["result"]["range"],
        json!({"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 10}})
    );
    assert!(
        answer["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("sparse autoencoder"),
        "{answer}"
    );
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "id": 8, "method": "shutdown", "params": {}}),
        ))
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(
        response(&mut stdout, 8),
        json!({"jsonrpc": "2.0", "id": 8, "result": null})
    );
    let status = exit(child, &mut stdin);
    assert!(status.success(), "{status}");
}

/// Framing that cannot be recovered (a header line that is not a header: where the next message
/// starts is unknown) ends the session, with the reason on stderr (stdout is the protocol).
#[test]
fn unrecoverable_framing_ends_the_session_with_a_logged_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"jsonrpc\": \"2.0\"}\r\n\r\n").unwrap();
    stdin.flush().unwrap();
    // stdin stays open: the server must end on its own.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "no shutdown came first");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unrecoverable LSP framing, ending the session: not a header line"),
        "{stderr}"
    );
    drop(stdin);
}

/// Every `file:` URI in `v`, recursively.
fn file_uris(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.starts_with("file://") => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| file_uris(x, out)),
        Value::Object(o) => o.values().for_each(|x| file_uris(x, out)),
        _ => {}
    }
}

/// Issue 12: links into the embedded glossary (diagnostics' related information, go to
/// definition, workspace symbols) name the read-only copy in the user's cache folder, never the
/// checkout the binary was built from, and every `file:` URI the server sends names a file that
/// exists.
#[test]
fn every_file_uri_sent_names_an_existing_file_in_the_cache_copy() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().canonicalize().unwrap(),
        cache.path().canonicalize().unwrap(),
    );
    // No glossa.toml: the embedded glossary is on.
    let text = "We trained a sparse autoencoder (SAE) and used SAM to segment the wafer images.\n";
    std::fs::write(a.join("notes.md"), text).unwrap();
    let uri = format!("file://{}/notes.md", a.display());
    let (child, mut stdin, mut stdout, _) = start_with(&a, &[("XDG_CACHE_HOME", &b), ("HOME", &b)]);
    let send = |stdin: &mut ChildStdin, msg: Value| {
        stdin.write_all(&frame(&msg)).unwrap();
        stdin.flush().unwrap();
    };
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    let sae = text.find("SAE").unwrap() as u32 + 1;
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params":
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": sae}}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "workspace/symbol", "params":
            {"query": "autoencoder"}}),
    );
    let mut seen = Vec::new();
    let mut answered = 0;
    while answered < 2 {
        let msg = read_message(&mut stdout);
        if msg["id"] == 2 || msg["id"] == 3 {
            answered += 1;
        }
        file_uris(&msg, &mut seen);
    }
    seen.retain(|u| *u != uri && !u.ends_with('/'));
    assert!(
        seen.iter().any(|u| u.contains("ai-factory")),
        "no link into the embedded glossary: {seen:?}"
    );
    for u in &seen {
        let path = std::path::PathBuf::from(u.strip_prefix("file://").unwrap());
        assert!(path.is_file(), "{u} does not name a file");
        assert!(
            path.starts_with(&b),
            "{u} is not in the cache folder {}",
            b.display()
        );
        assert!(
            std::fs::metadata(&path).unwrap().permissions().readonly(),
            "{u} is writable"
        );
    }
    let _ = exit(child, &mut stdin);
}
