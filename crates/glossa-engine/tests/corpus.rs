//! The AI Factory corpus, parsed: real entries from every page, checked for what the parser
//! makes of them (head terms, display names, categories, acronyms, synonyms vs keywords,
//! definitions and where they are), and the built-in glossary and scanner on top of them.

use glossa_engine::glossary::corpus::{PAGES, builtin_entries, is_header};
use glossa_engine::glossary::{Concept, Entry, Glossary, NameKind, Status};
use glossa_engine::scan::Matcher;

const P000: &str = "corpus/ai-factory/000_d756b285e57e4ea7.txt";
const P001: &str = "corpus/ai-factory/001_7eb61901ec7fbee1.txt";
const P002: &str = "corpus/ai-factory/002_c333133cd8f12d91.txt";
const P003: &str = "corpus/ai-factory/003_83bab80985da128a.txt";
const P004: &str = "corpus/ai-factory/004_bb18a3553904041a.txt";

/// The entry whose header is on `line` of `page`.
#[track_caller]
fn at(page: &str, line: u32) -> Entry {
    builtin_entries()
        .into_iter()
        .find(|e| {
            e.definition
                .as_ref()
                .is_some_and(|d| *d.source.path == *page && d.source.line == line)
        })
        .unwrap_or_else(|| panic!("no entry at {page}:{line}"))
}

/// An entry's names as (text, kind, expansion), in order.
fn names(e: &Entry) -> Vec<(&str, NameKind, Option<&str>)> {
    e.names
        .iter()
        .map(|n| (n.text.as_str(), n.kind, n.expansion.as_deref()))
        .collect()
}

fn summary(e: &Entry) -> &str {
    &e.definition.as_ref().unwrap().summary
}

fn body(e: &Entry) -> &str {
    &e.definition.as_ref().unwrap().text
}

fn concept<'g>(g: &'g Glossary, name: &str) -> Vec<&'g Concept> {
    g.lookup(name).into_iter().map(|id| g.concept(id)).collect()
}

#[test]
fn every_page_holds_exactly_fifty_entries_starting_where_its_first_header_is() {
    let entries = builtin_entries();
    for (path, first_line, first_term) in [
        (P000, 10, "structured state spaces"),
        (P001, 10, "sparse attention"),
        (P002, 1, "dielectric deposition process modeling"),
        (P003, 1, "ToolBench"),
        (P004, 1, "model quantization"),
    ] {
        let on_page: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.definition.as_ref().unwrap().source.path.as_ref() == path)
            .collect();
        assert_eq!(on_page.len(), 50, "{path}");
        let first = on_page[0];
        assert_eq!(
            (
                first.term.as_str(),
                first.definition.as_ref().unwrap().source.line
            ),
            (first_term, first_line),
            "{path}"
        );
    }
    assert_eq!(entries.len(), 250);
    assert_eq!(PAGES.len(), 5);
}

#[test]
fn no_head_term_reads_like_a_sentence() {
    for e in builtin_entries() {
        let t = &e.term;
        let src = &e.definition.as_ref().unwrap().source;
        let acronym = t.chars().all(|c| !c.is_lowercase());
        assert!(t.split_whitespace().count() <= 8, "{src}: {t:?}");
        assert!(!t.ends_with(['.', ':', '?', '!', ',']), "{src}: {t:?}");
        assert!(!t.contains(['$', '*', '|', '`', '"']), "{src}: {t:?}");
        // Only a distinctive spelling ("SAGPool", "DeepSpeed") starts with a capital.
        let distinctive = t.chars().skip(1).any(char::is_uppercase);
        assert!(
            acronym || distinctive || !t.starts_with(char::is_uppercase),
            "{src}: {t:?}"
        );
        assert!(
            e.category.as_deref().is_none_or(
                |c| !e.keywords.iter().any(|k| k == c) && !e.names.iter().any(|n| n.text == c)
            ),
            "{src}: a category is never a name or keyword"
        );
    }
}

#[test]
fn page_000_preamble_is_no_entry() {
    let text = PAGES[0].1;
    assert!(text.starts_with("← Back to AI Factory Chat"));
    assert!(
        builtin_entries()
            .iter()
            .all(|e| !e.term.contains("Factory") && !e.term.contains("technical terms"))
    );
    assert!(!is_header("438 technical terms and definitions"));
    assert!(!is_header("1,544 technical terms and definitions"));
}

#[test]
fn page_000_sam_is_two_concepts_and_only_in_capitals() {
    let vision = at(P000, 58);
    assert_eq!(vision.term, "segment anything model");
    assert_eq!(vision.display, "Segment Anything Model");
    assert_eq!(vision.category.as_deref(), Some("computer vision"));
    assert_eq!(
        names(&vision),
        [("SAM", NameKind::Acronym, Some("Segment Anything Model"))]
    );
    let acoustic = at(P000, 150);
    assert_eq!(acoustic.term, "scanning acoustic microscopy");
    assert_eq!(acoustic.category.as_deref(), Some("failure analysis"));
    assert_eq!(
        names(&acoustic),
        [(
            "SAM",
            NameKind::Acronym,
            Some("Scanning Acoustic Microscopy")
        )]
    );

    let g = Glossary::builtin();
    let sam: Vec<(&str, Option<&str>)> = concept(&g, "SAM")
        .iter()
        .map(|c| (c.term(), c.category.as_deref()))
        .collect();
    assert_eq!(
        sam,
        [
            ("segment anything model", Some("computer vision")),
            ("scanning acoustic microscopy", Some("failure analysis"))
        ]
    );
    assert!(g.lookup("Sam").is_empty());
    assert!(g.lookup("sam").is_empty());
    let acronym = g.concept(g.lookup("SAM")[0]).acronyms().next().unwrap();
    assert_eq!(
        (acronym.status, acronym.case_sensitive),
        (Status::Admitted, true)
    );
}

#[test]
fn page_000_display_category_summary_and_source() {
    let e = at(P000, 30);
    assert_eq!(e.term, "safety guardrails");
    assert_eq!(e.display, "Safety guardrails");
    assert_eq!(e.category.as_deref(), Some("ai safety"));
    assert!(e.names.is_empty() && e.keywords.is_empty());
    assert!(summary(&e).starts_with("Safety guardrails is the layered control system"));
    assert!(summary(&e).ends_with("responses."), "{}", summary(&e));

    // "s4 (structured state spaces),s4,structured state spaces,llm architecture"
    let s4 = at(P000, 10);
    assert_eq!(s4.term, "structured state spaces");
    assert_eq!(s4.category.as_deref(), Some("llm architecture"));
    assert_eq!(
        names(&s4),
        [
            (
                "S4",
                NameKind::Acronym,
                Some("Structured State Spaces for Sequences")
            ),
            // The bold title names the concept: a name writers use.
            (
                "Structured State Spaces for Sequences",
                NameKind::Alias,
                None
            )
        ]
    );
    // "s4 model, s4, architecture": "s4" is a word of the head, so no acronym of it.
    let model = at(P000, 14);
    assert_eq!(
        (model.term.as_str(), model.display.as_str()),
        ("s4 model", "S4 Model")
    );
    assert_eq!(model.keywords, ["s4"]);
    assert_eq!(
        summary(&model),
        "S4 Model is structured state space sequence model using diagonal-plus-low-rank \
         parameterization for long-range memory."
    );

    // "sarima, sarima, time series models": the body writes it in capitals.
    let sarima = at(P000, 74);
    assert_eq!(
        (
            sarima.term.as_str(),
            sarima.case_sensitive,
            sarima.category.as_deref()
        ),
        ("SARIMA", true, Some("time series models"))
    );

    // Keywords, not names: nothing here is a spelling or acronym of "scaling laws".
    let scaling = at(P000, 98);
    // `scaling law` (000:94) and `scaling laws` are one concept, named in the singular.
    assert_eq!(scaling.term, "scaling law");
    assert_eq!(names(&scaling), [("scaling laws", NameKind::Alias, None)]);
    assert_eq!(
        scaling.keywords,
        [
            "chinchilla",
            "compute optimal",
            "data scaling",
            "training efficiency",
            "model size",
            "tokens"
        ]
    );
    assert_eq!(scaling.category, None);

    // "scientific machine learning,scientific ml": an abbreviated re-spelling, no category.
    let sciml = at(P000, 174);
    assert_eq!(sciml.category, None);
    assert_eq!(
        names(&sciml),
        [
            (
                "SciML",
                NameKind::Acronym,
                Some("Scientific Machine Learning")
            ),
            ("scientific ml", NameKind::Alias, None)
        ]
    );
}

#[test]
fn page_000_duplicate_sagpool_entries_merge_into_one_concept() {
    let first = at(P000, 46);
    let second = at(P000, 50);
    assert_eq!(
        (first.term.as_str(), second.term.as_str()),
        ("SAGPool", "SAGPool")
    );
    let g = Glossary::builtin();
    let found = concept(&g, "SAGPool");
    assert_eq!(found.len(), 1);
    let c = found[0];
    let lines: Vec<u32> = c.definitions.iter().map(|d| d.source.line).collect();
    assert_eq!(lines, [46, 50]);
    assert_eq!(c.category.as_deref(), Some("graph neural networks"));
    assert_eq!(c.display_name(), "SAGPool");
    assert!(
        c.definitions[1]
            .text
            .starts_with("**SAGPool (Self-Attention Graph Pooling)**")
    );

    // "debate, ai safety" twice on page 002 too.
    let debate = concept(&g, "debate");
    assert_eq!(debate.len(), 1);
    assert_eq!(debate[0].definitions.len(), 2);
}

#[test]
fn page_001_sparse_autoencoder_synonyms_and_keywords() {
    // "sparse autoencoder,feature,decompose"
    let e = at(P001, 34);
    assert_eq!(e.term, "sparse autoencoder");
    assert_eq!(e.keywords, ["feature", "decompose"]);
    assert_eq!(e.category, None);
    assert_eq!(
        names(&e),
        [("SAE", NameKind::Acronym, Some("Sparse Autoencoder"))],
        "from the opening **Sparse Autoencoders (SAEs)**"
    );
    // "sparse autoencoder,sae,features"
    let e = at(P001, 38);
    assert_eq!(e.keywords, ["features"]);
    assert_eq!(e.category, None, "\"features\" is not a category");
    assert_eq!(
        names(&e),
        [
            // The title is a topic about sparse autoencoders, not a longer name of them: it
            // stays a name, and merges this entry with `sparse autoencoders for
            // interpretability` (001:42).
            (
                "Sparse Autoencoders for Interpretability",
                NameKind::Alias,
                None
            ),
            ("SAE", NameKind::Acronym, Some("sparse autoencoder"))
        ]
    );
    assert_eq!(e.term, "sparse autoencoder");
    assert_eq!(at(P001, 42).term, "sparse autoencoder");
    assert_eq!(at(P001, 30).term, "sparse autoencoder");
    assert_eq!(
        summary(&e),
        "SAEs learn to decompose neural network activations into interpretable, monosemantic features."
    );

    // "spc, statistical process control, …": the head is the acronym of the next item.
    let spc = at(P001, 174);
    assert_eq!(spc.term, "statistical process control");
    assert_eq!(
        names(&spc)[0],
        (
            "SPC",
            NameKind::Acronym,
            Some("Statistical Process Control")
        )
    );
    assert!(spc.keywords.contains(&"control chart".to_owned()));
    let special = at(P001, 206);
    assert_eq!(special.category.as_deref(), Some("spc"));
}

#[test]
fn page_002_ddp_modeling_keeps_math_and_table_in_one_body() {
    let e = at(P002, 1);
    // The head `ddp modeling` rewords the title: the title is the term, the head a keyword.
    assert_eq!(e.term, "dielectric deposition process modeling");
    assert_eq!(e.display, "Dielectric Deposition Process Modeling");
    // DDP abbreviates only part of the title ("Dielectric Deposition Process Modeling"), so
    // it is no acronym of this concept: "DDP" in a PyTorch README must find nothing here.
    assert_eq!(names(&e), []);
    assert_eq!(
        e.keywords,
        [
            "ddp modeling",
            "dielectric deposition",
            "high-k dielectrics",
            "ald",
            "pecvd",
            "gap fill",
            "hdpcvd",
            "feature-scale modeling"
        ]
    );
    let text = body(&e);
    assert!(text.starts_with(
        "**Semiconductor Manufacturing: Dielectric Deposition Process (DDP) Modeling**"
    ));
    assert!(text.contains("$$\n\\frac{\\partial C}{\\partial t} +"));
    assert!(text.contains("| **PECVD** | Plasma-Enhanced CVD |"));
    assert!(
        summary(&e)
            .starts_with("DDP (Dielectric Deposition Process) refers to the set of techniques")
    );
    // The body runs until the next header, on line 383.
    let next = at(P002, 383);
    // `ddpm, ddpm` is the concept DDPM stands for (merged with 002:1678 and 002:1716).
    assert_eq!(next.term, "denoising diffusion probabilistic models");
    assert_eq!(text.lines().count(), 381);

    // The last header of the page was cut off by the export: no body, but a place.
    let dense = at(P002, 1736);
    assert_eq!(dense.term, "dense model");
    assert_eq!(dense.category.as_deref(), Some("model architecture"));

    // "deit (data-efficient image transformer),deit,…": the long side is the term.
    let deit = at(P002, 1484);
    assert_eq!(deit.term, "data-efficient image transformer");
    assert_eq!(
        names(&deit),
        [(
            "DeiT",
            NameKind::Acronym,
            Some("Data-Efficient Image Transformer")
        )]
    );
}

#[test]
fn page_003_toolbench_and_topological_qubits_are_not_split() {
    let e = at(P003, 1);
    assert_eq!(
        (e.term.as_str(), e.display.as_str(), e.category.as_deref()),
        ("ToolBench", "ToolBench", Some("ai agents"))
    );
    assert!(summary(&e).starts_with("ToolBench is a benchmark framework focused on selecting"));
    assert!(
        body(&e).ends_with("readiness for tool-augmented agent systems."),
        "{}",
        body(&e)
    );

    let q = at(P003, 89);
    assert_eq!(q.term, "topological qubits");
    assert_eq!(q.category.as_deref(), Some("quantum ai"));
    assert!(body(&q).contains("\nThe devastating catch is that non-Abelian anyons"));
    assert_eq!(at(P003, 101).term, "topology-aware training");

    // "total productive maintenance, tpm, production"
    let tpm = at(P003, 195);
    assert_eq!(
        names(&tpm),
        [(
            "TPM",
            NameKind::Acronym,
            Some("total productive maintenance")
        )]
    );
    assert_eq!(tpm.category.as_deref(), Some("production"));

    // "trades, trades, ai safety": capitals in the body make the term case-sensitive.
    let trades = at(P003, 331);
    assert_eq!(
        (trades.term.as_str(), trades.case_sensitive),
        ("TRADES", true)
    );
    let g = Glossary::builtin();
    assert!(g.lookup("trades").is_empty());
    assert_eq!(concept(&g, "TRADES").len(), 1);
}

/// Regression: the body of "transformer,transformers,…" (page 003) is cut off inside a `$$`
/// block that never closes; the next entry, "transformers library", must still be found.
#[test]
fn unclosed_math_block_on_page_003_does_not_swallow_transformers_library() {
    let t = at(P003, 1144);
    assert_eq!(t.term, "transformer");
    assert_eq!(
        names(&t),
        [
            ("transformers", NameKind::Alias, None),
            ("transformer architecture", NameKind::Alias, None)
        ]
    );
    // `transformer architecture,transformer model,…` (003:1039) is the same concept.
    assert_eq!(at(P003, 1039).term, "transformer");
    assert!(t.keywords.contains(&"BERT".to_owned()));
    assert!(body(&t).ends_with("\\log P(x_t | x_{"));
    let lib = at(P003, 1345);
    // The title names the library; "Transformers" is its name (a second sense of the word).
    assert_eq!(lib.term, "hugging face transformers");
    assert_eq!(lib.display, "Hugging Face Transformers");
    assert_eq!(names(&lib), [("Transformers", NameKind::Alias, None)]);
    assert_eq!(
        lib.keywords,
        ["transformers library", "huggingface", "models"]
    );
}

#[test]
fn page_004_model_quantization_entries() {
    let expected = [
        // Slug heads: the title "Model Quantization" is the name; the slug is a keyword.
        (1, "model quantization", "post training quantization"),
        (20, "model quantization", "quantization aware training"),
        (43, "model quantization", "weight activation quantization"),
        (61, "model quantization", "weight activation quantization"),
    ];
    for (line, term, last_keyword) in expected {
        let e = at(P004, line);
        assert_eq!(e.term, term, "line {line}");
        assert_eq!(e.display, "Model Quantization", "line {line}");
        assert_eq!(e.category, None, "line {line}");
        assert_eq!(e.keywords.last().map(String::as_str), Some(last_keyword));
        // The first entry of the group carries the subject word (below).
        assert!(
            e.names.iter().all(|n| n.text == "quantization"),
            "line {line}: {:?}",
            e.names
        );
        assert!(
            summary(&e).starts_with("Model Quantization is"),
            "line {line}"
        );
    }
    let g = Glossary::builtin();
    let merged = concept(&g, "Model Quantization");
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].definitions.len(), 4);
    // The definitions are about "quantization" alone ("Quantization maps continuous float
    // values…", "**Quantization Fundamentals**"): the word is a name of the concept, so
    // "post-training quantization" in a README is found. "Model Parallelism" is not cut to
    // "parallelism" (data and pipeline parallelism are other things), nor "Scan Test" to "test".
    let quantization = merged[0]
        .names
        .iter()
        .find(|n| n.text == "quantization")
        .expect("quantization is a name");
    assert_eq!(
        quantization.status,
        glossa_engine::glossary::Status::Admitted
    );
    assert!(quantization.matched);
    assert_eq!(
        found_in("We apply post-training quantization to the model."),
        ["model quantization"]
    );
    assert_eq!(found_in("Each test ran in parallel."), Vec::<String>::new());

    // "moe, mixture of experts, …": MoE as the body writes it.
    let moe = at(P004, 667);
    assert_eq!(moe.term, "mixture of experts");
    assert_eq!(
        names(&moe),
        [("MoE", NameKind::Acronym, Some("Mixture of Experts"))]
    );
    // A site mix-up: the body of "molecule generation" is about remote patient monitoring.
    let mix = at(P004, 916);
    assert_eq!((mix.display.as_str(), mix.names.len()), ("", 0));
    assert!(mix.search_only && summary(&mix).is_empty());
    // "model registry,mlops": body without opening bold.
    let reg = at(P004, 83);
    // Its display comes from the other `model registry` entry (004:85).
    assert_eq!(
        (reg.display.as_str(), reg.category.as_deref()),
        ("Model Registry", Some("mlops"))
    );
    assert!(summary(&reg).starts_with("A model registry is a central repository"));
}

#[test]
fn scanner_matches_synonyms_but_never_keywords() {
    let g = Glossary::builtin();
    let m = Matcher::new(&g);
    let text = "We trained sparse autoencoders on features.";
    let found = m.find_all(text);
    let spans: Vec<&str> = found.iter().map(|f| &text[f.range.clone()]).collect();
    assert_eq!(spans, ["sparse autoencoders"]);
    let terms: Vec<&str> = found[0]
        .refs
        .iter()
        .map(|r| g.concept(r.concept).term())
        .collect();
    assert_eq!(terms, ["sparse autoencoder"]);
    assert!(
        g.search("decompose")
            .iter()
            .any(|id| g.concept(*id).term() == "sparse autoencoder")
    );
}

#[test]
fn malformed_pages_never_panic() {
    for text in [
        "",
        "← Back to AI Factory Chat\n",
        "a (, b\n**",
        "x (y,z\n**(**\n$$\n",
        "é (ü), ü\n**É** (Ü)\n```\nq, r\n",
        "ab (cd) ef, g\n** - X\nt, u\n",
        "s (sés), sés\n**SéS** ",
    ] {
        let entries = glossa_engine::glossary::corpus::parse_pages(&[("p.txt", text)]);
        let _ = Glossary::from_entries(entries);
    }
}

/// The concepts a text mentions, by term, as the embedded glossary and scanner find them.
fn found_in(text: &str) -> Vec<String> {
    let g = Glossary::builtin();
    let m = Matcher::new(&g);
    let mut out: Vec<String> = Vec::new();
    for found in glossa_engine::scan::scan(text, glossa_engine::scan::FileKind::Text, &m) {
        for r in &found.refs {
            let term = g.concept(r.concept).term().to_string();
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    out
}

/// Issue 6, comma-split names: `scan,chain,insertion,DFT,design,testability` (000:146) is the
/// title the body opens with, split at every space.
#[test]
fn comma_split_header_is_the_title_it_spells() {
    let e = at(P000, 146);
    assert_eq!(e.term, "scan chain insertion and design for testability");
    assert_eq!(
        names(&e),
        [
            ("scan chain insertion", NameKind::Alias, None),
            ("design for testability", NameKind::Alias, None),
            ("DFT", NameKind::Acronym, Some("Design for Testability")),
        ]
    );
    assert!(e.keywords.is_empty() && e.category.is_none());
    // `denoising,diffusion,probabilistic,model,DDPM` (002:1716).
    assert_eq!(
        at(P002, 1716).term,
        "denoising diffusion probabilistic models"
    );
}

/// Issue 6: an acronym belongs to a concept only when it abbreviates its whole name.
/// `**Sparse Mixture-of-Experts (MoE) Gating**` (001:78) gives "sparse moe gating" no MoE, so
/// MoE names one concept.
#[test]
fn an_acronym_of_part_of_a_title_is_not_the_concepts() {
    let gating = at(P001, 78);
    assert!(
        !gating.names.iter().any(|n| n.kind == NameKind::Acronym),
        "{:?}",
        gating.names
    );
    let g = Glossary::builtin();
    let moe: Vec<&str> = concept(&g, "MoE").iter().map(|c| c.term()).collect();
    assert_eq!(moe, ["mixture of experts"]);
    assert!(concept(&g, "DDP").is_empty(), "DDP is only part of a title");
}

/// Issue 6: an acronym left at the end of the head (`denoising diffusion implicit models ddim`,
/// 002:1647), and a head cut short (`sparse matrix vector`, 001:62, titled "Sparse
/// Matrix-Vector Multiplication (SpMV)").
#[test]
fn an_acronym_at_the_end_of_the_head_and_a_head_cut_short() {
    let ddim = at(P002, 1647);
    assert_eq!(ddim.term, "denoising diffusion implicit models");
    assert_eq!(
        names(&ddim),
        [(
            "DDIM",
            NameKind::Acronym,
            Some("Denoising Diffusion Implicit Models")
        )]
    );
    let (a, b) = (at(P001, 58), at(P001, 62));
    assert_eq!(a.term, "sparse matrix vector multiplication");
    assert_eq!(a.term, b.term, "one concept");
    let g = Glossary::builtin();
    assert_eq!(concept(&g, "SpMV").len(), 1);
}

/// Issue 6: slug heads whose real name is the title: the name a writer uses matches.
#[test]
fn slug_heads_take_the_name_of_their_title() {
    assert_eq!(at(P002, 1151).term, "DeepSpeed");
    assert_eq!(at(P004, 1104).term, "MOSFET");
    assert_eq!(
        found_in("We train with DeepSpeed and apply model quantization to a MOSFET model."),
        ["DeepSpeed", "model quantization", "MOSFET"]
    );
}

/// Issue 6: duplicates merge, and the Lottery Ticket Hypothesis (001:82, 001:86, whose headers
/// are search words) is matchable by its name and its acronym.
#[test]
fn duplicates_merge_and_lost_names_are_found() {
    let g = Glossary::builtin();
    for name in ["DDPM", "SAE", "DST", "transformer", "scaling laws", "LTH"] {
        assert_eq!(concept(&g, name).len(), 1, "{name}");
    }
    assert_eq!(concept(&g, "DDPM")[0].definitions.len(), 3);
    assert_eq!(at(P001, 82).term, "lottery ticket hypothesis");
    assert_eq!(at(P001, 86).term, "lottery ticket hypothesis");
    assert_eq!(
        found_in("The lottery ticket hypothesis (LTH) says so."),
        ["lottery ticket hypothesis"]
    );
}

/// Issue 6: a question-and-answer entry about the site's services (003:613) is searchable
/// (`glossa define training`), never matched; nor are heads that are everyday words the page
/// writes as ordinary words ("safety" 000:42, "debate" 002:460), while coined one-word names
/// and technical words ("sparsity" 001:122: not an everyday word, though the page writes it in
/// lower case) are.
#[test]
fn questions_and_common_words_are_searched_not_matched() {
    let training = at(P003, 613);
    assert!(training.search_only);
    let g = Glossary::builtin();
    assert!(!g.search("training").is_empty(), "define still finds it");
    assert_eq!(
        found_in("Training takes a day. Safety first; after a debate, the scan went on."),
        Vec::<String>::new()
    );
    assert_eq!(found_in("2:4 sparsity speeds up inference."), ["sparsity"]);
    assert_eq!(
        found_in("Toolformer and TorchServe and SchNet."),
        ["toolformer", "TorchServe", "SchNet"]
    );
}

/// Issue 6, summaries: one readable sentence of the entry's own definition. MOSFET (004:1104)
/// stopped at "…consisting of:", the TPU (003:298) was a list bullet, a long summary runs on
/// past its " — " aside.
#[test]
fn summaries_are_one_readable_sentence() {
    assert_eq!(
        summary(&at(P004, 1104)),
        "A MOSFET is a four-terminal semiconductor device consisting of source, drain, gate and \
         body/substrate."
    );
    let tpu = summary(&at(P003, 298)).to_owned();
    assert!(tpu.starts_with("Google TPU Architecture: "), "{tpu}");
    assert!(
        tpu.contains("specialized tensor processor") && tpu.ends_with('.'),
        "{tpu}"
    );
    assert_eq!(
        summary(&at(P000, 42)),
        "AI safety and guardrails are systems and techniques that prevent LLMs from generating \
         harmful, dangerous, or policy-violating content."
    );
    for e in builtin_entries() {
        let s = summary(&e);
        assert!(
            s.len() <= 300 || !s.contains(" — "),
            "{}: {s}",
            e.definition.as_ref().unwrap().source
        );
    }
}
