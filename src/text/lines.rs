//! A shaped paragraph → justified lines of placed glyphs.
//!
//! Turns glyphs into Knuth–Plass items (`linebreak.rs`) using the break
//! opportunities of `breaks.rs`: word spaces become glue that stretches and
//! shrinks, allowed breaks without a space become penalties (cheap between
//! Han characters, dear inside a Korean word), and each run of non-space
//! glyphs between them a box that may take at most 0.05 em of tracking per
//! character gap when spaces alone cannot justify a line. The breaker's
//! ratios are then applied to place every glyph.

use std::ops::Range;

use super::breaks::{self, BreakKind, Unit};
use super::chars::{is_cjk, is_space};
use super::linebreak::{self, Costs, Item};
use super::shape::ShapedPara;

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
}

impl Default for Params {
    fn default() -> Self {
        Params {
            unit: Unit::Word,
            costs: Costs::default(),
            justify: true,
            max_tracking_em: 0.05,
        }
    }
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
pub fn break_lines(
    para: &ShapedPara,
    measure: &dyn Fn(usize) -> f32,
    params: &Params,
) -> (Vec<Line>, Vec<LineWarning>) {
    let mut warnings = Vec::new();
    if para.glyphs.is_empty() {
        return (vec![], warnings);
    }
    let text = &para.text;
    let opportunities = breaks::breaks(text, params.unit);
    let kind_at = |at: usize| -> Option<BreakKind> {
        opportunities
            .binary_search_by_key(&at, |b| b.at)
            .ok()
            .map(|i| opportunities[i].kind)
    };
    let narrowest = (0..4).map(measure).fold(f32::INFINITY, f32::min);
    // Whether the gap after each glyph is between two CJK characters with
    // no space: the only gaps tracking may widen or narrow.
    let first_char = |gi: usize| {
        text[para.glyphs[gi].range.clone()]
            .chars()
            .next()
            .unwrap_or(' ')
    };
    let gap_after: Vec<bool> = (0..para.glyphs.len())
        .map(|gi| {
            gi + 1 < para.glyphs.len()
                && para.glyphs[gi + 1].range.start != para.glyphs[gi].range.start
                && is_cjk(first_char(gi))
                && is_cjk(first_char(gi + 1))
        })
        .collect();
    let costs = &params.costs;

    // Items, and the glyphs each covers.
    let mut items: Vec<Item> = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut box_start: Option<usize> = None;
    let flush = |items: &mut Vec<Item>,
                 spans: &mut Vec<Range<usize>>,
                 box_start: &mut Option<usize>,
                 end: usize,
                 warnings: &mut Vec<LineWarning>| {
        let Some(start) = box_start.take() else {
            return;
        };
        let width: f32 = para.glyphs[start..end].iter().map(|g| g.advance).sum();
        if width > narrowest {
            // Nothing can hold this word: allow breaks between its glyphs.
            warnings.push(LineWarning {
                at: para.glyphs[start].range.start,
                message: format!(
                    "`{}` is wider than the column and is broken inside",
                    &text[para.glyphs[start].range.start..para.glyphs[end - 1].range.end]
                ),
            });
            for g in start..end {
                if g > start {
                    items.push(Item::Penalty {
                        width: 0.0,
                        cost: costs.intra_word,
                        flagged: false,
                    });
                    spans.push(g..g);
                }
                items.push(Item::Box {
                    width: para.glyphs[g].advance,
                    stretch: 0.0,
                    shrink: 0.0,
                });
                spans.push(g..g + 1);
            }
            return;
        }
        // A box may track at the gaps after its glyphs, the last one
        // included: boxes split at intra-word breaks still justify.
        let gaps = gap_after[start..end].iter().filter(|g| **g).count();
        let mut size = 0.0f32;
        for g in &para.glyphs[start..end] {
            size = size.max(para.styles[g.style as usize].size);
        }
        let track = gaps as f32 * params.max_tracking_em * size;
        items.push(Item::Box {
            width,
            stretch: track,
            shrink: track * 0.5,
        });
        spans.push(start..end);
    };

    for (gi, g) in para.glyphs.iter().enumerate() {
        let c = text[g.range.clone()].chars().next().unwrap_or(' ');
        let at = g.range.start;
        if gi > 0 && para.glyphs[gi - 1].range.start != at {
            match kind_at(at) {
                Some(BreakKind::Hard) => {
                    flush(&mut items, &mut spans, &mut box_start, gi, &mut warnings);
                    items.push(Item::Glue {
                        width: 0.0,
                        stretch: 1e6,
                        shrink: 0.0,
                    });
                    spans.push(gi..gi);
                    items.push(Item::Penalty {
                        width: 0.0,
                        cost: f32::NEG_INFINITY,
                        flagged: false,
                    });
                    spans.push(gi..gi);
                }
                Some(BreakKind::Soft) | Some(BreakKind::IntraWord) if !is_space(c) => {
                    let prev = text[para.glyphs[gi - 1].range.clone()]
                        .chars()
                        .next()
                        .unwrap_or(' ');
                    if !is_space(prev) {
                        flush(&mut items, &mut spans, &mut box_start, gi, &mut warnings);
                        let cost = if kind_at(at) == Some(BreakKind::Soft) {
                            costs.soft
                        } else {
                            costs.intra_word
                        };
                        items.push(Item::Penalty {
                            width: 0.0,
                            cost,
                            flagged: false,
                        });
                        spans.push(gi..gi);
                    }
                }
                _ => {}
            }
        }
        if is_space(c) {
            flush(&mut items, &mut spans, &mut box_start, gi, &mut warnings);
            let w = g.advance;
            let (stretch, shrink) = if params.justify {
                (w * SPACE_STRETCH, w * SPACE_SHRINK)
            } else {
                (0.0, 0.0)
            };
            if let (
                Some(Item::Glue {
                    width,
                    stretch: s,
                    shrink: k,
                }),
                Some(span),
            ) = (items.last_mut(), spans.last_mut())
                && span.end == gi
            {
                *width += w;
                *s += stretch;
                *k += shrink;
                span.end = gi + 1;
            } else {
                // Only a space the breaker allows is a break point.
                let next_char = g.range.end;
                let mut end = next_char;
                while text[end..].starts_with(is_space) {
                    end += text[end..].chars().next().map_or(1, char::len_utf8);
                }
                if kind_at(end) != Some(BreakKind::Space) && end < text.len() {
                    items.push(Item::Penalty {
                        width: 0.0,
                        cost: f32::INFINITY,
                        flagged: false,
                    });
                    spans.push(gi..gi);
                }
                items.push(Item::Glue {
                    width: w,
                    stretch,
                    shrink,
                });
                spans.push(gi..gi + 1);
            }
            continue;
        }
        if box_start.is_none() {
            box_start = Some(gi);
        }
    }
    flush(
        &mut items,
        &mut spans,
        &mut box_start,
        para.glyphs.len(),
        &mut warnings,
    );

    let mut line_costs = *costs;
    if !params.justify {
        line_costs.tolerance = f32::INFINITY;
    }
    let breaks = linebreak::break_paragraph(&items, measure, &line_costs);
    // A justified paragraph that had to split a Korean word says where: the
    // editor may prefer to rephrase (KLREQ: only when the alternative is worse).
    if params.justify {
        for b in &breaks {
            if let Some(Item::Penalty { cost, .. }) = items.get(b.at)
                && *cost >= costs.intra_word
                && *cost < f32::INFINITY
                && let Some(&g) = spans.get(b.at).map(|s| &s.start)
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
                        &text[word_start..word_end]
                    ),
                });
            }
        }
    }

    // Place glyphs line by line.
    let mut lines = Vec::new();
    let mut start = 0usize;
    for (li, b) in breaks.iter().enumerate() {
        // Discardable items at a line start go.
        while start < b.at && matches!(items[start], Item::Glue { .. } | Item::Penalty { .. }) {
            start += 1;
        }
        let last = b.at >= items.len() || li + 1 == breaks.len();
        let forced = matches!(items.get(b.at), Some(Item::Penalty { cost, .. }) if *cost == f32::NEG_INFINITY);
        let mut ratio = if params.justify {
            b.ratio
        } else {
            b.ratio.min(0.0)
        };
        if (last || forced) && ratio > 0.0 {
            ratio = 0.0;
        }
        let box_ratio = if params.justify { b.box_ratio } else { 0.0 };
        let mut x = 0.0f32;
        let mut placed = Vec::new();
        // Trailing glue before the break is dropped with it.
        let mut end = b.at.min(items.len());
        while end > start && matches!(items[end - 1], Item::Glue { .. } | Item::Penalty { .. }) {
            end -= 1;
        }
        for i in start..end {
            match items[i] {
                Item::Box { .. } => {
                    for gi in spans[i].clone() {
                        let g = &para.glyphs[gi];
                        placed.push(Placed {
                            glyph: gi,
                            x,
                            advance: g.advance,
                        });
                        x += g.advance;
                    }
                }
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    let w = if ratio >= 0.0 {
                        width + ratio * stretch
                    } else {
                        width + ratio * shrink
                    };
                    let glyphs = spans[i].clone();
                    let n = glyphs.len().max(1) as f32;
                    for gi in glyphs {
                        placed.push(Placed {
                            glyph: gi,
                            x,
                            advance: w / n,
                        });
                        x += w / n;
                    }
                    if spans[i].is_empty() {
                        x += w;
                    }
                }
                Item::Penalty { .. } => {}
            }
        }
        // Tracked line: spread what the word spaces left over the line's
        // CJK gaps, so the line meets the measure exactly.
        let m = measure(li);
        if box_ratio != 0.0 && placed.len() > 1 {
            let gaps: Vec<usize> = (0..placed.len() - 1)
                .filter(|&k| gap_after[placed[k].glyph])
                .collect();
            if !gaps.is_empty() {
                let per = (m - x) / gaps.len() as f32;
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
                x += shift;
            }
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
    (lines, warnings)
}
