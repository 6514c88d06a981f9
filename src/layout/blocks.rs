//! Model blocks → a flow of page-independent elements: text lines, gaps and
//! unsplittable boxes, each with its keep rules (STYLE.md habit 6: the
//! paginator only compares what each element needs with the space left).

use crate::fonts::Role;
use crate::model::{Article, Block, BlockKind, Figure, Inline, List, ListStyle, Part, Table};
use crate::text::shape::{Style, StyledText};

use super::style::{Align, Ctx, SetText};
use super::{BlockRole, Item, Link, LogicalBlock, Node};

#[derive(Clone, Debug, PartialEq)]
pub enum Anchor {
    Part(usize),
    Article(usize, usize),
}

#[derive(Clone, Debug)]
pub struct Flow {
    pub height: f32,
    /// Items relative to the element's top-left at the column's left edge.
    pub items: Vec<Item>,
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
}

pub struct FlowBuilder<'c, 'a> {
    pub ctx: &'c mut Ctx<'a>,
    pub flow: Vec<Flow>,
    pub blocks: Vec<LogicalBlock>,
    part: usize,
}

fn marker(style: ListStyle, n: u32) -> String {
    match style {
        ListStyle::Bullet => "•".into(),
        ListStyle::Numbered => format!("{n}."),
        ListStyle::Circled => char::from_u32(0x2460 + n.saturating_sub(1).min(19))
            .unwrap_or('•')
            .to_string(),
    }
}

impl<'c, 'a> FlowBuilder<'c, 'a> {
    pub fn new(ctx: &'c mut Ctx<'a>) -> Self {
        FlowBuilder {
            ctx,
            flow: Vec::new(),
            blocks: Vec::new(),
            part: 0,
        }
    }

    fn block(&mut self, role: BlockRole, parent: Option<usize>) -> usize {
        self.blocks.push(LogicalBlock { role, parent });
        self.blocks.len() - 1
    }

    fn push(&mut self, height: f32, items: Vec<Item>, links: Vec<Link>) -> &mut Flow {
        self.flow.push(Flow {
            height,
            items,
            links,
            gap: false,
            new_page: false,
            keep_with_next: false,
            break_before: true,
            repeat_header: None,
            anchor: None,
            part: self.part,
        });
        self.flow.last_mut().expect("just pushed")
    }

    pub fn gap(&mut self, height: f32) {
        if height > 0.0 {
            self.push(height, vec![], vec![]).gap = true;
        }
    }

    /// Sets text as flow lines: one element per line, with widow and orphan
    /// rules (at least two lines at a page bottom and top).
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        styled: &StyledText,
        indent: f32,
        measure: f32,
        align: Align,
        leading: f32,
        node: Node,
        keep: bool,
        marker: Option<(&StyledText, f32)>,
        background: Option<(crate::template::Color, f32)>,
    ) {
        let set = self.ctx.set(styled, &|_| measure, align);
        let marker_set: Option<(SetText, f32)> =
            marker.map(|(m, x)| (self.ctx.set(m, &|_| 200.0, Align::Left), x));
        let n = set.lines.len();
        for i in 0..n {
            let (item, links) = self
                .ctx
                .line_items(&set, i, indent, 0.0, leading, measure, align, node);
            let mut items = Vec::new();
            if let Some((color, pad)) = background {
                items.push(Item::Rect {
                    x: indent - pad,
                    y: 0.0,
                    w: measure + 2.0 * pad,
                    h: leading,
                    color,
                });
            }
            items.push(item);
            if i == 0
                && let Some((m, x)) = &marker_set
                && !m.lines.is_empty()
            {
                let (mi, _) =
                    self.ctx
                        .line_items(m, 0, *x, 0.0, leading, indent, Align::Left, node);
                items.push(mi);
            }
            let f = self.push(leading, items, links);
            f.break_before = i == 0 || (i >= 2 && n - i >= 2);
            f.keep_with_next = keep;
        }
    }

    fn styled(&mut self, inlines: &[Inline], style: Style) -> StyledText {
        let mut s = StyledText::default();
        self.ctx.push_inlines(&mut s, inlines, style);
        s
    }

    pub fn part(&mut self, index: usize, part: &Part, label: &str) {
        self.part = index;
        let t = self.ctx.template;
        let accent = t.colors.accent;
        let pb = self.block(BlockRole::Part, None);
        let head = self.block(BlockRole::Heading(1), Some(pb));
        let w = self.ctx.col_w;
        // Banner: label and part name on an accent band.
        let mut s = StyledText::default();
        s.push(
            &format!("{label}  "),
            Style {
                role: Role::SansBold,
                size: 20.0,
                color: t.colors.rule,
                link: None,
            },
            part.span,
        );
        s.push(
            &part.name,
            Style {
                role: Role::SansBold,
                size: 20.0,
                color: accent,
                link: None,
            },
            part.span,
        );
        let set = self.ctx.set(&s, &|_| w, Align::Left);
        let h = 40.0;
        let mut items = vec![Item::Rect {
            x: 0.0,
            y: h - 2.0,
            w,
            h: 2.0,
            color: accent,
        }];
        if !set.lines.is_empty() {
            items.push(
                self.ctx
                    .line_items(
                        &set,
                        0,
                        0.0,
                        0.0,
                        h - 6.0,
                        w,
                        Align::Left,
                        Node::Block(head),
                    )
                    .0,
            );
        }
        let f = self.push(h, items, vec![]);
        f.new_page = true;
        f.keep_with_next = true;
        f.anchor = Some(Anchor::Part(index));
        self.gap(14.0);
        self.last_keep();
        for (ai, a) in part.articles.iter().enumerate() {
            if ai > 0 {
                self.gap(self.ctx.leading(self.ctx.body_size()) * 1.6);
            }
            self.article(index, ai, a, pb);
        }
    }

    fn last_keep(&mut self) {
        if let Some(f) = self.flow.last_mut() {
            f.keep_with_next = true;
        }
    }

    fn article(&mut self, pi: usize, ai: usize, a: &Article, part_block: usize) {
        let t = self.ctx.template;
        let (accent, muted) = (t.colors.accent, t.colors.muted);
        let ab = self.block(BlockRole::Article, Some(part_block));
        let hb = self.block(BlockRole::Heading(2), Some(ab));
        let size = t.text.article_title_size_pt;
        let w = self.ctx.col_w;
        let mut s = StyledText::default();
        let st = Style {
            role: Role::SansBold,
            size,
            color: accent,
            link: None,
        };
        s.push(&format!("{}. ", a.number), st, a.span);
        if let Some(c) = &a.category {
            s.push(
                &format!("【{c}】 "),
                Style {
                    color: t.colors.text,
                    ..st
                },
                a.span,
            );
        }
        self.ctx.push_inlines(&mut s, &a.title, st);
        let first = self.flow.len();
        self.lines(
            &s,
            0.0,
            w,
            Align::Left,
            size * 1.45,
            Node::Block(hb),
            true,
            None,
            None,
        );
        if let Some(f) = self.flow.get_mut(first) {
            f.anchor = Some(Anchor::Article(pi, ai));
        }
        for f in &mut self.flow[first..] {
            f.break_before = f.anchor.is_some();
        }
        if let Some(src) = &a.source {
            let small = t.text.small_size_pt;
            let pbk = self.block(BlockRole::Paragraph, Some(ab));
            let mut s = StyledText::default();
            let st = Style {
                role: Role::Sans,
                size: small,
                color: muted,
                link: None,
            };
            s.push("— ", st, a.span);
            self.ctx.push_inlines(&mut s, src, st);
            self.lines(
                &s,
                0.0,
                w,
                Align::Right,
                small * 1.6,
                Node::Block(pbk),
                true,
                None,
                None,
            );
        }
        self.push(
            6.0,
            vec![Item::Rect {
                x: 0.0,
                y: 2.0,
                w,
                h: 0.6,
                color: t.colors.rule,
            }],
            vec![],
        )
        .keep_with_next = true;
        self.gap(6.0);
        self.last_keep();
        let mut prev_subhead = false;
        for b in &a.blocks {
            self.block_flow(b, ab, 0.0, prev_subhead);
            prev_subhead = matches!(b.kind, BlockKind::Subhead { .. });
        }
    }

    fn block_flow(&mut self, b: &Block, parent: usize, indent: f32, after_subhead: bool) {
        let t = self.ctx.template;
        let body = t.text.body_size_pt;
        let lead = self.ctx.leading(body);
        let para_gap = lead * t.text.paragraph_gap;
        let w = self.ctx.col_w - indent;
        let text_color = t.colors.text;
        let body_style = Style {
            role: Role::Serif,
            size: body,
            color: text_color,
            link: None,
        };
        match &b.kind {
            BlockKind::Subhead { level, content } => {
                let size = t.text.subhead_sizes_pt[(*level as usize - 1).min(2)];
                if !after_subhead {
                    self.gap(lead * 0.5);
                }
                let hb = self.block(BlockRole::Heading(2 + *level as u16), Some(parent));
                let color = if *level == 1 {
                    t.colors.accent
                } else {
                    text_color
                };
                let s = self.styled(
                    content,
                    Style {
                        role: Role::SansBold,
                        size,
                        color,
                        link: None,
                    },
                );
                self.lines(
                    &s,
                    indent,
                    w,
                    Align::Left,
                    size * 1.5,
                    Node::Block(hb),
                    true,
                    None,
                    None,
                );
                self.gap(lead * 0.15);
                self.last_keep();
            }
            BlockKind::Paragraph { content } => {
                let pb = self.block(BlockRole::Paragraph, Some(parent));
                let s = self.styled(content, body_style);
                self.lines(
                    &s,
                    indent,
                    w,
                    Align::Justify,
                    lead,
                    Node::Block(pb),
                    false,
                    None,
                    None,
                );
                self.gap(para_gap);
            }
            BlockKind::Attribution { content } => {
                let small = t.text.small_size_pt;
                let pb = self.block(BlockRole::Paragraph, Some(parent));
                let mut s = StyledText::default();
                let st = Style {
                    role: Role::Sans,
                    size: small,
                    color: t.colors.muted,
                    link: None,
                };
                s.push("— ", st, b.span);
                self.ctx.push_inlines(&mut s, content, st);
                self.lines(
                    &s,
                    indent,
                    w,
                    Align::Right,
                    small * 1.6,
                    Node::Block(pb),
                    false,
                    None,
                    None,
                );
                self.gap(para_gap);
            }
            BlockKind::List(list) => {
                self.list(list, parent, indent, body_style, lead);
                self.gap(para_gap);
            }
            BlockKind::Figure(fig) => self.figure(fig, parent, b),
            BlockKind::Table(table) => self.table(table, parent, b),
            BlockKind::EditorNote { paragraphs } => {
                let small = t.text.small_size_pt;
                let nb = self.block(BlockRole::Note, Some(parent));
                let st = Style {
                    role: Role::Serif,
                    size: small,
                    color: text_color,
                    link: None,
                };
                let pad = 6.0;
                let bg = t.colors.note_background;
                // The tinted band's top and bottom edges, around the lines.
                let edge = Item::Rect {
                    x: indent,
                    y: 0.0,
                    w,
                    h: pad,
                    color: bg,
                };
                self.push(pad, vec![edge.clone()], vec![]);
                for (i, p) in paragraphs.iter().enumerate() {
                    let pb = self.block(BlockRole::Paragraph, Some(nb));
                    let mut s = StyledText::default();
                    if i == 0 {
                        s.push("(*", st, b.span);
                    }
                    self.ctx.push_inlines(&mut s, p, st);
                    if i + 1 == paragraphs.len() {
                        s.push(")", st, b.span);
                    }
                    let inner = w - 2.0 * pad - 3.0;
                    self.lines(
                        &s,
                        indent + pad + 3.0,
                        inner,
                        Align::Justify,
                        small * 1.6,
                        Node::Block(pb),
                        false,
                        None,
                        Some((bg, pad + 3.0)),
                    );
                }
                self.push(pad, vec![edge], vec![]);
                self.gap(para_gap);
            }
            BlockKind::Sources { items, numbered } => {
                let small = t.text.small_size_pt;
                let st = Style {
                    role: Role::Sans,
                    size: small,
                    color: t.colors.muted,
                    link: None,
                };
                let lb = self.block(BlockRole::List, Some(parent));
                self.gap(lead * 0.3);
                // `*출처:` once; later items align under the first item's text.
                let mut label = StyledText::default();
                label.push("*출처:", st, b.span);
                let hang = self.ctx.measure(&label) + small * 0.3;
                for (i, item) in items.iter().enumerate() {
                    let ib = self.block(BlockRole::ListItem, Some(lb));
                    let mut s = StyledText::default();
                    if *numbered {
                        s.push(&format!("{}. ", i + 1), st, b.span);
                    }
                    self.ctx.push_inlines(&mut s, item, st);
                    let marker = (i == 0).then_some((&label, indent));
                    self.lines(
                        &s,
                        indent + hang,
                        w - hang,
                        Align::Left,
                        small * 1.6,
                        Node::Block(ib),
                        false,
                        marker,
                        None,
                    );
                }
                self.gap(para_gap);
            }
        }
    }

    fn list(&mut self, list: &List, parent: usize, indent: f32, style: Style, lead: f32) {
        let lb = self.block(BlockRole::List, Some(parent));
        let hang = style.size * 1.6;
        for (i, item) in list.items.iter().enumerate() {
            let ib = self.block(BlockRole::ListItem, Some(lb));
            let mut first = true;
            for b in &item.blocks {
                match &b.kind {
                    BlockKind::Paragraph { content } => {
                        let s = self.styled(content, style);
                        let mut m = StyledText::default();
                        m.push(
                            &marker(list.style, list.start + i as u32),
                            Style {
                                color: self.ctx.template.colors.accent,
                                ..style
                            },
                            b.span,
                        );
                        let w = self.ctx.col_w - indent - hang;
                        let mk = first.then_some((&m, indent));
                        self.lines(
                            &s,
                            indent + hang,
                            w,
                            Align::Justify,
                            lead,
                            Node::Block(ib),
                            false,
                            mk,
                            None,
                        );
                        first = false;
                    }
                    BlockKind::List(inner) => self.list(inner, ib, indent + hang, style, lead),
                    _ => self.block_flow(b, ib, indent + hang, false),
                }
            }
        }
    }

    fn caption(
        &mut self,
        fig_kind: &str,
        number: u32,
        caption: &[Inline],
        parent: usize,
        span: crate::diag::Span,
    ) -> Vec<Flow> {
        let t = self.ctx.template;
        let size = t.text.caption_size_pt;
        let cb = self.block(BlockRole::Caption, Some(parent));
        let mut s = StyledText::default();
        s.push(
            &format!("{fig_kind} {number}) "),
            Style {
                role: Role::SansBold,
                size,
                color: t.colors.accent,
                link: None,
            },
            span,
        );
        self.ctx.push_inlines(
            &mut s,
            caption,
            Style {
                role: Role::Sans,
                size,
                color: t.colors.muted,
                link: None,
            },
        );
        let start = self.flow.len();
        self.lines(
            &s,
            0.0,
            self.ctx.col_w,
            Align::Left,
            size * 1.55,
            Node::Block(cb),
            false,
            None,
            None,
        );
        self.flow.split_off(start)
    }

    fn figure(&mut self, fig: &Figure, parent: usize, b: &Block) {
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
        let fb = self.block(BlockRole::Figure { alt }, Some(parent));
        let mut items = Vec::new();
        let mut links = Vec::new();
        let mut h = 4.0;
        let w = self.ctx.col_w;
        if let Some(img) = &fig.image
            && let Some(data) = &img.data
        {
            let (iw, ih) = (data.width, data.height);
            let max_h = self.ctx.body_h * 0.45;
            let mut dw = w;
            let mut dh = w * ih as f32 / iw.max(1) as f32;
            if dh > max_h {
                dh = max_h;
                dw = dh * iw as f32 / ih.max(1) as f32;
            }
            items.push(Item::Image {
                x: (w - dw) / 2.0,
                y: h,
                w: dw,
                h: dh,
                image: data.clone(),
                node: Node::Block(fb),
            });
            h += dh + 4.0;
        } else {
            // A caption-only figure: the picture is not available.
            items.push(Item::Rect {
                x: 0.0,
                y: h,
                w,
                h: 0.4,
                color: self.ctx.template.colors.rule,
            });
            h += 3.0;
        }
        for f in self.caption(fig.kind.label(), fig.number, &fig.caption, fb, b.span) {
            for mut it in f.items {
                it.shift(0.0, h);
                items.push(it);
            }
            for mut l in f.links {
                l.y += h;
                links.push(l);
            }
            h += f.height;
        }
        self.push(h + 4.0, items, links);
        self.gap(self.ctx.leading(self.ctx.body_size()) * 0.5);
    }

    fn table(&mut self, table: &Table, parent: usize, b: &Block) {
        let t = self.ctx.template;
        let size = t.text.small_size_pt;
        let tb = self.block(BlockRole::Table, Some(parent));
        let cols = table
            .header
            .len()
            .max(table.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let w = self.ctx.col_w;
        let pad = 4.0;
        // Column widths from content: natural widths, scaled to the column.
        let mut natural = vec![20.0f32; cols];
        for row in std::iter::once(&table.header).chain(&table.rows) {
            for (ci, cell) in row.iter().enumerate().take(cols) {
                let s = self.styled(
                    &cell.content,
                    Style {
                        role: Role::Sans,
                        size,
                        color: t.colors.text,
                        link: None,
                    },
                );
                let set = self.ctx.set(&s, &|_| 10_000.0, Align::Left);
                let nw = set.lines.iter().map(|l| l.width).fold(0.0, f32::max) + 2.0 * pad;
                natural[ci] = natural[ci].max(nw.min(w));
            }
        }
        let total: f32 = natural.iter().sum();
        let widths: Vec<f32> = if total <= w {
            natural.iter().map(|n| n * w / total).collect()
        } else {
            // Give each column at least its share, the rest by natural width.
            let min = w / cols as f32 * 0.5;
            let rest = w - min * cols as f32;
            natural.iter().map(|n| min + rest * n / total).collect()
        };
        let header_index = self.flow.len();
        for (ri, row) in std::iter::once(&table.header)
            .chain(&table.rows)
            .enumerate()
        {
            let header = ri == 0;
            let rb = self.block(BlockRole::TableRow, Some(tb));
            let mut items = Vec::new();
            let mut cells_h = 0.0f32;
            let mut x = 0.0;
            let mut cell_items = Vec::new();
            for (ci, cw) in widths.iter().enumerate() {
                let cb = self.block(BlockRole::TableCell { header }, Some(rb));
                let Some(cell) = row.get(ci) else {
                    x += cw;
                    continue;
                };
                let role = if header { Role::SansBold } else { Role::Sans };
                let s = self.styled(
                    &cell.content,
                    Style {
                        role,
                        size,
                        color: t.colors.text,
                        link: None,
                    },
                );
                let inner = cw - 2.0 * pad;
                let set = self.ctx.set(&s, &|_| inner, Align::Left);
                let lh = size * 1.5;
                for li in 0..set.lines.len() {
                    let (it, _) = self.ctx.line_items(
                        &set,
                        li,
                        x + pad,
                        pad + li as f32 * lh,
                        lh,
                        inner,
                        Align::Left,
                        Node::Block(cb),
                    );
                    cell_items.push(it);
                }
                cells_h = cells_h.max(set.lines.len() as f32 * lh + 2.0 * pad);
                x += cw;
            }
            if header {
                items.push(Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    w,
                    h: cells_h,
                    color: t.colors.note_background,
                });
                items.push(Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    w,
                    h: 0.8,
                    color: t.colors.accent,
                });
            }
            items.extend(cell_items);
            items.push(Item::Rect {
                x: 0.0,
                y: cells_h - 0.4,
                w,
                h: 0.4,
                color: t.colors.rule,
            });
            let f = self.push(cells_h, items, vec![]);
            if header {
                f.keep_with_next = true;
            } else {
                f.repeat_header = Some(header_index);
            }
        }
        if let Some((n, cap)) = &table.caption {
            let caps = self.caption("표", *n, cap, tb, b.span);
            if let Some(last) = self.flow.last_mut() {
                last.keep_with_next = true;
            }
            self.gap(3.0);
            self.last_keep();
            self.flow.extend(caps);
        }
        self.gap(self.ctx.leading(self.ctx.body_size()) * 0.6);
    }
}
