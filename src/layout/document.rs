//! What layout hands the PDF writer: pages of positioned glyph runs, rules
//! and pictures, plus the outline, links and logical structure. Nothing
//! here refers back to the text engine: a glyph run carries its face, size,
//! colour and the source text of its clusters.

use std::ops::Range;
use std::sync::Arc;

use crate::fonts::FaceId;
use crate::template::Color;

/// Something drawn on a page, in points from the page's top-left corner.
#[derive(Clone, Debug)]
pub enum Item {
    /// One line of text.
    Text(TextLine),
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
        node: Structure,
    },
}

/// A line of text on baseline `y` starting at `x`, as runs of glyphs that
/// share a face and a style.
#[derive(Clone, Debug)]
pub struct TextLine {
    pub x: f32,
    pub y: f32,
    /// The whole paragraph's text; glyph ranges index it, so that text
    /// extraction gives each cluster's characters.
    pub text: Arc<str>,
    pub runs: Vec<GlyphRun>,
    pub node: Structure,
}

impl TextLine {
    /// The characters the line shows.
    pub fn shown(&self) -> &str {
        let first = self.runs.first().and_then(|r| r.glyphs.first());
        let last = self.runs.last().and_then(|r| r.glyphs.last());
        match (first, last) {
            (Some(a), Some(b)) => &self.text[a.range.start..b.range.end],
            _ => "",
        }
    }
}

/// Glyphs of one face, size and colour, drawn from `x` (relative to the
/// line's start).
#[derive(Clone, Debug)]
pub struct GlyphRun {
    pub x: f32,
    pub face: FaceId,
    pub size: f32,
    pub color: Color,
    pub glyphs: Vec<RunGlyph>,
}

/// A glyph with its advance and offsets in points, and the bytes of the
/// paragraph text its cluster stands for.
#[derive(Clone, Debug)]
pub struct RunGlyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub range: Range<usize>,
}

impl Item {
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text(TextLine { x, y, .. })
            | Item::Rect { x, y, .. }
            | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }
}

/// Where an item sits in the logical structure (for the tagged PDF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
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
    /// The block the link's text belongs to: its tag holds the link's.
    pub node: Structure,
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
    /// Time spent in the text engine: CPU time of shaping and breaking
    /// (summed over threads), and the wall time they took.
    pub text_wall: std::time::Duration,
    pub shaping: std::time::Duration,
    pub breaking: std::time::Duration,
}
