//! TEMPORARY stand-in until the KLREQ breaker lands: spaces only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakKind {
    Space,
    Soft,
    IntraWord,
    Hard,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Break {
    pub at: usize,
    pub kind: BreakKind,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Word,
    Syllable,
}
pub fn breaks(text: &str, _unit: Unit) -> Vec<Break> {
    let mut out = vec![];
    let mut prev_space = false;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            out.push(Break {
                at: i + 1,
                kind: BreakKind::Hard,
            });
            prev_space = false;
            continue;
        }
        let sp = c == ' ';
        if prev_space && !sp && i > 0 {
            out.push(Break {
                at: i,
                kind: BreakKind::Space,
            });
        } else if !sp && i > 0 && (0xAC00..=0xD7A3).contains(&(c as u32)) {
            out.push(Break {
                at: i,
                kind: BreakKind::IntraWord,
            });
        }
        prev_space = sp;
    }
    out.retain(|b| b.at < text.len());
    out
}
pub fn starts_forbidden(c: char) -> bool {
    ")]}」』〉》’”,.、。·:;?!%".contains(c)
}
pub fn ends_forbidden(c: char) -> bool {
    "([{「『〈《‘“".contains(c)
}
