//! The web edition, checked without a browser (`.ci/web-check.mjs` opens
//! it in Chromium): what an editor pastes carries nothing the editors drop,
//! every article is there in order, Chinese is marked, the fonts hold the
//! issue's characters and no more, pictures are sized for screens, the
//! archive lists every issue, and a rebuild gives the same bytes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use kicweekly::diag::SourceFiles;
use kicweekly::fonts::{FontBook, Role};
use kicweekly::model::{Issue, plain_text};
use kicweekly::project::Project;
use kicweekly::web::{self, Edition};

struct Built {
    issue: Issue,
    edition: Edition,
    project: Project,
    book: FontBook,
}

fn edition_of(root: PathBuf, number: u32) -> Built {
    let mut files = SourceFiles::default();
    let project = Project::open(root, None, &mut files).expect("project");
    let book = kicweekly::load_fonts(&project, &[]).expect("fonts");
    let (issue, _) = project.load_issue(number, &mut files).expect("parses");
    let doc = kicweekly::layout::layout(&issue.value, &project.template, &book).value;
    let edition = web::edition(&issue.value, &doc, &project.template, &book).expect("web");
    Built {
        issue: issue.value,
        edition,
        project,
        book,
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn i312() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| edition_of(root(), 312))
}

fn i904() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| edition_of(root().join("tests/corpus"), 904))
}

fn file<'a>(e: &'a Edition, name: &str) -> &'a str {
    let (_, bytes) = e.files.iter().find(|(n, _)| n == name).expect(name);
    std::str::from_utf8(bytes).expect("utf-8")
}

/// The text a reader sees: tags, the stylesheet and scripts dropped,
/// entities read.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    'tags: while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        for skip in ["<style", "<script", "<title"] {
            if rest.starts_with(skip) {
                let close = format!("</{}>", &skip[1..]);
                rest = &rest[rest.find(&close).map_or(rest.len(), |j| j + close.len())..];
                continue 'tags;
            }
        }
        rest = &rest[rest.find('>').map_or(rest.len(), |j| j + 1)..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Every attribute value in `html`.
fn attribute_values(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("=\"") {
        rest = &rest[i + 2..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn paste_html_has_no_class_style_script_font_or_outside_url() {
    for b in [i312(), i904()] {
        let paste = file(&b.edition, "paste.html");
        for banned in ["class=", "<style", "<script", "<link", "@font-face", "url("] {
            assert!(!paste.contains(banned), "paste.html has {banned}");
        }
        for v in attribute_values(paste) {
            let v = v.trim_start().to_ascii_lowercase();
            assert!(
                !(v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//")),
                "paste.html points outside: {v}"
            );
        }
        // It still says what the PDF says, links as their text.
        assert!(paste.contains("style=\""));
        let text = visible_text(paste);
        assert_eq!(
            text.split_whitespace().collect::<String>(),
            visible_text(file(&b.edition, "index.html"))
                .split_whitespace()
                .collect::<String>(),
            "paste.html and index.html hold the same words"
        );
    }
    // 312 links to the NDRC's site: the page keeps the link, paste its text.
    let b = i312();
    assert!(file(&b.edition, "index.html").contains("href=\"http://www.ndrc.gov.cn\""));
    assert!(!file(&b.edition, "paste.html").contains("ndrc.gov.cn\""));
}

#[test]
fn every_article_title_is_there_in_order_with_its_anchor() {
    for b in [i312(), i904()] {
        for name in ["index.html", "paste.html"] {
            let html = file(&b.edition, name);
            let text = visible_text(html);
            let mut titles = Vec::new();
            for (pi, part) in b.issue.parts.iter().enumerate() {
                for a in &part.articles {
                    titles.push(plain_text(&a.title).trim().to_string());
                    if name == "index.html" {
                        let id = format!("a-{}-{}", pi + 1, a.number);
                        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
                        assert!(html.contains(&format!("href=\"#{id}\"")), "{id}");
                    }
                }
            }
            // In the contents, then in the body, in order.
            let mut at = 0;
            for title in titles.iter().chain(&titles) {
                let i = text[at..].find(title.as_str());
                let i = i.unwrap_or_else(|| panic!("{name}: `{title}` not in order"));
                at += i + title.len();
            }
        }
    }
}

#[test]
fn chinese_is_marked_and_korean_breaks_between_words() {
    let html = file(&i312().edition, "index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ko\">"));
    assert!(html.contains("상하이시인민정부(<span lang=\"zh\">上海市人民政府</span>)사이트"));
    // A one-character gloss is Korean Hanja, not Chinese.
    assert!(html.contains("시(市)급"));
    assert!(html.contains("word-break:keep-all;line-break:strict"));
    let paste = file(&i312().edition, "paste.html");
    assert!(paste.contains("<span lang=\"zh\">上海市人民政府</span>"));
    assert!(paste.contains("word-break:keep-all;line-break:strict"));
}

#[test]
fn the_fonts_are_subsets_of_the_bundled_faces_in_woff2() {
    use base64::Engine;
    let html = file(&i312().edition, "index.html");
    let fonts: Vec<&str> = html.split("base64,").skip(1).collect();
    assert_eq!(fonts.len(), 4, "serif and sans, regular and bold");
    let mut total = 0;
    for f in fonts {
        let b64 = &f[..f.find(')').unwrap()];
        let woff2 = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert_eq!(&woff2[..4], b"wOF2");
        assert_eq!(&woff2[4..8], b"OTTO", "CFF outlines");
        total += woff2.len();
    }
    // The faces are 38 MB; the issue's characters a few hundred KB.
    assert!(total < 450_000, "{total} bytes of fonts");
    let css_vars = html.split(":root{").nth(1).unwrap();
    assert!(css_vars.starts_with("--serif:kw0,serif;--serif-bold:kw1,serif;"));
}

#[test]
fn a_subset_maps_each_character_to_its_glyph_and_holds_no_other() {
    let b = i312();
    let face = b.book.face(b.book.role(Role::Serif));
    let chars: BTreeSet<char> = "상하이 R&D 上海市 (1000억 위안) ‘정책’ 가가"
        .chars()
        .collect();
    let sfnt = web::fonts::subset_sfnt(face, &chars).unwrap();
    let sub = rustybuzz::Face::from_slice(&sfnt, 0).expect("a font");
    let glyphs: BTreeSet<u16> = chars
        .iter()
        .map(|&c| face.shaper.glyph_index(c).unwrap().0)
        .collect();
    assert_eq!(
        sub.number_of_glyphs() as usize,
        glyphs.len() + 1,
        ".notdef and the glyphs"
    );
    for &c in &chars {
        let old = face.shaper.glyph_index(c).unwrap();
        let new = sub.glyph_index(c).unwrap_or_else(|| panic!("{c} unmapped"));
        assert_ne!(new.0, 0);
        assert_eq!(
            sub.glyph_hor_advance(new),
            face.shaper.glyph_hor_advance(old),
            "{c}: advance"
        );
    }
    assert!(sub.glyph_index('하').is_none() || chars.contains(&'하'));
    assert!(sub.glyph_index('뷁').is_none());
    assert!(sub.tables().os2.is_some(), "OS/2 put back");
}

#[test]
fn pictures_are_sized_for_the_screen_and_twice_it() {
    let b = i904();
    let index = file(&b.edition, "index.html");
    let names: Vec<&str> = b.edition.files.iter().map(|(n, _)| n.as_str()).collect();
    let size = |name: &str| {
        let (_, bytes) = b.edition.files.iter().find(|(n, _)| n == name).unwrap();
        let img = image::load_from_memory(bytes).unwrap();
        (img.width(), img.height())
    };
    // 3000 × 2000: the column (740 px) and twice it.
    assert!(names.contains(&"images/harbour-rgb-3000x2000-740w.jpg"));
    assert_eq!(size("images/harbour-rgb-3000x2000-1480w.jpg"), (1480, 987));
    assert!(index.contains(
        "srcset=\"images/harbour-rgb-3000x2000-740w.jpg 1x, images/harbour-rgb-3000x2000-1480w.jpg 2x\""
    ));
    // 64 × 48: its own pixels only, shown at the column's width.
    assert!(names.contains(&"images/icon-tiny-64x48-64w.png"));
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("images/icon-tiny-64x48-") && !n.ends_with("-64w.png"))
    );
    // Stored on its side with EXIF orientation 6: upright.
    let (w, h) = size("images/tower-exif6-600x900-600w.jpg");
    assert!(h > w, "tower stands upright: {w} × {h}");
    // Transparent stays PNG, SVG stays SVG, a GIF is its first frame.
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("images/emblem-rgba-800-") && n.ends_with(".png"))
    );
    assert!(names.contains(&"images/network-800x440.svg"));
    assert!(names.contains(&"images/bars-anim-480x320-480w.png"));
    // Every picture the page shows is a file of the edition.
    for src in index.split(" src=\"").skip(1) {
        let src = &src[..src.find('"').unwrap()];
        assert!(names.contains(&src), "{src} is not written");
    }
    // paste.html carries its pictures inside.
    let paste = file(&b.edition, "paste.html");
    assert_eq!(
        paste.matches("src=\"data:image/").count(),
        index.matches("<img").count()
    );
}

#[test]
fn the_edition_is_the_same_bytes_every_time() {
    let again = edition_of(root(), 312);
    let first = &i312().edition;
    assert_eq!(first.files.len(), again.edition.files.len());
    for ((n1, b1), (n2, b2)) in first.files.iter().zip(&again.edition.files) {
        assert_eq!(n1, n2);
        assert!(b1 == b2, "{n1} differs between two builds");
    }
    assert_eq!(first.record, again.edition.record);
}

#[test]
fn the_archive_lists_issues_newest_first_with_pdf_pages_and_a_search() {
    let a = i312();
    let b = i904();
    let records = vec![a.edition.record.clone(), b.edition.record.clone()];
    let page = web::archive::archive_page(&records, &a.project.template, &a.book).unwrap();
    let newer = page.find("id=\"i-904\"").unwrap();
    let older = page.find("id=\"i-312\"").unwrap();
    assert!(newer < older, "newest first");
    // Article pages come from layout: 312's first article is on page 3.
    assert!(page.contains("href=\"312.pdf#page=3\""));
    assert!(page.contains("href=\"312/index.html#a-1-1\""));
    // 904's card is its first picture; 312 has none: a masthead card.
    assert!(page.contains("src=\"904/images/harbour-rgb-3000x2000-740w.jpg\""));
    assert!(page.contains("class=\"cvr card\""));
    assert!(page.contains("<input id=\"q\" type=\"search\""));
    assert!(page.contains("<script>") && !page.contains("src=\"http"));
    // Search data: each article's title and source, lower-cased.
    assert!(page.contains("data-s=\"312 글로벌 바이오의약 r&amp;d"));
}

fn kicweekly(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kicweekly"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs")
}

fn project_with(issues: &[u32]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("issues/312/issue.md")).unwrap();
    for n in issues {
        let d = dir.path().join(format!("issues/{n}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("issue.md"),
            text.replace("number: 312", &format!("number: {n}")),
        )
        .unwrap();
    }
    dir
}

#[test]
fn build_web_writes_the_edition_and_keeps_it_up_to_date() {
    let dir = project_with(&[312, 313]);
    let out = kicweekly(dir.path(), &["build", "312", "--web"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let edition = dir.path().join("out/312");
    assert!(edition.join("index.html").is_file() && edition.join("paste.html").is_file());
    assert!(String::from_utf8_lossy(&out.stdout).contains("and out/312/"));
    let out = kicweekly(dir.path(), &["build", "312", "--web", "-v"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("up to date"));
    // A damaged edition is rebuilt.
    std::fs::write(edition.join("index.html"), "x").unwrap();
    let out = kicweekly(dir.path(), &["build", "312", "--web"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("built"));
    assert!(std::fs::read(edition.join("index.html")).unwrap().len() > 1000);
    // A shard does not write the archive index; a whole build does.
    let out = kicweekly(dir.path(), &["build", "--all", "--web", "--shard", "2/2"]);
    assert!(out.status.success());
    assert!(!dir.path().join("out/index.html").exists());
    let out = kicweekly(dir.path(), &["build", "--all", "--web"]);
    assert!(out.status.success());
    let index = std::fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(index.contains("id=\"i-313\"") && index.contains("id=\"i-312\""));
    assert!(String::from_utf8_lossy(&out.stdout).contains("(2 issues)"));
}

#[test]
fn the_template_can_make_the_web_edition_the_default() {
    let dir = project_with(&[312]);
    let template = std::fs::read_to_string(root().join("templates/kicweekly.yaml")).unwrap();
    let template = template.replace("  edition: false", "  edition: true");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/kicweekly.yaml"), template).unwrap();
    let out = kicweekly(
        dir.path(),
        &["build", "312", "--no-web", "--out", "pdf-only"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.path().join("pdf-only/312").exists());
    let out = kicweekly(dir.path(), &["build", "312"]);
    assert!(out.status.success());
    assert!(dir.path().join("out/312/index.html").is_file());
}

#[test]
fn diagnostics_github_annotates_the_line() {
    let dir = project_with(&[312]);
    let md = dir.path().join("issues/312/issue.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, text.replace("# CHINA 창업", "# 없는 부분")).unwrap();
    let out = kicweekly(dir.path(), &["build", "312", "--diagnostics", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().find(|l| l.starts_with("::error ")).expect(&err);
    assert!(
        line.starts_with("::error file=issues/312/issue.md,line="),
        "{line}"
    );
    assert!(
        line.contains(",col=3,") && line.contains("unknown part `없는 부분`"),
        "{line}"
    );
}
