//! Which files a `check` looks at, and which project each belongs to.
//!
//! Folders are walked by `glossa_project::files::walk` (respects .gitignore, skips hidden files;
//! the same walk as the server's workspace diagnostics), keeping the files whose kind is known (by `[filetypes]` in glossa.toml, else the extension) and that
//! the project's `ignore` globs do not exclude. A file named on the command line is always
//! checked; with an unknown extension it is read as plain text.

use std::path::{Path, PathBuf};

use glossa_engine::glossary::LoadError;
use glossa_engine::scan::FileKind;
use glossa_project::projects::{self, ByConfig};
use glossa_project::{Project, files};

/// One file to check.
pub struct Target {
    pub path: PathBuf,
    pub kind: FileKind,
    pub project: usize,
}

/// The projects of a run, loaded once per config (found by `glossa_project::projects`, the
/// same discovery and cache the server uses).
pub struct Projects {
    index: ByConfig<usize>,
    pub loaded: Vec<Project>,
}

impl Projects {
    /// `fixed`: a config named on the command line, serving every file.
    pub fn new(fixed: Option<PathBuf>) -> Projects {
        Projects {
            index: ByConfig::new(fixed),
            loaded: Vec::new(),
        }
    }

    /// The project of a file (index into `loaded`).
    pub fn for_path(&mut self, path: &Path) -> Result<usize, LoadError> {
        let key = self.index.key_for(path);
        if let Some(i) = self.index.get(&key) {
            return Ok(*i);
        }
        self.loaded.push(projects::load(&key, path)?);
        let i = self.loaded.len() - 1;
        self.index.insert(key, i);
        Ok(i)
    }
}

/// A command's projects live until the process exits, and the process frees them at once: freeing
/// a large glossary name by name took a tenth of a 1M-name `check` (BENCHMARKS.md, glossary load).
impl Drop for Projects {
    fn drop(&mut self) {
        std::mem::forget(std::mem::take(&mut self.loaded));
    }
}

/// Expands the command line's paths into files to check. Errors that concern one path (it does
/// not exist, its config is broken) are returned beside the targets, so the run goes on.
pub fn collect(paths: &[PathBuf], projects: &mut Projects) -> (Vec<Target>, Vec<String>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        if root.is_file() {
            match projects.for_path(root) {
                Ok(p) => {
                    let kind = projects.loaded[p].file_kind(root).unwrap_or(FileKind::Text);
                    targets.push(Target {
                        path: root.clone(),
                        kind,
                        project: p,
                    });
                }
                Err(e) => errors.push(e.to_string()),
            }
            continue;
        }
        if !root.exists() {
            errors.push(format!("{}: no such file or folder", root.display()));
            continue;
        }
        let (paths, walk_errors) = files::walk(root);
        errors.extend(walk_errors);
        for path in paths {
            let p = match projects.for_path(&path) {
                Ok(p) => p,
                Err(e) => {
                    let msg = e.to_string();
                    if !errors.contains(&msg) {
                        errors.push(msg);
                    }
                    continue;
                }
            };
            if let Some(kind) = projects.loaded[p].checks(&path) {
                targets.push(Target {
                    path,
                    kind,
                    project: p,
                });
            }
        }
    }
    // A file named twice (or by two paths, or through a link) is checked and fixed once.
    let mut seen = std::collections::HashSet::new();
    targets.retain(|t| seen.insert(files::FileKey::of(&t.path)));
    (targets, errors)
}

/// Reads a file to check: an error for unreadable, binary or non-UTF-8 files.
pub fn read_text(path: &Path) -> Result<String, String> {
    files::read_text(path).map_err(|e| e.skipped(path))
}
