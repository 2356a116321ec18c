//! Line starts of a text, for turning byte offsets into 1-based line and character column
//! (what the CLI prints and what JSON/SARIF carry). The server converts positions with its rope
//! instead; this is for whole files read once.

/// Byte offsets where each line starts. Lines end at `\n` (a `\r` before it belongs to the line
/// end, not to the column count of anything after it).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based column in characters of a byte offset (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let col = text[self.starts[line]..offset].chars().count();
        (line + 1, col + 1)
    }

    /// The byte range of 0-based line `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "é SAM\r\nx 😀 SAM\n";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_col(text, text.find("SAM").unwrap()), (1, 3));
        assert_eq!(ix.line_col(text, text.rfind("SAM").unwrap()), (2, 5));
        assert_eq!(&text[ix.line_range(text, 0)], "é SAM");
        assert_eq!(ix.line_col(text, 10_000), (3, 1));
    }
}
