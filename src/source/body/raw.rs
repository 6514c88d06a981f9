//! The forms raw copy arrives in, recognised where they stand and
//! reported with the rewrite into the format (`kicweekly fix` applies
//! it): a source at the end of a title, typed numbers on titles and
//! captions, heading levels that do not say what a heading is, notes
//! written `(*… 편집자 주: …)`, sources written `*출처: 1. …`.
//!
//! Each check reads the file's own text at a node (the rewrite must be
//! exact), and proposes a machine-applicable fix only when the form can
//! mean one thing; what it cannot be sure of gets a suggestion a person
//! applies.

use crate::diag::{Diagnostic, Edit};

use super::{BodyParser, Node, NodeKind};

/// `편집자 주` as the source text writes it, with or without the space.
const NOTE_WORDS: [&str; 2] = ["편집자 주", "편집자주"];

/// Dashes that set a source off at the end of a title (with blanks
/// around them): the em dash and the horizontal bar Korean text uses.
const TITLE_DASHES: [char; 2] = ['—', '―'];

impl BodyParser<'_> {
    fn source_text(&self) -> &str {
        &self.files.get(self.file).text
    }

    fn edit(&self, start: usize, end: usize, with: impl Into<String>) -> Edit {
        Edit {
            span: self.files.span(self.file, start, end),
            with: with.into(),
        }
    }

    /// An ATX heading's line in the file: (line start, end of the `#`
    /// marks, start of the text, end of the text on the line).
    pub(super) fn heading_line(&self, node: &Node) -> Option<(usize, usize, usize, usize)> {
        let text = self.source_text();
        let start = node.range.start;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[start..line_end];
        let marks = line.len() - line.trim_start_matches('#').len();
        if marks == 0 {
            return None;
        }
        let rest = &line[marks..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let end = start + line.trim_end().len();
        Some((start, start + marks, start + marks + blanks, end))
    }

    /// The heading's text as written on its line.
    fn heading_source(&self, node: &Node) -> Option<(usize, &str)> {
        let (_, _, text_start, end) = self.heading_line(node)?;
        Some((
            text_start,
            &self.source_text()[text_start..end.max(text_start)],
        ))
    }

    /// A heading whose text is a part's name, at a level other than 1:
    /// the name as the template writes it.
    pub(super) fn part_name_of<'n>(&self, node: &Node, names: &[&'n str]) -> Option<&'n str> {
        let (_, written) = self.heading_source(node)?;
        let key = squeeze(written);
        names.iter().copied().find(|n| squeeze(n) == key)
    }

    /// A part heading written at another level (`## WEEKLY 뉴스`), or with
    /// other spacing (`# WEEKLY뉴스`): read as the part, fixed to `# name`.
    pub(super) fn misleveled_part(&mut self, node: &Node, name: &str) {
        let Some((line_start, _, at, end)) = self.heading_line(node) else {
            return;
        };
        if node.kind == NodeKind::Heading(1) && self.source_text()[at..end] == *name {
            return;
        }
        let written = self.source_text()[line_start..end].to_string();
        let fixed = format!("# {name}");
        let span = self.files.span(self.file, line_start, end);
        let edit = self.edit(line_start, end, fixed.clone());
        self.diags.push(
            Diagnostic::warning(span, format!("`{written}` read as the part `{name}`"))
                .with_label("a part heading is level 1, written as the template names it")
                .with_hint(format!("write `{fixed}`"))
                .with_fix("make it a part heading", vec![edit]),
        );
    }

    /// A typed article number at the start of a title (`## 1. 제목`): one
    /// or two digits, a dot and a blank, so a year (`2023. 결산`) or a
    /// figure (`1.5배`) is left alone.
    pub(super) fn title_number(&mut self, node: &Node) {
        let Some((at, written)) = self.heading_source(node) else {
            return;
        };
        let Some(len) = typed_number(written) else {
            return;
        };
        let number = written[..len].trim_end().to_string();
        let span = self.files.span(self.file, at, at + len);
        let edit = self.edit(at, at + len, "");
        self.diags.push(
            Diagnostic::warning(span, "article titles are numbered automatically")
                .with_label("this looks like a typed number")
                .with_hint(format!("remove `{number} ` from the title"))
                .with_fix(format!("remove `{number}`"), vec![edit]),
        );
    }

    /// A heading below level 2 that can only be an article: the first
    /// heading under a part (a sub-head needs an article above it), or a
    /// numbered one with a category tag (`### 3. 【산업정책】 …`). Reported
    /// with the fix to `##`; the caller reads it as an article.
    pub(super) fn deep_article(&mut self, node: &Node, first_in_part: bool) -> bool {
        let NodeKind::Heading(level @ 3..) = node.kind else {
            return false;
        };
        let Some((line_start, marks_end, text_start, end)) = self.heading_line(node) else {
            return false;
        };
        let written = &self.source_text()[text_start..end.max(text_start)];
        let number = typed_number(written);
        let tagged = number.is_some_and(|n| written[n..].starts_with('【'));
        if !first_in_part && !tagged {
            // `### 3. 제목 — 출처`: an article, probably; a person decides.
            if let Some(n) = number
                && trailing_source(&written[n..]).is_some()
            {
                let span = self.files.span(self.file, line_start, end);
                let edit = self.edit(line_start, marks_end, "##");
                self.diags.push(
                    Diagnostic::warning(span, format!("level-{level} heading read as a sub-head"))
                        .with_label("numbered and with a source, it looks like an article title")
                        .with_hint("if it starts an article, write it at level 2: `## title`")
                        .with_suggestion("make it an article title (`##`)", vec![edit]),
                );
            }
            return false;
        }
        let why = if first_in_part {
            "the first heading under a part is an article"
        } else {
            "a numbered title with a category tag is an article"
        };
        let span = self.files.span(self.file, line_start, end);
        let edit = self.edit(line_start, marks_end, "##");
        self.diags.push(
            Diagnostic::warning(
                span,
                format!("level-{level} heading read as an article title"),
            )
            .with_label(why)
            .with_hint("article titles are level 2: write `## title`")
            .with_fix("make it an article title (`##`)", vec![edit]),
        );
        true
    }

    /// A level-2 heading labelled like a sub-head (`## 2) …`, `## ②…`):
    /// the sub-head level it belongs at (`###` for `1)`, `####` for `①`
    /// under a `1)` sub-head), reported with the fix; `None` if it is no
    /// such heading.
    pub(super) fn misleveled_subhead(&mut self, node: &Node, under_numbered: bool) -> Option<u8> {
        let (at, written) = self.heading_source(node)?;
        let level = match subhead_label(written)? {
            Label::Numbered => 3,
            Label::Circled if under_numbered => 4,
            Label::Circled => 3,
        };
        let (line_start, marks_end, _, end) = self.heading_line(node)?;
        let marks = "#".repeat(level);
        let span = self.files.span(self.file, at, end);
        let edit = self.edit(line_start, marks_end, marks.clone());
        self.diags.push(
            Diagnostic::warning(span, "a labelled heading at level 2 read as a sub-head")
                .with_label("article titles have no `1)` or `①` label")
                .with_hint(format!("write sub-heads with `{marks} `"))
                .with_fix(format!("make it a sub-head (`{marks}`)"), vec![edit]),
        );
        Some(level as u8)
    }

    /// A source after a dash at the end of an article's title
    /// (`## 제목 — 신경보(新京报)`) when no source line follows: moved to
    /// a line of its own under the title.
    pub(super) fn title_source(&mut self, node: &Node) {
        let Some((at, written)) = self.heading_source(node) else {
            return;
        };
        let Some((dash, source)) = trailing_source(written) else {
            return;
        };
        let (start, end) = (at + dash, at + written.len());
        let span = self.files.span(self.file, start, end);
        let edit = self.edit(start, end, format!("\n\n— {source}"));
        self.diags.push(
            Diagnostic::warning(span, "the article's source is on its title line")
                .with_label("read as part of the title")
                .with_hint(format!(
                    "put the source on its own line under the title: `— {source}`"
                ))
                .with_fix("move the source under the title", vec![edit]),
        );
    }

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

/// The length of a typed number at the start of a title: `1. `, `12. `
/// with the blanks after it.
fn typed_number(title: &str) -> Option<usize> {
    let digits = title.chars().take_while(char::is_ascii_digit).count();
    if !(1..=2).contains(&digits) || !title[digits..].starts_with(". ") {
        return None;
    }
    let rest = &title[digits + 1..];
    Some(digits + 1 + rest.len() - rest.trim_start().len())
}

enum Label {
    Numbered,
    Circled,
}

/// A sub-head label at the start of a heading: `1)` … `99)` or a circled
/// number ① … ⑳.
fn subhead_label(text: &str) -> Option<Label> {
    let c = text.chars().next()?;
    if ('①'..='⑳').contains(&c) {
        return Some(Label::Circled);
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    ((1..=2).contains(&digits) && text[digits..].starts_with(')')).then_some(Label::Numbered)
}

/// The source at the end of a title: the byte offset of the blanks before
/// the last spaced dash, and the text after it. Nothing after the dash,
/// nothing before it, or a bracket left open across it: no source.
fn trailing_source(title: &str) -> Option<(usize, &str)> {
    let (at, dash) = title
        .char_indices()
        .rfind(|(_, c)| TITLE_DASHES.contains(c))?;
    let before = &title[..at];
    let after = &title[at + dash.len_utf8()..];
    if !before.ends_with([' ', '\t']) || !after.starts_with([' ', '\t']) {
        return None;
    }
    let head = before.trim_end();
    let source = after.trim();
    let opened = |s: &str, o: char, c: char| s.matches(o).count() != s.matches(c).count();
    if head.is_empty() || source.is_empty() || opened(head, '(', ')') || opened(head, '【', '】')
    {
        return None;
    }
    Some((head.len(), source))
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

/// Text without blanks, for comparing names whatever their spacing.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_one_or_two_digits_a_dot_and_a_blank() {
        assert_eq!(typed_number("1. 제목"), Some(3));
        assert_eq!(typed_number("12.  제목"), Some(5));
        assert_eq!(typed_number("2023. 결산"), None);
        assert_eq!(typed_number("1.5배 성장"), None);
    }

    #[test]
    fn a_source_needs_a_spaced_dash_and_closed_brackets() {
        assert_eq!(
            trailing_source("글로벌 일류 공항 도시 — 신경보(新京报)"),
            Some(("글로벌 일류 공항 도시".len(), "신경보(新京报)"))
        );
        assert_eq!(trailing_source("전망—2022 보고서 발표"), None);
        assert_eq!(
            trailing_source("제목 ― 36Kr "),
            Some(("제목".len(), "36Kr"))
        );
        assert_eq!(trailing_source("BYD(比亞迪 — 배터리)"), None);
        assert_eq!(trailing_source(" — 출처"), None);
    }

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
