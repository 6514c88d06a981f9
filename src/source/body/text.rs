//! What is inside a text node: U+2028 LINE SEPARATOR (Word's
//! Shift+Enter) is a line break, as a Markdown hard break is, and in a
//! heading a space; a bare web or e-mail address is a link (`links.rs`);
//! control characters are errors and full-width digits and letters
//! warnings, each with its fix; `<Forbes>`, a tag no HTML has, is text.
//!
//! Fixes need the file offset of each byte of the text: pulldown-cmark
//! resolves backslash escapes (`\*`), so the text is aligned with the
//! file's ([`align`]); text with an entity in it gets no fix.

use crate::diag::{Diagnostic, Edit, Span};
use crate::model::Inline;

use super::links;
use super::{BodyParser, Node};

/// U+2028 LINE SEPARATOR.
const LINE_SEPARATOR: char = '\u{2028}';

/// Where the pieces of a text node are in the file: exactly, when the
/// node's text is the file's byte for byte, else the whole node.
struct Place {
    start: usize,
    verbatim: bool,
    node: Span,
}

impl BodyParser<'_> {
    /// The inlines of a text node: the text, split at each line separator
    /// into text and line breaks (in a heading, spaces), its addresses as
    /// links. Each piece has its own span when the text is the file's byte
    /// for byte (no escapes or entities in it), else the node's.
    pub(super) fn text(&mut self, t: &str, node: &Node) -> Vec<Inline> {
        let file_text = &self.files.get(self.file).text;
        let verbatim = file_text.get(node.range.clone()) == Some(t);
        let offs = match verbatim {
            true => Offsets::Shifted(node.range.start),
            false => align(t, file_text.get(node.range.clone()).unwrap_or(""))
                .map_or(Offsets::Unknown, |m| {
                    Offsets::Aligned(m.into_iter().map(|i| node.range.start + i).collect())
                }),
        };
        self.check_text(t, node, &offs);
        let place = Place {
            start: node.range.start,
            verbatim,
            node: self.span(node),
        };
        let sep = LINE_SEPARATOR.len_utf8();
        if self.in_heading && t.contains(LINE_SEPARATOR) {
            self.heading_separators(t, &place, &offs);
        }
        let mut out = vec![];
        let mut from = 0;
        for (at, _) in t.match_indices(LINE_SEPARATOR) {
            self.push_text(&mut out, t, from..at, &place, &offs);
            let span = self.piece(&place, at, at + sep);
            out.push(match self.in_heading {
                true => Inline::Text {
                    text: " ".into(),
                    span,
                },
                false => Inline::LineBreak { span },
            });
            from = at + sep;
        }
        self.push_text(&mut out, t, from..t.len(), &place, &offs);
        out
    }

    fn piece(&self, place: &Place, from: usize, to: usize) -> Span {
        match place.verbatim {
            true => self
                .files
                .span(self.file, place.start + from, place.start + to),
            false => place.node,
        }
    }

    /// A heading is one line: its line separators are spaces, reported
    /// once, with the fix.
    fn heading_separators(&mut self, t: &str, place: &Place, offs: &Offsets) {
        let sep = LINE_SEPARATOR.len_utf8();
        let first = t.find(LINE_SEPARATOR).unwrap_or(0);
        let mut d = Diagnostic::warning(
            self.piece(place, first, first + sep),
            "a line break in a heading is set as a space",
        )
        .with_label("U+2028 LINE SEPARATOR (a line break pasted from Word)")
        .with_hint("a heading is one line: remove the line break");
        let edits: Option<Vec<Edit>> = t
            .match_indices(LINE_SEPARATOR)
            .map(|(at, _)| Some(self.edit_at(offs.get(at)?, offs.get(at + sep)?, " ")))
            .collect();
        if let Some(edits) = edits {
            d = d.with_fix("replace it with a space", edits);
        }
        self.diags.push(d);
    }

    fn edit_at(&self, start: usize, end: usize, with: &str) -> Edit {
        Edit {
            span: self.files.span(self.file, start, end),
            with: with.to_string(),
        }
    }

    /// `t[range]` as text, its bare addresses as links (not inside a
    /// link's own text), each reported as a note with the Markdown link
    /// that `kicweekly fix` writes for it.
    fn push_text(
        &mut self,
        out: &mut Vec<Inline>,
        t: &str,
        range: std::ops::Range<usize>,
        place: &Place,
        offs: &Offsets,
    ) {
        let (from, to) = (range.start, range.end);
        let found = match self.in_link {
            true => vec![],
            false => links::find(&t[range]),
        };
        let mut at = from;
        for f in found {
            let (a, b) = (from + f.range.start, from + f.range.end);
            if a > at {
                out.push(Inline::Text {
                    text: t[at..a].to_string(),
                    span: self.piece(place, at, a),
                });
            }
            let text = &t[a..b];
            let exact = offs
                .get(a)
                .zip(offs.get(b))
                .filter(|&(x, y)| self.files.get(self.file).text.get(x..y) == Some(text));
            let span = match exact {
                Some((x, y)) => self.files.span(self.file, x, y),
                None => self.piece(place, a, b),
            };
            if exact.is_some() {
                let markdown = f.markdown(text);
                self.diags.push(
                    Diagnostic::note(span, format!("`{text}` read as a link"))
                        .with_label("a bare address")
                        .with_fix(
                            format!("write it as a link, `{markdown}`"),
                            vec![self.edit_at(span.start, span.end, &markdown)],
                        ),
                );
            }
            out.push(Inline::Link {
                url: f.url(text),
                children: vec![Inline::Text {
                    text: text.to_string(),
                    span,
                }],
                span,
            });
            at = b;
        }
        if at < to {
            out.push(Inline::Text {
                text: t[at..to].to_string(),
                span: self.piece(place, at, to),
            });
        }
    }

    /// A control character is an error (a tab inside a line, say), fixed
    /// by a space; full-width digits and letters (`２０２３`, `ＡＩ`) are a
    /// warning, fixed by their ASCII forms.
    fn check_text(&mut self, text: &str, node: &Node, offs: &Offsets) {
        let at = |i: usize| offs.get(i).unwrap_or(node.range.start + i);
        if let Some((i, c)) = text
            .char_indices()
            .find(|(_, c)| c.is_control() && *c != '\n')
        {
            let (start, end) = (at(i), at(i) + c.len_utf8());
            let span = self.files.span(self.file, start, end);
            let what = match c {
                '\t' => "a tab".to_string(),
                _ => format!("U+{:04X}", c as u32),
            };
            let mut d = Diagnostic::error(span, format!("control character ({what}) in text"))
                .with_label("not a printable character")
                .with_hint("replace it with a space");
            if offs.get(i).is_some() {
                d = d.with_fix(
                    "replace it with a space",
                    vec![self.edit_at(start, end, " ")],
                );
            }
            self.diags.push(d);
        }
        let runs = full_width_runs(text);
        let Some(first) = runs.first() else {
            return;
        };
        let shown = &text[first.clone()];
        let span = self.files.span(self.file, at(first.start), at(first.end));
        let ascii = to_ascii(shown);
        let label = match runs.len() {
            1 => format!("`{shown}` is `{ascii}` in full-width forms"),
            n => format!("`{shown}` and {} more", n - 1),
        };
        let mut d = Diagnostic::warning(span, "full-width digits or letters in text")
            .with_label(label)
            .with_hint(format!(
                "write ASCII digits and letters (`{ascii}`): full-width ones are set wide, \
                 each in a square of its own"
            ));
        let edits: Option<Vec<Edit>> = runs
            .iter()
            .map(|r| {
                let ascii = to_ascii(&text[r.clone()]);
                Some(self.edit_at(offs.get(r.start)?, offs.get(r.end)?, &ascii))
            })
            .collect();
        if let Some(edits) = edits {
            d = d.with_fix("write them in ASCII", edits);
        }
        self.diags.push(d);
    }

    /// `<Forbes>`: read as text, reported with the escape that says so.
    pub(super) fn literal_tag(&mut self, tag: &str, node: &Node) {
        let span = self.span(node);
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let at = node.range.start;
        self.diags.push(
            Diagnostic::warning(span, format!("`{tag}` read as text, not as HTML"))
                .with_label(format!("no HTML element is called `{name}`"))
                .with_hint(format!("write `\\{tag}` to say it is text"))
                .with_fix("escape the `<`", vec![self.edit_at(at, at, "\\")]),
        );
    }
}

/// The file offset of each byte of a text node's text (and of its end).
enum Offsets {
    /// The text is the file's byte for byte, from here.
    Shifted(usize),
    /// The file's text has backslash escapes the node's has not.
    Aligned(Vec<usize>),
    /// Not known (an entity): no fixes.
    Unknown,
}

impl Offsets {
    fn get(&self, i: usize) -> Option<usize> {
        match self {
            Offsets::Shifted(start) => Some(start + i),
            Offsets::Aligned(m) => m.get(i).copied(),
            Offsets::Unknown => None,
        }
    }
}

/// For each byte of `t` (and its end), its offset in `file`, the source
/// it was read from, when the two differ only by backslash escapes.
fn align(t: &str, file: &str) -> Option<Vec<usize>> {
    let (tb, fb) = (t.as_bytes(), file.as_bytes());
    let mut map = Vec::with_capacity(tb.len() + 1);
    let mut j = 0;
    for &b in tb {
        if fb.get(j) != Some(&b) {
            if fb.get(j) != Some(&b'\\') || fb.get(j + 1) != Some(&b) {
                return None;
            }
            j += 1;
        }
        map.push(j);
        j += 1;
    }
    map.push(j);
    Some(map)
}

/// Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A,
/// FF41–FF5A): runs of them, by byte range.
fn full_width_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut runs: Vec<std::ops::Range<usize>> = vec![];
    for (i, c) in text.char_indices() {
        if !is_full_width(c) {
            continue;
        }
        match runs.last_mut() {
            Some(r) if r.end == i => r.end = i + c.len_utf8(),
            _ => runs.push(i..i + c.len_utf8()),
        }
    }
    runs
}

fn is_full_width(c: char) -> bool {
    matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

fn to_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match is_full_width(c) {
            true => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            false => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_aligned_and_entities_are_not() {
        assert_eq!(align("a*b", "a\\*b"), Some(vec![0, 2, 3, 4]));
        assert_eq!(align("가", "가"), Some(vec![0, 1, 2, 3]));
        assert_eq!(align("a&b", "a&amp;b"), None);
    }

    #[test]
    fn full_width_runs_become_ascii() {
        let t = "２０２３년 ＡＩ，（괄호）";
        let runs = full_width_runs(t);
        assert_eq!(runs.len(), 2);
        assert_eq!(to_ascii(&t[runs[0].clone()]), "2023");
        assert_eq!(to_ascii(&t[runs[1].clone()]), "AI");
    }
}
