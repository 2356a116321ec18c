//! Throughput of the whole check pipeline (prose extraction + matching + rules) beside raw
//! aho-corasick `find_iter` (ASCII case-insensitive, LeftmostLongest) over the same text and
//! the same patterns. The ratio pipeline/raw is the figure we track (BENCHMARKS.md).
//!
//! Inputs: the five corpus pages, and a generated 10 MB Markdown document; glossaries of the
//! embedded corpus and of 1k, 10k and 100k generated names. `cargo bench --bench pipeline`.
//! Each figure is the best of several runs (least disturbed by the machine's other work).

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

/// About `size` bytes of Markdown: paragraphs of corpus words with glossary names sprinkled in,
/// headings, lists, code blocks, inline code and URLs.
fn generated_markdown(size: usize, words: &[String], names: &[String]) -> String {
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
                    if rng.next().is_multiple_of(8) && !names.is_empty() {
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

fn row(label: &str, text: &str, glossary: &Glossary) {
    let matcher = Matcher::new(glossary);
    let raw = raw_automaton(glossary);
    let settings = RuleSettings::default();
    let (raw_t, raw_n) = best_of(|| raw.find_iter(text).count());
    let (pipe_t, findings) =
        best_of(|| analysis::check(text, FileKind::Markdown, glossary, &matcher, &settings).len());
    let (scan_t, matches) =
        best_of(|| glossa_engine::scan::scan(text, FileKind::Markdown, &matcher).len());
    // The two stages of a scan alone: prose extraction, and matching over its regions.
    let regions = glossa_engine::scan::prose_regions(text, FileKind::Markdown);
    let (prose_t, _) =
        best_of(|| glossa_engine::scan::prose_regions(text, FileKind::Markdown).len());
    let (match_t, _) =
        best_of(|| glossa_engine::scan::scan_regions(text, &regions, &matcher).len());
    println!(
        "| {label} | {:.1} MB | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} | {raw_n} | {matches} | {findings} |",
        text.len() as f64 / 1e6,
        matcher.pattern_count(),
        mbps(text.len(), raw_t),
        mbps(text.len(), prose_t),
        mbps(text.len(), match_t),
        mbps(text.len(), scan_t),
        mbps(text.len(), pipe_t),
        raw_t.as_secs_f64() / pipe_t.as_secs_f64(),
    );
}

/// The corpus pages as `glossa check corpus/ai-factory` reads them: one document per page, the
/// pages checked in parallel; raw aho-corasick over each page in turn.
fn pages_row(glossary: &Glossary) {
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
    let (pipe_t, findings) = best_of(|| {
        corpus::PAGES
            .par_iter()
            .map(|(_, t)| {
                analysis::check(t, FileKind::Markdown, glossary, &matcher, &settings).len()
            })
            .sum()
    });
    println!(
        "| corpus pages, one document each, in parallel | {:.1} MB | {} | {:.0} | – | – | – | {:.0} | {:.2} | {raw_n} | – | {findings} |",
        bytes as f64 / 1e6,
        matcher.pattern_count(),
        mbps(bytes, raw_t),
        mbps(bytes, pipe_t),
        raw_t.as_secs_f64() / pipe_t.as_secs_f64(),
    );
}

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

    println!(
        "| input | size | patterns | raw AC MB/s | prose MB/s | match MB/s | scan MB/s | pipeline MB/s | pipeline/raw | raw matches | matches | findings |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    row("corpus pages, embedded glossary", &corpus_text, &builtin);
    pages_row(&builtin);
    row("generated Markdown, embedded glossary", &doc, &builtin);
    for n in [1_000, 10_000, 100_000] {
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
}
