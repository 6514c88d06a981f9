//! Prepare, the second layout stage: every collected paragraph shaped once,
//! on all cores, and broken ahead of time at the measures collect foresaw.
//!
//! The result, [`Texts`], is what the flow stage sets text from: it breaks
//! a shaped paragraph at any other measure on demand (cheap: shaping is the
//! dear part) and shapes the few texts only pagination can know (page
//! numbers, leader dots), keeping everything it made. Each paragraph's
//! problems (missing glyphs; overfull or split lines per measure) are
//! reported once, where the paragraph came from in the source.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diag::{Diagnostic, Diagnostics};
use crate::fonts::FontBook;
use crate::template::{BreakUnit, Template};
use crate::text::breaks::Unit;
use crate::text::linebreak::Costs;
use crate::text::lines::{self, Line, Params, SpaceLimits};
use crate::text::shape::{self, ShapedPara, StyledText};

use super::cache::{Broken, ContentKey, TextCache};
use super::collect::{Measure, ParaId, TextKey};

/// A shaped paragraph and its lines at one measure.
#[derive(Clone)]
pub struct SetText {
    pub para: Arc<ShapedPara>,
    pub lines: Arc<Vec<Line>>,
}

/// The text, shaped, with lines broken per measure on demand.
pub struct Texts<'a> {
    book: &'a FontBook,
    params: Params,
    styled: Vec<StyledText>,
    shaped: Vec<Arc<ShapedPara>>,
    lines: HashMap<(ParaId, Measure), Arc<Vec<Line>>>,
    /// Texts made during flow, by content.
    extra: HashMap<TextKey, ParaId>,
    /// Each paragraph's content, the key into `cache`.
    keys: Vec<ContentKey>,
    /// What an earlier layout of the same issue shaped and broke.
    cache: TextCache,
    pub warnings: Diagnostics,
    /// CPU time of shaping and breaking, summed over threads, and the wall
    /// time of the text engine.
    pub shaping: Duration,
    pub breaking: Duration,
    pub wall: Duration,
}

/// Line-breaking parameters from the template.
fn params(template: &Template) -> Params {
    let ws = template.flow.word_space;
    Params {
        unit: match template.text.break_unit {
            BreakUnit::Word => Unit::Word,
            BreakUnit::Syllable => Unit::Syllable,
        },
        max_tracking_em: template.flow.max_tracking_em,
        max_tightening_em: template.flow.max_tightening_em,
        space: SpaceLimits {
            min: ws.min_em,
            ideal: ws.ideal_em,
            max: ws.max_em,
        },
        costs: Costs {
            tolerance: template.flow.justify_tolerance,
            last_resort_tolerance: (ws.before_split_em - ws.ideal_em) / (ws.max_em - ws.ideal_em),
            ..Costs::default()
        },
        ..Params::default()
    }
}

/// One paragraph's work: shaped (unless an earlier layout did), then
/// broken at each foreseen measure not broken before.
struct Done {
    para: Arc<ShapedPara>,
    lines: Vec<(Measure, Broken)>,
    shaping: Duration,
    breaking: Duration,
}

fn break_at(
    para: &ShapedPara,
    m: Measure,
    params: &Params,
) -> (Vec<Line>, Vec<lines::LineWarning>) {
    let width = m.width();
    let params = Params {
        justify: m.justify,
        ..*params
    };
    lines::break_lines(para, &|_| width, &params)
}

fn work(book: &FontBook, params: &Params, styled: &StyledText, job: &Job) -> Done {
    let t0 = Instant::now();
    let para = match &job.shaped {
        Some(p) => p.clone(),
        None => Arc::new(shape::shape(book, styled)),
    };
    let shaping = t0.elapsed();
    let t1 = Instant::now();
    let lines = job
        .measures
        .iter()
        .map(|&(m, ref cached)| match cached {
            Some(b) => (m, b.clone()),
            None => {
                let (l, w) = break_at(&para, m, params);
                (m, (Arc::new(l), Arc::new(w)))
            }
        })
        .collect();
    Done {
        para,
        lines,
        shaping,
        breaking: t1.elapsed(),
    }
}

/// What a paragraph needs, with what an earlier layout already made.
struct Job {
    shaped: Option<Arc<ShapedPara>>,
    measures: Vec<(Measure, Option<Broken>)>,
}

impl Job {
    fn is_done(&self) -> bool {
        self.shaped.is_some() && self.measures.iter().all(|(_, b)| b.is_some())
    }
}

/// Shapes every paragraph and breaks it at its foreseen measures, on all
/// cores: longest first, each thread taking the next paragraph when it is
/// free (paragraphs differ in length by 100×; a fixed split left one core
/// idle at the end).
pub fn prepare<'a>(
    book: &'a FontBook,
    template: &Template,
    paras: Vec<StyledText>,
    measures: &[(ParaId, Measure)],
) -> Texts<'a> {
    prepare_with(book, template, paras, measures, TextCache::off())
}

/// [`prepare`], taking from `cache` what an earlier layout of the same
/// issue made; [`Texts::take_cache`] gives back what this one used.
pub fn prepare_with<'a>(
    book: &'a FontBook,
    template: &Template,
    paras: Vec<StyledText>,
    measures: &[(ParaId, Measure)],
    mut cache: TextCache,
) -> Texts<'a> {
    let t0 = Instant::now();
    let params = params(template);
    let keys: Vec<ContentKey> = paras.iter().map(ContentKey::of).collect();
    let mut jobs: Vec<Job> = paras
        .iter()
        .zip(&keys)
        .map(|(styled, &key)| Job {
            shaped: cache.shaped(key, styled),
            measures: Vec::new(),
        })
        .collect();
    for &(id, m) in measures {
        let (key, job) = (keys[id.0 as usize], &mut jobs[id.0 as usize]);
        if !job.measures.iter().any(|(w, _)| *w == m) {
            job.measures.push((m, cache.lines(key, m)));
        }
    }
    let mut order: Vec<usize> = (0..paras.len()).filter(|&i| !jobs[i].is_done()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(paras[i].text.len()));
    // One paragraph (an edit, in a watcher) is not worth a thread.
    let threads = match order.len() {
        0 | 1 => 0,
        _ => std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8),
    };
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Done)> = std::thread::scope(|scope| {
        let (order, next, paras, jobs, params) = (&order, &next, &paras, &jobs, &params);
        let handles: Vec<_> = (0..threads.min(order.len()))
            .map(|_| {
                scope.spawn(move || {
                    std::iter::from_fn(|| {
                        let i = *order.get(next.fetch_add(1, Ordering::Relaxed))?;
                        Some((i, work(book, params, &paras[i], &jobs[i])))
                    })
                    .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("shaping does not panic"))
            .collect()
    });
    // Paragraphs an earlier layout made whole take no thread, nor does a
    // lone paragraph to set.
    for (i, job) in jobs.iter().enumerate() {
        if job.is_done() || threads == 0 && order.contains(&i) {
            done.push((i, work(book, &params, &paras[i], job)));
        }
    }
    done.sort_by_key(|(i, _)| *i);
    let mut texts = Texts {
        book,
        params,
        styled: paras,
        shaped: Vec::with_capacity(done.len()),
        lines: HashMap::new(),
        extra: HashMap::new(),
        keys,
        cache,
        warnings: Diagnostics::default(),
        shaping: Duration::ZERO,
        breaking: Duration::ZERO,
        wall: Duration::ZERO,
    };
    for (i, d) in done {
        let id = ParaId(i as u32);
        texts.shaping += d.shaping;
        texts.breaking += d.breaking;
        let key = texts.keys[i];
        texts.cache.keep_shaped(key, d.para.clone());
        texts.shaped.push(d.para);
        texts.warn_missing(id);
        for (m, broken) in d.lines {
            texts.warn_lines(id, &broken.1);
            texts.lines.insert((id, m), broken.0.clone());
            texts.cache.keep_lines(key, m, broken);
        }
    }
    texts.wall = t0.elapsed();
    texts
}

impl Texts<'_> {
    pub fn book(&self) -> &FontBook {
        self.book
    }

    /// What this layout shaped and broke, for the next layout of the
    /// issue (see [`prepare_with`]).
    pub fn take_cache(&mut self) -> TextCache {
        let mut cache = std::mem::take(&mut self.cache);
        cache.finish();
        cache
    }

    /// `id` broken at `m`: from what was prepared, or broken now.
    pub fn set(&mut self, id: ParaId, m: Measure) -> SetText {
        let para = self.shaped[id.0 as usize].clone();
        if let Some(lines) = self.lines.get(&(id, m)) {
            return SetText {
                para,
                lines: lines.clone(),
            };
        }
        let key = self.keys[id.0 as usize];
        let (lines, warnings) = match self.cache.lines(key, m) {
            Some(broken) => broken,
            None => {
                let t0 = Instant::now();
                let (lines, warnings) = break_at(&para, m, &self.params);
                let took = t0.elapsed();
                self.breaking += took;
                self.wall += took;
                let broken = (Arc::new(lines), Arc::new(warnings));
                self.cache.keep_lines(key, m, broken.clone());
                broken
            }
        };
        self.warn_lines(id, &warnings);
        self.lines.insert((id, m), lines.clone());
        SetText { para, lines }
    }

    /// The advance of all of `id`'s glyphs, trailing spaces included: the
    /// width a label such as `1. ` takes before what follows it.
    pub fn advance(&self, id: ParaId) -> f32 {
        self.shaped[id.0 as usize]
            .glyphs
            .iter()
            .map(|g| g.advance)
            .sum()
    }

    /// The widest line of `id` set on one line per hard break.
    pub fn natural_width(&mut self, id: ParaId, m: Measure) -> f32 {
        let set = self.set(id, m);
        set.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }

    /// A text only pagination knows (a page number): shaped now, once.
    pub fn add(&mut self, styled: StyledText) -> ParaId {
        let key = TextKey(styled);
        if let Some(&id) = self.extra.get(&key) {
            return id;
        }
        let content = ContentKey::of(&key.0);
        let para = match self.cache.shaped(content, &key.0) {
            Some(para) => para,
            None => {
                let t0 = Instant::now();
                let para = Arc::new(shape::shape(self.book, &key.0));
                let took = t0.elapsed();
                self.shaping += took;
                self.wall += took;
                self.cache.keep_shaped(content, para.clone());
                para
            }
        };
        let id = ParaId(self.shaped.len() as u32);
        self.keys.push(content);
        self.shaped.push(para);
        self.styled.push(key.0.clone());
        self.extra.insert(key, id);
        self.warn_missing(id);
        id
    }

    /// Characters no font has, located.
    fn warn_missing(&mut self, id: ParaId) {
        let para = &self.shaped[id.0 as usize];
        for (_, c, span) in &para.missing {
            let used = self.book.fallback_face(*c);
            let msg = match used {
                None => format!(
                    "no font has the character `{c}` (U+{:04X}): it prints as a box",
                    *c as u32
                ),
                Some(f) => format!(
                    "the character `{c}` (U+{:04X}) is in no bundled font; set from {}",
                    *c as u32, f.name
                ),
            };
            let d = match span {
                Some(s) => Diagnostic::warning(*s, msg),
                None => Diagnostic::general(msg),
            };
            self.warnings.push(d.with_hint(
                "add a font that has it with --font-path (or allow the machine's fonts with \
                 --system-fonts), or replace the character",
            ));
        }
    }

    /// The line breaker's warnings, located in the source.
    fn warn_lines(&mut self, id: ParaId, warnings: &[lines::LineWarning]) {
        let styled = &self.styled[id.0 as usize];
        for w in warnings {
            if let Some(span) = styled.source_at(w.at) {
                self.warnings
                    .push(Diagnostic::warning(span, w.message.clone()));
            }
        }
    }
}
