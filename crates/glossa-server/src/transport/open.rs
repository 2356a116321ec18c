//! A large `textDocument/didOpen`, decoded with one copy of its text: the body's bytes become
//! the document's `String`. The general path ([`super::decode`]) parses the text's JSON string
//! into serde_json's scratch buffer (grown by doubling) and then copies it into a fresh `String`:
//! for 10 MB, two more buffers of that size, written and faulted in, on the message loop.
//!
//! Here the message is read with the text as its raw JSON (borrowed, validated by serde_json:
//! no control characters, every escape well-formed), then unescaped in place: an unescaped
//! string is never longer than its JSON, so it is written over the body from its first byte.
//! Only a message of exactly the shape LSP gives it is taken (`jsonrpc`, `method`, `params`
//! with `textDocument`'s four fields, no others, no duplicates); anything else goes the general
//! way, which makes the same `Request` of it.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use tower_lsp_server::jsonrpc::Request;

/// From this size (bytes of body), a didOpen is decoded here.
pub const FROM: usize = 64 * 1024;

const METHOD: &str = "textDocument/didOpen";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Message<'a> {
    jsonrpc: String,
    method: String,
    #[serde(borrow)]
    params: Params<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Params<'a> {
    #[serde(borrow)]
    text_document: Item<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Item<'a> {
    uri: String,
    language_id: String,
    version: i32,
    #[serde(borrow)]
    text: &'a RawValue,
}

/// What became of a body offered here.
pub enum Decoded {
    /// The didOpen, its text the body's bytes.
    Request(Request),
    /// Not a didOpen of that shape: the body as it was, for the general path.
    Other(Vec<u8>),
    /// The text holds an unpaired UTF-16 surrogate escape: not a string (a parse error).
    BadText,
}

/// The didOpen in `body`, if it is one of the usual shape (see the module's documentation).
pub fn decode(body: Vec<u8>) -> Decoded {
    if body.len() < FROM || memchr::memmem::find(&body, METHOD.as_bytes()).is_none() {
        return Decoded::Other(body);
    }
    let (item, text) = match serde_json::from_slice::<Message>(&body) {
        Ok(m) if m.jsonrpc == "2.0" && m.method == METHOD => {
            let item = m.params.text_document;
            // The text's bytes inside the quotes, as offsets into the body.
            let raw = item.text.get().as_bytes();
            let start = raw.as_ptr() as usize - body.as_ptr() as usize;
            let text = match raw {
                [b'"', .., b'"'] => start + 1..start + raw.len() - 1,
                _ => return Decoded::Other(body),
            };
            ((item.uri, item.language_id, item.version), text)
        }
        _ => return Decoded::Other(body),
    };
    let Some(text) = unescape_to_front(body, text) else {
        return Decoded::BadText;
    };
    let (uri, language_id, version) = item;
    let mut item = Map::new();
    item.insert("uri".to_owned(), Value::String(uri));
    item.insert("languageId".to_owned(), Value::String(language_id));
    item.insert("version".to_owned(), Value::from(version));
    item.insert("text".to_owned(), Value::String(text));
    let mut params = Map::new();
    params.insert("textDocument".to_owned(), Value::Object(item));
    Decoded::Request(
        Request::build(METHOD)
            .params(Value::Object(params))
            .finish(),
    )
}

/// The JSON string at `range` of `buf` (its bytes inside the quotes: valid UTF-8, escapes
/// well-formed), unescaped into the front of `buf`, which becomes it. `None` when it holds an
/// unpaired surrogate.
fn unescape_to_front(mut buf: Vec<u8>, range: std::ops::Range<usize>) -> Option<String> {
    let (mut r, end) = (range.start, range.end);
    let mut w = 0;
    while r < end {
        let run = memchr::memchr(b'\\', &buf[r..end]).map_or(end, |i| r + i);
        buf.copy_within(r..run, w);
        w += run - r;
        r = run;
        if r == end {
            break;
        }
        // An escape: `\` and at least one more byte (serde_json checked them).
        let (c, len) = match buf[r + 1] {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => {
                let hi = hex4(&buf[r + 2..r + 6])?;
                match hi {
                    0xD800..=0xDBFF => {
                        let lo = match buf.get(r + 6..r + 12) {
                            Some([b'\\', b'u', digits @ ..]) => hex4(digits)?,
                            _ => return None,
                        };
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return None;
                        }
                        let code =
                            0x1_0000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(lo) - 0xDC00);
                        (char::from_u32(code)?, 12)
                    }
                    _ => (char::from_u32(u32::from(hi))?, 6),
                }
            }
            _ => return None,
        };
        let encoded = c.encode_utf8(&mut [0; 4]).len();
        c.encode_utf8(&mut buf[w..w + encoded]);
        w += encoded;
        r += len;
    }
    buf.truncate(w);
    // Runs of valid UTF-8 cut only at ASCII backslashes, and whole characters: valid.
    String::from_utf8(buf).ok()
}

/// Four hex digits as a number.
fn hex4(digits: &[u8]) -> Option<u16> {
    digits.get(..4)?.iter().try_fold(0u16, |n, &d| {
        let v = char::from(d).to_digit(16)?;
        Some(n << 4 | v as u16)
    })
}
