//! Adding a term to a project's glossary on disk ("Add to project glossary" in the editor).
//!
//! Which file: the project's first native (`.toml`) glossary. When it has none, `glossary.toml`
//! is created next to the project's `glossa.toml` and added to its `glossaries`; when there is no
//! `glossa.toml` either, one is created in `root` (the workspace folder) naming `glossary.toml`,
//! with `builtin` left at its default. Files are edited with toml_edit (comments and layout
//! kept) and written atomically: a temporary file in the same folder, then a rename.

use std::path::{Path, PathBuf};

use super::{CONFIG_FILE, Config};
use crate::glossary::LoadError;
use crate::glossary::edit::{add_concept, add_glossary_path};

/// The name of the glossary file created when a project has none.
pub const NEW_GLOSSARY: &str = "glossary.toml";

/// Adds `term` as a new concept to the project's glossary; returns the files written.
pub fn add_term(config: &Config, root: &Path, term: &str) -> Result<Vec<PathBuf>, LoadError> {
    let mut written = Vec::new();
    let glossary = match config
        .glossaries
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        Some(p) => p.clone(),
        None => {
            let (config_path, dir) = match &config.path {
                Some(p) => (p.clone(), config.root.clone()),
                None => (root.join(CONFIG_FILE), root.to_path_buf()),
            };
            let shown = config_path.display().to_string();
            let text = read_or_empty(&config_path)?;
            let new = add_glossary_path(&shown, &text, NEW_GLOSSARY)?;
            write_atomic(&config_path, &new)?;
            written.push(config_path);
            dir.join(NEW_GLOSSARY)
        }
    };
    let shown = glossary.display().to_string();
    let text = read_or_empty(&glossary)?;
    let new = add_concept(&shown, &text, term)?;
    write_atomic(&glossary, &new)?;
    written.push(glossary);
    Ok(written)
}

fn read_or_empty(path: &Path) -> Result<String, LoadError> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(LoadError::new(
            path.display().to_string(),
            0,
            0,
            format!("cannot read: {e}"),
        )),
    }
}

/// Writes `text` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), LoadError> {
    super::write_atomic(path, text).map_err(|e| {
        LoadError::new(
            path.display().to_string(),
            0,
            0,
            format!("cannot write: {e}"),
        )
    })
}
