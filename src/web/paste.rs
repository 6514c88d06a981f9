//! `paste.html`'s look: inline styles only, for the Naver blog editor, the
//! WeChat official-account editor and e-mail clients, which drop classes,
//! style sheets, scripts and web fonts but keep an element's own
//! `style`. The machine's Korean fonts are named instead of the bundled
//! ones, and pictures travel inside the page (data URIs), so that what is
//! copied from it brings them along.

use base64::Engine;

use crate::model::ColumnAlign;
use crate::template::Template;

use super::design::Design;
use super::html::attr;
use super::look::{El, Look};
use super::pictures::WebPicture;

/// The body size in pixels, the editors' usual 16.
const BODY_PX: f32 = 16.0;

const SERIF: &str = "'Noto Serif KR','Nanum Myeongjo','Batang',serif";
const SANS: &str = "'Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic','Nanum Gothic',sans-serif";

/// Inline styles from the template.
pub struct Inline<'a> {
    t: &'a Template,
    d: Design,
}

impl<'a> Inline<'a> {
    pub fn new(t: &'a Template) -> Self {
        Inline {
            t,
            d: Design::new(t),
        }
    }

    fn px(&self, pt: f32) -> String {
        self.d.px(pt, BODY_PX)
    }

    fn style(&self, el: El) -> String {
        use El::*;
        let (t, d) = (self.t, &self.d);
        let tx = &t.text;
        let b = &t.body;
        let sans = format!("font-family:{SANS};font-weight:400;");
        let bold = format!("font-family:{SANS};font-weight:700;");
        let small = format!("font-size:{};", self.px(tx.small_size_pt));
        let (accent, text, muted) = (&d.accent, &d.text, &d.muted);
        let gap = super::design::trim(tx.paragraph_gap * d.line_height);
        match el {
            Page => format!(
                "max-width:720px;margin:0 auto;font-family:{SERIF};font-size:{BODY_PX}px;\
                 line-height:{};color:{text};word-break:keep-all;line-break:strict;\
                 overflow-wrap:break-word",
                super::design::trim(d.line_height)
            ),
            Cover => format!(
                "padding:16px 0;border-top:8px solid {accent};border-bottom:2px solid {accent};margin-bottom:24px"
            ),
            Publisher => format!(
                "{sans}color:{muted};font-size:{};margin:0",
                self.px(t.cover.publisher.size_pt)
            ),
            Masthead => {
                format!("{bold}color:{accent};font-size:44px;line-height:1.2;margin:8px 0 4px")
            }
            IssueLine => "margin:0".into(),
            Number => format!("{bold}font-size:24px"),
            Date => format!("{sans}color:{muted};font-size:18px;margin-left:12px"),
            Contents => "margin:0 0 24px".into(),
            ContentsTitle => format!(
                "{bold}color:{accent};font-size:24px;margin:0 0 12px;padding-bottom:4px;border-bottom:2px solid {accent}"
            ),
            ContentsPart => format!(
                "{bold}color:{accent};font-size:{};margin:16px 0 4px",
                self.px(t.contents.part.size_pt)
            ),
            ContentsList => "list-style:none;margin:0;padding:0".into(),
            ContentsItem => "margin:4px 0".into(),
            ContentsLink => format!("color:{text};text-decoration:none"),
            ContentsNumber => format!("{bold}color:{accent}"),
            PartLabel => format!("color:{}", d.label),
            Main | Part | Article | ListItem | SourcesItem | ContentsEntry => String::new(),
            PartBanner => format!(
                "{bold}color:{accent};font-size:26px;line-height:1.3;margin:40px 0 16px;padding-bottom:4px;border-bottom:3px solid {accent}"
            ),
            ArticleHead => format!(
                "border-bottom:1px solid {};padding-bottom:8px;margin:28px 0 14px",
                d.rule
            ),
            ArticleTitle => format!(
                "{bold}color:{accent};font-size:{};line-height:{};margin:0",
                self.px(tx.article_title_size_pt),
                super::design::trim(b.article_title_leading)
            ),
            ArticleNumber => String::new(),
            Category => format!("color:{text}"),
            Source | Attribution => {
                format!("{sans}{small}color:{muted};text-align:right;margin:4px 0 0")
            }
            Paragraph | NoteParagraph => {
                format!("margin:0 0 {gap}em;text-align:justify;text-justify:inter-word")
            }
            Subhead(level) => {
                let size = tx.subhead_sizes_pt[(level as usize).clamp(1, 3) - 1];
                let color = if level == 1 { accent } else { text };
                format!(
                    "{bold}color:{color};font-size:{};margin:20px 0 6px",
                    self.px(size)
                )
            }
            List => format!(
                "list-style:none;margin:0 0 {gap}em;padding:0 0 0 {}em",
                super::design::trim(b.list_hang_em)
            ),
            ListParagraph => "margin:0 0 4px;text-align:justify;text-justify:inter-word".into(),
            // Hung in the list's indent: as wide as the indent less the
            // gap, pulled back by the whole indent, the gap after it.
            Marker => format!(
                "color:{accent};display:inline-block;min-width:{}em;margin-left:-{}em;\
                 margin-right:{}em;text-align:right;text-indent:0",
                super::design::trim(b.list_hang_em - b.list_marker_gap_em),
                super::design::trim(b.list_hang_em),
                super::design::trim(b.list_marker_gap_em)
            ),
            Figure => "margin:20px 0".into(),
            Picture => "display:block;max-width:100%;height:auto;margin:0 auto".into(),
            Caption => format!(
                "{sans}color:{muted};font-size:{};margin-top:6px",
                self.px(tx.caption_size_pt)
            ),
            CaptionLabel => format!("{bold}color:{accent}"),
            TableWrap => "overflow-x:auto;margin:16px 0".into(),
            Table => format!("border-collapse:collapse;width:100%;{sans}{small}line-height:1.5"),
            HeaderCell(a) => format!(
                "{bold}padding:4px 6px;border-top:2px solid {accent};border-bottom:1px solid {accent};vertical-align:top;{}",
                align(a)
            ),
            Cell(a) => format!(
                "padding:4px 6px;border-bottom:1px solid {};vertical-align:top;{}",
                d.rule,
                align(a)
            ),
            Note => format!(
                "background:{};border-left:4px solid {accent};padding:8px 12px;margin:16px 0;{small}",
                d.note_background
            ),
            Sources => format!("{sans}{small}color:{muted};margin:10px 0 16px"),
            SourcesLabel => String::new(),
            SourcesList => "list-style:none;margin:0;padding:0 0 0 16px".into(),
            Back => format!(
                "margin-top:48px;padding-top:24px;border-top:2px solid {accent};border-bottom:8px solid {accent};text-align:center;{sans}"
            ),
            BackTitle => format!("{bold}color:{accent};font-size:28px;margin:0 0 12px"),
            BackText | BackLink => format!(
                "font-size:{};margin:4px 0",
                self.px(t.back_cover.text.size_pt)
            ),
            BackNote => format!(
                "color:{muted};font-size:{};margin:12px 0",
                self.px(t.back_cover.note.size_pt)
            ),
            Contacts => format!(
                "text-align:left;margin:28px 0 12px;font-size:{}",
                self.px(t.contacts.size_pt)
            ),
            ContactLine | OrganizationEn => "margin:0".into(),
            Organization => format!(
                "{bold}color:{accent};font-size:{};margin:8px 0 0",
                self.px(t.contacts.organization_size_pt)
            ),
            Copyright => format!("text-align:left;color:{muted};{small}margin:12px 0 16px"),
            Strong(r) | Emphasis(r) => {
                let family = match r.family() {
                    crate::fonts::Family::Serif => SERIF,
                    crate::fonts::Family::Sans => SANS,
                };
                let weight = if matches!(
                    r,
                    crate::fonts::Role::SerifBold | crate::fonts::Role::SansBold
                ) {
                    700
                } else {
                    400
                };
                format!("font-family:{family};font-weight:{weight};font-style:normal")
            }
            Link => format!("color:{accent};text-decoration:underline"),
        }
    }
}

fn align(a: ColumnAlign) -> &'static str {
    match a {
        ColumnAlign::Center => "text-align:center",
        ColumnAlign::Right => "text-align:right",
        _ => "text-align:left",
    }
}

impl Look for Inline<'_> {
    fn attrs(&self, el: El) -> String {
        match self.style(el) {
            s if s.is_empty() => s,
            s => attr("style", &s),
        }
    }

    fn picture(&self, p: &WebPicture, alt: &str) -> String {
        let data = base64::engine::general_purpose::STANDARD.encode(&p.files[0].1);
        attr("src", &format!("data:{};base64,{data}", p.mime))
            + &attr("width", &p.width.to_string())
            + &attr("height", &p.height.to_string())
            + &attr("alt", alt)
    }

    /// No address outside the page: WeChat's editor drops such links
    /// anyway; mail and in-page links stay.
    fn keeps_link(&self, url: &str) -> bool {
        let lower = url.trim_start().to_ascii_lowercase();
        !(lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//"))
    }
}
