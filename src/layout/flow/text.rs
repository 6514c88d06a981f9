//! Setting prepared text at a place: a paragraph's lines as pieces at
//! their baselines, with the link areas they carry.

use crate::diag::Span;
use crate::template::Template;
use crate::text::shape::{Style, StyledText};

use super::super::collect::{Align, Measure, ParaId, UNBOUNDED};
use super::super::document::{Link, LinkTarget, Structure};
use super::super::geometry::Frame;
use super::super::prepare::{SetText, Texts};
use super::Piece;

/// What the flow stage sets text with: the prepared texts, the link
/// targets and the design.
pub struct Setter<'t, 'a> {
    pub texts: &'t mut Texts<'a>,
    pub urls: &'t [String],
    pub template: &'t Template,
    pub frame: Frame,
}

impl Setter<'_, '_> {
    /// `id`'s lines at `width`.
    pub fn set(&mut self, id: ParaId, width: f32, align: Align) -> SetText {
        self.texts.set(id, Measure::new(width, align))
    }

    /// `id`'s lines at `width`, or, when it wraps, at the narrowest width
    /// that keeps as many lines: the lines of a heading come out even, not
    /// a full line and a word (CSS's `text-wrap: balance`). Returns the
    /// lines and the measure they were broken at.
    pub fn set_balanced(&mut self, id: ParaId, width: f32, align: Align) -> (SetText, f32) {
        let full = self.set(id, width, align);
        let n = full.lines.len();
        if n < 2 {
            return (full, width);
        }
        let (mut best, mut best_w) = (full, width);
        let (mut lo, mut hi) = (width * 0.5, width);
        for _ in 0..10 {
            // Quarter points, so that the probes stay few and reproducible.
            let mid = ((lo + hi) / 2.0 * 4.0).round() / 4.0;
            if mid >= hi || mid <= lo {
                break;
            }
            let set = self.set(id, mid, align);
            // Same number of lines, none of them over the narrower measure.
            let fits = set.lines.iter().all(|l| l.width <= mid + 0.5);
            if set.lines.len() == n && fits {
                (best, best_w, hi) = (set, mid, mid);
            } else {
                lo = mid;
            }
        }
        (best, best_w)
    }

    /// The natural width of `id`: its widest line when nothing wraps.
    pub fn width(&mut self, id: ParaId) -> f32 {
        self.texts
            .natural_width(id, Measure::new(UNBOUNDED, Align::Left))
    }

    /// A text only pagination knows, in one style.
    pub fn add(&mut self, text: &str, style: Style, source: Span) -> ParaId {
        let mut s = StyledText::default();
        s.push(text, style, source);
        self.texts.add(s)
    }

    /// Line `i` of `set` as a piece in a box whose top-left is (x, top) and
    /// height `height`, aligned within `measure`, and its link areas.
    #[allow(clippy::too_many_arguments)]
    pub fn line(
        &self,
        set: &SetText,
        i: usize,
        x: f32,
        top: f32,
        height: f32,
        measure: f32,
        align: Align,
        node: Structure,
    ) -> (Piece, Vec<Link>) {
        let line = &set.lines[i];
        let para = &set.para;
        let book = self.texts.book();
        // The baseline centres the faces' ascender-to-descender box in the
        // line box; the largest type on the line decides.
        let (mut size, mut centre) = (0.0f32, 0.0f32);
        for p in &line.glyphs {
            let g = &para.glyphs[p.glyph];
            let s = para.styles[g.style as usize].size;
            let face = book.face(g.face);
            size = size.max(s);
            centre = centre.max(s * (face.ascender + face.descender) / 2.0);
        }
        let baseline = top + height / 2.0 + centre;
        let dx = match align {
            Align::Justify | Align::Left => 0.0,
            Align::Center => ((measure - line.width) / 2.0).max(0.0),
            Align::Right => (measure - line.width).max(0.0),
        };
        let mut links: Vec<Link> = Vec::new();
        let mut current: Option<(u32, f32, f32)> = None;
        for p in &line.glyphs {
            let g = &set.para.glyphs[p.glyph];
            let link = set.para.styles[g.style as usize].link;
            match (current, link) {
                (Some((l, x0, _)), Some(k)) if l == k => current = Some((l, x0, p.x + p.advance)),
                _ => {
                    if let Some((l, x0, x1)) = current.take() {
                        links.push(self.link_area(l, x + dx + x0, x1 - x0, baseline, size, node));
                    }
                    if let Some(k) = link {
                        current = Some((k, p.x, p.x + p.advance));
                    }
                }
            }
        }
        if let Some((l, x0, x1)) = current {
            links.push(self.link_area(l, x + dx + x0, x1 - x0, baseline, size, node));
        }
        let piece = Piece::Line {
            x: x + dx,
            y: baseline,
            set: set.clone(),
            index: i,
            node,
        };
        (piece, links)
    }

    #[allow(clippy::too_many_arguments)]
    fn link_area(
        &self,
        link: u32,
        x: f32,
        w: f32,
        baseline: f32,
        size: f32,
        node: Structure,
    ) -> Link {
        Link {
            node,
            x,
            y: baseline - size * 0.9,
            w,
            h: size * 1.15,
            target: LinkTarget::Url(self.urls[link as usize].clone()),
        }
    }

    /// A paragraph set at (x, top) within `w`, one line every `lead`:
    /// pieces, links and the height used.
    #[allow(clippy::too_many_arguments)]
    pub fn block(
        &mut self,
        id: ParaId,
        x: f32,
        top: f32,
        w: f32,
        lead: f32,
        align: Align,
        node: Structure,
    ) -> (Vec<Piece>, Vec<Link>, f32) {
        let set = self.set(id, w, align);
        let mut pieces = Vec::new();
        let mut links = Vec::new();
        for i in 0..set.lines.len() {
            let (p, l) = self.line(&set, i, x, top + i as f32 * lead, lead, w, align, node);
            pieces.push(p);
            links.extend(l);
        }
        (pieces, links, set.lines.len() as f32 * lead)
    }
}
