//! The breaker on small hand-made paragraphs, and properties over random
//! ones (`proptest`).

use super::*;
use proptest::prelude::*;

fn bx(width: f32) -> Atom {
    Atom::Box {
        width,
        stretch: 0.0,
        shrink: 0.0,
    }
}

/// A box that may track: stretch and shrink as given.
fn tracked(width: f32, stretch: f32, shrink: f32) -> Atom {
    Atom::Box {
        width,
        stretch,
        shrink,
    }
}

fn glue(width: f32, stretch: f32, shrink: f32) -> Atom {
    Atom::Glue {
        width,
        stretch,
        shrink,
    }
}

fn pen(cost: f32) -> Atom {
    Atom::Penalty {
        width: 0.0,
        cost,
        flagged: false,
    }
}

/// Boxes of the given widths separated by copies of `space`.
fn words(widths: &[f32], space: Atom) -> Vec<Atom> {
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
fn spans(items: &[Atom], lines: &[LineBreak]) -> Vec<(usize, usize)> {
    let last_box = items
        .iter()
        .rposition(|i| matches!(i, Atom::Box { .. }))
        .map_or(0, |i| i + 1);
    let mut out = Vec::new();
    let mut start = 0;
    for l in lines {
        let end = if l.at == items.len() { last_box } else { l.at };
        out.push((start.min(end), end));
        start = l.at + 1;
        while start < items.len() {
            match items[start] {
                Atom::Glue { .. } => start += 1,
                Atom::Penalty { cost, .. } if cost != f32::NEG_INFINITY => start += 1,
                _ => break,
            }
        }
    }
    out
}

/// Each line's width as set (every adjustment applied), with the
/// break's penalty width.
fn set_widths(items: &[Atom], lines: &[LineBreak]) -> Vec<f64> {
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
                    Atom::Box {
                        width,
                        stretch,
                        shrink,
                    } => adjust(width, stretch, shrink, br),
                    Atom::Glue {
                        width,
                        stretch,
                        shrink,
                    } => adjust(width, stretch, shrink, r),
                    Atom::Penalty { .. } => 0.0,
                })
                .sum();
            if let Some(Atom::Penalty { width, .. }) = items.get(l.at) {
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
fn korean_like(intra_word: f32) -> Vec<Atom> {
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
        Atom::Penalty {
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
    let one = |items: &[Atom]| break_paragraph(items, |_| 10.0, &costs());
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
    let hy = |flagged| Atom::Penalty {
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
fn item() -> impl Strategy<Value = Atom> {
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
            .prop_map(|(width, cost, flagged)| Atom::Penalty {
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
fn widest_unbreakable(items: &[Atom]) -> f32 {
    let last_box = items
        .iter()
        .rposition(|i| matches!(i, Atom::Box { .. }))
        .map_or(0, |i| i + 1);
    let mut lines = Vec::new();
    let mut from = 0;
    for b in 0..last_box {
        let (legal, forced) = match items[b] {
            Atom::Glue { .. } => (b > 0 && matches!(items[b - 1], Atom::Box { .. }), false),
            Atom::Penalty { cost, .. } => (cost < f32::INFINITY, cost == f32::NEG_INFINITY),
            Atom::Box { .. } => (false, false),
        };
        let has_box = items[from.min(b)..b]
            .iter()
            .any(|i| matches!(i, Atom::Box { .. }));
        if legal && (has_box || forced) {
            lines.push(LineBreak {
                at: b,
                ratio: 0.0,
                box_ratio: 0.0,
            });
            from = b + 1;
            while from < items.len()
                && match items[from] {
                    Atom::Glue { .. } => true,
                    Atom::Penalty { cost, .. } => cost != f32::NEG_INFINITY,
                    Atom::Box { .. } => false,
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
                    Atom::Box { width, .. } | Atom::Glue { width, .. } => width,
                    Atom::Penalty { .. } => 0.0,
                })
                .sum();
            let pw = match items.get(l.at) {
                Some(Atom::Penalty { width, .. }) => *width,
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
                    Atom::Glue { .. } => {
                        let after_box = matches!(items[l.at - 1], Atom::Box { .. });
                        prop_assert!(after_box, "glue break not after a box: {:?}", l);
                    }
                    Atom::Penalty { cost, .. } => prop_assert!(cost < f32::INFINITY),
                    Atom::Box { .. } => prop_assert!(false, "break at a box"),
                }
            }
        }
        // Every forced break before the last box is taken.
        let last_box = items.iter().rposition(|i| matches!(i, Atom::Box { .. }));
        for (i, item) in items.iter().enumerate() {
            if matches!(item, Atom::Penalty { cost, .. } if *cost == f32::NEG_INFINITY)
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
