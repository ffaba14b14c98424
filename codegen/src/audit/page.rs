//! A provider page as the audit reads it: its text, its lines, and a
//! normalised copy for finding quotes in.

/// Why a page could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// 1-based line of the first offending byte.
    pub line: u32,
    /// What is wrong with it.
    pub reason: String,
}

/// A page's text, with a normalised copy that maps back to lines.
#[derive(Debug)]
pub struct Page {
    /// The file name in the docs directory.
    pub name: String,
    /// The text as read.
    pub text: String,
    /// [`normalise`]d text.
    pub norm: String,
    /// For each byte of `norm`, the 1-based page line it comes from.
    norm_lines: Vec<u32>,
    /// Byte offset where each line of `text` starts.
    line_starts: Vec<usize>,
}

impl Page {
    /// Reads `bytes` as a page; binary or non-UTF-8 content is refused with
    /// the line of the first bad byte.
    pub fn read(name: &str, bytes: &[u8]) -> Result<Page, Unreadable> {
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return Err(Unreadable {
                line: line_of_byte(bytes, at),
                reason: format!("the page is binary (a NUL byte at offset {at})"),
            });
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(err) => {
                let at = err.valid_up_to();
                return Err(Unreadable {
                    line: line_of_byte(bytes, at),
                    reason: format!("the page is not UTF-8 (a bad byte at offset {at})"),
                });
            }
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let (norm, norm_lines) = normalise_with_lines(&text);
        Ok(Page {
            name: name.to_owned(),
            text,
            norm,
            norm_lines,
            line_starts,
        })
    }

    /// The 1-based line of byte `offset` of `text`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let idx = self.line_starts.partition_point(|&start| start <= offset);
        u32::try_from(idx.max(1)).unwrap_or(u32::MAX)
    }

    /// The 1-based page line of byte `offset` of `norm`.
    pub fn norm_line(&self, offset: usize) -> u32 {
        self.norm_lines
            .get(offset)
            .or(self.norm_lines.last())
            .copied()
            .unwrap_or(1)
    }

    /// The page's lines with their 1-based numbers.
    pub fn lines(&self) -> impl Iterator<Item = (u32, &str)> {
        self.text
            .lines()
            .enumerate()
            .map(|(i, l)| (u32::try_from(i + 1).unwrap_or(u32::MAX), l))
    }
}

fn line_of_byte(bytes: &[u8], offset: usize) -> u32 {
    let before = bytes.get(..offset).unwrap_or(bytes);
    u32::try_from(before.iter().filter(|&&b| b == b'\n').count() + 1).unwrap_or(u32::MAX)
}

/// Typographic quotes become ASCII ones, and every run of whitespace one
/// space: how the spec's quotes and the page are compared.
pub fn normalise(text: &str) -> String {
    normalise_with_lines(text).0
}

fn normalise_with_lines(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut lines = Vec::with_capacity(text.len());
    let mut line = 1u32;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            if c == '\n' {
                line = line.saturating_add(1);
            }
            continue;
        }
        if pending_space {
            out.push(' ');
            lines.push(line);
            pending_space = false;
        }
        let c = match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            other => other,
        };
        out.push(c);
        lines.extend(std::iter::repeat(line).take(c.len_utf8()));
    }
    (out, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_whitespace_and_typographic_quotes() {
        assert_eq!(
            normalise("  \u{201c}Max\tlength\u{201d}:\n\n 64 \u{2019}s "),
            "\"Max length\": 64 's"
        );
    }

    #[test]
    fn maps_normalised_offsets_back_to_lines() {
        let page = Page::read("p.txt", b"one\n\n  two three\nfour").unwrap();
        let at = page.norm.find("three").unwrap();
        assert_eq!(page.norm_line(at), 3);
        assert_eq!(page.norm_line(page.norm.find("four").unwrap()), 4);
        assert_eq!(page.line_of(page.text.find("four").unwrap()), 4);
    }

    #[test]
    fn binary_and_non_utf8_pages_are_located() {
        let err = Page::read("p.txt", b"a\nb\n\xff\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.reason.contains("not UTF-8"), "{}", err.reason);
        let err = Page::read("p.txt", b"a\n\0").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.reason.contains("binary"), "{}", err.reason);
    }
}
