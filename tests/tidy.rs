//! Tidy checks of the source tree: the architecture invariants that a compiler does not enforce.

use std::path::{Path, PathBuf};

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

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// **Architecture invariant:** only `src/lsp/` knows about LSP. The engine and the CLI never
/// name the LSP crates or the server module.
#[test]
fn engine_does_not_know_lsp() {
    let mut offenders = Vec::new();
    for dir in ["glossary", "scan", "analysis", "project", "cli"] {
        for file in rust_files(&src().join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (i, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if [
                    "tower_lsp_server",
                    "ls_types",
                    "lsp_types",
                    "crate::lsp::",
                    "crate::lsp",
                ]
                .iter()
                .any(|needle| code.contains(needle))
                    && !(dir == "cli" && code.contains("crate::lsp::serve"))
                {
                    offenders.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "engine code names LSP:\n{}",
        offenders.join("\n")
    );
}

/// Every source file says what lives in it.
#[test]
fn every_module_has_a_header() {
    let missing: Vec<String> = rust_files(&src())
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

/// `anyhow` belongs to main, cli and lsp only: engine errors are typed (`LoadError`).
#[test]
fn engine_does_not_use_anyhow() {
    let mut offenders = Vec::new();
    for dir in ["glossary", "scan", "analysis", "project"] {
        for file in rust_files(&src().join(dir)) {
            if std::fs::read_to_string(&file).unwrap().contains("anyhow") {
                offenders.push(file.display().to_string());
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "engine files using anyhow: {offenders:?}"
    );
}
