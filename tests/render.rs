//! `render`: the built-in renderer draws a built issue's pages as PNGs of
//! the page's size at the asked resolution, with ink where the text is,
//! and refuses what it cannot draw with an error, not a panic.

use std::path::PathBuf;

use kicweekly::diag::SourceFiles;
use kicweekly::project::Project;
use kicweekly::render::{RenderError, page_count, page_png, pages_png};

fn pdf_of_312() -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = SourceFiles::default();
    let project = Project::open(root, None, &mut files).unwrap();
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    kicweekly::build(&project, &book, 312, &mut files, &Default::default())
        .unwrap()
        .value
        .pdf
}

/// Width, height and the share of dark pixels of a PNG.
fn decode(png: &[u8]) -> (u32, u32, f64) {
    let img = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .expect("a PNG")
        .to_luma8();
    let dark = img.pixels().filter(|p| p.0[0] < 128).count();
    let (w, h) = img.dimensions();
    (w, h, dark as f64 / f64::from(w * h))
}

#[test]
fn pages_of_312_render_at_their_size_with_ink() {
    let pdf = pdf_of_312();
    let pages = page_count(&pdf).unwrap();
    assert!(pages > 10, "{pages} pages");
    // A4 at 72 dpi is 595 × 842 points; at 36 dpi half that.
    let (w, h, _) = decode(&page_png(&pdf, 0, 72.0).unwrap());
    assert_eq!((w, h), (595, 841));
    let rendered = pages_png(&pdf, &[2, pages - 1], 36.0);
    for png in rendered {
        let (w, h, ink) = decode(&png.unwrap());
        assert_eq!((w, h), (297, 420));
        assert!(ink > 0.005 && ink < 0.5, "ink {ink}");
    }
    assert_eq!(
        page_png(&pdf, pages, 72.0),
        Err(RenderError::NoPage { page: pages, pages })
    );
}

#[test]
fn a_damaged_pdf_is_an_error() {
    let mut pdf = pdf_of_312();
    pdf.truncate(pdf.len() / 3);
    // hayro may still find some objects; whatever it says, it says it
    // without panicking, and never draws the missing pages.
    match page_count(&pdf) {
        Err(e) => assert_eq!(e, RenderError::Unreadable),
        Ok(n) => {
            let _ = page_png(&pdf, n.saturating_sub(1), 20.0);
        }
    }
    assert_eq!(page_count(b"%PDF-1.7\n"), Err(RenderError::Unreadable));
}
