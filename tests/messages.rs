//! Messages an editor can act on, each as the command line prints it:
//! where a part starts, every missing front-matter field at once, what
//! made a code block, a damaged picture in plain words, the whole of
//! `--pdfa`'s help, and `dump --json`'s table of files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn good() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/good.md");
    std::fs::read_to_string(path).unwrap()
}

/// A project with `issues/313/issue.md` holding `text`.
fn project(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join("issues/313");
    std::fs::create_dir_all(&issue).unwrap();
    std::fs::write(issue.join("issue.md"), text).unwrap();
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

/// `check 313 --diagnostics short` on `text`: the error and warning lines.
fn check(text: &str) -> Vec<String> {
    let dir = project(text);
    let out = kicweekly(dir.path(), &["check", "313", "--diagnostics", "short"]);
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn text_before_the_first_part_says_to_start_a_part_with_one_hash() {
    let src = good().replace("\n# WEEKLY 뉴스\n", "\n머리말.\n\n# WEEKLY 뉴스\n");
    let lines = check(&src);
    let line = lines
        .iter()
        .find(|l| l.contains("error: text before the first part"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(line.starts_with("issues/313/issue.md:17:1: "), "{line}");
    assert!(
        line.contains("start a part with `# WEEKLY 뉴스` above it"),
        "{line}"
    );
}

#[test]
fn every_missing_front_matter_field_is_reported_at_once() {
    let src = good()
        .replace("title: 주간 창업\n", "")
        .replace("  email: info@kicchina.org\n", "")
        .replace("  phone: \"+86-010-6780-8840\"\n", "")
        .replace(
            "back_cover:\n  title: 주간 중국 창업\n  subscribe: \"구독방법: 공식메일 info@kicchina.org로 신청\"\n",
            "",
        );
    let lines = check(&src);
    let errors: Vec<&String> = lines.iter().filter(|l| l.contains(": error: ")).collect();
    let expect = [
        ("1:1", "title", "add `title: 주간 창업`"),
        (
            "1:1",
            "back_cover",
            "add `back_cover:` with title and subscribe indented under it",
        ),
        (
            "4:1",
            "publisher.phone",
            "add `  phone: \"+86-010-6780-8840\"` under `publisher`",
        ),
        (
            "4:1",
            "publisher.email",
            "add `  email: info@kicchina.org` under `publisher`",
        ),
    ];
    assert_eq!(errors.len(), expect.len(), "{lines:#?}");
    for (at, field, hint) in expect {
        let prefix = format!("issues/313/issue.md:{at}: error: the front matter has no `{field}`");
        let line = errors
            .iter()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} in {lines:#?}"));
        assert!(line.contains(hint), "{line}");
    }
}

#[test]
fn a_code_block_error_names_the_fence_that_made_it() {
    let src = good().replace("## 행사\n\n본문.", "## 행사\n\n본문.\n\n~~~\n코드\n~~~");
    let lines = check(&src);
    let line = lines
        .iter()
        .find(|l| l.contains("error: a code block is not supported"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(
        line.contains("the fence ~~~ on this line starts a code block"),
        "{line}"
    );
    assert!(line.contains("delete the ~~~ line here"), "{line}");
}

/// A picture cut short (an interrupted copy): its header still reads, so
/// only the PDF writer failed, in its decoder's words. Now `check` says
/// it is damaged, at the image line, in an editor's words.
#[test]
fn a_damaged_picture_is_reported_without_decoder_internals() {
    let png = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus/issues/901/images/funding-chart.png"),
    )
    .unwrap();
    for (name, bytes, format) in [
        ("cut.png", png[..png.len() / 2].to_vec(), "PNG"),
        ("junk.png", b"\x89PNG\r\n\x1a\n garbage".to_vec(), "PNG"),
        ("cut.jpg", b"\xff\xd8\xff\xe0 truncated".to_vec(), "JPEG"),
    ] {
        let src = good().replace(
            "## 행사\n\n본문.",
            &format!("## 행사\n\n본문.\n\n![장면](images/{name})\n사진: 출처: 행사"),
        );
        let dir = project(&src);
        let images = dir.path().join("issues/313/images");
        std::fs::create_dir_all(&images).unwrap();
        std::fs::write(images.join(name), bytes).unwrap();
        for cmd in ["check", "build"] {
            let out = kicweekly(dir.path(), &[cmd, "313", "--diagnostics", "short"]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            let expected = format!(
                "issues/313/issue.md:35:1: error: image `images/{name}` is damaged or not a {format}"
            );
            assert!(stderr.contains(&expected), "{name}, {cmd}: {stderr}");
            for internal in [
                "Format error",
                "chunk",
                "IHDR",
                "I/O",
                "ImageRepr",
                "refused",
            ] {
                assert!(!stderr.contains(internal), "{name}: {stderr}");
            }
            assert!(stderr.contains("save it again"), "{stderr}");
        }
    }
}

#[test]
fn the_pdfa_help_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    for flag in ["-h", "--help"] {
        let out = kicweekly(dir.path(), &["build", flag]);
        let help = String::from_utf8_lossy(&out.stdout);
        let words = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains(
                "--pdfa Write PDF/A-2u (archival). If the issue cannot be written so \
                 (a character no font has, say), the build fails and says why"
            ),
            "{help}"
        );
    }
}

#[test]
fn dump_json_carries_the_table_of_files_its_spans_refer_to() {
    let dir = project(&good());
    let out = kicweekly(dir.path(), &["dump", "313", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().expect("a table of files");
    let path_of = |id: u64| {
        files
            .iter()
            .find(|f| f["id"] == id)
            .and_then(|f| f["path"].as_str())
            .map(str::to_string)
    };
    // Every span names a file in the table: the issue's own, here.
    let mut ids = vec![];
    fn spans(v: &serde_json::Value, ids: &mut Vec<u64>) {
        match v {
            serde_json::Value::Object(m) => {
                // Line 0: an optional field left out, no place in a file.
                if let (Some(f), Some(line)) = (m.get("file"), m.get("line"))
                    && line != 0
                {
                    ids.push(f.as_u64().unwrap());
                }
                m.values().for_each(|v| spans(v, ids));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| spans(v, ids)),
            _ => {}
        }
    }
    spans(&v["parts"], &mut ids);
    spans(&v["front"], &mut ids);
    assert!(ids.len() > 10);
    ids.sort();
    ids.dedup();
    let paths: Vec<_> = ids.iter().map(|&id| path_of(id)).collect();
    assert_eq!(paths, [Some("issues/313/issue.md".to_string())]);
}
