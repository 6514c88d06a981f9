//! The page's fonts: for each face the PDF sets text in, a subset holding
//! only the characters the page sets in it, as WOFF2 in the page itself.
//!
//! Which face sets a character is the font book's choice
//! ([`FontBook::face_for`]), made per role as the PDF makes it; each role's
//! CSS family lists the faces in the book's fallback order, so a browser
//! ends at the same face for every character. Subsets are made with the
//! subsetter krilla uses for the PDF, which keeps outlines and metrics but
//! drops the `cmap` and `OS/2` tables (a PDF does not need them): they
//! are put back here ([`super::sfnt`]). Layout features (GSUB, GPOS) are
//! not kept: the browser sets the text without kerning.
//!
//! WOFF2 (Brotli) is written by ttf2woff2, a pure-Rust encoder; CFF
//! outlines are stored as they are (WOFF2 transforms only TrueType glyphs;
//! its glyf transform is off, as the crate advises for Chromium's decoder).
//! The Brotli quality trades size for time: see [`BROTLI_QUALITY`].

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use rayon::prelude::*;

use crate::fonts::{Face, FaceId, FontBook, Role};

use super::sfnt;

/// Brotli's quality for the fonts. A subset of 312's characters of the
/// serif body face (289 KB as OpenType): quality 4 gives 178 KB in 7–11
/// ms, 5 gives 165 KB in 15–19 ms, 11 gives 151 KB in 630 ms. An archive
/// build spends most of the web edition's time here: 4 keeps `build --all
/// --web` well within twice the PDFs' time (docs/performance.md).
pub const BROTLI_QUALITY: u8 = 4;

/// The roles' CSS custom properties, in [`Role`] order.
pub const ROLE_VARS: [&str; 4] = ["--serif", "--serif-bold", "--sans", "--sans-bold"];

/// A face made for the page.
pub struct WebFont {
    pub face: FaceId,
    pub woff2: Vec<u8>,
    /// The characters it holds.
    pub chars: usize,
}

/// The fonts of a page whose text sets `chars` in each role, and the CSS
/// that declares them: `@font-face` rules and the roles' families.
pub struct PageFonts {
    pub fonts: Vec<WebFont>,
    pub css: String,
}

/// The subsets for a page and their CSS.
pub fn page_fonts(book: &FontBook, chars: &[BTreeSet<char>; 4]) -> Result<PageFonts, String> {
    let roles = [Role::Serif, Role::SerifBold, Role::Sans, Role::SansBold];
    let mut per_face: BTreeMap<FaceId, BTreeSet<char>> = BTreeMap::new();
    let mut used: [BTreeSet<FaceId>; 4] = Default::default();
    for role in roles {
        for &c in &chars[role as usize] {
            if let Some(face) = book.face_for(role, c) {
                per_face.entry(face).or_default().insert(c);
                used[role as usize].insert(face);
            }
        }
    }
    let fonts: Vec<WebFont> = per_face
        .into_par_iter()
        .map(|(id, chars)| {
            let face = book.face(id);
            let woff2 = subset(face, &chars)
                .map_err(|e| format!("font {}: cannot make its web subset: {e}", face.name))?;
            Ok(WebFont {
                face: id,
                woff2,
                chars: chars.len(),
            })
        })
        .collect::<Result<_, String>>()?;
    let mut css = String::new();
    for f in &fonts {
        css.push_str(&font_face(book.face(f.face), f));
    }
    css.push_str(":root{");
    for role in roles {
        let generic = match role.family() {
            crate::fonts::Family::Serif => "serif",
            crate::fonts::Family::Sans => "sans-serif",
        };
        let families: Vec<String> = book
            .fallback_order(role)
            .into_iter()
            .filter(|id| used[role as usize].contains(id))
            .map(family)
            .chain(std::iter::once(generic.to_string()))
            .collect();
        css.push_str(&format!(
            "{}:{};",
            ROLE_VARS[role as usize],
            families.join(",")
        ));
    }
    css.push('}');
    Ok(PageFonts { fonts, css })
}

/// The CSS family of a face: one per face, whatever its weight.
fn family(id: FaceId) -> String {
    format!("kw{}", id.0)
}

/// The `@font-face` rule: any weight and style maps to the face (the
/// roles pick faces, not weights), and its line box is the one the PDF
/// centres text in, the face's ascender and descender.
fn font_face(face: &Face, f: &WebFont) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(&f.woff2);
    format!(
        "@font-face{{font-family:{};src:url(data:font/woff2;base64,{data}) format(\"woff2\");\
         font-weight:1 1000;font-style:normal;font-display:block;\
         ascent-override:{:.1}%;descent-override:{:.1}%;line-gap-override:0%}}\n",
        family(f.face),
        face.ascender * 100.0,
        -face.descender * 100.0,
    )
}

/// `face` with only `chars`, as WOFF2.
fn subset(face: &Face, chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let sfnt = subset_sfnt(face, chars)?;
    ttf2woff2::encode(&sfnt, ttf2woff2::BrotliQuality::from(BROTLI_QUALITY))
        .map_err(|e| e.to_string())
}

/// `face` with only `chars`, as an OpenType font: what a browser gets
/// back when it decodes the WOFF2.
pub fn subset_sfnt(face: &Face, chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut map = Vec::with_capacity(chars.len());
    // In character order, so that runs of characters get runs of glyphs
    // and the cmap stays short.
    for &c in chars {
        if let Some(g) = face.shaper.glyph_index(c) {
            map.push((c, remapper.remap(g.0)));
        }
    }
    let font = subsetter::subset(face.data, face.index, &remapper).map_err(|e| e.to_string())?;
    let (flavour, mut tables) = sfnt::tables(&font).ok_or("the subset is not a font")?;
    let cmap = sfnt::cmap(&map).ok_or("too many characters for one cmap")?;
    tables.push((*b"cmap", cmap));
    let os2 = rustybuzz::ttf_parser::Tag::from_bytes(b"OS/2");
    if let Some(os2) = face.shaper.raw_face().table(os2) {
        tables.push((*b"OS/2", os2.to_vec()));
    }
    Ok(sfnt::build(flavour, tables))
}
