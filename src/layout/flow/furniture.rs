//! The cover, the back cover, and the running heads and folios of body
//! pages, placed from the collected furniture text.

use super::super::collect::Align;
use super::super::collect::furniture::{BackCoverText, Contacts, CoverText, RunningText};
use super::super::document::{Item, Structure};
use super::text::Setter;
use super::{FlowPage, Piece};

fn rect(x: f32, y: f32, w: f32, h: f32, color: crate::template::Color) -> Piece {
    Piece::Item(Item::Rect { x, y, w, h, color })
}

pub fn cover(s: &mut Setter, c: &CoverText) -> FlowPage {
    let t = s.template;
    let cs = &t.cover;
    let accent = t.colors.accent;
    let f = s.frame;
    let (pw, ph, x, w) = (f.page_w, f.page_h, f.left, f.text_w);
    let mut pieces = vec![
        rect(0.0, 0.0, pw, cs.band_top_pt, accent),
        rect(x, ph * cs.rule_at, w, 3.0, accent),
    ];
    let a = Structure::Artifact;
    let mut y = ph * cs.publisher_at;
    let (p, _, h) = s.block(
        c.publisher,
        x,
        y,
        w,
        cs.publisher.leading_pt,
        Align::Left,
        a,
    );
    pieces.extend(p);
    y += h + 10.0;
    let (p, _, h) = s.block(c.title, x, y, w, cs.title.leading_pt, Align::Left, a);
    pieces.extend(p);
    y += h;
    let (p, _, _) = s.block(c.number, x, y, w, cs.number.leading_pt, Align::Left, a);
    pieces.extend(p);
    let (p, _, _) = s.block(c.date, x, y + 4.0, w, cs.date.leading_pt, Align::Right, a);
    pieces.extend(p);
    // The parts, as on the printed cover.
    let mut y = ph * cs.rule_at + 24.0;
    for &part in &c.parts {
        let (p, _, h) = s.block(part, x, y, w, cs.parts.leading_pt, Align::Left, a);
        pieces.extend(p);
        y += h + 6.0;
    }
    // Publisher and contacts at the foot.
    pieces.extend(contacts(s, &c.contacts, x, ph * cs.contacts_at, w, a));
    let band = cs.band_bottom_pt;
    pieces.push(rect(0.0, ph - band, pw, band, accent));
    FlowPage {
        pieces,
        links: vec![],
        folio: None,
    }
}

pub fn back_cover(s: &mut Setter, b: &BackCoverText) -> FlowPage {
    let t = s.template;
    let bs = &t.back_cover;
    let accent = t.colors.accent;
    let f = s.frame;
    let (pw, ph, x, w) = (f.page_w, f.page_h, f.left, f.text_w);
    let mut pieces = vec![rect(0.0, 0.0, pw, bs.band_top_pt, accent)];
    let mut links = vec![];
    let (heading, para) = (Structure::Block(b.heading), Structure::Block(b.paragraph));
    let text_lead = bs.text.leading_pt;
    let mut y = ph * bs.title_at;
    let (p, _, h) = s.block(
        b.title,
        x,
        y,
        w,
        bs.title.leading_pt,
        Align::Center,
        heading,
    );
    pieces.extend(p);
    y += h + 24.0;
    let (p, l, h) = s.block(b.subscribe, x, y, w, text_lead, Align::Center, para);
    pieces.extend(p);
    links.extend(l);
    y += h + 16.0;
    for &link in &b.links {
        let (p, l, h) = s.block(link, x, y, w, text_lead, Align::Center, para);
        pieces.extend(p);
        links.extend(l);
        y += h;
    }
    if let Some(note) = b.note {
        y += 8.0;
        let (p, _, _) = s.block(note, x, y, w, bs.note.leading_pt, Align::Center, para);
        pieces.extend(p);
    }
    let y = ph * bs.contacts_at;
    pieces.push(rect(x, y - 14.0, w, 0.8, t.colors.rule));
    pieces.extend(contacts(s, &b.contacts, x, y, w, para));
    let band = bs.band_bottom_pt;
    pieces.push(rect(0.0, ph - band, pw, band, accent));
    FlowPage {
        pieces,
        links,
        folio: None,
    }
}

/// The publisher's contacts from `top` down.
fn contacts(s: &mut Setter, c: &Contacts, x: f32, top: f32, w: f32, node: Structure) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut y = top;
    for &(line, lead) in &c.0 {
        let (p, _, _) = s.block(line, x, y, w, lead, Align::Left, node);
        pieces.extend(p);
        y += lead;
    }
    pieces
}

/// Running head (part name, issue) and folio for a body page; `head` is
/// None on a page with no running head (a part's opening page), else the
/// part whose name runs (if any).
pub fn running(
    s: &mut Setter,
    r: &RunningText,
    head: Option<Option<usize>>,
    folio: u32,
) -> Vec<Piece> {
    let t = s.template;
    let f = s.frame;
    let (x, w) = (f.left, f.text_w);
    let rh = &t.running_head;
    let head_y = f.top - rh.above_text_pt;
    let a = Structure::Artifact;
    let mut pieces = Vec::new();
    if let Some(part) = head {
        let name = part
            .and_then(|p| r.part_names.get(p).copied())
            .unwrap_or(r.no_part);
        pieces.extend(s.block(name, x, head_y, w, 14.0, Align::Left, a).0);
        pieces.extend(s.block(r.masthead, x, head_y, w, 14.0, Align::Right, a).0);
        pieces.push(rect(x, head_y + 16.0, w, 0.5, t.colors.rule));
    }
    let foot_y = f.bottom() + rh.folio_below_text_pt;
    let folio = s.add(&folio.to_string(), r.folio, Default::default());
    pieces.extend(s.block(folio, x, foot_y, w, 14.0, Align::Center, a).0);
    pieces
}
