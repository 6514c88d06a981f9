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
    /// The text block's width (the column) and height.
    pub col_w: f32,
    pub body_h: f32,
}

impl Frame {
    pub fn new(template: &Template) -> Frame {
        let p = &template.page;
        let page_w = p.width_mm * MM;
        let page_h = p.height_mm * MM;
        Frame {
            page_w,
            page_h,
            left: p.margin_inner_mm * MM,
            top: p.margin_top_mm * MM,
            col_w: page_w - (p.margin_inner_mm + p.margin_outer_mm) * MM,
            body_h: page_h - (p.margin_top_mm + p.margin_bottom_mm) * MM,
        }
    }

    /// The text block's bottom edge.
    pub fn bottom(&self) -> f32 {
        self.top + self.body_h
    }
}
