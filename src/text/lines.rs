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

use super::breaks::{self, BreakKind, Unit};
use super::chars::{SOFT_HYPHEN, is_cjk, is_space};
use super::linebreak::{self, Atom, Costs, LineBreak};
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

/// The paragraph in Knuth and Plass's model, and the glyphs of each item.
struct Items {
    items: Vec<Atom>,
    /// `spans[i]`: the glyphs `items[i]` stands for; empty for penalties
    /// and the fill before a hard break.
    spans: Vec<Range<usize>>,
}

impl Items {
    /// Turns the glyphs into items, at the break opportunities of
    /// `breaks.rs`: a run of word spaces is one glue (preceded by an
    /// infinite penalty where the breaker allows no break after it); an
    /// allowed break between two non-space glyphs a penalty, `costs.soft`
    /// or `costs.intra_word` by its kind; a soft hyphen at a hyphenation
    /// point a flagged penalty of `costs.hyphen` as wide as its glyph; a
    /// hard break fill and a forced penalty; the glyphs between them a box.
    /// A box wider than the narrowest of the first lines is split into one
    /// box per glyph, with a warning.
    fn new(
        para: &ShapedPara,
        measure: &dyn Fn(usize) -> f32,
        params: &Params,
        gap_after: &[bool],
        warnings: &mut Vec<LineWarning>,
    ) -> Items {
        let mut b = ItemBuilder {
            para,
            params,
            gap_after,
            narrowest: (0..4).map(measure).fold(f32::INFINITY, f32::min),
            opportunities: breaks::breaks(&para.text, params.unit),
            out: Items {
                items: Vec::new(),
                spans: Vec::new(),
            },
            box_start: None,
            warnings,
        };
        for (gi, g) in para.glyphs.iter().enumerate() {
            let c = first_char(para, gi);
            let at = g.range.start;
            if gi > 0 && para.glyphs[gi - 1].range.start != at {
                match b.kind_at(at) {
                    Some(BreakKind::Hard) => b.hard_break(gi),
                    Some(kind @ (BreakKind::Soft | BreakKind::Compound | BreakKind::IntraWord))
                        if !is_space(c) && !is_space(first_char(para, gi - 1)) =>
                    {
                        b.break_without_space(gi, kind);
                    }
                    _ => {}
                }
            }
            if c == SOFT_HYPHEN {
                b.soft_hyphen(gi);
            } else if is_space(c) {
                b.space(gi);
            } else if b.box_start.is_none() {
                b.box_start = Some(gi);
            }
        }
        b.end_box(para.glyphs.len());
        b.out
    }
}

/// [`Items::new`] under way.
struct ItemBuilder<'a> {
    para: &'a ShapedPara,
    params: &'a Params,
    gap_after: &'a [bool],
    /// The narrowest of the first lines: no box may be wider.
    narrowest: f32,
    /// Where `breaks.rs` allows a line to end, sorted.
    opportunities: Vec<breaks::Break>,
    out: Items,
    /// The first glyph of the box being gathered.
    box_start: Option<usize>,
    warnings: &'a mut Vec<LineWarning>,
}

impl ItemBuilder<'_> {
    fn kind_at(&self, at: usize) -> Option<BreakKind> {
        self.opportunities
            .binary_search_by_key(&at, |b| b.at)
            .ok()
            .map(|i| self.opportunities[i].kind)
    }

    fn push(&mut self, item: Atom, glyphs: Range<usize>) {
        self.out.items.push(item);
        self.out.spans.push(glyphs);
    }

    fn penalty(cost: f32) -> Atom {
        Atom::Penalty {
            width: 0.0,
            cost,
            flagged: false,
        }
    }

    /// A hard break before glyph `gi`: fill, then a forced break.
    fn hard_break(&mut self, gi: usize) {
        self.end_box(gi);
        let fill = Atom::Glue {
            width: 0.0,
            stretch: 1e6,
            shrink: 0.0,
        };
        self.push(fill, gi..gi);
        self.push(Self::penalty(f32::NEG_INFINITY), gi..gi);
    }

    /// A break before glyph `gi` with no space: a penalty by its kind.
    fn break_without_space(&mut self, gi: usize, kind: BreakKind) {
        self.end_box(gi);
        let cost = match kind {
            BreakKind::Soft => self.params.costs.soft,
            BreakKind::Compound => self.params.costs.compound,
            _ => self.params.costs.intra_word,
        };
        self.push(Self::penalty(cost), gi..gi);
    }

    /// The width of the hyphen drawn if a line breaks at glyph `gi`: its
    /// advance if it is a soft hyphen at a hyphenation point, else 0.
    fn hyphen_at(&self, gi: usize) -> f32 {
        match self.para.glyphs.get(gi) {
            Some(g)
                if is_soft_hyphen(self.para, gi)
                    && self.kind_at(g.range.end) == Some(BreakKind::Hyphen) =>
            {
                g.advance
            }
            _ => 0.0,
        }
    }

    /// Glyph `gi` is a soft hyphen's: where the line may break after it,
    /// the box ends and a flagged penalty as wide as the hyphen stands for
    /// its glyph. Elsewhere (in Hangul, Han, next to a digit) it stays in
    /// the box being gathered, which neither draws nor measures it.
    fn soft_hyphen(&mut self, gi: usize) {
        let width = self.hyphen_at(gi);
        if width > 0.0 {
            self.end_box(gi);
            let item = Atom::Penalty {
                width,
                cost: self.params.costs.hyphen,
                flagged: true,
            };
            self.push(item, gi..gi + 1);
        }
    }

    /// Glyph `gi` is a space: glue, merged with the glue of a space just
    /// before it.
    fn space(&mut self, gi: usize) {
        self.end_box(gi);
        let g = &self.para.glyphs[gi];
        let is_word_space = self.para.text[g.range.clone()].starts_with(' ');
        let size = self.para.styles[g.style as usize].size;
        let SpaceLimits { min, ideal, max } = self.params.space;
        // A justified word space starts from the ideal width, whatever the
        // face's space is, and may go from min to max; other spaces (thin,
        // ideographic) keep their width and give a share of it.
        let (w, stretch, shrink) = match (self.params.justify, is_word_space) {
            (false, _) => (g.advance, 0.0, 0.0),
            (true, true) => (ideal * size, (max - ideal) * size, (ideal - min) * size),
            (true, false) => {
                let w = g.advance;
                (w, w * SPACE_STRETCH, w * SPACE_SHRINK)
            }
        };
        if let (
            Some(Atom::Glue {
                width,
                stretch: s,
                shrink: k,
            }),
            Some(span),
        ) = (self.out.items.last_mut(), self.out.spans.last_mut())
            && span.end == gi
        {
            *width += w;
            *s += stretch;
            *k += shrink;
            span.end = gi + 1;
            return;
        }
        // Only a space the breaker allows is a break point.
        let text = &self.para.text;
        let mut end = g.range.end;
        while text[end..].starts_with(|c| is_space(c) || c == SOFT_HYPHEN) {
            end += text[end..].chars().next().map_or(1, char::len_utf8);
        }
        if self.kind_at(end) != Some(BreakKind::Space) && end < text.len() {
            self.push(Self::penalty(f32::INFINITY), gi..gi);
        }
        let glue = Atom::Glue {
            width: w,
            stretch,
            shrink,
        };
        self.push(glue, gi..gi + 1);
    }

    /// Ends the box being gathered before glyph `end`. A box may track at
    /// the gaps after its glyphs, the last one included, so boxes split
    /// at intra-word breaks still justify. A box that cannot fit with the
    /// hyphen after it is split like one wider than the column: a line
    /// holding it ends at that hyphen or later, and the breaker, which
    /// takes lines to grow with every item, would not look back for the
    /// least overfull break.
    fn end_box(&mut self, end: usize) {
        let Some(start) = self.box_start.take() else {
            return;
        };
        let glyphs = &self.para.glyphs[start..end];
        let width: f32 = (start..end)
            .filter(|&g| !is_soft_hyphen(self.para, g))
            .map(|g| self.para.glyphs[g].advance)
            .sum();
        if width + self.hyphen_at(end) > self.narrowest {
            self.split_box(start, end);
            return;
        }
        let gaps = self.gap_after[start..end].iter().filter(|g| **g).count();
        let mut size = 0.0f32;
        for g in glyphs {
            size = size.max(self.para.styles[g.style as usize].size);
        }
        // Only justified lines are tracked: a ragged line is placed as
        // shaped, so the breaker may not count on squeezing it either.
        let track = if self.params.justify {
            gaps as f32 * self.params.max_tracking_em * size
        } else {
            0.0
        };
        let item = Atom::Box {
            width,
            stretch: track,
            shrink: track * 0.5,
        };
        self.push(item, start..end);
    }

    /// Nothing can hold the glyphs `start..end`: one box per glyph, with a
    /// last-resort break between each two, and a warning.
    fn split_box(&mut self, start: usize, end: usize) {
        let (glyphs, text) = (&self.para.glyphs, &self.para.text);
        self.warnings.push(LineWarning {
            at: glyphs[start].range.start,
            message: format!(
                "`{}` is wider than the column and is broken inside",
                shorten(&text[glyphs[start].range.start..glyphs[end - 1].range.end])
            ),
        });
        let drawn = (start..end).filter(|&g| !is_soft_hyphen(self.para, g));
        for (k, g) in drawn.enumerate() {
            if k > 0 {
                self.push(Self::penalty(self.params.costs.intra_word), g..g);
            }
            let item = Atom::Box {
                width: self.para.glyphs[g].advance,
                stretch: 0.0,
                shrink: 0.0,
            };
            self.push(item, g..g + 1);
        }
    }
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
        line_costs.tolerance = f32::INFINITY;
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
