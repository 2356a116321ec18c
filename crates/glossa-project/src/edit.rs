//! Adding a term to a project's glossary on disk ("Add to project glossary" in the editor).
//!
//! Which file: the project's first native (`.toml`) glossary. When it has none, `glossary.toml`
//! is created next to the project's `glossa.toml` and added to its `glossaries`; when there is no
//! `glossa.toml` either, one is created in `root` (the workspace folder) naming `glossary.toml`,
//! with `builtin` left at its default. Files are edited with toml_edit (comments and layout
//! kept) and written through [`super::write::replace`]: atomically, never through a link, only
//! inside `root`, and never over a change someone else made since the file was read. A
//! `glossaries` entry or a `glossa.toml` outside `root` (`../x.toml`, an absolute path, a config
//! found above the workspace) is refused, not written.

use std::path::{Path, PathBuf};

use super::write::{Expect, replace};
use super::{CONFIG_FILE, Config};
use glossa_engine::glossary::LoadError;
use glossa_engine::glossary::edit::{add_concept, add_glossary_path};

/// The name of the glossary file created when a project has none.
pub const NEW_GLOSSARY: &str = "glossary.toml";

/// Adds `term` as a new concept to the project's glossary; returns the files written.
pub fn add_term(config: &Config, root: &Path, term: &str) -> Result<Vec<PathBuf>, LoadError> {
    let mut written = Vec::new();
    let glossary = match config
        .glossaries
        .iter()
        .find(|g| g.format() == Some(glossa_engine::glossary::formats::Format::Native))
    {
        Some(g) => g.path.clone(),
        None => {
            let (config_path, dir) = match &config.path {
                Some(p) => (p.clone(), config.root.clone()),
                None => (root.join(CONFIG_FILE), root.to_path_buf()),
            };
            let shown = config_path.display().to_string();
            let text = read_or_empty(&config_path)?;
            let new = add_glossary_path(&shown, text.as_deref().unwrap_or(""), NEW_GLOSSARY)?;
            write(&config_path, text.as_deref(), &new, root)?;
            written.push(config_path);
            dir.join(NEW_GLOSSARY)
        }
    };
    let shown = glossary.display().to_string();
    let text = read_or_empty(&glossary)?;
    let new = add_concept(&shown, text.as_deref().unwrap_or(""), term)?;
    write(&glossary, text.as_deref(), &new, root)?;
    written.push(glossary);
    Ok(written)
}

/// The file's text, `None` when it does not exist.
fn read_or_empty(path: &Path) -> Result<Option<String>, LoadError> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(LoadError::new(
            path.display().to_string(),
            0,
            0,
            format!("cannot read: {e}"),
        )),
    }
}

/// Writes `text` over what was read (`before`; `None`: the file did not exist), inside `root`.
fn write(path: &Path, before: Option<&str>, text: &str, root: &Path) -> Result<(), LoadError> {
    let expect = match before {
        Some(b) => Expect::Contents(b.as_bytes()),
        None => Expect::Absent,
    };
    replace(path, expect, text.as_bytes(), Some(root))
        .map_err(|e| LoadError::new(path.display().to_string(), 0, 0, e.reason()))
}
