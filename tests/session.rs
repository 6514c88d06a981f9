//! The watcher's incremental builds write what a cold build writes: a
//! series of edits, each built through one long-lived `Session` (text kept
//! by content, krilla's subsets and streams memoized) and compared byte for
//! byte with a cold build of the same source (no text kept, memo cleared,
//! fonts loaded anew). On 312 and on corpus issues, with edits that keep
//! the glyph set, add a glyph, move the contents' numbers, fail, and undo.

use std::path::{Path, PathBuf};

use kicweekly::diag::SourceFiles;
use kicweekly::project::Project;
use kicweekly::session::Session;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A project in a temporary folder holding a copy of one issue, renamed
/// `number`, so that the test can edit it.
fn project_with(source: &Path, number: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join(format!("issues/{number}"));
    copy_dir(source, &issue);
    (dir, issue.join("issue.md"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A build as `kicweekly build` makes it: nothing kept, nothing memoized
/// (the switch is the process's: a session in another test memoizes again).
fn cold_build(root: &Path, number: u32) -> Result<Vec<u8>, String> {
    krilla::set_memoize(false);
    comemo::evict(0);
    let mut files = SourceFiles::default();
    let project = Project::open(root.to_path_buf(), None, &mut files).unwrap();
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    let pdf = kicweekly::build(&project, &book, number, &mut files, &Default::default())
        .map(|w| w.value.pdf)
        .map_err(|d| format!("{d:?}"));
    krilla::set_memoize(true);
    pdf
}

/// The source after each edit: `None` where the build must fail.
fn edits(original: &str) -> Vec<(&'static str, String, bool)> {
    let body_line = original
        .lines()
        .skip_while(|l| !l.starts_with("# "))
        .find(|l| {
            l.chars()
                .next()
                .is_some_and(|c| !"#-|!>*`[ 0123456789".contains(c))
        })
        .expect("a paragraph line");
    let heading = original
        .lines()
        .find(|l| l.starts_with("## "))
        .expect("an article heading");
    let appended = original.replacen(
        body_line,
        &format!("{body_line} 수정한 문장을 덧붙인다."),
        1,
    );
    let twice = appended.replacen(
        "수정한 문장을 덧붙인다.",
        "수정한 문장을 덧붙인다. 한 번 더 고쳤다.",
        1,
    );
    let new_glyph = twice.replacen(body_line, &format!("{body_line} 鬱陵島 Ж"), 1);
    let retitled = new_glyph.replacen(heading, &format!("{heading} 그리고 덧붙인 긴 제목"), 1);
    // A part the template does not have: an error (a too-deep heading is
    // now read as an article title, with a warning).
    let broken = retitled.replacen("\n# ", "\n# 없는 ", 1);
    let long = format!("{body_line}\n\n{}", format!("{body_line} ").repeat(12));
    let grown = retitled.replacen(body_line, &long, 1);
    vec![
        ("a sentence appended", appended, true),
        ("the same paragraph again", twice, true),
        ("a glyph no page had", new_glyph, true),
        ("a heading in the contents", retitled.clone(), true),
        ("an unknown part", broken, false),
        ("fixed again", retitled, true),
        ("a page's worth added", grown, true),
        ("back to the original", original.to_string(), true),
    ]
}

/// Builds `source` through a session after each of `edits` (all of them,
/// or every other one, where cold builds are slow).
fn check_issue(source: &Path, number: u32, every: usize) {
    let (dir, md) = project_with(source, number);
    let root = dir.path().to_path_buf();
    let original = std::fs::read_to_string(&md).unwrap();
    let mut files = SourceFiles::default();
    let project = Project::open(root.clone(), None, &mut files).unwrap();
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    let mut session = Session::new(project, None, book, Default::default(), number);
    let first = session.build(&mut SourceFiles::default()).expect("builds");
    let changes = session.compare(&first.value);
    assert_eq!(changes.changed.len(), first.value.built.pages);
    let all = edits(&original);
    let last = all.len() - 1;
    let chosen = all
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i == last);
    for (_, (what, text, ok)) in chosen {
        std::fs::write(&md, &text).unwrap();
        let incremental = session.build(&mut SourceFiles::default());
        let cold = cold_build(&root, number);
        match (incremental, cold) {
            (Ok(w), Ok(cold)) => {
                assert!(ok, "issue {number}, {what}: built, but should fail");
                let r = session.compare(&w.value);
                assert!(
                    w.value.built.pdf == cold,
                    "issue {number}, {what}: the incremental PDF differs from a cold build's"
                );
                assert_eq!(r.prints.len(), w.value.built.pages);
                if let Some(p) = r.landed {
                    assert!(r.changed.contains(&p), "issue {number}, {what}: {r:?}");
                }
            }
            (Err(_), Err(_)) => assert!(!ok, "issue {number}, {what}: failed"),
            (i, c) => panic!(
                "issue {number}, {what}: incremental {} but cold {}",
                if i.is_ok() { "built" } else { "failed" },
                if c.is_ok() { "built" } else { "failed" }
            ),
        }
    }
}

#[test]
fn issue_312_edited_builds_as_cold() {
    check_issue(&manifest().join("issues/312"), 312, 1);
}

#[test]
fn corpus_issues_edited_build_as_cold() {
    // 901 is plain text; 904 has pictures of every kind.
    for n in [901, 904] {
        check_issue(&manifest().join(format!("tests/corpus/issues/{n}")), n, 2);
    }
}

#[test]
fn an_edit_lands_on_its_page_and_leaves_earlier_pages_alone() {
    let (dir, md) = project_with(&manifest().join("issues/312"), 312);
    let original = std::fs::read_to_string(&md).unwrap();
    let mut files = SourceFiles::default();
    let project = Project::open(dir.path().to_path_buf(), None, &mut files).unwrap();
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    let mut session = Session::new(project, None, book, Default::default(), 312);
    let first = session.build(&mut SourceFiles::default()).unwrap();
    session.compare(&first.value);
    // The last paragraph of the issue: on one of the last pages.
    let last = original
        .lines()
        .rfind(|l| l.chars().next().is_some_and(|c| c > '\u{AC00}'))
        .expect("a Korean paragraph line");
    std::fs::write(&md, original.replacen(last, &format!("{last} 덧붙임."), 1)).unwrap();
    let built = session.build(&mut SourceFiles::default()).unwrap().value;
    let r = session.compare(&built);
    let landed = r.landed.expect("the edit landed somewhere");
    assert!(
        landed + 3 >= built.built.pages,
        "an edit of the last paragraph landed on page {landed} of {}",
        built.built.pages
    );
    assert!(
        r.changed.iter().all(|&p| p >= landed),
        "pages before the edit changed: {:?}",
        r.changed
    );
}
