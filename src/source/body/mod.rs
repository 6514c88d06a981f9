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
mod lists;
mod parts;
mod tables;

use crate::diag::{Diagnostic, Diagnostics, FileId, SourceFiles, Span};
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
        self.error(span, format!("{what} is not supported{ctx}"))
            .label("not allowed in an issue")
            .hint(hint);
    }
}
