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
//!
//! `prepare` precomputes what every pass needs, `fit` says how one line
//! fits its measure, `search` runs one pass over the breakpoints.

mod fit;
mod prepare;
mod search;
#[cfg(test)]
mod tests;

use prepare::{Indexed, Measures};
use search::search;

/// One element of a paragraph in Knuth and Plass's model (their "items":
/// boxes, glue and penalties; atoms here, as layout's `Item` is what a page
/// holds).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Atom {
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
    /// The largest ratio once a break inside a word is on the table: a
    /// line looser than this is worse than a split word (KLREQ: divide a
    /// word only when the alternative is worse). With glue stretch set to
    /// reach the template's widest word space at ratio 1, that is 1.
    pub last_resort_tolerance: f32,
    /// The penalty for a break inside a Korean word
    /// (`breaks::BreakKind::IntraWord`). Penalties at least this high are
    /// last-resort breaks: they are not tried until word spaces and tracking
    /// have failed.
    pub intra_word: f32,
    /// The penalty for a break with no space (`breaks::BreakKind::Soft`):
    /// between Han ideographs, after a hyphen, dash or URL separator.
    pub soft: f32,
    /// The penalty for a seam inside a compound
    /// (`breaks::BreakKind::Compound`): before a glued bracket, after a
    /// range's hyphen.
    pub compound: f32,
    /// The penalty for a break at a soft hyphen in a Latin word
    /// (`breaks::BreakKind::Hyphen`), where a hyphen is drawn; such
    /// penalties are flagged, so `flagged_demerits` keeps them from piling
    /// up down the right edge.
    pub hyphen: f32,
    /// Every line is ragged (a table cell, a caption set flush left): a
    /// line short of its measure is not stretched, and costs only
    /// `100 (short / measure)³`, at most 100 — so any number of extra lines
    /// is cheaper than one split word, and among equally many the more
    /// even are preferred.
    pub ragged: bool,
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
            // shrink (ratio 1, like TeX's \tolerance 100; the template sets
            // less: flow.justify_tolerance); a line that needs more takes
            // tracking first (KLREQ: adjust inter-character space a little
            // rather than open word gaps), and the last-resort pass, with a
            // word split on the table, admits ratios up to
            // last_resort_tolerance: the widest word space.
            tolerance: 1.0,
            last_resort_tolerance: 1.0,
            // A break inside a word is the last resort (KLREQ #line-break,
            // word basis). One costs 15000² = 2.25e8 demerits, more than any
            // single feasible line: a line with word spaces up to their
            // maximum is preferred to a split word, which is used only
            // where nothing else fits. (Unlike TeX, ≥ 10000 does not mean
            // never here; f32::INFINITY does.)
            intra_word: 15000.0,
            // The paper's hyphen penalty: a break with no space, after a
            // hyphen or between Han characters, is as acceptable as a
            // hyphenation and costs about as much as a line at ratio 0.75.
            soft: 50.0,
            // 500² = 250000 demerits, the cost of a line at ratio ≈ 1.7:
            // more than any line within the word space limits, so a seam
            // is taken only where spaces alone cannot fill the line, and
            // far less than a split word (15000²).
            compound: 500.0,
            // TeX's \hyphenpenalty, the paper's hyphen penalty again: the
            // author put the soft hyphen there, so breaking at it is as
            // acceptable as any hyphenation. It need not cost more than a
            // `soft` break: it is flagged, and a drawn hyphen is what the
            // reader expects in a divided Latin word.
            hyphen: 50.0,
            ragged: false,
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
    items: &[Atom],
    width: impl Fn(usize) -> f32,
    costs: &Costs,
) -> Vec<LineBreak> {
    let para = Indexed::new(items);
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
        .any(|item| matches!(item, Atom::Penalty { cost, .. } if is_last_resort(*cost, costs)));
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

/// Whether a penalty of `cost` is a last-resort break, tried only from
/// the third pass on.
fn is_last_resort(cost: f32, costs: &Costs) -> bool {
    cost >= costs.intra_word && cost < f32::INFINITY
}
