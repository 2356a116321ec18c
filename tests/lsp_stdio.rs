//! The real binary over stdio: `glossa lsp` answers initialize and shutdown, and exits on `exit`
//! while the client still holds stdin open (some clients never close it). The timeout is a
//! failure guard against a hang, not a timing assertion.

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
    let mut child = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .arg("lsp")
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
