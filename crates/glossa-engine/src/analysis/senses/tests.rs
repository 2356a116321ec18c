//! `senses`' fast paths held to the plain reading they stand for. A document's words and
//! tokens are counted once per spelling (in pieces on every core for a large document) and
//! compared with the words and tokens read one by one; [`resolve`] (names keyed once per
//! spelling, occurrences of only deprecated or forbidden names not read, a borrowed cache key)
//! is compared with the plain reading of every occurrence. The documents are random ones made
//! of the glossary's own names, acronym definitions, corpus words and names glued into others,
//! and a real README repeated to 3 MB.

use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;
use crate::glossary::{corpus, native, style};
use crate::scan::{FileKind, Matcher};

/// `content_word` finds stop words by binary search.
#[test]
fn stop_words_are_sorted_for_the_binary_search() {
    assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn content_words_are_lower_case_singular_and_not_stop_words() {
    let words: Vec<String> = content_words("The Transformers and LLMs of été, x2 ab").collect();
    assert_eq!(words, ["transformer", "llm", "été"]);
}

/// [`title_case`] on real lines, split at their "Transformers": paper titles (timm, DeepSpeed)
/// are titles with a modifier before it; a heading or sentence naming the library is not
/// (the transformers, TRL, optimum and torchao READMEs).
#[test]
fn title_case_tells_paper_titles_from_the_library_s_name() {
    let titles = [
        (
            "* Aggregating Nested ",
            " - https://arxiv.org/abs/2105.12723",
        ),
        (
            "* CaiT (Class-Attention in Image ",
            ") - https://arxiv.org/abs/2103.17239",
        ),
        (
            "    * DINOv2 / Vision ",
            " Need Registers - https://arxiv.org/abs/2304.07193",
        ),
        (
            "Extreme Compression for Pre-trained ",
            " Made Simple and Efficient.",
        ),
        ("Quantization for Large-Scale ", "."),
        ("notes — Scaling Vision ", " “Need Registers”"),
    ];
    for (before, after) in titles {
        assert!(title_case(before, after), "{before}|{after}");
    }
    let not = [
        ("## Install ", ""),
        ("* Bottleneck ", " - https://arxiv.org/abs/2101.11605"),
        ("The ", " library"),
        ("such as HF ", " and vLLM"),
        (
            "Built on top of the [🤗 ",
            "](https://github.com/huggingface/transformers)",
        ),
        (
            "It is possible to export ",
            ", Diffusers, Sentence Transformers and Timm models",
        ),
        (
            "Optimum provides wrappers around the original ",
            " [Trainer]",
        ),
        ("# TRL - ", " Reinforcement Learning"),
        ("Use the HuggingFace ", " Trainer"),
        // Stops of several bytes: a title starts after them.
        ("per step — no growing KV cache like ", ""),
    ];
    for (before, after) in not {
        assert!(!title_case(before, after), "{before}|{after}");
    }
}

/// House names beside the embedded glossary: deprecated and forbidden names, one of them an
/// acronym the embedded glossary admits for other concepts ("SAM"), one inside another name.
const HOUSE: &str = r#"
[[concept]]
term = "fine-tuning"
definition = "Adapting a pretrained model to a task with further training."
deprecated = ["finetuning", "finetune"]
forbidden = ["fine-tunning"]

[[concept]]
term = "sharpness-aware minimization"
definition = "An optimizer that seeks flat minima of the loss surface."
deprecated = ["SAM"]

[[concept]]
term = "model weights"
deprecated = ["checkpoint weights", "weights file"]
forbidden = ["weightz"]
"#;

/// The glossary, its matcher and the pieces random documents are made of.
struct Setup {
    glossary: Glossary,
    matcher: Matcher,
    pieces: Vec<String>,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let mut entries = style::builtin_entries();
        entries.extend(native::parse("house.toml", HOUSE).expect("the house glossary parses"));
        let glossary = Glossary::from_entries(entries);
        let matcher = Matcher::new(&glossary);
        let mut pieces: Vec<String> = Vec::new();
        for c in glossary.concepts() {
            pieces.push(c.term().to_string());
            for n in &c.names {
                let t = &n.text;
                pieces.extend([
                    t.to_string(),
                    format!("{t}s"),
                    str::to_uppercase(t),
                    str::to_lowercase(t),
                ]);
                // Glued into other names: "SAE-Lib", "SAELens", "sae_lens", "Hooked SAE".
                pieces.extend([format!("{t}-Lib"), format!("{t}Lens"), format!("{t}_lens")]);
                pieces.extend([format!("Hooked{t}"), "Hooked".into(), "Lens".into()]);
                if let Some(e) = &n.expansion {
                    pieces.extend([format!("{e} ({t})"), format!("{t} ({e})")]);
                    pieces.push(format!("Something Else Entirely ({t})"));
                }
            }
            // Words that speak for a sense.
            for d in &c.definitions {
                pieces.extend(d.text.split_whitespace().take(12).map(str::to_owned));
            }
        }
        for (_, page) in corpus::PAGES {
            pieces.extend(page.split_whitespace().take(400).map(str::to_owned));
        }
        pieces.extend(["Straße".into(), "ÉCOLE".into(), "naïve".into(), "x2".into()]);
        Setup {
            glossary,
            matcher,
            pieces,
        }
    })
}

/// Between pieces; several-byte punctuation too ("—" once sliced a title check apart).
const SEPARATORS: &[&str] = &[
    " ", " ", " ", " ", "\n", ". ", "-", "_", "\n\n", " (", ") ", ", ", "? ", " — ", "“", "” ",
];

/// A random document of the setup's pieces, sometimes with front matter declaring domains.
fn document() -> impl Strategy<Value = String> {
    document_of(0..400)
}

/// [`document`] of `parts` pieces.
fn document_of(parts: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    let n = setup().pieces.len();
    (
        any::<bool>(),
        proptest::collection::vec((0..n, 0..SEPARATORS.len()), parts),
    )
        .prop_map(|(front, parts)| {
            let s = setup();
            let mut doc = String::new();
            if front {
                doc.push_str("---\ndomains: [failure analysis, packaging]\n---\n");
            }
            for (p, sep) in parts {
                doc.push_str(&s.pieces[p]);
                doc.push_str(SEPARATORS[sep]);
            }
            doc
        })
}

fn counts(words: impl Iterator<Item = String>) -> WordCounts {
    let mut out = WordCounts::default();
    for w in words {
        *out.entry(w).or_insert(0) += 1;
    }
    out
}

/// [`Reading::in_other_name`] as it was before its joined spellings were built in one buffer.
fn in_other_name_plain<'a>(text: &'a str, tokens: &WordSet, m: &Match) -> bool {
    let found = &text[m.range.clone()];
    // "DeepSpeed", "PyTorch": runs of lower case and inner capitals ("MoE", "LoRA" are
    // acronyms).
    let lower_run = found
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_lowercase());
    let coined =
        lower_run && found.chars().skip(1).any(char::is_uppercase) && !found.contains([' ', '-']);
    if coined {
        return false;
    }
    let before = &text[..m.range.start];
    let after = &text[m.range.end..];
    let word_after = |s: &'a str| -> &'a str {
        let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
        &s[..end]
    };
    let word_before = |s: &'a str| -> &'a str {
        let start = s
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        &s[start..]
    };
    // A capitalised word that is not an everyday word in Title Case ("Quantization-Aware
    // Training" is no product): "Lib", "Vis", "MoE".
    let capital = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.len() >= 2
            && (w.chars().skip(1).any(char::is_uppercase) || !is_everyday(w))
    };
    // Hyphen-glued: "MBRL-Lib", "DeepSpeed-MoE".
    if let Some(rest) = after.strip_prefix('-')
        && capital(word_after(rest))
    {
        return true;
    }
    if let Some(rest) = before.strip_suffix('-')
        && capital(word_before(rest))
    {
        return true;
    }
    // Spaced: "SAE Lens" where the document writes "SAELens".
    let next = after.strip_prefix(' ').map(word_after).unwrap_or("");
    let prev = before.strip_suffix(' ').map(word_before).unwrap_or("");
    if next.len() < 2 && prev.len() < 2 {
        return false;
    }
    let own = own_letters(found);
    let joined = |a: &str, b: &str| tokens.contains(&format!("{a}{b}"));
    (next.len() >= 2 && next.chars().all(char::is_alphabetic) && joined(&own, &next.to_lowercase()))
        || (prev.len() >= 2
            && prev.chars().all(char::is_alphabetic)
            && joined(&prev.to_lowercase(), &own))
}

/// What [`resolve`] gave before its fast paths: the names keyed at every match, the words and
/// tokens read one by one, every occurrence read (those of only deprecated or forbidden names
/// too), the cache keyed by an owned copy of each name list.
fn resolve_plain(text: &str, glossary: &Glossary, matches: &[Match]) -> Vec<Match> {
    let (mut named, mut full_names) = (HashSet::default(), HashSet::default());
    for m in matches {
        let key = plural_key(&text[m.range.clone()]);
        for r in &m.refs {
            named.insert((r.concept, key.clone()));
            let n = glossary.name(*r);
            if n.kind != NameKind::Acronym && n.text.contains([' ', '-']) {
                full_names.insert(r.concept);
            }
        }
    }
    let names = DocumentNames::from_sets(named, full_names);
    assert_eq!(Reading::new(text, glossary, matches).names(), names);
    let hints = Reading::new(text, glossary, &[]).hints().clone();
    let words: WordSet = content_words(text).chain(hints.iter().cloned()).collect();
    let tokens: WordSet = document_tokens(text).collect();
    let mut reading = Reading::new(text, glossary, &[])
        .with_names(&names)
        .with_sets(&words, &tokens);
    let mut cache: HashMap<Vec<NameRef>, Meaning> = HashMap::new();
    let mut out = Vec::new();
    for m in matches {
        let meaning = if in_other_name_plain(text, &tokens, m) {
            Meaning::Unknown
        } else if !read_by_name(text, glossary, m) {
            reading.meaning(m)
        } else {
            cache
                .entry(m.refs.clone())
                .or_insert_with(|| reading.meaning(m))
                .clone()
        };
        out.extend(narrow(glossary, m, &meaning));
    }
    out
}

/// The support each sense of `m` finds near it ([`Sense::near`]), as it was read before the
/// words near an occurrence were looked up among its spelling's shared words: every word of the
/// window in a set, each shared word looked up there.
fn near_plain(reading: &mut Reading<'_>, m: &Match) -> Vec<(ConceptId, f32)> {
    let found = &reading.text[m.range.clone()];
    let bases = reading.bases(found, &m.refs);
    let around = reading.around(m.range.clone());
    let mut buf = String::new();
    let near: HashSet<String> = around
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| any_word(w, &mut buf).map(str::to_owned))
        .collect();
    bases
        .senses
        .iter()
        .map(|b| {
            let weight = b
                .shared
                .iter()
                .filter(|(_, w)| reading.hints.contains(w) || near.contains(w))
                .map(|(weight, _)| *weight)
                .sum::<f32>();
            (b.concept, weight)
        })
        .collect()
}

/// [`Reading::definitions`] as it was before it looked at the parentheses only: each form
/// searched for in the whole text.
fn definitions_plain(text: &str, short: &str) -> Vec<Definition> {
    let mut defs = Vec::new();
    for form in [format!("({short})"), format!("({short}s)")] {
        for (i, _) in text.match_indices(&form) {
            let start = text[..i].rfind(['\n', '.', ';', '(']).map_or(0, |p| p + 1);
            if let Some(long) = long_form_before(short, &text[start..i]) {
                defs.push(Definition {
                    at: i,
                    end: i + form.len(),
                    long: long.to_owned(),
                });
            }
        }
    }
    let pat = format!("{short} (");
    for (i, _) in text.match_indices(&pat) {
        let inner_start = i + pat.len();
        if let Some(close) = text[inner_start..].find(')') {
            let inner = &text[inner_start..inner_start + close];
            if abbreviates(short, inner) {
                defs.push(Definition {
                    at: i,
                    end: inner_start,
                    long: inner.to_owned(),
                });
            }
        }
    }
    defs.sort_by_key(|d| d.at);
    defs
}

/// A definition as (offset, end, long form).
type Found = (usize, usize, String);

/// The definitions of every acronym a document writes, found at its parentheses and by
/// searching the whole text for each form.
fn both_definitions(doc: &str) -> Vec<(String, Vec<Found>, Vec<Found>)> {
    let s = setup();
    let opens: Vec<usize> = doc.match_indices('(').map(|(i, _)| i).collect();
    let mut shorts: Vec<String> = crate::scan::scan(doc, FileKind::Markdown, &s.matcher)
        .iter()
        .map(|m| doc[m.range.clone()].trim_end_matches('s').to_owned())
        .chain(["SAM".to_owned(), "S".to_owned(), String::new()])
        .collect();
    shorts.sort();
    shorts.dedup();
    let triples = |defs: Vec<Definition>| {
        defs.into_iter()
            .map(|d| (d.at, d.end, d.long))
            .collect::<Vec<_>>()
    };
    shorts
        .into_iter()
        .map(|short| {
            let fast = triples(definitions_in(doc, &opens, &short));
            let plain = triples(definitions_plain(doc, &short));
            (short, fast, plain)
        })
        .collect()
}

/// Real documents: acronyms defined every way, in the READMEs of the judged suite.
#[test]
fn definitions_found_at_the_parentheses_are_the_ones_searched_for() {
    let docs = [
        include_str!("../../../../../tests/realdocs/segment-anything-readme.md"),
        include_str!("../../../../../tests/realdocs/sae-lens-long-description.md"),
        "Sparse autoencoders (SAEs) and SAE (sparse autoencoder); SAM (Segment Anything \
         Model) (SAM) ( SAM) (S) S (x) (",
    ];
    let mut found = 0;
    for doc in docs {
        for (short, fast, plain) in both_definitions(doc) {
            assert_eq!(fast, plain, "{short:?}");
            found += fast.len();
        }
    }
    assert!(found >= 4, "{found}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn definitions_found_at_the_parentheses_are_the_ones_searched_for_anywhere(doc in document()) {
        for (short, fast, plain) in both_definitions(&doc) {
            prop_assert_eq!(fast, plain, "{:?}", short);
        }
    }

    #[test]
    fn resolve_reads_every_document_as_the_plain_reading_does(doc in document()) {
        let s = setup();
        let matches = crate::scan::scan(&doc, FileKind::Markdown, &s.matcher);
        prop_assert_eq!(
            resolve(&doc, &s.glossary, &matches),
            resolve_plain(&doc, &s.glossary, &matches)
        );
    }

    #[test]
    fn the_words_near_each_occurrence_are_the_ones_read_one_by_one(doc in document()) {
        let s = setup();
        let matches = crate::scan::scan(&doc, FileKind::Markdown, &s.matcher);
        let mut reading = Reading::new(&doc, &s.glossary, &matches);
        for m in matches.iter().filter(|m| !allowed_concepts(&s.glossary, &m.refs).is_empty()) {
            let mut near: Vec<(ConceptId, f32)> =
                reading.rank(m).iter().map(|s| (s.concept, s.near)).collect();
            near.sort_by_key(|n| n.0);
            let mut plain = near_plain(&mut reading, m);
            plain.sort_by_key(|n| n.0);
            prop_assert_eq!(near, plain, "{:?}", &doc[m.range.clone()]);
        }
    }

    #[test]
    fn words_and_tokens_counted_by_spelling_are_the_ones_read_one_by_one(doc in document()) {
        let (words, tokens) = document_counts(&doc);
        prop_assert_eq!(words, counts(content_words(&doc)));
        prop_assert_eq!(tokens, counts(document_tokens(&doc)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    /// Documents with enough matches to be read on every core ([`resolve_all`] in pieces; the
    /// threshold is lowered in tests, so the random documents above are read in pieces too).
    #[test]
    fn a_document_read_in_pieces_reads_as_in_one_go(doc in document_of(2_000..2_400)) {
        let s = setup();
        let matches = crate::scan::scan(&doc, FileKind::Markdown, &s.matcher);
        prop_assert!(matches.len() >= PARALLEL, "{} matches", matches.len());
        prop_assert_eq!(
            resolve(&doc, &s.glossary, &matches),
            resolve_plain(&doc, &s.glossary, &matches)
        );
    }
}

/// The random documents hold what the fast paths skip or share: occurrences of only deprecated
/// names, of names shared by deprecated and admitted names, acronyms with several senses, names
/// inside other names.
#[test]
fn the_documents_hold_every_kind_of_occurrence() {
    let s = setup();
    let doc = "We used SAM for the masks, then finetuning and fine-tunning. \
               Sharpness-aware minimization (SAM) helps; finetuning again. SAELens and SAE Lens.";
    let matches = crate::scan::scan(doc, FileKind::Markdown, &s.matcher);
    let only_styled = |m: &&Match| allowed_concepts(&s.glossary, &m.refs).is_empty();
    assert!(matches.iter().filter(only_styled).count() >= 3);
    let sam: Vec<&Match> = matches
        .iter()
        .filter(|m| &doc[m.range.clone()] == "SAM")
        .collect();
    assert!(
        sam.iter()
            .all(|m| allowed_concepts(&s.glossary, &m.refs).len() >= 2)
    );
    assert!(
        sam.iter()
            .all(|m| m.refs.len() > allowed_concepts(&s.glossary, &m.refs).len())
    );
    assert_eq!(
        resolve(doc, &s.glossary, &matches),
        resolve_plain(doc, &s.glossary, &matches)
    );
}

/// A large document is read in pieces on every core: the same words, tokens and reading as in
/// one go, on a real README repeated past the size where pieces start (each copy with words of
/// its own, so the pieces differ).
#[test]
fn a_large_document_reads_in_pieces_as_in_one_go() {
    let page = include_str!("../../../../../tests/realdocs/segment-anything-readme.md");
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 3 << 20 {
        text.push_str(&format!("Copy{i} of-the_Page{i} SAM\n{page}\n"));
        i += 1;
    }
    assert!(text.len() > 2 * PIECE);
    let (words, tokens) = document_counts(&text);
    assert!(words.contains_key("copy3") && tokens.contains_key("ofthepage7"));
    assert_eq!(words, counts(content_words(&text)));
    assert_eq!(tokens, counts(document_tokens(&text)));
    let s = setup();
    let matches = crate::scan::scan(&text, FileKind::Markdown, &s.matcher);
    assert_eq!(
        resolve(&text, &s.glossary, &matches),
        resolve_plain(&text, &s.glossary, &matches)
    );
}
