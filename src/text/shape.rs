//! Itemization and shaping: a paragraph's styled text → positioned glyphs,
//! each with the byte range of its cluster in the paragraph's text.
//!
//! Runs are split by style, by face (per-character fallback) and by script,
//! then shaped with rustybuzz with the language set to Korean, so Hanja take
//! their Korean forms (`locl`). A character no face has is shaped with the
//! role's face (it becomes .notdef) and reported with its source span.
//!
//! Some characters are places rather than things to draw: hard breaks
//! (`\n`, U+2028 …) and zero-width characters (`chars::is_invisible`) are
//! not shaped; the line breaker reads them from the text. A soft hyphen is
//! shaped alone, as the hyphen the line breaker draws only when a line
//! ends there. Spaces are shaped in the run's face whether it has them or
//! not: rustybuzz sets a space the face lacks (a thin space) with its space
//! glyph at the right width; whitespace it cannot set is reported.

use std::ops::Range;

use super::chars::{
    SOFT_HYPHEN, is_bracket, is_closing_bracket, is_han, is_hangul, is_hard_break, is_invisible,
    is_latin, is_opening_bracket,
};
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
    } else if is_latin(c) {
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
            let first = glyphs.len();
            shape_run(book, text, &run, style_idx, span.style.size, &mut glyphs);
            report_blank_notdef(text, &glyphs[first..], styled, &mut missing);
        }
    }
    tighten_brackets(text, &mut glyphs, &styles);
    ShapedPara {
        text: text.clone(),
        glyphs,
        styles,
        missing,
    }
}

/// Full-width brackets set half-width where their blank half would add to
/// other space (KLREQ; the OpenType `halt` adjustment, applied to the
/// shaped glyph): an opening bracket after a space, another bracket or
/// punctuation loses its blank left half; a closing bracket loses its
/// blank right half before a particle (`「선전시 … 계획」을`: no hole after
/// the space, no gap before the particle). Only glyphs one em wide are touched: a face whose brackets
/// are already proportional is left alone. (At a line's start or end a
/// bracket keeps its blank half: lines are not known here.)
fn tighten_brackets(text: &str, glyphs: &mut [Glyph], styles: &[Style]) {
    let char_at = |at: usize| text[at..].chars().next();
    let before = |at: usize| text[..at].chars().next_back();
    let loose = |n: Option<char>| match n {
        None => true,
        Some(n) => {
            n.is_whitespace()
                || is_bracket(n)
                || n.is_ascii_punctuation()
                || "、。，．：；！？".contains(n)
        }
    };
    for g in glyphs.iter_mut() {
        let Some(c) = char_at(g.range.start) else {
            continue;
        };
        let size = styles[g.style as usize].size;
        if (g.advance - size).abs() > size * 0.02 {
            continue;
        }
        let half = size / 2.0;
        // Not at the paragraph's start: there it follows a hung number
        // (`1. 【시장분석】`), whose space it would overlap.
        let prev = before(g.range.start);
        if is_opening_bracket(c) && prev.is_some() && loose(prev) {
            g.advance -= half;
            g.x_offset -= half;
        } else if is_closing_bracket(c) {
            // Not before a space or the end, where a line may end: a
            // bracket there stays whole, so that the line's last glyph ends
            // on its measure as readers (and PDF tools) see it; the word
            // space after it gives up the blank half instead
            // (`lines/items.rs`).
            let next = char_at(g.range.end);
            // Before a particle only: before punctuation the bracket may
            // still end a line (PDF tools measure glyphs at the font's
            // width, and would count its trimmed half as overfull).
            let tight = next.is_some_and(is_hangul);
            if tight {
                g.advance -= half;
            }
        }
    }
}

/// Part of a span set in one face and shaped as one script.
struct Run {
    range: Range<usize>,
    face: FaceId,
    script: Script,
}

/// Whitespace that became .notdef (a tab, U+1680): [`itemize`] does not
/// look spaces up in the fonts, as rustybuzz sets the Unicode spaces a
/// face lacks with its space glyph; what it cannot set is reported here.
fn report_blank_notdef(
    text: &str,
    glyphs: &[Glyph],
    styled: &StyledText,
    missing: &mut Vec<(usize, char, Option<Span>)>,
) {
    for g in glyphs.iter().filter(|g| g.id == 0) {
        if let Some(c) = text[g.range.clone()].chars().next()
            && c.is_whitespace()
        {
            missing.push((g.range.start, c, styled.source_at(g.range.start)));
        }
    }
}

/// Splits one styled span into runs: a new run where the face changes
/// (per-character fallback) or the script does; spaces and characters of
/// no script in particular (`Script::Common`) join the run they are in.
/// A hard break or an invisible character ends a run and is not shaped; a
/// soft hyphen is a run of its own, so that the letters around it neither
/// kern with it nor form a ligature across it. A character no bundled face
/// has is pushed to `missing` (and set in the role's face if no face has
/// it).
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
        if is_hard_break(c) || is_invisible(c) || c == SOFT_HYPHEN {
            let script = run.map_or(Script::Common, |r| r.1);
            if let Some(r) = run.take() {
                close(run_start..at, r);
            }
            run_start = at + c.len_utf8();
            if c == SOFT_HYPHEN {
                let face = book.face_for(role, c).unwrap_or_else(|| {
                    missing.push((at, c, styled.source_at(at)));
                    book.role(role)
                });
                close(at..run_start, (face, script));
            }
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
