//! How well one line fits its measure: its adjustment ratio, badness and
//! fitness class, in each pass (see [`super::break_paragraph`], "Cost of a
//! line"). The search adds the penalty and the demerits between lines.

use super::Costs;
use super::Pass;
use super::prepare::Sums;

/// Widths within this of the measure count as fitting: sums of a few
/// thousand `f32`s are not exact, and a thousandth of a point is invisible.
pub(super) const EPSILON: f64 = 1e-3;

/// Badness at and beyond which every line is equally bad (TeX's 10000 is
/// reached at ratio 4.6; ours keeps very loose emergency lines in order up to
/// ratio ~100).
pub(super) const MAX_BADNESS: f64 = 1e8;

/// The ratio up to which the emergency pass still tells looser lines from
/// less loose ones (beyond it every line is equally bad).
const EMERGENCY_TOLERANCE: f64 = 5.0;

/// How a line fits its measure.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fit {
    pub(super) ratio: f64,
    pub(super) box_ratio: f64,
    pub(super) badness: f64,
}

impl Fit {
    /// A line that needs no adjustment.
    const EXACT: Fit = Fit {
        ratio: 0.0,
        box_ratio: 0.0,
        badness: 0.0,
    };
}

/// The adjustment of one line of totals `s` (plus `extra` width at the
/// break) in `measure`, or `None` if it is not acceptable in `pass`.
pub(super) fn fit(
    s: Sums,
    extra: f64,
    measure: f64,
    ragged: bool,
    pass: Pass,
    costs: &Costs,
) -> Option<Fit> {
    let base_tolerance = f64::from(costs.tolerance);
    let natural = s.width + extra;
    let short = measure - natural;
    if short < 0.0 {
        return shrink(s, short, base_tolerance, pass);
    }
    // A ragged line (the last, or before a forced break) has infinite fill
    // and needs no stretch.
    if ragged || short <= EPSILON {
        return Some(Fit::EXACT);
    }
    if costs.ragged {
        return Some(Fit {
            badness: badness(short / measure.max(EPSILON)),
            ..Fit::EXACT
        });
    }
    stretch(s, short, costs, pass)
}

/// `100 |r|³`, capped at [`MAX_BADNESS`].
fn badness(r: f64) -> f64 {
    (100.0 * r.abs().powi(3)).min(MAX_BADNESS)
}

/// The badness of a tracked line: worse than any untracked feasible one.
fn tracked(r: f64, base_tolerance: f64) -> f64 {
    (badness(base_tolerance) + badness(r)).min(MAX_BADNESS)
}

/// A line `-short` too wide: shrink the glue, then (when tracking) the
/// boxes too, never past their shrinkability (ratio -1).
fn shrink(s: Sums, short: f64, base_tolerance: f64, pass: Pass) -> Option<Fit> {
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
            badness: tracked(r, base_tolerance),
        });
    }
    None
}

/// A line `short` too narrow: stretch the glue within the tolerance, then
/// (when tracking) the boxes by at most their own stretch, then (in the
/// emergency) as far as it takes.
fn stretch(s: Sums, short: f64, costs: &Costs, pass: Pass) -> Option<Fit> {
    let base_tolerance = f64::from(costs.tolerance);
    // Once a break inside a word is on the table, a line up to the widest
    // word space is the better alternative and must be feasible too.
    // In the emergency, loose lines are still ranked by badness up to
    // EMERGENCY_TOLERANCE, so that the least bad of them is chosen.
    let tolerance = if pass.emergency {
        EMERGENCY_TOLERANCE.max(base_tolerance)
    } else if pass.last_resort {
        f64::from(costs.last_resort_tolerance).max(base_tolerance)
    } else {
        base_tolerance
    };
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
    if pass.tracking && s.box_stretch > 0.0 {
        let (r, br) = with_boxes(s, short);
        if r <= tolerance {
            return Some(Fit {
                ratio: r,
                box_ratio: br,
                badness: tracked(r, base_tolerance),
            });
        }
    }
    if pass.emergency {
        // Too loose, but not overfull: accept, as spread as it can be. A
        // line with nothing to stretch stays short (ratio 0).
        let (r, br) = if pass.tracking {
            with_boxes(s, short)
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

/// The glue and box ratios that stretch a line by `short` when boxes may
/// track: boxes stretch at most by their own stretch (box ratio ≤ 1); the
/// glue takes the rest.
fn with_boxes(s: Sums, short: f64) -> (f64, f64) {
    let both = s.glue_stretch + s.box_stretch;
    if both > 0.0 && short / both <= 1.0 {
        (short / both, short / both)
    } else if s.glue_stretch > 0.0 {
        ((short - s.box_stretch) / s.glue_stretch, 1.0)
    } else {
        (f64::INFINITY, if s.box_stretch > 0.0 { 1.0 } else { 0.0 })
    }
}

/// Knuth's fitness classes: 0 tight (`r < -0.5`), 1 decent, 2 loose
/// (`r > 0.5`), 3 very loose (`r > 1`).
pub(super) fn fitness_class(ratio: f64) -> u8 {
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
