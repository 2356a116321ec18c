//! Senses chosen in real documents the project did not write: timm 1.0.31's long description
//! (PyPI wheel METADATA, Apache-2.0, `tests/fixtures/timm-long-description.md` with its
//! licence beside it), a Hugging Face-hosted model zoo whose list of model papers writes
//! "Transformers" in Title Case; and transformers.js's README (npm `@huggingface/transformers`
//! 4.3.1, Apache-2.0, `tests/fixtures/transformers-js-readme.md`, licence beside it), which
//! writes the Hugging Face library with its logo, "🤗 Transformers".

use glossa_engine::analysis::senses::{Meaning, Reading};
use glossa_engine::glossary::Glossary;
use glossa_engine::scan::{self, FileKind, Matcher};

const TIMM: &str = include_str!("../../../tests/fixtures/timm-long-description.md");
const TRANSFORMERS_JS: &str = include_str!("../../../tests/fixtures/transformers-js-readme.md");

/// Each "Transformers" of timm's document, its line and what it is read as.
fn transformers() -> Vec<(usize, String)> {
    read_as(TIMM, |found| found == "Transformers")
        .into_iter()
        .map(|(line, _, read)| (line, read))
        .collect()
}

/// Each occurrence in `text` whose text `wanted` takes: its line, its text and what it is
/// read as (the concept's term, or the meaning when not one concept).
fn read_as(text: &str, wanted: impl Fn(&str) -> bool) -> Vec<(usize, String, String)> {
    let g = Glossary::builtin();
    let matcher = Matcher::new(&g);
    let matches = scan::scan(text, FileKind::Markdown, &matcher);
    let mut reading = Reading::new(text, &g, &matches);
    matches
        .iter()
        .filter(|m| wanted(&text[m.range.clone()]))
        .map(|m| {
            let line = text[..m.range.start].matches('\n').count() + 1;
            let read = match reading.meaning(m) {
                Meaning::Decided(id) => g.concept(id).term().to_string(),
                other => format!("{other:?}"),
            };
            (line, text[m.range.clone()].to_owned(), read)
        })
        .collect()
}

/// "Run 🤗 Transformers directly in your browser": the library, which Hugging Face writes with
/// its logo (the shipped style rules give the library that name). It was read as the
/// architecture: the words near it ("models", "browser", "pretrained") say nothing of a
/// library the document otherwise calls "Transformers.js".
#[test]
fn transformers_after_the_hugging_face_logo_is_the_library() {
    let mut read = read_as(TRANSFORMERS_JS, |found| found.contains("Transformers"));
    read.retain(|(line, _, _)| *line == 26);
    assert_eq!(
        read,
        [(
            26,
            "🤗 Transformers".to_owned(),
            "hugging face transformers".to_owned()
        )]
    );
}

/// "Aggregating Nested Transformers", "CaiT (Class-Attention in Image Transformers)", "DINOv2 /
/// Vision Transformers Need Registers", "Scaling Vision Transformers": the architecture. The
/// whole document leans to the library (its hub, its licences, "vision models"), but in a
/// title written in Title Case after a modifier the capital is the title's. ("Bottleneck
/// Transformers", two words, is too short a title to tell from "Install Transformers".)
#[test]
fn transformers_in_title_case_paper_titles_are_the_architecture() {
    let read = transformers();
    let titles: Vec<&(usize, String)> = read
        .iter()
        .filter(|(line, _)| {
            let text = TIMM.lines().nth(line - 1).unwrap();
            ["Nested", "Image", "Vision"]
                .iter()
                .any(|w| text.contains(&format!("{w} Transformers")))
        })
        .collect();
    assert_eq!(titles.len(), 8, "{read:?}");
    assert!(
        titles.iter().all(|(_, concept)| concept == "transformer"),
        "{titles:?}"
    );
}
