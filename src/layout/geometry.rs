//! The page's geometry in points, from the template's millimetres.

use crate::template::Template;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// The page and its text block.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub page_w: f32,
    pub page_h: f32,
    /// The text block's left edge and top.
    pub left: f32,
    pub top: f32,
    /// The text block's width and height.
    pub text_w: f32,
    pub body_h: f32,
    /// The body's main column: as wide as the text block, or narrower when
    /// the template has a side column.
    pub col_w: f32,
    /// The side column, if any, for captions, editor's notes and source
    /// lists: its left edge from the text block's and its width.
    pub side: Option<(f32, f32)>,
}

impl Frame {
    pub fn new(template: &Template) -> Frame {
        let p = &template.page;
        let page_w = p.width_mm * MM;
        let page_h = p.height_mm * MM;
        let text_w = page_w - (p.margin_inner_mm + p.margin_outer_mm) * MM;
        let (col_w, side) = match &template.side_column {
            Some(s) => {
                let (w, gap) = (s.width_mm * MM, s.gap_mm * MM);
                (text_w - w - gap, Some((text_w - w, w)))
            }
            None => (text_w, None),
        };
        Frame {
            page_w,
            page_h,
            left: p.margin_inner_mm * MM,
            top: p.margin_top_mm * MM,
            text_w,
            body_h: page_h - (p.margin_top_mm + p.margin_bottom_mm) * MM,
            col_w,
            side,
        }
    }

    /// The text block's bottom edge.
    pub fn bottom(&self) -> f32 {
        self.top + self.body_h
    }
}
