//! The template: the design of an issue (page, faces, sizes, colours) and
//! the parts every issue has, read from `templates/kicweekly.yaml`.
//!
//! The default template is built into the binary; a project's own
//! `templates/kicweekly.yaml` or `--template PATH` replaces it. Unknown keys
//! are errors, located in the YAML file, so a typo never silently falls back
//! to a default.

use serde::Deserialize;

use crate::diag::{Diagnostic, FileId, SourceFiles, SourceResult};

/// The built-in template's text.
pub const DEFAULT_TEMPLATE: &str = include_str!("../templates/kicweekly.yaml");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    pub parts: Vec<PartSpec>,
    pub page: PageSpec,
    pub faces: Faces,
    pub text: TextSpec,
    pub colors: Colors,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartSpec {
    pub name: String,
    /// Shown before the part name on the cover and contents (`01`).
    pub label: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    pub width_mm: f32,
    pub height_mm: f32,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_inner_mm: f32,
    pub margin_outer_mm: f32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faces {
    pub serif_regular: String,
    pub serif_bold: String,
    pub sans_regular: String,
    pub sans_bold: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BreakUnit {
    /// Between words (keep-all); inside a word only as a last resort.
    Word,
    /// Between any two Hangul syllables.
    Syllable,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    pub body_size_pt: f32,
    pub line_height: f32,
    pub paragraph_gap: f32,
    pub small_size_pt: f32,
    pub caption_size_pt: f32,
    pub article_title_size_pt: f32,
    pub subhead_sizes_pt: [f32; 3],
    pub running_head_size_pt: f32,
    pub break_unit: BreakUnit,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    pub accent: Color,
    pub text: Color,
    pub muted: Color,
    pub rule: Color,
    pub note_background: Color,
}

/// An sRGB colour written `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub [u8; 3]);

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii());
        let parse = |i: usize| hex.and_then(|h| u8::from_str_radix(&h[i..i + 2], 16).ok());
        match (parse(0), parse(2), parse(4)) {
            (Some(r), Some(g), Some(b)) => Ok(Color([r, g, b])),
            _ => Err(serde::de::Error::custom(format!(
                "`{s}` is not a colour like #1b4f8c"
            ))),
        }
    }
}

impl Template {
    /// Parses a template file already added to `files`.
    pub fn parse(files: &SourceFiles, file: FileId) -> SourceResult<Template> {
        let text = &files.get(file).text;
        let t: Template = crate::source::yaml::from_str(files, file, text, 0)?;
        t.validate(files, file)?;
        Ok(t)
    }

    fn validate(&self, files: &SourceFiles, file: FileId) -> SourceResult<()> {
        let whole = files.span(file, 0, 0);
        let mut problems = Vec::new();
        if self.parts.is_empty() {
            problems.push("`parts` is empty: an issue needs at least one part".to_string());
        }
        for (i, p) in self.parts.iter().enumerate() {
            if self.parts[..i].iter().any(|q| q.name == p.name) {
                problems.push(format!("part `{}` is listed twice", p.name));
            }
        }
        let pg = &self.page;
        let min_body = 40.0;
        if pg.width_mm - pg.margin_inner_mm - pg.margin_outer_mm < min_body
            || pg.height_mm - pg.margin_top_mm - pg.margin_bottom_mm < min_body
        {
            problems.push("the page margins leave less than 40 mm for text".to_string());
        }
        let t = &self.text;
        let sizes = [
            t.body_size_pt,
            t.small_size_pt,
            t.caption_size_pt,
            t.article_title_size_pt,
        ]
        .into_iter()
        .chain(t.subhead_sizes_pt)
        .chain([t.running_head_size_pt]);
        if sizes.into_iter().any(|s| !(4.0..=72.0).contains(&s)) {
            problems.push("font sizes must be between 4 and 72 pt".to_string());
        }
        if !(1.0..=3.0).contains(&t.line_height) {
            problems.push("`line_height` must be between 1.0 and 3.0".to_string());
        }
        if problems.is_empty() {
            return Ok(());
        }
        Err(crate::diag::Diagnostics(
            problems
                .into_iter()
                .map(|p| Diagnostic::error(whole, format!("invalid template: {p}")))
                .collect(),
        ))
    }

    pub fn part_names(&self) -> Vec<&str> {
        self.parts.iter().map(|p| p.name.as_str()).collect()
    }
}
