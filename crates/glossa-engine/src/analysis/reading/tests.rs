//! The reading kept between edits against a fresh `senses::resolve` of the new text, on real
//! package READMEs (`tests/realdocs/`: SAE Lens, Segment Anything, a JTAG tool) edited at random
//! with the characters and names that change senses: acronym definitions, names glued into
//! other names, words that support one sense or the other, line breaks.

use proptest::strategy::Strategy;

use super::*;
use crate::scan::FileKind;
use crate::scan::incremental::{Scanned, clamp, edit_spliced};

/// Plain paragraphs (no markup: edits there keep the scan incrementally) about SAM in two senses
/// and SAE, written as a failure-analysis engineer and an interpretability researcher write.
const PROSE: &str = "We inspected the returned parts with SAM before decapsulation. The acoustic \
images show voids and delamination under the die attach, and an ultrasonic scan resolved cracks \
under the leadframe.\n\nSAM is non-destructive, so the parts went on to reflow. A second SAM pass \
confirmed no new cracking.\n\nFor the vision work we prompt SAM with points and boxes, and it \
returns masks for each object in the image.\n\nWe trained a sparse autoencoder on the residual \
stream. The SAE features are sparse and interpretable, and SAE Lens loads them.\n";

const DOCS: [&str; 4] = [
    PROSE,
    include_str!("../../../../../tests/realdocs/sae-lens-long-description.md"),
    include_str!("../../../../../tests/realdocs/segment-anything-readme.md"),
    include_str!("../../../../../tests/realdocs/avl-jtag-readme.md"),
];

/// The embedded glossary and its matcher, built once for every test here.
struct Project {
    glossary: std::sync::Arc<crate::glossary::Glossary>,
    matcher: std::sync::Arc<crate::scan::Matcher>,
}

impl Project {
    fn builtin() -> &'static Project {
        static P: std::sync::OnceLock<Project> = std::sync::OnceLock::new();
        P.get_or_init(|| {
            let glossary = crate::glossary::Glossary::builtin();
            let matcher = std::sync::Arc::new(crate::scan::Matcher::new(&glossary));
            Project { glossary, matcher }
        })
    }
}

/// A document as the server keeps it: text, scan, reading.
struct Doc {
    text: String,
    scanned: Scanned,
    reading: DocumentReading,
    project: &'static Project,
    /// The edits since the last refresh: (start, removed, inserted) bytes.
    edits: Vec<(usize, usize, usize)>,
    /// The read list at the last refresh.
    last_read: Vec<Match>,
}

impl Doc {
    fn new(text: &str) -> Doc {
        let project = Project::builtin();
        let scanned = Scanned::new(text, FileKind::Markdown, &project.matcher);
        let reading = DocumentReading::new(text, &project.glossary, &scanned.matches);
        Doc {
            text: text.to_owned(),
            scanned,
            project,
            edits: Vec::new(),
            last_read: reading.read().to_vec(),
            reading,
        }
    }

    fn edit(&mut self, at: usize, remove: usize, insert: &str) {
        let range = clamp(&self.text, at..at + remove);
        self.edits.push((range.start, range.len(), insert.len()));
        let before = before_edit(&self.text, range.clone());
        let old = std::mem::take(&mut self.scanned);
        let m = self.project.matcher.clone();
        let kept = edit_spliced(&mut self.text, range, insert, Some(old), &m);
        let (scanned, splice) = match kept {
            Some((s, splice)) => (s, Some(splice)),
            None => (Scanned::new(&self.text, FileKind::Markdown, &m), None),
        };
        self.scanned = scanned;
        self.reading.edit(
            before,
            &self.text,
            insert.len(),
            &self.project.glossary,
            &self.scanned.matches,
            splice.as_ref(),
        );
    }

    /// Reads again; when the generation stays, checks the read list is the one before moved
    /// by the edits since.
    fn refresh(&mut self) {
        let g = &self.project.glossary;
        let generation = self.reading.generation();
        let mut moved = std::mem::take(&mut self.last_read);
        for &(at, removed, inserted) in &self.edits {
            let map = |x: usize| {
                if x >= at + removed {
                    x - removed + inserted
                } else {
                    x
                }
            };
            for m in &mut moved {
                m.range = map(m.range.start)..map(m.range.end);
            }
        }
        self.edits.clear();
        self.reading.refresh(&self.text, g, &self.scanned.matches);
        if self.reading.generation() == generation {
            assert_eq!(self.reading.read(), &moved[..], "text: {:?}", self.text);
        }
        self.last_read = self.reading.read().to_vec();
    }

    #[track_caller]
    fn check_against_fresh(&mut self) {
        self.refresh();
        let fresh = senses::resolve(&self.text, &self.project.glossary, &self.scanned.matches);
        assert_eq!(self.reading.read(), &fresh[..], "text: {:?}", self.text);
    }
}

/// Typing a word at the end of a line far from any acronym re-reads only around it.
#[test]
fn typing_in_a_sentence_reads_only_around_it() {
    let mut d = Doc::new(PROSE);
    let at = d.text.find("leadframe.").unwrap() + 10;
    for (i, c) in " More words here".chars().enumerate() {
        d.edit(at + i, 0, &c.to_string());
        d.check_against_fresh();
    }
    let at = d.text.find(" the residual").unwrap() + 1;
    // A letter away from every match: the read list only moves (the same generation).
    let generation = d.reading.generation();
    d.edit(at, 0, "x");
    d.check_against_fresh();
    d.edit(at, 1, "");
    d.check_against_fresh();
    assert_eq!(d.reading.generation(), generation);
    // 18 edits; the few that bring a word a sense reads ("words") read everything again.
    assert!(d.reading.local_edits >= 12, "{}", d.reading.local_edits);
}

/// Typing a letter onto a name at a paragraph's start takes its match away (and removing it
/// brings it back): the document still names the same things elsewhere, so only around it is
/// read again.
#[test]
fn a_match_typed_away_and_back_reads_only_around_it() {
    let text = format!("{PROSE}\nSparse autoencoder features are read off the stream.\n");
    let mut d = Doc::new(&text);
    let at = d.text.find("Sparse autoencoder features").unwrap();
    let matches = d.scanned.matches.len();
    d.edit(at, 0, "x");
    d.check_against_fresh();
    assert_eq!(d.scanned.matches.len(), matches - 1);
    d.edit(at, 1, "");
    d.check_against_fresh();
    assert_eq!(d.scanned.matches.len(), matches);
    assert_eq!(d.reading.local_edits, 2);
}

/// A definition typed into the document changes what a later acronym means.
#[test]
fn a_definition_typed_before_an_acronym_is_read() {
    let mut d = Doc::new("We ran SAM on the parts.\n\nThe SAM images show voids.\n");
    d.check_against_fresh();
    d.edit(0, 0, "Scanning acoustic microscopy (SAM) finds voids. ");
    d.check_against_fresh();
    let at = d.text.find("acoustic").unwrap();
    d.edit(at, 8, "");
    d.check_against_fresh();
}

/// A document that names nothing with a sense to choose (only a deprecated spelling, as a
/// house style list makes) is not read for its words when opened, nor by an edit away from its
/// names; the first edit beside one of them (is "finetuning new" one name "finetuningnew"?)
/// counts its words once and keeps them, as does the first name with senses typed in.
#[test]
fn words_are_counted_only_once_a_name_has_a_sense_to_choose() {
    let mut d = Doc::new("Our finetuning recipe.\n\nMore finetuning notes, with mask and voids.\n");
    assert!(d.scanned.matches.len() >= 2);
    assert!(d.reading.sets.is_none());
    d.edit(d.text.len(), 0, "Plain words.\n");
    d.check_against_fresh();
    assert!(d.reading.sets.is_none());
    let at = d.text.find("recipe").unwrap();
    d.edit(at, 0, "new ");
    d.check_against_fresh();
    assert!(d.reading.sets.is_some());
    d.edit(d.text.len(), 0, "We imaged the die with SAM.\n");
    d.check_against_fresh();
    assert!(d.reading.sets.is_some());
    // From here the words are kept up to date by each edit.
    let at = d.text.find("mask").unwrap();
    d.edit(at, 4, "ultrasound");
    d.check_against_fresh();
}

/// Found by the proptest below in CI: two edits before the first read (the slots still empty),
/// the second an empty edit after a match the first one spliced in, panicked moving the slots
/// from the splice on.
#[test]
fn edits_before_the_first_read_move_no_slots() {
    let mut d = Doc::new(DOCS[3]);
    d.edit(0, 0, "SAM");
    let at = (0.43974516424567645 * d.text.len() as f64) as usize;
    d.edit(at, 0, "");
    d.check_against_fresh();
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]

    /// Random edits of real READMEs: the kept reading is always a fresh one.
    #[test]
    fn a_kept_reading_equals_a_fresh_one(
        doc in 0usize..DOCS.len(),
        edits in proptest::collection::vec(
            (0.0f64..1.0, 0usize..6, proptest::sample::select(vec![
                "", "x", "e", " ", ".", "s", "SAM", "SAE", " SAM", "(SAM)", "(", ")",
                "segment anything model", "sparse autoencoder", "-Lib", " Lens", "\n",
                "acoustic", "mask", "voids", "prompt", "ultrasound", "Lens",
            ]).prop_map(str::to_owned), proptest::bool::ANY),
            1..8,
        ),
    ) {
        let mut d = Doc::new(DOCS[doc]);
        for (at, remove, insert, read) in edits {
            let at = (at * d.text.len() as f64) as usize;
            d.edit(at, remove, &insert);
            // Several edits may come before the next read.
            if !read {
                continue;
            }
            d.refresh();
            let fresh = senses::resolve(&d.text, &d.project.glossary, &d.scanned.matches);
            proptest::prop_assert_eq!(d.reading.read(), &fresh[..]);
        }
        d.check_against_fresh();
    }
}
