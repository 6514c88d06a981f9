//! The body's boxes → a flow of page-independent elements: text lines, gaps
//! and unsplittable boxes, each with its keep rules (STYLE.md habit 6: the
//! paginator only compares what each element needs with the space left).

use crate::template::Color;

use super::super::collect::body::{
    ArticleBox, BlockBox, ListBox, ListContent, MARKER_MEASURE, PartBox,
};
use super::super::collect::{Align, ParaId};
use super::super::document::{Item, Link, Structure};
use super::super::prepare::SetText;
use super::Piece;
use super::text::Setter;

#[derive(Clone, Debug, PartialEq)]
pub enum Anchor {
    Part(usize),
    Article(usize, usize),
}

#[derive(Clone, Debug)]
pub struct Element {
    pub height: f32,
    /// Pieces relative to the element's top-left at the column's left edge.
    pub pieces: Vec<Piece>,
    pub links: Vec<Link>,
    pub gap: bool,
    /// Start a new page before this element (a part's first element).
    pub new_page: bool,
    /// A page may not end right after this element (headings).
    pub keep_with_next: bool,
    /// A page may break right before this element (widow/orphan rules).
    pub break_before: bool,
    /// For table rows: the flow index of the header row to repeat on a
    /// new page.
    pub repeat_header: Option<usize>,
    pub anchor: Option<Anchor>,
    /// The part whose name runs in the header of this element's page.
    pub part: usize,
    /// What goes in the side column beside this element (captions,
    /// editor's notes, source lists in a design with a side column).
    pub asides: Vec<Aside>,
}

/// Pieces for the side column, placed from the top of the element they
/// belong to (or lower, below the aside before them).
#[derive(Clone, Debug)]
pub struct Aside {
    pub pieces: Vec<Piece>,
    pub links: Vec<Link>,
    pub height: f32,
}

impl Aside {
    /// Elements stacked into one aside.
    pub(super) fn stack(elements: Vec<Element>) -> Aside {
        let mut aside = Aside {
            pieces: vec![],
            links: vec![],
            height: 0.0,
        };
        for e in elements {
            for mut p in e.pieces {
                p.shift(0.0, aside.height);
                aside.pieces.push(p);
            }
            for mut l in e.links {
                l.y += aside.height;
                aside.links.push(l);
            }
            aside.height += e.height;
        }
        aside
    }
}

/// How a paragraph's lines go into the flow.
#[derive(Clone, Copy)]
pub(super) struct LineSpec {
    indent: f32,
    measure: f32,
    align: Align,
    leading: f32,
    node: Structure,
    /// Every line keeps with the next element (headings).
    keep: bool,
}

/// A spec moved into the side column at (x, width).
fn side_spec(spec: LineSpec, (x, w): (f32, f32)) -> LineSpec {
    LineSpec {
        indent: x,
        measure: w,
        ..spec
    }
}

/// Builds the body's flow, part by part.
pub fn body(setter: &mut Setter, parts: &[PartBox]) -> Vec<Element> {
    let mut b = Builder {
        s: setter,
        flow: Vec::new(),
        part: 0,
    };
    for (pi, part) in parts.iter().enumerate() {
        b.part(pi, part);
    }
    b.flow
}

pub(super) struct Builder<'s, 't, 'a> {
    pub(super) s: &'s mut Setter<'t, 'a>,
    pub(super) flow: Vec<Element>,
    part: usize,
}

impl Builder<'_, '_, '_> {
    pub(super) fn push(
        &mut self,
        height: f32,
        pieces: Vec<Piece>,
        links: Vec<Link>,
    ) -> &mut Element {
        self.flow.push(Element {
            height,
            pieces,
            links,
            gap: false,
            new_page: false,
            keep_with_next: false,
            break_before: true,
            repeat_header: None,
            anchor: None,
            part: self.part,
            asides: vec![],
        });
        self.flow.last_mut().expect("just pushed")
    }

    pub(super) fn gap(&mut self, height: f32) {
        if height > 0.0 {
            self.push(height, vec![], vec![]).gap = true;
        }
    }

    pub(super) fn last_keep(&mut self) {
        if let Some(f) = self.flow.last_mut() {
            f.keep_with_next = true;
        }
    }

    pub(super) fn body_lead(&self) -> f32 {
        let t = &self.s.template.text;
        t.body_size_pt * t.line_height
    }

    /// A paragraph as flow lines: one element per line, with widow and
    /// orphan rules (at least two lines at a page bottom and top); an
    /// optional marker left of the first line and a tinted band behind
    /// each line (its colour, left edge and width).
    pub(super) fn lines(
        &mut self,
        text: ParaId,
        spec: LineSpec,
        marker: Option<(ParaId, f32)>,
        band: Option<(Color, f32, f32)>,
    ) {
        // Headings (the lines that keep with what follows) wrap balanced.
        let set = if spec.keep && spec.align == Align::Left {
            self.s.set_balanced(text, spec.measure, spec.align).0
        } else {
            self.s.set(text, spec.measure, spec.align)
        };
        let marker: Option<(SetText, f32)> =
            marker.map(|(m, x)| (self.s.set(m, MARKER_MEASURE, Align::Left), x));
        let n = set.lines.len();
        for i in 0..n {
            let LineSpec {
                indent,
                measure,
                align,
                leading,
                node,
                keep,
            } = spec;
            let (piece, links) = self
                .s
                .line(&set, i, indent, 0.0, leading, measure, align, node);
            let mut pieces = Vec::new();
            if let Some((color, x, w)) = band {
                pieces.push(Piece::Item(Item::Rect {
                    x,
                    y: 0.0,
                    w,
                    h: leading,
                    color,
                }));
            }
            pieces.push(piece);
            if i == 0
                && let Some((m, x)) = &marker
                && !m.lines.is_empty()
            {
                let (mp, _) = self
                    .s
                    .line(m, 0, *x, 0.0, leading, indent, Align::Left, node);
                pieces.push(mp);
            }
            let flow = &self.s.template.flow;
            let (widows, orphans) = (flow.widow_lines, flow.orphan_lines);
            let f = self.push(leading, pieces, links);
            f.break_before = i == 0 || (i >= orphans && n - i >= widows);
            f.keep_with_next = keep;
        }
    }

    fn part(&mut self, index: usize, part: &PartBox) {
        self.part = index;
        let t = self.s.template;
        let accent = t.colors.accent;
        let w = self.s.frame.col_w;
        let banner = &t.body.part_banner;
        // Banner: label and part name over an accent rule.
        let set = self.s.set(part.banner, w, Align::Left);
        let (h, rule) = (banner.height_pt, banner.rule_pt);
        let mut pieces = vec![Piece::Item(Item::Rect {
            x: 0.0,
            y: h - rule,
            w,
            h: rule,
            color: accent,
        })];
        if !set.lines.is_empty() {
            let node = Structure::Block(part.heading);
            let (p, _) = self
                .s
                .line(&set, 0, 0.0, 0.0, h - 6.0, w, Align::Left, node);
            pieces.push(p);
        }
        let f = self.push(h, pieces, vec![]);
        f.new_page = true;
        f.keep_with_next = true;
        f.anchor = Some(Anchor::Part(index));
        self.gap(banner.space_after_pt);
        self.last_keep();
        for (ai, a) in part.articles.iter().enumerate() {
            if ai > 0 {
                self.gap(self.body_lead() * t.body.article_space_lines);
            }
            self.article(index, ai, a);
        }
    }

    fn article(&mut self, pi: usize, ai: usize, a: &ArticleBox) {
        let t = self.s.template;
        let size = t.text.article_title_size_pt;
        let w = self.s.frame.col_w;
        let first = self.flow.len();
        // The title hangs after its number.
        let hang = self.s.texts.advance(a.number);
        let spec = LineSpec {
            indent: hang,
            measure: w - hang,
            align: Align::Left,
            leading: size * t.body.article_title_leading,
            node: Structure::Block(a.heading),
            keep: true,
        };
        self.lines(a.title, spec, Some((a.number, 0.0)), None);
        if let Some(f) = self.flow.get_mut(first) {
            f.anchor = Some(Anchor::Article(pi, ai));
        }
        for f in &mut self.flow[first..] {
            f.break_before = f.anchor.is_some();
        }
        if let Some((src, node)) = a.source {
            let spec = LineSpec {
                indent: 0.0,
                measure: w,
                align: Align::Right,
                leading: t.text.small_size_pt * t.body.small_leading,
                node: Structure::Block(node),
                ..spec
            };
            self.lines(src, spec, None, None);
        }
        let rule = Piece::Item(Item::Rect {
            x: 0.0,
            y: 2.0,
            w,
            h: t.body.article_rule_pt,
            color: t.colors.rule,
        });
        self.push(6.0, vec![rule], vec![]).keep_with_next = true;
        self.gap(6.0);
        self.last_keep();
        let mut after_subhead = false;
        // A heading keeps with a picture under it and the text after that.
        let mut after_heading = true;
        for b in &a.blocks {
            let at = self.flow.len();
            self.block(b, 0.0, after_subhead);
            if after_heading && matches!(b, BlockBox::Figure(_)) {
                for f in &mut self.flow[at..] {
                    f.keep_with_next = true;
                }
            }
            after_subhead = b.is_subhead();
            after_heading = after_subhead || after_heading && matches!(b, BlockBox::Figure(_));
        }
    }

    fn block(&mut self, b: &BlockBox, indent: f32, after_subhead: bool) {
        let t = self.s.template;
        let lead = self.body_lead();
        let para_gap = lead * t.text.paragraph_gap;
        let small = t.text.small_size_pt;
        let small_lead = small * t.body.small_leading;
        let spec = LineSpec {
            indent,
            measure: self.s.frame.col_w - indent,
            align: Align::Justify,
            leading: lead,
            node: Structure::Artifact,
            keep: false,
        };
        match b {
            BlockBox::Subhead { level, text, node } => {
                let size = t.text.subhead_sizes_pt[(*level as usize - 1).min(2)];
                if !after_subhead {
                    self.gap(lead * 0.5);
                }
                let spec = LineSpec {
                    align: Align::Left,
                    leading: size * t.body.subhead_leading,
                    node: Structure::Block(*node),
                    keep: true,
                    ..spec
                };
                self.lines(*text, spec, None, None);
                self.gap(lead * 0.15);
                self.last_keep();
            }
            BlockBox::Paragraph { text, node } => {
                let node = Structure::Block(*node);
                self.lines(*text, LineSpec { node, ..spec }, None, None);
                self.gap(para_gap);
            }
            BlockBox::Attribution { text, node } => {
                let spec = LineSpec {
                    align: Align::Right,
                    leading: small_lead,
                    node: Structure::Block(*node),
                    ..spec
                };
                self.lines(*text, spec, None, None);
                self.gap(para_gap);
            }
            BlockBox::List(list) => {
                self.list(list, indent);
                self.gap(para_gap);
            }
            BlockBox::Figure(fig) => self.figure(fig),
            BlockBox::Table(table) => self.table(table),
            BlockBox::Note(paras) => match self.s.frame.side {
                Some(side) => {
                    let start = self.flow.len();
                    self.note(paras, side_spec(spec, side));
                    self.move_to_side(start);
                }
                None => {
                    self.note(paras, spec);
                    self.gap(para_gap);
                }
            },
            BlockBox::Sources { label, items } => match self.s.frame.side {
                Some(side) => {
                    let start = self.flow.len();
                    self.sources(*label, items, side_spec(spec, side));
                    self.move_to_side(start);
                }
                None => {
                    self.gap(lead * 0.3);
                    self.sources(*label, items, spec);
                    self.gap(para_gap);
                }
            },
        }
    }

    /// An editor's note: its paragraphs on a tinted band, with a band
    /// edge above and below.
    fn note(&mut self, paras: &[(ParaId, usize)], spec: LineSpec) {
        let t = self.s.template;
        let small_lead = t.text.small_size_pt * t.body.small_leading;
        let (pad, inset) = (t.body.note_padding_pt, t.body.note_inset_pt);
        let (indent, w) = (spec.indent, spec.measure);
        let bg = t.colors.note_background;
        let edge = Piece::Item(Item::Rect {
            x: indent,
            y: 0.0,
            w,
            h: pad,
            color: bg,
        });
        self.push(pad, vec![edge.clone()], vec![]);
        for &(text, node) in paras {
            let spec = LineSpec {
                indent: indent + pad + inset,
                measure: w - 2.0 * pad - inset,
                leading: small_lead,
                node: Structure::Block(node),
                ..spec
            };
            self.lines(text, spec, None, Some((bg, indent, w)));
        }
        self.push(pad, vec![edge], vec![]);
    }

    /// A source list: the label once, every item hung under the first
    /// item's text.
    fn sources(&mut self, label: ParaId, items: &[(ParaId, usize)], spec: LineSpec) {
        let t = self.s.template;
        let small = t.text.small_size_pt;
        let hang = self.s.width(label) + small * 0.3;
        for (i, &(text, node)) in items.iter().enumerate() {
            let marker = (i == 0).then_some((label, spec.indent));
            let spec = LineSpec {
                indent: spec.indent + hang,
                measure: spec.measure - hang,
                align: Align::Left,
                leading: small * t.body.small_leading,
                node: Structure::Block(node),
                keep: false,
            };
            self.lines(text, spec, marker, None);
        }
    }

    fn list(&mut self, list: &ListBox, indent: f32) {
        let lead = self.body_lead();
        let t = self.s.template;
        let gap = t.text.body_size_pt * t.body.list_marker_gap_em;
        // The template's hang, or more where a marker (`12.`) needs it.
        let widest = list
            .items
            .iter()
            .flat_map(|i| &i.content)
            .filter_map(|c| match c {
                ListContent::Text { marker, .. } => *marker,
                _ => None,
            })
            .map(|m| self.s.width(m))
            .fold(0.0, f32::max);
        let hang = (t.text.body_size_pt * t.body.list_hang_em).max(widest + gap);
        for item in &list.items {
            for content in &item.content {
                match content {
                    ListContent::Text { text, marker } => {
                        let spec = LineSpec {
                            indent: indent + hang,
                            measure: self.s.frame.col_w - indent - hang,
                            align: Align::Justify,
                            leading: lead,
                            node: Structure::Block(item.node),
                            keep: false,
                        };
                        // Markers end one gap before the text, whatever
                        // their width: `•`, `①` and `12.` alike.
                        let marker = marker.map(|m| {
                            let w = self.s.width(m);
                            (m, indent + hang - gap - w)
                        });
                        self.lines(*text, spec, marker, None);
                    }
                    ListContent::List(inner) => self.list(inner, indent + hang),
                    ListContent::Block(b) => self.block(b, indent + hang, false),
                }
            }
        }
    }

    /// Moves the elements from `start` on out of the flow into one aside
    /// of the element before them.
    fn move_to_side(&mut self, start: usize) {
        let elements = self.flow.split_off(start);
        let aside = Aside::stack(elements);
        match self.flow.last_mut() {
            Some(e) => e.asides.push(aside),
            None => self.push(0.0, vec![], vec![]).asides.push(aside),
        }
    }

    /// A caption's lines as elements, not yet in the flow: under the
    /// picture, or in the side column.
    pub(super) fn caption(&mut self, text: ParaId, node: usize) -> Vec<Element> {
        let t = self.s.template;
        let size = t.text.caption_size_pt;
        let start = self.flow.len();
        let (indent, measure) = self.s.frame.side.unwrap_or((0.0, self.s.frame.col_w));
        let spec = LineSpec {
            indent,
            measure,
            align: Align::Left,
            leading: size * t.body.caption_leading,
            node: Structure::Block(node),
            keep: false,
        };
        self.lines(text, spec, None, None);
        self.flow.split_off(start)
    }
}
