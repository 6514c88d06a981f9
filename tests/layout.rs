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

/// GOOD with a first article long enough to run onto a second page.
fn long_issue() -> String {
    let para = "베이징시는 올해 충전소를 크게 늘리고, 주요 도로와 주거 단지에 급속 충전기를 설치하기로 했다.\n\n";
    GOOD.replace(
        "## 베이징시, 충전소 확대\n\n본문.",
        &format!("## 베이징시, 충전소 확대\n\n{}", para.repeat(40)),
    )
}

#[test]
fn the_template_places_the_cover_and_the_running_head() {
    let issue = long_issue();
    let base = layout(&issue, DEFAULT_TEMPLATE).value;
    let moved = DEFAULT_TEMPLATE
        .replace("publisher_at: 0.12", "publisher_at: 0.20")
        .replace("above_text_pt: 26", "above_text_pt: 30");
    let doc = layout(&issue, &moved).value;
    let publisher = "KIC 중국 · 글로벌혁신센터";
    let (_, y0) = find(&base, 0, publisher).unwrap();
    let (_, y1) = find(&doc, 0, publisher).unwrap();
    let page_h = 297.0 * kicweekly::layout::MM;
    assert!((y1 - y0 - 0.08 * page_h).abs() < 0.01, "{y0} → {y1}");
    // The running head of the second body page (the first opens the part
    // and has none) moves up by 4 pt.
    let body = 3;
    let (_, h0) = find(&base, body, "WEEKLY 뉴스").unwrap();
    let (_, h1) = find(&doc, body, "WEEKLY 뉴스").unwrap();
    assert!((h0 - h1 - 4.0).abs() < 0.01, "{h0} → {h1}");
}

#[test]
fn a_part_opening_page_has_no_running_head() {
    let doc = layout(&long_issue(), DEFAULT_TEMPLATE).value;
    // Page 2 opens WEEKLY 뉴스: its name is in the banner only; page 3
    // continues the part under a running head.
    let opener: Vec<String> = texts(&doc, 2).into_iter().map(|t| t.0).collect();
    assert!(
        opener.iter().any(|t| t.ends_with("WEEKLY 뉴스")),
        "{opener:?}"
    );
    assert!(
        !opener
            .iter()
            .any(|t| t == "WEEKLY 뉴스" || t == "주간 창업 313 편"),
        "{opener:?}"
    );
    assert!(find(&doc, 3, "주간 창업 313 편").is_some());
    assert_eq!(doc.pages[2].folio, Some(1), "the opener keeps its folio");
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

/// Every text line's (text, x, y) on every page.
fn all_lines(doc: &Document) -> Vec<(usize, String, f32, f32)> {
    (0..doc.pages.len())
        .flat_map(|p| texts(doc, p).into_iter().map(move |(t, x, y)| (p, t, x, y)))
        .collect()
}

#[test]
fn a_long_title_hangs_after_its_number_in_the_body_and_the_contents() {
    let title = "베이징시 경제정보화국, 2023년 디지털경제 표준도시 건설 실행방안과 데이터 요소 시장 육성 계획 발표";
    let issue = GOOD.replace("## 베이징시, 충전소 확대", &format!("## {title}"));
    let doc = layout(&issue, DEFAULT_TEMPLATE).value;
    let lines = all_lines(&doc);
    for page in [1usize, 2] {
        // The number, the title's first line and its second line.
        let on: Vec<&(usize, String, f32, f32)> = lines.iter().filter(|l| l.0 == page).collect();
        let number = on.iter().find(|l| l.1.starts_with("1.")).expect("number");
        let first = on
            .iter()
            .find(|l| l.1.starts_with("베이징시 경제정보화국"))
            .expect("title");
        let second = on
            .iter()
            .find(|l| (l.3 - first.3) > 5.0 && title.contains(l.1.trim()) && l.1.len() > 6)
            .expect("a second title line");
        assert!(
            first.2 > number.2 + 5.0,
            "the title starts after the number"
        );
        assert!(
            (second.2 - first.2).abs() < 0.01,
            "page {page}: {first:?} / {second:?}"
        );
    }
}

#[test]
fn an_editor_s_note_is_one_tinted_rectangle_with_straight_edges() {
    let note = "> 용어 편집자 주: 첫째 줄이 길어서 여러 줄로 넘어가는 설명입니다. ".to_string()
        + &"설명이 계속됩니다. ".repeat(30);
    let issue = GOOD.replace("## 행사\n\n본문.", &format!("## 행사\n\n본문.\n\n{note}"));
    let doc = layout(&issue, DEFAULT_TEMPLATE).value;
    let tint = kicweekly::template::Color::rgb([0xee, 0xf2, 0xf7]);
    let bands: Vec<(f32, f32, f32, f32)> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Rect { x, y, w, h, color } if *color == tint => Some((*x, *y, *w, *h)),
            _ => None,
        })
        .collect();
    assert_eq!(bands.len(), 1, "{bands:?}");
    let (x, _, w, h) = bands[0];
    assert!(h > 30.0, "the band covers the lines: {bands:?}");
    // Its edges are the column's.
    let mm = kicweekly::layout::MM;
    assert!((x - 22.0 * mm).abs() < 0.01 && (x + w - (210.0 - 22.0) * mm).abs() < 0.01);
}

#[test]
fn an_article_with_no_text_is_an_error_at_its_title() {
    let issue = GOOD.replace("## 행사\n\n본문.", "## 행사\n\n## 다음 기사\n\n본문.");
    let mut files = SourceFiles::default();
    let t = files.add("t.yaml".into(), DEFAULT_TEMPLATE.into());
    let template = Template::parse(&files, t).unwrap();
    let file = files.add("issues/313/issue.md".into(), issue);
    let d = kicweekly::source::parse(&files, file, &template).expect_err("an error");
    let d =
        d.0.iter()
            .find(|d| d.message.contains("has no text"))
            .expect("reported");
    assert_eq!(d.message, "the article `행사` has no text");
    assert_eq!(d.span.unwrap().line, 31);
}

#[test]
fn no_page_ends_with_a_heading_or_a_heading_and_its_picture() {
    let after = "이어지는 본문은 세 줄 이상이 되도록 충분히 길게 쓴다. ".repeat(8);
    // Move the sub-head down the page a line at a time.
    for k in 20..60 {
        let filler: String = (0..k).map(|i| format!("짧은 문단 {i}.\n\n")).collect();
        let body = format!("{filler}### 1) 시장 동향\n\n사진: 출처: 시험\n\n{after}");
        let issue = GOOD.replace(
            "## 베이징시, 충전소 확대\n\n본문.",
            &format!("## 베이징시, 충전소 확대\n\n{body}"),
        );
        let doc = layout(&issue, DEFAULT_TEMPLATE).value;
        let page = (0..doc.pages.len())
            .find(|&p| find(&doc, p, "1) 시장 동향").is_some())
            .expect("the sub-head is set");
        let lines: Vec<String> = texts(&doc, page).into_iter().map(|t| t.0).collect();
        let at = lines.iter().position(|t| t == "1) 시장 동향").unwrap();
        let rest = &lines[at + 1..];
        assert!(
            rest.iter().any(|t| t.starts_with("사진 1)")),
            "k={k}: the picture left its heading: {rest:?}"
        );
        assert!(
            rest.iter().filter(|t| t.starts_with("이어지는")).count() >= 1
                && rest.iter().filter(|t| t.contains("충분히")).count() >= 2,
            "k={k}: fewer than two lines of text under the heading: {rest:?}"
        );
    }
}

#[test]
fn contents_leaders_end_on_one_x_and_numbers_stand_in_a_column() {
    // Corpus issue 902: 36 articles, two contents pages, folios 1 to 15.
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = SourceFiles::default();
    let project = kicweekly::project::Project::open(root, None, &mut files).unwrap();
    let (issue, _) = project.load_issue(902, &mut files).unwrap();
    let doc = kicweekly::layout::layout(&issue.value, &project.template, book()).value;
    let first_body = doc.pages.iter().position(|p| p.folio.is_some()).unwrap();
    let (mut leaders, mut numbers) = (vec![], vec![]);
    for page in &doc.pages[1..first_body] {
        for item in &page.items {
            let Item::Text(l) = item else { continue };
            let w: f32 = l
                .runs
                .iter()
                .flat_map(|r| &r.glyphs)
                .map(|g| g.advance)
                .sum();
            let text = l.shown();
            if !text.is_empty() && text.chars().all(|c| c == '.' || c == ' ') {
                leaders.push((l.x + w, text.matches('.').count()));
            } else if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
                numbers.push((l.x + w, text.len()));
            }
        }
    }
    assert_eq!(leaders.len(), 36, "one leader per article");
    assert_eq!(numbers.len(), 36);
    assert!(
        numbers.iter().any(|n| n.1 == 2),
        "two-digit page numbers are there"
    );
    for (end, dots) in &leaders {
        assert!(
            (end - leaders[0].0).abs() < 0.01,
            "leaders end at {end} and {}",
            leaders[0].0
        );
        assert!(*dots >= 3, "at least three dots, not {dots}");
    }
    for (end, _) in &numbers {
        assert!(
            (end - numbers[0].0).abs() < 0.01,
            "numbers end at {end} and {}",
            numbers[0].0
        );
    }
}

#[test]
fn a_heading_that_wraps_wraps_evenly() {
    // At full measure this title would fill a line and leave one word.
    let title = "베이징시 경제정보화국, 2023년 디지털경제 표준도시 건설 실행방안과 데이터 요소 시장 육성 계획을 발표";
    let issue = GOOD.replace("## 베이징시, 충전소 확대", &format!("## {title}"));
    let doc = layout(&issue, DEFAULT_TEMPLATE).value;
    let widths: Vec<f32> = doc.pages[2]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(l) if title.contains(l.shown().trim()) && l.shown().len() > 10 => Some(
                l.runs
                    .iter()
                    .flat_map(|r| &r.glyphs)
                    .map(|g| g.advance)
                    .sum(),
            ),
            _ => None,
        })
        .collect();
    assert_eq!(widths.len(), 2, "{widths:?}");
    let (a, b) = (widths[0], widths[1]);
    assert!(b > 0.6 * a, "the last line is not a runt: {widths:?}");
}

/// Every corpus issue laid out with `template` (YAML text).
fn corpus_with(template: &str) -> Vec<(u32, Document)> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = SourceFiles::default();
    let t = files.add("t.yaml".into(), template.into());
    let template = Template::parse(&files, t).unwrap();
    let project = kicweekly::project::Project::open(root.clone(), None, &mut files).unwrap();
    let mut numbers: Vec<u32> = std::fs::read_dir(root.join("issues"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.parse().ok())
        .collect();
    numbers.sort();
    numbers
        .into_iter()
        .map(|n| {
            let (issue, _) = project
                .load_issue(n, &mut files)
                .expect("corpus issue loads");
            (
                n,
                kicweekly::layout::layout(&issue.value, &template, book()).value,
            )
        })
        .collect()
}

#[test]
fn the_magazine_template_sets_captions_notes_and_sources_in_the_side_column() {
    let magazine = include_str!("../templates/magazine.yaml");
    let mm = kicweekly::layout::MM;
    // Text block 18..196 mm; main column 134 mm; side column the last 38.
    let (left, side_x, right) = (18.0 * mm, (18.0 + 134.0 + 6.0) * mm, (210.0 - 14.0) * mm);
    let mut side_lines = 0;
    for (n, doc) in corpus_with(magazine) {
        let first_body = doc.pages.iter().position(|p| p.folio.is_some()).unwrap();
        for (pi, page) in doc.pages.iter().enumerate().skip(first_body) {
            if page.folio.is_none() {
                continue; // the back cover
            }
            let mut side: Vec<(f32, f32, f32)> = vec![];
            for item in &page.items {
                let Item::Text(l) = item else { continue };
                // The text block, 25 mm from the top and 24 from the foot.
                if l.y < 25.0 * mm || l.y > (297.0 - 24.0) * mm {
                    continue;
                }
                let w: f32 = l
                    .runs
                    .iter()
                    .flat_map(|r| &r.glyphs)
                    .map(|g| g.advance)
                    .sum();
                let text = l.shown();
                assert!(
                    l.x + w <= right + 0.5,
                    "{n} p{pi}: `{text}` passes the text block"
                );
                let small = l.runs.iter().all(|r| r.size <= 7.6);
                if l.x >= side_x - 0.5 {
                    assert!(small, "{n} p{pi}: body text `{text}` in the side column");
                    side_lines += 1;
                    side.push((l.y, l.x, l.x + w));
                } else if !small {
                    assert!(
                        l.x + w <= side_x - 6.0 * mm + 0.5,
                        "{n} p{pi}: `{text}` runs into the side column"
                    );
                    assert!(l.x >= left - 0.5);
                }
            }
            // Side lines never sit on top of each other (a source list's
            // label shares its first item's baseline, beside it).
            for (i, a) in side.iter().enumerate() {
                for b in &side[i + 1..] {
                    let apart = (a.0 - b.0).abs() > 5.0 || a.2 <= b.1 + 0.5 || b.2 <= a.1 + 0.5;
                    assert!(apart, "{n} p{pi}: side lines overlap: {a:?} {b:?}");
                }
            }
        }
    }
    assert!(side_lines > 100, "{side_lines} lines in side columns");
}

#[test]
fn a_caption_without_a_picture_is_a_caption_line_without_a_rule() {
    let issue = GOOD.replace(
        "## 행사\n\n본문.",
        "## 행사\n\n본문.\n\n사진: 출처: 어느 기관",
    );
    let doc = layout(&issue, DEFAULT_TEMPLATE).value;
    let page = (0..doc.pages.len())
        .find(|&p| texts(&doc, p).iter().any(|t| t.0.starts_with("사진 1)")))
        .expect("the caption is set");
    let rule = kicweekly::template::Color::rgb([0x9a, 0xa7, 0xb8]);
    let thin_rules = doc.pages[page]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { h, color, .. } if *h < 1.0 && *color == rule))
        .count();
    // The running head's rule and the article title's rule only.
    assert!(
        thin_rules <= 2,
        "{thin_rules} thin rules on the caption's page"
    );
}

#[test]
fn list_markers_end_one_gap_before_their_text() {
    let list: String = (1..=12).map(|i| format!("{i}. 항목 {i}\n")).collect();
    let issue = GOOD.replace(
        "## 행사\n\n본문.",
        &format!("## 행사\n\n- 글머리 항목\n- 둘째\n\n1) 원문자 항목\n2) 둘째\n\n{list}"),
    );
    let doc = layout(&issue, DEFAULT_TEMPLATE).value;
    let lines = all_lines(&doc);
    let end_of = |text: &str| -> f32 {
        for page in &doc.pages {
            for item in &page.items {
                if let Item::Text(l) = item
                    && l.shown() == text
                {
                    return l.x
                        + l.runs
                            .iter()
                            .flat_map(|r| &r.glyphs)
                            .map(|g| g.advance)
                            .sum::<f32>();
                }
            }
        }
        panic!("{text} not set: {lines:?}");
    };
    let start_of = |text: &str| lines.iter().find(|l| l.1 == text).unwrap().2;
    let gap = start_of("글머리 항목") - end_of("•");
    assert!((gap - 3.5).abs() < 0.01, "0.35 em at 10 pt, not {gap}");
    for (marker, text) in [("①", "원문자 항목"), ("9.", "항목 9"), ("10.", "항목 10")] {
        let g = start_of(text) - end_of(marker);
        assert!((g - gap).abs() < 0.01, "{marker}: {g} vs {gap}");
    }
}
