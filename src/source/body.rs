//! The Markdown body read into parts, articles and blocks.
//!
//! Works on the node tree from `tree.rs`, top-level nodes in order: level-1
//! headings open parts (checked against the template), level-2 headings open
//! articles, everything else belongs to the open article. Conventions of the
//! format (docs/format.md) are recognised here and nowhere else: the `—`
//! source line, `사진:`/`표:` captions, `출처:` source lists, block quotes as
//! editor's notes. Every problem is collected; the caller gets them all.

use crate::diag::{Diagnostic, Diagnostics, FileId, SourceFiles, Span};
use crate::model::{
    Align, Article, Block, BlockKind, Cell, Figure, FigureKind, Image, Inline, List, ListItem,
    ListStyle, Part, Table,
};
use crate::template::Template;

use super::tree::{Node, NodeKind};

pub struct BodyParser<'a> {
    files: &'a SourceFiles,
    file: FileId,
    template: &'a Template,
    pub diags: Diagnostics,
}

/// Per-article counters for generated numbers.
#[derive(Default)]
struct Numbers {
    photos: u32,
    tables: u32,
}

/// An open part: `None` index when the heading was rejected, so that its
/// articles are still checked but not reported again as outside a part.
struct OpenPart {
    part: Part,
    valid: bool,
}

impl<'a> BodyParser<'a> {
    pub fn new(files: &'a SourceFiles, file: FileId, template: &'a Template) -> Self {
        BodyParser {
            files,
            file,
            template,
            diags: Diagnostics::default(),
        }
    }

    fn span(&self, node: &Node) -> Span {
        self.files.span(self.file, node.range.start, node.range.end)
    }

    /// The span of a heading's text, without the `#` marks.
    fn heading_text_span(&self, node: &Node) -> Span {
        match (node.children.first(), node.children.last()) {
            (Some(a), Some(b)) => self.files.span(self.file, a.range.start, b.range.end),
            _ => self.span(node),
        }
    }

    fn error(&mut self, span: Span, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(span, msg));
        self.diags.0.last_mut().expect("just pushed")
    }

    pub fn parse(&mut self, root: &Node) -> Vec<Part> {
        let names = self.template.part_names();
        let mut parts: Vec<OpenPart> = Vec::new();
        let mut article: Option<(Article, Numbers)> = None;
        let mut stray_reported = false;
        let nodes = &root.children;
        let mut i = 0;
        while i < nodes.len() {
            let node = &nodes[i];
            i += 1;
            match node.kind {
                NodeKind::Heading(1) => {
                    close_article(&mut parts, &mut article);
                    stray_reported = false;
                    let name = self.heading_plain(node);
                    let span = self.heading_text_span(node);
                    let valid = self.check_part(&name, span, &parts, &names);
                    let index = names.iter().position(|n| *n == name).unwrap_or(usize::MAX);
                    parts.push(OpenPart {
                        part: Part {
                            name,
                            index,
                            articles: vec![],
                            span,
                        },
                        valid,
                    });
                }
                NodeKind::Heading(2) => {
                    close_article(&mut parts, &mut article);
                    stray_reported = false;
                    if parts.is_empty() {
                        let span = self.heading_text_span(node);
                        self.error(span, "article outside a part")
                            .label("this article comes before the first part")
                            .hint(format!(
                                "put a part heading above it, e.g. `# {}`",
                                names.first().copied().unwrap_or("WEEKLY 뉴스")
                            ));
                    }
                    let a = self.article_heading(node);
                    article = Some((a, Numbers::default()));
                    // The source line, if any, directly follows the title.
                    if let Some(next) = nodes.get(i)
                        && let Some(source) = self.dash_line(next)
                        && let Some((a, _)) = article.as_mut()
                    {
                        a.source = Some(source);
                        a.span = a.span.to(self.span(next));
                        i += 1;
                    }
                }
                _ => match article.as_mut() {
                    Some((a, numbers)) => {
                        let prev_is_subhead = matches!(
                            a.blocks.last(),
                            Some(Block {
                                kind: BlockKind::Subhead { .. },
                                ..
                            })
                        );
                        let next = nodes.get(i);
                        let (block, used_next) = self.block(node, next, numbers, prev_is_subhead);
                        if let Some(block) = block {
                            a.span = a.span.to(block.span);
                            a.blocks.push(block);
                        }
                        if used_next {
                            i += 1;
                        }
                    }
                    None => {
                        if !stray_reported {
                            stray_reported = true;
                            let span = self.span(node);
                            let msg = if parts.is_empty() {
                                "text before the first part"
                            } else {
                                "text outside an article"
                            };
                            self.error(span, msg)
                                .label("this belongs to no article")
                                .hint("start an article with a `## title` heading above it");
                        }
                        // Still report what is wrong inside it.
                        let mut scratch = Numbers::default();
                        let _ = self.block(node, None, &mut scratch, false);
                    }
                },
            }
        }
        close_article(&mut parts, &mut article);
        self.check_parts_complete(&parts, &names, root);
        parts
            .into_iter()
            .filter(|p| p.valid)
            .map(|p| p.part)
            .collect()
    }

    fn check_part(&mut self, name: &str, span: Span, parts: &[OpenPart], names: &[&str]) -> bool {
        let expected = names.join(", ");
        let Some(index) = names.iter().position(|n| *n == name) else {
            self.error(span, format!("unknown part `{name}`"))
                .label(format!("expected one of: {expected}"))
                .hint("fix the heading, or add the part to templates/kicweekly.yaml");
            return false;
        };
        if let Some(first) = parts.iter().find(|p| p.valid && p.part.name == name) {
            let (line, _) = (first.part.span.line, ());
            self.error(span, format!("part `{name}` appears twice"))
                .label(format!("`{name}` already began on line {line}"))
                .hint("merge the two parts' articles under one heading");
            return false;
        }
        if let Some(later) = parts.iter().find(|p| p.valid && p.part.index > index) {
            let later_name = later.part.name.clone();
            self.error(span, format!("part `{name}` is out of order"))
                .label(format!("`{name}` must come before `{later_name}`"))
                .hint(format!(
                    "move this part above `# {later_name}`; the order is: {expected}"
                ));
            return false;
        }
        true
    }

    fn check_parts_complete(&mut self, parts: &[OpenPart], names: &[&str], root: &Node) {
        for p in parts
            .iter()
            .filter(|p| p.valid && p.part.articles.is_empty())
        {
            let name = p.part.name.clone();
            self.error(p.part.span, format!("part `{name}` is empty"))
                .label("no article follows this heading")
                .hint("add an article (`## title`) under it, or remove the part heading");
        }
        let any_valid = parts.iter().any(|p| p.valid);
        for (idx, name) in names.iter().enumerate() {
            if parts.iter().any(|p| p.part.name == *name) {
                continue;
            }
            // Point where it belongs: at the next present part, else the end.
            let at = parts
                .iter()
                .find(|p| p.valid && p.part.index > idx)
                .map(|p| p.part.span)
                .unwrap_or_else(|| {
                    let end = root.range.end;
                    self.files.span(self.file, end, end)
                });
            if !any_valid && idx > 0 {
                continue; // one "missing" is enough when there are no parts at all
            }
            self.error(at, format!("part `{name}` is missing"))
                .label(format!("`# {name}` should come before here"))
                .hint(format!(
                    "every issue has the parts {}, in that order",
                    names.join(", ")
                ));
        }
    }

    fn heading_plain(&mut self, node: &Node) -> String {
        crate::model::plain_text(&self.inlines(&node.children))
            .trim()
            .to_string()
    }

    fn article_heading(&mut self, node: &Node) -> Article {
        let span = self.span(node);
        let mut title = self.inlines(&node.children);
        let mut category = None;
        if let Some(Inline::Text { text, span: tspan }) = title.first_mut()
            && let Some(rest) = text.strip_prefix('【')
        {
            match rest.find('】') {
                Some(end) => {
                    let tag = rest[..end].trim().to_string();
                    if tag.is_empty() {
                        let s = *tspan;
                        self.error(s, "empty category tag")
                            .label("nothing between `【` and `】`")
                            .hint("write the category, e.g. 【시장분석】, or remove the brackets");
                    }
                    category = Some(tag);
                    *text = rest[end + '】'.len_utf8()..].trim_start().to_string();
                }
                None => {
                    let s = *tspan;
                    self.error(s, "unclosed category tag")
                        .label("`【` without `】`")
                        .hint("write the tag as 【시장분석】 at the start of the title");
                }
            }
        }
        if matches!(title.first(), Some(Inline::Text { text, .. }) if text.is_empty()) {
            title.remove(0);
        }
        if crate::model::plain_text(&title).trim().is_empty() {
            self.error(span, "article without a title")
                .hint("write the title after `## `");
        }
        if let Some(Inline::Text { text, span }) = title.first() {
            let t = text.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            // One or two digits: a year (`2023. …`) is not an article number.
            if (1..=2).contains(&digits) && t[digits..].starts_with(". ") {
                let s = *span;
                self.diags.push(
                    Diagnostic::warning(s, "article titles are numbered automatically")
                        .with_label("this looks like a typed number")
                        .with_hint(format!("remove `{}. ` from the title", &t[..digits])),
                );
            }
        }
        Article {
            number: 0,
            category,
            title,
            source: None,
            blocks: vec![],
            span,
        }
    }

    /// A paragraph starting with `—`: its content without the dash.
    fn dash_line(&mut self, node: &Node) -> Option<Vec<Inline>> {
        if node.kind != NodeKind::Paragraph {
            return None;
        }
        let first = node.children.first()?;
        let NodeKind::Text(t) = &first.kind else {
            return None;
        };
        if !t.starts_with('—') {
            return None;
        }
        let mut content = self.inlines(&node.children);
        strip_prefix_inline(&mut content, "—");
        Some(content)
    }

    /// Converts one block of an article. Returns the block (if valid) and
    /// whether `next` was consumed with it (a table's caption, a source list).
    fn block(
        &mut self,
        node: &Node,
        next: Option<&Node>,
        numbers: &mut Numbers,
        after_subhead: bool,
    ) -> (Option<Block>, bool) {
        let span = self.span(node);
        let kind = match &node.kind {
            NodeKind::Heading(level @ 3..=5) => BlockKind::Subhead {
                level: level - 2,
                content: self.inlines(&node.children),
            },
            NodeKind::Heading(level) => {
                let span = self.span(node);
                self.error(span, format!("level-{level} heading is too deep"))
                    .label("sub-heads go down to level 5 (`#####`)")
                    .hint("use `###` for 1) sub-heads, `####` for ①, `#####` below");
                return (None, false);
            }
            NodeKind::Paragraph => return self.paragraph(node, next, numbers, after_subhead),
            NodeKind::List(_) => BlockKind::List(self.list(node)),
            NodeKind::BlockQuote => {
                let mut paragraphs = vec![];
                for child in &node.children {
                    match child.kind {
                        NodeKind::Paragraph => paragraphs.push(self.inlines(&child.children)),
                        _ => self.unsupported(child, "inside an editor's note"),
                    }
                }
                BlockKind::EditorNote { paragraphs }
            }
            NodeKind::Table(_) => {
                // `표:` on the line right under the table (no blank line) is
                // read by GFM as one more row; it is the caption all the same.
                let lazy = node.children.last().filter(|row| self.is_caption_row(row));
                let mut table = self.table(node, lazy.is_some());
                let mut used = false;
                if let Some(row) = lazy {
                    if let Some(cap) = self.caption_of(&row.children[0].children, "표:") {
                        numbers.tables += 1;
                        table.caption = Some((numbers.tables, cap));
                    }
                } else if let Some(next) = next
                    && let Some(cap) = self.caption_prefix(next, "표:")
                {
                    numbers.tables += 1;
                    table.caption = Some((numbers.tables, cap));
                    used = true;
                }
                let span = match (used, next) {
                    (true, Some(n)) => span.to(self.span(n)),
                    _ => span,
                };
                return (
                    Some(Block {
                        kind: BlockKind::Table(table),
                        span,
                    }),
                    used,
                );
            }
            _ => {
                self.unsupported(node, "");
                return (None, false);
            }
        };
        (Some(Block { kind, span }), false)
    }

    fn paragraph(
        &mut self,
        node: &Node,
        next: Option<&Node>,
        numbers: &mut Numbers,
        after_subhead: bool,
    ) -> (Option<Block>, bool) {
        let span = self.span(node);
        // A figure: optional image, a break, then `사진:` or `표:`.
        let (image, rest) = match node.children.first() {
            Some(Node {
                kind: NodeKind::Image(_),
                ..
            }) => {
                let img = self.image(&node.children[0]);
                let rest_start = node.children[1..]
                    .iter()
                    .position(|n| !matches!(n.kind, NodeKind::SoftBreak | NodeKind::HardBreak))
                    .map_or(node.children.len(), |p| p + 1);
                (img, &node.children[rest_start..])
            }
            _ => (None, &node.children[..]),
        };
        for (prefix, kind) in [("사진:", FigureKind::Photo), ("표:", FigureKind::Table)] {
            if let Some(caption) = self.caption_of(rest, prefix) {
                let number = match kind {
                    FigureKind::Photo => {
                        numbers.photos += 1;
                        numbers.photos
                    }
                    FigureKind::Table => {
                        numbers.tables += 1;
                        numbers.tables
                    }
                };
                let fig = Figure {
                    kind,
                    number,
                    image,
                    caption,
                };
                return (
                    Some(Block {
                        kind: BlockKind::Figure(fig),
                        span,
                    }),
                    false,
                );
            }
        }
        if let Some(img) = &node
            .children
            .first()
            .filter(|n| matches!(n.kind, NodeKind::Image(_)))
        {
            let s = self.span(img);
            self.error(s, "a picture needs a caption")
                .label("no `사진:` or `표:` line follows this image")
                .hint("put `사진: 출처: …` on the line right under the image");
            return (None, false);
        }
        // A source list: `출처:` alone, then a numbered list.
        let plain = node_plain(node);
        if let Some(rest_text) = plain.trim().strip_prefix("출처:") {
            if rest_text.trim().is_empty() {
                if let Some(
                    list @ Node {
                        kind: NodeKind::List(Some(_)),
                        ..
                    },
                ) = next
                {
                    let items = list
                        .children
                        .iter()
                        .map(|item| {
                            let inl: Vec<&Node> = item
                                .children
                                .iter()
                                .flat_map(|c| {
                                    if c.kind == NodeKind::Paragraph {
                                        c.children.iter().collect::<Vec<_>>()
                                    } else {
                                        vec![c]
                                    }
                                })
                                .collect();
                            self.inline_refs(&inl)
                        })
                        .collect();
                    let span = span.to(self.span(list));
                    let kind = BlockKind::Sources {
                        items,
                        numbered: true,
                    };
                    return (Some(Block { kind, span }), true);
                }
                self.error(span, "`출처:` without sources")
                    .label("a numbered list of sources should follow")
                    .hint("write the sources as `1. …` lines right under `출처:`");
                return (None, false);
            }
            let mut content = self.inlines(&node.children);
            strip_prefix_inline(&mut content, "출처:");
            let kind = BlockKind::Sources {
                items: vec![content],
                numbered: false,
            };
            return (Some(Block { kind, span }), false);
        }
        if after_subhead && let Some(content) = self.dash_line(node) {
            return (
                Some(Block {
                    kind: BlockKind::Attribution { content },
                    span,
                }),
                false,
            );
        }
        let content = self.inlines(&node.children);
        (
            Some(Block {
                kind: BlockKind::Paragraph { content },
                span,
            }),
            false,
        )
    }

    /// The caption of a paragraph node that starts with `prefix`.
    fn caption_prefix(&mut self, node: &Node, prefix: &str) -> Option<Vec<Inline>> {
        if node.kind != NodeKind::Paragraph {
            return None;
        }
        self.caption_of(&node.children, prefix)
    }

    fn caption_of(&mut self, nodes: &[Node], prefix: &str) -> Option<Vec<Inline>> {
        let NodeKind::Text(t) = &nodes.first()?.kind else {
            return None;
        };
        if !t.starts_with(prefix) {
            return None;
        }
        let mut content = self.inlines(nodes);
        strip_prefix_inline(&mut content, prefix);
        if crate::model::plain_text(&content).trim().is_empty() {
            let span = self
                .files
                .span(self.file, nodes[0].range.start, nodes[0].range.end);
            self.error(span, format!("`{prefix}` without a caption"))
                .label("the caption is empty")
                .hint(format!(
                    "write where the picture comes from after `{prefix}`, e.g. `{prefix} 출처: …`"
                ));
        }
        Some(content)
    }

    fn image(&mut self, node: &Node) -> Option<Image> {
        let NodeKind::Image(url) = &node.kind else {
            return None;
        };
        let span = self.span(node);
        let alt = crate::model::plain_text(&self.inlines(&node.children));
        let bad = url.is_empty()
            || url.contains("://")
            || url.starts_with('/')
            || url.contains('\\')
            || url.split('/').any(|c| c == ".." || c == ".")
            || !url.starts_with("images/");
        if bad {
            self.error(
                span,
                format!("image `{url}` is not in the issue's images/ folder"),
            )
            .label("images are given as `images/<file>`")
            .hint("copy the picture into issues/<number>/images/ and write `images/<file>`");
            return None;
        }
        let lower = url.to_ascii_lowercase();
        if !(lower.ends_with(".png") || lower.ends_with(".jpg") || lower.ends_with(".jpeg")) {
            self.error(span, format!("image `{url}` is not a PNG or JPEG"))
                .hint("convert the picture to PNG or JPEG");
            return None;
        }
        Some(Image {
            path: url.clone(),
            alt,
            span,
            data: None,
        })
    }

    fn list(&mut self, node: &Node) -> List {
        let NodeKind::List(start) = node.kind else {
            unreachable!("called on lists")
        };
        let style = match start {
            None => ListStyle::Bullet,
            Some(_) => {
                let text = &self.files.get(self.file).text;
                let at = node.range.start.min(text.len());
                let marker = text[at..]
                    .trim_start()
                    .trim_start_matches(|c: char| c.is_ascii_digit());
                if marker.starts_with(')') {
                    ListStyle::Circled
                } else {
                    ListStyle::Numbered
                }
            }
        };
        let mut items = vec![];
        for item in &node.children {
            let span = self.span(item);
            let mut blocks = vec![];
            let mut pending: Vec<&Node> = vec![];
            for child in &item.children {
                if child.is_inline() {
                    pending.push(child);
                    continue;
                }
                self.flush_inline(&mut pending, &mut blocks);
                match child.kind {
                    NodeKind::Paragraph => {
                        let span = self.span(child);
                        let content = self.inlines(&child.children);
                        blocks.push(Block {
                            kind: BlockKind::Paragraph { content },
                            span,
                        });
                    }
                    NodeKind::List(_) => {
                        let span = self.span(child);
                        blocks.push(Block {
                            kind: BlockKind::List(self.list(child)),
                            span,
                        });
                    }
                    _ => self.unsupported(child, "inside a list"),
                }
            }
            self.flush_inline(&mut pending, &mut blocks);
            items.push(ListItem { blocks, span });
        }
        let start = start.unwrap_or(1).min(u32::MAX as u64) as u32;
        if style == ListStyle::Circled && start as usize + items.len() > 21 {
            let span = self.span(node);
            self.error(span, "circled lists go up to ⑳")
                .hint("use `1.` markers for longer lists");
        }
        List {
            style,
            start,
            items,
        }
    }

    fn flush_inline(&mut self, pending: &mut Vec<&Node>, blocks: &mut Vec<Block>) {
        if pending.is_empty() {
            return;
        }
        let span = self.files.span(
            self.file,
            pending[0].range.start,
            pending.last().expect("non-empty").range.end,
        );
        let content = self.inline_refs(pending);
        blocks.push(Block {
            kind: BlockKind::Paragraph { content },
            span,
        });
        pending.clear();
    }

    /// A table row that is a line without pipes starting with `표:`.
    fn is_caption_row(&self, row: &Node) -> bool {
        let text = &self.files.get(self.file).text;
        let first = row.children.first().and_then(|cell| cell.children.first());
        row.kind == NodeKind::TableRow
            && !text[row.range.clone()].contains('|')
            && matches!(first, Some(Node { kind: NodeKind::Text(t), .. }) if t.starts_with("표:"))
    }

    /// The table of `node`, without its last row if `skip_last`.
    fn table(&mut self, node: &Node, skip_last: bool) -> Table {
        let NodeKind::Table(al) = &node.kind else {
            unreachable!("called on tables")
        };
        let align = al
            .iter()
            .map(|a| match a {
                pulldown_cmark::Alignment::None => Align::None,
                pulldown_cmark::Alignment::Left => Align::Left,
                pulldown_cmark::Alignment::Center => Align::Center,
                pulldown_cmark::Alignment::Right => Align::Right,
            })
            .collect();
        let mut header = vec![];
        let mut rows = vec![];
        let keep = node.children.len() - usize::from(skip_last);
        for child in &node.children[..keep] {
            match child.kind {
                NodeKind::TableHead => header = self.cells(&child.children),
                NodeKind::TableRow => rows.push(self.cells(&child.children)),
                _ => {}
            }
        }
        Table {
            align,
            header,
            rows,
            caption: None,
        }
    }

    fn cells(&mut self, nodes: &[Node]) -> Vec<Cell> {
        let mut out = vec![];
        for n in nodes {
            match n.kind {
                NodeKind::TableCell => out.push(Cell {
                    content: self.inlines(&n.children),
                    span: self.span(n),
                }),
                NodeKind::TableRow => out.extend(self.cells(&n.children)),
                _ => {}
            }
        }
        out
    }

    fn inlines(&mut self, nodes: &[Node]) -> Vec<Inline> {
        let refs: Vec<&Node> = nodes.iter().collect();
        self.inline_refs(&refs)
    }

    fn inline_refs(&mut self, nodes: &[&Node]) -> Vec<Inline> {
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

    fn unsupported(&mut self, node: &Node, context: &str) {
        let span = self.span(node);
        let what = match node.kind {
            NodeKind::Unsupported(w) => w,
            NodeKind::BlockQuote => "a block quote",
            NodeKind::Table(_) => "a table",
            NodeKind::Heading(_) => "a heading",
            NodeKind::List(_) => "a list",
            _ => "this construct",
        };
        let hint = match what {
            "raw HTML" => "use Markdown instead: **bold** for <b>, a line ending in `\\` for <br>",
            "a horizontal rule" => "remove it: parts and articles are separated automatically",
            "an underlined heading" => {
                "a `---` or `===` line right under text makes it a heading: write headings \
                 with `#`, and leave out horizontal rules"
            }
            "inline code" | "a code block" => "write it as plain text",
            "a footnote" | "a footnote reference" => {
                "use an editor's note (`> term 편집자 주: …`) and mark the place with `\\*`"
            }
            _ => "see docs/format.md for what an article may contain",
        };
        let ctx = if context.is_empty() {
            String::new()
        } else {
            format!(" {context}")
        };
        self.error(span, format!("{what} is not supported{ctx}"))
            .label("not allowed in an issue")
            .hint(hint);
    }
}

fn close_article(parts: &mut [OpenPart], article: &mut Option<(Article, Numbers)>) {
    if let Some((mut a, _)) = article.take()
        && let Some(p) = parts.last_mut()
    {
        a.number = p.part.articles.len() as u32 + 1;
        p.part.articles.push(a);
    }
}

/// Removes `prefix` (and the spaces after it) from the first text inline,
/// or the first bold or emphasised inline if it is just the prefix
/// (`**출처:** …`).
fn strip_prefix_inline(content: &mut Vec<Inline>, prefix: &str) {
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

fn node_plain(node: &Node) -> String {
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
