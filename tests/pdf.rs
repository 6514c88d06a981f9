//! The built PDF of issue 312, checked as a reader, an archive and a
//! screen reader would: contents numbers, folios, bookmarks, fonts,
//! metadata, and byte-identical rebuilds.

use std::path::PathBuf;
use std::sync::OnceLock;

use kicweekly::diag::SourceFiles;
use kicweekly::fonts::FontBook;
use kicweekly::layout::{Document, Item};
use kicweekly::model::{Issue, plain_text};
use kicweekly::project::Project;

struct Built {
    issue: Issue,
    doc: Document,
    pdf: Vec<u8>,
    project: Project,
    book: FontBook,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut files = SourceFiles::default();
        let project = Project::open(root, None, &mut files).expect("project");
        let book = kicweekly::load_fonts(&project, &[]).expect("fonts");
        let (issue, _) = project.load_issue(312, &mut files).expect("312 parses");
        let doc = kicweekly::layout::layout(&issue.value, &project.template, &book);
        let pdf = kicweekly::build(&project, &book, 312, &mut files, &Default::default())
            .expect("312 builds")
            .value
            .pdf;
        Built {
            issue: issue.value,
            doc: doc.value,
            pdf,
            project,
            book,
        }
    })
}

fn page_texts(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Text(line) => Some(line.shown().to_string()),
            _ => None,
        })
        .collect()
}

fn first_body_page(doc: &Document) -> usize {
    doc.pages
        .iter()
        .position(|p| p.folio.is_some())
        .expect("numbered pages")
}

#[test]
fn every_page_but_the_covers_and_contents_has_its_number() {
    let doc = &built().doc;
    let first = first_body_page(doc);
    assert!(first >= 2, "cover and contents come first");
    assert!(doc.pages[0].folio.is_none(), "no number on the cover");
    assert!(
        doc.pages.last().unwrap().folio.is_none(),
        "no number on the back cover"
    );
    let body = &doc.pages[first..doc.pages.len() - 1];
    for (i, page) in body.iter().enumerate() {
        assert_eq!(page.folio, Some(i as u32 + 1));
        // The folio is printed on the page.
        assert!(
            page_texts(&page.items).contains(&(i + 1).to_string()),
            "page {} shows its number",
            i + 1
        );
    }
}

#[test]
fn contents_numbers_are_the_pages_where_articles_start() {
    let b = built();
    let doc = &b.doc;
    let first = first_body_page(doc);
    let toc_numbers: Vec<u32> = doc.pages[1..first]
        .iter()
        .flat_map(|p| page_texts(&p.items))
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
        .map(|t| t.parse().unwrap())
        .collect();
    let mut starts = vec![];
    for a in b.issue.parts.iter().flat_map(|p| &p.articles) {
        let title = plain_text(&a.title);
        let head: String = title.trim().chars().take(8).collect();
        let page = doc.pages[first..]
            .iter()
            .find(|p| {
                // The number and the title hanging after it are two lines.
                let texts = page_texts(&p.items);
                texts.contains(&format!("{}.", a.number)) && texts.iter().any(|t| t.contains(&head))
            })
            .unwrap_or_else(|| panic!("article `{title}` is on some page"));
        starts.push(page.folio.unwrap());
    }
    assert_eq!(toc_numbers, starts);
    assert_eq!(starts.len(), 7);
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn bookmarks_are_parts_then_articles() {
    let b = built();
    let titles: Vec<(String, Vec<String>)> = b
        .doc
        .outline
        .iter()
        .map(|e| {
            (
                e.title.clone(),
                e.children.iter().map(|c| c.title.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(titles.len(), 3);
    assert_eq!(titles[0].0, "WEEKLY 뉴스");
    assert_eq!(titles[1].1.len(), 3);
    assert!(titles[1].1[0].starts_with("1. 【시장분석】 전망—2022"));
    // Each bookmark points at the page its article starts on.
    for (part, e) in b.issue.parts.iter().zip(&b.doc.outline) {
        for (a, c) in part.articles.iter().zip(&e.children) {
            let head: String = plain_text(&a.title).trim().chars().take(8).collect();
            assert!(
                page_texts(&b.doc.pages[c.page].items)
                    .iter()
                    .any(|t| t.contains(&head))
            );
        }
    }
}

#[test]
fn pdf_is_tagged_korean_with_title_outline_and_subset_fonts() {
    let pdf = lopdf::Document::load_mem(&built().pdf).expect("a PDF lopdf can read");
    assert_eq!(pdf.get_pages().len(), built().doc.pages.len());
    let catalog = pdf.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"ko");
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "tagged");
    assert!(catalog.get(b"Outlines").is_ok(), "bookmarks");
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .unwrap();
    let title = pdf.get_dictionary(info).unwrap().get(b"Title").unwrap();
    let title = lopdf::decode_text_string(title).unwrap();
    assert_eq!(title, "주간 창업 312 편");
    let mut fonts = Vec::new();
    for obj in pdf.objects.values() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor")
        {
            let name = d.get(b"FontName").unwrap().as_name().unwrap();
            assert_eq!(
                name.get(6),
                Some(&b'+'),
                "subset font name: {}",
                String::from_utf8_lossy(name)
            );
            fonts.push(String::from_utf8_lossy(&name[7..]).into_owned());
        }
    }
    assert!(fonts.len() >= 3, "serif and sans faces embedded: {fonts:?}");
    // Glyphs are handed to the PDF writer before the pages are drawn: a
    // face registered twice would be embedded twice.
    fonts.sort();
    let before = fonts.len();
    fonts.dedup();
    assert_eq!(fonts.len(), before, "each face embedded once: {fonts:?}");
    assert!(
        built().pdf.len() < 447_000,
        "smaller than Typst's 447 KB: {}",
        built().pdf.len()
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let b = built();
    let mut files = SourceFiles::default();
    let again = kicweekly::build(&b.project, &b.book, 312, &mut files, &Default::default())
        .unwrap()
        .value
        .pdf;
    assert!(again == b.pdf, "same input, same bytes");
}

#[test]
fn write_is_atomic_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out/312.pdf");
    kicweekly::write_atomic(&path, b"%PDF-old").unwrap();
    kicweekly::write_atomic(&path, &built().pdf).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), built().pdf);
    let names: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("312.pdf")]);
}

/// Builds a small issue with a picture, a table and a link with a Korean
/// URL, and looks for them in the PDF.
#[test]
fn figures_tables_and_links_reach_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let issue_dir = dir.path().join("issues/313");
    std::fs::create_dir_all(issue_dir.join("images")).unwrap();
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 6, y as u8 * 8, 120]));
    img.save(issue_dir.join("images/photo.png")).unwrap();
    let good = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/good.md"),
    )
    .unwrap();
    let body = "## 행사\n\n![행사장 전경](images/photo.png)\n사진: 출처: KIC 중국\n\n\
                | 구분 | 2022 | 2023 |\n|---|---|---|\n| 매출 | 100 | 120 |\n| 인원 | 5 | 8 |\n\n표: 출처: 창업방\n\n\
                자세한 내용은 [KIC 중국 소식](https://example.org/소식?호=313)에서 볼 수 있다.";
    std::fs::write(
        issue_dir.join("issue.md"),
        good.replace("## 행사\n\n본문.", body),
    )
    .unwrap();

    let mut files = SourceFiles::default();
    let project = Project::open(dir.path().to_path_buf(), None, &mut files).unwrap();
    let book = &built().book;
    let pdf = kicweekly::build(&project, book, 313, &mut files, &Default::default())
        .unwrap_or_else(|d| panic!("{:?}", d.0))
        .value
        .pdf;
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut images = 0;
    let mut uris = vec![];
    let mut alts = vec![];
    for obj in doc.objects.values() {
        let dict = match obj {
            lopdf::Object::Stream(s) => &s.dict,
            lopdf::Object::Dictionary(d) => d,
            _ => continue,
        };
        if dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image") {
            images += 1;
        }
        if let Ok(action) = dict.get(b"A").and_then(|a| a.as_dict())
            && let Ok(uri) = action.get(b"URI").and_then(|u| u.as_str())
        {
            uris.push(String::from_utf8_lossy(uri).into_owned());
        }
        if let Ok(alt) = dict.get(b"Alt") {
            alts.push(lopdf::decode_text_string(alt).unwrap_or_default());
        }
    }
    assert!(images >= 1, "the picture is embedded");
    assert!(
        uris.iter()
            .any(|u| u == "https://example.org/%EC%86%8C%EC%8B%9D?%ED%98%B8=313"),
        "the link is percent-encoded: {uris:?}"
    );
    assert!(
        alts.iter().any(|a| a == "행사장 전경"),
        "the figure has its alt text: {alts:?}"
    );
}

#[test]
fn pdfa_2u_is_written_and_declared() {
    let b = built();
    let mut files = SourceFiles::default();
    let opts = kicweekly::BuildOptions {
        pdf: kicweekly::pdf::Options {
            pdfa: true,
            ..Default::default()
        },
    };
    let pdf = kicweekly::build(&b.project, &b.book, 312, &mut files, &opts)
        .unwrap_or_else(|d| panic!("krilla refused PDF/A-2u: {:?}", d.0))
        .value
        .pdf;
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>"),
        "XMP declares PDF/A-2"
    );
    assert!(
        text.contains("<pdfaid:conformance>U</pdfaid:conformance>"),
        "conformance U"
    );
}

#[test]
fn the_date_is_the_issue_date_unless_source_date_epoch_says_otherwise() {
    let b = built();
    let mut files = SourceFiles::default();
    let opts = kicweekly::BuildOptions {
        pdf: kicweekly::pdf::Options {
            pdfa: false,
            source_date_epoch: Some(1_700_000_000),
            ..Default::default()
        },
    };
    let pdf = kicweekly::build(&b.project, &b.book, 312, &mut files, &opts)
        .unwrap()
        .value
        .pdf;
    assert!(
        String::from_utf8_lossy(&pdf).contains("D:20231114"),
        "2023-11-14 from the epoch"
    );
    assert!(
        String::from_utf8_lossy(&b.pdf).contains("/CreationDate(D:20230118"),
        "without it, the issue's own date"
    );
}

/// A table longer than a page breaks between rows and repeats its header
/// row at the top of the next page.
#[test]
fn a_long_table_repeats_its_header_on_the_next_page() {
    let dir = tempfile::tempdir().unwrap();
    let issue_dir = dir.path().join("issues/313");
    std::fs::create_dir_all(&issue_dir).unwrap();
    let good = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/good.md"),
    )
    .unwrap();
    let mut table = String::from("## 긴 표\n\n| 연도 | 항목 | 값 |\n|---|---|---|\n");
    for i in 0..120 {
        table.push_str(&format!("| {} | 항목 {i} | {} |\n", 1900 + i, i * 7));
    }
    table.push_str("\n표: 출처: 시험");
    std::fs::write(
        issue_dir.join("issue.md"),
        good.replace("## 행사\n\n본문.", &table),
    )
    .unwrap();
    let mut files = SourceFiles::default();
    let project = Project::open(dir.path().to_path_buf(), None, &mut files).unwrap();
    let (issue, _) = project.load_issue(313, &mut files).unwrap();
    let doc = kicweekly::layout::layout(&issue.value, &project.template, &built().book).value;
    let pages_with_rows: Vec<Vec<String>> = doc
        .pages
        .iter()
        .map(|p| page_texts(&p.items))
        .filter(|t| t.iter().any(|s| s.starts_with("항목 ")))
        .collect();
    assert!(pages_with_rows.len() >= 2, "120 rows take more than a page");
    for texts in &pages_with_rows {
        assert!(
            texts.iter().any(|t| t == "연도"),
            "header row on every page of the table"
        );
    }
    // Every row is there once.
    let rows: usize = pages_with_rows
        .iter()
        .map(|t| t.iter().filter(|s| s.starts_with("항목 ")).count())
        .sum();
    assert_eq!(rows, 120);
}

mod build_never_panics {
    use super::*;
    use proptest::prelude::*;

    const FRONT: &str = "---\nnumber: 313\ndate: 2023-01-25\ntitle: 주간 창업\n\
        publisher: {name: KIC 중국, organization: 글로벌혁신센터, director: 김종문, phone: \"+86\", email: a@b.c}\n\
        copyright: c\nback_cover: {title: t, subscribe: \"구독: a@b.c\", links: [{label: 블로그, url: \"https://blog.example/한글\"}]}\n---\n";

    fn block() -> impl Strategy<Value = String> {
        prop_oneof![
            // Not a code fence (`~~~`), which is rightly refused.
            "[가-힣a-z0-9 ,.()「」%~]{0,120}"
                .prop_filter("a code fence", |s| !s.trim_start().starts_with("~~~"))
                .prop_map(|s| format!("{s}\n")),
            Just("### 1) 소제목\n".to_string()),
            Just("#### ① 작은 제목\n— 발표자\n".to_string()),
            Just("사진: 출처: 어딘가\n".to_string()),
            Just("| a | b |\n|---|---|\n| | 긴 셀 내용 가나다라마바사 |\n\n표: 출처: x\n".to_string()),
            Just("> 용어 편집자 주: 설명이 여기에 있다.\n".to_string()),
            Just("- 항목\n  - 하위 항목\n- \n".to_string()),
            Just("1) 원\n2) 투\n".to_string()),
            Just("출처:\n1. 하나\n2. 둘\n".to_string()),
            Just("**굵게** *기울임* [링크](https://example.org/경로) <https://x.y>\\\n다음 줄\n".to_string()),
            Just(format!("{}\n", "가나다라마바사아자차카타파하".repeat(20))),
            Just("https://example.org/a/very/long/url/without/spaces/that/keeps/going/and/going/index.html\n".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn any_valid_issue_builds(parts in proptest::collection::vec(proptest::collection::vec(block(), 1..8), 3)) {
            let names = ["WEEKLY 뉴스", "CHINA 창업", "KIC 중국 뉴스"];
            let mut src = FRONT.to_string();
            for (name, blocks) in names.iter().zip(&parts) {
                src.push_str(&format!("\n# {name}\n\n## 【분석】 제목\n\n— 출처\n\n본문.\n\n"));
                for b in blocks {
                    src.push_str(b);
                    src.push('\n');
                }
            }
            let mut files = SourceFiles::default();
            let t = files.add("t.yaml".into(), kicweekly::template::DEFAULT_TEMPLATE.into());
            let template = kicweekly::template::Template::parse(&files, t).unwrap();
            let file = files.add("issues/313/issue.md".into(), src);
            // Every generated issue is valid: it must parse, lay out and write.
            let issue = kicweekly::source::parse(&files, file, &template)
                .unwrap_or_else(|d| panic!("{:?}\n{}", d.0, files.get(file).text));
            let doc = kicweekly::layout::layout(&issue.value, &template, &built().book);
            let pdf = kicweekly::pdf::write(&doc.value, &built().book, &Default::default()).unwrap();
            prop_assert!(pdf.starts_with(b"%PDF"));
            prop_assert!(lopdf::Document::load_mem(&pdf).is_ok());
        }
    }
}

#[test]
fn pdfa_refuses_a_missing_glyph_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let issue_dir = dir.path().join("issues/313");
    std::fs::create_dir_all(&issue_dir).unwrap();
    let good = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/good.md"),
    )
    .unwrap();
    // U+E000 is private use: no bundled face has it.
    std::fs::write(
        issue_dir.join("issue.md"),
        good.replace("## 행사\n\n본문.", "## 행사\n\n본문 \u{e000} 끝."),
    )
    .unwrap();
    let mut files = SourceFiles::default();
    let project = Project::open(dir.path().to_path_buf(), None, &mut files).unwrap();
    if built()
        .book
        .face_for(kicweekly::fonts::Role::Serif, '\u{e000}')
        .is_some()
    {
        return; // a system font on this machine has it
    }
    let opts = kicweekly::BuildOptions {
        pdf: kicweekly::pdf::Options {
            pdfa: true,
            ..Default::default()
        },
    };
    let d = kicweekly::build(&project, &built().book, 313, &mut files, &opts)
        .expect_err("PDF/A refuses .notdef");
    let error = d.errors().next().unwrap();
    assert!(
        error
            .message
            .contains("U+E000) has a character no font has"),
        "{}",
        error.message
    );
    let warning =
        d.0.iter()
            .find(|w| w.message.contains("no font has the character"))
            .expect("located warning");
    let span = warning.span.unwrap();
    assert_eq!(&files.get(span.file).text[span.start..span.end], "\u{e000}");
}

/// The colour operators of every page's content stream.
fn colour_operators(pdf: &[u8]) -> Vec<(String, Vec<f32>)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut ops = Vec::new();
    for (_, id) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(id).unwrap();
        for op in content.operations {
            if ["rg", "RG", "k", "K", "g", "G", "sc", "scn", "SC", "SCN"]
                .contains(&op.operator.as_str())
            {
                let nums = op
                    .operands
                    .iter()
                    .filter_map(|o| o.as_float().ok())
                    .collect();
                ops.push((op.operator, nums));
            }
        }
    }
    ops
}

#[test]
fn the_print_profile_sets_text_and_rules_on_black_ink_and_the_accent_in_cmyk() {
    let b = built();
    let mut files = SourceFiles::default();
    let yaml = kicweekly::template::DEFAULT_TEMPLATE.replace("colour: screen", "colour: print");
    let t = files.add("t.yaml".into(), yaml);
    let template = kicweekly::template::Template::parse(&files, t).unwrap();
    let doc = kicweekly::layout::layout(&b.issue, &template, &b.book).value;
    let pdf = kicweekly::pdf::write(&doc, &b.book, &Default::default()).unwrap();
    let ops = colour_operators(&pdf);
    assert!(
        ops.iter().all(|(op, _)| op == "k"),
        "only CMYK fills: {ops:?}"
    );
    let k = |v: &[f32]| ops.iter().filter(|(_, n)| n.as_slice() == v).count();
    // Body text (and rules): 100 % K and nothing else.
    assert!(k(&[0.0, 0.0, 0.0, 1.0]) > 500, "text on black ink alone");
    let accent = ops
        .iter()
        .filter(|(_, n)| n[0] == 1.0 && n[3] > 0.25)
        .count();
    assert!(accent > 10, "the accent in process colours");
    // The screen profile stays RGB.
    let screen = colour_operators(&b.pdf);
    assert!(screen.iter().all(|(op, _)| op == "rg"), "{screen:?}");
    // PDF/A: the CMYK colours are device-independent, with an ICC profile.
    let opts = kicweekly::pdf::Options {
        pdfa: true,
        ..Default::default()
    };
    let pdfa = kicweekly::pdf::write(&doc, &b.book, &opts).expect("PDF/A with CMYK colours");
    let text = String::from_utf8_lossy(&pdfa);
    assert!(text.contains("<pdfaid:part>2</pdfaid:part>"));
    let ops = colour_operators(&pdfa);
    assert!(
        ops.iter().all(|(op, _)| op == "scn" || op == "sc"),
        "{:?}",
        &ops[..3]
    );
}

#[test]
fn pdfua_1_is_written_with_languages_titled_headings_and_tagged_links() {
    let b = built();
    let mut files = SourceFiles::default();
    let opts = kicweekly::BuildOptions {
        pdf: kicweekly::pdf::Options {
            pdfua: true,
            pdfa: true,
            ..Default::default()
        },
    };
    let pdf = kicweekly::build(&b.project, &b.book, 312, &mut files, &opts)
        .unwrap_or_else(|d| panic!("krilla refused PDF/UA-1: {:?}", d.0))
        .value
        .pdf;
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "XMP declares PDF/UA-1"
    );
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    // Chinese names and English words are marked as such in the content.
    let (mut zh, mut en) = (0, 0);
    for (_, id) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(id).unwrap();
        for op in content.operations.iter().filter(|o| o.operator == "BDC") {
            let lang = op.operands.get(1).and_then(|d| d.as_dict().ok());
            match lang
                .and_then(|d| d.get(b"Lang").ok())
                .and_then(|l| l.as_str().ok())
            {
                Some(b"zh") => zh += 1,
                Some(b"en") => en += 1,
                _ => {}
            }
        }
    }
    assert!(zh > 20 && en > 20, "zh spans {zh}, en spans {en}");
    // Every heading has a title; every link is tagged and says where it goes.
    let mut headings = 0;
    let mut links = 0;
    for (_, obj) in doc.objects.iter() {
        let Ok(d) = obj.as_dict() else { continue };
        if let Ok(s) = d.get(b"S").and_then(|s| s.as_name())
            && s.len() == 2
            && s[0] == b'H'
        {
            headings += 1;
            assert!(d.get(b"T").is_ok(), "a heading without a title");
        }
        if d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link".as_slice()) {
            links += 1;
            assert!(d.get(b"Contents").is_ok(), "a link without alt text");
            assert!(
                d.get(b"StructParent").is_ok(),
                "a link outside the tag tree"
            );
        }
    }
    assert!(
        headings > 40 && links >= 10,
        "{headings} headings, {links} links"
    );
}
