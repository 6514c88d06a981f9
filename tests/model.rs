//! Issue 312 as source: the model carries the seed's text, and the parser
//! never panics, whatever it is given.

use std::path::{Path, PathBuf};

use kicweekly::diag::SourceFiles;
use kicweekly::project::Project;
use proptest::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Hangul, Han, Latin letters and digits, in order: what a reader reads,
/// without the spacing and punctuation that PDF extraction made rough.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            c.is_ascii_alphanumeric()
                || matches!(c as u32, 0xAC00..=0xD7A3 | 0x3130..=0x318F | 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
        })
        .collect()
}

/// The seed's body: from the first part heading after the hand-typed
/// contents to the back cover.
fn seed_body() -> String {
    let seed = std::fs::read_to_string(root().join("tests/fixtures/seed-312.md")).unwrap();
    let start = seed.find("\n## WEEKLY 뉴스\n").expect("first part heading");
    let end = seed.find("\n# 주간 중국 창업\n").expect("back cover");
    seed[start..end].to_string()
}

/// The model's text of issue 312 matches the seed's body text.
///
/// Deliberate differences (issues/312/CONVERSION.md has the full list):
/// - article numbers (`1.`) and figure numbers (`사진 1)`, `표 1)`) are
///   generated; the seed's duplicated `사진 4` and the two `표 1` of one
///   article are now numbered 4/5 and 1/2, which changes two digits;
/// - the hand-typed contents page and the cover and back-cover text are
///   not body text (they come from the front matter);
/// - spaces the PDF extraction inserted between numbers and units are
///   removed, and paragraphs split by a page break are joined (spacing is
///   not compared here, so neither changes the ratio).
#[test]
fn issue_312_text_matches_the_seed() {
    let mut files = SourceFiles::default();
    let project = Project::open(root(), None, &mut files).expect("project");
    let (issue, _) = project.load_issue(312, &mut files).expect("312 parses");
    let model = letters(&issue.value.body_text());
    let seed = letters(&seed_body());
    let ratio = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_chars(&seed, &model)
        .ratio();
    assert!(ratio >= 0.995, "similarity {ratio:.4} < 0.995");
    assert!(seed.chars().count() > 20_000, "the seed body was found");
}

#[test]
fn issue_312_structure() {
    let mut files = SourceFiles::default();
    let project = Project::open(root(), None, &mut files).expect("project");
    let (issue, _) = project.load_issue(312, &mut files).expect("312 parses");
    let issue = issue.value;
    let parts: Vec<_> = issue
        .parts
        .iter()
        .map(|p| (p.name.as_str(), p.articles.len()))
        .collect();
    assert_eq!(
        parts,
        [("WEEKLY 뉴스", 3), ("CHINA 창업", 3), ("KIC 중국 뉴스", 1)]
    );
    let a = &issue.parts[1].articles[0];
    assert_eq!(a.number, 1);
    assert_eq!(a.category.as_deref(), Some("시장분석"));
    let src = kicweekly::model::plain_text(issue.parts[0].articles[0].source.as_ref().unwrap());
    assert_eq!(src, "상하이시인민정부(上海市人民政府)사이트");
    assert_eq!(issue.front.date.to_string(), "2023.01.18");
}

fn parse_text(text: &str) {
    let mut files = SourceFiles::default();
    let template_file = files.add(
        "t.yaml".into(),
        kicweekly::template::DEFAULT_TEMPLATE.into(),
    );
    let template = kicweekly::template::Template::parse(&files, template_file).unwrap();
    let file = files.add(Path::new("issue.md").into(), text.to_string());
    let _ = kicweekly::source::parse(&files, file, &template);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parser_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        parse_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn parser_never_panics_on_markdown(
        body in proptest::collection::vec(
            prop_oneof![
                Just("# WEEKLY 뉴스\n".to_string()), Just("# CHINA 창업\n".to_string()),
                Just("## 【분석】 제목\n".to_string()), Just("### 1) 소제목\n".to_string()),
                Just("— 출처\n".to_string()), Just("사진: 출처: x\n".to_string()),
                Just("표: 캡션\n".to_string()), Just("출처:\n1. 하나\n2. 둘\n".to_string()),
                Just("> 용어 편집자 주: 설명\n".to_string()), Just("- 항목\n  - 하위\n".to_string()),
                Just("1) 원\n2) 투\n".to_string()), Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
                Just("![alt](images/x.png)\n".to_string()), Just("**굵게** *기울임* [링크](http://x)\n".to_string()),
                Just("<b>html</b>\n".to_string()), Just("```\ncode\n```\n".to_string()),
                Just("\n".to_string()), Just("---\n".to_string()), "[가-힣a-z\\[\\]()*_>#|`\\\\ \n-]{0,40}",
            ],
            0..40,
        ),
        front in prop::bool::ANY,
    ) {
        let mut text = String::new();
        if front {
            text.push_str("---\nnumber: 1\ndate: 2023-01-01\ntitle: t\npublisher: {name: a, organization: b, director: c, phone: d, email: e}\ncopyright: c\nback_cover: {title: t, subscribe: s}\n---\n");
        }
        text.push_str(&body.concat());
        parse_text(&text);
    }
}
