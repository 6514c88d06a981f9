//! Text inside blocks: text, bold, emphasis, links and line breaks, with
//! adjacent text merged, straight quotes curled; constructs the format does
//! not allow are reported. What is inside a text node (line separators,
//! bare addresses, characters to report) is read in `text.rs`.

use crate::model::Inline;

use super::{BodyParser, Node, NodeKind};

impl BodyParser<'_> {
    pub(super) fn inlines(&mut self, nodes: &[Node]) -> Vec<Inline> {
        let refs: Vec<&Node> = nodes.iter().collect();
        self.inline_refs(&refs)
    }

    /// The inlines of a heading: like [`Self::inlines`], but a line
    /// separator is a space (with a warning), as a heading is one line.
    pub(super) fn heading_inlines(&mut self, nodes: &[Node]) -> Vec<Inline> {
        let outer = std::mem::replace(&mut self.in_heading, true);
        let inlines = self.inlines(nodes);
        self.in_heading = outer;
        inlines
    }

    /// The inlines of a link's text, in which an address is not a link
    /// of its own.
    pub(super) fn link_text(&mut self, nodes: &[Node]) -> Vec<Inline> {
        let outer = std::mem::replace(&mut self.in_link, true);
        let inlines = self.inlines(nodes);
        self.in_link = outer;
        inlines
    }

    pub(super) fn inline_refs(&mut self, nodes: &[&Node]) -> Vec<Inline> {
        let mut out: Vec<Inline> = vec![];
        for n in nodes {
            let span = self.span(n);
            let inline = match &n.kind {
                NodeKind::Text(t) => {
                    for inline in self.text(t, n) {
                        for inline in curl_quotes(inline, last_char(&out)) {
                            push_merged(&mut out, inline);
                        }
                    }
                    continue;
                }
                NodeKind::LiteralTag(tag) => {
                    self.literal_tag(tag, n);
                    let text = Inline::Text {
                        text: tag.clone(),
                        span,
                    };
                    for inline in curl_quotes(text, last_char(&out)) {
                        push_merged(&mut out, inline);
                    }
                    continue;
                }
                NodeKind::SoftBreak => Inline::Text {
                    text: " ".into(),
                    span,
                },
                NodeKind::HardBreak => Inline::LineBreak { span },
                NodeKind::Strong => Inline::Strong {
                    children: self.inlines(&n.children),
                    span,
                },
                NodeKind::Emphasis => Inline::Emphasis {
                    children: self.inlines(&n.children),
                    span,
                },
                NodeKind::Link(url) => Inline::Link {
                    url: url.clone(),
                    children: self.link_text(&n.children),
                    span,
                },
                NodeKind::Image(_) => {
                    self.error(span, "picture inside text")
                        .label("a picture must be on its own line")
                        .hint("put the image on its own line, with `사진: …` right under it");
                    continue;
                }
                _ => {
                    self.unsupported(n, "");
                    continue;
                }
            };
            push_merged(&mut out, inline);
        }
        out
    }
}

/// A sub-head that starts with a circled number (`#### ③GAC AION`,
/// `#### ①  BYD`) gets one word space after it, as list items get one
/// marker gap: one spacing rule for every label (issue #14), whatever
/// the source had.
pub(super) fn label_space(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text, .. }) = inlines.first_mut()
        && let Some(c) = text.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        let rest = text[c.len_utf8()..].trim_start_matches([' ', '\u{3000}', '\u{A0}', '\t']);
        if !rest.is_empty() {
            *text = format!("{c} {rest}");
        }
    }
    inlines
}

/// Appends `inline`, merged into the text before it if both are text, so
/// lines break over whole words.
fn push_merged(out: &mut Vec<Inline>, inline: Inline) {
    if let (
        Inline::Text {
            text: new,
            span: ns,
        },
        Some(Inline::Text { text, span }),
    ) = (&inline, out.last_mut())
        && !is_curled(new, *ns)
        && !is_curled(text, *span)
    {
        text.push_str(new);
        *span = span.to(*ns);
        return;
    }
    out.push(inline);
}

/// The last character of the text before the next inline, if it is text.
fn last_char(out: &[Inline]) -> Option<char> {
    match out.last() {
        Some(Inline::Text { text, .. }) => text.chars().last(),
        Some(Inline::LineBreak { .. }) | None => None,
        Some(_) => Some('a'),
    }
}

/// A curled quote made from a straight one: kept as an inline of its own,
/// so that its one-byte span still locates it and the text around it
/// keeps its own exact spans.
fn is_curled(text: &str, span: crate::diag::Span) -> bool {
    matches!(text, "‘" | "’" | "“" | "”") && span.end - span.start == 1
}

/// Straight quotes in running text as Korean print sets them (KLREQ uses
/// directional quotes): `'` → ‘ or ’, `"` → “ or ”, opening after a space,
/// an opening bracket or dash, or at the start; closing (and apostrophes)
/// elsewhere. Not inside a URL-like token (`://`, `www.`). `before` is the
/// character before the text, across inlines.
fn curl_quotes(inline: Inline, before: Option<char>) -> Vec<Inline> {
    let Inline::Text { text, span } = &inline else {
        return vec![inline];
    };
    let verbatim = span.end - span.start == text.len();
    if !text.contains(['\'', '"']) || !verbatim {
        return vec![inline];
    }
    let opens = |prev: Option<char>| match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '「'
                        | '『'
                        | '〈'
                        | '《'
                        | '【'
                        | '（'
                        | '“'
                        | '‘'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                )
        }
    };
    let in_url = |at: usize| {
        let start = text[..at]
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i);
        let token = &text[start..end];
        token.contains("://") || token.contains("www.")
    };
    let piece = |from: usize, to: usize, s: &str| Inline::Text {
        text: s.to_string(),
        span: crate::diag::Span {
            start: span.start + from,
            end: span.start + to,
            ..*span
        },
    };
    let mut out = vec![];
    let mut from = 0;
    let mut prev = before;
    for (at, c) in text.char_indices() {
        if matches!(c, '\'' | '"') && !in_url(at) {
            if at > from {
                out.push(piece(from, at, &text[from..at]));
            }
            let curled = match (c, opens(prev)) {
                ('\'', true) => "‘",
                ('\'', false) => "’",
                (_, true) => "“",
                (_, false) => "”",
            };
            out.push(piece(at, at + 1, curled));
            from = at + 1;
        }
        prev = Some(c);
    }
    if from < text.len() {
        out.push(piece(from, text.len(), &text[from..]));
    }
    out
}

/// Removes `prefix` (and the spaces after it) from the first text inline,
/// or the first bold or emphasised inline if it is just the prefix
/// (`**출처:** …`).
pub(super) fn strip_prefix_inline(content: &mut Vec<Inline>, prefix: &str) {
    if let Some(Inline::Strong { children, .. } | Inline::Emphasis { children, .. }) =
        content.first()
        && crate::model::plain_text(children).trim() == prefix
    {
        content.remove(0);
        if let Some(Inline::Text { text, .. }) = content.first_mut() {
            *text = text.trim_start().to_string();
            if text.is_empty() {
                content.remove(0);
            }
        }
        return;
    }
    if let Some(Inline::Text { text, .. }) = content.first_mut()
        && let Some(rest) = text.strip_prefix(prefix)
    {
        *text = rest.trim_start().to_string();
        if text.is_empty() {
            content.remove(0);
            if let Some(Inline::Text { text, .. }) = content.first_mut() {
                *text = text.trim_start().to_string();
            }
        }
    }
}

/// The text of a node and everything in it, line breaks as spaces.
pub(super) fn node_plain(node: &Node) -> String {
    let mut s = String::new();
    fn walk(n: &Node, s: &mut String) {
        match &n.kind {
            NodeKind::Text(t) | NodeKind::LiteralTag(t) => s.push_str(t),
            NodeKind::SoftBreak | NodeKind::HardBreak => s.push(' '),
            _ => n.children.iter().for_each(|c| walk(c, s)),
        }
    }
    walk(node, &mut s);
    s
}
