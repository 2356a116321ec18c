//! The one error type of loading: a glossary or config file that cannot be read or parsed.
//!
//! It carries the file, where in it (a byte span of the text as read, when the parser gives one;
//! else a 1-based line and column, for the parsers that report only lines) and a message that
//! says what is wrong. A span becomes a line and a column only when the error is shown, by the
//! shell that shows it: the CLI through `lines::LineIndex`, the server through its rope
//! (`lsp::convert::load_error_diagnostic`). Loading itself never builds a line index for an
//! error, so a loader stays linear in its file whatever it reports.

use std::fmt;
use std::ops::Range;

use crate::lines::LineIndex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    /// The bytes of the file's text the error is about, when the parser knows them. When set,
    /// `line` and `column` are 0 until [`LoadError::located`] fills them from the text.
    pub span: Option<Range<usize>>,
    /// 1-based; 0 when the error is about the whole file (it could not be read) or is located
    /// by `span`.
    pub line: u32,
    /// 1-based, in characters; 0 when unknown.
    pub column: u32,
    pub message: String,
}

impl LoadError {
    pub fn new(
        path: impl Into<String>,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> LoadError {
        LoadError {
            path: path.into(),
            span: None,
            line,
            column,
            message: message.into(),
        }
    }

    /// An error about the bytes `span` of the file's text.
    pub fn at(
        path: impl Into<String>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> LoadError {
        LoadError {
            path: path.into(),
            span: Some(span),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    /// 1-based line and character column in `text` (the file's text as read): from the span
    /// through `index` when the error has one, else the line and column it was made with.
    pub fn position(&self, text: &str, index: &LineIndex) -> (u32, u32) {
        match &self.span {
            Some(span) => {
                let (line, column) = index.line_col(text, span.start);
                (line as u32, column as u32)
            }
            None => (self.line, self.column),
        }
    }

    /// The error with its line and column filled in from `text` (the file's text as read), for
    /// showing it. One line index per call: for the one error a load ends with, not in a loop.
    pub fn located(mut self, text: &str) -> LoadError {
        if self.span.is_some() {
            (self.line, self.column) = self.position(text, &LineIndex::new(text));
        }
        self
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column, &self.span) {
            // Not located yet (the shell had no text to locate it in): the byte offset.
            (0, _, Some(span)) => write!(f, "{}: byte {}: {}", self.path, span.start, self.message),
            (0, _, None) => write!(f, "{}: {}", self.path, self.message),
            (l, 0, _) => write!(f, "{}:{}: {}", self.path, l, self.message),
            (l, c, _) => write!(f, "{}:{}:{}: {}", self.path, l, c, self.message),
        }
    }
}

impl std::error::Error for LoadError {}
