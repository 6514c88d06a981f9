//! TEMPORARY first-fit stand-in until Knuth–Plass lands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    Box {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    Penalty {
        width: f32,
        cost: f32,
        flagged: bool,
    },
}
#[derive(Clone, Copy, Debug)]
pub struct Costs {
    pub line_penalty: f32,
    pub flagged_demerits: f32,
    pub fitness_demerits: f32,
    pub tolerance: f32,
    pub intra_word: f32,
    pub soft: f32,
}
impl Default for Costs {
    fn default() -> Self {
        Costs {
            line_penalty: 10.0,
            flagged_demerits: 100.0,
            fitness_demerits: 100.0,
            tolerance: 2.0,
            intra_word: 1000.0,
            soft: 50.0,
        }
    }
}
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineBreak {
    pub at: usize,
    pub ratio: f32,
    pub box_ratio: f32,
}
pub fn break_paragraph(
    items: &[Item],
    width: impl Fn(usize) -> f32,
    _costs: &Costs,
) -> Vec<LineBreak> {
    let mut out = vec![];
    let mut w = 0.0;
    let mut st = 0.0;
    let mut sh = 0.0;
    let mut last_ok: Option<(usize, f32, f32, f32)> = None;
    let mut i = 0;
    let mut line_start = 0;
    while i < items.len() {
        let it = items[i];
        let breakable = match it {
            Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
            Item::Penalty { cost, .. } => cost < f32::INFINITY,
            _ => false,
        };
        if breakable {
            if let Item::Penalty { cost, .. } = it
                && cost == f32::NEG_INFINITY
            {
                out.push(LineBreak {
                    at: i,
                    ratio: 0.0,
                    box_ratio: 0.0,
                });
                w = 0.0;
                st = 0.0;
                sh = 0.0;
                last_ok = None;
                i += 1;
                line_start = i;
                continue;
            }
            last_ok = Some((i, w, st, sh));
        }
        match it {
            Item::Box { width, .. } => w += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                w += width;
                st += stretch;
                sh += shrink;
            }
            _ => {}
        }
        let m = width(out.len());
        if w - sh > m
            && let Some((b, bw, bst, bsh)) = last_ok
            && b > line_start
        {
            let r = if bw < m {
                if bst > 0.0 {
                    ((m - bw) / bst).min(3.0)
                } else {
                    0.0
                }
            } else if bsh > 0.0 {
                (m - bw) / bsh
            } else {
                0.0
            };
            out.push(LineBreak {
                at: b,
                ratio: r,
                box_ratio: 0.0,
            });
            i = b + 1;
            while i < items.len() && matches!(items[i], Item::Glue { .. } | Item::Penalty { .. }) {
                i += 1;
            }
            line_start = i;
            w = 0.0;
            st = 0.0;
            sh = 0.0;
            last_ok = None;
            continue;
        }
        i += 1;
    }
    out.push(LineBreak {
        at: items.len(),
        ratio: 0.0,
        box_ratio: 0.0,
    });
    out
}
