//! Folding a piece of a document for matching, keeping byte offsets into the original.
//!
//! aho-corasick folds ASCII case only and knows nothing of hyphens or line breaks, so the scanner
//! searches a folded copy instead: Unicode lowercase, and every run of separators (hyphens,
//! dashes, white space including line breaks) read as one space — the same rules as
//! [`crate::glossary::fold_name`], which folds the patterns. Most text folds byte for byte; the
//! offset map is only built from the first place where lengths diverge (a collapsed run of
//! spaces, a character whose lowercase has another length), so plain ASCII prose pays nothing
//! for it.

use crate::glossary::normalize::is_separator;

/// A folded copy of a source text.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// `map[i]` is the offset in the source of the character that folded byte `i` came from;
    /// `map[text.len()]` is the source length. `None` while folding kept every offset.
    map: Option<Vec<u32>>,
    source_len: usize,
}

impl Folded {
    pub fn new(src: &str) -> Folded {
        let mut text = String::with_capacity(src.len());
        let mut map: Option<Vec<u32>> = None;
        let mut in_run = false;
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                let sep = b == b'-' || b.is_ascii_whitespace();
                if sep {
                    if in_run {
                        // Collapsed into the previous space: from here offsets diverge.
                        map.get_or_insert_with(|| identity(text.len()));
                        i += 1;
                        continue;
                    }
                    in_run = true;
                    push_byte(&mut text, &mut map, b' ', i);
                } else {
                    in_run = false;
                    push_byte(&mut text, &mut map, b.to_ascii_lowercase(), i);
                }
                i += 1;
                continue;
            }
            let c = src[i..].chars().next().expect("char boundary");
            let len = c.len_utf8();
            if is_separator(c) {
                if in_run {
                    map.get_or_insert_with(|| identity(text.len()));
                } else {
                    in_run = true;
                    if len != 1 {
                        map.get_or_insert_with(|| identity(text.len()));
                    }
                    push_byte(&mut text, &mut map, b' ', i);
                }
                i += len;
                continue;
            }
            in_run = false;
            let start = text.len();
            for l in c.to_lowercase() {
                text.push(l);
            }
            let pushed = text.len() - start;
            if pushed != len && map.is_none() {
                map = Some(identity(start));
            }
            if let Some(m) = map.as_mut() {
                m.extend(std::iter::repeat_n(i as u32, pushed));
            }
            i += len;
        }
        if let Some(m) = map.as_mut() {
            m.push(src.len() as u32);
        }
        Folded {
            text,
            map,
            source_len: src.len(),
        }
    }

    /// The source offset of folded offset `i` (a match start, or an exclusive match end).
    pub fn to_source(&self, i: usize) -> usize {
        match &self.map {
            None => i.min(self.source_len),
            Some(m) => m.get(i).map_or(self.source_len, |&o| o as usize),
        }
    }

    /// True when folding kept every byte offset (the source's own offsets are the folded ones).
    pub fn is_identity(&self) -> bool {
        self.map.is_none()
    }
}

fn identity(len: usize) -> Vec<u32> {
    (0..len as u32).collect()
}

#[inline]
fn push_byte(text: &mut String, map: &mut Option<Vec<u32>>, b: u8, src: usize) {
    text.push(b as char);
    if let Some(m) = map.as_mut() {
        m.push(src as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, folded: &str) {
        let f = Folded::new(src);
        assert_eq!(f.text, folded);
        assert_eq!(
            f.text,
            crate::glossary::fold_name(src).as_str().to_owned() + "",
            "fold_name agrees"
        );
    }

    #[test]
    fn ascii_folds_in_place() {
        let f = Folded::new("Fine-Tuning works");
        assert_eq!(f.text, "fine tuning works");
        assert!(f.is_identity());
        assert_eq!(f.to_source(5), 5);
    }

    #[test]
    fn runs_collapse_and_offsets_map_back() {
        let src = "Sparse \r\n  Autoencoder";
        let f = Folded::new(src);
        assert_eq!(f.text, "sparse autoencoder");
        let start = f.text.find("autoencoder").unwrap();
        assert_eq!(
            &src[f.to_source(start)..f.to_source(f.text.len())],
            "Autoencoder"
        );
        assert_eq!(&src[f.to_source(0)..f.to_source(6)], "Sparse");
    }

    #[test]
    fn unicode_lowercase_of_other_length() {
        // 'İ' (2 bytes) lowercases to "i̇" (3 bytes): offsets after it must still map back.
        let src = "İstanbul SAM";
        let f = Folded::new(src);
        let at = f.text.find("sam").unwrap();
        assert_eq!(&src[f.to_source(at)..f.to_source(at + 3)], "SAM");
        check("Ünïcode Wörds", "ünïcode wörds");
    }
}
