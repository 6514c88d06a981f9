//! One pass of the search for the best breaks (see
//! [`super::break_paragraph`], "Search"): the active list of nodes, a line
//! tried from each to every legal breakpoint, the best kept per line number
//! and fitness class, and the cheapest way through followed back.

use super::fit::{EPSILON, MAX_BADNESS, fit, fitness_class};
use super::prepare::{Breakpoint, Indexed, Measures, Sums};
use super::{Costs, LineBreak, Pass};

/// A feasible break: the best way found to end a paragraph's line `line - 1`
/// at item `at`.
#[derive(Clone, Copy, Debug)]
struct Active {
    /// The item the line ends at (`usize::MAX` for the paragraph's start).
    at: usize,
    /// Where the next line's content begins.
    start: usize,
    /// How many lines end here (the next line's index), or
    /// [`Measures::easy`] if more.
    line: usize,
    fitness: u8,
    flagged: bool,
    total: f64,
    prev: usize,
    ratio: f64,
    box_ratio: f64,
}

/// A candidate for a new node at the current breakpoint.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    line: usize,
    fitness: u8,
    total: f64,
    prev: usize,
    ratio: f64,
    box_ratio: f64,
}

/// One pass of the search: the lines, or `None` if this pass finds no
/// feasible way through.
pub(super) fn search(
    para: &Indexed,
    measures: &Measures,
    costs: &Costs,
    pass: Pass,
) -> Option<Vec<LineBreak>> {
    let mut s = Search {
        para,
        measures,
        costs,
        pass,
        nodes: vec![Active {
            at: usize::MAX,
            start: 0,
            line: 0,
            fitness: 1,
            flagged: false,
            total: 0.0,
            prev: usize::MAX,
            ratio: 0.0,
            box_ratio: 0.0,
        }],
        active: vec![0],
        candidates: Vec::new(),
        tried: Vec::new(),
    };
    for b in 0..=para.end {
        let Some(bp) = para.breakpoint(b, costs, pass) else {
            continue;
        };
        s.try_lines_to(b, bp);
        if bp.forced() {
            // Nothing may cross a forced break (nor the end).
            s.active.clear();
        }
        if s.candidates.is_empty() && s.active.is_empty() && pass.emergency {
            // Every line to here is overfull: a box wider than its measure.
            // Make the line that overflows least. `tried` holds every node
            // that was active, so there always is one.
            let artificial = s.artificial(b, bp);
            s.candidates.extend(artificial);
        }
        s.insert(b, bp);
        if s.active.is_empty() {
            return None;
        }
    }
    s.answer()
}

/// A pass under way.
struct Search<'a> {
    para: &'a Indexed<'a>,
    measures: &'a Measures,
    costs: &'a Costs,
    pass: Pass,
    /// Every node made; `nodes[0]` is the paragraph's start.
    nodes: Vec<Active>,
    /// The nodes a line may still start from.
    active: Vec<usize>,
    /// The best new node per (line number, fitness class) at the current
    /// breakpoint.
    candidates: Vec<Candidate>,
    /// The nodes tried at the current breakpoint, for the emergency.
    tried: Vec<usize>,
}

impl Search<'_> {
    /// Tries a line from every active node to breakpoint `b`, offering
    /// each feasible one as a candidate; a node whose line is already
    /// overfull leaves the active list (lines only grow).
    fn try_lines_to(&mut self, b: usize, bp: Breakpoint) {
        let para = self.para;
        let ragged = bp.forced();
        self.candidates.clear();
        self.tried.clear();
        let mut i = 0;
        while i < self.active.len() {
            let id = self.active[i];
            let a = self.nodes[id];
            self.tried.push(id);
            let measure = self.measures.get(a.line);
            let s = if a.start <= b {
                para.sums[b].between(para.sums[a.start])
            } else {
                Sums::default()
            };
            // Overfull without the break's own width: every later line from
            // `a` is too, so `a` is done.
            let max_shrink = s.glue_shrink
                + if self.pass.tracking {
                    s.box_shrink
                } else {
                    0.0
                };
            if s.width - max_shrink > measure + EPSILON {
                self.active.swap_remove(i);
                continue;
            }
            i += 1;
            // A line must hold a box, unless a forced break makes it empty.
            let has_box = a.start <= b && para.next_box[a.start] < b;
            if !has_box && !ragged {
                continue;
            }
            let width = f64::from(bp.width);
            let Some(f) = fit(s, width, measure, ragged, self.pass, self.costs) else {
                continue;
            };
            let fitness = fitness_class(f.ratio);
            let total = a.total + self.demerits(f.badness, fitness, bp, &a);
            offer(
                &mut self.candidates,
                Candidate {
                    line: self.measures.key(a.line + 1),
                    fitness,
                    total,
                    prev: id,
                    ratio: f.ratio,
                    box_ratio: f.box_ratio,
                },
            );
        }
    }

    /// The demerits of a line of `badness` and `fitness` from node `a` to
    /// breakpoint `bp`: `(line_penalty + badness)²`, ± the penalty's cost²,
    /// plus the flagged and fitness demerits against the line before.
    fn demerits(&self, badness: f64, fitness: u8, bp: Breakpoint, a: &Active) -> f64 {
        let mut d = (f64::from(self.costs.line_penalty) + badness).powi(2);
        let cost = f64::from(bp.cost);
        if cost > 0.0 {
            d += cost * cost;
        } else if cost > f64::NEG_INFINITY {
            d -= cost * cost;
        }
        if bp.flagged && a.flagged {
            d += f64::from(self.costs.flagged_demerits);
        }
        if fitness.abs_diff(a.fitness) > 1 {
            d += f64::from(self.costs.fitness_demerits);
        }
        d
    }

    /// Turns the candidates at breakpoint `b` into active nodes: per line
    /// number, those within `fitness_demerits` of that line number's best.
    fn insert(&mut self, b: usize, bp: Breakpoint) {
        let para = self.para;
        let start = if b == para.end {
            para.end
        } else {
            para.line_start[b + 1]
        };
        for c in &self.candidates {
            let best = self
                .candidates
                .iter()
                .filter(|o| o.line == c.line)
                .map(|o| o.total)
                .fold(f64::INFINITY, f64::min);
            if c.total > best + f64::from(self.costs.fitness_demerits) {
                continue;
            }
            self.active.push(self.nodes.len());
            self.nodes.push(Active {
                at: b,
                start,
                line: c.line,
                fitness: c.fitness,
                flagged: bp.flagged,
                total: c.total,
                prev: c.prev,
                ratio: c.ratio,
                box_ratio: c.box_ratio,
            });
        }
    }

    /// The emergency way past an unbreakable overfull stretch: of the lines
    /// from the nodes `tried` to `b`, the one that overflows least, fully
    /// shrunk.
    fn artificial(&self, b: usize, bp: Breakpoint) -> Option<Candidate> {
        let (para, nodes) = (self.para, &self.nodes);
        let mut best: Option<(f64, usize)> = None;
        for &n in &self.tried {
            let a = nodes[n];
            let s = para.sums[b].between(para.sums[a.start.min(b)]);
            let excess = s.width + f64::from(bp.width)
                - s.glue_shrink
                - s.box_shrink
                - self.measures.get(a.line);
            if best.is_none_or(|(e, m)| excess < e || (excess == e && a.total < nodes[m].total)) {
                best = Some((excess, n));
            }
        }
        let (_, n) = best?;
        let a = nodes[n];
        let s = para.sums[b].between(para.sums[a.start.min(b)]);
        Some(Candidate {
            line: self.measures.key(a.line + 1),
            fitness: 0,
            total: a.total + MAX_BADNESS * MAX_BADNESS,
            prev: n,
            ratio: if s.glue_shrink > 0.0 { -1.0 } else { 0.0 },
            box_ratio: if self.pass.tracking && s.box_shrink > 0.0 {
                -1.0
            } else {
                0.0
            },
        })
    }

    /// The cheapest of the nodes made at the paragraph's end, followed
    /// back to its start.
    fn answer(&self) -> Option<Vec<LineBreak>> {
        let (para, nodes) = (self.para, &self.nodes);
        let best = self
            .active
            .iter()
            .copied()
            .filter(|&n| nodes[n].at == para.end)
            .min_by(|&x, &y| nodes[x].total.total_cmp(&nodes[y].total))?;
        let mut lines = Vec::new();
        let mut n = best;
        while n != 0 {
            let node = nodes[n];
            lines.push(LineBreak {
                at: if node.at == para.end {
                    para.items.len()
                } else {
                    node.at
                },
                ratio: node.ratio as f32,
                box_ratio: node.box_ratio as f32,
            });
            n = node.prev;
        }
        lines.reverse();
        Some(lines)
    }
}

/// Keeps the cheapest candidate per (line number, fitness class).
fn offer(candidates: &mut Vec<Candidate>, c: Candidate) {
    match candidates
        .iter_mut()
        .find(|o| o.line == c.line && o.fitness == c.fitness)
    {
        Some(old) if old.total <= c.total => {}
        Some(old) => *old = c,
        None => candidates.push(c),
    }
}
