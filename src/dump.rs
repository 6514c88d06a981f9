//! `kicweekly dump`: an issue's typed model, printed.
//!
//! Two forms of the same [`Issue`]: an outline for people (one line per
//! part, article and block, indented as they nest, each with its source
//! line, long text cut short) and, with `--json`, the whole model as JSON
//! for tools (every field, every span).

use std::fmt::Write;

use crate::diag::{SourceFiles, display_path};
use crate::model::{Block, BlockKind, Figure, Inline, Issue, List, ListStyle, Table, plain_text};

/// Text longer than this many characters is cut in the outline.
const MAX_TEXT_CHARS: usize = 60;

/// The whole model as pretty-printed JSON, with `files`: the table of
/// the files its spans' `file` numbers refer to (`{"id": 1, "path":
/// "issues/312/issue.md"}`), so a tool can open the source of any node.
pub fn json(issue: &Issue, files: &SourceFiles) -> serde_json::Result<String> {
    let mut value = serde_json::to_value(issue)?;
    let table: Vec<serde_json::Value> = files
        .iter()
        .map(|(id, f)| serde_json::json!({"id": id.0, "path": display_path(&f.path)}))
        .collect();
    if let Some(map) = value.as_object_mut() {
        map.insert("files".into(), table.into());
    }
    serde_json::to_string_pretty(&value)
}

/// The model as an indented outline, one line per node, each starting with
/// the line of the source it came from:
///
/// ```text
///    1  issue 312, 2023.01.18, 주간 창업
///   30  part WEEKLY 뉴스
///   32    article 1 【시장분석】 글로벌 …
///   34      source 신경보(新京报)
///   36      paragraph 본문 …
/// ```
pub fn outline(issue: &Issue) -> String {
    let mut out = Outline::default();
    let f = &issue.front;
    out.line(
        f.span.line,
        0,
        format!("issue {}, {}, {}", f.number, f.date, f.title),
    );
    for part in &issue.parts {
        out.line(part.span.line, 1, format!("part {}", part.name));
        for a in &part.articles {
            let category = a
                .category
                .as_ref()
                .map(|c| format!("【{c}】 "))
                .unwrap_or_default();
            let title = short(&plain_text(&a.title));
            out.line(
                a.span.line,
                2,
                format!("article {} {category}{title}", a.number),
            );
            if let Some(source) = &a.source {
                let line = source.first().map_or(a.span.line, |i| i.span().line);
                out.line(line, 3, format!("source {}", short(&plain_text(source))));
            }
            for b in &a.blocks {
                out.block(b, 3);
            }
        }
    }
    out.text
}

#[derive(Default)]
struct Outline {
    text: String,
}

impl Outline {
    fn line(&mut self, source_line: u32, depth: usize, what: String) {
        let indent = "  ".repeat(depth);
        let _ = writeln!(self.text, "{source_line:>5}  {indent}{what}");
    }

    /// One line for the block, and its items one level deeper.
    fn block(&mut self, b: &Block, depth: usize) {
        let at = b.span.line;
        match &b.kind {
            BlockKind::Subhead { level, content } => {
                self.line(at, depth, format!("subhead {level} {}", inlines(content)));
            }
            BlockKind::Paragraph { content } => {
                self.line(at, depth, format!("paragraph {}", inlines(content)));
            }
            BlockKind::Attribution { content } => {
                self.line(at, depth, format!("attribution {}", inlines(content)));
            }
            BlockKind::List(list) => self.list(list, at, depth),
            BlockKind::Figure(f) => self.line(at, depth, figure(f)),
            BlockKind::Table(t) => self.line(at, depth, table(t)),
            BlockKind::EditorNote { paragraphs } => {
                self.line(at, depth, "editor's note".to_string());
                for p in paragraphs {
                    let line = p.first().map_or(at, |i| i.span().line);
                    self.line(line, depth + 1, format!("paragraph {}", inlines(p)));
                }
            }
            BlockKind::Sources { items, numbered } => {
                self.line(at, depth, "sources".to_string());
                for (i, item) in items.iter().enumerate() {
                    let line = item.first().map_or(at, |i| i.span().line);
                    let marker = if *numbered {
                        format!("{}. ", i + 1)
                    } else {
                        String::new()
                    };
                    self.line(line, depth + 1, format!("{marker}{}", inlines(item)));
                }
            }
        }
    }

    /// A list and its items; an item that is one paragraph is one line.
    fn list(&mut self, list: &List, at: u32, depth: usize) {
        let style = match list.style {
            ListStyle::Bullet => "bullet",
            ListStyle::Numbered => "numbered",
            ListStyle::Circled => "circled",
        };
        let n = list.items.len();
        let items = if n == 1 { "item" } else { "items" };
        self.line(at, depth, format!("list {style}, {n} {items}"));
        for item in &list.items {
            if let [
                Block {
                    kind: BlockKind::Paragraph { content },
                    ..
                },
            ] = item.blocks.as_slice()
            {
                let text = inlines(content);
                self.line(item.span.line, depth + 1, format!("item {text}"));
                continue;
            }
            self.line(item.span.line, depth + 1, "item".to_string());
            for b in &item.blocks {
                self.block(b, depth + 2);
            }
        }
    }
}

/// `figure 사진 1) [images/x.jpg] caption`.
fn figure(f: &Figure) -> String {
    let image = f
        .image
        .as_ref()
        .map(|i| format!(" [{}]", i.path))
        .unwrap_or_default();
    let (label, n) = (f.kind.label(), f.number);
    format!("figure {label} {n}){image} {}", inlines(&f.caption))
}

/// `table 3 columns, 5 rows, 표 1) caption`.
fn table(t: &Table) -> String {
    let columns = t.header.len().max(t.align.len());
    let rows = t.rows.len();
    let caption = t
        .caption
        .as_ref()
        .map(|(n, c)| format!(", 표 {n}) {}", inlines(c)))
        .unwrap_or_default();
    format!("table {columns} columns, {rows} rows{caption}")
}

fn inlines(content: &[Inline]) -> String {
    short(&plain_text(content))
}

/// `text` on one line (line breaks as ` / `), cut after
/// [`MAX_TEXT_CHARS`] characters with `…`.
fn short(text: &str) -> String {
    let one_line = text.trim().replace('\n', " / ");
    match one_line.char_indices().nth(MAX_TEXT_CHARS) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let long = "가".repeat(100);
        let cut = short(&long);
        assert_eq!(cut.chars().count(), 61);
        assert!(cut.ends_with('…'));
        assert_eq!(short("  첫 줄\n둘  "), "첫 줄 / 둘");
    }
}
