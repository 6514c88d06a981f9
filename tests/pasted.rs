//! Text pasted from Word and web pages, end to end: an article holding
//! every habit of the clipboard is built through the library as PDF/A-2u
//! (whose writer refuses a .notdef glyph), and its page's text is read back
//! from the PDF with hayro, glyph by glyph through the fonts' Unicode maps,
//! as `tests/refpages.rs` reads it.

use std::path::PathBuf;

use hayro::hayro_interpret::font::{Glyph, GlyphRun};
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::{BezPath, Point, Rect};
use kicweekly::diag::{Diagnostics, SourceFiles};
use kicweekly::project::Project;

/// One paragraph with all of it: soft hyphens in a Korean and a Latin
/// word, a line separator, a no-break space, a zero width space, an
/// ideographic space, smart quotes.
const PASTED: &str = "올해 투\u{AD}자유치는 inno\u{AD}vation 덕분에 크게 늘었다.\u{2028}\
                      둘째 줄은 상하이\u{A0}정부와 ZWSP\u{200B}뒤, 전각\u{3000}공백, \
                      “스마트” ‘따옴표’를 그대로 담는다.";

/// Then a first-line indent, Word bullets, a paragraph separator, and a
/// paragraph whose first line ends at a soft hyphen (`commerciali-`).
const MORE: &str = "\t탭으로 들여쓴 문단이다.\n\n\
                    •\t첫 항목\n• 둘째 항목\n\n\
                    문단 하나.\u{2029}문단 둘.\n\n\
                    전문가들은 이번 조치가 multi\u{AD}national 기업의 연구 거점을 적극 끌어들이고, \
                    현지 스타트업의 commerciali\u{AD}zation 속도를 높일 것이라고 평가했다. \
                    특히 Shanghai Zhangjiang Science City의 infra\u{AD}structure 투자가 눈에 띈다.";

struct Built {
    pdf: Vec<u8>,
    warnings: Vec<String>,
}

/// Builds issue 313 of a new project whose first article is `body`, as
/// PDF/A-2u.
fn build(body: &str) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let issue_dir = dir.path().join("issues/313");
    std::fs::create_dir_all(&issue_dir).unwrap();
    let good = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/good.md"),
    )
    .unwrap();
    let src = good.replace("## 베이징시, 충전소 확대\n\n본문.", body);
    assert_ne!(src, good);
    std::fs::write(issue_dir.join("issue.md"), src).unwrap();
    let mut files = SourceFiles::default();
    let project = Project::open(dir.path().to_path_buf(), None, &mut files).unwrap();
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    let opts = kicweekly::BuildOptions {
        pdf: kicweekly::pdf::Options {
            pdfa: true,
            ..Default::default()
        },
    };
    match kicweekly::build(&project, &book, 313, &mut files, &opts) {
        Ok(built) => Built {
            pdf: built.value.pdf,
            warnings: short(&files, &built.warnings),
        },
        Err(d) => panic!(
            "the issue does not build:\n{}",
            short(&files, &d).join("\n")
        ),
    }
}

fn short(files: &SourceFiles, d: &Diagnostics) -> Vec<String> {
    d.0.iter()
        .map(|d| kicweekly::diag::ShortDiag(files, d).to_string())
        .collect()
}

/// A line of a page: its baseline and left edge in points from the top
/// left, and the text of its glyphs (a space where two runs on one
/// baseline are apart).
#[derive(Debug)]
struct Line {
    y: f64,
    x: f64,
    text: String,
}

#[derive(Default)]
struct Glyphs {
    /// (x, y, end of advance, text) of every glyph drawn.
    glyphs: Vec<(f64, f64, f64, String)>,
}

impl<'a> Device<'a> for Glyphs {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            let t = props.transform * g.transform();
            let origin = t * Point::ORIGIN;
            let advance = match &**g {
                Glyph::Outline(o) => o.advance_width(),
                Glyph::Type3(t3) => t3.advance_width(),
            }
            .unwrap_or(0.0);
            let end = (t * Point::new(f64::from(advance), 0.0)).x;
            let text = match g.as_unicode() {
                Some(hayro::hayro_interpret::hayro_cmap::BfString::Char(c)) => c.to_string(),
                Some(hayro::hayro_interpret::hayro_cmap::BfString::String(s)) => s,
                None => '\u{FFFD}'.to_string(),
            };
            self.glyphs.push((origin.x, origin.y, end, text));
        }
    }
}

/// Every page's lines: glyphs on one baseline, left to right.
fn pages(pdf: &[u8]) -> Vec<Vec<Line>> {
    let pdf = Pdf::new(std::sync::Arc::new(pdf.to_vec())).expect("hayro opens the PDF");
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    pdf.pages()
        .iter()
        .map(|page| {
            let (w, h) = page.render_dimensions();
            let mut ctx = Context::new(
                page.initial_transform(true).to_kurbo(),
                Rect::new(0.0, 0.0, f64::from(w), f64::from(h)),
                &cache,
                page.xref(),
                settings.clone(),
            );
            let mut glyphs = Glyphs::default();
            interpret_page(page, &mut ctx, &mut glyphs);
            lines(glyphs.glyphs)
        })
        .collect()
}

fn lines(mut glyphs: Vec<(f64, f64, f64, String)>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)));
    let mut out: Vec<(Line, f64)> = vec![];
    for (x, y, end, text) in glyphs {
        match out.last_mut() {
            Some((line, line_end)) if (line.y - y).abs() < 0.1 => {
                let spaced = line.text.ends_with(char::is_whitespace)
                    || text.starts_with(char::is_whitespace);
                if x - *line_end > 1.5 && !spaced {
                    line.text.push(' ');
                }
                line.text.push_str(&text);
                *line_end = end;
            }
            _ => out.push((Line { y, x, text }, end)),
        }
    }
    out.into_iter().map(|(l, _)| l).collect()
}

/// The page a text is on, and the index of its line.
fn find<'p>(pages: &'p [Vec<Line>], needle: &str) -> (&'p [Line], usize) {
    for page in pages {
        if let Some(i) = page.iter().position(|l| l.text.contains(needle)) {
            return (page, i);
        }
    }
    panic!("`{needle}` is on no page");
}

#[test]
fn pasted_text_prints_right() {
    let built = build(&format!("## 붙여 넣은 기사\n\n{PASTED}\n\n{MORE}"));
    // No character went missing: the PDF/A writer would have refused a
    // .notdef glyph, and shaping would have warned.
    for w in &built.warnings {
        assert!(!w.contains("no font has"), "{w}");
    }
    // What was rewritten is said, where it is.
    let said = |what: &str| built.warnings.iter().filter(|w| w.contains(what)).count();
    assert_eq!(
        said("indented text read as a paragraph"),
        1,
        "{:#?}",
        built.warnings
    );
    assert_eq!(said("read as a bulleted list"), 1, "{:#?}", built.warnings);
    assert!(
        built
            .warnings
            .iter()
            .any(|w| w.contains("issues/313/issue.md:23:1: warning: indented")),
        "{:#?}",
        built.warnings
    );

    let pages = pages(&built.pdf);
    let (page, i) = find(&pages, "자유치는");
    let text = |l: &Line| l.text.trim_end().to_string();
    // The line separator ends the first line; the second starts under it.
    assert_eq!(
        text(&page[i]),
        "올해 투자유치는 innovation 덕분에 크게 늘었다."
    );
    let second = &page[i + 1];
    // The no-break space is drawn with the space glyph, which the font's
    // Unicode map reads as U+0020 (the PDF gives U+00A0 as ActualText).
    let want = "둘째 줄은 상하이 정부와 ZWSP뒤, 전각\u{3000}공백, “스마트” ‘따옴표’를";
    let got = text(second).replace('\u{A0}', " ");
    assert!(got.starts_with(want), "{got:?}");
    assert!(second.y > page[i].y && (second.x - page[i].x).abs() < 0.1);
    // A soft hyphen is drawn only where a line ends at it, and nothing of
    // a zero width space or a line separator is drawn anywhere.
    let mut hyphenated = 0;
    for (k, l) in page.iter().enumerate() {
        let t = text(l);
        assert!(
            !t.contains(['\u{200B}', '\u{2028}', '\u{2029}', '\u{FFFD}']),
            "{t:?}"
        );
        assert!(!t.contains('-'), "a hyphen in mid-line: {t:?}");
        if let Some(body) = t.strip_suffix('\u{AD}') {
            hyphenated += 1;
            assert!(body.ends_with(|c: char| c.is_alphabetic()), "{t:?}");
            let next = text(&page[k + 1]);
            assert!(next.starts_with(|c: char| c.is_lowercase()), "{next:?}");
        }
        let inner = t.strip_suffix('\u{AD}').unwrap_or(&t);
        assert!(
            !inner.contains('\u{AD}'),
            "a soft hyphen in mid-line: {t:?}"
        );
    }
    assert_eq!(hyphenated, 1, "one line ends at a soft hyphen: {page:#?}");
    let (page, i) = find(&pages, "commerciali");
    assert!(
        text(&page[i]).ends_with("commerciali\u{AD}"),
        "{:?} / {:?}",
        text(&page[i]),
        text(&page[i + 1])
    );
    assert!(text(&page[i + 1]).starts_with("zation 속도를"));
    // The indent, the bullets and the paragraph separator made blocks.
    for (needle, whole) in [
        ("탭으로", "탭으로 들여쓴 문단이다."),
        ("첫 항목", "• 첫 항목"),
        ("둘째 항목", "• 둘째 항목"),
        ("문단 하나", "문단 하나."),
        ("문단 둘", "문단 둘."),
    ] {
        let (page, i) = find(&pages, needle);
        assert_eq!(text(&page[i]), whole);
    }
}
