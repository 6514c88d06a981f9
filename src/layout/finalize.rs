//! Finalize, the last layout stage: flowed pages → the [`Document`] the
//! PDF writer draws. Each line of set text becomes runs of glyphs that
//! share a face and a style, carrying what the writer needs and nothing of
//! the text engine.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::Issue;
use crate::text::shape::ShapedPara;

use super::document::{Document, GlyphRun, Item, Page, RunGlyph, TextLine};
use super::flow::{Flowed, Piece};
use super::geometry::Frame;
use super::prepare::SetText;

/// The pages for the PDF writer, with the issue's metadata.
pub fn finalize(
    issue: &Issue,
    frame: Frame,
    flowed: Flowed,
    blocks: Vec<super::LogicalBlock>,
) -> Document {
    let mut texts = ParaTexts::default();
    let pages = flowed
        .pages
        .into_iter()
        .map(|p| Page {
            items: p
                .pieces
                .into_iter()
                .map(|piece| match piece {
                    Piece::Line {
                        x,
                        y,
                        set,
                        index,
                        node,
                    } => Item::Text(TextLine {
                        x,
                        y,
                        text: texts.get(&set.para),
                        runs: runs(&set, index),
                        node,
                    }),
                    Piece::Item(item) => item,
                })
                .collect(),
            links: p.links,
            folio: p.folio,
        })
        .collect();
    let f = &issue.front;
    Document {
        width: frame.page_w,
        height: frame.page_h,
        pages,
        outline: flowed.outline,
        blocks,
        title: format!("{} {} 편", f.title, f.number),
        author: format!("{} {}", f.publisher.name, f.publisher.organization),
        date: f.date,
        toc_passes: flowed.toc_passes,
        text_wall: Default::default(),
        shaping: Default::default(),
        breaking: Default::default(),
    }
}

/// Each paragraph's text once, however many lines show it.
#[derive(Default)]
struct ParaTexts(HashMap<*const ShapedPara, Arc<str>>);

impl ParaTexts {
    fn get(&mut self, para: &Arc<ShapedPara>) -> Arc<str> {
        self.0
            .entry(Arc::as_ptr(para))
            .or_insert_with(|| Arc::from(para.text.as_str()))
            .clone()
    }
}

/// Line `index` of `set` as runs: a new run wherever the face or the
/// style (size, colour, link) changes.
fn runs(set: &SetText, index: usize) -> Vec<GlyphRun> {
    let para = &set.para;
    let placed = &set.lines[index].glyphs;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < placed.len() {
        let g0 = &para.glyphs[placed[i].glyph];
        let style = para.styles[g0.style as usize];
        let end = placed[i..]
            .iter()
            .position(|p| {
                let g = &para.glyphs[p.glyph];
                g.face != g0.face || para.styles[g.style as usize] != style
            })
            .map_or(placed.len(), |n| i + n);
        runs.push(GlyphRun {
            x: placed[i].x,
            face: g0.face,
            size: style.size,
            color: style.color,
            glyphs: placed[i..end]
                .iter()
                .map(|p| {
                    let g = &para.glyphs[p.glyph];
                    RunGlyph {
                        id: g.id,
                        advance: p.advance,
                        x_offset: g.x_offset,
                        y_offset: g.y_offset,
                        range: g.range.clone(),
                    }
                })
                .collect(),
        });
        i = end;
    }
    runs
}
