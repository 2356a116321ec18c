//! Senses chosen by the document (issue 6 §2), with the embedded glossary: what `terms --in`,
//! the rules and the hover see of each occurrence. The texts are quoted from real package
//! READMEs (trl, timm: Apache-2.0) or written as a failure-analysis engineer and a vision
//! engineer write.

use glossa_engine::analysis::senses::resolve;
use glossa_engine::glossary::Glossary;
use glossa_engine::scan::{FileKind, Matcher, scan};

/// Each occurrence of `name` in `text` with the concepts glossa names for it, best first.
fn meanings(text: &str, name: &str) -> Vec<Vec<String>> {
    let g = Glossary::builtin();
    let m = Matcher::new(&g);
    let matches = scan(text, FileKind::Markdown, &m);
    let read = resolve(text, &g, &matches);
    let mut out = Vec::new();
    for found in matches.iter().filter(|f| &text[f.range.clone()] == name) {
        let terms: Vec<String> = read
            .iter()
            .find(|r| r.range == found.range)
            .map(|r| {
                let mut t: Vec<String> = Vec::new();
                for n in &r.refs {
                    let term = g.concept(n.concept).term().to_string();
                    if !t.contains(&term) {
                        t.push(term);
                    }
                }
                t
            })
            .unwrap_or_default();
        out.push(terms);
    }
    out
}

const TRL: &str = "# TRL - Transformers Reinforcement Learning\n\n\
TRL is a cutting-edge library designed for post-training foundation models. Built on top of the \
[🤗 Transformers](https://github.com/huggingface/transformers) ecosystem, TRL supports a variety \
of model architectures and modalities.\n\n```bash\npip install trl\n```\n\n\
For more flexibility and control over training, TRL provides dedicated trainer classes to \
post-train language models or PEFT adapters on a custom dataset. Each trainer in TRL is a light \
wrapper around the 🤗 Transformers trainer and natively supports distributed training methods \
like DDP, DeepSpeed ZeRO, and FSDP.\n";

/// "Transformers" beside Hugging Face, pip install and a trainer is the library; "DDP" there
/// (DistributedDataParallel) names no glossary concept.
#[test]
fn transformers_beside_hugging_face_is_the_library_and_ddp_is_nothing() {
    for m in meanings(TRL, "Transformers") {
        assert_eq!(m, ["hugging face transformers"]);
    }
    assert_eq!(meanings(TRL, "DDP"), Vec::<Vec<String>>::new());
    assert_eq!(meanings(TRL, "DeepSpeed"), [["DeepSpeed"]]);
}

const FAILURE_ANALYSIS: &str = "# Package delamination\n\n\
We inspected the returned parts with SAM before decapsulation. The acoustic images show \
delamination at the die attach and voids in the mold compound of three packages; the \
ultrasonic scan at 110 MHz resolved cracks under the leadframe. SAM is non-destructive, so \
the same packages went on to cross-section and failure analysis. Moisture sensitivity level \
testing and reflow followed, and a second SAM pass confirmed no new popcorn cracking.\n";

/// A failure-analysis note about SAM is not ambiguous: it is scanning acoustic microscopy.
#[test]
fn sam_in_a_failure_analysis_note_is_scanning_acoustic_microscopy() {
    let m = meanings(FAILURE_ANALYSIS, "SAM");
    assert_eq!(m.len(), 3);
    for senses in m {
        assert_eq!(senses, ["scanning acoustic microscopy"]);
    }
}

const MIXED: &str = "# Wafer inspection notes\n\n\
We compared two tools called SAM this quarter. One team used the promptable segmentation model \
to draw masks around defects in optical images of the wafer, prompting it with a box per \
defect; the other used the acoustic microscope to find delamination and voids in packaged \
parts. Both groups wrote reports, and both reports say SAM without saying which.\n";

/// A note that mixes segmentation and failure analysis keeps both senses: that is what
/// `ambiguous-term` reports.
#[test]
fn sam_in_a_note_mixing_both_fields_stays_ambiguous() {
    for senses in meanings(MIXED, "SAM") {
        assert_eq!(senses.len(), 2, "{senses:?}");
    }
}

/// The document's own definition wins: "Sharpness-Aware Minimization (SAM)" is neither sense,
/// so the glossary says nothing there (timm's README), while "SAM 2" image encoders before it
/// are the Segment Anything Model.
#[test]
fn a_document_that_defines_an_acronym_otherwise_gets_nothing_for_it() {
    let timm = "## Models\n\n\
* SAM 2 / 2.1 Hiera image encoders for promptable segmentation masks - https://arxiv.org/abs/2408.00714\n\
* Sharpness-Aware Minimization (SAM) ViT weights - https://arxiv.org/abs/2106.01548\n\
* The SAM ViT weights were trained with a sharper loss landscape in mind.\n";
    assert_eq!(
        meanings(timm, "SAM"),
        [vec!["segment anything model".to_owned()], vec![], vec![]]
    );
    let defined = "The Segment Anything Model (SAM) cuts out objects. Later, SAM runs again.";
    for senses in meanings(defined, "SAM") {
        assert_eq!(senses, ["segment anything model"]);
    }
}

/// The nearest definition before each occurrence decides it, wherever the document defines the
/// acronym again (the definitions of an acronym are now found once per document: looking back
/// from every occurrence made `check --fix` on a 5 MB file take 24 s, 200 MB hours).
#[test]
fn the_nearest_definition_before_an_occurrence_decides_it() {
    let text = "We tried Sharpness-Aware Minimization (SAM) first; SAM helped.

Then the Segment Anything Model (SAM) cut out the objects, and SAM was fast.
";
    assert_eq!(
        meanings(text, "SAM"),
        [
            vec![],
            vec![],
            vec!["segment anything model".to_owned()],
            vec!["segment anything model".to_owned()]
        ]
    );
}

/// Regression (found by `tests/lsp_fuzz.rs`): an acronym followed by a multi-byte character
/// within two bytes made the search for its definition slice inside that character.
#[test]
fn an_acronym_before_a_multi_byte_character_does_not_panic() {
    for text in ["SAE\u{205f}x", "SAM\u{a0}", "(SAM\u{3000}", "SAE é"] {
        let _ = meanings(text, "SAE");
        let _ = meanings(text, "SAM");
    }
}

proptest::proptest! {
    /// Reading any text never fails: whatever surrounds an acronym or a name.
    #[test]
    fn resolving_any_text_never_panics(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("[a-z (),.]{0,12}").unwrap(),
                proptest::strategy::Just("SAM".to_owned()),
                proptest::strategy::Just("(SAM)".to_owned()),
                proptest::strategy::Just("Segment Anything Model (".to_owned()),
                proptest::strategy::Just("Transformers".to_owned()),
                proptest::string::string_regex("[\u{a0}\u{2028}\u{3000}\u{205f}é́]{1,3}").unwrap(),
            ],
            0..12,
        )
    ) {
        let text = parts.concat();
        let _ = meanings(&text, "SAM");
    }
}

/// A name inside another name (a library's, a model's) is not the concept: "MBRL-Lib" is a
/// library, "SAE Lens" is SAELens spelled apart, while "MBRL algorithms" is the method and
/// "DeepSpeed" stays DeepSpeed in "DeepSpeed-MoE". "Quantization-Aware Training" is no product.
/// Quoted from the mbrl (MIT), sae-lens (MIT) and deepspeed (Apache-2.0) READMEs.
#[test]
fn a_name_inside_a_product_name_is_not_the_concept() {
    let mbrl = "# MBRL-Lib\n\nMBRL-Lib is a toolbox for facilitating development of Model-based \
        Reinforcement Learning algorithms. MBRL-Lib provides implementations of popular MBRL \
        algorithms as examples of how to use this library. Model-based reinforcement learning \
        learns a dynamics model of the environment and plans with it; the planner uses \
        trajectory sampling over an ensemble of probabilistic neural networks.\n";
    let m = meanings(mbrl, "MBRL");
    assert_eq!(m.len(), 4, "{m:?}");
    assert_eq!(m[0], Vec::<String>::new(), "MBRL-Lib heading");
    assert_eq!(m[1], Vec::<String>::new(), "MBRL-Lib is");
    assert_eq!(m[2], Vec::<String>::new(), "MBRL-Lib provides");
    assert_eq!(
        m[3],
        ["model-based reinforcement learning"],
        "MBRL algorithms"
    );

    let sae = "# SAE Lens\n\nSAELens exists to help researchers train sparse autoencoders (SAEs) \
        and analyse the features they learn. SAE Lens is the result of many contributors. Each \
        SAE is trained on the activations of one layer, with an L1 sparsity penalty on its hidden \
        features, so that the dictionary it learns is interpretable.\n";
    let m = meanings(sae, "SAE");
    assert_eq!(m[0], Vec::<String>::new(), "SAE Lens heading");
    assert_eq!(m[1], Vec::<String>::new(), "SAE Lens is the result");
    assert_eq!(m[2], ["sparse autoencoder"], "Each SAE is trained");

    let deepspeed = "DeepSpeed has been used to train many large language models. 10. Samyam \
        Rajbhandari et al. (2022) DeepSpeed-MoE: Advancing Mixture-of-Experts Inference and \
        Training to Power Next-Generation AI Scale. We recommend exploring Quantization-Aware \
        Training to recover accuracy after quantization of the weights to INT8.\n";
    assert_eq!(meanings(deepspeed, "MoE"), [Vec::<String>::new()]);
    assert_eq!(
        meanings(deepspeed, "DeepSpeed"),
        [["DeepSpeed"], ["DeepSpeed"]]
    );
    assert_eq!(
        meanings(deepspeed, "Quantization"),
        [["model quantization"]]
    );
}

/// A plain word that is the only thing of the glossary a document names is read as the word,
/// not the concept: schemdraw's electrical transformers (MIT), though its page shares words
/// ("created", "connection", "rotary") with the Transformer's definition. The same word beside
/// other glossary terms is the concept.
#[test]
fn a_lone_plain_word_is_not_the_glossary_concept() {
    let circuit = "Two-terminal devices subclass Element2Term, and have leads that will be \
        extended to make the element the desired length depending on the arguments. All \
        two-terminal elements define start, end, and center anchors for placing. Resistors \
        elements change style based on IEEE/U.S. vs IEC/European style. Inductors have anchors \
        intended for easy positioning of a mutual inductance dot near the element. All diodes \
        may be filled by passing fill=True.\n\n\
        Transformers\n------------\n\nThe Transformer element is used to create \
        various transformers. The number of turns on each side is set with the t1 and t2 \
        parameters. As integers, they define the total number of turns on that side. Multi-phase \
        transformers may be created by setting t1 or t2 to a tuple of turns for each phase. The \
        core is drawn unless core=False; a rotary switch, a dot connection and a coaxial \
        connector are elements too, and the windings can be labelled.\n";
    for m in meanings(circuit, "transformers") {
        assert_eq!(m, Vec::<String>::new());
    }
    let ml = "Each transformer layer applies self-attention over the tokens, then a feed-forward \
        network; mixture of experts models replace that network with experts and a router.\n";
    assert_eq!(meanings(ml, "transformer"), [["transformer"]]);
}

/// A short note says too little to choose a sense of "SAM" by itself; what the document (front
/// matter) or its project (`glossa.toml` `domains`) says it is about decides it.
#[test]
fn declared_domains_decide_what_a_short_note_cannot() {
    let note = "We ran SAM on the returned parts before the cross-section.\n";
    assert_eq!(
        meanings(note, "SAM")[0].len(),
        2,
        "undecided without a domain"
    );
    let with_front_matter =
        format!("---\ntitle: Returns\ndomains: [failure analysis]\n---\n{note}");
    assert_eq!(
        meanings(&with_front_matter, "SAM"),
        [["scanning acoustic microscopy"]]
    );
    let listed = format!("---\ndomains:\n  - computer vision\n  - image segmentation\n---\n{note}");
    assert_eq!(meanings(&listed, "SAM"), [["segment anything model"]]);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("glossa.toml"),
        "domains = [\"semiconductor packaging\", \"failure analysis\"]\n",
    )
    .unwrap();
    let project = glossa_project::Project::discover(&dir.path().join("note.md")).unwrap();
    let g = &project.glossary;
    let matches = scan(note, FileKind::Markdown, &project.matcher);
    let read = resolve(note, g, &matches);
    let terms: Vec<&str> = read[0]
        .refs
        .iter()
        .map(|r| g.concept(r.concept).term())
        .collect();
    assert_eq!(terms, ["scanning acoustic microscopy"]);
}

/// The fields of the other concepts a document names speak for a sense: a note that writes
/// "deformable models" out is a computer-vision note, and its "SAM" is the
/// Segment Anything Model (the category both share), though the note itself says little.
#[test]
fn the_fields_of_other_named_concepts_speak_for_a_sense() {
    let note = "We ran SAM on the parts list, then deformable models.\n";
    assert_eq!(meanings(note, "SAM"), [["segment anything model"]]);
}
