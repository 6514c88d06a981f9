//! A shaped paragraph → justified lines of placed glyphs.
//!
//! Turns glyphs into Knuth–Plass items (`linebreak/`) using the break
//! opportunities of `breaks.rs`: word spaces become glue that stretches and
//! shrinks, allowed breaks without a space become penalties (cheap between
//! Han characters, dear inside a Korean word), and each run of non-space
//! glyphs between them a box that may take at most 0.05 em of tracking per
//! character gap when spaces alone cannot justify a line. The breaker's
//! ratios are then applied to place every glyph.
//!
//! A soft hyphen's glyph (the shaper sets one for each) is never drawn in
//! a box: where `breaks.rs` makes it a hyphenation point it is a flagged
//! penalty as wide as the hyphen, drawn only at the end of a line that
//! breaks there; elsewhere it stays in its box with no width.

use std::ops::Range;

use super::breaks::Unit;
use super::chars::{SOFT_HYPHEN, is_cjk, is_space};
use super::linebreak::{self, Atom, Costs, LineBreak};
use super::shape::ShapedPara;
use items::Items;

mod items;

/// A glyph of the paragraph placed on a line.
#[derive(Clone, Copy, Debug)]
pub struct Placed {
    /// Index into [`ShapedPara::glyphs`].
    pub glyph: usize,
    /// Pen position from the line's start, in points.
    pub x: f32,
    /// Advance after justification, in points.
    pub advance: f32,
}

#[derive(Clone, Debug)]
pub struct Line {
    pub glyphs: Vec<Placed>,
    /// Width of the set line (after justification).
    pub width: f32,
    /// The paragraph text the line shows.
    pub text: Range<usize>,
    /// Whether the line ends the paragraph (ragged, not justified).
    pub last: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct Params {
    pub unit: Unit,
    pub costs: Costs,
    pub justify: bool,
    /// Upper bound of tracking between CJK characters, in em.
    pub max_tracking_em: f32,
    /// Upper bound of negative tracking between them, in em.
    pub max_tightening_em: f32,
    /// A justified line's word spaces (U+0020), in em of their text: at
    /// least `min`, ideally `ideal`, at most `max` before the breaker
    /// prefers splitting a word.
    pub space: SpaceLimits,
}

/// Word space limits in em (see [`Params::space`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpaceLimits {
    pub min: f32,
    pub ideal: f32,
    pub max: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            unit: Unit::Word,
            costs: Costs::default(),
            justify: true,
            max_tracking_em: 0.05,
            max_tightening_em: 0.05,
            space: SpaceLimits {
                min: 0.2,
                ideal: 0.3,
                max: 0.5,
            },
        }
    }
}

/// A token as a message names it: whole up to 30 characters, else its
/// first and last 12 with `…` between (a pasted URL can be 400).
fn shorten(token: &str) -> String {
    let n = token.chars().count();
    if n <= 30 {
        return token.to_string();
    }
    let head: String = token.chars().take(12).collect();
    let tail: String = token.chars().skip(n - 12).collect();
    format!("{head}…{tail}")
}

/// A problem found while breaking, at a byte offset of the paragraph text.
#[derive(Clone, Debug, PartialEq)]
pub struct LineWarning {
    pub at: usize,
    pub message: String,
}

/// Word space stretch and shrink as fractions of the space's width. With
/// the breaker's tolerance of 1 these keep word gaps even (measured on 312
/// with pdfcheck: 95th percentile 1.42 × the median; 0.6/0.3 gave 1.52).
const SPACE_STRETCH: f32 = 0.5;
const SPACE_SHRINK: f32 = 0.4;

/// Breaks `para` into lines; `measure(i)` is the width of line `i`.
///
/// In four steps: the paragraph becomes Knuth–Plass items ([`Items::new`]),
/// the breaker chooses where the lines end ([`choose_breaks`]), a word it
/// had to split is reported ([`warn_split_words`]), and each line's glyphs
/// are placed ([`place_lines`]). Warnings come in that order.
pub fn break_lines(
    para: &ShapedPara,
    measure: &dyn Fn(usize) -> f32,
    params: &Params,
) -> (Vec<Line>, Vec<LineWarning>) {
    let mut warnings = Vec::new();
    if para.glyphs.is_empty() {
        return (vec![], warnings);
    }
    let gap_after = trackable_gaps(para);
    let items = Items::new(para, measure, params, &gap_after, &mut warnings);
    let breaks = choose_breaks(&items.items, measure, params);
    if params.justify {
        warn_split_words(para, &items, &breaks, &params.costs, &mut warnings);
    }
    let lines = place_lines(
        para,
        &items,
        &breaks,
        &gap_after,
        measure,
        params,
        &mut warnings,
    );
    (lines, warnings)
}

/// The first character of glyph `gi`'s cluster.
fn first_char(para: &ShapedPara, gi: usize) -> char {
    para.text[para.glyphs[gi].range.clone()]
        .chars()
        .next()
        .unwrap_or(' ')
}

/// Whether glyph `gi` is a soft hyphen's: drawn only at a line end.
fn is_soft_hyphen(para: &ShapedPara, gi: usize) -> bool {
    first_char(para, gi) == SOFT_HYPHEN
}

/// Whether the gap after each glyph is between two CJK characters with no
/// space: the only gaps tracking may widen or narrow. A soft hyphen
/// between them, not drawn, leaves the gap as it is.
fn trackable_gaps(para: &ShapedPara) -> Vec<bool> {
    (0..para.glyphs.len())
        .map(|gi| {
            let next = (gi + 1..para.glyphs.len()).find(|&n| !is_soft_hyphen(para, n));
            next.is_some_and(|n| {
                para.glyphs[n].range.start != para.glyphs[gi].range.start
                    && is_cjk(first_char(para, gi))
                    && is_cjk(first_char(para, n))
            })
        })
        .collect()
}

/// Where the lines end, chosen over the whole paragraph (`linebreak/`).
/// A ragged paragraph takes any looseness: its lines are not stretched.
fn choose_breaks(
    items: &[Atom],
    measure: &dyn Fn(usize) -> f32,
    params: &Params,
) -> Vec<LineBreak> {
    let mut line_costs = params.costs;
    if !params.justify {
        line_costs.ragged = true;
    }
    linebreak::break_paragraph(items, measure, &line_costs)
}

/// A justified paragraph that had to split a Korean word says where: the
/// editor may prefer to rephrase (KLREQ: only when the alternative is worse).
fn warn_split_words(
    para: &ShapedPara,
    items: &Items,
    breaks: &[LineBreak],
    costs: &Costs,
    warnings: &mut Vec<LineWarning>,
) {
    let text = &para.text;
    for b in breaks {
        if let Some(Atom::Penalty { cost, .. }) = items.items.get(b.at)
            && *cost >= costs.intra_word
            && *cost < f32::INFINITY
            && let Some(&g) = items.spans.get(b.at).map(|s| &s.start)
            && g < para.glyphs.len()
        {
            let at = para.glyphs[g].range.start;
            // After the space before the word, which may be wider than a byte.
            let word_start = text[..at]
                .char_indices()
                .rfind(|&(_, c)| is_space(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let word_end = text[at..].find(is_space).map_or(text.len(), |i| at + i);
            warnings.push(LineWarning {
                at,
                message: format!(
                    "`{}` is split across lines: no other break fits the measure",
                    shorten(&text[word_start..word_end])
                ),
            });
        }
    }
}

/// Places the glyphs of each line: discardable items at its ends dropped,
/// glue set at the line's ratio, tracking spread where the breaker
/// tracked. A line wider than its measure is reported.
fn place_lines(
    para: &ShapedPara,
    items: &Items,
    breaks: &[LineBreak],
    gap_after: &[bool],
    measure: &dyn Fn(usize) -> f32,
    params: &Params,
    warnings: &mut Vec<LineWarning>,
) -> Vec<Line> {
    let is_discardable =
        |i: usize| matches!(items.items[i], Atom::Glue { .. } | Atom::Penalty { .. });
    let mut lines = Vec::new();
    let mut start = 0usize;
    for (li, b) in breaks.iter().enumerate() {
        // Discardable items at a line start go, and trailing glue before
        // the break goes with it.
        while start < b.at && is_discardable(start) {
            start += 1;
        }
        let mut end = b.at.min(items.items.len());
        while end > start && is_discardable(end - 1) {
            end -= 1;
        }
        let last = b.at >= items.items.len() || li + 1 == breaks.len();
        let forced = matches!(items.items.get(b.at), Some(Atom::Penalty { cost, .. }) if *cost == f32::NEG_INFINITY);
        let mut ratio = if params.justify {
            b.ratio
        } else {
            b.ratio.min(0.0)
        };
        if (last || forced) && ratio > 0.0 {
            ratio = 0.0;
        }
        let (mut placed, mut x) = place(para, items, start..end, ratio);
        // A line that ends at a hyphenation point ends with the hyphen.
        if let Some(Atom::Penalty { flagged: true, .. }) = items.items.get(b.at)
            && let Some(gi) = items.spans[b.at].clone().next()
        {
            let advance = para.glyphs[gi].advance;
            placed.push(Placed {
                glyph: gi,
                x,
                advance,
            });
            x += advance;
        }
        let m = measure(li);
        let box_ratio = if params.justify { b.box_ratio } else { 0.0 };
        if box_ratio != 0.0 && placed.len() > 1 {
            x = track(&mut placed, x, m, gap_after);
        }
        if let (Some(first), Some(lastg)) = (placed.first(), placed.last()) {
            if x > m + 0.5 {
                warnings.push(LineWarning {
                    at: para.glyphs[first.glyph].range.start,
                    message: format!("a line is {:.1} pt wider than the column", x - m),
                });
            }
            let text_range =
                para.glyphs[first.glyph].range.start..para.glyphs[lastg.glyph].range.end;
            lines.push(Line {
                glyphs: placed,
                width: x,
                text: text_range,
                last,
            });
        }
        start = b.at + 1;
    }
    lines
}

/// Places the glyphs of `items[range]` from 0, glue widened or narrowed
/// by `ratio`; returns them and the pen position after them.
fn place(para: &ShapedPara, items: &Items, range: Range<usize>, ratio: f32) -> (Vec<Placed>, f32) {
    let mut x = 0.0f32;
    let mut placed = Vec::new();
    for i in range {
        match items.items[i] {
            Atom::Box { .. } => {
                let drawn = items.spans[i]
                    .clone()
                    .filter(|&gi| !is_soft_hyphen(para, gi));
                for gi in drawn {
                    let g = &para.glyphs[gi];
                    placed.push(Placed {
                        glyph: gi,
                        x,
                        advance: g.advance,
                    });
                    x += g.advance;
                }
            }
            Atom::Glue {
                width,
                stretch,
                shrink,
            } => {
                let w = if ratio >= 0.0 {
                    width + ratio * stretch
                } else {
                    width + ratio * shrink
                };
                let glyphs = items.spans[i].clone();
                // A closing bracket's blank half the glue gave up: the
                // bracket before it is set half-width, the space whole.
                let blank = if glyphs.is_empty() {
                    0.0
                } else {
                    items::bracket_blank(para, glyphs.start)
                };
                let w = if blank > 0.0
                    && let Some(prev) = placed.last_mut()
                    && prev.glyph + 1 == glyphs.start
                {
                    prev.advance -= blank;
                    x -= blank;
                    w + blank
                } else {
                    w
                };
                let n = glyphs.len().max(1) as f32;
                for gi in glyphs {
                    placed.push(Placed {
                        glyph: gi,
                        x,
                        advance: w / n,
                    });
                    x += w / n;
                }
                if items.spans[i].is_empty() {
                    x += w;
                }
            }
            Atom::Penalty { .. } => {}
        }
    }
    (placed, x)
}

/// A tracked line: spreads what the word spaces left, `measure - x`, over
/// the line's CJK gaps, so the line meets the measure exactly. Returns the
/// line's new width.
fn track(placed: &mut [Placed], x: f32, measure: f32, gap_after: &[bool]) -> f32 {
    let gaps: Vec<usize> = (0..placed.len() - 1)
        .filter(|&k| gap_after[placed[k].glyph])
        .collect();
    if gaps.is_empty() {
        return x;
    }
    let per = (measure - x) / gaps.len() as f32;
    let mut shift = 0.0;
    let mut next_gap = gaps.iter().peekable();
    for (k, p) in placed.iter_mut().enumerate() {
        p.x += shift;
        if next_gap.peek() == Some(&&k) {
            next_gap.next();
            p.advance += per;
            shift += per;
        }
    }
    x + shift
}

#[cfg(test)]
mod shorten_tests {
    #[test]
    fn long_tokens_are_shortened_in_messages() {
        assert_eq!(
            super::shorten("자유무역구혁신서비스센터"),
            "자유무역구혁신서비스센터"
        );
        let url = format!("https://example.org/{}", "a".repeat(400));
        let s = super::shorten(&url);
        assert_eq!(s.chars().count(), 25);
        assert!(s.starts_with("https://exam") && s.ends_with("aaaaaaaaaaaa") && s.contains('…'));
    }
}
