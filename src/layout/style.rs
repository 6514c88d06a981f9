//! The layout context: template values in points, the font book, and the
//! helpers that turn inlines into styled, shaped, broken text.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::diag::{Diagnostic, Diagnostics};
use crate::fonts::{FontBook, Role};
use crate::model::Inline;
use crate::template::{BreakUnit, Color, Template};
use crate::text::breaks::Unit;
use crate::text::lines::{self, Line, Params};
use crate::text::shape::{self, ShapedPara, Style, StyledText};

use super::{Item, Link, LinkTarget, MM, Node};

pub struct Ctx<'a> {
    pub template: &'a Template,
    pub book: &'a FontBook,
    pub page_w: f32,
    pub page_h: f32,
    pub left: f32,
    pub top: f32,
    pub col_w: f32,
    pub body_h: f32,
    pub urls: Vec<String>,
    pub warnings: Diagnostics,
    /// Time spent shaping and breaking lines, for `--timings`.
    pub shaping: std::time::Duration,
    pub breaking: std::time::Duration,
    /// Wall time spent in the text engine (shaping and breaking, however
    /// many threads ran them).
    pub text_wall: std::time::Duration,
    /// First pass: the requests to set, instead of setting them.
    pub recording: Option<Vec<Request>>,
    /// Second pass: what the first pass asked for, set in parallel.
    pub prepared: std::collections::HashMap<Request, Prepared>,
}

/// What to set: the text, its measure (all of ours are constant per
/// paragraph) and alignment. Equal requests give equal results.
#[derive(Clone, Debug)]
pub struct Request {
    styled: StyledText,
    measure: f32,
    align: Align,
}

impl PartialEq for Request {
    fn eq(&self, other: &Self) -> bool {
        self.measure.to_bits() == other.measure.to_bits()
            && self.align == other.align
            && self.styled.text == other.styled.text
            && self.styled.spans.len() == other.styled.spans.len()
            && self
                .styled
                .spans
                .iter()
                .zip(&other.styled.spans)
                .all(|(a, b)| a.range == b.range && a.source == b.source && a.style == b.style)
    }
}

impl Eq for Request {}

impl std::hash::Hash for Request {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.styled.text.hash(h);
        self.measure.to_bits().hash(h);
        (self.align as u8).hash(h);
        for s in &self.styled.spans {
            s.range.hash(h);
            s.source.start.hash(h);
            (s.style.role as u8).hash(h);
            s.style.size.to_bits().hash(h);
            s.style.link.hash(h);
        }
    }
}

/// A request, set: lines, the engine's warnings (by text offset) and the
/// time it took.
#[derive(Clone)]
pub struct Prepared {
    set: SetText,
    warnings: Vec<lines::LineWarning>,
    shaping: std::time::Duration,
    breaking: std::time::Duration,
}

fn prepare(book: &FontBook, template: &Template, r: &Request) -> Prepared {
    let t0 = std::time::Instant::now();
    let para = shape::shape(book, &r.styled);
    let shaping = t0.elapsed();
    let params = Params {
        unit: match template.text.break_unit {
            BreakUnit::Word => Unit::Word,
            BreakUnit::Syllable => Unit::Syllable,
        },
        justify: r.align == Align::Justify,
        ..Params::default()
    };
    let t1 = std::time::Instant::now();
    let measure = r.measure;
    let (lines, warnings) = lines::break_lines(&para, &|_| measure, &params);
    let breaking = t1.elapsed();
    Prepared {
        set: SetText {
            para: Arc::new(para),
            lines,
        },
        warnings,
        shaping,
        breaking,
    }
}

/// A shaped paragraph and its lines.
#[derive(Clone)]
pub struct SetText {
    pub para: Arc<ShapedPara>,
    pub lines: Vec<Line>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

impl<'a> Ctx<'a> {
    pub fn new(template: &'a Template, book: &'a FontBook) -> Self {
        let p = &template.page;
        let page_w = p.width_mm * MM;
        let page_h = p.height_mm * MM;
        let left = p.margin_inner_mm * MM;
        let top = p.margin_top_mm * MM;
        Ctx {
            template,
            book,
            page_w,
            page_h,
            left,
            top,
            col_w: page_w - (p.margin_inner_mm + p.margin_outer_mm) * MM,
            body_h: page_h - (p.margin_top_mm + p.margin_bottom_mm) * MM,
            urls: Vec::new(),
            warnings: Diagnostics::default(),
            shaping: Default::default(),
            breaking: Default::default(),
            text_wall: Default::default(),
            recording: None,
            prepared: Default::default(),
        }
    }

    pub fn style(&self, role: Role, size: f32, color: Color) -> Style {
        Style {
            role,
            size,
            color,
            link: None,
        }
    }

    pub fn body_size(&self) -> f32 {
        self.template.text.body_size_pt
    }

    pub fn leading(&self, size: f32) -> f32 {
        size * self.template.text.line_height
    }

    /// Appends inlines to `out` in `base` style: bold takes the bold face
    /// of the same family, emphasis the Gothic face, links the accent.
    pub fn push_inlines(&mut self, out: &mut StyledText, inlines: &[Inline], base: Style) {
        for inline in inlines {
            match inline {
                Inline::Text { text, span } => out.push(text, base, *span),
                Inline::LineBreak { span } => out.push("\n", base, *span),
                Inline::Strong { children, .. } => {
                    let role = match base.role {
                        Role::Serif | Role::SerifBold => Role::SerifBold,
                        Role::Sans | Role::SansBold => Role::SansBold,
                    };
                    self.push_inlines(out, children, Style { role, ..base });
                }
                Inline::Emphasis { children, .. } => {
                    let role = match base.role {
                        Role::Serif => Role::Sans,
                        Role::SerifBold => Role::SansBold,
                        r => r,
                    };
                    self.push_inlines(out, children, Style { role, ..base });
                }
                Inline::Link { url, children, .. } => {
                    self.urls.push(url.clone());
                    let link = Some(self.urls.len() as u32 - 1);
                    let color = self.template.colors.accent;
                    self.push_inlines(
                        out,
                        children,
                        Style {
                            link,
                            color,
                            ..base
                        },
                    );
                }
            }
        }
    }

    /// Shapes and breaks styled text; missing glyphs and overfull lines
    /// become located warnings.
    pub fn set(
        &mut self,
        styled: &StyledText,
        measure: &dyn Fn(usize) -> f32,
        align: Align,
    ) -> SetText {
        let key = Request {
            styled: styled.clone(),
            measure: measure(0),
            align,
        };
        if let Some(requests) = &mut self.recording {
            // First pass: note what will be set, set nothing.
            requests.push(key);
            return SetText {
                para: Arc::new(ShapedPara::default()),
                lines: vec![],
            };
        }
        let prepared = match self.prepared.get(&key) {
            Some(p) => p.clone(),
            None => {
                let t0 = std::time::Instant::now();
                let p = prepare(self.book, self.template, &key);
                self.text_wall += t0.elapsed();
                self.shaping += p.shaping;
                self.breaking += p.breaking;
                self.prepared.insert(key, p.clone());
                p
            }
        };
        for (_, c, span) in &prepared.set.para.missing {
            let msg = format!("no font has the character `{c}` (U+{:04X})", *c as u32);
            let d = match span {
                Some(s) => Diagnostic::warning(*s, msg),
                None => Diagnostic::general(msg),
            };
            self.warnings
                .push(d.with_hint("use another character, or add a font with --font-path"));
        }
        for w in &prepared.warnings {
            if let Some(span) = styled.source_at(w.at) {
                self.warnings
                    .push(Diagnostic::warning(span, w.message.clone()));
            }
        }
        prepared.set
    }

    /// Shapes and breaks every recorded request on all cores, so that the
    /// real layout pass finds its text set (STYLE: shape once, break per
    /// measure; here both, ahead of time and in parallel).
    pub fn prepare_recorded(&mut self) {
        let Some(requests) = self.recording.take() else {
            return;
        };
        let mut unique: Vec<Request> = Vec::with_capacity(requests.len());
        let mut seen = std::collections::HashSet::new();
        for r in requests {
            if seen.insert(r.clone()) {
                unique.push(r);
            }
        }
        let t0 = std::time::Instant::now();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let (book, template) = (self.book, self.template);
        // Longest first, each thread taking the next request when it is
        // free: paragraphs differ in length by 100×, and a fixed split left
        // one core idle at the end.
        unique.sort_by_key(|r| std::cmp::Reverse(r.styled.text.len()));
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done: Vec<Vec<(Request, Prepared)>> = std::thread::scope(|scope| {
            let (unique, next) = (&unique, &next);
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(move || {
                        std::iter::from_fn(|| {
                            let r = unique.get(next.fetch_add(1, Ordering::Relaxed))?;
                            Some((r.clone(), prepare(book, template, r)))
                        })
                        .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("text preparation does not panic"))
                .collect()
        });
        self.text_wall += t0.elapsed();
        for (r, p) in done.into_iter().flatten() {
            self.shaping += p.shaping;
            self.breaking += p.breaking;
            self.prepared.insert(r, p);
        }
    }

    #[allow(clippy::too_many_arguments)]
    /// Items and link areas for line `i` of `set`, its top-left at (x, top)
    /// in a box of height `height`, aligned within `measure`.
    pub fn line_items(
        &self,
        set: &SetText,
        i: usize,
        x: f32,
        top: f32,
        height: f32,
        measure: f32,
        align: Align,
        node: Node,
    ) -> (Item, Vec<Link>) {
        let line = &set.lines[i];
        let size = line
            .glyphs
            .iter()
            .map(|p| set.para.styles[set.para.glyphs[p.glyph].style as usize].size)
            .fold(0.0, f32::max);
        let baseline = top + height / 2.0 + 0.36 * size;
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
                        links.push(self.link_area(l, x + dx + x0, x1 - x0, baseline, size));
                    }
                    if let Some(k) = link {
                        current = Some((k, p.x, p.x + p.advance));
                    }
                }
            }
        }
        if let Some((l, x0, x1)) = current {
            links.push(self.link_area(l, x + dx + x0, x1 - x0, baseline, size));
        }
        let item = Item::Glyphs {
            x: x + dx,
            y: baseline,
            para: set.para.clone(),
            glyphs: line.glyphs.clone(),
            node,
        };
        (item, links)
    }

    fn link_area(&self, link: u32, x: f32, w: f32, baseline: f32, size: f32) -> Link {
        Link {
            x,
            y: baseline - size * 0.9,
            w,
            h: size * 1.15,
            target: LinkTarget::Url(self.urls[link as usize].clone()),
        }
    }
}

impl Ctx<'_> {
    /// Sets a short styled text at (x, top) within `w`: items, links and
    /// the height used.
    #[allow(clippy::too_many_arguments)]
    pub fn text_block(
        &mut self,
        s: &StyledText,
        x: f32,
        top: f32,
        w: f32,
        lead: f32,
        align: Align,
        node: Node,
    ) -> (Vec<Item>, Vec<Link>, f32) {
        let set = self.set(s, &|_| w, align);
        let mut items = Vec::new();
        let mut links = Vec::new();
        for i in 0..set.lines.len() {
            let (it, l) = self.line_items(&set, i, x, top + i as f32 * lead, lead, w, align, node);
            items.push(it);
            links.extend(l);
        }
        (items, links, set.lines.len() as f32 * lead)
    }

    /// Plain text in one style: [`Self::text_block`] for a `&str`.
    #[allow(clippy::too_many_arguments)]
    pub fn plain(
        &mut self,
        text: &str,
        style: Style,
        x: f32,
        top: f32,
        w: f32,
        lead: f32,
        align: Align,
        node: Node,
    ) -> (Vec<Item>, f32) {
        let mut s = StyledText::default();
        s.push(text, style, crate::diag::Span::default());
        let (items, _, h) = self.text_block(&s, x, top, w, lead, align, node);
        (items, h)
    }

    /// Width of a one-line text.
    pub fn measure(&mut self, s: &StyledText) -> f32 {
        let set = self.set(s, &|_| 100_000.0, Align::Left);
        set.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }
}
