//! The archive index, `out/index.html`: every issue, newest first, with
//! its date, a cover (its first picture, or a card in the masthead's
//! colours) and its articles, each linking to its page in the PDF
//! (`312.pdf#page=7`) and to its place in the web edition. A search box
//! filters articles by the words of their titles and sources; its script
//! is in the page and needs no network.

use crate::fonts::{FontBook, Role};
use crate::template::Template;

use super::design::Design;
use super::fonts::page_fonts;
use super::html::{Html, attr};
use super::page::document;
use super::record::IssueRecord;

/// Filters `[data-s]` items by every word typed, hides issues left with
/// none, and says how many articles match.
const SEARCH: &str = r#"(function(){
var q=document.getElementById('q'),n=document.getElementById('n');
var items=[].slice.call(document.querySelectorAll('[data-s]'));
var issues=[].slice.call(document.querySelectorAll('.is'));
function run(){
var words=q.value.normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean),hits=0;
items.forEach(function(li){var s=li.getAttribute('data-s'),hit=words.every(function(w){return s.indexOf(w)>=0;});li.hidden=!hit;if(hit)hits++;});
issues.forEach(function(s){s.hidden=!s.querySelector('[data-s]:not([hidden])');});
n.textContent=words.length?(hits+'개 기사'):'';}
q.addEventListener('input',run);
if(q.value)run();
})();"#;

/// The archive index of `records` (any order), in the template's colours
/// and fonts.
pub fn archive_page(
    records: &[IssueRecord],
    template: &Template,
    book: &FontBook,
) -> Result<String, String> {
    let mut records: Vec<&IssueRecord> = records.iter().collect();
    records.sort_by_key(|r| std::cmp::Reverse(r.number));
    let masthead = records.first().map_or("주간 창업", |r| r.title.as_str());
    let mut h = Html::default();
    h.raw("<div class=\"pg\"><header class=\"cv\">");
    h.element("h1", " class=\"mh\"", masthead, Role::SansBold);
    let count = format!("지난 호 {}개", records.len());
    h.element("p", " class=\"pub\"", &count, Role::Sans);
    h.raw("</header>\n<main>\n<form class=\"sf\" role=\"search\" onsubmit=\"return false\">");
    h.element("label", " for=\"q\"", "기사 찾기", Role::SansBold);
    h.raw("<input id=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\">");
    h.raw("</form>\n<p id=\"n\" class=\"cnt\" role=\"status\" aria-live=\"polite\"></p>\n");
    h.note_chars("0123456789개 기사", Role::Sans);
    for r in &records {
        issue(&mut h, r);
    }
    h.raw("</main></div>\n<script>");
    h.raw(SEARCH);
    h.raw("</script>");
    let (body, chars) = h.finish();
    let fonts = page_fonts(book, &chars)?;
    let css = format!("{}{}", fonts.css, stylesheet(template));
    Ok(document(
        &format!("{masthead} · 지난 호"),
        Some(&css),
        &body,
    ))
}

/// One issue: its cover, number, date, PDF and articles.
fn issue(h: &mut Html, r: &IssueRecord) {
    let n = r.number;
    let web = format!("{n}/index.html");
    let id = format!("i-{n}");
    h.raw(&format!(
        "<section class=\"is\"{}>",
        attr("aria-labelledby", &id)
    ));
    match &r.cover {
        Some(c) => {
            h.raw("<div class=\"cvr\"><img");
            h.raw(&(attr("src", &c.src) + &attr("alt", &c.alt)));
            h.raw(&format!(
                " width=\"{}\" height=\"{}\"></div>",
                c.width, c.height
            ));
        }
        None => {
            h.raw("<div class=\"cvr card\" aria-hidden=\"true\">");
            h.element("span", " class=\"ct\"", &r.title, Role::SansBold);
            h.element("span", " class=\"cn\"", &format!("{n} 편"), Role::SansBold);
            h.element("span", " class=\"cd\"", &r.date, Role::Sans);
            h.raw("</div>");
        }
    }
    h.raw("<div class=\"ib\">");
    h.raw(&format!("<h2{}><a{}>", attr("id", &id), attr("href", &web)));
    h.text(&format!("{} {n} 편", r.title), Role::SansBold);
    h.raw("</a></h2><p class=\"dt\">");
    h.raw(&format!("<time{}>", attr("datetime", &r.iso_date)));
    h.text(&r.date, Role::Sans);
    h.raw("</time> · ");
    h.raw(&format!("<a{}>", attr("href", &format!("{n}.pdf"))));
    h.text("PDF", Role::Sans);
    h.raw("</a></p><ul class=\"al\">");
    for a in &r.articles {
        let mut title = String::new();
        if let Some(c) = &a.category {
            title.push_str(&format!("【{c}】 "));
        }
        title.push_str(&a.title);
        let mut search = format!("{n} {title}");
        if let Some(s) = &a.source {
            search.push(' ');
            search.push_str(s);
        }
        h.raw(&format!("<li{}>", attr("data-s", &search.to_lowercase())));
        let pdf = format!("{n}.pdf#page={}", a.page);
        h.raw(&format!("<a class=\"at\"{}>", attr("href", &pdf)));
        h.text(&title, Role::Serif);
        h.raw("</a> ");
        if let Some(s) = &a.source {
            h.element("span", " class=\"as\"", s, Role::Sans);
            h.raw(" ");
        }
        let label = format!("웹판: {title}");
        let href = format!("{web}#{}", a.anchor);
        h.raw(&format!(
            "<a class=\"aw\"{}{}>",
            attr("href", &href),
            attr("aria-label", &label)
        ));
        h.text("웹판", Role::Sans);
        h.raw("</a></li>");
    }
    h.raw("</ul></div></section>\n");
}

fn stylesheet(t: &Template) -> String {
    let d = Design::new(t);
    let (accent, text, muted, rule) = (&d.accent, &d.text, &d.muted, &d.rule);
    let sans = "font-family:var(--sans);font-weight:400";
    let bold = "font-family:var(--sans-bold);font-weight:700";
    format!(
        "*,*::before,*::after{{box-sizing:border-box}}
[hidden]{{display:none!important}}
html{{font-size:17px;-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0;color:{text};{sans};line-height:1.6;word-break:keep-all;line-break:strict;overflow-wrap:anywhere;font-synthesis:none;border-top:.55rem solid {accent}}}
.pg{{max-width:60rem;margin:0 auto;padding:0 1.25rem 3rem}}
a{{color:{accent};text-underline-offset:.15em}}
.cv{{padding:2rem 0 1.2rem;border-bottom:2px solid {accent}}}
.mh{{{bold};color:{accent};font-size:clamp(2.5rem,12vw,4.5rem);line-height:1.2;margin:0}}
.pub{{color:{muted};margin:.2rem 0 0}}
.sf{{display:flex;flex-wrap:wrap;align-items:center;gap:.6rem;margin:1.4rem 0 .4rem}}
.sf label{{{bold}}}
.sf input{{flex:1 1 14rem;min-width:0;font:inherit;padding:.45rem .6rem;border:1.5px solid {accent};border-radius:.3rem}}
.cnt{{color:{muted};min-height:1.6em;margin:0 0 .6rem}}
.is{{display:grid;grid-template-columns:11rem 1fr;gap:1.2rem;padding:1.4rem 0;border-bottom:1px solid {rule}}}
.cvr{{width:100%}}
.cvr img{{display:block;width:100%;height:auto;max-height:14rem;object-fit:cover}}
.card{{display:flex;flex-direction:column;justify-content:space-between;aspect-ratio:210/297;background:{accent};color:#fff;padding:.9rem .8rem}}
.card .ct{{{bold};font-size:1.35rem;line-height:1.2}}
.card .cn{{{bold};font-size:1.5rem}}
.card .cd{{font-size:.85rem}}
.ib h2{{{bold};font-size:1.35rem;margin:0}}
.ib h2 a{{text-decoration:none}}
.dt{{color:{muted};margin:.1rem 0 .5rem;font-size:.9rem}}
.al{{list-style:none;margin:0;padding:0}}
.al li{{margin:.3rem 0;line-height:1.55}}
.al .at{{font-family:var(--serif);color:{text};text-decoration:underline;text-decoration-color:{rule}}}
.as{{color:{muted};font-size:.85rem}}
.aw{{font-size:.85rem;white-space:nowrap}}
@media (max-width:600px){{.is{{grid-template-columns:1fr}}.cvr{{max-width:12rem}}.card{{aspect-ratio:auto;min-height:9rem}}}}
@media (max-width:480px){{html{{font-size:16px}}.pg{{padding:0 1rem 2rem}}}}
"
    )
}
