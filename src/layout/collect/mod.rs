//! Collect, the first layout stage: Issue + Template → every paragraph the
//! issue will set (body and furniture alike), each with an id and its
//! styled text, and a skeleton of boxes that refer to them by id.
//!
//! Nothing is measured here: this stage decides what is said and in what
//! style, and the logical structure (tags) and link targets, once. Later
//! stages decide where.

pub mod body;
pub mod furniture;

use std::collections::HashMap;

use crate::fonts::Role;
use crate::model::{Inline, Issue};
use crate::template::{Color, Template};
use crate::text::shape::{Style, StyledText};

use super::document::{BlockRole, LogicalBlock};
use super::geometry::Frame;

/// A paragraph to set: an index into [`Collected::paras`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParaId(pub u32);

/// How a paragraph's lines sit in their measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// A width to break a paragraph at, and whether its lines are justified:
/// equal breaks give equal lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Measure {
    width_bits: u32,
    pub justify: bool,
}

impl Measure {
    pub fn new(width: f32, align: Align) -> Measure {
        Measure {
            width_bits: width.to_bits(),
            justify: align == Align::Justify,
        }
    }

    pub fn width(self) -> f32 {
        f32::from_bits(self.width_bits)
    }
}

/// A measure so wide that a text is set on one line (hard breaks apart):
/// the text's natural width.
pub const UNBOUNDED: f32 = 100_000.0;

/// Everything the later stages need from the issue and the template.
pub struct Collected<'a> {
    pub template: &'a Template,
    /// The styled text of every paragraph, by [`ParaId`]; equal texts
    /// (same words, styles and source) share one id.
    pub paras: Vec<StyledText>,
    /// Measures each paragraph is known to be broken at, so that the
    /// prepare stage can break them ahead of time on all cores.
    pub measures: Vec<(ParaId, Measure)>,
    /// Link targets; [`Style::link`] indexes this.
    pub urls: Vec<String>,
    /// The logical structure, body first, then contents, then back cover.
    pub blocks: Vec<LogicalBlock>,
    pub body: Vec<body::PartBox>,
    pub furniture: furniture::Furniture,
    pub frame: Frame,
}

/// Builds a [`Collected`]: paragraphs deduplicated by content.
pub struct Collector<'a> {
    pub template: &'a Template,
    pub frame: Frame,
    paras: Vec<StyledText>,
    index: HashMap<TextKey, ParaId>,
    measures: Vec<(ParaId, Measure)>,
    urls: Vec<String>,
    blocks: Vec<LogicalBlock>,
}

/// Collects an issue: every paragraph, the body's boxes and the
/// furniture's, and the logical structure.
pub fn collect<'a>(issue: &Issue, template: &'a Template) -> Collected<'a> {
    let mut c = Collector {
        template,
        frame: Frame::new(template),
        paras: Vec::new(),
        index: HashMap::new(),
        measures: Vec::new(),
        urls: Vec::new(),
        blocks: Vec::new(),
    };
    let body = body::parts(&mut c, issue);
    let furniture = furniture::furniture(&mut c, issue);
    Collected {
        template,
        paras: c.paras,
        measures: c.measures,
        urls: c.urls,
        blocks: c.blocks,
        body,
        furniture,
        frame: c.frame,
    }
}

impl Collector<'_> {
    /// Registers a paragraph's text; the same text twice gets one id.
    pub fn para(&mut self, text: StyledText) -> ParaId {
        let key = TextKey(text);
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let id = ParaId(self.paras.len() as u32);
        self.paras.push(key.0.clone());
        self.index.insert(key, id);
        id
    }

    /// Registers a paragraph that will be broken at `width`.
    pub fn para_at(&mut self, text: StyledText, width: f32, align: Align) -> ParaId {
        let id = self.para(text);
        self.measure(id, width, align);
        id
    }

    /// Says that `id` will be broken at `width`.
    pub fn measure(&mut self, id: ParaId, width: f32, align: Align) {
        self.measures.push((id, Measure::new(width, align)));
    }

    /// Plain text in one style, as one paragraph.
    pub fn plain(&mut self, text: &str, style: Style, source: crate::diag::Span) -> StyledText {
        let mut s = StyledText::default();
        s.push(text, style, source);
        s
    }

    /// A new logical block; its index names it in [`super::Structure::Block`].
    pub fn block(&mut self, role: BlockRole, parent: Option<usize>) -> usize {
        self.blocks.push(LogicalBlock { role, parent });
        self.blocks.len() - 1
    }

    /// A link target; the index goes into [`Style::link`].
    pub fn url(&mut self, url: String) -> u32 {
        self.urls.push(url);
        self.urls.len() as u32 - 1
    }

    /// Inlines as styled text in `base` style.
    pub fn styled(&mut self, inlines: &[Inline], base: Style) -> StyledText {
        let mut s = StyledText::default();
        self.push_inlines(&mut s, inlines, base);
        s
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
                    let link = Some(self.url(url.clone()));
                    let color = self.template.colors.accent;
                    let style = Style {
                        link,
                        color,
                        ..base
                    };
                    self.push_inlines(out, children, style);
                }
            }
        }
    }
}

/// A text style with no link.
pub fn style(role: Role, size: f32, color: Color) -> Style {
    Style {
        role,
        size,
        color,
        link: None,
    }
}

/// Styled text compared by its words, styles and sources: the identity of
/// a paragraph, whatever measure it is later broken at.
pub struct TextKey(pub StyledText);

impl PartialEq for TextKey {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.0, &other.0);
        a.text == b.text
            && a.spans.len() == b.spans.len()
            && a.spans
                .iter()
                .zip(&b.spans)
                .all(|(a, b)| a.range == b.range && a.source == b.source && a.style == b.style)
    }
}

impl Eq for TextKey {}

impl std::hash::Hash for TextKey {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.text.hash(h);
        for s in &self.0.spans {
            s.range.hash(h);
            s.source.start.hash(h);
            (s.style.role as u8).hash(h);
            s.style.size.to_bits().hash(h);
            s.style.link.hash(h);
        }
    }
}
