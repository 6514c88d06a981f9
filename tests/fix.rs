//! `kicweekly fix` on raw copy as an editor receives it
//! (`tests/fixtures/raw/issue.md`: a source on each title line, typed
//! numbers, parts at level 2, `(*… 편집자 주: …)` notes, `*출처: 1. …`,
//! Word bullets and a first-line indent, bare addresses, `<Forbes>`,
//! full-width digits): every rewrite lands in the file, the issue then
//! builds without a warning, `--dry-run` writes nothing, a second run
//! changes nothing, and what fix is not sure of stays a diagnostic that
//! says what to do.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn raw() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/raw/issue.md");
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
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run kicweekly")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn issue(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("issues/313/issue.md")).unwrap()
}

#[test]
fn raw_copy_is_rewritten_into_the_format_and_builds() {
    let dir = project(&raw());
    let out = kicweekly(dir.path(), &["fix", "313"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with("--- a/issues/313/issue.md\n+++ b/issues/313/issue.md\n@@ "),
        "{stdout}"
    );
    assert!(stderr.contains("fixed issues/313/issue.md:"), "{stderr}");
    let fixed = issue(dir.path());
    for expected in [
        // Parts at level 1; sources under their titles; no typed numbers.
        "\n# WEEKLY 뉴스\n\n## 선전시, 저고도 경제 육성 조례 시행\n\n— 선전특구보(深圳特区报)\n\n",
        "\n## 항저우, 바이오 스타트업 전용 펀드 조성\n\n— 절강일보(浙江日报)\n\n",
        "\n# CHINA 창업\n\n## 【시장분석】 2023 중국 소비 트렌드 전망\n\n",
        "\n# KIC 중국 뉴스\n\n## KIC 중국, 한중 스타트업 데모데이 개최\n\n",
        // A sub-head written at level 2 is a sub-head.
        "\n### 2) 기대 효과\n",
        // Full-width digits and letters, in ASCII.
        "선전시는 2023년 2월부터",
        "AI 기반 관제 플랫폼",
        // The first-line indent is gone, its bare URL a link.
        "\n조례는 드론 제조사에 대한 보조금과 함께 시험 비행장 건설을 지원한다. \
         자세한 내용은 <https://www.sz.gov.cn/cn/xxgk/zfxxgj/> 에서 볼 수 있다.\n",
        // Captions without their numbers.
        "\n사진: 출처: 선전특구보(深圳特区报), 드론 물류 시험 비행 장면\n",
        "\n표: 출처: 항저우시정부(杭州市政府)\n",
        // Word bullets.
        "\n- 저고도 공역 지정과 비행 승인 절차 간소화\n- 드론 물류 시범 노선 100개 구축\n- eVTOL",
        // Notes in both old forms.
        "\n> 저고도 경제 편집자 주: 고도 1000m 이하의 공역에서",
        "\n> 정서적 가치 편집자 주: 제품의 기능보다 소비자가 느끼는 위안과 만족을 중시하는 소비 성향이다.\n",
        // Sources.
        "\n출처:\n1. 36Kr(36氪) 2023 消费趋势报告\n2. 한경 IT·과학 \"소비의 중심이 바뀐다\"\n",
        "\n출처: KIC 중국\n",
        // Addresses and a title in angle brackets.
        "문의는 <bio@hangzhou.example.org> 로",
        "[www.kicchina.org](http://www.kicchina.org) 에서",
        "조성한다. \\<Forbes>는",
    ] {
        assert!(
            fixed.contains(expected),
            "missing {expected:?} in:\n{fixed}"
        );
    }
    for gone in [
        "## 1.",
        "## WEEKLY",
        "(*",
        "*출처",
        "•",
        "사진 1)",
        "표 1)",
        "２",
        "Ａ",
        "\t",
    ] {
        assert!(!fixed.contains(gone), "{gone:?} left in:\n{fixed}");
    }
    // It checks clean and builds.
    let check = kicweekly(dir.path(), &["check", "313"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert_eq!(text(&check.stderr), "", "no diagnostics left");
    let build = kicweekly(dir.path(), &["build", "313"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    assert!(dir.path().join("out/313.pdf").is_file());
    // And reads as the format means it.
    let dump = text(&kicweekly(dir.path(), &["dump", "313"]).stdout);
    for line in [
        "article 1 선전시, 저고도 경제 육성 조례 시행",
        "source 선전특구보(深圳特区报)",
        "figure 사진 1) 출처: 선전특구보(深圳特区报)",
        "subhead 1 2) 기대 효과",
        "list bullet, 3 items",
        "editor's note",
        "table 3 columns, 1 rows, 표 1) 출처: 항저우시정부(杭州市政府)",
        "article 1 【시장분석】 2023 중국 소비 트렌드 전망",
        "1. 36Kr(36氪) 2023 消费趋势报告",
        "2. 한경 IT·과학",
    ] {
        assert!(dump.contains(line), "no {line:?} in:\n{dump}");
    }
}

#[test]
fn dry_run_shows_the_diff_and_changes_nothing() {
    let dir = project(&raw());
    let out = kicweekly(dir.path(), &["fix", "313", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let diff = text(&out.stdout);
    assert!(
        diff.contains("\n-## 1. 선전시, 저고도 경제 육성 조례 시행 — 선전특구보(深圳特区报)\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n+## 선전시, 저고도 경제 육성 조례 시행\n"),
        "{diff}"
    );
    assert!(text(&out.stderr).contains("--dry-run: not written"));
    assert_eq!(issue(dir.path()), raw());
    let names: Vec<_> = std::fs::read_dir(dir.path().join("issues/313"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["issue.md"], "no temporary file left");
}

#[test]
fn a_second_fix_changes_nothing() {
    let dir = project(&raw());
    assert_eq!(
        kicweekly(dir.path(), &["fix", "313"]).status.code(),
        Some(0)
    );
    let once = issue(dir.path());
    let again = kicweekly(dir.path(), &["fix", "313"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(text(&again.stdout), "", "no diff");
    assert!(text(&again.stderr).contains("nothing to fix"));
    assert_eq!(issue(dir.path()), once);
}

#[test]
fn check_fix_fixes_then_checks() {
    let dir = project(&raw());
    let out = kicweekly(dir.path(), &["check", "313", "--fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("issue 313: ok — 3 parts, 4 articles"));
    assert!(issue(dir.path()).contains("\n# WEEKLY 뉴스\n"));
    // What is left is printed once, by check.
    let dir = project(&raw().replace("<Forbes>는", "<Time>은"));
    let out = kicweekly(
        dir.path(),
        &["check", "313", "--fix", "--diagnostics", "short"],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("error: raw HTML is not supported").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of 1 issues failed the check"),
        "{stderr}"
    );
    assert!(issue(dir.path()).contains("\n# WEEKLY 뉴스\n"));
}

/// `check --diagnostics json` carries each fix: what it does, whether it
/// is certain, and its edits' byte offsets, places and replacement text,
/// enough for an editor plugin to apply them.
#[test]
fn json_diagnostics_carry_the_replacement() {
    let src = raw();
    let dir = project(&src);
    let out = kicweekly(dir.path(), &["check", "313", "--diagnostics", "json"]);
    let lines: Vec<serde_json::Value> = text(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect();
    assert!(lines.len() > 15, "{lines:#?}");
    for d in &lines {
        let fix = &d["fix"];
        assert_eq!(fix["applicability"], "machine-applicable", "{d}");
        assert!(!fix["edits"].as_array().unwrap().is_empty(), "{d}");
    }
    let forbes = lines
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("<Forbes>"))
        .expect("the <Forbes> warning");
    let edit = &forbes["fix"]["edits"][0];
    let at = edit["start"].as_u64().unwrap() as usize;
    assert_eq!(edit["end"], edit["start"]);
    assert_eq!(edit["replacement"], "\\");
    assert!(src[at..].starts_with("<Forbes>는"));
    assert_eq!(edit["line"], forbes["line"]);
    assert_eq!(edit["column"], forbes["column"]);
    assert_eq!(edit["file"], "issues/313/issue.md");
    // A moved source: one edit that puts it on its own line.
    let source = lines
        .iter()
        .find(|d| d["message"] == "the article's source is on its title line")
        .unwrap();
    assert_eq!(
        source["fix"]["edits"][0]["replacement"],
        "\n\n— 선전특구보(深圳特区报)"
    );
}

/// What could mean two things is not rewritten: it stays a diagnostic
/// with a hint, and its fix, shown as `help:`, is only a suggestion.
#[test]
fn what_fix_is_not_sure_of_stays_a_diagnostic() {
    let src = raw()
        .replace(
            "## 2. 항저우, 바이오 스타트업 전용 펀드 조성 — 절강일보(浙江日报)",
            "### 2. 항저우, 바이오 스타트업 전용 펀드 조성 — 절강일보(浙江日报)",
        )
        .replace("<Forbes>는", "<Time>은")
        .replace(
            "(*정서적 가치: 제품의 기능보다 소비자가 느끼는 위안과 만족을 중시하는 소비 성향이다. -편집자 주)",
            "*정서적 가치: 위안과 만족을 중시하는 소비 성향이다.",
        );
    let dir = project(&src);
    let out = kicweekly(dir.path(), &["fix", "313", "--diagnostics", "short"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "an error is left: {stderr}");
    assert!(
        stderr.contains("1 error is left for a person to fix"),
        "{stderr}"
    );
    let fixed = issue(dir.path());
    for kept in [
        "\n### 2. 항저우, 바이오 스타트업 전용 펀드 조성 — 절강일보(浙江日报)\n",
        "<Time>은",
        "\n*정서적 가치: 위안과 만족을 중시하는 소비 성향이다.\n",
    ] {
        assert!(fixed.contains(kept), "{kept:?} was rewritten:\n{fixed}");
    }
    for (said, help) in [
        (
            "error: raw HTML is not supported",
            "if it is a title, escape the `<`",
        ),
        (
            "warning: level-3 heading read as a sub-head",
            "make it an article title (`##`): `## 2. 항저우",
        ),
        (
            "warning: an editor's note written as text",
            "> 정서적 가치 편집자 주: 위안과 만족을",
        ),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(said))
            .unwrap_or_else(|| panic!("no {said:?} in:\n{stderr}"));
        assert!(line.contains("(hint: "), "{line}");
        assert!(line.contains(help), "{line}");
    }
    // In JSON the three are suggestions, not fixes to apply.
    let json = kicweekly(dir.path(), &["check", "313", "--diagnostics", "json"]);
    let maybe = text(&json.stderr)
        .lines()
        .filter(|l| l.contains("\"maybe-incorrect\""))
        .count();
    assert_eq!(maybe, 3, "{}", text(&json.stderr));
}

/// Pasted with no front matter at all: the body is still fixed, and the
/// one error left says how to add the front matter.
#[test]
fn without_a_front_matter_the_body_is_still_fixed() {
    let body = raw();
    let body = &body[body.find("\n## WEEKLY").unwrap()..];
    let dir = project(body);
    let out = kicweekly(dir.path(), &["fix", "313", "--diagnostics", "short"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        issue(dir.path())
            .contains("\n# WEEKLY 뉴스\n\n## 선전시, 저고도 경제 육성 조례 시행\n\n— 선전특구보")
    );
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains("missing front matter"), "{stderr}");
    assert!(errors[0].contains("kicweekly new"), "{stderr}");
}

/// Raw copy taken from a printed issue brings its cover, contents page
/// and back cover typed out. Each is one error that says to delete it
/// (after moving what it says into the front matter), with the deletion
/// as a suggestion; nothing inside them is reported on its own (the
/// contents' `<b>` tags). With the suggestions applied, as an editor's
/// plugin would apply them from the JSON, the issue builds.
#[test]
fn a_typed_cover_contents_and_back_cover_are_one_error_each() {
    let src = raw();
    let (front, body) = src.split_at(src.find("\n## WEEKLY").unwrap());
    let src = format!(
        "{front}\n# 주간 창업\n\n313 편\n\n2023.01.25\n\n# 목록\n\n\
         <b>WEEKLY</b>\t선전시, 저고도 경제 육성 조례 시행\tP1\n\
         <b>뉴스</b>\t항저우, 바이오 스타트업 전용 펀드 조성\tP3\n\
         {body}\n# 주간 중국 창업\n\n구독방법: 공식메일 info@kicchina.org로 신청\n"
    );
    let dir = project(&src);
    let out = kicweekly(dir.path(), &["fix", "313", "--diagnostics", "short"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    let expect = [
        "issues/313/issue.md:17:3: error: `# 주간 창업` starts a typed cover",
        "issues/313/issue.md:23:3: error: `# 목록` starts a typed contents page",
        ": error: `# 주간 중국 창업` starts a typed back cover",
    ];
    assert_eq!(errors.len(), expect.len(), "{stderr}");
    for (line, expected) in errors.iter().zip(expect) {
        assert!(line.contains(expected), "{line}");
        assert!(line.contains("(hint: delete lines "), "{line}");
    }
    assert!(
        errors[0].contains("delete lines 17–22, once the front matter has"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("delete lines 23–27)"), "{}", errors[1]);
    // Apply the suggestions as a plugin would, from the end of the file.
    let json = kicweekly(dir.path(), &["check", "313", "--diagnostics", "json"]);
    let mut edits: Vec<(usize, usize, String)> = text(&json.stderr)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["fix"]["applicability"] == "maybe-incorrect")
        .flat_map(|d| d["fix"]["edits"].as_array().unwrap().clone())
        .map(|e| {
            let at = |k: &str| e[k].as_u64().unwrap() as usize;
            (
                at("start"),
                at("end"),
                e["replacement"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(edits.len(), 3);
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut fixed = issue(dir.path());
    for (start, end, with) in edits {
        fixed.replace_range(start..end, &with);
    }
    assert!(!fixed.contains("# 목록") && !fixed.contains("주간 중국 창업\n\n구독"));
    std::fs::write(dir.path().join("issues/313/issue.md"), fixed).unwrap();
    let build = kicweekly(dir.path(), &["build", "313"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
}
