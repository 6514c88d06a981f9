//! Page furniture: the cover, the contents, the back cover, running heads
//! and folios. Everything here comes from the front matter and the
//! template; nothing is typed into the issue's body.

use crate::fonts::Role;
use crate::model::{Issue, plain_text};
use crate::text::shape::{Style, StyledText};

use super::style::{Align, Ctx};
use super::{BlockRole, Item, Link, LinkTarget, LogicalBlock, Node, Page};

fn st(role: Role, size: f32, color: crate::template::Color) -> Style {
    Style {
        role,
        size,
        color,
        link: None,
    }
}

pub fn cover(ctx: &mut Ctx, issue: &Issue) -> Page {
    let t = ctx.template;
    let (accent, text, muted) = (t.colors.accent, t.colors.text, t.colors.muted);
    let f = &issue.front;
    let (pw, ph) = (ctx.page_w, ctx.page_h);
    let x = ctx.left;
    let w = ctx.col_w;
    let mut items = vec![
        Item::Rect {
            x: 0.0,
            y: 0.0,
            w: pw,
            h: 16.0,
            color: accent,
        },
        Item::Rect {
            x,
            y: ph * 0.36,
            w,
            h: 3.0,
            color: accent,
        },
    ];
    let a = Node::Artifact;
    let mut y = ph * 0.12;
    let (it, h) = ctx.plain(
        &format!("{} · {}", f.publisher.name, f.publisher.organization),
        st(Role::Sans, 11.0, muted),
        x,
        y,
        w,
        16.0,
        Align::Left,
        a,
    );
    items.extend(it);
    y += h + 10.0;
    let (it, h) = ctx.plain(
        &f.title,
        st(Role::SansBold, 64.0, accent),
        x,
        y,
        w,
        80.0,
        Align::Left,
        a,
    );
    items.extend(it);
    y += h;
    let (it, _) = ctx.plain(
        &format!("{} 편", f.number),
        st(Role::SansBold, 26.0, text),
        x,
        y,
        w,
        36.0,
        Align::Left,
        a,
    );
    items.extend(it);
    let (it, _) = ctx.plain(
        &f.date.to_string(),
        st(Role::Sans, 16.0, muted),
        x,
        y + 4.0,
        w,
        32.0,
        Align::Right,
        a,
    );
    items.extend(it);
    // The parts, as on the printed cover.
    let mut y = ph * 0.36 + 24.0;
    for p in &t.parts {
        let mut s = StyledText::default();
        s.push(
            &format!("{}  ", p.label),
            st(Role::SansBold, 18.0, t.colors.rule),
            Default::default(),
        );
        s.push(&p.name, st(Role::SansBold, 18.0, text), Default::default());
        let (it, _, h) = ctx.text_block(&s, x, y, w, 30.0, Align::Left, a);
        items.extend(it);
        y += h + 6.0;
    }
    // Publisher and contacts at the foot.
    items.extend(contacts(ctx, issue, x, ph * 0.76, w, a));
    items.push(Item::Rect {
        x: 0.0,
        y: ph - 10.0,
        w: pw,
        h: 10.0,
        color: accent,
    });
    Page {
        items,
        links: vec![],
        folio: None,
    }
}

/// Where each article starts: (part, article) → (physical page, y).
pub struct TocTargets {
    pub parts: Vec<(usize, f32)>,
    pub articles: Vec<Vec<(usize, f32)>>,
    pub folios: Vec<Vec<u32>>,
}

/// The contents: parts and articles with the page numbers where they
/// really start, dot leaders, each entry a link. May take several pages.
pub fn contents(
    ctx: &mut Ctx,
    issue: &Issue,
    targets: &TocTargets,
    blocks: &mut Vec<LogicalBlock>,
) -> Vec<Page> {
    let t = ctx.template;
    let (accent, text, muted) = (t.colors.accent, t.colors.text, t.colors.muted);
    let x = ctx.left;
    let w = ctx.col_w;
    let bottom = ctx.top + ctx.body_h;
    let toc = blocks.len();
    blocks.push(LogicalBlock {
        role: BlockRole::Toc,
        parent: None,
    });
    let heading = blocks.len();
    blocks.push(LogicalBlock {
        role: BlockRole::Heading(1),
        parent: Some(toc),
    });
    let mut pages = vec![];
    let mut page = Page::default();
    let mut y = ctx.top;
    let (it, h) = ctx.plain(
        "목록",
        st(Role::SansBold, 26.0, accent),
        x,
        y,
        w,
        40.0,
        Align::Left,
        Node::Block(heading),
    );
    page.items.extend(it);
    y += h;
    page.items.push(Item::Rect {
        x,
        y,
        w,
        h: 2.0,
        color: accent,
    });
    y += 16.0;
    let size = t.text.body_size_pt + 0.5;
    let lead = size * 1.7;
    for (pi, part) in issue.parts.iter().enumerate() {
        let label = t
            .parts
            .get(part.index)
            .map(|p| p.label.as_str())
            .unwrap_or("");
        let need = 30.0 + lead * 2.0;
        if y + need > bottom {
            pages.push(std::mem::take(&mut page));
            y = ctx.top;
        }
        y += 8.0;
        let ib = blocks.len();
        blocks.push(LogicalBlock {
            role: BlockRole::TocItem,
            parent: Some(toc),
        });
        let mut s = StyledText::default();
        s.push(
            &format!("{label}  "),
            st(Role::SansBold, 15.0, t.colors.rule),
            part.span,
        );
        s.push(&part.name, st(Role::SansBold, 15.0, accent), part.span);
        let (it, _, h) = ctx.text_block(&s, x, y, w, 24.0, Align::Left, Node::Block(ib));
        page.items.extend(it);
        let (tp, ty) = targets.parts[pi];
        page.links.push(Link {
            x,
            y,
            w,
            h,
            target: LinkTarget::Page(tp, ty),
        });
        y += h + 2.0;
        for (ai, a) in part.articles.iter().enumerate() {
            let folio = targets.folios[pi][ai];
            let ib = blocks.len();
            blocks.push(LogicalBlock {
                role: BlockRole::TocItem,
                parent: Some(toc),
            });
            let node = Node::Block(ib);
            let mut title = StyledText::default();
            let base = st(Role::Serif, size, text);
            title.push(
                &format!("{}. ", a.number),
                st(Role::SansBold, size, accent),
                a.span,
            );
            if let Some(c) = &a.category {
                title.push(&format!("【{c}】 "), base, a.span);
            }
            title.push(plain_text(&a.title).trim(), base, a.span);
            let mut num = StyledText::default();
            num.push(&folio.to_string(), st(Role::SansBold, size, accent), a.span);
            let num_w = ctx.measure(&num);
            let indent = 14.0;
            let title_w = w - indent - num_w - 40.0;
            let set = ctx.set(&title, &|_| title_w, Align::Left);
            let lines = set.lines.len().max(1);
            if y + lines as f32 * lead > bottom {
                pages.push(std::mem::take(&mut page));
                y = ctx.top;
            }
            let top = y;
            for li in 0..set.lines.len() {
                let (it, _) =
                    ctx.line_items(&set, li, x + indent, y, lead, title_w, Align::Left, node);
                page.items.push(it);
                if li + 1 < set.lines.len() {
                    y += lead;
                }
            }
            // Dot leaders from the title's end towards the number; the
            // number stands apart (over 2 em) so it reads as a column.
            let last_w = set.lines.last().map_or(0.0, |l| l.width);
            let dots_from = x + indent + last_w + 4.0;
            let dots_to = x + w - num_w - 2.3 * size;
            // The advance of one ". " (a line's trailing space is dropped,
            // so measure a run of them).
            let mut dots10 = StyledText::default();
            dots10.push(
                ". . . . . . . . . . .",
                st(Role::Serif, size, muted),
                a.span,
            );
            let dot_w = (ctx.measure(&dots10) / 10.5).max(1.0);
            let n = ((dots_to - dots_from) / dot_w).floor().max(0.0) as usize;
            if n > 0 {
                let mut d = StyledText::default();
                d.push(
                    vec![". "; n].concat().trim_end(),
                    st(Role::Serif, size, muted),
                    a.span,
                );
                let (it, _, _) = ctx.text_block(
                    &d,
                    dots_from,
                    y,
                    dots_to - dots_from,
                    lead,
                    Align::Right,
                    Node::Artifact,
                );
                page.items.extend(it);
            }
            let (it, _, _) =
                ctx.text_block(&num, x + w - num_w, y, num_w, lead, Align::Right, node);
            page.items.extend(it);
            let (tp, ty) = targets.articles[pi][ai];
            page.links.push(Link {
                x,
                y: top,
                w,
                h: y + lead - top,
                target: LinkTarget::Page(tp, ty),
            });
            y += lead;
        }
        y += 6.0;
    }
    // The copyright note at the foot of the (last) contents page.
    let f = &issue.front;
    let small = t.text.small_size_pt;
    let (it, h) = ctx.plain(
        &f.copyright,
        st(Role::Sans, small, muted),
        x,
        0.0,
        w,
        small * 1.7,
        Align::Left,
        Node::Artifact,
    );
    let at = bottom - h;
    if y > at {
        pages.push(std::mem::take(&mut page));
    }
    for mut i in it {
        i.shift(0.0, at);
        page.items.push(i);
    }
    pages.push(page);
    pages
}

pub fn back_cover(ctx: &mut Ctx, issue: &Issue, blocks: &mut Vec<LogicalBlock>) -> Page {
    let t = ctx.template;
    let (accent, text, muted) = (t.colors.accent, t.colors.text, t.colors.muted);
    let f = &issue.front;
    let b = &f.back_cover;
    let (pw, ph) = (ctx.page_w, ctx.page_h);
    let x = ctx.left;
    let w = ctx.col_w;
    let sect = blocks.len();
    blocks.push(LogicalBlock {
        role: BlockRole::Part,
        parent: None,
    });
    let hb = blocks.len();
    blocks.push(LogicalBlock {
        role: BlockRole::Heading(1),
        parent: Some(sect),
    });
    let pb = blocks.len();
    blocks.push(LogicalBlock {
        role: BlockRole::Paragraph,
        parent: Some(sect),
    });
    let mut items = vec![Item::Rect {
        x: 0.0,
        y: 0.0,
        w: pw,
        h: 10.0,
        color: accent,
    }];
    let mut links = vec![];
    let mut y = ph * 0.30;
    let (it, h) = ctx.plain(
        &b.title,
        st(Role::SansBold, 32.0, accent),
        x,
        y,
        w,
        44.0,
        Align::Center,
        Node::Block(hb),
    );
    items.extend(it);
    y += h + 24.0;
    // Subscription line, with the e-mail address as a link.
    let mut s = StyledText::default();
    let body = st(Role::Sans, 12.0, text);
    match b.subscribe.find(&f.publisher.email) {
        Some(i) if !f.publisher.email.is_empty() => {
            s.push(&b.subscribe[..i], body, f.span);
            ctx.urls.push(format!("mailto:{}", f.publisher.email));
            let link = Some(ctx.urls.len() as u32 - 1);
            s.push(
                &f.publisher.email,
                Style {
                    link,
                    color: accent,
                    ..body
                },
                f.span,
            );
            s.push(&b.subscribe[i + f.publisher.email.len()..], body, f.span);
        }
        _ => s.push(&b.subscribe, body, f.span),
    }
    let (it, l, h) = ctx.text_block(&s, x, y, w, 22.0, Align::Center, Node::Block(pb));
    items.extend(it);
    links.extend(l);
    y += h + 16.0;
    for link in &b.links {
        let mut s = StyledText::default();
        let mut style = st(Role::SansBold, 12.0, text);
        if let Some(url) = &link.url {
            ctx.urls.push(url.clone());
            style.link = Some(ctx.urls.len() as u32 - 1);
            style.color = accent;
        }
        s.push(&link.label, style, f.span);
        let (it, l, h) = ctx.text_block(&s, x, y, w, 22.0, Align::Center, Node::Block(pb));
        items.extend(it);
        links.extend(l);
        y += h;
    }
    if let Some(note) = &b.note {
        y += 8.0;
        let (it, _) = ctx.plain(
            note,
            st(Role::Sans, 11.0, muted),
            x,
            y,
            w,
            20.0,
            Align::Center,
            Node::Block(pb),
        );
        items.extend(it);
    }
    let y = ph * 0.74;
    items.push(Item::Rect {
        x,
        y: y - 14.0,
        w,
        h: 0.8,
        color: t.colors.rule,
    });
    items.extend(contacts(ctx, issue, x, y, w, Node::Block(pb)));
    items.push(Item::Rect {
        x: 0.0,
        y: ph - 16.0,
        w: pw,
        h: 16.0,
        color: accent,
    });
    Page {
        items,
        links,
        folio: None,
    }
}

/// The publisher's contacts and name, as on the printed cover and back
/// cover: 센터장, 전화, 메일, then the organization.
fn contacts(ctx: &mut Ctx, issue: &Issue, x: f32, top: f32, w: f32, node: Node) -> Vec<Item> {
    let t = ctx.template;
    let (accent, text, muted) = (t.colors.accent, t.colors.text, t.colors.muted);
    let p = &issue.front.publisher;
    let mut lines = vec![
        (
            format!("센터장: {}", p.director),
            st(Role::Sans, 10.5, text),
        ),
        (format!("전화: {}", p.phone), st(Role::Sans, 10.5, text)),
        (format!("메일: {}", p.email), st(Role::Sans, 10.5, text)),
        (String::new(), st(Role::Sans, 6.0, text)),
        (
            format!("{} {}", p.name, p.organization),
            st(Role::SansBold, 13.0, accent),
        ),
    ];
    if let Some(en) = &p.organization_en {
        lines.push((en.clone(), st(Role::Sans, 10.0, muted)));
    }
    let mut items = Vec::new();
    let mut y = top;
    for (line, style) in lines {
        let lead = style.size * 1.7;
        let (it, _) = ctx.plain(&line, style, x, y, w, lead, Align::Left, node);
        items.extend(it);
        y += lead;
    }
    items
}

/// Running head (part name, issue) and folio for a body page.
pub fn running(ctx: &mut Ctx, issue: &Issue, part_name: &str, folio: u32) -> Vec<Item> {
    let t = ctx.template;
    let size = t.text.running_head_size_pt;
    let muted = t.colors.muted;
    let x = ctx.left;
    let w = ctx.col_w;
    let head_y = ctx.top - 26.0;
    let mut items = vec![];
    let (it, _) = ctx.plain(
        part_name,
        st(Role::SansBold, size, t.colors.accent),
        x,
        head_y,
        w,
        14.0,
        Align::Left,
        Node::Artifact,
    );
    items.extend(it);
    let masthead = format!("{} {} 편", issue.front.title, issue.front.number);
    let (it, _) = ctx.plain(
        &masthead,
        st(Role::Sans, size, muted),
        x,
        head_y,
        w,
        14.0,
        Align::Right,
        Node::Artifact,
    );
    items.extend(it);
    items.push(Item::Rect {
        x,
        y: head_y + 16.0,
        w,
        h: 0.5,
        color: t.colors.rule,
    });
    let foot_y = ctx.top + ctx.body_h + 16.0;
    let (it, _) = ctx.plain(
        &folio.to_string(),
        st(Role::Sans, size + 0.5, muted),
        x,
        foot_y,
        w,
        14.0,
        Align::Center,
        Node::Artifact,
    );
    items.extend(it);
    items
}
