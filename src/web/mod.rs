//! The web edition: an issue's typed model as a responsive page with its
//! fonts inside (`index.html`), the same content with inline styles for
//! blog and mail editors (`paste.html`), its pictures sized for screens,
//! and the record the archive index (`out/index.html`) is made from.
//!
//! A stage beside `pdf`: it reads the model and, for the archive's page
//! numbers, the laid-out document's outline; it takes pictures as the PDF
//! writer decodes them, so it comes after `pdf`.
//!
//! ```text
//! Issue ─content (one walk, two looks)→ index.html (classes + fonts), paste.html (inline)
//!   ├─pictures→ images/*-740w.jpg, *-1480w.jpg
//!   └─record (+ Document outline)→ IssueRecord ─archive→ out/index.html
//! ```

pub mod archive;
mod blocks;
pub mod content;
mod css;
pub mod design;
pub mod fonts;
pub mod html;
pub mod lang;
pub mod look;
pub mod page;
mod paste;
pub mod pictures;
pub mod record;
pub mod sfnt;

use crate::fonts::FontBook;
use crate::layout::Document;
use crate::model::{BlockKind, Image, Issue, walk_blocks};
use crate::template::Template;

pub use record::IssueRecord;

/// The width of the page's column in CSS pixels (46 rem less the page's
/// padding, at 17 px a rem): pictures are made for it.
pub const COLUMN_PX: f32 = 740.0;

/// An issue's web edition: files relative to its folder (`out/312/`) and
/// the archive's record of it.
#[derive(Debug)]
pub struct Edition {
    pub files: Vec<(String, Vec<u8>)>,
    pub record: IssueRecord,
}

/// The web edition of `issue`, laid out as `doc` for the page numbers.
pub fn edition(
    issue: &Issue,
    doc: &Document,
    template: &Template,
    book: &FontBook,
) -> Result<Edition, String> {
    let images = images(issue);
    let frame = pictures::Frame {
        width: COLUMN_PX,
        max_height: COLUMN_PX * template.body.picture_max_height * text_block_ratio(template),
    };
    let pictures = pictures::prepare(&images, frame)?;
    let index = page::issue_page(issue, template, book, &pictures)?;
    let paste = page::paste_page(issue, template, &pictures);
    let cover = images.iter().find_map(|i| {
        let p = pictures.get(&i.path)?;
        Some(record::CoverPicture {
            src: format!("{}/{}", issue.front.number, p.src()),
            width: p.width,
            height: p.height,
            alt: i.alt.clone(),
        })
    });
    let mut files = vec![
        ("index.html".to_string(), index.into_bytes()),
        ("paste.html".to_string(), paste.into_bytes()),
    ];
    let mut paths: Vec<&String> = pictures.keys().collect();
    paths.sort();
    for p in paths {
        files.extend(pictures[p].files.iter().cloned());
    }
    Ok(Edition {
        files,
        record: record::record(issue, &doc.outline, cover),
    })
}

/// The issue's pictures, in reading order.
fn images(issue: &Issue) -> Vec<&Image> {
    let mut out = Vec::new();
    for a in issue.parts.iter().flat_map(|p| &p.articles) {
        walk_blocks(&a.blocks, &mut |b| {
            if let BlockKind::Figure(f) = &b.kind
                && let Some(i) = &f.image
            {
                out.push(i);
            }
        });
    }
    out
}

/// The text block's height over the body column's width: a picture is at
/// most `picture_max_height` of that height, on the page and on screen.
fn text_block_ratio(t: &Template) -> f32 {
    let p = &t.page;
    let h = p.height_mm - p.margin_top_mm - p.margin_bottom_mm;
    let side = t
        .side_column
        .as_ref()
        .map_or(0.0, |s| s.width_mm + s.gap_mm);
    let w = p.width_mm - p.margin_inner_mm - p.margin_outer_mm - side;
    h / w.max(1.0)
}
