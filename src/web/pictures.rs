//! Pictures for the web: each raster picture decoded as the PDF decodes it
//! (upright, CMYK converted, a GIF's first frame), sized to the column as
//! the PDF sizes it, and written at that size and at twice it for
//! high-density screens, never larger than the file it came from. A photo
//! becomes a JPEG, a drawing (few colours) or anything transparent a PNG.
//! An SVG stays as it is: it has no resolution.

use std::collections::HashMap;
use std::io::Cursor;

use image::{DynamicImage, ImageEncoder};
use rayon::prelude::*;

use crate::model::{Image, ImageData, ImageFormat};

/// JPEG quality on the web: a third of the bytes of print's 90, with no
/// artefacts visible at screen sizes.
const JPEG_QUALITY: u8 = 82;

/// More colours than this (and no transparency): a photo, as in the PDF.
const PHOTO_COLOURS: usize = 4096;

/// A picture ready for the web.
#[derive(Clone, Debug)]
pub struct WebPicture {
    /// The files, relative to the edition's folder, 1× first.
    pub files: Vec<(String, Vec<u8>)>,
    /// The size it is shown at on a wide screen, in CSS pixels.
    pub width: u32,
    pub height: u32,
    pub mime: &'static str,
}

impl WebPicture {
    pub fn src(&self) -> &str {
        &self.files[0].0
    }

    /// The 2× file, when there are pixels for one.
    pub fn src2x(&self) -> Option<&str> {
        self.files.get(1).map(|f| f.0.as_str())
    }
}

/// Where pictures go: the column's width and the tallest a picture may
/// be, in CSS pixels.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub width: f32,
    pub max_height: f32,
}

/// The pictures for the web, by their path in the issue; in
/// parallel, named after their files (`images/harbour-720w.jpg`).
pub fn prepare(images: &[&Image], frame: Frame) -> Result<HashMap<String, WebPicture>, String> {
    let mut seen = HashMap::new();
    let mut jobs = Vec::new();
    for image in images {
        let Some(data) = &image.data else { continue };
        if seen.contains_key(&image.path) {
            continue;
        }
        let mut stem = file_stem(&image.path);
        let taken = |s: &str| jobs.iter().any(|(_, st, _): &(_, String, _)| st == s);
        if taken(&stem) {
            let mut n = 2;
            while taken(&format!("{stem}-{n}")) {
                n += 1;
            }
            stem = format!("{stem}-{n}");
        }
        seen.insert(image.path.clone(), ());
        jobs.push((image.path.clone(), stem, data));
    }
    jobs.into_par_iter()
        .map(|(path, stem, data)| {
            let p = picture(data, &stem, frame)
                .map_err(|e| format!("picture {}: cannot make it for the web: {e}", data.path))?;
            Ok((path, p))
        })
        .collect()
}

/// A file name's stem, safe in a URL: ASCII letters, digits, `-`, `_`.
fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches('-');
    if safe.is_empty() {
        "picture".into()
    } else {
        safe.into()
    }
}

/// The size shown: the column's width, or less so as not to pass the
/// tallest a picture may be (as `layout` sizes it on the page).
fn shown(w: u32, h: u32, frame: Frame) -> (u32, u32) {
    let (w, h) = (w.max(1) as f32, h.max(1) as f32);
    let mut dw = frame.width;
    let mut dh = dw * h / w;
    if dh > frame.max_height {
        dh = frame.max_height;
        dw = dh * w / h;
    }
    ((dw.round() as u32).max(1), (dh.round() as u32).max(1))
}

fn picture(data: &ImageData, stem: &str, frame: Frame) -> Result<WebPicture, String> {
    let (width, height) = shown(data.width, data.height, frame);
    if data.format == ImageFormat::Svg {
        let name = format!("images/{stem}.svg");
        return Ok(WebPicture {
            files: vec![(name, data.bytes.to_vec())],
            width,
            height,
            mime: "image/svg+xml",
        });
    }
    let pixels = crate::pdf::upright_pixels(data)?;
    let lossy = matches!(data.format, ImageFormat::Jpeg | ImageFormat::WebP);
    let opaque = is_opaque(&pixels);
    let photo = opaque && (lossy || many_colours(&pixels));
    let (ext, mime) = if photo {
        ("jpg", "image/jpeg")
    } else {
        ("png", "image/png")
    };
    let mut files = Vec::new();
    let one = width.min(pixels.width());
    for target in [one, (width * 2).min(pixels.width())] {
        if files.len() == 1 && target <= one {
            break; // no more pixels than the 1× file has
        }
        let h = ((pixels.height() as f64 * target as f64 / pixels.width() as f64).round() as u32)
            .max(1);
        let sized = resize(&pixels, target, h, opaque)?;
        let bytes = encode(&sized, photo)?;
        files.push((format!("images/{stem}-{target}w.{ext}"), bytes));
    }
    Ok(WebPicture {
        files,
        width,
        height,
        mime,
    })
}

fn is_opaque(p: &DynamicImage) -> bool {
    if !p.color().has_alpha() {
        return true;
    }
    p.to_rgba8().pixels().all(|px| px.0[3] == 255)
}

fn many_colours(p: &DynamicImage) -> bool {
    if !p.color().has_color() {
        return false;
    }
    let mut seen = std::collections::HashSet::new();
    for px in p.to_rgb8().pixels() {
        seen.insert(px.0);
        if seen.len() > PHOTO_COLOURS {
            return true;
        }
    }
    false
}

/// `p` at `w` × `h` (Lanczos 3, colour weighted by alpha), in RGB or
/// RGBA; fast_image_resize gives the same bytes on every CPU.
fn resize(p: &DynamicImage, w: u32, h: u32, opaque: bool) -> Result<DynamicImage, String> {
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
    let (data, kind) = if opaque {
        (p.to_rgb8().into_raw(), PixelType::U8x3)
    } else {
        (p.to_rgba8().into_raw(), PixelType::U8x4)
    };
    let (pw, ph) = (p.width(), p.height());
    let out = if (pw, ph) == (w, h) {
        data
    } else {
        let source = fast_image_resize::images::Image::from_vec_u8(pw, ph, data, kind)
            .map_err(|e| e.to_string())?;
        let mut target = fast_image_resize::images::Image::new(w, h, kind);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new()
            .resize(&source, &mut target, &options)
            .map_err(|e| e.to_string())?;
        target.into_vec()
    };
    let image = if opaque {
        image::RgbImage::from_raw(w, h, out).map(DynamicImage::ImageRgb8)
    } else {
        image::RgbaImage::from_raw(w, h, out).map(DynamicImage::ImageRgba8)
    };
    image.ok_or_else(|| "resized pixels do not fill the picture".into())
}

fn encode(p: &DynamicImage, photo: bool) -> Result<Vec<u8>, String> {
    let mut out = Cursor::new(Vec::new());
    let (w, h) = (p.width(), p.height());
    let color = p.color().into();
    if photo {
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(
            p.as_bytes(),
            w,
            h,
            color,
        )
    } else {
        image::codecs::png::PngEncoder::new(&mut out).write_image(p.as_bytes(), w, h, color)
    }
    .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_take_the_column_or_less_as_in_the_pdf() {
        let frame = Frame {
            width: 720.0,
            max_height: 480.0,
        };
        assert_eq!(shown(1600, 900, frame), (720, 405));
        assert_eq!(shown(64, 48, frame), (640, 480));
        assert_eq!(shown(400, 2400, frame), (80, 480));
    }

    #[test]
    fn file_names_are_safe_in_urls() {
        assert_eq!(file_stem("images/Harbour RGB.3000.jpg"), "harbour-rgb-3000");
        assert_eq!(file_stem("images/사진.png"), "picture");
    }
}
