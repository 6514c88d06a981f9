//! Text inside blocks: text, bold, emphasis, links and line breaks, with
//! adjacent text merged; control characters and constructs the format does
//! not allow are reported.

use crate::model::Inline;

use super::{BodyParser, Node, NodeKind};

impl BodyParser<'_> {
    pub(super) fn inlines(&mut self, nodes: &[Node]) -> Vec<Inline> {
        let refs: Vec<&Node> = nodes.iter().collect();
        self.inline_refs(&refs)
    }

    pub(super) fn inline_refs(&mut self, nodes: &[&Node]) -> Vec<Inline> {
        let mut out: Vec<Inline> = vec![];
        for n in nodes {
            let span = self.span(n);
            let inline = match &n.kind {
                NodeKind::Text(t) => {
                    self.check_text(t, n.range.start);
                    Inline::Text {
                        text: t.clone(),
                        span,
                    }
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
                    children: self.inlines(&n.children),
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
            // Merge adjacent text so lines break over whole words.
            if let (
                Inline::Text {
                    text: new,
                    span: ns,
                },
                Some(Inline::Text { text, span }),
            ) = (&inline, out.last_mut())
            {
                text.push_str(new);
                *span = span.to(*ns);
                continue;
            }
            out.push(inline);
        }
        out
    }

    fn check_text(&mut self, text: &str, start: usize) {
        for (i, c) in text.char_indices() {
            if c.is_control() && c != '\n' {
                let off = start + i;
                let span = self.files.span(self.file, off, off + c.len_utf8());
                let what = if c == '\t' {
                    "a tab".to_string()
                } else {
                    format!("U+{:04X}", c as u32)
                };
                self.error(span, format!("control character ({what}) in text"))
                    .label("not a printable character")
                    .hint("replace it with a space");
                return;
            }
        }
    }
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
            NodeKind::Text(t) => s.push_str(t),
            NodeKind::SoftBreak | NodeKind::HardBreak => s.push(' '),
            _ => n.children.iter().for_each(|c| walk(c, s)),
        }
    }
    walk(node, &mut s);
    s
}
