//! Tidy checks of the workspace: the architecture invariants, held by the crate graph where the
//! compiler can hold them (`cargo tree`), and by a look at the sources where it cannot.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Every package that `crate` depends on at run time (normal edges only, transitively).
fn normal_dependencies(krate: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree", "--locked", "-e", "normal", "--prefix", "none", "-p", krate,
        ])
        .current_dir(root())
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree -p {krate}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// **Architecture invariant:** the engine has no async runtime, no LSP and no CLI in its
/// dependency tree, and the project crate (the disk) has no LSP and no CLI either. The
/// compiler then refuses any engine code that names them.
#[test]
fn engine_and_project_trees_have_no_runtime_lsp_or_cli() {
    let banned = [
        "tokio",
        "tower-lsp-server",
        "tower",
        "futures",
        "clap",
        "anyhow",
        "tracing-subscriber",
        "glossa-server",
        "glossa-project",
    ];
    let engine = normal_dependencies("glossa-engine");
    assert!(engine.iter().any(|d| d == "aho-corasick"), "{engine:?}");
    let bad: Vec<_> = engine
        .iter()
        .filter(|d| banned.contains(&d.as_str()))
        .collect();
    assert!(bad.is_empty(), "glossa-engine depends on {bad:?}");

    let project = normal_dependencies("glossa-project");
    assert!(project.iter().any(|d| d == "glossa-engine"), "{project:?}");
    let bad: Vec<_> = project
        .iter()
        .filter(|d| banned[..banned.len() - 1].contains(&d.as_str()))
        .collect();
    assert!(bad.is_empty(), "glossa-project depends on {bad:?}");
}

/// **Architecture invariant:** the engine does no I/O: it reads no files, starts no processes
/// and opens no sockets. (A crate graph cannot say this: `std` is always there.)
#[test]
fn engine_does_no_io() {
    let offenders = lines_naming(
        &root().join("crates/glossa-engine/src"),
        &["std::fs", "std::net", "std::process", "std::env", "File::"],
    );
    assert!(
        offenders.is_empty(),
        "engine code doing I/O:\n{}",
        offenders.join("\n")
    );
}

/// **Architecture invariant:** only `glossa-server` knows LSP types. The CLI depends on the
/// server crate (to run `glossa lsp`), so the compiler alone does not stop it naming them.
#[test]
fn cli_does_not_know_lsp_types() {
    let offenders = lines_naming(
        &root().join("src"),
        &["tower_lsp_server", "ls_types", "lsp_types"],
    );
    assert!(
        offenders.is_empty(),
        "CLI code names LSP types:\n{}",
        offenders.join("\n")
    );
}

/// "file:line: code" for every line of code (comments aside) under `dir` naming a needle.
fn lines_naming(dir: &Path, needles: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for file in rust_files(dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if needles.iter().any(|needle| code.contains(needle)) {
                out.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    out
}

/// Every source file says what lives in it.
#[test]
fn every_module_has_a_header() {
    let mut files = rust_files(&root().join("src"));
    // The test crates, not the fixture trees under tests/cmd.
    let tests = root().join("tests");
    files.extend(
        rust_files(&tests)
            .into_iter()
            .filter(|f| f.parent() == Some(&tests)),
    );
    files.extend(rust_files(&root().join("benches")));
    for krate in std::fs::read_dir(root().join("crates")).unwrap() {
        let krate = krate.unwrap().path();
        for dir in ["src", "tests", "benches"] {
            if krate.join(dir).is_dir() {
                files.extend(rust_files(&krate.join(dir)));
            }
        }
    }
    assert!(files.len() > 100, "{} files", files.len());
    let missing: Vec<String> = files
        .into_iter()
        .filter(|f| {
            !std::fs::read_to_string(f)
                .unwrap()
                .trim_start()
                .starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a //! header:\n{}",
        missing.join("\n")
    );
}
