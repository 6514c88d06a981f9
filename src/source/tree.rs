//! pulldown-cmark's flat event stream folded into a small tree of nodes
//! with byte ranges, so the interpreter in `body/` can look ahead and
//! around (a caption after a table, a list after `출처:`).
//!
//! Everything pulldown-cmark can produce but the format does not allow is
//! kept as an [`NodeKind::Unsupported`] node, to be reported with its place.
//!
//! The text parsed is the body as `paste.rs` rewrote it; every range is
//! mapped back to the file.

use std::ops::Range;

use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::paste::Rewritten;

/// Nesting deeper than this is not a newsletter; refusing it keeps the
/// interpreter's recursion (and the tree's drop) shallow.
pub const MAX_DEPTH: usize = 24;

#[derive(Debug)]
pub struct Node {
    pub kind: NodeKind,
    /// Byte range in the whole file.
    pub range: Range<usize>,
    pub children: Vec<Node>,
}

#[derive(Debug, PartialEq)]
pub enum NodeKind {
    Root,
    Paragraph,
    Heading(u8),
    BlockQuote,
    List(Option<u64>),
    Item,
    Table(Vec<Alignment>),
    TableHead,
    TableRow,
    TableCell,
    Strong,
    Emphasis,
    Link(String),
    Image(String),
    Text(String),
    SoftBreak,
    HardBreak,
    /// Lines indented by a tab or four spaces: code to Markdown, a pasted
    /// first-line indent to its author. `paste.rs` takes the indents out
    /// and the body is parsed again; one left after that is refused.
    IndentedCode,
    /// Something in angle brackets that HTML would read as a tag but no
    /// HTML element is called (`<Forbes>`, a title as Korean text writes
    /// it): text, reported.
    LiteralTag(String),
    /// A construct the format does not allow, named for the error message.
    Unsupported(&'static str),
}

impl Node {
    pub fn is_inline(&self) -> bool {
        matches!(
            self.kind,
            NodeKind::Strong
                | NodeKind::Emphasis
                | NodeKind::Link(_)
                | NodeKind::Image(_)
                | NodeKind::Text(_)
                | NodeKind::SoftBreak
                | NodeKind::HardBreak
                | NodeKind::LiteralTag(_)
        ) || matches!(self.kind, NodeKind::Unsupported(w) if UNSUPPORTED_INLINE.contains(&w))
    }
}

const UNSUPPORTED_INLINE: [&str; 5] = [
    "raw HTML",
    "inline code",
    "a footnote reference",
    "strikethrough",
    "a task-list checkbox",
];

/// Parses the rewritten `body` into a tree with file ranges. `Err(offset)`
/// when the nesting is deeper than [`MAX_DEPTH`].
pub fn build(rewritten: &Rewritten) -> Result<Node, usize> {
    let body = rewritten.text.as_str();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_TASKLISTS;
    let mut stack = vec![Node {
        kind: NodeKind::Root,
        range: rewritten.to_file(0)..rewritten.to_file(body.len()),
        children: vec![],
    }];
    for (event, r) in Parser::new_ext(body, opts).into_offset_iter() {
        let range = rewritten.to_file(r.start)..rewritten.to_file(r.end);
        match event {
            Event::Start(tag) => {
                if stack.len() > MAX_DEPTH {
                    return Err(range.start);
                }
                let kind = match tag {
                    // Only `#` headings: a `---` or `===` line under text
                    // would silently make that text an article or a part.
                    Tag::Heading { .. }
                        if !body[r.start..].trim_start_matches(' ').starts_with('#') =>
                    {
                        NodeKind::Unsupported("an underlined heading")
                    }
                    tag => start_kind(tag),
                };
                stack.push(Node {
                    kind,
                    range,
                    children: vec![],
                });
            }
            Event::End(end) => {
                let node = stack.pop().expect("pulldown-cmark balances tags");
                debug_assert!(ends(&node.kind, end));
                stack.last_mut().expect("root stays").children.push(node);
            }
            leaf => {
                let kind = match leaf {
                    Event::Text(t) => NodeKind::Text(t.into_string()),
                    Event::SoftBreak => NodeKind::SoftBreak,
                    Event::HardBreak => NodeKind::HardBreak,
                    Event::Code(_) => NodeKind::Unsupported("inline code"),
                    Event::InlineHtml(tag) if !is_html(&tag) => {
                        NodeKind::LiteralTag(tag.into_string())
                    }
                    Event::Html(_) | Event::InlineHtml(_) => NodeKind::Unsupported("raw HTML"),
                    Event::FootnoteReference(_) => NodeKind::Unsupported("a footnote reference"),
                    Event::TaskListMarker(_) => NodeKind::Unsupported("a task-list checkbox"),
                    Event::Rule => NodeKind::Unsupported("a horizontal rule"),
                    _ => NodeKind::Unsupported("math"),
                };
                let top = stack.last_mut().expect("root stays");
                // pulldown-cmark splits text at escapes and entities; merge.
                if let (NodeKind::Text(new), Some(last)) = (&kind, top.children.last_mut())
                    && let NodeKind::Text(prev) = &mut last.kind
                    && last.range.end == range.start
                {
                    prev.push_str(new);
                    last.range.end = range.end;
                    continue;
                }
                top.children.push(Node {
                    kind,
                    range,
                    children: vec![],
                });
            }
        }
    }
    Ok(stack.pop().expect("root"))
}

fn start_kind(tag: Tag) -> NodeKind {
    match tag {
        Tag::Paragraph => NodeKind::Paragraph,
        Tag::Heading { level, .. } => NodeKind::Heading(heading_level(level)),
        Tag::BlockQuote(_) => NodeKind::BlockQuote,
        Tag::List(start) => NodeKind::List(start),
        Tag::Item => NodeKind::Item,
        Tag::Table(al) => NodeKind::Table(al),
        Tag::TableHead => NodeKind::TableHead,
        Tag::TableRow => NodeKind::TableRow,
        Tag::TableCell => NodeKind::TableCell,
        Tag::Strong => NodeKind::Strong,
        Tag::Emphasis => NodeKind::Emphasis,
        Tag::Link {
            link_type,
            dest_url,
            ..
        } => {
            let url = dest_url.into_string();
            match link_type {
                LinkType::Email if !url.starts_with("mailto:") => {
                    NodeKind::Link(format!("mailto:{url}"))
                }
                _ => NodeKind::Link(url),
            }
        }
        Tag::Image { dest_url, .. } => NodeKind::Image(dest_url.into_string()),
        Tag::CodeBlock(CodeBlockKind::Indented) => NodeKind::IndentedCode,
        Tag::CodeBlock(CodeBlockKind::Fenced(_)) => NodeKind::Unsupported("a code block"),
        Tag::HtmlBlock => NodeKind::Unsupported("raw HTML"),
        Tag::FootnoteDefinition(_) => NodeKind::Unsupported("a footnote"),
        Tag::Strikethrough => NodeKind::Unsupported("strikethrough"),
        _ => NodeKind::Unsupported("this Markdown construct"),
    }
}

fn ends(kind: &NodeKind, end: TagEnd) -> bool {
    !matches!(
        (kind, end),
        (NodeKind::Paragraph, TagEnd::Heading(_)) | (NodeKind::Heading(_), TagEnd::Paragraph)
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whether an inline tag is one HTML has: a comment, a declaration, or an
/// element HTML (or Word's HTML, `<o:p>`) knows, or a custom element (a
/// name with `-`). `<Forbes>`, `<The Economist>` are not.
pub fn is_html(tag: &str) -> bool {
    let inner = tag.trim_start_matches('<').trim_start_matches('/');
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':'))
        .collect::<String>()
        .to_ascii_lowercase();
    name.is_empty() || name.contains([':', '-']) || HTML_ELEMENTS.contains(&name.as_str())
}

/// The elements of HTML, current and obsolete, that a pasted page may carry.
#[rustfmt::skip]
const HTML_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "address", "applet", "area", "article", "aside",
    "audio", "b", "base", "basefont", "bdi", "bdo", "big", "blink", "blockquote", "body", "br",
    "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data",
    "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
    "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe",
    "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark",
    "marquee", "math", "menu", "meta", "meter", "nav", "nobr", "noscript", "object", "ol",
    "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp", "rt",
    "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small", "source",
    "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td",
    "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u",
    "ul", "var", "video", "wbr", "xmp",
];
