//! Scanner tests as data: each case is a document with the expected matches marked «like this»;
//! the test strips the marks, scans, and renders the matches back with marks, so a failure
//! shows the whole document as found versus as expected.

use glossa_engine::glossary::{Glossary, native};
use glossa_engine::scan::{self, FileKind, Matcher};

fn house() -> (Glossary, Matcher) {
    let text = include_str!("../../../tests/fixtures/house.toml");
    let g = Glossary::from_entries(native::parse("tests/fixtures/house.toml", text).unwrap());
    let m = Matcher::new(&g);
    (g, m)
}

/// The names real prose glues into file, package and call names (`fixtures/prose.toml`).
fn prose() -> Matcher {
    let text = include_str!("../../../tests/fixtures/prose.toml");
    Matcher::new(&Glossary::from_entries(
        native::parse("tests/fixtures/prose.toml", text).unwrap(),
    ))
}

/// Strips «» marks from `marked`, scans the rest as `kind`, and asserts the matches are exactly
/// the marked spans.
#[track_caller]
fn check(kind: FileKind, marked: &str) {
    check_with(&house().1, kind, marked);
}

#[track_caller]
fn check_with(matcher: &Matcher, kind: FileKind, marked: &str) {
    let text = marked.replace(['«', '»'], "");
    let found = scan::scan(&text, kind, matcher);
    let mut rendered = String::new();
    let mut at = 0;
    for m in &found {
        rendered.push_str(&text[at..m.range.start]);
        rendered.push('«');
        rendered.push_str(&text[m.range.clone()]);
        rendered.push('»');
        at = m.range.end;
    }
    rendered.push_str(&text[at..]);
    assert_eq!(rendered, marked);
}

/// The concepts (head terms) each match refers to, in order.
fn concepts(kind: FileKind, text: &str) -> Vec<(String, Vec<String>)> {
    let (g, matcher) = house();
    scan::scan(text, kind, &matcher)
        .into_iter()
        .map(|m| {
            let mut terms: Vec<String> = m
                .refs
                .iter()
                .map(|r| g.concept(r.concept).term().to_string())
                .collect();
            terms.dedup();
            (text[m.range].to_owned(), terms)
        })
        .collect()
}

#[test]
fn hyphen_and_space_variants_find_one_concept() {
    check(
        FileKind::Text,
        "«Fine-tuning», «fine tuning» and «fine\n   tuning» are one concept.",
    );
}

#[test]
fn longest_name_wins_and_plurals_belong_to_it() {
    check(
        FileKind::Text,
        "We trained «sparse autoencoders» and one «sparse autoencoder».",
    );
    check(
        FileKind::Text,
        "Two «strategies», one «strategy», many «SAEs».",
    );
}

#[test]
fn keywords_are_never_matched() {
    // "feature" and "decompose" are search tags of sparse autoencoder, not names.
    check(
        FileKind::Text,
        "«sparse autoencoder» features decompose a feature.",
    );
}

#[test]
fn acronyms_match_only_in_capitals() {
    check(
        FileKind::Text,
        "«SAM» and «SAM»'s mask, but Sam and sam do not.",
    );
    assert_eq!(
        concepts(FileKind::Text, "SAM"),
        [(
            "SAM".to_owned(),
            vec![
                "segment anything model".to_owned(),
                "scanning acoustic microscopy".to_owned()
            ]
        )]
    );
}

#[test]
fn case_sensitive_names_match_exactly() {
    check(FileKind::Text, "«FlashAttention» is not flashattention.");
}

#[test]
fn word_boundaries_are_unicode_aware() {
    check(
        FileKind::Text,
        "SAMple, reSAM, «SAM»-based, écrireSAM, SAMé, («SAM»), «SAM»—done.",
    );
}

#[test]
fn rejected_match_resumes_at_the_next_position() {
    // "fine tuning" inside "refine tuning" fails the boundary check; resuming after it would
    // lose the valid "tuning" it contains.
    check(FileKind::Text, "We refine «tuning» runs.");
}

#[test]
fn names_without_word_edges_need_no_boundary() {
    check(FileKind::Text, "Written in «C++», not C+.");
}

#[test]
fn non_ascii_names_match_in_any_case() {
    check(
        FileKind::Text,
        "Das «ÜBERWACHUNGSMODELL» und «Überwachtes Lernen».",
    );
}

#[test]
fn offsets_survive_text_that_folds_to_other_lengths() {
    // 'İ' lowercases to two chars; runs of spaces collapse; emoji are four bytes.
    check(FileKind::Text, "İİ 😀 «SAM»   and\t«fine  tuning» 😀 «SAE»");
}

#[test]
fn crlf_line_endings() {
    check(FileKind::Text, "First «SAM»\r\nthen «fine-\r\ntuning»\r\n");
}

#[test]
fn markdown_code_is_not_prose() {
    check(
        FileKind::Markdown,
        "# «SAM»\n\nUse `SAM` inline.\n\n```\nSAM in code\n```\n\n    SAM indented\n\nBack to «SAM».\n",
    );
}

#[test]
fn markdown_urls_and_math_are_not_prose() {
    check(
        FileKind::Markdown,
        "See [«SAM»](https://example.com/SAM) and https://x.org/fine-tuning or <https://a.b/SAM>.\n\n$SAM$ and\n\n$$\nSAM\n$$\n",
    );
}

#[test]
fn markdown_front_matter_is_not_prose() {
    check(FileKind::Markdown, "---\ntitle: SAM\n---\n\n«SAM» text.\n");
}

#[test]
fn latex_commands_math_and_comments_are_not_prose() {
    check(
        FileKind::Latex,
        "\\section{«SAM»}\n% SAM in a comment\nWe use «SAM» and $SAM$.\n\\begin{verbatim}\nSAM\n\\end{verbatim}\n\\label{sec:SAM}\n",
    );
}

/// Regression (issue 7): a glossary name of 20,000 × "a" took 140 s to load: building the DFA
/// followed failure links as deep as the name, from every state and for every byte class of the
/// embedded corpus. A project with such a name (and the corpus) loads, and the name is found
/// where it is like any other.
#[test]
fn a_glossary_with_a_20000_byte_name_loads_and_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a".repeat(20_000);
    std::fs::write(
        dir.path().join("glossary.toml"),
        format!(
            "[[concept]]\nterm = \"{name}\"\ndeprecated = [\"{name}b\"]\n\n\
             [[concept]]\nterm = \"sparse autoencoder\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("glossa.toml"),
        "glossaries = [\"glossary.toml\"]\n",
    )
    .unwrap();
    let project = glossa_project::Project::discover(dir.path()).unwrap();
    assert!(
        project.glossary.concepts().len() > 100,
        "the embedded corpus is loaded too"
    );
    let text = format!("See {name}b here, and a sparse autoencoder.");
    let found: Vec<_> = scan::scan(&text, FileKind::Text, &project.matcher)
        .iter()
        .map(|m| m.range.clone())
        .collect();
    let sae = text.find("sparse").unwrap();
    assert_eq!(found, [4..4 + name.len() + 1, sae..sae + 18]);
}

/// Issue 6: README headers and tables written in HTML are read as prose; their tags,
/// attributes and code are not.
#[test]
fn markdown_html_block_text_is_prose() {
    check(
        FileKind::Markdown,
        "<details>\n<summary>«SAM» notes</summary>\n\nBody on «fine-tuning».\n\n</details>\n\n<p align=\"center\" title=\"SAM\"><b>«Sparse autoencoders»</b> <code>SAM</code></p>\n<!-- SAM -->\n",
    );
}

/// Issue 6: a second definition of a reference label is no more prose than the first.
#[test]
fn markdown_repeated_reference_definition_is_not_prose() {
    check(
        FileKind::Markdown,
        "See [«SAM»][s].\n\n[s]: https://x.org/SAM \"SAM\"\n[s]: /fine-tuning \"SAM\"\n",
    );
}

/// Issue 6: a glossary name inside a file, package, domain or call name is part of that name,
/// not a term.
#[test]
fn names_inside_file_package_domain_and_call_names_are_not_terms() {
    let m = prose();
    check_with(
        &m,
        FileKind::Text,
        "Each «package» has a package.json; eslint-plugin-react and eslint.org hold «ESLint» \
         rules; axios.get(url) or @axios. Read foo-yaml.txt and config.yaml (the «config», in \
         «YAML»); transformers.Trainer and model.generate() load a «model»; generate() and \
         generate(\"x\") too. Then pip install sentencepiece-xyz; speaker-diarization-3.1 does \
         «speaker diarization».",
    );
}

/// Repository and model ids in prose (peft's and torchao's PyPI descriptions: "a
/// [openai/whisper-large-v2](…) model", "pytorch/ao"): the organisation's name in lowercase in
/// a slashed id is part of the id, as in a hyphenated package name; names with capitals and
/// plain words either side of a slash are prose.
#[test]
fn names_inside_repository_and_model_ids_are_not_terms() {
    check_with(
        &prose(),
        FileKind::Markdown,
        "Learn how to finetune a [openai/whisper-large-v2](https://x.y/z) «model»; see \
         pytorch/xla and huggingface/«transformers». «PyTorch»/XLA runs; «model»/«config» \
         pairs; «OpenAI»/«PyTorch» too.\n",
    );
}

/// Issue 6: what the rules above must leave alone: hyphenated compounds, sentence ends,
/// parentheses that are not calls.
#[test]
fn compounds_sentence_ends_and_parentheses_still_match() {
    check_with(
        &prose(),
        FileKind::Markdown,
        "«Fine-tuning» a «Mixture-of-Experts» («MoE») «model». «MoE»-based «models»(s) and \
         «SentencePiece»-style «plugins»: «YAML».\nA «model» (see «Transformers»). «ESLint»/«YAML» \
         «model»(s) «Transformers»(HF) «config»… «ECMAScript»!",
    );
}

/// Issue 6: "Ecmascript 2015" found nothing: the longer name, case-exact, was rejected, and
/// the search moved on past the shorter "ECMAScript" that starts at the same place. So did
/// "scan chain designed", whose "scan chain design" fails the word boundary.
#[test]
fn a_rejected_longer_name_does_not_hide_a_shorter_one_at_the_same_start() {
    let m = prose();
    check_with(
        &m,
        FileKind::Text,
        "In «Ecmascript» 2015 and «ECMAScript 2015».",
    );
    check_with(
        &m,
        FileKind::Text,
        "A «scan chain» designed by the tool; a «scan chain design».",
    );
}

/// Issue 6: a compound whose glossary name is plural is also written in the singular.
#[test]
fn singular_of_a_plural_compound_matches() {
    check_with(
        &prose(),
        FileKind::Text,
        "One «Mixture-of-Expert» layer, a «scaling law», two «scaling laws»; process dynamic.",
    );
}

/// Issue 6: the name a glossary displays for a concept is a name writers use too.
#[test]
fn a_display_name_is_a_name() {
    check_with(
        &prose(),
        FileKind::Text,
        "The «Segment Anything Model» is «segment anything».",
    );
}

/// Issue 6, on the embedded corpus: "scan chain design" (000) fails the word boundary in "scan
/// chain designed"; the corpus name "scan chain" starting at the same place is found.
#[test]
fn a_rejected_corpus_name_does_not_hide_a_shorter_one() {
    let glossary = Glossary::builtin();
    let matcher = Matcher::new(&glossary);
    check_with(
        &matcher,
        FileKind::Markdown,
        "A «scan chain» designed by the tool follows the «scan chain design».",
    );
}
