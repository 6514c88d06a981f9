//! Pictures as krilla draws them: a raster picture with no more pixels
//! than print needs, in RGB or grey, upright; an SVG as vectors.
//!
//! A raster picture goes to krilla as its own bytes whenever krilla can
//! take them as they are: a JPEG keeps its DCT data (no recompression), a
//! PNG or WebP is only unpacked and deflated. It is decoded and encoded
//! again only when it must be:
//!
//! - it has more pixels than the template's `picture_max_ppi` at the size
//!   it is printed: it is downsampled to that (Lanczos 3);
//! - it is a lossy WebP: krilla would embed its pixels deflated, ten to
//!   fifty times the file; it becomes a JPEG;
//! - it is a CMYK JPEG: converted to RGB here, since krilla would embed it
//!   as DeviceCMYK, which PDF/A refuses without a CMYK output intent, and
//!   would always invert it, where only Adobe's CMYK JPEGs are inverted;
//! - it is a GIF: krilla takes the first frame's own rectangle for the
//!   whole picture; the `image` crate composes it onto the canvas.
//!
//! What is encoded again is a JPEG of quality 90 when it is a photo (lossy
//! to begin with, or thousands of colours) with no transparency, else
//! lossless (charts, logos, anything transparent). The EXIF orientation is
//! not applied to the pixels but drawn: the picture is placed turned or
//! mirrored as the orientation says, so a JPEG still goes as it is.
//!
//! Interpolation (a viewer smoothing an enlarged picture) is asked for
//! except under PDF/A, which forbids it (ISO 19005-2, 6.2.8.3).
//!
//! Everything here is a function of the picture's bytes and its printed
//! size: the same issue gives the same PDF.

use std::hash::{Hash, Hasher};
use std::io::Cursor;
use std::sync::Arc;

use image::{DynamicImage, ImageDecoder};
use krilla::geom::Transform;
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};

use crate::model::{ImageData, ImageFormat};

/// JPEG quality for photos that must be encoded again: visually lossless
/// in print, about a third of quality 100's size.
const JPEG_QUALITY: u8 = 90;

/// A picture with more colours than this (and no transparency) is a photo,
/// encoded as JPEG; fewer, it is a drawing, kept lossless. Anti-aliased
/// charts have hundreds of colours; photos tens of thousands.
const PHOTO_COLOURS: usize = 4096;

/// How a picture is drawn.
pub enum Picture {
    /// Pixels, stored as the file stores them (see [`upright`]).
    Raster(Image),
    /// Vectors, parsed with the fonts for their text.
    Svg(Box<usvg::Tree>),
}

/// What [`prepare`] needs besides the picture.
pub struct Settings<'a> {
    /// Downsample above this many pixels per inch at the printed size.
    pub max_ppi: Option<f32>,
    /// Ask viewers to smooth enlarged pictures (not under PDF/A).
    pub interpolate: bool,
    /// Fonts for the text of SVG pictures.
    pub svg: &'a usvg::Options<'a>,
}

/// `image` printed `w` × `h` points, ready for krilla.
pub fn prepare(image: &ImageData, (w, h): (f32, f32), s: &Settings) -> Result<Picture, String> {
    if image.format == ImageFormat::Svg {
        return usvg::Tree::from_data(&image.bytes, s.svg)
            .map(|tree| Picture::Svg(Box::new(tree)))
            .map_err(|e| e.to_string());
    }
    // The printed width of the stored pixels' rows.
    let printed = if image.quarter_turned() { h } else { w };
    let (stored_w, stored_h) = image.stored_size();
    let target = s.max_ppi.and_then(|ppi| {
        let most = ((printed / 72.0 * ppi).floor() as u32).max(1);
        (stored_w > most).then(|| {
            let h = (stored_h as f64 * most as f64 / stored_w as f64).round();
            (most, (h as u32).max(1))
        })
    });
    let bytes = krilla::Data::from(image.bytes.clone());
    let cmyk = image.format == ImageFormat::Jpeg && jpeg_is_cmyk(&image.bytes);
    // Lossy sources stay lossy: a photo as a JPEG, not as unpacked pixels.
    let lossy = match image.format {
        ImageFormat::Jpeg => true,
        ImageFormat::WebP => webp_is_lossy(&image.bytes),
        _ => false,
    };
    let as_is = match image.format {
        _ if target.is_some() || cmyk => None,
        ImageFormat::Jpeg => Some(Image::from_jpeg(bytes, s.interpolate)),
        ImageFormat::Png => Some(Image::from_png(bytes, s.interpolate)),
        ImageFormat::WebP if !lossy => Some(Image::from_webp(bytes, s.interpolate)),
        ImageFormat::WebP | ImageFormat::Gif | ImageFormat::Svg => None,
    };
    if let Some(image) = as_is {
        return image.map(Picture::Raster);
    }
    let (pixels, icc) = if cmyk {
        (decode_cmyk_jpeg(&image.bytes)?, None)
    } else {
        decode(image)?
    };
    let mut pixels = Pixels::from(pixels);
    if let Some((tw, th)) = target {
        pixels = pixels.resize(tw, th)?;
    }
    encode(pixels, icc, lossy, s.interpolate).map(Picture::Raster)
}

/// Where krilla draws a picture's stored pixels so that it stands upright
/// in a box of `w` × `h` points at the origin: the transform, and the size
/// of the stored pixels' box. EXIF orientations, as the `image` crate
/// names them: 2 mirrored, 3 turned 180°, 4 upside down mirrored, 5
/// transposed, 6 to be turned 90° clockwise, 7 transversed, 8 to be turned
/// 90° counter-clockwise.
pub fn upright(orientation: u8, w: f32, h: f32) -> (Transform, (f32, f32)) {
    // Transform::from_row(sx, ky, kx, sy, tx, ty):
    // x' = sx·x + kx·y + tx, y' = ky·x + sy·y + ty (y downward).
    let t = match orientation {
        2 => Transform::from_row(-1.0, 0.0, 0.0, 1.0, w, 0.0),
        3 => Transform::from_row(-1.0, 0.0, 0.0, -1.0, w, h),
        4 => Transform::from_row(1.0, 0.0, 0.0, -1.0, 0.0, h),
        5 => Transform::from_row(0.0, 1.0, 1.0, 0.0, 0.0, 0.0),
        6 => Transform::from_row(0.0, 1.0, -1.0, 0.0, w, 0.0),
        7 => Transform::from_row(0.0, -1.0, -1.0, 0.0, w, h),
        8 => Transform::from_row(0.0, -1.0, 1.0, 0.0, 0.0, h),
        _ => Transform::identity(),
    };
    let stored = if (5..=8).contains(&orientation) {
        (h, w)
    } else {
        (w, h)
    };
    (t, stored)
}

/// A raster picture's pixels as the PDF shows them: decoded as here (a
/// CMYK JPEG converted the same way, a GIF's first frame) and turned
/// upright by its EXIF orientation. For the web edition, so that a
/// picture looks the same on a page and in a browser.
pub fn upright_pixels(image: &ImageData) -> Result<DynamicImage, String> {
    if !image.format.is_raster() {
        return Err("an SVG picture has no pixels".into());
    }
    let mut pixels = if image.format == ImageFormat::Jpeg && jpeg_is_cmyk(&image.bytes) {
        decode_cmyk_jpeg(&image.bytes)?
    } else {
        decode(image)?.0
    };
    if let Some(o) = image::metadata::Orientation::from_exif(image.orientation) {
        pixels.apply_orientation(o);
    }
    Ok(pixels)
}

/// Decodes a PNG, JPEG, GIF (first frame) or WebP, with its ICC profile.
fn decode(image: &ImageData) -> Result<(DynamicImage, Option<Vec<u8>>), String> {
    let format = match image.format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Gif => image::ImageFormat::Gif,
        ImageFormat::WebP => image::ImageFormat::WebP,
        ImageFormat::Svg => unreachable!("SVG is not decoded to pixels"),
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(&image.bytes[..]), format);
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let icc = decoder.icc_profile().ok().flatten();
    let pixels = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    Ok((pixels, icc))
}

/// Whether a JPEG's frame has four components (CMYK or YCCK).
fn jpeg_is_cmyk(bytes: &[u8]) -> bool {
    jpeg_segments(bytes).any(|(marker, body)| is_frame(marker) && body.get(5) == Some(&4))
}

/// Whether a JPEG has Adobe's APP14 segment: Photoshop and the libraries
/// that follow it store CMYK inverted (0 is full ink) and say so with it.
fn jpeg_has_adobe_marker(bytes: &[u8]) -> bool {
    jpeg_segments(bytes).any(|(marker, body)| marker == 0xEE && body.starts_with(b"Adobe"))
}

/// A start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC).
fn is_frame(marker: u8) -> bool {
    (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// A JPEG's marker segments up to the first scan: (marker, body).
fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    let mut at = 2; // after SOI
    std::iter::from_fn(move || {
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1; // fill bytes
        }
        let (&0xFF, &marker) = (bytes.get(at)?, bytes.get(at + 1)?) else {
            return None;
        };
        if marker == 0xDA || marker == 0xD9 {
            return None; // the scan, or the end
        }
        let len = u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]) as usize;
        let body = bytes.get(at + 4..at + 2 + len.max(2))?;
        at += 2 + len;
        Some((marker, body))
    })
}

/// A CMYK (or YCCK) JPEG as RGB. Without a colour-managed conversion, the
/// naive one: each of R, G, B is what its ink and black leave of white,
/// `(1 − C)(1 − K)`, as viewers do for DeviceCMYK. Values are inverted when
/// Adobe's marker says so (zune-jpeg assumes they always are).
fn decode_cmyk_jpeg(bytes: &[u8]) -> Result<DynamicImage, String> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let mut probe = zune_jpeg::JpegDecoder::new(ZCursor::new(bytes));
    probe.decode_headers().map_err(|e| e.to_string())?;
    let (w, h) = probe.dimensions().ok_or("no size")?;
    let input = probe.input_colorspace().ok_or("no colour space")?;
    // YCCK exists only with Adobe's marker; zune-jpeg converts it right.
    let out = if input == ColorSpace::YCCK {
        ColorSpace::RGB
    } else {
        ColorSpace::CMYK
    };
    let options = DecoderOptions::default().jpeg_set_out_colorspace(out);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let data = decoder.decode().map_err(|e| e.to_string())?;
    let rgb = if out == ColorSpace::RGB {
        data
    } else {
        let inverted = jpeg_has_adobe_marker(bytes);
        let mut rgb = Vec::with_capacity(data.len() / 4 * 3);
        for p in data.chunks_exact(4) {
            let [c, m, y, k] = if inverted {
                [p[0], p[1], p[2], p[3]]
            } else {
                [255 - p[0], 255 - p[1], 255 - p[2], 255 - p[3]]
            };
            // Now 255 means no ink: white left by the ink times by black.
            let k = u32::from(k);
            for v in [c, m, y] {
                rgb.push(((u32::from(v) * k + 127) / 255) as u8);
            }
        }
        rgb
    };
    image::RgbImage::from_raw(w as u32, h as u32, rgb)
        .map(DynamicImage::ImageRgb8)
        .ok_or_else(|| "the decoded pixels do not fill the picture".to_string())
}

/// 8-bit pixels, grey or RGB, with or without alpha, row after row.
struct Pixels {
    data: Vec<u8>,
    width: u32,
    height: u32,
    grey: bool,
    alpha: bool,
}

impl From<DynamicImage> for Pixels {
    /// 16 bits become 8; palette pictures were expanded by their decoder.
    fn from(image: DynamicImage) -> Self {
        let (width, height) = (image.width(), image.height());
        let (grey, alpha) = (!image.color().has_color(), image.color().has_alpha());
        let data = match (grey, alpha) {
            (true, false) => image.into_luma8().into_raw(),
            (true, true) => image.into_luma_alpha8().into_raw(),
            (false, false) => image.into_rgb8().into_raw(),
            (false, true) => image.into_rgba8().into_raw(),
        };
        Pixels {
            data,
            width,
            height,
            grey,
            alpha,
        }
    }
}

impl Pixels {
    fn channels(&self) -> usize {
        usize::from(!self.grey) * 2 + 1 + usize::from(self.alpha)
    }

    /// Downsampled to `width` × `height` with a Lanczos 3 filter, colour
    /// weighted by alpha. fast_image_resize works in integers, with the
    /// same result on every CPU (its tests check each SIMD path against
    /// one checksum), so the PDF does not depend on the machine.
    fn resize(self, width: u32, height: u32) -> Result<Pixels, String> {
        use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
        let kind = match self.channels() {
            1 => PixelType::U8,
            2 => PixelType::U8x2,
            3 => PixelType::U8x3,
            _ => PixelType::U8x4,
        };
        let source =
            fast_image_resize::images::Image::from_vec_u8(self.width, self.height, self.data, kind)
                .map_err(|e| e.to_string())?;
        let mut target = fast_image_resize::images::Image::new(width, height, kind);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new()
            .resize(&source, &mut target, &options)
            .map_err(|e| e.to_string())?;
        Ok(Pixels {
            data: target.into_vec(),
            width,
            height,
            ..self
        })
    }

    /// The colour channels and, when any pixel is not opaque, the alpha.
    fn split(self) -> (Vec<u8>, Option<Vec<u8>>) {
        if !self.alpha {
            return (self.data, None);
        }
        let n = self.channels();
        let mut color = Vec::with_capacity(self.data.len() / n * (n - 1));
        let mut alpha = Vec::with_capacity(self.data.len() / n);
        for p in self.data.chunks_exact(n) {
            color.extend_from_slice(&p[..n - 1]);
            alpha.push(p[n - 1]);
        }
        let opaque = alpha.iter().all(|&a| a == 255);
        (color, (!opaque).then_some(alpha))
    }
}

/// Pixels for krilla: a JPEG of quality [`JPEG_QUALITY`] for a photo (a
/// lossy source, or many colours) with no transparency, else lossless.
fn encode(
    pixels: Pixels,
    icc: Option<Vec<u8>>,
    lossy: bool,
    interpolate: bool,
) -> Result<Image, String> {
    let (width, height, grey) = (pixels.width, pixels.height, pixels.grey);
    let (color, alpha) = pixels.split();
    let photo = alpha.is_none() && (lossy || many_colours(&color, grey));
    if photo {
        use image::ImageEncoder;
        let mut out = Vec::new();
        let mut encoder =
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
        if let Some(icc) = icc {
            // A profile that does not fit is left out: sRGB is assumed.
            let _ = encoder.set_icc_profile(icc);
        }
        let kind = if grey {
            image::ExtendedColorType::L8
        } else {
            image::ExtendedColorType::Rgb8
        };
        encoder
            .write_image(&color, width, height, kind)
            .map_err(|e| e.to_string())?;
        return Image::from_jpeg(krilla::Data::from(out), interpolate);
    }
    let raw = Raw {
        color: Arc::new(color),
        alpha: alpha.map(Arc::new),
        size: (width, height),
        grey,
        icc: icc.map(Arc::new),
    };
    Image::from_custom(raw, interpolate)
}

/// Whether 8-bit pixels have more than [`PHOTO_COLOURS`] colours.
fn many_colours(color: &[u8], grey: bool) -> bool {
    if grey {
        return false; // at most 256 greys
    }
    let mut seen = std::collections::HashSet::new();
    for p in color.chunks_exact(3) {
        seen.insert([p[0], p[1], p[2]]);
        if seen.len() > PHOTO_COLOURS {
            return true;
        }
    }
    false
}

/// Whether a WebP is lossy (a `VP8 ` chunk) and has no alpha (`ALPH`):
/// such a picture is a photo, kept lossy.
fn webp_is_lossy(bytes: &[u8]) -> bool {
    let mut chunks = vec![];
    let mut at = 12; // "RIFF", size, "WEBP"
    while let (Some(tag), Some(len)) = (bytes.get(at..at + 4), bytes.get(at + 4..at + 8)) {
        chunks.push(tag);
        let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
        at += 8 + len + len % 2;
    }
    chunks.contains(&&b"VP8 "[..]) && !chunks.contains(&&b"ALPH"[..])
}

/// Decoded 8-bit pixels, for krilla to deflate.
#[derive(Clone)]
struct Raw {
    color: Arc<Vec<u8>>,
    alpha: Option<Arc<Vec<u8>>>,
    size: (u32, u32),
    grey: bool,
    icc: Option<Arc<Vec<u8>>>,
}

impl Hash for Raw {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.color.hash(state);
        self.alpha.hash(state);
        self.size.hash(state);
        self.grey.hash(state);
        self.icc.hash(state);
    }
}

impl CustomImage for Raw {
    fn color_channel(&self) -> &[u8] {
        &self.color
    }

    fn alpha_channel(&self) -> Option<&[u8]> {
        self.alpha.as_deref().map(Vec::as_slice)
    }

    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }

    fn icc_profile(&self) -> Option<&[u8]> {
        self.icc.as_deref().map(Vec::as_slice)
    }

    fn color_space(&self) -> ImageColorspace {
        if self.grey {
            ImageColorspace::Luma
        } else {
            ImageColorspace::Rgb
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each orientation takes the stored box onto the upright one: the
    /// stored corners land on the upright box's corners.
    fn map(t: &Transform, (x, y): (f32, f32)) -> (f32, f32) {
        let p = (
            t.sx() * x + t.kx() * y + t.tx(),
            t.ky() * x + t.sy() * y + t.ty(),
        );
        (p.0.round(), p.1.round())
    }

    #[test]
    fn upright_maps_the_stored_box_onto_the_upright_one() {
        let (w, h) = (40.0, 30.0);
        for o in 1..=8u8 {
            let (t, (sw, sh)) = upright(o, w, h);
            let mut corners = vec![];
            for p in [(0.0, 0.0), (sw, 0.0), (0.0, sh), (sw, sh)] {
                corners.push(map(&t, p));
            }
            corners.sort_by(|a, b| a.partial_cmp(b).unwrap());
            assert_eq!(
                corners,
                vec![(0.0, 0.0), (0.0, h), (w, 0.0), (w, h)],
                "orientation {o}"
            );
        }
        // 6: the stored top-left corner goes to the upright top-right.
        let (t, _) = upright(6, w, h);
        assert_eq!(map(&t, (0.0, 0.0)), (w, 0.0));
        // 8: the stored top-left corner goes to the upright bottom-left.
        let (t, _) = upright(8, w, h);
        assert_eq!(map(&t, (0.0, 0.0)), (0.0, h));
    }

    #[test]
    fn a_webp_is_lossy_by_its_vp8_chunk_unless_it_has_alpha() {
        let webp = |chunks: &[(&[u8; 4], usize)]| {
            let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
            for (tag, len) in chunks {
                b.extend(*tag);
                b.extend((*len as u32).to_le_bytes());
                b.extend(vec![0; len + len % 2]);
            }
            b
        };
        assert!(webp_is_lossy(&webp(&[(b"VP8 ", 9)])));
        assert!(!webp_is_lossy(&webp(&[(b"VP8L", 8)])));
        assert!(!webp_is_lossy(&webp(&[
            (b"VP8X", 10),
            (b"ALPH", 3),
            (b"VP8 ", 9)
        ])));
        assert!(webp_is_lossy(&webp(&[
            (b"VP8X", 10),
            (b"EXIF", 5),
            (b"VP8 ", 9)
        ])));
    }

    #[test]
    fn jpeg_segments_find_the_frame_and_the_adobe_marker() {
        // SOI, APP14 "Adobe" (transform 0), SOF0 with 4 components, SOS.
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend([0xFF, 0xEE, 0x00, 0x0E]);
        jpeg.extend(b"Adobe\x00\x64\x00\x00\x00\x00\x00");
        jpeg.extend([0xFF, 0xC0, 0x00, 0x14, 8, 0, 1, 0, 1, 4]);
        jpeg.extend([0; 12]);
        jpeg.extend([0xFF, 0xDA, 0x00, 0x02]);
        assert!(jpeg_is_cmyk(&jpeg));
        assert!(jpeg_has_adobe_marker(&jpeg));
        assert!(!jpeg_is_cmyk(&[0xFF, 0xD8, 0xFF, 0xD9]));
    }
}
