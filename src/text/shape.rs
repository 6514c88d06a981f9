//! Itemization and shaping: a paragraph's styled text → positioned glyphs,
//! each with the byte range of its cluster in the paragraph's text.
//!
//! Runs are split by style, by face (per-character fallback) and by script,
//! then shaped with rustybuzz with the language set to Korean, so Hanja take
//! their Korean forms (`locl`). A character no face has is shaped with the
//! role's face (it becomes .notdef) and reported with its source span.

use std::ops::Range;

use super::chars::{is_han, is_hangul};
use crate::diag::Span;
use crate::fonts::{FaceId, FontBook, Role};
use crate::template::Color;

/// How a span of text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub role: Role,
    pub size: f32,
    pub color: Color,
    /// Index into the document's link targets.
    pub link: Option<u32>,
}

/// A paragraph's text with a style for each byte range, and where each
/// range came from in the source.
#[derive(Clone, Debug, Default)]
pub struct StyledText {
    pub text: String,
    pub spans: Vec<StyledSpan>,
}

#[derive(Clone, Debug)]
pub struct StyledSpan {
    pub range: Range<usize>,
    pub style: Style,
    pub source: Span,
}

impl StyledText {
    pub fn push(&mut self, text: &str, style: Style, source: Span) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        if let Some(last) = self.spans.last_mut()
            && last.style == style
            && last.range.end == start
            && last.source == source
        {
            last.range.end = self.text.len();
            return;
        }
        self.spans.push(StyledSpan {
            range: start..self.text.len(),
            style,
            source,
        });
    }

    /// The source span of the text at byte `at`: the character itself when
    /// its span's text is the source's byte for byte (as for plain text and
    /// soft line breaks), else the whole inline. Line and column are
    /// recomputed from the offset when diagnostics are printed.
    pub fn source_at(&self, at: usize) -> Option<Span> {
        let s = self.spans.iter().find(|s| s.range.contains(&at))?;
        let src = s.source;
        if src.end - src.start != s.range.len() {
            return Some(src);
        }
        let start = src.start + (at - s.range.start);
        let len = self.text[at..].chars().next().map_or(1, char::len_utf8);
        Some(Span {
            start,
            end: start + len,
            ..src
        })
    }
}

#[derive(Clone, Debug)]
pub struct Glyph {
    pub id: u16,
    pub face: FaceId,
    /// Index into [`ShapedPara::styles`].
    pub style: u16,
    /// Advance and offsets in points.
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The cluster's bytes in the paragraph's text.
    pub range: Range<usize>,
}

/// A shaped paragraph: shaped once, broken into lines at any measure.
#[derive(Clone, Debug, Default)]
pub struct ShapedPara {
    pub text: String,
    pub glyphs: Vec<Glyph>,
    pub styles: Vec<Style>,
    /// Characters no bundled font has, set from another face
    /// (`FontBook::fallback_face` says which) or as .notdef: byte offset,
    /// the character, where in the source.
    pub missing: Vec<(usize, char, Option<Span>)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Hangul,
    Han,
    Latin,
    Common,
}

/// The script a character is shaped as (see `chars.rs` for the sets).
/// Latin covers the alphabetic characters below U+2000 (Latin, Greek,
/// Cyrillic …); everything else takes the script of the run it is in.
fn script_of(c: char) -> Script {
    if is_hangul(c) {
        Script::Hangul
    } else if is_han(c) {
        Script::Han
    } else if c.is_alphabetic() && (c as u32) < 0x2000 {
        Script::Latin
    } else {
        Script::Common
    }
}

/// Re-exported so that `text::shape::is_space` keeps working; which
/// spaces are word spaces is decided in `chars.rs`.
pub use super::chars::is_space;

/// Shapes a styled paragraph: each styled span is itemized into runs
/// ([`itemize`]) and each run shaped ([`shape_run`]).
pub fn shape(book: &FontBook, styled: &StyledText) -> ShapedPara {
    let text = &styled.text;
    let mut styles: Vec<Style> = Vec::new();
    let mut glyphs = Vec::new();
    let mut missing = Vec::new();
    for span in &styled.spans {
        let style_idx = match styles.iter().position(|s| *s == span.style) {
            Some(i) => i,
            None => {
                styles.push(span.style);
                styles.len() - 1
            }
        };
        for run in itemize(book, styled, span, &mut missing) {
            shape_run(book, text, &run, style_idx, span.style.size, &mut glyphs);
        }
    }
    ShapedPara {
        text: text.clone(),
        glyphs,
        styles,
        missing,
    }
}

/// Part of a span set in one face and shaped as one script.
struct Run {
    range: Range<usize>,
    face: FaceId,
    script: Script,
}

/// Splits one styled span into runs: a new run where the face changes
/// (per-character fallback) or the script does; spaces and characters of
/// no script in particular (`Script::Common`) join the run they are in.
/// A `\n` ends a run and is not shaped. A character no bundled face has
/// is pushed to `missing` (and set in the role's face if no face has it).
fn itemize(
    book: &FontBook,
    styled: &StyledText,
    span: &StyledSpan,
    missing: &mut Vec<(usize, char, Option<Span>)>,
) -> Vec<Run> {
    let role = span.style.role;
    let mut runs = Vec::new();
    let mut run_start = span.range.start;
    let mut run: Option<(FaceId, Script)> = None;
    let mut close = |range: Range<usize>, (face, script): (FaceId, Script)| {
        runs.push(Run {
            range,
            face,
            script,
        })
    };
    for (off, c) in styled.text[span.range.clone()].char_indices() {
        let at = span.range.start + off;
        if c == '\n' {
            if let Some(r) = run.take() {
                close(run_start..at, r);
            }
            run_start = at + 1;
            continue;
        }
        let face = if is_space(c) || c.is_whitespace() {
            // The run's face if it has the space (a fallback face may not).
            let has = |f: &FaceId| book.face(*f).has_char(c);
            run.map(|r| r.0).filter(has).unwrap_or(book.role(role))
        } else {
            match book.face_for(role, c) {
                Some(face) if book.is_bundled(face) => face,
                found => {
                    missing.push((at, c, styled.source_at(at)));
                    found.unwrap_or(book.role(role))
                }
            }
        };
        let script = match (script_of(c), run) {
            (Script::Common, Some((_, s))) => s,
            (s, _) => s,
        };
        match run {
            Some((f, s)) if f == face && (s == script || script == Script::Common) => {}
            Some(r) => {
                close(run_start..at, r);
                run_start = at;
                run = Some((face, script));
            }
            None => {
                run_start = at;
                run = Some((face, script));
            }
        }
    }
    if let Some(r) = run {
        close(run_start..span.range.end, r);
    }
    runs
}

/// Shapes one run with rustybuzz, in Korean, and appends its glyphs to
/// `out`, each with its cluster's byte range in `text`.
fn shape_run(
    book: &FontBook,
    text: &str,
    run: &Run,
    style: usize,
    size: f32,
    out: &mut Vec<Glyph>,
) {
    let range = run.range.clone();
    if range.is_empty() {
        return;
    }
    let face_id = run.face;
    let face = book.face(face_id);
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(&text[range.clone()]);
    buf.set_direction(rustybuzz::Direction::LeftToRight);
    buf.set_language(korean());
    let script = match run.script {
        Script::Hangul => rustybuzz::script::HANGUL,
        Script::Han => rustybuzz::script::HAN,
        Script::Latin => rustybuzz::script::LATIN,
        Script::Common => rustybuzz::script::HANGUL,
    };
    buf.set_script(script);
    let plan = face.plan(script, &korean());
    let shaped = rustybuzz::shape_with_plan(&face.shaper, &plan, buf);
    let scale = size / face.units_per_em;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    // Cluster ends: the next larger cluster value, or the run's end.
    let mut starts: Vec<u32> = infos.iter().map(|i| i.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    for (info, pos) in infos.iter().zip(positions) {
        let start = info.cluster as usize;
        let next = starts.partition_point(|&s| s <= info.cluster);
        let end = starts.get(next).map_or(range.len(), |&s| s as usize);
        out.push(Glyph {
            id: info.glyph_id as u16,
            face: face_id,
            style: style as u16,
            advance: pos.x_advance as f32 * scale,
            x_offset: pos.x_offset as f32 * scale,
            y_offset: pos.y_offset as f32 * scale,
            range: range.start + start..range.start + end,
        });
    }
}

fn korean() -> rustybuzz::Language {
    static KO: std::sync::OnceLock<rustybuzz::Language> = std::sync::OnceLock::new();
    KO.get_or_init(|| "ko".parse().expect("valid language tag"))
        .clone()
}
