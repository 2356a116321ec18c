//! CLI tests as data, run by trycmd (the runner typos uses). `tests/cmd/<case>.toml` holds the
//! command (`bin.name`, `args`), the expected `status.code` (none: 0), `stdout` and `stderr`.
//! Every case runs in a sandbox (`fs.sandbox = true`): a temporary copy of `tests/cmd/<case>.in/`,
//! or of the folder `fs.base` names when cases share one, so fixes never touch the repository;
//! `[CWD]` in expectations stands for that folder. `<case>.out/` holds files as they must be
//! after the run (only those are compared).
//!
//! trycmd compares text with every `\` of the output read as `/` (and would bless it so): a case
//! whose output holds a backslash (JSON, SARIF, regexes) is `binary = true`, compared byte for
//! byte, with its expectations in `<case>.stdout` and `<case>.stderr`.
//!
//! `TRYCMD=overwrite cargo test --test cli` rewrites the expectations from the actual output; read
//! the diff before committing it. `cargo test --test cli -- cli_cases trycmd=NAME` runs the cases
//! whose file name contains NAME. What trycmd cannot set up (links, permissions, a git history)
//! is in the tests below.

use std::path::Path;
use std::process::Command;

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("glossa", Path::new(env!("CARGO_BIN_EXE_glossa")))
        // As if unset (the default filter is `warn`): a developer's GLOSSA_LOG stays out of the
        // expected stderr.
        .env("GLOSSA_LOG", "warn")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
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
