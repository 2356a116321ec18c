//! `workspace/diagnostic`: every checkable file of the workspace folders (open documents with
//! the editor's text), reported with work-done progress when the client gives a token; plus the
//! repository summary of `inconsistent-term` — a concept written differently in different
//! files gets a diagnostic at the first use of each form in each file, naming the files.
//!
//! Files are checked in batches off the async runtime; progress is reported after each batch.
//! Each file's report carries a result id, a digest of its diagnostics: a file whose id the
//! client sends back in `previousResultIds` and whose diagnostics are the same is reported
//! `unchanged`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    Diagnostic, FullDocumentDiagnosticReport, NumberOrString, UnchangedDocumentDiagnosticReport,
    Uri, WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDiagnosticReportResult,
    WorkspaceDocumentDiagnosticReport, WorkspaceFullDocumentDiagnosticReport,
    WorkspaceUnchangedDocumentDiagnosticReport,
};

use crate::convert;
use crate::document::Document;
use crate::state::{State, background};
use crate::workspace::uri_path;
use glossa_engine::analysis::{FileForms, Finding, Rule, spread};
use glossa_engine::scan::FileKind;
use glossa_project::Project;
use glossa_project::search::checkable_files;

/// How many files are checked between two progress reports.
const BATCH: usize = 32;

/// One file to check: where, its text (the editor's for an open document), its project.
struct Item {
    uri: Uri,
    path: PathBuf,
    version: Option<i64>,
    text: Option<String>,
    kind: FileKind,
    project: Project,
}

/// One checked file.
struct Checked {
    uri: Uri,
    path: String,
    version: Option<i64>,
    text: String,
    rope: Rope,
    project: Project,
    findings: Vec<Finding>,
    forms: Vec<FileForms>,
}

pub async fn workspace_diagnostic(
    state: &Arc<State>,
    params: WorkspaceDiagnosticParams,
) -> WorkspaceDiagnosticReportResult {
    let enc = state.flags().encoding;
    let items = list(state).await;
    let progress = match params.work_done_progress_params.work_done_token {
        Some(token) => Some(
            state
                .client
                .progress(token, "glossa: checking the workspace")
                .with_percentage(0)
                .begin()
                .await,
        ),
        None => None,
    };
    let total = items.len().max(1);
    let mut checked: Vec<Checked> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        let batch: Vec<Item> = items.by_ref().take(BATCH).collect();
        let done =
            tokio::task::spawn_blocking(move || batch.into_iter().filter_map(check).collect())
                .await
                .unwrap_or_default();
        checked.extend::<Vec<Checked>>(done);
        if let Some(p) = &progress {
            let pct = (checked.len() * 100 / total).min(100) as u32;
            p.report_with_message(format!("{} of {total} files", checked.len()), pct)
                .await;
        }
    }
    // A file's own findings stop at the client's limit, as an open document's do; the
    // repository's `inconsistent-term` notes come after them.
    let max = state.session().workspace.settings().max_diagnostics;
    let related = state.flags().related_information;
    let mut diagnostics: Vec<Vec<Diagnostic>> = checked
        .iter()
        .map(|c| {
            // The first left out is where the note goes: no more are converted.
            let first = &c.findings[..c.findings.len().min(max.saturating_add(1))];
            let first = convert::Diagnostics::convert_all(
                &c.text,
                &c.rope,
                &c.project.glossary,
                enc,
                related,
                first,
            );
            let shown = super::diagnostics::capped(Arc::new(first), max, c.findings.len());
            Arc::unwrap_or_clone(shown)
        })
        .collect();
    spreads(&checked, &mut diagnostics, enc);
    if let Some(p) = progress {
        p.finish_with_message(format!("{} files checked", checked.len()))
            .await;
    }
    let previous: HashMap<&Uri, &str> = params
        .previous_result_ids
        .iter()
        .map(|p| (&p.uri, p.value.as_str()))
        .collect();
    let items = checked
        .into_iter()
        .zip(diagnostics)
        .map(|(c, items)| {
            let id = result_id(&items);
            if previous.get(&c.uri) == Some(&id.as_str()) {
                return WorkspaceDocumentDiagnosticReport::Unchanged(
                    WorkspaceUnchangedDocumentDiagnosticReport {
                        uri: c.uri,
                        version: c.version,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                            result_id: id,
                        },
                    },
                );
            }
            WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                uri: c.uri,
                version: c.version,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(id),
                    items,
                },
            })
        })
        .collect();
    WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items })
}

/// A file's result id: a digest of its diagnostics, so a pull whose `previousResultIds` names
/// the diagnostics a file would get answers `unchanged` for it (no state kept between pulls).
fn result_id(items: &[Diagnostic]) -> String {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same diagnostics give the same id in every session.
    let mut h = std::hash::DefaultHasher::new();
    serde_json::to_string(items)
        .unwrap_or_default()
        .hash(&mut h);
    format!("ws-{:016x}", h.finish())
}

/// Every file to check: the workspace folders' checkable files, open documents from the editor.
/// The session is locked only to copy the open documents and find each file's project slot;
/// projects load and folders are walked on a worker.
async fn list(state: &Arc<State>) -> Vec<Item> {
    let (docs, folders) = {
        let session = state.session();
        let docs: Vec<(Uri, Arc<Document>)> = session
            .docs
            .iter()
            .map(|(u, d)| (u.clone(), d.clone()))
            .collect();
        (docs, session.workspace.folders.clone())
    };
    let s = state.clone();
    background(move || {
        let mut open: HashMap<PathBuf, Item> = HashMap::new();
        for (uri, doc) in &docs {
            if let Some(path) = uri_path(uri) {
                open.insert(
                    path.clone(),
                    Item {
                        uri: uri.clone(),
                        path,
                        version: Some(i64::from(doc.version)),
                        text: Some(doc.text().to_owned()),
                        kind: doc.kind(),
                        project: doc.project().clone(),
                    },
                );
            }
        }
        let project_for = |path: &Path| -> Project {
            let slot = s.session().workspace.slot_for(Some(path));
            slot.get().clone()
        };
        let mut out: Vec<Item> = Vec::new();
        for folder in folders {
            let project = project_for(&folder);
            for (path, kind) in checkable_files(&folder, &project) {
                if out.iter().any(|i| i.path == path) {
                    continue;
                }
                if let Some(item) = open.remove(&path) {
                    out.push(item);
                    continue;
                }
                let Some(uri) = Uri::from_file_path(&path) else {
                    continue;
                };
                let project = project_for(&path);
                out.push(Item {
                    uri,
                    path,
                    version: None,
                    text: None,
                    kind,
                    project,
                });
            }
        }
        // Open documents outside every folder.
        out.extend(open.into_values());
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    })
    .await
    .unwrap_or_default()
}

fn check(item: Item) -> Option<Checked> {
    let text = match item.text {
        Some(t) => t,
        None => glossa_project::files::read_text(&item.path).ok()?,
    };
    let (findings, forms) = item.project.check_with_forms(&text, item.kind);
    Some(Checked {
        uri: item.uri,
        path: item.path.display().to_string(),
        version: item.version,
        rope: Rope::from_str(&text),
        text,
        project: item.project,
        findings,
        forms,
    })
}

/// The repository summary: each concept written differently in different files, as a
/// diagnostic at the first use of each form in each file.
fn spreads(checked: &[Checked], out: &mut [Vec<Diagnostic>], enc: convert::Encoding) {
    let Some(severity) = checked
        .first()
        .and_then(|c| c.project.config.rules.severity(Rule::InconsistentTerm))
    else {
        return;
    };
    let forms: Vec<Vec<FileForms>> = checked.iter().map(|c| c.forms.clone()).collect();
    let paths: Vec<&str> = checked.iter().map(|c| c.path.as_str()).collect();
    for s in spread(&forms) {
        let message = s.message(&paths);
        for f in &s.forms {
            for (i, _, range) in &f.files {
                out[*i].push(Diagnostic {
                    range: convert::range(&checked[*i].rope, range, enc),
                    severity: Some(convert::severity(severity)),
                    code: Some(NumberOrString::String(
                        Rule::InconsistentTerm.id().to_owned(),
                    )),
                    source: Some("glossa".to_owned()),
                    message: message.clone(),
                    ..Diagnostic::default()
                });
            }
        }
    }
}
