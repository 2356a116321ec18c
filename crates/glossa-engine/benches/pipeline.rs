//! Throughput of the whole check pipeline (prose extraction + matching + rules) beside raw
//! aho-corasick `find_iter` (ASCII case-insensitive, LeftmostLongest) over the same text and
//! the same patterns. The ratio pipeline/raw is the figure we track (BENCHMARKS.md).
//!
//! Inputs: the five corpus pages, and a generated 10 MB Markdown document; glossaries of the
//! embedded corpus and of 1k, 10k and 100k generated names. `cargo bench --bench pipeline`.
//! Each figure is the best of several runs (least disturbed by the machine's other work).
//! A second table gives each glossary's matcher build time and its automaton's heap
//! (`Matcher::automaton_memory`).

#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use glossa_engine::analysis::{self, RuleSettings};
use glossa_engine::glossary::{Entry, Glossary, Name, NameKind, Status, corpus};
use glossa_engine::scan::{FileKind, Matcher};

const RUNS: usize = 5;

fn best_of<F: FnMut() -> usize>(mut f: F) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut out = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        out = std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    (best, out)
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

/// A small deterministic generator (no rand dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn corpus_words() -> Vec<String> {
    let mut words: Vec<String> = corpus::PAGES
        .iter()
        .flat_map(|(_, t)| t.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() >= 4)
        .map(str::to_ascii_lowercase)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A glossary of `n` generated two- and three-word names (plus acronyms now and then).
fn generated_glossary(n: usize, words: &[String]) -> Glossary {
    let mut rng = Lcg(42);
    let mut entries = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    while entries.len() < n {
        let k = 2 + rng.next() % 2;
        let term: Vec<&str> = (0..k)
            .map(|_| words[rng.next() % words.len()].as_str())
            .collect();
        let term = term.join(" ");
        if !seen.insert(term.clone()) {
            continue;
        }
        let mut names = Vec::new();
        if rng.next().is_multiple_of(10) {
            let acronym: String = term
                .split(' ')
                .filter_map(|w| w.chars().next())
                .collect::<String>()
                .to_uppercase();
            names.push(Name::new(acronym, Status::Admitted, NameKind::Acronym));
        }
        if rng.next().is_multiple_of(20) {
            names.push(Name::new(
                term.replace(' ', ""),
                Status::Deprecated,
                NameKind::Alias,
            ));
        }
        entries.push(Entry {
            term,
            names,
            ..Entry::default()
        });
    }
    Glossary::from_entries(entries)
}

/// A glossary of `n` concepts, each with one generated deprecated name of two or three words
/// (the issue 9 table's glossaries): the preferred term is the same words glued ("model
/// weights" → "modelweights"). Returns the glossary, the same as native TOML (what `glossa
/// check` loads), and its deprecated names.
fn deprecated_glossary(n: usize, words: &[String]) -> (Glossary, String, Vec<String>) {
    let mut rng = Lcg(1234);
    let mut toml = String::new();
    let mut entries = Vec::with_capacity(n);
    let mut names = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    while names.len() < n {
        let k = 2 + rng.next() % 2;
        let words: Vec<&str> = (0..k)
            .map(|_| words[rng.next() % words.len()].as_str())
            .collect();
        let (name, term) = (words.join(" "), words.concat());
        if !seen.insert(name.clone()) || !seen.insert(term.clone()) {
            continue;
        }
        toml.push_str(&format!(
            "[[concept]]\nterm = \"{term}\"\ndeprecated = [\"{name}\"]\n\n"
        ));
        entries.push(Entry {
            term,
            names: vec![Name::new(name.clone(), Status::Deprecated, NameKind::Alias)],
            ..Entry::default()
        });
        names.push(name);
    }
    (Glossary::from_entries(entries), toml, names)
}

/// About `size` bytes of Markdown: paragraphs of corpus words with glossary names sprinkled in
/// (one word in `every`), headings, lists, code blocks, inline code and URLs.
fn generated_markdown(size: usize, words: &[String], names: &[String]) -> String {
    generated_markdown_every(size, words, names, 8)
}

fn generated_markdown_every(
    size: usize,
    words: &[String],
    names: &[String],
    every: usize,
) -> String {
    let mut rng = Lcg(7);
    let mut out = String::with_capacity(size + 1024);
    while out.len() < size {
        match rng.next() % 10 {
            0 => out.push_str("## Section heading\n\n"),
            1 => out.push_str(
                "```python\nmodel = load(\"SAM\")  # code is skipped\nfinetuning = True\n```\n\n",
            ),
            _ => {
                for i in 0..60 {
                    if rng.next().is_multiple_of(every) && !names.is_empty() {
                        out.push_str(&names[rng.next() % names.len()]);
                    } else {
                        out.push_str(&words[rng.next() % words.len()]);
                    }
                    out.push(if i % 12 == 11 { '\n' } else { ' ' });
                }
                out.push_str("see `inline code` and https://example.com/page.\n\n");
            }
        }
    }
    out
}

fn raw_automaton(glossary: &Glossary) -> AhoCorasick {
    let patterns: Vec<&str> = glossary
        .matchable_names()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .unwrap()
}

/// The bare checker the pipeline is held against (issue 9): the same automaton, a word boundary
/// on both sides of every hit (a hit inside a word is dropped), over the whole text cut at line
/// ends into two pieces per core, searched in parallel. No prose extraction, senses or rules.
fn bare_check(ac: &AhoCorasick, text: &str) -> usize {
    use rayon::prelude::*;
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    pieces(text, 2 * rayon::current_num_threads())
        .par_iter()
        .map(|p| {
            let piece = &text[p.clone()];
            ac.find_iter(piece)
                .filter(|m| {
                    !word(piece[..m.start()].chars().next_back())
                        && !word(piece[m.end()..].chars().next())
                })
                .count()
        })
        .sum()
}

/// `text` cut at line ends into about `n` pieces.
fn pieces(text: &str, n: usize) -> Vec<std::ops::Range<usize>> {
    let size = text.len() / n + 1;
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size).min(text.len());
        end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        out.push(start..end);
        start = end;
    }
    out
}

/// What `glossa check` runs on one file: the pipeline with each concept's forms kept.
fn pipeline(text: &str, glossary: &Glossary, matcher: &Matcher, settings: &RuleSettings) -> usize {
    analysis::check_with_forms(text, FileKind::Markdown, glossary, matcher, settings)
        .0
        .len()
}

/// With `GLOSSA_BENCH_ONLY=TEXT`, only the rows whose label holds TEXT run.
fn wanted(label: &str) -> bool {
    std::env::var("GLOSSA_BENCH_ONLY").map_or(true, |only| label.contains(&only))
}

/// The matcher's build and its automaton's heap, one line of the second table.
static AUTOMATA: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn row(label: &str, text: &str, glossary: &Glossary) {
    if !wanted(label) {
        return;
    }
    let t = Instant::now();
    let matcher = Matcher::new(glossary);
    let build = t.elapsed();
    AUTOMATA.lock().unwrap().push(format!(
        "| {label} | {} | {:.0} | {:.1} |",
        matcher.pattern_count(),
        build.as_secs_f64() * 1e3,
        matcher.automaton_memory() as f64 / 1e6,
    ));
    let raw = raw_automaton(glossary);
    let settings = RuleSettings::default();
    let (raw_t, raw_n) = best_of(|| raw.find_iter(text).count());
    let (bare_t, bare_n) = best_of(|| bare_check(&raw, text));
    let (pipe_t, findings) = best_of(|| pipeline(text, glossary, &matcher, &settings));
    let (scan_t, matches) =
        best_of(|| glossa_engine::scan::scan(text, FileKind::Markdown, &matcher).len());
    // The two stages of a scan alone: prose extraction, and matching over its regions.
    let regions = glossa_engine::scan::prose_regions(text, FileKind::Markdown);
    let (prose_t, _) =
        best_of(|| glossa_engine::scan::prose_regions(text, FileKind::Markdown).len());
    let (match_t, _) =
        best_of(|| glossa_engine::scan::scan_regions(text, &regions, &matcher).len());
    println!(
        "| {label} | {:.1} MB | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} | {raw_n} | {bare_n} | {matches} | {findings} |",
        text.len() as f64 / 1e6,
        matcher.pattern_count(),
        mbps(text.len(), raw_t),
        mbps(text.len(), bare_t),
        mbps(text.len(), prose_t),
        mbps(text.len(), match_t),
        mbps(text.len(), scan_t),
        mbps(text.len(), pipe_t),
        pipe_t.as_secs_f64() / bare_t.as_secs_f64(),
    );
}

/// The corpus pages as `glossa check corpus/ai-factory` reads them: one document per page, the
/// pages checked in parallel; raw aho-corasick over each page in turn.
fn pages_row(glossary: &Glossary) {
    if !wanted("corpus pages, one document each") {
        return;
    }
    use rayon::prelude::*;
    let matcher = Matcher::new(glossary);
    let raw = raw_automaton(glossary);
    let settings = RuleSettings::default();
    let bytes: usize = corpus::PAGES.iter().map(|(_, t)| t.len()).sum();
    let (raw_t, raw_n) = best_of(|| {
        corpus::PAGES
            .iter()
            .map(|(_, t)| raw.find_iter(t).count())
            .sum()
    });
    let (bare_t, bare_n) = best_of(|| corpus::PAGES.iter().map(|(_, t)| bare_check(&raw, t)).sum());
    let (pipe_t, findings) = best_of(|| {
        corpus::PAGES
            .par_iter()
            .map(|(_, t)| pipeline(t, glossary, &matcher, &settings))
            .sum()
    });
    println!(
        "| corpus pages, one document each, in parallel | {:.1} MB | {} | {:.0} | {:.0} | – | – | – | {:.0} | {:.2} | {raw_n} | {bare_n} | – | {findings} |",
        bytes as f64 / 1e6,
        matcher.pattern_count(),
        mbps(bytes, raw_t),
        mbps(bytes, bare_t),
        mbps(bytes, pipe_t),
        pipe_t.as_secs_f64() / bare_t.as_secs_f64(),
    );
}

/// With `GLOSSA_BENCH_DUMP=DIR`, the inputs of the issue 9 table are written to DIR for timing
/// the real binary (`big.md` and, per glossary size, `names-N/glossa.toml` and
/// `names-N/glossary.toml` with `big-N.md`), and nothing is measured.
fn dump(dir: &std::path::Path, words: &[String], builtin_doc: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("big.md"), builtin_doc)?;
    std::fs::write(dir.join("empty.md"), "")?;
    for n in [1_000, 10_000] {
        let (_, toml, names) = deprecated_glossary(n, words);
        let sub = dir.join(format!("names-{}k", n / 1000));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(
            sub.join("glossa.toml"),
            "glossaries = [\"glossary.toml\"]\nbuiltin = false\n",
        )?;
        std::fs::write(sub.join("glossary.toml"), toml)?;
        let doc = generated_markdown_every(10_000_000, words, &names, DEPRECATED_EVERY);
        std::fs::write(sub.join("big.md"), doc)?;
        std::fs::write(sub.join("empty.md"), "")?;
    }
    Ok(())
}

/// One word in this many is a deprecated name in the issue 9 table's documents (about 23,000
/// findings in 10 MB).
const DEPRECATED_EVERY: usize = 48;

fn main() {
    // `cargo test` runs benches with --bench absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let words = corpus_words();
    let builtin = Glossary::builtin();
    let corpus_text: String = corpus::PAGES
        .iter()
        .map(|(_, t)| *t)
        .collect::<Vec<_>>()
        .join("\n");
    let builtin_names: Vec<String> = builtin
        .matchable_names()
        .into_iter()
        .map(|(n, _)| n.to_owned())
        .collect();
    let doc = generated_markdown(10_000_000, &words, &builtin_names);
    if let Some(dir) = std::env::var_os("GLOSSA_BENCH_DUMP") {
        dump(dir.as_ref(), &words, &doc).expect("write the bench inputs");
        return;
    }

    println!(
        "| input | size | patterns | raw AC MB/s | bare MB/s | prose MB/s | match MB/s | scan MB/s | pipeline MB/s | pipeline/bare time | raw hits | bare matches | matches | findings |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    row("corpus pages, embedded glossary", &corpus_text, &builtin);
    pages_row(&builtin);
    row("generated Markdown, embedded glossary", &doc, &builtin);
    for n in [1_000, 10_000] {
        let label = format!("generated Markdown, {}k deprecated names", n / 1000);
        if !wanted(&label) {
            continue;
        }
        let (g, _, names) = deprecated_glossary(n, &words);
        let doc = generated_markdown_every(10_000_000, &words, &names, DEPRECATED_EVERY);
        row(&label, &doc, &g);
    }
    for n in [1_000, 10_000, 100_000] {
        if !wanted(&format!("generated Markdown, {}k names", n / 1000)) {
            continue;
        }
        let g = generated_glossary(n, &words);
        let names: Vec<String> = g
            .matchable_names()
            .into_iter()
            .take(5_000)
            .map(|(n, _)| n.to_owned())
            .collect();
        let doc = generated_markdown(10_000_000, &words, &names);
        row(
            &format!("generated Markdown, {}k names", n / 1000),
            &doc,
            &g,
        );
    }
    println!("\n| glossary | patterns | matcher build ms | automaton MB |\n|---|---|---|---|");
    for line in AUTOMATA.lock().unwrap().iter() {
        println!("{line}");
    }
}
