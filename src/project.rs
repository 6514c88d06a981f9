//! The project folder: where issues, the template and fonts are found, and
//! the reading of issue files (with the checks that need the disk).
//!
//! A project is a folder holding `issues/`; it may also hold `templates/`
//! and `fonts/`, which override the built-in ones. Like cargo with
//! Cargo.toml, kicweekly finds it from the working directory upward.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, FileId, SourceFiles, SourceResult, Warned};
use crate::model::Issue;
use crate::template::{DEFAULT_TEMPLATE, Template};

pub const TEMPLATE_FILE: &str = "templates/kicweekly.yaml";

#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub template: Template,
    /// Where the template came from (for cache keys and messages).
    pub template_source: String,
}

/// Finds the project root: `explicit` if given, else the nearest folder
/// from `start` upward that holds `issues/`.
pub fn find_root(explicit: Option<&Path>, start: &Path) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        if dir.join("issues").is_dir() {
            return Ok(dir.to_path_buf());
        }
        return Err(format!(
            "`{}` is not a kicweekly project: it has no issues/ folder",
            dir.display()
        ));
    }
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join("issues").is_dir() {
            return Ok(d.to_path_buf());
        }
        dir = d.parent();
    }
    Err(format!(
        "no kicweekly project here: neither `{}` nor any folder above it has an issues/ folder \
         (run kicweekly inside a project, or pass --root DIR)",
        start.display()
    ))
}

impl Project {
    /// Opens the project at `root` with the template from `template_path`,
    /// the project's `templates/kicweekly.yaml`, or the built-in one.
    pub fn open(
        root: PathBuf,
        template_path: Option<&Path>,
        files: &mut SourceFiles,
    ) -> SourceResult<Project> {
        let own = root.join(TEMPLATE_FILE);
        let path = template_path
            .map(Path::to_path_buf)
            .or_else(|| own.is_file().then_some(own));
        let (file, source) = match path {
            Some(p) => {
                let text = read_text(&p, files)?;
                let source = text.clone();
                (files.add(p, text), source)
            }
            None => (
                files.add(
                    PathBuf::from("<built-in>/templates/kicweekly.yaml"),
                    DEFAULT_TEMPLATE.into(),
                ),
                DEFAULT_TEMPLATE.to_string(),
            ),
        };
        let template = Template::parse(files, file)?;
        Ok(Project {
            root,
            template,
            template_source: source,
        })
    }

    pub fn issues_dir(&self) -> PathBuf {
        self.root.join("issues")
    }

    pub fn issue_dir(&self, number: u32) -> PathBuf {
        self.issues_dir().join(number.to_string())
    }

    /// Every issue folder under `issues/`, by number. Folders whose name is
    /// not a number are reported; two folders with the same number (`312`
    /// and `0312`) are an error.
    pub fn list_issues(&self) -> SourceResult<Vec<(u32, PathBuf)>> {
        let dir = self.issues_dir();
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| Diagnostic::general(format!("cannot read {}: {e}", dir.display())))?;
        let mut found: Vec<(u32, PathBuf)> = vec![];
        let mut diags = Diagnostics::default();
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            match name.parse::<u32>() {
                Ok(n) if n > 0 => {
                    if let Some((_, other)) = found.iter().find(|(m, _)| *m == n) {
                        diags.push(Diagnostic::general(format!(
                            "issue {n} appears twice: {} and {}; keep one folder per issue",
                            other.display(),
                            path.display()
                        )));
                    }
                    found.push((n, path));
                }
                _ if name.starts_with('.') => {}
                _ => diags.push(Diagnostic::general(format!(
                    "issues/{name} is not an issue folder: issue folders are named by number \
                     (issues/312); rename or move it"
                ))),
            }
        }
        found.sort();
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(found)
    }

    /// Reads and parses one issue, then checks what needs the disk: the
    /// number against the folder name, and that every image exists.
    pub fn load_issue(
        &self,
        number: u32,
        files: &mut SourceFiles,
    ) -> SourceResult<(Warned<Issue>, FileId)> {
        let dir = self.issue_dir(number);
        let path = dir.join("issue.md");
        if !path.is_file() {
            return Err(Diagnostic::general(format!(
                "issue {number} not found: there is no {} (create it with `kicweekly new {number}`)",
                crate::diag::display_path(&path)
            ))
            .into());
        }
        let text = read_text(&path, files)?;
        let file = files.add(path, text);
        self.parse_issue(number, file, files)
    }

    /// Parses issue `number`'s text, already in `files` as `file` (read
    /// from disk, or fixed in memory by `kicweekly fix`), and checks what
    /// needs the disk.
    pub fn parse_issue(
        &self,
        number: u32,
        file: FileId,
        files: &SourceFiles,
    ) -> SourceResult<(Warned<Issue>, FileId)> {
        let dir = self.issue_dir(number);
        let warned = match crate::source::parse(files, file, &self.template) {
            Ok(w) => w,
            Err(mut d) => {
                // Still say when the number is wrong, with the other errors.
                if let Ok(split) = crate::source::front::split(files, file)
                    && let Ok(front) = crate::source::front::parse(files, file, &split)
                    && let Some(m) = number_mismatch(&front, number)
                {
                    d.push(m);
                    d.sort();
                }
                return Err(d);
            }
        };
        let mut diags = Diagnostics::default();
        if let Some(m) = number_mismatch(&warned.value.front, number) {
            diags.push(m);
        }
        let mut warned = warned;
        for part in &mut warned.value.parts {
            for a in &mut part.articles {
                crate::model::walk_blocks_mut(&mut a.blocks, &mut |b| {
                    if let crate::model::BlockKind::Figure(f) = &mut b.kind
                        && let Some(img) = &mut f.image
                    {
                        match read_image(&dir.join(&img.path)) {
                            Ok(data) => img.data = Some(data),
                            Err(why) => {
                                let shown = crate::diag::display_path(&dir.join(&img.path));
                                let label = if why == "not found" {
                                    format!("there is no {shown}")
                                } else {
                                    shown
                                };
                                let msg = format!("image `{}` {why}", img.path);
                                let hint = if why.starts_with("is damaged") {
                                    "open the picture in an image editor and save it again, or copy it again from where it came"
                                } else {
                                    "copy a PNG, JPEG, GIF, WebP or SVG picture there, or fix the file name"
                                };
                                diags.push(
                                    Diagnostic::error(img.span, msg)
                                        .with_label(label)
                                        .with_hint(hint),
                                )
                            }
                        }
                    }
                });
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok((warned, file))
    }
}

/// The error for a front matter whose number is not its folder's.
fn number_mismatch(front: &crate::model::FrontMatter, number: u32) -> Option<Diagnostic> {
    (front.number != number).then(|| {
        Diagnostic::error(
            front.span,
            format!("issue number {} does not match its folder", front.number),
        )
        .with_label(format!("the folder is issues/{number}"))
        .with_hint(format!(
            "write `number: {number}`, or move the file to issues/{}",
            front.number
        ))
        .with_suggestion(
            format!("write `number: {number}`"),
            vec![crate::diag::Edit {
                span: front.span,
                with: number.to_string(),
            }],
        )
    })
}

/// Reads a UTF-8 text file. Invalid UTF-8 is reported at its byte offset,
/// with the file added (lossily) so the line can be shown.
pub fn read_text(path: &Path, files: &mut SourceFiles) -> SourceResult<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::general(format!(
            "cannot read {}: {e}",
            crate::diag::display_path(path)
        ))
    })?;
    if bytes.len() > crate::source::MAX_SOURCE_BYTES {
        return Err(Diagnostic::general(format!(
            "{} is too large ({} bytes; at most {} MiB)",
            crate::diag::display_path(path),
            bytes.len(),
            crate::source::MAX_SOURCE_BYTES >> 20
        ))
        .into());
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bytes = e.into_bytes();
            let mut diags = Diagnostics::default();
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            let file = files.add(path.to_path_buf(), lossy);
            let mut offset = 0;
            // Report each bad sequence (up to ten) at its byte offset.
            while offset < bytes.len() && diags.0.len() < 10 {
                match std::str::from_utf8(&bytes[offset..]) {
                    Ok(_) => break,
                    Err(err) => {
                        let at = offset + err.valid_up_to();
                        let len = err.error_len().unwrap_or(bytes.len() - at);
                        // Offsets before the first bad byte are the same in the lossy text.
                        let shown = if diags.0.is_empty() { at } else { 0 };
                        let mut d = Diagnostic::error(
                            files.span(file, shown, shown + 1),
                            format!("invalid UTF-8 at byte {at}"),
                        )
                        .with_label("this is not UTF-8 text")
                        .with_hint("save the file as UTF-8 (without binary data)");
                        if !diags.0.is_empty() {
                            d.span = None;
                            d.message = format!(
                                "{}: invalid UTF-8 at byte {at}",
                                crate::diag::display_path(path)
                            );
                        }
                        diags.push(d);
                        offset = at + len.max(1);
                    }
                }
            }
            Err(diags)
        }
    }
}

/// Reads a picture and checks it: PNG, JPEG, GIF and WebP by their
/// header, whose size (turned by an EXIF orientation) is read here, so a
/// broken file is an error here, not a hole in the PDF; SVG by parsing it
/// whole (cheap, and the only way to know it draws).
fn read_image(path: &Path) -> Result<crate::model::ImageData, String> {
    use crate::model::{ImageData, ImageFormat};
    use image::ImageDecoder;
    if !path.is_file() {
        return Err("not found".into());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    let shown = crate::diag::display_path(path);
    let (format, decoded_as) = match image::guess_format(&bytes) {
        Ok(f @ image::ImageFormat::Png) => (ImageFormat::Png, f),
        Ok(f @ image::ImageFormat::Jpeg) => (ImageFormat::Jpeg, f),
        Ok(f @ image::ImageFormat::Gif) => (ImageFormat::Gif, f),
        Ok(f @ image::ImageFormat::WebP) => (ImageFormat::WebP, f),
        _ if looks_like_svg(path, &bytes) => return read_svg(shown, bytes),
        _ => return Err("is not a PNG, JPEG, GIF, WebP or SVG picture".into()),
    };
    // The decoder's own words name its internals, not what to do.
    let name = match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Gif => "GIF",
        ImageFormat::WebP => "WebP",
        ImageFormat::Svg => "SVG",
    };
    let damaged = |_: image::ImageError| format!("is damaged or not a {name}");
    if !complete(format, &bytes) {
        return Err(format!(
            "is damaged or not a {name} (the file ends too early)"
        ));
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), decoded_as);
    // The size is checked below, with a message an editor can act on.
    reader.no_limits();
    let ((width, height), orientation) = {
        let mut decoder = reader.into_decoder().map_err(damaged)?;
        // A missing or unreadable EXIF block means "as stored".
        let orientation = decoder
            .orientation()
            .map_or(1, image::metadata::Orientation::to_exif);
        (decoder.dimensions(), orientation)
    };
    if width == 0 || height == 0 || width > 20_000 || height > 20_000 {
        return Err(format!("has an unusable size ({width} × {height} pixels)"));
    }
    let (width, height) = if (5..=8).contains(&orientation) {
        (height, width)
    } else {
        (width, height)
    };
    Ok(ImageData {
        path: shown,
        bytes: std::sync::Arc::new(bytes),
        width,
        height,
        format,
        orientation,
    })
}

/// Whether a picture's file holds all of it: a PNG up to its IEND chunk,
/// a JPEG up to its end-of-image marker, a WebP as long as its header
/// says. The header alone decodes from a file cut short (an interrupted
/// copy or download), which would fail only in the PDF writer.
fn complete(format: crate::model::ImageFormat, bytes: &[u8]) -> bool {
    use crate::model::ImageFormat;
    match format {
        ImageFormat::Png => {
            let mut at = 8;
            while at + 8 <= bytes.len() {
                let len =
                    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
                if &bytes[at + 4..at + 8] == b"IEND" {
                    return true;
                }
                at = at.saturating_add(12).saturating_add(len as usize);
            }
            false
        }
        // In coded data 0xFF is followed by 0x00 or a restart marker, so
        // an end-of-image marker near the end is the real one.
        ImageFormat::Jpeg => {
            let tail = &bytes[bytes.len().saturating_sub(4096)..];
            tail.windows(2).any(|w| w == [0xFF, 0xD9])
        }
        ImageFormat::WebP => {
            bytes.len() >= 8
                && u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize + 8
                    <= bytes.len()
        }
        ImageFormat::Gif | ImageFormat::Svg => true,
    }
}

/// Parses an SVG picture for its size; the PDF writer parses it again to
/// draw it (with the issue's fonts for its text).
fn read_svg(shown: String, bytes: Vec<u8>) -> Result<crate::model::ImageData, String> {
    let tree = usvg::Tree::from_data(&bytes, &usvg::Options::default())
        .map_err(|_| "is damaged or not an SVG picture".to_string())?;
    let size = tree.size();
    Ok(crate::model::ImageData {
        path: shown,
        bytes: std::sync::Arc::new(bytes),
        width: (size.width().round() as u32).max(1),
        height: (size.height().round() as u32).max(1),
        format: crate::model::ImageFormat::Svg,
        orientation: 1,
    })
}

/// SVG has no magic number: an `.svg` or `.svgz` name, or text that starts
/// (after a byte-order mark, white space, an XML declaration or comments)
/// with `<svg`, `<?xml` or `<!--`; gzip-compressed SVG by its name only.
fn looks_like_svg(path: &Path, bytes: &[u8]) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("svg" | "svgz")) {
        return true;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace());
    start.is_some_and(|i| {
        let t = &text[i..];
        t.starts_with(b"<svg") || t.starts_with(b"<?xml") || t.starts_with(b"<!--")
    })
}
