//! The furniture's text: cover, contents, back cover and running heads,
//! from the front matter and the template. Page numbers are not known yet:
//! their styles are collected, their text is made when the pages are.

use crate::diag::Span;
use crate::fonts::Role;
use crate::model::{Issue, plain_text};
use crate::text::shape::{Style, StyledText};

use super::super::document::BlockRole;
use super::{Align, Collector, ParaId, UNBOUNDED, style};

pub struct Furniture {
    pub cover: CoverText,
    pub contents: ContentsText,
    pub back: BackCoverText,
    pub running: RunningText,
}

pub struct CoverText {
    pub publisher: ParaId,
    pub title: ParaId,
    pub number: ParaId,
    pub date: ParaId,
    /// The template's parts, label and name.
    pub parts: Vec<ParaId>,
    pub contacts: Contacts,
}

/// The publisher's contacts: each line and its leading. The same lines
/// stand on both covers.
#[derive(Clone)]
pub struct Contacts(pub Vec<(ParaId, f32)>);

pub struct ContentsText {
    pub toc: usize,
    pub heading: (ParaId, usize),
    pub parts: Vec<ContentsPart>,
    /// A run of ten leader dots, to measure one dot's advance.
    pub dots10: ParaId,
    pub copyright: ParaId,
    /// The size the entries are set in.
    pub size: f32,
}

pub struct ContentsPart {
    pub title: ParaId,
    pub node: usize,
    pub articles: Vec<ContentsEntry>,
}

pub struct ContentsEntry {
    /// The article's number, `12.`, set right-aligned in a column of its
    /// own so that every title starts at one x and wraps under itself.
    pub label: ParaId,
    pub title: ParaId,
    pub node: usize,
    /// Styles of the page number and of the leader dots, and where the
    /// article is in the source.
    pub number: Style,
    pub dots: Style,
    pub span: Span,
}

pub struct BackCoverText {
    pub heading: usize,
    pub paragraph: usize,
    pub title: ParaId,
    pub subscribe: ParaId,
    pub links: Vec<ParaId>,
    pub note: Option<ParaId>,
    pub contacts: Contacts,
}

pub struct RunningText {
    /// Each of the issue's parts' names, by part index in the issue.
    pub part_names: Vec<ParaId>,
    /// The name for a page of no part.
    pub no_part: ParaId,
    pub masthead: ParaId,
    /// The folio's style.
    pub folio: Style,
}

pub fn furniture(c: &mut Collector, issue: &Issue) -> Furniture {
    let contacts = contacts(c, issue);
    Furniture {
        cover: cover(c, issue, contacts.clone()),
        contents: contents(c, issue),
        back: back_cover(c, issue, contacts),
        running: running(c, issue),
    }
}

fn cover(c: &mut Collector, issue: &Issue, contacts: Contacts) -> CoverText {
    let t = c.template;
    let (accent, text, muted) = (t.colors.accent, t.colors.text, t.colors.muted);
    let f = &issue.front;
    let w = c.frame.text_w;
    let fs = f.fields;
    let line = |c: &mut Collector, s: &str, st: Style, span: Span, align: Align| {
        let s = c.plain(s, st, span);
        c.para_at(s, w, align)
    };
    let publisher = format!("{} · {}", f.publisher.name, f.publisher.organization);
    let cs = &t.cover;
    let (sans, bold) = (Role::Sans, Role::SansBold);
    let st = style(sans, cs.publisher.size_pt, muted);
    let publisher = line(c, &publisher, st, fs.name, Align::Left);
    let st = style(bold, cs.title.size_pt, accent);
    let title = line(c, &f.title, st, fs.title, Align::Left);
    let number = format!("{} 편", f.number);
    let st = style(bold, cs.number.size_pt, text);
    let number = line(c, &number, st, f.span, Align::Left);
    let st = style(sans, cs.date.size_pt, muted);
    let date = line(c, &f.date.to_string(), st, fs.date, Align::Right);
    let parts = t
        .parts
        .iter()
        .map(|p| {
            let mut s = StyledText::default();
            let label = style(Role::SansBold, cs.parts.size_pt, t.colors.rule);
            s.push(&format!("{}  ", p.label), label, Span::default());
            let name = style(Role::SansBold, cs.parts.size_pt, text);
            s.push(&p.name, name, Span::default());
            c.para_at(s, w, Align::Left)
        })
        .collect();
    CoverText {
        publisher,
        title,
        number,
        date,
        parts,
        contacts,
    }
}

/// 센터장, 전화, 메일, then the organization, as on the printed covers.
fn contacts(c: &mut Collector, issue: &Issue) -> Contacts {
    let t = c.template;
    let (accent, text, muted) = (t.colors.accent, t.colors.text, t.colors.muted);
    let f = &issue.front;
    let p = &f.publisher;
    let k = &t.contacts;
    let line = |label: &str, value: &str| format!("{label}: {value}");
    let regular = style(Role::Sans, k.size_pt, text);
    let fs = f.fields;
    let mut lines = vec![
        (line(&k.director_label, &p.director), regular, fs.director),
        (line(&k.phone_label, &p.phone), regular, fs.phone),
        (line(&k.email_label, &p.email), regular, fs.email),
        // A gap before the organization: an empty line of this size.
        (String::new(), style(Role::Sans, 6.0, text), fs.name),
        (
            format!("{} {}", p.name, p.organization),
            style(Role::SansBold, k.organization_size_pt, accent),
            fs.name,
        ),
    ];
    if let Some(en) = &p.organization_en {
        let st = style(Role::Sans, k.organization_en_size_pt, muted);
        lines.push((en.clone(), st, fs.organization_en));
    }
    let w = c.frame.text_w;
    Contacts(
        lines
            .into_iter()
            .map(|(line, st, span)| {
                let s = c.plain(&line, st, span);
                (c.para_at(s, w, Align::Left), st.size * k.leading)
            })
            .collect(),
    )
}

fn contents(c: &mut Collector, issue: &Issue) -> ContentsText {
    let t = c.template;
    let (accent, text, muted) = (t.colors.accent, t.colors.text, t.colors.muted);
    let w = c.frame.text_w;
    let toc = c.block(BlockRole::Toc, None);
    let heading_node = c.block(BlockRole::Heading(1), Some(toc));
    let cs = &t.contents;
    let s = c.plain(
        &cs.title,
        style(Role::SansBold, cs.heading.size_pt, accent),
        Span::default(),
    );
    let heading = (c.para_at(s, w, Align::Left), heading_node);
    let size = t.text.body_size_pt + cs.entry_size_plus_pt;
    let mut parts = Vec::new();
    for part in &issue.parts {
        let label = t
            .parts
            .get(part.index)
            .map(|p| p.label.as_str())
            .unwrap_or("");
        let node = c.block(BlockRole::TocItem, Some(toc));
        let mut s = StyledText::default();
        let ls = style(Role::SansBold, cs.part.size_pt, t.colors.rule);
        s.push(&format!("{label}  "), ls, part.span);
        s.push(
            &part.name,
            style(Role::SansBold, cs.part.size_pt, accent),
            part.span,
        );
        let title = c.para_at(s, w, Align::Left);
        let mut articles = Vec::new();
        for a in &part.articles {
            let node = c.block(BlockRole::TocItem, Some(toc));
            let base = style(Role::Serif, size, text);
            let mut title = StyledText::default();
            let ns = style(Role::SansBold, size, accent);
            let label = c.plain(&format!("{}.", a.number), ns, a.span);
            let label = c.para_at(label, UNBOUNDED, Align::Left);
            if let Some(cat) = &a.category {
                title.push(&format!("【{cat}】 "), base, a.span);
            }
            title.push(plain_text(&a.title).trim(), base, a.span);
            articles.push(ContentsEntry {
                label,
                title: c.para(title),
                node,
                number: ns,
                dots: style(Role::Serif, size, muted),
                span: a.span,
            });
        }
        parts.push(ContentsPart {
            title,
            node,
            articles,
        });
    }
    let dots = style(Role::Serif, size, muted);
    let s = c.plain(". . . . . . . . . . .", dots, Span::default());
    let dots10 = c.para_at(s, UNBOUNDED, Align::Left);
    let small = t.text.small_size_pt;
    let f = &issue.front;
    let s = c.plain(
        &f.copyright,
        style(Role::Sans, small, muted),
        f.fields.copyright,
    );
    let copyright = c.para_at(s, w, Align::Left);
    ContentsText {
        toc,
        heading,
        parts,
        dots10,
        copyright,
        size,
    }
}

fn back_cover(c: &mut Collector, issue: &Issue, contacts: Contacts) -> BackCoverText {
    let t = c.template;
    let (accent, text, muted) = (t.colors.accent, t.colors.text, t.colors.muted);
    let f = &issue.front;
    let b = &f.back_cover;
    let fs = f.fields;
    let w = c.frame.text_w;
    let sect = c.block(BlockRole::Part, None);
    let heading = c.block(BlockRole::Heading(1), Some(sect));
    let paragraph = c.block(BlockRole::Paragraph, Some(sect));
    let bs = &t.back_cover;
    let s = c.plain(
        &b.title,
        style(Role::SansBold, bs.title.size_pt, accent),
        fs.back_title,
    );
    let title = c.para_at(s, w, Align::Center);
    // Subscription line, with the e-mail address as a link.
    let mut s = StyledText::default();
    let body = style(Role::Sans, bs.text.size_pt, text);
    match b.subscribe.find(&f.publisher.email) {
        Some(i) if !f.publisher.email.is_empty() => {
            s.push(&b.subscribe[..i], body, fs.subscribe);
            let link = Some(c.url(format!("mailto:{}", f.publisher.email)));
            let ls = Style {
                link,
                color: accent,
                ..body
            };
            s.push(&f.publisher.email, ls, fs.subscribe);
            s.push(
                &b.subscribe[i + f.publisher.email.len()..],
                body,
                fs.subscribe,
            );
        }
        _ => s.push(&b.subscribe, body, fs.subscribe),
    }
    let subscribe = c.para_at(s, w, Align::Center);
    let links = b
        .links
        .iter()
        .map(|link| {
            let mut st = style(Role::SansBold, bs.text.size_pt, text);
            if let Some(url) = &link.url {
                st.link = Some(c.url(url.clone()));
                st.color = accent;
            }
            let s = c.plain(&link.label, st, fs.links);
            c.para_at(s, w, Align::Center)
        })
        .collect();
    let note = b.note.as_ref().map(|note| {
        let s = c.plain(note, style(Role::Sans, bs.note.size_pt, muted), fs.note);
        c.para_at(s, w, Align::Center)
    });
    BackCoverText {
        heading,
        paragraph,
        title,
        subscribe,
        links,
        note,
        contacts,
    }
}

fn running(c: &mut Collector, issue: &Issue) -> RunningText {
    let t = c.template;
    let size = t.text.running_head_size_pt;
    let w = c.frame.text_w;
    let head = style(Role::SansBold, size, t.colors.accent);
    let f = &issue.front;
    let name = |c: &mut Collector, n: &str, span: Span| {
        let s = c.plain(n, head, span);
        c.para_at(s, w, Align::Left)
    };
    let part_names = issue
        .parts
        .iter()
        .map(|p| name(c, &p.name, p.span))
        .collect();
    let no_part = name(c, "", Span::default());
    let masthead = format!("{} {} 편", f.title, f.number);
    let s = c.plain(
        &masthead,
        style(Role::Sans, size, t.colors.muted),
        f.fields.title,
    );
    let masthead = c.para_at(s, w, Align::Right);
    RunningText {
        part_names,
        no_part,
        masthead,
        folio: style(Role::Sans, size + 0.5, t.colors.muted),
    }
}
