//! Random edits against a fresh open: the server (in process, through the tower Service) gets
//! random multi-change `didChange` batches in both position encodings — CRLF, lone CR, emoji,
//! combining marks, ZWJ sequences, every Unicode white space, code fences, markup that plain
//! characters can complete, glossary terms — and after every batch its pulled diagnostics must
//! equal those of a fresh open of the same text. Fixed seeds and a bounded number of batches
//! keep it deterministic and cheap enough for CI (`GLOSSA_FUZZ_SEEDS` runs more); a failure
//! prints the seed, the batch and the text.

mod common;

use common::TestClient;
use serde_json::{Value, json};

const GLOSSARY: &str = r#"[[concept]]
term = "sparse autoencoder"
acronyms = ["SAE"]

[[concept]]
term = "fine-tuning"
deprecated = ["finetuning"]
forbidden = ["fine-tunning"]

[[concept]]
term = "scaling laws"
"#;

/// Every white space `char::is_whitespace` knows, and the other awkward pieces.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "finetuning", "fine-tuning", "fine tuning", "fine-tunning", "SAE", "SAEs", "sparse",
    "autoencoder", "word", "x", "12", ".", ",", " ", " ", " ", "\n", "\n\n", "\r\n", "\r",
    "\t", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}",
    "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}",
    "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "😀", "e\u{301}",
    "\u{301}", "👨\u{200d}👩\u{200d}👧", "\u{200d}", "\n```\n", "`", "<", ">", "<b ", "[", "]",
    ":", "www", "@", "1. ", "- ", "    ", "#", "$", "\"", "*", "_", "`x`", "https://x.org/a",
    "\n<pre>\n", "</pre>", "\n<details>\n", "<td>", "</td>", "<!--", "-->", "<code>", "</code>",
    "&amp;", "\n[a]: /x\n",
];

/// Prose with little markup (code spans, URLs): edits that the incremental path takes.
#[rustfmt::skip]
const PLAIN_PIECES: &[&str] = &[
    "finetuning", "fine-tuning", "fine tuning", "SAE", "SAEs", "sparse", "autoencoder", "word",
    "x", "e", "the", "and", "model", " ", " ", " ", " ", " ", " ", ".", ",", "\n", "\n\n",
    "\r\n", "\r", "\u{a0}", "\u{3000}", "\u{2028}", "\u{85}", "😀", "e\u{301}",
    "👨\u{200d}👩\u{200d}👧", " `code` ", " https://x.org/a ", "-", "-x-", "(", "(s)", "3",
    "scaling", "law", "laws", "X",
];

/// splitmix64: a fixed, dependency-free stream of numbers.
struct Rng(u64, &'static [&'static str]);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn text(&mut self, pieces: usize) -> String {
        (0..pieces)
            .map(|_| self.1[self.below(self.1.len())])
            .collect()
    }
}

/// Offsets an LSP position can name: char boundaries, but not between "\r" and "\n".
fn boundaries(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .filter(|&i| !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text[i..].starts_with('\n')))
        .collect()
}

/// The LSP position of `offset`: lines end at "\n", "\r\n" or "\r"; columns in UTF-8 bytes or
/// UTF-16 code units.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let mut line = 0;
    let mut line_start = 0;
    let b = before.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let lone_cr = c == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n');
        if c == b'\n' || lone_cr {
            line += 1;
            line_start = i + 1;
        }
    }
    let col = &before[line_start..];
    let character = if utf8 {
        col.len()
    } else {
        col.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

/// The pulled diagnostics of `uri`, with `uri` itself written as `<uri>`.
async fn pulled(c: &mut TestClient, uri: &str) -> String {
    let report = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(report["kind"], "full", "{report}");
    serde_json::to_string_pretty(&report["items"])
        .unwrap()
        .replace(uri, "<uri>")
}

/// The fuzz project and a pulling client, in UTF-8 or UTF-16 positions.
async fn start(utf8: bool) -> TestClient {
    let mut caps = json!({"textDocument": {"diagnostic": {}}});
    if utf8 {
        caps["general"] = json!({"positionEncodings": ["utf-8"]});
    }
    let files = [
        (
            "glossa.toml",
            "builtin = false\nglossaries = [\"glossary.toml\"]\n",
        ),
        ("glossary.toml", GLOSSARY),
    ];
    let c = TestClient::start(&files, caps, Value::Null).await;
    let expected = if utf8 { "utf-8" } else { "utf-16" };
    assert_eq!(c.encoding, expected);
    c
}

async fn fuzz(seed: u64, utf8: bool, pieces: &'static [&'static str], batches: usize) {
    let mut c = start(utf8).await;
    let mut rng = Rng(seed, pieces);
    let uri = c.uri("doc.md");
    let fresh = c.uri("fresh.md");
    let mut text = rng.text(40);
    c.open_uri(&uri, &text).await;
    for batch in 0..batches {
        let version = batch as i32 + 2;
        let mut changes = Vec::new();
        for _ in 0..1 + rng.below(4) {
            if rng.below(60) == 0 {
                text = rng.text(40);
                changes.push(json!({"text": text}));
                continue;
            }
            let b = boundaries(&text);
            let i = rng.below(b.len());
            // Long texts shrink: larger deletions when over 1,500 bytes.
            let reach = if text.len() > 1500 { 60 } else { 6 };
            // Typing: one word character or space in, at most one character out.
            let typing = rng.below(3) > 0;
            let j = (i + rng.below(if typing { 2 } else { reach })).min(b.len() - 1);
            let insert = if typing {
                ["a", "e", "x", " ", ".", "SAE", "tuning", "é"][rng.below(8)].to_owned()
            } else {
                let pieces = rng.below(3);
                rng.text(pieces)
            };
            let range =
                json!({"start": position(&text, b[i], utf8), "end": position(&text, b[j], utf8)});
            text.replace_range(b[i]..b[j], &insert);
            changes.push(json!({"range": range, "text": insert}));
        }
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
        let edited = pulled(&mut c, &uri).await;
        c.open_uri(&fresh, &text).await;
        let expected = pulled(&mut c, &fresh).await;
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": fresh}}),
        )
        .await;
        assert_eq!(
            edited, expected,
            "seed {seed}, utf8 {utf8}, batch {batch}: the text was {text:?}"
        );
    }
}

/// Seeds per encoding: 4 in CI; `GLOSSA_FUZZ_SEEDS=500` for a longer hunt.
fn seeds() -> u64 {
    std::env::var("GLOSSA_FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4)
}

#[tokio::test]
async fn random_edits_in_utf16_give_what_a_fresh_open_gives() {
    for seed in 1..=seeds() {
        fuzz(seed, false, PIECES, 200).await;
        fuzz(seed, false, PLAIN_PIECES, 200).await;
    }
}

#[tokio::test]
async fn random_edits_in_utf8_give_what_a_fresh_open_gives() {
    for seed in 1..=seeds() {
        fuzz(seed + 1_000_000, true, PIECES, 200).await;
        fuzz(seed + 1_000_000, true, PLAIN_PIECES, 200).await;
    }
}
