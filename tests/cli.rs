//! CLI tests as data, in the manner of trycmd: `tests/cmd/<case>.toml` holds the arguments, the
//! expected exit status, stdout and stderr (and, for `--fix`, files as they must be after the
//! run); `tests/cmd/<case>.in/` is the folder the command runs in (copied to a temporary folder
//! first, so fixes never touch the repository; `input = "name"` shares `name.in/`). `[ROOT]` in expectations stands for that folder.
//!
//! `GLOSSA_BLESS=1 cargo test --test cli` rewrites the expectations from the actual output; read
//! the diff before committing it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
struct Case {
    /// The input folder `tests/cmd/<input>.in/`, when it is not this case's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    input: Option<String>,
    args: Vec<String>,
    status: i32,
    #[serde(default)]
    stdout: String,
    #[serde(default)]
    stderr: String,
    /// Path (relative to the run folder) → expected content after the run.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    files_after: BTreeMap<String, String>,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn run_case(toml_path: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(toml_path).unwrap();
    let case: Case =
        toml::from_str(&source).map_err(|e| format!("{}: {e}", toml_path.display()))?;
    let input = match &case.input {
        Some(name) => toml_path.with_file_name(format!("{name}.in")),
        None => toml_path.with_extension("in"),
    };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    if input.is_dir() {
        copy_dir(&input, &root);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args(&case.args)
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .env_remove("GLOSSA_LOG")
        .output()
        .unwrap();
    let root_s = root.display().to_string();
    let stdout = String::from_utf8_lossy(&out.stdout).replace(&root_s, "[ROOT]");
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&root_s, "[ROOT]");
    let status = out.status.code().unwrap_or(-1);
    let files_after: BTreeMap<String, String> = case
        .files_after
        .keys()
        .map(|k| {
            (
                k.clone(),
                std::fs::read_to_string(root.join(k)).unwrap_or_default(),
            )
        })
        .collect();

    if std::env::var_os("GLOSSA_BLESS").is_some() {
        let blessed = Case {
            input: case.input.clone(),
            args: case.args.clone(),
            status,
            stdout,
            stderr,
            files_after,
        };
        // Keep the case's leading comment (what it reproduces) above the new expectations.
        let comment: String = source
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(toml_path, comment + &toml::to_string(&blessed).unwrap()).unwrap();
        return Ok(());
    }
    let mut errors = Vec::new();
    if status != case.status {
        errors.push(format!("status: expected {}, got {status}", case.status));
    }
    if stdout != case.stdout {
        errors.push(format!(
            "stdout differs:\n--- expected\n{}\n--- actual\n{stdout}",
            case.stdout
        ));
    }
    if stderr != case.stderr {
        errors.push(format!(
            "stderr differs:\n--- expected\n{}\n--- actual\n{stderr}",
            case.stderr
        ));
    }
    for (k, expected) in &case.files_after {
        if &files_after[k] != expected {
            errors.push(format!(
                "{k} after the run differs:\n--- expected\n{expected}\n--- actual\n{}",
                files_after[k]
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} ({}):\n{}",
            toml_path.display(),
            case.args.join(" "),
            errors.join("\n")
        ))
    }
}

#[test]
fn cli_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} CLI cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Regression: `check --fix` on a symbolic link replaced the link by a regular file (and wrote
/// to wherever it pointed). Now the link and its target are left alone, with a clear error.
#[cfg(unix)]
#[test]
fn fix_never_writes_through_a_symbolic_link() {
    let repo = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    for f in ["glossa.toml", "glossary.toml"] {
        std::fs::copy(
            Path::new("tests/cmd/check_fix.in").join(f),
            repo.path().join(f),
        )
        .unwrap();
    }
    let target = outside.path().join("victim.md");
    std::fs::write(&target, "We use finetuning.\n").unwrap();
    std::os::unix::fs::symlink(&target, repo.path().join("notes.md")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args(["check", "--fix", "notes.md"])
        .current_dir(repo.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("notes.md: fixes not written: it is a symbolic link"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "We use finetuning.\n"
    );
    let link = repo.path().join("notes.md").symlink_metadata().unwrap();
    assert!(link.file_type().is_symlink());
}

/// `check --diff REV` in a real git repository: only the finding on the line changed since the
/// commit is reported; the same mistake on an unchanged line is not.
#[test]
fn diff_reports_only_lines_changed_since_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    std::fs::write(
        root.join("glossa.toml"),
        "glossaries = [\"g.toml\"]\nbuiltin = false\n",
    )
    .unwrap();
    std::fs::write(
        root.join("g.toml"),
        "[[concept]]\nterm = \"fine-tuning\"\ndeprecated = [\"finetuning\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("notes.md"), "Old finetuning.\n\nKept.\n").unwrap();
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "first"]);
    std::fs::write(
        root.join("notes.md"),
        "Old finetuning.\n\nKept.\nNew finetuning.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args(["check", "--format", "github", "--diff", "HEAD", "notes.md"])
        .current_dir(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(lines[0].contains("line=4,"), "{stdout}");

    let bad = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args(["check", "--diff", "no-such-rev", "notes.md"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("git diff failed"));
}

/// A repository with the `check_fix` project and `notes.md` holding a deprecated name.
#[cfg(unix)]
fn fix_repo() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    for f in ["glossa.toml", "glossary.toml"] {
        std::fs::copy(
            Path::new("tests/cmd/check_fix.in").join(f),
            repo.path().join(f),
        )
        .unwrap();
    }
    std::fs::write(repo.path().join("notes.md"), "We use finetuning.\n").unwrap();
    repo
}

#[cfg(unix)]
fn fix_notes(repo: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args(["check", "--fix", "notes.md"])
        .current_dir(repo)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// Regression (issue 7): `check --fix` on a file with a second hard link broke the link (the
/// other name kept the old text). Now it is refused with a clear message; both names agree.
#[cfg(unix)]
#[test]
fn fix_refuses_a_hard_linked_file() {
    let repo = fix_repo();
    let other = repo.path().join("other-name.md");
    std::fs::hard_link(repo.path().join("notes.md"), &other).unwrap();
    let (status, stderr) = fix_notes(repo.path());
    assert_eq!(status, Some(2), "{stderr}");
    assert!(
        stderr.contains("notes.md: fixes not written") && stderr.contains("link"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "We use finetuning.\n"
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join("notes.md")).unwrap(),
        "We use finetuning.\n"
    );
}

/// Regression (issue 7): `check --fix` rewrote a read-only (0444) file. Now it is refused.
#[cfg(unix)]
#[test]
fn fix_refuses_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let repo = fix_repo();
    let notes = repo.path().join("notes.md");
    std::fs::set_permissions(&notes, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (status, stderr) = fix_notes(repo.path());
    assert_eq!(status, Some(2), "{stderr}");
    assert!(
        stderr.contains("notes.md: fixes not written") && stderr.contains("read-only"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "We use finetuning.\n"
    );
    let mode = std::fs::metadata(&notes).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}
