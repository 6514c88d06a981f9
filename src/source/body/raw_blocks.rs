//! Paragraphs written the way raw copy writes them: captions with a
//! typed number (`사진 1) 출처: …`), notes in parentheses (`(*용어 편집자
//! 주: …)`), sources on one line (`*출처: 1. …`). Each is reported with
//! the rewrite into the format (`raw.rs` says how checks and fixes work).

use crate::diag::Diagnostic;

use super::{BodyParser, Node, NodeKind};

/// `편집자 주` as the source text writes it, with or without the space.
const NOTE_WORDS: [&str; 2] = ["편집자 주", "편집자주"];

impl BodyParser<'_> {
    /// A caption with a typed number (`사진 1) 출처: …`, `표 2) …`, `<표 1>`)
    /// at the start of a text node: reported with the fix to `사진:` or
    /// `표:`; the number is generated.
    pub(super) fn caption_number(&mut self, first: &Node) {
        let NodeKind::Text(t) = &first.kind else {
            return;
        };
        let text = self.source_text();
        let start = first.range.start;
        if !text[start..].starts_with(t.as_str()) {
            return;
        }
        let Some((len, label)) = numbered_caption(t) else {
            return;
        };
        let typed = t[..len].trim_end().to_string();
        let span = self.files.span(self.file, start, start + len);
        let edit = self.edit(start, start + len, format!("{label}: "));
        self.diags.push(
            Diagnostic::warning(span, format!("`{typed}` read as text, not as a caption"))
                .with_label("figure and table numbers are generated")
                .with_hint(format!("start the caption with `{label}:` and no number"))
                .with_fix("take out the number", vec![edit]),
        );
    }

    /// A paragraph written as a note the old way, `(*용어 편집자 주: …)`,
    /// `(*용어: … -편집자 주)` or `*용어 편집자 주: …`: reported with the
    /// fix to the editor's note block `> 용어 편집자 주: …`. A `*용어: …`
    /// line that does not say `편집자 주` gets the same rewrite as a
    /// suggestion.
    pub(super) fn old_note(&mut self, node: &Node) {
        let Some(Node {
            kind: NodeKind::Text(first),
            ..
        }) = node.children.first()
        else {
            return;
        };
        if !(first.starts_with("(*") || first.starts_with('*')) || first.starts_with("*출처") {
            return;
        }
        let text = self.source_text();
        let (start, end) = (node.range.start, text_end(text, node.range.clone()));
        let written = &text[start..end];
        let Some(note) = note_parts(written) else {
            return;
        };
        let fixed = note.rewrite();
        let span = self.files.span(self.file, start, end);
        let edit = self.edit(start, end, fixed);
        let d = Diagnostic::warning(span, "an editor's note written as text")
            .with_label("this prints as a paragraph")
            .with_hint("write an editor's note as a block quote: `> 용어 편집자 주: 설명`");
        self.diags.push(if note.certain {
            d.with_fix("make it an editor's note", vec![edit])
        } else {
            d.with_suggestion("make it an editor's note", vec![edit])
        });
    }

    /// Sources written `*출처: 1. …` (or `출처: 1. …`), the numbered items
    /// running on in the paragraph or in a list after it: rewritten to
    /// `출처:` on a line of its own, the items under it, no blank lines
    /// between. `*출처: …` with one source loses the `*`.
    pub(super) fn old_sources(&mut self, node: &Node, next: Option<&Node>) {
        let Some(Node {
            kind: NodeKind::Text(first),
            ..
        }) = node.children.first()
        else {
            return;
        };
        let text = self.source_text();
        let start = node.range.start;
        let head = &text[start..];
        let star = ["\\*출처", "*출처", "※출처", "※ 출처"]
            .iter()
            .find(|p| head.starts_with(**p))
            .map_or(0, |p| p.len() - "출처".len());
        let after = &head[star..];
        if !first
            .trim_start_matches(['*', '※', ' '])
            .starts_with("출처")
            || !after.starts_with("출처")
        {
            return;
        }
        let colon = match after["출처".len()..].find(':') {
            Some(i @ 0..=1) => "출처".len() + i,
            _ => return,
        };
        let rest_at = colon + 1;
        let rest = &after[rest_at..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let numbered = rest[blanks..].starts_with("1.") || rest[blanks..].starts_with("1)");
        let mut edits = vec![];
        if numbered {
            let to = start + star + rest_at + blanks;
            edits.push(self.edit(start, to, "출처:\n"));
            let end = text_end(text, node.range.clone());
            if let Some(list) = next.filter(|n| continues_numbering(n, &text[start..end])) {
                edits.push(self.edit(end, list.range.start, "\n"));
            }
        } else if star > 0 {
            edits.push(self.edit(start, start + star, ""));
        } else {
            return;
        }
        let span = self.files.span(self.file, start, start + star + rest_at);
        let (label, what) = if numbered {
            (
                "the numbered sources run on in a paragraph",
                "put `출처:` on its own line, each source under it as `1. …`",
            )
        } else {
            (
                "the `*` before it is printed",
                "write `출처: …` without the `*`: it is generated",
            )
        };
        self.diags.push(
            Diagnostic::warning(span, "sources written as text")
                .with_label(label)
                .with_hint(what)
                .with_fix("write the format's source list", edits),
        );
    }
}

/// A typed caption number at the start of a text: its length with the
/// blanks after it, and the caption word (`사진` or `표`).
fn numbered_caption(text: &str) -> Option<(usize, &'static str)> {
    let (open, rest) = match text.chars().next()? {
        c @ ('<' | '[' | '〈' | '(') => (Some(c), &text[c.len_utf8()..]),
        _ => (None, text),
    };
    let label = ["사진", "표", "그림"]
        .into_iter()
        .find(|l| rest.starts_with(l))?;
    let rest = &rest[label.len()..];
    let number = rest.trim_start_matches(' ');
    let digits = number.chars().take_while(char::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let after = number[digits..].trim_start_matches(' ');
    let close = match open {
        Some('<') => '>',
        Some('[') => ']',
        Some('〈') => '〉',
        Some(_) => ')',
        None => *[')', '.'].iter().find(|c| after.starts_with(**c))?,
    };
    let after = after.strip_prefix(close)?;
    let len = text.len() - after.trim_start_matches(' ').len();
    let word = if label == "표" { "표" } else { "사진" };
    Some((len, word))
}

/// The end of a node's text in the file: without the line end and blank
/// lines that close it.
fn text_end(text: &str, range: std::ops::Range<usize>) -> usize {
    range.start + text[range].trim_end().len()
}

/// Whether `node` is a numbered list that goes on from the last `N.` line
/// of `paragraph`.
fn continues_numbering(node: &Node, paragraph: &str) -> bool {
    let NodeKind::List(Some(start)) = node.kind else {
        return false;
    };
    let last = paragraph.lines().rev().find_map(|l| {
        let l = l.trim_start_matches(['*', '\\', '※', ' ']);
        let l = l.strip_prefix("출처:").unwrap_or(l).trim_start();
        let digits = l.chars().take_while(char::is_ascii_digit).count();
        (digits > 0 && l[digits..].starts_with(['.', ')'])).then(|| l[..digits].parse().ok())?
    });
    last.is_some_and(|n: u64| n + 1 == start)
}

/// A note written the old way, taken apart.
struct OldNote<'a> {
    term: &'a str,
    body: &'a str,
    /// It says `편집자 주`, so it is one.
    certain: bool,
}

impl OldNote<'_> {
    fn rewrite(&self) -> String {
        let body = self.body.replace('\n', "\n> ");
        match self.term.is_empty() {
            true => format!("> 편집자 주: {body}"),
            false => format!("> {} 편집자 주: {body}", self.term),
        }
    }
}

/// The term and explanation of `(*용어 편집자 주: 설명)`, `(*용어: 설명
/// -편집자 주)`, `*용어 편집자 주: 설명` or `*용어: 설명` (not certain).
fn note_parts(written: &str) -> Option<OldNote<'_>> {
    let (inner, parens) = match written.strip_prefix('(') {
        Some(rest) => (rest.strip_suffix(')')?, true),
        None => (written, false),
    };
    let inner = inner
        .strip_prefix("\\*")
        .or_else(|| inner.strip_prefix('*'))?
        .trim_start();
    // `용어 편집자 주: 설명`
    for words in NOTE_WORDS {
        if let Some(at) = inner.find(&format!("{words}:")) {
            let term = inner[..at].trim();
            let body = inner[at + words.len() + 1..].trim();
            if term.contains('\n') || body.is_empty() {
                return None;
            }
            return Some(OldNote {
                term,
                body,
                certain: true,
            });
        }
    }
    // `용어: 설명 -편집자 주`, or `용어: 설명` alone.
    let (inner, certain) = match NOTE_WORDS.iter().find_map(|w| inner.strip_suffix(w)) {
        Some(rest) => (rest.trim_end().trim_end_matches(['-', '—', '–', '/']), true),
        None => (inner, parens),
    };
    let colon = inner.find(':')?;
    let term = inner[..colon].trim();
    let body = inner[colon + 1..].trim();
    if term.is_empty() || term.chars().count() > 30 || term.contains('\n') || body.is_empty() {
        return None;
    }
    Some(OldNote {
        term,
        body,
        certain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_with_typed_numbers() {
        assert_eq!(
            numbered_caption("사진 1) 출처: X"),
            Some(("사진 1) ".len(), "사진"))
        );
        assert_eq!(
            numbered_caption("표 12) 출처"),
            Some(("표 12) ".len(), "표"))
        );
        assert_eq!(
            numbered_caption("<표 1> 제목"),
            Some(("<표 1> ".len(), "표"))
        );
        assert_eq!(
            numbered_caption("[사진2] 전경"),
            Some(("[사진2] ".len(), "사진"))
        );
        assert_eq!(
            numbered_caption("사진 1.출처"),
            Some(("사진 1.".len(), "사진"))
        );
        assert_eq!(numbered_caption("표: 출처"), None);
        assert_eq!(numbered_caption("표 2023년"), None);
        assert_eq!(numbered_caption("사진작가 1) 명"), None);
    }

    #[test]
    fn old_notes_are_taken_apart() {
        let n = note_parts("(*제 5 자유운수권 편집자 주: 권리를 말한다.)").unwrap();
        assert_eq!(n.rewrite(), "> 제 5 자유운수권 편집자 주: 권리를 말한다.");
        assert!(n.certain);
        let n = note_parts("(\\*롱테일 효과: 현상이다. -편집자 주)").unwrap();
        assert_eq!(n.rewrite(), "> 롱테일 효과 편집자 주: 현상이다.");
        let n = note_parts("*CTP: Cell to Pack.").unwrap();
        assert_eq!(n.rewrite(), "> CTP 편집자 주: Cell to Pack.");
        assert!(!n.certain);
        assert!(note_parts("*강조한 문장이다.").is_none());
        assert!(note_parts("(*괄호 안의 설명이다)").is_none());
    }
}
