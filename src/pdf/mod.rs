//! Document → PDF bytes through krilla: subset fonts from shaped glyphs
//! (text extracts exactly through each cluster's source text), rules and
//! images, internal and external links, nested bookmarks, metadata with
//! `/Lang ko`, a tagged structure, and PDF/A-2u on request. Pictures are
//! made ready for krilla in [`picture`]: no more pixels than print needs,
//! upright, RGB or grey; SVG as vectors.
//!
//! The output depends only on the document: no wall-clock time is written
//! unless SOURCE_DATE_EPOCH says so, so the same input gives the same bytes.

mod picture;
pub use picture::upright_pixels;

use std::collections::BTreeMap;
use std::num::NonZeroU16;
use std::sync::Arc;

use krilla::Document as PdfDocument;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, Validator};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{
    ArtifactType, ContentTag, ListNumbering, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::text::{GlyphId, KrillaGlyph};

use crate::fonts::{FaceId, FontBook};
use crate::layout::{
    BlockRole, Document, Item, LinkTarget, OutlineEntry, RunGlyph, Structure, TextLine,
};
use crate::template::{Cmyk, Color};

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Write PDF/A-2u (archival, Unicode text).
    pub pdfa: bool,
    /// Write PDF/UA-1 (universal accessibility), validated by krilla.
    pub pdfua: bool,
    /// Creation date (seconds since the epoch), from SOURCE_DATE_EPOCH.
    pub source_date_epoch: Option<i64>,
    /// Raster pictures with more pixels per inch than this at their printed
    /// size are downsampled to it; `None` embeds every picture's pixels.
    /// [`crate::build`] sets the template's `body.picture_max_ppi`.
    pub picture_max_ppi: Option<f32>,
}

const CMYK_PROFILE: &[u8] = include_bytes!("CGATS001Compat-v2-micro.icc");

/// Writes `doc` as PDF bytes, or says why krilla refused.
pub fn write(doc: &Document, book: &FontBook, opts: &Options) -> Result<Vec<u8>, String> {
    let mut settings = krilla::SerializeSettings {
        // CMYK colours in a PDF/A must be device-independent: they are
        // given this profile (CC0, from saucecontrol/Compact-ICC-Profiles:
        // CGATS TR 001, the U.S. web-offset reference, 8 KB). Without
        // PDF/A they are DeviceCMYK, as a press expects.
        cmyk_profile: krilla::icc::ICCProfile::new(CMYK_PROFILE),
        ..Default::default()
    };
    if opts.pdfa || opts.pdfua {
        let mut config = ConfigurationBuilder::new();
        if opts.pdfa {
            config = config.set_validator(Validator::A(Archival::A2_U));
        }
        if opts.pdfua {
            config = config.set_validator(Validator::Ua(Accessibility::UA1));
        }
        settings.configuration = config
            .finish()
            .map_err(|e| format!("PDF/A-2u or PDF/UA-1 configuration: {e:?}"))?;
    }
    let mut pdf = PdfDocument::new_with(settings);
    // Every glyph is known before the first page is drawn: hand them to
    // krilla now, so it subsets the fonts while the pages are drawn.
    for (face, glyphs) in glyphs_by_face(doc) {
        if let Some(font) = book.face(face).pdf() {
            pdf.preload_glyphs(font.clone(), &glyphs);
        }
    }
    let svg = svg_options(doc, book);
    let settings = picture::Settings {
        max_ppi: opts.picture_max_ppi,
        interpolate: !opts.pdfa,
        svg: &svg,
    };
    // Decoding and downsampling are most of a picture-heavy issue's time:
    // every picture is made ready on all cores, in drawing order, first.
    let mut pictures = prepare_pictures(doc, &settings).into_iter();
    let mut tags = Tags::new(doc);
    for page in &doc.pages {
        let mut settings =
            PageSettings::new(Size::from_wh(doc.width, doc.height).expect("page size"));
        if let Some(folio) = page.folio {
            settings = settings.with_page_label(krilla::page::PageLabel::new(
                Some(krilla::page::NumberingStyle::Arabic),
                None,
                std::num::NonZeroU32::new(folio),
            ));
        }
        let mut p = pdf.start_page_with(settings);
        let mut surface = p.surface();
        for item in &page.items {
            draw(&mut surface, item, book, &mut pictures, &mut tags)?;
        }
        surface.finish();
        for link in &page.links {
            let Some(rect) = Rect::from_xywh(link.x, link.y, link.w.max(1.0), link.h.max(1.0))
            else {
                continue;
            };
            let target = match &link.target {
                LinkTarget::Url(url) => {
                    Target::Action(Action::Link(LinkAction::new(percent_encode(url))))
                }
                LinkTarget::Page(page, y) if *page < doc.pages.len() => Target::Destination(
                    Destination::Xyz(XyzDestination::new(*page, Point::from_xy(0.0, *y))),
                ),
                LinkTarget::Page(..) => continue,
            };
            // Its alt text says where it goes (PDF/UA).
            let alt = match &link.target {
                LinkTarget::Url(url) => url.clone(),
                LinkTarget::Page(page, _) => format!("{}쪽으로", page + 1),
            };
            let annotation = Annotation::new_link(LinkAnnotation::new(rect, target), Some(alt));
            let id = p.add_tagged_annotation(annotation);
            tags.annotation(link.node, id);
        }
        p.finish();
    }
    let mut outline = Outline::new();
    for e in &doc.outline {
        outline.push_child(outline_node(e, doc.pages.len()));
    }
    pdf.set_outline(outline);
    let mut meta = Metadata::new()
        .title(doc.title.clone())
        .authors(vec![doc.author.clone()])
        .language("ko".into())
        .creator(format!("kicweekly {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("kicweekly {}", env!("CARGO_PKG_VERSION")));
    // The document's date is the publication date: meaningful and
    // reproducible. SOURCE_DATE_EPOCH, when set, says otherwise.
    let epoch = opts
        .source_date_epoch
        .unwrap_or_else(|| doc.date.unix_seconds());
    meta = meta.creation_date(datetime(epoch));
    pdf.set_metadata(meta);
    pdf.set_tag_tree(tags.finish(doc));
    pdf.finish().map_err(describe)
}

/// The glyphs `doc` draws, by face, each list sorted and without repeats.
fn glyphs_by_face(doc: &Document) -> BTreeMap<FaceId, Vec<GlyphId>> {
    let mut ids: BTreeMap<FaceId, Vec<u16>> = BTreeMap::new();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(line) = item {
            for run in &line.runs {
                let ids = ids.entry(run.face).or_default();
                ids.extend(run.glyphs.iter().map(|g| g.id));
            }
        }
    }
    ids.into_iter()
        .map(|(face, mut ids)| {
            ids.sort_unstable();
            ids.dedup();
            (
                face,
                ids.into_iter().map(|id| GlyphId::new(id.into())).collect(),
            )
        })
        .collect()
}

/// krilla's refusal in an editor's words (its errors are for programmers).
fn describe(e: krilla::error::KrillaError) -> String {
    use krilla::configure::ValidationError as V;
    use krilla::error::KrillaError as K;
    match e {
        K::Validation(errors) => {
            let mut what: Vec<String> = errors
                .iter()
                .map(|(v, _)| match v {
                    V::ContainsNotDefGlyph(_, _, text) => {
                        let points: Vec<String> = text
                            .chars()
                            .map(|c| format!("U+{:04X}", c as u32))
                            .collect();
                        format!(
                            "`{text}` ({}) has a character no font has",
                            points.join(" ")
                        )
                    }
                    V::NoCodepointMapping(_, _, _) => "a glyph has no Unicode text".to_string(),
                    other => format!("{other:?}"),
                })
                .collect();
            what.dedup();
            format!("PDF/A does not allow this: {}", what.join("; "))
        }
        K::Font(_, msg) => format!("a font could not be embedded: {msg}"),
        other => format!("{other:?}"),
    }
}

fn datetime(epoch: i64) -> DateTime {
    let days = epoch.div_euclid(86400);
    let secs = epoch.rem_euclid(86400);
    // Civil from days (Howard Hinnant).
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    DateTime::new(y.clamp(0, 9999) as u16)
        .month(m as u8)
        .day(d as u8)
        .hour((secs / 3600) as u8)
        .minute((secs / 60 % 60) as u8)
        .second((secs % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn outline_node(e: &OutlineEntry, pages: usize) -> OutlineNode {
    let page = e.page.min(pages.saturating_sub(1));
    let mut node = OutlineNode::new(
        e.title.clone(),
        XyzDestination::new(page, Point::from_xy(0.0, e.y)),
    );
    for c in &e.children {
        node.push_child(outline_node(c, pages));
    }
    node
}

/// Non-ASCII and unsafe characters of a URL as %XX (krilla needs ASCII).
fn percent_encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() && b != b'%' || b == b'%' && url.is_ascii() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A colour as the template prints it: CMYK for the press (`colour:
/// print`), else sRGB.
fn fill(color: Color) -> Fill {
    let paint = match color.cmyk {
        Some(Cmyk([c, m, y, k])) => krilla::color::cmyk::Color::new(c, m, y, k).into(),
        None => {
            let [r, g, b] = color.rgb;
            rgb::Color::new(r, g, b).into()
        }
    };
    Fill {
        paint,
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw(
    surface: &mut Surface,
    item: &Item,
    book: &FontBook,
    pictures: &mut impl Iterator<Item = Result<picture::Picture, String>>,
    tags: &mut Tags,
) -> Result<(), String> {
    match item {
        Item::Rect { x, y, w, h, color } => draw_rect(surface, (*x, *y, *w, *h), *color),
        Item::Image {
            x,
            y,
            w,
            h,
            image,
            node,
        } => {
            let picture = pictures
                .next()
                .expect("one prepared picture per image item");
            let picture =
                picture.map_err(|e| format!("image {} cannot be embedded: {e}", image.path))?;
            draw_image(surface, (*x, *y, *w, *h), image, picture, *node, tags)?
        }
        Item::Text(line) => draw_text(surface, line, book, tags),
    }
    Ok(())
}

/// A filled rectangle, an artifact (rules and bands are decoration).
fn draw_rect(surface: &mut Surface, (x, y, w, h): (f32, f32, f32, f32), color: Color) {
    let Some(rect) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut pb = PathBuilder::new();
    pb.push_rect(rect);
    let Some(path) = pb.finish() else {
        return;
    };
    surface.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::with_kind(
        ArtifactType::Other,
    )));
    surface.set_fill(Some(fill(color)));
    surface.draw_path(&path);
    surface.end_tagged();
}

/// Every picture of `doc`, ready for krilla, in the order they are drawn.
fn prepare_pictures(
    doc: &Document,
    settings: &picture::Settings,
) -> Vec<Result<picture::Picture, String>> {
    use rayon::prelude::*;
    let placed: Vec<_> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Image { w, h, image, .. } => Some((image, (*w, *h))),
            _ => None,
        })
        .collect();
    placed
        .par_iter()
        .map(|(image, size)| picture::prepare(image, *size, settings))
        .collect()
}

/// A picture in its box: pixels turned upright, or an SVG's vectors.
fn draw_image(
    surface: &mut Surface,
    (x, y, w, h): (f32, f32, f32, f32),
    image: &crate::model::ImageData,
    picture: picture::Picture,
    node: Structure,
    tags: &mut Tags,
) -> Result<(), String> {
    let Some(size) = Size::from_wh(w, h) else {
        return Ok(());
    };
    let id = surface.start_tagged(ContentTag::Other);
    surface.push_transform(&Transform::from_translate(x, y));
    let drawn = match picture {
        picture::Picture::Raster(pixels) => {
            let (turn, (sw, sh)) = picture::upright(image.orientation, w, h);
            surface.push_transform(&turn);
            if let Some(stored) = Size::from_wh(sw, sh) {
                surface.draw_image(pixels, stored);
            }
            surface.pop();
            true
        }
        picture::Picture::Svg(tree) => {
            use krilla_svg::SurfaceExt;
            surface
                .draw_svg(&tree, size, krilla_svg::SvgSettings::default())
                .is_some()
        }
    };
    surface.pop();
    surface.end_tagged();
    tags.leaf(node, id);
    if drawn {
        Ok(())
    } else {
        Err(format!("image {} cannot be drawn", image.path))
    }
}

/// How SVG pictures are read: their text is set in the faces, the
/// sans-serif one unless the SVG names another (never a system font, so
/// the PDF is the same on every machine). Empty when no picture is an SVG.
fn svg_options<'a>(doc: &Document, book: &FontBook) -> usvg::Options<'a> {
    let mut options = usvg::Options::default();
    let any_svg = doc.pages.iter().flat_map(|p| &p.items).any(|item| {
        matches!(item, Item::Image { image, .. } if image.format == crate::model::ImageFormat::Svg)
    });
    if !any_svg {
        return options;
    }
    let mut db = usvg::fontdb::Database::new();
    let mut family = |role: crate::fonts::Role| {
        let face = book.face(book.role(role));
        let ids = db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(face.data)));
        ids.first()
            .and_then(|id| db.face(*id))
            .and_then(|f| f.families.first())
            .map(|(name, _)| name.clone())
    };
    let serif = family(crate::fonts::Role::Serif);
    family(crate::fonts::Role::SerifBold);
    let sans = family(crate::fonts::Role::Sans);
    family(crate::fonts::Role::SansBold);
    if let Some(serif) = serif {
        db.set_serif_family(serif);
    }
    if let Some(sans) = sans {
        db.set_sans_serif_family(sans.clone());
        options.font_family = sans;
    }
    options.fontdb = Arc::new(db);
    options
}

/// A line of text: a glyph run per face and style, in marked-content
/// spans by language: the document is Korean, Han runs are marked `zh`
/// (the Chinese names and glosses of the newsletter) and Latin words `en`,
/// so that a screen reader switches voices.
fn draw_text(surface: &mut Surface, line: &TextLine, book: &FontBook, tags: &mut Tags) {
    tags.text(line.node, &line.text);
    for run in &line.runs {
        let size = run.size;
        let Some(font) = book.face(run.face).pdf().cloned() else {
            continue;
        };
        surface.set_fill(Some(fill(run.color)));
        let mut x = line.x + run.x;
        for (lang, glyphs) in by_language(&line.text, &run.glyphs) {
            let tag = match line.node {
                Structure::Artifact => {
                    ContentTag::Artifact(krilla::tagging::Artifact::with_kind(ArtifactType::Other))
                }
                Structure::Block(_) => ContentTag::Span(SpanTag::empty().with_lang(lang)),
            };
            let id = surface.start_tagged(tag);
            let drawn: Vec<KrillaGlyph> = glyphs
                .iter()
                .map(|g| {
                    KrillaGlyph::new(
                        GlyphId::new(g.id as u32),
                        g.advance / size,
                        g.x_offset / size,
                        g.y_offset / size,
                        0.0,
                        g.range.clone(),
                        None,
                    )
                })
                .collect();
            let origin = Point::from_xy(x, line.y);
            surface.draw_glyphs(origin, &drawn, font.clone(), &line.text, size, false);
            surface.end_tagged();
            tags.leaf(line.node, id);
            x += glyphs.iter().map(|g| g.advance).sum::<f32>();
        }
    }
}

/// A run's glyphs in stretches of one language: `Some("zh")` for Han,
/// `Some("en")` for Latin letters, `None` (the document's Korean) for
/// Hangul; spaces, digits and punctuation stay with the stretch they are in.
fn by_language<'g>(
    text: &str,
    glyphs: &'g [RunGlyph],
) -> Vec<(Option<&'static str>, &'g [RunGlyph])> {
    let lang = |g: &RunGlyph| {
        let c = text[g.range.clone()].chars().next()?;
        if crate::text::chars::is_han(c) {
            Some(Some("zh"))
        } else if c.is_ascii_alphabetic() {
            Some(Some("en"))
        } else if crate::text::chars::is_hangul(c) {
            Some(None)
        } else {
            None
        }
    };
    let mut out = Vec::new();
    let (mut start, mut current) = (0, None);
    for (i, g) in glyphs.iter().enumerate() {
        if let Some(l) = lang(g)
            && l != current
        {
            if i > start {
                out.push((current, &glyphs[start..i]));
            }
            (start, current) = (i, l);
        }
    }
    if start < glyphs.len() {
        out.push((current, &glyphs[start..]));
    }
    out
}

/// Builds the tag tree from the layout's logical blocks, in reading order.
struct Tags {
    /// Per block: its children in order (content identifiers and blocks).
    children: Vec<Vec<Child>>,
    registered: Vec<bool>,
    roots: Vec<usize>,
    parents: Vec<Option<usize>>,
    /// Per block: its text (a heading's title for PDF/UA).
    texts: Vec<Option<Arc<str>>>,
}

enum Child {
    Leaf(krilla::tagging::Identifier),
    Link(krilla::tagging::Identifier),
    Block(usize),
}

impl Tags {
    fn new(doc: &Document) -> Self {
        let n = doc.blocks.len();
        Tags {
            children: (0..n).map(|_| Vec::new()).collect(),
            registered: vec![false; n],
            roots: Vec::new(),
            parents: doc.blocks.iter().map(|b| b.parent).collect(),
            texts: vec![None; n],
        }
    }

    fn register(&mut self, b: usize) {
        if self.registered[b] {
            return;
        }
        self.registered[b] = true;
        match self.parents[b] {
            Some(p) => {
                self.register(p);
                self.children[p].push(Child::Block(b));
            }
            None => self.roots.push(b),
        }
    }

    fn leaf(&mut self, node: Structure, id: krilla::tagging::Identifier) {
        if let Structure::Block(b) = node
            && b < self.children.len()
        {
            self.register(b);
            self.children[b].push(Child::Leaf(id));
        }
    }

    /// The text of block `node` (a paragraph's text, shared by its lines).
    fn text(&mut self, node: Structure, text: &Arc<str>) {
        if let Structure::Block(b) = node
            && let Some(t) = self.texts.get_mut(b)
            && t.is_none()
        {
            *t = Some(text.clone());
        }
    }

    /// A link annotation of block `node`: tagged as a Link inside it.
    fn annotation(&mut self, node: Structure, id: krilla::tagging::Identifier) {
        if let Structure::Block(b) = node
            && b < self.children.len()
        {
            self.register(b);
            self.children[b].push(Child::Link(id));
        }
    }

    fn finish(mut self, doc: &Document) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some("ko".into()));
        let roots = std::mem::take(&mut self.roots);
        for r in roots {
            tree.push(self.group(r, doc));
        }
        tree
    }

    fn group(&mut self, b: usize, doc: &Document) -> TagGroup {
        let kind: TagKind = match &doc.blocks[b].role {
            BlockRole::Part => Tag::Section.into(),
            BlockRole::Article => Tag::Article.into(),
            BlockRole::Heading(l) => {
                let title = self.texts[b].as_deref().map(|t| t.trim().to_string());
                Tag::Hn(NonZeroU16::new((*l).clamp(1, 6)).expect("nonzero"), title).into()
            }
            BlockRole::Paragraph => Tag::P.into(),
            BlockRole::List => Tag::L(ListNumbering::None).into(),
            BlockRole::ListItem => Tag::LI.into(),
            BlockRole::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
            BlockRole::Caption => Tag::Caption.into(),
            BlockRole::Table => Tag::Table.into(),
            BlockRole::TableRow => Tag::TR.into(),
            BlockRole::TableCell { header: true } => Tag::TH(TableHeaderScope::Column).into(),
            BlockRole::TableCell { header: false } => Tag::TD.into(),
            BlockRole::Note => Tag::Note.into(),
            BlockRole::Toc => Tag::TOC.into(),
            BlockRole::TocItem => Tag::TOCI.into(),
        };
        let mut g = TagGroup::new(kind);
        let children = std::mem::take(&mut self.children[b]);
        for c in children {
            match c {
                Child::Leaf(id) => g.push(id),
                Child::Link(id) => {
                    let mut link = TagGroup::new(Tag::Link);
                    link.push(id);
                    g.push(link)
                }
                Child::Block(child) => {
                    let cg = self.group(child, doc);
                    g.push(cg)
                }
            }
        }
        g
    }
}
