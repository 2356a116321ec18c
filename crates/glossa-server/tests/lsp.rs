//! The language server, in process: JSON-RPC messages through the tower `Service`, full answers
//! asserted as insta JSON snapshots (temp paths redacted to `[DIR]`).
//!
//! Each test writes a small project (a `glossa.toml` naming a native TOML glossary, builtin off)
//! into a temp dir, initializes a server, opens documents and asks what a client would ask.
//! Server-to-client messages are collected; requests the server makes of the client (e.g.
//! registering watchers) are answered with `null` (the client is `common::TestClient`).

mod common;

use std::time::Duration;

use common::{TestClient, at, find, pos};
use serde_json::{Value, json};
use tower::{Service, ServiceExt};
use tower_lsp_server::LspService;
use tower_lsp_server::jsonrpc::Request;

use glossa_server::GlossaServer;

const GLOSSARY: &str = r#"# Test glossary.
[[concept]]
term = "segment anything model"
category = "computer vision"
definition = "A promptable image segmentation model. It segments any object from a point or box prompt."
acronyms = ["SAM"]

[[concept]]
term = "scanning acoustic microscopy"
category = "failure analysis"
definition = "Imaging with focused ultrasound to find delamination and voids in packages."
acronyms = ["SAM"]

[[concept]]
term = "sparse autoencoder"
category = "interpretability"
definition = "An autoencoder trained with a sparsity penalty, used to find interpretable features."
acronyms = ["SAE"]

[[concept]]
term = "fine-tuning"
category = "training"
definition = "Adapting a pretrained model to a task with further training."
aliases = ["fine tuning"]
deprecated = ["finetuning"]
forbidden = ["fine-tunning"]

[[concept]]
term = "PyTorch"
category = "frameworks"
"#;

const CONFIG: &str = "builtin = false\nglossaries = [\"glossary.toml\"]\n";

impl TestClient {
    /// The test project (`CONFIG`, `GLOSSARY`) and a server initialized with `capabilities`.
    async fn new(capabilities: Value) -> TestClient {
        TestClient::with_settings(capabilities, Value::Null).await
    }

    /// Like `new`, the client answering `workspace/configuration` with `settings`.
    async fn with_settings(capabilities: Value, settings: Value) -> TestClient {
        let files = [("glossa.toml", CONFIG), ("glossary.toml", GLOSSARY)];
        TestClient::start(&files, capabilities, settings).await
    }
}

#[tokio::test]
async fn initialize_advertises_what_is_implemented() {
    let dir = tempfile::tempdir().unwrap();
    let (mut service, _socket) = LspService::new(GlossaServer::new);
    let req: Request = serde_json::from_value(json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}, "rootUri": format!("file://{}", dir.path().display())}
    }))
    .unwrap();
    let resp = service
        .ready()
        .await
        .unwrap()
        .call(req)
        .await
        .unwrap()
        .unwrap();
    insta::assert_json_snapshot!(serde_json::to_value(resp).unwrap()["result"]);
}

#[tokio::test]
async fn utf8_is_negotiated_when_offered_and_pull_diagnostics_advertised() {
    let dir = tempfile::tempdir().unwrap();
    let (mut service, _socket) = LspService::new(GlossaServer::new);
    let req: Request = serde_json::from_value(json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {
            "capabilities": {
                "general": {"positionEncodings": ["utf-16", "utf-8"]},
                "textDocument": {"diagnostic": {"dynamicRegistration": false}},
            },
            "rootUri": format!("file://{}", dir.path().display())
        }
    }))
    .unwrap();
    let resp = service
        .ready()
        .await
        .unwrap()
        .call(req)
        .await
        .unwrap()
        .unwrap();
    let caps = &serde_json::to_value(resp).unwrap()["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8");
    assert_eq!(
        caps["diagnosticProvider"],
        json!({"identifier": "glossa", "interFileDependencies": false, "workspaceDiagnostics": true})
    );
}

#[tokio::test]
async fn hover_on_sam_shows_both_senses() {
    let mut c = TestClient::new(json!({})).await;
    let text = "# Notes\n\nWe ran SAM on the wafer images.\n";
    let uri = c.open("notes.md", text).await;
    let (line, col) = find(text, "SAM");
    let hover = c
        .request("textDocument/hover", at(&uri, line, col + 1))
        .await;
    insta::assert_json_snapshot!(c.redact(&hover));
}

#[tokio::test]
async fn hover_on_a_single_sense_term_shows_its_entry() {
    let mut c = TestClient::new(json!({})).await;
    let text = "Train a sparse autoencoder on activations.\n";
    let uri = c.open("notes.md", text).await;
    let (line, col) = find(text, "autoencoder");
    let hover = c.request("textDocument/hover", at(&uri, line, col)).await;
    insta::assert_json_snapshot!(c.redact(&hover));
}

#[tokio::test]
async fn hover_off_a_term_is_null() {
    let mut c = TestClient::new(json!({})).await;
    let text = "We ran SAM on the wafer images.\n";
    let uri = c.open("notes.md", text).await;
    let (line, col) = find(text, "wafer");
    let hover = c.request("textDocument/hover", at(&uri, line, col)).await;
    assert_eq!(hover, Value::Null);
    // Far beyond the document: clamped, still null, no error.
    let hover = c.request("textDocument/hover", at(&uri, 99, 99)).await;
    assert_eq!(hover, Value::Null);
}

// Needs the prose regions (src/scan/prose) to skip fenced code: passes once that lands.
#[tokio::test]
async fn hover_inside_a_code_block_is_null() {
    let mut c = TestClient::new(json!({})).await;
    let text = "Prose.\n\n```\nSAM = load()\n```\n";
    let uri = c.open("notes.md", text).await;
    let (line, col) = find(text, "SAM");
    let hover = c.request("textDocument/hover", at(&uri, line, col)).await;
    assert_eq!(hover, Value::Null);
}

#[tokio::test]
async fn completion_of_sparse_au_offers_sparse_autoencoder() {
    let mut c = TestClient::new(json!({})).await;
    let text = "We train a sparse au";
    let uri = c.open("notes.md", text).await;
    let list = c
        .request("textDocument/completion", at(&uri, 0, text.len() as u32))
        .await;
    insta::assert_json_snapshot!(c.redact(&list));
    let first = list["items"][0].clone();
    let resolved = c.request("completionItem/resolve", first).await;
    insta::assert_json_snapshot!(
        "completion_resolve_fills_the_definition",
        c.redact(&resolved)
    );
}

#[tokio::test]
async fn completion_never_offers_deprecated_names() {
    let mut c = TestClient::new(json!({})).await;
    let text = "Then we fine";
    let uri = c.open("notes.md", text).await;
    let list = c
        .request("textDocument/completion", at(&uri, 0, text.len() as u32))
        .await;
    let labels: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[0], "fine-tuning");
    assert!(
        !labels.contains(&"finetuning") && !labels.contains(&"fine-tunning"),
        "{labels:?}"
    );
}

// Needs the prose regions (src/scan/prose) to skip fenced code: passes once that lands.
#[tokio::test]
async fn completion_inside_a_code_block_is_null() {
    let mut c = TestClient::new(json!({})).await;
    let text = "Prose.\n\n```\nsparse au\n```\n";
    let uri = c.open("notes.md", text).await;
    let list = c.request("textDocument/completion", at(&uri, 3, 9)).await;
    assert_eq!(list, Value::Null);
}

#[tokio::test]
async fn deprecated_name_gets_a_warning_and_a_quick_fix() {
    let mut c = TestClient::new(json!({
        "textDocument": {"publishDiagnostics": {"relatedInformation": true}}
    }))
    .await;
    let text = "# Notes\n\nFinetuning is cheap. Then finetuning again.\n";
    let uri = c.open("notes.md", text).await;
    let diags = c.diagnostics(&uri).await;
    insta::assert_json_snapshot!(c.redact(&diags));
    let first = diags["diagnostics"][0].clone();
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": first["range"],
                "context": {"diagnostics": [first]},
            }),
        )
        .await;
    insta::assert_json_snapshot!("deprecated_name_code_actions", c.redact(&actions));
}

#[tokio::test]
async fn an_acronym_before_its_introduction_gets_a_hint_and_the_expansion() {
    let mut c = TestClient::new(json!({})).await;
    let text = "# Notes\n\nThe SAE features are sparse. A sparse autoencoder (SAE) is small.\n";
    let uri = c.open("notes.md", text).await;
    let diags = c.diagnostics(&uri).await;
    let hint = diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "acronym-first-use")
        .cloned()
        .expect("an acronym-first-use hint");
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": hint["range"],
                "context": {"diagnostics": [hint]},
            }),
        )
        .await;
    insta::assert_json_snapshot!(c.redact(&json!({"hint": hint, "actions": actions})));
}

#[tokio::test]
async fn ambiguous_name_offers_expansions() {
    let mut c = TestClient::new(json!({})).await;
    let text = "We ran SAM.\n";
    let uri = c.open("notes.md", text).await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": pos(0, 8), "end": pos(0, 8)},
                "context": {"diagnostics": []},
            }),
        )
        .await;
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Ignore 'SAM' in this document",
            "Expand to 'segment anything model (SAM)' (computer vision)",
            "Expand to 'scanning acoustic microscopy (SAM)' (failure analysis)",
        ]
    );
    let expand = &actions[1]["edit"]["changes"][&uri][0];
    assert_eq!(
        expand,
        &json!({"range": {"start": pos(0, 7), "end": pos(0, 10)}, "newText": "segment anything model (SAM)"})
    );
}

#[tokio::test]
async fn utf16_columns_count_an_emoji_as_two() {
    let mut c = TestClient::new(json!({})).await;
    let text = "😀 finetuning\n";
    let uri = c.open("notes.md", text).await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(
        diags["diagnostics"][0]["range"],
        json!({"start": pos(0, 3), "end": pos(0, 13)})
    );
    let hover = c.request("textDocument/hover", at(&uri, 0, 3)).await;
    assert_eq!(
        hover["range"],
        json!({"start": pos(0, 3), "end": pos(0, 13)})
    );
    // Column 1 is inside the emoji's surrogate pair: clamped to it, not a term, no panic.
    let hover = c.request("textDocument/hover", at(&uri, 0, 1)).await;
    assert_eq!(hover, Value::Null);
}

#[tokio::test]
async fn utf8_columns_count_bytes_when_negotiated() {
    let mut c =
        TestClient::new(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})).await;
    let text = "😀 finetuning\n";
    let uri = c.open("notes.md", text).await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(
        diags["diagnostics"][0]["range"],
        json!({"start": pos(0, 5), "end": pos(0, 15)})
    );
    let hover = c.request("textDocument/hover", at(&uri, 0, 5)).await;
    assert_eq!(
        hover["range"],
        json!({"start": pos(0, 5), "end": pos(0, 15)})
    );
}

#[tokio::test]
async fn rapid_edits_publish_diagnostics_for_the_final_version_only() {
    let mut c = TestClient::new(json!({})).await;
    let uri = c.open("notes.md", "Intro. \n").await;
    let first = c.diagnostics(&uri).await;
    assert_eq!(first["version"], 1);
    // Type "finetuning and SAE" after "Intro. " one change at a time, several content changes
    // per message (right after the period, "Intro.finetuning" would be a dotted name).
    let typed = "finetuning and SAE";
    let mut col = 7u32;
    let mut version = 1;
    for chunk in typed.as_bytes().chunks(3) {
        version += 1;
        let changes: Vec<Value> = chunk
            .iter()
            .map(|b| {
                let ch = (*b as char).to_string();
                let r = json!({"start": pos(0, col), "end": pos(0, col)});
                col += 1;
                json!({"range": r, "text": ch})
            })
            .collect();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }
    let diags = c.diagnostics(&uri).await;
    assert_eq!(
        diags["version"], version,
        "only the last version is published"
    );
    // The deprecated name, and SAE never introduced (a hint).
    assert_eq!(diags["diagnostics"].as_array().unwrap().len(), 2, "{diags}");
    assert_eq!(diags["diagnostics"][1]["code"], "acronym-first-use");
    assert_eq!(
        diags["diagnostics"][0]["range"],
        json!({"start": pos(0, 7), "end": pos(0, 17)})
    );
    // The document text is what was typed: hover finds the acronym at its final place.
    let hover = c.request("textDocument/hover", at(&uri, 0, 23)).await;
    assert_eq!(
        hover["range"],
        json!({"start": pos(0, 22), "end": pos(0, 25)})
    );
}

#[tokio::test]
async fn broken_glossary_reload_reports_the_error_and_keeps_the_old_glossary() {
    let mut c = TestClient::new(json!({})).await;
    let text = "We finetuning it.\n";
    let uri = c.open("notes.md", text).await;
    c.diagnostics(&uri).await;
    std::fs::write(
        c.path("glossary.toml"),
        "[[concept]]\nterm = \"fine-tuning\"\ndeprecate = [\"finetuning\"]\n",
    )
    .unwrap();
    let glossary_uri = c.uri("glossary.toml");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": glossary_uri, "type": 2}]}),
    )
    .await;
    // The glossary's error and the document's fresh check, in either order.
    let [error, diags] = c.diagnostics_of([&glossary_uri, &uri]).await;
    insta::assert_json_snapshot!(c.redact(&error));
    // The last good glossary still serves: the warning is still there.
    assert_eq!(diags["diagnostics"][0]["code"], "deprecated-term");
    let hover = c.request("textDocument/hover", at(&uri, 0, 4)).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("fine-tuning")
    );

    // Fixed again: the error is cleared.
    std::fs::write(c.path("glossary.toml"), GLOSSARY).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": glossary_uri, "type": 2}]}),
    )
    .await;
    let cleared = c.diagnostics(&glossary_uri).await;
    assert_eq!(cleared["diagnostics"], json!([]));
}

#[tokio::test]
async fn shutdown_accepts_null_params() {
    let mut c = TestClient::new(json!({})).await;
    let resp = c
        .call(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": null}))
        .await
        .unwrap();
    assert_eq!(resp, json!({"jsonrpc": "2.0", "id": 99, "result": null}));
    c.notify("exit", Value::Null).await;
}

#[tokio::test]
async fn definition_goes_to_the_glossary_entry() {
    let mut c = TestClient::new(json!({})).await;
    let text = "A sparse autoencoder.\n";
    let uri = c.open("notes.md", text).await;
    let def = c.request("textDocument/definition", at(&uri, 0, 4)).await;
    assert_eq!(
        c.redact(&def),
        json!({"uri": "file://[DIR]/glossary.toml", "range": {"start": pos(13, 0), "end": pos(13, 0)}})
    );
}

#[tokio::test]
async fn references_and_highlights_cover_every_name_of_the_concept() {
    let mut c = TestClient::new(json!({})).await;
    std::fs::write(
        c.path("other.md"),
        "Some fine-tuning here.\n\n```\nfinetuning\n```\n",
    )
    .unwrap();
    let text = "Finetuning, then fine-tuning.\n";
    let uri = c.open("notes.md", text).await;
    let highlights = c
        .request("textDocument/documentHighlight", at(&uri, 0, 1))
        .await;
    assert_eq!(
        highlights,
        json!([
            {"range": {"start": pos(0, 0), "end": pos(0, 10)}, "kind": 1},
            {"range": {"start": pos(0, 17), "end": pos(0, 28)}, "kind": 1},
        ])
    );
    let mut params = at(&uri, 0, 1);
    params["context"] = json!({"includeDeclaration": false});
    let refs = c.request("textDocument/references", params).await;
    let refs = c.redact(&refs);
    let first_three: Vec<Value> = refs.as_array().unwrap().iter().take(3).cloned().collect();
    assert_eq!(
        first_three,
        [
            json!({"uri": "file://[DIR]/notes.md", "range": {"start": pos(0, 0), "end": pos(0, 10)}}),
            json!({"uri": "file://[DIR]/notes.md", "range": {"start": pos(0, 17), "end": pos(0, 28)}}),
            json!({"uri": "file://[DIR]/other.md", "range": {"start": pos(0, 5), "end": pos(0, 16)}}),
        ]
    );
}

#[tokio::test]
async fn workspace_symbols_search_the_glossary() {
    let mut c = TestClient::new(json!({})).await;
    c.open("notes.md", "x\n").await;
    let symbols = c.request("workspace/symbol", json!({"query": "SAM"})).await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names[..2],
        ["segment anything model", "scanning acoustic microscopy"]
    );
}

#[tokio::test]
async fn add_to_glossary_writes_the_toml_and_reloads() {
    let mut c = TestClient::new(json!({})).await;
    let text = "A world model predicts.\n";
    let uri = c.open("notes.md", text).await;
    c.diagnostics(&uri).await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": pos(0, 2), "end": pos(0, 13)},
                "context": {"diagnostics": []},
            }),
        )
        .await;
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add 'world model' to project glossary")
        .unwrap_or_else(|| panic!("{actions}"))
        .clone();
    let result = c
        .request("workspace/executeCommand", add["command"].clone())
        .await;
    assert!(
        result.as_str().unwrap().ends_with("glossary.toml"),
        "{result}"
    );
    let written = std::fs::read_to_string(c.path("glossary.toml")).unwrap();
    assert_eq!(
        written,
        format!("{GLOSSARY}\n[[concept]]\nterm = \"world model\"\n")
    );
    // Reloaded: the new term hovers.
    c.diagnostics(&uri).await;
    let hover = c.request("textDocument/hover", at(&uri, 0, 4)).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("world model"),
        "{hover}"
    );
}

/// Regression: `glossa.addToGlossary` trusted the client's URI and created folders, `glossa.toml`
/// and `glossary.toml` wherever it pointed. Outside every workspace folder it now writes nothing.
#[tokio::test]
async fn add_to_glossary_never_writes_outside_the_workspace() {
    let mut c = TestClient::new(json!({})).await;
    let elsewhere = tempfile::tempdir().unwrap();
    let uri = format!(
        "file://{}/deep/notes.md",
        elsewhere.path().to_str().unwrap()
    );
    let result = c
        .request(
            "workspace/executeCommand",
            json!({"command": "glossa.addToGlossary", "arguments": [uri, "world model"]}),
        )
        .await;
    assert_eq!(result, Value::Null);
    let shown = c.next_message("window/showMessage", None).await;
    assert!(
        shown["message"]
            .as_str()
            .unwrap()
            .contains("not inside an open workspace folder"),
        "{shown}"
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

/// Regression: a repository's `glossa.toml` naming a glossary outside it (`../x.toml`, an
/// absolute path) had that file appended to by "add to project glossary".
#[tokio::test]
async fn add_to_glossary_never_appends_to_a_glossary_outside_the_workspace() {
    let mut c = TestClient::new(json!({})).await;
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim.toml");
    std::fs::write(&victim, GLOSSARY).unwrap();
    std::fs::write(
        c.path("glossa.toml"),
        format!("glossaries = [{:?}]\n", victim.to_str().unwrap()),
    )
    .unwrap();
    let uri = c.open("notes.md", "A world model predicts.\n").await;
    let result = c
        .request(
            "workspace/executeCommand",
            json!({"command": "glossa.addToGlossary", "arguments": [uri, "world model"]}),
        )
        .await;
    assert_eq!(result, Value::Null);
    let shown = c.next_message("window/showMessage", None).await;
    assert!(
        shown["message"]
            .as_str()
            .unwrap()
            .contains("not written: it is outside"),
        "{shown}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), GLOSSARY);
}

/// Issue 9: a document with more findings than `glossa.maxDiagnostics` reports the first ones
/// and one note, at the first finding left out, saying how many there are: an editor gets a
/// report of bounded size whatever the document holds (`glossa check` lists them all). An edit
/// among the findings left out changes nothing the client has: `unchanged`.
#[tokio::test]
async fn diagnostics_stop_at_the_limit_with_a_note_of_how_many_there_are() {
    let mut c = TestClient::with_settings(
        json!({"workspace": {"configuration": true}, "textDocument": {"diagnostic": {}}}),
        json!({"maxDiagnostics": 3}),
    )
    .await;
    c.next_message("workspace/configuration", None).await;
    let text = "We finetuning it.\n".repeat(5);
    let uri = c.open("notes.md", &text).await;
    let pull = |id: &Value| json!({"textDocument": {"uri": uri}, "previousResultId": id});
    // The settings may land just after the first report: pull until the limit shows (for
    // at most 10 s).
    let mut report = c
        .request("textDocument/diagnostic", pull(&Value::Null))
        .await;
    for _ in 0..500 {
        if report["items"]
            .as_array()
            .is_none_or(|items| items.len() != 5)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        report = c
            .request("textDocument/diagnostic", pull(&Value::Null))
            .await;
    }
    let items = report["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "{report}");
    assert!(
        items[..3].iter().all(|d| d["code"] == "deprecated-term"),
        "{report}"
    );
    let note = &items[3];
    assert_eq!(
        note["range"],
        items[0]["range"].clone().tap_line(3),
        "{note}"
    );
    assert_eq!(note["severity"], 3, "{note}");
    let message = note["message"].as_str().unwrap();
    assert!(message.contains("3 of 5"), "{message}");
    assert!(message.contains("maxDiagnostics"), "{message}");
    // Typing on the last line moves a finding the client was not given: nothing to send.
    let id = report["resultId"].clone();
    let start = json!({"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}});
    change(&mut c, &uri, 2, &[(start, "So ")]).await;
    let typed = c.request("textDocument/diagnostic", pull(&id)).await;
    assert_eq!(typed, json!({"kind": "unchanged", "resultId": id}));
    // One more finding changes the count in the note: a full report.
    let end = json!({"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 0}});
    change(&mut c, &uri, 3, &[(end, "We finetuning it.\n")]).await;
    let more = c.request("textDocument/diagnostic", pull(&id)).await;
    assert_eq!(more["kind"], "full", "{more}");
    assert!(
        more["items"][3]["message"]
            .as_str()
            .unwrap()
            .contains("3 of 6"),
        "{more}"
    );
}

/// `range` on another line.
trait TapLine {
    fn tap_line(self, line: u64) -> Value;
}

impl TapLine for Value {
    fn tap_line(mut self, line: u64) -> Value {
        self["start"]["line"] = json!(line);
        self["end"]["line"] = json!(line);
        self
    }
}

#[tokio::test]
async fn pull_diagnostics_answer_when_the_client_supports_them() {
    let mut c = TestClient::new(json!({"textDocument": {"diagnostic": {}}})).await;
    let uri = c.open("notes.md", "We finetuning it.\n").await;
    let report = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert!(report["resultId"].is_string(), "{report}");
    assert_eq!(report["items"][0]["code"], "deprecated-term");
    assert_eq!(report["items"][0]["source"], "glossa");
}

/// Issue 9: a pull naming the result it would get answers `unchanged` (typing after the last
/// finding of a line changes no diagnostic); an edit that moves a diagnostic gets a full report
/// with a new id; the report is never an older version's.
#[tokio::test]
async fn pull_diagnostics_answer_unchanged_when_nothing_changed() {
    let mut c = TestClient::new(json!({"textDocument": {"diagnostic": {}}})).await;
    let uri = c
        .open("notes.md", "We finetuning it.\n\nMore text.\n")
        .await;
    let pull = |id: &Value| json!({"textDocument": {"uri": uri}, "previousResultId": id});
    let first = c
        .request("textDocument/diagnostic", pull(&Value::Null))
        .await;
    let id = first["resultId"].clone();
    let again = c.request("textDocument/diagnostic", pull(&id)).await;
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));
    // Typing at the end of the last line: the same diagnostics.
    let end = json!({"start": {"line": 2, "character": 10}, "end": {"line": 2, "character": 10}});
    change(&mut c, &uri, 2, &[(end, " Yes")]).await;
    let typed = c.request("textDocument/diagnostic", pull(&id)).await;
    assert_eq!(typed, json!({"kind": "unchanged", "resultId": id}));
    // Typing before the finding moves it: a full report, a new id, the new range.
    let start = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    change(&mut c, &uri, 3, &[(start, "So ")]).await;
    let moved = c.request("textDocument/diagnostic", pull(&id)).await;
    assert_eq!(moved["kind"], "full");
    assert_ne!(moved["resultId"], id);
    assert_eq!(
        moved["items"][0]["range"]["start"],
        json!({"line": 0, "character": 6})
    );
    // The client's id of an older report is not the current one.
    let stale = c.request("textDocument/diagnostic", pull(&id)).await;
    assert_eq!(stale["kind"], "full");
}

#[tokio::test]
async fn watchers_are_registered_and_configuration_asked_when_supported() {
    let mut c = TestClient::new(json!({
        "workspace": {
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "configuration": true,
        }
    }))
    .await;
    let registration = c.next_message("client/registerCapability", None).await;
    insta::assert_json_snapshot!(c.redact(&registration));
    let config = c.next_message("workspace/configuration", None).await;
    assert_eq!(config, json!({"items": [{"section": "glossa"}]}));
    // The test client answers `null`: the server keeps serving.
    let uri = c.open("notes.md", "We finetuning it.\n").await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(diags["diagnostics"][0]["code"], "deprecated-term");
}

#[tokio::test]
async fn saving_the_glossary_in_the_editor_reloads_it() {
    let mut c = TestClient::new(json!({})).await;
    let uri = c.open("notes.md", "A world model.\n").await;
    c.diagnostics(&uri).await;
    std::fs::write(
        c.path("glossary.toml"),
        format!("{GLOSSARY}\n[[concept]]\nterm = \"world model\"\n"),
    )
    .unwrap();
    let glossary_uri = c.uri("glossary.toml");
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": glossary_uri}}),
    )
    .await;
    let hover = c.request("textDocument/hover", at(&uri, 0, 4)).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("world model"),
        "{hover}"
    );
}

#[tokio::test]
async fn client_settings_override_the_project_rules() {
    let mut c = TestClient::with_settings(
        json!({"workspace": {"configuration": true}}),
        json!({"rules": {"deprecated-term": "error"}}),
    )
    .await;
    c.next_message("workspace/configuration", None).await;
    let uri = c.open("notes.md", "We finetuning it.\n").await;
    // The settings may land just after the first publish: wait for the one that has them.
    let mut diags = c.diagnostics(&uri).await;
    while diags["diagnostics"][0]["severity"] != 1 {
        diags = c.diagnostics(&uri).await;
    }
    assert_eq!(diags["diagnostics"][0]["code"], "deprecated-term");
}

#[tokio::test]
async fn settings_in_did_change_configuration_apply_without_a_request() {
    // Neovim 0.7 style: no `workspace/configuration`, settings pushed in the notification.
    let mut c = TestClient::new(json!({})).await;
    let uri = c.open("notes.md", "We finetuning it.\n").await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(diags["diagnostics"][0]["severity"], 2);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"glossa": {"rules": {"deprecated-term": "off"}}}}),
    )
    .await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(diags["diagnostics"], json!([]));
}

/// Glossaries in the AI Factory page format (`.txt`) reload when they change, like TOML ones.
#[tokio::test]
async fn a_txt_glossary_reloads_when_it_changes() {
    let mut c = TestClient::new(json!({})).await;
    let page = |term: &str| format!("{term}, ai safety\n**{term}** is a test entry.\n");
    std::fs::write(c.path("extra.txt"), page("red teaming")).unwrap();
    std::fs::write(
        c.path("glossa.toml"),
        "builtin = false\nglossaries = [\"glossary.toml\", \"extra.txt\"]\n",
    )
    .unwrap();
    let uri = c.open("notes.md", "Blue teaming and red teaming.\n").await;
    c.diagnostics(&uri).await;
    let config_uri = c.uri("glossa.toml");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    )
    .await;
    c.diagnostics(&uri).await;
    let (line, col) = find("Blue teaming and red teaming.", "Blue");
    assert_eq!(
        c.request("textDocument/hover", at(&uri, line, col)).await,
        Value::Null
    );

    std::fs::write(c.path("extra.txt"), page("blue teaming")).unwrap();
    let page_uri = c.uri("extra.txt");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": page_uri, "type": 2}]}),
    )
    .await;
    c.diagnostics(&uri).await;
    let hover = c.request("textDocument/hover", at(&uri, line, col)).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("blue teaming"),
        "{hover}"
    );
}

/// Related information goes only to clients that said they show it.
#[tokio::test]
async fn related_information_only_when_the_client_shows_it() {
    let mut c = TestClient::new(json!({})).await;
    let uri = c.open("notes.md", "We finetuning it.\n").await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(diags["diagnostics"][0]["code"], "deprecated-term");
    assert!(
        diags["diagnostics"][0].get("relatedInformation").is_none(),
        "{diags}"
    );
}

#[tokio::test]
async fn inconsistent_and_miscased_terms_get_diagnostics_and_quick_fixes() {
    let mut c = TestClient::new(json!({})).await;
    let text =
        "# Notes\n\nWe ran fine-tuning in Pytorch, then fine tuning and fine tuning again.\n";
    let uri = c.open("notes.md", text).await;
    let diags = c.diagnostics(&uri).await;
    insta::assert_json_snapshot!(c.redact(&diags));
    let mut titles = Vec::new();
    for d in diags["diagnostics"].as_array().unwrap() {
        let actions = c
            .request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": uri},
                    "range": d["range"],
                    "context": {"diagnostics": [d], "only": ["quickfix"]},
                }),
            )
            .await;
        titles.push(actions[0]["title"].clone());
        insta::assert_json_snapshot!(
            format!("quick_fix_{}", d["code"].as_str().unwrap()),
            c.redact(&actions[0]["edit"])
        );
    }
    assert_eq!(
        titles,
        [
            json!("Replace with 'PyTorch'"),
            json!("Write 'fine-tuning' in all 2 places")
        ]
    );
}

/// Sends one `didChange` with these `(range, text)` content changes.
async fn change(c: &mut TestClient, uri: &str, version: i32, changes: &[(Value, &str)]) {
    let changes: Vec<Value> = changes
        .iter()
        .map(|(range, text)| json!({"range": range, "text": text}))
        .collect();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
    )
    .await;
}

/// The diagnostics published for `uri` at `version` (earlier versions' are skipped).
async fn diagnostics_at(c: &mut TestClient, uri: &str, version: i32) -> Value {
    loop {
        let d = c.diagnostics(uri).await;
        if d["version"] == version {
            return d["diagnostics"].clone();
        }
    }
}

/// Columns of `s` in the negotiated encoding.
fn columns(s: &str, utf8: bool) -> u32 {
    if utf8 {
        s.len() as u32
    } else {
        s.encode_utf16().count() as u32
    }
}

/// Regression (issue 7): didOpen `"a\u00a0bc\n"` and typing "x" after the "b" panicked in the
/// incremental re-scan ("byte index 2 is not a char boundary": it stepped one byte past the
/// last white space, assumed ASCII). Every multi-byte white space, in both encodings; the
/// diagnostics after the edit are those of a fresh open of the same text.
#[tokio::test]
async fn typing_after_multibyte_white_space_does_not_panic() {
    for utf8 in [true, false] {
        let caps = if utf8 {
            json!({"general": {"positionEncodings": ["utf-8"]}})
        } else {
            json!({})
        };
        let mut c = TestClient::new(caps).await;
        for (i, ws) in [
            "\u{a0}", "\u{2028}", "\u{3000}", "\u{202f}", "\u{1680}", "\u{85}",
        ]
        .into_iter()
        .enumerate()
        {
            for tail in ["", " finetuning"] {
                let name = format!("ws{i}{}.md", tail.len());
                let uri = c.open(&name, &format!("a{ws}bc{tail}\n")).await;
                let col = columns(&format!("a{ws}b"), utf8);
                change(
                    &mut c,
                    &uri,
                    2,
                    &[(json!({"start": pos(0, col), "end": pos(0, col)}), "x")],
                )
                .await;
                let after = diagnostics_at(&mut c, &uri, 2).await;
                let fresh = c
                    .open(&format!("fresh-{name}"), &format!("a{ws}bxc{tail}\n"))
                    .await;
                let expected = diagnostics_at(&mut c, &fresh, 1).await;
                assert_eq!(after, expected, "white space {ws:?}, utf8 {utf8}");
                if !tail.is_empty() {
                    let start = columns(&format!("a{ws}bxc "), utf8);
                    assert_eq!(
                        after[0]["range"],
                        json!({"start": pos(0, start), "end": pos(0, start + 10)})
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn inlay_hints_expand_ambiguous_acronyms_by_default_and_every_one_on_request() {
    let mut c = TestClient::new(json!({})).await;
    let text =
        "# Notes\n\nSAM segments any object from a box prompt. The SAE features are sparse.\n";
    let uri = c.open("notes.md", text).await;
    c.diagnostics(&uri).await;
    let whole =
        json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(3, 0)}});
    let hints = c.request("textDocument/inlayHint", whole.clone()).await;
    insta::assert_json_snapshot!(hints);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"glossa": {"inlayHints": {"acronyms": "all"}}}}),
    )
    .await;
    c.diagnostics(&uri).await;
    let hints = c.request("textDocument/inlayHint", whole).await;
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["(segment anything model)", "(sparse autoencoder)"]);
}

#[tokio::test]
async fn semantic_tokens_type_each_term_by_status_full_and_range() {
    let mut c = TestClient::new(json!({})).await;
    let text = "Fine-tuning, finetuning and fine-tunning.\nWe ran SAM; then fine\ntuning.\n";
    let uri = c.open("notes.md", text).await;
    let full = c
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    // [Δline, Δstart, length, type, modifiers]: preferred 0, deprecated 2 and forbidden 3 with
    // the `deprecated` modifier, ambiguous 4; "fine\ntuning" is one token per line.
    assert_eq!(
        full["data"],
        json!([
            0, 0, 11, 0, 0, 0, 13, 10, 2, 1, 0, 15, 12, 3, 1, 1, 7, 3, 4, 0, 0, 10, 4, 0, 0, 1, 0,
            6, 0, 0
        ])
    );
    let range = c
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": uri}, "range": {"start": pos(1, 0), "end": pos(1, 10)}}),
        )
        .await;
    assert_eq!(range["data"], json!([1, 7, 3, 4, 0]));
}

#[tokio::test]
async fn workspace_diagnostics_check_every_file_with_progress_and_the_repository_summary() {
    let mut c = TestClient::new(json!({"textDocument": {"diagnostic": {}}})).await;
    std::fs::create_dir(c.path("docs")).unwrap();
    std::fs::write(
        c.path("docs/a.md"),
        "We use fine-tuning; fine-tuning again.\n",
    )
    .unwrap();
    std::fs::write(c.path("docs/b.md"), "Old notes: finetuning.\n").unwrap();
    // An open document counts with the editor's text, not the disk's.
    std::fs::write(c.path("docs/c.md"), "Nothing here.\n").unwrap();
    c.open("docs/c.md", "Then fine tuning, and fine tuning.\n")
        .await;
    let report = c
        .request(
            "workspace/diagnostic",
            json!({"previousResultIds": [], "workDoneToken": "ws-1"}),
        )
        .await;
    let mut items: Vec<Value> = report["items"].as_array().unwrap().clone();
    items.sort_by_key(|i| i["uri"].as_str().unwrap().to_owned());
    let summary: Vec<(String, Vec<String>)> = items
        .iter()
        .map(|i| {
            let file = i["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned();
            let codes = i["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_owned())
                .collect();
            (file, codes)
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        summary,
        [
            ("a.md".to_owned(), s(&["inconsistent-term"])),
            ("b.md".to_owned(), s(&["deprecated-term"])),
            ("c.md".to_owned(), s(&["inconsistent-term"])),
        ]
    );
    let message = items[0]["items"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("written 2 ways across files") && message.contains("c.md"),
        "{message}"
    );
    assert_eq!(items[2]["version"], 1, "the open document's version");
    // Work-done progress: begin, report(s), end, on the client's token.
    let begin = c.next_message("$/progress", None).await;
    assert_eq!(begin["token"], "ws-1");
    assert_eq!(begin["value"]["kind"], "begin");
    let mut kinds = Vec::new();
    loop {
        let p = c.next_message("$/progress", None).await;
        kinds.push(p["value"]["kind"].as_str().unwrap().to_owned());
        if kinds.last().unwrap() == "end" {
            break;
        }
    }
    assert!(kinds.contains(&"report".to_owned()), "{kinds:?}");
}

#[tokio::test]
async fn an_open_glossary_gets_lint_diagnostics_not_prose_ones() {
    let mut c = TestClient::new(json!({})).await;
    let text = format!(
        "{GLOSSARY}\n[[concept]]\nterm = \"cheat sheet\"\ndefinition = \"A summary.\"\n\
         aliases = [\"crib sheet\", \"Crib Sheet\"]\nsee_also = [\"nowhere\"]\n"
    );
    let uri = c.open("glossary.toml", &text).await;
    let diags = c.diagnostics(&uri).await;
    let codes: Vec<&str> = diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // "finetuning" in `deprecated = [...]` is not a prose finding here; the test glossary's
    // PyTorch has no definition.
    assert_eq!(
        codes,
        ["missing-definition", "duplicate-name", "unknown-see-also"],
        "{diags}"
    );
    let line = text.lines().position(|l| l.contains("Crib Sheet")).unwrap();
    assert_eq!(diags["diagnostics"][1]["range"]["start"]["line"], line);
    // While the text does not parse, the load error is shown.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": "[[concept]]\nterm = \"x\"\ndeprecate = [\"y\"]\n"}]}),
    )
    .await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(diags["diagnostics"][0]["code"], "load-error", "{diags}");
}

/// A glossary file that is a named pipe: loading it blocks until `release` writes `text` into
/// it. A real slow load, with no timing in the test: the order of answers is what is asserted.
#[cfg(unix)]
fn blocking_glossary(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
fn release(path: std::path::PathBuf, text: &'static str) {
    // Opening a pipe for writing waits for its reader (the server's load), then never blocks.
    std::thread::spawn(move || std::fs::write(path, text).unwrap());
}

/// A step that must finish while a load is blocked (a failure guard, not a timing assertion:
/// a server that blocks itself never answers at all).
async fn answered<T>(what: &str, f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), f)
        .await
        .unwrap_or_else(|_| panic!("{what} was not answered while a project load was blocked"))
}

/// Issue 7 §3: opening a document whose project loads slowly (its glossary blocks) stops
/// nothing else: the open returns at once, and a hover on another document is answered while
/// the load is still blocked; once it finishes, the slow document gets its diagnostics.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_project_load_does_not_block_a_hover_on_another_document() {
    let mut c = TestClient::new(json!({})).await;
    let uri = c.open("notes.md", "We use SAE here.\n").await;
    c.diagnostics(&uri).await;
    std::fs::create_dir(c.path("slow")).unwrap();
    std::fs::write(c.path("slow/glossa.toml"), CONFIG).unwrap();
    blocking_glossary(&c.path("slow/glossary.toml"));
    let slow = answered("didOpen", c.open("slow/doc.md", "We finetuning it.\n")).await;
    let hover = answered("a hover", c.request("textDocument/hover", at(&uri, 0, 8))).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("sparse autoencoder")),
        "{hover}"
    );
    // Typing in the slow document is not held up either.
    answered(
        "didChange",
        change(
            &mut c,
            &slow,
            2,
            &[(json!({"start": pos(0, 0), "end": pos(0, 0)}), "So ")],
        ),
    )
    .await;
    release(c.path("slow/glossary.toml"), GLOSSARY);
    let diags = c.diagnostics(&slow).await;
    assert_eq!(diags["version"], 2, "{diags}");
    assert_eq!(
        diags["diagnostics"][0]["code"], "deprecated-term",
        "{diags}"
    );
}

/// Issue 7 §3: while a changed glossary loads (slowly), documents are served by the last good
/// project, and a hover is answered; once loaded, the new glossary is used.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_reload_serves_the_last_good_project_meanwhile() {
    let mut c = TestClient::new(json!({})).await;
    let uri = c.open("notes.md", "A world model and a SAE.\n").await;
    c.diagnostics(&uri).await;
    std::fs::remove_file(c.path("glossary.toml")).unwrap();
    blocking_glossary(&c.path("glossary.toml"));
    let glossary_uri = c.uri("glossary.toml");
    answered(
        "didChangeWatchedFiles",
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": glossary_uri, "type": 2}]}),
        ),
    )
    .await;
    let hover = answered("a hover", c.request("textDocument/hover", at(&uri, 0, 21))).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("sparse autoencoder")),
        "{hover}"
    );
    assert_eq!(
        c.request("textDocument/hover", at(&uri, 0, 4)).await,
        Value::Null
    );
    const NEW: &str = "[[concept]]\nterm = \"world model\"\ndefinition = \"A learned model of an environment.\"\n";
    release(c.path("glossary.toml"), NEW);
    c.diagnostics(&uri).await;
    let hover = c.request("textDocument/hover", at(&uri, 0, 4)).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("world model")),
        "{hover}"
    );
}

/// Issue 9: while a project's glossary loads (here it blocks: a named pipe; in real life a
/// 1M-name glossary), a client that supports work-done progress is shown it
/// (`window/workDoneProgress/create`, then `$/progress` begin), hover and completion on another
/// document are answered, and once the glossary is there the progress ends and the document
/// gets its diagnostics from the new glossary.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_glossary_load_shows_progress_while_other_requests_are_answered() {
    let mut c = TestClient::new(json!({"window": {"workDoneProgress": true}})).await;
    let uri = c.open("notes.md", "We use SAE here.\n").await;
    c.diagnostics(&uri).await;
    std::fs::create_dir(c.path("slow")).unwrap();
    std::fs::write(c.path("slow/glossa.toml"), CONFIG).unwrap();
    blocking_glossary(&c.path("slow/glossary.toml"));
    let slow = answered("didOpen", c.open("slow/doc.md", "We finetuning it.\n")).await;
    // The begin of the slow project's load (an earlier, quick load may have shown one too).
    let token = loop {
        let p = c.next_message("$/progress", None).await;
        if p["value"]["kind"] == "begin"
            && p["value"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("slow:"))
        {
            break p["token"].clone();
        }
    };
    let hover = answered("a hover", c.request("textDocument/hover", at(&uri, 0, 8))).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("sparse autoencoder")),
        "{hover}"
    );
    let completion = answered(
        "a completion",
        c.request("textDocument/completion", at(&uri, 0, 10)),
    )
    .await;
    assert!(!completion.is_null(), "{completion}");
    release(c.path("slow/glossary.toml"), GLOSSARY);
    // The progress ends and the diagnostics come, in either order.
    let (mut ended, mut diagnostics) = (false, None);
    while !ended || diagnostics.is_none() {
        let msg = answered("the load's end", c.messages.recv())
            .await
            .expect("server alive");
        let params = &msg["params"];
        if msg["method"] == "$/progress" && params["token"] == token {
            ended = params["value"]["kind"] == "end";
        } else if msg["method"] == "textDocument/publishDiagnostics" && params["uri"] == slow {
            diagnostics = Some(params.clone());
        }
    }
    let diags = diagnostics.unwrap();
    assert_eq!(
        diags["diagnostics"][0]["code"], "deprecated-term",
        "{diags}"
    );
}

/// Issue 6 §2: references and highlights report the sense the document means. "SAM" in a
/// failure-analysis note is scanning acoustic microscopy: its references are the note's SAMs,
/// not the Segment Anything Model's in a vision note beside it; and "SAM" that a document
/// defines as something else (Sharpness-Aware Minimization) has no references at all.
#[tokio::test]
async fn references_follow_the_sense_each_document_means() {
    let mut c = TestClient::new(json!({})).await;
    let failure = "# Package delamination\n\nWe inspected the returned parts with SAM before \
        decapsulation. The acoustic images show delamination at the die attach and voids in the \
        mold compound of three packages; the ultrasonic scan at 110 MHz resolved cracks under \
        the leadframe. SAM is non-destructive, so the same packages went on to cross-section and \
        failure analysis.\n";
    let vision = "# Masks\n\nWe prompt SAM with a box around each object; the segmentation \
        model returns masks for the image, and the image encoder runs once per picture so that \
        prompts are cheap. Promptable segmentation with SAM beats our old instance segmentation \
        network on every mask metric we track, zero-shot.\n";
    let defined = "Sharpness-Aware Minimization (SAM) flattens the loss landscape; SAM doubles \
        the cost of each optimizer step.\n";
    let fa = c.open("failure.md", failure).await;
    c.open("vision.md", vision).await;
    let other = c.open("optimizer.md", defined).await;
    let line = 2;
    let col = failure.lines().nth(2).unwrap().find("SAM").unwrap() as u32;
    let mut params = at(&fa, line, col + 1);
    params["context"] = json!({"includeDeclaration": false});
    let refs = c.request("textDocument/references", params).await;
    let uris: Vec<String> = c
        .redact(&refs)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(uris, ["file://[DIR]/failure.md", "file://[DIR]/failure.md"]);
    let highlights = c
        .request("textDocument/documentHighlight", at(&fa, line, col + 1))
        .await;
    assert_eq!(highlights.as_array().unwrap().len(), 2);
    let mut params = at(&other, 0, 42);
    params["context"] = json!({"includeDeclaration": false});
    let refs = c.request("textDocument/references", params).await;
    assert_eq!(refs, Value::Null);
}

#[tokio::test]
async fn a_config_that_appears_or_goes_away_serves_the_documents_below_it() {
    let mut c = TestClient::new(json!({})).await;
    std::fs::create_dir(c.path("sub")).unwrap();
    let uri = c.open("sub/notes.md", "We finetuning it.\n").await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(diags["diagnostics"][0]["code"], "deprecated-term");

    // A config of its own appears in `sub`: no glossary there, so no warning.
    std::fs::write(c.path("sub/glossa.toml"), "builtin = false\n").unwrap();
    let config_uri = c.uri("sub/glossa.toml");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    )
    .await;
    let diags = c.diagnostics(&uri).await;
    assert_eq!(diags["diagnostics"], json!([]));
    // A document opened there later finds it too.
    let other = c.open("sub/other.md", "We finetuning it.\n").await;
    assert_eq!(c.diagnostics(&other).await["diagnostics"], json!([]));

    // It goes away: the root's glossary serves `sub` again.
    std::fs::remove_file(c.path("sub/glossa.toml")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 3}]}),
    )
    .await;
    let [diags, other_diags] = c.diagnostics_of([&uri, &other]).await;
    assert_eq!(diags["diagnostics"][0]["code"], "deprecated-term");
    assert_eq!(other_diags["diagnostics"][0]["code"], "deprecated-term");
}

/// Issue 9: typing a word in a sentence of a finding, a word away from it, keeps the
/// diagnostics: the pull answers `unchanged` with the same id; typing before a finding on its
/// line moves it: a full report, a new id, the moved range (that of a fresh open).
#[tokio::test]
async fn typing_near_a_finding_keeps_or_moves_its_diagnostic() {
    let mut c = TestClient::new(json!({"textDocument": {"diagnostic": {}}})).await;
    let text = "# Notes\n\nIntro words here. We use finetuning today.\n";
    let uri = c.open("notes.md", text).await;
    let pull = |id: &Value| json!({"textDocument": {"uri": uri}, "previousResultId": id});
    let first = c
        .request("textDocument/diagnostic", pull(&Value::Null))
        .await;
    let id = first["resultId"].clone();
    assert_eq!(first["items"][0]["code"], "deprecated-term");
    // "today" → "today now": after the finding, on its line.
    let (line, col) = find(text, " today");
    let at = |col: u32| json!({"start": pos(line, col), "end": pos(line, col)});
    change(&mut c, &uri, 2, &[(at(col + 6), " now")]).await;
    let typed = c.request("textDocument/diagnostic", pull(&id)).await;
    assert_eq!(typed, json!({"kind": "unchanged", "resultId": id}));
    // "We" → "xWe": before it, a word away.
    let (_, we) = find(text, "We use");
    change(&mut c, &uri, 3, &[(at(we), "x")]).await;
    let moved = c.request("textDocument/diagnostic", pull(&id)).await;
    assert_eq!(moved["kind"], "full");
    assert_ne!(moved["resultId"], id);
    let (_, finetuning) = find(text, "finetuning");
    assert_eq!(
        moved["items"][0]["range"]["start"],
        json!({"line": line, "character": finetuning + 1})
    );
    let fresh = c
        .open(
            "fresh.md",
            "# Notes\n\nIntro words here. xWe use finetuning today now.\n",
        )
        .await;
    let full = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": fresh}}),
        )
        .await;
    assert_eq!(moved["items"], full["items"]);
}

/// Issue 9: `workspace/diagnostic` gives each file a result id; a pull that sends them back
/// gets `unchanged` for every file whose diagnostics are the same, and a full report with a
/// new id for the file that changed.
#[tokio::test]
async fn workspace_pulls_answer_unchanged_for_files_that_did_not_change() {
    let mut c = TestClient::new(json!({"textDocument": {"diagnostic": {}}})).await;
    std::fs::write(c.path("a.md"), "Old notes: finetuning.\n").unwrap();
    let b = c.open("b.md", "We use finetuning.\n").await;
    let by_uri = |report: &Value| -> Vec<(String, String, Value)> {
        let mut items: Vec<(String, String, Value)> = report["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let file = i["uri"].as_str().unwrap().rsplit('/').next().unwrap();
                (
                    file.to_owned(),
                    i["kind"].as_str().unwrap().to_owned(),
                    i["resultId"].clone(),
                )
            })
            .collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        items
    };
    let first = c
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let first = by_uri(&first);
    assert_eq!(
        first
            .iter()
            .map(|(f, k, _)| (f.as_str(), k.as_str()))
            .collect::<Vec<_>>(),
        [("a.md", "full"), ("b.md", "full")]
    );
    assert!(first.iter().all(|(_, _, id)| id.is_string()), "{first:?}");
    let previous: Value = first
        .iter()
        .map(|(f, _, id)| json!({"uri": c.uri(f), "value": id}))
        .collect();
    let again = c
        .request(
            "workspace/diagnostic",
            json!({"previousResultIds": previous}),
        )
        .await;
    assert_eq!(
        by_uri(&again),
        [
            (
                "a.md".to_owned(),
                "unchanged".to_owned(),
                first[0].2.clone()
            ),
            (
                "b.md".to_owned(),
                "unchanged".to_owned(),
                first[1].2.clone()
            ),
        ]
    );
    // "We use" → "So we use": b's finding moves.
    let start = json!({"start": pos(0, 0), "end": pos(0, 2)});
    change(&mut c, &b, 2, &[(start, "So we")]).await;
    let changed = c
        .request(
            "workspace/diagnostic",
            json!({"previousResultIds": previous}),
        )
        .await;
    let changed = by_uri(&changed);
    assert_eq!(
        changed[0],
        (
            "a.md".to_owned(),
            "unchanged".to_owned(),
            first[0].2.clone()
        )
    );
    assert_eq!(changed[1].1, "full");
    assert_ne!(changed[1].2, first[1].2);
}
