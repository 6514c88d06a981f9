//! Building many issues: in parallel across cores, skipping issues whose
//! inputs are unchanged (content hash recorded beside the outputs), never
//! leaving a partial PDF, and reporting every outcome.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::diag::{Diagnostics, SourceFiles};
use crate::fonts::FontBook;
use crate::project::Project;
use crate::{BuildOptions, Timings};

/// Where input hashes are kept, inside the output folder.
pub const CACHE_DIR: &str = ".kicweekly";

/// What happened to one issue.
pub enum Outcome {
    Built {
        path: PathBuf,
        bytes: usize,
        pages: usize,
        elapsed: Duration,
        timings: Timings,
        /// The web edition's folder, when one was written.
        web: Option<PathBuf>,
    },
    /// Inputs unchanged since the PDF was written.
    UpToDate { path: PathBuf },
    /// Content errors: nothing written.
    Failed,
    /// The PDF could not be written (disk, permissions).
    Io(String),
}

/// The result for one issue, with the files its diagnostics point into.
pub struct Report {
    pub number: u32,
    pub outcome: Outcome,
    pub diagnostics: Diagnostics,
    pub files: SourceFiles,
}

pub struct Batch<'a> {
    pub project: &'a Project,
    pub book: &'a FontBook,
    pub opts: BuildOptions,
    pub out_dir: PathBuf,
    /// Rebuild even when the inputs are unchanged.
    pub force: bool,
}

impl Batch<'_> {
    /// Builds one issue, or skips it when its PDF is up to date.
    pub fn run(&self, number: u32) -> Report {
        self.run_editions(number, false)
    }

    /// [`Batch::run`], with the web edition too when `web` (then an issue
    /// is up to date only when its edition is too).
    pub fn run_editions(&self, number: u32, web: bool) -> Report {
        let mut files = SourceFiles::default();
        let path = self.out_dir.join(format!("{number}.pdf"));
        let record = self
            .out_dir
            .join(CACHE_DIR)
            .join(format!("{number}.inputs"));
        remove_stale_temporaries(&self.out_dir, number);
        let key = self.editions_key(number, web);
        if !self.force
            && let Some(key) = &key
            && up_to_date(&record, key, &path)
            && (!web || web_up_to_date(&record, &self.out_dir, number))
        {
            let outcome = Outcome::UpToDate { path };
            return Report {
                number,
                outcome,
                diagnostics: Diagnostics::default(),
                files,
            };
        }
        let t0 = Instant::now();
        match crate::build_editions(self.project, self.book, number, &mut files, &self.opts, web) {
            Ok(w) => {
                let built = w.value;
                let web = built.web.as_ref().map(|e| {
                    let hash = crate::publish::write_edition(&self.out_dir, number, e);
                    (crate::publish::edition_dir(&self.out_dir, number), hash)
                });
                let written = crate::write_atomic(&path, &built.pdf).and_then(|()| match &key {
                    Some(key) => {
                        let pdf_hash = blake3::hash(&built.pdf).to_hex().to_string();
                        let web_hash = match &web {
                            Some((_, Ok(h))) => format!("{h}\n"),
                            Some((dir, Err(e))) => {
                                return Err(std::io::Error::other(format!(
                                    "cannot write the web edition in {}: {e}",
                                    dir.display()
                                )));
                            }
                            None => String::new(),
                        };
                        let text = format!("{key}\n{pdf_hash}\n{web_hash}");
                        crate::write_atomic(&record, text.as_bytes())
                    }
                    None => Ok(()),
                });
                let outcome = match written {
                    Ok(()) => Outcome::Built {
                        path,
                        bytes: built.pdf.len(),
                        pages: built.pages,
                        elapsed: t0.elapsed(),
                        timings: built.timings,
                        web: web.map(|(dir, _)| dir),
                    },
                    Err(e) => Outcome::Io(format!("cannot write {}: {e}", path.display())),
                };
                Report {
                    number,
                    outcome,
                    diagnostics: w.warnings,
                    files,
                }
            }
            Err(d) => Report {
                number,
                outcome: Outcome::Failed,
                diagnostics: d,
                files,
            },
        }
    }

    /// A digest of everything the PDF depends on: the issue's files, the
    /// template, the fonts, the compiler and the options.
    pub fn input_key(&self, number: u32) -> Option<String> {
        self.editions_key(number, false)
    }

    /// [`Batch::input_key`] of a build with or without the web edition.
    fn editions_key(&self, number: u32, web: bool) -> Option<String> {
        let mut h = blake3::Hasher::new();
        h.update(compiler_digest().as_bytes());
        h.update(self.project.template_source.as_bytes());
        h.update(self.book.digest.as_bytes());
        h.update(format!("{:?}", self.opts.pdf).as_bytes());
        if web {
            h.update(b"and the web edition");
        }
        hash_dir(&self.project.issue_dir(number), Path::new(""), &mut h).ok()?;
        Some(h.finalize().to_hex().to_string())
    }
}

fn up_to_date(record: &Path, key: &str, pdf: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(record) else {
        return false;
    };
    let mut lines = text.lines();
    if lines.next() != Some(key) {
        return false;
    }
    // The PDF must be the one we wrote, not edited or truncated since.
    let Ok(bytes) = std::fs::read(pdf) else {
        return false;
    };
    lines.next() == Some(blake3::hash(&bytes).to_hex().as_str())
}

/// Whether the web edition recorded on the record's third line is still
/// there as it was written.
fn web_up_to_date(record: &Path, out: &Path, number: u32) -> bool {
    let Ok(text) = std::fs::read_to_string(record) else {
        return false;
    };
    text.lines()
        .nth(2)
        .is_some_and(|hash| crate::publish::edition_intact(out, number, hash))
}

fn hash_dir(dir: &Path, rel: &Path, h: &mut blake3::Hasher) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        let rel = rel.join(&name);
        if path.is_dir() {
            hash_dir(&path, &rel, h)?;
        } else {
            h.update(rel.to_string_lossy().as_bytes());
            h.update(&[0]);
            let bytes = std::fs::read(&path)?;
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
    }
    Ok(())
}

/// The identity of the running kicweekly binary (version, size and
/// modification time): a rebuilt compiler rebuilds every issue, whatever
/// its version number says, without reading the whole executable.
fn compiler_digest() -> &'static str {
    static DIGEST: OnceLock<String> = OnceLock::new();
    DIGEST.get_or_init(|| {
        let stamp = std::env::current_exe()
            .map(|p| crate::fonts::file_stamp(&p))
            .unwrap_or_default();
        format!("{} {stamp}", env!("CARGO_PKG_VERSION"))
    })
}

/// Temporary files of a killed earlier build of this issue.
fn remove_stale_temporaries(out: &Path, number: u32) {
    let prefix = format!(".{number}.pdf.");
    if let Ok(entries) = std::fs::read_dir(out) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Issues `I` of `N` shards take: every N-th issue of the sorted list,
/// starting at the I-th, so shards cover every issue exactly once.
pub fn shard(numbers: &[u32], index: usize, count: usize) -> Vec<u32> {
    numbers
        .iter()
        .enumerate()
        .filter(|(i, _)| i % count == index - 1)
        .map(|(_, &n)| n)
        .collect()
}

/// Parses `I/N` (1-based, I ≤ N).
pub fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let err = || format!("`{s}` is not a shard: write I/N, e.g. 1/4 (1 ≤ I ≤ N)");
    let (i, n) = s.split_once('/').ok_or_else(err)?;
    let (i, n): (usize, usize) = (
        i.trim().parse().map_err(|_| err())?,
        n.trim().parse().map_err(|_| err())?,
    );
    if i == 0 || n == 0 || i > n {
        return Err(err());
    }
    Ok((i, n))
}
