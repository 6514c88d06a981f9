//! The command line as editors, CI and archivists use it: batches with a
//! broken issue among good ones, skipping unchanged issues, rebuilding on
//! a changed input, shards, `new`, JSON diagnostics.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn kicweekly(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kicweekly"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run kicweekly")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A project with small issues 1 and 2 (good) and optionally 3 (broken).
fn project(broken: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(manifest().join("tests/fixtures/bad/good.md")).unwrap();
    for n in [1, 2] {
        let d = dir.path().join(format!("issues/{n}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("issue.md"),
            good.replace("number: 313", &format!("number: {n}")),
        )
        .unwrap();
    }
    if broken {
        let d = dir.path().join("issues/3");
        std::fs::create_dir_all(&d).unwrap();
        let bad =
            std::fs::read_to_string(manifest().join("tests/fixtures/bad/raw-html.md")).unwrap();
        std::fs::write(d.join("issue.md"), bad.replace("number: 313", "number: 3")).unwrap();
    }
    dir
}

#[test]
fn build_all_continues_past_a_broken_issue_and_fails_at_the_end() {
    let dir = project(true);
    let out = kicweekly(dir.path(), &["build", "--all", "--diagnostics", "short"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("issues/3/issue.md:33:1: error: raw HTML is not supported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("failed: issue 3 (nothing written)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 built, 0 up to date, 1 failed"),
        "{stderr}"
    );
    assert!(dir.path().join("out/1.pdf").is_file());
    assert!(dir.path().join("out/2.pdf").is_file());
    assert!(!dir.path().join("out/3.pdf").exists());
}

#[test]
fn unchanged_issues_are_skipped_and_changed_inputs_rebuild() {
    let dir = project(false);
    let p = dir.path();
    let first = kicweekly(p, &["build", "--all"]);
    assert!(
        text(&first.stderr).contains("2 built, 0 up to date, 0 failed"),
        "{}",
        text(&first.stderr)
    );
    let pdf1 = std::fs::read(p.join("out/1.pdf")).unwrap();

    let again = kicweekly(p, &["build", "--all"]);
    assert!(
        text(&again.stderr).contains("0 built, 2 up to date, 0 failed"),
        "{}",
        text(&again.stderr)
    );

    // An image added to issue 1 rebuilds issue 1 only.
    std::fs::create_dir_all(p.join("issues/1/images")).unwrap();
    std::fs::write(p.join("issues/1/images/x.png"), b"not yet used").unwrap();
    let after_image = kicweekly(p, &["build", "--all"]);
    assert!(
        text(&after_image.stderr).contains("1 built, 1 up to date"),
        "{}",
        text(&after_image.stderr)
    );

    // A project template rebuilds everything.
    std::fs::create_dir_all(p.join("templates")).unwrap();
    let template = std::fs::read_to_string(manifest().join("templates/kicweekly.yaml")).unwrap();
    std::fs::write(
        p.join("templates/kicweekly.yaml"),
        template.replace("#1b4f8c", "#8c1b1b"),
    )
    .unwrap();
    let after_template = kicweekly(p, &["build", "--all"]);
    assert!(
        text(&after_template.stderr).contains("2 built, 0 up to date"),
        "{}",
        text(&after_template.stderr)
    );
    assert_ne!(
        std::fs::read(p.join("out/1.pdf")).unwrap(),
        pdf1,
        "the new colour is in the PDF"
    );

    // A font in the project's fonts/ folder rebuilds everything.
    std::fs::create_dir_all(p.join("fonts")).unwrap();
    std::fs::copy(
        manifest().join("fonts/NotoSansCJKkr-Bold-subset.otf"),
        p.join("fonts/NotoSansCJKkr-Bold-subset.otf"),
    )
    .unwrap();
    let f = p.join("fonts/NotoSansCJKkr-Bold-subset.otf");
    let mut bytes = std::fs::read(&f).unwrap();
    bytes.extend_from_slice(&[0; 4]); // same font, different file
    std::fs::write(&f, bytes).unwrap();
    let after_font = kicweekly(p, &["build", "--all"]);
    assert!(
        text(&after_font.stderr).contains("2 built, 0 up to date"),
        "{}",
        text(&after_font.stderr)
    );

    // --force rebuilds; a changed PDF on disk is rebuilt too.
    let forced = kicweekly(p, &["build", "--all", "--force"]);
    assert!(
        text(&forced.stderr).contains("2 built"),
        "{}",
        text(&forced.stderr)
    );
    std::fs::write(p.join("out/2.pdf"), b"truncated").unwrap();
    let repaired = kicweekly(p, &["build", "--all"]);
    assert!(
        text(&repaired.stderr).contains("1 built, 1 up to date"),
        "{}",
        text(&repaired.stderr)
    );
}

#[test]
fn shards_cover_every_issue_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    for n in 1..=7 {
        std::fs::create_dir_all(dir.path().join(format!("issues/{n}"))).unwrap();
        std::fs::write(
            dir.path().join(format!("issues/{n}/issue.md")),
            "not an issue",
        )
        .unwrap();
    }
    let mut seen = vec![];
    for i in 1..=3 {
        let out = kicweekly(
            dir.path(),
            &[
                "check",
                "--all",
                "--shard",
                &format!("{i}/3"),
                "--diagnostics",
                "json",
            ],
        );
        // Each issue has several errors; each shard names its own files.
        let mut files = vec![];
        for line in text(&out.stderr).lines().filter(|l| l.starts_with('{')) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON lines");
            let file = v["file"].as_str().unwrap().to_string();
            files.push(file);
        }
        files.sort();
        files.dedup();
        seen.extend(files);
    }
    seen.sort();
    let expected: Vec<String> = (1..=7).map(|n| format!("issues/{n}/issue.md")).collect();
    assert_eq!(seen, expected);
}

#[test]
fn new_scaffolds_the_next_issue_and_refuses_to_overwrite() {
    let dir = project(false);
    let out = kicweekly(dir.path(), &["new", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let src = std::fs::read_to_string(dir.path().join("issues/3/issue.md")).unwrap();
    assert!(src.contains("number: 3\n"));
    assert!(
        src.contains("date: 2023-02-01\n"),
        "a week after issue 2: {src}"
    );
    assert!(
        src.contains("# WEEKLY 뉴스")
            && src.contains("# CHINA 창업")
            && src.contains("# KIC 중국 뉴스")
    );
    assert_eq!(
        kicweekly(dir.path(), &["check", "3"]).status.code(),
        Some(0),
        "the scaffold checks"
    );
    let again = kicweekly(dir.path(), &["new", "3"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("issues/3/issue.md")).unwrap(),
        src
    );
}

#[test]
fn unwritable_output_is_an_io_error() {
    let dir = project(false);
    std::fs::write(dir.path().join("blocker"), b"a file, not a folder").unwrap();
    let out = kicweekly(dir.path(), &["build", "1", "--out", "blocker/sub"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("cannot write"));
}

#[test]
fn help_lists_commands_exit_codes_and_examples() {
    let out = kicweekly(&manifest(), &["--help"]);
    let help = text(&out.stdout);
    for word in [
        "build",
        "check",
        "new",
        "watch",
        "Exit codes",
        "kicweekly build --all",
    ] {
        assert!(help.contains(word), "{word} in --help");
    }
    let build = text(&kicweekly(&manifest(), &["build", "--help"]).stdout);
    for flag in [
        "--all",
        "--force",
        "--shard",
        "--out",
        "--jobs",
        "--pdfa",
        "--font-path",
        "--timings",
    ] {
        assert!(build.contains(flag), "{flag} in build --help");
    }
}

/// A PDF is complete when it starts with the header and ends with %%EOF.
fn complete_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF")
}

#[test]
fn a_killed_batch_leaves_only_complete_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(manifest().join("tests/fixtures/bad/good.md")).unwrap();
    for n in 1..=40 {
        let d = dir.path().join(format!("issues/{n}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("issue.md"),
            good.replace("number: 313", &format!("number: {n}")),
        )
        .unwrap();
    }
    // An old, complete PDF that the batch will replace.
    let first = kicweekly(dir.path(), &["build", "1"]);
    assert_eq!(first.status.code(), Some(0));
    std::fs::write(
        dir.path().join("issues/1/issue.md"),
        good.replace("number: 313", "number: 1")
            .replace("본문.", "바뀐 본문."),
    )
    .unwrap();
    for delay_ms in [30, 120, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kicweekly"))
            .args(["build", "--all", "--force", "--quiet"])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        for e in std::fs::read_dir(dir.path().join("out")).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".pdf") {
                assert!(
                    complete_pdf(&std::fs::read(e.path()).unwrap()),
                    "{name} is partial after a kill at {delay_ms} ms"
                );
            }
        }
    }
    // The next run finishes the job and leaves no temporaries behind.
    let done = kicweekly(dir.path(), &["build", "--all"]);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temporaries left: {names:?}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
            .count(),
        40
    );
}

/// Starts `kicweekly watch` with `args` and `env`; its stdout and stderr
/// lines arrive on the receiver.
fn watch(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_kicweekly"))
        .arg("watch")
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let tx2 = tx.clone();
    std::thread::spawn(move || {
        stdout.lines().map_while(Result::ok).for_each(|l| {
            let _ = tx.send(l);
        })
    });
    std::thread::spawn(move || {
        stderr.lines().map_while(Result::ok).for_each(|l| {
            let _ = tx2.send(l);
        })
    });
    (child, rx)
}

/// Whether a line containing `needle` arrives within 30 seconds.
fn wait_for(rx: &std::sync::mpsc::Receiver<String>, needle: &str) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

#[test]
fn watch_rebuilds_on_save_and_survives_errors() {
    let dir = project(false);
    let (mut child, rx) = watch(dir.path(), &["1", "--diagnostics", "short"], &[]);
    assert!(wait_for(&rx, "built out/1.pdf"), "first build");
    let issue = dir.path().join("issues/1/issue.md");
    let good = std::fs::read_to_string(&issue).unwrap();
    std::fs::write(&issue, good.replace("본문.", "<b>HTML</b>")).unwrap();
    assert!(
        wait_for(&rx, "error: raw HTML is not supported"),
        "error printed, watching goes on"
    );
    std::fs::write(&issue, good.replace("본문.", "고친 본문.")).unwrap();
    assert!(wait_for(&rx, "built out/1.pdf"), "rebuilt after the fix");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// `watch` dates the PDF as `build` does: SOURCE_DATE_EPOCH when set.
#[test]
fn watch_honours_source_date_epoch() {
    let dir = project(false);
    let (mut child, rx) = watch(dir.path(), &["1"], &[("SOURCE_DATE_EPOCH", "1700000000")]);
    let built = wait_for(&rx, "built out/1.pdf");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(built, "first build");
    let pdf = std::fs::read(dir.path().join("out/1.pdf")).unwrap();
    assert!(
        String::from_utf8_lossy(&pdf).contains("/CreationDate(D:20231114"),
        "2023-11-14 from SOURCE_DATE_EPOCH, not the issue's date"
    );
}

#[test]
fn dump_prints_an_outline_and_json_with_json() {
    let dir = project(false);
    let json = kicweekly(dir.path(), &["dump", "1", "--json"]);
    assert_eq!(json.status.code(), Some(0), "{}", text(&json.stderr));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("--json is JSON");
    assert_eq!(v["front"]["number"], 1);
    assert_eq!(v["parts"][0]["name"], "WEEKLY 뉴스");

    let outline = kicweekly(dir.path(), &["dump", "1"]);
    assert_eq!(outline.status.code(), Some(0), "{}", text(&outline.stderr));
    let outline = text(&outline.stdout);
    assert!(
        serde_json::from_str::<serde_json::Value>(&outline).is_err(),
        "without --json, not JSON: {outline}"
    );
    let lines: Vec<&str> = outline.lines().map(str::trim_start).collect();
    assert!(
        lines[0].ends_with("issue 1, 2023.01.25, 주간 창업"),
        "{outline}"
    );
    for part in ["WEEKLY 뉴스", "CHINA 창업", "KIC 중국 뉴스"] {
        assert!(
            lines.iter().any(|l| l.ends_with(&format!("part {part}"))),
            "{part} in\n{outline}"
        );
    }
    assert!(outline.contains("article 1 "), "{outline}");
    assert!(outline.contains("paragraph 본문."), "{outline}");
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn png_renders_every_page_and_the_cover_card_from_the_pdf() {
    let dir = project(false);
    let out = kicweekly(dir.path(), &["build", "1", "--png", "36", "--quiet"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pdf = std::fs::read(dir.path().join("out/1.pdf")).unwrap();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    let images = dir.path().join("out/1/pages");
    for p in 1..=pages {
        let png = std::fs::read(images.join(format!("page-{p:02}.png"))).unwrap();
        // A4 at 36 dpi: 297.6 × 421 px.
        let (w, h) = png_size(&png);
        assert!(
            (297..=299).contains(&w) && (420..=422).contains(&h),
            "{w}×{h}"
        );
    }
    assert!(!images.join(format!("page-{:02}.png", pages + 1)).exists());
    let card = std::fs::read(dir.path().join("out/1/card.png")).unwrap();
    assert_eq!(png_size(&card).0, 1200);
    // A resolution out of range is a usage error, and says so.
    let bad = kicweekly(dir.path(), &["build", "1", "--png", "5"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--png"));
}
