//! Layout: an issue set into pages, in four stages with typed data between
//! them (as typst's inline layout: collect → prepare → linebreak →
//! finalize; and parley: shape once, break at any width):
//!
//! ```text
//! Issue + Template ─collect→ Collected ─prepare→ Texts ─flow→ Flowed ─finalize→ Document
//! ```
//!
//! - [`collect`]: every paragraph to set (body and furniture), each with an
//!   id and its styled text, and a skeleton of boxes referring to them;
//! - [`prepare`]: each paragraph shaped once, on all cores, keyed by its
//!   content, and broken ahead of time at the measures collect foresaw;
//! - [`flow`]: lines broken per measure on demand, blocks placed, pages
//!   filled, contents set with the real page numbers;
//! - [`finalize`]: pages of glyph runs, rules and pictures for the PDF writer.
//!
//! Data flows one way: no stage changes what an earlier one made.

pub mod cache;
pub mod collect;
pub mod document;
pub mod finalize;
pub mod flow;
pub mod geometry;
pub mod prepare;

use crate::diag::Warned;
use crate::fonts::FontBook;
use crate::model::Issue;
use crate::template::Template;

pub use cache::TextCache;
pub use document::{
    BlockRole, Document, GlyphRun, Item, Link, LinkTarget, LogicalBlock, OutlineEntry, Page,
    RunGlyph, Structure, TextLine,
};
pub use geometry::MM;

/// Lays out an issue.
pub fn layout(issue: &Issue, template: &Template, book: &FontBook) -> Warned<Document> {
    layout_with(issue, template, book, &mut TextCache::default())
}

/// [`layout`], reusing the paragraphs an earlier layout of the issue
/// shaped and broke (same `book` and `template`); `cache` then holds this
/// layout's for the next.
pub fn layout_with(
    issue: &Issue,
    template: &Template,
    book: &FontBook,
    cache: &mut TextCache,
) -> Warned<Document> {
    let mut collected = collect::collect(issue, template);
    let paras = std::mem::take(&mut collected.paras);
    let taken = std::mem::take(cache);
    let mut texts = prepare::prepare_with(book, template, paras, &collected.measures, taken);
    let flowed = flow::flow(issue, &collected, &mut texts);
    *cache = texts.take_cache();
    let blocks = std::mem::take(&mut collected.blocks);
    let mut doc = finalize::finalize(issue, collected.frame, flowed, blocks);
    doc.text_wall = texts.wall;
    doc.shaping = texts.shaping;
    doc.breaking = texts.breaking;
    Warned {
        value: doc,
        warnings: texts.warnings,
    }
}
