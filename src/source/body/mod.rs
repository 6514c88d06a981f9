//! The Markdown body read into parts, articles and blocks.
//!
//! Works on the node tree from `tree.rs`, top-level nodes in order: level-1
//! headings open parts (checked against the template), level-2 headings open
//! articles, everything else belongs to the open article. Conventions of the
//! format (docs/format.md) are recognised here and nowhere else: the `—`
//! source line, `사진:`/`표:` captions, `출처:` source lists, block quotes as
//! editor's notes. Every problem is collected; the caller gets them all.
//!
//! One [`BodyParser`] does the reading; its methods sit with what they
//! read: `parts` the top level (parts, articles, their headings), `blocks`
//! an article's blocks (paragraphs, figures, sources, notes), `lists` and
//! `tables` those, `inlines` the text inside them.

mod blocks;
mod inlines;
mod links;
mod lists;
mod parts;
mod raw;
mod raw_blocks;
mod tables;
mod text;

use crate::diag::{Diagnostic, Diagnostics, Edit, FileId, SourceFiles, Span};
use crate::model::Block;
use crate::template::Template;

use super::tree::{Node, NodeKind};

pub struct BodyParser<'a> {
    files: &'a SourceFiles,
    file: FileId,
    template: &'a Template,
    pub diags: Diagnostics,
    /// Reading a heading's text, where a line separator is a space.
    in_heading: bool,
    /// Reading a link's text, where an address is no link of its own.
    in_link: bool,
    /// The issue's title and the back cover's, which start a typed cover
    /// or back cover when raw copy brings one.
    pub furniture_titles: Vec<String>,
}

/// Per-article counters for generated numbers.
#[derive(Default)]
struct Numbers {
    photos: u32,
    tables: u32,
}

/// A converted block, if it is valid, and whether the node after it was
/// used with it (a table's caption, a source list).
type Converted = (Option<Block>, bool);

impl<'a> BodyParser<'a> {
    pub fn new(files: &'a SourceFiles, file: FileId, template: &'a Template) -> Self {
        BodyParser {
            files,
            file,
            template,
            diags: Diagnostics::default(),
            in_heading: false,
            in_link: false,
            furniture_titles: vec![],
        }
    }

    fn span(&self, node: &Node) -> Span {
        self.files.span(self.file, node.range.start, node.range.end)
    }

    /// The span of a heading's text, without the `#` marks.
    fn heading_text_span(&self, node: &Node) -> Span {
        match (node.children.first(), node.children.last()) {
            (Some(a), Some(b)) => self.files.span(self.file, a.range.start, b.range.end),
            _ => self.span(node),
        }
    }

    fn error(&mut self, span: Span, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(span, msg));
        self.diags.0.last_mut().expect("just pushed")
    }

    fn unsupported(&mut self, node: &Node, context: &str) {
        let span = self.span(node);
        let what = match node.kind {
            NodeKind::Unsupported(w) => w,
            NodeKind::IndentedCode => "a code block",
            NodeKind::BlockQuote => "a block quote",
            NodeKind::Table(_) => "a table",
            NodeKind::Heading(_) => "a heading",
            NodeKind::List(_) => "a list",
            _ => "this construct",
        };
        let hint = match what {
            "raw HTML" => "use Markdown instead: **bold** for <b>, a line ending in `\\` for <br>",
            "a horizontal rule" => "remove it: parts and articles are separated automatically",
            "an underlined heading" => {
                "a `---` or `===` line right under text makes it a heading: write headings \
                 with `#`, and leave out horizontal rules"
            }
            "inline code" | "a code block" => "write it as plain text",
            "a footnote" | "a footnote reference" => {
                "use an editor's note (`> term 편집자 주: …`) and mark the place with `\\*`"
            }
            _ => "see docs/format.md for what an article may contain",
        };
        let ctx = if context.is_empty() {
            String::new()
        } else {
            format!(" {context}")
        };
        let fix = self.unsupported_fix(node, what);
        let (label, hint) = match what {
            "a code block" => self.code_block_cause(node),
            _ => ("not allowed in an issue".to_string(), hint.to_string()),
        };
        let d = self
            .error(span, format!("{what} is not supported{ctx}"))
            .label(label)
            .hint(hint);
        if let Some((certain, message, edit)) = fix {
            match certain {
                true => d.fix(message, vec![edit]),
                false => d.suggest(message, vec![edit]),
            };
        }
    }

    /// What made a code block, for its error: the fence that opened it, or
    /// the tab or spaces that indent its first line (Markdown reads a line
    /// indented by a tab or four spaces as code).
    fn code_block_cause(&self, node: &Node) -> (String, String) {
        let text = &self.files.get(self.file).text;
        let start = node.range.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start
            ..text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i)];
        let content = line.trim_start_matches([' ', '\t']);
        if let Some(fence) = ["```", "~~~"].into_iter().find(|f| content.starts_with(f)) {
            return (
                format!("the fence {fence} on this line starts a code block"),
                format!(
                    "delete the {fence} line here and the one that closes the block, and write the text as paragraphs"
                ),
            );
        }
        let indent = &line[..line.len() - content.len()];
        let tabs = indent.matches('\t').count();
        let spaces = indent.matches(' ').count();
        let cause = match (tabs, spaces) {
            (0, n) => format!("{n} spaces"),
            (1, 0) => "a tab".to_string(),
            (t, 0) => format!("{t} tabs"),
            (t, n) => format!("{t} tab(s) and {n} space(s)"),
        };
        (
            format!("this line is indented by {cause}, which Markdown reads as code"),
            "start the line at the left edge (or indent it by two or three spaces at most \
             under a list item)"
                .to_string(),
        )
    }

    /// The fix for what is not supported, when there is one: a rule goes
    /// (the text around it stays apart); `<Forbes>` on a line of its own
    /// is text; `<Time>`, an HTML name written like a title, may be.
    fn unsupported_fix(&self, node: &Node, what: &str) -> Option<(bool, &'static str, Edit)> {
        let text = &self.files.get(self.file).text;
        let start = node.range.start;
        let line = &text[start..text[start..].find('\n').map_or(text.len(), |i| start + i)];
        let edit = |end: usize, with: &str| Edit {
            span: self.files.span(self.file, start, end),
            with: with.to_string(),
        };
        match what {
            "a horizontal rule" => Some((true, "remove the rule", edit(start + line.len(), ""))),
            "raw HTML" if line.starts_with('<') => {
                let tag = &line[..line.find('>').map_or(line.len(), |i| i + 1)];
                let titled = tag[1..].starts_with(|c: char| c.is_ascii_uppercase());
                match super::tree::is_html(tag) {
                    false => Some((true, "escape the `<`: it is text", edit(start, "\\"))),
                    true if titled => {
                        Some((false, "if it is a title, escape the `<`", edit(start, "\\")))
                    }
                    true => None,
                }
            }
            _ => None,
        }
    }
}
