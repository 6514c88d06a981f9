//! Pictures of every kind an editor has (PNG with alpha, 16-bit, grey and
//! palette; JPEG in RGB, grey and CMYK; WebP; GIF; SVG), made here or read
//! from tests/fixtures/pictures/, built into PDF/A-2u and read back with
//! lopdf: each is embedded, CMYK in the right colours, a GIF's first frame,
//! an EXIF-turned photo upright, an SVG as vectors; a huge picture is
//! downsampled to the template's maximum and a small one is warned about.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use image::{DynamicImage, ImageBuffer, ImageFormat, Luma, Rgb, Rgba};
use kicweekly::diag::{Diagnostics, SourceFiles, Warned};
use kicweekly::fonts::FontBook;
use kicweekly::layout::Item;
use kicweekly::project::Project;

/// The built-in fonts, loaded once for every test here.
fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut files = SourceFiles::default();
        let project = Project::open(root, None, &mut files).expect("project");
        kicweekly::load_fonts(&project, &[]).expect("fonts")
    })
}

/// A project holding issue 313 whose first article shows `pictures`
/// (file name, bytes), one figure each, in that order.
fn project_with(pictures: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let issue = dir.path().join("issues/313");
    std::fs::create_dir_all(issue.join("images")).unwrap();
    let good = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/good.md"),
    )
    .unwrap();
    let mut figures = String::new();
    for (name, bytes) in pictures {
        std::fs::write(issue.join("images").join(name), bytes).unwrap();
        figures.push_str(&format!("\n\n![그림](images/{name})\n사진: 출처: 본문"));
    }
    let md = good.replacen(
        "## 베이징시, 충전소 확대\n\n본문.",
        &format!("## 베이징시, 충전소 확대\n\n본문.{figures}"),
        1,
    );
    assert_ne!(md, good, "the figures went in");
    std::fs::write(issue.join("issue.md"), md).unwrap();
    dir
}

/// Builds issue 313 of the project at `dir`, PDF/A-2u or not.
fn build(dir: &Path, pdfa: bool) -> Result<Warned<kicweekly::Built>, Diagnostics> {
    let mut files = SourceFiles::default();
    let project = Project::open(dir.to_path_buf(), None, &mut files).unwrap();
    let opts = kicweekly::BuildOptions {
        pdf: kicweekly::pdf::Options {
            pdfa,
            ..Default::default()
        },
    };
    kicweekly::build(&project, book(), 313, &mut files, &opts)
}

/// The pictures issue 313 of `dir` places, with their printed size in points.
fn placed(dir: &Path) -> Vec<(String, f32, f32)> {
    let mut files = SourceFiles::default();
    let project = Project::open(dir.to_path_buf(), None, &mut files).unwrap();
    let (issue, _) = project.load_issue(313, &mut files).unwrap();
    let doc = kicweekly::layout::layout(&issue.value, &project.template, book()).value;
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Image { w, h, image, .. } => Some((image.path.clone(), *w, *h)),
            _ => None,
        })
        .collect()
}

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A picture whose colour changes across it, `w` × `h`.
fn rgb(w: u32, h: u32) -> ImageBuffer<Rgb<u8>, Vec<u8>> {
    ImageBuffer::from_fn(w, h, |x, y| {
        Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x + y) % 256) as u8,
        ])
    })
}

/// A palette PNG (three colours, the first transparent), which `image`
/// cannot write.
fn palette_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(vec![0, 0, 0, 200, 40, 40, 40, 40, 200]);
    encoder.set_trns(vec![0, 255, 255]);
    let mut writer = encoder.write_header().unwrap();
    let indices: Vec<u8> = (0..w * h).map(|i| (i % w * 3 / w) as u8).collect();
    writer.write_image_data(&indices).unwrap();
    writer.finish().unwrap();
    out
}

/// A JPEG with an EXIF block giving `orientation`, inserted after SOI.
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec(); // big-endian TIFF, IFD at 8
    exif.extend(1u16.to_be_bytes()); // one entry:
    exif.extend(0x0112u16.to_be_bytes()); // Orientation,
    exif.extend(3u16.to_be_bytes()); // SHORT,
    exif.extend(1u32.to_be_bytes()); // one value,
    exif.extend(orientation.to_be_bytes());
    exif.extend([0, 0]);
    exif.extend(0u32.to_be_bytes()); // no next IFD
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((exif.len() + 2) as u16).to_be_bytes());
    out.extend(exif);
    out.extend(&jpeg[2..]);
    out
}

/// An animated GIF: a green frame, then a red one.
fn two_frame_gif(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
        let frame = |c: [u8; 4]| image::Frame::new(ImageBuffer::from_pixel(w, h, Rgba(c)));
        encoder
            .encode_frames([frame([0, 200, 0, 255]), frame([200, 0, 0, 255])])
            .unwrap();
    }
    out
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pictures")
            .join(name),
    )
    .unwrap()
}

/// An SVG of a blue-grey square with a label.
const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
<rect x="4" y="4" width="112" height="52" fill="#123456"/>
<circle cx="30" cy="30" r="16" fill="#e8803c" fill-opacity="0.5"/>
<text x="56" y="38" font-family="sans-serif" font-size="16" fill="#ffffff">SVG 2023</text>
</svg>
"##;

/// An image XObject: its size, filter and decoded or raw bytes.
struct XImage {
    width: i64,
    height: i64,
    filter: String,
    data: Vec<u8>,
}

/// The image XObjects of a PDF that are pictures (not soft masks).
fn images(pdf: &[u8]) -> Vec<XImage> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf loads the PDF");
    let masks: Vec<lopdf::ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| s.dict.get(b"SMask").ok()?.as_reference().ok())
        .collect();
    doc.objects
        .iter()
        .filter(|(id, _)| !masks.contains(id))
        .filter_map(|(_, o)| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
        .map(|s| {
            let filter = s
                .dict
                .get(b"Filter")
                .and_then(|f| f.as_name())
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .unwrap_or_default();
            let data = if filter == "DCTDecode" {
                s.content.clone()
            } else {
                s.decompressed_content()
                    .unwrap_or_else(|_| s.content.clone())
            };
            XImage {
                width: s.dict.get(b"Width").unwrap().as_i64().unwrap(),
                height: s.dict.get(b"Height").unwrap().as_i64().unwrap(),
                filter,
                data,
            }
        })
        .collect()
}

/// The page content streams of a PDF, decompressed, as text.
fn contents(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut text = String::new();
    for (_, page) in doc.get_pages() {
        text.push_str(&String::from_utf8_lossy(
            &doc.get_page_content(page).unwrap(),
        ));
    }
    text
}

/// The RGB colour at (x, y) of a JPEG.
fn jpeg_pixel(jpeg: &[u8], x: u32, y: u32) -> [u8; 3] {
    let image = image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap();
    image.to_rgb8().get_pixel(x, y).0
}

fn near(got: [u8; 3], want: [u8; 3]) -> bool {
    got.iter().zip(want).all(|(&g, w)| g.abs_diff(w) <= 48)
}

#[test]
fn every_kind_of_picture_goes_into_pdfa() {
    let rgba = ImageBuffer::from_fn(101, 61, |x, y| {
        Rgba([200, (y * 4) as u8, 40, (x * 255 / 100) as u8])
    });
    let rgb16 = ImageBuffer::from_fn(102, 62, |x, y| {
        Rgb([(x * 640) as u16, (y * 1050) as u16, 30000u16])
    });
    let grey = |w, h| ImageBuffer::from_fn(w, h, |x, y| Luma([((x * y) % 256) as u8]));
    let pictures: Vec<(&str, Vec<u8>)> = vec![
        (
            "alpha.png",
            encode(DynamicImage::ImageRgba8(rgba), ImageFormat::Png),
        ),
        (
            "deep.png",
            encode(DynamicImage::ImageRgb16(rgb16), ImageFormat::Png),
        ),
        (
            "grey.png",
            encode(DynamicImage::ImageLuma8(grey(103, 63)), ImageFormat::Png),
        ),
        ("palette.png", palette_png(104, 64)),
        (
            "photo.jpg",
            encode(DynamicImage::ImageRgb8(rgb(105, 65)), ImageFormat::Jpeg),
        ),
        (
            "grey.jpg",
            encode(DynamicImage::ImageLuma8(grey(108, 68)), ImageFormat::Jpeg),
        ),
        ("cmyk-adobe.jpg", fixture("cmyk-adobe-16x8.jpg")),
        ("cmyk-plain.jpg", fixture("cmyk-plain-16x8.jpg")),
        ("lossless.webp", {
            let rgba = DynamicImage::ImageRgb8(rgb(106, 66)).to_rgba8();
            encode(DynamicImage::ImageRgba8(rgba), ImageFormat::WebP)
        }),
        ("frames.gif", two_frame_gif(107, 67)),
        (
            "turned.jpg",
            with_orientation(
                &encode(DynamicImage::ImageRgb8(rgb(200, 100)), ImageFormat::Jpeg),
                6,
            ),
        ),
        ("drawing.svg", SVG.as_bytes().to_vec()),
    ];
    let dir = project_with(&pictures);
    let built = build(dir.path(), true)
        .unwrap_or_else(|d| panic!("PDF/A-2u with every kind of picture: {:?}", d.0))
        .value;
    let again = build(dir.path(), true).unwrap().value;
    assert!(built.pdf == again.pdf, "two builds are byte-identical");

    let found = images(&built.pdf);
    let sizes: Vec<(i64, i64)> = found.iter().map(|i| (i.width, i.height)).collect();
    // Each raster picture is embedded once, at its own size (nothing here
    // is printed above 300 ppi); the turned JPEG as stored, 200 × 100.
    for want in [
        (101, 61),
        (102, 62),
        (103, 63),
        (104, 64),
        (105, 65),
        (106, 66),
        (107, 67),
        (108, 68),
        (200, 100),
    ] {
        assert_eq!(
            sizes.iter().filter(|s| **s == want).count(),
            1,
            "one image XObject of {want:?} in {sizes:?}"
        );
    }
    // The two CMYK JPEGs, as RGB JPEGs: cyan on the left, red on the right,
    // whether or not Adobe's marker says the values are inverted.
    let cmyk: Vec<&XImage> = found
        .iter()
        .filter(|i| (i.width, i.height) == (16, 8))
        .collect();
    assert!(!cmyk.is_empty() && cmyk.len() <= 2, "{sizes:?}");
    for image in cmyk {
        assert_eq!(image.filter, "DCTDecode");
        let (left, right) = (
            jpeg_pixel(&image.data, 2, 4),
            jpeg_pixel(&image.data, 13, 4),
        );
        assert!(near(left, [0, 255, 255]), "cyan on the left, got {left:?}");
        assert!(near(right, [255, 0, 0]), "red on the right, got {right:?}");
    }
    // The GIF's first frame (green), not its second (red).
    let gif = found
        .iter()
        .find(|i| (i.width, i.height) == (107, 67))
        .unwrap();
    assert_eq!(gif.filter, "FlateDecode");
    assert_eq!(&gif.data[..3], &[0, 200, 0], "the first frame is green");
    // Nothing else is a raster picture: the SVG is vectors.
    assert_eq!(
        found.len(),
        9 + sizes.iter().filter(|s| **s == (16, 8)).count()
    );
    let page = contents(&built.pdf);
    assert!(
        page.contains("0.07058824 0.20392157 0.3372549 scn 4 4 m 116 4 l"),
        "the SVG's rectangle is a path in its colour (#123456)"
    );
    // The turned JPEG's stored rows run down the page: the matrix that
    // draws it has no scale on the diagonal, only the quarter turn.
    assert!(
        page.lines()
            .any(|l| l.starts_with("q 0 -") && l.ends_with(" Do")),
        "the EXIF turn is drawn"
    );
    let turned = placed(dir.path())
        .into_iter()
        .find(|(path, ..)| path.ends_with("turned.jpg"))
        .unwrap();
    assert!(
        turned.2 > turned.1,
        "the turned photo stands upright: {turned:?}"
    );
}

#[test]
fn a_huge_picture_is_downsampled_to_the_maximum_ppi() {
    let huge = ImageBuffer::from_fn(8000, 8000, |x, y| Luma([((x / 16 + y / 16) % 256) as u8]));
    let dir = project_with(&[(
        "huge.png",
        encode(DynamicImage::ImageLuma8(huge), ImageFormat::Png),
    )]);
    let built = build(dir.path(), true).unwrap().value;
    let (_, w, _) = placed(dir.path()).pop().unwrap();
    let most = (w / 72.0 * 300.0).ceil() as i64;
    let found = images(&built.pdf);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].width <= most && found[0].width >= most - 2,
        "printed {w} pt wide, embedded {} px wide: at most {most} (300 ppi)",
        found[0].width
    );
    assert_eq!(found[0].width, found[0].height, "its proportions are kept");
    // A picture under the maximum is embedded as it is: the same JPEG bytes.
    let jpeg = encode(DynamicImage::ImageRgb8(rgb(900, 600)), ImageFormat::Jpeg);
    let dir = project_with(&[("photo.jpg", jpeg.clone())]);
    let found = images(&build(dir.path(), true).unwrap().value.pdf);
    assert!(
        found.len() == 1 && found[0].data == jpeg,
        "not recompressed"
    );
}

#[test]
fn a_small_picture_is_warned_about_where_it_is() {
    let small = encode(DynamicImage::ImageRgb8(rgb(400, 300)), ImageFormat::Jpeg);
    let dir = project_with(&[("small-400x300.jpg", small)]);
    let mut files = SourceFiles::default();
    let project = Project::open(dir.path().to_path_buf(), None, &mut files).unwrap();
    let opts = kicweekly::BuildOptions::default();
    let built = kicweekly::build(&project, book(), 313, &mut files, &opts).unwrap();
    let (_, w, _) = placed(dir.path()).pop().unwrap();
    let warnings: Vec<_> = built
        .warnings
        .0
        .iter()
        .filter(|d| d.message.contains("small-400x300.jpg"))
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", built.warnings.0);
    let warning = warnings[0];
    let ppi = (400.0 / (w / 72.0)).round();
    assert!(
        warning.message.contains("(400 × 300 px)")
            && warning.message.contains(&format!("prints at {ppi} ppi"))
            && warning.message.contains("150 ppi"),
        "{}",
        warning.message
    );
    let needed = (w / 72.0 * 150.0).ceil();
    assert!(
        warning
            .hints
            .iter()
            .any(|h| h.contains(&format!("use a larger picture, at least {needed} px wide"))),
        "{:?}",
        warning.hints
    );
    let span = warning.span.expect("located");
    let text = &files.get(span.file).text;
    assert_eq!(
        &text[span.start..span.end],
        "![그림](images/small-400x300.jpg)",
        "at the picture's Markdown"
    );
}
