//! Line starts of a text, for turning byte offsets into 1-based line and character column
//! (what the CLI prints and what JSON/SARIF carry). The server converts positions with its rope
//! instead; this is for whole files read once.

/// Byte offsets where each line starts. Lines end at `\n`, `\r\n` or a lone `\r`, as the
/// Language Server Protocol and the server's rope count them, so the CLI and the server put an
/// error or a finding on the same line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        #[cfg(test)]
        BUILT.with(|b| b.set(b.get() + 1));
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line of a byte offset (clamped to the text).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based line and 1-based column in characters of a byte offset (clamped to the text; an
    /// offset inside a line ending is the line's end).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let offset = offset.min(self.line_range(text, line).end);
        let col = text[self.starts[line]..offset].chars().count();
        (line + 1, col + 1)
    }

    /// The byte range of 0-based line `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start
            && text.as_bytes().get(end) == Some(&b'\n')
            && text.as_bytes()[end - 1] == b'\r'
        {
            end -= 1;
        }
        start..end.max(start)
    }
}

#[cfg(test)]
thread_local! {
    /// How many line indexes this thread built: a loader's tests hold it to one per file.
    static BUILT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Line indexes built on this thread so far (tests only).
#[cfg(test)]
pub(crate) fn built_on_this_thread() -> usize {
    BUILT.with(std::cell::Cell::get)
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

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_the_server() {
        // Regression: the CLI counted only `\n`, the server's rope (and LSP) `\r` too, so an
        // error after a lone `\r` was on line 1 for one and line 2 for the other.
        let text = "a\rb\r\nc\nd";
        let ix = LineIndex::new(text);
        let lines: Vec<usize> = ["a", "b", "c", "d"]
            .iter()
            .map(|w| ix.line(text.find(w).unwrap()))
            .collect();
        assert_eq!(lines, [1, 2, 3, 4]);
        assert_eq!(&text[ix.line_range(text, 0)], "a");
        assert_eq!(&text[ix.line_range(text, 1)], "b");
        let rope = ropey::Rope::from_str(text);
        for w in ["a", "b", "c", "d"] {
            let at = text.find(w).unwrap();
            assert_eq!(ix.line(at), rope.byte_to_line(at) + 1, "{w}");
        }
    }
}
