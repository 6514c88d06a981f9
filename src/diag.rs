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

mod excerpt;

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
    /// Nothing is wrong: the text is read as meant, and `kicweekly fix`
    /// writes it in the format's own form (a bare URL as a link).
    Note,
}

/// One problem, located, with an optional hint on how to fix it and,
/// when the fix is mechanical, the [`Fix`] itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// `None` for problems that are not about a place in a file.
    pub span: Option<Span>,
    pub message: String,
    /// Label under the caret: what exactly is wrong at that place.
    pub label: String,
    pub hints: Vec<String>,
    /// The text that fixes it, for `kicweekly fix` and editor plugins.
    pub fix: Option<Fix>,
}

/// A change to the source that resolves a diagnostic: rustc's
/// suggestion. `kicweekly fix` applies the machine-applicable ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the change does, in an editor's words (`remove the number`).
    pub message: String,
    /// Replacements in the diagnostic's file; none overlaps another.
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// Bytes `span.start..span.end` of a file replaced by `with` (an empty
/// span inserts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub with: String,
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Certainly what the text means: `kicweekly fix` applies it.
    MachineApplicable,
    /// Probably right, but a person decides: shown, never applied.
    MaybeIncorrect,
}

impl Fix {
    pub fn is_machine_applicable(&self) -> bool {
        self.applicability == Applicability::MachineApplicable
    }
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Some(span), message)
    }

    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Some(span), message)
    }

    /// Something read as meant that `kicweekly fix` would write otherwise.
    pub fn note(span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, Some(span), message)
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
            fix: None,
        }
    }

    /// Attaches a machine-applicable fix: `message` says what it does.
    pub fn with_fix(mut self, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.set_fix(message, edits, Applicability::MachineApplicable);
        self
    }

    /// Attaches a fix a person should look at before applying it.
    pub fn with_suggestion(mut self, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.set_fix(message, edits, Applicability::MaybeIncorrect);
        self
    }

    /// In-place [`Self::with_fix`].
    pub fn fix(&mut self, message: impl Into<String>, edits: Vec<Edit>) -> &mut Self {
        self.set_fix(message, edits, Applicability::MachineApplicable);
        self
    }

    /// In-place [`Self::with_suggestion`].
    pub fn suggest(&mut self, message: impl Into<String>, edits: Vec<Edit>) -> &mut Self {
        self.set_fix(message, edits, Applicability::MaybeIncorrect);
        self
    }

    fn set_fix(&mut self, message: impl Into<String>, edits: Vec<Edit>, a: Applicability) {
        self.fix = Some(Fix {
            message: message.into(),
            edits,
            applicability: a,
        });
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

    /// Every file with its id, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
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
    /// One JSON object per line (file, line, column, severity, message,
    /// hints, and the fix with its edits' offsets and replacement text).
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
                    "fix": d.fix.as_ref().map(|f| fix_json(files, f)),
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
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term;

    let mut simple = SimpleFiles::new();
    for f in &files.files {
        simple.add(display_path(&f.path), f.text.as_str());
    }
    let config = term::Config::default();
    for d in &diags.0 {
        // A span on a line too long to print whole: the line cut around it.
        let excerpt = d.span.and_then(|s| {
            let f = files.get(s.file);
            excerpt::Excerpt::new(
                display_path(&f.path),
                &f.text,
                s.start..s.end.max(s.start),
                s.line as usize,
            )
        });
        let written = if let Some((e, range)) = excerpt {
            let c = to_codespan(files, d, Some(((), range)));
            emit_one(out, color, &config, &e, &c)
        } else {
            let label = d
                .span
                .map(|s| (s.file.0 as usize, s.start..s.end.max(s.start)));
            let c = to_codespan(files, d, label);
            emit_one(out, color, &config, &simple, &c)
        };
        written.map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// `d` as codespan's diagnostic, labelled at `label` of a file.
fn to_codespan<F>(
    files: &SourceFiles,
    d: &Diagnostic,
    label: Option<(F, std::ops::Range<usize>)>,
) -> codespan_reporting::diagnostic::Diagnostic<F> {
    use codespan_reporting::diagnostic as cs;
    let mut c = match d.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
        Severity::Note => cs::Diagnostic::note(),
    }
    .with_message(&d.message)
    .with_notes(
        d.hints
            .iter()
            .map(|h| format!("hint: {h}"))
            .chain(
                d.fix
                    .as_ref()
                    .map(|f| format!("help: {}", fix_preview(files, f))),
            )
            .collect(),
    );
    if let Some((file, range)) = label {
        c = c.with_labels(vec![cs::Label::primary(file, range).with_message(&d.label)]);
    }
    c
}

fn emit_one<'f, F: codespan_reporting::files::Files<'f>>(
    out: &mut dyn std::io::Write,
    color: bool,
    config: &codespan_reporting::term::Config,
    files: &'f F,
    c: &codespan_reporting::diagnostic::Diagnostic<F::FileId>,
) -> Result<(), codespan_reporting::files::Error> {
    use codespan_reporting::term;
    if color {
        let mut w = term::termcolor::Ansi::new(&mut *out);
        term::emit_to_write_style(&mut w, config, files, c)
    } else {
        term::emit_to_io_write(&mut *out, config, files, c)
    }
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
            Severity::Note => "note",
        };
        write!(f, "{sev}: {}", d.message)?;
        if !d.label.is_empty() {
            write!(f, ": {}", d.label)?;
        }
        for h in &d.hints {
            write!(f, " (hint: {h})")?;
        }
        if let Some(fix) = &d.fix {
            let preview = fix_preview(files, fix).replace('\n', "⏎");
            write!(f, " (help: {preview})")?;
        }
        Ok(())
    }
}

/// A fix in the JSON form: what it does, whether `kicweekly fix` applies
/// it, and each edit's byte range, line and column (1-based, in
/// characters) at both ends, and replacement text.
fn fix_json(files: &SourceFiles, fix: &Fix) -> serde_json::Value {
    let edits: Vec<serde_json::Value> = fix
        .edits
        .iter()
        .filter(|e| (e.span.file.0 as usize) < files.files.len())
        .map(|e| {
            let f = files.get(e.span.file);
            let (line, column) = f.line_col(e.span.start);
            let (end_line, end_column) = f.line_col(e.span.end);
            serde_json::json!({
                "file": display_path(&f.path),
                "start": e.span.start, "end": e.span.end,
                "line": line, "column": column,
                "end_line": end_line, "end_column": end_column,
                "replacement": e.with,
            })
        })
        .collect();
    serde_json::json!({
        "message": fix.message,
        "applicability": fix.applicability,
        "edits": edits,
    })
}

/// Longest fixed text shown whole under a diagnostic; past it, each
/// edit is shown as `old` → `new`.
const PREVIEW_CHARS: usize = 160;

/// `message: …` and the lines the fix touches as they read after it, as
/// rustc's "help:" shows a suggestion; a fix that empties its lines shows
/// the message alone.
pub fn fix_preview(files: &SourceFiles, fix: &Fix) -> String {
    let Some(first) = fix.edits.first() else {
        return fix.message.clone();
    };
    if (first.span.file.0 as usize) >= files.files.len() {
        return fix.message.clone();
    }
    let text = &files.get(first.span.file).text;
    // Whole lines deleted: the message says which.
    let deleted = |e: &Edit| {
        e.with.is_empty()
            && text
                .get(e.span.start..e.span.end)
                .is_some_and(|t| t.contains('\n'))
    };
    if fix.edits.iter().all(deleted) {
        return fix.message.clone();
    }
    let start = fix.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
    let end = fix.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
    let (start, end) = (start.min(text.len()), end.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut fixed = text[line_start..line_end].to_string();
    for e in edits {
        let (a, b) = (
            e.span.start - line_start,
            e.span.end.min(line_end) - line_start,
        );
        if a <= b && b <= fixed.len() && fixed.is_char_boundary(a) && fixed.is_char_boundary(b) {
            fixed.replace_range(a..b, &e.with);
        }
    }
    let fixed = fixed.trim_end_matches('\n');
    if fixed.trim().is_empty() {
        return fix.message.clone();
    }
    if fixed.chars().count() > PREVIEW_CHARS || fixed.lines().count() > 6 {
        let each: Vec<String> = fix
            .edits
            .iter()
            .map(|e| {
                let old = text.get(e.span.start..e.span.end).unwrap_or("");
                let new = match e.with.is_empty() {
                    true => "nothing".to_string(),
                    false => format!("`{}`", shorten(&e.with)),
                };
                format!("`{}` → {new}", shorten(old))
            })
            .collect();
        return format!("{}: {}", fix.message, each.join(", "));
    }
    if fixed.contains('\n') {
        format!("{}:\n{fixed}", fix.message)
    } else {
        format!("{}: `{fixed}`", fix.message)
    }
}

/// At most 40 characters of `s`, with `…` where it was cut, and tabs and
/// line ends shown as `\t` and `\n`.
fn shorten(s: &str) -> String {
    let cut = match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    };
    cut.replace('\t', "\\t").replace('\n', "\\n")
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
            Severity::Note => "notice",
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
        if let Some(fix) = &d.fix {
            message.push_str(&format!("\nhelp: {}", fix_preview(files, fix)));
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
