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
    /// `screen`: the colours as sRGB. `print`: as CMYK for the press, from
    /// `print_colors` (pictures are kept as they are).
    pub colour: ColourProfile,
    pub print_colors: PrintColors,
    pub flow: FlowSpec,
    pub body: BodySpec,
    pub cover: CoverSpec,
    pub contents: ContentsSpec,
    pub back_cover: BackCoverSpec,
    pub contacts: ContactsSpec,
    pub running_head: RunningHeadSpec,
    /// A side column beside the body's main column, for captions, editor's
    /// notes and source lists (a magazine design); none by default.
    #[serde(default)]
    pub side_column: Option<SideColumnSpec>,
    /// What a build writes besides the PDF; nothing by default.
    #[serde(default)]
    pub web: WebSpec,
}

/// The web edition (`out/<N>/`) and the archive index: written by
/// `build --web`, or by every build when `edition` is true.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebSpec {
    #[serde(default)]
    pub edition: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideColumnSpec {
    pub width_mm: f32,
    /// Space between the main column and the side column.
    pub gap_mm: f32,
}

/// A line of furniture: its type size and the height of its line box.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineSpec {
    pub size_pt: f32,
    pub leading_pt: f32,
}

/// Page breaking and justification.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowSpec {
    /// Fewest lines of a paragraph at the head of a page.
    pub widow_lines: usize,
    /// Fewest lines of a paragraph at the foot of a page.
    pub orphan_lines: usize,
    /// Most letter-spacing between Hangul and Han characters, in em.
    pub max_tracking_em: f32,
    /// Most negative letter-spacing between them, in em: the room to take
    /// a word back onto a line instead of leaving the line loose.
    pub max_tightening_em: f32,
    pub word_space: WordSpace,
    /// How far towards `word_space.max_em` (0–1) spaces go before
    /// letter-spacing is tried.
    pub justify_tolerance: f32,
}

/// Justified word spaces, in em.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordSpace {
    pub min_em: f32,
    pub ideal_em: f32,
    pub max_em: f32,
    /// How wide a word space may grow, only where the alternative is to
    /// split a Korean word.
    pub before_split_em: f32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartBannerSpec {
    pub size_pt: f32,
    pub height_pt: f32,
    pub rule_pt: f32,
    pub space_after_pt: f32,
}

/// The body's blocks; leadings are multiples of the type size.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodySpec {
    pub part_banner: PartBannerSpec,
    pub article_space_lines: f32,
    pub article_title_leading: f32,
    pub article_rule_pt: f32,
    pub subhead_leading: f32,
    pub small_leading: f32,
    pub caption_leading: f32,
    pub list_hang_em: f32,
    pub list_marker_gap_em: f32,
    pub note_padding_pt: f32,
    pub note_inset_pt: f32,
    pub sources_label: String,
    /// Largest picture height as a fraction of the text block's height.
    pub picture_max_height: f32,
    /// Raster pictures whose resolution at their printed size is above
    /// this (pixels per inch) are downsampled to it in the PDF.
    pub picture_max_ppi: f32,
    /// Below this resolution at its printed size, a picture is warned about.
    pub picture_min_ppi: f32,
    pub table_padding_pt: f32,
    pub table_leading: f32,
}

/// The cover; `*_at` are fractions of the page height.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverSpec {
    pub band_top_pt: f32,
    pub band_bottom_pt: f32,
    pub publisher_at: f32,
    pub rule_at: f32,
    pub contacts_at: f32,
    pub publisher: LineSpec,
    pub title: LineSpec,
    pub number: LineSpec,
    pub date: LineSpec,
    pub parts: LineSpec,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentsSpec {
    /// The contents page's heading (목록).
    pub title: String,
    pub heading: LineSpec,
    pub part: LineSpec,
    pub entry_size_plus_pt: f32,
    pub entry_leading: f32,
    pub entry_indent_pt: f32,
    pub leader_gap_em: f32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackCoverSpec {
    pub band_top_pt: f32,
    pub band_bottom_pt: f32,
    pub title_at: f32,
    pub contacts_at: f32,
    pub title: LineSpec,
    pub text: LineSpec,
    pub note: LineSpec,
}

/// The publisher's contacts: labels and sizes (leading a multiple).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactsSpec {
    pub director_label: String,
    pub phone_label: String,
    pub email_label: String,
    pub size_pt: f32,
    pub organization_size_pt: f32,
    pub organization_en_size_pt: f32,
    pub leading: f32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunningHeadSpec {
    pub above_text_pt: f32,
    pub folio_below_text_pt: f32,
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

/// Which colours a template prints with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColourProfile {
    Screen,
    Print,
}

/// The template's colours for the press, as CMYK.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintColors {
    pub accent: Cmyk,
    pub text: Cmyk,
    pub muted: Cmyk,
    pub rule: Cmyk,
    pub note_background: Cmyk,
}

/// A CMYK colour written as four ink percentages, `[0, 0, 0, 100]`;
/// held as 0–255 per ink.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cmyk(pub [u8; 4]);

impl<'de> Deserialize<'de> for Cmyk {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<f32>::deserialize(d)?;
        match v.as_slice() {
            &[c, m, y, k] if v.iter().all(|p| (0.0..=100.0).contains(p)) => {
                let ink = |p: f32| (p * 2.55).round() as u8;
                Ok(Cmyk([ink(c), ink(m), ink(y), ink(k)]))
            }
            _ => Err(serde::de::Error::custom(format!(
                "`{v:?}` is not a CMYK colour like [100, 65, 0, 30] (four percentages)"
            ))),
        }
    }
}

/// A colour: sRGB written `#rrggbb`, and with `colour: print` the CMYK
/// the press gets instead (from `print_colors`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color {
    pub rgb: [u8; 3],
    pub cmyk: Option<Cmyk>,
}

impl Color {
    /// An sRGB colour with no CMYK.
    pub const fn rgb(rgb: [u8; 3]) -> Color {
        Color { rgb, cmyk: None }
    }

    /// The colour as bytes, for content hashes: the sRGB, then the CMYK
    /// after a marker if there is one.
    pub fn key(&self) -> [u8; 8] {
        let [r, g, b] = self.rgb;
        match self.cmyk {
            Some(Cmyk([c, m, y, k])) => [r, g, b, 1, c, m, y, k],
            None => [r, g, b, 0, 0, 0, 0, 0],
        }
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii());
        let parse = |i: usize| hex.and_then(|h| u8::from_str_radix(&h[i..i + 2], 16).ok());
        match (parse(0), parse(2), parse(4)) {
            (Some(r), Some(g), Some(b)) => Ok(Color::rgb([r, g, b])),
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
        let mut t: Template =
            crate::yaml::from_str(files, file, text, 0, crate::yaml::Kind::Template)?;
        t.validate(files, file)?;
        if t.colour == ColourProfile::Print {
            let (c, p) = (&mut t.colors, &t.print_colors);
            for (color, cmyk) in [
                (&mut c.accent, p.accent),
                (&mut c.text, p.text),
                (&mut c.muted, p.muted),
                (&mut c.rule, p.rule),
                (&mut c.note_background, p.note_background),
            ] {
                color.cmyk = Some(cmyk);
            }
        }
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
        self.validate_layout(&mut problems);
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

    /// The layout keys' ranges: fractions of a page, picture resolution,
    /// the side column, widows and orphans, word spaces and tracking.
    fn validate_layout(&self, problems: &mut Vec<String>) {
        let pg = &self.page;
        let min_body = 40.0;
        let fractions = [
            self.body.picture_max_height,
            self.cover.publisher_at,
            self.cover.rule_at,
            self.cover.contacts_at,
            self.back_cover.title_at,
            self.back_cover.contacts_at,
        ];
        if fractions.into_iter().any(|f| !(0.0..=1.0).contains(&f)) {
            problems.push(
                "`picture_max_height` and the covers' `*_at` positions are fractions of a page, \
                 between 0 and 1"
                    .to_string(),
            );
        }
        if let Some(side) = &self.side_column {
            let text = pg.width_mm - pg.margin_inner_mm - pg.margin_outer_mm;
            if side.width_mm < 20.0 || text - side.width_mm - side.gap_mm < min_body {
                problems.push(
                    "`side_column` must be at least 20 mm wide and leave 40 mm for the main column"
                        .to_string(),
                );
            }
        }
        let b = &self.body;
        if !(36.0..=2400.0).contains(&b.picture_min_ppi)
            || !(36.0..=2400.0).contains(&b.picture_max_ppi)
            || b.picture_min_ppi > b.picture_max_ppi
        {
            problems.push(
                "`picture_min_ppi` and `picture_max_ppi` must be between 36 and 2400, \
                 the minimum not above the maximum"
                    .to_string(),
            );
        }
        if self.flow.widow_lines == 0 || self.flow.orphan_lines == 0 {
            problems.push("`widow_lines` and `orphan_lines` must be at least 1".to_string());
        }
        let ws = self.flow.word_space;
        if !(0.0 <= ws.min_em
            && ws.min_em <= ws.ideal_em
            && ws.ideal_em < ws.max_em
            && ws.max_em <= ws.before_split_em
            && ws.before_split_em <= 3.0)
        {
            problems.push(
                "`word_space` needs 0 ≤ min_em ≤ ideal_em < max_em ≤ before_split_em ≤ 3"
                    .to_string(),
            );
        }
        if !(0.0..=1.0).contains(&self.flow.justify_tolerance) {
            problems.push("`justify_tolerance` must be between 0 and 1".to_string());
        }
        if !(0.0..=0.5).contains(&self.flow.max_tracking_em) {
            problems.push("`max_tracking_em` must be between 0 and 0.5".to_string());
        }
        if !(0.0..=0.2).contains(&self.flow.max_tightening_em) {
            problems.push("`max_tightening_em` must be between 0 and 0.2".to_string());
        }
    }

    pub fn part_names(&self) -> Vec<&str> {
        self.parts.iter().map(|p| p.name.as_str()).collect()
    }
}
