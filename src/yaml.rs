//! YAML through serde-saphyr, with limits against hostile input and errors
//! turned into located diagnostics.

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, FileId, SourceFiles, SourceResult};

/// Front matter and templates are small: anything past these limits is an
/// attack or an accident (a YAML bomb, a pasted binary), not an issue.
const MAX_YAML_BYTES: usize = 256 * 1024;

fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 16;
    budget.max_events = 20_000;
    budget.max_nodes = 10_000;
    budget.max_aliases = 64;
    budget.max_anchors = 64;
    budget.max_total_scalar_bytes = MAX_YAML_BYTES;
    budget.max_documents = 1;
    budget.max_recorded_anchor_bytes = 64 * 1024;
    budget.max_recorded_anchor_events = 4_096;
    let mut o = serde_saphyr::Options::default();
    o.budget = Some(budget);
    o.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    o.alias_limits.max_total_replayed_events = 4_096;
    o
}

/// What a YAML text is, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    FrontMatter,
    Template,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::FrontMatter => "front matter",
            Kind::Template => "template",
        }
    }

    fn guide(self) -> &'static str {
        match self {
            Kind::FrontMatter => "see docs/format.md for the fields and their types",
            Kind::Template => {
                "see the comments in kicweekly's templates/kicweekly.yaml for the keys and their types"
            }
        }
    }
}

/// Deserializes `yaml`, which starts at byte `base` of `file`.
pub fn from_str<T: DeserializeOwned>(
    files: &SourceFiles,
    file: FileId,
    yaml: &str,
    base: usize,
    kind: Kind,
) -> SourceResult<T> {
    if yaml.len() > MAX_YAML_BYTES {
        return Err(
            Diagnostic::error(files.span(file, base, base), "the YAML is too large")
                .with_hint(format!(
                    "front matter and templates are limited to {MAX_YAML_BYTES} bytes"
                ))
                .into(),
        );
    }
    serde_saphyr::from_str_with_options::<T>(yaml, options()).map_err(|e| {
        let (msg, hint) = message(&e, kind);
        let offset = e
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| base + offset_in(yaml, l.line() as usize, l.column() as usize))
            .unwrap_or(base);
        let end = next_char_end(&files.get(file).text, offset);
        Diagnostic::error(files.span(file, offset, end), msg)
            .with_hint(hint)
            .into()
    })
}

fn next_char_end(text: &str, offset: usize) -> usize {
    text[offset.min(text.len())..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8())
}

/// The message without serde-saphyr's own location suffix (we show ours),
/// in an editor's words where serde's are a programmer's, and a hint.
fn message(e: &serde_saphyr::Error, kind: Kind) -> (String, String) {
    let mut opts = serde_saphyr::RenderOptions::default();
    opts.snippets = serde_saphyr::SnippetMode::Off;
    let full = e.render_with_options(opts);
    let first = full.lines().next().unwrap_or("invalid YAML").trim();
    let msg = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let msg = msg.trim_end_matches(" ()").trim_end_matches('.');
    let fields = kind.guide().to_string();
    let noun = kind.noun();
    if let Some(what) = msg.strip_prefix("budget breached: ") {
        let what = what.split([' ', '{']).next().unwrap_or(what).to_lowercase();
        return (
            format!("invalid {noun}: too complex, too many YAML {what}"),
            format!(
                "{noun} is a few plain fields: remove anchors (&), aliases (*) and deep nesting"
            ),
        );
    }
    let plain = match msg {
        "expected string scalar" => "expected a text value here".to_string(),
        "invalid u32" => "expected a whole number here".to_string(),
        m => m.to_string(),
    };
    (format!("invalid {noun}: {plain}"), fields)
}

/// Byte offset of a 1-based line and character column in `text`.
fn offset_in(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    text[start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| start + i)
}
