//! Every file glossa writes goes through [`replace`]: `check --fix`, "add to project glossary",
//! the read-only copy of the embedded pages in the cache folder.
//!
//! The guarantees, each with its test below:
//! - **Atomic**: the new text goes to a temporary file in the same folder, is flushed to disk,
//!   then renamed over the file; a reader sees the old or the new file, never half of one.
//! - **Exclusive**: the temporary file is created with `O_EXCL` under an unpredictable name (the
//!   `tempfile` crate), so a link planted at a predictable name cannot redirect the write.
//! - **No link followed**: a path that is a symbolic link is refused (a rewrite would replace the
//!   link by a file, and writing through it could reach outside the repository); a file with
//!   several hard links is refused (the rename would silently split them); so is a read-only file.
//! - **Inside the allowed folder**: with `within`, the file's real folder (after resolving every
//!   link in it) must be inside the real `within` folder.
//! - **No byte lost**: the caller says what it read ([`Expect`]); just before the rename the file
//!   is compared with that, and a file changed meanwhile (someone appended to it while `--fix`
//!   ran) is left alone with [`WriteError::Changed`].

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// What the caller believes is on disk now.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// The file held exactly these bytes when it was read.
    Contents(&'a [u8]),
    /// The file did not exist; the write creates it (and fails if someone else created it).
    Absent,
}

/// Why a write was refused or failed. Every variant names the path in its message.
#[derive(Debug)]
pub enum WriteError {
    Link(PathBuf),
    HardLinks(PathBuf, u64),
    ReadOnly(PathBuf),
    NotAFile(PathBuf),
    Outside { path: PathBuf, root: PathBuf },
    Changed(PathBuf),
    Io(PathBuf, io::Error),
}

impl WriteError {
    /// The file the write was for.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::Link(p)
            | WriteError::HardLinks(p, _)
            | WriteError::ReadOnly(p)
            | WriteError::NotAFile(p)
            | WriteError::Changed(p)
            | WriteError::Io(p, _) => p,
            WriteError::Outside { path, .. } => path,
        }
    }

    /// Why, without the path.
    pub fn reason(&self) -> String {
        match self {
            WriteError::Link(_) => "not written: it is a symbolic link (glossa never writes \
                                    through links; edit the file it points to)"
                .to_owned(),
            WriteError::HardLinks(_, n) => format!(
                "not written: the file has {n} hard links, which a safe rewrite would break"
            ),
            WriteError::ReadOnly(_) => "not written: the file is read-only".to_owned(),
            WriteError::NotAFile(_) => "not written: not a regular file".to_owned(),
            WriteError::Outside { root, .. } => {
                format!("not written: it is outside {}", root.display())
            }
            WriteError::Changed(_) => {
                "not written: the file changed on disk since it was read (run again)".to_owned()
            }
            WriteError::Io(_, e) => format!("cannot write: {e}"),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path().display(), self.reason())
    }
}

impl std::error::Error for WriteError {}

/// Replaces (or creates) `path` with `text`, under the guarantees of this module.
pub fn replace(
    path: &Path,
    expect: Expect<'_>,
    text: &[u8],
    within: Option<&Path>,
) -> Result<(), WriteError> {
    let io_err = |e| WriteError::Io(path.to_path_buf(), e);
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    if let Some(meta) = &existing {
        let kind = meta.file_type();
        if kind.is_symlink() {
            return Err(WriteError::Link(path.to_path_buf()));
        }
        if !kind.is_file() {
            return Err(WriteError::NotAFile(path.to_path_buf()));
        }
        if meta.permissions().readonly() {
            return Err(WriteError::ReadOnly(path.to_path_buf()));
        }
        let links = hard_links(meta);
        if links > 1 {
            return Err(WriteError::HardLinks(path.to_path_buf(), links));
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Some(root) = within {
        check_within(path, &dir, root)?;
    }
    std::fs::create_dir_all(&dir).map_err(io_err)?;
    if let Some(root) = within {
        // Created folders could have raced with a planted link: check the real folder again.
        check_within(path, &dir, root)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".glossa-tmp")
        .tempfile_in(&dir)
        .map_err(io_err)?;
    tmp.write_all(text).map_err(io_err)?;
    if let Some(meta) = &existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io_err)?;
    }
    tmp.as_file().sync_all().map_err(io_err)?;
    match expect {
        Expect::Contents(before) => {
            if !unchanged(path, before).map_err(io_err)? {
                return Err(WriteError::Changed(path.to_path_buf()));
            }
            tmp.persist(path).map_err(|e| io_err(e.error))?;
        }
        Expect::Absent => {
            // Fails (and keeps the other writer's file) if the file appeared meanwhile.
            tmp.persist_noclobber(path).map_err(|e| {
                if e.error.kind() == io::ErrorKind::AlreadyExists {
                    WriteError::Changed(path.to_path_buf())
                } else {
                    io_err(e.error)
                }
            })?;
        }
    }
    // The rename itself is durable once the folder is flushed; a failure here loses nothing.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Whether `path` still holds exactly `before`, compared in chunks (no second copy in memory).
fn unchanged(path: &Path, before: &[u8]) -> io::Result<bool> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    if file.metadata()?.len() != before.len() as u64 {
        return Ok(false);
    }
    let mut buf = vec![0; 64 * 1024];
    let mut at = 0;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(at == before.len());
        }
        if at + n > before.len() || buf[..n] != before[at..at + n] {
            return Ok(false);
        }
        at += n;
    }
}

fn check_within(path: &Path, dir: &Path, root: &Path) -> Result<(), WriteError> {
    let real_root = root
        .canonicalize()
        .map_err(|e| WriteError::Io(root.to_path_buf(), e))?;
    // The deepest folder of `dir` that exists, resolved; folders still to create are plain
    // names below it.
    let outside = || WriteError::Outside {
        path: path.to_path_buf(),
        root: root.to_path_buf(),
    };
    let mut existing = dir.to_path_buf();
    while !existing.exists() {
        // A missing folder followed by `..` cannot be resolved: it could climb anywhere.
        let (Some(name), Some(parent)) = (existing.file_name(), existing.parent()) else {
            return Err(outside());
        };
        if name == ".." {
            return Err(outside());
        }
        existing = if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent.to_path_buf()
        };
    }
    let real_dir = existing
        .canonicalize()
        .map_err(|e| WriteError::Io(existing.clone(), e))?;
    if !real_dir.starts_with(&real_root) {
        return Err(outside());
    }
    Ok(())
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn replaces_a_file_and_keeps_its_permissions() {
        let d = dir();
        let p = d.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        replace(&p, Expect::Contents(b"old"), b"new", Some(d.path())).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let left: Vec<_> = std::fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    /// Regression: text appended while `--fix` ran was lost; now the file is left alone.
    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let d = dir();
        let p = d.path().join("a.md");
        std::fs::write(&p, "old\nappended by someone else\n").unwrap();
        let err = replace(&p, Expect::Contents(b"old\n"), b"new\n", None).unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "old\nappended by someone else\n"
        );
    }

    #[test]
    fn creating_a_file_someone_else_created_meanwhile_keeps_theirs() {
        let d = dir();
        let p = d.path().join("glossary.toml");
        std::fs::write(&p, "theirs").unwrap();
        let err = replace(&p, Expect::Absent, b"ours", None).unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "theirs");
    }

    /// Regression: a symlink named on the command line was replaced by a regular file.
    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_never_written_through_or_replaced() {
        let d = dir();
        let outside = dir();
        let target = outside.path().join("victim");
        std::fs::write(&target, "precious").unwrap();
        let link = d.path().join("a.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = replace(&link, Expect::Contents(b"precious"), b"x", None).unwrap_err();
        assert!(matches!(err, WriteError::Link(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    }

    /// Regression: the temporary file had a predictable name and was written with `fs::write`,
    /// which follows a link planted at that name.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_an_old_temporary_name_is_not_followed() {
        let d = dir();
        let outside = dir();
        let victim = outside.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let p = d.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        for name in [
            format!(".a.md.glossa-{}.tmp", std::process::id()),
            ".a.md.glossa-tmp".to_owned(),
        ] {
            std::os::unix::fs::symlink(&victim, d.path().join(name)).unwrap();
        }
        replace(&p, Expect::Contents(b"old"), b"new", None).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_linked_file_is_refused() {
        let d = dir();
        let p = d.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        std::fs::hard_link(&p, d.path().join("b.md")).unwrap();
        let err = replace(&p, Expect::Contents(b"old"), b"new", None).unwrap_err();
        assert!(matches!(err, WriteError::HardLinks(_, 2)), "{err}");
        assert_eq!(
            std::fs::read_to_string(d.path().join("b.md")).unwrap(),
            "old"
        );
    }

    #[test]
    fn a_read_only_file_is_refused() {
        let d = dir();
        let p = d.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        let err = replace(&p, Expect::Contents(b"old"), b"new", None).unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
    }

    #[test]
    fn nothing_is_written_outside_the_allowed_folder() {
        let root = dir();
        let other = dir();
        let p = other.path().join("x.toml");
        let err = replace(&p, Expect::Absent, b"x", Some(root.path())).unwrap_err();
        assert!(matches!(err, WriteError::Outside { .. }), "{err}");
        assert!(!p.exists());
        let climbing = root.path().join("new/../../x.toml");
        let err = replace(&climbing, Expect::Absent, b"x", Some(root.path())).unwrap_err();
        assert!(matches!(err, WriteError::Outside { .. }), "{err}");
    }

    /// A folder inside the workspace that is a link to somewhere else does not make its
    /// target part of the workspace.
    #[cfg(unix)]
    #[test]
    fn a_linked_folder_inside_the_root_does_not_lead_outside() {
        let root = dir();
        let other = dir();
        std::os::unix::fs::symlink(other.path(), root.path().join("docs")).unwrap();
        let p = root.path().join("docs/glossary.toml");
        let err = replace(&p, Expect::Absent, b"x", Some(root.path())).unwrap_err();
        assert!(matches!(err, WriteError::Outside { .. }), "{err}");
        assert!(!other.path().join("glossary.toml").exists());
    }
}
