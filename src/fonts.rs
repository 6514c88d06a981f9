//! The font book: the faces an issue is set in, and the fallback chain for
//! characters they lack.
//!
//! Eight faces are built into the binary (see fonts/README.md): the four
//! Noto CJK KR subsets the default template names, and four small
//! supplements (Noto Serif/Sans: Latin Extended-A and the KS X 1001
//! symbols Noto CJK lacks), one per family and weight. Being static data
//! they are mapped from the executable, not read. A project's own `fonts/`
//! folder overrides them by file name. Faces are loaded once per process
//! and shared by every issue of a batch.
//!
//! Fallback per character, so that an issue prints the same on every
//! machine: the role's face and its supplement → the same family's other
//! weight (a rare Han character in a bold run comes from the Regular face,
//! which alone has every Han character) → the other family → the other
//! fonts in the project's `fonts/` folder, then the `--font-path` folders →
//! the machine's fonts, only with `--system-fonts` (loaded when a character
//! is missing everywhere else). What comes from no bundled face is listed
//! by `text::shape` and reported; [`FontBook::fallback_face`] says which
//! face it was set from, if any.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::template::Faces;

/// The built-in faces, by file name: the CJK faces the default template
/// names, then the supplements (see [`SUPPLEMENTS`]).
const BUILT_IN: [(&str, &[u8]); 8] = [
    (
        "NotoSerifCJKkr-Regular-subset.otf",
        include_bytes!("../fonts/NotoSerifCJKkr-Regular-subset.otf"),
    ),
    (
        "NotoSerifCJKkr-Bold-subset.otf",
        include_bytes!("../fonts/NotoSerifCJKkr-Bold-subset.otf"),
    ),
    (
        "NotoSansCJKkr-Regular-subset.otf",
        include_bytes!("../fonts/NotoSansCJKkr-Regular-subset.otf"),
    ),
    (
        "NotoSansCJKkr-Bold-subset.otf",
        include_bytes!("../fonts/NotoSansCJKkr-Bold-subset.otf"),
    ),
    (
        "NotoSerifKIC-Supplement-Regular.ttf",
        include_bytes!("../fonts/NotoSerifKIC-Supplement-Regular.ttf"),
    ),
    (
        "NotoSerifKIC-Supplement-Bold.ttf",
        include_bytes!("../fonts/NotoSerifKIC-Supplement-Bold.ttf"),
    ),
    (
        "NotoSansKIC-Supplement-Regular.ttf",
        include_bytes!("../fonts/NotoSansKIC-Supplement-Regular.ttf"),
    ),
    (
        "NotoSansKIC-Supplement-Bold.ttf",
        include_bytes!("../fonts/NotoSansKIC-Supplement-Bold.ttf"),
    ),
];

/// The supplement of each role's face, in [`Role`] order: what the CJK
/// face of that family and weight lacks of the bundled repertoire. Loaded
/// whatever faces the template names.
const SUPPLEMENTS: [&str; 4] = [
    "NotoSerifKIC-Supplement-Regular.ttf",
    "NotoSerifKIC-Supplement-Bold.ttf",
    "NotoSansKIC-Supplement-Regular.ttf",
    "NotoSansKIC-Supplement-Bold.ttf",
];

/// How many faces are bundled: the four role faces, then their
/// supplements. Faces from elsewhere come after them in the book.
const BUNDLED: usize = 8;

/// Where faces for characters no bundled face has may come from, besides
/// the fonts in the project's `fonts/` folder.
#[derive(Clone, Debug, Default)]
pub struct Fallback {
    /// The `--font-path` folders, searched in order.
    pub dirs: Vec<PathBuf>,
    /// `--system-fonts`: the machine's fonts, last. Off by default, so that
    /// an issue prints the same on every machine.
    pub system: bool,
}

/// What a piece of text is set in; the template maps roles to faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Serif = 0,
    SerifBold = 1,
    Sans = 2,
    SansBold = 3,
}

impl Role {
    pub fn family(self) -> Family {
        match self {
            Role::Serif | Role::SerifBold => Family::Serif,
            Role::Sans | Role::SansBold => Family::Sans,
        }
    }
}

/// Serif or sans: the faces a character of a run may come from without
/// changing the look of the text (either weight, and their supplements).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Serif,
    Sans,
}

/// Index of a face in the [`FontBook`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub u16);

pub struct Face {
    pub name: String,
    pub data: &'static [u8],
    pub index: u32,
    pub shaper: rustybuzz::Face<'static>,
    /// krilla's view of the face, made on first use (or ahead of time in
    /// the background): it hashes the whole font, which takes a while.
    pdf: Arc<OnceLock<Option<krilla::text::Font>>>,
    /// Shaping plans by script (Korean language, left to right): compiling
    /// one walks the font's feature lists, too slow to repeat per run.
    plans: std::sync::RwLock<Vec<(rustybuzz::Script, Arc<rustybuzz::ShapePlan>)>>,
    /// Which BMP characters the face maps, learned as fallback asks:
    /// searching the cmap for every character of every run was 4 % of a
    /// build. Made on first use (most system faces are never asked).
    coverage: OnceLock<Coverage>,
    pub units_per_em: f32,
    /// Ascender and descender in em (descender negative): the typographic
    /// ones where the face has them, which in a CJK face bound the
    /// ideographic em box (0.88 / -0.12 in Noto CJK), the box KLREQ centres
    /// in the line; hhea's values also make room for tall Latin marks.
    pub ascender: f32,
    pub descender: f32,
}

impl Face {
    fn load(name: String, data: &'static [u8], index: u32) -> Option<Face> {
        let shaper = rustybuzz::Face::from_slice(data, index)?;
        let pdf = Arc::new(OnceLock::new());
        let plans = Default::default();
        let coverage = OnceLock::new();
        let units_per_em = shaper.units_per_em() as f32;
        let (ascender, descender) = match shaper.tables().os2 {
            Some(os2) if os2.typographic_ascender() > 0 => {
                (os2.typographic_ascender(), os2.typographic_descender())
            }
            _ => (shaper.ascender(), shaper.descender()),
        };
        let (ascender, descender) = (
            ascender as f32 / units_per_em,
            descender as f32 / units_per_em,
        );
        Some(Face {
            name,
            data,
            index,
            shaper,
            pdf,
            plans,
            coverage,
            units_per_em,
            ascender,
            descender,
        })
    }

    /// The shaping plan for `script` with the Korean language.
    pub fn plan(
        &self,
        script: rustybuzz::Script,
        language: &rustybuzz::Language,
    ) -> Arc<rustybuzz::ShapePlan> {
        if let Some((_, p)) = self
            .plans
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(s, _)| *s == script)
        {
            return p.clone();
        }
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            &self.shaper,
            rustybuzz::Direction::LeftToRight,
            Some(script),
            Some(language),
            &[],
        ));
        self.plans
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push((script, plan.clone()));
        plan
    }

    /// The face for the PDF writer.
    pub fn pdf(&self) -> Option<&krilla::text::Font> {
        self.pdf
            .get_or_init(|| krilla::text::Font::new(krilla::Data::from(self.data), self.index))
            .as_ref()
    }

    /// Prepares [`Self::pdf`] on another thread, so that it overlaps with
    /// parsing and layout.
    fn prepare_in_background(&self) {
        let (cell, data, index) = (self.pdf.clone(), self.data, self.index);
        std::thread::spawn(move || {
            cell.get_or_init(|| krilla::text::Font::new(krilla::Data::from(data), index));
        });
    }

    pub fn has_char(&self, c: char) -> bool {
        let coverage = self.coverage.get_or_init(Coverage::default);
        coverage
            .get(c)
            .unwrap_or_else(|| coverage.learn(c, self.shaper.glyph_index(c).is_some()))
    }
}

/// Two bits per BMP character: not yet asked, absent, present. Shared by
/// the text engine's threads without locks; two threads asking at once
/// store the same answer.
struct Coverage(Box<[std::sync::atomic::AtomicU8]>);

impl Default for Coverage {
    fn default() -> Self {
        Coverage((0..0x10000 / 4).map(|_| Default::default()).collect())
    }
}

impl Coverage {
    const ABSENT: u8 = 1;
    const PRESENT: u8 = 2;

    fn cell(&self, c: char) -> Option<(&std::sync::atomic::AtomicU8, u32)> {
        let cp = c as usize;
        (cp < 0x10000).then(|| (&self.0[cp / 4], (cp % 4) as u32 * 2))
    }

    /// The stored answer, if `c` was asked before and is in the BMP.
    fn get(&self, c: char) -> Option<bool> {
        let (cell, shift) = self.cell(c)?;
        match (cell.load(std::sync::atomic::Ordering::Relaxed) >> shift) & 3 {
            Self::ABSENT => Some(false),
            Self::PRESENT => Some(true),
            _ => None,
        }
    }

    fn learn(&self, c: char, present: bool) -> bool {
        if let Some((cell, shift)) = self.cell(c) {
            let bits = if present { Self::PRESENT } else { Self::ABSENT };
            cell.fetch_or(bits << shift, std::sync::atomic::Ordering::Relaxed);
        }
        present
    }
}

pub struct FontBook {
    /// The template's four faces (in [`Role`] order), their supplements
    /// (same order), then the other fonts of the project's `fonts/` folder
    /// and the `--font-path` faces.
    faces: Vec<Face>,
    /// The machine's fonts, loaded on first use and only when `use_system`.
    system: OnceLock<Vec<Face>>,
    use_system: bool,
    /// A digest of every face's bytes, for build caches.
    pub digest: String,
}

impl FontBook {
    /// Loads the template's four faces and their supplements (project
    /// `fonts/` first, then built in), the project's other fonts and every
    /// font in `extra_dirs`; never the machine's fonts.
    pub fn load(
        faces: &Faces,
        project_fonts: &Path,
        extra_dirs: &[PathBuf],
    ) -> Result<FontBook, String> {
        let fallback = Fallback {
            dirs: extra_dirs.to_vec(),
            system: false,
        };
        Self::load_with(faces, project_fonts, &fallback)
    }

    /// [`FontBook::load`], with the machine's fonts as a last resort when
    /// `fallback.system`.
    pub fn load_with(
        faces: &Faces,
        project_fonts: &Path,
        fallback: &Fallback,
    ) -> Result<FontBook, String> {
        let mut hasher = blake3::Hasher::new();
        let mut sources: Vec<(String, &'static [u8])> = Vec::new();
        let mut own_files = Vec::new();
        let roles = [
            &faces.serif_regular,
            &faces.serif_bold,
            &faces.sans_regular,
            &faces.sans_bold,
        ];
        for file in roles.into_iter().map(String::as_str).chain(SUPPLEMENTS) {
            let own = project_fonts.join(file);
            let data: &'static [u8] = if own.is_file() {
                map_file(&own)?
            } else if let Some((_, d)) = BUILT_IN.iter().find(|(n, _)| *n == file) {
                d
            } else {
                return Err(format!(
                    "font `{file}` named in the template is neither in {} nor built in",
                    project_fonts.display()
                ));
            };
            hasher.update(file.as_bytes());
            if own.is_file() {
                // A project font is identified by its size and modification
                // time: hashing 38 MB of fonts would cost more than a build.
                hasher.update(file_stamp(&own).as_bytes());
                own_files.push(own.canonicalize().unwrap_or(own));
            } else {
                // Built-in faces are part of the binary, which the build
                // cache already identifies: their name and size suffice.
                hasher.update(b"built-in");
                hasher.update(&(data.len() as u64).to_le_bytes());
            }
            sources.push((file.to_string(), data));
        }
        // Parsing a CJK face's layout tables takes a few milliseconds: the
        // faces are parsed side by side.
        let loaded: Vec<Option<Face>> = std::thread::scope(|scope| {
            let handles: Vec<_> = sources
                .iter()
                .map(|(name, data)| scope.spawn(move || Face::load(name.clone(), data, 0)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        let mut out = Vec::new();
        for ((file, _), face) in sources.iter().zip(loaded) {
            out.push(
                face.ok_or_else(|| format!("font `{file}` is not a font kicweekly can read"))?,
            );
        }
        // The project's other fonts, then --font-path: fallback faces.
        let dirs = std::iter::once(project_fonts).chain(fallback.dirs.iter().map(PathBuf::as_path));
        for dir in dirs {
            let mut db = fontdb::Database::new();
            db.load_fonts_dir(dir);
            for (path, index, family) in file_faces(&db) {
                if own_files.contains(&path.canonicalize().unwrap_or_else(|_| path.clone())) {
                    continue; // already loaded as a bundled face
                }
                let Ok(data) = map_file(&path) else {
                    continue;
                };
                hasher.update(path.to_string_lossy().as_bytes());
                hasher.update(file_stamp(&path).as_bytes());
                if let Some(face) = Face::load(face_name(&family, &path, index), data, index) {
                    out.push(face);
                }
            }
        }
        if fallback.system {
            // Which system fonts a build used is not known in advance: the
            // cache can only tell that it may have used some.
            hasher.update(b"system fonts");
        }
        for face in &out[..4] {
            face.prepare_in_background();
        }
        Ok(FontBook {
            faces: out,
            system: OnceLock::new(),
            use_system: fallback.system,
            digest: hasher.finalize().to_hex().to_string(),
        })
    }

    pub fn face(&self, id: FaceId) -> &Face {
        let i = id.0 as usize;
        if i < self.faces.len() {
            &self.faces[i]
        } else {
            &self.system()[i - self.faces.len()]
        }
    }

    pub fn role(&self, role: Role) -> FaceId {
        FaceId(role as u16)
    }

    /// Whether `id` is one of the bundled faces: a role's face or its
    /// supplement (built in, or the project's file of the same name).
    pub fn is_bundled(&self, id: FaceId) -> bool {
        (id.0 as usize) < BUNDLED
    }

    /// The family of a bundled face; `None` for a face from elsewhere.
    pub fn family(&self, id: FaceId) -> Option<Family> {
        let role = [Role::Serif, Role::SerifBold, Role::Sans, Role::SansBold];
        self.is_bundled(id)
            .then(|| role[id.0 as usize % 4].family())
    }

    /// The face to set `c` in for `role`: the role's face when it has the
    /// character, else the first face of the fallback chain that does
    /// (see the module's comment). Each face remembers what it was asked.
    pub fn face_for(&self, role: Role, c: char) -> Option<FaceId> {
        let primary = role as usize;
        if self.faces[primary].has_char(c) {
            return Some(FaceId(primary as u16));
        }
        let chain = bundled_chain(role)
            .into_iter()
            .chain(BUNDLED..self.faces.len());
        if let Some(i) = chain.into_iter().find(|&i| self.faces[i].has_char(c)) {
            return Some(FaceId(i as u16));
        }
        if !self.use_system {
            return None;
        }
        let base = self.faces.len();
        self.system()
            .iter()
            .position(|f| f.has_char(c))
            .map(|i| FaceId((base + i) as u16))
    }

    /// Every face in the order [`FontBook::face_for`] tries them for
    /// `role` (system faces only once loaded): a web page lists its fonts
    /// in this order so that a browser picks the face the PDF used.
    pub fn fallback_order(&self, role: Role) -> Vec<FaceId> {
        let system = self.system.get().map_or(0, Vec::len);
        std::iter::once(role as usize)
            .chain(bundled_chain(role))
            .chain(BUNDLED..self.faces.len() + system)
            .map(|i| FaceId(i as u16))
            .collect()
    }

    /// The face outside the bundle that `c`, a character no bundled face
    /// has, is set from (what `text::shape` lists in `missing`): one of the
    /// project's other fonts, a `--font-path` font or, with
    /// `--system-fonts`, a system font. `None` when no face has it (it is
    /// set as .notdef, a box) or a bundled face has it. The same for every
    /// role: past the bundled faces the chain is the same.
    pub fn fallback_face(&self, c: char) -> Option<&Face> {
        let id = self.face_for(Role::Serif, c)?;
        (!self.is_bundled(id)).then(|| self.face(id))
    }

    /// Whether the machine's fonts were looked at: never without
    /// `--system-fonts`, and with it only once a character was missing from
    /// every other face.
    pub fn system_fonts_loaded(&self) -> bool {
        self.system.get().is_some()
    }

    fn system(&self) -> &Vec<Face> {
        self.system.get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            file_faces(&db)
                .into_iter()
                .filter_map(|(path, index, family)| {
                    let data = map_file(&path).ok()?;
                    Face::load(face_name(&family, &path, index), data, index)
                })
                .collect()
        })
    }
}

/// The bundled faces after `role`'s own, in the order they are asked: the
/// role's supplement, the same family's other weight and its supplement,
/// then the other family (same weight first), each face before its
/// supplement. Faces are in [`Role`] order, supplements 4 after theirs;
/// `^ 1` is the other weight, `^ 2` the other family.
fn bundled_chain(role: Role) -> [usize; 7] {
    let r = role as usize;
    let supplement = |i: usize| i + 4;
    [
        supplement(r),
        r ^ 1,
        supplement(r ^ 1),
        r ^ 2,
        supplement(r ^ 2),
        r ^ 3,
        supplement(r ^ 3),
    ]
}

/// How a face from outside the bundle is named in messages: its family
/// and where it is.
fn face_name(family: &str, path: &Path, index: u32) -> String {
    match index {
        0 => format!("{family} ({})", path.display()),
        i => format!("{family} ({}, face {i})", path.display()),
    }
}

/// The faces `db` found in files, as (path, index in the file, family
/// name), sorted so that fallback order does not depend on directory
/// listing order.
fn file_faces(db: &fontdb::Database) -> Vec<(PathBuf, u32, String)> {
    let mut faces: Vec<(PathBuf, u32, String)> = db
        .faces()
        .filter_map(|f| match &f.source {
            fontdb::Source::File(p) => {
                let family = f.families.first().map_or("", |(n, _)| n.as_str());
                Some((p.clone(), f.index, family.to_string()))
            }
            _ => None,
        })
        .collect();
    faces.sort();
    faces
}

/// Maps a font file into memory for the life of the process (fonts are
/// loaded once and shared by every issue of a batch): pages are read from
/// the page cache as shaping and subsetting touch them, not copied.
fn map_file(path: &Path) -> Result<&'static [u8], String> {
    let file = std::fs::File::open(path)
        .map_err(|e| format!("cannot read font {}: {e}", path.display()))?;
    // SAFETY: the mapping is read-only; a font file changed on disk while
    // kicweekly runs could show torn data, as with any reader of it.
    let map = unsafe { memmap2::Mmap::map(&file) }
        .map_err(|e| format!("cannot read font {}: {e}", path.display()))?;
    let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
    Ok(&map[..])
}

/// Size and modification time of a file, as a cache identity.
pub fn file_stamp(path: &Path) -> String {
    std::fs::metadata(path)
        .map(|m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            format!("{}:{}", m.len(), t.map_or(0, |d| d.as_nanos()))
        })
        .unwrap_or_default()
}
