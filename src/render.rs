//! Pages of a PDF as PNG pictures, with hayro (pure Rust, the renderer
//! the reference pages are checked with): the live preview's page images.
//! Pages are drawn on white, without hinting, at any resolution.

use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

/// Why a page could not be rendered.
#[derive(Debug, Clone, PartialEq)]
pub enum RenderError {
    /// hayro could not read the PDF.
    Unreadable,
    /// The PDF has no such page (pages count from 0).
    NoPage {
        page: usize,
        pages: usize,
    },
    /// The page is too large to render at this resolution.
    TooLarge,
    Encode(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Unreadable => write!(f, "the PDF cannot be read"),
            RenderError::NoPage { page, pages } => {
                write!(f, "there is no page {page} (the PDF has {pages})")
            }
            RenderError::TooLarge => write!(f, "the page is too large at this resolution"),
            RenderError::Encode(e) => write!(f, "the PNG could not be written: {e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// How many pages `pdf` has.
pub fn page_count(pdf: &[u8]) -> Result<usize, RenderError> {
    Ok(open(pdf)?.pages().len())
}

/// The width of page `page` (from 0) of `pdf`, in points.
pub fn page_width(pdf: &[u8], page: usize) -> Result<f32, RenderError> {
    let doc = open(pdf)?;
    let pages = doc.pages();
    let p = pages.get(page).ok_or(RenderError::NoPage {
        page,
        pages: pages.len(),
    })?;
    Ok(p.render_dimensions().0)
}

/// Page `page` (from 0) of `pdf` as a PNG at `dpi` pixels per inch.
pub fn page_png(pdf: &[u8], page: usize, dpi: f32) -> Result<Vec<u8>, RenderError> {
    pages_png(pdf, &[page], dpi)
        .pop()
        .expect("one result per page asked")
}

/// Several pages of `pdf` as PNGs, reading the PDF once.
pub fn pages_png(pdf: &[u8], pages: &[usize], dpi: f32) -> Vec<Result<Vec<u8>, RenderError>> {
    let doc = match open(pdf) {
        Ok(d) => d,
        Err(e) => return pages.iter().map(|_| Err(e.clone())).collect(),
    };
    let all = doc.pages();
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let render = RenderSettings {
        hinting: false,
        ..Default::default()
    };
    let scale = dpi / 72.0;
    pages
        .iter()
        .map(|&i| {
            let page = all.get(i).ok_or(RenderError::NoPage {
                page: i,
                pages: all.len(),
            })?;
            let (w, h) = page.render_dimensions();
            if w * scale > f32::from(u16::MAX) || h * scale > f32::from(u16::MAX) {
                return Err(RenderError::TooLarge);
            }
            let pixmap = hayro::render(
                page,
                &cache,
                &settings,
                &render,
                &PixmapSettings {
                    x_scale: scale,
                    y_scale: scale,
                    bg_color: WHITE,
                },
            );
            // Drawn on opaque white: premultiplied is plain RGB.
            let rgba = pixmap.data_as_u8_slice();
            let rgb: Vec<u8> = rgba
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            encode_png(&rgb, pixmap.width().into(), pixmap.height().into())
        })
        .collect()
}

fn open(pdf: &[u8]) -> Result<Pdf, RenderError> {
    Pdf::new(Arc::new(pdf.to_vec())).map_err(|_| RenderError::Unreadable)
}

/// Fast compression: a preview page is shown once and thrown away.
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, RenderError> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Sub)
        .write_image(rgb, width, height, image::ExtendedColorType::Rgb8)
        .map_err(|e| RenderError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        assert_eq!(page_count(b"not a pdf"), Err(RenderError::Unreadable));
        assert_eq!(page_png(b"%PDF-1.7", 0, 72.0), Err(RenderError::Unreadable));
    }
}
