//! Files on disk, the one way every shell reads and finds them: [`read_text`] (a document or a
//! glossary: refused when binary or not UTF-8, with the byte where it stops being text) and
//! [`walk`] (a folder's files, `.gitignore`d and hidden ones skipped, in a stable order), and
//! [`Project::checks`]: whether a project checks a file and as what.
//!
//! `glossa check`, the server's workspace diagnostics and workspace-wide references all go
//! through here, so a binary or non-UTF-8 file is treated the same by each of them.

use std::path::{Path, PathBuf};

use glossa_engine::scan::FileKind;

use crate::Project;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A NUL byte in the first 8 KiB: a binary file.
    Binary,
    /// Not UTF-8 from this byte on; the valid text before it is kept for positions.
    NotUtf8 {
        valid: String,
    },
}

impl ReadError {
    /// "binary file", "not valid UTF-8 (at byte 12)", "cannot read: …".
    pub fn reason(&self) -> String {
        match self {
            ReadError::Io(e) => format!("cannot read: {e}"),
            ReadError::Binary => "binary file".to_owned(),
            ReadError::NotUtf8 { valid } => format!("not valid UTF-8 (at byte {})", valid.len()),
        }
    }

    /// The message for a document that is not checked: "notes.md: binary file, skipped".
    pub fn skipped(&self, path: &Path) -> String {
        match self {
            ReadError::Io(_) => format!("{}: {}", path.display(), self.reason()),
            _ => format!("{}: {}, skipped", path.display(), self.reason()),
        }
    }
}

/// How much of a file's start is looked at for a NUL byte (as git and ripgrep do).
const BINARY_PROBE: usize = 8192;

/// Reads a file as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return Err(ReadError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        ReadError::NotUtf8 { valid }
    })
}

/// The files under `root` (itself when it is a file), `.gitignore`d and hidden ones skipped,
/// sorted. Errors (an unreadable folder, a broken link) come beside the files.
pub fn walk(root: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for entry in ignore::WalkBuilder::new(root).build() {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => errors.push(e.to_string()),
        }
    }
    files.sort();
    (files, errors)
}

/// True when `a` and `b` name the same file (through links, `..` or another spelling): the
/// same device and inode, or the same path when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b || same_file::is_same_file(a, b).unwrap_or(false)
}

/// A key for a file that two paths naming it share (see [`same_file`]); its path when it
/// cannot be opened.
#[derive(Debug, PartialEq, Eq, Hash)]
pub enum FileKey {
    Handle(same_file::Handle),
    Path(PathBuf),
}

impl FileKey {
    pub fn of(path: &Path) -> FileKey {
        same_file::Handle::from_path(path)
            .map(FileKey::Handle)
            .unwrap_or_else(|_| FileKey::Path(path.to_path_buf()))
    }
}

impl Project {
    /// The kind this project checks `path` as: `None` when its `ignore` globs exclude the file
    /// or no `[filetypes]` glob or known extension gives it a kind.
    pub fn checks(&self, path: &Path) -> Option<FileKind> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if self.config.is_ignored(&absolute, false) {
            return None;
        }
        self.file_kind(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A binary file and a Latin-1 file are refused with the reason, whoever reads them.
    #[test]
    fn binary_and_non_utf8_files_are_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("a.md");
        std::fs::write(&bin, b"PK\x03\x04\x00\x00 zip").unwrap();
        let latin = dir.path().join("b.md");
        std::fs::write(&latin, b"caf\xe9 au lait").unwrap();
        let ok = dir.path().join("c.md");
        std::fs::write(&ok, "café").unwrap();
        assert_eq!(read_text(&bin).unwrap_err().reason(), "binary file");
        assert_eq!(
            read_text(&latin).unwrap_err().reason(),
            "not valid UTF-8 (at byte 3)"
        );
        assert_eq!(read_text(&ok).unwrap(), "café");
        assert!(read_text(&dir.path().join("none.md")).is_err());
    }

    /// A file reached through a link or `..` is the same file; another file is not.
    #[test]
    #[cfg(unix)]
    fn same_file_sees_through_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "x").unwrap();
        std::fs::write(dir.path().join("b.toml"), "x").unwrap();
        std::os::unix::fs::symlink(&a, dir.path().join("link.toml")).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(same_file(&a, &dir.path().join("link.toml")));
        assert!(same_file(&a, &dir.path().join("sub/../a.toml")));
        assert!(!same_file(&a, &dir.path().join("b.toml")));
        assert!(!same_file(&a, &dir.path().join("missing.toml")));
        assert_eq!(FileKey::of(&a), FileKey::of(&dir.path().join("link.toml")));
        assert_ne!(FileKey::of(&a), FileKey::of(&dir.path().join("b.toml")));
    }

    /// Hidden and `.gitignore`d files are skipped; the rest come sorted.
    #[test]
    fn walk_skips_hidden_and_ignored_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".gitignore"), "build/\n").unwrap();
        std::fs::create_dir(dir.path().join("build")).unwrap();
        std::fs::write(dir.path().join("build/out.md"), "x").unwrap();
        std::fs::write(dir.path().join(".hidden.md"), "x").unwrap();
        std::fs::write(dir.path().join("b.md"), "x").unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        let (files, errors) = walk(dir.path());
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.md", "b.md"]);
        assert!(errors.is_empty());
    }
}
