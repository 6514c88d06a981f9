//! The font book: the faces an issue is set in, and the fallback chain for
//! characters they lack.
//!
//! The four Noto CJK KR subsets in `fonts/` are built into the binary (see
//! fonts/README.md), so a fresh machine needs no system fonts; being static
//! data they are mapped from the executable, not read. A project's own
//! `fonts/` folder overrides them by file name. Faces are loaded once per
//! process and shared by every issue of a batch. Fallback per character:
//! the role's face, the other bundled faces, faces from `--font-path`, then
//! system fonts (looked up only when a character is missing everywhere else).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::template::Faces;

/// The built-in faces, by file name.
const BUILT_IN: [(&str, &[u8]); 4] = [
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
];

/// What a piece of text is set in; the template maps roles to faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Serif = 0,
    SerifBold = 1,
    Sans = 2,
    SansBold = 3,
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
    /// Role faces first (in [`Role`] order), then `--font-path` faces.
    faces: Vec<Face>,
    system: OnceLock<Vec<Face>>,
    /// A digest of every face's bytes, for build caches.
    pub digest: String,
}

impl FontBook {
    /// Loads the template's four faces (project `fonts/` first, then built
    /// in) and every font in `extra_dirs`.
    pub fn load(
        faces: &Faces,
        project_fonts: &Path,
        extra_dirs: &[PathBuf],
    ) -> Result<FontBook, String> {
        let mut hasher = blake3::Hasher::new();
        let mut sources: Vec<(String, &'static [u8])> = Vec::new();
        for file in [
            &faces.serif_regular,
            &faces.serif_bold,
            &faces.sans_regular,
            &faces.sans_bold,
        ] {
            let own = project_fonts.join(file);
            let data: &'static [u8] = if own.is_file() {
                map_file(&own)?
            } else if let Some((_, d)) = BUILT_IN.iter().find(|(n, _)| n == file) {
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
                // time: hashing 24 MB of fonts would cost more than a build.
                hasher.update(file_stamp(&own).as_bytes());
            } else {
                // Built-in faces are part of the binary, which the build
                // cache already identifies: their name and size suffice.
                hasher.update(b"built-in");
                hasher.update(&(data.len() as u64).to_le_bytes());
            }
            sources.push((file.clone(), data));
        }
        // Parsing a CJK face's layout tables takes a few milliseconds: the
        // four are parsed side by side.
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
        for dir in extra_dirs {
            let mut db = fontdb::Database::new();
            db.load_fonts_dir(dir);
            for (path, index) in file_faces(&db) {
                let Ok(data) = map_file(&path) else {
                    continue;
                };
                hasher.update(path.to_string_lossy().as_bytes());
                hasher.update(file_stamp(&path).as_bytes());
                if let Some(face) = Face::load(path.display().to_string(), data, index) {
                    out.push(face);
                }
            }
        }
        for face in &out[..4] {
            face.prepare_in_background();
        }
        Ok(FontBook {
            faces: out,
            system: OnceLock::new(),
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

    /// The face to set `c` in for `role`: the role's face when it has the
    /// character, else the first face of the fallback chain that does.
    pub fn face_for(&self, role: Role, c: char) -> Option<FaceId> {
        let primary = role as usize;
        if self.faces[primary].has_char(c) {
            return Some(FaceId(primary as u16));
        }
        // Same style (serif/sans) before the other, bundled before extra.
        let order = match role {
            Role::Serif | Role::SerifBold => [0, 1, 2, 3],
            Role::Sans | Role::SansBold => [2, 3, 0, 1],
        };
        let chain = order.into_iter().chain(4..self.faces.len());
        if let Some(i) = chain.into_iter().find(|&i| self.faces[i].has_char(c)) {
            return Some(FaceId(i as u16));
        }
        let base = self.faces.len();
        self.system()
            .iter()
            .position(|f| f.has_char(c))
            .map(|i| FaceId((base + i) as u16))
    }

    fn system(&self) -> &Vec<Face> {
        self.system.get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            file_faces(&db)
                .into_iter()
                .filter_map(|(path, index)| {
                    let data = map_file(&path).ok()?;
                    Face::load(path.display().to_string(), data, index)
                })
                .collect()
        })
    }
}

/// The faces `db` found in files, as (path, index in the file), sorted so
/// that fallback order does not depend on directory listing order.
fn file_faces(db: &fontdb::Database) -> Vec<(PathBuf, u32)> {
    let mut faces: Vec<(PathBuf, u32)> = db
        .faces()
        .filter_map(|f| match &f.source {
            fontdb::Source::File(p) => Some((p.clone(), f.index)),
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
