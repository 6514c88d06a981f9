//! Where a Korean word may be split when one must be: the seams of a
//! compound noun written without spaces.
//!
//! Keep-all breaking splits a word only as the last resort, and then any
//! syllable boundary is legal. They are not equally good: `스마트컴퓨팅|
//! 센터가` reads as two words, `스마트컴|퓨팅센터가` as nonsense, and `과|
//! 학기술혁신국` leaves one syllable alone at a line's end. A split is
//! graded by the nouns of `nouns.txt` (common parts of the compounds of
//! economic and technical news) that end before it and begin after it, and
//! by how many syllables it leaves on each side; the breaker pays more for
//! a worse seam, so among splits that fit it takes the best.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::chars::is_hangul_syllable;

/// How good a place for splitting a word a syllable boundary is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seam {
    /// A known noun ends before it and another begins after it.
    Nouns,
    /// A known noun on one side only.
    Noun,
    /// No known noun on either side.
    Blind,
    /// One syllable alone on a side: `과|학기술`, `혁신|국`.
    Orphan,
}

impl Seam {
    /// The factor on the intra-word penalty: every split stays a last
    /// resort (the factor is at least 1), a seam between two known nouns
    /// costs what any split cost before, a blind one about a third more
    /// (1.3² ≈ 1.7 × the demerits: a second loose-ish line is cheaper), and
    /// an orphaned syllable is taken only where nothing else fits.
    pub fn factor(self) -> f32 {
        match self {
            Seam::Nouns => 1.0,
            Seam::Noun => 1.15,
            Seam::Blind => 1.3,
            Seam::Orphan => 2.0,
        }
    }
}

/// The nouns, at most this many syllables long.
static NOUNS: LazyLock<(HashSet<&'static str>, usize)> = LazyLock::new(|| {
    let set: HashSet<&str> = include_str!("nouns.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
    let longest = set.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    (set, longest)
});

/// The seam at byte `at` of `text`, a boundary inside a word.
pub fn seam(text: &str, at: usize) -> Seam {
    let before: Vec<char> = text[..at]
        .chars()
        .rev()
        .take_while(|&c| is_hangul_syllable(c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: Vec<char> = text[at..]
        .chars()
        .take_while(|&c| is_hangul_syllable(c))
        .collect();
    let alone_before = before.len() == 1 && word_edge(text[..at].chars().nth_back(1));
    let alone_after = after.len() == 1 && word_edge(text[at..].chars().nth(1));
    if alone_before || alone_after {
        return Seam::Orphan;
    }
    let (nouns, longest) = &*NOUNS;
    let known = |chars: &[char]| {
        let s: String = chars.iter().collect();
        nouns.contains(s.as_str())
    };
    let ends = (2..=before.len().min(*longest)).any(|n| known(&before[before.len() - n..]));
    let begins = (2..=after.len().min(*longest)).any(|n| known(&after[..n]));
    match (ends, begins) {
        (true, true) => Seam::Nouns,
        (true, false) | (false, true) => Seam::Noun,
        (false, false) => Seam::Blind,
    }
}

/// Whether `c`, next to a one-syllable side, ends the word there (a space,
/// punctuation, the text's edge) rather than continuing it (a digit, a
/// Latin letter: `10월|부터` is no orphan).
fn word_edge(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marked: &str) -> Seam {
        seam(text, marked.len())
    }

    #[test]
    fn seams_between_known_nouns_are_best() {
        let t = "스마트컴퓨팅센터가 문을";
        assert_eq!(at(t, "스마트컴퓨팅"), Seam::Nouns);
        assert_eq!(at(t, "스마트"), Seam::Nouns);
        assert_eq!(at(t, "스마트컴"), Seam::Blind);
        assert!(Seam::Nouns.factor() < Seam::Blind.factor());
    }

    #[test]
    fn one_syllable_alone_is_an_orphan() {
        let t = "청두고신구 과학기술혁신국 연구";
        assert_eq!(at(t, "청두고신구 과"), Seam::Orphan);
        assert_eq!(at(t, "청두고신구 과학기술혁신"), Seam::Orphan);
        assert_eq!(at(t, "청두고신구 과학기술"), Seam::Nouns);
        assert!(Seam::Orphan.factor() > Seam::Blind.factor());
    }

    #[test]
    fn the_word_list_is_clean() {
        let (nouns, _) = &*NOUNS;
        assert!(nouns.len() > 250, "{}", nouns.len());
        for w in nouns {
            assert!(w.chars().count() >= 2, "{w} is one syllable");
            assert!(w.chars().all(is_hangul_syllable), "{w} is not all Hangul");
        }
    }
}
