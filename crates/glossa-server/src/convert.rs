//! THE one place where byte offsets meet LSP positions, and engine values become LSP values.
//!
//! The engine speaks byte offsets into `&str`; LSP speaks (line, character) where a character is
//! counted in the encoding negotiated at initialize: UTF-8 when the client offers it (no
//! conversion beyond the line index), else UTF-16 code units, the protocol's default. Positions
//! past the end of a line or of the document are clamped, as the specification asks, and a
//! position inside a character snaps to its start: client input never panics here.

use std::collections::HashMap;
use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    self as lsp, ClientCapabilities, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, Position, PositionEncodingKind, Uri,
};

use glossa_engine::analysis::{Finding, Severity};
use glossa_engine::glossary::{ConceptId, Glossary, LoadError};

use super::workspace::source_location;

/// The position encoding in use for a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16 (which every client must support).
    pub fn negotiate(caps: &ClientCapabilities) -> Encoding {
        let offered = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The byte offset of an LSP position, clamped to the line's content and to the document.
pub fn offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let content_chars = line_content_chars(&slice);
    let col = pos.character as usize;
    let char_in_line = match enc {
        Encoding::Utf8 => {
            let content_bytes = slice.char_to_byte(content_chars);
            // Snaps into the character that holds the byte, i.e. to its start.
            slice.byte_to_char(col.min(content_bytes))
        }
        Encoding::Utf16 => {
            let content_cu = slice.char_to_utf16_cu(content_chars);
            slice.utf16_cu_to_char(col.min(content_cu))
        }
    };
    line_start + slice.char_to_byte(char_in_line)
}

/// The LSP position of a byte offset (clamped to the document, snapped to a char start).
pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let ch = rope.byte_to_char(offset);
    let line = rope.char_to_line(ch);
    let line_char = rope.line_to_char(line);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(ch) - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(ch) - rope.char_to_utf16_cu(line_char),
    };
    Position::new(line as u32, character as u32)
}

/// LSP positions of byte offsets taken mostly in increasing order, in one forward pass over
/// the text (the line breaks and characters between two offsets are counted once): what
/// converting a document's diagnostics costs, instead of a rope lookup per position. Gives
/// exactly [`position`] (lines end at `\n`, `\r\n` or a lone `\r`, as the rope counts them).
/// An offset far ahead ([`JUMP`] bytes) or before the previous one's line starts again from its
/// line, found in the rope: the cost follows the positions asked, not the document's size.
pub struct Positions<'a> {
    text: &'a str,
    rope: &'a Rope,
    enc: Encoding,
    line: u32,
    line_start: usize,
    at: usize,
    /// The column of `at` (in `enc` units).
    col: u32,
}

/// How far ahead counting gives way to a rope lookup.
const JUMP: usize = 16 * 1024;

impl<'a> Positions<'a> {
    /// `rope` holds `text`.
    pub fn new(text: &'a str, rope: &'a Rope, enc: Encoding) -> Positions<'a> {
        Positions {
            text,
            rope,
            enc,
            line: 0,
            line_start: 0,
            at: 0,
            col: 0,
        }
    }

    /// The position of `offset` (clamped to the text, snapped to a char start).
    pub fn position(&mut self, offset: usize) -> Position {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.line_start || offset > self.at + JUMP {
            self.line = self.rope.byte_to_line(offset) as u32;
            self.line_start = self.rope.line_to_byte(self.line as usize);
            (self.at, self.col) = (self.line_start, 0);
        }
        if offset < self.at {
            (self.at, self.col) = (self.line_start, 0);
        }
        let bytes = &text.as_bytes()[self.at..offset];
        if memchr::memchr(b'\r', bytes).is_some() {
            for (i, b) in bytes.iter().enumerate() {
                let at = self.at + i;
                let breaks =
                    *b == b'\n' || (*b == b'\r' && text.as_bytes().get(at + 1) != Some(&b'\n'));
                if breaks {
                    self.line += 1;
                    self.line_start = at + 1;
                }
            }
        } else if let Some(last) = memchr::memrchr(b'\n', bytes) {
            self.line += memchr::memchr_iter(b'\n', &bytes[..=last]).count() as u32;
            self.line_start = self.at + last + 1;
        }
        let from = self.at.max(self.line_start);
        if from != self.at {
            self.col = 0;
        }
        let part = &text[from..offset];
        self.col += match self.enc {
            Encoding::Utf16 if !part.is_ascii() => part.chars().map(|c| c.len_utf16() as u32).sum(),
            // ASCII: one byte, one code unit.
            _ => part.len() as u32,
        };
        self.at = offset;
        Position::new(self.line, self.col)
    }

    /// The LSP range of a byte range.
    pub fn range(&mut self, r: &Range<usize>) -> lsp::Range {
        let start = self.position(r.start);
        lsp::Range::new(start, self.position(r.end))
    }
}

/// An LSP range of a byte range.
pub fn range(rope: &Rope, r: &Range<usize>, enc: Encoding) -> lsp::Range {
    lsp::Range::new(position(rope, r.start, enc), position(rope, r.end, enc))
}

/// The byte range of an LSP range; a reversed range is put in order.
pub fn byte_range(rope: &Rope, r: lsp::Range, enc: Encoding) -> Range<usize> {
    let a = offset(rope, r.start, enc);
    let b = offset(rope, r.end, enc);
    a.min(b)..a.max(b)
}

/// Chars of a line without its line break ("\n", "\r\n" or "\r").
fn line_content_chars(slice: &ropey::RopeSlice<'_>) -> usize {
    let n = slice.len_chars();
    let mut end = n;
    if end > 0 && slice.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > 0 && slice.char(end - 1) == '\r' {
        end -= 1;
    }
    end
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Hint => DiagnosticSeverity::HINT,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Error => DiagnosticSeverity::ERROR,
    }
}

/// Converts the findings of one document, looking each concept's glossary entry up once: a
/// document repeats the same few terms, and locating an entry means a path and a URI.
pub struct Diagnostics<'a> {
    positions: Positions<'a>,
    glossary: &'a Glossary,
    related: HashMap<ConceptId, Option<DiagnosticRelatedInformation>>,
    /// The client shows related information (`publishDiagnostics.relatedInformation`).
    with_related: bool,
}

impl<'a> Diagnostics<'a> {
    /// Converts findings of `text` (held by `rope`); given in document order, their positions
    /// are counted in one forward pass ([`Positions`]).
    pub fn new(text: &'a str, rope: &'a Rope, glossary: &'a Glossary, enc: Encoding) -> Self {
        Diagnostics {
            positions: Positions::new(text, rope, enc),
            glossary,
            related: HashMap::new(),
            with_related: true,
        }
    }

    /// Whether to attach the glossary entries as related information (only for clients that
    /// said they show it: for the others it is bytes on the wire and nothing on screen).
    pub fn related_information(mut self, yes: bool) -> Self {
        self.with_related = yes;
        self
    }

    /// A finding as a diagnostic: rule id as code, source "glossa", the glossary entry of each
    /// concept (every sense of an ambiguous name) as related information.
    pub fn convert(&mut self, f: &Finding) -> Diagnostic {
        let concepts = if !self.with_related {
            &[][..]
        } else if f.senses.is_empty() {
            std::slice::from_ref(&f.concept)
        } else {
            &f.senses[..]
        };
        let glossary = self.glossary;
        let related: Vec<DiagnosticRelatedInformation> = concepts
            .iter()
            // A concept with no source (a generated glossary's) has no entry to show: no
            // look-up (a document of 100,000 names names most concepts once).
            .filter(|id| glossary.concept(**id).source().is_some())
            .filter_map(|id| {
                self.related
                    .entry(*id)
                    .or_insert_with(|| {
                        let c = glossary.concept(*id);
                        let location = source_location(c.source()?)?;
                        Some(DiagnosticRelatedInformation {
                            location,
                            message: match &c.category {
                                Some(cat) => {
                                    format!("glossary entry: {} ({cat})", c.display_name())
                                }
                                None => format!("glossary entry: {}", c.display_name()),
                            },
                        })
                    })
                    .clone()
            })
            .collect();
        Diagnostic {
            range: self.positions.range(&f.range),
            severity: Some(severity(f.severity)),
            code: Some(NumberOrString::String(f.rule.id().to_owned())),
            code_description: None,
            source: Some("glossa".to_owned()),
            message: f.message.to_string(),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }
}

/// Past this many findings, a document's diagnostics are converted in two halves on two threads.
const PARALLEL: usize = 8192;

impl Diagnostics<'_> {
    /// Every finding of `text` (held by `rope`) as a diagnostic, in order ([`Diagnostics`]); a
    /// long list in two halves on two threads, each counting its positions forward from its
    /// first.
    pub fn convert_all(
        text: &str,
        rope: &Rope,
        glossary: &Glossary,
        enc: Encoding,
        related: bool,
        findings: &[Finding],
    ) -> Vec<Diagnostic> {
        let convert = |findings: &[Finding]| -> Vec<Diagnostic> {
            let mut to_lsp =
                Diagnostics::new(text, rope, glossary, enc).related_information(related);
            findings.iter().map(|f| to_lsp.convert(f)).collect()
        };
        if findings.len() < PARALLEL {
            return convert(findings);
        }
        let (a, b) = findings.split_at(findings.len() / 2);
        std::thread::scope(|s| {
            let second = s.spawn(|| convert(b));
            let mut out = convert(a);
            // A thread that panicked converted nothing: its half again here.
            out.extend(second.join().unwrap_or_else(|_| convert(b)));
            out
        })
    }
}

/// Writes `d` as JSON to `out`: what `serde_json` writes for it (the tests compare), without
/// serde's machinery for the fields glossa fills. A large document's report holds 100,000
/// diagnostics: writing them is much of answering it.
pub fn write_diagnostic_json(d: &Diagnostic, out: &mut Vec<u8>) {
    if d.code_description.is_some() || d.tags.is_some() || d.data.is_some() {
        // Never filled by glossa: serde's way. A diagnostic always serializes (string keys).
        let _ = serde_json::to_writer(out, d);
        return;
    }
    out.extend_from_slice(b"{\"range\":");
    write_range_json(&d.range, out);
    if let Some(severity) = d.severity {
        out.extend_from_slice(b",\"severity\":");
        let _ = serde_json::to_writer(&mut *out, &severity);
    }
    match &d.code {
        Some(NumberOrString::String(code)) => {
            out.extend_from_slice(b",\"code\":");
            write_str_json(code, out);
        }
        Some(NumberOrString::Number(n)) => {
            out.extend_from_slice(b",\"code\":");
            let _ = serde_json::to_writer(&mut *out, n);
        }
        None => {}
    }
    if let Some(source) = &d.source {
        out.extend_from_slice(b",\"source\":");
        write_str_json(source, out);
    }
    out.extend_from_slice(b",\"message\":");
    write_str_json(&d.message, out);
    if let Some(related) = &d.related_information {
        out.extend_from_slice(b",\"relatedInformation\":[");
        for (i, r) in related.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"location\":{\"uri\":");
            write_str_json(r.location.uri.as_str(), out);
            out.extend_from_slice(b",\"range\":");
            write_range_json(&r.location.range, out);
            out.extend_from_slice(b"},\"message\":");
            write_str_json(&r.message, out);
            out.push(b'}');
        }
        out.push(b']');
    }
    out.push(b'}');
}

fn write_range_json(r: &lsp::Range, out: &mut Vec<u8>) {
    fn position(p: &Position, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"line\":");
        let _ = serde_json::to_writer(&mut *out, &p.line);
        out.extend_from_slice(b",\"character\":");
        let _ = serde_json::to_writer(&mut *out, &p.character);
        out.push(b'}');
    }
    out.extend_from_slice(b"{\"start\":");
    position(&r.start, out);
    out.extend_from_slice(b",\"end\":");
    position(&r.end, out);
    out.push(b'}');
}

/// `s` as a JSON string, escaped as serde_json escapes (quote, backslash, control characters;
/// nothing else): the runs between escapes copied whole.
fn write_str_json(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push(b'"');
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0..0x20 => b'u',
            _ => continue,
        };
        out.extend_from_slice(&bytes[from..i]);
        out.extend_from_slice(&[b'\\', short]);
        if short == b'u' {
            out.extend_from_slice(&[
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]);
        }
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// A glossary or config load error as a diagnostic on that file: from the error's place (its
/// byte span through the rope when it has one, else its line and column) to the end of its line
/// (the whole line when the column is unknown), in the negotiated encoding.
pub fn load_error_diagnostic(err: &LoadError, text: Option<&str>, enc: Encoding) -> Diagnostic {
    let line = err.line.saturating_sub(1) as usize;
    let range = match text {
        Some(t) => {
            let rope = Rope::from_str(t);
            let (line, col_chars) = match &err.span {
                Some(span) => {
                    let mut at = span.start.min(t.len());
                    while !t.is_char_boundary(at) {
                        at -= 1;
                    }
                    let line = rope.byte_to_line(at);
                    (line, t[rope.line_to_byte(line)..at].chars().count())
                }
                None => (
                    line.min(rope.len_lines().saturating_sub(1)),
                    err.column.saturating_sub(1) as usize,
                ),
            };
            let line_start = rope.line_to_byte(line);
            let line_text = rope.line(line).to_string();
            let content = line_text.trim_end();
            let col_bytes: usize = content.chars().take(col_chars).map(char::len_utf8).sum();
            let start = line_start + col_bytes;
            let end = (line_start + content.len()).max(start);
            let mut r = range(&rope, &(start..end), enc);
            if r.start == r.end {
                // Nothing to underline (an empty line, or past its end): one character wide.
                r.end.character += 1;
            }
            r
        }
        None => {
            let start = Position::new(line as u32, err.column.saturating_sub(1));
            lsp::Range::new(start, Position::new(line as u32, start.character + 1))
        }
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("load-error".to_owned())),
        source: Some("glossa".to_owned()),
        message: err.message.clone(),
        ..Diagnostic::default()
    }
}

/// The location of a file position.
pub fn location(uri: Uri, rope: &Rope, r: &Range<usize>, enc: Encoding) -> Location {
    Location::new(uri, range(rope, r, enc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_errors_underline_to_the_end_of_their_line() {
        let text = "[rules]\nforbidden-term = \"loud\"  \n";
        let err = LoadError::new("glossa.toml", 2, 18, "unknown severity");
        let d = load_error_diagnostic(&err, Some(text), Encoding::Utf16);
        assert_eq!(
            d.range,
            lsp::Range::new(Position::new(1, 17), Position::new(1, 23))
        );
        // Unknown column: the whole line. Past the end of the file: clamped, one wide.
        let d = load_error_diagnostic(&LoadError::new("g", 1, 0, "x"), Some(text), Encoding::Utf8);
        assert_eq!(
            d.range,
            lsp::Range::new(Position::new(0, 0), Position::new(0, 7))
        );
        let d = load_error_diagnostic(&LoadError::new("g", 9, 1, "x"), Some(text), Encoding::Utf8);
        assert_eq!(d.range.end.character, d.range.start.character + 1);
    }

    #[test]
    fn a_load_error_after_a_lone_carriage_return_is_on_the_same_line_as_in_the_cli() {
        // Regression: the CLI's line index counted only `\n`, the rope a lone `\r` too: a
        // glossary error after one was on line 1 in the terminal and line 2 in the editor.
        // (TOML refuses the lone `\r` itself: the error is just after it, on the second line.)
        let text = "# notes\r[[concept]]\nterm = \"x\"\n";
        let err = glossa_engine::glossary::native::parse("g.toml", text).unwrap_err();
        assert!(err.span.is_some(), "{err:?}");
        let cli = err.clone().located(text);
        assert_eq!((cli.line, cli.column), (2, 1), "{cli}");
        for e in [&err, &cli] {
            let d = load_error_diagnostic(e, Some(text), Encoding::Utf16);
            assert_eq!(d.range.start, Position::new(cli.line - 1, cli.column - 1));
        }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        let text = "😀 SAM\nnext";
        let rope = Rope::from_str(text);
        let sam = text.find("SAM").unwrap();
        assert_eq!(position(&rope, sam, Encoding::Utf16), Position::new(0, 3));
        assert_eq!(position(&rope, sam, Encoding::Utf8), Position::new(0, 5));
        assert_eq!(offset(&rope, Position::new(0, 3), Encoding::Utf16), sam);
        assert_eq!(offset(&rope, Position::new(0, 5), Encoding::Utf8), sam);
    }

    /// The forward pass gives what the rope gives, for offsets in any order, across every
    /// kind of line break and characters of every width.
    #[test]
    fn positions_in_one_pass_equal_rope_lookups() {
        let line = "a\r\nb\rc\n\né😀x\r\n\rSAM \u{2028} end\r";
        // Long enough for jumps (rope lookups) between the counted stretches.
        let text = line.repeat(2000);
        let rope = Rope::from_str(&text);
        let mut offsets: Vec<usize> = (0..=line.len() + 2).collect();
        offsets.extend([
            3, 1, 9, 2, 0, 30, 14, 13, 20_000, 20_003, 20_001, 60_001, 60_000,
        ]);
        offsets.extend((0..text.len() + 9).step_by(7));
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let mut p = Positions::new(&text, &rope, enc);
            for &o in &offsets {
                assert_eq!(p.position(o), position(&rope, o, enc), "{o} {enc:?}");
            }
        }
    }

    /// Diagnostics written straight to JSON are what serde writes for them: every field glossa
    /// fills, related information, strings with every character JSON escapes, and the fields
    /// glossa never fills (serde's way).
    #[test]
    fn diagnostics_written_directly_equal_serdes_json() {
        let controls: String = (0u8..0x20).map(char::from).collect();
        let message = format!("\"finetuning\" é 😀 \\ / \u{7f}{controls} end");
        let uri = Uri::from_file_path("/tmp/a b/glossary.toml").unwrap();
        let range = lsp::Range::new(Position::new(3, 7), Position::new(4_000_000, 0));
        let plain = Diagnostic {
            range,
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String("deprecated-term".to_owned())),
            source: Some("glossa".to_owned()),
            message: message.clone(),
            ..Diagnostic::default()
        };
        let related = Diagnostic {
            related_information: Some(vec![
                DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), range),
                    message: format!("glossary entry: {message}"),
                };
                2
            ]),
            code: Some(NumberOrString::Number(-3)),
            severity: None,
            ..plain.clone()
        };
        let others = Diagnostic {
            tags: Some(vec![lsp::DiagnosticTag::DEPRECATED]),
            data: Some(serde_json::json!({"a": [1, "b"]})),
            code_description: Some(lsp::CodeDescription { href: uri }),
            ..plain.clone()
        };
        let bare = Diagnostic {
            source: None,
            code: None,
            severity: None,
            message: String::new(),
            ..Diagnostic::default()
        };
        for d in [plain, related, others, bare] {
            let mut direct = Vec::new();
            write_diagnostic_json(&d, &mut direct);
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                serde_json::to_string(&d).unwrap()
            );
        }
    }

    /// A long list converted in two halves on two threads is the list converted in one pass,
    /// across line breaks of every kind and characters of every width, related information
    /// included.
    #[test]
    fn diagnostics_converted_in_halves_equal_one_pass() {
        use glossa_engine::analysis::{Finding, Rule};
        let line = "a\r\nSAM é😀 SAM\rx SAM\n";
        let text = line.repeat(PARALLEL);
        let rope = Rope::from_str(&text);
        let glossary = Glossary::builtin();
        let findings: Vec<Finding> = text
            .match_indices("SAM")
            .enumerate()
            .map(|(i, (at, _))| Finding {
                range: at..at + 3,
                rule: Rule::ALL[i % Rule::ALL.len()],
                severity: Severity::Warning,
                message: format!("finding {i}").into(),
                term: "SAM".into(),
                concept: ConceptId((i % glossary.concepts().len()) as u32),
                senses: Vec::new(),
                replacement: None,
                fix: None,
            })
            .collect();
        assert!(findings.len() > PARALLEL);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for related in [false, true] {
                let mut one =
                    Diagnostics::new(&text, &rope, &glossary, enc).related_information(related);
                let one_pass: Vec<Diagnostic> = findings.iter().map(|f| one.convert(f)).collect();
                let halves =
                    Diagnostics::convert_all(&text, &rope, &glossary, enc, related, &findings);
                assert!(halves == one_pass, "{enc:?} {related}");
            }
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let rope = Rope::from_str("ab\r\ncd");
        assert_eq!(offset(&rope, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(offset(&rope, Position::new(9, 0), Encoding::Utf16), 6);
        assert_eq!(offset(&rope, Position::new(1, 1), Encoding::Utf8), 5);
        // Inside a character: snaps to its start.
        let rope = Rope::from_str("é😀x");
        assert_eq!(offset(&rope, Position::new(0, 1), Encoding::Utf8), 0);
        assert_eq!(offset(&rope, Position::new(0, 2), Encoding::Utf16), 2);
        assert_eq!(position(&rope, 99, Encoding::Utf16), Position::new(0, 4));
    }
}
