//! Reference pages, as typst and krilla keep them: every page of every
//! issue is built in-process, rendered with hayro (pure Rust) at a low
//! resolution in 16 grey levels and compared with tests/ref/<issue>/;
//! each page's text lines (baseline, x, width, text, read back from the
//! PDF) are compared with tests/ref/<issue>/pages.txt. Any visual change,
//! down to a one-point shift of a single line, fails the test.
//!
//! After an intended change: `KICWEEKLY_REF=accept cargo test --test
//! refpages` rewrites the references that differ. See tests/ref/README.md.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use hayro::hayro_interpret::font::{Glyph, GlyphRun};
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};
use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::page::Page;
use hayro::kurbo::{Affine, BezPath, Point, Rect};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Level, Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings, render_into};
use kicweekly::diag::SourceFiles;
use kicweekly::project::Project;

/// Resolution of the reference images: 1 pt is 0.69 px. Higher costs
/// PNG size (72 dpi doubles it); lower loses sensitivity (at 36 dpi many
/// 1 pt moves of a bullet or a folio change no pixel by 2 grey steps).
const DPI: f32 = 50.0;
/// Grey levels kept per pixel (4-bit PNG): the densest page of issue 312
/// is 31 KiB, where 8 bits would take 61 KiB.
const LEVELS: u8 = 16;
/// A pixel differs when its grey level moves by more than this many of the
/// 15 steps. One step absorbs what rounding to 16 levels turns a sliver of
/// float noise into (a value on a step boundary flips); vello_cpu's SSE2
/// and AVX-512 paths render issue 312 identically at this resolution.
const PIXEL_TOLERANCE: u8 = 1;
/// How many differing pixels a page may have and still match: none. A
/// 1 pt move of the smallest marks in issue 312 (a list bullet, a two-dot
/// leader) changes as few as one or two pixels by 2 steps or more; noise
/// changes none. Only long dotted leaders moved up escape the image (each
/// dot's pixels move by at most one step): pages.txt catches those. See
/// `one_point_shifts_are_caught` and the exhaustive
/// `every_text_object_moved_one_point_is_caught`.
const MAX_DIFFERING_PIXELS: usize = 0;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ref_dir() -> PathBuf {
    manifest().join("tests/ref")
}

/// `target/ref-diff`, beside the test binaries, whatever CARGO_TARGET_DIR is.
fn diff_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .join("ref-diff")
}

fn accepting() -> bool {
    match std::env::var("KICWEEKLY_REF") {
        Ok(v) if v == "accept" => true,
        Ok(v) if v.is_empty() => false,
        Ok(v) => panic!("KICWEEKLY_REF={v}: the only value is `accept`"),
        Err(_) => false,
    }
}

// ---------------------------------------------------------------------------
// Issues: discovered by listing folders, built in parallel, once per binary.

/// Project roots whose `issues/` folders are tested. A root without an
/// `issues/` folder is skipped, so the corpus may come later.
fn project_roots() -> Vec<PathBuf> {
    vec![manifest(), manifest().join("tests/corpus")]
}

struct BuiltIssue {
    number: u32,
    pdf: Arc<Vec<u8>>,
}

fn built_issues() -> &'static [BuiltIssue] {
    static BUILT: OnceLock<Vec<BuiltIssue>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let mut projects = vec![];
        for root in project_roots() {
            if !root.join("issues").is_dir() {
                continue;
            }
            let mut files = SourceFiles::default();
            let project = Project::open(root.clone(), None, &mut files)
                .unwrap_or_else(|d| panic!("{}: {}", root.display(), diagnostics(&files, &d)));
            let numbers: Vec<u32> = project
                .list_issues()
                .unwrap_or_else(|d| panic!("{}: {}", root.display(), diagnostics(&files, &d)))
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            let book = kicweekly::load_fonts(&project, &[])
                .unwrap_or_else(|e| panic!("{}: {e}", root.display()));
            projects.push((project, book, numbers));
        }
        let mut seen = BTreeSet::new();
        for n in projects.iter().flat_map(|(_, _, ns)| ns) {
            assert!(
                seen.insert(*n),
                "issue {n} is in two project roots: tests/ref/{n} can hold one"
            );
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = projects
                .iter()
                .flat_map(|(project, book, numbers)| {
                    numbers.iter().map(move |&number| {
                        scope.spawn(move || {
                            let mut files = SourceFiles::default();
                            let built = kicweekly::build(
                                project,
                                book,
                                number,
                                &mut files,
                                &Default::default(),
                            )
                            .unwrap_or_else(|d| {
                                panic!("issue {number} builds: {}", diagnostics(&files, &d))
                            });
                            BuiltIssue {
                                number,
                                pdf: Arc::new(built.value.pdf),
                            }
                        })
                    })
                })
                .collect();
            let mut out: Vec<BuiltIssue> = handles.into_iter().map(|h| h.join().unwrap()).collect();
            out.sort_by_key(|b| b.number);
            out
        })
    })
}

fn diagnostics(files: &SourceFiles, d: &kicweekly::diag::Diagnostics) -> String {
    let mut out = vec![];
    kicweekly::diag::emit(&mut out, files, d, kicweekly::diag::Format::Short, false)
        .expect("diagnostics to memory");
    String::from_utf8_lossy(&out).into_owned()
}

fn open_pdf(bytes: &Arc<Vec<u8>>) -> Pdf {
    Pdf::new(bytes.clone()).unwrap_or_else(|e| panic!("hayro cannot open the PDF: {e:?}"))
}

type Warnings = Arc<Mutex<Vec<(usize, String)>>>;

/// Interpreter settings that record hayro's warnings (an unreadable font,
/// an image that failed to decode) so a test can fail on them.
fn interpreter_settings(warnings: &Warnings, issue: usize) -> InterpreterSettings {
    let sink = warnings.clone();
    InterpreterSettings {
        warning_sink: Arc::new(move |w| sink.lock().unwrap().push((issue, format!("{w:?}")))),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------
// Rendering: one page to 16 grey levels.

#[derive(Clone, PartialEq, Eq, Debug)]
struct Gray {
    width: u32,
    height: u32,
    /// Row-major grey levels, 0 (black) ..= LEVELS - 1 (white).
    levels: Vec<u8>,
}

/// Renders `page` at `DPI` without hinting and without the glyph cache:
/// both round glyph origins to whole pixels, which would hide a shift
/// smaller than a pixel. `level` picks vello_cpu's SIMD path (None: the
/// best this CPU has).
fn render_page<'a>(
    page: &'a Page<'a>,
    cache: &RenderCache<'a>,
    settings: &InterpreterSettings,
    level: Option<Level>,
) -> Gray {
    let scale = DPI / 72.0;
    let (w, h) = page.render_dimensions();
    let (width, height) = ((w * scale) as u16, (h * scale) as u16);
    let mut render_settings = hayro::vello_cpu::RenderSettings {
        num_threads: 0,
        ..Default::default()
    };
    if let Some(level) = level {
        render_settings.level = level;
    }
    let mut ctx = RenderContext::new_with(width, height, render_settings);
    let transform = Affine::scale(f64::from(scale)) * page.initial_transform(true).to_kurbo();
    let options = RenderSettings {
        hinting: false,
        glyph_caching: false,
        ..Default::default()
    };
    render_into(page, cache, settings, &options, &mut ctx, transform);
    ctx.flush();
    let mut pixmap = Pixmap::new(width, height);
    ctx.render_with(
        &mut pixmap,
        &mut Resources::default(),
        RasterizerSettings {
            target_init: TargetInit::Clear(WHITE),
            ..Default::default()
        },
    );
    let max = u32::from(LEVELS - 1);
    let levels = pixmap
        .data()
        .iter()
        .map(|p| {
            // Opaque (white background): premultiplied is plain sRGB.
            let luma = (299 * u32::from(p.r) + 587 * u32::from(p.g) + 114 * u32::from(p.b)) / 1000;
            ((luma * max + 127) / 255) as u8
        })
        .collect();
    Gray {
        width: u32::from(width),
        height: u32::from(height),
        levels,
    }
}

fn encode_png(g: &Gray) -> Vec<u8> {
    let mut packed = Vec::with_capacity(g.levels.len().div_ceil(2));
    for row in g.levels.chunks(g.width as usize) {
        for pair in row.chunks(2) {
            packed.push(pair[0] << 4 | pair.get(1).copied().unwrap_or(0));
        }
    }
    let mut out = vec![];
    let mut enc = png::Encoder::new(&mut out, g.width, g.height);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Four);
    enc.set_compression(png::Compression::High);
    enc.set_filter(png::Filter::Adaptive);
    let mut writer = enc.write_header().expect("PNG header");
    writer.write_image_data(&packed).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

fn decode_png(bytes: &[u8]) -> Result<Gray, String> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::IDENTITY);
    let mut reader = dec.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    if info.color_type != png::ColorType::Grayscale || info.bit_depth != png::BitDepth::Four {
        return Err(format!(
            "not a 4-bit grey PNG ({:?}, {:?})",
            info.color_type, info.bit_depth
        ));
    }
    let mut levels = Vec::with_capacity(info.width as usize * info.height as usize);
    for row in buf.chunks(info.line_size).take(info.height as usize) {
        for x in 0..info.width as usize {
            let byte = row[x / 2];
            levels.push(if x % 2 == 0 { byte >> 4 } else { byte & 0x0f });
        }
    }
    Ok(Gray {
        width: info.width,
        height: info.height,
        levels,
    })
}

/// The page as an 8-bit grey PNG, for people to look at.
fn actual_png(g: &Gray) -> Vec<u8> {
    let step = 255 / (LEVELS - 1);
    let img = image::GrayImage::from_raw(
        g.width,
        g.height,
        g.levels.iter().map(|l| l * step).collect(),
    )
    .expect("buffer size");
    let mut out = std::io::Cursor::new(vec![]);
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("PNG to memory");
    out.into_inner()
}

// ---------------------------------------------------------------------------
// Comparison.

#[derive(Debug, PartialEq, Eq)]
struct Comparison {
    /// Pixels whose grey level moved by more than `PIXEL_TOLERANCE`.
    differing: usize,
    /// The largest move of any pixel, in grey levels.
    max_delta: u8,
}

impl Comparison {
    #[allow(
        clippy::absurd_extreme_comparisons,
        reason = "MAX_DIFFERING_PIXELS is a setting, 0 today"
    )]
    fn matches(&self) -> bool {
        self.differing <= MAX_DIFFERING_PIXELS
    }
}

fn compare(expected: &Gray, actual: &Gray) -> Result<Comparison, String> {
    if (expected.width, expected.height) != (actual.width, actual.height) {
        return Err(format!(
            "size {}x{} px, the reference is {}x{}",
            actual.width, actual.height, expected.width, expected.height
        ));
    }
    let mut c = Comparison {
        differing: 0,
        max_delta: 0,
    };
    for (a, b) in expected.levels.iter().zip(&actual.levels) {
        let d = a.abs_diff(*b);
        c.max_delta = c.max_delta.max(d);
        if d > PIXEL_TOLERANCE {
            c.differing += 1;
        }
    }
    Ok(c)
}

/// The reference faded to light grey, the actual page's ink over it in
/// blue, and red wherever a pixel differs beyond the tolerance.
fn diff_png(expected: &Gray, actual: &Gray) -> Vec<u8> {
    let max = u32::from(LEVELS - 1);
    let img = image::RgbImage::from_fn(actual.width, actual.height, |x, y| {
        let i = (y * actual.width + x) as usize;
        let (a, e) = (actual.levels[i], expected.levels[i]);
        if a.abs_diff(e) > PIXEL_TOLERANCE {
            return image::Rgb([255, 0, 0]);
        }
        let ghost = 200 + u32::from(e) * 55 / max;
        let ink = max - u32::from(a);
        let mix = |blue: u32| ((ghost * (max - ink) + blue * ink) / max) as u8;
        image::Rgb([mix(30), mix(80), mix(200)])
    });
    let mut out = std::io::Cursor::new(vec![]);
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("PNG to memory");
    out.into_inner()
}

// ---------------------------------------------------------------------------
// Text lines, read back from the PDF through hayro's glyph callbacks.

/// A run of glyphs drawn by one text-showing operator.
#[derive(Clone, Debug)]
struct TextRun {
    /// Origin of the first glyph, in points from the page's top left.
    x: f64,
    /// Baseline, in points from the top of the page.
    y: f64,
    /// Where the last glyph's advance ends.
    end: f64,
    text: String,
}

#[derive(Default)]
struct TextDump {
    runs: Vec<TextRun>,
}

impl<'a> Device<'a> for TextDump {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        let mut out: Option<TextRun> = None;
        for g in run.glyphs() {
            // Glyph space is 1000 units to the em.
            let t = props.transform * g.transform();
            let origin = t * Point::ORIGIN;
            let advance = match &**g {
                Glyph::Outline(o) => o.advance_width(),
                Glyph::Type3(t3) => t3.advance_width(),
            }
            .unwrap_or(0.0);
            let end = (t * Point::new(f64::from(advance), 0.0)).x;
            let [_, _, c, d, _, _] = t.as_coeffs();
            let size = c.hypot(d) * 1000.0;
            let text = match g.as_unicode() {
                Some(hayro::hayro_interpret::hayro_cmap::BfString::Char(c)) => c.to_string(),
                Some(hayro::hayro_interpret::hayro_cmap::BfString::String(s)) => s,
                None => '\u{fffd}'.to_string(),
            };
            match &mut out {
                None => {
                    out = Some(TextRun {
                        x: origin.x,
                        y: origin.y,
                        end,
                        text,
                    })
                }
                Some(r) => {
                    push_spaced(&mut r.text, r.end, origin.x, size, &text);
                    r.end = end;
                }
            }
        }
        self.runs.extend(out);
    }
}

/// Appends `text` drawn at `x` to a line ending at `end`, with a space
/// where the gap is a word space the PDF positions instead of drawing.
fn push_spaced(line: &mut String, end: f64, x: f64, size: f64, text: &str) {
    let spaced = line.ends_with(char::is_whitespace) || text.starts_with(char::is_whitespace);
    if x - end > 0.15 * size && !spaced {
        line.push(' ');
    }
    line.push_str(text);
}

/// Joins runs into lines: a run that starts where the previous one ended
/// on the same baseline (a change of font or colour within a line). Runs
/// with any gap between them stay apart, so moving any run by 0.1 pt or
/// more shows in the dump, however the line is made up.
fn text_lines(runs: &[TextRun]) -> Vec<TextRun> {
    let mut lines: Vec<TextRun> = vec![];
    for r in runs {
        if let Some(l) = lines.last_mut()
            && (r.y - l.y).abs() < 0.01
            && (r.x - l.end).abs() < 0.01
        {
            l.text.push_str(&r.text);
            l.end = r.end;
            continue;
        }
        lines.push(r.clone());
    }
    lines
}

/// One page's lines, one a line: baseline y, x, width, text.
fn page_lines(runs: &[TextRun]) -> String {
    let mut s = String::new();
    for l in text_lines(runs) {
        // -0.0 and 0.0 print alike.
        let f = |v: f64| if v.abs() < 0.05 { 0.0 } else { v };
        writeln!(
            s,
            "{:7.1} {:6.1} {:6.1}  {}",
            f(l.y),
            f(l.x),
            f(l.end - l.x),
            l.text.trim_end()
        )
        .unwrap();
    }
    s
}

fn page_text<'a>(
    page: &'a Page<'a>,
    cache: &InterpreterCache<'a>,
    settings: &InterpreterSettings,
) -> Vec<TextRun> {
    let (w, h) = page.render_dimensions();
    let mut ctx = Context::new(
        page.initial_transform(true).to_kurbo(),
        Rect::new(0.0, 0.0, f64::from(w), f64::from(h)),
        cache,
        page.xref(),
        settings.clone(),
    );
    let mut dump = TextDump::default();
    interpret_page(page, &mut ctx, &mut dump);
    dump.runs
}

fn pages_txt(number: u32, pages: &[Vec<TextRun>]) -> String {
    let mut s = format!(
        "# Issue {number}: the text drawn on each of its {} pages, read back from the PDF.\n\
         # One line per run of text (runs that touch on one baseline are joined):\n\
         # baseline y and x of its start (pt from the page's top left), width (pt), text.\n",
        pages.len()
    );
    for (i, runs) in pages.iter().enumerate() {
        write!(s, "\npage {}\n{}", i + 1, page_lines(runs)).unwrap();
    }
    s
}

// ---------------------------------------------------------------------------
// Rendering every page of every issue, across threads.

struct RenderedIssue {
    number: u32,
    pages: Vec<Gray>,
    text: String,
    warnings: Vec<String>,
}

/// Issue index, page index, the page's image and its text runs.
type RenderedPage = (usize, usize, Gray, Vec<TextRun>);

/// Every page of every issue: the jobs (issue, page) in order, cut into
/// one contiguous share per core, so each thread opens each PDF once.
fn render_all(issues: &[BuiltIssue]) -> Vec<RenderedIssue> {
    let counts: Vec<usize> = issues
        .iter()
        .map(|b| open_pdf(&b.pdf).pages().len())
        .collect();
    let jobs: Vec<(usize, usize)> = counts
        .iter()
        .enumerate()
        .flat_map(|(i, &n)| (0..n).map(move |p| (i, p)))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = jobs.len().div_ceil(threads).max(1);
    let warnings: Warnings = Arc::default();
    let done: Vec<Vec<RenderedPage>> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(share)
            .map(|chunk| {
                let warnings = warnings.clone();
                scope.spawn(move || {
                    let mut out = vec![];
                    let mut i = 0;
                    while i < chunk.len() {
                        let issue = chunk[i].0;
                        let pdf = open_pdf(&issues[issue].pdf);
                        let pages = pdf.pages();
                        let cache = RenderCache::new();
                        let text_cache = InterpreterCache::new();
                        let settings = interpreter_settings(&warnings, issue);
                        while i < chunk.len() && chunk[i].0 == issue {
                            let p = chunk[i].1;
                            let gray = render_page(&pages[p], &cache, &settings, None);
                            let text = page_text(&pages[p], &text_cache, &settings);
                            out.push((issue, p, gray, text));
                            i += 1;
                        }
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let warnings = std::mem::take(&mut *warnings.lock().unwrap());
    let mut rendered: Vec<RenderedIssue> = issues
        .iter()
        .map(|b| RenderedIssue {
            number: b.number,
            pages: vec![],
            text: String::new(),
            warnings: vec![],
        })
        .collect();
    for (issue, w) in warnings {
        rendered[issue].warnings.push(w);
    }
    let mut texts: Vec<Vec<Vec<TextRun>>> = vec![vec![]; issues.len()];
    for (issue, _, gray, text) in done.into_iter().flatten() {
        rendered[issue].pages.push(gray);
        texts[issue].push(text);
    }
    for (r, t) in rendered.iter_mut().zip(&texts) {
        r.text = pages_txt(r.number, t);
    }
    rendered
}

fn page_file(page: usize) -> String {
    format!("page-{:02}.png", page + 1)
}

fn rel(p: &Path) -> String {
    p.strip_prefix(manifest())
        .unwrap_or(p)
        .display()
        .to_string()
}

/// Checks one issue against tests/ref/<issue>/, or (accepting) rewrites
/// what differs. Returns the failures.
fn check_issue(r: &RenderedIssue, accept: bool, log: &mut Vec<String>) -> Vec<String> {
    let mut failures = vec![];
    let dir = ref_dir().join(r.number.to_string());
    let diffs = diff_dir().join(r.number.to_string());
    let n = r.number;
    if !r.warnings.is_empty() {
        failures.push(format!(
            "issue {n}: hayro warned: {}",
            r.warnings.join(", ")
        ));
    }
    if accept {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let write_diff = |name: &str, bytes: &[u8]| -> PathBuf {
        std::fs::create_dir_all(&diffs).unwrap();
        let path = diffs.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // Dead references: files that no page of the issue accounts for.
    let mut wanted: BTreeSet<String> = (0..r.pages.len()).map(page_file).collect();
    wanted.insert("pages.txt".into());
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut found: Vec<_> = entries.flatten().map(|e| e.file_name()).collect();
        found.sort();
        for name in found {
            let name = name.to_string_lossy().into_owned();
            if wanted.contains(&name) {
                continue;
            }
            let path = dir.join(&name);
            if accept {
                remove(&path);
                log.push(format!("removed {}", rel(&path)));
            } else {
                failures.push(format!(
                    "issue {n}: {} is not a page of the issue (it has {} pages): a dead reference",
                    rel(&path),
                    r.pages.len()
                ));
            }
        }
    } else if !accept {
        failures.push(format!(
            "issue {n}: no references in {} ({} pages)",
            rel(&dir),
            r.pages.len()
        ));
        return failures;
    }
    for (p, actual) in r.pages.iter().enumerate() {
        let path = dir.join(page_file(p));
        let stem = format!("page-{:02}", p + 1);
        let verdict = match std::fs::read(&path) {
            Err(_) => Err("no reference".to_string()),
            Ok(bytes) => decode_png(&bytes).and_then(|expected| {
                let c = compare(&expected, actual)?;
                if c.matches() {
                    Ok(())
                } else {
                    let diff =
                        write_diff(&format!("{stem}-diff.png"), &diff_png(&expected, actual));
                    Err(format!(
                        "{} pixels differ by more than {PIXEL_TOLERANCE} grey level (at most \
                         {MAX_DIFFERING_PIXELS} may; largest move {} of {}); diff: {}",
                        c.differing,
                        c.max_delta,
                        LEVELS - 1,
                        diff.display()
                    ))
                }
            }),
        };
        if let Err(why) = verdict {
            if accept {
                std::fs::write(&path, encode_png(actual)).unwrap();
                log.push(format!("wrote {} ({why})", rel(&path)));
            } else {
                let shot = write_diff(&format!("{stem}-actual.png"), &actual_png(actual));
                failures.push(format!(
                    "issue {n} page {}: {}: {why}; actual: {}",
                    p + 1,
                    rel(&path),
                    shot.display()
                ));
            }
        }
    }
    let path = dir.join("pages.txt");
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != r.text {
        if accept {
            std::fs::write(&path, &r.text).unwrap();
            log.push(format!("wrote {}", rel(&path)));
        } else {
            let actual = write_diff("pages.txt", r.text.as_bytes());
            let diff = similar::TextDiff::from_lines(&expected, &r.text)
                .unified_diff()
                .context_radius(2)
                .header(&rel(&path), &actual.display().to_string())
                .to_string();
            failures.push(format!("issue {n}: the text lines differ:\n{diff}"));
        }
    }
    failures
}

fn remove(path: &Path) {
    if path.is_dir() {
        std::fs::remove_dir_all(path).unwrap();
    } else {
        std::fs::remove_file(path).unwrap();
    }
}

#[test]
fn every_page_matches_its_reference() {
    let accept = accepting();
    let t0 = std::time::Instant::now();
    let issues = built_issues();
    let t_build = t0.elapsed();
    let _ = std::fs::remove_dir_all(diff_dir());
    let rendered = render_all(issues);
    let t_render = t0.elapsed() - t_build;
    let mut failures = vec![];
    let mut log = vec![];
    for r in &rendered {
        failures.extend(check_issue(r, accept, &mut log));
    }
    // Folders of issues that no longer exist.
    let numbers: BTreeSet<String> = issues.iter().map(|b| b.number.to_string()).collect();
    let mut entries: Vec<_> = std::fs::read_dir(ref_dir())
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "README.md" || numbers.contains(&name) {
            continue;
        }
        if accept {
            remove(&path);
            log.push(format!("removed {}", rel(&path)));
        } else {
            failures.push(format!(
                "{} is not the reference of any issue: a dead reference",
                rel(&path)
            ));
        }
    }
    let pages: usize = rendered.iter().map(|r| r.pages.len()).sum();
    eprintln!(
        "refpages: {} issues, {pages} pages: built in {:.0?}, rendered and read in {:.0?}",
        rendered.len(),
        t_build,
        t_render
    );
    for l in &log {
        eprintln!("refpages: {l}");
    }
    assert!(
        failures.is_empty(),
        "{} reference check(s) failed; after an intended change, \
         `KICWEEKLY_REF=accept cargo test --test refpages` rewrites them:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------
// The comparator itself: what it lets through and what it catches.

/// `pdf` with the `run`-th text object (BT … ET) of page `page` moved by
/// (dx, dy) pt, y down the page (krilla draws text under a y-down matrix),
/// or deleted when `dx` and `dy` are NaN.
fn shift_run(doc: &lopdf::Document, page: usize, run: usize, dx: f32, dy: f32) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    let mut doc = doc.clone();
    let id = doc.get_pages()[&(page as u32 + 1)];
    let mut content = Content::decode(&doc.get_page_content(id).unwrap()).unwrap();
    let ops = &mut content.operations;
    let bt = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| o.operator == "BT")
        .nth(run)
        .expect("that many text objects")
        .0;
    let et = bt + ops[bt..].iter().position(|o| o.operator == "ET").unwrap();
    if dx.is_nan() {
        ops.drain(bt..=et);
    } else {
        ops.insert(et + 1, Operation::new("Q", vec![]));
        let m = [1.0, 0.0, 0.0, 1.0, dx, dy].map(lopdf::Object::Real);
        ops.insert(bt, Operation::new("cm", m.to_vec()));
        ops.insert(bt, Operation::new("q", vec![]));
    }
    doc.change_page_content(id, content.encode().unwrap())
        .unwrap();
    let mut out = vec![];
    doc.save_to(&mut out).unwrap();
    out
}

fn text_objects(doc: &lopdf::Document, page: usize) -> Vec<usize> {
    use lopdf::content::Content;
    let id = doc.get_pages()[&(page as u32 + 1)];
    let content = Content::decode(&doc.get_page_content(id).unwrap()).unwrap();
    // The byte length of what each object shows: its glyph count, twice.
    let mut out = vec![];
    for o in &content.operations {
        match o.operator.as_str() {
            "BT" => out.push(0),
            "Tj" | "TJ" => {
                let n = out.last_mut().unwrap();
                for operand in &o.operands {
                    let strings = match operand {
                        lopdf::Object::Array(a) => a.clone(),
                        other => vec![other.clone()],
                    };
                    for s in strings {
                        if let lopdf::Object::String(b, _) = s {
                            *n += b.len();
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Renders page `page` of a PDF given as bytes and reads its text back.
fn render_bytes(bytes: Vec<u8>, page: usize) -> (Gray, String) {
    let pdf = open_pdf(&Arc::new(bytes));
    let pages = pdf.pages();
    let warnings = Warnings::default();
    let settings = interpreter_settings(&warnings, 0);
    let gray = render_page(&pages[page], &RenderCache::new(), &settings, None);
    let text = page_lines(&page_text(
        &pages[page],
        &InterpreterCache::new(),
        &settings,
    ));
    assert!(warnings.lock().unwrap().is_empty());
    (gray, text)
}

fn issue_312() -> &'static BuiltIssue {
    built_issues()
        .iter()
        .find(|b| b.number == 312)
        .expect("issue 312 is built")
}

/// Down, up, right, left by 1 pt.
const SHIFTS: [(f32, f32); 4] = [(0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0)];

/// On page 5 of issue 312 (body text), the shortest text object (the
/// folio, one digit in grey) and the longest (a line of body text), each
/// moved by 1 pt down, up, right and left: the image comparison rejects
/// every move, and so does the text dump; the unmoved page, through the
/// same edit path, matches.
#[test]
fn one_point_shifts_are_caught() {
    let b = issue_312();
    let doc = lopdf::Document::load_mem(&b.pdf).unwrap();
    let page = 4;
    let (base, base_text) = render_bytes(shift_run(&doc, page, 0, 0.0, 0.0), page);
    let (direct, direct_text) = render_bytes(b.pdf.to_vec(), page);
    assert_eq!(compare(&direct, &base).unwrap().differing, 0);
    assert_eq!(direct_text, base_text);
    let sizes = text_objects(&doc, page);
    let shortest = (0..sizes.len()).min_by_key(|&i| sizes[i]).unwrap();
    let longest = (0..sizes.len()).max_by_key(|&i| sizes[i]).unwrap();
    assert_eq!(
        sizes[shortest], 2,
        "the shortest text object shows one glyph"
    );
    for run in [shortest, longest] {
        for (dx, dy) in SHIFTS {
            let (moved, text) = render_bytes(shift_run(&doc, page, run, dx, dy), page);
            let c = compare(&base, &moved).unwrap();
            assert!(
                !c.matches(),
                "text object {run} moved by ({dx}, {dy}) pt passes: {c:?}"
            );
            assert_ne!(
                text, base_text,
                "text object {run} moved by ({dx}, {dy}) pt"
            );
        }
    }
}

/// Renderer noise: every page of issue 312 rendered on vello_cpu's
/// baseline SIMD path (SSE2 on x86-64, what an old CPU would run) matches
/// the render on this CPU's best path.
#[test]
fn another_simd_path_matches() {
    let b = issue_312();
    let pdf = open_pdf(&b.pdf);
    let warnings = Warnings::default();
    let settings = interpreter_settings(&warnings, 0);
    let cache = RenderCache::new();
    for (i, page) in pdf.pages().iter().enumerate() {
        let best = render_page(page, &cache, &settings, None);
        let baseline = render_page(page, &cache, &settings, Some(Level::baseline()));
        let c = compare(&best, &baseline).unwrap();
        assert!(c.matches(), "page {}: {c:?}", i + 1);
    }
}

#[test]
fn the_comparator_counts_pixels_beyond_the_tolerance() {
    let page = Gray {
        width: 7,
        height: 5,
        levels: (0..35).map(|i| (i % 16) as u8).collect(),
    };
    // Every pixel moved by the tolerance: noise, however many.
    let mut noisy = page.clone();
    for l in &mut noisy.levels {
        *l = if *l + PIXEL_TOLERANCE < LEVELS {
            *l + PIXEL_TOLERANCE
        } else {
            *l - PIXEL_TOLERANCE
        };
    }
    assert_eq!(
        compare(&page, &noisy).unwrap(),
        Comparison {
            differing: 0,
            max_delta: PIXEL_TOLERANCE
        }
    );
    // One step more, on more pixels than allowed: a change.
    let mut changed = page.clone();
    for i in 0..=MAX_DIFFERING_PIXELS {
        assert!(compare(&page, &changed).unwrap().matches());
        let l = &mut changed.levels[i * 3];
        *l = if *l < 8 {
            *l + PIXEL_TOLERANCE + 1
        } else {
            *l - PIXEL_TOLERANCE - 1
        };
    }
    let c = compare(&page, &changed).unwrap();
    assert_eq!(c.differing, MAX_DIFFERING_PIXELS + 1);
    assert!(!c.matches());
    let wider = Gray {
        width: 8,
        height: 5,
        levels: vec![15; 40],
    };
    assert!(compare(&page, &wider).is_err());
}

#[test]
fn reference_pngs_round_trip() {
    let g = Gray {
        width: 7,
        height: 3,
        levels: (0..21).map(|i| (i * 5 % 16) as u8).collect(),
    };
    assert_eq!(decode_png(&encode_png(&g)).unwrap(), g);
}

/// Every text object on every page of every issue, moved by 1 pt in each
/// direction: the image or the text dump catches every move. Prints per
/// page the move that changes the fewest pixels, and the moves only the
/// text dump caught. Slow (a minute or two per issue):
/// `cargo test --test refpages -- --ignored --nocapture`.
#[test]
#[ignore]
fn every_text_object_moved_one_point_is_caught() {
    let mut failures = vec![];
    for b in built_issues() {
        let doc = lopdf::Document::load_mem(&b.pdf).unwrap();
        let pages = doc.get_pages().len();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let results: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|k| {
                    let doc = &doc;
                    scope.spawn(move || {
                        let mut out = vec![];
                        for page in (k..pages).step_by(threads) {
                            out.extend(check_every_move(b.number, doc, page));
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        failures.extend(results);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check_every_move(number: u32, doc: &lopdf::Document, page: usize) -> Vec<String> {
    let mut failures = vec![];
    let render =
        |run: usize, dx: f32, dy: f32| render_bytes(shift_run(doc, page, run, dx, dy), page);
    let (base, base_text) = render(0, 0.0, 0.0);
    let (mut moves, mut inkless, mut text_only) = (0, 0, vec![]);
    let mut fewest = (usize::MAX, 0, (0.0, 0.0));
    for run in 0..text_objects(doc, page).len() {
        if render(run, f32::NAN, f32::NAN).0 == base {
            inkless += 1; // draws nothing visible: nothing to see move
            continue;
        }
        for (dx, dy) in SHIFTS {
            moves += 1;
            let (moved, text) = render(run, dx, dy);
            let c = compare(&base, &moved).unwrap();
            if c.differing < fewest.0 {
                fewest = (c.differing, run, (dx, dy));
            }
            match (c.matches(), text == base_text) {
                (false, _) => {}
                (true, false) => text_only.push(format!("{run} by ({dx}, {dy})")),
                (true, true) => failures.push(format!(
                    "issue {number} page {}: text object {run} moved by ({dx}, {dy}) pt passes",
                    page + 1
                )),
            }
        }
    }
    eprintln!(
        "issue {number} page {:2}: {moves} moves ({inkless} objects without ink skipped); \
         fewest differing pixels {} (object {}, move {:?}); caught by the text alone: {:?}",
        page + 1,
        fewest.0,
        fewest.1,
        fewest.2,
        text_only
    );
    failures
}

/// Prints how long one thread takes to render every page of each issue,
/// and to read its text back: `-- --ignored --nocapture render_time`.
#[test]
#[ignore]
fn render_time() {
    for b in built_issues() {
        let pdf = open_pdf(&b.pdf);
        let pages = pdf.pages();
        let warnings = Warnings::default();
        let settings = interpreter_settings(&warnings, 0);
        for round in 0..3 {
            let t = std::time::Instant::now();
            let cache = RenderCache::new();
            for page in pages.iter() {
                render_page(page, &cache, &settings, None);
            }
            let render = t.elapsed();
            let t = std::time::Instant::now();
            let cache = InterpreterCache::new();
            for page in pages.iter() {
                page_text(page, &cache, &settings);
            }
            eprintln!(
                "issue {} round {round}: {} pages rendered at {DPI} dpi in {render:.0?}, text read in {:.0?}",
                b.number,
                pages.len(),
                t.elapsed()
            );
        }
    }
}
