//! Flow, the third layout stage: prepared text broken per measure, blocks
//! placed, pages filled, then the contents set with the body's real page
//! numbers (and set again while its own length shifts them), the covers
//! and the running heads.

pub mod blocks;
pub mod contents;
mod figures;
pub mod furniture;
pub mod paginate;
mod tables;
pub mod text;

use crate::diag::Diagnostic;
use crate::model::{Issue, plain_text};

use super::collect::Collected;
use super::document::{Item, Link, OutlineEntry};
use super::prepare::{SetText, Texts};
use blocks::{Anchor, Element};
use contents::Targets;
use paginate::{Placement, paginate};
use text::Setter;

/// Contents passes before giving up on stable page numbers (typst: five).
const MAX_PASSES: u32 = 5;

/// Something placed on a page: a line of set text, or a drawn item.
#[derive(Clone, Debug)]
pub enum Piece {
    /// Line `index` of `set`, starting at `x` on baseline `y`.
    Line {
        x: f32,
        y: f32,
        set: SetText,
        index: usize,
        node: super::document::Structure,
    },
    Item(Item),
}

impl std::fmt::Debug for SetText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetText")
            .field("lines", &self.lines.len())
            .finish()
    }
}

impl Piece {
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Piece::Line { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Piece::Item(item) => item.shift(dx, dy),
        }
    }
}

/// A page of pieces, in the order they are drawn.
#[derive(Clone, Debug, Default)]
pub struct FlowPage {
    pub pieces: Vec<Piece>,
    pub links: Vec<Link>,
    pub folio: Option<u32>,
}

/// Every page of the issue, and the bookmarks.
pub struct Flowed {
    pub pages: Vec<FlowPage>,
    pub outline: Vec<OutlineEntry>,
    pub toc_passes: u32,
}

/// Where the body's parts and articles landed: body page index and y
/// from the text block's top.
struct Landed {
    parts: Vec<(usize, f32)>,
    articles: Vec<Vec<(usize, f32)>>,
}

fn landed(issue: &Issue, flow: &[Element], placements: &[Placement]) -> Landed {
    let mut parts = vec![(0usize, 0.0f32); issue.parts.len()];
    let mut articles: Vec<Vec<(usize, f32)>> = issue
        .parts
        .iter()
        .map(|p| vec![(0, 0.0); p.articles.len()])
        .collect();
    for (pi, page) in placements.iter().enumerate() {
        for &(k, y) in &page.elements {
            match flow[k].anchor {
                Some(Anchor::Part(p)) => parts[p] = (pi, y),
                Some(Anchor::Article(p, a)) => articles[p][a] = (pi, y),
                None => {}
            }
        }
    }
    Landed { parts, articles }
}

/// The printed number of a body page.
fn folio(body_page: usize) -> u32 {
    body_page as u32 + 1
}

impl Landed {
    /// Contents targets when the contents takes `toc_len` pages.
    fn targets(&self, toc_len: usize, top: f32) -> Targets {
        let first_body = 1 + toc_len;
        let at = |&(p, y): &(usize, f32)| (first_body + p, top + y);
        Targets {
            parts: self.parts.iter().map(at).collect(),
            articles: self
                .articles
                .iter()
                .map(|v| v.iter().map(at).collect())
                .collect(),
            folios: self
                .articles
                .iter()
                .map(|v| v.iter().map(|&(p, _)| folio(p)).collect())
                .collect(),
        }
    }
}

/// Flows an issue's collected, prepared text into pages.
pub fn flow(issue: &Issue, collected: &Collected, texts: &mut Texts) -> Flowed {
    let mut s = Setter {
        texts,
        urls: &collected.urls,
        template: collected.template,
        frame: collected.frame,
    };
    let frame = s.frame;
    let flow = blocks::body(&mut s, &collected.body);
    let placements = paginate(&flow, frame.body_h);
    let landed = landed(issue, &flow, &placements);
    let furniture = &collected.furniture;

    // Contents: lay out, check its length, lay out again if it changed.
    let mut toc_len = 1usize;
    let mut passes = 0;
    let toc = loop {
        passes += 1;
        let pages = contents::contents(
            &mut s,
            &furniture.contents,
            &landed.targets(toc_len, frame.top),
        );
        if pages.len() == toc_len {
            break pages;
        }
        if passes >= MAX_PASSES {
            s.texts.warnings.push(
                Diagnostic::general(format!(
                    "the contents' page numbers did not settle after {MAX_PASSES} passes"
                ))
                .with_hint("this is a bug in kicweekly; the contents may show wrong page numbers"),
            );
            break pages;
        }
        toc_len = pages.len();
    };
    let first_body = 1 + toc.len();

    let mut pages = vec![furniture::cover(&mut s, &furniture.cover)];
    pages.extend(toc);
    let mut side = SideColumn::default();
    let mut placements = placements;
    // Side-column material that did not fit gets pages of its own.
    let mut pi = 0;
    while pi < placements.len() || !side.carried.is_empty() {
        if pi == placements.len() {
            let part = placements.last().map_or(0, |p| p.part);
            placements.push(Placement {
                elements: vec![],
                part,
            });
        }
        let placement = &placements[pi];
        let mut page = body_page(placement, &flow, frame, folio(pi));
        side.place(&mut page, placement, &flow, frame);
        merge_bands(&mut page.pieces);
        let part = (placement.part < issue.parts.len()).then_some(placement.part);
        // A part's opening page shows its name in the banner, not above it.
        let opens_part = placement
            .elements
            .first()
            .is_some_and(|&(k, _)| matches!(flow[k].anchor, Some(Anchor::Part(_))));
        let head = (!opens_part).then_some(part);
        let running = furniture::running(&mut s, &furniture.running, head, folio(pi));
        page.pieces.extend(running);
        pages.push(page);
        pi += 1;
    }
    pages.push(furniture::back_cover(&mut s, &furniture.back));
    Flowed {
        pages,
        outline: outline(issue, &landed, first_body, frame.top),
        toc_passes: passes,
    }
}

/// A body page with its flow elements in place (no furniture yet).
fn body_page(
    placement: &Placement,
    flow: &[Element],
    frame: super::geometry::Frame,
    folio: u32,
) -> FlowPage {
    let mut page = FlowPage {
        folio: Some(folio),
        ..FlowPage::default()
    };
    for &(k, y) in &placement.elements {
        for piece in &flow[k].pieces {
            let mut piece = piece.clone();
            piece.shift(frame.left, frame.top + y);
            page.pieces.push(piece);
        }
        for l in &flow[k].links {
            let mut l = l.clone();
            l.x += frame.left;
            l.y += frame.top + y;
            page.links.push(l);
        }
    }
    page
}

/// The side column of the body pages: asides go beside the element they
/// belong to, below the aside before them; one that does not fit waits for
/// the next page's top.
#[derive(Default)]
struct SideColumn {
    carried: Vec<blocks::Aside>,
}

impl SideColumn {
    /// Space between two asides.
    const GAP: f32 = 8.0;

    fn place(
        &mut self,
        page: &mut FlowPage,
        placement: &Placement,
        flow: &[Element],
        frame: super::geometry::Frame,
    ) {
        let mut cursor = 0.0f32;
        let mut waiting = std::mem::take(&mut self.carried);
        let anchored = placement
            .elements
            .iter()
            .flat_map(|&(k, y)| flow[k].asides.iter().map(move |a| (y, a)));
        let mut queue: Vec<(f32, blocks::Aside)> = waiting.drain(..).map(|a| (0.0, a)).collect();
        queue.extend(anchored.map(|(y, a)| (y, a.clone())));
        for (y, aside) in queue {
            let at = y.max(cursor);
            // An aside taller than a page is set anyway, at a page's top;
            // once one waits, the ones after it wait too (their order).
            let fits = at + aside.height <= frame.body_h || (cursor == 0.0 && at == 0.0);
            if !fits || !self.carried.is_empty() {
                self.carried.push(aside);
                continue;
            }
            for mut p in aside.pieces {
                p.shift(frame.left, frame.top + at);
                page.pieces.push(p);
            }
            for mut l in aside.links {
                l.x += frame.left;
                l.y += frame.top + at;
                page.links.push(l);
            }
            cursor = at + aside.height + Self::GAP;
        }
    }
}

/// Tinted bands drawn a line at a time (an editor's note) become one
/// rectangle per page: strips of one colour, left edge and width that
/// touch end to end are joined into the first, which is drawn before the
/// lines they lie under. (Abutting strips can show hairline seams in some
/// viewers.)
fn merge_bands(pieces: &mut Vec<Piece>) {
    let mut i = 0;
    while i < pieces.len() {
        let Piece::Item(Item::Rect { x, y, w, h, color }) = pieces[i] else {
            i += 1;
            continue;
        };
        let mut bottom = y + h;
        let mut j = i + 1;
        while j < pieces.len() {
            match pieces[j] {
                Piece::Item(Item::Rect {
                    x: x2,
                    y: y2,
                    w: w2,
                    h: h2,
                    color: c2,
                }) if h2 >= 1.0
                    && h >= 1.0
                    && c2 == color
                    && (x2 - x).abs() < 0.01
                    && (w2 - w).abs() < 0.01
                    && (y2 - bottom).abs() < 0.01 =>
                {
                    bottom = y2 + h2;
                    pieces.remove(j);
                }
                _ => j += 1,
            }
        }
        if let Piece::Item(Item::Rect { h, .. }) = &mut pieces[i] {
            *h = bottom - y;
        }
        i += 1;
    }
}

/// Bookmarks: parts, and their articles numbered as in the contents.
fn outline(issue: &Issue, landed: &Landed, first_body: usize, top: f32) -> Vec<OutlineEntry> {
    issue
        .parts
        .iter()
        .enumerate()
        .map(|(pi, part)| OutlineEntry {
            title: part.name.clone(),
            page: first_body + landed.parts[pi].0,
            y: top + landed.parts[pi].1,
            children: part
                .articles
                .iter()
                .enumerate()
                .map(|(ai, a)| {
                    let mut title = format!("{}. ", a.number);
                    if let Some(c) = &a.category {
                        title.push_str(&format!("【{c}】 "));
                    }
                    title.push_str(plain_text(&a.title).trim());
                    OutlineEntry {
                        title,
                        page: first_body + landed.articles[pi][ai].0,
                        y: top + landed.articles[pi][ai].1,
                        children: vec![],
                    }
                })
                .collect(),
        })
        .collect()
}
