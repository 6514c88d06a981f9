//! Lists: bullet, numbered (`1.`) and circled (`1)`, printed ①) lists,
//! nested, each item a run of paragraphs and lists.

use crate::model::{Block, BlockKind, List, ListItem, ListStyle};

use super::{BodyParser, Node, NodeKind};

impl BodyParser<'_> {
    pub(super) fn list(&mut self, node: &Node) -> List {
        let NodeKind::List(start) = node.kind else {
            unreachable!("called on lists")
        };
        let style = match start {
            None => ListStyle::Bullet,
            Some(_) => {
                let text = &self.files.get(self.file).text;
                let at = node.range.start.min(text.len());
                let marker = text[at..]
                    .trim_start()
                    .trim_start_matches(|c: char| c.is_ascii_digit());
                if marker.starts_with(')') {
                    ListStyle::Circled
                } else {
                    ListStyle::Numbered
                }
            }
        };
        let mut items = vec![];
        for item in &node.children {
            let span = self.span(item);
            let mut blocks = vec![];
            let mut pending: Vec<&Node> = vec![];
            for child in &item.children {
                if child.is_inline() {
                    pending.push(child);
                    continue;
                }
                self.flush_inline(&mut pending, &mut blocks);
                match child.kind {
                    NodeKind::Paragraph => {
                        let span = self.span(child);
                        let content = self.inlines(&child.children);
                        blocks.push(Block {
                            kind: BlockKind::Paragraph { content },
                            span,
                        });
                    }
                    NodeKind::List(_) => {
                        let span = self.span(child);
                        blocks.push(Block {
                            kind: BlockKind::List(self.list(child)),
                            span,
                        });
                    }
                    _ => self.unsupported(child, "inside a list"),
                }
            }
            self.flush_inline(&mut pending, &mut blocks);
            items.push(ListItem { blocks, span });
        }
        let start = start.unwrap_or(1).min(u32::MAX as u64) as u32;
        if style == ListStyle::Circled && start as usize + items.len() > 21 {
            let span = self.span(node);
            self.error(span, "circled lists go up to ⑳")
                .hint("use `1.` markers for longer lists");
        }
        List {
            style,
            start,
            items,
        }
    }

    fn flush_inline(&mut self, pending: &mut Vec<&Node>, blocks: &mut Vec<Block>) {
        if pending.is_empty() {
            return;
        }
        let span = self.files.span(
            self.file,
            pending[0].range.start,
            pending.last().expect("non-empty").range.end,
        );
        let content = self.inline_refs(pending);
        blocks.push(Block {
            kind: BlockKind::Paragraph { content },
            span,
        });
        pending.clear();
    }
}
