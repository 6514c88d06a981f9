//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Every stage reports problems as [`Diagnostic`]s that point at a [`Span`]
//! in a source file. Stages collect all of a run's diagnostics instead of
//! stopping at the first, so an editor fixes a file in one pass. Rendering
//! (rustc-style with carets, one-line short form, or JSON lines for CI)
//! happens only at the edge, in `main.rs`, through [`SourceFiles`].

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Index of a file in [`SourceFiles`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct FileId(pub u32);

/// A byte range in one source file, with the 1-based line and column
/// (in characters) of its start, so that a node can be located without the
/// file at hand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub col: u32,
}

impl Span {
    /// A span that covers both `self` and `other` (same file).
    pub fn to(self, other: Span) -> Span {
        if other.end <= self.end {
            return self;
        }
        Span {
            end: other.end,
            ..self
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located, with an optional hint on how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// `None` for problems that are not about a place in a file.
    pub span: Option<Span>,
    pub message: String,
    /// Label under the caret: what exactly is wrong at that place.
    pub label: String,
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Some(span), message)
    }

    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Some(span), message)
    }

    /// An error about a file or the run as a whole, with no place in a file.
    pub fn general(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, None, message)
    }

    fn new(severity: Severity, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            span,
            message: message.into(),
            label: String::new(),
            hints: vec![],
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// In-place [`Self::with_label`], for diagnostics already pushed.
    pub fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = label.into();
        self
    }

    /// In-place [`Self::with_hint`].
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of a run, errors and warnings together.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// Errors first, then by file and position, so output is stable.
    pub fn sort(&mut self) {
        self.0
            .sort_by_key(|d| (d.severity, d.span.map(|s| (s.file.0, s.start))));
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// A result that carries every error of a stage rather than the first.
pub type SourceResult<T> = Result<T, Diagnostics>;

/// A successful result with the warnings produced on the way.
#[derive(Debug)]
pub struct Warned<T> {
    pub value: T,
    pub warnings: Diagnostics,
}

/// One loaded source file: its path (as shown to the user), its text and
/// the byte offset of each line start.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path,
            text,
            line_starts,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line as u32 + 1, col as u32)
    }

    /// Byte offset of a 1-based line and character column.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(col.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| start + i)
    }
}

/// Every file a run has read, so diagnostics can be rendered with source
/// lines. Files are only added, never removed: a [`FileId`] stays valid.
#[derive(Debug, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
}

impl SourceFiles {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile::new(path, text));
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// A span over `start..end` of a file, located.
    pub fn span(&self, file: FileId, start: usize, end: usize) -> Span {
        let (line, col) = self.get(file).line_col(start);
        Span {
            file,
            start,
            end,
            line,
            col,
        }
    }

    pub fn path(&self, id: FileId) -> &Path {
        &self.get(id).path
    }
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style: the source line with a caret under the problem.
    #[default]
    Human,
    /// One line per diagnostic: `file:line:col: error: message`.
    Short,
    /// One JSON object per line (file, line, column, severity, message, hints).
    Json,
    /// GitHub Actions workflow commands, `::error file=F,line=L,col=C::…`:
    /// each shows on the file's line in the run and its pull request.
    Github,
}

/// Write diagnostics in the chosen format.
pub fn emit(
    out: &mut dyn std::io::Write,
    files: &SourceFiles,
    diags: &Diagnostics,
    format: Format,
    color: bool,
) -> std::io::Result<()> {
    // Later stages narrow spans by byte offset: take line and column from
    // the file itself.
    let mut located = diags.clone();
    for d in &mut located.0 {
        if let Some(s) = &mut d.span
            && (s.file.0 as usize) < files.files.len()
        {
            let (line, col) = files.get(s.file).line_col(s.start);
            s.line = line;
            s.col = col;
        }
    }
    let diags = &located;
    match format {
        Format::Human => emit_human(out, files, diags, color),
        Format::Short => {
            for d in &diags.0 {
                writeln!(out, "{}", ShortDiag(files, d))?;
            }
            Ok(())
        }
        Format::Github => {
            for d in &diags.0 {
                writeln!(out, "{}", GithubDiag(files, d))?;
            }
            Ok(())
        }
        Format::Json => {
            for d in &diags.0 {
                let (file, line, column) = match d.span {
                    Some(s) => (
                        Some(display_path(files.path(s.file))),
                        Some(s.line),
                        Some(s.col),
                    ),
                    None => (None, None, None),
                };
                let json = serde_json::json!({
                    "file": file, "line": line, "column": column,
                    "severity": d.severity, "message": d.message,
                    "label": d.label, "hints": d.hints,
                });
                writeln!(out, "{json}")?;
            }
            Ok(())
        }
    }
}

fn emit_human(
    out: &mut dyn std::io::Write,
    files: &SourceFiles,
    diags: &Diagnostics,
    color: bool,
) -> std::io::Result<()> {
    use codespan_reporting::diagnostic as cs;
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term;

    let mut simple = SimpleFiles::new();
    for f in &files.files {
        simple.add(display_path(&f.path), f.text.as_str());
    }
    let config = term::Config::default();
    for d in &diags.0 {
        let mut c = match d.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        }
        .with_message(&d.message)
        .with_notes(d.hints.iter().map(|h| format!("hint: {h}")).collect());
        if let Some(s) = d.span {
            let end = s.end.max(s.start);
            c = c.with_labels(vec![
                cs::Label::primary(s.file.0 as usize, s.start..end).with_message(&d.label),
            ]);
        }
        let written = if color {
            let mut w = term::termcolor::Ansi::new(&mut *out);
            term::emit_to_write_style(&mut w, &config, &simple, &c)
        } else {
            term::emit_to_io_write(&mut *out, &config, &simple, &c)
        };
        written.map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// `file:line:col: error: message` — the short form.
pub struct ShortDiag<'a>(pub &'a SourceFiles, pub &'a Diagnostic);

impl fmt::Display for ShortDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ShortDiag(files, d) = self;
        if let Some(s) = d.span {
            write!(
                f,
                "{}:{}:{}: ",
                display_path(files.path(s.file)),
                s.line,
                s.col
            )?;
        }
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}: {}", d.message)?;
        if !d.label.is_empty() {
            write!(f, ": {}", d.label)?;
        }
        for h in &d.hints {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// A GitHub Actions annotation: `::error file=…,line=…,col=…::message`,
/// the end of the span when it is on the same file, the label and hints
/// after the message; escaped as the workflow-command format asks.
pub struct GithubDiag<'a>(pub &'a SourceFiles, pub &'a Diagnostic);

impl fmt::Display for GithubDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let GithubDiag(files, d) = self;
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = vec![("title".to_string(), format!("kicweekly {kind}"))];
        if let Some(s) = d.span {
            props.insert(0, ("file".into(), display_path(files.path(s.file))));
            props.insert(1, ("line".into(), s.line.to_string()));
            props.insert(2, ("col".into(), s.col.to_string()));
            if (s.file.0 as usize) < files.files.len() && s.end > s.start {
                let (line, col) = files.get(s.file).line_col(s.end);
                props.insert(3, ("endLine".into(), line.to_string()));
                if line == s.line {
                    props.insert(4, ("endColumn".into(), col.to_string()));
                }
            }
        }
        let props: Vec<String> = props
            .iter()
            .map(|(k, v)| format!("{k}={}", escape_property(v)))
            .collect();
        let mut message = d.message.clone();
        if !d.label.is_empty() {
            message.push_str(": ");
            message.push_str(&d.label);
        }
        for h in &d.hints {
            message.push_str(&format!("\nhint: {h}"));
        }
        write!(f, "::{kind} {}::{}", props.join(","), escape_data(&message))
    }
}

/// A workflow command's message: `%`, CR and LF escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as a message, and `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A path as the user should see it: relative to the working directory
/// when it lies below it.
pub fn display_path(path: &Path) -> String {
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = path.strip_prefix(&cwd)
    {
        return rel.display().to_string();
    }
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_point_at_the_file_and_escape_what_they_must() {
        let mut files = SourceFiles::default();
        let id = files.add(
            PathBuf::from("issues/312/issue.md"),
            "---\nnumber: 312\n---\n# 부 이름\n".into(),
        );
        let span = files.span(id, 20, 32);
        let d = Diagnostic::error(span, "unknown part `부 이름`, 50% sure")
            .with_label("not a part of the template")
            .with_hint("use one of: WEEKLY 뉴스, CHINA 창업");
        let line = GithubDiag(&files, &d).to_string();
        assert_eq!(
            line,
            "::error file=issues/312/issue.md,line=4,col=1,endLine=4,endColumn=7,\
             title=kicweekly error::unknown part `부 이름`, 50%25 sure: not a part \
             of the template%0Ahint: use one of: WEEKLY 뉴스, CHINA 창업"
        );
        let w = Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::general("a, b: c\r\nd")
        };
        assert_eq!(
            GithubDiag(&files, &w).to_string(),
            "::warning title=kicweekly warning::a, b: c%0D%0Ad"
        );
        let mut out = Vec::new();
        emit(
            &mut out,
            &files,
            &Diagnostics(vec![d, w]),
            Format::Github,
            false,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.lines().all(|l| l.starts_with("::")));
    }
}
