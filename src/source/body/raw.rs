//! The headings raw copy arrives with, recognised where they stand and
//! reported with the rewrite into the format (`kicweekly fix` applies
//! it): a source at the end of a title, a typed number on a title,
//! heading levels that do not say what a heading is, and a typed cover,
//! contents page or back cover. Its paragraphs are `raw_blocks.rs`'s.
//!
//! Each check reads the file's own text at a node (the rewrite must be
//! exact), and proposes a machine-applicable fix only when the form can
//! mean one thing; what it cannot be sure of gets a suggestion a person
//! applies.

use crate::diag::{Diagnostic, Edit};

use super::{BodyParser, Node, NodeKind};

/// Dashes that set a source off at the end of a title (with blanks
/// around them): the em dash and the horizontal bar Korean text uses.
const TITLE_DASHES: [char; 2] = ['—', '―'];

impl BodyParser<'_> {
    pub(super) fn source_text(&self) -> &str {
        &self.files.get(self.file).text
    }

    pub(super) fn edit(&self, start: usize, end: usize, with: impl Into<String>) -> Edit {
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
}

/// A page the template makes that raw copy brings typed out.
#[derive(Clone, Copy)]
pub(super) enum Furniture {
    Cover,
    Contents,
    BackCover,
}

/// Headings of a typed contents page.
const CONTENTS_WORDS: [&str; 5] = ["목록", "목차", "차례", "contents", "table of contents"];

impl BodyParser<'_> {
    /// A level-1 heading that starts a typed cover (the title,
    /// before the first part), contents page (`목록`, `목차`) or back cover
    /// (the back cover's title, after the last part).
    pub(super) fn furniture_kind(
        &self,
        node: &Node,
        parts_seen: usize,
        names: &[&str],
    ) -> Option<Furniture> {
        let (_, written) = self.heading_source(node)?;
        let written = written.trim();
        if CONTENTS_WORDS
            .iter()
            .any(|w| written.eq_ignore_ascii_case(w))
        {
            return Some(Furniture::Contents);
        }
        let titled = self
            .furniture_titles
            .iter()
            .any(|t| squeeze(t) == squeeze(written));
        match (titled, parts_seen, names.len()) {
            (true, 0, _) => Some(Furniture::Cover),
            (true, seen, n) if seen >= n => Some(Furniture::BackCover),
            _ => None,
        }
    }

    /// Reports a typed cover, contents page or back cover, from its
    /// heading to `end`, with its deletion as a suggestion: what is in it
    /// may have to go into the front matter first.
    pub(super) fn furniture(&mut self, node: &Node, kind: Furniture, end: usize) {
        let Some((line_start, _, at, text_end)) = self.heading_line(node) else {
            return;
        };
        let written = self.source_text()[at..text_end].to_string();
        let file = self.files.get(self.file);
        let (first, last) = (
            file.line_col(line_start).0,
            file.line_col(end.saturating_sub(1)).0,
        );
        let (what, made) = match kind {
            Furniture::Cover => (
                "a typed cover",
                "the cover is printed from the front matter (title, number, date, publisher)",
            ),
            Furniture::Contents => (
                "a typed contents page",
                "the contents are made from the articles, with their page numbers",
            ),
            Furniture::BackCover => (
                "a typed back cover",
                "the back cover is printed from the front matter (back_cover, publisher)",
            ),
        };
        let span = self.files.span(self.file, at, text_end);
        let edit = self.edit(line_start, end, "");
        let hint = match kind {
            Furniture::Contents => format!("delete lines {first}–{last}"),
            _ => format!(
                "delete lines {first}–{last}, once the front matter has everything they say"
            ),
        };
        self.diags.push(
            Diagnostic::error(span, format!("`# {written}` starts {what}"))
                .with_label(made)
                .with_hint(hint)
                .with_suggestion(format!("delete lines {first}–{last}"), vec![edit]),
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
}
