//! Properties of the scanner over arbitrary text: it never panics, every match lies on char
//! boundaries inside the text, matches are ordered and disjoint, and the text of every match
//! folds to one of the names it claims (plus at most a plural ending).

#[path = "reference/matcher_before.rs"]
mod matcher_before;

use glossa_engine::glossary::{Entry, Glossary, Name, NameKind, Status, fold_name, native};
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

/// Words that are prefixes, plurals, case variants and separator variants of one another, so
/// random names made of them share prefixes, folded forms and plural forms.
const WORDS: [&str; 8] = ["data", "Data", "set", "sets", "SAM", "policy", "C++", "é"];

/// One random name: one to three words joined by a space or a hyphen, with random controls.
fn random_name() -> impl Strategy<Value = Name> {
    (
        prop::collection::vec(prop::sample::select(WORDS.to_vec()), 1..3),
        prop::sample::select(vec![" ", " ", "-", ""]),
        prop::sample::select(vec![
            Status::Admitted,
            Status::Deprecated,
            Status::Forbidden,
        ]),
        prop::sample::select(vec![NameKind::Alias, NameKind::Acronym]),
        any::<(bool, bool, bool, bool)>(),
    )
        .prop_map(
            |(words, sep, status, kind, (case, exact, plural, matched))| {
                let mut n = Name::new(words.join(sep), status, kind);
                n.case_sensitive |= case;
                n.exact_separators = exact;
                n.plural = plural;
                n.matched = matched;
                n.with_auto_casing()
            },
        )
}

/// A random glossary of up to eight entries (several may share a head term).
fn random_glossary() -> impl Strategy<Value = Glossary> {
    let entry = (
        random_name(),
        prop::collection::vec(random_name(), 0..4),
        any::<(bool, bool)>(),
    )
        .prop_map(|(head, names, (case_sensitive, search_only))| Entry {
            term: head.text.to_string(),
            names,
            case_sensitive,
            search_only,
            ..Entry::default()
        });
    prop::collection::vec(entry, 1..8).prop_map(Glossary::from_entries)
}

/// Text made of the same words, each followed by a separator, a plural ending or one of the
/// characters the checks look at.
fn random_text() -> impl Strategy<Value = String> {
    let after = prop::sample::select(vec![
        " ", " ", " ", "-", "", "s ", "es ", "ies ", ". ", ".x", "(s)", "()", "@", "_", "3", "\n",
        "`", "x", "  ", " - ", "\r\n", "\t", "S ", "ES-",
    ]);
    let word = prop::sample::select(WORDS.to_vec());
    prop::collection::vec((word, after), 0..16)
        .prop_map(|v| v.into_iter().map(|(w, a)| format!("{w}{a}")).collect())
}

/// Text made of the glossary's own names, their words joined by a space, a hyphen or nothing
/// (so names whose separators or case are exact meet the spellings that fail them), each
/// followed by a separator or a plural ending.
fn names_text(g: &Glossary) -> impl Strategy<Value = String> + use<> {
    let names: Vec<String> = g
        .concepts()
        .iter()
        .flat_map(|c| c.names.iter().map(|n| n.text.to_string()))
        .collect();
    let piece = (
        prop::sample::select(names),
        prop::sample::select(vec![" ", "-", ""]),
        any::<bool>(),
        prop::sample::select(vec![" ", " ", "s ", "ies ", "-x ", ". "]),
    )
        .prop_map(|(name, sep, upper, after)| {
            let words: Vec<&str> = name.split([' ', '-']).collect();
            let joined = words.join(sep);
            let joined = if upper { joined.to_uppercase() } else { joined };
            format!("{joined}{after}")
        });
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

/// Words for names beginning with non-word characters (".NET", "@scope", "€uro", "+1"),
/// beside word-starting ones sharing their bytes, and Unicode letters and marks.
const SIGIL_WORDS: [&str; 12] = [
    ".NET",
    "asp",
    "@scope",
    "€uro",
    "+1",
    "data",
    "Data",
    "é",
    "Über",
    "हिन्दी",
    "C++",
    "net",
];

/// One random name from [`SIGIL_WORDS`], like [`random_name`].
fn sigil_name() -> impl Strategy<Value = Name> {
    (
        prop::collection::vec(prop::sample::select(SIGIL_WORDS.to_vec()), 1..3),
        prop::sample::select(vec![" ", "-", ""]),
        prop::sample::select(vec![Status::Admitted, Status::Deprecated]),
        any::<(bool, bool)>(),
    )
        .prop_map(|(words, sep, status, (case, plural))| {
            let mut n = Name::new(words.join(sep), status, NameKind::Alias);
            n.case_sensitive |= case;
            n.plural = plural;
            n.with_auto_casing()
        })
}

fn sigil_glossary() -> impl Strategy<Value = Glossary> {
    let entry =
        (sigil_name(), prop::collection::vec(sigil_name(), 0..3)).prop_map(|(head, names)| Entry {
            term: head.text.to_string(),
            names,
            ..Entry::default()
        });
    prop::collection::vec(entry, 1..8).prop_map(Glossary::from_entries)
}

/// Unicode text of the same words glued to letters, marks, digits and punctuation.
fn sigil_text() -> impl Strategy<Value = String> {
    let glue = prop::sample::select(vec![
        " ", " ", "", "s ", "x", "é", "\u{301}", "3", ".", "-", "\n", "(", ")", "«", "»", "😀", "_",
    ]);
    let word = prop::sample::select(SIGIL_WORDS.to_vec());
    prop::collection::vec((glue.clone(), word, glue), 0..14).prop_map(|v| {
        v.into_iter()
            .map(|(a, w, b)| format!("{a}{w}{b}"))
            .collect()
    })
}

proptest! {
    /// The compact matcher (flat tables, one anchored automaton walked from word starts, in
    /// one shard or in shards of one pattern; issue 9) finds exactly what the matcher before it
    /// found: same ranges, same names, same statuses, on random glossaries whose names are
    /// prefixes, plurals and case variants of one another.
    #[test]
    fn compact_matcher_finds_what_the_old_one_did(
        (g, text) in random_glossary().prop_flat_map(|g| {
            let text = prop_oneof![random_text(), names_text(&g)];
            (Just(g), text)
        })
    ) {
        let new = Matcher::new(&g);
        let old = matcher_before::Matcher::new(&g);
        let found: Vec<_> = new
            .find_all(&text)
            .into_iter()
            .map(|m| (m.range, m.refs, m.statuses))
            .collect();
        let expected: Vec<_> = old
            .find_all(&text)
            .into_iter()
            .map(|m| (m.range, m.refs, m.statuses))
            .collect();
        prop_assert_eq!(new.pattern_count(), old.pattern_count());
        prop_assert_eq!(&found, &expected, "text: {:?}", text);
        let sharded: Vec<_> = Matcher::with_shards(&g, 1)
            .find_all(&text)
            .into_iter()
            .map(|m| (m.range, m.refs, m.statuses))
            .collect();
        prop_assert_eq!(&sharded, &expected, "sharded, text: {:?}", text);
        // Candidate starts walked one, two or three at a time: batches end inside matches.
        for lanes in [1, 2, 3] {
            let together: Vec<_> = Matcher::with_shards(&g, 1 + lanes % 2)
                .walking_together(lanes)
                .find_all(&text)
                .into_iter()
                .map(|m| (m.range, m.refs, m.statuses))
                .collect();
            prop_assert_eq!(&together, &expected, "{} lanes, text: {:?}", lanes, text);
        }
    }

    /// Names beginning with non-word characters in Unicode text, and the automaton cut into
    /// shards of one pattern each (names sharing a first byte stay in one shard): the walk from
    /// candidate starts finds what the matcher before it found.
    #[test]
    fn walks_from_word_starts_and_sigils_find_what_the_old_matcher_did(
        (g, text) in sigil_glossary().prop_flat_map(|g| {
            let text = prop_oneof![sigil_text(), names_text(&g)];
            (Just(g), text)
        })
    ) {
        let old = matcher_before::Matcher::new(&g);
        let expected: Vec<_> = old
            .find_all(&text)
            .into_iter()
            .map(|m| (m.range, m.refs, m.statuses))
            .collect();
        for new in [
            Matcher::new(&g),
            Matcher::with_shards(&g, 1),
            Matcher::new(&g).walking_together(1),
            Matcher::with_shards(&g, 1).walking_together(3),
        ] {
            let found: Vec<_> = new
                .find_all(&text)
                .into_iter()
                .map(|m| (m.range, m.refs, m.statuses))
                .collect();
            prop_assert_eq!(&found, &expected, "text: {:?}", text);
        }
    }

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

    /// Every match lies inside one prose region, and is what searching that region alone
    /// finds: names that are prefixes of others, against the edges of URLs, e-mail addresses,
    /// LaTeX commands and code.
    #[test]
    fn matches_lie_inside_prose_regions(
        parts in prop::collection::vec(edgy(), 1..6),
        kind in prop::sample::select(vec![
            FileKind::Markdown, FileKind::Latex, FileKind::Text, FileKind::Rst, FileKind::Asciidoc,
        ]),
    ) {
        let m = prefixes();
        let text = parts.join("\n\n");
        let (regions, matches) = scan::scan_with_regions(&text, kind, &m);
        let mut alone = Vec::new();
        for r in &regions {
            m.find_into(&text[r.clone()], r.start, &mut alone);
        }
        for found in &matches {
            prop_assert!(
                regions.iter().any(|r| r.start <= found.range.start && found.range.end <= r.end),
                "{:?} outside every region of {:?}", found.range, text
            );
        }
        prop_assert_eq!(matches, alone, "text: {:?}", text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        let (_, m) = house();
        for kind in [FileKind::Markdown, FileKind::Latex, FileKind::Text] {
            let _ = scan::scan(&text, kind, &m);
        }
    }
}

/// Real text through both of the matcher's paths (issue 9: plain ASCII read folded on the fly
/// and turned away by the first-words filter, other text through a folded copy): every corpus
/// page whole (Unicode quotes and dashes: the folded copy) and paragraph by paragraph (most of
/// them plain ASCII), with the embedded glossary, finds what the matcher before it found.
#[test]
fn corpus_pages_find_what_the_old_matcher_did() {
    let g = Glossary::builtin();
    let (new, old) = (Matcher::new(&g), matcher_before::Matcher::new(&g));
    let (mut ascii, mut unicode) = (0, 0);
    for (path, page) in glossa_engine::glossary::corpus::PAGES {
        let paragraphs = page.split("\n\n");
        for text in std::iter::once(*page).chain(paragraphs) {
            ascii += usize::from(text.is_ascii());
            unicode += usize::from(!text.is_ascii());
            let found: Vec<_> = new
                .find_all(text)
                .into_iter()
                .map(|m| (m.range, m.refs, m.statuses))
                .collect();
            let expected: Vec<_> = old
                .find_all(text)
                .into_iter()
                .map(|m| (m.range, m.refs, m.statuses))
                .collect();
            assert_eq!(found, expected, "{path}: {text:?}");
        }
    }
    // Both paths were taken.
    assert!(
        ascii > 100 && unicode > 10,
        "{ascii} plain ASCII, {unicode} other"
    );
}
