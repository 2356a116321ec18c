//! Rule fixtures: each case is a document with the expected findings marked «text|rule-id», and
//! the document as `glossa check --fix` leaves it. The test strips the marks, checks, renders the
//! findings back as marks, and applies the fixes, so a failure shows the whole document.

use glossa_engine::analysis::{self, Finding, RuleSettings};
use glossa_engine::glossary::{Glossary, native, style};
use glossa_engine::scan::{FileKind, Matcher};

fn fixture() -> (Glossary, Matcher) {
    let text = include_str!("../../../tests/fixtures/rules.toml");
    let g = Glossary::from_entries(native::parse("tests/fixtures/rules.toml", text).unwrap());
    let m = Matcher::new(&g);
    (g, m)
}

/// Removes «…|rule» marks.
fn strip(marked: &str) -> String {
    let mut out = String::new();
    let mut rest = marked;
    while let Some(open) = rest.find('«') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + '«'.len_utf8()..];
        let close = inner.find('»').expect("closing »");
        let bar = inner[..close].rfind('|').expect("|rule in a mark");
        out.push_str(&inner[..bar]);
        rest = &inner[close + '»'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The text with each finding marked «text|rule» (rules at one place joined by ",").
fn render(text: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    let mut at = 0;
    let mut i = 0;
    while i < findings.len() {
        let range = findings[i].range.clone();
        let mut rules = vec![findings[i].rule.id()];
        while i + 1 < findings.len() && findings[i + 1].range == range {
            i += 1;
            rules.push(findings[i].rule.id());
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&format!("«{}|{}»", &text[range.clone()], rules.join(",")));
        at = range.end;
        i += 1;
    }
    out.push_str(&text[at..]);
    out
}

/// The embedded corpus and the shipped style rules, as `glossa check` loads them by default.
fn builtin() -> (Glossary, Matcher) {
    let g = Glossary::from_entries(style::builtin_entries());
    let m = Matcher::new(&g);
    (g, m)
}

#[track_caller]
fn check_with(g: &Glossary, m: &Matcher, marked: &str, fixed: &str) -> Vec<Finding> {
    let text = strip(marked);
    let findings = analysis::check(&text, FileKind::Markdown, g, m, &RuleSettings::default());
    assert_eq!(render(&text, &findings), marked);
    let after = analysis::apply_fixes(&text, &findings).unwrap_or_else(|| text.clone());
    assert_eq!(after, fixed);
    findings
}

#[track_caller]
fn check(marked: &str, fixed: &str) -> Vec<Finding> {
    let (g, m) = fixture();
    check_with(&g, &m, marked, fixed)
}

// inconsistent-term

#[test]
fn fine_tuning_beside_fine_tuning_is_reported_once_with_counts() {
    let f = check(
        "We use fine-tuning here, «fine tuning|inconsistent-term» there, fine-tuning again\nand fine\ntuning once more.\n",
        "We use fine-tuning here, fine-tuning there, fine-tuning again\nand fine-tuning once more.\n",
    );
    assert_eq!(
        &*f[0].message,
        "fine-tuning is written 2 ways in this document: \"fine-tuning\" (2), \"fine tuning\" (2); \
         use \"fine-tuning\""
    );
}

#[test]
fn a_capital_is_no_other_form() {
    check(
        "# Fine-Tuning Guide\n\nFine-tuning helps. We like fine-tuning; Fine-Tuning as a title too.\n",
        "# Fine-Tuning Guide\n\nFine-tuning helps. We like fine-tuning; Fine-Tuning as a title too.\n",
    );
}

#[test]
fn without_the_preferred_name_the_most_used_form_wins_keeping_case_and_plural() {
    // "Hugging Face" is the preferred name; the document never writes it so.
    check(
        "HuggingFace first. Then HuggingFace, and «Hugging-Faces|inconsistent-term» after.\n",
        "HuggingFace first. Then HuggingFace, and HuggingFaces after.\n",
    );
}

#[test]
fn an_acronym_without_introduction_is_another_form() {
    check(
        "A sparse autoencoder learns. «SAEs|inconsistent-term,acronym-first-use» are sparse; the SAE is small.\n",
        "A sparse autoencoder learns. Sparse autoencoders are sparse; the sparse autoencoder is small.\n",
    );
}

#[test]
fn after_an_introduction_acronym_and_full_form_are_consistent() {
    check(
        "A sparse autoencoder (SAE) learns. The SAE is sparse; SAEs help a sparse autoencoder.\n",
        "A sparse autoencoder (SAE) learns. The SAE is sparse; SAEs help a sparse autoencoder.\n",
    );
    check(
        "The SAE (sparse autoencoder) learns. The SAE is sparse.\n",
        "The SAE (sparse autoencoder) learns. The SAE is sparse.\n",
    );
}

#[test]
fn a_name_shortened_to_its_last_or_first_words_is_the_same_form() {
    // Real sentences (AutoGPTQ's and lm-evaluation-harness's PyPI long descriptions, MIT;
    // tfjs-converter's README, Apache-2.0): a writer names "model quantization", "Hugging Face
    // transformers", "the SavedModel format" in full once and shorter elsewhere. The embedded
    // glossary has "quantization", "Transformers" and "SavedModel" as names of those concepts.
    let (g, m) = builtin();
    for text in [
        "An easy-to-use LLM quantization package, based on GPTQ algorithm (weight-only \
         quantization).\n\nFor more advanced features of model quantization, please reference \
         to this script.\n",
        "- Support for models loaded via [transformers](https://github.com/huggingface/transformers/).\n\n\
         Delta weights can be easily loaded using the Hugging Face transformers library.\n",
        "It saved a tf.keras model in the SavedModel format.\n\nThe converter reads a SavedModel \
         and writes a web model.\n",
    ] {
        check_with(&g, &m, text, text);
    }
    // A rival spelling beside them still is another form.
    check_with(
        &g,
        &m,
        "We use fine-tuning and more fine-tuning, then «fine tuning|inconsistent-term» once.\n",
        "We use fine-tuning and more fine-tuning, then fine-tuning once.\n",
    );
}

#[test]
fn a_short_name_before_a_colon_and_its_long_form_is_an_introduction() {
    // transformers.js's README (Apache-2.0): its list of models cites each paper by its title,
    // "DeBERTa: Decoding-enhanced BERT with Disentangled Attention", the name then its long
    // form after a colon. Citing a title is no other spelling, and it introduces the name.
    let (g, m) = builtin();
    let text = "1. **[DeBERTa](https://huggingface.co/docs/transformers/model_doc/deberta)** (from \
                Microsoft) released with the paper [DeBERTa: Decoding-enhanced BERT with \
                Disentangled Attention](https://arxiv.org/abs/2006.03654) by Pengcheng He.\n\
                1. **[DeBERTa-v2](https://huggingface.co/docs/transformers/model_doc/deberta-v2)** \
                (from Microsoft) released with the paper [DeBERTa: Decoding-enhanced BERT with \
                Disentangled Attention](https://arxiv.org/abs/2006.03654) by Pengcheng He.\n\n\
                Then DeBERTa again.\n";
    check_with(&g, &m, text, text);
    // The other way round, a long form before a colon is no introduction of what follows.
    check_with(
        &g,
        &m,
        "A sparse autoencoder: a dictionary learner. Then the sparse autoencoder and \
         «SAE|inconsistent-term,acronym-first-use».\n",
        "A sparse autoencoder: a dictionary learner. Then the sparse autoencoder and sparse \
         autoencoder.\n",
    );
}

#[test]
fn a_versioned_long_form_and_its_versioned_acronym_is_an_introduction() {
    // SAM 2's README (PyPI sdist `sam2` 1.1.0, Apache-2.0): "Segment Anything Model 2 (SAM 2)"
    // introduces SAM, the version written after both names. It got "segment anything model is
    // written 2 ways in this document: \"SAM\" (37), \"segment anything model\" (1)".
    let (g, m) = builtin();
    let text = "# SAM 2: Segment Anything in Images and Videos\n\n**Segment Anything Model 2 (SAM \
                2)** is a foundation model towards solving promptable visual segmentation in \
                images and videos. We extend SAM to video by considering images as a video with \
                a single frame.\n\n- We now support `torch.compile` of the entire SAM 2 model on \
                videos.\n";
    check_with(&g, &m, text, text);
    // Another version in the parenthesis is no introduction of this one.
    check_with(
        &g,
        &m,
        "The Segment Anything Model 2 («SAM|inconsistent-term» 3) came first. We extend SAM to \
         video.\n",
        "The Segment Anything Model 2 (segment anything model 3) came first. We extend segment \
         anything model to video.\n",
    );
}

#[test]
fn ignored_names_count_for_nothing() {
    check(
        "<!-- glossa-ignore: fine tuning -->\nfine-tuning and fine tuning.\n",
        "<!-- glossa-ignore: fine tuning -->\nfine-tuning and fine tuning.\n",
    );
}

// term-casing

#[test]
fn pytorch_is_flagged_in_every_other_casing() {
    let f = check(
        "We use PyTorch, «Pytorch|term-casing» and «pytorch|term-casing».\n",
        "We use PyTorch, PyTorch and PyTorch.\n",
    );
    assert_eq!(
        &*f[0].message,
        "\"Pytorch\" is written \"PyTorch\" (The project writes its name PyTorch)"
    );
}

#[test]
fn a_sentence_capital_is_allowed_only_as_the_names_first_letter() {
    // "VLLM" is "vLLM" with its first letter capitalised: fine at a sentence start, not inside.
    // "Javascript" is not "JavaScript" capitalised, so it is flagged even there.
    check(
        "VLLM serves. We run «VLLM|term-casing».\n\n«Javascript|term-casing» runs; JavaScript too.\n",
        "VLLM serves. We run vLLM.\n\nJavaScript runs; JavaScript too.\n",
    );
}

#[test]
fn only_words_with_inner_capitals_are_fixed_unless_the_name_is_exact() {
    check(
        "The DeepSpeed Framework and the «Deepspeed framework|term-casing». Use npm, not «NPM|term-casing».\n\nNpm starts a sentence. «HuggingFace|inconsistent-term» and Hugging Face, hugging face.\n",
        "The DeepSpeed Framework and the DeepSpeed framework. Use npm, not npm.\n\nNpm starts a sentence. Hugging Face and Hugging Face, hugging face.\n",
    );
}

#[test]
fn a_miscased_name_is_no_inconsistent_form() {
    check(
        "PyTorch and «Pytorch|term-casing» and PyTorch.\n",
        "PyTorch and PyTorch and PyTorch.\n",
    );
}

// The shipped style rules.

#[test]
fn the_shipped_style_rules_flag_real_misspellings() {
    let (g, m) = builtin();
    check_with(
        &g,
        &m,
        "We saw «finetuning|deprecated-term» in «Pytorch|term-casing» and «Flash Attention|deprecated-term» on «Sagemaker|term-casing».\n",
        "We saw fine-tuning in PyTorch and FlashAttention on SageMaker.\n",
    );
}

#[test]
fn the_shipped_style_rules_leave_ordinary_prose_alone() {
    let (g, m) = builtin();
    let prose = "We trained the model on a cluster, tuned the learning rate, and measured the \
                 attention cost. The open source tools worked; the flash of insight came later.\n";
    check_with(&g, &m, prose, prose);
}

// acronym-first-use

#[test]
fn an_acronym_before_its_introduction_gets_the_expansion_once() {
    let f = check(
        "«SAEs|acronym-first-use» learn features. Later a sparse autoencoder (SAE) is defined; SAEs help.\n",
        "Sparse autoencoders (SAEs) learn features. Later a sparse autoencoder (SAE) is defined; SAEs help.\n",
    );
    assert_eq!(f[0].severity, analysis::Severity::Hint);
    assert_eq!(
        &*f[0].message,
        "\"SAEs\" is used before it is introduced: write \"Sparse autoencoders (SAEs)\" on first use"
    );
}

#[test]
fn an_introduction_in_any_words_or_order_introduces() {
    for text in [
        "Sparse autoencoders (SAEs) learn. The SAE is small.\n",
        "The SAE (sparse autoencoder) learns. The SAE is small.\n",
        // Not a glossary name, but words the acronym abbreviates (Schwartz-Hearst).
        "Sparse Auto-Encoders (SAEs) learn. The SAE is small.\n",
        "A **sparse autoencoder** (**SAE**) learns. The SAE is small.\n",
    ] {
        check(text, text);
    }
}

#[test]
fn headings_alt_text_and_compound_names_are_no_first_use() {
    let text = "# SAE basics\n\n![SAE diagram](sae.png)\n\nThe SAE-Lens tool and the Hooked SAE train a sparse autoencoder (SAE).\n";
    check(text, text);
    check(
        "# SAE basics\n\nThe «SAE|acronym-first-use» learns.\n",
        "# SAE basics\n\nThe sparse autoencoder (SAE) learns.\n",
    );
}

#[test]
fn established_acronyms_need_no_introduction() {
    // GPU is `established = true`; CUDA is the concept's own head term.
    let text = "Train on a GPU with CUDA. The GPU is fast.\n";
    check(text, text);
}

#[test]
fn an_acronym_the_head_term_is_written_with_needs_no_introduction() {
    // The corpus names the concept "google TPU" (with the acronym "TPU"): the glossary writes
    // it with the acronym, so "write \"google TPU (TPU)\" on first use" would expand nothing.
    // The sentence is Lightning's README (PyPI long description, Apache-2.0).
    let (g, m) = builtin();
    let text = "Lightning runs on CPU to GPU (Apple Silicon, CUDA, …), TPU, multi-GPU or even \
                multi-node training.\n";
    let findings = analysis::check(text, FileKind::Markdown, &g, &m, &RuleSettings::default());
    let tpu: Vec<_> = findings.iter().filter(|f| &*f.term == "TPU").collect();
    assert!(tpu.is_empty(), "{tpu:#?}");
    // An acronym whose head term does not contain it still needs one.
    let text = "Lightning trains a SAE on the activations.\n";
    let findings = analysis::check(text, FileKind::Markdown, &g, &m, &RuleSettings::default());
    assert!(
        findings
            .iter()
            .any(|f| &*f.term == "SAE" && f.rule == analysis::Rule::AcronymFirstUse),
        "{findings:#?}"
    );
}

#[test]
fn an_undecided_sense_gets_no_fix() {
    let f = check(
        "We used «SAM|ambiguous-term,acronym-first-use».\n",
        "We used SAM.\n",
    );
    assert!(f[1].fix.is_none());
    assert_eq!(
        &*f[1].message,
        "\"SAM\" is used before it is introduced: spell it out on first use \
         (\"segment anything model\" or \"scanning acoustic microscopy\")"
    );
}

#[test]
fn the_sense_the_document_means_is_expanded() {
    check(
        "We prompted «SAM|acronym-first-use» with boxes to predict object masks for image segmentation.\n",
        "We prompted segment anything model (SAM) with boxes to predict object masks for image segmentation.\n",
    );
}

// Variant controls per name.

#[test]
fn separators_are_significant_for_a_name_that_says_so() {
    check(
        "A cheat sheet, a «cheat-sheet|deprecated-term», a «cheatsheet|deprecated-term» and two cheat sheets.\n",
        "A cheat sheet, a cheat sheet, a cheat sheet and two cheat sheets.\n",
    );
}

#[test]
fn patterns_expand_to_names_at_load() {
    check(
        "Send an email, not an «e-mail|deprecated-term»; a «web-site|forbidden-term» is a «site|inconsistent-term», a website.\n",
        "Send an email, not an email; a website is a website, a website.\n",
    );
}

#[test]
fn a_name_without_plural_matches_only_as_written() {
    check(
        "One «walk-through|deprecated-term», two walk-throughs, a walk through.\n",
        "One walkthrough, two walk-throughs, a walk through.\n",
    );
}
