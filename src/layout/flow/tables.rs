//! Tables in the flow: column widths from the cells' natural widths, one
//! unsplittable element per row, the header row repeated on a new page.

use crate::template::Color;

use super::super::collect::body::{TABLE_NATURAL, TableBox};
use super::super::collect::{Align, Measure};
use super::super::document::{Item, Structure};
use super::Piece;
use super::blocks::{Aside, Builder};

impl Builder<'_, '_, '_> {
    /// Column widths from content: natural widths, scaled to the column.
    fn column_widths(&mut self, table: &TableBox, pad: f32) -> Vec<f32> {
        let w = self.s.frame.col_w;
        let mut natural = vec![20.0f32; table.columns];
        for row in &table.rows {
            for (ci, cell) in row.cells.iter().enumerate() {
                let Some(id) = cell.natural else { continue };
                let m = Measure::new(TABLE_NATURAL, Align::Left);
                let nw = self.s.texts.natural_width(id, m) + 2.0 * pad;
                natural[ci] = natural[ci].max(nw.min(w));
            }
        }
        let total: f32 = natural.iter().sum();
        if total <= w {
            natural.iter().map(|n| n * w / total).collect()
        } else {
            // Give each column at least its share, the rest by natural width.
            let min = w / table.columns as f32 * 0.5;
            let rest = w - min * table.columns as f32;
            natural.iter().map(|n| min + rest * n / total).collect()
        }
    }

    pub(super) fn table(&mut self, table: &TableBox) {
        let t = self.s.template;
        let size = t.text.small_size_pt;
        let w = self.s.frame.col_w;
        let pad = t.body.table_padding_pt;
        let widths = self.column_widths(table, pad);
        let header_index = self.flow.len();
        for (ri, row) in table.rows.iter().enumerate() {
            let header = ri == 0;
            let mut pieces = Vec::new();
            let mut links = Vec::new();
            let mut cells_h = 0.0f32;
            let mut x = 0.0;
            let mut cell_pieces = Vec::new();
            for ((cell, cw), &align) in row.cells.iter().zip(&widths).zip(&table.align) {
                let Some(text) = cell.text else {
                    x += cw;
                    continue;
                };
                let inner = cw - 2.0 * pad;
                let set = self.s.set(text, inner, align);
                let lh = size * t.body.table_leading;
                for li in 0..set.lines.len() {
                    let node = Structure::Block(cell.node);
                    let top = pad + li as f32 * lh;
                    let (p, l) = self.s.line(&set, li, x + pad, top, lh, inner, align, node);
                    cell_pieces.push(p);
                    links.extend(l);
                }
                cells_h = cells_h.max(set.lines.len() as f32 * lh + 2.0 * pad);
                x += cw;
            }
            let rect = |y: f32, h: f32, color: Color| {
                Piece::Item(Item::Rect {
                    x: 0.0,
                    y,
                    w,
                    h,
                    color,
                })
            };
            if header {
                pieces.push(rect(0.0, cells_h, t.colors.note_background));
                pieces.push(rect(0.0, 0.8, t.colors.accent));
            }
            pieces.extend(cell_pieces);
            pieces.push(rect(cells_h - 0.4, 0.4, t.colors.rule));
            let f = self.push(cells_h, pieces, links);
            if header {
                f.keep_with_next = true;
            } else {
                f.repeat_header = Some(header_index);
            }
        }
        if let Some((text, node)) = table.caption {
            let caps = self.caption(text, node);
            if self.s.frame.side.is_some() {
                // Beside the table's last row.
                let aside = Aside::stack(caps);
                if let Some(e) = self.flow.last_mut() {
                    e.asides.push(aside);
                }
            } else {
                self.last_keep();
                self.gap(3.0);
                self.last_keep();
                self.flow.extend(caps);
            }
        }
        self.gap(self.body_lead() * 0.6);
    }
}
