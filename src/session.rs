//! A long-lived build of one issue, for `watch`: the fonts are loaded once,
//! the paragraphs earlier builds shaped and broke are kept by content
//! ([`layout::TextCache`]), and so are krilla's subset fonts and compressed
//! streams (memoized by comemo, evicted after a few builds without use).
//! Every build writes the bytes a cold [`crate::build`] of the same source
//! writes: the caches hold only what pure functions made of equal inputs.
//!
//! A session also says what changed since its last good build, for the
//! preview: which pages draw differently, and the page the edit landed on.

use std::path::PathBuf;

use crate::diag::{Diagnostics, SourceFiles, Warned};
use crate::fonts::FontBook;
use crate::layout::{BlockRole, Document, Item, Structure, TextCache};
use crate::project::Project;
use crate::{BuildOptions, Built};

/// How many builds a memoized subset or stream is kept unused: enough for
/// an edit and its undo.
const MEMO_AGE: usize = 3;

pub struct Session {
    pub project: Project,
    /// The `--template` the project was opened with, to open it again.
    template: Option<PathBuf>,
    pub book: FontBook,
    pub opts: BuildOptions,
    pub number: u32,
    texts: TextCache,
    /// Fingerprints of the last good build's pages.
    pages: Vec<PagePrint>,
}

/// A build of the session, and the document it was written from.
#[derive(Debug)]
pub struct Rebuilt {
    pub built: Built,
    doc: Document,
}

/// What a build changed since the session's last good one (see
/// [`Session::compare`]).
#[derive(Debug)]
pub struct Changes {
    /// A fingerprint per page of what it draws: equal means the same image.
    pub prints: Vec<u64>,
    /// The page size in points.
    pub size: (f32, f32),
    /// Pages that draw differently from the last good build (all of them
    /// after the first).
    pub changed: Vec<usize>,
    /// Where the edit landed: the first page whose content (not its running
    /// heads, folio or contents entries) changed, else the first changed.
    pub landed: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct PagePrint {
    /// Everything drawn.
    drawn: u64,
    /// Only the content: no artifacts, no contents page entries.
    body: u64,
}

impl Session {
    pub fn new(
        project: Project,
        template: Option<PathBuf>,
        book: FontBook,
        opts: BuildOptions,
        number: u32,
    ) -> Session {
        // A session builds the same document again and again: krilla keeps
        // what it subset and compressed (a cold build does not pay for it).
        krilla::set_memoize(true);
        Session {
            project,
            template,
            book,
            opts,
            number,
            texts: TextCache::default(),
            pages: Vec::new(),
        }
    }

    /// Reads the project's template again (it was saved); the text kept so
    /// far was set with the old one and is dropped.
    pub fn reload(&mut self, files: &mut SourceFiles) -> Result<(), Diagnostics> {
        let root = self.project.root.clone();
        self.project = Project::open(root, self.template.as_deref(), files)?;
        self.texts = TextCache::default();
        Ok(())
    }

    /// Builds the issue from its files as they are now.
    pub fn build(&mut self, files: &mut SourceFiles) -> Result<Warned<Rebuilt>, Diagnostics> {
        let number = self.number;
        let result = crate::build_with(
            &self.project,
            &self.book,
            number,
            files,
            &self.opts,
            false,
            Some(&mut self.texts),
        );
        let Warned {
            value: (built, doc),
            warnings,
        } = result?;
        Ok(Warned {
            value: Rebuilt { built, doc },
            warnings,
        })
    }

    /// Forgets memoized subsets and streams no recent build used. Not part
    /// of [`Session::build`]: a watcher writes the PDF first (evicting
    /// walks every memoized glyph box, a few milliseconds).
    pub fn tidy(&self) {
        comemo::evict(MEMO_AGE);
    }

    /// What `r` changed since the last build compared, which it becomes.
    /// Not part of [`Session::build`]: a watcher writes the PDF first.
    pub fn compare(&mut self, r: &Rebuilt) -> Changes {
        let pages = fingerprints(&r.doc);
        let changed: Vec<usize> = (0..pages.len())
            .filter(|&i| self.pages.get(i).is_none_or(|p| p.drawn != pages[i].drawn))
            .collect();
        let landed = (0..pages.len())
            .find(|&i| self.pages.get(i).is_none_or(|p| p.body != pages[i].body))
            .or(changed.first().copied());
        let prints = pages.iter().map(|p| p.drawn).collect();
        self.pages = pages;
        Changes {
            prints,
            size: (r.doc.width, r.doc.height),
            changed,
            landed,
        }
    }
}

/// Each page's fingerprints: what it draws, as bytes, through blake3.
fn fingerprints(doc: &Document) -> Vec<PagePrint> {
    let in_contents = contents_blocks(doc);
    let (mut drawn, mut body) = (Vec::new(), Vec::new());
    let print = |bytes: &[u8]| {
        let h = blake3::hash(bytes);
        u64::from_le_bytes(h.as_bytes()[..8].try_into().expect("8 bytes"))
    };
    doc.pages
        .iter()
        .map(|page| {
            drawn.clear();
            body.clear();
            for item in &page.items {
                let at = drawn.len();
                item_bytes(item, &mut drawn);
                let content = match item_node(item) {
                    Some(Structure::Block(b)) => !in_contents.get(b).copied().unwrap_or(false),
                    Some(Structure::Artifact) => false,
                    None => true,
                };
                if content {
                    body.extend_from_slice(&drawn[at..]);
                }
            }
            PagePrint {
                drawn: print(&drawn),
                body: print(&body),
            }
        })
        .collect()
}

/// Which logical blocks are the contents page's (or inside it).
fn contents_blocks(doc: &Document) -> Vec<bool> {
    let mut is: Vec<Option<bool>> = vec![None; doc.blocks.len()];
    fn resolve(b: usize, doc: &Document, is: &mut [Option<bool>]) -> bool {
        if let Some(v) = is[b] {
            return v;
        }
        let block = &doc.blocks[b];
        let v = matches!(block.role, BlockRole::Toc | BlockRole::TocItem)
            || block
                .parent
                .is_some_and(|p| p < is.len() && p != b && resolve(p, doc, is));
        is[b] = Some(v);
        v
    }
    (0..doc.blocks.len())
        .map(|b| resolve(b, doc, &mut is))
        .collect()
}

fn item_node(item: &Item) -> Option<Structure> {
    match item {
        Item::Text(line) => Some(line.node),
        Item::Image { node, .. } => Some(*node),
        Item::Rect { .. } => None,
    }
}

/// What `item` draws, as bytes.
fn item_bytes(item: &Item, out: &mut Vec<u8>) {
    let f = |v: f32, out: &mut Vec<u8>| out.extend_from_slice(&v.to_bits().to_le_bytes());
    match item {
        Item::Text(line) => {
            out.push(0);
            f(line.x, out);
            f(line.y, out);
            for run in &line.runs {
                f(run.x, out);
                out.extend_from_slice(&run.face.0.to_le_bytes());
                f(run.size, out);
                out.extend_from_slice(&run.color.key());
                for g in &run.glyphs {
                    out.extend_from_slice(&g.id.to_le_bytes());
                    f(g.advance, out);
                    f(g.x_offset, out);
                    f(g.y_offset, out);
                }
            }
        }
        Item::Rect { x, y, w, h, color } => {
            out.push(1);
            for v in [*x, *y, *w, *h] {
                f(v, out);
            }
            out.extend_from_slice(&color.key());
        }
        Item::Image {
            x, y, w, h, image, ..
        } => {
            out.push(2);
            for v in [*x, *y, *w, *h] {
                f(v, out);
            }
            out.extend_from_slice(blake3::hash(&image.bytes).as_bytes());
            out.push(image.orientation);
        }
    }
}

/// Renders diagnostics as the terminal shows them, without colour: the
/// preview's error banner.
pub fn diagnostics_text(files: &SourceFiles, d: &Diagnostics) -> String {
    let mut out = Vec::new();
    let _ = crate::diag::emit(&mut out, files, d, crate::diag::Format::Human, false);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_inside_the_contents_is_contents() {
        let block = |role, parent| crate::layout::LogicalBlock { role, parent };
        let doc = Document {
            width: 1.0,
            height: 1.0,
            pages: vec![],
            outline: vec![],
            blocks: vec![
                block(BlockRole::Toc, None),
                block(BlockRole::Paragraph, Some(0)),
                block(BlockRole::Article, None),
                block(BlockRole::Paragraph, Some(2)),
            ],
            title: String::new(),
            author: String::new(),
            date: crate::model::Date {
                year: 2024,
                month: 1,
                day: 1,
            },
            toc_passes: 1,
            text_wall: Default::default(),
            shaping: Default::default(),
            breaking: Default::default(),
        };
        assert_eq!(contents_blocks(&doc), [true, true, false, false]);
    }
}
