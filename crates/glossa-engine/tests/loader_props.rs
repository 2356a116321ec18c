//! Property tests of the glossary loaders (issue 7 §4): the native TOML format
//! (`glossary::native`), the shipped style rules (`glossary::style`, native TOML), and the
//! corpus page parser (`glossary::corpus`). Input is arbitrary text, text built from the
//! formats' own pieces, and the shipped files cut and spliced at random places. Loading never
//! panics; an error names a real place in the file (line and column inside it); every source
//! line an entry carries is a line of its file.

use glossa_engine::glossary::{Entry, LoadError, corpus, native};
use proptest::prelude::*;

const STYLE: &str = include_str!("../../../corpus/ai-factory/style.toml");

/// The lines as an editor shows them: `\n`, `\r\n` and a lone `\r` end a line (a final line
/// break opens an empty last line).
fn split_lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(str::to_owned)
        .collect()
}

fn lines(text: &str) -> u32 {
    split_lines(text).len() as u32
}

/// The error's line and column lie inside `text` (0 means "the whole file" / "unknown").
fn check_error(e: &LoadError, path: &str, text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(&e.path, path);
    if let Some(span) = &e.span {
        prop_assert!(span.start <= span.end && span.end <= text.len(), "{:?}", e);
    }
    let e = &e.clone().located(text);
    prop_assert!(!e.message.trim().is_empty(), "empty message: {:?}", e);
    prop_assert!(
        e.line <= lines(text),
        "line {} of {}: {:?}",
        e.line,
        lines(text),
        e
    );
    if e.line > 0 && e.column > 0 {
        let line = split_lines(text)
            .into_iter()
            .nth(e.line as usize - 1)
            .unwrap_or_default();
        let width = line.chars().count() as u32 + 1;
        prop_assert!(
            e.column <= width,
            "column {} of {}: {:?}",
            e.column,
            width,
            e
        );
    }
    Ok(())
}

/// Every source line of the entries is a line of `text`, and names are not empty.
fn check_entries(entries: &[Entry], text: &str) -> Result<(), TestCaseError> {
    for e in entries {
        if let Some(d) = &e.definition {
            prop_assert!(
                (1..=lines(text)).contains(&d.source.line),
                "line {} of {}",
                d.source.line,
                lines(text)
            );
        }
    }
    Ok(())
}

fn check_native(path: &str, text: &str) -> Result<(), TestCaseError> {
    match native::parse(path, text) {
        Ok(entries) => check_entries(&entries, text),
        Err(e) => check_error(&e, path, text),
    }
}

/// TOML glossaries from the format's own pieces, well-formed or not.
fn native_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "[[concept]]\n",
            "term = ",
            "\"fine-tuning\"",
            "\"SAE\"",
            "\"\"",
            "\"é 🙂\"",
            "acronyms = ",
            "aliases = ",
            "deprecated = ",
            "forbidden = ",
            "keywords = ",
            "see_also = ",
            "[",
            "]",
            "[\"x\", \"y\"]",
            ", ",
            "\n",
            "definition = ",
            "\"\"\"A **bold** definition.\n\nSecond.\"\"\"",
            "category = \"ml\"\n",
            "case = \"exact\"\n",
            "case = \"any\"\n",
            "case = \"maybe\"\n",
            "reason = \"old\"\n",
            "unknown = 1\n",
            "term = 3\n",
            "#",
            " ",
            "\t",
            "\r\n",
            "'",
            "\\u00e9",
            "\\",
            "=",
            "{",
            "}",
            "[concept]\n",
            "0x",
            "\u{a0}",
            "\u{2028}",
        ]),
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// `base` with `cut` bytes removed at `at` and `insert` put there (at char boundaries).
fn splice(base: &str, at: usize, cut: usize, insert: &str) -> String {
    let mut at = at % (base.len() + 1);
    while !base.is_char_boundary(at) {
        at -= 1;
    }
    let mut end = (at + cut).min(base.len());
    while !base.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{insert}{}", &base[..at], &base[end..])
}

/// A window of about `len` bytes of one shipped corpus page (whole pages are slow to parse
/// hundreds of times in a debug build).
fn page_window(page: usize, at: usize, len: usize) -> (&'static str, String) {
    let (path, text) = corpus::PAGES[page % corpus::PAGES.len()];
    let mut start = at % text.len();
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (path, text[start..end].to_owned())
}

proptest! {
    #[test]
    fn native_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
        check_native("g.toml", &text)?;
    }

    #[test]
    fn native_never_panics_on_glossary_pieces(text in native_like()) {
        check_native("g.toml", &text)?;
    }

    /// The shipped style rules, cut and spliced anywhere.
    #[test]
    fn style_rules_spliced_anywhere_load_or_fail_at_a_real_place(
        at in 0usize..100_000,
        cut in 0usize..200,
        insert in prop::sample::select(vec!["", "\"", "[", "]", "\n", "=", "[[concept]]\n", "é", "#"]),
    ) {
        let text = splice(STYLE, at, cut, insert);
        check_native("corpus/ai-factory/style.toml", &text)?;
    }

    #[test]
    fn corpus_parser_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let entries = corpus::parse_pages(&[("p.txt", &text)]);
        check_entries(&entries, &text)?;
    }

    /// Windows of the real pages, cut and spliced: the parser reads what it can.
    #[test]
    fn corpus_pages_cut_anywhere_parse_without_panic(
        page in 0usize..8,
        at in 0usize..1_000_000,
        len in 0usize..6_000,
        cut_at in 0usize..6_000,
        cut in 0usize..300,
        insert in prop::sample::select(vec!["", ",", "\n", "\n\n", "**", "(", ")", " (SAE)", "é", "?"]),
    ) {
        let (path, window) = page_window(page, at, len);
        let text = splice(&window, cut_at, cut, insert);
        let entries = corpus::parse_pages(&[(path, &text)]);
        check_entries(&entries, &text)?;
    }
}
