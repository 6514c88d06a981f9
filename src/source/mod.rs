//! Source stage: `issue.md` text → [`Issue`], with every error collected.
//!
//! `front` reads the YAML front matter, `paste` rewrites what text pasted
//! from Word and web pages means into Markdown, `tree` folds
//! pulldown-cmark's events into nodes with byte ranges, `body` interprets
//! them as parts, articles and blocks. No file system access here:
//! `project` reads the files and checks what needs the disk (images,
//! folder names).

mod body;
pub mod front;
mod paste;
mod tree;

use std::ops::Range;

use crate::diag::{Diagnostic, Diagnostics, FileId, SourceFiles, SourceResult, Warned};
use crate::model::Issue;
use crate::template::Template;

/// Issues are a few hundred kilobytes; a file far past that is a mistake
/// (or hostile) and would only make every later stage slow.
pub const MAX_SOURCE_BYTES: usize = 8 * 1024 * 1024;

/// Parses one issue file already in `files`.
pub fn parse(
    files: &SourceFiles,
    file: FileId,
    template: &Template,
) -> SourceResult<Warned<Issue>> {
    let text = &files.get(file).text;
    if text.len() > MAX_SOURCE_BYTES {
        return Err(
            Diagnostic::error(files.span(file, 0, 0), "the issue file is too large")
                .with_label(format!("{} bytes", text.len()))
                .with_hint(format!(
                    "an issue may be at most {} MiB",
                    MAX_SOURCE_BYTES >> 20
                ))
                .into(),
        );
    }
    // Without a front matter the body is still read, so that raw copy
    // gets every diagnostic (and fix) at once.
    let mut diags = Diagnostics::default();
    let (front, body_start) = match front::split(files, file) {
        Ok(split) => {
            let front = front::parse(files, file, &split)
                .map_err(|d| diags.extend(d))
                .ok();
            (front, split.body_start)
        }
        Err(d) if !front::has_front_matter(text) => {
            diags.extend(d);
            (None, 0)
        }
        Err(d) => return Err(d),
    };
    let root = match body_tree(files, file, body_start..text.len(), &mut diags) {
        Ok(root) => root,
        Err(at) => {
            diags.push(
                Diagnostic::error(files.span(file, at, at + 1), "nesting is too deep")
                    .with_label(format!(
                        "more than {} levels of lists or quotes",
                        tree::MAX_DEPTH
                    ))
                    .with_hint("flatten the lists or quotes here"),
            );
            return Err(diags);
        }
    };
    let mut parser = body::BodyParser::new(files, file, template);
    if let Some(f) = &front {
        parser.furniture_titles = vec![f.title.clone(), f.back_cover.title.clone()];
    }
    let parts = parser.parse(&root);
    diags.extend(parser.diags);
    diags.sort();
    match front {
        Some(front) if !diags.has_errors() => Ok(Warned {
            value: Issue { front, parts },
            warnings: diags,
        }),
        _ => Err(diags),
    }
}

/// The body's node tree, pasted text read as Markdown (`paste.rs`): the
/// body is parsed with its bullets and paragraph separators rewritten, and
/// once more with the indents of its indented code blocks taken out, if it
/// has any. The rewrites' warnings go to `diags`. `Err(offset)` when the
/// nesting is too deep.
fn body_tree(
    files: &SourceFiles,
    file: FileId,
    body: Range<usize>,
    diags: &mut Diagnostics,
) -> Result<tree::Node, usize> {
    let text = &files.get(file).text;
    let (mut edits, mut warnings) = paste::line_edits(files, file, body.clone());
    let mut root = tree::build(&paste::Rewritten::new(text, body.clone(), &edits))?;
    let (indents, more) = paste::indent_edits(files, file, &root);
    if !indents.is_empty() {
        warnings.extend(more);
        edits.extend(indents);
        root = tree::build(&paste::Rewritten::new(text, body, &edits))?;
    }
    diags.extend(warnings);
    Ok(root)
}
