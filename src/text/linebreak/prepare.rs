//! The paragraph prepared once for every pass of the search: running
//! totals of width, stretch and shrink, where each line after a break
//! starts, which items are legal breakpoints, and the measure of each
//! line.

use super::{Atom, Costs, Pass, is_last_resort};

/// Running totals over `items[..i]` (penalty widths are not in them: they
/// count only at a break).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Sums {
    pub(super) width: f64,
    pub(super) glue_stretch: f64,
    pub(super) glue_shrink: f64,
    pub(super) box_stretch: f64,
    pub(super) box_shrink: f64,
}

impl Sums {
    pub(super) fn between(self, from: Sums) -> Sums {
        Sums {
            width: self.width - from.width,
            glue_stretch: self.glue_stretch - from.glue_stretch,
            glue_shrink: self.glue_shrink - from.glue_shrink,
            box_stretch: self.box_stretch - from.box_stretch,
            box_shrink: self.box_shrink - from.box_shrink,
        }
    }
}

/// The paragraph with what every pass needs precomputed.
pub(super) struct Indexed<'a> {
    pub(super) items: &'a [Atom],
    /// One past the last box; the paragraph's end for breaking.
    pub(super) end: usize,
    /// `sums[i]` = totals of `items[..i]`, for `i` in `0..=end`.
    pub(super) sums: Vec<Sums>,
    /// `line_start[i]` = the first index `>= i` holding a box or a forced
    /// penalty (or `end`): where a line after a break at `i - 1` begins.
    pub(super) line_start: Vec<usize>,
    /// `next_box[i]` = the first index `>= i` holding a box (or `end`).
    pub(super) next_box: Vec<usize>,
}

impl<'a> Indexed<'a> {
    pub(super) fn new(items: &'a [Atom]) -> Self {
        let end = items
            .iter()
            .rposition(|item| matches!(item, Atom::Box { .. }))
            .map_or(0, |i| i + 1);
        let mut sums = Vec::with_capacity(end + 1);
        let mut acc = Sums::default();
        sums.push(acc);
        for item in &items[..end] {
            match *item {
                Atom::Box {
                    width,
                    stretch,
                    shrink,
                } => {
                    acc.width += f64::from(width);
                    acc.box_stretch += f64::from(stretch);
                    acc.box_shrink += f64::from(shrink);
                }
                Atom::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    acc.width += f64::from(width);
                    acc.glue_stretch += f64::from(stretch);
                    acc.glue_shrink += f64::from(shrink);
                }
                Atom::Penalty { .. } => {}
            }
            sums.push(acc);
        }
        let mut line_start = vec![end; end + 1];
        let mut next_box = vec![end; end + 1];
        for i in (0..end).rev() {
            let (is_box, is_forced) = match items[i] {
                Atom::Box { .. } => (true, false),
                Atom::Penalty { cost, .. } => (false, cost == f32::NEG_INFINITY),
                Atom::Glue { .. } => (false, false),
            };
            line_start[i] = if is_box || is_forced {
                i
            } else {
                line_start[i + 1]
            };
            next_box[i] = if is_box { i } else { next_box[i + 1] };
        }
        Indexed {
            items,
            end,
            sums,
            line_start,
            next_box,
        }
    }

    /// What a break at `b` is: `None` if it is not a legal breakpoint in
    /// this pass; else (penalty cost, penalty width, flagged, forced).
    pub(super) fn breakpoint(&self, b: usize, costs: &Costs, pass: Pass) -> Option<Breakpoint> {
        if b == self.end {
            return Some(Breakpoint {
                cost: f32::NEG_INFINITY,
                width: 0.0,
                flagged: false,
            });
        }
        match self.items[b] {
            Atom::Glue { .. } if b > 0 && matches!(self.items[b - 1], Atom::Box { .. }) => {
                Some(Breakpoint {
                    cost: 0.0,
                    width: 0.0,
                    flagged: false,
                })
            }
            Atom::Penalty {
                width,
                cost,
                flagged,
            } if cost < f32::INFINITY && (pass.last_resort || !is_last_resort(cost, costs)) => {
                Some(Breakpoint {
                    cost,
                    width,
                    flagged,
                })
            }
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Breakpoint {
    pub(super) cost: f32,
    pub(super) width: f32,
    pub(super) flagged: bool,
}

impl Breakpoint {
    pub(super) fn forced(&self) -> bool {
        self.cost == f32::NEG_INFINITY
    }
}

/// The measure of every line a paragraph could have.
pub(super) struct Measures {
    /// `width(line)` for every line number up to the most lines there can
    /// be (one per legal breakpoint).
    pub(super) widths: Vec<f64>,
    /// From this line on every width is the same, so nodes need not tell
    /// their line numbers apart (Knuth's "easy line"): without it, a loose
    /// emergency pass keeps a node per possible line count at every
    /// breakpoint and grows quadratic.
    pub(super) easy: usize,
}

impl Measures {
    pub(super) fn new(para: &Indexed, width: impl Fn(usize) -> f32) -> Self {
        let max_lines = 1
            + (0..para.end)
                .filter(|&b| match para.items[b] {
                    Atom::Glue { .. } => b > 0 && matches!(para.items[b - 1], Atom::Box { .. }),
                    Atom::Penalty { cost, .. } => cost < f32::INFINITY,
                    Atom::Box { .. } => false,
                })
                .count();
        let widths: Vec<f64> = (0..max_lines).map(|l| f64::from(width(l))).collect();
        let last = widths[max_lines - 1];
        let easy = widths.iter().rposition(|&w| w != last).map_or(0, |l| l + 1);
        Measures { widths, easy }
    }

    pub(super) fn get(&self, line: usize) -> f64 {
        self.widths[line.min(self.widths.len() - 1)]
    }

    /// The line number a node keeps: lines from `easy` on are alike.
    pub(super) fn key(&self, line: usize) -> usize {
        line.min(self.easy)
    }
}
