//! An open document as the server keeps it: text (a `String` for the engine, a rope for
//! positions), version, the slot of the project serving it, and its analysis (the project, the
//! file kind, the scan and the `glossa-ignore` directives) for exactly this text.
//!
//! Changes apply synchronously and in order ([`Document::apply_change`]); each keeps the scan
//! up to date through the engine's incremental re-scan ([`incremental::edit`]) when it can, and
//! otherwise drops it. A dropped analysis (and the first one, and one after a project reload)
//! is computed by the first worker that needs it ([`Document::analysis`]), never on a
//! notification handler or the async runtime. Client ranges are clamped by [`convert`]; nothing
//! here panics on client input.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, Diagnostic, Uri};

use super::convert::{self, Encoding};
use super::handlers::diagnostics::ItemsJson;
use super::workspace::{ProjectSlot, uri_path};
use glossa_engine::analysis::directives::Ignored;
use glossa_engine::analysis::reading::{DocumentReading, before_edit};
use glossa_engine::analysis::rules::kept::{self, Keys, Shift};
use glossa_engine::analysis::{self, Finding};
use glossa_engine::scan::incremental::{self, Scanned};
use glossa_engine::scan::{FileKind, Match};
use glossa_project::Project;

#[derive(Debug, Clone)]
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    language_id: String,
    text: String,
    /// Built by the first that needs it: a worker, beside the scan ([`Document::analysis`]),
    /// not the didOpen handler on the message loop (10 MB of text is ~10 ms of rope).
    rope: OnceLock<Rope>,
    slot: Arc<ProjectSlot>,
    /// Empty until a worker needs it; shared with the snapshots taken since it was filled.
    analysis: Arc<OnceLock<Analysis>>,
    /// How many edits were re-scanned incrementally (for tests and logs).
    pub incremental_edits: u64,
    /// The last diagnostics reported for this document and their result id, shared by all its
    /// versions: a pull whose diagnostics are those answers `unchanged`.
    reported: Arc<Mutex<Option<Reported>>>,
    /// The JSON of the last full report's items, shared by all its versions: the next one
    /// reuses what did not change.
    json: Arc<Mutex<Option<Arc<ItemsJson>>>>,
}

/// A result id and the diagnostics it names.
type Reported = (String, Arc<Vec<Diagnostic>>);

/// From this size (bytes of text), the rope is built on a thread of its own beside the scan.
const ROPE_BESIDE: usize = 256 * 1024;

/// Result ids, unique in the process.
static RESULT_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// What the engine made of one text of a document.
#[derive(Debug)]
pub struct Analysis {
    pub project: Project,
    pub kind: FileKind,
    pub scanned: Scanned,
    /// The document's `glossa-ignore:` directives.
    pub ignored: Ignored,
    /// The sense reading, kept from the text before and brought up to date by the first
    /// worker that needs it (`None`: read in full then).
    reading: Mutex<Option<DocumentReading>>,
    /// The rules' findings over this text, computed once.
    findings: OnceLock<Arc<Vec<Finding>>>,
    /// Their diagnostics, converted once, with the flags they were converted with (`None`:
    /// not made from the findings, an open glossary's lint).
    diagnostics: OnceLock<(Arc<Vec<Diagnostic>>, Option<Converted>)>,
    /// What the rules saw of the read matches when the findings were made ([`Keys`]).
    keys: Mutex<Option<Keys>>,
    /// The findings are the text before's, moved (tests, logs).
    kept: std::sync::atomic::AtomicBool,
    /// The findings and diagnostics of an earlier text and the quiet edits since
    /// ([`kept`]): the findings of this text when the reading is the same, moved.
    carried: Mutex<Option<Carried>>,
}

/// The encoding and related-information flag diagnostics were converted with, and how many of
/// the findings (the first ones; `usize::MAX`: all) were converted: a client that is shown
/// at most `maxDiagnostics` never has the rest converted (issue 9: 107k findings in 10 MB).
pub type Converted = (Encoding, bool, usize);

/// Findings and diagnostics of an earlier text of a document, with the quiet edits since.
#[derive(Debug, Clone)]
struct Carried {
    findings: Arc<Vec<Finding>>,
    keys: Keys,
    diagnostics: Option<(Arc<Vec<Diagnostic>>, Converted)>,
    edits: Vec<Edited>,
}

/// A quiet edit, with what it does to positions: it is on one line (it removes and inserts no
/// line break), and moves what follows on that line by its length in each encoding.
#[derive(Debug, Clone, Copy)]
struct Edited {
    shift: Shift,
    line: u32,
    utf8: i64,
    utf16: i64,
}

/// Past this many quiet edits between two checks, the rules run again.
const MAX_CARRIED: usize = 32;

impl Clone for Analysis {
    fn clone(&self) -> Analysis {
        Analysis {
            project: self.project.clone(),
            kind: self.kind,
            scanned: self.scanned.clone(),
            ignored: self.ignored.clone(),
            // Never waits for a worker reading the document (an edit handler clones this when
            // a request still holds the text before): without it, the copy reads afresh.
            reading: Mutex::new(match self.reading.try_lock() {
                Ok(r) => r.clone(),
                Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner().clone(),
                Err(std::sync::TryLockError::WouldBlock) => None,
            }),
            findings: self.findings.clone(),
            diagnostics: self.diagnostics.clone(),
            keys: Mutex::new(try_clone(&self.keys)),
            kept: std::sync::atomic::AtomicBool::new(
                self.kept.load(std::sync::atomic::Ordering::Relaxed),
            ),
            carried: Mutex::new(try_clone(&self.carried)),
        }
    }
}

/// What a mutex holds, or `None` when a worker holds it now.
fn try_clone<T: Clone>(m: &Mutex<Option<T>>) -> Option<T> {
    match m.try_lock() {
        Ok(r) => r.clone(),
        Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner().clone(),
        Err(std::sync::TryLockError::WouldBlock) => None,
    }
}

impl Analysis {
    /// Runs `f` on the document's sense reading of `text` (this analysis's text), brought up to
    /// date first. Blocks: call it on a worker.
    pub fn with_reading<R>(&self, text: &str, f: impl FnOnce(&DocumentReading) -> R) -> R {
        let mut guard = crate::state::lock(&self.reading);
        let glossary = &self.project.glossary;
        let reading = match guard.as_mut() {
            Some(r) => {
                r.refresh(text, glossary, &self.scanned.matches);
                r
            }
            None => guard.insert(DocumentReading::new(text, glossary, &self.scanned.matches)),
        };
        f(reading)
    }
}

impl Document {
    /// A document; quick (nothing is scanned or loaded here).
    pub fn new(
        uri: Uri,
        version: i32,
        language_id: &str,
        text: String,
        slot: Arc<ProjectSlot>,
    ) -> Document {
        Document {
            uri,
            version,
            language_id: language_id.to_owned(),
            rope: OnceLock::new(),
            text,
            slot,
            analysis: Arc::default(),
            incremental_edits: 0,
            reported: Arc::default(),
            json: Arc::default(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn rope(&self) -> &Rope {
        self.rope.get_or_init(|| Rope::from_str(&self.text))
    }

    /// The rope, to change it with the text.
    fn rope_mut(&mut self) -> &mut Rope {
        self.rope();
        self.rope.get_mut().expect("built just above")
    }

    /// True when this document is served by `slot`.
    pub fn uses(&self, slot: &Arc<ProjectSlot>) -> bool {
        Arc::ptr_eq(&self.slot, slot)
    }

    /// The analysis of this text, computed on the first call: loads the project if needed and
    /// scans the whole text. Blocks: call it on a worker.
    pub fn analysis(&self) -> &Analysis {
        self.analysis.get_or_init(|| {
            let project = self.slot.get().clone();
            let kind = uri_path(&self.uri)
                .and_then(|p| project.file_kind(&p))
                .or_else(|| FileKind::from_name(&self.language_id))
                .unwrap_or(FileKind::Text);
            let scan = || Scanned::new(&self.text, kind, &project.matcher);
            // A large document's rope is built beside its scan.
            let scanned = if self.text.len() >= ROPE_BESIDE && self.rope.get().is_none() {
                std::thread::scope(|s| {
                    let rope = s.spawn(|| {
                        self.rope();
                    });
                    let scanned = scan();
                    // A thread that panicked built nothing: built when needed.
                    let _ = rope.join();
                    scanned
                })
            } else {
                scan()
            };
            Analysis {
                kind,
                scanned,
                ignored: Ignored::parse(&self.text),
                project,
                reading: Mutex::new(None),
                findings: OnceLock::new(),
                diagnostics: OnceLock::new(),
                keys: Mutex::new(None),
                kept: Default::default(),
                carried: Mutex::new(None),
            }
        })
    }

    /// True when the analysis of this text is there (no worker needs to compute it).
    pub fn is_analysed(&self) -> bool {
        self.analysis.get().is_some()
    }

    pub fn project(&self) -> &Project {
        &self.analysis().project
    }

    pub fn kind(&self) -> FileKind {
        self.analysis().kind
    }

    pub fn matches(&self) -> &[Match] {
        &self.analysis().scanned.matches
    }

    /// True when `offset` is inside prose (not code, math, front matter…).
    pub fn in_prose(&self, offset: usize) -> bool {
        self.analysis().scanned.in_prose(offset)
    }

    /// The match at an LSP position (touching it at either end), if any.
    pub fn match_at(&self, pos: lsp::Position, enc: Encoding) -> Option<&Match> {
        glossa_engine::analysis::hover::match_at(
            self.matches(),
            convert::offset(self.rope(), pos, enc),
        )
    }

    /// Serves the document from another project (after a reload or new settings): the
    /// analysis is computed again when next needed.
    pub fn set_project(&mut self, slot: Arc<ProjectSlot>) {
        self.slot = slot;
        self.analysis = Arc::default();
    }

    /// Runs `f` on the document's sense reading (kept between edits, brought up to date
    /// here). Blocks: call it on a worker.
    pub fn with_reading<R>(&self, f: impl FnOnce(&DocumentReading) -> R) -> R {
        self.analysis().with_reading(&self.text, f)
    }

    /// The findings of the rules over the analysis, over the document's kept reading;
    /// computed once per text: those of the text before, moved, when every edit since was quiet
    /// and the reading is the same ([`kept`]), else by the rules.
    pub fn findings(&self) -> Arc<Vec<Finding>> {
        let a = self.analysis();
        a.findings
            .get_or_init(|| {
                a.with_reading(&self.text, |reading| {
                    let read = reading.read();
                    let carried = crate::state::lock(&a.carried).take();
                    if let Some(mut c) = carried {
                        let shifts: Vec<Shift> = c.edits.iter().map(|e| e.shift).collect();
                        if c.keys.same(&shifts, read, reading.generation()) {
                            let mut findings = Arc::unwrap_or_clone(c.findings);
                            kept::shift(&mut findings, &shifts);
                            *crate::state::lock(&a.keys) = Some(c.keys);
                            a.kept.store(true, std::sync::atomic::Ordering::Relaxed);
                            let findings = Arc::new(findings);
                            // The diagnostics follow when they are asked for.
                            *crate::state::lock(&a.carried) = Some(Carried {
                                findings: findings.clone(),
                                keys: Keys::default(),
                                diagnostics: c.diagnostics,
                                edits: c.edits,
                            });
                            return findings;
                        }
                    }
                    *crate::state::lock(&a.keys) = Some(Keys::of(read, reading.generation()));
                    let cx = analysis::Context {
                        text: &self.text,
                        glossary: &a.project.glossary,
                        matches: read,
                        ignored: &a.ignored,
                    };
                    Arc::new(analysis::run_rules_on_read(&cx, &a.project.config.rules))
                })
            })
            .clone()
    }

    /// True when this text's findings are the text before's, moved (no rule ran for them).
    pub fn findings_kept(&self) -> bool {
        self.findings();
        self.analysis()
            .kept
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The diagnostics of this text, made by `make` the first time (on a worker).
    pub fn diagnostics(&self, make: impl FnOnce() -> Vec<Diagnostic>) -> Arc<Vec<Diagnostic>> {
        self.analysis()
            .diagnostics
            .get_or_init(|| (Arc::new(make()), None))
            .0
            .clone()
    }

    /// The diagnostics of this text's first findings (`flags.2` of them at most), converted by
    /// `convert` with the flags `flags` the first time (on a worker). After quiet edits, the
    /// diagnostics of the text before, moved: the same list (the same `Arc`) when no diagnostic
    /// moved.
    pub fn finding_diagnostics(
        &self,
        flags: Converted,
        convert: impl FnOnce(&[Finding]) -> Vec<Diagnostic>,
    ) -> Arc<Vec<Diagnostic>> {
        let findings = self.findings();
        let a = self.analysis();
        a.diagnostics
            .get_or_init(|| {
                let carried = crate::state::lock(&a.carried).take();
                let first = &findings[..findings.len().min(flags.2)];
                let kept = carried.and_then(|c| {
                    let (diags, with) = c.diagnostics?;
                    (with == flags && Arc::ptr_eq(&c.findings, &findings))
                        .then(|| moved(diags, first, &c.edits, flags.0))
                        .flatten()
                });
                let diags = kept.unwrap_or_else(|| Arc::new(convert(first)));
                (diags, Some(flags))
            })
            .0
            .clone()
    }

    /// The result id of `diagnostics` for this document: the last one reported when they are
    /// the same, else a new one (remembered as the last reported).
    pub fn result_id(&self, diagnostics: &Arc<Vec<Diagnostic>>) -> String {
        let mut reported = crate::state::lock(&self.reported);
        if let Some((id, last)) = reported.as_ref()
            && (Arc::ptr_eq(last, diagnostics) || last == diagnostics)
        {
            return id.clone();
        }
        let id = RESULT_IDS
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .to_string();
        *reported = Some((id.clone(), diagnostics.clone()));
        id
    }

    /// The JSON of `diagnostics` (this document's), made by `make` from the last one made
    /// (chunks that did not change are kept) unless it is theirs already. Blocks: on a worker.
    pub fn items_json(
        &self,
        diagnostics: &Arc<Vec<Diagnostic>>,
        make: impl FnOnce(&Arc<Vec<Diagnostic>>, Option<&ItemsJson>) -> ItemsJson,
    ) -> Arc<ItemsJson> {
        let mut kept = crate::state::lock(&self.json);
        if let Some(json) = kept.as_ref().filter(|j| j.is_of(diagnostics)) {
            return json.clone();
        }
        let json = Arc::new(make(diagnostics, kept.as_deref()));
        *kept = Some(json.clone());
        json
    }

    /// Applies one content change (`range` None replaces the whole text). Quick: the scan is
    /// kept incrementally or dropped, never redone here.
    pub fn apply_change(&mut self, range: Option<lsp::Range>, new_text: &str, enc: Encoding) {
        let previous = Arc::make_mut(&mut self.analysis).take();
        let Some(range) = range else {
            self.text = new_text.to_owned();
            self.rope = OnceLock::new();
            return;
        };
        let r = convert::byte_range(self.rope(), range, enc);
        // Directives change only where a line that holds one (before or after the edit) is
        // edited; then the analysis is made again.
        let directives_before = directive_line(&self.text, &r);
        let rope = self.rope_mut();
        let c0 = rope.byte_to_char(r.start);
        let c1 = rope.byte_to_char(r.end);
        rope.remove(c0..c1);
        rope.insert(c0, new_text);
        let kept = match previous {
            Some(a) if !directives_before => {
                let matcher = a.project.matcher.clone();
                let r = incremental::clamp(&self.text, r.clone());
                let before = before_edit(&self.text, r.clone());
                let quiet = kept::quiet_before(&self.text, r.clone(), new_text, &a.scanned.matches);
                let edited = quiet.then(|| {
                    let utf16 = |s: &str| s.encode_utf16().count() as i64;
                    let removed = &self.text[r.clone()];
                    Edited {
                        shift: Shift {
                            at: r.start,
                            removed: r.len(),
                            inserted: new_text.len(),
                        },
                        line: self.rope().byte_to_line(r.start) as u32,
                        utf8: new_text.len() as i64 - removed.len() as i64,
                        utf16: utf16(new_text) - utf16(removed),
                    }
                });
                let carried = match a.findings.get() {
                    Some(findings) => a.keys.into_inner().ok().flatten().map(|keys| Carried {
                        findings: findings.clone(),
                        keys,
                        diagnostics: a
                            .diagnostics
                            .get()
                            .and_then(|(d, with)| Some((d.clone(), (*with)?))),
                        edits: Vec::new(),
                    }),
                    None => a.carried.into_inner().ok().flatten(),
                };
                let spliced = incremental::edit_spliced(
                    &mut self.text,
                    r,
                    new_text,
                    Some(a.scanned),
                    &matcher,
                );
                spliced.map(|(scanned, splice)| {
                    let carried = carried
                        .zip(edited)
                        .filter(|(c, e)| {
                            c.edits.len() < MAX_CARRIED
                                && kept::quiet_after(
                                    &self.text,
                                    e.shift.at,
                                    e.shift.removed,
                                    e.shift.inserted,
                                    &scanned.matches,
                                )
                                .is_some()
                        })
                        .map(|(mut c, e)| {
                            c.edits.push(e);
                            c
                        });
                    self.incremental_edits += 1;
                    // The reading's whole-document part follows the edit here (quick); what
                    // it changes is read again by the first worker that needs it.
                    let mut reading = a.reading.into_inner().unwrap_or_else(|e| e.into_inner());
                    if let Some(reading) = &mut reading {
                        let g = &a.project.glossary;
                        let inserted = new_text.len();
                        reading.edit(
                            before,
                            &self.text,
                            inserted,
                            g,
                            &scanned.matches,
                            Some(&splice),
                        );
                    }
                    Analysis {
                        project: a.project,
                        kind: a.kind,
                        scanned,
                        ignored: a.ignored,
                        reading: Mutex::new(reading),
                        findings: OnceLock::new(),
                        diagnostics: OnceLock::new(),
                        keys: Mutex::new(None),
                        kept: Default::default(),
                        carried: Mutex::new(carried),
                    }
                })
            }
            _ => {
                self.text.replace_range(r.clone(), new_text);
                None
            }
        };
        let directives_after = directive_line(&self.text, &(r.start..r.start + new_text.len()));
        if let Some(kept) = kept.filter(|_| !directives_after) {
            let _ = Arc::make_mut(&mut self.analysis).set(kept);
        }
    }
}

/// The diagnostics of the text before one quiet edit, moved to `findings` (those of the text
/// after it, in the same order): those after the edit on its line move by its length, the
/// others stay; `diags` itself when none moves. `None` (convert them all) after several edits.
fn moved(
    diags: Arc<Vec<Diagnostic>>,
    findings: &[Finding],
    edits: &[Edited],
    enc: Encoding,
) -> Option<Arc<Vec<Diagnostic>>> {
    let [e] = edits else {
        return None;
    };
    if diags.len() != findings.len() {
        return None;
    }
    let delta = match enc {
        Encoding::Utf8 => e.utf8,
        Encoding::Utf16 => e.utf16,
    };
    let from = findings.partition_point(|f| f.range.start < e.shift.at + e.shift.inserted);
    let on_line = diags[from..]
        .iter()
        .take_while(|d| d.range.start.line == e.line)
        .count();
    if on_line == 0 || delta == 0 {
        return Some(diags);
    }
    let mut diags = Arc::unwrap_or_clone(diags);
    let column = |c: u32| (i64::from(c) + delta).max(0) as u32;
    for d in &mut diags[from..from + on_line] {
        d.range.start.character = column(d.range.start.character);
        if d.range.end.line == e.line {
            d.range.end.character = column(d.range.end.character);
        }
    }
    Some(Arc::new(diags))
}

/// True when a line touched by `r` holds a `glossa-ignore` directive.
fn directive_line(text: &str, r: &Range<usize>) -> bool {
    let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    text[start..end].contains("glossa-ignore")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let mut p = Project::builtin();
        let g = glossa_engine::glossary::test_glossary();
        p.matcher = Arc::new(glossa_engine::scan::Matcher::new(&g));
        p.glossary = Arc::new(g);
        p
    }

    fn doc(text: &str) -> Document {
        let slot = Arc::new(ProjectSlot::ready(project()));
        let d = Document::new(
            "file:///t.md".parse().unwrap(),
            1,
            "markdown",
            text.into(),
            slot,
        );
        d.analysis();
        d
    }

    fn edit(d: &mut Document, at: usize, remove: usize, insert: &str) {
        let rope = d.rope().clone();
        let r = convert::range(&rope, &(at..at + remove), Encoding::Utf8);
        d.apply_change(Some(r), insert, Encoding::Utf8);
    }

    #[track_caller]
    fn check_against_full(d: &Document) {
        let full = doc(d.text());
        assert_eq!(
            d.analysis().scanned,
            full.analysis().scanned,
            "text: {:?}",
            d.text()
        );
        assert_eq!(d.findings(), full.findings(), "text: {:?}", d.text());
    }

    /// A large document's rope is built beside its scan (not when it is opened), and is the
    /// text's: positions, and edits after it, as in a small document.
    #[test]
    fn a_large_documents_rope_is_built_beside_its_scan() {
        let line = "We use finetuning é😀 today.\r\n";
        let text = line.repeat(ROPE_BESIDE / line.len() + 1);
        let slot = Arc::new(ProjectSlot::ready(project()));
        let mut d = Document::new("file:///t.md".parse().unwrap(), 1, "markdown", text, slot);
        assert!(d.rope.get().is_none(), "built when opened");
        d.analysis();
        assert!(d.rope.get().is_some(), "not built beside the scan");
        assert_eq!(d.rope().to_string(), d.text());
        let last = d.text().rfind("finetuning").unwrap();
        let lines = d.text().len() / line.len();
        let at = lsp::Position::new(lines as u32 - 1, 7);
        assert_eq!(convert::position(d.rope(), last, Encoding::Utf8), at);
        assert_eq!(
            d.match_at(at, Encoding::Utf8).map(|m| m.range.start),
            Some(last)
        );
        edit(&mut d, last, 0, "x");
        assert_eq!(d.rope().to_string(), d.text());
        check_against_full(&d);
    }

    #[test]
    fn directives_follow_edits() {
        let mut d = doc("<!-- glossa-ignore: SAE -->\nWe use finetuning.\n");
        assert_eq!(d.findings().len(), 1);
        // Typing on the directive's line changes what is ignored.
        let at = d.text().find("SAE").unwrap();
        edit(&mut d, at, 3, "finetuning");
        assert!(d.findings().is_empty(), "{:?}", d.findings());
        edit(&mut d, at, 10, "SAE");
        assert_eq!(d.findings().len(), 1);
        // A directive made by deleting a character ("glossax-ignore" → "glossa-ignore").
        let mut d = doc("<!-- glossax-ignore: finetuning -->\nWe use finetuning.\n");
        assert_eq!(d.findings().len(), 1);
        let x = d.text().find('x').unwrap();
        edit(&mut d, x, 1, "");
        assert!(d.findings().is_empty());
    }

    /// Typing keeps the analysis (incrementally); a snapshot taken before keeps its own text
    /// and scan.
    #[test]
    fn edits_keep_the_analysis_and_leave_snapshots_alone() {
        let mut d = doc("We use finetuning here.");
        let before = Arc::new(d.clone());
        let at = d.text().len() - 1;
        edit(&mut d, at, 0, " SAE");
        assert!(d.is_analysed());
        assert_eq!(d.incremental_edits, 1);
        check_against_full(&d);
        assert_eq!(before.text(), "We use finetuning here.");
        assert_eq!(before.matches().len(), 1);
        assert_eq!(d.matches().len(), 2);
    }

    #[test]
    fn several_changes_apply_in_order() {
        let mut d = doc("abc");
        let r1 = lsp::Range::new(lsp::Position::new(0, 3), lsp::Position::new(0, 3));
        let r2 = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 1));
        d.apply_change(Some(r1), " SAE", Encoding::Utf16);
        d.apply_change(Some(r2), "X", Encoding::Utf16);
        assert_eq!(d.text(), "Xbc SAE");
        check_against_full(&d);
    }

    #[test]
    fn out_of_range_change_is_clamped_not_a_panic() {
        let mut d = doc("abc\n");
        let r = lsp::Range::new(lsp::Position::new(7, 9), lsp::Position::new(2, 99));
        d.apply_change(Some(r), "SAE", Encoding::Utf16);
        assert_eq!(d.text(), "abc\nSAE");
        check_against_full(&d);
    }

    /// Regression (issue 7): deleting the "x" makes a list item, and the indented line its
    /// paragraph instead of a code block: the warning on "finetuning" was missed.
    #[test]
    fn deleting_a_letter_that_makes_a_list_marker_warns() {
        let mut d = doc("12x. item\n\n     finetuning");
        edit(&mut d, 2, 1, "");
        check_against_full(&d);
        assert_eq!(d.findings().len(), 1, "{:?}", d.findings());
    }

    /// A document on the embedded glossary (senses in play: SAM has two).
    fn builtin_doc(text: &str) -> Document {
        let slot = Arc::new(ProjectSlot::ready(Project::builtin()));
        Document::new(
            "file:///b.md".parse().unwrap(),
            1,
            "markdown",
            text.into(),
            slot,
        )
    }

    const PROSE: &str = "We inspected the parts with SAM before decapsulation. The acoustic images \
show voids under the die.\n\nFor vision we prompt SAM with points and boxes for masks.\n\nWe \
trained a sparse autoencoder; the SAE features load in SAE Lens. Finetuning came later.\n";

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(48))]

        /// Random edits, diagnostics asked after some of them (a worker brings the kept
        /// reading up to date then): the findings are always a fresh document's.
        #[test]
        fn findings_after_edits_equal_a_fresh_document_s(
            edits in proptest::collection::vec(
                (0.0f64..1.0, 0usize..5, proptest::sample::select(vec![
                    "", "x", " ", ".", "SAM", "(SAM)", "scanning acoustic microscopy",
                    "\n", "-Lib", "masks", "voids", "finetuning", "Lens",
                ]), proptest::bool::ANY),
                1..10,
            ),
        ) {
            let mut d = builtin_doc(PROSE);
            d.findings();
            for (at, remove, insert, ask) in edits {
                let at = (at * d.text().len() as f64) as usize;
                let rope = d.rope().clone();
                let r = convert::range(&rope, &(at..at + remove), Encoding::Utf8);
                d.apply_change(Some(r), insert, Encoding::Utf8);
                if ask {
                    let fresh = builtin_doc(d.text());
                    proptest::prop_assert_eq!(d.findings(), fresh.findings(), "{:?}", d.text());
                }
            }
        }
    }

    /// Regression (issue 7): typing after U+00A0 (and every multi-byte white space) panicked
    /// at "byte index 2 is not a char boundary".
    #[test]
    fn typing_after_a_multibyte_white_space() {
        for ws in [
            "\u{a0}", "\u{2028}", "\u{3000}", "\u{202f}", "\u{1680}", "\u{85}",
        ] {
            let mut d = doc(&format!("a{ws}bc finetuning\n"));
            let r = lsp::Range::new(lsp::Position::new(0, 3), lsp::Position::new(0, 3));
            d.apply_change(Some(r), "x", Encoding::Utf16);
            check_against_full(&d);
            assert_eq!(d.findings().len(), 1);
        }
    }
    /// The diagnostics of a document as a client in `enc` gets them.
    fn lsp_diagnostics(d: &Document, enc: Encoding) -> Arc<Vec<Diagnostic>> {
        first_diagnostics(d, enc, usize::MAX)
    }

    /// The diagnostics of the first `limit` findings. The corpus pages are written first: a
    /// diagnostic links its glossary entry only once they are (another test of this process
    /// may write them between two conversions of one test).
    fn first_diagnostics(d: &Document, enc: Encoding, limit: usize) -> Arc<Vec<Diagnostic>> {
        crate::workspace::prepare_builtin_pages();
        d.finding_diagnostics((enc, true, limit), |findings| {
            let g = &d.project().glossary;
            let mut to_lsp = convert::Diagnostics::new(d.text(), d.rope(), g, enc);
            findings.iter().map(|f| to_lsp.convert(f)).collect()
        })
    }

    /// Real documents (tests/realdocs), on the embedded glossary.
    const REAL: [&str; 3] = [
        include_str!("../../../tests/realdocs/segment-anything-readme.md"),
        include_str!("../../../tests/realdocs/sae-lens-long-description.md"),
        include_str!("../../../tests/realdocs/mbrl-readme.md"),
    ];

    /// Issue 9: typing letters at the end of a sentence keeps the findings (no rule runs) and
    /// the diagnostics (the same list: a pull answers `unchanged`); typing before a finding on
    /// its line moves it. Both equal a fresh document's.
    #[test]
    fn typing_keeps_findings_and_moves_diagnostics_on_the_line() {
        let text = "# Notes\n\nIntro words. We use finetuning here. And SAE features.\n\nA second paragraph.\n";
        let intro = text.find("words").unwrap();
        let mut d = builtin_doc(text);
        let first = lsp_diagnostics(&d, Encoding::Utf16);
        assert_eq!(first.len(), 2, "{first:?}");
        let at = text.find("paragraph").unwrap();
        edit(&mut d, at, 0, "long ");
        assert!(d.findings_kept());
        let typed = lsp_diagnostics(&d, Encoding::Utf16);
        assert!(Arc::ptr_eq(&first, &typed));
        // Before "finetuning" on its line: both diagnostics of the line move.
        edit(&mut d, intro + 3, 0, "é");
        assert_eq!(
            d.text().lines().nth(2),
            Some("Intro woréds. We use finetuning here. And SAE features.")
        );
        assert!(d.findings_kept());
        let moved = lsp_diagnostics(&d, Encoding::Utf16);
        let fresh = builtin_doc(d.text());
        assert_eq!(moved, lsp_diagnostics(&fresh, Encoding::Utf16));
        assert_eq!(moved[0].range.start.character, 21);
        // In the sentence of a finding, a whole word away from it: kept too.
        let we = d.text().find("We use").unwrap();
        edit(&mut d, we, 0, "x");
        assert!(d.findings_kept());
        let fresh = builtin_doc(d.text());
        assert_eq!(
            lsp_diagnostics(&d, Encoding::Utf16),
            lsp_diagnostics(&fresh, Encoding::Utf16)
        );
        // At the paragraph's start: kept (the line is no heading before or after).
        let para = d.text().find("Intro").unwrap();
        edit(&mut d, para, 0, "y");
        assert!(d.findings_kept());
        assert_eq!(d.findings(), fresh_findings(&d));
        // On a heading's line, the rules run again ("y# Notes" is no heading).
        let t = "# Notes on SAE\n\nText.\n";
        let mut h = builtin_doc(t);
        lsp_diagnostics(&h, Encoding::Utf16);
        edit(&mut h, 0, 0, "y");
        assert!(!h.findings_kept());
        assert_eq!(h.findings(), fresh_findings(&h));
        // Right before it: "xfinetuning" is no finding, the rules run again.
        let at = d.text().find("finetuning").unwrap();
        edit(&mut d, at, 0, "x");
        assert!(!d.findings_kept());
        assert_eq!(d.findings(), fresh_findings(&d));
        edit(&mut d, at, 1, "");
        // A sentence mark is not a quiet edit: the rules run again.
        edit(&mut d, intro + 3, 0, ".");
        assert!(!d.findings_kept());
        assert_eq!(d.findings(), fresh_findings(&d));
    }

    fn fresh_findings(d: &Document) -> Arc<Vec<Finding>> {
        builtin_doc(d.text()).findings()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(24))]

        /// Issue 9: random edits on real documents, diagnostics pulled after some of them
        /// (findings kept and moved, or the rules run again): the findings and diagnostics, in
        /// both encodings, all of them or the first few (`maxDiagnostics`), are always a fresh
        /// document's.
        #[test]
        fn kept_findings_and_diagnostics_equal_a_fresh_document_s(
            doc in 0usize..REAL.len(),
            limit in proptest::sample::select(vec![usize::MAX, 1, 4]),
            edits in proptest::collection::vec(
                (0.0f64..1.0, 0usize..4, proptest::sample::select(vec![
                    "", "x", " ", "ab", "SAM", "model", "SAE", "é", "😀", "finetuning",
                    "tuning", ".", "(", ")", "\n", "-", "# ",
                ]), 0u8..3),
                1..12,
            ),
        ) {
            let mut d = builtin_doc(REAL[doc]);
            first_diagnostics(&d, Encoding::Utf16, limit);
            for (at, remove, insert, ask) in edits {
                let at = (at * d.text().len() as f64) as usize;
                let rope = d.rope().clone();
                let r = convert::range(&rope, &(at..at + remove), Encoding::Utf8);
                d.apply_change(Some(r), insert, Encoding::Utf8);
                if ask == 0 {
                    continue;
                }
                let enc = if ask == 1 { Encoding::Utf16 } else { Encoding::Utf8 };
                let fresh = builtin_doc(d.text());
                proptest::prop_assert_eq!(d.findings(), fresh.findings(), "{:?}", d.text());
                proptest::prop_assert_eq!(
                    first_diagnostics(&d, enc, limit),
                    first_diagnostics(&fresh, enc, limit),
                    "{:?}",
                    d.text()
                );
            }
        }
    }
}
