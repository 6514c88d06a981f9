//! The two pages of an edition as documents: `index.html` with its
//! stylesheet and fonts inside, `paste.html` with inline styles only.

use std::collections::HashMap;

use crate::fonts::FontBook;
use crate::model::Issue;
use crate::template::Template;

use super::content::{self, Walk};
use super::css::{Classes, stylesheet};
use super::fonts::page_fonts;
use super::html::{Html, escape};
use super::paste::Inline;
use super::pictures::WebPicture;

/// The document's title: `주간 창업 312 편 · 2023.01.18`.
fn title(issue: &Issue) -> String {
    let f = &issue.front;
    format!("{} {} 편 · {}", f.title, f.number, f.date)
}

/// A whole document around `body`; `style` is the stylesheet, if any.
pub fn document(title: &str, style: Option<&str>, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + style.map_or(0, str::len) + 512);
    out.push_str("<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(title)));
    if let Some(css) = style {
        out.push_str("<style>\n");
        out.push_str(css);
        out.push_str("</style>\n");
    }
    out.push_str("</head>\n<body>\n");
    out.push_str(body);
    out.push_str("\n</body>\n</html>\n");
    out
}

/// `index.html`: the edition with its stylesheet and its font subsets.
pub fn issue_page(
    issue: &Issue,
    template: &Template,
    book: &FontBook,
    pictures: &HashMap<String, WebPicture>,
) -> Result<String, String> {
    let mut h = Html::default();
    let walk = Walk {
        issue,
        template,
        look: &Classes,
        pictures,
    };
    content::write(&mut h, &walk);
    let (body, chars) = h.finish();
    let fonts = page_fonts(book, &chars)?;
    let css = stylesheet(template, &fonts.css);
    Ok(document(&title(issue), Some(&css), &body))
}

/// `paste.html`: the same content, inline styles only.
pub fn paste_page(
    issue: &Issue,
    template: &Template,
    pictures: &HashMap<String, WebPicture>,
) -> String {
    let mut h = Html::default();
    let look = Inline::new(template);
    let walk = Walk {
        issue,
        template,
        look: &look,
        pictures,
    };
    content::write(&mut h, &walk);
    let (body, _) = h.finish();
    document(&title(issue), None, &body)
}
