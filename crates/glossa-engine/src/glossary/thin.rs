//! A text one pointer wide, for a concept's rarely set texts (its display name, category,
//! reason): 8 bytes in every concept instead of 16, and no allocation while empty (issue 9:
//! 1M concepts).

use std::fmt;
use std::ops::Deref;

use thin_vec::ThinVec;

/// A string one pointer wide, `Option<ThinStr>` too; empty without an allocation. Reads as a
/// `str`. Its bytes are only ever written from a `str` (the crate forbids `unsafe`, so each
/// read checks them: short texts, rarely read).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct ThinStr(ThinVec<u8>);

impl ThinStr {
    /// `None` for an empty text, so `Option<ThinStr>` fields read as "set or not".
    pub fn non_empty(text: impl Into<ThinStr>) -> Option<ThinStr> {
        let t = text.into();
        (!t.is_empty()).then_some(t)
    }
}

impl Deref for ThinStr {
    type Target = str;

    fn deref(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl AsRef<str> for ThinStr {
    fn as_ref(&self) -> &str {
        self
    }
}

impl From<&str> for ThinStr {
    fn from(s: &str) -> ThinStr {
        ThinStr(ThinVec::from(s.as_bytes()))
    }
}

impl From<String> for ThinStr {
    fn from(s: String) -> ThinStr {
        ThinStr::from(s.as_str())
    }
}

impl From<Box<str>> for ThinStr {
    fn from(s: Box<str>) -> ThinStr {
        ThinStr::from(&*s)
    }
}

impl fmt::Debug for ThinStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for ThinStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl serde::Serialize for ThinStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl PartialEq<str> for ThinStr {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for ThinStr {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::ThinStr;

    #[test]
    fn reads_as_its_text_and_empty_without_a_block() {
        assert_eq!(std::mem::size_of::<ThinStr>(), 8);
        assert_eq!(std::mem::size_of::<Option<ThinStr>>(), 8);
        assert_eq!(&*ThinStr::from("Safety guardrails"), "Safety guardrails");
        assert_eq!(ThinStr::from(String::new()), ThinStr::default());
        assert!(ThinStr::non_empty("").is_none());
        assert_eq!(ThinStr::non_empty("ops").as_deref(), Some("ops"));
    }
}
