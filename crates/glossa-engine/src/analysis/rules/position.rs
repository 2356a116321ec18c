//! Where in its sentence an occurrence stands: at a sentence start or in a heading, a capital
//! letter is the sentence's, not the name's. Read from the raw text before the occurrence, so it
//! works for every file kind without the prose regions.

/// True when the occurrence starting at `at` opens a sentence: nothing but white space and
/// opening marks (`#`, `*`, `_`, quotes, brackets, list bullets) between it and the start of the
/// text, a blank line, the start of a list item or heading line, or a `.`, `!`, `?` or `:`.
pub fn sentence_start(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let mut newlines = 0;
    for (i, c) in before.char_indices().rev() {
        match c {
            '\n' => {
                newlines += 1;
                if newlines == 2 || line_opens_block(&text[i + 1..at]) {
                    return true;
                }
            }
            c if c.is_whitespace() => {}
            '#' | '*' | '_' | '"' | '\'' | '“' | '‘' | '(' | '[' | '>' | '`' | '{' | '-' | '+' =>
                {}
            '.' | '!' | '?' | ':' => return true,
            _ => return false,
        }
    }
    true
}

/// True when the line holding `at` is a heading: Markdown `#`, AsciiDoc `=`, or a LaTeX
/// sectioning command. Headings are often in title case, so case says nothing there.
pub fn in_heading(text: &str, at: usize) -> bool {
    Lines::new(text).in_heading(at)
}

/// [`in_heading`] for occurrences taken in document order: each line start is searched for
/// only in the text since the occurrence before (a rule over a large document's occurrences
/// reads it once, not back over each long line).
pub struct Lines<'t> {
    text: &'t str,
    /// Where the last search stopped.
    searched: usize,
    /// The start of the line holding `searched`.
    start: usize,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            searched: 0,
            start: 0,
        }
    }

    /// [`in_heading`] at `at` (any offset; in increasing order, each line read once).
    pub fn in_heading(&mut self, at: usize) -> bool {
        if at < self.searched {
            (self.searched, self.start) = (0, 0);
        }
        if let Some(i) = self.text[self.searched..at].rfind('\n') {
            self.start = self.searched + i + 1;
        }
        self.searched = at;
        let line = self.text[self.start..at].trim_start();
        line.starts_with('#')
            || line.starts_with("= ")
            || line.starts_with("== ")
            || [
                "\\section",
                "\\subsection",
                "\\chapter",
                "\\paragraph",
                "\\title",
            ]
            .iter()
            .any(|cmd| line.starts_with(cmd))
    }
}

/// A line (up to the occurrence) that starts a block: a list item or a heading.
fn line_opens_block(line: &str) -> bool {
    let t = line.trim_start();
    let bullet = t
        .strip_prefix(['-', '*', '+', '#', '>'])
        .is_some_and(|rest| rest.starts_with(char::is_whitespace) || rest.starts_with('#'));
    let numbered = t
        .split_once(['.', ')'])
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    bullet || numbered || t.starts_with('=') || t.starts_with('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(marked: &str) -> bool {
        let at = marked.find('|').unwrap();
        sentence_start(&marked.replace('|', ""), at)
    }

    #[test]
    fn sentence_starts() {
        assert!(starts("|Fine-tuning helps."));
        assert!(starts("It works. |Fine-tuning helps."));
        assert!(starts("Note: |Fine-tuning"));
        assert!(starts("Para one\n\n|Fine-tuning"));
        assert!(starts("# |Fine-tuning"));
        assert!(starts("Intro\n- |Fine-tuning\n"));
        assert!(starts("Intro\n2. **|Fine-tuning**\n"));
        assert!(starts("He said: \"|Fine-tuning"));
        assert!(!starts("We use |Fine-tuning"));
        assert!(!starts("a wrapped\n|Fine-tuning line"));
    }

    #[test]
    fn headings() {
        let t = "# Fine-Tuning Guide\nWe use Fine-Tuning\n\\section{Fine-Tuning}";
        assert!(in_heading(t, 2));
        assert!(!in_heading(t, t.find("We use F").unwrap() + 7));
        assert!(in_heading(t, t.rfind("Fine").unwrap()));
        // In order, out of order, and again in order: each answer as alone.
        let mut lines = Lines::new(t);
        for at in [0, 2, 25, 30, 2, 45, t.len()] {
            assert_eq!(lines.in_heading(at), in_heading_alone(t, at), "{at}");
        }
    }

    /// The line searched back from `at` on its own, as before [`Lines`].
    fn in_heading_alone(text: &str, at: usize) -> bool {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        Lines::new(&text[start..]).in_heading(at - start)
    }
}
