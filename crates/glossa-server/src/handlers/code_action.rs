//! `textDocument/codeAction` and the `glossa.addToGlossary` command.
//!
//! Offered: a finding's fix (replace a deprecated, forbidden or miscased name; write one form of
//! an inconsistently written concept everywhere),
//! replace every such name of that concept in the document, expand an ambiguous name to one of
//! its senses, ignore a term in this document (a `glossa-ignore:` directive at the top, after
//! front matter), and add a selected phrase to the project glossary (a command: the server edits
//! the TOML file itself, keeping its comments, and reloads).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command,
    ExecuteCommandParams, MessageType, TextEdit, Uri, WorkspaceEdit,
};

use crate::convert::{self, Encoding};
use crate::document::Document;
use crate::state::{State, background};
use crate::workspace::uri_path;
use glossa_engine::analysis::directives::Ignored;
use glossa_engine::analysis::fix_edits;
use glossa_engine::analysis::hover::match_at;
use glossa_engine::analysis::rules::senses;
use glossa_engine::glossary::fold_name;

pub const ADD_TO_GLOSSARY: &str = "glossa.addToGlossary";

/// Longest selection offered for "add to glossary".
const MAX_PHRASE: usize = 80;

pub async fn code_action(state: &State, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
    let uri = params.text_document.uri;
    let Some(snap) = state.snapshot(&uri) else {
        return Vec::new();
    };
    let range = params.range;
    let mut actions = background(move || {
        let doc = &snap.doc;
        let enc = snap.flags.encoding;
        let sel = convert::byte_range(doc.rope(), range, enc);
        actions_for(doc, &uri, sel, enc, snap.flags.related_information)
    })
    .await
    .unwrap_or_default();
    if let Some(only) = &params.context.only {
        actions.retain(|a| {
            let kind = match a {
                CodeActionOrCommand::CodeAction(a) => a.kind.as_ref().map(|k| k.as_str()),
                CodeActionOrCommand::Command(_) => None,
            };
            kind.is_some_and(|k| {
                only.iter()
                    .any(|o| k == o.as_str() || k.starts_with(&format!("{}.", o.as_str())))
            })
        });
    }
    actions
}

fn actions_for(
    doc: &Document,
    uri: &Uri,
    sel: Range<usize>,
    enc: Encoding,
    related: bool,
) -> Vec<CodeActionOrCommand> {
    let rope = doc.rope();
    let glossary = &doc.project().glossary;
    let findings = doc.findings();
    // The same diagnostics as published, for the client to match actions to them.
    let mut to_lsp =
        convert::Diagnostics::new(doc.text(), rope, glossary, enc).related_information(related);
    let edit = |edits: Vec<(Range<usize>, String)>| WorkspaceEdit {
        changes: Some(HashMap::from([(
            uri.clone(),
            edits
                .into_iter()
                .map(|(r, t)| TextEdit::new(convert::range(rope, &r, enc), t))
                .collect(),
        )])),
        ..WorkspaceEdit::default()
    };
    let action = |title: String, edits: Vec<(Range<usize>, String)>| CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit(edits)),
        ..CodeAction::default()
    };
    let mut out: Vec<CodeAction> = Vec::new();
    let touching = |r: &Range<usize>| r.start <= sel.end && sel.start <= r.end;

    for f in findings.iter().filter(|f| touching(&f.range)) {
        let diag = to_lsp.convert(f);
        if let Some(fix) = &f.fix {
            let edits: Vec<(Range<usize>, String)> = fix
                .edits()
                .map(|(r, t)| (r.clone(), t.to_owned()))
                .collect();
            let title = match edits.len() {
                1 => format!("Replace with '{}'", fix.replacement),
                n => format!(
                    "Write '{}' in all {n} places",
                    f.replacement.as_deref().unwrap_or(&fix.replacement)
                ),
            };
            let mut a = action(title, edits);
            a.diagnostics = Some(vec![diag.clone()]);
            a.is_preferred = Some(true);
            out.push(a);
            let same = || {
                findings
                    .iter()
                    .filter(|g| g.concept == f.concept && g.rule == f.rule && g.fix.is_some())
            };
            let count = same().count();
            if count > 1 {
                let all = fix_edits(same())
                    .into_iter()
                    .map(|(r, t)| (r, t.to_owned()))
                    .collect();
                out.push(action(
                    format!(
                        "Replace all {count} {} names in this document with '{}'",
                        f.rule.id().trim_end_matches("-term"),
                        f.replacement.as_deref().unwrap_or(&fix.replacement)
                    ),
                    all,
                ));
            }
        }
        let directive = Ignored::directive_for(&f.term, doc.kind());
        let at = after_front_matter(doc.text());
        let mut a = action(
            format!("Ignore '{}' in this document", f.term),
            vec![(at..at, directive)],
        );
        a.diagnostics = Some(vec![diag]);
        out.push(a);
    }

    // Ambiguous names: expand to each sense, wherever the cursor is on one.
    if let Some(m) = match_at(doc.matches(), sel.start) {
        let found = &doc.text()[m.range.clone()];
        let ids = senses(glossary, &m.refs);
        if ids.len() > 1 {
            for id in ids {
                let c = glossary.concept(id);
                let text = if fold_name(c.term()) == fold_name(found) {
                    c.term().to_string()
                } else {
                    format!("{} ({found})", c.term())
                };
                let title = match &c.category {
                    Some(cat) => format!("Expand to '{text}' ({cat})"),
                    None => format!("Expand to '{text}'"),
                };
                out.push(action(title, vec![(m.range.clone(), text)]));
            }
        }
    }

    let mut actions: Vec<CodeActionOrCommand> = Vec::new();
    for a in out {
        if !actions
            .iter()
            .any(|b| matches!(b, CodeActionOrCommand::CodeAction(b) if b.title == a.title))
        {
            actions.push(CodeActionOrCommand::CodeAction(a));
        }
    }

    // A selected phrase the glossary does not know yet.
    let phrase = doc.text()[sel.clone()].trim();
    if !phrase.is_empty()
        && phrase.len() <= MAX_PHRASE
        && !phrase.contains(['\n', '\r'])
        && doc.in_prose(sel.start)
        && glossary.lookup(phrase).is_empty()
    {
        let title = format!("Add '{phrase}' to project glossary");
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: title.clone(),
            kind: Some(CodeActionKind::REFACTOR),
            command: Some(Command::new(
                title,
                ADD_TO_GLOSSARY.to_owned(),
                Some(vec![Value::from(uri.as_str()), Value::from(phrase)]),
            )),
            ..CodeAction::default()
        }));
    }
    actions
}

/// Where a directive goes: after a `---` front matter block, else at the very top.
fn after_front_matter(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("---\n") else {
        return 0;
    };
    let mut at = 4;
    for line in rest.split_inclusive('\n') {
        at += line.len();
        if line.trim_end() == "---" {
            return at;
        }
    }
    0
}

/// `workspace/executeCommand` for [`ADD_TO_GLOSSARY`]: writes the glossary, then reloads.
pub async fn execute(state: &Arc<State>, params: ExecuteCommandParams) -> Option<Value> {
    if params.command != ADD_TO_GLOSSARY {
        return None;
    }
    let uri: Option<Uri> = params.arguments.first()?.as_str()?.parse().ok();
    let phrase = params.arguments.get(1)?.as_str()?.trim().to_owned();
    if phrase.is_empty() || phrase.len() > MAX_PHRASE || phrase.contains(['\n', '\r']) {
        return None;
    }
    let path = uri.as_ref().and_then(uri_path);
    let (slot, root) = {
        let mut session = state.session();
        let open = uri.as_ref().is_some_and(|u| session.docs.contains_key(u));
        let slot = session.workspace.slot_for(path.as_deref());
        let root = write_root(&session.workspace.folders, path.as_deref(), open);
        (slot, root)
    };
    let result = match root {
        // Loading the project and disk I/O on a worker.
        Some(root) => {
            let phrase = phrase.clone();
            background(move || glossa_project::edit::add_term(&slot.get().config, &root, &phrase))
                .await
                .unwrap_or_else(|| {
                    Err(glossa_engine::glossary::LoadError::new(
                        "glossary",
                        0,
                        0,
                        "adding the term failed",
                    ))
                })
        }
        None => Err(glossa_engine::glossary::LoadError::new(
            uri.as_ref().map(|u| u.as_str()).unwrap_or("?"),
            0,
            0,
            "not added: the document is not inside an open workspace folder",
        )),
    };
    match result {
        Ok(written) => {
            state
                .client
                .log_message(
                    MessageType::INFO,
                    format!("added '{phrase}' to {}", written.last()?.display()),
                )
                .await;
            super::reload::reload(state, &written).await;
            Some(Value::from(written.last()?.display().to_string()))
        }
        Err(e) => {
            state
                .client
                .show_message(MessageType::ERROR, e.to_string())
                .await;
            None
        }
    }
}

/// The folder "add to glossary" may write in for a document at `path`: the workspace folder that
/// holds it; when the client opened no folder, the folder of that document if it is open. Never
/// a place named only by the client's URI: a client (or a repository's config) must not make the
/// server write elsewhere. `project::write` then keeps every write inside this folder.
fn write_root(folders: &[PathBuf], path: Option<&Path>, open: bool) -> Option<PathBuf> {
    let path = path?;
    if let Some(f) = folders.iter().find(|f| path.starts_with(f)) {
        return Some(f.clone());
    }
    if folders.is_empty() && open {
        return path.parent().map(Path::to_path_buf);
    }
    None
}
