//! Diagnostics: pushed (debounced) after open and change, or pulled with `textDocument/diagnostic`
//! when the client supports it; plus load errors published on the broken glossary file itself.
//! An open glossary file gets `lint-glossary`'s problems instead (`glossary_diagnostics`).
//!
//! A push is computed and sent only if the document still has the version it was scheduled for:
//! diagnostics for an older text are never published. A document's diagnostics are converted
//! once per text (its findings over the kept sense reading, positions in one forward pass); a
//! pull whose `previousResultId` names the diagnostics it would send answers `unchanged`.

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, Uri,
};

use crate::convert;
use crate::state::{Flags, Snapshot, State, background, lock};
use crate::workspace::uri_path;

/// How long after the last change diagnostics are computed.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The diagnostics of a document as reported (blocks: on a worker): at most the client's
/// `maxDiagnostics` ([`capped`]).
pub fn compute(snap: &Snapshot) -> Arc<Vec<Diagnostic>> {
    let (first, total) = first(snap);
    capped(first, snap.max_diagnostics, total)
}

/// `diagnostics` (the first of `total`) if there are at most `max`, else the first `max` of
/// them and a note, at the first one left out, of how many there are. Only the first `max + 1`
/// are converted and kept (once per text, moved by quiet edits); the copy of the first `max`
/// is what the client gets, so an edit among the findings left out answers `unchanged`, and
/// neither a report's size nor its conversion grows with the document.
pub fn capped(diagnostics: Arc<Vec<Diagnostic>>, max: usize, total: usize) -> Arc<Vec<Diagnostic>> {
    if diagnostics.len() <= max {
        return diagnostics;
    }
    let first_left_out = &diagnostics[max];
    let mut shown = Vec::with_capacity(max + 1);
    shown.extend_from_slice(&diagnostics[..max]);
    shown.push(Diagnostic {
        range: first_left_out.range,
        severity: Some(tower_lsp_server::ls_types::DiagnosticSeverity::INFORMATION),
        source: Some("glossa".to_owned()),
        message: format!(
            "glossa shows {max} of {total} findings in this document, up to here (setting \
             `glossa.maxDiagnostics`, 0 for all); `glossa check` lists them all"
        ),
        ..Diagnostic::default()
    });
    Arc::new(shown)
}

/// The first `maxDiagnostics + 1` diagnostics of a document (the first left out is where
/// the note goes) and how many there are in all (blocks: on a worker), computed once per text.
/// An open glossary file gets lint-glossary's problems instead of the prose rules.
fn first(snap: &Snapshot) -> (Arc<Vec<Diagnostic>>, usize) {
    let doc = &snap.doc;
    if super::glossary_diagnostics::is_glossary(snap) {
        let all =
            doc.diagnostics(|| super::glossary_diagnostics::for_glossary(snap).unwrap_or_default());
        let total = all.len();
        return (all, total);
    }
    let Flags {
        encoding,
        related_information,
        ..
    } = snap.flags;
    let limit = snap.max_diagnostics.saturating_add(1);
    let first = doc.finding_diagnostics((encoding, related_information, limit), |findings| {
        let glossary = &doc.project().glossary;
        convert::Diagnostics::convert_all(
            doc.text(),
            doc.rope(),
            glossary,
            encoding,
            related_information,
            findings,
        )
    });
    (first, doc.findings().len())
}

/// Publishes the diagnostics of `uri` after `delay`, if it is still at `version` by then and
/// when they are computed (on a worker): diagnostics of an older text are dropped.
pub fn schedule(state: &Arc<State>, uri: Uri, version: i32, delay: Duration) {
    if state.flags().pull_diagnostics {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let Some(snap) = state.snapshot(&uri).filter(|s| s.doc.version == version) else {
            return;
        };
        let started = std::time::Instant::now();
        let Some(diags) = background(move || compute(&snap)).await else {
            return;
        };
        tracing::debug!(
            "diagnostics v{version}: {} computed in {:?}",
            diags.len(),
            started.elapsed()
        );
        // Still the current version? (A change may have landed while computing.)
        if state.version(&uri) != Some(version) {
            return;
        }
        state
            .client
            .publish_diagnostics(uri, diags.to_vec(), Some(version))
            .await;
    });
}

/// What a pull answers: `unchanged` with the result id the client named, or the full report
/// (with its items as JSON when kept: [`ItemsJson`]).
#[derive(Debug, Clone)]
pub enum Pulled {
    Unchanged(String),
    Full(Option<String>, Arc<Vec<Diagnostic>>, Option<Arc<ItemsJson>>),
}

/// Diagnostics per chunk of [`ItemsJson`].
const CHUNK: usize = 512;

/// A list of diagnostics as JSON, in chunks of [`CHUNK`] (each its items comma-separated), kept
/// with the list it was made from: the next list's JSON reuses every chunk whose diagnostics
/// are the same (a keystroke moves the diagnostics of one line), so a full report of a large
/// document is a concatenation, not a serialization of every diagnostic.
#[derive(Debug)]
pub struct ItemsJson {
    of: Arc<Vec<Diagnostic>>,
    chunks: Vec<Arc<str>>,
}

impl ItemsJson {
    /// The JSON of `items`, reusing the chunks of `previous` that hold the same diagnostics.
    pub fn new(items: &Arc<Vec<Diagnostic>>, previous: Option<&ItemsJson>) -> ItemsJson {
        if let Some(p) = previous.filter(|p| Arc::ptr_eq(&p.of, items)) {
            return ItemsJson {
                of: items.clone(),
                chunks: p.chunks.clone(),
            };
        }
        let parts: Vec<&[Diagnostic]> = items.chunks(CHUNK).collect();
        let kept = |k: usize| -> Option<Arc<str>> {
            let p = previous?;
            let old = p.of.chunks(CHUNK).nth(k)?;
            (old == parts[k]).then(|| p.chunks[k].clone())
        };
        let mut chunks: Vec<Option<Arc<str>>> = (0..parts.len()).map(kept).collect();
        let missing: Vec<usize> = (0..parts.len()).filter(|&k| chunks[k].is_none()).collect();
        let made: Vec<Arc<str>> = if missing.len() * CHUNK < PARALLEL {
            missing.iter().map(|&k| join(parts[k]).into()).collect()
        } else {
            let (a, b) = missing.split_at(missing.len() / 2);
            let make = |ks: &[usize]| -> Vec<Arc<str>> {
                ks.iter().map(|&k| join(parts[k]).into()).collect()
            };
            std::thread::scope(|s| {
                let second = s.spawn(|| make(b));
                let mut first = make(a);
                first.extend(second.join().unwrap_or_default());
                first
            })
        };
        for (k, json) in missing.into_iter().zip(made) {
            chunks[k] = Some(json);
        }
        ItemsJson {
            of: items.clone(),
            chunks: chunks.into_iter().flatten().collect(),
        }
    }

    /// True when this is the JSON of `items` (the same list).
    pub fn is_of(&self, items: &Arc<Vec<Diagnostic>>) -> bool {
        Arc::ptr_eq(&self.of, items)
    }

    fn write(&self, out: &mut String) {
        out.reserve(self.chunks.iter().map(|c| c.len() + 1).sum());
        for (i, c) in self.chunks.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(c);
        }
    }
}

impl Pulled {
    /// As the LSP types have it (tower-lsp-server's route).
    pub fn report(self) -> DocumentDiagnosticReportResult {
        let report = match self {
            Pulled::Unchanged(id) => {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: id,
                    },
                })
            }
            Pulled::Full(result_id, items, _) => {
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id,
                        items: items.to_vec(),
                    },
                })
            }
        };
        DocumentDiagnosticReportResult::Report(report)
    }

    /// The same report as JSON text, written straight from the kept diagnostics: no copy of
    /// them and no JSON value tree (a 10 MB document's report holds 100,000 diagnostics).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// The JSON-RPC response with this report as its result, for the request whose id is
    /// `id` (as JSON text).
    pub fn response(&self, id: &str) -> String {
        self.response_pieces(id).concat()
    }

    /// [`Pulled::response`] in pieces to write one after the other: a full report's kept
    /// chunks of items ([`ItemsJson`]) shared, not joined (a 10 MB document's report is 43 MB
    /// of JSON: joining it was a copy into a fresh allocation of that size).
    pub fn response_pieces(&self, id: &str) -> Vec<Arc<str>> {
        let mut head = String::from(r#"{"jsonrpc":"2.0","id":"#);
        head.push_str(id);
        head.push_str(r#","result":"#);
        let json = match self {
            Pulled::Full(_, items, Some(json)) if json.is_of(items) => json,
            _ => {
                self.write_json(&mut head);
                head.push('}');
                return vec![head.into()];
            }
        };
        let Pulled::Full(result_id, ..) = self else {
            unreachable!("matched above")
        };
        self.write_head(result_id.as_deref(), &mut head);
        let comma: Arc<str> = Arc::from(",");
        let mut pieces = Vec::with_capacity(2 * json.chunks.len() + 2);
        pieces.push(head.into());
        for (i, c) in json.chunks.iter().enumerate() {
            if i > 0 {
                pieces.push(comma.clone());
            }
            pieces.push(c.clone());
        }
        pieces.push(Arc::from("]}}"));
        pieces
    }

    /// A full report's JSON up to its first item.
    fn write_head(&self, id: Option<&str>, out: &mut String) {
        let text = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
        out.push_str(r#"{"kind":"full","#);
        if let Some(id) = id {
            out.push_str(r#""resultId":"#);
            out.push_str(&text(id));
            out.push(',');
        }
        out.push_str(r#""items":["#);
    }

    fn write_json(&self, out: &mut String) {
        let text = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
        match self {
            Pulled::Unchanged(id) => {
                out.push_str(r#"{"kind":"unchanged","resultId":"#);
                out.push_str(&text(id));
                out.push('}');
            }
            Pulled::Full(id, items, json) => {
                self.write_head(id.as_deref(), out);
                match json.as_ref().filter(|j| j.is_of(items)) {
                    Some(json) => json.write(out),
                    None => write_items(items, out),
                }
                out.push_str("]}");
            }
        }
    }
}

/// Past this many diagnostics, a report's two halves are serialized on two threads.
const PARALLEL: usize = 8192;

/// `items` as JSON, comma-separated (no brackets).
fn join(items: &[Diagnostic]) -> String {
    let mut buf: Vec<u8> = Vec::with_capacity(items.len() * 256);
    for (i, d) in items.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        convert::write_diagnostic_json(d, &mut buf);
    }
    String::from_utf8(buf).unwrap_or_default()
}

/// `items` as JSON, comma-separated (no brackets).
fn write_items(items: &[Diagnostic], out: &mut String) {
    if items.len() < PARALLEL {
        out.push_str(&join(items));
        return;
    }
    let (a, b) = items.split_at(items.len() / 2);
    let (a, b) = std::thread::scope(|s| {
        let second = s.spawn(|| join(b));
        let first = join(a);
        (first, second.join().unwrap_or_default())
    });
    out.reserve(a.len() + b.len() + 1);
    out.push_str(&a);
    out.push(',');
    out.push_str(&b);
}

/// `textDocument/diagnostic`: the report for an open document (empty for others), `unchanged`
/// when the client's `previousResultId` names the diagnostics it would get. The snapshot is
/// taken before the first `.await` (edits that came before are in it), and with it the pull's
/// [`Turn`]: pulls compute at once, on workers, but name their diagnostics (result id, kept
/// JSON) one after the other, in the order they came.
pub async fn pull(state: &State, params: DocumentDiagnosticParams) -> Pulled {
    let uri = &params.text_document.uri;
    let snap = state.snapshot(uri);
    let computed = match snap {
        Some(snap) => {
            let turn = Turn::take(state, uri);
            let previous_id = params.previous_result_id.clone();
            background(move || {
                let diags = timed(&snap);
                turn.wait();
                let id = snap.doc.result_id(&diags);
                // A full report: its items' JSON, kept for the next one.
                let json = (previous_id.as_ref() != Some(&id))
                    .then(|| snap.doc.items_json(&diags, ItemsJson::new));
                (diags, Some(id), json)
            })
            .await
        }
        None => None,
    };
    let (items, result_id, json) = computed.unwrap_or_default();
    match result_id {
        Some(id) if params.previous_result_id.as_ref() == Some(&id) => Pulled::Unchanged(id),
        result_id => Pulled::Full(result_id, items, json),
    }
}

/// A pull's place among its document's pulls. A result id names the diagnostics last reported
/// for the document: named out of order (a later pull's worker first), an earlier pull whose
/// diagnostics did not change would be a full report under a new id, not `unchanged`.
#[derive(Debug)]
pub struct Turn {
    /// Ends (its sender dropped) when the pull before has named its diagnostics.
    before: Option<std::sync::mpsc::Receiver<()>>,
    /// Dropped when this pull has named its own (or was dropped, or its worker panicked).
    _done: std::sync::mpsc::Sender<()>,
}

impl Turn {
    /// The next turn among the pulls of `uri`: take it at once, in the order the pulls came.
    pub fn take(state: &State, uri: &Uri) -> Turn {
        let (done, next) = std::sync::mpsc::channel();
        let before = state.session().pull_turns.insert(uri.clone(), next);
        Turn {
            before,
            _done: done,
        }
    }

    /// Waits until the pull before has named its diagnostics. Blocks: on a worker (the pull
    /// before has its worker already, started first).
    pub fn wait(&self) {
        if let Some(before) = &self.before {
            let _ = before.recv();
        }
    }
}

/// [`compute`], with the time of each step logged at debug level (`GLOSSA_LOG=debug`): the
/// scan, the sense reading, the rules and the conversion, each done once per text (a step
/// already done for this text, by an earlier request, takes no time here).
fn timed(snap: &Snapshot) -> Arc<Vec<Diagnostic>> {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return compute(snap);
    }
    let doc = &snap.doc;
    let t0 = std::time::Instant::now();
    doc.analysis();
    let t1 = std::time::Instant::now();
    doc.with_reading(|_| ());
    let t2 = std::time::Instant::now();
    doc.findings();
    let t3 = std::time::Instant::now();
    let diags = compute(snap);
    let t4 = std::time::Instant::now();
    tracing::debug!(
        "diagnostics v{} ({} bytes): scan {:?}, reading {:?}, rules {:?}, conversion {:?}",
        doc.version,
        doc.text().len(),
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3
    );
    diags
}

/// Publishes the workspace's load errors on their files, and clears the files that are fixed.
pub async fn publish_load_errors(state: &State) {
    let errors = state.session().workspace.errors();
    let mut now = std::collections::HashMap::new();
    for e in errors {
        let path = std::path::absolute(&e.path).unwrap_or_else(|_| e.path.clone().into());
        now.entry(path).or_insert_with(Vec::new).push(e);
    }
    let before: Vec<_> = lock(&state.error_files).drain().collect();
    for path in before {
        if !now.contains_key(&path)
            && let Some(uri) = Uri::from_file_path(&path)
        {
            state
                .client
                .publish_diagnostics(uri, Vec::new(), None)
                .await;
        }
    }
    let enc = state.flags().encoding;
    for (path, errs) in now {
        // The broken file is read for its positions, on a worker.
        let file = path.clone();
        let diags = background(move || {
            // The one reader: a glossary that is not UTF-8 keeps its valid start, where the
            // error's span lies.
            let text = match glossa_project::files::read_text(&file) {
                Ok(t) => Some(t),
                Err(glossa_project::files::ReadError::NotUtf8 { valid }) => Some(valid),
                Err(_) => None,
            };
            errs.iter()
                .map(|e| convert::load_error_diagnostic(e, text.as_deref(), enc))
                .collect()
        })
        .await
        .unwrap_or_default();
        if let Some(uri) = Uri::from_file_path(&path) {
            lock(&state.error_files).insert(path);
            state.client.publish_diagnostics(uri, diags, None).await;
        }
    }
}

/// Clears the diagnostics of a closed document.
pub async fn clear(state: &State, uri: Uri) {
    if state.flags().pull_diagnostics
        || uri_path(&uri).is_some_and(|p| lock(&state.error_files).contains(&p))
    {
        return;
    }
    state
        .client
        .publish_diagnostics(uri, Vec::new(), None)
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{DiagnosticSeverity, NumberOrString, Position, Range};

    fn diagnostic(i: u32) -> Diagnostic {
        Diagnostic {
            range: Range::new(Position::new(i, 3), Position::new(i, 13)),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String("deprecated-term".to_owned())),
            source: Some("glossa".to_owned()),
            message: format!("\"finetuning\" é 😀 \\ {i}: use \"fine-tuning\""),
            ..Diagnostic::default()
        }
    }

    /// The JSON the transport writes for a pull is what the LSP types serialize to, for small
    /// reports and for large ones (two halves on two threads), full and unchanged.
    #[test]
    fn reports_written_directly_equal_the_lsp_types_json() {
        for n in [0, 3, PARALLEL + 5] {
            let items = Arc::new((0..n as u32).map(diagnostic).collect::<Vec<_>>());
            for pulled in [
                Pulled::Full(Some("7\"".to_owned()), items.clone(), None),
                Pulled::Full(None, items.clone(), None),
                Pulled::Full(
                    Some("9".to_owned()),
                    items.clone(),
                    Some(Arc::new(ItemsJson::new(&items, None))),
                ),
                Pulled::Unchanged("8".to_owned()),
            ] {
                let direct: serde_json::Value = serde_json::from_str(&pulled.to_json()).unwrap();
                let typed = serde_json::to_value(pulled.clone().report()).unwrap();
                assert_eq!(direct, typed, "{n}");
                let response: serde_json::Value =
                    serde_json::from_str(&pulled.response("3")).unwrap();
                assert_eq!(
                    response,
                    serde_json::json!({"jsonrpc": "2.0", "id": 3, "result": typed})
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(32))]

        /// A report's items made from the JSON of the list before (its unchanged chunks kept)
        /// are what a serialization of the new list gives, whatever changed: diagnostics moved,
        /// reworded, added or taken away anywhere.
        #[test]
        fn kept_json_equals_a_fresh_serialization(
            n in 0usize..(3 * CHUNK),
            changes in proptest::collection::vec((0.0f64..1.0, 0u8..4), 0..6),
        ) {
            let before = Arc::new((0..n as u32).map(diagnostic).collect::<Vec<_>>());
            let old = ItemsJson::new(&before, None);
            let mut items = (*before).clone();
            for (at, what) in changes {
                let i = (at * items.len() as f64) as usize;
                match (what, items.get_mut(i)) {
                    (0, Some(d)) => d.range.start.character += 1,
                    (1, Some(d)) => d.message.push('"'),
                    (2, _) => items.insert(i, diagnostic(7)),
                    (_, Some(_)) => {
                        items.remove(i);
                    }
                    _ => {}
                }
            }
            let items = Arc::new(items);
            let kept = Arc::new(ItemsJson::new(&items, Some(&old)));
            let with = Pulled::Full(Some("1".to_owned()), items.clone(), Some(kept));
            let fresh = Pulled::Full(Some("1".to_owned()), items.clone(), None);
            proptest::prop_assert_eq!(with.to_json(), fresh.to_json());
        }
    }
}
