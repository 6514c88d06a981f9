//! The font book: every Korean, Han and kana character and every KS X 1001
//! symbol is set from a bundled face of the run's family, whatever fonts the
//! machine has; what no bundled face has is reported, and the machine's
//! fonts are looked at only with `--system-fonts`.

use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

use kicweekly::diag::SourceFiles;
use kicweekly::fonts::{Fallback, Family, FontBook, Role};
use kicweekly::project::Project;
use kicweekly::template::{Color, DEFAULT_TEMPLATE, Faces, Template};
use kicweekly::text::shape::{Style, StyledText, shape};

const ROLES: [Role; 4] = [Role::Serif, Role::SerifBold, Role::Sans, Role::SansBold];

/// The default template's faces.
fn faces() -> Faces {
    let mut files = SourceFiles::default();
    let t = files.add("t.yaml".into(), DEFAULT_TEMPLATE.into());
    Template::parse(&files, t).expect("default template").faces
}

/// The bundled faces only: no project fonts, no `--font-path`, no system.
static BOOK: LazyLock<FontBook> = LazyLock::new(|| {
    FontBook::load(&faces(), Path::new("/nonexistent"), &[]).expect("bundled fonts")
});

fn styled(text: &str, role: Role) -> StyledText {
    let style = Style {
        role,
        size: 10.0,
        color: Color::rgb([0, 0, 0]),
        link: None,
    };
    let mut s = StyledText::default();
    s.push(text, style, Default::default());
    s
}

/// Blocks every family must cover, with their unassigned code points
/// (Unicode 14) left out.
const REQUIRED: [(u32, u32, &[u32]); 9] = [
    (0x1100, 0x11FF, &[]),                       // Hangul Jamo
    (0x3130, 0x318F, &[0x3130, 0x318F]),         // compatibility jamo
    (0xA960, 0xA97F, &[0xA97D, 0xA97E, 0xA97F]), // Jamo Extended-A
    (
        0xD7B0,
        0xD7FF,
        &[
            0xD7C7, 0xD7C8, 0xD7C9, 0xD7CA, 0xD7FC, 0xD7FD, 0xD7FE, 0xD7FF,
        ],
    ), // Extended-B
    (0xAC00, 0xD7A3, &[]),                       // Hangul syllables
    (0x3400, 0x4DBF, &[]),                       // CJK Extension A
    (0x4E00, 0x9FFF, &[]),                       // CJK Unified Ideographs
    (0x3040, 0x30FF, &[0x3040, 0x3097, 0x3098]), // hiragana, katakana
    (0x31F0, 0x31FF, &[]),                       // katakana extensions
];

/// Han characters of Unicode 11–14 that no face of Debian's fonts-noto-cjk
/// (Noto Serif CJK 2.001, Noto Sans CJK 2.004) draws, so no bundled face
/// has: Extension A's last ten (Unicode 13) and the end of the URO.
/// Noto Sans CJK has U+9FEB–9FEF (Unicode 11), Noto Serif CJK does not:
/// in a serif run they come from the sans faces.
fn not_in_noto_cjk(family: Family, c: u32) -> bool {
    let serif_only = family == Family::Serif && (0x9FEB..=0x9FEF).contains(&c);
    (0x4DB6..=0x4DBF).contains(&c) || (0x9FF0..=0x9FFF).contains(&c) || serif_only
}

/// KS X 1001 less its Hangul syllables and Hanja: 987 punctuation marks,
/// symbols, jamo, Latin, Greek, Cyrillic and kana (make-subsets.py writes
/// the list from Python's euc_kr codec).
fn ksx1001_symbols() -> Vec<char> {
    include_str!("../fonts/ksx1001-symbols.txt")
        .lines()
        .filter_map(|l| l.strip_prefix("U+"))
        .map(|l| u32::from_str_radix(&l[..4], 16).expect("hex code point"))
        .map(|c| char::from_u32(c).expect("a character"))
        .collect()
}

#[test]
fn every_korean_han_and_kana_character_and_ksx1001_symbol_is_in_each_family() {
    let book = &*BOOK;
    let symbols = ksx1001_symbols();
    assert_eq!(symbols.len(), 987);
    let mut wanted: Vec<char> = REQUIRED
        .iter()
        .flat_map(|&(lo, hi, unassigned)| (lo..=hi).filter(move |c| !unassigned.contains(c)))
        .map(|c| char::from_u32(c).unwrap())
        .collect();
    wanted.extend(symbols);
    for role in ROLES {
        let family = role.family();
        let mut wrong = Vec::new();
        let mut gaps = Vec::new();
        for &c in &wanted {
            let face = book.face_for(role, c);
            let ok = face.is_some_and(|f| book.family(f) == Some(family));
            if not_in_noto_cjk(family, c as u32) {
                gaps.push(c);
            } else if !ok {
                wrong.push(format!(
                    "U+{:04X} {c} {:?}",
                    c as u32,
                    face.map(|f| &book.face(f).name)
                ));
            }
        }
        assert!(
            wrong.is_empty(),
            "{role:?}: {} characters not from a bundled {family:?} face: {:?}",
            wrong.len(),
            &wrong[..wrong.len().min(20)]
        );
        // The known gaps are still gaps (else the list above is stale).
        for c in gaps {
            let face = book.face_for(role, c);
            assert!(
                face.is_none_or(|f| book.family(f) != Some(family)),
                "U+{:04X} is now in a {family:?} face: update not_in_noto_cjk",
                c as u32
            );
        }
    }
}

/// Rare Han of Chinese names, Cantonese, kana: in a serif regular and in a
/// sans bold run, each from a bundled face of the run's family (the bold
/// faces leave rare Han to the Regular face of their family), none
/// reported missing, none .notdef.
#[test]
fn rare_han_cantonese_and_kana_come_from_the_runs_family() {
    let book = &*BOOK;
    let text = "镕 堃 祎 赟 嘅 咗 ー ゝ";
    for role in [Role::Serif, Role::SansBold] {
        let para = shape(book, &styled(text, role));
        assert!(para.missing.is_empty(), "{role:?}: {:?}", para.missing);
        for g in &para.glyphs {
            let c = &text[g.range.clone()];
            if c.trim().is_empty() {
                continue;
            }
            assert_ne!(g.id, 0, "{c} is .notdef in {role:?}");
            assert_eq!(
                book.family(g.face),
                Some(role.family()),
                "{c} in a {role:?} run is set from {}",
                book.face(g.face).name
            );
        }
    }
    // Latin letters and symbols of KS X 1001 Noto CJK lacks come from the
    // family's supplement, in the run's weight.
    for role in ROLES {
        for c in ['Ł', 'ħ', '∼', '≒', '◈', '⅓', 'ś'] {
            let face = book.face_for(role, c).expect("bundled");
            assert_eq!(book.family(face), Some(role.family()), "{c} {role:?}");
        }
    }
}

/// Without `--system-fonts` an emoji is reported missing and the machine's
/// fonts are never loaded; with it they are, once a character is missing
/// from every other face.
#[test]
fn without_system_fonts_an_emoji_is_missing_and_no_system_font_is_loaded() {
    let book = FontBook::load(&faces(), Path::new("/nonexistent"), &[]).unwrap();
    let para = shape(&book, &styled("웃음 😀 표시", Role::Serif));
    assert_eq!(para.missing.len(), 1);
    assert_eq!(para.missing[0].1, '😀');
    assert!(book.face_for(Role::Sans, '😀').is_none());
    assert!(book.fallback_face('😀').is_none());
    assert!(!book.system_fonts_loaded(), "system fonts were loaded");

    let with = Fallback {
        dirs: vec![],
        system: true,
    };
    let book = FontBook::load_with(&faces(), Path::new("/nonexistent"), &with).unwrap();
    assert!(
        !book.system_fonts_loaded(),
        "loaded before any character asked"
    );
    let _ = book.face_for(Role::Serif, '가');
    assert!(
        !book.system_fonts_loaded(),
        "loaded for a bundled character"
    );
    let _ = book.face_for(Role::Serif, '😀');
    assert!(
        book.system_fonts_loaded(),
        "--system-fonts is the last resort"
    );
}

/// After the bundled faces: the project's other fonts, then `--font-path`,
/// whatever their names; a character set from one of them is listed as
/// missing (no bundled face has it) and `fallback_face` names the face.
#[test]
fn project_fonts_come_before_font_path_and_after_the_bundle() {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let project = tempfile::tempdir().unwrap();
    let extra = tempfile::tempdir().unwrap();
    // Role faces without Hangul (the supplements), so that Hangul must come
    // from elsewhere: a project font named to sort after the --font-path one.
    let faces = Faces {
        serif_regular: "NotoSerifKIC-Supplement-Regular.ttf".into(),
        serif_bold: "NotoSerifKIC-Supplement-Bold.ttf".into(),
        sans_regular: "NotoSansKIC-Supplement-Regular.ttf".into(),
        sans_bold: "NotoSansKIC-Supplement-Bold.ttf".into(),
    };
    std::fs::copy(
        fonts.join("NotoSansCJKkr-Bold-subset.otf"),
        project.path().join("z-project.otf"),
    )
    .unwrap();
    std::fs::copy(
        fonts.join("NotoSerifCJKkr-Bold-subset.otf"),
        extra.path().join("a-extra.otf"),
    )
    .unwrap();
    let book = FontBook::load(&faces, project.path(), &[extra.path().to_path_buf()]).unwrap();
    let face = book.face_for(Role::Serif, '가').expect("from the project");
    assert!(!book.is_bundled(face));
    assert_eq!(book.family(face), None);
    let name = &book.fallback_face('가').expect("named").name;
    assert!(name.contains("z-project.otf"), "{name}");
    assert!(name.starts_with("Noto Sans CJK KR"), "{name}");
    let para = shape(&book, &styled("가Ł", Role::Serif));
    let missing: Vec<char> = para.missing.iter().map(|m| m.1).collect();
    assert_eq!(missing, ['가'], "Ł is bundled, 가 is not here");
    // Without the project's font, --font-path's.
    let empty = tempfile::tempdir().unwrap();
    let book = FontBook::load(&faces, empty.path(), &[extra.path().to_path_buf()]).unwrap();
    let name = &book.fallback_face('가').expect("named").name;
    assert!(name.contains("a-extra.otf"), "{name}");
    assert!(!book.system_fonts_loaded());
}

/// Issue 313 with rare Han, Cantonese, kana and KS X 1001 symbols, in
/// plain and bold text.
fn project_with_rare_characters() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join("issues/313");
    std::fs::create_dir_all(&issue).unwrap();
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/good.md"),
    )
    .unwrap();
    let body = "## 행사\n\n주룽지(朱镕基), 왕쿤(王堃), 이웨이(一祎), 윈(赟). 광둥어 嘅 咗, \
                가나 ー ゝ, 기호 10∼20 ≒ ◈ Łódź.\n\n**굵게: 朱镕基 王堃 一祎 赟 嘅 咗 ー ゝ Ł ∼ ◈**";
    std::fs::write(
        issue.join("issue.md"),
        good.replace("## 행사\n\n본문.", body),
    )
    .unwrap();
    dir
}

/// The PDF of an issue with rare characters is the same, byte for byte,
/// built twice from fresh font books; every font in it is a bundled face
/// (no system font crept in) and nothing is missing (`--pdfa` refuses
/// .notdef).
#[test]
fn an_issue_with_rare_characters_builds_to_the_same_bytes_from_bundled_faces() {
    let dir = project_with_rare_characters();
    let opts = kicweekly::BuildOptions {
        pdf: kicweekly::pdf::Options {
            pdfa: true,
            source_date_epoch: Some(1_700_000_000),
            ..Default::default()
        },
    };
    let build = || {
        let mut files = SourceFiles::default();
        let project = Project::open(dir.path().to_path_buf(), None, &mut files).unwrap();
        let book = kicweekly::load_fonts(&project, &[]).unwrap();
        let built = kicweekly::build(&project, &book, 313, &mut files, &opts)
            .unwrap_or_else(|d| panic!("313 builds: {:?}", d.0));
        assert!(!book.system_fonts_loaded());
        for w in &built.warnings.0 {
            assert!(!w.message.contains("U+"), "warning: {}", w.message);
        }
        built.value.pdf
    };
    let (a, b) = (build(), build());
    assert!(a == b, "two builds differ");
    let doc = lopdf::Document::load_mem(&a).expect("a PDF lopdf can read");
    let fonts: std::collections::BTreeSet<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(&b"Font"[..]))
        .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .map(|n| n.split_once('+').map_or(n.clone(), |(_, n)| n.to_string()))
        .map(|n| n.trim_end_matches("-Identity-H").to_string())
        .collect();
    let bundled = [
        "NotoSerifCJKkr-Regular",
        "NotoSerifCJKkr-Bold",
        "NotoSansCJKkr-Regular",
        "NotoSansCJKkr-Bold",
        "NotoSerifKICSupplement-Regular",
        "NotoSerifKICSupplement-Bold",
        "NotoSansKICSupplement-Regular",
        "NotoSansKICSupplement-Bold",
    ];
    assert!(!fonts.is_empty(), "no fonts found in the PDF");
    for f in &fonts {
        assert!(
            bundled.contains(&f.as_str()),
            "font {f} in the PDF is not bundled"
        );
    }
    assert!(fonts.iter().any(|f| f.contains("Supplement")), "{fonts:?}");
}

/// `check` warns, located, about a character no bundled face has, with and
/// without `--system-fonts`.
#[test]
fn check_warns_about_an_emoji_with_and_without_system_fonts() {
    let dir = project_with_rare_characters();
    let issue = dir.path().join("issues/313/issue.md");
    let text = std::fs::read_to_string(&issue).unwrap();
    std::fs::write(&issue, text.replace("광둥어", "광둥어 😀")).unwrap();
    for extra in [&[][..], &["--system-fonts"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_kicweekly"))
            .args(["check", "313", "--diagnostics", "short"])
            .args(extra)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{extra:?}: {stderr}");
        let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("U+")).collect();
        assert_eq!(warnings.len(), 1, "{extra:?}: {stderr}");
        assert!(
            warnings[0].starts_with("issues/313/issue.md:") && warnings[0].contains("U+1F600"),
            "{extra:?}: {stderr}"
        );
    }
}
