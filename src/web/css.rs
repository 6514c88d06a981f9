//! `index.html`'s look: a class per element and one stylesheet made from
//! the template, responsive from a phone (375 px) to a desktop.

use crate::fonts::Role;
use crate::model::ColumnAlign;
use crate::template::Template;

use super::design::Design;
use super::html::attr;
use super::look::{El, Look};
use super::pictures::WebPicture;

/// The page's look: classes of [`stylesheet`], pictures from their files.
pub struct Classes;

impl Look for Classes {
    fn attrs(&self, el: El) -> String {
        match class(el) {
            "" => String::new(),
            c => format!(" class=\"{c}\""),
        }
    }

    fn picture(&self, p: &WebPicture, alt: &str) -> String {
        let mut a = attr("src", p.src());
        if let Some(two) = p.src2x() {
            a += &attr("srcset", &format!("{} 1x, {two} 2x", p.src()));
        }
        a + &attr("width", &p.width.to_string())
            + &attr("height", &p.height.to_string())
            + &attr("alt", alt)
    }
}

fn class(el: El) -> &'static str {
    use El::*;
    match el {
        Page => "pg",
        Cover => "cv",
        Publisher => "pub",
        Masthead => "mh",
        IssueLine => "il",
        Number => "no",
        Date => "dt",
        Contents => "toc",
        ContentsTitle => "tt",
        ContentsPart => "tp",
        ContentsList => "tl",
        ContentsItem => "ti",
        ContentsLink => "",
        ContentsNumber => "tn",
        ContentsEntry => "te",
        PartLabel => "lb",
        Main => "",
        Part => "pt",
        PartBanner => "pb",
        Article => "ar",
        ArticleHead => "ah",
        ArticleTitle => "at",
        ArticleNumber => "an",
        Category => "ct",
        Source => "so",
        Paragraph => "p",
        Subhead(1) => "s1",
        Subhead(2) => "s2",
        Subhead(_) => "s3",
        Attribution => "ab",
        List => "l",
        ListItem => "li",
        ListParagraph => "lp",
        Marker => "mk",
        Figure => "fg",
        Picture => "im",
        Caption => "cp",
        CaptionLabel => "cl",
        TableWrap => "tw",
        Table => "tb",
        HeaderCell(a) | Cell(a) => match a {
            ColumnAlign::Center => "ac",
            ColumnAlign::Right => "ar-",
            _ => "",
        },
        Note => "nt",
        NoteParagraph => "np",
        Sources => "sr",
        SourcesLabel => "sl",
        SourcesList => "ss",
        SourcesItem => "",
        Back => "bk",
        BackTitle => "bt",
        BackText => "bx",
        BackLink => "bl",
        BackNote => "bn",
        Contacts => "ck",
        ContactLine => "cn",
        Organization => "og",
        OrganizationEn => "oe",
        Copyright => "cr",
        Strong(r) | Emphasis(r) => ["r0", "r1", "r2", "r3"][r as usize],
        Link => "",
    }
}

/// The stylesheet: the design's sizes and colours; `fonts` declares the
/// faces and the roles' families (`--serif` …).
pub fn stylesheet(t: &Template, fonts: &str) -> String {
    let d = Design::new(t);
    let tx = &t.text;
    let b = &t.body;
    let rem = |pt: f32| d.rem(pt);
    let (accent, text, muted, label) = (&d.accent, &d.text, &d.muted, &d.label);
    let (rule, note) = (&d.rule, &d.note_background);
    let lh = super::design::trim(d.line_height);
    let small = rem(tx.small_size_pt);
    let caption = rem(tx.caption_size_pt);
    let [s1, s2, s3] = tx.subhead_sizes_pt.map(rem);
    let break_rule = if d.keep_all {
        "word-break:keep-all;"
    } else {
        ""
    };
    let sans = "font-family:var(--sans);font-weight:400";
    let bold = "font-family:var(--sans-bold);font-weight:700";
    let gap = super::design::trim(tx.paragraph_gap * d.line_height);
    let roles = [Role::Serif, Role::SerifBold, Role::Sans, Role::SansBold]
        .map(|r| {
            let weight = if matches!(r, Role::SerifBold | Role::SansBold) {
                700
            } else {
                400
            };
            format!(
                ".r{}{{font-family:var({});font-weight:{weight};font-style:normal}}",
                r as usize,
                super::fonts::ROLE_VARS[r as usize]
            )
        })
        .join("");
    format!(
        "{fonts}
*,*::before,*::after{{box-sizing:border-box}}
html{{font-size:17px;-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0;background:#fff;color:{text};font-family:var(--serif);font-weight:400;line-height:{lh};{break_rule}line-break:strict;overflow-wrap:anywhere;font-synthesis:none;font-kerning:none;border-top:.55rem solid {accent};border-bottom:.55rem solid {accent}}}
.pg{{max-width:46rem;margin:0 auto;padding:0 1.25rem 2.5rem}}
a{{color:{accent};text-decoration:underline;text-underline-offset:.15em;text-decoration-thickness:1px}}
h1,h2,h3,h4,h5,h6{{font-weight:700;margin:0}}
{roles}
.cv{{padding:2.2rem 0 1.4rem;border-bottom:2px solid {accent}}}
.pub{{{sans};color:{muted};font-size:{pub};margin:0}}
.mh{{{bold};color:{accent};font-size:clamp(2.75rem,15vw,{title});line-height:1.2;margin:.15em 0 .05em}}
.il{{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem;margin:0}}
.no{{{bold};font-size:clamp(1.6rem,7vw,{number});line-height:1.3}}
.dt{{{sans};color:{muted};font-size:clamp(1.05rem,4.5vw,{date})}}
.toc{{margin:2.2rem 0 1rem}}
.tt{{{bold};color:{accent};font-size:clamp(1.6rem,7vw,{toc});padding-bottom:.35rem;border-bottom:2px solid {accent};margin-bottom:1rem}}
.tp{{{bold};color:{accent};font-size:{tocpart};margin:1.1rem 0 .3rem}}
.lb{{color:{label};margin-right:.15em}}
.tl{{list-style:none;margin:0;padding:0}}
.ti{{font-size:{entry};line-height:{entrylh};margin:.2rem 0}}
.ti a{{display:flex;gap:.45em;color:{text};text-decoration:none}}
.ti a:hover,.ti a:focus{{text-decoration:underline}}
.tn{{{bold};color:{accent};flex:none;min-width:1.6em;text-align:right}}
.pb{{{bold};color:{accent};font-size:{banner};line-height:1.3;margin:3rem 0 {banner_after};padding-bottom:.35rem;border-bottom:{banner_rule}px solid {accent}}}
.ar{{margin:0 0 {article_gap}rem}}
.ah{{border-bottom:{article_rule}px solid {rule};padding-bottom:.5rem;margin:1.6rem 0 1rem}}
.at{{{bold};color:{accent};font-size:{atitle};line-height:{atlh};padding-left:1.25em;text-indent:-1.25em}}
.ct{{color:{text}}}
.so,.ab{{{sans};color:{muted};font-size:{small};line-height:{smlh};text-align:right;margin:.3rem 0 0}}
.ab{{margin:0 0 .6rem}}
.p,.np,.lp{{text-align:justify;text-justify:inter-word;margin:0 0 {gap}em}}
.s1,.s2,.s3{{{bold};line-height:{shlh};margin:1.5rem 0 .4rem}}
.s1{{font-size:{s1};color:{accent}}}
.s2{{font-size:{s2};margin-top:1rem}}
.s3{{font-size:{s3};margin-top:.8rem}}
.l{{list-style:none;margin:0 0 {gap}em;padding:0 0 0 {hang}em}}
.li>.l{{margin:.2em 0 0}}
.lp{{position:relative;margin:0 0 .25em}}
.mk{{position:absolute;right:100%;margin-right:{markgap}em;color:{accent};white-space:nowrap}}
.fg{{margin:1.4rem 0}}
.im{{display:block;max-width:100%;height:auto;margin:0 auto}}
.cp{{{sans};color:{muted};font-size:{caption};line-height:{caplh};margin-top:.45rem}}
.cl{{{bold};color:{accent}}}
.tw{{overflow-x:auto;margin:1rem 0}}
.fg .tw{{margin:0}}
.tb{{border-collapse:collapse;width:100%;{sans};font-size:{small};line-height:{tablh}}}
.tb th,.tb td{{padding:.3rem .45rem;text-align:left;vertical-align:top;border-bottom:1px solid {rule};overflow-wrap:normal;min-width:2.5em}}
.tb th{{{bold};border-top:2px solid {accent};border-bottom:1px solid {accent}}}
.tb .ac{{text-align:center;white-space:nowrap}}
.tb .ar-{{text-align:right;white-space:nowrap}}
.nt{{background:{note};border-left:{inset}px solid {accent};padding:{npad}px {npad2}px;margin:1rem 0;font-size:{small};line-height:{smlh}}}
.np{{margin:0 0 .4em}}
.np:last-child{{margin:0}}
.sr{{display:flex;gap:.4em;{sans};color:{muted};font-size:{small};line-height:{smlh};margin:.6rem 0 1rem}}
.sl{{flex:none}}
.ss{{list-style:none;margin:0;padding:0;min-width:0}}
.bk{{margin-top:4rem;padding:2.5rem 0 0;border-top:2px solid {accent};text-align:center;{sans}}}
.bt{{{bold};color:{accent};font-size:clamp(1.7rem,8vw,{btitle});line-height:1.35;margin-bottom:1rem}}
.bx,.bl{{font-size:{btext};margin:.3rem 0}}
.bl{{{bold}}}
.bn{{color:{muted};font-size:{bnote};margin:1rem 0}}
.ck{{text-align:left;margin:2.5rem 0 1.2rem;font-size:{ctext};line-height:1.7}}
.cn{{margin:0}}
.og{{{bold};color:{accent};font-size:{corg};margin:.7rem 0 0}}
.oe{{color:{muted};font-size:{cen};margin:0}}
.cr{{text-align:left;color:{muted};font-size:{small};margin:1rem 0 0}}
@media (max-width:600px){{.p,.np,.lp{{text-align:start}}}}
@media (max-width:480px){{html{{font-size:16px}}.pg{{padding:0 1rem 2rem}}}}
",
        pub = rem(t.cover.publisher.size_pt),
        title = rem(t.cover.title.size_pt),
        number = rem(t.cover.number.size_pt),
        date = rem(t.cover.date.size_pt),
        toc = rem(t.contents.heading.size_pt),
        tocpart = rem(t.contents.part.size_pt),
        entry = rem(tx.body_size_pt + t.contents.entry_size_plus_pt),
        entrylh = super::design::trim(t.contents.entry_leading),
        banner = rem(b.part_banner.size_pt),
        banner_after = rem(b.part_banner.space_after_pt),
        banner_rule = super::design::trim(b.part_banner.rule_pt * 4.0 / 3.0),
        article_gap = super::design::trim(b.article_space_lines * d.line_height),
        article_rule = super::design::trim((b.article_rule_pt * 4.0 / 3.0).max(1.0)),
        atitle = rem(tx.article_title_size_pt),
        atlh = super::design::trim(b.article_title_leading),
        smlh = super::design::trim(b.small_leading),
        shlh = super::design::trim(b.subhead_leading),
        hang = super::design::trim(b.list_hang_em),
        markgap = super::design::trim(b.list_marker_gap_em),
        caplh = super::design::trim(b.caption_leading),
        tablh = super::design::trim(b.table_leading),
        inset = super::design::trim(b.note_inset_pt * 4.0 / 3.0),
        npad = super::design::trim(b.note_padding_pt * 4.0 / 3.0),
        npad2 = super::design::trim(b.note_padding_pt * 2.0),
        btitle = rem(t.back_cover.title.size_pt),
        btext = rem(t.back_cover.text.size_pt),
        bnote = rem(t.back_cover.note.size_pt),
        ctext = rem(t.contacts.size_pt),
        corg = rem(t.contacts.organization_size_pt),
        cen = rem(t.contacts.organization_en_size_pt),
    )
}
