//! Which runs of an issue's text are Chinese: names and quotations in Han
//! characters such as 상하이시인민정부(上海市人民政府), marked `lang="zh"`
//! so that browsers and screen readers treat them as Chinese. A single
//! Han character among Hangul, 시(市)급, is a Korean gloss (Hanja) and
//! stays Korean.

use std::ops::Range;

/// A Han ideograph (CJK Unified Ideographs, Extensions A–F, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// What may stand inside a Chinese run between Han characters: digits,
/// Chinese punctuation and the interpunct (中华人民共和国…2035年…纲要).
fn joins_han(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '·' | '・' | '、' | '，' | '。' | '：' | '；' | '—' | '－' | '-'
        )
        || ('\u{3000}'..='\u{303F}').contains(&c) && c != '\u{3000}'
        || ('\u{FF01}'..='\u{FF0F}').contains(&c)
}

/// Byte ranges of `text` that are Chinese: from a Han character to the
/// last Han character of a run of Han and joiners, when the run has at
/// least two Han characters.
pub fn chinese_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if !is_han(c) {
            continue;
        }
        let (mut end, mut hans) = (start + c.len_utf8(), 1);
        while let Some(&(i, d)) = it.peek() {
            if is_han(d) {
                hans += 1;
                end = i + d.len_utf8();
            } else if !joins_han(d) {
                break;
            }
            it.next();
        }
        if hans >= 2 {
            runs.push(start..end);
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(text: &str) -> Vec<&str> {
        chinese_runs(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn names_in_han_are_chinese_and_glosses_are_not() {
        assert_eq!(
            zh("상하이시인민정부(上海市人民政府)사이트"),
            ["上海市人民政府"]
        );
        assert_eq!(zh("시(市)급 과학기술"), Vec::<&str>::new());
        assert_eq!(
            zh("「中华人民共和国2035年远景目标纲要」"),
            ["中华人民共和国2035年远景目标纲要"]
        );
        assert_eq!(zh("优必选·华为 그리고 腾讯"), ["优必选·华为", "腾讯"]);
        assert_eq!(zh("성·시(省市)기업"), ["省市"]);
        // A joiner after the last Han character is not part of the run.
        assert_eq!(zh("华为-2"), ["华为"]);
    }
}
