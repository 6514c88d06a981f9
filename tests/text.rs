//! The text engine on issue 312's real paragraphs: at three measures no
//! line is over the measure, none breaks KLREQ's start/end rules, and
//! total fit splits fewer Korean words than a greedy breaker would; the
//! shaper keeps a map from glyphs back to the exact source text.

use std::path::PathBuf;
use std::sync::LazyLock;

use kicweekly::diag::SourceFiles;
use kicweekly::fonts::{FontBook, Role};
use kicweekly::model::{BlockKind, Issue, plain_text, walk_blocks};
use kicweekly::project::Project;
use kicweekly::template::Color;
use kicweekly::text::breaks::{self, BreakKind, Unit, ends_forbidden, starts_forbidden};
use kicweekly::text::lines::{Params, break_lines};
use kicweekly::text::shape::{ShapedPara, Style, StyledText, shape};

struct Fixture {
    book: FontBook,
    issue: Issue,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let mut files = SourceFiles::default();
    let project =
        Project::open(PathBuf::from(env!("CARGO_MANIFEST_DIR")), None, &mut files).unwrap();
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    let (issue, _) = project.load_issue(312, &mut files).unwrap();
    Fixture {
        book,
        issue: issue.value,
    }
});

const STYLE: Style = Style {
    role: Role::Serif,
    size: 10.0,
    color: Color::rgb([0, 0, 0]),
    link: None,
};

fn styled(text: &str) -> StyledText {
    let mut s = StyledText::default();
    s.push(text, STYLE, Default::default());
    s
}

fn paragraphs() -> Vec<String> {
    let mut out = vec![];
    for a in FIXTURE.issue.parts.iter().flat_map(|p| &p.articles) {
        walk_blocks(&a.blocks, &mut |b| {
            if let BlockKind::Paragraph { content } = &b.kind {
                out.push(plain_text(content));
            }
        });
    }
    out
}

fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Breaks inside a Korean word: line ends at an IntraWord opportunity.
fn intra_word_ends(text: &str, ends: &[usize]) -> usize {
    let bs = breaks::breaks(text, Unit::Word);
    ends.iter()
        .filter(|&&at| {
            bs.iter()
                .any(|b| b.at == at && b.kind == BreakKind::IntraWord)
        })
        .count()
}

/// First fit over the same opportunities (any kind): what a naive
/// typesetter does.
fn greedy_ends(para: &ShapedPara, measure: f32) -> Vec<usize> {
    let bs = breaks::breaks(&para.text, Unit::Word);
    let mut ends = vec![];
    let mut line_start = 0usize;
    let mut last_ok: Option<usize> = None;
    for b in &bs {
        let width: f32 = para
            .glyphs
            .iter()
            .filter(|g| g.range.start >= line_start && g.range.start < b.at)
            .map(|g| g.advance)
            .sum();
        let trailing: f32 = para.text[line_start..b.at]
            .chars()
            .rev()
            .take_while(|c| *c == ' ')
            .count() as f32
            * 2.5;
        if width - trailing > measure
            && let Some(at) = last_ok
        {
            ends.push(at);
            line_start = at;
        }
        last_ok = Some(b.at);
    }
    ends
}

#[test]
fn every_paragraph_at_three_measures() {
    let params = Params::default();
    for measure_mm in [60.0, 90.0, 160.0] {
        let measure = mm(measure_mm);
        let (mut kp_intra, mut greedy_intra, mut lines_total) = (0, 0, 0);
        let mut split_warnings = 0;
        for text in paragraphs() {
            let para = shape(&FIXTURE.book, &styled(&text));
            let (lines, warnings) = break_lines(&para, &|_| measure, &params);
            // The only warnings: words split where nothing else fits, one
            // per such line end (checked against the count below).
            assert!(
                warnings
                    .iter()
                    .all(|w| w.message.contains("is split across lines")),
                "{measure_mm} mm: {warnings:?}"
            );
            split_warnings += warnings.len();
            lines_total += lines.len();
            // Lines rejoin to the paragraph (spaces at breaks dropped).
            let joined: String = lines
                .iter()
                .map(|l| &para.text[l.text.clone()])
                .collect::<Vec<_>>()
                .join("");
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
            for l in &lines {
                assert!(
                    l.width <= measure + 0.01,
                    "{measure_mm} mm: overfull line {:?}",
                    &para.text[l.text.clone()]
                );
                let s = &para.text[l.text.clone()];
                let first = s.chars().next().unwrap();
                let last = s.trim_end().chars().last().unwrap();
                if l.text.start > 0 {
                    assert!(
                        !starts_forbidden(first),
                        "{measure_mm} mm: line starts with {first}: {s}"
                    );
                }
                if !l.last {
                    assert!(
                        !ends_forbidden(last),
                        "{measure_mm} mm: line ends with {last}: {s}"
                    );
                }
            }
            let ends: Vec<usize> = lines
                .iter()
                .filter(|l| !l.last)
                .map(|l| {
                    let mut e = l.text.end;
                    while para.text[e..].starts_with(' ') {
                        e += 1;
                    }
                    e
                })
                .collect();
            kp_intra += intra_word_ends(&text, &ends);
            greedy_intra += intra_word_ends(&text, &greedy_ends(&para, measure));
        }
        assert_eq!(
            split_warnings, kp_intra,
            "{measure_mm} mm: every split is reported"
        );
        assert!(
            kp_intra < greedy_intra,
            "{measure_mm} mm: total fit split {kp_intra} words, greedy {greedy_intra}"
        );
        eprintln!(
            "{measure_mm} mm: total fit {kp_intra}, greedy {greedy_intra}, lines {lines_total}"
        );
        // Measured: 60 mm 391 splits in 1280 lines (greedy 776), 90 mm 93
        // in 884 (449), 160 mm 10 in 526 (228). A justified word space may
        // not pass the template's maximum (0.5 em; tests below), so where
        // a long compound (`자유무역구혁신서비스센터`) cannot move to the
        // next line a split word replaces what used to be a hole of up to
        // 1 em; in a narrow column that is often (as in Korean newspapers'
        // narrow columns). At the issue's own measure pdfcheck finds 1.5
        // split known words per 1000 lines of 312 (the designer's limit 5).
        if measure_mm >= 160.0 {
            assert!(
                kp_intra * 40 <= lines_total,
                "{measure_mm} mm: {kp_intra} splits in {lines_total} lines"
            );
        }
    }
}

#[test]
fn cluster_map_reproduces_the_source_text() {
    for text in paragraphs() {
        let para = shape(&FIXTURE.book, &styled(&text));
        let mut rebuilt = String::new();
        let mut last = None;
        for g in &para.glyphs {
            if last != Some(g.range.clone()) {
                rebuilt.push_str(&para.text[g.range.clone()]);
                last = Some(g.range.clone());
            }
        }
        assert_eq!(rebuilt, text);
    }
}

#[test]
fn hanja_take_their_korean_forms() {
    // In running Korean text the Han characters are shaped with the KR
    // serif face, as Han script with the Korean language: the same glyphs
    // HarfBuzz gives for `ko` alone.
    let text = "상하이시인민정부(上海市人民政府)사이트와 直 骨 今";
    let para = shape(&FIXTURE.book, &styled(text));
    let face = FIXTURE.book.face(FIXTURE.book.role(Role::Serif));
    for ch in ['上', '直', '骨', '今'] {
        let at = text.find(ch).unwrap();
        let g = para.glyphs.iter().find(|g| g.range.start == at).unwrap();
        assert_eq!(
            g.face,
            FIXTURE.book.role(Role::Serif),
            "{ch} set in the body face"
        );
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(&ch.to_string());
        buf.set_script(rustybuzz::script::HAN);
        buf.set_language("ko".parse().unwrap());
        let korean = rustybuzz::shape(&face.shaper, &[], buf);
        assert_eq!(
            g.id as u32,
            korean.glyph_infos()[0].glyph_id,
            "{ch} has its Korean form"
        );
        assert_ne!(g.id, 0, "{ch} is not .notdef");
    }
    assert!(para.missing.is_empty());
}

#[test]
fn a_character_no_font_has_is_reported() {
    // U+1F600 (an emoji) is in none of the bundled faces.
    let para = shape(&FIXTURE.book, &styled("웃음 😀 표시"));
    if FIXTURE.book.face_for(Role::Serif, '😀').is_none() {
        assert_eq!(para.missing.len(), 1);
        assert_eq!(para.missing[0].1, '😀');
    }
}

#[test]
fn fallback_answers_like_the_cmap_every_time() {
    // has_char remembers its answers per face; asked again (from several
    // threads at once) it must still say exactly what the cmap says.
    let book = &FIXTURE.book;
    let probe: Vec<char> = "가힣각뷁漢汉為为AZaz09·「」…\u{E000}\u{FFFD}\u{0378}😀𠀀"
        .chars()
        .chain('\u{4E00}'..'\u{4E40}')
        .collect();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..2 {
                    for role in [Role::Serif, Role::SerifBold, Role::Sans, Role::SansBold] {
                        let face = book.face(book.role(role));
                        for &c in &probe {
                            assert_eq!(
                                face.has_char(c),
                                face.shaper.glyph_index(c).is_some(),
                                "{c:?} in {role:?}"
                            );
                        }
                    }
                }
            });
        }
    });
}

/// Words of issue 312's first sentences, for paragraphs with other spaces.
const WORDS: [&str; 13] = [
    "바이오의약",
    "산업은",
    "상하이의",
    "새로운",
    "성장",
    "동력으로",
    "떠올랐다",
    "정부는",
    "올해",
    "연구개발",
    "투자를",
    "크게",
    "늘렸다",
];

/// A thin space (U+2009) between words is a word space: the paragraph
/// breaks there, and nowhere inside a word. Shaping used to call only
/// U+0020 and U+3000 spaces, so thin-spaced words were one long box, split
/// between syllables with a warning.
#[test]
fn thin_spaces_are_word_spaces_and_lines_break_at_them() {
    let text = WORDS.join("\u{2009}");
    let para = shape(&FIXTURE.book, &styled(&text));
    let ragged = Params {
        justify: false,
        ..Params::default()
    };
    let (lines, warnings) = break_lines(&para, &|_| mm(40.0), &ragged);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(lines.len() > 2, "{} lines", lines.len());
    for pair in lines.windows(2) {
        let (line, next) = (&pair[0], &pair[1]);
        assert!(
            text[line.text.end..].starts_with('\u{2009}'),
            "the line `{}` ends at a thin space",
            &text[line.text.clone()]
        );
        assert_eq!(next.text.start, line.text.end + '\u{2009}'.len_utf8());
    }
    let rejoined: Vec<&str> = lines.iter().map(|l| &text[l.text.clone()]).collect();
    assert_eq!(rejoined.join("\u{2009}"), text);
}

/// A no-break space (U+00A0) keeps its words on one line, even when a
/// break there would fit better.
#[test]
fn a_no_break_space_never_breaks() {
    let text = "혁신 상하이\u{a0}정부 발표";
    let para = shape(&FIXTURE.book, &styled(text));
    let nbsp = text.find('\u{a0}').unwrap();
    for measure in [40.0, 55.0, 65.0, 80.0] {
        let (lines, _) = break_lines(&para, &|_| measure, &Params::default());
        for l in &lines {
            assert!(
                l.text.end != nbsp && l.text.start != nbsp + '\u{a0}'.len_utf8(),
                "a line breaks at the no-break space at {measure} pt: `{}`",
                &text[l.text.clone()]
            );
        }
    }
}

/// When a justified line must split a word, the warning names that word:
/// the word runs from the space before it, which may be wider than a byte
/// (U+3000, U+2009), to the space after it. Finding its start by adding
/// one byte to the space's offset cut into the space and panicked.
#[test]
fn a_split_word_after_a_multibyte_space_is_named() {
    for space in ['\u{3000}', '\u{2009}'] {
        let text = WORDS.join(&space.to_string());
        let para = shape(&FIXTURE.book, &styled(&text));
        let mut split = vec![];
        for measure_mm in [18.0, 22.0, 26.0, 30.0, 40.0] {
            let (_, warnings) = break_lines(&para, &|_| mm(measure_mm), &Params::default());
            split.extend(warnings.into_iter().filter_map(|w| {
                let word = w
                    .message
                    .strip_suffix("` is split across lines: no other break fits the measure")?;
                Some(word.trim_start_matches('`').to_string())
            }));
        }
        assert!(
            !split.is_empty(),
            "U+{:04X}: some word is split",
            space as u32
        );
        for word in &split {
            assert!(
                WORDS.contains(&word.as_str()),
                "U+{:04X}: `{word}` is one word",
                space as u32
            );
        }
    }
}

/// Each justified line's word spaces (U+0020), in em: (line, widths).
fn word_spaces(para: &ShapedPara, measure: f32) -> Vec<Vec<f32>> {
    let (lines, _) = break_lines(para, &|_| measure, &Params::default());
    lines
        .iter()
        .filter(|l| !l.last)
        .map(|l| {
            l.glyphs
                .iter()
                .filter(|p| para.text[para.glyphs[p.glyph].range.clone()].starts_with(' '))
                .map(|p| p.advance / STYLE.size)
                .collect()
        })
        .collect()
}

#[test]
fn justified_word_spaces_stay_within_their_limits() {
    // 312's paragraphs, and one with a long unbreakable run that used to
    // open a line with word gaps three times the median.
    let mut texts = paragraphs();
    texts.push(
        "28일 「선전시 휴머노이드 로봇 산업 혁신 발전 행동계획(2023-2025년)」을 발표하고, \
         2025년까지 휴머노이드 로봇의 핵심 부품과 완성품, 응용 시나리오를 아우르는 산업 생태계를 \
         만들어 전 세계 휴머노이드 로봇 혁신의 발원지가 되겠다는 목표를 내걸었다."
            .to_string(),
    );
    let limits = Params::default().space;
    let mut spaces = 0;
    for text in &texts {
        let para = shape(&FIXTURE.book, &styled(text));
        for measure in [mm(166.0), mm(110.0), mm(80.0)] {
            for line in word_spaces(&para, measure) {
                for w in line {
                    spaces += 1;
                    assert!(
                        w >= limits.min - 1e-3 && w <= limits.max + 1e-3,
                        "a word space of {w:.3} em at {measure:.0} pt in `{text}`"
                    );
                }
            }
        }
    }
    assert!(spaces > 1000, "{spaces} spaces checked");
}

#[test]
fn compound_seams_are_break_opportunities_dearer_than_spaces() {
    let kind_at = |text: &str, at: &str| -> Option<BreakKind> {
        let pos = text.find(at).expect("marker in text");
        breaks::breaks(text, Unit::Word)
            .into_iter()
            .find(|b| b.at == pos)
            .map(|b| b.kind)
    };
    // Before a bracket glued to a word; not before a one-syllable particle.
    assert_eq!(
        kind_at("인큐베이터(1기)를 짓는다", "(1기"),
        Some(BreakKind::Compound)
    );
    assert_ne!(
        kind_at("인큐베이터(1기)를 짓는다", "를"),
        Some(BreakKind::Compound)
    );
    // After a closing bracket, before a word.
    let text = "상하이시인민정부(上海市人民政府)사이트";
    assert_eq!(kind_at(text, "사이트"), Some(BreakKind::Compound));
    // After a hyphen or en dash between words; not inside a range of
    // numbers (KLREQ: no break inside a number), nor after a minus sign.
    assert_eq!(kind_at("K-방역", "방역"), Some(BreakKind::Soft));
    assert_eq!(
        kind_at("서울–베이징 노선", "베이징"),
        Some(BreakKind::Compound)
    );
    assert_eq!(kind_at("행동계획(2023-2025년)", "2025"), None);
    assert_eq!(kind_at("2023~2025년", "2025"), None);
    assert_eq!(kind_at("기온 -5도", "5도"), None);
    // Inside a URL after ? & = (and / . - _ as before).
    let url = "https://www.example.com/search?query=kic&page=2";
    assert_eq!(kind_at(url, "query"), Some(BreakKind::Soft));
    assert_eq!(kind_at(url, "page"), Some(BreakKind::Soft));
    assert_eq!(kind_at(url, "kic&"), Some(BreakKind::Soft));
}

// ---------------------------------------------------------------------------
// Text pasted from Word and web pages: soft hyphens, line separators,
// invisible and unusual spaces.

/// The glyphs a line draws, as the text of their clusters.
fn drawn(para: &ShapedPara, line: &kicweekly::text::lines::Line) -> String {
    line.glyphs
        .iter()
        .map(|p| &para.text[para.glyphs[p.glyph].range.clone()])
        .collect()
}

/// A soft hyphen (U+00AD) is invisible where the line does not break at
/// it: in a Latin word and in a Korean one alike. It used to be shaped and
/// drawn as a hyphen in mid-line (`투-자유치는 inno-vation`).
#[test]
fn a_soft_hyphen_is_not_drawn_in_mid_line() {
    let text = "올해 투\u{AD}자유치는 inno\u{AD}vation 덕분에 크게 늘었다.";
    let para = shape(&FIXTURE.book, &styled(text));
    assert!(para.missing.is_empty(), "{:?}", para.missing);
    let (lines, warnings) = break_lines(&para, &|_| mm(160.0), &Params::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(lines.len(), 1);
    let shown = drawn(&para, &lines[0]);
    assert!(!shown.contains('\u{AD}'), "{shown:?}");
    assert_eq!(shown, text.replace('\u{AD}', ""));
}

/// In a Latin word a soft hyphen is a hyphenation point: a line may end
/// there, and then ends with a hyphen that counts in its width.
#[test]
fn a_latin_word_breaks_at_its_soft_hyphen_with_a_hyphen() {
    let text = "연구진은 inter\u{AD}nationali\u{AD}zation 전략을 새로 발표했다.";
    let para = shape(&FIXTURE.book, &styled(text));
    let shy = text.find('\u{AD}').unwrap();
    // Just room for `연구진은 inter-`: breaking at the soft hyphen is the
    // only way to fill the first line.
    let upto: f32 = para
        .glyphs
        .iter()
        .filter(|g| g.range.end <= shy + 2)
        .map(|g| g.advance)
        .sum();
    let measure = upto + 1.0;
    for params in [
        Params::default(),
        Params {
            justify: false,
            ..Params::default()
        },
    ] {
        let (lines, warnings) = break_lines(&para, &|_| measure, &params);
        assert!(warnings.is_empty(), "{warnings:?}");
        let first = &lines[0];
        assert_eq!(
            first.text,
            0..shy + 2,
            "the first line ends at the soft hyphen"
        );
        assert_eq!(drawn(&para, first), "연구진은 inter\u{AD}");
        let hyphen = first.glyphs.last().unwrap();
        assert!(para.glyphs[hyphen.glyph].id != 0 && hyphen.advance > 0.0);
        assert!((first.width - (hyphen.x + hyphen.advance)).abs() < 0.01);
        assert!(first.width <= measure + 0.01);
        assert_eq!(lines[1].text.start, shy + 2);
        for l in &lines[1..] {
            let shown = drawn(&para, l);
            let inner = shown.strip_suffix('\u{AD}').unwrap_or(&shown);
            assert!(!inner.contains('\u{AD}'), "{shown:?}");
        }
    }
}

/// Where a soft hyphen may break, and where it is read around: a Latin
/// word gets a `Hyphen` break after it; Hangul, Han and digits break as if
/// it were not there (a last resort inside a Korean word, as `투자` has).
#[test]
fn a_soft_hyphen_breaks_only_latin_words() {
    use kicweekly::text::breaks::Break;
    assert_eq!(
        breaks::breaks("inno\u{AD}vation", Unit::Word),
        [Break {
            at: "inno\u{AD}".len(),
            kind: BreakKind::Hyphen
        }]
    );
    for unit in [Unit::Word, Unit::Syllable] {
        // The soft hyphen sits after the first character of each: every
        // break of the text without it moves two bytes on.
        for (with, without) in [
            ("투\u{AD}자유치는 크게", "투자유치는 크게"),
            ("上\u{AD}海市 政府", "上海市 政府"),
            ("2\u{AD}022년 실적", "2022년 실적"),
            ("a\u{AD}1 기준", "a1 기준"),
        ] {
            let got = breaks::breaks(with, unit);
            let want: Vec<Break> = breaks::breaks(without, unit)
                .into_iter()
                .map(|b| Break { at: b.at + 2, ..b })
                .collect();
            assert_eq!(got, want, "{with:?} ({unit:?})");
            assert!(got.iter().all(|b| b.kind != BreakKind::Hyphen));
        }
    }
}

/// U+2028 LINE SEPARATOR (Word's Shift+Enter) ends the line and draws
/// nothing. It used to be drawn as .notdef, a box, with no warning.
#[test]
fn a_line_separator_breaks_the_line_and_draws_nothing() {
    let text = "첫째 줄이다.\u{2028}둘째 줄이다.";
    let para = shape(&FIXTURE.book, &styled(text));
    assert!(para.missing.is_empty(), "{:?}", para.missing);
    assert!(para.glyphs.iter().all(|g| g.id != 0), "no .notdef");
    let (lines, _) = break_lines(&para, &|_| mm(160.0), &Params::default());
    let shown: Vec<String> = lines.iter().map(|l| drawn(&para, l)).collect();
    assert_eq!(shown, ["첫째 줄이다.", "둘째 줄이다."]);
}

/// A zero width space (and a word joiner, and U+FEFF) has no glyph: it
/// used to be set in a system font's space, so a PDF could carry a fourth
/// face for nothing. A zero width space is still a place to break.
#[test]
fn invisible_characters_draw_nothing_and_zero_width_space_breaks() {
    let text = "가나다라마바사\u{200B}아자차카타파하 A\u{2060}B \u{FEFF}끝";
    let para = shape(&FIXTURE.book, &styled(text));
    assert!(para.missing.is_empty(), "{:?}", para.missing);
    for g in &para.glyphs {
        let c = &para.text[g.range.clone()];
        assert!(
            !c.contains(['\u{200B}', '\u{2060}', '\u{FEFF}']),
            "{c:?} has a glyph"
        );
        assert!(g.face.0 < 4, "{c:?} is set in a face outside the book");
    }
    let zwsp = text.find('\u{200B}').unwrap() + 3;
    let width: f32 = para
        .glyphs
        .iter()
        .filter(|g| g.range.end <= zwsp)
        .map(|g| g.advance)
        .sum();
    let (lines, warnings) = break_lines(&para, &|_| width + 2.0, &Params::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(lines[1].text.start, zwsp, "the line breaks at the ZWSP");
}

/// A no-break space and an ideographic space (U+3000) print as spaces of
/// the body face: a narrow one that keeps its words together, and a
/// full-width word space.
#[test]
fn no_break_and_ideographic_spaces_print_as_spaces() {
    let text = "상하이\u{A0}정부 전각\u{3000}공백";
    let para = shape(&FIXTURE.book, &styled(text));
    assert!(para.missing.is_empty());
    let glyph = |c: char| {
        let at = text.find(c).unwrap();
        para.glyphs.iter().find(|g| g.range.start == at).unwrap()
    };
    let (nbsp, ideo) = (glyph('\u{A0}'), glyph('\u{3000}'));
    assert!(nbsp.id != 0 && nbsp.face == FIXTURE.book.role(Role::Serif));
    assert!(nbsp.advance > 2.0 && nbsp.advance < 5.0, "{}", nbsp.advance);
    assert!(ideo.id != 0 && (ideo.advance - STYLE.size).abs() < 0.01);
    let at = text.find('\u{3000}').unwrap() + 3;
    assert!(
        breaks::breaks(text, Unit::Word)
            .iter()
            .any(|b| b.at == at && b.kind == BreakKind::Space)
    );
}

/// Spaces the bundled faces lack (thin, hair, narrow no-break, four-per-em,
/// figure) are set with the face's space glyph at about their width
/// (rustybuzz's fallback), never as .notdef; whitespace it cannot set (an
/// Ogham space mark) is reported as missing rather than drawn as a box.
#[test]
fn spaces_a_face_lacks_take_its_space_glyph() {
    let face = FIXTURE.book.face(FIXTURE.book.role(Role::Serif));
    for c in ['\u{2009}', '\u{200A}', '\u{202F}', '\u{2005}', '\u{2007}'] {
        assert!(!face.has_char(c), "the face has U+{:04X} now", c as u32);
        let text = format!("10{c}000 원");
        let para = shape(&FIXTURE.book, &styled(&text));
        assert!(para.missing.is_empty(), "{:?}", para.missing);
        let g = para.glyphs.iter().find(|g| g.range.start == 2).unwrap();
        let space = para.glyphs.iter().find(|g| &text[g.range.clone()] == " ");
        assert_eq!(g.id, space.unwrap().id, "U+{:04X}", c as u32);
        assert!(g.advance > 0.0 && g.advance < 0.6 * STYLE.size);
    }
    let para = shape(&FIXTURE.book, &styled("오검\u{1680}문자"));
    assert_eq!(
        para.missing.iter().map(|m| m.1).collect::<Vec<_>>(),
        ['\u{1680}']
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Pasted text at any measure: no line is overfull unreported, a soft hyphen is
    /// drawn only as the last glyph of a line that breaks right after it,
    /// invisible characters and line separators are never drawn, and the
    /// drawn lines rejoin to the text without them.
    #[test]
    fn pasted_text_at_any_measure(
        words in proptest::collection::vec(proptest::sample::select(&[
            "inno\u{AD}vation", "투\u{AD}자유치는", "가나다", "inter\u{AD}nation\u{AD}al\u{AD}ization",
            " ", " ", "\u{200B}", "\u{2028}", "上海\u{AD}市", "R&D", "\u{A0}", "\u{3000}", "2022\u{AD}년",
            "“스마트”", "\u{2060}", "\u{AD}",
        ][..]), 1..24),
        measure_mm in 15.0f32..120.0,
        justify in proptest::prelude::any::<bool>(),
    ) {
        let text: String = words.concat();
        let para = shape(&FIXTURE.book, &styled(&text));
        let measure = mm(measure_mm);
        let params = Params { justify, ..Params::default() };
        let (lines, warnings) = break_lines(&para, &|_| measure, &params);
        let mut rejoined = String::new();
        for (i, l) in lines.iter().enumerate() {
            // A line may come out a little overfull, as without these
            // characters (the breaker counts tracking that placing cannot
            // apply: a ragged line's, the gap after a line's last glyph),
            // but by more than 0.5 pt only with a warning.
            let reported = warnings.iter().any(|w| w.message.contains("wider than"));
            let fits = l.width <= measure + 0.5 || reported;
            proptest::prop_assert!(fits, "overfull: {:?}", drawn(&para, l));
            let shown = drawn(&para, l);
            let invisible = shown.contains(['\u{200B}', '\u{2060}', '\u{2028}']);
            proptest::prop_assert!(!invisible, "drawn: {:?}", shown);
            if let Some(p) = shown.find('\u{AD}') {
                proptest::prop_assert_eq!(p + 2, shown.len(), "{:?}", shown);
                proptest::prop_assert!(i + 1 < lines.len());
                proptest::prop_assert_eq!(lines[i + 1].text.start, l.text.end);
            }
            rejoined.push_str(&shown.replace('\u{AD}', ""));
        }
        let strip = |s: &str| -> String {
            s.chars()
                .filter(|c| !matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{2028}' | ' ' | '\u{3000}'))
                .collect()
        };
        proptest::prop_assert_eq!(strip(&rejoined), strip(&text));
    }
}

#[test]
fn ragged_lines_are_never_squeezed_past_their_measure() {
    // A ragged line is placed as shaped, without tracking: the breaker may
    // not count on shrinking it (it did, and a heading's last line came
    // out 5.6 pt over its measure).
    let params = Params {
        justify: false,
        ..Params::default()
    };
    let mut texts = paragraphs();
    texts.push(
        "「중화인민공화국국민경제와사회발전제14차5개년계획및2035년장기목표요강」 중간 평가에서 드러난 과학기술 지표"
            .to_string(),
    );
    for text in &texts {
        let para = shape(&FIXTURE.book, &styled(text));
        for measure in [mm(40.0), mm(60.0), mm(90.0), mm(128.0)] {
            let (lines, warnings) = break_lines(&para, &|_| measure, &params);
            if warnings
                .iter()
                .any(|w| w.message.contains("wider than the column"))
            {
                continue;
            }
            for l in &lines {
                assert!(
                    l.width <= measure + 0.01,
                    "{:.1} pt over {measure:.0} pt: `{}`",
                    l.width - measure,
                    &para.text[l.text.clone()]
                );
            }
        }
    }
}

#[test]
fn brackets_lose_their_blank_half_beside_space_brackets_and_particles() {
    let advance_of = |text: &str, c: char| -> (f32, f32) {
        let para = shape(&FIXTURE.book, &styled(text));
        let at = text.find(c).unwrap();
        let g = para.glyphs.iter().find(|g| g.range.start == at).unwrap();
        (g.advance / STYLE.size, g.x_offset / STYLE.size)
    };
    // After a space: half width, drawn half an em to the left.
    assert_eq!(advance_of("최근 「선전시」을 발표", '「'), (0.5, -0.5));
    // Before a particle: half width; before punctuation or a space (where
    // a line may end) whole.
    assert_eq!(advance_of("최근 「선전시」을 발표", '」').0, 0.5);
    assert_eq!(advance_of("「선전시」, 발표", '」').0, 1.0);
    assert_eq!(advance_of("「선전시」 발표", '」').0, 1.0);
    // Glued to a word on its blank side, or before Han: full width.
    assert_eq!(advance_of("계획「선전」", '「').0, 1.0);
    assert_eq!(advance_of("「深圳」市", '」').0, 1.0);
    // Two brackets together: both tight.
    assert_eq!(advance_of("「『행동』」", '『').0, 0.5);
}
