//! `kicweekly fix`: an issue's machine-applicable fixes, applied to its
//! file, as `cargo fix` applies rustc's suggestions.
//!
//! The fixes are the ones the diagnostics of `check` carry
//! ([`crate::diag::Fix`]): nothing here knows what raw copy looks like.
//! Each round parses the text, takes every machine-applicable fix whose
//! edits overlap no fix taken before it, applies them from the end of the
//! file, and parses again, because one fix can make another visible (a
//! part heading at level 1 lets its first article be read as one). The
//! rounds stop when nothing is left to fix, or after [`MAX_ROUNDS`].
//! Fixes a person must judge stay diagnostics, shown with their help.

use std::path::PathBuf;

use crate::diag::{Diagnostics, Edit, FileId, Fix, SourceFiles};
use crate::project::{self, Project};

/// Fixing rounds for one issue; a fix that keeps producing another would
/// otherwise loop.
pub const MAX_ROUNDS: usize = 8;

/// An issue's text before and after its fixes.
#[derive(Debug)]
pub struct Fixed {
    /// The issue file.
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// The diagnostics of the fixed text, which is in `files` as `file`.
    pub diagnostics: Diagnostics,
    pub file: FileId,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }

    /// The change as a unified diff, `a/…` and `b/…` the file's path.
    pub fn diff(&self) -> String {
        let name = crate::diag::display_path(&self.path);
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string()
    }
}

/// Reads issue `number` and fixes it in memory (writing is the caller's):
/// `Err` only when the file cannot be read.
pub fn fix_issue(
    project: &Project,
    number: u32,
    files: &mut SourceFiles,
) -> Result<Fixed, Diagnostics> {
    let path = project.issue_dir(number).join("issue.md");
    if !path.is_file() {
        // load_issue words the error.
        return Err(project.load_issue(number, files).err().unwrap_or_default());
    }
    let before = project::read_text(&path, files)?;
    let mut text = before.clone();
    let mut applied = 0;
    for round in 1.. {
        let file = files.add(path.clone(), text.clone());
        let diagnostics = match project.parse_issue(number, file, files) {
            Ok((warned, _)) => warned.warnings,
            Err(d) => d,
        };
        let fixes: Vec<&Fix> = diagnostics
            .0
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.is_machine_applicable())
            .collect();
        let (next, n) = match round > MAX_ROUNDS {
            true => (String::new(), 0),
            false => apply(&text, file, &fixes),
        };
        if n == 0 {
            return Ok(Fixed {
                path,
                before,
                after: text,
                applied,
                diagnostics,
                file,
            });
        }
        applied += n;
        text = next;
    }
    unreachable!("rounds are counted without end")
}

/// `text` (file `file`) with as many of `fixes` applied as overlap none
/// applied before them, in file order, and how many that was. A fix's
/// edits are applied all or none; edits in other files are not ours.
pub fn apply(text: &str, file: FileId, fixes: &[&Fix]) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty() && f.edits.iter().all(|e| fits(e, file, text)))
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| (e.span.start, e.span.end)).min());
    let mut taken: Vec<&Edit> = vec![];
    let mut count = 0;
    for f in fixes {
        let clashes = f.edits.iter().enumerate().any(|(i, e)| {
            taken.iter().any(|t| overlap(e, t))
                || f.edits[..i].iter().any(|other| overlap(e, other))
        });
        if !clashes {
            taken.extend(&f.edits);
            count += 1;
        }
    }
    taken.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let crlf = text.contains("\r\n");
    let mut out = text.to_string();
    for e in taken {
        let with = if crlf {
            e.with.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            e.with.clone()
        };
        out.replace_range(e.span.start..e.span.end, &with);
    }
    (out, count)
}

/// Whether an edit is of this file and falls on character boundaries.
fn fits(e: &Edit, file: FileId, text: &str) -> bool {
    e.span.file == file
        && e.span.start <= e.span.end
        && e.span.end <= text.len()
        && text.is_char_boundary(e.span.start)
        && text.is_char_boundary(e.span.end)
}

/// Two edits clash when their ranges share a byte, or both insert at (or
/// one starts at) the same place, where the order of the two is unclear.
fn overlap(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (&a.span, &b.span);
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Applicability, Span};

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            message: "m".into(),
            edits: edits
                .iter()
                .map(|&(start, end, with)| Edit {
                    span: Span {
                        start,
                        end,
                        ..Span::default()
                    },
                    with: with.into(),
                })
                .collect(),
            applicability: Applicability::MachineApplicable,
        }
    }

    #[test]
    fn fixes_apply_from_the_end_and_clashing_ones_wait() {
        let text = "0123456789";
        let (a, b, c) = (
            fix(&[(1, 3, "ab")]),
            fix(&[(2, 4, "X")]),
            fix(&[(8, 8, "+")]),
        );
        let (out, n) = apply(text, FileId(0), &[&c, &b, &a]);
        assert_eq!((out.as_str(), n), ("0ab34567+89", 2));
        let (out, n) = apply(text, FileId(0), &[&c]);
        assert_eq!((out.as_str(), n), ("01234567+89", 1));
        // All of a fix's edits, or none.
        let both = fix(&[(0, 1, "A"), (5, 6, "F")]);
        let (out, n) = apply(text, FileId(0), &[&both, &fix(&[(5, 7, "x")])]);
        assert_eq!((out.as_str(), n), ("A1234F6789", 1));
    }

    #[test]
    fn other_files_and_split_characters_are_left() {
        let text = "가나";
        let (out, n) = apply(text, FileId(1), &[&fix(&[(0, 3, "x")])]);
        assert_eq!((out.as_str(), n), ("가나", 0));
        let (out, n) = apply(text, FileId(0), &[&fix(&[(1, 3, "x")])]);
        assert_eq!((out.as_str(), n), ("가나", 0));
    }

    #[test]
    fn new_lines_follow_the_file() {
        let text = "a\r\nb";
        let (out, _) = apply(text, FileId(0), &[&fix(&[(0, 1, "x\n\ny")])]);
        assert_eq!(out, "x\r\n\r\ny\r\nb");
    }
}
