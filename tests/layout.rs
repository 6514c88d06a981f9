//! Layout as a user sees it: what the template says shows on the pages
//! (no code change needed), links work wherever they are written, and each
//! problem is reported once.

use std::sync::OnceLock;

use kicweekly::diag::{SourceFiles, Warned};
use kicweekly::fonts::FontBook;
use kicweekly::layout::{Document, Item, LinkTarget};
use kicweekly::template::{DEFAULT_TEMPLATE, Template};

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut files = SourceFiles::default();
        let t = files.add("t.yaml".into(), DEFAULT_TEMPLATE.into());
        let template = Template::parse(&files, t).expect("default template");
        FontBook::load(&template.faces, std::path::Path::new("/nonexistent"), &[])
            .expect("bundled fonts")
    })
}

const GOOD: &str = include_str!("fixtures/bad/good.md");

/// Lays out `issue` (an issue.md text) with `template` (YAML text).
fn layout(issue: &str, template: &str) -> Warned<Document> {
    let mut files = SourceFiles::default();
    let t = files.add("t.yaml".into(), template.into());
    let template = Template::parse(&files, t).expect("template parses");
    let file = files.add("issues/313/issue.md".into(), issue.into());
    let issue = kicweekly::source::parse(&files, file, &template).expect("issue parses");
    kicweekly::layout::layout(&issue.value, &template, book())
}

fn texts(doc: &Document, page: usize) -> Vec<(String, f32, f32)> {
    doc.pages[page]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(l) => Some((l.shown().to_string(), l.x, l.y)),
            _ => None,
        })
        .collect()
}

fn find(doc: &Document, page: usize, text: &str) -> Option<(f32, f32)> {
    texts(doc, page)
        .into_iter()
        .find(|(t, _, _)| t == text)
        .map(|(_, x, y)| (x, y))
}

#[test]
fn the_template_decides_the_contents_title_and_contact_labels() {
    let template = DEFAULT_TEMPLATE
        .replace("title: 목록", "title: 차례")
        .replace("phone_label: 전화", "phone_label: 연락처");
    let doc = layout(GOOD, &template).value;
    assert!(find(&doc, 1, "차례").is_some(), "{:?}", texts(&doc, 1));
    assert!(find(&doc, 1, "목록").is_none());
    let cover = texts(&doc, 0);
    assert!(
        cover.iter().any(|(t, _, _)| t.starts_with("연락처: ")),
        "{cover:?}"
    );
}

#[test]
fn the_template_places_the_cover_and_the_running_head() {
    let base = layout(GOOD, DEFAULT_TEMPLATE).value;
    let moved = DEFAULT_TEMPLATE
        .replace("publisher_at: 0.12", "publisher_at: 0.20")
        .replace("above_text_pt: 26", "above_text_pt: 30");
    let doc = layout(GOOD, &moved).value;
    let publisher = "KIC 중국 · 글로벌혁신센터";
    let (_, y0) = find(&base, 0, publisher).unwrap();
    let (_, y1) = find(&doc, 0, publisher).unwrap();
    let page_h = 297.0 * kicweekly::layout::MM;
    assert!((y1 - y0 - 0.08 * page_h).abs() < 0.01, "{y0} → {y1}");
    // The running head of the first body page moves up by 4 pt.
    let body = 2;
    let (_, h0) = find(&base, body, "WEEKLY 뉴스").unwrap();
    let (_, h1) = find(&doc, body, "WEEKLY 뉴스").unwrap();
    assert!((h0 - h1 - 4.0).abs() < 0.01, "{h0} → {h1}");
}

#[test]
fn an_a5_template_builds_smaller_pages() {
    let a5 = include_str!("../templates/a5.yaml");
    let doc = layout(GOOD, a5).value;
    let mm = kicweekly::layout::MM;
    assert!((doc.width - 148.0 * mm).abs() < 0.01 && (doc.height - 210.0 * mm).abs() < 0.01);
    // Every line fits in the page.
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text(l) = item {
                let w: f32 = l
                    .runs
                    .iter()
                    .flat_map(|r| &r.glyphs)
                    .map(|g| g.advance)
                    .sum();
                assert!(l.x >= 0.0 && l.x + w <= doc.width, "{}", l.shown());
            }
        }
    }
}

#[test]
fn a_link_in_a_table_cell_is_clickable() {
    let issue = GOOD.replace(
        "## 행사\n\n본문.",
        "## 행사\n\n| 기관 | 사이트 |\n|---|---|\n| 센터 | [홈페이지](https://kic.example/표) |\n\n표: 출처: 시험",
    );
    let doc = layout(&issue, DEFAULT_TEMPLATE).value;
    let links: Vec<&LinkTarget> = doc
        .pages
        .iter()
        .flat_map(|p| &p.links)
        .map(|l| &l.target)
        .collect();
    assert!(
        links.contains(&&LinkTarget::Url("https://kic.example/표".into())),
        "{links:?}"
    );
}

#[test]
fn a_missing_glyph_is_reported_once_where_it_is() {
    // U+E000 is private use: no bundled face has it. The contents is laid
    // out more than once and the running head repeats on every page; each
    // problem is still one warning.
    let issue = GOOD.replace("## 행사\n\n본문.", "## 행사 \u{e000}\n\n본문 \u{e001}.");
    let warned = layout(&issue, DEFAULT_TEMPLATE);
    let messages: Vec<String> = warned
        .warnings
        .0
        .iter()
        .map(|d| d.message.clone())
        .collect();
    for c in ["U+E000", "U+E001"] {
        let n = messages.iter().filter(|m| m.contains(c)).count();
        // The title is set in the body and in the contents (two texts).
        let expected = if c == "U+E000" { 2 } else { 1 };
        assert_eq!(n, expected, "{c}: {messages:?}");
    }
    for d in &warned.warnings.0 {
        let span = d.span.expect("located");
        assert!(span.line > 1, "{} at line {}", d.message, span.line);
    }
}

#[test]
fn a_template_typo_is_reported_as_the_template_s() {
    let mut files = SourceFiles::default();
    let bad = DEFAULT_TEMPLATE.replace("widow_lines: 2", "widow_line: 2");
    let t = files.add("templates/kicweekly.yaml".into(), bad);
    let d = Template::parse(&files, t).expect_err("a typo is an error");
    let d = &d.0[0];
    assert!(
        d.message
            .starts_with("invalid template: unknown field `widow_line`"),
        "{}",
        d.message
    );
    assert!(
        d.hints
            .iter()
            .any(|h| h.contains("templates/kicweekly.yaml")),
        "{:?}",
        d.hints
    );
}

#[test]
fn a_missing_glyph_in_the_masthead_points_at_the_title_field() {
    let issue = GOOD.replace("title: 주간 창업", "title: 주간 \u{e002}창업");
    let warned = layout(&issue, DEFAULT_TEMPLATE);
    let located: Vec<(u32, u32)> = warned
        .warnings
        .0
        .iter()
        .filter(|d| d.message.contains("U+E002"))
        .map(|d| d.span.map(|s| (s.line, s.col)).expect("located"))
        .collect();
    // On the cover and in the running heads, both from the `title:` field
    // on line 4, column 8.
    assert!(!located.is_empty());
    assert!(located.iter().all(|&l| l == (4, 8)), "{located:?}");
}

#[test]
fn table_columns_take_the_alignment_the_markdown_gives() {
    let issue = GOOD.replace(
        "## 행사\n\n본문.",
        "## 행사\n\n| 지역 | 금액 | 비고 |\n|:---|---:|:---:|\n| 베이징 | 1,000 | 가갸 |\n| 상하이 | 123,456 | 가나다라 |\n\n표: 출처: 시험",
    );
    let doc = layout(&issue, DEFAULT_TEMPLATE).value;
    let ends = |text: &str| -> (f32, f32) {
        for page in &doc.pages {
            for item in &page.items {
                if let Item::Text(l) = item
                    && l.shown() == text
                {
                    let w: f32 = l
                        .runs
                        .iter()
                        .flat_map(|r| &r.glyphs)
                        .map(|g| g.advance)
                        .sum();
                    return (l.x, l.x + w);
                }
            }
        }
        panic!("{text} not set");
    };
    // Left: same start; right: same end; centre: same middle.
    assert!((ends("베이징").0 - ends("상하이").0).abs() < 0.01);
    let (a, b) = (ends("1,000"), ends("123,456"));
    assert!((a.1 - b.1).abs() < 0.01 && a.0 > b.0, "{a:?} {b:?}");
    let (a, b) = (ends("가갸"), ends("가나다라"));
    assert!(((a.0 + a.1) - (b.0 + b.1)).abs() < 0.01, "{a:?} {b:?}");
}
