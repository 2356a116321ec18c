//! LSP latency benchmark: a small stdio client that drives `glossa lsp` like an editor would and
//! times what a writer waits for (issue 9).
//!
//! For each glossary — the embedded corpus plus a small house glossary, then generated native
//! glossaries of 1k and 100k names (each a deprecated name of its own concept; 1M on request) —
//! it starts the server (pull diagnostics, no debounce), opens generated Markdown documents of
//! 100 KB, 1 MB and 10 MB (prose with the glossary's names in every sentence, code blocks, URLs)
//! and measures: didOpen → the first `textDocument/diagnostic` answer (from the first byte sent:
//! the client builds its message before the clock starts; five opens under five names, median
//! and slowest); one-character edits →
//! the diagnostics of the new version (median and p90; half at the end of a prose line, half at
//! a paragraph's start, each pull sending the previous `resultId`); hover round trips. It prints
//! a Markdown table for BENCHMARKS.md.
//!
//! `GLOSSA_BENCH_GLOSSARIES` lists the glossaries (default `embedded,1000,100000`; add
//! `1000000` for 1M names); a glossary that does not load within `GLOSSA_BENCH_LOAD_SECS`
//! (default 120) is reported as skipped. `GLOSSA_BENCH_SIZES` picks document sizes (default
//! `100KB,1MB,10MB`). `GLOSSA_BENCH_SETTINGS` is the client's `glossa` settings as JSON (e.g.
//! `{"maxDiagnostics": 0}` for every diagnostic in every report; default: the server's
//! defaults). `GLOSSA_BIN=/path/to/glossa` picks another binary
//! than the one cargo built (`target/release/glossa`). Run without `--bench` (as `cargo test
//! --benches` does), it only says how to run it. Every wait has a deadline and every loop a
//! bound, so a broken server makes it report and stop, never hang. Only std and serde_json:
//! the point is to see the server from outside, as a client does.

use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const KB: usize = 1 << 10;
const MB: usize = 1 << 20;
const LOOKUPS: usize = 20;
const EDITS: usize = 20;
/// How many times each document is opened (the didOpen row's samples).
const OPENS: usize = 5;
const SIZES: [(&str, usize); 3] = [("100 KB", 100 * KB), ("1 MB", MB), ("10 MB", 10 * MB)];
const OPEN_TIMEOUT: Duration = Duration::from_secs(180);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The editor tests' glossary (two senses of SAM, an acronym, a deprecated name) and one more
/// concept, laid over the embedded corpus.
const GLOSSARY: &str = concat!(
    include_str!("../tests/fixtures/editor-glossary.toml"),
    r#"
[[concept]]
term = "scan chain"
category = "design for test"
definition = "Flip-flops linked into a shift register so a tester can set and read them."
"#
);

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        let _ = writeln!(
            io::stdout().lock(),
            "lsp_latency: skipped (run it with `cargo bench --bench lsp_latency`)"
        );
        return;
    }
    if let Err(e) = run() {
        let _ = writeln!(io::stderr().lock(), "lsp_latency: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let bin = std::env::var_os("GLOSSA_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_glossa")));
    let glossaries = std::env::var("GLOSSA_BENCH_GLOSSARIES")
        .unwrap_or_else(|_| "embedded,1000,100000".to_owned());
    let load_limit = std::env::var("GLOSSA_BENCH_LOAD_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(120), Duration::from_secs);
    let mut rows: Vec<Row> = Vec::new();
    let mut failure = None;
    for which in glossaries.split(',').map(str::trim) {
        let glossary = match which {
            "embedded" => Glossary::Embedded,
            n => Glossary::Generated(n.parse().map_err(|_| format!("not a glossary: {n}"))?),
        };
        let project = TempProject::new(&glossary)?;
        let mut server = Server::start(&bin, &project.path)?;
        let result = measure(&mut server, &project.path, &glossary, load_limit, &mut rows);
        let _ = server.shutdown();
        if let Err(e) = result {
            failure = Some(format!("{}: {e}", glossary.label()));
            break;
        }
    }
    print_report(&bin, &rows, failure.as_ref());
    failure.map_or(Ok(()), Err)
}

/// The glossary a server runs with.
enum Glossary {
    /// The embedded corpus and the small house glossary above.
    Embedded,
    /// This many generated names, each the deprecated name of its own concept.
    Generated(usize),
}

impl Glossary {
    fn label(&self) -> String {
        match self {
            Glossary::Embedded => "embedded".to_owned(),
            Glossary::Generated(n) if n % 1_000_000 == 0 => format!("{}M names", n / 1_000_000),
            Glossary::Generated(n) if n % 1_000 == 0 => format!("{}k names", n / 1_000),
            Glossary::Generated(n) => format!("{n} names"),
        }
    }

    /// The generated name `i`: letters only ("qubaxe…"), so every one is a word.
    fn name(i: usize) -> String {
        let mut out = String::from("qu");
        let mut i = i;
        loop {
            out.push(char::from(b'a' + (i % 26) as u8));
            i /= 26;
            if i == 0 {
                break;
            }
        }
        out.push_str("ex");
        out
    }
}

fn measure(
    server: &mut Server,
    root: &Path,
    glossary: &Glossary,
    load_limit: Duration,
    rows: &mut Vec<Row>,
) -> Result<(), String> {
    let label = glossary.label();
    server.initialize(root)?;
    // The project (and its glossary) loads for the first document: timed on a tiny one.
    let tiny = file_uri(&root.join("tiny.md"));
    let started = Instant::now();
    server.open(&tiny, "A line.\n")?;
    match server.pull(&tiny, None, load_limit) {
        Ok(_) => rows.push(Row::single(
            "glossary load (first diagnostics of a one-line document)",
            &label,
            "–",
            started.elapsed(),
            String::new(),
        )),
        Err(e) if e.starts_with("timed out") => {
            rows.push(Row::skipped(
                "glossary load",
                &label,
                format!("skipped: not loaded in {load_limit:?}"),
            ));
            return Ok(());
        }
        Err(e) => return Err(e),
    }
    let sizes = std::env::var("GLOSSA_BENCH_SIZES").unwrap_or_default();
    for (size_label, size) in SIZES {
        let short = size_label.replace(' ', "");
        if !sizes.is_empty()
            && !sizes
                .split(',')
                .any(|s| s.trim().eq_ignore_ascii_case(&short))
        {
            continue;
        }
        let doc = Doc::generate(size, glossary);
        let text = doc.text();
        // The document opened OPENS times under as many names (each closed but the last, which
        // the edits use): a single open on a shared machine is one sample of its noise.
        let mut opens = Vec::new();
        let mut uri = String::new();
        let mut report = None;
        for k in 0..OPENS {
            uri = file_uri(&root.join(format!("bench-{size}-{k}.md")));
            // The clock starts once the message is built, as an editor has its text already:
            // the client's own JSON (~30 ms at 10 MB) is not the server's time.
            let open = Server::open_message(&uri, &text);
            let started = Instant::now();
            server.send_body(&open)?;
            let (arrived, pulled) = server.pull(&uri, None, OPEN_TIMEOUT)?;
            opens.push(arrived - started);
            if k + 1 < OPENS {
                server.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": uri}}),
                )?;
            }
            report = Some(pulled);
        }
        let report = report.expect("OPENS > 0");
        rows.push(Row::many(
            "didOpen → diagnostics",
            &label,
            size_label,
            opens,
            format!("{} diagnostics", report.items),
        ));
        rows.extend(time_edits(
            server, &uri, &doc, &label, size_label, report.id,
        )?);
        let needle = match glossary {
            Glossary::Embedded => "SAM".to_owned(),
            Glossary::Generated(_) => Glossary::name(1),
        };
        let hovers = doc.positions(&needle, 0, LOOKUPS);
        let (times, answered) = server.time_requests(&uri, "textDocument/hover", &hovers)?;
        rows.push(Row::many(
            "hover",
            &label,
            size_label,
            times,
            format!("{answered} non-null, on \"{needle}\""),
        ));
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        )?;
    }
    Ok(())
}

/// One-character edits spread over the document, each followed by a pull of the diagnostics of
/// its version: half insert "x" at the end of a prose line and remove it, half insert "x" at a
/// paragraph's start and remove it. Three rows: every edit, then the edits whose diagnostics
/// did not change (`unchanged` reports) and those whose did (full reports, every diagnostic of
/// the document again, as the protocol has it), so a median is never the seam between two kinds.
fn time_edits(
    server: &mut Server,
    uri: &str,
    doc: &Doc,
    label: &str,
    size_label: &str,
    mut result_id: Option<String>,
) -> Result<[Row; 3], String> {
    let mut times = Vec::with_capacity(EDITS);
    let (mut unchanged, mut full) = (Vec::new(), Vec::new());
    let lines = doc.prose_lines(EDITS / 4);
    let mut version = 1;
    for &line in &lines {
        for col in [doc.lines[line].len(), 0] {
            for insert in [true, false] {
                version += 1;
                let (end, text) = if insert { (col, "x") } else { (col + 1, "") };
                let started = Instant::now();
                server.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version},
                           "contentChanges": [{"range": {
                               "start": {"line": line, "character": col},
                               "end": {"line": line, "character": end}}, "text": text}]}),
                )?;
                let (arrived, report) = server.pull(uri, result_id.clone(), REQUEST_TIMEOUT)?;
                times.push(arrived - started);
                if report.unchanged {
                    unchanged.push(arrived - started);
                } else {
                    full.push(arrived - started);
                }
                result_id = report.id;
            }
        }
    }
    let note = format!("{} unchanged, {} full reports", unchanged.len(), full.len());
    Ok([
        Row::many(
            "one-character didChange → diagnostics",
            label,
            size_label,
            times,
            note,
        ),
        Row::many(
            "  … whose diagnostics stay (`unchanged`)",
            label,
            size_label,
            unchanged,
            String::new(),
        ),
        Row::many(
            "  … whose diagnostics change (full report)",
            label,
            size_label,
            full,
            String::new(),
        ),
    ])
}

// ---------------------------------------------------------------------------------------------
// The client side of the protocol.

/// A pulled diagnostic report.
struct Report {
    unchanged: bool,
    id: Option<String>,
    items: usize,
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    /// Messages from the server, stamped when their last byte was read (before parsing, so the
    /// client's own JSON work is not counted).
    incoming: Receiver<(Instant, Value)>,
    next_id: i64,
}

impl Server {
    fn start(bin: &Path, root: &Path) -> Result<Server, String> {
        let stderr = if std::env::var_os("GLOSSA_BENCH_LOG").is_some() {
            Stdio::inherit()
        } else {
            Stdio::null()
        };
        let mut child = Command::new(bin)
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, incoming) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Ok(Server {
            child,
            stdin,
            incoming,
            next_id: 0,
        })
    }

    fn initialize(&mut self, root: &Path) -> Result<(), String> {
        let uri = file_uri(root);
        let capabilities = json!({
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {
                "synchronization": {"didSave": false},
                "publishDiagnostics": {"versionSupport": true, "relatedInformation": true},
                "diagnostic": {"dynamicRegistration": false, "relatedDocumentSupport": false},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "completion": {"completionItem": {"documentationFormat": ["markdown"]}},
            },
            "workspace": {"configuration": true, "workspaceFolders": true},
        });
        self.request(
            "initialize",
            json!({"processId": std::process::id(), "rootUri": uri, "capabilities": capabilities,
                   "workspaceFolders": [{"uri": uri, "name": "bench"}]}),
            REQUEST_TIMEOUT,
        )?;
        self.notify("initialized", json!({}))
    }

    fn send(&mut self, message: &Value) -> Result<(), String> {
        self.send_body(&message.to_string())
    }

    /// Sends one message already serialized.
    fn send_body(&mut self, body: &str) -> Result<(), String> {
        let written = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush());
        written.map_err(|e| match self.child.try_wait() {
            Ok(Some(status)) => format!("the server exited ({status})"),
            _ => format!("the server closed its input: {e}"),
        })
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Sends a request and waits for its response, answering the server's own requests meanwhile.
    /// Returns the result and when it arrived.
    fn request(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<(Instant, Value), String> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        let (arrived, response) = self.wait(timeout, method, |m| {
            m.get("method").is_none() && m.get("id") == Some(&json!(id))
        })?;
        match response.get("error") {
            Some(error) => Err(format!("{method} failed: {error}")),
            None => Ok((
                arrived,
                response.get("result").cloned().unwrap_or(Value::Null),
            )),
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Result<(), String> {
        self.send_body(&Server::open_message(uri, text))
    }

    /// The didOpen notification of a Markdown document, serialized.
    fn open_message(uri: &str, text: &str) -> String {
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
               "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                          "text": text}}})
        .to_string()
    }

    /// Pulls the diagnostics of `uri` (`textDocument/diagnostic`), with the previous result id.
    fn pull(
        &mut self,
        uri: &str,
        previous: Option<String>,
        timeout: Duration,
    ) -> Result<(Instant, Report), String> {
        let (arrived, result) = self.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": previous}),
            timeout,
        )?;
        let report = Report {
            unchanged: result["kind"] == "unchanged",
            id: result["resultId"].as_str().map(str::to_owned),
            items: result["items"].as_array().map_or(0, Vec::len),
        };
        Ok((arrived, report))
    }

    /// Times one request per position; also counts the answers that carried something.
    fn time_requests(
        &mut self,
        uri: &str,
        method: &str,
        positions: &[(usize, usize)],
    ) -> Result<(Vec<Duration>, usize), String> {
        let mut times = Vec::with_capacity(positions.len());
        let mut answered = 0;
        for &(line, character) in positions {
            let started = Instant::now();
            let (arrived, result) = self.request(
                method,
                json!({"textDocument": {"uri": uri},
                       "position": {"line": line, "character": character}}),
                REQUEST_TIMEOUT,
            )?;
            times.push(arrived - started);
            let items = result.get("items").unwrap_or(&result);
            let empty = result.is_null() || items.as_array().is_some_and(Vec::is_empty);
            if !empty {
                answered += 1;
            }
        }
        Ok((times, answered))
    }

    /// Reads messages until one matches, replying `null` to every request from the server
    /// (configuration items get `GLOSSA_BENCH_SETTINGS` each, `null` without it). Fails at the
    /// deadline or if the server exits.
    fn wait(
        &mut self,
        timeout: Duration,
        what: &str,
        mut wanted: impl FnMut(&Value) -> bool,
    ) -> Result<(Instant, Value), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (arrived, message) = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!("timed out after {timeout:?} waiting for {what}"));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!("the server exited while waiting for {what}"));
                }
            };
            if let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) {
                let result = if method == "workspace/configuration" {
                    let n = message["params"]["items"].as_array().map_or(0, Vec::len);
                    let settings = std::env::var("GLOSSA_BENCH_SETTINGS")
                        .ok()
                        .and_then(|s| serde_json::from_str(&s).ok())
                        .unwrap_or(Value::Null);
                    Value::Array(vec![settings; n])
                } else {
                    Value::Null
                };
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}))?;
                continue;
            }
            if wanted(&message) {
                return Ok((arrived, message));
            }
        }
    }

    /// `shutdown` then `exit`; returns how long the process took to end after `exit`.
    fn shutdown(mut self) -> Result<Duration, String> {
        let asked = self.request("shutdown", Value::Null, REQUEST_TIMEOUT);
        let sent = self.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
        let started = Instant::now();
        let outcome = asked.and(sent).and_then(|_| {
            while started.elapsed() < Duration::from_secs(5) {
                match self.child.try_wait() {
                    Ok(Some(status)) if status.success() => return Ok(started.elapsed()),
                    Ok(Some(status)) => return Err(format!("the server exited with {status}")),
                    Ok(None) => thread::sleep(Duration::from_millis(5)),
                    Err(e) => return Err(e.to_string()),
                }
            }
            Err("the server was still running 5 s after `exit`".to_owned())
        });
        let _ = self.child.kill();
        let _ = self.child.wait();
        outcome
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one `Content-Length` framed JSON message and when it arrived; `None` at end of stream
/// or on garbage.
fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    let arrived = Instant::now();
    serde_json::from_slice(&body).ok().map(|m| (arrived, m))
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

// ---------------------------------------------------------------------------------------------
// Inputs.

struct TempProject {
    path: PathBuf,
}

impl TempProject {
    fn new(glossary: &Glossary) -> Result<TempProject, String> {
        let path = std::env::temp_dir().join(format!(
            "glossa-lsp-bench-{}-{}",
            std::process::id(),
            glossary.label().replace(' ', "-")
        ));
        let (config, toml) = match glossary {
            Glossary::Embedded => (
                "builtin = true\nglossaries = [\"glossary.toml\"]\n",
                GLOSSARY.to_owned(),
            ),
            Glossary::Generated(n) => {
                let mut toml = String::with_capacity(n * 64);
                for i in 0..*n {
                    let name = Glossary::name(i);
                    toml.push_str(&format!(
                        "[[concept]]\nterm = \"{name} tool\"\ndeprecated = [\"{name}\"]\n\n"
                    ));
                }
                ("builtin = false\nglossaries = [\"glossary.toml\"]\n", toml)
            }
        };
        let write = || -> io::Result<()> {
            std::fs::create_dir_all(&path)?;
            std::fs::write(path.join("glossa.toml"), config)?;
            std::fs::write(path.join("glossary.toml"), &toml)
        };
        write().map_err(|e| format!("cannot write the project in {}: {e}", path.display()))?;
        Ok(TempProject { path })
    }
}

impl Drop for TempProject {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A generated Markdown document, kept as lines so positions are easy to compute (it is ASCII,
/// so byte columns are UTF-16 columns).
struct Doc {
    lines: Vec<String>,
    /// Lines that are prose (not headings, fences or code).
    prose: Vec<usize>,
}

const SENTENCES: &[&str] = &[
    "We use SAM to segment the wafer images before inspection.",
    "The sparse autoencoder learns a dictionary of features from the activations.",
    "Our fine-tuning recipe follows the paper, with a lower learning rate.",
    "A scan chain links the flip-flops so the tester can shift patterns in and out.",
    "Scanning acoustic microscopy finds voids that SAM imaging of the package reveals.",
    "Each SAE feature is read off the residual stream of the model.",
    "After fine-tuning, the segment anything model handles the new defect classes.",
    "See https://example.com/docs/sam-finetuning for the full recipe and `scan chain` notes.",
    "The results table lists every run with its seed and its training budget.",
];

/// The deprecated name, in the first paragraph of every `DEPRECATED_EVERY`th section: a large document
/// with a few thousand warnings rather than one on every line.
const DEPRECATED: &str = "Our finetuning budget is listed with each run.";
const DEPRECATED_EVERY: usize = 5;

const CODE: &[&str] = &[
    "```python",
    "model = load(\"sam\")  # finetuning happens below",
    "for batch in loader:",
    "    loss = sparse_autoencoder(batch).loss",
    "```",
];

impl Doc {
    /// About `size` bytes; with a generated glossary, every sentence names one of its names
    /// (as its deprecated name: one finding each).
    fn generate(size: usize, glossary: &Glossary) -> Doc {
        let names = match glossary {
            Glossary::Embedded => 0,
            Glossary::Generated(n) => *n,
        };
        let mut lines = Vec::new();
        let mut prose = Vec::new();
        let mut bytes = 0;
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut section = 0;
        while bytes < size {
            section += 1;
            let mut push = |line: String, is_prose: bool, lines: &mut Vec<String>| {
                bytes += line.len() + 1;
                if is_prose {
                    prose.push(lines.len());
                }
                lines.push(line);
            };
            push(format!("## Section {section}"), false, &mut lines);
            push(String::new(), false, &mut lines);
            for paragraph_index in 0..4 {
                let mut paragraph = String::new();
                for _ in 0..3 {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let sentence = SENTENCES[(seed >> 33) as usize % SENTENCES.len()];
                    if !paragraph.is_empty() {
                        paragraph.push(' ');
                    }
                    paragraph.push_str(sentence);
                    if names > 0 {
                        // Name 1 often (hovers), the others spread.
                        let i = if seed.is_multiple_of(7) {
                            1
                        } else {
                            (seed >> 17) as usize % names
                        };
                        paragraph.push_str(&format!(" Then {} ran.", Glossary::name(i)));
                    }
                }
                if section % DEPRECATED_EVERY == 0 && paragraph_index == 0 {
                    paragraph.push(' ');
                    paragraph.push_str(DEPRECATED);
                }
                push(paragraph, true, &mut lines);
                push(String::new(), false, &mut lines);
            }
            if section % 3 == 0 {
                for line in CODE {
                    push((*line).to_owned(), false, &mut lines);
                }
                push(String::new(), false, &mut lines);
            }
        }
        Doc { lines, prose }
    }

    fn text(&self) -> String {
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }

    /// Up to `n` prose lines spread evenly over the document.
    fn prose_lines(&self, n: usize) -> Vec<usize> {
        let step = (self.prose.len() / n.max(1)).max(1);
        self.prose.iter().step_by(step).take(n).copied().collect()
    }

    /// Positions `offset` bytes into the first occurrence of `needle` on `n` prose lines spread
    /// over the document.
    fn positions(&self, needle: &str, offset: usize, n: usize) -> Vec<(usize, usize)> {
        let with: Vec<usize> = self
            .prose
            .iter()
            .copied()
            .filter(|&l| self.lines[l].contains(needle))
            .collect();
        let step = (with.len() / n.max(1)).max(1);
        with.iter()
            .step_by(step)
            .take(n)
            .filter_map(|&l| self.lines[l].find(needle).map(|c| (l, c + offset)))
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Report.

struct Row {
    what: &'static str,
    glossary: String,
    document: String,
    times: Vec<Duration>,
    note: String,
}

impl Row {
    fn single(
        what: &'static str,
        glossary: &str,
        document: &str,
        time: Duration,
        note: String,
    ) -> Row {
        Row::many(what, glossary, document, vec![time], note)
    }

    fn skipped(what: &'static str, glossary: &str, note: String) -> Row {
        Row::many(what, glossary, "–", Vec::new(), note)
    }

    fn many(
        what: &'static str,
        glossary: &str,
        document: &str,
        mut times: Vec<Duration>,
        note: String,
    ) -> Row {
        times.sort();
        Row {
            what,
            glossary: glossary.to_owned(),
            document: document.to_owned(),
            times,
            note,
        }
    }

    /// The value at quantile `q` (nearest rank).
    fn quantile(&self, q: f64) -> Option<Duration> {
        let n = self.times.len();
        let rank = ((q * n as f64).ceil() as usize).clamp(1, n.max(1));
        self.times.get(rank - 1).copied()
    }
}

fn ms(d: Option<Duration>) -> String {
    d.map_or_else(
        || "–".to_owned(),
        |d| match d.as_secs_f64() * 1e3 {
            ms if ms < 10.0 => format!("{ms:.2} ms"),
            ms => format!("{ms:.1} ms"),
        },
    )
}

fn print_report(bin: &Path, rows: &[Row], failure: Option<&String>) {
    let mut out = io::stdout().lock();
    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    let _ = writeln!(
        out,
        "\nglossa lsp latency: `{}`, {cores} cores\n",
        bin.display()
    );
    let _ = writeln!(
        out,
        "| measurement | glossary | document | n | median | p90 | note |"
    );
    let _ = writeln!(out, "| --- | --- | --- | ---: | ---: | ---: | --- |");
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.what,
            row.glossary,
            row.document,
            row.times.len(),
            ms(row.quantile(0.5)),
            if row.times.len() > 1 {
                ms(row.quantile(0.9))
            } else {
                "–".to_owned()
            },
            row.note
        );
    }
    if let Some(failure) = failure {
        let _ = writeln!(out, "\nstopped early: {failure}");
    }
}
