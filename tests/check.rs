//! `kicweekly check` on bad inputs: each fixture under tests/fixtures/bad
//! must fail with exit code 1 and the exact location and message an editor
//! needs, and nothing may be written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

/// A project in a temporary folder with `issues/<folder>/issue.md`.
fn project_with(folder: &str, source: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let issue = dir.path().join("issues").join(folder);
    std::fs::create_dir_all(&issue).expect("issue dir");
    std::fs::copy(source, issue.join("issue.md")).expect("copy fixture");
    dir
}

fn kicweekly(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kicweekly"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run kicweekly")
}

/// Runs `check 313 --diagnostics short` on a fixture and returns stderr.
fn check_fails(name: &str) -> String {
    let dir = project_with("313", &fixture(name));
    let out = kicweekly(dir.path(), &["check", "313", "--diagnostics", "short"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: expected exit 1, got {:?}\n{stderr}",
        out.status
    );
    assert!(
        out.stdout.is_empty(),
        "{name}: nothing on stdout for a failed check"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("issues")],
        "{name}: check wrote files"
    );
    stderr
}

fn assert_line(stderr: &str, expected: &str) {
    assert!(
        stderr.lines().any(|l| l.starts_with(expected)),
        "expected a line starting with\n  {expected}\ngot:\n{stderr}"
    );
}

macro_rules! bad_input {
    ($test:ident, $file:literal, $($expected:literal),+) => {
        #[test]
        fn $test() {
            let stderr = check_fails($file);
            $(assert_line(&stderr, $expected);)+
        }
    };
}

bad_input!(
    missing_front_matter,
    "missing-front-matter.md",
    "issues/313/issue.md:1:1: error: missing front matter: the file must start with a `---` line"
);
bad_input!(
    malformed_front_matter,
    "malformed-front-matter.md",
    "issues/313/issue.md:4:8: error: invalid front matter:"
);
bad_input!(
    wrong_field_type,
    "wrong-field-type.md",
    "issues/313/issue.md:2:9: error: invalid front matter: expected a whole number here"
);
bad_input!(
    unknown_field,
    "unknown-field.md",
    "issues/313/issue.md:5:1: error: invalid front matter: unknown field `subtitle`"
);
bad_input!(
    unknown_part,
    "unknown-part.md",
    "issues/313/issue.md:23:3: error: unknown part `엉뚱한 파트`: expected one of: WEEKLY 뉴스, CHINA 창업, KIC 중국 뉴스",
    "issues/313/issue.md:29:3: error: part `CHINA 창업` is missing"
);
bad_input!(
    duplicated_part,
    "duplicated-part.md",
    "issues/313/issue.md:35:3: error: part `KIC 중국 뉴스` appears twice: `KIC 중국 뉴스` already began on line 29"
);
bad_input!(
    misordered_part,
    "misordered-part.md",
    "issues/313/issue.md:29:3: error: part `CHINA 창업` is out of order: `CHINA 창업` must come before `KIC 중국 뉴스`"
);
bad_input!(
    article_outside_part,
    "article-outside-part.md",
    "issues/313/issue.md:17:4: error: article outside a part"
);
bad_input!(
    empty_part,
    "empty-part.md",
    "issues/313/issue.md:23:3: error: part `CHINA 창업` is empty"
);
bad_input!(
    missing_image,
    "missing-image.md",
    "issues/313/issue.md:33:1: error: image `images/none.jpg` not found: there is no issues/313/images/none.jpg"
);
bad_input!(
    raw_html,
    "raw-html.md",
    "issues/313/issue.md:33:1: error: raw HTML is not supported",
    "issues/313/issue.md:33:6: error: raw HTML is not supported"
);
bad_input!(
    code_block,
    "code-block.md",
    "issues/313/issue.md:33:1: error: a code block is not supported"
);
bad_input!(
    too_deep_heading,
    "too-deep-heading.md",
    "issues/313/issue.md:33:1: error: level-6 heading is too deep"
);
bad_input!(
    invalid_utf8,
    "invalid-utf8.md",
    "issues/313/issue.md:33:1: error: invalid UTF-8 at byte 550"
);
bad_input!(
    number_mismatch,
    "number-mismatch.md",
    "issues/313/issue.md:2:9: error: issue number 314 does not match its folder: the folder is issues/313"
);
bad_input!(yaml_bomb, "yaml-bomb.md", "issues/313/issue.md:");
bad_input!(
    deep_nesting,
    "deep-nesting.md",
    "issues/313/issue.md:33:25: error: nesting is too deep"
);

#[test]
fn human_diagnostics_show_the_line_and_a_caret() {
    let dir = project_with("313", &fixture("unknown-part.md"));
    let out = kicweekly(dir.path(), &["check", "313"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("┌─ issues/313/issue.md:23:3"), "{stderr}");
    assert!(stderr.contains("# 엉뚱한 파트"), "{stderr}");
    assert!(stderr.contains("^^^^^^^^^^^"), "{stderr}");
    assert!(stderr.contains("hint: fix the heading"), "{stderr}");
}

#[test]
fn json_diagnostics_are_one_object_per_line() {
    let dir = project_with("313", &fixture("raw-html.md"));
    let out = kicweekly(dir.path(), &["check", "313", "--diagnostics", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let objects: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["file"], "issues/313/issue.md");
    assert_eq!(objects[0]["line"], 33);
    assert_eq!(objects[0]["column"], 1);
    assert_eq!(objects[0]["severity"], "error");
}

/// Characters count what will be printed, without spaces: part names and
/// generated article numbers included (22 + 12 + 3 + 11 + 3 + 4 + 3).
#[test]
fn good_issue_passes_with_a_summary() {
    let dir = project_with("313", &fixture("good.md"));
    let out = kicweekly(dir.path(), &["check", "313"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.trim(),
        "issue 313: ok — 3 parts, 3 articles, 0 figures, 0 tables, 58 characters"
    );
}

#[test]
fn the_same_issue_number_twice_is_an_error() {
    let dir = project_with("313", &fixture("good.md"));
    let twin = dir.path().join("issues/0313");
    std::fs::create_dir_all(&twin).unwrap();
    std::fs::copy(fixture("good.md"), twin.join("issue.md")).unwrap();
    let out = kicweekly(dir.path(), &["check", "--all", "--diagnostics", "short"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: issue 313 appears twice"),
        "{stderr}"
    );
}

#[test]
fn project_is_found_from_a_subfolder_and_with_root() {
    let dir = project_with("313", &fixture("good.md"));
    let sub = dir.path().join("issues/313");
    assert_eq!(kicweekly(&sub, &["check", "313"]).status.code(), Some(0));
    let elsewhere = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    assert_eq!(
        kicweekly(elsewhere.path(), &["--root", root, "check", "313"])
            .status
            .code(),
        Some(0)
    );
    let none = kicweekly(elsewhere.path(), &["check", "313"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no kicweekly project here"));
}

#[test]
fn issue_312_checks() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = kicweekly(Path::new(root), &["check", "312"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("issue 312: ok — 3 parts, 7 articles, 10 figures")
    );
}

#[test]
fn a_damaged_image_is_an_error_not_a_hole_in_the_pdf() {
    let dir = project_with("313", &fixture("missing-image.md"));
    let images = dir.path().join("issues/313/images");
    std::fs::create_dir_all(&images).unwrap();
    std::fs::write(images.join("none.jpg"), b"\xff\xd8\xff\xe0 truncated jpeg").unwrap();
    let out = kicweekly(dir.path(), &["build", "313", "--diagnostics", "short"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("issues/313/issue.md:33:1: error: image `images/none.jpg` is damaged"),
        "{stderr}"
    );
    assert!(!dir.path().join("out/313.pdf").exists());
}

#[test]
fn a_wrong_number_is_reported_with_the_other_errors() {
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join("issues/313");
    std::fs::create_dir_all(&issue).unwrap();
    let text = std::fs::read_to_string(fixture("raw-html.md")).unwrap();
    std::fs::write(
        issue.join("issue.md"),
        text.replace("number: 313", "number: 314"),
    )
    .unwrap();
    let out = kicweekly(dir.path(), &["check", "313", "--diagnostics", "short"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_line(
        &stderr,
        "issues/313/issue.md:2:9: error: issue number 314 does not match its folder",
    );
    assert_line(
        &stderr,
        "issues/313/issue.md:33:1: error: raw HTML is not supported",
    );
}

/// A project whose issue 313 has U+E000 (private use, in no bundled face)
/// in a paragraph.
fn project_with_a_missing_glyph() -> tempfile::TempDir {
    let dir = project_with("313", &fixture("good.md"));
    let issue = dir.path().join("issues/313/issue.md");
    let good = std::fs::read_to_string(&issue).unwrap();
    std::fs::write(
        &issue,
        good.replace("## 행사\n\n본문.", "## 행사\n\n본문 \u{e000} 끝."),
    )
    .unwrap();
    dir
}

/// `check` runs every stage but the PDF writer, so it warns about what
/// layout finds, exactly as `build` does: here a character no font has.
#[test]
fn check_warns_like_build_about_a_character_no_font_has() {
    use kicweekly::diag::SourceFiles;
    use kicweekly::project::Project;
    let dir = project_with_a_missing_glyph();
    let open = || {
        let mut files = SourceFiles::default();
        let project = Project::open(dir.path().to_path_buf(), None, &mut files).unwrap();
        (project, files)
    };
    let (project, mut files) = open();
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    if book
        .face_for(kicweekly::fonts::Role::Serif, '\u{e000}')
        .is_some()
    {
        return; // a system font on this machine has it
    }
    let checked = kicweekly::check(&project, &book, 313, &mut files).expect("313 checks");
    let (project, mut build_files) = open();
    let built = kicweekly::build(&project, &book, 313, &mut build_files, &Default::default())
        .expect("313 builds");
    assert_eq!(checked.warnings.0, built.warnings.0);
    let warning = checked
        .warnings
        .0
        .iter()
        .find(|w| w.message == "no font has the character `\u{e000}` (U+E000): it prints as a box")
        .expect("the missing glyph is reported");
    let span = warning.span.unwrap();
    assert_eq!(&files.get(span.file).text[span.start..span.end], "\u{e000}");
    assert_eq!(checked.value.pages, built.value.pages);
}

/// The same through the command line: `check` prints the warning lines
/// `build` prints, and succeeds.
#[test]
fn check_command_prints_builds_warnings() {
    let dir = project_with_a_missing_glyph();
    let args = ["313", "--diagnostics", "short"];
    let check = kicweekly(dir.path(), &[&["check"][..], &args].concat());
    let build = kicweekly(dir.path(), &[&["build"][..], &args].concat());
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(build.status.code(), Some(0));
    let warnings = |out: &Output| -> Vec<String> {
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.contains(": warning: "))
            .map(str::to_string)
            .collect()
    };
    let from_check = warnings(&check);
    if from_check.is_empty() && warnings(&build).is_empty() {
        return; // a system font on this machine has U+E000
    }
    assert_eq!(from_check, warnings(&build));
    assert!(
        from_check
            .iter()
            .any(|l| l.starts_with("issues/313/issue.md:33:4: warning: no font has the character")),
        "{from_check:?}"
    );
}
