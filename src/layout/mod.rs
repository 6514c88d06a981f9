//! Layout: the blocks set into pages.
//!
//! `blocks` turns the model into a flow of lines and unsplittable boxes
//! that know their keep rules; `paginate` fills pages from the flow;
//! `furniture` sets the cover, contents, back cover, running heads and
//! folios; `document` drives them and relays out the contents until its
//! page numbers are stable. The output [`Document`] is positioned glyphs,
//! rules and images per page, plus the outline, links and logical
//! structure the PDF writer needs.

pub mod blocks;
pub mod document;
pub mod furniture;
pub mod paginate;
pub mod style;

use std::sync::Arc;

use crate::template::Color;
use crate::text::lines::Placed;
use crate::text::shape::ShapedPara;

pub use document::layout;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// Something drawn on a page, in points from the page's top-left corner.
#[derive(Clone, Debug)]
pub enum Item {
    /// One line of a paragraph: glyphs placed from `x`, on baseline `y`.
    Glyphs {
        x: f32,
        y: f32,
        para: Arc<ShapedPara>,
        glyphs: Vec<Placed>,
        node: Node,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Color,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: crate::model::ImageData,
        node: Node,
    },
}

impl Item {
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Glyphs { x, y, .. } | Item::Rect { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }
}

/// Where an item sits in the logical structure (for the tagged PDF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// Page furniture: running heads, folios, decoration.
    Artifact,
    /// Content of the logical block with this index in [`Document::blocks`].
    Block(usize),
}

/// Logical structure: what a block is, for screen readers.
#[derive(Clone, Debug, PartialEq)]
pub enum BlockRole {
    Part,
    Article,
    Heading(u16),
    Paragraph,
    List,
    ListItem,
    Figure { alt: String },
    Caption,
    Table,
    TableRow,
    TableCell { header: bool },
    Note,
    Toc,
    TocItem,
}

#[derive(Clone, Debug)]
pub struct LogicalBlock {
    pub role: BlockRole,
    pub parent: Option<usize>,
}

/// A clickable area.
#[derive(Clone, Debug)]
pub struct Link {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub target: LinkTarget,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    Url(String),
    /// A page index of the document and a y position on it.
    Page(usize, f32),
}

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub items: Vec<Item>,
    pub links: Vec<Link>,
    /// The printed page number, if the page shows one.
    pub folio: Option<u32>,
}

/// A bookmark: nested parts → articles.
#[derive(Clone, Debug)]
pub struct OutlineEntry {
    pub title: String,
    pub page: usize,
    pub y: f32,
    pub children: Vec<OutlineEntry>,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    pub blocks: Vec<LogicalBlock>,
    pub title: String,
    pub author: String,
    pub date: crate::model::Date,
    /// How many times the contents was laid out before its numbers held.
    pub toc_passes: u32,
    /// Time spent in the text engine during layout: CPU time of shaping
    /// and breaking (summed over threads), and the wall time they took.
    pub text_wall: std::time::Duration,
    pub shaping: std::time::Duration,
    pub breaking: std::time::Duration,
}
