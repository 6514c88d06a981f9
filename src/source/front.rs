//! The front matter: the YAML block between `---` lines at the top of
//! `issue.md`, read into [`FrontMatter`].

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics, FileId, SourceFiles, SourceResult, Span};
use crate::model::{BackCover, BackLink, Date, FieldSpans, FrontMatter, Publisher};

/// Where the front matter and the body are in the file.
pub struct Split {
    /// Byte range of the YAML text (between the fences).
    pub yaml: std::ops::Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// Whether the text starts (after a byte-order mark) with a `---` line.
pub fn has_front_matter(text: &str) -> bool {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    text[start..first_line_end].trim_end() == "---"
}

/// Finds the `---` fences. The file must start with one.
pub fn split(files: &SourceFiles, file: FileId) -> SourceResult<Split> {
    let text = &files.get(file).text;
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if !has_front_matter(text) {
        let end = first_line_end.max(start + 1).min(text.len());
        return Err(
            Diagnostic::error(files.span(file, start, end), "missing front matter")
                .with_label("the file must start with a `---` line")
                .with_hint(
                    "begin issue.md with `---`, the issue's fields (number, date, title, …) \
                 in YAML, and another `---`: copy them from the previous issue, or from the \
                 file `kicweekly new` writes; see docs/format.md",
                )
                .into(),
        );
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: yaml_start..pos,
                body_start: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(
        files.span(file, start, start + 3),
        "the front matter is not closed",
    )
    .with_label("this `---` opens it")
    .with_hint("end the front matter with a line holding only `---`")
    .into())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    number: Spanned<u32>,
    date: Spanned<String>,
    title: Spanned<String>,
    publisher: RawPublisher,
    copyright: Spanned<String>,
    back_cover: RawBackCover,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublisher {
    name: Spanned<String>,
    organization: Spanned<String>,
    organization_en: Option<Spanned<String>>,
    director: Spanned<String>,
    phone: Spanned<String>,
    email: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBackCover {
    title: Spanned<String>,
    subscribe: Spanned<String>,
    #[serde(default)]
    links: Vec<Spanned<RawLink>>,
    note: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    label: String,
    url: Option<String>,
}

/// Reads and checks the front matter.
pub fn parse(files: &SourceFiles, file: FileId, split: &Split) -> SourceResult<FrontMatter> {
    let text = &files.get(file).text;
    let yaml = &text[split.yaml.clone()];
    let whole = files.span(file, 0, split.body_start.saturating_sub(1));
    if yaml.trim().is_empty() {
        return Err(Diagnostic::error(whole, "the front matter is empty")
            .with_hint("fill in number, date, title, publisher, copyright and back_cover")
            .into());
    }
    let raw: RawFront = crate::yaml::from_str(
        files,
        file,
        yaml,
        split.yaml.start,
        crate::yaml::Kind::FrontMatter,
    )?;
    // serde-saphyr locates within the YAML text; shift to the whole file.
    let first_line = files.get(file).line_col(split.yaml.start).0 as usize;
    let at = |loc: serde_saphyr::Location, len: usize| -> Span {
        let line = first_line + loc.line() as usize - 1;
        let off = files.get(file).offset_of(line, loc.column() as usize);
        files.span(file, off, (off + len).min(text.len()))
    };
    let date = Date::parse(raw.date.value.trim());
    let diags = check(&raw, date, &at, whole);
    if diags.has_errors() {
        return Err(diags);
    }
    let number_span = at(raw.number.referenced, raw.number.value.to_string().len());
    let fields = field_spans(&raw, &at);
    Ok(front_matter(
        raw,
        date.expect("checked above"),
        number_span,
        fields,
    ))
}

/// Where each printed field's value starts (its first character).
fn field_spans(raw: &RawFront, at: &dyn Fn(serde_saphyr::Location, usize) -> Span) -> FieldSpans {
    let field = |v: &Spanned<String>| {
        at(
            v.referenced,
            v.value.chars().next().map_or(1, char::len_utf8),
        )
    };
    let (p, b) = (&raw.publisher, &raw.back_cover);
    FieldSpans {
        date: field(&raw.date),
        title: field(&raw.title),
        name: field(&p.name),
        organization: field(&p.organization),
        organization_en: p.organization_en.as_ref().map(field).unwrap_or_default(),
        director: field(&p.director),
        phone: field(&p.phone),
        email: field(&p.email),
        copyright: field(&raw.copyright),
        back_title: field(&b.title),
        subscribe: field(&b.subscribe),
        links: b
            .links
            .first()
            .map(|l| at(l.referenced, 1))
            .unwrap_or_default(),
        note: b.note.as_ref().map(field).unwrap_or_default(),
    }
}

/// What the types do not check: a real date, a positive number, the
/// fields that may not be empty. `at` locates a YAML value in the file;
/// `whole` is the front matter, for a field that is missing.
fn check(
    raw: &RawFront,
    date: Option<Date>,
    at: &dyn Fn(serde_saphyr::Location, usize) -> Span,
    whole: Span,
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    if date.is_none() {
        diags.push(
            Diagnostic::error(
                at(raw.date.referenced, raw.date.value.len()),
                "invalid date",
            )
            .with_label(format!("`{}` is not a date", raw.date.value))
            .with_hint("write the publication date as YYYY-MM-DD, e.g. 2023-01-18"),
        );
    }
    if raw.number.value == 0 {
        diags.push(
            Diagnostic::error(
                at(raw.number.referenced, 1),
                "the issue number must be positive",
            )
            .with_hint("use the issue's number, the same as its folder name"),
        );
    }
    let required = [
        ("title", &raw.title),
        ("publisher.name", &raw.publisher.name),
        ("publisher.director", &raw.publisher.director),
        ("copyright", &raw.copyright),
        ("back_cover.title", &raw.back_cover.title),
    ];
    for (name, value) in required {
        if value.value.trim().is_empty() {
            diags.push(
                Diagnostic::error(whole, format!("`{name}` is empty"))
                    .with_hint(format!("give `{name}` a value; see docs/format.md")),
            );
        }
    }
    diags
}

/// The checked front matter as the model has it; `span` is the number's.
fn front_matter(raw: RawFront, date: Date, span: Span, fields: FieldSpans) -> FrontMatter {
    let (p, b) = (raw.publisher, raw.back_cover);
    FrontMatter {
        number: raw.number.value,
        date,
        title: raw.title.value,
        publisher: Publisher {
            name: p.name.value,
            organization: p.organization.value,
            organization_en: p.organization_en.map(|v| v.value),
            director: p.director.value,
            phone: p.phone.value,
            email: p.email.value,
        },
        copyright: raw.copyright.value,
        back_cover: BackCover {
            title: b.title.value,
            subscribe: b.subscribe.value,
            links: b
                .links
                .into_iter()
                .map(|l| BackLink {
                    label: l.value.label,
                    url: l.value.url,
                })
                .collect(),
            note: b.note.map(|v| v.value),
        },
        fields,
        span,
    }
}
