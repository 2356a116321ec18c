//! The rules that decide an entry's real name when the header's head item is not it, and
//! whether an entry's names may be matched in documents at all. Each rule is shown on its real
//! entry in `corpus/README.md` and tested in `tests/corpus.rs`.
//!
//! - [`comma_split_title`]: a header that is a name split at every space
//!   (`scan,chain,insertion,DFT,design,testability`) names the bold title the body opens with.
//! - [`trailing_acronym`]: `denoising diffusion implicit models ddim` is a term and its acronym.
//! - [`title_name`]: a bold title written as a name ("Model Quantization", "DeepSpeed") made
//!   into a term: Title-case words lower-cased, distinctive spellings kept.
//! - [`is_question`]: question-and-answer entries of the site (`do you offer training`).
//! - [`is_common_word`]: a one-word head that is an everyday English word and that the
//!   definition itself writes as an ordinary word.
//! - [`subject_word`]: "Model Quantization", whose definitions are about "quantization" alone.

use super::abbrev::{abbreviates, is_short_form, singular, words};
use super::body::paren;
use super::header::content_words;
use crate::glossary::everyday::is_everyday;

/// `scan,chain,insertion,DFT,design,testability` with the body opening `**Scan Chain Insertion
/// and Design for Testability (DFT)**`: every item is one word and the items, joined, are the
/// words of the bold title (stop words and plurals aside). Returns the title without its
/// parenthesis, as a term.
pub fn comma_split_title(items: &[&str], bold: &str) -> Option<String> {
    if items.len() < 3 || items.iter().any(|i| i.trim().contains(char::is_whitespace)) {
        return None;
    }
    let joined = content_words(&items.join(" "));
    let title = content_words(&bold.replace(['(', ')'], " "));
    if joined != title {
        return None;
    }
    let plain = match paren(bold) {
        Some((before, _, after)) => format!("{before} {after}"),
        None => bold.to_owned(),
    };
    Some(title_name(plain.trim()))
}

/// `denoising diffusion implicit models ddim` → ("denoising diffusion implicit models", "ddim"):
/// a head whose last word is a short form abbreviating all the words before it.
pub fn trailing_acronym(head: &str) -> Option<(String, String)> {
    let (rest, last) = head.trim().rsplit_once(' ')?;
    let ok = rest.contains(' ') && is_short_form(last) && abbreviates(last, rest);
    ok.then(|| (rest.trim().to_owned(), last.to_owned()))
}

/// A bold title as a term: words in plain Title case are lower-cased ("Model Quantization" →
/// "model quantization"); distinctive spellings stay ("DeepSpeed", "SpMV", "TPU").
pub fn title_name(title: &str) -> String {
    let word = |w: &str| {
        let mut chars = w.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let rest_lower = chars.all(|c| !c.is_uppercase());
        if first_upper && rest_lower {
            w.to_lowercase()
        } else {
            w.to_owned()
        }
    };
    title
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.split('-').map(word).collect::<Vec<_>>().join("-"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that open a question: the site mixes question-and-answer entries about its own
/// services into the glossary (`training, technical training, do you offer training, …`).
const QUESTION_OPENERS: &[&str] = &[
    "do you",
    "does ",
    "can you",
    "can i",
    "could you",
    "what is",
    "what are",
    "how do",
    "how can",
    "how to",
    "is there",
    "are there",
    "why ",
    "where ",
    "who ",
];

/// True when a header item is a question, or the definition answers one ("**Yes, we offer …**").
pub fn is_question(items: &[&str], bold: Option<&str>) -> bool {
    let asks = items.iter().any(|i| {
        let i = i.trim().to_lowercase();
        QUESTION_OPENERS.iter().any(|q| i.starts_with(q)) || i.ends_with('?')
    });
    let answers = bold.is_some_and(|b| {
        let b = b.trim_start();
        ["Yes,", "Yes ", "No,", "No "]
            .iter()
            .any(|a| b.starts_with(a))
    });
    asks || answers
}

/// True when the one-word `term` is an ordinary word: an everyday English word
/// ([`is_everyday`]: "safety", "debate", "training") that the definition defining it also
/// writes as one — in the middle of its sentences in lower case at least as often as
/// capitalised, and never with inner capitals. A coined name is written as a name
/// ("Toolformer", "TorchServe", "the Transformer"), and a technical word is no everyday word
/// ("sparsity", "quantization"): both match. An everyday word matched in documents would flood
/// them with a definition no reader asked for.
pub fn is_common_word(term: &str, body: &str) -> bool {
    if term.contains([' ', '-'])
        || term.chars().skip(1).any(char::is_uppercase)
        || !is_everyday(term)
    {
        return false;
    }
    let key = singular(&term.to_lowercase()).to_owned();
    let (mut lower, mut capital) = (0, 0);
    for sentence in body.split(['.', '!', '?', '\n', ':', '*', '#', '|', '(', ')']) {
        // The first word of a sentence (or of a bold span, a heading) says nothing, and neither
        // does a title in Title Case ("What Is Debate?").
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let capitals = words
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count();
        if words.len() >= 2 && capitals * 5 >= words.len() * 3 {
            continue;
        }
        for token in words.iter().skip(1) {
            let word = token.trim_matches(|c: char| !c.is_alphanumeric());
            if word.is_empty() || singular(&word.to_lowercase()) != key {
                continue;
            }
            if word.chars().skip(1).any(char::is_uppercase) {
                return false;
            }
            if word.starts_with(char::is_uppercase) {
                capital += 1;
            } else {
                lower += 1;
            }
        }
    }
    lower > 0 && lower >= capital
}

/// True when the words of a head appear in the body: the definition is about the header's
/// subject even though its bold title names it otherwise (`sparse network optimization` over
/// "Lottery Ticket Hypothesis", whose body speaks of sparse networks). A body that names none of
/// them is another entry's definition, put under this header by the site (`molecule generation`
/// over "Remote patient monitoring").
pub fn body_is_about(head: &str, body: &str) -> bool {
    let head_words = content_words(head);
    if head_words.is_empty() {
        return false;
    }
    let body_words: std::collections::HashSet<String> =
        words(body).map(|w| singular(&w).to_owned()).collect();
    let found = head_words
        .iter()
        .filter(|w| body_words.contains(*w))
        .count();
    found * 2 >= head_words.len()
}

/// "Model Quantization" (004:1, 004:20, 004:43, 004:61), whose definitions write "Quantization
/// maps continuous float values…" and "**Quantization Fundamentals**", and "Google TPU"
/// (003:298: "**TPU Core Architecture Components**", "**TPU Pods**"): a two-word term whose last
/// word is the subject its definitions write alone. The word is a name of the concept when it
/// is no everyday word (a "Scan Test" is not every "test"), starts at least three of the
/// definitions' sentences, headings or list items on its own, and is written at least five
/// times as often as the whole term ("Model Parallelism" is written whole: "parallelism" alone
/// is data, tensor or pipeline parallelism too). Returns the word as a name is written: lower
/// case, or an acronym in capitals.
pub fn subject_word(term: &str, bodies: &[&str]) -> Option<String> {
    let (_, last) = term
        .trim()
        .split_once(' ')
        .filter(|(a, b)| !a.contains(' ') && !b.contains(' '))?;
    let acronym = crate::glossary::is_acronym_like(last);
    let long_enough = if acronym {
        last.len() >= 2
    } else {
        last.len() >= 4
    };
    if !long_enough || is_everyday(last) || !last.chars().all(char::is_alphanumeric) {
        return None;
    }
    let lower = term.trim().to_lowercase();
    let last_lower = last.to_lowercase();
    let written = if acronym {
        last.to_owned()
    } else {
        format!("{}{}", last_lower[..1].to_uppercase(), &last_lower[1..])
    };
    let (mut starts, mut alone, mut whole) = (0, 0, 0);
    for body in bodies {
        for (i, _) in body.match_indices(&written) {
            let after = body[i + written.len()..].chars().next();
            if after.is_some_and(|c| c.is_alphanumeric() && !(acronym && c == 's')) {
                continue;
            }
            let before = body[..i].trim_end_matches(['*', ' ', '#', '-', '_']);
            if before.is_empty() || before.ends_with(['.', '\n', ':', '!', '?']) {
                starts += 1;
            }
        }
        let low = body.to_lowercase();
        alone += low.matches(&last_lower).count();
        whole += low.matches(&lower).count();
    }
    (starts >= 3 && alone >= 5 * whole.max(1))
        .then(|| if acronym { last.to_owned() } else { last_lower })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_keeps_distinctive_spellings() {
        assert_eq!(title_name("Model Quantization"), "model quantization");
        assert_eq!(title_name("DeepSpeed framework"), "DeepSpeed framework");
        assert_eq!(title_name("Safety Fine-Tuning"), "safety fine-tuning");
        assert_eq!(
            title_name("Sparse Matrix-Vector Multiplication"),
            "sparse matrix-vector multiplication"
        );
    }

    #[test]
    fn a_trailing_acronym_must_abbreviate_the_rest() {
        assert_eq!(
            trailing_acronym("denoising diffusion implicit models ddim"),
            Some((
                "denoising diffusion implicit models".to_owned(),
                "ddim".to_owned()
            ))
        );
        assert_eq!(trailing_acronym("scan chain basics"), None);
        assert_eq!(trailing_acronym("sparse attention"), None);
    }
}
