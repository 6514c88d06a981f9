//! The edition's content in the order of the PDF: the cover's masthead,
//! the contents, the parts with their articles, the back cover. Written
//! once for both pages through a [`Look`].

use std::collections::HashMap;

use crate::fonts::Role;
use crate::model::{Inline, Issue, plain_text};
use crate::template::Template;

use super::blocks::blocks;
use super::html::{Html, attr, safe_href};
use super::look::{El, Look, emphasis, strong};
use super::pictures::WebPicture;

/// What a walk over the issue needs besides the HTML it writes.
pub struct Walk<'a> {
    pub issue: &'a Issue,
    pub template: &'a Template,
    pub look: &'a dyn Look,
    /// The pictures made for the web, by their path in the issue.
    pub pictures: &'a HashMap<String, WebPicture>,
}

impl Walk<'_> {
    /// `<tag …>` styled as `el`, with `extra` attributes.
    pub fn open(&self, h: &mut Html, tag: &str, el: El, extra: &str) {
        let attrs = self.look.attrs(el) + extra;
        h.open(tag, &attrs);
    }

    /// An element holding plain text in its own role.
    pub fn plain(&self, h: &mut Html, tag: &str, el: El, text: &str) {
        h.element(tag, &self.look.attrs(el), text, el.role());
    }

    /// Inlines set in `role`: bold and emphasis change the face as in
    /// the PDF; links keep their target when it is harmless.
    pub fn inlines(&self, h: &mut Html, inlines: &[Inline], role: Role) {
        for i in inlines {
            match i {
                Inline::Text { text, .. } => h.text(text, role),
                Inline::LineBreak { .. } => h.raw("<br>"),
                Inline::Strong { children, .. } => {
                    let r = strong(role);
                    self.open(h, "strong", El::Strong(r), "");
                    self.inlines(h, children, r);
                    h.close("strong");
                }
                Inline::Emphasis { children, .. } => {
                    let r = emphasis(role);
                    self.open(h, "em", El::Emphasis(r), "");
                    self.inlines(h, children, r);
                    h.close("em");
                }
                Inline::Link { url, children, .. } => match safe_href(url) {
                    Some(url) if self.look.keeps_link(url) => {
                        self.open(h, "a", El::Link, &attr("href", url));
                        self.inlines(h, children, role);
                        h.close("a");
                    }
                    _ => {
                        self.open(h, "span", El::Link, "");
                        self.inlines(h, children, role);
                        h.close("span");
                    }
                },
            }
        }
    }
}

/// The id of article `number` of the part at `part` (0-based): the
/// contents and the archive link to it.
pub fn article_id(part: usize, number: u32) -> String {
    format!("a-{}-{number}", part + 1)
}

/// Everything, in the PDF's order, inside one element styled [`El::Page`].
pub fn write(h: &mut Html, w: &Walk) {
    w.open(h, "div", El::Page, "");
    cover(h, w);
    contents(h, w);
    w.open(h, "main", El::Main, "");
    for (pi, part) in w.issue.parts.iter().enumerate() {
        let id = format!("part-{}", pi + 1);
        let extra = attr("id", &id) + &attr("aria-labelledby", &format!("{id}-h"));
        w.open(h, "section", El::Part, &extra);
        w.open(h, "h2", El::PartBanner, &attr("id", &format!("{id}-h")));
        part_label(h, w, part.index);
        h.text(&part.name, Role::SansBold);
        h.close("h2");
        for a in &part.articles {
            let id = article_id(pi, a.number);
            let extra = attr("id", &id) + &attr("aria-labelledby", &format!("{id}-h"));
            w.open(h, "article", El::Article, &extra);
            w.open(h, "header", El::ArticleHead, "");
            w.open(h, "h3", El::ArticleTitle, &attr("id", &format!("{id}-h")));
            w.plain(h, "span", El::ArticleNumber, &format!("{}.", a.number));
            h.raw(" ");
            if let Some(c) = &a.category {
                w.plain(h, "span", El::Category, &format!("【{c}】"));
                h.raw(" ");
            }
            w.inlines(h, &a.title, Role::SansBold);
            h.close("h3");
            if let Some(src) = &a.source {
                w.open(h, "p", El::Source, "");
                h.text("— ", Role::Sans);
                w.inlines(h, src, Role::Sans);
                h.close("p");
            }
            h.close("header");
            blocks(h, w, &a.blocks);
            h.close("article");
        }
        h.close("section");
    }
    h.close("main");
    back_cover(h, w);
    h.close("div");
}

/// The part's label (`01`) and the space after it, as the PDF sets it.
fn part_label(h: &mut Html, w: &Walk, index: usize) {
    if let Some(p) = w.template.parts.get(index) {
        w.plain(h, "span", El::PartLabel, &p.label);
        h.raw(" ");
    }
}

fn cover(h: &mut Html, w: &Walk) {
    let f = &w.issue.front;
    w.open(h, "header", El::Cover, "");
    let publisher = format!("{} · {}", f.publisher.name, f.publisher.organization);
    w.plain(h, "p", El::Publisher, &publisher);
    w.plain(h, "h1", El::Masthead, &f.title);
    w.open(h, "p", El::IssueLine, "");
    w.plain(h, "span", El::Number, &format!("{} 편", f.number));
    h.raw(" ");
    let d = f.date;
    let iso = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    w.open(h, "time", El::Date, &attr("datetime", &iso));
    h.text(&d.to_string(), El::Date.role());
    h.close("time");
    h.close("p");
    h.close("header");
}

fn contents(h: &mut Html, w: &Walk) {
    let title = &w.template.contents.title;
    w.open(
        h,
        "nav",
        El::Contents,
        &attr("aria-labelledby", "contents-h"),
    );
    w.open(h, "h2", El::ContentsTitle, &attr("id", "contents-h"));
    h.text(title, Role::SansBold);
    h.close("h2");
    for (pi, part) in w.issue.parts.iter().enumerate() {
        w.open(h, "h3", El::ContentsPart, "");
        part_label(h, w, part.index);
        h.text(&part.name, Role::SansBold);
        h.close("h3");
        w.open(h, "ol", El::ContentsList, "");
        for a in &part.articles {
            w.open(h, "li", El::ContentsItem, "");
            let href = format!("#{}", article_id(pi, a.number));
            w.open(h, "a", El::ContentsLink, &attr("href", &href));
            w.plain(h, "span", El::ContentsNumber, &format!("{}.", a.number));
            h.raw(" ");
            w.open(h, "span", El::ContentsEntry, "");
            if let Some(c) = &a.category {
                h.text(&format!("【{c}】 "), Role::Serif);
            }
            h.text(plain_text(&a.title).trim(), Role::Serif);
            h.close("span");
            h.close("a");
            h.close("li");
        }
        h.close("ol");
    }
    h.close("nav");
}

fn back_cover(h: &mut Html, w: &Walk) {
    let f = &w.issue.front;
    let b = &f.back_cover;
    w.open(h, "footer", El::Back, "");
    w.plain(h, "h2", El::BackTitle, &b.title);
    w.open(h, "p", El::BackText, "");
    let email = &f.publisher.email;
    match b.subscribe.find(email.as_str()) {
        Some(i) if !email.is_empty() => {
            h.text(&b.subscribe[..i], Role::Sans);
            w.open(h, "a", El::Link, &attr("href", &format!("mailto:{email}")));
            h.text(email, Role::Sans);
            h.close("a");
            h.text(&b.subscribe[i + email.len()..], Role::Sans);
        }
        _ => h.text(&b.subscribe, Role::Sans),
    }
    h.close("p");
    for link in &b.links {
        w.open(h, "p", El::BackLink, "");
        match link.url.as_deref().and_then(safe_href) {
            Some(url) if w.look.keeps_link(url) => {
                w.open(h, "a", El::Link, &attr("href", url));
                h.text(&link.label, Role::SansBold);
                h.close("a");
            }
            _ => h.text(&link.label, Role::SansBold),
        }
        h.close("p");
    }
    if let Some(note) = &b.note {
        w.plain(h, "p", El::BackNote, note);
    }
    contacts(h, w);
    w.plain(h, "p", El::Copyright, &f.copyright);
    h.close("footer");
}

/// 센터장, 전화, 메일, then the organization, as on the printed covers.
fn contacts(h: &mut Html, w: &Walk) {
    let p = &w.issue.front.publisher;
    let k = &w.template.contacts;
    w.open(h, "div", El::Contacts, "");
    for (label, value) in [
        (&k.director_label, &p.director),
        (&k.phone_label, &p.phone),
        (&k.email_label, &p.email),
    ] {
        w.plain(h, "p", El::ContactLine, &format!("{label}: {value}"));
    }
    let org = format!("{} {}", p.name, p.organization);
    w.plain(h, "p", El::Organization, &org);
    if let Some(en) = &p.organization_en {
        w.plain(h, "p", El::OrganizationEn, en);
    }
    h.close("div");
}
