//! Text pasted from Word and web pages, read as the Markdown it means.
//!
//! The clipboard carries habits Markdown reads otherwise: Word's `•` and
//! `○` bullets (plain text to Markdown, so the items ran into one
//! paragraph), a first-line indent (an indented code block, refused), and
//! U+2029 PARAGRAPH SEPARATOR (no paragraph break at all). Before
//! pulldown-cmark parses the body, such places are rewritten into the
//! Markdown they mean: `- `, no indent, a blank line. [`Rewritten`] keeps
//! where each byte of the rewritten body is in the file, so nodes and
//! diagnostics still point at the editor's own text.
//!
//! Bullets and U+2029 are found line by line ([`line_edits`]); indented
//! code blocks only by parsing, so the body is parsed once, and a second
//! time with their indents taken out when there are any ([`indent_edits`];
//! `mod.rs` does the two passes). A rewrite that changes how the text
//! reads is a warning with a hint. Characters that only need to print
//! right are the text engine's: soft hyphens, no-break, zero width and
//! ideographic spaces; U+2028 is a line break, read in `body/inlines.rs`.

use std::ops::Range;

use crate::diag::{Diagnostic, Diagnostics, Edit as FixEdit, FileId, SourceFiles};

use super::tree::{Node, NodeKind};

/// Characters that Word, web pages and Korean documents put at the start
/// of a list item: `•` U+2022, `·` U+00B7, `○` U+25CB, `●` U+25CF, `◦`
/// U+25E6, `▪` U+25AA, `■` U+25A0, `□` U+25A1, `‣` U+2023, `⁃` U+2043, and
/// U+F0B7, the Symbol font's bullet that Word pastes as a private-use
/// character. `-` needs nothing: it is Markdown's own.
const BULLETS: &[char] = &['•', '·', '○', '●', '◦', '▪', '■', '□', '‣', '⁃', '\u{F0B7}'];

/// U+2029 PARAGRAPH SEPARATOR.
const PARAGRAPH_SEPARATOR: char = '\u{2029}';

/// Bytes `range` of the file are read as `with`.
#[derive(Clone, Debug)]
pub struct Edit {
    pub range: Range<usize>,
    pub with: &'static str,
}

/// The body as the Markdown parser reads it, and where each of its bytes
/// is in the file.
#[derive(Debug)]
pub struct Rewritten {
    pub text: String,
    /// From each of these offsets in `text` on: the file offset it stands
    /// for, and whether it is the start of a replacement (every byte of
    /// which stands for the replaced bytes' start) or of text as it was.
    segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug)]
struct Segment {
    at: usize,
    file: usize,
    replaced: bool,
}

impl Edit {
    /// The same change as a fix's edit of the file.
    fn to_fix(files: &SourceFiles, file: FileId, range: Range<usize>, with: &str) -> FixEdit {
        FixEdit {
            span: files.span(file, range.start, range.end),
            with: with.to_string(),
        }
    }
}

impl Rewritten {
    /// `file[body]` with `edits` applied: file ranges inside the body, none
    /// overlapping another (such an edit is left out).
    pub fn new(file: &str, body: Range<usize>, edits: &[Edit]) -> Self {
        let mut edits: Vec<&Edit> = edits.iter().collect();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let mut text = String::with_capacity(body.len());
        let mut segments = vec![Segment {
            at: 0,
            file: body.start,
            replaced: false,
        }];
        let mut from = body.start;
        for e in edits {
            if e.range.start < from {
                debug_assert!(false, "overlapping edits");
                continue;
            }
            text.push_str(&file[from..e.range.start]);
            segments.push(Segment {
                at: text.len(),
                file: e.range.start,
                replaced: true,
            });
            text.push_str(e.with);
            segments.push(Segment {
                at: text.len(),
                file: e.range.end,
                replaced: false,
            });
            from = e.range.end;
        }
        text.push_str(&file[from..body.end]);
        Rewritten { text, segments }
    }

    /// The file offset of byte `at` of the rewritten text. Where a
    /// replacement ends and the file's text goes on, the file's text wins:
    /// the text after a removed indent starts at its first letter.
    pub fn to_file(&self, at: usize) -> usize {
        let i = self.segments.partition_point(|s| s.at <= at) - 1;
        let s = self.segments[i];
        if s.replaced {
            s.file
        } else {
            s.file + (at - s.at)
        }
    }
}

/// The edits that need no parse: a Word bullet at a line's start becomes
/// `- ` (one warning per run of such lines), a U+2029 a blank line.
pub fn line_edits(
    files: &SourceFiles,
    file: FileId,
    body: Range<usize>,
) -> (Vec<Edit>, Diagnostics) {
    let text = &files.get(file).text;
    let mut edits = vec![];
    let mut diags = Diagnostics::default();
    // The bullet lines of the current run: (line number, bullet's range).
    let mut run: Vec<(usize, Range<usize>)> = vec![];
    let mut line_start = body.start;
    for (number, line) in text[body.clone()].split('\n').enumerate() {
        for (i, _) in line.match_indices(PARAGRAPH_SEPARATOR) {
            let at = line_start + i;
            edits.push(Edit {
                range: at..at + PARAGRAPH_SEPARATOR.len_utf8(),
                with: "\n\n",
            });
        }
        if let Some(marker) = bullet(line) {
            if run.last().is_some_and(|(n, _)| *n + 1 != number) {
                diags.push(bullet_warning(files, file, &run));
                run.clear();
            }
            let range = line_start + marker.start..line_start + marker.end;
            edits.push(Edit {
                range: range.clone(),
                with: "- ",
            });
            run.push((number, range));
        }
        line_start += line.len() + 1;
    }
    if !run.is_empty() {
        diags.push(bullet_warning(files, file, &run));
    }
    (edits, diags)
}

/// In `line`, the bytes of a Word bullet at its start and the blanks after
/// it, if there is one with text after it.
fn bullet(line: &str) -> Option<Range<usize>> {
    let start = line.len() - line.trim_start_matches([' ', '\t']).len();
    let c = line[start..].chars().next()?;
    if !BULLETS.contains(&c) {
        return None;
    }
    let after = start + c.len_utf8();
    let rest = &line[after..];
    let content = rest.trim_start_matches([' ', '\t']);
    let blanks = rest.len() - content.len();
    (blanks > 0 && !content.trim().is_empty()).then_some(start..after + blanks)
}

fn bullet_warning(files: &SourceFiles, file: FileId, run: &[(usize, Range<usize>)]) -> Diagnostic {
    let first = &run[0].1;
    let text = &files.get(file).text;
    let c = text[first.clone()].chars().next().unwrap_or('•');
    let lines = match run.len() {
        1 => "this line is a list item".to_string(),
        n => format!("{n} lines starting with a bullet are list items"),
    };
    let edits = run
        .iter()
        .map(|(_, r)| Edit::to_fix(files, file, r.clone(), "- "))
        .collect();
    Diagnostic::warning(
        files.span(file, first.start, first.start + c.len_utf8()),
        format!("`{c}` read as a bulleted list"),
    )
    .with_label(lines)
    .with_hint("write list items with `- ` at the start of the line (`- 항목`)")
    .with_fix("start each item with `- `", edits)
}

/// The edits that take out the indents of the indented code blocks of a
/// parsed body: each line's indent (four columns, and any blanks after
/// them) goes, and a line right under another indented line starts a
/// paragraph of its own (a blank line is put before it), as the first-line
/// indent of each of Word's paragraphs says. In a block quote, where a
/// blank line would end the quote, such lines run on instead. One warning
/// per block.
pub fn indent_edits(files: &SourceFiles, file: FileId, root: &Node) -> (Vec<Edit>, Diagnostics) {
    let text = &files.get(file).text;
    let mut edits = vec![];
    let mut diags = Diagnostics::default();
    let mut blocks = vec![];
    indented_code(root, &mut blocks);
    for block in blocks {
        let first_edit = edits.len();
        let starts: Vec<usize> = block
            .children
            .iter()
            .filter(|c| matches!(c.kind, NodeKind::Text(_)))
            .map(|c| c.range.start)
            .collect();
        let Some(&first) = starts.first() else {
            continue;
        };
        for (k, &at) in starts.iter().enumerate() {
            let (start, end) = (indent_start(text, at), blanks_end(text, at));
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let prefix = &text[line_start..start];
            let under_text = k > 0 && !previous_line_blank(text, line_start);
            let new_paragraph = under_text && prefix.trim_start_matches([' ', '\t']).is_empty();
            if new_paragraph && !prefix.is_empty() {
                edits.push(Edit {
                    range: line_start..line_start,
                    with: "\n",
                });
            }
            edits.push(Edit {
                range: start..end,
                with: if new_paragraph && prefix.is_empty() {
                    "\n"
                } else {
                    ""
                },
            });
        }
        let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
        let label = match starts.len() {
            1 => "this indent is ignored".to_string(),
            n => format!("the indents of {n} lines are ignored; each starts a paragraph"),
        };
        diags.push(
            Diagnostic::warning(
                files.span(file, line_start, blanks_end(text, first)),
                "indented text read as a paragraph, not as code",
            )
            .with_label(label)
            .with_hint(
                "start paragraphs at the left edge, with a blank line between them: \
                 Markdown reads a line indented by a tab or four spaces as code",
            )
            .with_fix(
                "take out the indent",
                edits[first_edit..]
                    .iter()
                    .map(|e: &Edit| Edit::to_fix(files, file, e.range.clone(), e.with))
                    .collect(),
            ),
        );
    }
    (edits, diags)
}

/// Every indented code block under `node`, in order.
fn indented_code<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    if node.kind == NodeKind::IndentedCode {
        out.push(node);
        return;
    }
    for child in &node.children {
        indented_code(child, out);
    }
}

/// Where the indent before `at` starts: back over blanks until four
/// columns are taken (a tab takes them all), or the blanks end.
fn indent_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut start, mut columns) = (at, 0);
    while start > 0 && columns < 4 {
        match bytes[start - 1] {
            b' ' => columns += 1,
            b'\t' => columns = 4,
            _ => break,
        }
        start -= 1;
    }
    start
}

/// The end of the blanks from `at` on.
fn blanks_end(text: &str, at: usize) -> usize {
    at + (text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len())
}

/// Whether the line before the one starting at `line_start` is blank (or
/// there is none).
fn previous_line_blank(text: &str, line_start: usize) -> bool {
    if line_start == 0 {
        return true;
    }
    let before = &text[..line_start - 1];
    let prev = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    prev.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, with: &'static str) -> Edit {
        Edit { range, with }
    }

    #[test]
    fn offsets_map_back_through_replacements_and_removals() {
        let file = "앞\n• 항목\n\t문단\u{2029}끝";
        let bullet = file.find('•').unwrap();
        let tab = file.find('\t').unwrap();
        let ps = file.find('\u{2029}').unwrap();
        let r = Rewritten::new(
            file,
            0..file.len(),
            &[
                edit(ps..ps + 3, "\n\n"),
                edit(bullet..bullet + 4, "- "),
                edit(tab..tab + 1, ""),
            ],
        );
        assert_eq!(r.text, "앞\n- 항목\n문단\n\n끝");
        let at = |s: &str| r.text.find(s).unwrap();
        // Text as it was maps byte for byte.
        assert_eq!(r.to_file(at("항목")), file.find("항목").unwrap());
        assert_eq!(r.to_file(at("끝")), file.find("끝").unwrap());
        // After a removed indent: the first letter, not the indent.
        assert_eq!(r.to_file(at("문단")), tab + 1);
        // Inside a replacement: the replaced bytes' start.
        assert_eq!(r.to_file(at("- ") + 1), bullet);
        assert_eq!(r.to_file(at("\n\n") + 1), ps);
        assert_eq!(r.to_file(r.text.len()), file.len());
    }

    #[test]
    fn a_base_offset_is_kept() {
        let file = "---\na: 1\n---\n본문";
        let r = Rewritten::new(file, 13..file.len(), &[]);
        assert_eq!(r.text, "본문");
        assert_eq!(r.to_file(0), 13);
        assert_eq!(r.to_file(3), 16);
    }

    #[test]
    fn bullets_need_blanks_and_text_after_them() {
        assert_eq!(bullet("• 항목"), Some(0..4));
        assert_eq!(bullet("  ○\t\t항목"), Some(2..7));
        assert_eq!(bullet("•항목"), None);
        assert_eq!(bullet("• "), None);
        assert_eq!(bullet("- 항목"), None);
        assert_eq!(bullet("온·오프라인"), None);
    }

    #[test]
    fn an_indent_is_four_columns_or_a_tab() {
        let t = "      코드";
        assert_eq!(indent_start(t, 6), 2);
        assert_eq!(indent_start("  \t코드", 3), 2);
        assert_eq!(indent_start("\t코드", 1), 0);
        assert_eq!(blanks_end("    \t코드", 0), 5);
    }
}
