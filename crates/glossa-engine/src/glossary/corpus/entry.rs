//! One raw entry (header + body) made into an [`Entry`]: head term, display name, acronyms,
//! synonyms, keywords, category and definition, by the rules in the module doc of
//! [`super`].

use super::abbrev::{abbreviates, is_partial_abbreviation, is_short_form, plural_key};
use super::body::{self, Pair};
use super::header::{self, Categories, content_words, shares_word};
use super::names;
use super::split::RawEntry;
use crate::glossary::is_acronym_like;
use crate::glossary::{Definition, Entry, Name, NameKind, Source, Status, ThinStr, fold_name};

/// The names of one entry as they are found, deduplicated on the way.
#[derive(Default)]
struct Names {
    list: Vec<Name>,
}

impl Names {
    fn acronym(&mut self, text: &str, expansion: Option<&str>) {
        if let Some(n) = self
            .list
            .iter_mut()
            .find(|n| n.kind == NameKind::Acronym && fold_name(&n.text) == fold_name(text))
        {
            if let Some(e) = expansion {
                n.expansion = Some(e.into());
            }
            return;
        }
        let mut n = Name::new(text, Status::Admitted, NameKind::Acronym);
        n.expansion = expansion.map(ThinStr::from);
        self.list.push(n);
    }

    fn alias(&mut self, text: &str) {
        if !self.has(text) {
            self.list
                .push(Name::new(text, Status::Admitted, NameKind::Alias));
        }
    }

    fn has(&self, text: &str) -> bool {
        let key = fold_name(text);
        self.list.iter().any(|n| fold_name(&n.text) == key)
    }
}

/// Builds the entry for `raw`, found on the page at `path`.
pub fn build(path: &str, raw: &RawEntry, categories: &Categories) -> Entry {
    let items = header::items(raw.header);
    let opening = body::opening(&raw.body);
    // A header split at every space names the bold title: it is the head, and there is no
    // category or other item.
    let split_title = opening
        .as_ref()
        .and_then(|o| names::comma_split_title(&items, o.bold));
    let category = match split_title {
        Some(_) => None,
        None => categories.of(&items),
    };
    let head: &str = match &split_title {
        Some(t) => t,
        None => items.first().copied().unwrap_or_default(),
    };
    let rest_end = items.len() - usize::from(category.is_some());
    let rest: &[&str] = match split_title {
        Some(_) => &[],
        None => items.get(1..rest_end).unwrap_or(&[]),
    };
    let search_only_question = names::is_question(&items, opening.as_ref().map(|o| o.bold));

    // The head term, and the acronym the head itself may be.
    let mut names = Names::default();
    let mut header_acronyms: Vec<Pair> = Vec::new();
    let (mut term, head_alias) = split_head(head, &mut header_acronyms);
    let head_long = (header_acronyms.is_empty() && is_short_form(head))
        .then(|| rest.iter().find(|i| abbreviates(head, i)))
        .flatten();
    if let Some(long) = head_long {
        header_acronyms.push(Pair {
            short: head.to_owned(),
            long: (*long).to_owned(),
        });
        term = (*long).to_owned();
    }

    // The opening bold: display name and acronym pairs, kept only when related to the header.
    let squashed = |t: &str| plural_key(t).replace(' ', "");
    let related = |text: &str| {
        shares_word(text, head)
            || squashed(text) == squashed(head)
            || rest.iter().any(|i| shares_word(text, i))
    };
    let all_pairs: Vec<Pair> = opening.as_ref().map(body::pairs).unwrap_or_default();
    let title = opening
        .as_ref()
        .and_then(|o| display_name(o, &term, &all_pairs));
    let mut keywords: Vec<String> = Vec::new();
    let mut mixed_up = false;
    let display = match title {
        Some(d) if related(&d) => {
            // The title may be the real name of a slug head ("deepspeed framework" →
            // "DeepSpeed framework" is kept, "model quantization inference" → "Model
            // Quantization") or of a head cut short ("sparse matrix vector" → "Sparse
            // Matrix-Vector Multiplication").
            if !is_acronym_like(&term) && renames(&term, &d) {
                keywords.push(term.clone());
                term = names::title_name(&d);
            }
            d
        }
        Some(d) if !is_acronym_like(&term) && names::body_is_about(head, &raw.body) => {
            // The header is a list of search words; the title names the concept
            // (`sparse network optimization` over "Lottery Ticket Hypothesis").
            keywords.push(term.clone());
            term = names::title_name(&d);
            d
        }
        Some(_) => {
            // Another entry's definition under this header (a site mix-up): nothing in it
            // describes the head, so it is neither shown nor matched.
            mixed_up = true;
            String::new()
        }
        None => String::new(),
    };
    // An acronym belongs to a concept only when it abbreviates the concept's whole name:
    // "Sparse Mixture-of-Experts (MoE) Gating" gives "sparse moe gating" no acronym.
    let names_whole = |long: &str| {
        plural_key(long) == plural_key(&term)
            || (!display.is_empty() && plural_key(long) == plural_key(&display))
            || conjuncts(&term).any(|c| plural_key(long) == plural_key(c))
    };
    let body_pairs: Vec<Pair> = all_pairs
        .into_iter()
        .filter(|p| {
            related(&p.long) || related(&p.short) || plural_key(&p.long) == plural_key(&term)
        })
        .filter(|p| fold_name(&p.short) == fold_name(&term) || names_whole(&p.long))
        .collect();

    // A one-word term the body writes in capitals is an acronym: "TRADES", "DDPM", "SARIMA".
    if !term.contains(' ') {
        let spelled = body_pairs
            .iter()
            .map(|p| p.short.as_str())
            .chain(Some(display.as_str()))
            .find(|s| fold_name(s) == fold_name(&term) && is_acronym_like(s));
        if let Some(s) = spelled {
            term = s.to_owned();
        }
    }
    let term_key = plural_key(&term);

    // Acronyms: header pairs, header items that abbreviate the term, body pairs.
    let spell = |short: &str| body::written_spelling(short, &raw.body);
    for p in &header_acronyms {
        let text = spell(&p.short).unwrap_or_else(|| p.short.to_uppercase());
        let expansion = body_pairs
            .iter()
            .find(|b| b.short.eq_ignore_ascii_case(&text))
            .map_or(p.long.as_str(), |b| b.long.as_str());
        names.acronym(&text, Some(expansion));
    }
    if let Some(a) = head_alias {
        names.alias(&a);
    }
    // Software is called by its name: `transformers library` (titled "Hugging Face
    // Transformers") is "Transformers" — a second sense of that word, which the document's
    // context tells apart from the architecture.
    if let Some(name) = software_name(&term, &display).or_else(|| software_name(head, &display)) {
        names.alias(&name);
    }
    // The two halves of "X and Y" are names of the concept ("AI safety and guardrails").
    for c in conjuncts(&term) {
        names.alias(c);
    }
    // A title that names the concept otherwise than its term is a name writers use.
    if !display.is_empty()
        && plural_key(&display) != term_key
        && header::word_count(&display) <= 6
        && !display.contains(" and ")
        && !display.contains(['/', ':', '.'])
        && !display.contains(" vs")
    {
        names.alias(&display);
    }
    let mut item_acronyms = Vec::new();
    for item in rest {
        let letters = item.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && is_short_form(item) && abbreviates(item, &term) {
            let text = spell(item).unwrap_or_else(|| item.to_uppercase());
            item_acronyms.push(text);
        }
    }
    for text in &item_acronyms {
        let expansion = body_pairs
            .iter()
            .find(|b| b.short.eq_ignore_ascii_case(text))
            .map_or(term.as_str(), |b| b.long.as_str())
            .to_owned();
        names.acronym(text, Some(&expansion));
    }
    for p in &body_pairs {
        if fold_name(&p.short) == fold_name(&term) {
            // "**TRADES** (TRadeoff-inspired …)": the term's own expansion is a synonym.
            names.alias(&p.long);
        } else {
            names.acronym(&p.short, Some(&p.long));
        }
    }
    let expansions: Vec<String> = names
        .list
        .iter()
        .filter_map(|n| n.expansion.as_deref().map(plural_key))
        .collect();

    // Every other header item: a re-spelling of the head or an acronym's expansion is a
    // synonym; anything else is a keyword.
    for item in rest {
        let key = plural_key(item);
        let is_term = fold_name(item) == fold_name(&term);
        if is_term || names.has(item) {
            continue;
        }
        if key == term_key
            || key == plural_key(head)
            || is_partial_abbreviation(item, &term)
            || expansions.contains(&key)
        {
            names.alias(item);
        } else if !keywords.iter().any(|k| k.eq_ignore_ascii_case(item)) {
            keywords.push((*item).to_owned());
        }
    }
    names
        .list
        .retain(|n| fold_name(&n.text) != fold_name(&term));
    keywords.retain(|k| fold_name(k) != fold_name(&term) && !names.has(k));

    let summary = if mixed_up {
        String::new()
    } else {
        body::summary(&raw.body)
    };
    Entry {
        case_sensitive: is_acronym_like(&term),
        // Whether a one-word term is a common word is decided per concept (`merge`).
        search_only: search_only_question || mixed_up,
        term,
        display,
        category: category.map(str::to_owned),
        names: names.list,
        keywords,
        definition: Some(Definition {
            text: raw.body.clone(),
            summary,
            source: Source {
                path: path.into(),
                line: raw.line,
                builtin: true,
            },
        }),
        reason: None,
        see_also: Vec::new(),
        established: false,
        examples: Vec::new(),
    }
}

/// True when a related title is the concept's real name rather than its term: the term is the
/// title plus slug words (`model quantization inference` / "Model Quantization"), or the title
/// completes a term cut short (`sparse matrix vector` / "Sparse Matrix-Vector
/// Multiplication").
fn renames(term: &str, title: &str) -> bool {
    let (t, d) = (content_words(term), content_words(title));
    if t == d {
        return false;
    }
    // "Sparse Autoencoders for Interpretability" is a topic about sparse autoencoders, not a
    // longer name of them.
    let topic = [" and ", " for ", " in ", " with ", " vs", " via "]
        .iter()
        .any(|w| title.to_lowercase().contains(w));
    let slug = d.is_subset(&t) && !d.is_empty();
    // A short head that shares a word with a short title but says it otherwise (`model
    // training` titled "LLM training", `spc capability` titled "Process capability") is a
    // search phrase: the title says what the entry defines.
    let reworded = !topic
        && t.len() <= 3
        && header::word_count(title) <= 5
        && t.intersection(&d).next().is_some()
        && !t.is_subset(&d)
        && !d.is_subset(&t);
    let cut_short = t.is_subset(&d) && header::word_count(title) <= 6 && !topic;
    slug || cut_short || reworded
}

/// `transformers library` → "Transformers", spelled as the title writes it.
fn software_name(term: &str, display: &str) -> Option<String> {
    let name = ["library", "package", "toolkit", "sdk"]
        .iter()
        .find_map(|kind| term.strip_suffix(&format!(" {kind}")))?
        .trim();
    let spelled = display
        .split(' ')
        .find(|w| w.eq_ignore_ascii_case(name))
        .unwrap_or(name);
    (!name.is_empty()).then(|| spelled.to_owned())
}

/// The halves of a name "X and Y" when each is a name of two words or more.
fn conjuncts(term: &str) -> impl Iterator<Item = &str> {
    let halves = term
        .split_once(" and ")
        .filter(|(a, b)| a.trim().contains(' ') && b.trim().contains(' '));
    halves.into_iter().flat_map(|(a, b)| [a.trim(), b.trim()])
}

/// The head item: `x (y)` with one side a short form gives the long side as the term and a
/// header acronym pair; `x (y)` otherwise gives term `x` and synonym `y`.
fn split_head(head: &str, acronyms: &mut Vec<Pair>) -> (String, Option<String>) {
    let Some((x, y, after)) = body::paren(head) else {
        if let Some((long, short)) = names::trailing_acronym(head) {
            acronyms.push(Pair {
                short,
                long: long.clone(),
            });
            return (long, None);
        }
        return (head.to_owned(), None);
    };
    if !after.is_empty() || x.is_empty() || y.is_empty() {
        return (head.to_owned(), None);
    }
    let (short, long) = match (is_short_form(x), is_short_form(y)) {
        (true, false) => (x, y),
        (false, true) => (y, x),
        _ => return (x.to_owned(), Some(y.to_owned())),
    };
    acronyms.push(Pair {
        short: short.to_owned(),
        long: long.to_owned(),
    });
    (long.to_owned(), None)
}

/// The display name from the opening bold span.
///
/// - a title keeps its part before " — "/" - ", and before ": " unless that part shares no
///   word with the term (`Semiconductor Manufacturing: Dielectric Deposition Process (DDP)
///   Modeling` → `Dielectric Deposition Process Modeling`);
/// - a leading article goes ("The Transformer architecture" → "Transformer architecture");
/// - of an acronym pair the side that names the term is shown: `**SAM** (Segment Anything
///   Model)` for "segment anything model" → "Segment Anything Model", `**DeBERTa** (…)` for
///   "deberta" → "DeBERTa"; any other parenthesis is dropped;
/// - it is no name at all when it reads like a sentence (a comma, final punctuation, more than
///   8 words: `**Yes, we offer comprehensive technical training programs**`).
fn display_name(o: &body::Opening, term: &str, pairs: &[Pair]) -> Option<String> {
    let mut s = o.bold;
    for dash in [" — ", " – ", " - "] {
        if let Some((left, _)) = s.split_once(dash) {
            s = left;
        }
    }
    if let Some((left, right)) = s.split_once(": ") {
        s = if shares_word(left, term) || !shares_word(right, term) {
            left
        } else {
            right
        };
    }
    for article in ["The ", "A ", "An "] {
        s = s.strip_prefix(article).unwrap_or(s);
    }
    let names_term = |side: &str| plural_key(side) == plural_key(term);
    let closer = |a: &str, b: &str| {
        let t = content_words(term);
        let score = |x: &str| content_words(x).iter().filter(|w| t.contains(*w)).count();
        names_term(b) || (!names_term(a) && score(b) > score(a))
    };
    let shown = if let Some((before, inner, after)) = body::paren(s) {
        let outside = [before, after]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if closer(&outside, inner) {
            inner.to_owned()
        } else {
            outside
        }
    } else if let Some(p) = pairs.iter().find(|p| p.short == s) {
        if closer(&p.short, &p.long) {
            p.long.clone()
        } else {
            p.short.clone()
        }
    } else {
        s.to_owned()
    };
    let sentence = shown.contains(',')
        || shown.ends_with(['.', '!', '?', ':'])
        || header::word_count(&shown) > 8
        || shown.trim().is_empty();
    (!sentence).then(|| shown.trim().to_owned())
}
