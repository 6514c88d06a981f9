//! The typed issue model: Issue → Part → Article → Block → Inline.
//!
//! Built by `source` from the Markdown and front matter, read by every
//! later stage. It holds no raw Markdown and no string-keyed maps: what the
//! format allows is spelled out in these types, and every node carries the
//! [`Span`] of the source it came from so later stages (a missing glyph, an
//! overfull line) can still point the editor at a line. Generated numbers
//! (articles, figures) are filled in by the parser, never typed.

use serde::Serialize;

use crate::diag::Span;

/// One issue of the newsletter.
#[derive(Clone, Debug, Serialize)]
pub struct Issue {
    pub front: FrontMatter,
    pub parts: Vec<Part>,
}

/// Everything about an issue that is not its body: cover and back cover.
#[derive(Clone, Debug, Serialize)]
pub struct FrontMatter {
    pub number: u32,
    pub date: Date,
    /// Masthead title, e.g. 주간 창업.
    pub title: String,
    pub publisher: Publisher,
    pub copyright: String,
    pub back_cover: BackCover,
    /// The `number:` field.
    pub span: Span,
    /// Where each printed field's value is, so that a problem in the
    /// furniture (a character no font has) points at the field.
    pub fields: FieldSpans,
}

/// The front matter's printed fields, located.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct FieldSpans {
    pub date: Span,
    pub title: Span,
    pub name: Span,
    pub organization: Span,
    pub organization_en: Span,
    pub director: Span,
    pub phone: Span,
    pub email: Span,
    pub copyright: Span,
    pub back_title: Span,
    pub subscribe: Span,
    pub links: Span,
    pub note: Span,
}

/// A calendar date, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD` and checks that the day exists.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let ok = (1..=12).contains(&date.month)
            && (1..=days_in_month(date.year, date.month)).contains(&date.day)
            && (1900..2200).contains(&date.year);
        ok.then_some(date)
    }

    /// The date a week later (the next issue's date).
    pub fn next_week(self) -> Date {
        let mut d = self;
        for _ in 0..7 {
            d.day += 1;
            if d.day > days_in_month(d.year, d.month) {
                d.day = 1;
                d.month += 1;
                if d.month > 12 {
                    d.month = 1;
                    d.year += 1;
                }
            }
        }
        d
    }

    /// Seconds since the Unix epoch at midnight UTC of this date.
    pub fn unix_seconds(self) -> i64 {
        // Days from civil, after Howard Hinnant's algorithm.
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146097 + doe - 719468) * 86400
    }
}

impl std::fmt::Display for Date {
    /// The printed form, as on the cover: `2023.01.18`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}.{:02}.{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Publisher {
    pub name: String,
    pub organization: String,
    pub organization_en: Option<String>,
    /// 센터장.
    pub director: String,
    /// 전화.
    pub phone: String,
    /// 메일.
    pub email: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct BackCover {
    pub title: String,
    pub subscribe: String,
    pub links: Vec<BackLink>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BackLink {
    pub label: String,
    pub url: Option<String>,
}

/// A part of the issue (WEEKLY 뉴스, CHINA 창업, KIC 중국 뉴스).
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub name: String,
    /// Position in the template's list of parts.
    pub index: usize,
    pub articles: Vec<Article>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Article {
    /// Generated: 1, 2, … within the part.
    pub number: u32,
    /// The tag in 【】 at the start of the title, without the brackets.
    pub category: Option<String>,
    pub title: Vec<Inline>,
    /// The `— source` line under the title, without the dash.
    pub source: Option<Vec<Inline>>,
    pub blocks: Vec<Block>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A sub-head; `level` 1 is `###` (`1)`), 2 is `####` (`①`), 3 is `#####`.
    Subhead {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    /// A `—` attribution line under a sub-head.
    Attribution {
        content: Vec<Inline>,
    },
    List(List),
    Figure(Figure),
    Table(Table),
    /// An editor's note: `(*term 편집자 주: …)`.
    EditorNote {
        paragraphs: Vec<Vec<Inline>>,
    },
    /// The article's sources, printed `*출처: 1. … 2. …`.
    Sources {
        items: Vec<Vec<Inline>>,
        numbered: bool,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct List {
    pub style: ListStyle,
    /// The number of the first item (ordered lists).
    pub start: u32,
    pub items: Vec<ListItem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListStyle {
    Bullet,
    /// `1.` markers.
    Numbered,
    /// `1)` in the source, printed ① ② ….
    Circled,
}

#[derive(Clone, Debug, Serialize)]
pub struct ListItem {
    pub blocks: Vec<Block>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// 사진.
    Photo,
    /// 표.
    Table,
}

impl FigureKind {
    pub fn label(self) -> &'static str {
        match self {
            FigureKind::Photo => "사진",
            FigureKind::Table => "표",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    pub kind: FigureKind,
    /// Generated per article and kind: 사진 1), 사진 2), 표 1) ….
    pub number: u32,
    pub image: Option<Image>,
    pub caption: Vec<Inline>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Image {
    /// Path relative to the issue folder, e.g. `images/speech.jpg`.
    pub path: String,
    /// Description for screen readers.
    pub alt: String,
    pub span: Span,
    /// The file's bytes and pixel size, read and checked by `project`.
    #[serde(skip)]
    pub data: Option<ImageData>,
}

/// A picture read from disk: its encoded bytes and its size in pixels.
#[derive(Clone, Debug)]
pub struct ImageData {
    /// Where it was read from, for messages.
    pub path: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// The size as the picture is seen, in pixels: after its orientation
    /// (a phone photo stored on its side is as tall as it looks). For an
    /// SVG, its size in CSS pixels; only its proportions matter.
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    /// How the stored pixels are turned to stand upright: the EXIF
    /// orientation, 1 (as stored) to 8; see [`ImageData::stored_size`].
    pub orientation: u8,
}

impl ImageData {
    /// Whether the stored pixels are turned a quarter turn (EXIF 5–8), so
    /// their width is the picture's height.
    pub fn quarter_turned(&self) -> bool {
        (5..=8).contains(&self.orientation)
    }

    /// The size of the stored pixels, before the orientation turns them.
    pub fn stored_size(&self) -> (u32, u32) {
        if self.quarter_turned() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// The picture formats an issue may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    WebP,
    /// Drawn as vectors: it has no resolution.
    Svg,
}

impl ImageFormat {
    /// Pixels (every format but SVG): these have a resolution.
    pub fn is_raster(self) -> bool {
        self != ImageFormat::Svg
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub align: Vec<ColumnAlign>,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// A directly following `표:` caption, numbered like figures.
    pub caption: Option<(u32, Vec<Inline>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnAlign {
    None,
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub content: Vec<Inline>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
        span: Span,
    },
    Strong {
        children: Vec<Inline>,
        span: Span,
    },
    Emphasis {
        children: Vec<Inline>,
        span: Span,
    },
    Link {
        url: String,
        children: Vec<Inline>,
        span: Span,
    },
    LineBreak {
        span: Span,
    },
}

impl Inline {
    pub fn span(&self) -> Span {
        match self {
            Inline::Text { span, .. }
            | Inline::Strong { span, .. }
            | Inline::Emphasis { span, .. }
            | Inline::Link { span, .. }
            | Inline::LineBreak { span } => *span,
        }
    }
}

/// The plain text of inlines, line breaks as `\n`.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    push_plain(inlines, &mut s);
    s
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Strong { children, .. }
            | Inline::Emphasis { children, .. }
            | Inline::Link { children, .. } => push_plain(children, out),
            Inline::LineBreak { .. } => out.push('\n'),
        }
    }
}

/// Counts for `check`'s summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub parts: usize,
    pub articles: usize,
    pub figures: usize,
    pub tables: usize,
    pub characters: usize,
}

impl Issue {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            parts: self.parts.len(),
            ..Summary::default()
        };
        for a in self.parts.iter().flat_map(|p| &p.articles) {
            s.articles += 1;
            walk_blocks(&a.blocks, &mut |b| match &b.kind {
                BlockKind::Figure(_) => s.figures += 1,
                BlockKind::Table(_) => s.tables += 1,
                _ => {}
            });
        }
        s.characters = self
            .body_text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        s
    }

    /// The body's text as it will be printed, in reading order: generated
    /// article and figure numbers included, one line per block.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            out.push_str(&part.name);
            out.push('\n');
            for a in &part.articles {
                out.push_str(&format!("{}. ", a.number));
                if let Some(c) = &a.category {
                    out.push_str(&format!("【{c}】 "));
                }
                out.push_str(&plain_text(&a.title));
                out.push('\n');
                if let Some(src) = &a.source {
                    out.push_str("— ");
                    out.push_str(&plain_text(src));
                    out.push('\n');
                }
                for b in &a.blocks {
                    block_text(b, &mut out);
                }
            }
        }
        out
    }
}

fn block_text(b: &Block, out: &mut String) {
    match &b.kind {
        BlockKind::Subhead { content, .. }
        | BlockKind::Paragraph { content }
        | BlockKind::Attribution { content } => {
            out.push_str(&plain_text(content));
            out.push('\n');
        }
        BlockKind::List(list) => {
            for item in &list.items {
                for b in &item.blocks {
                    block_text(b, out);
                }
            }
        }
        BlockKind::Figure(f) => {
            out.push_str(&format!(
                "{} {}) {}\n",
                f.kind.label(),
                f.number,
                plain_text(&f.caption)
            ));
        }
        BlockKind::Table(t) => {
            for row in std::iter::once(&t.header).chain(&t.rows) {
                let cells: Vec<String> = row.iter().map(|c| plain_text(&c.content)).collect();
                out.push_str(&cells.join(" "));
                out.push('\n');
            }
            if let Some((n, cap)) = &t.caption {
                out.push_str(&format!("표 {n}) {}\n", plain_text(cap)));
            }
        }
        BlockKind::EditorNote { paragraphs } => {
            for p in paragraphs {
                out.push_str(&plain_text(p));
                out.push('\n');
            }
        }
        BlockKind::Sources { items, numbered } => {
            out.push_str("*출처: ");
            for (i, item) in items.iter().enumerate() {
                if *numbered {
                    out.push_str(&format!("{}. ", i + 1));
                }
                out.push_str(&plain_text(item));
                out.push('\n');
            }
        }
    }
}

/// Calls `f` on every block mutably, depth first (list items included).
pub fn walk_blocks_mut(blocks: &mut [Block], f: &mut dyn FnMut(&mut Block)) {
    for b in blocks {
        f(b);
        if let BlockKind::List(list) = &mut b.kind {
            for item in &mut list.items {
                walk_blocks_mut(&mut item.blocks, f);
            }
        }
    }
}

/// Calls `f` on every block, depth first (list items included).
pub fn walk_blocks<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Block)) {
    for b in blocks {
        f(b);
        if let BlockKind::List(list) = &b.kind {
            for item in &list.items {
                walk_blocks(&item.blocks, f);
            }
        }
    }
}
