//! Character classes of the text engine, in one place.
//!
//! Shaping (`shape.rs`: which script a run is), break opportunities
//! (`breaks.rs`: which characters are word spaces, Hangul, Han) and line
//! setting (`lines.rs`: which gaps may be tracked, where a word starts) ask
//! the same questions about characters. They ask them here, so that a thin
//! space is a word space for all three, and Hangul is the same set of code
//! points whether a run is being shaped or a line is being broken.
//!
//! The sets are Unicode blocks, named with their ranges below (closed
//! ranges, after the Unicode block and script data). Unassigned code points
//! inside a block count with it, except after the last Hangul syllable.

/// Whether `c` is a word space: glue between words, where a line may
/// break and which justification may stretch and shrink.
///
/// These are the spaces of UAX #14 classes SP and BA (break after):
///
/// - U+0020 SPACE and U+0009 TAB (SP, BA);
/// - U+3000 IDEOGRAPHIC SPACE (BA): the full-width space of CJK text;
/// - U+2000..=U+2006 EN QUAD … SIX-PER-EM SPACE (BA);
/// - U+2008 PUNCTUATION SPACE, U+2009 THIN SPACE, U+200A HAIR SPACE (BA):
///   a thin space between words (`10 000`, `A – B`) is still a place to
///   break, only narrower;
/// - U+205F MEDIUM MATHEMATICAL SPACE (BA).
///
/// Not spaces here, because they must never break (UAX #14 class GL):
/// U+00A0 NO-BREAK SPACE, U+2007 FIGURE SPACE, U+202F NARROW NO-BREAK
/// SPACE. They are set as ordinary characters inside a word. Nor is U+200B
/// ZERO WIDTH SPACE (ZW): a break opportunity with no width, not glue.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}'
    )
}

/// Whether `c` ends a line whatever follows (UAX #14 classes BK, CR, LF,
/// NL): U+000A LF, U+000B VT, U+000C FF, U+000D CR, U+0085 NEL, U+2028
/// LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR. A hard break is a place, not
/// a character to draw: no face has a glyph for most of them.
pub fn is_hard_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{B}' | '\u{C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// U+00AD SOFT HYPHEN: where a word may be hyphenated. It is invisible; a
/// line that breaks at it in a Latin word ends with a hyphen
/// (`breaks.rs`, `lines.rs`), elsewhere it is ignored.
pub const SOFT_HYPHEN: char = '\u{AD}';

/// Characters with no width and no glyph, that only say where a line may
/// or may not break (`breaks.rs` reads them): U+200B ZERO WIDTH SPACE (ZW),
/// U+2060 WORD JOINER and U+FEFF ZERO WIDTH NO-BREAK SPACE (WJ; pasted web
/// text carries both). No bundled face has them, so shaping them would
/// reach for a system font; they are not shaped at all.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Latin in the shaper's sense: the alphabetic characters below U+2000
/// (Latin, Greek, Cyrillic …) that are not Hangul. A soft hyphen between
/// two of them is a hyphenation point.
pub fn is_latin(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x2000 && !is_hangul(c)
}

/// Precomposed Hangul syllables, U+AC00..=U+D7A3 (가 … 힣): almost all of
/// a Korean text, so callers that see many characters may answer these
/// first.
pub fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Hangul, as KLREQ lists its code points (`#hangulcodes`):
///
/// - U+AC00..=U+D7A3 Hangul Syllables (the assigned part of the block);
/// - U+1100..=U+11FF Hangul Jamo (conjoining, for old Hangul);
/// - U+3130..=U+318F Hangul Compatibility Jamo (ㄱ, ㅏ, ㆍ);
/// - U+A960..=U+A97F Hangul Jamo Extended-A;
/// - U+D7B0..=U+D7FF Hangul Jamo Extended-B;
/// - U+FFA0..=U+FFDC the halfwidth Hangul of Halfwidth and Fullwidth Forms.
pub fn is_hangul(c: char) -> bool {
    is_hangul_syllable(c)
        || matches!(c as u32,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xD7B0..=0xD7FF | 0xFFA0..=0xFFDC)
}

/// Han ideographs (Hanja), the characters of Unicode script Han that set
/// on the ideographic grid:
///
/// - U+2E80..=U+2FDF CJK Radicals Supplement and Kangxi Radicals;
/// - U+3007 `〇` IDEOGRAPHIC NUMBER ZERO, U+3021..=U+3029 Hangzhou
///   numerals, U+3038..=U+303B Hangzhou numerals and the vertical ideographic
///   iteration mark (all script Han in CJK Symbols and Punctuation; `々`
///   U+3005 is not here: it may not start a line, see `breaks.rs`);
/// - U+3400..=U+4DBF CJK Unified Ideographs Extension A;
/// - U+4E00..=U+9FFF CJK Unified Ideographs;
/// - U+F900..=U+FAFF CJK Compatibility Ideographs (the Korean duplicates);
/// - U+20000..=U+3FFFF planes 2 and 3: Extensions B to H and the
///   Compatibility Ideographs Supplement.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// A full-width letter, Hangul or Han: set on the square em grid, with no
/// space between two of them in running text. The gap between two such
/// characters is where a justified line may track (KLREQ
/// `#line-adjust-cases`); punctuation and Latin are not tracked.
pub fn is_cjk(c: char) -> bool {
    is_hangul(c) || is_han(c)
}

/// Whether `c` is a full-width opening bracket: its blank half is on the
/// left (KLREQ "opening brackets").
pub fn is_opening_bracket(c: char) -> bool {
    matches!(
        c,
        '「' | '『' | '《' | '〈' | '【' | '（' | '〔' | '［' | '｛' | '〖'
    )
}

/// Whether `c` is a full-width closing bracket: its blank half is on the
/// right.
pub fn is_closing_bracket(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '》' | '〉' | '】' | '）' | '〕' | '］' | '｝' | '〗'
    )
}

pub fn is_bracket(c: char) -> bool {
    is_opening_bracket(c) || is_closing_bracket(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakable_spaces_are_word_spaces_no_break_spaces_are_not() {
        for c in [
            ' ', '\t', '\u{3000}', '\u{2002}', '\u{2003}', '\u{2009}', '\u{200A}', '\u{205F}',
        ] {
            assert!(is_space(c), "U+{:04X} is a word space", c as u32);
        }
        for c in [
            '\u{A0}', '\u{2007}', '\u{202F}', '\u{200B}', '\n', 'a', '가',
        ] {
            assert!(!is_space(c), "U+{:04X} is not a word space", c as u32);
        }
    }

    #[test]
    fn the_spaces_are_the_breakable_ones_of_uax_14() {
        use unicode_linebreak::{BreakClass, break_property};
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_space(c))
        {
            let class = break_property(c as u32);
            assert!(
                matches!(class, BreakClass::Space | BreakClass::After),
                "U+{:04X} is {class:?}",
                c as u32
            );
        }
        // Every space that UAX #14 lets break after is one.
        for c in ['\u{2000}', '\u{2006}', '\u{2008}', '\u{200A}', '\u{205F}'] {
            assert_eq!(break_property(c as u32), BreakClass::After);
        }
    }

    #[test]
    fn hard_breaks_are_the_mandatory_breaks_of_uax_14() {
        use unicode_linebreak::{BreakClass, break_property};
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mandatory = matches!(
                break_property(c as u32),
                BreakClass::Mandatory
                    | BreakClass::CarriageReturn
                    | BreakClass::LineFeed
                    | BreakClass::NextLine
            );
            assert_eq!(is_hard_break(c), mandatory, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn invisible_characters_break_or_join_and_are_no_spaces() {
        use unicode_linebreak::{BreakClass, break_property};
        for c in ['\u{200B}', '\u{2060}', '\u{FEFF}'] {
            assert!(is_invisible(c) && !is_space(c) && !c.is_whitespace());
            assert!(matches!(
                break_property(c as u32),
                BreakClass::ZeroWidthSpace | BreakClass::WordJoiner
            ));
        }
        assert!(!is_invisible(SOFT_HYPHEN) && !is_invisible('\u{200D}'));
    }

    #[test]
    fn hangul_and_han_are_apart_and_cover_the_blocks() {
        for c in ['가', '힣', 'ᄀ', 'ㄱ', 'ㆍ', 'ꥠ', 'ힰ', 'ﾡ'] {
            assert!(is_hangul(c) && !is_han(c) && is_cjk(c), "{c}");
        }
        for c in ['一', '鿿', '㐀', '豈', '〇', '𠀀', '⺀', '⼀'] {
            assert!(is_han(c) && !is_hangul(c) && is_cjk(c), "{c}");
        }
        for c in ['a', '1', '。', '「', '々', 'ー', 'あ', ' '] {
            assert!(!is_cjk(c), "{c}");
        }
        assert!(is_hangul_syllable('가') && !is_hangul_syllable('ㄱ'));
    }
}
