//! The one error type of loading: a glossary or config file that cannot be read or parsed.
//!
//! It carries the file, a 1-based line and column, and a message that says what is wrong, so
//! the CLI can print `path:line:col: message` and the server can publish it as a diagnostic on
//! the glossary file itself.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    /// 1-based; 0 when the error is about the whole file (it could not be read).
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
            line,
            column,
            message: message.into(),
        }
    }

    /// An error at a byte offset of `text`, converted to line and column.
    pub fn at_offset(
        path: impl Into<String>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> LoadError {
        let (line, column) = line_col(text, offset);
        LoadError::new(path, line, column, message)
    }
}

/// 1-based line and character column of a byte offset (clamped to the text).
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let (line, column) = crate::scan::lines::LineIndex::new(text).line_col(text, offset);
    (line as u32, column as u32)
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.path, self.message),
            (l, 0) => write!(f, "{}:{}: {}", self.path, l, self.message),
            (l, c) => write!(f, "{}:{}:{}: {}", self.path, l, c, self.message),
        }
    }
}

impl std::error::Error for LoadError {}
