//! Searching a folder tree for occurrences of concepts: the server's workspace-wide references;
//! and the list of files a project checks there (the server's workspace diagnostics).
//!
//! Walks and reads through [`crate::files`] (so `.gitignore`d, hidden, binary and non-UTF-8
//! files are skipped as `glossa check` skips them) and scans each with the project's matcher.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::Project;
use glossa_engine::analysis::occurrences::occurrences;
use glossa_engine::glossary::ConceptId;
use glossa_engine::scan::{self, FileKind};

/// The occurrences found in one file.
#[derive(Debug, Clone)]
pub struct FileOccurrences {
    pub path: PathBuf,
    pub text: String,
    pub ranges: Vec<Range<usize>>,
}

/// Every occurrence of `concepts` in the checkable files under `root`, except the paths in `skip`
/// (documents open in the editor, whose text on disk is stale).
pub fn find_in_tree(
    root: &Path,
    project: &Project,
    concepts: &[ConceptId],
    skip: &HashSet<PathBuf>,
) -> Vec<FileOccurrences> {
    let mut out = Vec::new();
    for (path, kind) in checkable_files(root, project) {
        if skip.contains(&path) {
            continue;
        }
        let Ok(text) = crate::files::read_text(&path) else {
            continue;
        };
        let matches = scan::scan(&text, kind, &project.matcher);
        let ranges: Vec<Range<usize>> = occurrences(&text, &project.glossary, &matches, concepts)
            .into_iter()
            .map(|m| m.range)
            .collect();
        if !ranges.is_empty() {
            out.push(FileOccurrences { path, text, ranges });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The files under `root` the project checks (a kind it knows, not ignored; `.gitignore`d and
/// hidden files skipped), sorted: what `find_in_tree` and the server's workspace diagnostics read.
pub fn checkable_files(root: &Path, project: &Project) -> Vec<(PathBuf, FileKind)> {
    crate::files::walk(root)
        .0
        .into_iter()
        .filter_map(|path| project.checks(&path).map(|kind| (path, kind)))
        .collect()
}
