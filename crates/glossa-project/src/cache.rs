//! The user's cache folder, and the embedded corpus pages written there once, read-only, so
//! an editor can open the entry a hover or a diagnostic points to.
//!
//! Writing happens only in [`write_builtin_pages`], which the server calls once on a worker when
//! a client initializes; converting a location afterwards only looks the path up.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::write::{Expect, replace};

/// This version's folder in the user's cache folder, found by the platform's convention
/// (`dirs::cache_dir`: `$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS,
/// `%LOCALAPPDATA%` on Windows); the temporary folder when there is none.
pub fn cache_folder() -> PathBuf {
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("glossa")
        .join(env!("CARGO_PKG_VERSION"))
}

/// Writes each embedded corpus page (`corpus/ai-factory/…`) to the cache folder unless an
/// identical copy is there, and returns where each one is. A page that cannot be written is
/// left out (its locations are then not shown), and logged by the caller's tracing.
pub fn write_builtin_pages() -> HashMap<String, PathBuf> {
    glossa_engine::glossary::corpus::PAGES
        .iter()
        .filter_map(|(rel, text)| Some(((*rel).to_owned(), write_page(rel, text)?)))
        .collect()
}

/// Always the read-only copy of this version's page in the cache folder, never the checkout
/// the binary was built from: that file may be of another version, and editing it does nothing.
fn write_page(rel: &str, text: &str) -> Option<PathBuf> {
    let file = cache_folder().join(rel);
    if std::fs::read(&file).ok().as_deref() == Some(text.as_bytes()) {
        return Some(file);
    }
    // A stale or damaged copy is read-only: make it writable for the atomic replace.
    if let Ok(meta) = std::fs::symlink_metadata(&file)
        && meta.is_file()
    {
        let mut perms = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        let _ = std::fs::set_permissions(&file, perms);
    }
    let before = std::fs::read(&file).ok();
    let expect = before.as_deref().map_or(Expect::Absent, Expect::Contents);
    replace(&file, expect, text.as_bytes(), None).ok()?;
    if let Ok(meta) = std::fs::metadata(&file) {
        let mut perms = meta.permissions();
        perms.set_readonly(true);
        let _ = std::fs::set_permissions(&file, perms);
    }
    Some(file)
}
