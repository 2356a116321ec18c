//! Senses chosen in a real document the project did not write: timm 1.0.31's long description
//! (PyPI wheel METADATA, Apache-2.0, `tests/fixtures/timm-long-description.md` with its
//! licence beside it), a Hugging Face-hosted model zoo whose list of model papers writes
//! "Transformers" in Title Case.

use glossa_engine::analysis::senses::{Meaning, Reading};
use glossa_engine::glossary::Glossary;
use glossa_engine::scan::{self, FileKind, Matcher};

const TIMM: &str = include_str!("../../../tests/fixtures/timm-long-description.md");

/// Each "Transformers" of the document, its line and what it is read as (the concept's term,
/// or the meaning when not one concept).
fn transformers() -> Vec<(usize, String)> {
    let g = Glossary::builtin();
    let matcher = Matcher::new(&g);
    let matches = scan::scan(TIMM, FileKind::Markdown, &matcher);
    let mut reading = Reading::new(TIMM, &g, &matches);
    matches
        .iter()
        .filter(|m| &TIMM[m.range.clone()] == "Transformers")
        .map(|m| {
            let line = TIMM[..m.range.start].matches('\n').count() + 1;
            let read = match reading.meaning(m) {
                Meaning::Decided(id) => g.concept(id).term().to_string(),
                other => format!("{other:?}"),
            };
            (line, read)
        })
        .collect()
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
