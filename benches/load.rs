//! Glossary load time and peak memory through the real file formats, as users run it: the built
//! `glossa` binary checks a one-line document with a project whose glossary holds N generated
//! names, each a deprecated name of its own concept (N concepts, 2N names), in native TOML, CSV,
//! TBX, a Vale substitution rule, textlint-rule-terminology JSON and prh YAML (names written as
//! the regular expressions they are, expanded by the loader), and Contextive YAML (aliases: no
//! deprecated names there, so `glossa define` of one alias is run instead of `check`); and a
//! native glossary holding one name of 20,000 × "a" beside 10k others.
//!
//! Each run goes through `/usr/bin/time -v` (wall seconds and "Maximum resident set size"); the
//! document names one deprecated name, so a run that loaded wrong fails the bench (exit 1 and the
//! finding expected; for Contextive, the alias defined as its concept). Sizes 1k, 10k, 100k in every format, and 1M once, in native TOML
//! (`GLOSSA_LOAD_MAX=100000` to stop earlier; `GLOSSA_BIN=path` to time another build).
//! `cargo bench --bench load`.

#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Syllables words are spelled with: the index of a concept in base 48, one syllable a digit.
const SYLLABLES: [&str; 48] = [
    "ka", "ve", "ti", "mo", "ru", "sa", "le", "pi", "no", "du", "fa", "ge", "hi", "jo", "ku", "la",
    "me", "ni", "po", "qua", "ri", "so", "tu", "vi", "wo", "xa", "ye", "zo", "bra", "cle", "dri",
    "fro", "glu", "pra", "sti", "tro", "bla", "kre", "plo", "sna", "ba", "de", "fi", "go", "hu",
    "je", "ko", "lu",
];
const HEADS: [&str; 8] = [
    "model", "network", "layer", "encoder", "sampler", "index", "kernel", "schedule",
];

fn word(mut i: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[i % SYLLABLES.len()]);
        i /= SYLLABLES.len();
        if i == 0 {
            break;
        }
    }
    w
}

/// Concept `i`: its term ("kave model") and its deprecated name ("kavemodel").
fn names(i: usize) -> (String, String) {
    let w = word(i);
    let h = HEADS[i % HEADS.len()];
    (format!("{w}x {h}"), format!("{w}x{h}"))
}

fn native(n: usize, extra: &[(String, String)]) -> String {
    let mut s = String::with_capacity(n * 64);
    for (t, d) in (0..n).map(names).chain(extra.iter().cloned()) {
        let _ = write!(s, "[[concept]]\nterm = \"{t}\"\ndeprecated = [\"{d}\"]\n\n");
    }
    s
}

fn csv(n: usize) -> String {
    let mut s = String::from("term,definition,status,replacement\n");
    for (t, d) in (0..n).map(names) {
        let _ = writeln!(s, "{t},,preferred,\n{d},,deprecated,{t}");
    }
    s
}

fn tbx(n: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx type=\"TBX-Basic\" xml:lang=\"en\" \
         xmlns=\"urn:iso:std:iso:30042:ed-2\">\n<text>\n<body>\n",
    );
    for (i, (t, d)) in (0..n).map(names).enumerate() {
        let _ = writeln!(
            s,
            "<conceptEntry id=\"c{i}\"><langSec xml:lang=\"en\">\
             <termSec><term>{t}</term><termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></termSec>\
             <termSec><term>{d}</term><termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></termSec>\
             </langSec></conceptEntry>"
        );
    }
    s.push_str("</body>\n</text>\n</tbx>\n");
    s
}

/// A Vale substitution rule: each deprecated name swapped for its term.
fn vale(n: usize) -> String {
    let mut s = String::from(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\nignorecase: true\nswap:\n",
    );
    for (t, d) in (0..n).map(names) {
        let _ = writeln!(s, "  {d}: {t}");
    }
    s
}

/// textlint-rule-terminology: `[pattern, replacement]` pairs.
fn textlint(n: usize) -> String {
    let pairs: Vec<String> = (0..n)
        .map(names)
        .map(|(t, d)| format!("  [\"{d}\", \"{t}\"]"))
        .collect();
    format!("[\n{}\n]\n", pairs.join(",\n"))
}

/// prh: one rule per concept, its deprecated name as a pattern.
fn prh(n: usize) -> String {
    let mut s = String::from("version: 1\nrules:\n");
    for (t, d) in (0..n).map(names) {
        let _ = writeln!(s, "  - expected: {t}\n    patterns:\n      - {d}");
    }
    s
}

/// Contextive: one context, one term per concept with its other spelling as an alias.
fn contextive(n: usize) -> String {
    let mut s = String::from("contexts:\n  - name: Bench\n    terms:\n");
    for (t, d) in (0..n).map(names) {
        let _ = writeln!(s, "      - name: {t}\n        aliases:\n          - {d}");
    }
    s
}

struct Run {
    /// Wall-clock seconds (the machine is shared: see `cpu`).
    seconds: f64,
    /// User + system CPU seconds.
    cpu: f64,
    peak_mb: f64,
}

/// Writes the project and runs `glossa check` on its document under `/usr/bin/time -v`.
fn run(dir: &Path, file: &str, glossary: &str, deprecated: &str) -> Run {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(file), glossary).unwrap();
    std::fs::write(
        dir.join("glossa.toml"),
        format!("builtin = false\nglossaries = [\"{file}\"]\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("doc.md"),
        format!("We trained the {deprecated} on the pages.\n"),
    )
    .unwrap();
    let mut command = Command::new("/usr/bin/time");
    command
        .arg("-v")
        .arg(std::env::var_os("GLOSSA_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_glossa").into()));
    // Contextive has aliases only: the alias is looked up instead of reported.
    let defines = file.ends_with(".glossary.yml");
    if defines {
        command
            .args(["define", "--config"])
            .arg(dir.join("glossa.toml"))
            .arg(deprecated);
    } else {
        command
            .args(["check", "--format", "json", "--config"])
            .arg(dir.join("glossa.toml"))
            .arg(dir.join("doc.md"));
    }
    let out = command.output().expect("/usr/bin/time");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = if defines { Some(0) } else { Some(1) };
    assert!(
        out.status.code() == expected && stdout.contains(deprecated),
        "{file}: the name \"{deprecated}\" was not found:\n{stdout}\n{stderr}"
    );
    let field = |key: &str| -> &str {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .unwrap_or_else(|| panic!("no `{key}` in {stderr}"))
            .trim()
    };
    let kb: f64 = field("Maximum resident set size (kbytes):")
        .parse()
        .unwrap();
    // h:mm:ss or m:ss.ss
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
    let seconds = wall
        .split(':')
        .fold(0.0, |acc, part| acc * 60.0 + part.parse::<f64>().unwrap());
    let cpu = field("User time (seconds):").parse::<f64>().unwrap()
        + field("System time (seconds):").parse::<f64>().unwrap();
    Run {
        seconds,
        cpu,
        peak_mb: kb / 1024.0,
    }
}

/// Names per CPU second, or "-" when the run took too little CPU to tell (`time` counts in
/// hundredths).
fn per_cpu_second(names: usize, cpu: f64) -> String {
    if cpu < 0.05 {
        "-".to_owned()
    } else {
        format!("{:.0}", names as f64 / cpu)
    }
}

fn main() {
    if !Path::new("/usr/bin/time").exists() {
        println!("load: /usr/bin/time not found, skipped");
        return;
    }
    let max: usize = std::env::var("GLOSSA_LOAD_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("load-bench");
    println!(
        "{:<34} {:>9} {:>8} {:>8} {:>12} {:>8}",
        "glossary", "names", "wall s", "CPU s", "names/CPU s", "peak MB"
    );
    type Gen = fn(usize) -> String;
    let formats: [(&str, &str, Gen); 7] = [
        ("native TOML", "g.toml", |n| native(n, &[])),
        ("CSV", "g.csv", csv),
        ("TBX", "g.tbx", tbx),
        ("Vale substitution", "Terms.yml", vale),
        ("textlint", "terms.json", textlint),
        ("prh", "prh.yml", prh),
        ("Contextive", "g.glossary.yml", contextive),
    ];
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        if n > max {
            break;
        }
        for (label, file, generate) in formats {
            // 1M once: the native format (the bench stays within minutes).
            if n == 1_000_000 && file != "g.toml" {
                continue;
            }
            let text = generate(n);
            let deprecated = names(n / 2).1;
            let r = run(&base.join(format!("{file}-{n}")), file, &text, &deprecated);
            // Names: each concept's term and its deprecated name.
            let count = 2 * n;
            println!(
                "{:<34} {:>9} {:>8.2} {:>8.2} {:>12} {:>8.0}",
                format!("{label}, {n} concepts"),
                count,
                r.seconds,
                r.cpu,
                per_cpu_second(count, r.cpu),
                r.peak_mb
            );
        }
    }
    // One name of 20,000 × "a" beside 10k ordinary ones (issue 9's pathological name).
    let long = ("a".repeat(20_000), format!("b{}", "a".repeat(19_999)));
    let n = 10_000.min(max);
    let r = run(
        &base.join("long-name"),
        "g.toml",
        &native(n, &[long]),
        &names(n / 2).1,
    );
    println!(
        "{:<34} {:>9} {:>8.2} {:>8.2} {:>12} {:>8.0}",
        "native, one 20,000×\"a\" name",
        2 * n + 2,
        r.seconds,
        r.cpu,
        per_cpu_second(2 * n + 2, r.cpu),
        r.peak_mb
    );
}
