//! The stdio transport: LSP's `Content-Length` framing, read and written here in front of
//! tower-lsp-server's `LspService`, so that one malformed message costs one JSON-RPC error and
//! not the session. (tower-lsp-server's own `Server` stops reading at the first message it
//! cannot decode: its framed reader ends after an error.)
//!
//! Each message: header lines up to an empty line (names case-insensitive, only
//! `Content-Length` read), then exactly that many bytes, decoded by [`decode`]. A body that is
//! not JSON (invalid UTF-8, a lone surrogate, nesting past serde_json's limit) is answered with
//! -32700 and id null; JSON that is not a request, a notification or a response (wrong shape,
//! duplicate keys) with -32600. Only framing that cannot be recovered ends the session, with
//! the reason logged to stderr: a header line that is not a header, no usable `Content-Length`,
//! a header section or body past its limit, the input ending inside a message. A large didOpen
//! is decoded with its text unescaped in place over the body ([`open`]).
//!
//! Requests run as tower-lsp-server's `Server` runs them: up to four at once, each first polled
//! in arrival order (document edits rely on it, see `handlers::documents`). Server-to-client
//! messages come from the `ClientSocket`; everything written to stdout goes through one writer.

use futures::channel::mpsc;
use futures::{FutureExt, SinkExt, StreamExt, TryFutureExt, future, stream};
use serde::Deserialize as _;
use serde_json::Value;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LspService};

use crate::server::GlossaServer;

/// From this size (bytes), reading and decoding a body is logged at debug level.
const LOGGED_BODY: usize = 1 << 20;
/// Requests handled at once (tower-lsp-server's default).
const MAX_CONCURRENCY: usize = 4;
/// A header section longer than this is not LSP.
const MAX_HEADER_BYTES: u64 = 8 * 1024;
/// A body longer than this is refused (the session ends: its bytes cannot be skipped safely).
const MAX_BODY_BYTES: usize = 1 << 30;

/// What one framed body holds.
#[derive(Debug, PartialEq)]
pub enum Incoming {
    /// A request or notification for the service.
    Request(Request),
    /// The client's answer to a server-to-client request.
    Response(Response),
    /// The error to answer a malformed message with.
    Malformed(Response),
}

/// Serves `service` over `input`/`output` until `exit`, the end of input, or framing that
/// cannot be recovered. A request the server answers itself ([`GlossaServer::direct`]) skips
/// the service: its JSON text is written as the server made it.
pub async fn serve<I, O>(
    input: I,
    output: O,
    mut service: LspService<GlossaServer>,
    socket: ClientSocket,
) where
    I: AsyncBufRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let (client_requests, mut client_responses) = socket.split();
    let (client_requests, client_abort) = stream::abortable(client_requests);
    let (mut out_tx, out_rx) = mpsc::channel::<Outgoing>(0);
    let (mut tasks_tx, tasks_rx) = mpsc::channel(100);

    let run_tasks = tasks_rx
        .buffer_unordered(MAX_CONCURRENCY)
        .filter_map(future::ready)
        .map(Ok)
        .forward(out_tx.clone());

    let write_output = async move {
        // Buffered: a message in pieces is written in few large writes, not one per piece.
        let mut output = tokio::io::BufWriter::with_capacity(OUTPUT_BUFFER, output);
        let mut all = stream::select(out_rx, client_requests.map(|r| Outgoing::Text(to_text(&r))));
        while let Some(msg) = all.next().await {
            if let Err(e) = write_message(&mut output, &msg).await {
                tracing::error!("cannot write to the client, stopping output: {e}");
                break;
            }
        }
    };

    let read_input = async {
        let mut input = input;
        loop {
            let body = match read_body(&mut input).await {
                Ok(Some(body)) => body,
                Ok(None) => break,
                Err(reason) => {
                    tracing::error!("unrecoverable LSP framing, ending the session: {reason}");
                    break;
                }
            };
            let started = std::time::Instant::now();
            let large = body.len() >= LOGGED_BODY;
            let decoded = decode_owned(body);
            if large {
                tracing::debug!("decoded in {:?}", started.elapsed());
            }
            match decoded {
                Incoming::Request(req) => {
                    if let Err(e) = future::poll_fn(|cx| service.poll_ready(cx)).await {
                        tracing::error!("language service stopped: {e}");
                        break;
                    }
                    // The spec: exit at once after `exit` (some clients never close stdin).
                    let exit = req.method() == "exit";
                    let task = match service.inner().direct(&req) {
                        Some(answer) => answer.map(|p| Some(Outgoing::Pieces(p))).boxed(),
                        None => service
                            .call(req)
                            .map_ok(|r| r.map(|r| Outgoing::Text(to_text(&r))))
                            .unwrap_or_else(|e| {
                                tracing::error!("{e}");
                                None
                            })
                            .boxed(),
                    };
                    let _ = tasks_tx.send(task).await;
                    if large {
                        tracing::debug!("handed over in {:?}", started.elapsed());
                    }
                    if exit {
                        break;
                    }
                }
                Incoming::Response(res) => {
                    if let Err(e) = client_responses.send(res).await {
                        tracing::error!("cannot route a client response: {e}");
                        break;
                    }
                }
                Incoming::Malformed(err) => {
                    let _ = out_tx.send(Outgoing::Text(to_text(&err))).await;
                }
            }
        }
        tasks_tx.disconnect();
        out_tx.disconnect();
        client_abort.abort();
    };

    futures::join!(run_tasks.map(|_| ()), write_output, read_input);
}

/// The size asked for a pipe stdin: Linux's default limit for an unprivileged process.
#[cfg(target_os = "linux")]
const PIPE_SIZE: usize = 1 << 20;

/// Widens stdin's pipe when it is one (Linux, `F_SETPIPE_SZ`: 64 KB → 1 MB): a 10 MB didOpen
/// then arrives in ~10 reads instead of ~160, each a trip to tokio's blocking reader (read
/// in ~10 instead of ~14 ms at load 3). Where it fails (not a pipe, a lower limit, another
/// system), stdin stays as it is.
pub fn widen_stdin_pipe() {
    #[cfg(target_os = "linux")]
    match rustix::pipe::fcntl_setpipe_size(std::io::stdin(), PIPE_SIZE) {
        Ok(size) => tracing::debug!("stdin's pipe holds {size} bytes"),
        Err(e) => tracing::debug!("stdin's pipe size left as it is: {e}"),
    }
}

/// Reads one message's body. `Ok(None)` when the input ends between messages; `Err` with the
/// reason when the framing cannot be recovered.
pub async fn read_body<R: AsyncBufRead + Unpin>(input: &mut R) -> Result<Option<Vec<u8>>, String> {
    let mut length = None;
    let mut started = false;
    let mut header = (&mut *input).take(MAX_HEADER_BYTES);
    loop {
        let mut line = Vec::new();
        let n = header
            .read_until(b'\n', &mut line)
            .await
            .map_err(|e| format!("reading a header: {e}"))?;
        if n == 0 {
            if header.limit() == 0 {
                return Err(format!("header section over {MAX_HEADER_BYTES} bytes"));
            }
            return if started {
                Err("the input ended inside a header".into())
            } else {
                Ok(None)
            };
        }
        let line = line.trim_ascii();
        if line.is_empty() {
            if started {
                break;
            }
            continue; // stray line breaks between messages
        }
        started = true;
        let colon = line.iter().position(|&b| b == b':').unwrap_or(0);
        let name = line[..colon].trim_ascii();
        let token = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_');
        if name.is_empty() || !name.iter().all(token) {
            return Err(format!(
                "not a header line: {:?}",
                String::from_utf8_lossy(line)
            ));
        }
        let value = line[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"content-length") {
            let n = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                .ok_or_else(|| {
                    format!("bad Content-Length: {:?}", String::from_utf8_lossy(value))
                })?;
            length = Some(n);
        }
    }
    let length = length.ok_or("a message without Content-Length")?;
    if length > MAX_BODY_BYTES {
        return Err(format!("Content-Length {length} over {MAX_BODY_BYTES}"));
    }
    let started = std::time::Instant::now();
    let mut body = vec![0; length];
    input
        .read_exact(&mut body)
        .await
        .map_err(|e| format!("the input ended inside a {length}-byte body: {e}"))?;
    if length >= LOGGED_BODY {
        tracing::debug!("read a {length}-byte body in {:?}", started.elapsed());
    }
    Ok(Some(body))
}

/// [`decode`], a large didOpen's text made of the body itself ([`open`]).
pub fn decode_owned(body: Vec<u8>) -> Incoming {
    match open::decode(body) {
        open::Decoded::Request(req) => Incoming::Request(req),
        open::Decoded::Other(body) => decode(&body),
        open::Decoded::BadText => {
            tracing::warn!("malformed message (Parse error): a lone surrogate in a didOpen's text");
            Incoming::Malformed(Response::from_error(Id::Null, Error::parse_error()))
        }
    }
}

/// What a body holds, or the error response it deserves.
pub fn decode(body: &[u8]) -> Incoming {
    let malformed = |id: Id, error: Error, why: &dyn std::fmt::Display| {
        tracing::warn!("malformed message ({}): {why}", error.message);
        Incoming::Malformed(Response::from_error(id, error))
    };
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => return malformed(Id::Null, Error::parse_error(), &e),
    };
    // The common case in one pass (a large didOpen is parsed once); the derived deserializer
    // rejects duplicate fields. A response also reads as a request without a method: it and
    // everything malformed take the slower path below.
    if let Ok(req) = serde_json::from_str::<Request>(text)
        && !req.method().is_empty()
    {
        return Incoming::Request(without_empty_params(req));
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return malformed(Id::Null, Error::parse_error(), &e),
    };
    let id = value
        .get("id")
        .and_then(|id| Id::deserialize(id).ok())
        .unwrap_or(Id::Null);
    let Some(object) = value.as_object() else {
        return malformed(Id::Null, Error::invalid_request(), &"not an object");
    };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return malformed(id, Error::invalid_request(), &"no \"jsonrpc\": \"2.0\"");
    }
    if let Some(method) = object.get("method") {
        if !method.is_string() {
            return malformed(id, Error::invalid_request(), &"method is not a string");
        }
        // From the text, not the value: the value kept only the last of duplicate keys.
        return match serde_json::from_str::<Request>(text) {
            Ok(req) => Incoming::Request(without_empty_params(req)),
            Err(e) => malformed(id, Error::invalid_request(), &e),
        };
    }
    if object.contains_key("result") || object.contains_key("error") {
        return match serde_json::from_str::<Response>(text) {
            Ok(res) => Incoming::Response(res),
            Err(e) => malformed(id, Error::invalid_request(), &e),
        };
    }
    malformed(
        id,
        Error::invalid_request(),
        &"neither a request nor a response",
    )
}

/// `shutdown` and `exit` take no parameters; clients that send `{}` or `[]` (as some do for
/// `null`) are served like those that send nothing.
fn without_empty_params(req: Request) -> Request {
    let empty = match req.params() {
        Some(Value::Object(o)) => o.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    };
    if !(empty && matches!(req.method(), "shutdown" | "exit")) {
        return req;
    }
    let (method, id, _) = req.into_parts();
    let builder = Request::build(method);
    match id {
        Some(id) => builder.id(id).finish(),
        None => builder.finish(),
    }
}

/// A message's JSON text, serialized straight from its value (no JSON value tree in between).
fn to_text(msg: &impl serde::Serialize) -> String {
    serde_json::to_string(msg).unwrap_or_else(|_| "null".to_owned())
}

/// A message to the client: its JSON text, whole or in pieces.
#[derive(Debug)]
pub enum Outgoing {
    Text(String),
    /// Written one after the other ([`crate::handlers::diagnostics::Pulled::response_pieces`]).
    Pieces(Vec<std::sync::Arc<str>>),
}

/// The output buffer: pieces of a large message go out in writes of about this size.
const OUTPUT_BUFFER: usize = 1 << 20;

async fn write_message<O: AsyncWrite + Unpin>(
    output: &mut O,
    message: &Outgoing,
) -> std::io::Result<()> {
    let pieces: &[&str] = match message {
        Outgoing::Text(body) => &[body.as_str()],
        Outgoing::Pieces(pieces) => &pieces.iter().map(|p| &**p).collect::<Vec<&str>>(),
    };
    let length: usize = pieces.iter().map(|p| p.len()).sum();
    let header = format!("Content-Length: {length}\r\n\r\n");
    output.write_all(header.as_bytes()).await?;
    for piece in pieces {
        output.write_all(piece.as_bytes()).await?;
    }
    output.flush().await
}

mod open;
#[cfg(test)]
mod tests;
