//! The source format (docs/format.md), construct by construct: each test
//! parses a small issue and checks what an editor would check in the model,
//! or the exact place and message of the error. The last tests parse the
//! examples of docs/format.md itself, so the documentation cannot drift
//! from the parser.

use std::path::Path;
use std::time::{Duration, Instant};

use kicweekly::diag::{Diagnostics, SourceFiles, Warned};
use kicweekly::model::{
    Block, BlockKind, ColumnAlign, Figure, FigureKind, Inline, Issue, List, ListStyle, plain_text,
};
use kicweekly::template::{DEFAULT_TEMPLATE, Template};

// ---------------------------------------------------------------------------
// Helpers

/// The smallest valid front matter: lines 1 to 15.
const FRONT: &str = "\
---
number: 313
date: 2023-01-25
title: 주간 창업
publisher:
  name: KIC 중국
  organization: 글로벌혁신센터
  director: 김종문
  phone: \"+86-010-6780-8840\"
  email: info@kicchina.org
copyright: 저작권은 KIC 중국에 있습니다.
back_cover:
  title: 주간 중국 창업
  subscribe: \"구독방법: 공식메일로 신청\"
---
";

/// The three parts of the default template with one article each.
const PARTS: &str = "
# WEEKLY 뉴스

## 하나

본문.

# CHINA 창업

## 둘

본문.

# KIC 중국 뉴스

## 셋

본문.
";

/// Line of the first article's title in [`with_article`], and of the first
/// line given to [`with_weekly`].
const TITLE: u32 = 19;
/// Line of the first line of the body given to [`with_article`].
const BODY: u32 = 21;

/// An issue whose first part, WEEKLY 뉴스, holds `weekly` (starting on line
/// [`TITLE`]); the two other parts have one short article each.
fn with_weekly(weekly: &str) -> String {
    format!(
        "{FRONT}\n# WEEKLY 뉴스\n\n{weekly}\n\n# CHINA 창업\n\n## 둘\n\n본문.\n\n\
         # KIC 중국 뉴스\n\n## 셋\n\n본문.\n"
    )
}

/// An issue whose first article (`## 제목`) has `body` (starting on line
/// [`BODY`]).
fn with_article(body: &str) -> String {
    with_weekly(&format!("## 제목\n\n{body}"))
}

fn parse(src: &str) -> Result<Warned<Issue>, Diagnostics> {
    let mut files = SourceFiles::default();
    let t = files.add("templates/kicweekly.yaml".into(), DEFAULT_TEMPLATE.into());
    let template = Template::parse(&files, t).expect("the default template parses");
    let file = files.add(Path::new("issues/313/issue.md").into(), src.to_string());
    kicweekly::source::parse(&files, file, &template)
}

fn render(diags: &Diagnostics) -> String {
    diags
        .0
        .iter()
        .map(|d| {
            let (line, col) = d.span.map_or((0, 0), |s| (s.line, s.col));
            format!(
                "{line}:{col}: {:?}: {} ({})\n",
                d.severity, d.message, d.label
            )
        })
        .collect()
}

/// Parses, expecting success; warnings are returned.
fn parse_ok(src: &str) -> Warned<Issue> {
    match parse(src) {
        Ok(w) => w,
        Err(d) => panic!("expected the issue to parse, got:\n{}", render(&d)),
    }
}

/// Parses, expecting success without warnings.
fn issue(src: &str) -> Issue {
    let w = parse_ok(src);
    assert!(
        w.warnings.is_empty(),
        "unexpected warnings:\n{}",
        render(&w.warnings)
    );
    w.value
}

/// The blocks of the first article of [`with_article`]`(body)`.
fn blocks(body: &str) -> Vec<Block> {
    let mut issue = issue(&with_article(body));
    std::mem::take(&mut issue.parts[0].articles[0].blocks)
}

/// The one block of [`with_article`]`(body)`.
fn block(body: &str) -> BlockKind {
    let mut b = blocks(body);
    assert_eq!(b.len(), 1, "expected one block, got {b:#?}");
    b.remove(0).kind
}

/// Asserts that `src` fails with exactly these errors, in order of place:
/// (line, column, part of the message).
#[track_caller]
fn assert_errors(src: &str, expected: &[(u32, u32, &str)]) {
    let diags = match parse(src) {
        Ok(_) => panic!("expected errors {expected:?}, but it parsed"),
        Err(d) => d,
    };
    let errors: Vec<(u32, u32, &str)> = diags
        .errors()
        .map(|d| {
            let s = d.span.expect("located");
            (s.line, s.col, d.message.as_str())
        })
        .collect();
    let matches = errors.len() == expected.len()
        && errors
            .iter()
            .zip(expected)
            .all(|(got, want)| got.0 == want.0 && got.1 == want.1 && got.2.contains(want.2));
    assert!(
        matches,
        "expected errors {expected:?}, got:\n{}",
        render(&diags)
    );
}

/// Inlines written out so a test can compare them as one string: text as
/// is, `Strong(…)`, `Emphasis(…)`, `Link(url|…)`, `⏎` for a line break.
fn show(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.clone(),
            Inline::Strong { children, .. } => format!("Strong({})", show(children)),
            Inline::Emphasis { children, .. } => format!("Emphasis({})", show(children)),
            Inline::Link { url, children, .. } => format!("Link({url}|{})", show(children)),
            Inline::LineBreak { .. } => "⏎".to_string(),
        })
        .collect()
}

/// The content of a paragraph block.
fn paragraph(kind: &BlockKind) -> &[Inline] {
    match kind {
        BlockKind::Paragraph { content } => content,
        other => panic!("expected a paragraph, got {other:#?}"),
    }
}

fn list(kind: &BlockKind) -> &List {
    match kind {
        BlockKind::List(l) => l,
        other => panic!("expected a list, got {other:#?}"),
    }
}

fn figure(kind: &BlockKind) -> &Figure {
    match kind {
        BlockKind::Figure(f) => f,
        other => panic!("expected a figure, got {other:#?}"),
    }
}

/// A block's type and text in one line, for comparing whole articles.
fn outline(b: &Block) -> String {
    match &b.kind {
        BlockKind::Subhead { level, content } => format!("Subhead{level} {}", show(content)),
        BlockKind::Paragraph { content } => format!("Paragraph {}", show(content)),
        BlockKind::Attribution { content } => format!("Attribution {}", show(content)),
        BlockKind::List(l) => format!("List {:?} from {}", l.style, l.start),
        BlockKind::Figure(f) => format!(
            "Figure {} {}{} {}",
            f.kind.label(),
            f.number,
            f.image
                .as_ref()
                .map_or(String::new(), |i| format!(" [{}]({})", i.alt, i.path)),
            show(&f.caption)
        ),
        BlockKind::Table(t) => match &t.caption {
            Some((n, cap)) => format!(
                "Table {}x{} 표 {n} {}",
                t.rows.len(),
                t.header.len(),
                show(cap)
            ),
            None => format!("Table {}x{}", t.rows.len(), t.header.len()),
        },
        BlockKind::EditorNote { paragraphs } => format!("EditorNote {}", paragraphs.len()),
        BlockKind::Sources { items, numbered } => {
            format!("Sources numbered={numbered} {}", items.len())
        }
    }
}

fn outlines(blocks: &[Block]) -> Vec<String> {
    blocks.iter().map(outline).collect()
}

/// An item's blocks as outlines, nested lists written out.
fn items(l: &List) -> Vec<Vec<String>> {
    l.items
        .iter()
        .map(|item| {
            item.blocks
                .iter()
                .map(|b| match &b.kind {
                    BlockKind::List(inner) => format!("{} {:?}", outline(b), items(inner)),
                    _ => outline(b),
                })
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Front matter

#[test]
fn every_front_matter_field_lands_in_the_model() {
    let front = "\
---
number: 313
date: 2023-01-25
title: 주간 창업
publisher:
  name: KIC 중국
  organization: 글로벌혁신센터
  organization_en: CHINA Korea Innovation Center
  director: 김종문
  phone: \"+86-010-6780-8840\"
  email: info@kicchina.org
copyright: 저작권은 KIC 중국에 있습니다.
back_cover:
  title: 주간 중국 창업
  subscribe: \"구독방법: 공식메일로 신청\"
  links:
    - label: 네이버 블로그
      url: https://blog.naver.com/kicchina
    - label: 위챗 공식계정
  note: 블로그에서도 열람 가능합니다.
---
";
    let f = issue(&format!("{front}{PARTS}")).front;
    assert_eq!(f.number, 313);
    assert_eq!((f.span.line, f.span.col), (2, 9), "number is located");
    assert_eq!((f.date.year, f.date.month, f.date.day), (2023, 1, 25));
    assert_eq!(f.title, "주간 창업");
    assert_eq!(f.publisher.name, "KIC 중국");
    assert_eq!(f.publisher.organization, "글로벌혁신센터");
    assert_eq!(
        f.publisher.organization_en.as_deref(),
        Some("CHINA Korea Innovation Center")
    );
    assert_eq!(f.publisher.director, "김종문");
    assert_eq!(f.publisher.phone, "+86-010-6780-8840");
    assert_eq!(f.publisher.email, "info@kicchina.org");
    assert_eq!(f.copyright, "저작권은 KIC 중국에 있습니다.");
    assert_eq!(f.back_cover.title, "주간 중국 창업");
    assert_eq!(f.back_cover.subscribe, "구독방법: 공식메일로 신청");
    let links: Vec<_> = f
        .back_cover
        .links
        .iter()
        .map(|l| (l.label.as_str(), l.url.as_deref()))
        .collect();
    assert_eq!(
        links,
        [
            ("네이버 블로그", Some("https://blog.naver.com/kicchina")),
            ("위챗 공식계정", None)
        ]
    );
    assert_eq!(
        f.back_cover.note.as_deref(),
        Some("블로그에서도 열람 가능합니다.")
    );
}

#[test]
fn optional_front_matter_fields_may_be_absent() {
    let f = issue(&format!("{FRONT}{PARTS}")).front;
    assert_eq!(f.publisher.organization_en, None);
    assert!(f.back_cover.links.is_empty());
    assert_eq!(f.back_cover.note, None);
}

#[test]
fn the_date_is_printed_with_dots() {
    let f = issue(&format!("{FRONT}{PARTS}")).front;
    assert_eq!(f.date.to_string(), "2023.01.25");
}

#[test]
fn a_day_that_does_not_exist_is_located_at_the_value() {
    let src = format!("{FRONT}{PARTS}").replace("2023-01-25", "2023-02-30");
    assert_errors(&src, &[(3, 7, "invalid date")]);
    let d = parse(&src).unwrap_err();
    let span = d.0[0].span.unwrap();
    assert_eq!(&src[span.start..span.end], "2023-02-30");
    assert!(d.0[0].label.contains("`2023-02-30` is not a date"));
    // The 29th of February exists in a leap year only.
    let leap = format!("{FRONT}{PARTS}").replace("2023-01-25", "2024-02-29");
    assert_eq!(issue(&leap).front.date.to_string(), "2024.02.29");
}

#[test]
fn an_unknown_field_is_rejected_where_it_is() {
    let top = format!("{FRONT}{PARTS}")
        .replace("title: 주간 창업\n", "title: 주간 창업\nsubtitle: 부제\n");
    assert_errors(&top, &[(5, 1, "unknown field `subtitle`")]);
    let nested = format!("{FRONT}{PARTS}")
        .replace("  director: 김종문\n", "  director: 김종문\n  fax: 1234\n");
    assert_errors(&nested, &[(9, 3, "unknown field `fax`")]);
}

#[test]
fn a_missing_required_field_is_an_error() {
    let src = format!("{FRONT}{PARTS}").replace("title: 주간 창업\n", "");
    let d = parse(&src).unwrap_err();
    assert!(
        d.errors()
            .any(|d| d.message == "the front matter has no `title`"),
        "{}",
        render(&d)
    );
}

/// Billion-laughs bombs in real fields are refused at once, never
/// expanded: by the field types (a title is not a list) or, for a field
/// of the right type, by the YAML alias limit.
#[test]
fn a_yaml_alias_bomb_in_a_real_field_is_rejected_quickly() {
    let lols = "[lol,lol,lol,lol,lol,lol,lol,lol,lol]";
    let mut nest = format!("&a {lols}");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        nest.push_str(&format!(", &{} [{refs}]", w[1]));
    }
    // Anchors nested in one field, the last one aliased by `title`.
    let aliased = format!("{FRONT}{PARTS}").replace(
        "title: 주간 창업\n",
        &format!("copyright: &x [{nest}, *i]\ntitle: *x\n"),
    );
    let aliased = aliased.replacen("copyright: 저작권은 KIC 중국에 있습니다.\n", "", 1);
    // Anchors and the alias all inside `title`.
    let inside = format!("{FRONT}{PARTS}").replace(
        "title: 주간 창업\n",
        &format!("title: [{nest}, *i, *i, *i]\n"),
    );
    // A well-typed field made of thousands of aliases of one link.
    let links = format!(
        "  links: [&l {{label: 링크, url: \"https://x\"}}{}]\n",
        ", *l".repeat(5000)
    );
    let wide = format!("{FRONT}{PARTS}").replace(
        "  subscribe: \"구독방법: 공식메일로 신청\"\n",
        &format!("  subscribe: 구독\n{links}"),
    );
    assert!(wide.contains("*l, *l"));
    for (src, line) in [(aliased, 4), (inside, 4), (wide, 15)] {
        let started = Instant::now();
        let d = parse(&src).expect_err("a bomb is not an issue");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "took {:?}",
            started.elapsed()
        );
        let e = d.errors().next().expect("an error");
        assert!(
            e.message.starts_with("invalid front matter"),
            "{}",
            render(&d)
        );
        assert_eq!(e.span.unwrap().line, line, "{}", render(&d));
    }
}

// ---------------------------------------------------------------------------
// Parts and articles

#[test]
fn parts_come_in_template_order_and_articles_are_numbered_per_part() {
    let src = with_weekly("## 첫째\n\n본문.\n\n## 둘째\n\n본문.\n\n## 셋째\n\n본문.");
    let issue = issue(&src);
    let parts: Vec<_> = issue
        .parts
        .iter()
        .map(|p| {
            let numbers: Vec<u32> = p.articles.iter().map(|a| a.number).collect();
            (p.name.as_str(), p.index, numbers)
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("WEEKLY 뉴스", 0, vec![1, 2, 3]),
            ("CHINA 창업", 1, vec![1]),
            ("KIC 중국 뉴스", 2, vec![1]),
        ]
    );
    let titles: Vec<_> = issue.parts[0]
        .articles
        .iter()
        .map(|a| plain_text(&a.title))
        .collect();
    assert_eq!(titles, ["첫째", "둘째", "셋째"]);
    let p = &issue.parts[0];
    assert_eq!((p.span.line, p.span.col), (17, 3));
    let a = &p.articles[1];
    assert_eq!((a.span.line, a.span.col), (23, 1));
}

#[test]
fn the_category_tag_is_taken_out_of_the_title() {
    let src = with_weekly("## 【시장분석】 전망—2022 쥐량수안슈 연도 관찰 보고서 발표\n\n본문.");
    let a = &issue(&src).parts[0].articles[0];
    assert_eq!(a.category.as_deref(), Some("시장분석"));
    assert_eq!(show(&a.title), "전망—2022 쥐량수안슈 연도 관찰 보고서 발표");
    let plain = with_weekly("## 전망 보고서\n\n본문.");
    assert_eq!(issue(&plain).parts[0].articles[0].category, None);
}

#[test]
fn a_dash_paragraph_under_the_title_is_the_source() {
    let a = &issue(&with_article(
        "— 상하이시인민정부(上海市人民政府)사이트\n\n세계적 수준의 항공 도시를 건설하기 위해 …",
    ))
    .parts[0]
        .articles[0];
    assert_eq!(
        a.source.as_deref().map(show).as_deref(),
        Some("상하이시인민정부(上海市人民政府)사이트")
    );
    assert_eq!(
        outlines(&a.blocks),
        ["Paragraph 세계적 수준의 항공 도시를 건설하기 위해 …"]
    );
    // Without a space after the dash too.
    let a = &issue(&with_article("—신경보(新京报)\n\n본문.")).parts[0].articles[0];
    assert_eq!(
        a.source.as_deref().map(show).as_deref(),
        Some("신경보(新京报)")
    );
    // No dash, no source.
    let a = &issue(&with_article("본문.")).parts[0].articles[0];
    assert!(a.source.is_none());
}

#[test]
fn a_typed_article_number_is_a_warning() {
    let w = parse_ok(&with_weekly("## 1. 제목\n\n본문."));
    let warnings: Vec<_> = w
        .warnings
        .0
        .iter()
        .map(|d| {
            let s = d.span.unwrap();
            (s.line, s.col, d.message.as_str())
        })
        .collect();
    assert_eq!(
        warnings,
        [(TITLE, 4, "article titles are numbered automatically")]
    );
    assert_eq!(w.value.parts[0].articles[0].number, 1);
}

// ---------------------------------------------------------------------------
// Sub-heads and attributions

#[test]
fn sub_heads_keep_their_labels_and_take_an_attribution() {
    let b = blocks(
        "### 1) 주요 목표\n\n\
         #### ①R&D 혁신 역량 제고\n\n\
         ##### ①  BYD — 블레이드 배터리\n\n\
         —쉬빈(徐彬) 국가발전개혁위원회 부주임\n\n\
         본문 단락.\n\n\
         — 단락 뒤의 대시\n\n\
         - 항목\n\n\
         — 목록 뒤의 대시",
    );
    assert_eq!(
        outlines(&b),
        [
            "Subhead1 1) 주요 목표",
            // One word space after a circled number, whatever the source had.
            "Subhead2 ① R&D 혁신 역량 제고",
            "Subhead3 ① BYD — 블레이드 배터리",
            "Attribution 쉬빈(徐彬) 국가발전개혁위원회 부주임",
            "Paragraph 본문 단락.",
            "Paragraph — 단락 뒤의 대시",
            "List Bullet from 1",
            "Paragraph — 목록 뒤의 대시",
        ]
    );
    assert_eq!((b[0].span.line, b[0].span.col), (BODY, 1));
    assert_eq!((b[3].span.line, b[3].span.col), (BODY + 6, 1));
}

#[test]
fn only_the_first_dash_paragraph_after_a_sub_head_is_an_attribution() {
    let b = blocks("### 소제목\n\n— 첫째\n\n— 둘째");
    assert_eq!(
        outlines(&b),
        ["Subhead1 소제목", "Attribution 첫째", "Paragraph — 둘째"]
    );
}

// ---------------------------------------------------------------------------
// Paragraphs and inlines

#[test]
fn paragraphs_are_separated_by_blank_lines() {
    let b = blocks("첫 단락.\n\n둘째 단락.");
    assert_eq!(outlines(&b), ["Paragraph 첫 단락.", "Paragraph 둘째 단락."]);
    assert_eq!((b[1].span.line, b[1].span.col), (BODY + 2, 1));
}

#[test]
fn a_soft_line_break_is_a_space() {
    let b = block("첫 줄\n둘째 줄");
    let content = paragraph(&b);
    assert_eq!(content.len(), 1, "one text run: {content:#?}");
    assert_eq!(show(content), "첫 줄 둘째 줄");
}

#[test]
fn two_spaces_or_a_backslash_break_the_line() {
    for src in ["첫 줄  \n둘째 줄", "첫 줄\\\n둘째 줄"] {
        let b = block(src);
        let content = paragraph(&b);
        assert!(
            matches!(
                content,
                [
                    Inline::Text { .. },
                    Inline::LineBreak { .. },
                    Inline::Text { .. }
                ]
            ),
            "{src:?}: {content:#?}"
        );
        assert_eq!(show(content), "첫 줄⏎둘째 줄", "{src:?}");
        assert_eq!(content[2].span().line, BODY + 1);
    }
}

#[test]
fn bold_is_strong() {
    let b = block("**핵심 이점:** 비용 절감");
    let content = paragraph(&b);
    assert!(
        matches!(&content[0], Inline::Strong { children, .. } if show(children) == "핵심 이점:")
    );
    assert_eq!(show(content), "Strong(핵심 이점:) 비용 절감");
}

#[test]
fn emphasis_is_emphasis() {
    let b = block("이것은 *강조*이다");
    let content = paragraph(&b);
    assert!(matches!(&content[1], Inline::Emphasis { children, .. } if show(children) == "강조"));
    assert_eq!(show(content), "이것은 Emphasis(강조)이다");
    assert_eq!((content[1].span().line, content[1].span().col), (BODY, 5));
}

#[test]
fn links_and_autolinks() {
    let b = block("[www.ndrc.gov.cn](http://www.ndrc.gov.cn) 참조");
    let content = paragraph(&b);
    assert!(matches!(&content[0], Inline::Link { url, .. } if url == "http://www.ndrc.gov.cn"));
    assert_eq!(
        show(content),
        "Link(http://www.ndrc.gov.cn|www.ndrc.gov.cn) 참조"
    );

    let b = block("홈페이지 <https://www.kicchina.org> 참조");
    assert_eq!(
        show(paragraph(&b)),
        "홈페이지 Link(https://www.kicchina.org|https://www.kicchina.org) 참조"
    );
    let b = block("메일 <info@kicchina.org>");
    assert_eq!(
        show(paragraph(&b)),
        "메일 Link(mailto:info@kicchina.org|info@kicchina.org)"
    );
}

#[test]
fn an_escaped_asterisk_is_text() {
    let b = block("제 5 자유운수권\\*은 항공 자유");
    let content = paragraph(&b);
    assert_eq!(content.len(), 1, "one text run: {content:#?}");
    assert_eq!(show(content), "제 5 자유운수권*은 항공 자유");
}

/// Korean writes ranges with a tilde (2022~2023년); two in a paragraph
/// must stay text, not turn into (forbidden) strikethrough.
#[test]
fn tildes_in_ranges_are_text() {
    let b = block("2022~2023년과 2025~2028년에는 30%~50% 부족하다.");
    assert_eq!(
        show(paragraph(&b)),
        "2022~2023년과 2025~2028년에는 30%~50% 부족하다."
    );
}

// ---------------------------------------------------------------------------
// Lists

#[test]
fn bullet_lists_nest() {
    let b = block("- 가\n  - 나\n    - 다\n- 라");
    let l = list(&b);
    assert_eq!((l.style, l.start), (ListStyle::Bullet, 1));
    assert_eq!(
        items(l),
        [
            vec![
                "Paragraph 가".to_string(),
                r#"List Bullet from 1 [["Paragraph 나", "List Bullet from 1 [[\"Paragraph 다\"]]"]]"#
                    .to_string()
            ],
            vec!["Paragraph 라".to_string()],
        ]
    );
    assert_eq!((l.items[1].span.line, l.items[1].span.col), (BODY + 3, 1));
}

#[test]
fn dot_lists_are_numbered() {
    let b = block("1. 하나\n2. 둘");
    let l = list(&b);
    assert_eq!((l.style, l.start), (ListStyle::Numbered, 1));
    assert_eq!(items(l), [["Paragraph 하나"], ["Paragraph 둘"]]);
    let b = block("3. 셋\n4. 넷");
    assert_eq!((list(&b).style, list(&b).start), (ListStyle::Numbered, 3));
}

#[test]
fn parenthesis_lists_are_circled_with_their_start() {
    let b = block("1) 원\n2) 투");
    let l = list(&b);
    assert_eq!((l.style, l.start), (ListStyle::Circled, 1));
    assert_eq!(items(l), [["Paragraph 원"], ["Paragraph 투"]]);
    let b = block("3) 셋\n4) 넷");
    assert_eq!((list(&b).style, list(&b).start), (ListStyle::Circled, 3));
    // Nested under a bullet, too.
    let b = block("- 항목\n  1) 원\n  2) 투");
    let inner = list(&list(&b).items[0].blocks[1].kind);
    assert_eq!((inner.style, inner.start), (ListStyle::Circled, 1));
}

#[test]
fn tight_and_loose_lists_both_hold_paragraphs() {
    let tight = block("- 가 **굵게**\n- 나");
    let loose = block("- 가 **굵게**\n\n- 나");
    for b in [&tight, &loose] {
        assert_eq!(
            items(list(b)),
            [["Paragraph 가 Strong(굵게)"], ["Paragraph 나"]]
        );
    }
    let item = &list(&tight).items[0].blocks[0];
    assert_eq!((item.span.line, item.span.col), (BODY, 3));
}

#[test]
fn circled_lists_stop_at_twenty() {
    let long: Vec<String> = (1..=21).map(|i| format!("{i}) 항목")).collect();
    assert_errors(
        &with_article(&long.join("\n")),
        &[(BODY, 1, "circled lists go up to ⑳")],
    );
}

// ---------------------------------------------------------------------------
// Figures

#[test]
fn a_caption_alone_is_a_caption_only_photo() {
    let b = block("사진: 출처: 베이징일보(北京日报), 충전소 전경");
    let f = figure(&b);
    assert_eq!((f.kind, f.number), (FigureKind::Photo, 1));
    assert!(f.image.is_none());
    assert_eq!(show(&f.caption), "출처: 베이징일보(北京日报), 충전소 전경");
}

#[test]
fn an_image_and_its_caption_are_one_figure() {
    let b = block(
        "![차이나유니콤 총경리의 연설 장면](images/speech.jpg)\n\
         사진: 출처: PCPOP(泡泡网), 지아즈창 연설 장면",
    );
    let f = figure(&b);
    assert_eq!((f.kind, f.number), (FigureKind::Photo, 1));
    let img = f.image.as_ref().expect("an image");
    assert_eq!(img.path, "images/speech.jpg");
    assert_eq!(img.alt, "차이나유니콤 총경리의 연설 장면");
    assert_eq!((img.span.line, img.span.col), (BODY, 1));
    assert_eq!(show(&f.caption), "출처: PCPOP(泡泡网), 지아즈창 연설 장면");
    // A hard break between image and caption, and other extensions.
    for (src, path) in [
        ("![a](images/a.png)  \n사진: 캡션", "images/a.png"),
        ("![a](images/a.PNG)\\\n사진: 캡션", "images/a.PNG"),
        ("![a](images/sub/a.jpeg)\n사진: 캡션", "images/sub/a.jpeg"),
    ] {
        let b = block(src);
        assert_eq!(figure(&b).image.as_ref().unwrap().path, path, "{src:?}");
    }
}

#[test]
fn figures_are_numbered_per_article_and_kind() {
    let src = with_weekly(
        "## 첫째\n\n\
         사진: 하나\n\n\
         ![b](images/b.png)\n사진: 둘\n\n\
         표: 셋\n\n\
         사진: 넷\n\n\
         ## 둘째\n\n\
         표: 다섯\n\n\
         사진: 여섯",
    );
    let issue = issue(&src);
    let arts = &issue.parts[0].articles;
    assert_eq!(
        outlines(&arts[0].blocks),
        [
            "Figure 사진 1 하나",
            "Figure 사진 2 [b](images/b.png) 둘",
            "Figure 표 1 셋",
            "Figure 사진 3 넷",
        ]
    );
    assert_eq!(
        outlines(&arts[1].blocks),
        ["Figure 표 1 다섯", "Figure 사진 1 여섯"]
    );
}

#[test]
fn figure_images_must_be_in_the_images_folder() {
    for path in [
        "../x.png",
        "/abs.png",
        "http://example.com/x.png",
        "images/../x.png",
        "./images/x.png",
        "x.png",
        "images\\x.png",
    ] {
        assert_errors(
            &with_article(&format!("본문.\n\n![설명]({path})\n사진: 캡션")),
            &[(BODY + 2, 1, "is not in the issue's images/ folder")],
        );
    }
}

#[test]
fn a_figure_image_needs_a_caption() {
    for src in [
        "![설명](images/x.png)",
        "![설명](images/x.png)\n그냥 글",
        "![설명](images/x.png)\n\n사진: 빈 줄 뒤의 캡션",
    ] {
        let src = with_article(&format!("본문.\n\n{src}"));
        assert_errors(&src, &[(BODY + 2, 1, "a picture needs a caption")]);
    }
}

#[test]
fn figure_images_are_png_jpeg_gif_webp_or_svg() {
    for ext in ["pdf", "tiff", "heic", "bmp"] {
        assert_errors(
            &with_article(&format!("![설명](images/x.{ext})\n사진: 캡션")),
            &[(BODY, 1, "is not a PNG, JPEG, GIF, WebP or SVG picture")],
        );
    }
    for ext in ["png", "JPG", "jpeg", "gif", "webp", "svg", "svgz"] {
        let src = with_article(&format!("![설명](images/x.{ext})\n사진: 캡션"));
        if let Err(d) = parse(&src) {
            panic!("images/x.{ext} is refused:\n{}", render(&d));
        }
    }
}

#[test]
fn a_picture_inside_text_is_an_error() {
    assert_errors(
        &with_article("글 속의 ![설명](images/x.png) 사진"),
        &[(BODY, 6, "picture inside text")],
    );
}

// ---------------------------------------------------------------------------
// Tables

#[test]
fn a_table_with_its_caption() {
    let b = blocks(
        "| 구분 | NCM | LFP |\n\
         |:---|:---:|---:|\n\
         | 에너지 밀도 | **높음** | 낮음 |\n\
         | 가격 | 비쌈 | 저렴 |\n\
         \n\
         표: 출처: LG 에너지솔루션",
    );
    assert_eq!(b.len(), 1, "the caption belongs to the table: {b:#?}");
    let BlockKind::Table(t) = &b[0].kind else {
        panic!("expected a table, got {b:#?}")
    };
    assert_eq!(
        t.align,
        [ColumnAlign::Left, ColumnAlign::Center, ColumnAlign::Right]
    );
    let row = |cells: &[kicweekly::model::Cell]| -> Vec<String> {
        cells.iter().map(|c| show(&c.content)).collect()
    };
    assert_eq!(row(&t.header), ["구분", "NCM", "LFP"]);
    let rows: Vec<_> = t.rows.iter().map(|r| row(r)).collect();
    assert_eq!(
        rows,
        [
            ["에너지 밀도", "Strong(높음)", "낮음"],
            ["가격", "비쌈", "저렴"]
        ]
    );
    let (n, cap) = t.caption.as_ref().expect("a caption");
    assert_eq!((*n, show(cap).as_str()), (1, "출처: LG 에너지솔루션"));
    let c = &t.rows[1][1];
    // A cell starts after its pipe.
    assert_eq!((c.span.line, c.span.col), (BODY + 3, 7));
    assert_eq!((b[0].span.line, b[0].span.col), (BODY, 1));
}

#[test]
fn a_table_without_alignment_or_caption() {
    let b = blocks("| a | b |\n|---|---|\n| 1 | 2 |\n\n그 다음 단락.");
    assert_eq!(outlines(&b), ["Table 1x2", "Paragraph 그 다음 단락."]);
    let BlockKind::Table(t) = &b[0].kind else {
        unreachable!()
    };
    assert_eq!(t.align, [ColumnAlign::None, ColumnAlign::None]);
}

/// GFM reads a line without pipes right under a table as one more row;
/// a `표:` line there is the caption all the same.
#[test]
fn a_caption_right_under_the_last_row_is_the_caption() {
    let b = blocks("| a | b |\n|---|---|\n| 1 | 2 |\n표: 바로 붙은 캡션\n\n표: 다음 표");
    assert_eq!(
        outlines(&b),
        ["Table 1x2 표 1 바로 붙은 캡션", "Figure 표 2 다음 표"]
    );
}

#[test]
fn table_captions_share_numbers_with_table_figures() {
    let b = blocks(
        "표: 그림으로 된 표\n\n\
         | a | b |\n|---|---|\n| 1 | 2 |\n\n\
         표: 진짜 표\n\n\
         | c |\n|---|\n| 3 |\n\n\
         사진: 사진은 따로\n\n\
         표: 다시 그림",
    );
    assert_eq!(
        outlines(&b),
        [
            "Figure 표 1 그림으로 된 표",
            "Table 1x2 표 2 진짜 표",
            "Table 1x1",
            "Figure 사진 1 사진은 따로",
            "Figure 표 3 다시 그림",
        ]
    );
}

// ---------------------------------------------------------------------------
// Editor's notes

#[test]
fn a_block_quote_is_an_editors_note() {
    let b = block(
        "> 제 5 자유운수권 편집자 주: 한 국가의 항공사가 상대국의 공항을 경유해 …\n\
         >\n\
         > **둘째** 문단.",
    );
    let BlockKind::EditorNote { paragraphs } = &b else {
        panic!("expected an editor's note, got {b:#?}")
    };
    let texts: Vec<_> = paragraphs.iter().map(|p| show(p)).collect();
    assert_eq!(
        texts,
        [
            "제 5 자유운수권 편집자 주: 한 국가의 항공사가 상대국의 공항을 경유해 …",
            "Strong(둘째) 문단."
        ]
    );
}

#[test]
fn an_editors_note_holds_only_paragraphs() {
    assert_errors(
        &with_article("> 용어 편집자 주: 설명\n>\n> - 목록"),
        &[(
            BODY + 2,
            3,
            "a list is not supported inside an editor's note",
        )],
    );
    assert_errors(
        &with_article("> ## 제목\n> 설명"),
        &[(
            BODY,
            3,
            "a heading is not supported inside an editor's note",
        )],
    );
    assert_errors(
        &with_article("> 제목\n> ---"),
        &[(
            BODY,
            3,
            "an underlined heading is not supported inside an editor's note",
        )],
    );
}

// ---------------------------------------------------------------------------
// Source lists

#[test]
fn sources_as_a_numbered_list() {
    let b = blocks(
        "본문.\n\n\
         출처:\n\
         1. 창업방(创业邦) 《远见——2022 巨量算数年度观察报告》重磅发布\n\
         2. 한경 IT·과학 \"요즘 마케팅은 *커뮤니티*부터\"",
    );
    assert_eq!(b.len(), 2, "{b:#?}");
    let BlockKind::Sources { items, numbered } = &b[1].kind else {
        panic!("expected sources, got {b:#?}")
    };
    assert!(numbered);
    let items: Vec<_> = items.iter().map(|i| show(i)).collect();
    assert_eq!(
        items,
        [
            "창업방(创业邦) 《远见——2022 巨量算数年度观察报告》重磅发布",
            "한경 IT·과학 “요즘 마케팅은 Emphasis(커뮤니티)부터”"
        ]
    );
    assert_eq!((b[1].span.line, b[1].span.col), (BODY + 2, 1));
}

#[test]
fn a_single_source_on_one_line() {
    let b = block("출처: 국가발전개혁위원회(国家发展和改革委员会)사이트");
    let BlockKind::Sources { items, numbered } = &b else {
        panic!("expected sources, got {b:#?}")
    };
    assert!(!numbered);
    let items: Vec<_> = items.iter().map(|i| show(i)).collect();
    assert_eq!(items, ["국가발전개혁위원회(国家发展和改革委员会)사이트"]);
}

/// A bold `**출처:**` label is the label, not part of the first source.
#[test]
fn a_bold_sources_label() {
    let b = block("**출처:** 국가발전개혁위원회");
    let BlockKind::Sources { items, numbered } = &b else {
        panic!("expected sources, got {b:#?}")
    };
    assert!(!numbered);
    let items: Vec<_> = items.iter().map(|i| show(i)).collect();
    assert_eq!(items, ["국가발전개혁위원회"]);
    let b = block("**출처:**\n1. 하나\n2. 둘");
    assert!(matches!(b, BlockKind::Sources { numbered: true, ref items } if items.len() == 2));
}

#[test]
fn sources_without_a_list_are_an_error() {
    for after in ["", "\n\n그냥 단락.", "\n- 글머리표 목록"] {
        assert_errors(
            &with_article(&format!("본문.\n\n출처:{after}")),
            &[(BODY + 2, 1, "`출처:` without sources")],
        );
    }
}

// ---------------------------------------------------------------------------
// What is not allowed, located

#[test]
fn inline_raw_html_is_an_error() {
    assert_errors(
        &with_article("글 <b>굵게</b> 글"),
        &[
            (BODY, 3, "raw HTML is not supported"),
            (BODY, 8, "raw HTML is not supported"),
        ],
    );
    assert_errors(
        &with_article("본문.\n\n줄<br>바꿈"),
        &[(BODY + 2, 2, "raw HTML is not supported")],
    );
}

#[test]
fn block_raw_html_is_an_error() {
    assert_errors(
        &with_article("본문.\n\n<div>\n블록\n</div>"),
        &[(BODY + 2, 1, "raw HTML is not supported")],
    );
    assert_errors(
        &with_article("본문.\n\n<!-- 메모 -->"),
        &[(BODY + 2, 1, "raw HTML is not supported")],
    );
}

#[test]
fn inline_code_is_an_error() {
    assert_errors(
        &with_article("글 `코드` 글"),
        &[(BODY, 3, "inline code is not supported")],
    );
}

#[test]
fn fenced_code_blocks_are_an_error() {
    assert_errors(
        &with_article("본문.\n\n```\n코드\n```"),
        &[(BODY + 2, 1, "a code block is not supported")],
    );
    assert_errors(
        &with_article("본문.\n\n~~~\n    들여쓴 코드\n~~~"),
        &[(BODY + 2, 1, "a code block is not supported")],
    );
}

#[test]
fn footnotes_are_an_error() {
    assert_errors(
        &with_article("본문[^1] 글.\n\n[^1]: 각주."),
        &[
            (BODY, 3, "a footnote reference is not supported"),
            (BODY + 2, 1, "a footnote is not supported"),
        ],
    );
}

/// Tildes are always text: Korean ranges (`월~금`, `~10%`) must never
/// turn into strikethrough, so `~~` is printed as typed.
#[test]
fn tildes_are_always_text() {
    let b = block("글 ~~취소~~ 글, ~가나~ 다");
    assert_eq!(show(paragraph(&b)), "글 ~~취소~~ 글, ~가나~ 다");
}

#[test]
fn task_lists_are_an_error() {
    assert_errors(
        &with_article("- [ ] 할 일\n- [x] 한 일"),
        &[
            (BODY, 3, "a task-list checkbox is not supported"),
            (BODY + 1, 3, "a task-list checkbox is not supported"),
        ],
    );
}

#[test]
fn a_horizontal_rule_is_an_error() {
    for rule in ["***", "---", "___"] {
        assert_errors(
            &with_article(&format!("앞.\n\n{rule}\n\n뒤.")),
            &[(BODY + 2, 1, "a horizontal rule is not supported")],
        );
    }
}

/// A `---` under a line of text would make it an article heading (and
/// `===` a part heading): only `#` headings are headings.
#[test]
fn underlined_headings_are_an_error() {
    for underline in ["---", "==="] {
        assert_errors(
            &with_article(&format!("본문.\n\n제목 같은 줄\n{underline}\n\n뒤.")),
            &[(BODY + 2, 1, "an underlined heading is not supported")],
        );
    }
}

#[test]
fn a_level_6_heading_is_an_error() {
    assert_errors(
        &with_article("본문.\n\n###### 너무 깊은 소제목"),
        &[(BODY + 2, 1, "level-6 heading is too deep")],
    );
}

#[test]
fn text_before_the_first_part_is_an_error() {
    let src = format!("{FRONT}\n머리말.\n{PARTS}");
    assert_errors(&src, &[(17, 1, "text before the first part")]);
}

#[test]
fn text_outside_an_article_is_an_error() {
    assert_errors(
        &with_weekly("파트 소개 글.\n\n## 제목\n\n본문."),
        &[(TITLE, 1, "text outside an article")],
    );
}

#[test]
fn a_tab_in_text_is_an_error() {
    assert_errors(
        &with_article("본문.\n\n글\t글"),
        &[(BODY + 2, 2, "control character (a tab) in text")],
    );
    assert_errors(
        &with_weekly("## 제목\t탭\n\n본문."),
        &[(TITLE, 6, "control character (a tab) in text")],
    );
}

#[test]
fn an_unclosed_category_tag_is_an_error() {
    assert_errors(
        &with_weekly("## 【시장분석 보고서\n\n본문."),
        &[(TITLE, 4, "unclosed category tag")],
    );
}

// ---------------------------------------------------------------------------
// docs/format.md, parsed

fn docs() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
        .expect("docs/format.md")
}

/// The fenced blocks of `doc` in the language `lang`, in order.
fn fenced(doc: &str, lang: &str) -> Vec<String> {
    let open = format!("```{lang}\n");
    let mut out = vec![];
    let mut rest = doc;
    while let Some(i) = rest.find(&open) {
        let body = &rest[i + open.len()..];
        let end = body.find("\n```").expect("a closed code block");
        out.push(body[..end + 1].to_string());
        rest = &body[end + 4..];
    }
    out
}

/// The `markdown` block under `heading`.
fn example_under(doc: &str, heading: &str) -> String {
    let at = doc.find(heading).unwrap_or_else(|| panic!("{heading:?}"));
    fenced(&doc[at..], "markdown")
        .into_iter()
        .next()
        .expect("an example")
}

#[test]
fn the_complete_example_in_the_docs_parses() {
    let example = example_under(&docs(), "## A complete small example");
    let issue = issue(&example);
    let s = issue.summary();
    assert_eq!(
        (s.parts, s.articles, s.figures, s.tables),
        (3, 3, 1, 1),
        "{s:?}"
    );
    assert_eq!(issue.front.number, 313);
    assert_eq!(issue.front.date.to_string(), "2023.01.25");
    assert_eq!(issue.front.back_cover.links.len(), 1);

    let [weekly, china, kic] = &issue.parts[..] else {
        panic!("three parts")
    };
    let a = &weekly.articles[0];
    assert_eq!(show(&a.title), "베이징시, 신에너지차 충전소 확대");
    assert_eq!(
        a.source.as_deref().map(show).as_deref(),
        Some("베이징일보(北京日报)")
    );
    assert_eq!(
        outlines(&a.blocks),
        [
            "Paragraph 베이징시는 2023년 충전소 Strong(1만 개)를 새로 짓는다.",
            "Figure 사진 1 출처: 베이징일보(北京日报), 충전소 전경",
            "Subhead1 1) 주요 내용",
            "List Bullet from 1",
            "EditorNote 1",
        ]
    );
    assert_eq!(
        items(list(&a.blocks[3].kind)),
        [
            vec![
                "Paragraph 공공 충전소 확대".to_string(),
                r#"List Bullet from 1 [["Paragraph 주거 단지 우선"]]"#.to_string()
            ],
            vec!["Paragraph 충전 요금 인하".to_string()],
        ]
    );

    let a = &china.articles[0];
    assert_eq!(a.category.as_deref(), Some("시장분석"));
    assert_eq!(show(&a.title), "2023 소비 트렌드 보고서");
    assert_eq!(
        outlines(&a.blocks),
        [
            "Table 1x3 표 1 출처: 창업방(创业邦)",
            "Sources numbered=true 2"
        ]
    );

    let a = &kic.articles[0];
    assert_eq!(
        outlines(&a.blocks),
        ["Paragraph 행사는 Link(https://www.kicchina.org|KIC 중국)이 주최했다."]
    );
}

#[test]
fn the_front_matter_example_in_the_docs_parses() {
    let doc = docs();
    let at = doc
        .find("## Front matter")
        .expect("the front matter section");
    let yaml = fenced(&doc[at..], "yaml")
        .into_iter()
        .next()
        .expect("a YAML example");
    assert!(
        yaml.starts_with("---\n") && yaml.ends_with("---\n"),
        "{yaml}"
    );
    let example = example_under(&doc, "## A complete small example");
    let body = &example[example[4..].find("\n---\n").expect("closing fence") + 9..];
    let f = issue(&format!("{yaml}{body}")).front;
    assert_eq!((f.number, f.date.to_string().as_str()), (313, "2023.01.25"));
    assert_eq!(f.title, "주간 창업");
    assert_eq!(f.publisher.director, "김종문");
    assert_eq!(f.publisher.phone, "+86-010-6780-8840");
    assert_eq!(
        f.publisher.organization_en.as_deref(),
        Some("CHINA Korea Innovation Center")
    );
    assert_eq!(
        f.copyright,
        "'주간 중국 창업'의 저작권은 'KIC 중국'에 있습니다. 출처 밝혀주시고 무한 활용하십시오."
    );
    assert_eq!(f.back_cover.links.len(), 2);
    assert_eq!(f.back_cover.links[1].url, None);
    assert!(f.back_cover.note.is_some());
}

/// Every other Markdown example of the docs is valid where it belongs: a
/// part example as the first part, the rest inside an article.
#[test]
fn every_markdown_snippet_in_the_docs_parses() {
    let doc = docs();
    let mut seen = vec![];
    for snippet in fenced(&doc, "markdown") {
        if snippet.starts_with("---\n") {
            continue; // the complete example, tested above
        }
        let src = if let Some(rest) = snippet.strip_prefix("# WEEKLY 뉴스\n") {
            with_weekly(rest.trim())
        } else {
            with_article(snippet.trim())
        };
        let issue = match parse(&src) {
            Ok(w) => w.value,
            Err(d) => panic!("docs example\n{snippet}\nfails:\n{}", render(&d)),
        };
        seen.extend(outlines(&issue.parts[0].articles[0].blocks));
    }
    let has = |prefix: &str| seen.iter().any(|s| s.starts_with(prefix));
    for kind in [
        "Paragraph",
        "Figure 사진 1 [",
        "Table 1x3 표 1",
        "EditorNote",
        "Sources numbered=true 2",
    ] {
        assert!(has(kind), "no docs example gave {kind:?}: {seen:#?}");
    }
}

#[test]
fn a_year_at_the_start_of_a_title_is_not_a_typed_number() {
    issue(&with_weekly("## 2023. 결산\n\n본문."));
    let w = parse_ok(&with_weekly("## 1. 제목\n\n본문."));
    assert_eq!(w.warnings.0.len(), 1);
    assert!(w.warnings.0[0].message.contains("numbered automatically"));
}

#[test]
fn an_empty_category_tag_is_an_error() {
    let d = parse(&with_weekly("## 【】 제목\n\n본문.")).expect_err("empty tag");
    let e = d.errors().next().unwrap();
    assert_eq!(e.message, "empty category tag");
    assert_eq!((e.span.unwrap().line, e.span.unwrap().col), (TITLE, 4));
}

#[test]
fn a_caption_line_without_a_caption_is_an_error() {
    let d = parse(&with_article("사진:")).expect_err("empty caption");
    let e = d.errors().next().unwrap();
    assert_eq!(e.message, "`사진:` without a caption");
    assert_eq!(e.span.unwrap().line, BODY);
}

// ---------------------------------------------------------------------------
// Text pasted from Word and web pages

/// The warnings of a valid issue: (line, column, message, label, hints).
fn warnings(src: &str) -> Vec<(u32, u32, String, String, Vec<String>)> {
    parse_ok(src)
        .warnings
        .0
        .into_iter()
        .map(|d| {
            let s = d.span.expect("located");
            (s.line, s.col, d.message, d.label, d.hints)
        })
        .collect()
}

/// U+2028 LINE SEPARATOR (Word's Shift+Enter) is a line break, like a
/// Markdown hard break, with no warning: nothing changes how it reads.
#[test]
fn a_line_separator_is_a_line_break() {
    let b = block("첫째 줄\u{2028}둘째 줄\u{2028}셋째 줄");
    let content = paragraph(&b);
    assert_eq!(show(content), "첫째 줄⏎둘째 줄⏎셋째 줄");
    assert!(matches!(content[1], Inline::LineBreak { .. }));
    // Each piece points at its own text.
    let s = content[2].span();
    assert_eq!((s.line, s.col, s.end - s.start), (BODY, 6, "둘째 줄".len()));
    // Inside bold text too.
    let b = block("**굵은\u{2028}글**");
    assert_eq!(show(paragraph(&b)), "Strong(굵은⏎글)");
}

/// A heading is one line: a line separator in it is a space, with a warning.
#[test]
fn a_line_separator_in_a_heading_is_a_space() {
    let src = with_weekly("## 제목\u{2028}부제\n\n### 1) 소\u{2028}제목\n\n본문.");
    let w = parse_ok(&src);
    let a = &w.value.parts[0].articles[0];
    assert_eq!(show(&a.title), "제목 부제");
    assert_eq!(outline(&a.blocks[0]), "Subhead1 1) 소 제목");
    let got = warnings(&src);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!((got[0].0, got[0].1), (TITLE, 6));
    assert_eq!((got[1].0, got[1].1), (TITLE + 2, 9));
    for (_, _, message, _, hints) in &got {
        assert!(message.contains("line break in a heading"), "{message}");
        assert!(!hints.is_empty());
    }
}

/// U+2029 PARAGRAPH SEPARATOR ends a paragraph, as a blank line does.
#[test]
fn a_paragraph_separator_starts_a_paragraph() {
    let b = blocks("첫 문단.\u{2029}둘째 문단.\u{2029}\u{2029}셋째.");
    assert_eq!(
        outlines(&b),
        [
            "Paragraph 첫 문단.",
            "Paragraph 둘째 문단.",
            "Paragraph 셋째."
        ]
    );
    assert_eq!((b[1].span.line, b[1].span.col), (BODY, 7));
    let s = paragraph(&b[1].kind)[0].span();
    assert_eq!((s.line, s.col), (BODY, 7));
}

/// A line that begins with a tab or four spaces (Word's first-line indent)
/// is a paragraph, not code: the indent is dropped with a warning, and
/// each indented line starts its own paragraph.
#[test]
fn an_indented_line_is_a_paragraph_with_a_warning() {
    for (indent, col) in [("\t", 2), ("    ", 5), ("   \t", 5), ("        ", 9)] {
        let src = with_article(&format!("본문.\n\n{indent}들여쓴 **문단**이다."));
        let w = parse_ok(&src);
        let b = &w.value.parts[0].articles[0].blocks;
        assert_eq!(
            outlines(b),
            ["Paragraph 본문.", "Paragraph 들여쓴 Strong(문단)이다."],
            "{indent:?}"
        );
        let text = paragraph(&b[1].kind)[0].span();
        assert_eq!((text.line, text.col), (BODY + 2, col), "{indent:?}");
        let got = warnings(&src);
        assert_eq!(got.len(), 1, "{got:#?}");
        let (line, c, message, _, hints) = &got[0];
        assert_eq!((*line, *c), (BODY + 2, 1), "{indent:?}");
        assert!(message.contains("indent"), "{message}");
        assert!(hints.iter().any(|h| h.contains("left edge")), "{hints:?}");
    }
    // Lines indented one after another: one paragraph each, one warning.
    let src = with_article("\t첫 문단.\n\t둘째 문단.\n\n\t셋째 문단.\n이어지는 줄.");
    let b = &parse_ok(&src).value.parts[0].articles[0].blocks;
    assert_eq!(
        outlines(b),
        [
            "Paragraph 첫 문단.",
            "Paragraph 둘째 문단.",
            "Paragraph 셋째 문단. 이어지는 줄."
        ]
    );
    assert_eq!((b[1].span.line, b[1].span.col), (BODY + 1, 2));
    assert_eq!(warnings(&src).len(), 1);
    // The source line under the title may be indented too.
    let src = with_weekly("## 제목\n\n\t— 신경보(新京报)\n\n\t본문.");
    let a = &parse_ok(&src).value.parts[0].articles[0];
    assert_eq!(show(a.source.as_ref().unwrap()), "신경보(新京报)");
    assert_eq!(outlines(&a.blocks), ["Paragraph 본문."]);
}

/// Inside a list item an over-indented paragraph stays in the item.
#[test]
fn an_indented_paragraph_in_a_list_item_stays_in_it() {
    let src = with_article("- 항목\n\n      들여쓴 문단.\n- 다음 항목");
    let b = parse_ok(&src).value.parts[0].articles[0].blocks.clone();
    assert_eq!(b.len(), 1, "{:#?}", outlines(&b));
    assert_eq!(
        items(list(&b[0].kind)),
        [
            vec!["Paragraph 항목", "Paragraph 들여쓴 문단."],
            vec!["Paragraph 다음 항목"]
        ]
    );
    assert_eq!(warnings(&src).len(), 1);
}

/// Word's bullets at the start of a line are list items: `•` lines used
/// to run into one paragraph. The list is a bulleted one, with a warning
/// that suggests `- `.
#[test]
fn word_bullets_are_a_bulleted_list_with_a_warning() {
    for bullet in ['•', '·', '○', '▪', '◦', '■', '□', '●', '\u{F0B7}'] {
        let src = with_article(&format!(
            "소개 문단:\n{bullet} 첫 항목\n{bullet}\t둘째 **항목**\n{bullet}   셋째 항목"
        ));
        let w = parse_ok(&src);
        let b = &w.value.parts[0].articles[0].blocks;
        assert_eq!(
            outlines(b),
            ["Paragraph 소개 문단:", "List Bullet from 1"],
            "{bullet}"
        );
        assert_eq!(
            items(list(&b[1].kind)),
            [
                vec!["Paragraph 첫 항목"],
                vec!["Paragraph 둘째 Strong(항목)"],
                vec!["Paragraph 셋째 항목"]
            ],
            "{bullet}"
        );
        let item = &list(&b[1].kind).items[1].blocks[0];
        assert_eq!((item.span.line, item.span.col), (BODY + 2, 3), "{bullet}");
        let got = warnings(&src);
        assert_eq!(got.len(), 1, "{bullet}: {got:#?}");
        let (line, col, message, label, hints) = &got[0];
        assert_eq!((*line, *col), (BODY + 1, 1));
        assert!(message.contains("bulleted list"), "{message}");
        assert!(label.contains("3 lines"), "{label}");
        assert!(hints.iter().any(|h| h.contains("`- `")), "{hints:?}");
    }
    // Indented bullets nest as `- ` items do.
    let src = with_article("● 상위\n  ○ 하위\n● 다음");
    let b = &parse_ok(&src).value.parts[0].articles[0].blocks;
    assert_eq!(b.len(), 1);
    assert_eq!(
        items(list(&b[0].kind)),
        [
            vec![
                "Paragraph 상위".to_string(),
                "List Bullet from 1 [[\"Paragraph 하위\"]]".to_string()
            ],
            vec!["Paragraph 다음".to_string()]
        ]
    );
}

/// A bullet character that is not a marker at a line's start is text.
#[test]
fn bullet_characters_inside_text_are_text() {
    for text in ["•항목", "온·오프라인 · 유통", "가격 ● 품질", "·"] {
        assert_eq!(show(paragraph(&block(text))), text);
    }
}

/// What prints as it should is left as it is: no-break, zero width and
/// ideographic spaces, soft hyphens (the text engine sets them), and
/// smart quotes.
#[test]
fn pasted_spaces_hyphens_and_quotes_are_kept() {
    let text = "상하이\u{A0}정부 ZWSP\u{200B}뒤 전각\u{3000}공백 “스마트” ‘따옴표’ \"곧은\" '작은' 투\u{AD}자 inno\u{AD}vation";
    // Straight quotes are curled (straight_quotes_in_running_text_are_curled).
    let curled = text
        .replace("\"곧은\"", "“곧은”")
        .replace("'작은'", "‘작은’");
    assert_eq!(show(paragraph(&block(text))), curled);
}

#[test]
fn straight_quotes_in_running_text_are_curled() {
    let w = parse_ok(&with_article(
        "또한 '듀얼 허브'의 경쟁력과 \"열 폭주\" 문제를 (\"안전\") 다뤘다. It's **'굵게'** 표시, \
         주소 https://example.org/a'b 는 그대로.",
    ));
    // The bare address is a link (with a note that `fix` writes it so).
    assert_eq!(w.warnings.0.len(), 1);
    assert_eq!(w.warnings.0[0].severity, kicweekly::diag::Severity::Note);
    let BlockKind::Paragraph { content } = &w.value.parts[0].articles[0].blocks[0].kind else {
        panic!("a paragraph")
    };
    let text = show(content);
    assert_eq!(
        text,
        "또한 ‘듀얼 허브’의 경쟁력과 “열 폭주” 문제를 (“안전”) 다뤘다. It’s Strong(‘굵게’) 표시, \
         주소 Link(https://example.org/a'b|https://example.org/a'b) 는 그대로."
    );
    // Each text piece still points at its own bytes of the source.
    for inline in content {
        if let Inline::Text { text, span } = inline
            && text == "듀얼 허브"
        {
            assert_eq!(span.end - span.start, text.len(), "an exact span");
        }
    }
}
