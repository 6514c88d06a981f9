//! Tables (GFM): alignment, header row, body rows, and the `표:` caption
//! that follows a table.

use crate::model::{Block, BlockKind, Cell, ColumnAlign, Table};

use super::{BodyParser, Converted, Node, NodeKind, Numbers};

impl BodyParser<'_> {
    /// A table block, with its `표:` caption: on the line right under the
    /// table (no blank line), which GFM reads as one more row, or in the
    /// paragraph after it (then `next` is used).
    pub(super) fn table_block(
        &mut self,
        node: &Node,
        next: Option<&Node>,
        numbers: &mut Numbers,
    ) -> Converted {
        let span = self.span(node);
        let lazy = node.children.last().filter(|row| self.is_caption_row(row));
        if lazy.is_none()
            && let Some(row) = node.children.last()
            && !self.files.get(self.file).text[row.range.clone()].contains('|')
            && let Some(first) = row.children.first().and_then(|cell| cell.children.first())
        {
            self.caption_number(first);
        }
        let mut table = self.table(node, lazy.is_some());
        let mut used = false;
        if let Some(row) = lazy {
            if let Some(cap) = self.caption_of(&row.children[0].children, "표:") {
                numbers.tables += 1;
                table.caption = Some((numbers.tables, cap));
            }
        } else if let Some(next) = next
            && let Some(cap) = self.caption_prefix(next, "표:")
        {
            numbers.tables += 1;
            table.caption = Some((numbers.tables, cap));
            used = true;
        }
        let span = match (used, next) {
            (true, Some(n)) => span.to(self.span(n)),
            _ => span,
        };
        (
            Some(Block {
                kind: BlockKind::Table(table),
                span,
            }),
            used,
        )
    }

    /// A table row that is a line without pipes starting with `표:`.
    fn is_caption_row(&self, row: &Node) -> bool {
        let text = &self.files.get(self.file).text;
        let first = row.children.first().and_then(|cell| cell.children.first());
        row.kind == NodeKind::TableRow
            && !text[row.range.clone()].contains('|')
            && matches!(first, Some(Node { kind: NodeKind::Text(t), .. }) if t.starts_with("표:"))
    }

    /// The table of `node`, without its last row if `skip_last`.
    fn table(&mut self, node: &Node, skip_last: bool) -> Table {
        let NodeKind::Table(al) = &node.kind else {
            unreachable!("called on tables")
        };
        let align = al
            .iter()
            .map(|a| match a {
                pulldown_cmark::Alignment::None => ColumnAlign::None,
                pulldown_cmark::Alignment::Left => ColumnAlign::Left,
                pulldown_cmark::Alignment::Center => ColumnAlign::Center,
                pulldown_cmark::Alignment::Right => ColumnAlign::Right,
            })
            .collect();
        let mut header = vec![];
        let mut rows = vec![];
        let keep = node.children.len() - usize::from(skip_last);
        for child in &node.children[..keep] {
            match child.kind {
                NodeKind::TableHead => header = self.cells(&child.children),
                NodeKind::TableRow => rows.push(self.cells(&child.children)),
                _ => {}
            }
        }
        Table {
            align,
            header,
            rows,
            caption: None,
        }
    }

    fn cells(&mut self, nodes: &[Node]) -> Vec<Cell> {
        let mut out = vec![];
        for n in nodes {
            match n.kind {
                NodeKind::TableCell => out.push(Cell {
                    content: self.inlines(&n.children),
                    span: self.span(n),
                }),
                NodeKind::TableRow => out.extend(self.cells(&n.children)),
                _ => {}
            }
        }
        out
    }
}
