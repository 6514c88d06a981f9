//! The template's design in CSS terms: type sizes in `rem` (the body size
//! is 1 rem), leadings, and colours made legible on a screen.

use crate::template::{Color, Template};

/// Colours and sizes both pages take from the template.
pub struct Design {
    pub accent: String,
    pub text: String,
    pub muted: String,
    /// The rule colour for the large part labels (`01`): the template's,
    /// darkened just enough to read (WCAG 3:1 for large text).
    pub label: String,
    pub rule: String,
    pub note_background: String,
    pub line_height: f32,
    /// Korean breaks between words (`word`) rather than syllables.
    pub keep_all: bool,
    body_pt: f32,
}

impl Design {
    pub fn new(t: &Template) -> Design {
        let c = &t.colors;
        let white = Color::rgb([255, 255, 255]);
        Design {
            accent: hex(legible(c.accent, white, 4.5)),
            text: hex(legible(c.text, c.note_background, 4.5)),
            muted: hex(legible(c.muted, white, 4.5)),
            label: hex(legible(c.rule, white, 3.0)),
            rule: hex(c.rule),
            note_background: hex(c.note_background),
            line_height: t.text.line_height,
            keep_all: t.text.break_unit == crate::template::BreakUnit::Word,
            body_pt: t.text.body_size_pt,
        }
    }

    /// A type size in points as `rem`, the body size being 1.
    pub fn rem(&self, pt: f32) -> String {
        let v = pt / self.body_pt;
        format!("{}rem", trim(v))
    }

    /// A type size in points as CSS pixels, the body size being `body_px`.
    pub fn px(&self, pt: f32, body_px: f32) -> String {
        format!("{}px", trim(pt / self.body_pt * body_px))
    }
}

/// A number with at most three decimals and no trailing zeros.
pub fn trim(v: f32) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.rgb[0], c.rgb[1], c.rgb[2])
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let lin = |v: u8| {
        let v = v as f64 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.rgb[0]) + 0.7152 * lin(c.rgb[1]) + 0.0722 * lin(c.rgb[2])
}

pub fn contrast(a: Color, b: Color) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `c`, darkened step by step until it reads on `background` with at
/// least `ratio` (a design's pale colour kept as pale as it may be).
fn legible(c: Color, background: Color, ratio: f64) -> Color {
    let mut out = c;
    let mut k = 1.0f64;
    while contrast(out, background) < ratio && k > 0.0 {
        k -= 0.02;
        out = Color::rgb(c.rgb.map(|v| (v as f64 * k).round() as u8));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pale_colours_are_darkened_to_read() {
        let white = Color::rgb([255, 255, 255]);
        let rule = Color::rgb([0x9a, 0xa7, 0xb8]);
        assert!(contrast(rule, white) < 3.0);
        let l = legible(rule, white, 3.0);
        assert!(contrast(l, white) >= 3.0);
        assert!(contrast(l, white) < 3.3, "no darker than needed");
        // A colour that reads already is kept.
        let accent = Color::rgb([0x1b, 0x4f, 0x8c]);
        assert_eq!(legible(accent, white, 4.5), accent);
    }
}
