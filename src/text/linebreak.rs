//! Line breaking: a paragraph of boxes, glue and penalties → the lines.
//!
//! The optimum-fit algorithm of Knuth and Plass ("Breaking paragraphs into
//! lines", 1981), explained once on [`break_paragraph`], with KLREQ's remedy
//! for keep-all text as a fallback: when word spaces alone cannot fill the
//! lines, adjust the space between characters (KLREQ `#line-adjust-cases`, "when
//! restrictions, such as line breaking restrictions, are applied"), and only
//! then break inside a word.
//!
//! Pure: the caller measures (shaping gives each item its width) and says
//! what a break costs ([`Costs`]); this module only chooses.

/// One element of a paragraph, in Knuth and Plass's model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    /// Unbreakable content of natural width `width`. `stretch`/`shrink` = how much inter-character tracking the box may take (used only in a second pass, see below).
    Box {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    /// A word space: may stretch and shrink; a break here drops the glue.
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    /// A possible break with a cost (`cost` in Knuth's units; f32::NEG_INFINITY = forced, f32::INFINITY = never) and `width` added when the line breaks here (a hyphen).
    Penalty {
        width: f32,
        cost: f32,
        flagged: bool,
    },
}

/// Named costs with reasons (STYLE.md habit 5).
#[derive(Clone, Copy, Debug)]
pub struct Costs {
    /// Added to every line's badness before squaring (Knuth's `l`): more
    /// lines cost more, so among equally good settings the shorter wins.
    pub line_penalty: f32,
    /// Added when two consecutive lines end at flagged penalties (Knuth's
    /// `α`): a ladder of hyphens down the right edge.
    pub flagged_demerits: f32,
    /// Added when two consecutive lines differ by more than one fitness
    /// class (Knuth's `γ`): a tight line right after a very loose one.
    pub fitness_demerits: f32,
    /// The largest adjustment ratio a line may have in the first passes
    /// (stretching; shrinking is always limited to -1).
    pub tolerance: f32,
    /// The penalty for a break inside a Korean word
    /// (`breaks::BreakKind::IntraWord`). Penalties at least this high are
    /// last-resort breaks: they are not tried until word spaces and tracking
    /// have failed.
    pub intra_word: f32,
    /// The penalty for a break with no space (`breaks::BreakKind::Soft`):
    /// between Han ideographs, after a hyphen, dash or URL separator.
    pub soft: f32,
}

impl Default for Costs {
    fn default() -> Self {
        Costs {
            // TeX's \linepenalty and the paper's `l`.
            line_penalty: 10.0,
            // TeX's \doublehyphendemerits: as bad as a line with badness
            // ~90, enough to move a hyphen one line when it is cheap to.
            flagged_demerits: 10_000.0,
            // TeX's \adjdemerits, for the same reason.
            fitness_demerits: 10_000.0,
            // The first passes keep word spaces within their stretch and
            // shrink (ratio 1, like TeX's \tolerance 100); a line that needs
            // more takes tracking first (KLREQ: adjust inter-character space
            // a little rather than open word gaps), and only the last-resort
            // pass, with a word split on the table, admits ratios up to
            // LAST_RESORT_TOLERANCE. Measured on 312: word gaps' 95th
            // percentile 1.42 × the median at 1.0, 1.61 at 2.5.
            tolerance: 1.0,
            // A break inside a word is the last resort (KLREQ #line-break,
            // word basis). One costs 15000² = 2.25e8 demerits, more than any
            // single feasible line, even the loosest the last-resort pass
            // admits (ratio 5, badness 12500, demerits ≈ 1.6e8): a loose
            // line is preferred to a split word, which is used only where
            // nothing else fits. (Unlike TeX, ≥ 10000 does not mean never
            // here; f32::INFINITY does.)
            intra_word: 15000.0,
            // The paper's hyphen penalty: a break with no space, after a
            // hyphen or between Han characters, is as acceptable as a
            // hyphenation and costs about as much as a line at ratio 0.75.
            soft: 50.0,
        }
    }
}

/// One line of the result: where it ends and how it is justified.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineBreak {
    /// Index in `items` of the item the line ends at (a Glue or Penalty), or items.len() for the last line.
    pub at: usize,
    /// Adjustment ratio r: each glue gets width + r*stretch (r>0) or width + r*shrink (r<0). Last line: 0 (ragged) unless it would overflow.
    pub ratio: f32,
    /// Extra tracking ratio applied to boxes' stretch/shrink in the second pass (0 normally).
    pub box_ratio: f32,
}

/// Widths within this of the measure count as fitting: sums of a few
/// thousand `f32`s are not exact, and a thousandth of a point is invisible.
const EPSILON: f64 = 1e-3;

/// Badness at and beyond which every line is equally bad (TeX's 10000 is
/// reached at ratio 4.6; ours keeps very loose emergency lines in order up to
/// ratio ~100).
const MAX_BADNESS: f64 = 1e8;

/// The tolerance of the last-resort pass: a word space may grow to about
/// four times its width (stretch 0.6 × ratio 5) before a Korean word is
/// split (the KLREQ alternative that is worse).
const LAST_RESORT_TOLERANCE: f64 = 5.0;

/// Breaks a paragraph into lines of `width(line_index)` with the least total
/// demerits (Knuth and Plass's total fit).
///
/// **Model.** A line may end at a glue preceded by a box (the glue is
/// dropped) or at a penalty whose cost is below infinity (its width, a
/// hyphen, is added). After a break, the glue and non-forced penalties that
/// follow are discarded up to the next box; a line holds at least one box
/// unless a forced break ends it. The paragraph's end is an
/// implicit forced break with infinitely stretchable fill, so the last line
/// is ragged (ratio 0) unless it must shrink to fit; glue and penalties after
/// the last box are ignored. Lines ending at a forced penalty (cost
/// `NEG_INFINITY`) are ragged in the same way, like TeX's `\\`.
///
/// **Cost of a line.** A line of natural width `L` in a measure `M` with total
/// stretch `Y` and shrink `Z` has the adjustment ratio `r = (M - L) / Y` (or
/// `/ Z` when `L > M`). `r < -1` is overfull and never allowed; `r >
/// tolerance` is too loose. Its badness is `100 |r|³` and its demerits
/// `(line_penalty + badness)² ± cost²` for a penalty break (plus `cost²` for
/// a positive cost, minus for a negative one, nothing for a forced break),
/// plus `flagged_demerits` when it and the previous line both end at flagged
/// penalties, plus `fitness_demerits` when its fitness class (tight `r <
/// -0.5`, decent, loose `r > 0.5`, very loose `r > 1`) is more than one away
/// from the previous line's.
///
/// **Search.** Walking the legal breakpoints in order, keep an *active list*
/// of the breakpoints a line could still start from: for each, the best
/// total demerits of a paragraph ending there, per line number (while the
/// measures of the lines still to come differ: Knuth's "easy line") and
/// fitness class. At each breakpoint, try a line from every active node; a node
/// whose line is already overfull leaves the list (lines only grow), and a
/// forced break empties it. The best feasible line per (line number, fitness
/// class) becomes a new node, keeping only classes within `fitness_demerits`
/// of the best, as Knuth does. The answer is the cheapest node at the end,
/// followed back. The cost is O(breakpoints × active nodes), and the active
/// list holds about one line's worth of breakpoints.
///
/// **Passes.** Each pass is the search above with more allowed:
/// 1. word spaces only, ratio up to `costs.tolerance`, no last-resort
///    penalties (cost ≥ `costs.intra_word`);
/// 2. if that fails and boxes can stretch or shrink: a line that needs it
///    may also track its boxes (`box_ratio`, between -1 and 1: the box's
///    stretch and shrink are maxima, like shrink). Such a line's badness is
///    raised by `100 × tolerance³`, above every untracked line, so tracking
///    goes only where word spaces cannot do;
/// 3. if that fails and there are last-resort penalties: the same with them
///    (KLREQ: adjust inter-character space before dividing a word);
/// 4. emergency: any line that is not overfull, however loose. If even that
///    fails — a box wider than its measure — the line that overflows least is
///    made anyway (TeX's artificial demerits), which sets a too-wide box on a
///    line of its own; the caller splits it and warns. Only then can a line
///    be overfull.
pub fn break_paragraph(
    items: &[Item],
    width: impl Fn(usize) -> f32,
    costs: &Costs,
) -> Vec<LineBreak> {
    let para = Prepared::new(items);
    if para.end == 0 {
        return vec![LineBreak {
            at: items.len(),
            ratio: 0.0,
            box_ratio: 0.0,
        }];
    }
    let measures = Measures::new(&para, width);
    let total = para.sums[para.end];
    let can_track = total.box_stretch > 0.0 || total.box_shrink > 0.0;
    let has_last_resort = items[..para.end]
        .iter()
        .any(|item| matches!(item, Item::Penalty { cost, .. } if is_last_resort(*cost, costs)));
    let passes = [
        (true, Pass::FIRST),
        (can_track, Pass::TRACKING),
        (has_last_resort, Pass::LAST_RESORT),
    ];
    for (wanted, pass) in passes {
        if wanted && let Some(lines) = search(&para, &measures, costs, pass) {
            return lines;
        }
    }
    // The emergency pass always finds a way through (see `artificial`);
    // should it not, one line is still better than a panic.
    search(&para, &measures, costs, Pass::EMERGENCY).unwrap_or_else(|| {
        debug_assert!(false, "the emergency pass found no way through");
        vec![LineBreak {
            at: items.len(),
            ratio: 0.0,
            box_ratio: 0.0,
        }]
    })
}

/// What one pass of the search may do.
#[derive(Clone, Copy, Debug)]
struct Pass {
    tracking: bool,
    last_resort: bool,
    emergency: bool,
}

impl Pass {
    const FIRST: Pass = Pass {
        tracking: false,
        last_resort: false,
        emergency: false,
    };
    const TRACKING: Pass = Pass {
        tracking: true,
        ..Pass::FIRST
    };
    const LAST_RESORT: Pass = Pass {
        last_resort: true,
        ..Pass::TRACKING
    };
    const EMERGENCY: Pass = Pass {
        emergency: true,
        ..Pass::LAST_RESORT
    };
}

fn is_last_resort(cost: f32, costs: &Costs) -> bool {
    cost >= costs.intra_word && cost < f32::INFINITY
}

/// Running totals over `items[..i]` (penalty widths are not in them: they
/// count only at a break).
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    width: f64,
    glue_stretch: f64,
    glue_shrink: f64,
    box_stretch: f64,
    box_shrink: f64,
}

impl Sums {
    fn between(self, from: Sums) -> Sums {
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
struct Prepared<'a> {
    items: &'a [Item],
    /// One past the last box; the paragraph's end for breaking.
    end: usize,
    /// `sums[i]` = totals of `items[..i]`, for `i` in `0..=end`.
    sums: Vec<Sums>,
    /// `line_start[i]` = the first index `>= i` holding a box or a forced
    /// penalty (or `end`): where a line after a break at `i - 1` begins.
    line_start: Vec<usize>,
    /// `next_box[i]` = the first index `>= i` holding a box (or `end`).
    next_box: Vec<usize>,
}

impl<'a> Prepared<'a> {
    fn new(items: &'a [Item]) -> Self {
        let end = items
            .iter()
            .rposition(|item| matches!(item, Item::Box { .. }))
            .map_or(0, |i| i + 1);
        let mut sums = Vec::with_capacity(end + 1);
        let mut acc = Sums::default();
        sums.push(acc);
        for item in &items[..end] {
            match *item {
                Item::Box {
                    width,
                    stretch,
                    shrink,
                } => {
                    acc.width += f64::from(width);
                    acc.box_stretch += f64::from(stretch);
                    acc.box_shrink += f64::from(shrink);
                }
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    acc.width += f64::from(width);
                    acc.glue_stretch += f64::from(stretch);
                    acc.glue_shrink += f64::from(shrink);
                }
                Item::Penalty { .. } => {}
            }
            sums.push(acc);
        }
        let mut line_start = vec![end; end + 1];
        let mut next_box = vec![end; end + 1];
        for i in (0..end).rev() {
            let (is_box, is_forced) = match items[i] {
                Item::Box { .. } => (true, false),
                Item::Penalty { cost, .. } => (false, cost == f32::NEG_INFINITY),
                Item::Glue { .. } => (false, false),
            };
            line_start[i] = if is_box || is_forced {
                i
            } else {
                line_start[i + 1]
            };
            next_box[i] = if is_box { i } else { next_box[i + 1] };
        }
        Prepared {
            items,
            end,
            sums,
            line_start,
            next_box,
        }
    }

    /// What a break at `b` is: `None` if it is not a legal breakpoint in
    /// this pass; else (penalty cost, penalty width, flagged, forced).
    fn breakpoint(&self, b: usize, costs: &Costs, pass: Pass) -> Option<Breakpoint> {
        if b == self.end {
            return Some(Breakpoint {
                cost: f32::NEG_INFINITY,
                width: 0.0,
                flagged: false,
            });
        }
        match self.items[b] {
            Item::Glue { .. } if b > 0 && matches!(self.items[b - 1], Item::Box { .. }) => {
                Some(Breakpoint {
                    cost: 0.0,
                    width: 0.0,
                    flagged: false,
                })
            }
            Item::Penalty {
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
struct Breakpoint {
    cost: f32,
    width: f32,
    flagged: bool,
}

impl Breakpoint {
    fn forced(&self) -> bool {
        self.cost == f32::NEG_INFINITY
    }
}

/// The measure of every line a paragraph could have.
struct Measures {
    /// `width(line)` for every line number up to the most lines there can
    /// be (one per legal breakpoint).
    widths: Vec<f64>,
    /// From this line on every width is the same, so nodes need not tell
    /// their line numbers apart (Knuth's "easy line"): without it, a loose
    /// emergency pass keeps a node per possible line count at every
    /// breakpoint and grows quadratic.
    easy: usize,
}

impl Measures {
    fn new(para: &Prepared, width: impl Fn(usize) -> f32) -> Self {
        let max_lines = 1
            + (0..para.end)
                .filter(|&b| match para.items[b] {
                    Item::Glue { .. } => b > 0 && matches!(para.items[b - 1], Item::Box { .. }),
                    Item::Penalty { cost, .. } => cost < f32::INFINITY,
                    Item::Box { .. } => false,
                })
                .count();
        let widths: Vec<f64> = (0..max_lines).map(|l| f64::from(width(l))).collect();
        let last = widths[max_lines - 1];
        let easy = widths.iter().rposition(|&w| w != last).map_or(0, |l| l + 1);
        Measures { widths, easy }
    }

    fn get(&self, line: usize) -> f64 {
        self.widths[line.min(self.widths.len() - 1)]
    }

    /// The line number a node keeps: lines from `easy` on are alike.
    fn key(&self, line: usize) -> usize {
        line.min(self.easy)
    }
}

/// A feasible break: the best way found to end a paragraph's line `line - 1`
/// at item `at`.
#[derive(Clone, Copy, Debug)]
struct Node {
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

/// How a line fits its measure.
#[derive(Clone, Copy, Debug)]
struct Fit {
    ratio: f64,
    box_ratio: f64,
    badness: f64,
}

/// The adjustment of one line of totals `s` (plus `extra` width at the
/// break) in `measure`, or `None` if it is not acceptable in `pass`.
fn fit(s: Sums, extra: f64, measure: f64, ragged: bool, pass: Pass, costs: &Costs) -> Option<Fit> {
    // Once a break inside a word is on the table, a loose line is the
    // better alternative and must be feasible too.
    let base_tolerance = f64::from(costs.tolerance);
    let tolerance = if pass.last_resort {
        LAST_RESORT_TOLERANCE.max(base_tolerance)
    } else {
        base_tolerance
    };
    let natural = s.width + extra;
    let short = measure - natural;
    let badness = |r: f64| (100.0 * r.abs().powi(3)).min(MAX_BADNESS);
    // A tracked line is worse than any untracked feasible one.
    let tracked = |r: f64| (badness(base_tolerance) + badness(r)).min(MAX_BADNESS);

    if short < 0.0 {
        // Shrink: never past the shrinkability (ratio -1).
        let shrink = |z: f64| {
            if -short <= z + EPSILON {
                Some(if z > 0.0 { (short / z).max(-1.0) } else { 0.0 })
            } else {
                None
            }
        };
        if let Some(r) = shrink(s.glue_shrink) {
            return Some(Fit {
                ratio: r,
                box_ratio: 0.0,
                badness: badness(r),
            });
        }
        if pass.tracking
            && let Some(r) = shrink(s.glue_shrink + s.box_shrink)
        {
            return Some(Fit {
                ratio: r,
                box_ratio: r,
                badness: tracked(r),
            });
        }
        return None;
    }

    // Stretch. A ragged line (the last, or before a forced break) has
    // infinite fill and needs none.
    if ragged || short <= EPSILON {
        return Some(Fit {
            ratio: 0.0,
            box_ratio: 0.0,
            badness: 0.0,
        });
    }
    let glue_only = if s.glue_stretch > 0.0 {
        short / s.glue_stretch
    } else {
        f64::INFINITY
    };
    if glue_only <= tolerance {
        return Some(Fit {
            ratio: glue_only,
            box_ratio: 0.0,
            badness: badness(glue_only),
        });
    }
    // Boxes stretch at most by their own stretch (box_ratio ≤ 1); the glue
    // takes the rest.
    let with_boxes = |s: Sums| {
        let both = s.glue_stretch + s.box_stretch;
        if both > 0.0 && short / both <= 1.0 {
            (short / both, short / both)
        } else if s.glue_stretch > 0.0 {
            ((short - s.box_stretch) / s.glue_stretch, 1.0)
        } else {
            (f64::INFINITY, if s.box_stretch > 0.0 { 1.0 } else { 0.0 })
        }
    };
    if pass.tracking && s.box_stretch > 0.0 {
        let (r, br) = with_boxes(s);
        if r <= tolerance {
            return Some(Fit {
                ratio: r,
                box_ratio: br,
                badness: tracked(r),
            });
        }
    }
    if pass.emergency {
        // Too loose, but not overfull: accept, as spread as it can be. A
        // line with nothing to stretch stays short (ratio 0).
        let (r, br) = if pass.tracking {
            with_boxes(s)
        } else {
            (glue_only, 0.0)
        };
        return Some(Fit {
            ratio: if r.is_finite() { r } else { 0.0 },
            box_ratio: br,
            badness: MAX_BADNESS,
        });
    }
    None
}

fn fitness_class(ratio: f64) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
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

/// One pass of the search (see [`break_paragraph`]): the lines, or `None` if
/// this pass finds no feasible way through.
fn search(
    para: &Prepared,
    measures: &Measures,
    costs: &Costs,
    pass: Pass,
) -> Option<Vec<LineBreak>> {
    let mut nodes = vec![Node {
        at: usize::MAX,
        start: 0,
        line: 0,
        fitness: 1,
        flagged: false,
        total: 0.0,
        prev: usize::MAX,
        ratio: 0.0,
        box_ratio: 0.0,
    }];
    let mut active: Vec<usize> = vec![0];
    let mut candidates: Vec<Candidate> = Vec::new();
    // The nodes tried at the current breakpoint, for the emergency.
    let mut tried: Vec<usize> = Vec::new();
    let line_penalty = f64::from(costs.line_penalty);

    for b in 0..=para.end {
        let Some(bp) = para.breakpoint(b, costs, pass) else {
            continue;
        };
        let ragged = bp.forced();
        candidates.clear();
        tried.clear();
        let mut i = 0;
        while i < active.len() {
            let id = active[i];
            let a = nodes[id];
            tried.push(id);
            let measure = measures.get(a.line);
            let s = if a.start <= b {
                para.sums[b].between(para.sums[a.start])
            } else {
                Sums::default()
            };
            // Overfull without the break's own width: every later line from
            // `a` is too, so `a` is done.
            let max_shrink = s.glue_shrink + if pass.tracking { s.box_shrink } else { 0.0 };
            if s.width - max_shrink > measure + EPSILON {
                active.swap_remove(i);
                continue;
            }
            i += 1;
            // A line must hold a box, unless a forced break makes it empty.
            let has_box = a.start <= b && para.next_box[a.start] < b;
            if !has_box && !ragged {
                continue;
            }
            let Some(f) = fit(s, f64::from(bp.width), measure, ragged, pass, costs) else {
                continue;
            };
            let fitness = fitness_class(f.ratio);
            let mut d = (line_penalty + f.badness).powi(2);
            let cost = f64::from(bp.cost);
            if cost > 0.0 {
                d += cost * cost;
            } else if cost > f64::NEG_INFINITY {
                d -= cost * cost;
            }
            if bp.flagged && a.flagged {
                d += f64::from(costs.flagged_demerits);
            }
            if fitness.abs_diff(a.fitness) > 1 {
                d += f64::from(costs.fitness_demerits);
            }
            offer(
                &mut candidates,
                Candidate {
                    line: measures.key(a.line + 1),
                    fitness,
                    total: a.total + d,
                    prev: id,
                    ratio: f.ratio,
                    box_ratio: f.box_ratio,
                },
            );
        }
        if ragged {
            // Nothing may cross a forced break (nor the end).
            active.clear();
        }
        if candidates.is_empty() && active.is_empty() && pass.emergency {
            // Every line to here is overfull: a box wider than its measure.
            // Make the line that overflows least. `tried` holds every node
            // that was active, so there always is one.
            candidates.extend(artificial(para, measures, &nodes, &tried, b, bp, pass));
        }
        insert(&mut nodes, &mut active, &candidates, b, bp, para, costs);
        if active.is_empty() {
            return None;
        }
    }

    // The nodes made at the end; the cheapest wins.
    let best = active
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

/// Turns the candidates at breakpoint `b` into active nodes: per line
/// number, those within `fitness_demerits` of that line number's best.
fn insert(
    nodes: &mut Vec<Node>,
    active: &mut Vec<usize>,
    candidates: &[Candidate],
    b: usize,
    bp: Breakpoint,
    para: &Prepared,
    costs: &Costs,
) {
    let start = if b == para.end {
        para.end
    } else {
        para.line_start[b + 1]
    };
    for c in candidates {
        let best = candidates
            .iter()
            .filter(|o| o.line == c.line)
            .map(|o| o.total)
            .fold(f64::INFINITY, f64::min);
        if c.total > best + f64::from(costs.fitness_demerits) {
            continue;
        }
        active.push(nodes.len());
        nodes.push(Node {
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
/// from the nodes `tried` to `b`, the one that overflows least, fully shrunk.
fn artificial(
    para: &Prepared,
    measures: &Measures,
    nodes: &[Node],
    tried: &[usize],
    b: usize,
    bp: Breakpoint,
    pass: Pass,
) -> Option<Candidate> {
    let mut best: Option<(f64, usize)> = None;
    for &n in tried {
        let a = nodes[n];
        let s = para.sums[b].between(para.sums[a.start.min(b)]);
        let excess =
            s.width + f64::from(bp.width) - s.glue_shrink - s.box_shrink - measures.get(a.line);
        if best.is_none_or(|(e, m)| excess < e || (excess == e && a.total < nodes[m].total)) {
            best = Some((excess, n));
        }
    }
    let (_, n) = best?;
    let a = nodes[n];
    let s = para.sums[b].between(para.sums[a.start.min(b)]);
    Some(Candidate {
        line: measures.key(a.line + 1),
        fitness: 0,
        total: a.total + MAX_BADNESS * MAX_BADNESS,
        prev: n,
        ratio: if s.glue_shrink > 0.0 { -1.0 } else { 0.0 },
        box_ratio: if pass.tracking && s.box_shrink > 0.0 {
            -1.0
        } else {
            0.0
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bx(width: f32) -> Item {
        Item::Box {
            width,
            stretch: 0.0,
            shrink: 0.0,
        }
    }

    /// A box that may track: stretch and shrink as given.
    fn tracked(width: f32, stretch: f32, shrink: f32) -> Item {
        Item::Box {
            width,
            stretch,
            shrink,
        }
    }

    fn glue(width: f32, stretch: f32, shrink: f32) -> Item {
        Item::Glue {
            width,
            stretch,
            shrink,
        }
    }

    fn pen(cost: f32) -> Item {
        Item::Penalty {
            width: 0.0,
            cost,
            flagged: false,
        }
    }

    /// Boxes of the given widths separated by copies of `space`.
    fn words(widths: &[f32], space: Item) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, &w) in widths.iter().enumerate() {
            if i > 0 {
                items.push(space);
            }
            items.push(bx(w));
        }
        items
    }

    fn ats(lines: &[LineBreak]) -> Vec<usize> {
        lines.iter().map(|l| l.at).collect()
    }

    fn costs() -> Costs {
        Costs::default()
    }

    /// Where each line's content begins and ends: after a break, glue and
    /// non-forced penalties are discarded up to the next box or forced
    /// penalty; the last line stops at the last box.
    fn spans(items: &[Item], lines: &[LineBreak]) -> Vec<(usize, usize)> {
        let last_box = items
            .iter()
            .rposition(|i| matches!(i, Item::Box { .. }))
            .map_or(0, |i| i + 1);
        let mut out = Vec::new();
        let mut start = 0;
        for l in lines {
            let end = if l.at == items.len() { last_box } else { l.at };
            out.push((start.min(end), end));
            start = l.at + 1;
            while start < items.len() {
                match items[start] {
                    Item::Glue { .. } => start += 1,
                    Item::Penalty { cost, .. } if cost != f32::NEG_INFINITY => start += 1,
                    _ => break,
                }
            }
        }
        out
    }

    /// Each line's width as set (every adjustment applied), with the
    /// break's penalty width.
    fn set_widths(items: &[Item], lines: &[LineBreak]) -> Vec<f64> {
        spans(items, lines)
            .into_iter()
            .zip(lines)
            .map(|((from, to), l)| {
                let (r, br) = (f64::from(l.ratio), f64::from(l.box_ratio));
                let adjust = |w: f32, st: f32, sh: f32, r: f64| {
                    f64::from(w)
                        + if r >= 0.0 {
                            r * f64::from(st)
                        } else {
                            r * f64::from(sh)
                        }
                };
                let mut total: f64 = items[from..to]
                    .iter()
                    .map(|item| match *item {
                        Item::Box {
                            width,
                            stretch,
                            shrink,
                        } => adjust(width, stretch, shrink, br),
                        Item::Glue {
                            width,
                            stretch,
                            shrink,
                        } => adjust(width, stretch, shrink, r),
                        Item::Penalty { .. } => 0.0,
                    })
                    .sum();
                if let Some(Item::Penalty { width, .. }) = items.get(l.at) {
                    total += f64::from(*width);
                }
                total
            })
            .collect()
    }

    #[test]
    fn total_fit_balances_where_first_fit_would_not() {
        // Words of widths 2 3 7 2 2 7 2 7 8, spaces of width 1 stretching by
        // 1, measure 17. First fit fills the first line exactly (2 3 7 2,
        // ratio 0) and leaves the second loose (2 7 2, ratio 2). Total fit
        // moves a word down: 2 3 7 (ratio 1.5) and 2 2 7 2 (ratio 1/3).
        let items = words(
            &[2.0, 3.0, 7.0, 2.0, 2.0, 7.0, 2.0, 7.0, 8.0],
            glue(1.0, 1.0, 0.0),
        );
        let first_fit = [7, 13, items.len()];
        let lines = break_paragraph(&items, |_| 17.0, &costs());
        assert_eq!(ats(&lines), [5, 13, items.len()]);
        assert_ne!(ats(&lines), first_fit);
        assert!((lines[0].ratio - 1.5).abs() < 1e-6);
        assert!((lines[1].ratio - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!(lines[2].ratio, 0.0);
        for w in &set_widths(&items, &lines)[..2] {
            assert!((w - 17.0).abs() < 1e-4, "{w}");
        }
    }

    #[test]
    fn last_line_is_ragged() {
        let items = words(&[4.0, 4.0, 4.0, 4.0], glue(1.0, 1.0, 0.5));
        let lines = break_paragraph(&items, |_| 9.0, &costs());
        assert_eq!(ats(&lines), [3, items.len()]);
        assert_eq!(lines[0].ratio, 0.0);
        // "4 4" in 9: fits exactly. The last line, also "4 4", is ragged
        // even in a wider measure.
        let lines = break_paragraph(&items, |_| 12.0, &costs());
        assert_eq!(ats(&lines), [3, items.len()]);
        assert!(lines[0].ratio > 0.0);
        assert_eq!(lines[1].ratio, 0.0);
        assert_eq!(lines[1].box_ratio, 0.0);
    }

    #[test]
    fn last_line_shrinks_rather_than_overflow() {
        // 4+1+4+1+4 = 14 in 13: the two spaces shrink by 0.5 each.
        let items = words(&[4.0, 4.0, 4.0], glue(1.0, 1.0, 0.5));
        let lines = break_paragraph(&items, |_| 13.0, &costs());
        assert_eq!(ats(&lines), [items.len()]);
        assert!((lines[0].ratio + 1.0).abs() < 1e-6);
    }

    #[test]
    fn forced_penalty_breaks_and_its_line_is_ragged() {
        let mut items = words(&[3.0, 3.0], glue(1.0, 1.0, 0.3));
        items.push(pen(f32::NEG_INFINITY));
        items.extend(words(&[3.0, 3.0, 3.0], glue(1.0, 1.0, 0.3)));
        // Everything would fit on one line of 40; the forced break splits it.
        let lines = break_paragraph(&items, |_| 40.0, &costs());
        assert_eq!(ats(&lines), [3, items.len()]);
        assert_eq!(lines[0].ratio, 0.0);
        // Two forced breaks in a row make an empty line, as written.
        let mut items = vec![
            bx(3.0),
            pen(f32::NEG_INFINITY),
            pen(f32::NEG_INFINITY),
            bx(3.0),
        ];
        let lines = break_paragraph(&items, |_| 40.0, &costs());
        assert_eq!(ats(&lines), [1, 2, 4]);
        // A forced break after the last box is the paragraph's own end.
        items.push(pen(f32::NEG_INFINITY));
        items.push(glue(1.0, 1.0, 0.0));
        assert_eq!(ats(&break_paragraph(&items, |_| 40.0, &costs())), [1, 2, 6]);
    }

    #[test]
    fn infinite_penalty_is_never_a_break() {
        // 5 [never] 5 in a measure of 6: the only break would be overfull
        // anyway; the emergency pass still does not break at INFINITY.
        let items = vec![bx(5.0), pen(f32::INFINITY), bx(5.0)];
        assert_eq!(ats(&break_paragraph(&items, |_| 6.0, &costs())), [3]);
    }

    /// `8 4|4 3`: a word space, a word with a last-resort break inside, a
    /// word space.
    fn korean_like(intra_word: f32) -> Vec<Item> {
        vec![
            bx(8.0),
            glue(1.0, 2.0, 0.0),
            bx(4.0),
            pen(intra_word),
            bx(4.0),
            glue(1.0, 2.0, 0.0),
            bx(3.0),
        ]
    }

    #[test]
    fn last_resort_penalty_unused_while_spaces_suffice() {
        // Measure 18: "8 44" (ratio 0.5) then "3". Breaking inside the word,
        // "8 4" (ratio 2.5) then "4 3", is feasible too but never tried.
        let items = korean_like(costs().intra_word);
        let lines = break_paragraph(&items, |_| 18.0, &costs());
        assert_eq!(ats(&lines), [5, items.len()]);
        // Even when breaking inside the word would be the better fit.
        let lines = break_paragraph(&items, |_| 13.5, &costs());
        assert_eq!(ats(&lines), [3, items.len()], "no space solution at 13.5");
        let lines = break_paragraph(&items, |_| 17.0, &costs());
        assert_eq!(ats(&lines), [5, items.len()]);
    }

    #[test]
    fn last_resort_penalty_used_when_nothing_else_fits() {
        // Measure 13: "8" alone cannot stretch, "8 44" is overfull; only the
        // break inside the word works: "8 4" (ratio 0) and "4 3".
        let items = korean_like(costs().intra_word);
        let lines = break_paragraph(&items, |_| 13.0, &costs());
        assert_eq!(ats(&lines), [3, items.len()]);
        assert_eq!(lines[0].ratio, 0.0);
    }

    #[test]
    fn soft_penalty_is_an_ordinary_break() {
        // The same word with a Soft break inside: used in the first pass
        // when it fits better than the space.
        let items = korean_like(costs().soft);
        let lines = break_paragraph(&items, |_| 13.0, &costs());
        assert_eq!(ats(&lines), [3, items.len()]);
    }

    #[test]
    fn tracking_only_where_word_spaces_cannot() {
        // Boxes of 5 that may track by 1, spaces stretching 0.2 or 1.
        let t = |w| tracked(w, 1.0, 0.5);
        let tight = glue(1.0, 0.2, 0.0);
        let loose = glue(1.0, 1.0, 0.0);
        let items = vec![
            t(5.0),
            tight,
            t(5.0),
            tight,
            t(5.0),
            loose,
            t(5.0),
            tight,
            t(5.0),
        ];
        let lines = break_paragraph(&items, |_| 12.0, &costs());
        assert_eq!(ats(&lines), [3, 7, items.len()]);
        // Line 1 "5 5": its space alone would need ratio 5; with the boxes
        // tracking, 1/2.2 each.
        assert!((lines[0].ratio - 1.0 / 2.2).abs() < 1e-5, "{lines:?}");
        assert_eq!(lines[0].ratio, lines[0].box_ratio);
        // Line 2 "5 5" with a loose space: ratio 1, no tracking.
        assert!((lines[1].ratio - 1.0).abs() < 1e-6);
        assert_eq!(lines[1].box_ratio, 0.0);
        assert_eq!(lines[2].box_ratio, 0.0);
        let set = set_widths(&items, &lines);
        assert!((set[0] - 12.0).abs() < 1e-4 && (set[1] - 12.0).abs() < 1e-4);
    }

    #[test]
    fn no_tracking_when_the_first_pass_succeeds() {
        let t = |w| tracked(w, 1.0, 0.5);
        let items = vec![
            t(5.0),
            glue(1.0, 1.0, 0.5),
            t(5.0),
            glue(1.0, 1.0, 0.5),
            t(5.0),
        ];
        let lines = break_paragraph(&items, |_| 12.0, &costs());
        assert!(lines.iter().all(|l| l.box_ratio == 0.0), "{lines:?}");
    }

    #[test]
    fn tracking_is_capped_at_the_box_stretch() {
        // "5 5" in 14: the boxes stretch by at most 1 each (box_ratio 1) and
        // the space takes the rest, 1 over its stretch of 0.5: ratio 2.
        let t = |w| tracked(w, 1.0, 0.5);
        let items = vec![
            t(5.0),
            glue(1.0, 0.5, 0.0),
            t(5.0),
            glue(1.0, 0.5, 0.0),
            t(9.0),
        ];
        let lines = break_paragraph(&items, |_| 14.0, &costs());
        assert_eq!(ats(&lines), [3, items.len()]);
        assert_eq!(lines[0].box_ratio, 1.0);
        assert!((lines[0].ratio - 2.0).abs() < 1e-5);
    }

    #[test]
    fn tracking_shrinks_boxes_to_avoid_overflow() {
        // "5 5" in 10: the space shrinks fully (0.5) and the boxes the rest.
        let t = |w| tracked(w, 0.0, 0.5);
        let items = vec![t(5.0), glue(1.0, 1.0, 0.5), t(5.0)];
        let lines = break_paragraph(&items, |_| 10.0, &costs());
        assert_eq!(ats(&lines), [items.len()]);
        assert!(lines[0].box_ratio < 0.0);
        assert!((set_widths(&items, &lines)[0] - 10.0).abs() < 1e-4);
    }

    #[test]
    fn emergency_pass_accepts_loose_lines() {
        // "3" then "3": nothing can stretch; the emergency pass sets the
        // first line short instead of overfull "3 3" in 5.
        let items = words(&[3.0, 3.0], glue(1.0, 0.0, 0.0));
        let lines = break_paragraph(&items, |_| 5.0, &costs());
        assert_eq!(ats(&lines), [1, items.len()]);
        assert_eq!(lines[0].ratio, 0.0);
        // With stretch, but too little: ratio beyond the tolerance.
        let items = words(&[3.0, 3.0, 9.0], glue(1.0, 0.1, 0.0));
        let lines = break_paragraph(&items, |_| 9.0, &costs());
        assert_eq!(ats(&lines), [3, items.len()]);
        assert!(lines[0].ratio > costs().tolerance);
    }

    #[test]
    fn too_wide_box_gets_a_line_of_its_own() {
        let items = words(&[3.0, 30.0, 3.0, 3.0], glue(1.0, 1.0, 0.5));
        let lines = break_paragraph(&items, |_| 10.0, &costs());
        assert_eq!(ats(&lines), [1, 3, items.len()]);
        let set = set_widths(&items, &lines);
        assert!(set[0] <= 10.0 && set[2] <= 10.0, "{set:?}");
    }

    #[test]
    fn too_wide_forced_break_still_breaks() {
        // A forced break whose own width overflows: no line can avoid it,
        // so the emergency pass makes it anyway.
        let items = vec![
            bx(5.0),
            Item::Penalty {
                width: 10.0,
                cost: f32::NEG_INFINITY,
                flagged: false,
            },
            bx(5.0),
        ];
        assert_eq!(ats(&break_paragraph(&items, |_| 10.0, &costs())), [1, 3]);
        // And a paragraph that is one box too wide is one line.
        assert_eq!(ats(&break_paragraph(&[bx(50.0)], |_| 10.0, &costs())), [1]);
    }

    #[test]
    fn line_widths_may_differ_per_line() {
        // A first line of 9, then 20: "4 4" then "4 4 4 4".
        let items = words(&[4.0; 6], glue(1.0, 1.0, 0.5));
        let lines = break_paragraph(&items, |l| if l == 0 { 9.0 } else { 20.0 }, &costs());
        assert_eq!(ats(&lines), [3, items.len()]);
    }

    #[test]
    fn empty_paragraph_is_one_empty_line() {
        let one = |items: &[Item]| break_paragraph(items, |_| 10.0, &costs());
        assert_eq!(
            one(&[]),
            [LineBreak {
                at: 0,
                ratio: 0.0,
                box_ratio: 0.0
            }]
        );
        assert_eq!(ats(&one(&[glue(1.0, 1.0, 1.0), pen(0.0)])), [2]);
    }

    #[test]
    fn flagged_breaks_in_a_row_are_avoided() {
        // `5 4 1-5 1 1 3-6` in 12, the `-` being flagged breaks of cost 0.
        // Unflagged, both hyphens are used: "5 4 1-" (ratio 0), "5 1 3-"
        // (0.5), "6". Flagged with a high cost, the first line ends at a
        // space instead: "5 4" (ratio 2), "1-5 1 3" (0), "6".
        let hy = |flagged| Item::Penalty {
            width: 0.0,
            cost: 0.0,
            flagged,
        };
        let g = glue(1.0, 1.0, 0.3);
        let build = |flagged| {
            vec![
                bx(5.0),
                g,
                bx(4.0),
                g,
                bx(1.0),
                hy(flagged),
                bx(5.0),
                g,
                bx(1.0),
                g,
                bx(3.0),
                hy(flagged),
                bx(6.0),
            ]
        };
        // The ratio-2 line needs a tolerance above the default's 1.
        let c = Costs {
            flagged_demerits: 1e7,
            tolerance: 2.5,
            ..costs()
        };
        assert_eq!(
            ats(&break_paragraph(&build(false), |_| 12.0, &c)),
            [5, 11, 13]
        );
        assert_eq!(
            ats(&break_paragraph(&build(true), |_| 12.0, &c)),
            [3, 11, 13]
        );
    }

    #[test]
    fn long_paragraph_is_fast_enough_to_run_here() {
        // ~2000 items of Korean-like text: words of 2–6 syllables with a
        // last-resort break between syllables. Not a benchmark (debug
        // build); it catches quadratic blow-ups.
        let mut items = Vec::new();
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) % 5 + 2
        };
        while items.len() < 2000 {
            if !items.is_empty() {
                items.push(glue(3.3, 1.7, 1.1));
            }
            for s in 0..next() {
                if s > 0 {
                    items.push(pen(costs().intra_word));
                }
                items.push(tracked(10.0, 0.5, 0.3));
            }
        }
        let start = std::time::Instant::now();
        let lines = break_paragraph(&items, |_| 200.0, &costs());
        let took = start.elapsed();
        assert!(lines.len() > 50);
        assert!(took.as_millis() < 500, "took {took:?}");
    }

    /// Random paragraphs: boxes, glue and penalties of every kind.
    fn item() -> impl Strategy<Value = Item> {
        prop_oneof![
            4 => (1.0f32..20.0, 0.0f32..1.0, 0.0f32..0.5).prop_map(|(w, st, sh)| tracked(w, st, sh)),
            1 => (1.0f32..20.0).prop_map(bx),
            3 => (0.5f32..4.0, 0.0f32..3.0, 0.0f32..1.0).prop_map(|(w, st, sh)| glue(w, st, sh)),
            2 => (
                0.0f32..2.0,
                prop::sample::select(vec![
                    0.0,
                    50.0,
                    -50.0,
                    5000.0,
                    f32::INFINITY,
                    f32::NEG_INFINITY,
                ]),
                any::<bool>()
            )
                .prop_map(|(width, cost, flagged)| Item::Penalty {
                    width,
                    cost,
                    flagged
                }),
        ]
    }

    /// The widest unbreakable stretch: the widest line when breaking at
    /// every legal breakpoint that leaves a box on the line before it (a
    /// line holds a box unless a forced break ends it). A measure at least
    /// this wide can always be set without an overfull line.
    fn widest_unbreakable(items: &[Item]) -> f32 {
        let last_box = items
            .iter()
            .rposition(|i| matches!(i, Item::Box { .. }))
            .map_or(0, |i| i + 1);
        let mut lines = Vec::new();
        let mut from = 0;
        for b in 0..last_box {
            let (legal, forced) = match items[b] {
                Item::Glue { .. } => (b > 0 && matches!(items[b - 1], Item::Box { .. }), false),
                Item::Penalty { cost, .. } => (cost < f32::INFINITY, cost == f32::NEG_INFINITY),
                Item::Box { .. } => (false, false),
            };
            let has_box = items[from.min(b)..b]
                .iter()
                .any(|i| matches!(i, Item::Box { .. }));
            if legal && (has_box || forced) {
                lines.push(LineBreak {
                    at: b,
                    ratio: 0.0,
                    box_ratio: 0.0,
                });
                from = b + 1;
                while from < items.len()
                    && match items[from] {
                        Item::Glue { .. } => true,
                        Item::Penalty { cost, .. } => cost != f32::NEG_INFINITY,
                        Item::Box { .. } => false,
                    }
                {
                    from += 1;
                }
            }
        }
        lines.push(LineBreak {
            at: items.len(),
            ratio: 0.0,
            box_ratio: 0.0,
        });
        spans(items, &lines)
            .into_iter()
            .zip(&lines)
            .map(|((from, to), l)| {
                let content: f32 = items[from..to]
                    .iter()
                    .map(|i| match *i {
                        Item::Box { width, .. } | Item::Glue { width, .. } => width,
                        Item::Penalty { .. } => 0.0,
                    })
                    .sum();
                let pw = match items.get(l.at) {
                    Some(Item::Penalty { width, .. }) => *width,
                    _ => 0.0,
                };
                content + pw
            })
            .fold(0.0, f32::max)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn lines_are_never_overfull(
            items in prop::collection::vec(item(), 0..80),
            extra in 0.0f32..60.0,
            indent in 0.0f32..10.0,
        ) {
            let narrowest = widest_unbreakable(&items) + 0.01;
            // The first line is wider or narrower than the rest.
            let width = |l: usize| narrowest + extra + if l == 0 { indent } else { 0.0 };
            let lines = break_paragraph(&items, width, &Costs::default());
            prop_assert!(!lines.is_empty());
            prop_assert_eq!(lines.last().unwrap().at, items.len());
            let mut prev = None;
            for l in &lines {
                prop_assert!(prev.is_none_or(|p| l.at > p), "{:?}", lines);
                prev = Some(l.at);
                prop_assert!((-1.0..=1.0).contains(&l.box_ratio), "{:?}", l);
                prop_assert!(l.ratio >= -1.0, "{:?}", l);
                if l.at < items.len() {
                    // A legal breakpoint.
                    match items[l.at] {
                        Item::Glue { .. } => {
                            let after_box = matches!(items[l.at - 1], Item::Box { .. });
                            prop_assert!(after_box, "glue break not after a box: {:?}", l);
                        }
                        Item::Penalty { cost, .. } => prop_assert!(cost < f32::INFINITY),
                        Item::Box { .. } => prop_assert!(false, "break at a box"),
                    }
                }
            }
            // Every forced break before the last box is taken.
            let last_box = items.iter().rposition(|i| matches!(i, Item::Box { .. }));
            for (i, item) in items.iter().enumerate() {
                if matches!(item, Item::Penalty { cost, .. } if *cost == f32::NEG_INFINITY)
                    && last_box.is_some_and(|lb| i < lb)
                {
                    prop_assert!(lines.iter().any(|l| l.at == i), "forced {} not taken: {:?}", i, lines);
                }
            }
            for (n, set) in set_widths(&items, &lines).into_iter().enumerate() {
                prop_assert!(set <= f64::from(width(n)) + 0.01, "line {} set to {} in {}: {:?}", n, set, width(n), lines);
            }
        }
    }
}
