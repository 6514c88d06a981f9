//! The contents: parts and articles with the page numbers where they
//! really start, dot leaders, each entry a link. May take several pages.

use super::super::collect::Align;
use super::super::collect::furniture::{ContentsEntry, ContentsText};
use super::super::document::{Item, Link, LinkTarget, Structure};
use super::text::Setter;
use super::{FlowPage, Piece};

/// Where each part and article starts: physical page and y, and the
/// article's printed page number.
pub struct Targets {
    pub parts: Vec<(usize, f32)>,
    pub articles: Vec<Vec<(usize, f32)>>,
    pub folios: Vec<Vec<u32>>,
}

/// Sets the contents for these targets.
pub fn contents(s: &mut Setter, c: &ContentsText, targets: &Targets) -> Vec<FlowPage> {
    let t = s.template;
    let f = s.frame;
    let (x, w, bottom) = (f.left, f.text_w, f.bottom());
    let mut pages = vec![];
    let mut page = FlowPage::default();
    let mut y = f.top;
    let cs = &t.contents;
    let (heading, node) = c.heading;
    let lead = cs.heading.leading_pt;
    let (p, _, h) = s.block(heading, x, y, w, lead, Align::Left, Structure::Block(node));
    page.pieces.extend(p);
    y += h;
    page.pieces.push(Piece::Item(Item::Rect {
        x,
        y,
        w,
        h: 2.0,
        color: t.colors.accent,
    }));
    y += 16.0;
    let lead = c.size * cs.entry_leading;
    let column = Column::new(s, c, targets);
    for (pi, part) in c.parts.iter().enumerate() {
        let need = 30.0 + lead * 2.0;
        if y + need > bottom {
            pages.push(std::mem::take(&mut page));
            y = f.top;
        }
        y += 8.0;
        let node = Structure::Block(part.node);
        let part_lead = cs.part.leading_pt;
        let (p, _, h) = s.block(part.title, x, y, w, part_lead, Align::Left, node);
        page.pieces.extend(p);
        let (tp, ty) = targets.parts[pi];
        page.links.push(Link {
            x,
            y,
            w,
            h,
            target: LinkTarget::Page(tp, ty),
            node,
        });
        y += h + 2.0;
        for (ai, a) in part.articles.iter().enumerate() {
            let folio = targets.folios[pi][ai];
            let target = targets.articles[pi][ai];
            y = entry(s, c, a, &column, folio, target, y, &mut page, &mut pages);
        }
        y += 6.0;
    }
    // The copyright note at the foot of the (last) contents page.
    let small = t.text.small_size_pt;
    let (p, _, h) = s.block(
        c.copyright,
        x,
        0.0,
        w,
        small * 1.7,
        Align::Left,
        Structure::Artifact,
    );
    let at = bottom - h;
    if y > at {
        pages.push(std::mem::take(&mut page));
    }
    for mut piece in p {
        piece.shift(0.0, at);
        page.pieces.push(piece);
    }
    pages.push(page);
    pages
}

/// The contents' columns, from the text block's left edge: the article
/// numbers' width, where titles start, the page numbers' box at the right
/// edge, where every leader ends, and one leader dot's advance.
struct Column {
    label_w: f32,
    title_x: f32,
    num_box: f32,
    dots_to: f32,
    dot_w: f32,
}

impl Column {
    /// The columns for these entries and page numbers.
    fn new(s: &mut Setter, c: &ContentsText, targets: &Targets) -> Column {
        let cs = &s.template.contents;
        let f = s.frame;
        // The number column: as wide as the widest number, then a space.
        let labels = c.parts.iter().flat_map(|p| &p.articles).map(|a| a.label);
        let label_w = labels.map(|l| s.width(l)).fold(0.0, f32::max);
        // The page numbers' box: as wide as the largest number (the figures
        // are tabular); the leaders end one gap before it, all on one x.
        let largest = targets.folios.iter().flatten().max().copied().unwrap_or(1);
        let style = c
            .parts
            .iter()
            .flat_map(|p| &p.articles)
            .next()
            .map(|a| a.number);
        let num_box = match style {
            Some(st) => {
                let id = s.add(&largest.to_string(), st, Default::default());
                s.width(id)
            }
            None => 0.0,
        };
        let dot_w = (s.width(c.dots10) / 10.5).max(1.0);
        Column {
            label_w,
            title_x: cs.entry_indent_pt + label_w + c.size * 0.3,
            num_box,
            dots_to: f.text_w - num_box - cs.leader_gap_em * c.size,
            dot_w,
        }
    }
}

/// The fewest leader dots an entry shows.
const MIN_DOTS: f32 = 3.0;

/// One article's entry from `y`, on a new page if it does not fit: number,
/// title (wrapped lines hang under its start), leader dots, page number,
/// and a link over all. Returns the next y.
#[allow(clippy::too_many_arguments)]
fn entry(
    s: &mut Setter,
    c: &ContentsText,
    a: &ContentsEntry,
    column: &Column,
    folio: u32,
    (tp, ty): (usize, f32),
    mut y: f32,
    page: &mut FlowPage,
    pages: &mut Vec<FlowPage>,
) -> f32 {
    let f = s.frame;
    let cs = &s.template.contents;
    let (x, w, size) = (f.left, f.text_w, c.size);
    let lead = size * cs.entry_leading;
    let node = Structure::Block(a.node);
    let num = s.add(&folio.to_string(), a.number, a.span);
    let indent = column.title_x;
    // Room for the title: up to at least three dots before the leaders end.
    let title_w = column.dots_to - indent - 4.0 - MIN_DOTS * column.dot_w;
    let (set, _) = s.set_balanced(a.title, title_w, Align::Left);
    let lines = set.lines.len().max(1);
    if y + lines as f32 * lead > f.bottom() {
        pages.push(std::mem::take(page));
        y = f.top;
    }
    let top = y;
    let label_x = x + cs.entry_indent_pt;
    let (p, _, _) = s.block(
        a.label,
        label_x,
        y,
        column.label_w,
        lead,
        Align::Right,
        node,
    );
    page.pieces.extend(p);
    for li in 0..set.lines.len() {
        let (p, _) = s.line(&set, li, x + indent, y, lead, title_w, Align::Left, node);
        page.pieces.push(p);
        if li + 1 < set.lines.len() {
            y += lead;
        }
    }
    // Dot leaders from the title's end to the common end, right-aligned
    // there so that the dots of every entry stand in columns.
    let last_w = set.lines.last().map_or(0.0, |l| l.width);
    let dots_from = x + indent + last_w + 4.0;
    let dots_to = x + column.dots_to;
    let n = ((dots_to - dots_from) / column.dot_w).floor().max(0.0) as usize;
    if n > 0 {
        let dots = vec![". "; n].concat();
        let d = s.add(dots.trim_end(), a.dots, a.span);
        let (p, _, _) = s.block(
            d,
            dots_from,
            y,
            dots_to - dots_from,
            lead,
            Align::Right,
            Structure::Artifact,
        );
        page.pieces.extend(p);
    }
    let num_x = x + w - column.num_box;
    let (p, _, _) = s.block(num, num_x, y, column.num_box, lead, Align::Right, node);
    page.pieces.extend(p);
    page.links.push(Link {
        x,
        y: top,
        w,
        h: y + lead - top,
        target: LinkTarget::Page(tp, ty),
        node,
    });
    y + lead
}
