//! Which project serves a file, and one value per project: the one cache the CLI (`check`,
//! `terms`) and the server (its project slots) share.
//!
//! A file is served by the nearest `glossa.toml` above it, or by a config named on the command
//! line, or by the defaults when there is none ([`ConfigKey`] `None`). Discovery walks up the
//! folders once per folder ([`ByConfig::key_for`] remembers each folder's answer), and each
//! config gets one value, made on first use. What the value is belongs to the caller: the CLI
//! keeps a loaded [`Project`], the server a slot that loads on a worker. A caller that sees a
//! `glossa.toml` appear, change or go away calls [`ByConfig::forget_discovery`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use glossa_engine::glossary::LoadError;

use crate::Project;
use crate::config::{self, Config};

/// The config that serves a file: its path, or `None` for the defaults.
pub type ConfigKey = Option<PathBuf>;

/// One value per config, and the config of each folder as found.
#[derive(Debug)]
pub struct ByConfig<T> {
    /// A config named by the user (`--config`): it serves every file.
    fixed: Option<PathBuf>,
    /// The config found for each folder asked about.
    dirs: HashMap<PathBuf, ConfigKey>,
    values: HashMap<ConfigKey, T>,
}

impl<T> Default for ByConfig<T> {
    fn default() -> Self {
        ByConfig::new(None)
    }
}

impl<T> ByConfig<T> {
    /// An empty cache; `fixed` is a config that serves every file.
    pub fn new(fixed: Option<PathBuf>) -> ByConfig<T> {
        ByConfig {
            fixed,
            dirs: HashMap::new(),
            values: HashMap::new(),
        }
    }

    /// The config serving `path`, a file or a folder (reads file metadata, once per folder).
    pub fn key_for(&mut self, path: &Path) -> ConfigKey {
        if let Some(fixed) = &self.fixed {
            return Some(fixed.clone());
        }
        let dir = folder_of(path);
        if let Some(key) = self.dirs.get(&dir) {
            return key.clone();
        }
        let key = config::find(&dir);
        self.dirs.insert(dir, key.clone());
        key
    }

    /// The value of `key`, made by `make` the first time.
    pub fn get_or_insert_with(
        &mut self,
        key: ConfigKey,
        make: impl FnOnce(&ConfigKey) -> T,
    ) -> &mut T {
        self.values.entry(key).or_insert_with_key(make)
    }

    /// The value of `key`, if made.
    pub fn get(&self, key: &ConfigKey) -> Option<&T> {
        self.values.get(key)
    }

    /// Sets the value of `key`.
    pub fn insert(&mut self, key: ConfigKey, value: T) {
        self.values.insert(key, value);
    }

    /// Forgets the value of `key` (its config went away); the next file asks again.
    pub fn remove(&mut self, key: &ConfigKey) -> Option<T> {
        self.values.remove(key)
    }

    /// Every value, in the order of their configs (the defaults first).
    pub fn sorted(&self) -> Vec<(&ConfigKey, &T)> {
        let mut all: Vec<_> = self.values.iter().collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// Every value, in no order.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.values.values_mut()
    }

    /// Forgets which config each folder has: a `glossa.toml` appeared, changed or went away.
    pub fn forget_discovery(&mut self) {
        self.dirs.clear();
    }
}

/// The folder where discovery starts for `path`: the path itself when it is a folder, else its
/// parent (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Loads the project of a config; with none, the defaults rooted at the folder of `start`.
pub fn load(key: &ConfigKey, start: &Path) -> Result<Project, LoadError> {
    Project::load(config_of(key, start)?)
}

/// The config [`load`] loads the glossaries of.
pub fn config_of(key: &ConfigKey, start: &Path) -> Result<Config, LoadError> {
    match key {
        Some(path) => config::load(path),
        None => Ok(Config::default_for(&folder_of(start))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree with a config at its root, one in `sub`, and a file in each folder.
    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
        std::fs::write(root.join("glossa.toml"), "builtin = true\n").unwrap();
        std::fs::write(root.join("sub/glossa.toml"), "builtin = false\n").unwrap();
        for f in ["a.md", "sub/b.md", "sub/deeper/c.md"] {
            std::fs::write(root.join(f), "text\n").unwrap();
        }
        dir
    }

    #[test]
    fn a_file_is_served_by_the_nearest_config_above_it() {
        let dir = tree();
        let root = std::path::absolute(dir.path()).unwrap();
        let mut by: ByConfig<()> = ByConfig::new(None);
        assert_eq!(
            by.key_for(&root.join("a.md")),
            Some(root.join("glossa.toml"))
        );
        assert_eq!(
            by.key_for(&root.join("sub/deeper/c.md")),
            Some(root.join("sub/glossa.toml"))
        );
        // A folder is its own start.
        assert_eq!(
            by.key_for(&root.join("sub")),
            Some(root.join("sub/glossa.toml"))
        );
    }

    #[test]
    fn a_fixed_config_serves_every_file() {
        let dir = tree();
        let root = std::path::absolute(dir.path()).unwrap();
        let fixed = root.join("glossa.toml");
        let mut by: ByConfig<()> = ByConfig::new(Some(fixed.clone()));
        assert_eq!(by.key_for(&root.join("sub/b.md")), Some(fixed));
    }

    #[test]
    fn discovery_is_remembered_until_forgotten() {
        let dir = tree();
        let root = std::path::absolute(dir.path()).unwrap();
        let mut by: ByConfig<()> = ByConfig::new(None);
        let file = root.join("sub/deeper/c.md");
        assert_eq!(by.key_for(&file), Some(root.join("sub/glossa.toml")));
        std::fs::write(root.join("sub/deeper/glossa.toml"), "").unwrap();
        // Remembered: the new config is not seen yet.
        assert_eq!(by.key_for(&file), Some(root.join("sub/glossa.toml")));
        by.forget_discovery();
        assert_eq!(by.key_for(&file), Some(root.join("sub/deeper/glossa.toml")));
    }

    #[test]
    fn one_value_per_config_made_once() {
        let dir = tree();
        let root = std::path::absolute(dir.path()).unwrap();
        let mut by: ByConfig<usize> = ByConfig::new(None);
        let mut made = 0;
        for f in ["sub/b.md", "sub/deeper/c.md", "a.md", "sub/b.md"] {
            let key = by.key_for(&root.join(f));
            by.get_or_insert_with(key, |_| {
                made += 1;
                made
            });
        }
        assert_eq!(made, 2);
        let keys: Vec<_> = by
            .sorted()
            .into_iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        assert_eq!(
            keys,
            [
                (Some(root.join("glossa.toml")), 2),
                (Some(root.join("sub/glossa.toml")), 1)
            ]
        );
    }

    #[test]
    fn the_defaults_are_rooted_at_the_files_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "").unwrap();
        let project = load(&None, &dir.path().join("a.md")).unwrap();
        assert_eq!(project.config.root, dir.path());
    }
}
