//! A shaped paragraph as Knuth–Plass items: word spaces as glue, break
//! opportunities without a space as penalties graded by their kind, runs
//! of glyphs between them as boxes that may track (justified text only).

use std::ops::Range;

use super::super::breaks::{self, BreakKind};
use super::super::chars::{SOFT_HYPHEN, is_closing_bracket, is_space};
use super::super::linebreak::Atom;
use super::super::seams;
use super::super::shape::ShapedPara;
use super::*;

/// The paragraph in Knuth and Plass's model, and the glyphs of each item.
pub(super) struct Items {
    pub(super) items: Vec<Atom>,
    /// `spans[i]`: the glyphs `items[i]` stands for; empty for penalties
    /// and the fill before a hard break.
    pub(super) spans: Vec<Range<usize>>,
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
    pub(super) fn new(
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
            // Every split is a last resort; a worse seam costs more.
            _ => {
                let at = self.para.glyphs[gi].range.start;
                self.params.costs.intra_word * seams::seam(&self.para.text, at).factor()
            }
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
        let w = w - bracket_blank(self.para, gi);
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
        let (stretch, shrink) = if self.params.justify {
            let per_em = gaps as f32 * size;
            (
                per_em * self.params.max_tracking_em,
                per_em * self.params.max_tightening_em,
            )
        } else {
            (0.0, 0.0)
        };
        let item = Atom::Box {
            width,
            stretch,
            shrink,
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

/// The blank right half of a whole full-width closing bracket right before
/// the space `gi` (`【시장분석】 2022년`): the word space gives it up, so
/// that the gap reads as one word space, not a word space and a half. The
/// glue is that much narrower, and the line setter moves the bracket's
/// blank half into it (`place`); the bracket itself stays whole, so that
/// a line ending at the space, where the glue goes, ends with the whole
/// bracket on its measure.
pub(super) fn bracket_blank(para: &ShapedPara, gi: usize) -> f32 {
    let Some(prev) = gi.checked_sub(1).map(|p| &para.glyphs[p]) else {
        return 0.0;
    };
    let size = para.styles[prev.style as usize].size;
    let c = para.text[prev.range.clone()].chars().next();
    let whole = (prev.advance - size).abs() <= size * 0.02;
    if whole && c.is_some_and(is_closing_bracket) {
        size / 2.0
    } else {
        0.0
    }
}
