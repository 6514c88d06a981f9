//! A source line too long to print whole under a message — a pasted
//! paragraph is one line of hundreds of characters — cut to a window
//! around the span, with `…` where it is cut. Line and column numbers stay
//! those of the file.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};
use unicode_width::UnicodeWidthChar;

/// Lines wider than this many terminal columns are cut.
const MAX_COLUMNS: usize = 100;
/// Columns of context kept before the span.
const BEFORE: usize = 30;
const ELLIPSIS: &str = "…";

/// One line of a file, cut around a span.
pub(super) struct Excerpt {
    name: String,
    text: String,
    /// The file's line number (1-based).
    line: usize,
    /// The line as it is in the file, and where the excerpt starts in it.
    whole: String,
    from: usize,
    /// Bytes of `…` before the excerpt's text.
    lead: usize,
}

impl Excerpt {
    /// The line of `source` holding `span` (bytes), cut around it, with
    /// the span's range in the excerpt; `None` if the line is short enough
    /// to print whole or the span runs past it.
    pub(super) fn new(
        name: String,
        source: &str,
        span: Range<usize>,
        line: usize,
    ) -> Option<(Excerpt, Range<usize>)> {
        let start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = source[span.start..]
            .find('\n')
            .map_or(source.len(), |i| span.start + i);
        let whole = &source[start..end];
        let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        if width(whole) <= MAX_COLUMNS || span.end > end {
            return None;
        }
        // Back from the span by BEFORE columns, then forward to MAX_COLUMNS.
        let (mut from, mut cols) = (span.start - start, 0);
        for (i, c) in whole[..span.start - start].char_indices().rev() {
            cols += c.width().unwrap_or(0);
            if cols > BEFORE {
                break;
            }
            from = i;
        }
        let mut to = from;
        let mut cols = 0;
        for (i, c) in whole[from..].char_indices() {
            cols += c.width().unwrap_or(0);
            if cols > MAX_COLUMNS && from + i >= span.end - start {
                break;
            }
            to = from + i + c.len_utf8();
        }
        let lead = if from > 0 { ELLIPSIS.len() } else { 0 };
        let mut text = String::new();
        if from > 0 {
            text.push_str(ELLIPSIS);
        }
        text.push_str(&whole[from..to]);
        if to < whole.len() {
            text.push_str(ELLIPSIS);
        }
        let range = lead + (span.start - start - from)..lead + (span.end - start - from);
        let excerpt = Excerpt {
            name,
            text,
            line,
            whole: whole.to_string(),
            from,
            lead,
        };
        Some((excerpt, range))
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _: usize) -> Result<usize, Error> {
        Ok(self.line)
    }

    /// The column in the file's line, counted in characters as
    /// [`super::SourceFiles`] counts them.
    fn column_number(&'a self, (): (), _: usize, byte: usize) -> Result<usize, Error> {
        let at = (self.from + byte.saturating_sub(self.lead)).min(self.whole.len());
        let at = (0..=at)
            .rev()
            .find(|&i| self.whole.is_char_boundary(i))
            .unwrap_or(0);
        Ok(self.whole[..at].chars().count() + 1)
    }

    fn line_range(&'a self, (): (), _: usize) -> Result<Range<usize>, Error> {
        Ok(0..self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_span_and_keeps_its_column() {
        let line = format!("{}목표 단어{}", "가나다 ".repeat(60), " 라마바".repeat(60));
        let source = format!("첫 줄\n{line}\n끝");
        let at = source.find("목표").unwrap();
        let (e, range) = Excerpt::new("f.md".into(), &source, at..at + 6, 2).unwrap();
        assert_eq!(&e.text[range.clone()], "목표");
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        let width: usize = e.text.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(width <= MAX_COLUMNS + 2, "{width}");
        let col = line[..line.find("목표").unwrap()].chars().count() + 1;
        assert_eq!(e.column_number((), 0, range.start).unwrap(), col);
        assert_eq!(e.line_number((), 0).unwrap(), 2);
    }

    #[test]
    fn a_short_line_is_printed_whole() {
        let source = "짧은 줄에 목표가 있다.";
        let at = source.find("목표").unwrap();
        assert!(Excerpt::new("f.md".into(), source, at..at + 6, 1).is_none());
    }
}
