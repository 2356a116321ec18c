//! Properties of the scanner over arbitrary text: it never panics, every match lies on char
//! boundaries inside the text, matches are ordered and disjoint, and the text of every match
//! folds to one of the names it claims (plus at most a plural ending).

use glossa_engine::glossary::{Glossary, fold_name, native};
use glossa_engine::scan::{self, FileKind, Matcher};
use proptest::prelude::*;

fn house() -> (Glossary, Matcher) {
    let g = Glossary::from_entries(
        native::parse(
            "house.toml",
            include_str!("../../../tests/fixtures/house.toml"),
        )
        .unwrap(),
    );
    let m = Matcher::new(&g);
    (g, m)
}

/// Text made of glossary names, their near-misses, and Unicode and markup noise.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "SAM",
        "Sam",
        "sam",
        "SAMs",
        "fine-tuning",
        "Fine Tuning",
        "fine\n tuning",
        "finetuning",
        "fine-tunning",
        "sparse autoencoders",
        "strategies",
        "C++",
        "FlashAttention",
        "Überwachungsmodell",
        "İ",
        "😀",
        "é",
        "\r\n",
        " ",
        "-",
        "—",
        "`",
        "```\n",
        "$",
        "$$",
        "\\section{",
        "}",
        "%",
        "[",
        "](",
        ")",
        "<",
        ">",
        "http://x.y/",
        "\u{301}",
        "a",
        "re",
        "s",
        "es",
        "ß",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Names that are prefixes of one another ("data" / "data set" / "data set card"), and a
/// plural compound ("set cards", also matched as "set card").
fn prefixes() -> Matcher {
    let toml = "[[concept]]\nterm = \"data\"\n[[concept]]\nterm = \"data set\"\n\
                [[concept]]\nterm = \"data set card\"\n[[concept]]\nterm = \"set\"\n\
                [[concept]]\nterm = \"card\"\nacronyms = [\"SAM\"]\n\
                [[concept]]\nterm = \"set cards\"\n";
    Matcher::new(&Glossary::from_entries(
        native::parse("p.toml", toml).unwrap(),
    ))
}

/// Text where names meet the edges of non-prose spans, and the characters that glue a name
/// into a file, package or call name.
fn edgy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "data",
        "set",
        "card",
        "SAM",
        "Data",
        "sets",
        " ",
        " ",
        "\n",
        "-",
        "data@x.org",
        "set@x.org",
        "http://x.y/",
        "www.",
        "`",
        "\\set",
        "\\data",
        "{",
        "}",
        "$",
        "x",
        "_",
        "<b>",
        "</b>",
        "[",
        "](",
        ")",
        "é",
        "%",
        "|",
        "::",
        "``",
        "----\n",
        ".. ",
        "link:",
        "*",
        "+",
        ".",
        ".x",
        "(",
        "()",
        "(s)",
        "@",
        "3",
        "X",
        "-x-",
    ]);
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn matches_are_well_formed(text in texty(), kind in prop::sample::select(vec![FileKind::Markdown, FileKind::Latex, FileKind::Text])) {
        let (g, m) = house();
        let found = scan::scan(&text, kind, &m);
        let mut last_end = 0;
        for x in &found {
            prop_assert!(x.range.start >= last_end, "ordered, disjoint: {:?}", found);
            prop_assert!(x.range.start < x.range.end && x.range.end <= text.len());
            prop_assert!(text.is_char_boundary(x.range.start) && text.is_char_boundary(x.range.end));
            prop_assert!(!x.refs.is_empty());
            let got = fold_name(&text[x.range.clone()]);
            let ok = x.refs.iter().any(|r| {
                let name = fold_name(&g.name(*r).text);
                got == name || got.strip_suffix('s') == Some(&name) || got.strip_suffix("es") == Some(&name)
                    || (name.ends_with('y') && got == format!("{}ies", &name[..name.len() - 1]))
                    // The singular of a plural compound.
                    || (name.contains(' ') && name.strip_suffix('s') == Some(&got))
            });
            prop_assert!(ok, "{:?} is none of its names", &text[x.range.clone()]);
            last_end = x.range.end;
        }
    }

    /// Searching the whole text in chunks beside prose extraction finds exactly what searching
    /// each prose region alone finds (the reference). The glossary has names that are prefixes
    /// of others, and the text puts names against the edges of URLs, e-mail addresses, LaTeX
    /// commands and code, where the two searches could part.
    #[test]
    fn overlapped_scan_equals_the_per_region_scan(
        parts in prop::collection::vec(edgy(), 1..6),
        kind in prop::sample::select(vec![
            FileKind::Markdown, FileKind::Latex, FileKind::Text, FileKind::Rst, FileKind::Asciidoc,
        ]),
        chunk in prop::sample::select(vec![5usize, 40, 1_000_000]),
    ) {
        let m = prefixes();
        let text = parts.join("\n\n");
        let regions = scan::prose_regions(&text, kind);
        let reference = scan::scan_regions(&text, &regions, &m);
        let (overlapped_regions, overlapped) = scan::scan_overlapped(&text, kind, &m, chunk);
        prop_assert_eq!(overlapped_regions, regions);
        prop_assert_eq!(overlapped, reference, "text: {:?}", text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        let (_, m) = house();
        for kind in [FileKind::Markdown, FileKind::Latex, FileKind::Text] {
            let _ = scan::scan(&text, kind, &m);
        }
    }
}
