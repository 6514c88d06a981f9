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
    let raw: RawFront = match crate::yaml::from_str(
        files,
        file,
        yaml,
        split.yaml.start,
        crate::yaml::Kind::FrontMatter,
    ) {
        Ok(raw) => raw,
        // serde names the first missing field; an editor wants them all.
        Err(d) if d.0.iter().any(|d| d.message.contains("missing field")) => {
            let all = missing_fields(files, file, split);
            return Err(if all.is_empty() { d } else { all });
        }
        Err(d) => return Err(d),
    };
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

/// The required fields, with an example value for the hint.
const REQUIRED: &[(&str, &str)] = &[
    ("number", "313"),
    ("date", "2023-01-25"),
    ("title", "주간 창업"),
    ("publisher", ""),
    (
        "copyright",
        "\"'주간 중국 창업'의 저작권은 'KIC 중국'에 있습니다.\"",
    ),
    ("back_cover", ""),
];
const REQUIRED_PUBLISHER: &[(&str, &str)] = &[
    ("name", "KIC 중국"),
    ("organization", "글로벌혁신센터"),
    ("director", "김종문"),
    ("phone", "\"+86-010-6780-8840\""),
    ("email", "info@kicchina.org"),
];
const REQUIRED_BACK_COVER: &[(&str, &str)] = &[
    ("title", "주간 중국 창업"),
    (
        "subscribe",
        "\"구독방법: 공식메일 info@kicchina.org로 신청\"",
    ),
];

/// Every required field the front matter lacks, each an error: a
/// top-level one at the opening `---`, a `publisher` or `back_cover` one
/// at that key. Empty if the YAML is no mapping (the typed error says so).
fn missing_fields(files: &SourceFiles, file: FileId, split: &Split) -> Diagnostics {
    let text = &files.get(file).text;
    let yaml = &text[split.yaml.clone()];
    let Ok(value) = crate::yaml::from_str::<serde_json::Value>(
        files,
        file,
        yaml,
        split.yaml.start,
        crate::yaml::Kind::FrontMatter,
    ) else {
        return Diagnostics::default();
    };
    let Some(top) = value.as_object() else {
        return Diagnostics::default();
    };
    let fence = files.span(file, 0, 3.min(text.len()));
    // The line of a top-level key, to point at a section's missing field.
    let key_span = |key: &str| {
        let mut at = split.yaml.start;
        for line in yaml.split_inclusive('\n') {
            if line.starts_with(&format!("{key}:")) {
                return files.span(file, at, at + key.len());
            }
            at += line.len();
        }
        fence
    };
    let mut diags = Diagnostics::default();
    let mut report = |span: Span, name: String, example: &str, nested: bool| {
        let line = match (name.as_str(), nested) {
            ("publisher" | "back_cover", _) => {
                format!("`{name}:` with {example} indented under it")
            }
            (_, false) => format!("`{name}: {example}`"),
            (_, true) => {
                let key = name.rsplit('.').next().unwrap_or(&name);
                format!(
                    "`  {key}: {example}` under `{}`",
                    name.split('.').next().unwrap_or("")
                )
            }
        };
        diags.push(
            Diagnostic::error(span, format!("the front matter has no `{name}`"))
                .with_label(format!("`{name}` is required"))
                .with_hint(format!("add {line}; see docs/format.md")),
        );
    };
    for (key, example) in REQUIRED {
        if !top.contains_key(*key) {
            let example = match *key {
                "publisher" => "name, organization, director, phone and email",
                "back_cover" => "title and subscribe",
                _ => example,
            };
            report(fence, key.to_string(), example, false);
        }
    }
    for (section, fields) in [
        ("publisher", REQUIRED_PUBLISHER),
        ("back_cover", REQUIRED_BACK_COVER),
    ] {
        let Some(map) = top.get(section).and_then(|v| v.as_object()) else {
            continue;
        };
        for (key, example) in fields {
            if !map.contains_key(*key) {
                report(key_span(section), format!("{section}.{key}"), example, true);
            }
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
