//! An article's blocks: sub-heads, paragraphs and what a paragraph may
//! be by convention (a figure with its `사진:`/`표:` caption, the `출처:`
//! sources, an attribution line under a sub-head), editor's notes; lists
//! and tables are read in their own files.

use crate::diag::Edit;
use crate::model::{Block, BlockKind, Figure, FigureKind, Image, Inline};

use super::inlines::{node_plain, strip_prefix_inline};
use super::{BodyParser, Converted, Node, NodeKind, Numbers};

impl BodyParser<'_> {
    /// Converts one block of an article: the block, if valid, and whether
    /// `next` was used with it (a table's caption, a source list).
    pub(super) fn block(
        &mut self,
        node: &Node,
        next: Option<&Node>,
        numbers: &mut Numbers,
        after_subhead: bool,
    ) -> Converted {
        let span = self.span(node);
        let kind = match &node.kind {
            NodeKind::Heading(level @ 3..=5) => BlockKind::Subhead {
                level: level - 2,
                content: super::inlines::label_space(self.heading_inlines(&node.children)),
            },
            NodeKind::Heading(level) => {
                let span = self.span(node);
                let marks = self.heading_line(node).map(|(start, end, _, _)| Edit {
                    span: self.files.span(self.file, start, end),
                    with: "#####".into(),
                });
                let d = self
                    .error(span, format!("level-{level} heading is too deep"))
                    .label("sub-heads go down to level 5 (`#####`)")
                    .hint("use `###` for 1) sub-heads, `####` for ①, `#####` below");
                if let Some(edit) = marks {
                    d.suggest("make it level 5", vec![edit]);
                }
                return (None, false);
            }
            NodeKind::Paragraph => return self.paragraph(node, next, numbers, after_subhead),
            NodeKind::List(_) => BlockKind::List(self.list(node)),
            NodeKind::BlockQuote => self.editor_note(node),
            NodeKind::Table(_) => return self.table_block(node, next, numbers),
            _ => {
                self.unsupported(node, "");
                return (None, false);
            }
        };
        (Some(Block { kind, span }), false)
    }

    /// A block quote: an editor's note, one paragraph per paragraph.
    fn editor_note(&mut self, node: &Node) -> BlockKind {
        let mut paragraphs = vec![];
        for child in &node.children {
            match child.kind {
                NodeKind::Paragraph => paragraphs.push(self.inlines(&child.children)),
                _ => self.unsupported(child, "inside an editor's note"),
            }
        }
        BlockKind::EditorNote { paragraphs }
    }

    /// A paragraph: a figure, a source list, an attribution line under a
    /// sub-head, or a plain paragraph, in that order.
    fn paragraph(
        &mut self,
        node: &Node,
        next: Option<&Node>,
        numbers: &mut Numbers,
        after_subhead: bool,
    ) -> Converted {
        if let Some(figure) = self.figure(node, numbers) {
            return (figure, false);
        }
        self.old_note(node);
        self.old_sources(node, next);
        if let Some(sources) = self.sources(node, next) {
            return sources;
        }
        let span = self.span(node);
        if after_subhead && let Some(content) = self.dash_line(node) {
            return (
                Some(Block {
                    kind: BlockKind::Attribution { content },
                    span,
                }),
                false,
            );
        }
        let content = self.inlines(&node.children);
        (
            Some(Block {
                kind: BlockKind::Paragraph { content },
                span,
            }),
            false,
        )
    }

    /// A figure: an optional image, a line break, then a `사진:` or `표:`
    /// caption. `None` if the paragraph is no figure; `Some(None)` for an
    /// image without a caption (reported).
    fn figure(&mut self, node: &Node, numbers: &mut Numbers) -> Option<Option<Block>> {
        let span = self.span(node);
        let (image, rest) = match node.children.first() {
            Some(Node {
                kind: NodeKind::Image(_),
                ..
            }) => {
                let img = self.image(&node.children[0]);
                let rest_start = node.children[1..]
                    .iter()
                    .position(|n| !matches!(n.kind, NodeKind::SoftBreak | NodeKind::HardBreak))
                    .map_or(node.children.len(), |p| p + 1);
                (img, &node.children[rest_start..])
            }
            _ => (None, &node.children[..]),
        };
        for (prefix, kind) in [("사진:", FigureKind::Photo), ("표:", FigureKind::Table)] {
            if let Some(caption) = self.caption_of(rest, prefix) {
                let number = match kind {
                    FigureKind::Photo => {
                        numbers.photos += 1;
                        numbers.photos
                    }
                    FigureKind::Table => {
                        numbers.tables += 1;
                        numbers.tables
                    }
                };
                let fig = Figure {
                    kind,
                    number,
                    image,
                    caption,
                };
                return Some(Some(Block {
                    kind: BlockKind::Figure(fig),
                    span,
                }));
            }
        }
        if let Some(first) = rest.first() {
            self.caption_number(first);
        }
        if let Some(img) = &node
            .children
            .first()
            .filter(|n| matches!(n.kind, NodeKind::Image(_)))
        {
            let s = self.span(img);
            self.error(s, "a picture needs a caption")
                .label("no `사진:` or `표:` line follows this image")
                .hint("put `사진: 출처: …` on the line right under the image");
            return Some(None);
        }
        None
    }

    /// The article's sources: `출처:` with the sources after it, or alone
    /// with a numbered list of them next (then used). `None` if the
    /// paragraph does not start with `출처:`.
    fn sources(&mut self, node: &Node, next: Option<&Node>) -> Option<Converted> {
        let span = self.span(node);
        let plain = node_plain(node);
        let rest_text = plain.trim().strip_prefix("출처:")?;
        if !rest_text.trim().is_empty() {
            let mut content = self.inlines(&node.children);
            strip_prefix_inline(&mut content, "출처:");
            let kind = BlockKind::Sources {
                items: vec![content],
                numbered: false,
            };
            return Some((Some(Block { kind, span }), false));
        }
        if let Some(
            list @ Node {
                kind: NodeKind::List(Some(_)),
                ..
            },
        ) = next
        {
            let items = self.source_list(list);
            let span = span.to(self.span(list));
            let kind = BlockKind::Sources {
                items,
                numbered: true,
            };
            return Some((Some(Block { kind, span }), true));
        }
        self.error(span, "`출처:` without sources")
            .label("a numbered list of sources should follow")
            .hint("write the sources as `1. …` lines right under `출처:`");
        Some((None, false))
    }

    /// Each item of a source list as one run of inlines, its paragraphs
    /// run together.
    fn source_list(&mut self, list: &Node) -> Vec<Vec<Inline>> {
        list.children
            .iter()
            .map(|item| {
                let inl: Vec<&Node> = item
                    .children
                    .iter()
                    .flat_map(|c| {
                        if c.kind == NodeKind::Paragraph {
                            c.children.iter().collect::<Vec<_>>()
                        } else {
                            vec![c]
                        }
                    })
                    .collect();
                self.inline_refs(&inl)
            })
            .collect()
    }

    /// The caption of a paragraph node that starts with `prefix`.
    pub(super) fn caption_prefix(&mut self, node: &Node, prefix: &str) -> Option<Vec<Inline>> {
        if node.kind != NodeKind::Paragraph {
            return None;
        }
        self.caption_of(&node.children, prefix)
    }

    pub(super) fn caption_of(&mut self, nodes: &[Node], prefix: &str) -> Option<Vec<Inline>> {
        let NodeKind::Text(t) = &nodes.first()?.kind else {
            return None;
        };
        if !t.starts_with(prefix) {
            return None;
        }
        let mut content = self.inlines(nodes);
        strip_prefix_inline(&mut content, prefix);
        if crate::model::plain_text(&content).trim().is_empty() {
            let span = self
                .files
                .span(self.file, nodes[0].range.start, nodes[0].range.end);
            self.error(span, format!("`{prefix}` without a caption"))
                .label("the caption is empty")
                .hint(format!(
                    "write where the picture comes from after `{prefix}`, e.g. `{prefix} 출처: …`"
                ));
        }
        Some(content)
    }

    fn image(&mut self, node: &Node) -> Option<Image> {
        let NodeKind::Image(url) = &node.kind else {
            return None;
        };
        let span = self.span(node);
        let alt = crate::model::plain_text(&self.link_text(&node.children));
        let bad = url.is_empty()
            || url.contains("://")
            || url.starts_with('/')
            || url.contains('\\')
            || url.split('/').any(|c| c == ".." || c == ".")
            || !url.starts_with("images/");
        if bad {
            self.error(
                span,
                format!("image `{url}` is not in the issue's images/ folder"),
            )
            .label("images are given as `images/<file>`")
            .hint("copy the picture into issues/<number>/images/ and write `images/<file>`");
            return None;
        }
        let lower = url.to_ascii_lowercase();
        let known = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".svgz"];
        if !known.iter().any(|ext| lower.ends_with(ext)) {
            self.error(
                span,
                format!("image `{url}` is not a PNG, JPEG, GIF, WebP or SVG picture"),
            )
            .hint("convert the picture to one of those (a photo to JPEG, a drawing to PNG or SVG)");
            return None;
        }
        Some(Image {
            path: url.clone(),
            alt,
            span,
            data: None,
        })
    }
}
