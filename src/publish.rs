//! Writing what the web stage made: an issue's edition into `out/<N>/`
//! (each file atomically; pictures of an earlier build no longer used are
//! removed), its archive record beside the build cache, and the archive
//! index `out/index.html` from the records of every issue; and page
//! images of a built PDF (`--png`).

use std::io;
use std::path::{Path, PathBuf};

use crate::batch::CACHE_DIR;
use crate::fonts::FontBook;
use crate::template::Template;
use crate::web::{Edition, IssueRecord};

/// Where the archive's record of issue `number` is kept.
fn record_path(out: &Path, number: u32) -> PathBuf {
    out.join(CACHE_DIR).join(format!("{number}.web.json"))
}

/// The folder of issue `number`'s web edition.
pub fn edition_dir(out: &Path, number: u32) -> PathBuf {
    out.join(number.to_string())
}

/// Writes the edition and its record; returns the hash of its
/// `index.html`, for the build cache.
pub fn write_edition(out: &Path, number: u32, e: &Edition) -> io::Result<String> {
    let dir = edition_dir(out, number);
    for (rel, bytes) in &e.files {
        crate::write_atomic(&dir.join(rel), bytes)?;
    }
    // Pictures an earlier build wrote and this one did not.
    if let Ok(entries) = std::fs::read_dir(dir.join("images")) {
        for entry in entries.flatten() {
            let rel = format!("images/{}", entry.file_name().to_string_lossy());
            if !e.files.iter().any(|(r, _)| *r == rel) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let json = serde_json::to_vec_pretty(&e.record).map_err(io::Error::other)?;
    crate::write_atomic(&record_path(out, number), &json)?;
    Ok(index_hash(&e.files[0].1))
}

fn index_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Whether the edition written earlier is still there as written: its
/// `index.html` has `hash` and its record exists.
pub fn edition_intact(out: &Path, number: u32, hash: &str) -> bool {
    let index = edition_dir(out, number).join("index.html");
    record_path(out, number).is_file() && std::fs::read(index).is_ok_and(|b| index_hash(&b) == hash)
}

/// Writes `out/index.html` from the records of `numbers` that have one
/// (an issue that failed to build has none); returns its path and how
/// many issues it lists.
pub fn write_archive(
    out: &Path,
    numbers: &[u32],
    template: &Template,
    book: &FontBook,
) -> Result<(PathBuf, usize), String> {
    let mut records = Vec::new();
    for &n in numbers {
        let path = record_path(out, n);
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let record: IssueRecord = serde_json::from_slice(&bytes).map_err(|e| {
            format!(
                "{} is damaged ({e}): build the issue again with --force",
                path.display()
            )
        })?;
        records.push(record);
    }
    let page = crate::web::archive::archive_page(&records, template, book)?;
    let path = out.join("index.html");
    crate::write_atomic(&path, page.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok((path, records.len()))
}

/// How wide the cover's social card is, in pixels (the size link previews
/// of blogs and messengers ask for).
pub const CARD_WIDTH: f32 = 1200.0;

/// Renders the built `out/<N>.pdf` with the renderer in the binary: every
/// page at `dpi` as `out/<N>/pages/page-01.png` …, and the cover
/// [`CARD_WIDTH`] pixels wide as `out/<N>/card.png`, each written
/// atomically. Returns how many pictures were written.
pub fn write_page_images(out: &Path, number: u32, dpi: f32) -> Result<usize, String> {
    use rayon::prelude::*;
    let pdf_path = out.join(format!("{number}.pdf"));
    let pdf = std::fs::read(&pdf_path).map_err(|e| format!("{}: {e}", pdf_path.display()))?;
    let pages = crate::render::page_count(&pdf).map_err(|e| e.to_string())?;
    let cover_dpi =
        CARD_WIDTH * 72.0 / crate::render::page_width(&pdf, 0).map_err(|e| e.to_string())?;
    let dir = edition_dir(out, number);
    let mut jobs: Vec<(PathBuf, usize, f32)> = (0..pages)
        .map(|p| {
            (
                dir.join("pages").join(format!("page-{:02}.png", p + 1)),
                p,
                dpi,
            )
        })
        .collect();
    jobs.push((dir.join("card.png"), 0, cover_dpi));
    jobs.par_iter()
        .map(|(path, page, dpi)| {
            let png = crate::render::page_png(&pdf, *page, *dpi).map_err(|e| e.to_string())?;
            crate::write_atomic(path, &png).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect::<Result<Vec<()>, String>>()?;
    Ok(jobs.len())
}
