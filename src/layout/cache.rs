//! What one layout keeps for the next: shaped paragraphs by content, and
//! their lines by content and measure. A watcher lays out the same issue
//! again after each save; only the paragraphs the edit touched are shaped
//! and broken again.
//!
//! The key is the paragraph's text and styles, not where it came from in
//! the source: an edit shifts the source offsets of every paragraph after
//! it, and those paragraphs must still be found. Anything located (missing
//! characters, line warnings) is kept as offsets into the paragraph's text
//! and located again from the new [`StyledText`].
//!
//! A cache belongs to one font book and one template (line-breaking
//! parameters): make a new one when either changes.

use std::collections::HashMap;
use std::sync::Arc;

use super::collect::Measure;
use crate::text::lines::{Line, LineWarning};
use crate::text::shape::{ShapedPara, StyledText};

/// A paragraph's content: its text and the style of each range, without
/// source locations (blake3, so that equal keys mean equal content).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ContentKey([u8; 32]);

impl ContentKey {
    pub fn of(styled: &StyledText) -> ContentKey {
        let mut h = blake3::Hasher::new();
        h.update(&(styled.text.len() as u64).to_le_bytes());
        h.update(styled.text.as_bytes());
        for s in &styled.spans {
            let st = &s.style;
            h.update(&(s.range.start as u64).to_le_bytes());
            h.update(&(s.range.end as u64).to_le_bytes());
            h.update(&[st.role as u8]);
            h.update(&st.size.to_bits().to_le_bytes());
            h.update(&st.color.key());
            match st.link {
                Some(l) => h.update(&[1]).update(&l.to_le_bytes()),
                None => h.update(&[0]),
            };
        }
        ContentKey(*h.finalize().as_bytes())
    }
}

/// Lines of a paragraph at one measure, with the breaker's warnings.
pub type Broken = (Arc<Vec<Line>>, Arc<Vec<LineWarning>>);

/// Shaped paragraphs and broken lines of the last layout, and what the
/// current one used (the next layout keeps only that: the cache holds one
/// issue's text, however long the session).
#[derive(Default)]
pub struct TextCache {
    /// Whether to keep anything: a cold build's cache keeps nothing, so
    /// that its text is let go as soon as layout is done with it.
    off: bool,
    shaped: HashMap<ContentKey, Arc<ShapedPara>>,
    lines: HashMap<(ContentKey, Measure), Broken>,
    used_shaped: HashMap<ContentKey, Arc<ShapedPara>>,
    used_lines: HashMap<(ContentKey, Measure), Broken>,
}

impl TextCache {
    /// A cache that keeps nothing (one layout, no next).
    pub fn off() -> TextCache {
        TextCache {
            off: true,
            ..TextCache::default()
        }
    }

    /// The shaped paragraph of this content, located at `styled`.
    pub fn shaped(&mut self, key: ContentKey, styled: &StyledText) -> Option<Arc<ShapedPara>> {
        let para = self
            .used_shaped
            .get(&key)
            .or_else(|| self.shaped.get(&key))?
            .clone();
        self.used_shaped.insert(key, para.clone());
        Some(relocate(para, styled))
    }

    pub fn lines(&mut self, key: ContentKey, m: Measure) -> Option<Broken> {
        let broken = self
            .used_lines
            .get(&(key, m))
            .or_else(|| self.lines.get(&(key, m)))?
            .clone();
        self.used_lines.insert((key, m), broken.clone());
        Some(broken)
    }

    pub fn keep_shaped(&mut self, key: ContentKey, para: Arc<ShapedPara>) {
        if !self.off {
            self.used_shaped.insert(key, para);
        }
    }

    pub fn keep_lines(&mut self, key: ContentKey, m: Measure, broken: Broken) {
        if !self.off {
            self.used_lines.insert((key, m), broken);
        }
    }

    /// Ends a layout: what it did not use is dropped.
    pub fn finish(&mut self) {
        self.shaped = std::mem::take(&mut self.used_shaped);
        self.lines = std::mem::take(&mut self.used_lines);
    }
}

/// `para` with its missing characters located in `styled` (the same
/// content, maybe elsewhere in the source).
fn relocate(para: Arc<ShapedPara>, styled: &StyledText) -> Arc<ShapedPara> {
    let moved = para
        .missing
        .iter()
        .any(|(at, _, span)| *span != styled.source_at(*at));
    if !moved {
        return para;
    }
    let mut p = (*para).clone();
    for (at, _, span) in &mut p.missing {
        *span = styled.source_at(*at);
    }
    Arc::new(p)
}
