//! An article's blocks as HTML: sub-heads, paragraphs, lists with their
//! markers as text (as printed: •, 1., ①), pictures with captions, tables,
//! editor's notes and source lists.

use crate::fonts::Role;
use crate::model::{
    Block, BlockKind, ColumnAlign, Figure, Inline, List, ListStyle, Table, plain_text,
};

use super::content::Walk;
use super::html::{Html, attr};
use super::look::El;

pub fn blocks(h: &mut Html, w: &Walk, blocks: &[Block]) {
    for b in blocks {
        block(h, w, b);
    }
}

fn block(h: &mut Html, w: &Walk, b: &Block) {
    match &b.kind {
        BlockKind::Subhead { level, content } => {
            let tag = ["h4", "h5", "h6"][(*level as usize).clamp(1, 3) - 1];
            w.open(h, tag, El::Subhead(*level), "");
            w.inlines(h, content, Role::SansBold);
            h.close(tag);
        }
        BlockKind::Paragraph { content } => paragraph(h, w, El::Paragraph, content),
        BlockKind::Attribution { content } => {
            w.open(h, "p", El::Attribution, "");
            h.text("— ", Role::Sans);
            w.inlines(h, content, Role::Sans);
            h.close("p");
        }
        BlockKind::List(list) => self::list(h, w, list),
        BlockKind::Figure(f) => figure(h, w, f),
        BlockKind::Table(t) => table(h, w, t),
        BlockKind::EditorNote { paragraphs } => {
            w.open(h, "div", El::Note, &attr("role", "note"));
            let last = paragraphs.len().saturating_sub(1);
            for (i, p) in paragraphs.iter().enumerate() {
                w.open(h, "p", El::NoteParagraph, "");
                if i == 0 {
                    h.text("(*", Role::Serif);
                }
                w.inlines(h, p, Role::Serif);
                if i == last {
                    h.text(")", Role::Serif);
                }
                h.close("p");
            }
            h.close("div");
        }
        BlockKind::Sources { items, numbered } => {
            w.open(h, "div", El::Sources, "");
            w.plain(h, "span", El::SourcesLabel, &w.template.body.sources_label);
            h.raw(" ");
            w.open(h, "ul", El::SourcesList, "");
            for (i, item) in items.iter().enumerate() {
                w.open(h, "li", El::SourcesItem, "");
                if *numbered {
                    h.text(&format!("{}. ", i + 1), Role::Sans);
                }
                w.inlines(h, item, Role::Sans);
                h.close("li");
            }
            h.close("ul");
            h.close("div");
        }
    }
}

fn paragraph(h: &mut Html, w: &Walk, el: El, content: &[Inline]) {
    w.open(h, "p", el, "");
    w.inlines(h, content, el.role());
    h.close("p");
}

/// The printed marker of item `n`.
fn marker(style: ListStyle, n: u32) -> String {
    match style {
        ListStyle::Bullet => "•".into(),
        ListStyle::Numbered => format!("{n}."),
        ListStyle::Circled => char::from_u32(0x2460 + n.saturating_sub(1).min(19))
            .unwrap_or('•')
            .to_string(),
    }
}

/// A list; each item's first paragraph carries its marker, as printed.
fn list(h: &mut Html, w: &Walk, list: &List) {
    let tag = if list.style == ListStyle::Bullet {
        "ul"
    } else {
        "ol"
    };
    w.open(h, tag, El::List, "");
    for (i, item) in list.items.iter().enumerate() {
        w.open(h, "li", El::ListItem, "");
        let mut first = true;
        for b in &item.blocks {
            match &b.kind {
                BlockKind::Paragraph { content } => {
                    w.open(h, "p", El::ListParagraph, "");
                    if first {
                        let m = marker(list.style, list.start + i as u32);
                        w.plain(h, "span", El::Marker, &m);
                    }
                    w.inlines(h, content, Role::Serif);
                    h.close("p");
                    first = false;
                }
                BlockKind::List(inner) => self::list(h, w, inner),
                _ => block(h, w, b),
            }
        }
        h.close("li");
    }
    h.close(tag);
}

/// `사진 1) caption`: the label in the accent, the rest muted.
fn caption(h: &mut Html, w: &Walk, label: &str, number: u32, caption: &[Inline]) {
    w.open(h, "figcaption", El::Caption, "");
    w.plain(h, "span", El::CaptionLabel, &format!("{label} {number})"));
    h.raw(" ");
    w.inlines(h, caption, Role::Sans);
    h.close("figcaption");
}

fn figure(h: &mut Html, w: &Walk, f: &Figure) {
    w.open(h, "figure", El::Figure, "");
    let picture = f
        .image
        .as_ref()
        .and_then(|i| Some((i, w.pictures.get(&i.path)?)));
    if let Some((image, picture)) = picture {
        let alt = if image.alt.is_empty() {
            plain_text(&f.caption)
        } else {
            image.alt.clone()
        };
        let attrs = w.look.attrs(El::Picture) + &w.look.picture(picture, &alt);
        h.raw(&format!("<img{attrs}>"));
    }
    caption(h, w, f.kind.label(), f.number, &f.caption);
    h.close("figure");
}

fn align(a: ColumnAlign) -> ColumnAlign {
    match a {
        ColumnAlign::None => ColumnAlign::Left,
        a => a,
    }
}

fn table(h: &mut Html, w: &Walk, t: &Table) {
    let columns = t
        .header
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let col = |i: usize| align(t.align.get(i).copied().unwrap_or(ColumnAlign::None));
    if t.caption.is_some() {
        w.open(h, "figure", El::Figure, "");
    }
    // A region of its own that scrolls sideways on a narrow screen, and
    // that a keyboard can scroll.
    let label = match &t.caption {
        Some((n, _)) => format!("표 {n}"),
        None => {
            let head: Vec<String> = t.header.iter().map(|c| plain_text(&c.content)).collect();
            format!("표: {}", head.join(", "))
        }
    };
    let extra = attr("role", "region") + &attr("aria-label", &label) + &attr("tabindex", "0");
    w.open(h, "div", El::TableWrap, &extra);
    w.open(h, "table", El::Table, "");
    h.raw("<thead><tr>");
    for i in 0..columns {
        w.open(h, "th", El::HeaderCell(col(i)), &attr("scope", "col"));
        if let Some(cell) = t.header.get(i) {
            w.inlines(h, &cell.content, Role::SansBold);
        }
        h.close("th");
    }
    h.raw("</tr></thead><tbody>");
    for row in &t.rows {
        h.raw("<tr>");
        for i in 0..columns {
            w.open(h, "td", El::Cell(col(i)), "");
            if let Some(cell) = row.get(i) {
                w.inlines(h, &cell.content, Role::Sans);
            }
            h.close("td");
        }
        h.raw("</tr>");
    }
    h.raw("</tbody>");
    h.close("table");
    h.close("div");
    if let Some((n, cap)) = &t.caption {
        caption(h, w, "표", *n, cap);
        h.close("figure");
    }
}
