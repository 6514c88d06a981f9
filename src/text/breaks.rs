//! Break opportunities: where a line may end, and at what kind of place.
//!
//! The base is UAX #14 (`unicode_linebreak::linebreaks`), tailored for Korean
//! by KLREQ, the W3C *Requirements for Hangul Text Layout and Typography*
//! (`https://www.w3.org/TR/klreq/`, cited below by section anchor, e.g.
//! `#line-head-rest`). The tailoring is one table, [`tailor`]: for each pair
//! of adjacent characters it keeps, removes, adds or grades UAX's answer,
//! each row under a comment naming its UAX #14 rule or KLREQ section.
//! `text/KLREQ.md` lists the rules and which test covers each.
//!
//! How a break is graded ([`BreakKind`]) is what lets the line breaker
//! prefer word spaces and use a break inside a Korean word only as a last
//! resort (keep-all on the 어절, KLREQ `#line-break` "word basis"), while the
//! older "syllable" convention ([`Unit::Syllable`]) may break between any two
//! Hangul syllables at a small cost.
//!
//! Pure: no fonts, no shaping; a `&str` in, byte offsets out.

use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

use super::chars::{SOFT_HYPHEN, is_han, is_hangul, is_hangul_syllable, is_latin, is_space};

/// What kind of place a line may end at (the break is *before* byte `at`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// After a space between words: the normal place. The space(s) before `at` are glue.
    Space,
    /// Allowed with no space: between Han ideographs, after a hyphen/dash, after `/` `.` `-` `_` in a URL, before/after CJK brackets where UAX#14 allows, etc. Small cost.
    Soft,
    /// Inside a compound, at a seam Korean typesetters accept rather than
    /// split a word: before a bracket glued to a word (`인큐베이터|(1기)를`),
    /// after a closing bracket before a word of two syllables or more
    /// (`(上海市人民政府)|사이트`), after a hyphen, slash, en dash or tilde
    /// between words or numbers (`2023-|2025년`). Dearer than Soft, far
    /// cheaper than IntraWord.
    Compound,
    /// Inside a Korean word (between two Hangul syllables, or Hangul and a following particle), allowed only as a last resort (luatexko's soft keep-all). High cost.
    IntraWord,
    /// After a soft hyphen (U+00AD) inside a Latin word: the line may end
    /// there with a hyphen drawn (a discretionary hyphen, TeX's `\-`).
    Hyphen,
    /// Mandatory break (a `\n` in the text = hard line break).
    Hard,
}

/// A place where a line may end: before byte `at` of the paragraph text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Break {
    pub at: usize,
    pub kind: BreakKind,
}

/// How Korean words may be divided (KLREQ `#line-break`: "line breaking is
/// done on character or word basis").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Keep-all on the 어절 (the space-delimited word): a break inside one is
    /// [`BreakKind::IntraWord`].
    Word,
    /// Syllable = the older newspaper convention: between any two Hangul syllables is Soft, not IntraWord
    Syllable,
}

/// Runs of ASCII characters at least this long, with no space, are "long
/// tokens" that get the URL treatment (a Soft break after `/ . - _`) even
/// without `://` or `www.`: at about a third of a narrow column they would
/// otherwise force a badly spaced line or an overfull one.
const LONG_TOKEN_BYTES: usize = 20;

/// All break opportunities of `text`, sorted by `at`, without 0 and without
/// `text.len()` (the end of the paragraph is implicit).
///
/// Soft hyphens are read around: the table sees the visible characters on
/// either side of one as a pair, so `투\u{AD}자` breaks as `투자` does (a
/// soft hyphen in Hangul or Han text is ignored), and `inno\u{AD}vation`
/// gets a [`BreakKind::Hyphen`] after it (see [`Pair::hyphen`]). UAX's own
/// answer for such a pair is read with the soft hyphen in place (UAX #14
/// class BA: a break after it); between two Hangul or Han letters UAX
/// allows a break either way.
pub fn breaks(text: &str, unit: Unit) -> Vec<Break> {
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| c != SOFT_HYPHEN)
        .collect();
    if chars.len() < 2 {
        return Vec::new();
    }
    let uax = uax_allowed(text);
    let left: Vec<K> = left_kinds(&chars);
    let (keep_all, url) = token_flags(text, &chars);

    let mut out = Vec::new();
    // The last character before the current run of spaces (and zero width
    // spaces): what a line broken after them would end with.
    let mut line_end: Option<char> = None;
    for i in 1..chars.len() {
        let (at, b) = chars[i];
        let a = chars[i - 1].1;
        let ka = left[i - 1];
        if !matches!(ka, K::Space | K::Zwsp) {
            line_end = Some(a);
        }
        let after_word = i >= 2 && matches!(left[i - 2], K::Hangul | K::Han | K::Letter | K::Digit);
        let word_after = chars[i..]
            .iter()
            .take(2)
            .take_while(|&&(_, c)| matches!(kind(c), K::Hangul | K::Han))
            .count();
        let digit_before = i >= 2 && left[i - 2] == K::Digit;
        let after_a = chars[i - 1].0 + a.len_utf8();
        let pair = Pair {
            after_word,
            digit_before,
            word_after,
            a,
            b,
            ka,
            kb: kind(b),
            hyphen: at > after_a && is_latin(base(&chars, i - 1)) && is_latin(b),
            line_end,
            uax: uax[at],
            keep_all: keep_all[i - 1] && keep_all[i],
            url: url[i - 1] && url[i],
            unit,
        };
        if let Some(kind) = tailor(&pair) {
            out.push(Break { at, kind });
        }
    }
    out
}

/// KLREQ `#line-head-rest` (Line Head Restrictions) and UAX #14 LB13, LB16,
/// LB21, LB22, LB24–25: `c` may not start a line. Closing brackets and
/// quotes (CL, CP, `’ ”`), sentence punctuation (EX, IS: `! ? , . : ;`),
/// non-starters (NS, CJ: `、 。 々 ー ・` and friends), inseparables
/// (IN: `… ‥`), postfix units (PO: `% ℃ ° ‰`), middle dots (KLREQ cl7:
/// `· ㆍ ・`) and the range marks and hyphens of KLREQ cl5 (`~ ～ 〜 ‐ –`).
pub fn starts_forbidden(c: char) -> bool {
    use BreakClass::*;
    matches!(
        break_property(c as u32),
        ClosePunctuation
            | CloseParenthesis
            | Exclamation
            | InfixSeparator
            | NonStarter
            | ConditionalJapaneseStarter
            | Inseparable
            | Postfix
    ) || matches!(
        c,
        '’' | '”'
            | '\u{00B7}' // · middle dot (AI in UAX, KLREQ cl7)
            | '\u{318D}' // ㆍ Hangul arae-a, typed as a middle dot in Korean
            | '\u{2027}' // ‧ hyphenation point
            | '\u{30FB}' // ・ katakana middle dot
            | '\u{FF65}' // ･ halfwidth katakana middle dot
            | '~'
            | '\u{FF5E}' // ～ fullwidth tilde
            | '\u{301C}' // 〜 wave dash
            | '\u{2010}' // ‐ hyphen
            | '\u{2013}' // – en dash (ranges: 2022–2023)
    )
}

/// KLREQ `#line-end-rest` (Line End Restrictions) and UAX #14 LB14: `c` may
/// not end a line. Opening brackets (OP: `( [ { 「 『 〈 《 【 （ 〔`) and
/// opening quotes (`‘ “`).
pub fn ends_forbidden(c: char) -> bool {
    break_property(c as u32) == BreakClass::OpenPunctuation || matches!(c, '‘' | '“')
}

/// The coarse class of a character, as the table [`tailor`] sees it. The
/// order of the tests in [`kind`] matters: `.` is `Close` before it is
/// anything else, `ㆍ` is a middle dot before it is Hangul.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum K {
    /// Mandatory break: LF, CR, NEL, LS, PS, VT, FF (UAX BK, CR, LF, NL).
    Hard,
    /// Word space ([`is_space`]): U+0020, tab, U+3000 and the typographic
    /// spaces that UAX #14 lets break (thin space included, NBSP not).
    Space,
    /// Never breaks on either side: NBSP and other GL, WJ, ZWJ; combining
    /// marks (CM) on their right side.
    Glue,
    /// Zero width space (ZW).
    Zwsp,
    /// May not end a line ([`ends_forbidden`]).
    Open,
    /// May not start a line ([`starts_forbidden`]).
    Close,
    /// Em dash, horizontal bar (UAX B2).
    Dash,
    Hangul,
    Han,
    Digit,
    /// Letters of other scripts (Latin, Greek, Cyrillic …).
    Letter,
    /// Everything else: symbols, straight quotes, kana. UAX decides.
    Other,
}

fn kind(c: char) -> K {
    use BreakClass::*;
    // Most of a Korean text: precomposed syllables (H2/H3, in no other
    // class below), answered before three class lookups.
    if is_hangul_syllable(c) {
        return K::Hangul;
    }
    let class = break_property(c as u32);
    match class {
        Mandatory | CarriageReturn | LineFeed | NextLine => return K::Hard,
        _ => {}
    }
    if is_space(c) {
        K::Space
    } else if matches!(
        class,
        NonBreakingGlue | WordJoiner | ZeroWidthJoiner | CombiningMark
    ) {
        K::Glue
    } else if class == ZeroWidthSpace {
        K::Zwsp
    } else if ends_forbidden(c) {
        K::Open
    } else if starts_forbidden(c) {
        K::Close
    } else if class == BeforeAndAfter {
        K::Dash
    } else if is_hangul(c) {
        K::Hangul
    } else if is_han(c) {
        K::Han
    } else if class == Numeric {
        K::Digit
    } else if c.is_alphabetic() {
        K::Letter
    } else {
        K::Other
    }
}

/// Class of each character when it stands on the *left* of a boundary. A
/// combining mark takes its base's class there (UAX #14 LB9: "treat X CM*
/// as X"), so `é` written as `e` + U+0301 is still a letter.
fn left_kinds(chars: &[(usize, char)]) -> Vec<K> {
    let mut out: Vec<K> = Vec::with_capacity(chars.len());
    for (i, &(_, c)) in chars.iter().enumerate() {
        let k = kind(c);
        let combining = break_property(c as u32) == BreakClass::CombiningMark;
        out.push(match (combining, i.checked_sub(1).map(|j| out[j])) {
            (true, Some(base)) if !matches!(base, K::Space | K::Hard) => base,
            _ => k,
        });
    }
    out
}

/// The character at `chars[i]`, or the base a combining mark there is on.
fn base(chars: &[(usize, char)], i: usize) -> char {
    let mut j = i;
    while j > 0 && break_property(chars[j].1 as u32) == BreakClass::CombiningMark {
        j -= 1;
    }
    chars[j].1
}

/// `uax[at]` is true when UAX #14 allows (or mandates) a break before byte `at`.
fn uax_allowed(text: &str) -> Vec<bool> {
    let mut uax = vec![false; text.len() + 1];
    for (at, op) in linebreaks(text) {
        debug_assert!(matches!(
            op,
            BreakOpportunity::Allowed | BreakOpportunity::Mandatory
        ));
        uax[at] = true;
    }
    uax
}

/// Per character: is it in a word that keeps all (see [`Pair::keep_all`])?
/// Is it inside a URL or a long ASCII token? A token is a run with no space
/// and no hard break.
fn token_flags(text: &str, chars: &[(usize, char)]) -> (Vec<bool>, Vec<bool>) {
    let n = chars.len();
    let mut keep_all = vec![false; n];
    let mut url = vec![false; n];
    let breaks_token = |c: char| matches!(kind(c), K::Space | K::Hard);
    let mut start = 0;
    while start < n {
        if breaks_token(chars[start].1) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < n && !breaks_token(chars[end].1) {
            end += 1;
        }
        if chars[start..end].iter().any(|&(_, c)| is_hangul(c)) {
            keep_all[start..end].iter_mut().for_each(|k| *k = true);
        } else {
            mark_glosses(chars, start, end, &mut keep_all);
        }
        mark_urls(text, chars, start, end, &mut url);
        start = end;
    }
    (keep_all, url)
}

/// Marks the brackets glued to a preceding letter, digit or ideograph in
/// the token `chars[start..end]`, and all inside them: `SAIC(上汽)`,
/// `GWM(长城汽车)`. A gloss left open ends with its token.
fn mark_glosses(chars: &[(usize, char)], start: usize, end: usize, gloss: &mut [bool]) {
    let is_word = |k: K| matches!(k, K::Hangul | K::Han | K::Letter | K::Digit);
    // For each open bracket: is it (or one around it) glued?
    let mut open: Vec<bool> = Vec::new();
    for i in start..end {
        let c = chars[i].1;
        let class = break_property(c as u32);
        if class == BreakClass::OpenPunctuation {
            let glued = open.last() == Some(&true) || (i > start && is_word(kind(chars[i - 1].1)));
            open.push(glued);
            gloss[i] = glued;
        } else if matches!(
            class,
            BreakClass::ClosePunctuation | BreakClass::CloseParenthesis
        ) {
            gloss[i] = open.pop() == Some(true);
        } else {
            gloss[i] = open.last() == Some(&true);
        }
    }
}

/// Marks the URL-like ASCII runs inside the token `chars[start..end]`.
fn mark_urls(text: &str, chars: &[(usize, char)], start: usize, end: usize, url: &mut [bool]) {
    let mut i = start;
    while i < end {
        if !chars[i].1.is_ascii_graphic() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < end && chars[j].1.is_ascii_graphic() {
            j += 1;
        }
        // Trim what surrounds a URL in prose: `(http://x.cn/a).` or `<www.x.cn>,`.
        let (mut s, mut e) = (i, j);
        while s < e && (ends_forbidden(chars[s].1) || matches!(chars[s].1, '"' | '\'' | '<')) {
            s += 1;
        }
        while e > s
            && (starts_forbidden(chars[e - 1].1) || matches!(chars[e - 1].1, '"' | '\'' | '>'))
        {
            e -= 1;
        }
        if s < e {
            let from = chars[s].0;
            let to = chars.get(e).map_or(text.len(), |&(at, _)| at);
            let token = &text[from..to];
            let lower = token.to_ascii_lowercase();
            let url_like = lower.contains("://")
                || lower.starts_with("www.")
                || (token.len() >= LONG_TOKEN_BYTES && token.contains(is_url_separator));
            if url_like {
                url[s..e].iter_mut().for_each(|u| *u = true);
            }
        }
        i = j;
    }
}

/// After these, a URL or long token may break (Soft).
fn is_url_separator(c: char) -> bool {
    matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=')
}

/// One boundary between two adjacent characters, with what the table needs
/// to know about it.
struct Pair {
    /// The characters before and after the boundary.
    a: char,
    b: char,
    ka: K,
    kb: K,
    /// The last character that is not a space (nor a zero width space) at
    /// or before `a`: what the line ends with if it breaks here.
    line_end: Option<char>,
    /// UAX #14 allows a break here.
    uax: bool,
    /// Both sides are in one word that keeps all: a token that contains
    /// Hangul (a Korean 어절), or a bracketed gloss glued to a word
    /// (`SAIC(上汽)`).
    keep_all: bool,
    /// Both sides are in one URL or long ASCII token.
    url: bool,
    /// A soft hyphen lies between `a` and `b`, and both are Latin letters
    /// (`a` by its base, if it is a combining mark).
    hyphen: bool,
    unit: Unit,
    /// The character before `a` is a letter, digit, Hangul or Han: `a` sits
    /// between words (a hyphen in `K-방역`, not a sign in `-5`); and it is
    /// a digit.
    after_word: bool,
    digit_before: bool,
    /// How many Hangul syllables or Han ideographs follow in a row from
    /// `b` (a particle is one).
    word_after: usize,
}

/// The tailoring table: UAX #14's answer for one boundary, tailored by
/// KLREQ. Rows are tried in order; the first that matches decides.
/// `p.uax.then_some(kind)` keeps UAX's yes/no and only grades it.
fn tailor(p: &Pair) -> Option<BreakKind> {
    use BreakKind::*;
    let by_unit = |word, syllable| match p.unit {
        Unit::Word => word,
        Unit::Syllable => syllable,
    };
    match (p.ka, p.kb) {
        // A soft hyphen in a Latin word: a hyphenation point the author
        // chose (UAX LB21 lets BA break after it; KLREQ #line-break item 2,
        // "or by using a hyphen"). Anywhere else it was read around.
        _ if p.hyphen => Some(Hyphen),
        // UAX LB5: no break inside CR LF.
        (K::Hard, _) if p.a == '\r' && p.b == '\n' => None,
        // UAX LB4, LB5: always break after a hard line break.
        (K::Hard, _) => Some(Hard),
        // UAX LB6: never break before a hard line break.
        (_, K::Hard) => None,
        // UAX LB7, LB18: no break before a space; the break goes after the
        // last space of a run, so the spaces stay on the line as glue.
        (_, K::Space) => None,
        // After a run of spaces: a word space, the normal break (UAX LB18).
        // Not when the line would end with an opening bracket (KLREQ
        // #line-end-rest, UAX LB14 "OP SP* ×") or the next start with a
        // closing one (KLREQ #line-head-rest, UAX LB13, LB16), nor at the
        // paragraph's start or right after a hard break (no empty line).
        // UAX LB15 (QU SP* × OP) is not kept: Korean quotes are typed
        // directionally, and `"…" (…)` may break at its space.
        (K::Space, _) => match p.line_end {
            None => None,
            Some(end) if kind(end) == K::Hard || ends_forbidden(end) => None,
            Some(_) if starts_forbidden(p.b) => None,
            Some(_) => Some(Space),
        },
        // KLREQ #line-head-rest; UAX LB13, LB21 (× NS), LB22 (× IN),
        // LB25 (NU × PO): nothing that may not start a line starts one.
        (_, K::Close) => None,
        // KLREQ #line-end-rest; UAX LB14 (OP ×): nothing that may not end a
        // line ends one.
        (K::Open, _) => None,
        // UAX LB8a, LB9, LB11, LB12, LB12a: no break at NBSP, word joiners,
        // ZWJ, or before a combining mark.
        (K::Glue, _) | (_, K::Glue) => None,
        // UAX LB8: break after a zero width space, under the same KLREQ
        // line-end restrictions as a word space.
        (K::Zwsp, _) => match p.line_end {
            Some(end) if kind(end) != K::Hard && !ends_forbidden(end) => Some(Soft),
            _ => None,
        },
        // KLREQ #word-break-rest item 1, UAX LB17: no break inside `——`.
        (K::Dash, K::Dash) => None,
        // UAX LB31 for B2: an em dash may break before and after (`전망—2022`).
        (K::Dash, _) | (_, K::Dash) => p.uax.then_some(Soft),
        // Tailoring (UAX LB30 "(AL|HL|NU) × OP" extended to Hangul and Han):
        // a bracket glued to a word belongs to it: `상하이시인민정부(上海市
        // 人民政府)` breaks between `부` and `(` only as a Compound seam,
        // and a quote mark glued to a word never.
        (K::Hangul | K::Han | K::Letter | K::Digit, K::Open) => {
            (break_property(p.b as u32) == BreakClass::OpenPunctuation).then_some(Compound)
        }
        // Tailoring: after a closing bracket, before a word of two
        // syllables or more (`(上海市人民政府)|사이트`), a Compound seam; not
        // before a one-syllable particle (`(1기)를`, `」을`).
        (K::Close, K::Hangul | K::Han)
            if p.keep_all
                && matches!(
                    break_property(p.a as u32),
                    BreakClass::ClosePunctuation | BreakClass::CloseParenthesis
                )
                && p.word_after >= 2 =>
        {
            Some(Compound)
        }
        // URLs and long tokens (tailoring; overrides UAX LB29 "IS × AL" and
        // LB28 "AL × AL"): break after `/ . - _`, but not inside `//`, and
        // nowhere else inside the URL.
        _ if p.url && is_url_separator(p.a) && !is_url_separator(p.b) => Some(Soft),
        _ if p.url => None,
        // Tailoring: an ASCII arrow `->`, `<-` is one symbol.
        _ if matches!((p.a, p.b), ('-', '>') | ('<', '-')) => None,
        // UAX LB21 (HY, BA): after a hyphen or a slash, where UAX allows
        // (LB25 keeps `-5`, `1/2` together). `K-방역` breaks after `-`.
        _ if matches!(p.a, '-' | '/') && p.uax => Some(Soft),
        // Tailoring: in a compound, after a hyphen, slash or en dash
        // between words (`K-방역`, `서울–베이징`, `R&D/인력`); not inside a
        // number or a range of numbers (`2023-2025`, KLREQ
        // #word-break-rest item 3), nor after a sign (`-5`).
        _ if matches!(p.a, '-' | '/' | '\u{2013}')
            && p.after_word
            && !(p.digit_before && p.kb == K::Digit)
            && matches!(p.kb, K::Hangul | K::Han | K::Letter | K::Digit) =>
        {
            Some(Compound)
        }
        // KLREQ #word-break-rest items 3–5, extended to counters and units
        // written in Hangul or Han: `10월`, `1000억`, `2025年`. UAX would
        // allow NU ÷ H2/ID.
        (K::Digit, K::Hangul | K::Han) => p.uax.then_some(IntraWord),
        // UAX LB23, LB25, LB28: Latin words and numbers are never split
        // (`400km`, `R&D` via Other below, `3.5`).
        (K::Letter | K::Digit, K::Letter | K::Digit) => None,
        // KLREQ #line-break "word basis" (keep-all): inside a Korean word
        // (a token with Hangul: `상하이시인민정부(上海市人民政府)사이트`,
        // `元宇宙위챗`, `R&D를`, `”이라고`) or a gloss glued to a word
        // (`SAIC(上汽)`), every break UAX allows is a last resort. With
        // Unit::Syllable ("character basis") a break between two full-width
        // letters, or after closing punctuation before one, is Soft.
        (K::Hangul | K::Han | K::Close, K::Hangul | K::Han) if p.keep_all => {
            p.uax.then_some(by_unit(IntraWord, Soft))
        }
        _ if p.keep_all => p.uax.then_some(IntraWord),
        // UAX LB31 (ID ÷ ID): Chinese text breaks between characters.
        (K::Han, K::Han) => p.uax.then_some(Soft),
        // Everything else: as UAX #14 says, at a small cost.
        _ => p.uax.then_some(Soft),
    }
}

#[cfg(test)]
mod tests {
    use super::BreakKind::*;
    use super::Unit::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_syllable_takes_the_hangul_fast_path_rightly() {
        // kind() answers K::Hangul for U+AC00..=U+D7A3 before looking at
        // break classes: none of those checks may claim a syllable.
        for c in '\u{AC00}'..='\u{D7A3}' {
            let class = break_property(c as u32);
            assert!(
                matches!(
                    class,
                    BreakClass::HangulLvSyllable | BreakClass::HangulLvtSyllable
                ),
                "{c} is {class:?}"
            );
            assert!(!is_space(c) && !ends_forbidden(c) && !starts_forbidden(c) && is_hangul(c));
        }
    }

    /// The text split at every break, each piece tagged with the kind of
    /// the break that ends it (`None` for the last piece).
    fn pieces(text: &str, unit: Unit) -> Vec<(String, Option<BreakKind>)> {
        let mut out = Vec::new();
        let mut from = 0;
        for b in breaks(text, unit) {
            out.push((text[from..b.at].to_string(), Some(b.kind)));
            from = b.at;
        }
        out.push((text[from..].to_string(), None));
        out
    }

    /// The breaks as `(text before, kind)` for readable assertions.
    fn at(text: &str, unit: Unit) -> Vec<(String, BreakKind)> {
        breaks(text, unit)
            .into_iter()
            .map(|b| (text[..b.at].to_string(), b.kind))
            .collect()
    }

    fn kind_before(text: &str, unit: Unit, prefix: &str) -> Option<BreakKind> {
        assert!(
            text.starts_with(prefix),
            "{prefix:?} is not a prefix of {text:?}"
        );
        breaks(text, unit)
            .into_iter()
            .find(|b| b.at == prefix.len())
            .map(|b| b.kind)
    }

    /// Only the breaks of `kind`, as `(text before, kind)`.
    fn only(text: &str, unit: Unit, kind: BreakKind) -> Vec<(String, BreakKind)> {
        at(text, unit)
            .into_iter()
            .filter(|(_, k)| *k == kind)
            .collect()
    }

    #[test]
    fn space_breaks_after_the_last_space() {
        let t = "바이오의약  R&D 경제";
        assert_eq!(
            only(t, Word, Space),
            vec![
                ("바이오의약  ".to_string(), Space),
                ("바이오의약  R&D ".to_string(), Space)
            ]
        );
    }

    #[test]
    fn ideographic_space_breaks_and_nbsp_does_not() {
        assert_eq!(
            kind_before("상하이\u{3000}정부", Word, "상하이\u{3000}"),
            Some(Space)
        );
        let t = "상하이\u{a0}정부";
        assert_eq!(kind_before(t, Syllable, "상하이"), None);
        assert_eq!(kind_before(t, Syllable, "상하이\u{a0}"), None);
        assert_eq!(kind_before("R&D\u{a0}경제", Word, "R&D"), None);
        assert_eq!(kind_before("R&D\u{a0}경제", Word, "R&D\u{a0}"), None);
    }

    #[test]
    fn keep_all_inside_a_korean_word() {
        // Word unit: every syllable boundary is IntraWord, the space is Space.
        let p = pieces("바이오의약 산업", Word);
        assert_eq!(p[0], ("바".to_string(), Some(IntraWord)));
        assert_eq!(p[4], ("약 ".to_string(), Some(Space)));
        assert!(
            p.iter()
                .all(|(_, k)| matches!(k, Some(IntraWord | Space) | None))
        );
    }

    #[test]
    fn syllable_unit_makes_hangul_pairs_soft() {
        let b = breaks("바이오의약 산업", Syllable);
        assert_eq!(b.iter().filter(|b| b.kind == Soft).count(), 5);
        assert_eq!(b.iter().filter(|b| b.kind == Space).count(), 1);
        assert!(b.iter().all(|b| b.kind != IntraWord));
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        for t in [
            "혁신(革新) 발표",
            "말했다. 그리고",
            "「혁신」은 중요",
            "“혁신”이라고 했다",
            "온·오프라인",
            "30% 증가",
            "1037℃ 이상",
            "그런데…… 그래서",
            "말했다, 그리고!",
            "【시장분석】 글로벌",
        ] {
            for b in breaks(t, Syllable) {
                let next = t[b.at..].chars().next().unwrap();
                assert!(!starts_forbidden(next), "{t:?} breaks before {next:?}");
            }
        }
        // Not even after a space.
        assert_eq!(kind_before("상하이 )정부", Word, "상하이 "), None);
        assert_eq!(kind_before("투입 ·R&D", Word, "투입 "), None);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        for t in [
            "「혁신」은",
            "“혁신”",
            "【시장분석】글로벌",
            "（上海）",
            "〔注〕",
        ] {
            for b in breaks(t, Syllable) {
                let prev = t[..b.at].trim_end().chars().last().unwrap();
                assert!(!ends_forbidden(prev), "{t:?} breaks after {prev:?}");
            }
        }
        // Not even before a space: `( 혁신` may not break after `( `.
        assert_eq!(kind_before("정부 ( 혁신", Word, "정부 ( "), None);
        assert_eq!(kind_before("정부 ( 혁신", Word, "정부 "), Some(Space));
    }

    #[test]
    fn han_gloss_glued_to_a_word_stays_with_it() {
        let t = "상하이시인민정부(上海市人民政府)사이트 발표";
        let b = breaks(t, Word);
        let gloss_end = t.find(" 발표").unwrap();
        // Compound seams before the gloss and after it (before a word of
        // two syllables), IntraWord everywhere else inside, Space after it.
        let open = t.find('(').unwrap();
        let after = t.find("사이트").unwrap();
        for b in b.iter().filter(|b| b.at <= gloss_end) {
            let seam = b.at == open || b.at == after;
            assert_eq!(b.kind, if seam { Compound } else { IntraWord }, "{b:?}");
        }
        assert!(b.iter().any(|b| b.at == open) && b.iter().any(|b| b.at == after));
        assert_eq!(
            kind_before(t, Word, "상하이시인민정부(上海市人民政府)사이트 "),
            Some(Space)
        );
        // Between `부` and `(` only the seam; none after `(` or before `)`.
        assert_eq!(kind_before(t, Word, "상하이시인민정부"), Some(Compound));
        assert_eq!(kind_before(t, Word, "상하이시인민정부("), None);
        assert_eq!(
            kind_before(t, Word, "상하이시인민정부(上海市人民政府"),
            None
        );
        // Han inside the gloss: IntraWord, not Soft.
        assert_eq!(kind_before(t, Word, "상하이시인민정부(上"), Some(IntraWord));
        // Latin words keep brackets and glosses too (but for the seam).
        let t = "SAIC(上汽集团) 발표";
        assert_eq!(kind_before(t, Word, "SAIC"), Some(Compound));
        assert_eq!(kind_before(t, Word, "SAIC(上"), Some(IntraWord));
        assert_eq!(kind_before(t, Word, "SAIC(上汽集团) "), Some(Space));
        assert_eq!(kind_before(t, Syllable, "SAIC(上"), Some(Soft));
        // But a bracket after a space is no gloss: Chinese breaks inside.
        assert_eq!(kind_before("腾讯 (上汽集团)", Word, "腾讯 (上"), Some(Soft));
    }

    #[test]
    fn han_next_to_hangul_is_intra_word_han_alone_is_soft() {
        let t = "元宇宙위챗";
        assert_eq!(kind_before(t, Word, "元宇宙"), Some(IntraWord));
        assert_eq!(kind_before(t, Word, "元"), Some(IntraWord));
        // Chinese text on its own breaks between characters.
        let c = "上海市人民政府 发布";
        assert_eq!(kind_before(c, Word, "上"), Some(Soft));
        assert_eq!(kind_before(c, Word, "上海市人民政"), Some(Soft));
        assert_eq!(kind_before(c, Word, "上海市人民政府 "), Some(Space));
    }

    #[test]
    fn numbers_stay_with_units() {
        for (t, unit) in [
            ("30%", Word),
            ("400km", Word),
            ("1037°C", Word),
            ("2022~2023", Word),
            ("1,000", Word),
            ("3.5", Word),
            ("30%", Syllable),
            ("2022~2023", Syllable),
            ("$100", Word),
            ("₩1000", Word),
            ("m²", Word),
        ] {
            assert!(breaks(t, unit).is_empty(), "{t:?}: {:?}", breaks(t, unit));
        }
        for (t, unit) in [
            ("1000억", Word),
            ("10월", Word),
            ("10월", Syllable),
            ("2022~2023년", Syllable),
            ("2025年", Word),
        ] {
            assert!(
                breaks(t, unit).iter().all(|b| b.kind == IntraWord),
                "{t:?}: {:?}",
                breaks(t, unit)
            );
        }
        // No break before `~` even with Hangul around it.
        assert_eq!(kind_before("10월~12월", Syllable, "10월"), None);
    }

    #[test]
    fn latin_words_are_never_split() {
        assert!(breaks("Innovation", Word).is_empty());
        assert!(breaks("R&D", Word).is_empty());
        assert_eq!(at("R&D를", Word), vec![("R&D".to_string(), IntraWord)]);
        assert_eq!(at("KIC China", Word), vec![("KIC ".to_string(), Space)]);
    }

    #[test]
    fn urls_break_after_separators() {
        let t = "www.ndrc.gov.cn";
        assert_eq!(
            at(t, Word),
            vec![
                ("www.".to_string(), Soft),
                ("www.ndrc.".to_string(), Soft),
                ("www.ndrc.gov.".to_string(), Soft)
            ]
        );
        let t = "http://www.sh.gov.cn/a_b-c/d";
        let before: Vec<String> = at(t, Word).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            before,
            [
                "http://",
                "http://www.",
                "http://www.sh.",
                "http://www.sh.gov.",
                "http://www.sh.gov.cn/",
                "http://www.sh.gov.cn/a_",
                "http://www.sh.gov.cn/a_b-",
                "http://www.sh.gov.cn/a_b-c/"
            ]
        );
        assert!(breaks(t, Word).iter().all(|b| b.kind == Soft));
        // A URL glued to a particle, and a sentence period after a URL.
        assert_eq!(
            kind_before("www.ndrc.gov.cn에서", Word, "www.ndrc.gov.cn"),
            Some(IntraWord)
        );
        assert_eq!(
            kind_before("(www.ndrc.gov.cn).", Word, "(www.ndrc.gov.cn"),
            None
        );
        // A short dotted word is not a URL.
        assert!(breaks("e.g.", Word).is_empty());
    }

    #[test]
    fn long_tokens_break_after_separators() {
        let t = "mRNA_lipid_nanoparticle_delivery";
        assert_eq!(kind_before(t, Word, "mRNA_"), Some(Soft));
        assert!(breaks("snake_case", Word).is_empty());
    }

    #[test]
    fn hyphen_breaks_after_not_before_and_not_before_a_number() {
        assert_eq!(at("e-commerce", Word), vec![("e-".to_string(), Soft)]);
        assert_eq!(kind_before("K-방역", Word, "K-"), Some(Soft));
        assert_eq!(kind_before("K-방역", Word, "K"), None);
        assert!(breaks("-5", Word).is_empty());
        // An arrow is one symbol: `셀->모듈` breaks after it only.
        assert_eq!(
            at("셀->모듈", Word).first(),
            Some(&("셀->".to_string(), IntraWord))
        );
    }

    #[test]
    fn middle_dot_never_starts_a_line() {
        let t = "온·오프라인";
        assert_eq!(kind_before(t, Word, "온"), None);
        assert_eq!(kind_before(t, Word, "온·"), Some(IntraWord));
        assert_eq!(kind_before(t, Syllable, "온·"), Some(Soft));
        let t = "R&D 투입· R&D";
        assert_eq!(kind_before(t, Word, "R&D 투입"), None);
        assert_eq!(kind_before(t, Word, "R&D 투입· "), Some(Space));
        assert_eq!(kind_before("성·시(省市)기업", Word, "성"), None);
    }

    #[test]
    fn em_dash_and_tilde() {
        let t = "전망—2022";
        assert_eq!(kind_before(t, Word, "전망"), Some(Soft));
        assert_eq!(kind_before(t, Word, "전망—"), Some(Soft));
        // Not between two dashes (KLREQ #word-break-rest), nor before a
        // closing bracket after one.
        assert_eq!(kind_before("그——그", Word, "그—"), None);
        assert_eq!(kind_before("(그—)", Word, "(그—"), None);
        // After a leading dash and space.
        assert_eq!(kind_before("— 신경보(新京报)", Word, "— "), Some(Space));
        assert!(breaks("2022~2023", Word).is_empty());
    }

    #[test]
    fn newline_is_a_hard_break() {
        assert_eq!(
            at("첫 줄\n둘", Word),
            vec![("첫 ".to_string(), Space), ("첫 줄\n".to_string(), Hard)]
        );
        // CR LF is one break, after the LF; spaces before it are no break.
        assert_eq!(at("가  \r\n나", Word), vec![("가  \r\n".to_string(), Hard)]);
        // Spaces after a hard break do not make an empty line.
        assert_eq!(at("가\n  나", Word), vec![("가\n".to_string(), Hard)]);
        // A trailing newline is the implicit end.
        assert!(breaks("가\n", Word).is_empty());
    }

    #[test]
    fn soft_hyphen_is_a_hyphen_break_in_latin_words_only() {
        assert_eq!(
            at("inno\u{ad}vation", Word),
            [("inno\u{ad}".to_string(), Hyphen)]
        );
        assert_eq!(
            at("e\u{301}\u{ad}te", Syllable),
            [("e\u{301}\u{ad}".to_string(), Hyphen)]
        );
        // Read around elsewhere: as without it.
        assert_eq!(
            at("투\u{ad}자", Word),
            [("투\u{ad}".to_string(), IntraWord)]
        );
        assert!(breaks("2\u{ad}022", Word).is_empty());
        assert!(breaks("\u{ad}가", Word).is_empty());
        assert_eq!(kind_before("가 \u{ad}나", Word, "가 \u{ad}"), Some(Space));
    }

    #[test]
    fn no_break_at_start_or_end() {
        assert!(breaks("", Word).is_empty());
        assert!(breaks("가", Word).is_empty());
        assert!(breaks("  가", Word).is_empty());
        assert!(breaks("가  ", Word).is_empty());
    }

    const ALPHABET: &[char] = &[
        '가', '나', '다', '는', '를', '上', '海', '市', 'a', 'b', 'Z', '0', '7', ' ', ' ', ' ',
        '\u{3000}', '\u{a0}', '(', ')', '[', ']', '「', '」', '『', '』', '〈', '〉', '《', '》',
        '‘', '’', '“', '”', '【', '】', '（', '）', '〔', '〕', ',', '.', '、', '。', '·', ':',
        ';', '?', '!', '%', '℃', '…', '‥', '—', '~', '-', '/', '_', '"', '\'', '&', '\n', 'ㆍ',
        '\u{200b}', '\u{301}', '\u{ad}', '\u{ad}',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn breaks_respect_kinsoku_and_boundaries(
            chars in prop::collection::vec(prop::sample::select(ALPHABET), 0..40),
            syllable in any::<bool>(),
        ) {
            let text: String = chars.into_iter().collect();
            let unit = if syllable { Syllable } else { Word };
            let bs = breaks(&text, unit);
            let mut last = 0;
            for b in &bs {
                prop_assert!(b.at > last, "not sorted and unique, or at 0: {bs:?}");
                prop_assert!(b.at < text.len(), "break at the end: {bs:?}");
                prop_assert!(text.is_char_boundary(b.at));
                last = b.at;
                let (before, after) = text.split_at(b.at);
                // A hard break is the author's: the line may end or start
                // with anything.
                if b.kind == BreakKind::Hard {
                    let before = before.trim_end_matches(SOFT_HYPHEN);
                    prop_assert!(before.ends_with('\n') || before.ends_with('\r'));
                    continue;
                }
                let next = after.chars().next().unwrap();
                prop_assert!(!starts_forbidden(next), "{text:?}: line starts with {next:?} at {}", b.at);
                prop_assert!(!is_space(next), "{text:?}: line starts with a space at {}", b.at);
                let end = before.trim_end_matches(|c| is_space(c) || c == '\u{200b}').chars().last();
                prop_assert!(end.is_some(), "{text:?}: empty line at {}", b.at);
                let end = end.unwrap();
                prop_assert!(!ends_forbidden(end), "{text:?}: line ends with {end:?} at {}", b.at);
                prop_assert!(kind(end) != K::Hard, "{text:?}: empty line after a hard break at {}", b.at);
                // Space breaks follow a space, the others do not (a soft
                // hyphen between is read around).
                let spaced = before.trim_end_matches(SOFT_HYPHEN).ends_with(is_space);
                prop_assert_eq!(b.kind == BreakKind::Space, spaced, "{:?} at {}", text, b.at);
                // Hyphen breaks follow a soft hyphen between Latin letters.
                if b.kind == BreakKind::Hyphen {
                    let prev = before.trim_end_matches(SOFT_HYPHEN).chars().last();
                    prop_assert!(before.ends_with(SOFT_HYPHEN) && next.is_alphabetic());
                    let letter = prev.is_some_and(|c| c.is_alphabetic() || c == '\u{301}');
                    prop_assert!(letter, "{:?}: hyphen after {:?}", text, prev);
                }
                // Nothing breaks before a soft hyphen.
                prop_assert!(next != SOFT_HYPHEN, "{:?}: break before U+00AD at {}", text, b.at);
            }
        }
    }
}
