//! kicweekly: the weekly newsletter 주간 창업, from Markdown to PDF.
//!
//! One way through typed stages:
//!
//! ```text
//! issue.md ─source→ Issue ─layout→ Document ─pdf→ PDF bytes
//!                          collect → prepare → flow → finalize
//!                          (the text engine shapes in prepare, breaks in flow)
//! ```
//!
//! Only `project` and `fonts` touch the file system. [`check`] runs every
//! stage but `pdf` and reports what [`build`] would, short of the PDF
//! writer's own refusals (such as `--pdfa` on a missing glyph); [`build`] is
//! the same stages followed by the PDF writer.

pub mod diag;
pub mod dump;
pub mod fix;
pub mod fonts;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod project;
pub mod source;
pub mod template;
pub mod text;
pub mod web;
pub mod yaml;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Diagnostics, SourceFiles, Warned};
use fonts::FontBook;
use project::Project;

/// Options of a build that change its output.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub pdf: pdf::Options,
}

/// Wall time of each stage of one build, for `--timings`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub parse: std::time::Duration,
    /// Wall time of the text engine; shaping and breaking are CPU time,
    /// summed over the threads that ran them.
    pub text: std::time::Duration,
    pub shaping: std::time::Duration,
    pub breaking: std::time::Duration,
    /// Layout and pagination, contents passes included, text engine excluded.
    pub layout: std::time::Duration,
    pub pdf: std::time::Duration,
    /// The web edition: pictures, fonts and pages (zero without one).
    pub web: std::time::Duration,
    pub toc_passes: u32,
}

/// A built issue: the PDF's bytes and how it was made.
#[derive(Debug)]
pub struct Built {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub timings: Timings,
    /// The web edition, when asked for.
    pub web: Option<web::Edition>,
}

/// What [`check`] found: the issue's model and how many pages it sets to.
#[derive(Debug)]
pub struct Checked {
    pub issue: model::Issue,
    pub pages: usize,
}

/// Checks one issue: every stage but the PDF writer (parse, then text and
/// layout exactly as [`build`] runs them), so the warnings are the ones
/// `build` gives (a character no font has, an overfull line, a split
/// word) and the errors are all but the PDF writer's.
pub fn check(
    project: &Project,
    book: &FontBook,
    number: u32,
    files: &mut SourceFiles,
) -> Result<Warned<Checked>, Diagnostics> {
    let Warned { value, warnings } = typeset(project, book, number, files, None)?;
    let checked = Checked {
        pages: value.doc.pages.len(),
        issue: value.issue,
    };
    Ok(Warned {
        value: checked,
        warnings,
    })
}

/// Builds one issue to PDF bytes: every stage, warnings collected.
pub fn build(
    project: &Project,
    book: &FontBook,
    number: u32,
    files: &mut SourceFiles,
    opts: &BuildOptions,
) -> Result<Warned<Built>, Diagnostics> {
    build_editions(project, book, number, files, opts, false)
}

/// [`build`], and with `web` the web edition too, from the same model
/// and layout (`build --web`, or the template's `web.edition`).
pub fn build_editions(
    project: &Project,
    book: &FontBook,
    number: u32,
    files: &mut SourceFiles,
    opts: &BuildOptions,
    web: bool,
) -> Result<Warned<Built>, Diagnostics> {
    let Warned { value, warnings } = build_with(project, book, number, files, opts, web, None)?;
    Ok(Warned {
        value: value.0,
        warnings,
    })
}

/// [`build_editions`], also giving the laid-out document; with `texts`,
/// reusing the text an earlier build of the issue shaped and broke (see
/// [`layout::layout_with`]). Without, the text is let go before the PDF is
/// written, as it always was (the peak of memory is there).
pub(crate) fn build_with(
    project: &Project,
    book: &FontBook,
    number: u32,
    files: &mut SourceFiles,
    opts: &BuildOptions,
    web: bool,
    texts: Option<&mut layout::TextCache>,
) -> Result<Warned<(Built, layout::Document)>, Diagnostics> {
    let Warned {
        value: Typeset {
            issue,
            doc,
            mut timings,
        },
        warnings,
    } = typeset(project, book, number, files, texts)?;
    let t2 = std::time::Instant::now();
    // The design says how many pixels a picture keeps, unless the caller did.
    let pdf_opts = pdf::Options {
        picture_max_ppi: opts
            .pdf
            .picture_max_ppi
            .or(Some(project.template.body.picture_max_ppi)),
        ..opts.pdf
    };
    let bytes = match pdf::write(&doc, book, &pdf_opts) {
        Ok(b) => b,
        Err(e) => {
            let hint = if opts.pdf.pdfa || opts.pdf.pdfua {
                "PDF/A-2u or PDF/UA-1 was requested (--pdfa, --pdfua): fix what the message names, or build without it"
            } else {
                "this is a bug in kicweekly if the message does not name something in the issue"
            };
            // The warnings usually say where the cause is (a missing glyph).
            let mut d = warnings;
            d.push(
                Diagnostic::general(format!("the PDF writer refused issue {number}: {e}"))
                    .with_hint(hint),
            );
            d.sort();
            return Err(d);
        }
    };
    timings.pdf = t2.elapsed();
    let t3 = std::time::Instant::now();
    let web = if web {
        match web::edition(&issue, &doc, &project.template, book) {
            Ok(e) => Some(e),
            Err(e) => {
                let mut d = warnings;
                d.push(Diagnostic::general(format!(
                    "cannot make the web edition of issue {number}: {e}"
                )));
                d.sort();
                return Err(d);
            }
        }
    } else {
        None
    };
    timings.web = t3.elapsed();
    let built = Built {
        pdf: bytes,
        pages: doc.pages.len(),
        timings,
        web,
    };
    Ok(Warned {
        value: (built, doc),
        warnings,
    })
}

/// An issue through every stage but the PDF writer.
struct Typeset {
    issue: model::Issue,
    doc: layout::Document,
    timings: Timings,
}

/// Parses and lays out one issue: what [`check`] runs, and [`build`]
/// before it writes the PDF.
fn typeset(
    project: &Project,
    book: &FontBook,
    number: u32,
    files: &mut SourceFiles,
    texts: Option<&mut layout::TextCache>,
) -> Result<Warned<Typeset>, Diagnostics> {
    let t0 = std::time::Instant::now();
    let (issue, _) = project.load_issue(number, files)?;
    let mut timings = Timings {
        parse: t0.elapsed(),
        ..Timings::default()
    };
    let mut warnings = issue.warnings;
    let t1 = std::time::Instant::now();
    let doc = match texts {
        Some(texts) => layout::layout_with(&issue.value, &project.template, book, texts),
        None => layout::layout(&issue.value, &project.template, book),
    };
    timings.text = doc.value.text_wall;
    timings.layout = t1.elapsed().saturating_sub(doc.value.text_wall);
    timings.shaping = doc.value.shaping;
    timings.breaking = doc.value.breaking;
    timings.toc_passes = doc.value.toc_passes;
    warnings.extend(doc.warnings);
    Ok(Warned {
        value: Typeset {
            issue: issue.value,
            doc: doc.value,
            timings,
        },
        warnings,
    })
}

/// Loads the font book for a project: its template's faces (project
/// `fonts/` first, then built in), the project's other fonts and any extra
/// font folders; never the machine's fonts.
pub fn load_fonts(project: &Project, font_paths: &[PathBuf]) -> Result<FontBook, String> {
    let fallback = fonts::Fallback {
        dirs: font_paths.to_vec(),
        system: false,
    };
    load_fonts_with(project, &fallback)
}

/// [`load_fonts`] with the fallback the command line asked for
/// (`--font-path`, `--system-fonts`).
pub fn load_fonts_with(project: &Project, fallback: &fonts::Fallback) -> Result<FontBook, String> {
    FontBook::load_with(
        &project.template.faces,
        &project.root.join("fonts"),
        fallback,
    )
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder, synced, then renamed over the target. An interrupted build
/// leaves the old file or the new one, never a partial one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
pub mod batch;
pub mod cli;
pub mod preview;
pub mod publish;
pub mod render;
pub mod session;
pub mod watch;
