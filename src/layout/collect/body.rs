//! The body's skeleton: parts → articles → blocks, each text a [`ParaId`]
//! in its style, each box with the logical block it belongs to.

use crate::fonts::Role;
use crate::model::{
    Article, Block, BlockKind, Figure, ImageData, Inline, Issue, List, ListStyle, Part, Table,
};
use crate::text::shape::{Style, StyledText};

use super::super::document::BlockRole;
use super::{Align, Collector, ParaId, UNBOUNDED, style};

/// A part: its banner and articles.
pub struct PartBox {
    /// The part's index in the issue.
    pub index: usize,
    pub banner: ParaId,
    pub heading: usize,
    pub articles: Vec<ArticleBox>,
}

pub struct ArticleBox {
    /// The generated number, `1. `, hung left of the title.
    pub number: ParaId,
    pub title: ParaId,
    pub heading: usize,
    /// The `— source` line and its block.
    pub source: Option<(ParaId, usize)>,
    pub blocks: Vec<BlockBox>,
}

/// A block of an article, with the logical block its text belongs to.
pub enum BlockBox {
    Subhead {
        level: u8,
        text: ParaId,
        node: usize,
    },
    Paragraph {
        text: ParaId,
        node: usize,
    },
    Attribution {
        text: ParaId,
        node: usize,
    },
    List(ListBox),
    Figure(FigureBox),
    Table(TableBox),
    /// An editor's note: its paragraphs.
    Note(Vec<(ParaId, usize)>),
    /// The `*출처:` label and the items.
    Sources {
        label: ParaId,
        items: Vec<(ParaId, usize)>,
    },
}

impl BlockBox {
    pub fn is_subhead(&self) -> bool {
        matches!(self, BlockBox::Subhead { .. })
    }
}

pub struct ListBox {
    pub items: Vec<ListItemBox>,
}

pub struct ListItemBox {
    pub node: usize,
    pub content: Vec<ListContent>,
}

pub enum ListContent {
    /// A paragraph of the item; the first carries the item's marker.
    Text {
        text: ParaId,
        marker: Option<ParaId>,
    },
    List(ListBox),
    Block(BlockBox),
}

pub struct FigureBox {
    /// The picture and where its `![…](…)` is, for warnings about it.
    pub image: Option<(ImageData, crate::diag::Span)>,
    pub caption: ParaId,
    pub caption_node: usize,
    pub node: usize,
}

pub struct TableBox {
    /// Rows, the header first; each cell's text and the text its natural
    /// width is measured in.
    pub rows: Vec<RowBox>,
    pub columns: usize,
    /// Each column's alignment, from the Markdown's `:--`, `:-:`, `--:`.
    pub align: Vec<Align>,
    pub caption: Option<(ParaId, usize)>,
}

pub struct RowBox {
    pub node: usize,
    pub cells: Vec<CellBox>,
}

pub struct CellBox {
    pub node: usize,
    pub text: Option<ParaId>,
    pub natural: Option<ParaId>,
}

/// The body, part by part.
pub fn parts(c: &mut Collector, issue: &Issue) -> Vec<PartBox> {
    issue
        .parts
        .iter()
        .map(|part| {
            let label = c
                .template
                .parts
                .get(part.index)
                .map(|p| p.label.clone())
                .unwrap_or_default();
            part_box(c, part, &label)
        })
        .collect()
}

fn part_box(c: &mut Collector, part: &Part, label: &str) -> PartBox {
    let t = c.template;
    let pb = c.block(BlockRole::Part, None);
    let heading = c.block(BlockRole::Heading(1), Some(pb));
    let size = t.body.part_banner.size_pt;
    let mut s = StyledText::default();
    s.push(
        &format!("{label}  "),
        style(Role::SansBold, size, t.colors.rule),
        part.span,
    );
    s.push(
        &part.name,
        style(Role::SansBold, size, t.colors.accent),
        part.span,
    );
    let banner = c.para_at(s, c.frame.col_w, Align::Left);
    let articles = part
        .articles
        .iter()
        .map(|a| article_box(c, a, pb))
        .collect();
    PartBox {
        index: part.index,
        banner,
        heading,
        articles,
    }
}

fn article_box(c: &mut Collector, a: &Article, part_block: usize) -> ArticleBox {
    let t = c.template;
    let ab = c.block(BlockRole::Article, Some(part_block));
    let heading = c.block(BlockRole::Heading(2), Some(ab));
    let w = c.frame.col_w;
    let st = style(
        Role::SansBold,
        t.text.article_title_size_pt,
        t.colors.accent,
    );
    let number = c.plain(&format!("{}. ", a.number), st, a.span);
    let number = c.para_at(number, MARKER_MEASURE, Align::Left);
    let mut s = StyledText::default();
    if let Some(cat) = &a.category {
        let cs = Style {
            color: t.colors.text,
            ..st
        };
        s.push(&format!("【{cat}】 "), cs, a.span);
    }
    c.push_inlines(&mut s, &a.title, st);
    // Its measure is the column less the number's width, known in flow.
    let title = c.para(s);
    let source = a.source.as_ref().map(|src| {
        let node = c.block(BlockRole::Paragraph, Some(ab));
        let st = style(Role::Sans, t.text.small_size_pt, t.colors.muted);
        let mut s = StyledText::default();
        s.push("— ", st, a.span);
        c.push_inlines(&mut s, src, st);
        (c.para_at(s, w, Align::Right), node)
    });
    let blocks = a.blocks.iter().map(|b| block_box(c, b, ab, 0.0)).collect();
    ArticleBox {
        number,
        title,
        heading,
        source,
        blocks,
    }
}

fn body_style(c: &Collector) -> Style {
    let t = c.template;
    style(Role::Serif, t.text.body_size_pt, t.colors.text)
}

/// One block; `indent` is how far it sits from the column's left edge
/// (list items), which fixes its measure.
fn block_box(c: &mut Collector, b: &Block, parent: usize, indent: f32) -> BlockBox {
    let t = c.template;
    let w = c.frame.col_w - indent;
    match &b.kind {
        BlockKind::Subhead { level, content } => {
            let size = t.text.subhead_sizes_pt[(*level as usize - 1).min(2)];
            let node = c.block(BlockRole::Heading(2 + *level as u16), Some(parent));
            let color = if *level == 1 {
                t.colors.accent
            } else {
                t.colors.text
            };
            let s = c.styled(content, style(Role::SansBold, size, color));
            let text = c.para_at(s, w, Align::Left);
            BlockBox::Subhead {
                level: *level,
                text,
                node,
            }
        }
        BlockKind::Paragraph { content } => {
            let node = c.block(BlockRole::Paragraph, Some(parent));
            let s = c.styled(content, body_style(c));
            let text = c.para_at(s, w, Align::Justify);
            BlockBox::Paragraph { text, node }
        }
        BlockKind::Attribution { content } => {
            let node = c.block(BlockRole::Paragraph, Some(parent));
            let st = style(Role::Sans, t.text.small_size_pt, t.colors.muted);
            let mut s = StyledText::default();
            s.push("— ", st, b.span);
            c.push_inlines(&mut s, content, st);
            let text = c.para_at(s, w, Align::Right);
            BlockBox::Attribution { text, node }
        }
        BlockKind::List(list) => BlockBox::List(list_box(c, list, parent, indent)),
        BlockKind::Figure(fig) => BlockBox::Figure(figure_box(c, fig, parent, b)),
        BlockKind::Table(table) => BlockBox::Table(table_box(c, table, parent, b)),
        BlockKind::EditorNote { paragraphs } => note_box(c, paragraphs, parent, indent, b.span),
        BlockKind::Sources { items, numbered } => sources_box(c, items, *numbered, parent, b.span),
    }
}

/// An editor's note: `(*` before the first paragraph, `)` after the last.
fn note_box(
    c: &mut Collector,
    paragraphs: &[Vec<Inline>],
    parent: usize,
    indent: f32,
    span: crate::diag::Span,
) -> BlockBox {
    let t = c.template;
    let nb = c.block(BlockRole::Note, Some(parent));
    let st = style(Role::Serif, t.text.small_size_pt, t.colors.text);
    // In the side column when the design has one.
    let w = c.frame.side.map_or(c.frame.col_w - indent, |(_, w)| w);
    let inner = w - 2.0 * t.body.note_padding_pt - t.body.note_inset_pt;
    let paras = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let node = c.block(BlockRole::Paragraph, Some(nb));
            let mut s = StyledText::default();
            if i == 0 {
                s.push("(*", st, span);
            }
            c.push_inlines(&mut s, p, st);
            if i + 1 == paragraphs.len() {
                s.push(")", st, span);
            }
            (c.para_at(s, inner, Align::Justify), node)
        })
        .collect();
    BlockBox::Note(paras)
}

/// A source list: the template's label, then the items, numbered or not.
/// Their measure depends on the label's width, found in the flow stage.
fn sources_box(
    c: &mut Collector,
    items: &[Vec<Inline>],
    numbered: bool,
    parent: usize,
    span: crate::diag::Span,
) -> BlockBox {
    let t = c.template;
    let st = style(Role::Sans, t.text.small_size_pt, t.colors.muted);
    let lb = c.block(BlockRole::List, Some(parent));
    let label = c.plain(&t.body.sources_label, st, span);
    let label = c.para(label);
    c.measure(label, UNBOUNDED, Align::Left);
    c.measure(label, MARKER_MEASURE, Align::Left);
    let items = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let node = c.block(BlockRole::ListItem, Some(lb));
            let mut s = StyledText::default();
            if numbered {
                s.push(&format!("{}. ", i + 1), st, span);
            }
            c.push_inlines(&mut s, item, st);
            (c.para(s), node)
        })
        .collect();
    BlockBox::Sources { label, items }
}

/// The measure a list marker or source label is set in: wide enough for
/// any, so it never wraps.
pub const MARKER_MEASURE: f32 = 200.0;

fn marker(style: ListStyle, n: u32) -> String {
    match style {
        ListStyle::Bullet => "•".into(),
        ListStyle::Numbered => format!("{n}."),
        ListStyle::Circled => char::from_u32(0x2460 + n.saturating_sub(1).min(19))
            .unwrap_or('•')
            .to_string(),
    }
}

fn list_box(c: &mut Collector, list: &List, parent: usize, indent: f32) -> ListBox {
    let lb = c.block(BlockRole::List, Some(parent));
    let base = body_style(c);
    let hang = base.size * c.template.body.list_hang_em;
    let mut items = Vec::new();
    for (i, item) in list.items.iter().enumerate() {
        let node = c.block(BlockRole::ListItem, Some(lb));
        let mut first = true;
        let mut content = Vec::new();
        for b in &item.blocks {
            content.push(match &b.kind {
                BlockKind::Paragraph { content } => {
                    let s = c.styled(content, base);
                    let w = c.frame.col_w - indent - hang;
                    let text = c.para_at(s, w, Align::Justify);
                    let marker = first.then(|| {
                        let ms = Style {
                            color: c.template.colors.accent,
                            ..base
                        };
                        let m = c.plain(&marker(list.style, list.start + i as u32), ms, b.span);
                        c.para_at(m, MARKER_MEASURE, Align::Left)
                    });
                    first = false;
                    ListContent::Text { text, marker }
                }
                BlockKind::List(inner) => {
                    ListContent::List(list_box(c, inner, node, indent + hang))
                }
                _ => ListContent::Block(block_box(c, b, node, indent + hang)),
            });
        }
        items.push(ListItemBox { node, content });
    }
    ListBox { items }
}

fn caption(
    c: &mut Collector,
    kind: &str,
    number: u32,
    caption: &[Inline],
    parent: usize,
    span: crate::diag::Span,
) -> (ParaId, usize) {
    let t = c.template;
    let size = t.text.caption_size_pt;
    let node = c.block(BlockRole::Caption, Some(parent));
    let mut s = StyledText::default();
    let label = style(Role::SansBold, size, t.colors.accent);
    s.push(&format!("{kind} {number}) "), label, span);
    let rest = style(Role::Sans, size, t.colors.muted);
    c.push_inlines(&mut s, caption, rest);
    let w = c.frame.side.map_or(c.frame.col_w, |(_, w)| w);
    (c.para_at(s, w, Align::Left), node)
}

fn figure_box(c: &mut Collector, fig: &Figure, parent: usize, b: &Block) -> FigureBox {
    let alt = fig
        .image
        .as_ref()
        .map(|i| i.alt.clone())
        .unwrap_or_default();
    let alt = if alt.is_empty() {
        crate::model::plain_text(&fig.caption)
    } else {
        alt
    };
    let node = c.block(BlockRole::Figure { alt }, Some(parent));
    let (caption, caption_node) =
        caption(c, fig.kind.label(), fig.number, &fig.caption, node, b.span);
    FigureBox {
        image: fig
            .image
            .as_ref()
            .and_then(|i| Some((i.data.clone()?, i.span))),
        caption,
        caption_node,
        node,
    }
}

fn table_box(c: &mut Collector, table: &Table, parent: usize, b: &Block) -> TableBox {
    let t = c.template;
    let size = t.text.small_size_pt;
    let tb = c.block(BlockRole::Table, Some(parent));
    let columns = table
        .header
        .len()
        .max(table.rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let regular = style(Role::Sans, size, t.colors.text);
    // Natural widths are measured in the regular face, header included.
    let mut naturals = Vec::new();
    for row in std::iter::once(&table.header).chain(&table.rows) {
        let mut cells = Vec::new();
        for cell in row.iter().take(columns) {
            let s = c.styled(&cell.content, regular);
            cells.push(c.para_at(s, TABLE_NATURAL, Align::Left));
        }
        naturals.push(cells);
    }
    let mut rows = Vec::new();
    for (ri, row) in std::iter::once(&table.header)
        .chain(&table.rows)
        .enumerate()
    {
        let header = ri == 0;
        let node = c.block(BlockRole::TableRow, Some(tb));
        let cells = (0..columns)
            .map(|ci| {
                let node = c.block(BlockRole::TableCell { header }, Some(node));
                let text = row.get(ci).map(|cell| {
                    let role = if header { Role::SansBold } else { Role::Sans };
                    let s = c.styled(&cell.content, style(role, size, t.colors.text));
                    c.para(s)
                });
                let natural = naturals[ri].get(ci).copied();
                CellBox {
                    node,
                    text,
                    natural,
                }
            })
            .collect();
        rows.push(RowBox { node, cells });
    }
    let caption = table
        .caption
        .as_ref()
        .map(|(n, cap)| caption(c, "표", *n, cap, tb, b.span));
    let align = (0..columns)
        .map(|ci| match table.align.get(ci) {
            Some(crate::model::ColumnAlign::Center) => Align::Center,
            Some(crate::model::ColumnAlign::Right) => Align::Right,
            _ => Align::Left,
        })
        .collect();
    TableBox {
        rows,
        columns,
        align,
        caption,
    }
}

/// The measure a table cell's natural width is found at.
pub const TABLE_NATURAL: f32 = 10_000.0;
