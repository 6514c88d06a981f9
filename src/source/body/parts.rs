//! The top level of the body: part headings, checked against the
//! template's parts and their order; article headings with their category
//! tag and `—` source line; and which article each other block belongs to.

use crate::diag::Span;
use crate::model::{Article, Block, BlockKind, Inline, Part};

use super::inlines::strip_prefix_inline;
use super::raw::Furniture;
use super::{BodyParser, Node, NodeKind, Numbers};

/// An open part: `valid` is false when the heading was rejected, so that
/// its articles are still checked but not reported again as outside a part.
struct OpenPart {
    part: Part,
    valid: bool,
}

/// The parts read so far and the article still open.
#[derive(Default)]
struct Walk {
    parts: Vec<OpenPart>,
    article: Option<(Article, Numbers)>,
    /// Text outside an article was reported since the last heading.
    stray_reported: bool,
}

impl Walk {
    fn valid_parts(&self) -> usize {
        self.parts.iter().filter(|p| p.valid).count()
    }

    /// Numbers the open article and adds it to the last part.
    fn close_article(&mut self) {
        if let Some((mut a, _)) = self.article.take()
            && let Some(p) = self.parts.last_mut()
        {
            a.number = p.part.articles.len() as u32 + 1;
            p.part.articles.push(a);
        }
    }
}

impl BodyParser<'_> {
    /// Reads the body: parts and their articles, in order. Parts with a
    /// rejected heading are left out (their errors are reported).
    pub fn parse(&mut self, root: &Node) -> Vec<Part> {
        let names = self.template.part_names();
        let mut walk = Walk::default();
        let nodes = &root.children;
        let mut i = 0;
        while i < nodes.len() {
            let (node, next) = (&nodes[i], nodes.get(i + 1));
            let first_in_part = walk.article.is_none() && !walk.parts.is_empty();
            let used_next = match node.kind {
                NodeKind::Heading(_) if let Some(name) = self.part_name_of(node, &names) => {
                    self.misleveled_part(node, name);
                    self.part_heading(node, Some(name), &mut walk, &names);
                    false
                }
                NodeKind::Heading(1)
                    if let Some(kind) = self.furniture_kind(node, walk.valid_parts(), &names) =>
                {
                    walk.close_article();
                    i = self.skip_furniture(root, i, kind, &names);
                    continue;
                }
                NodeKind::Heading(1) => {
                    self.part_heading(node, None, &mut walk, &names);
                    false
                }
                NodeKind::Heading(2)
                    if walk.article.is_some() && self.labelled(node, &mut walk) =>
                {
                    false
                }
                NodeKind::Heading(2) => self.article_start(node, next, &mut walk, &names),
                NodeKind::Heading(3..) if self.deep_article(node, first_in_part) => {
                    self.article_start(node, next, &mut walk, &names)
                }
                _ => self.article_content(node, next, &mut walk),
            };
            i += if used_next { 2 } else { 1 };
        }
        walk.close_article();
        self.check_parts_complete(&walk.parts, &names, root);
        self.check_articles_have_text(&walk.parts);
        walk.parts
            .into_iter()
            .filter(|p| p.valid)
            .map(|p| p.part)
            .collect()
    }

    /// A typed cover, contents page or back cover starting at node `i`:
    /// reported once; its stretch, up to the next part heading, is not
    /// read. The index of the node after it.
    fn skip_furniture(&mut self, root: &Node, i: usize, kind: Furniture, names: &[&str]) -> usize {
        let nodes = &root.children;
        let j = (i + 1..nodes.len())
            .find(|&j| {
                let n = &nodes[j];
                n.kind == NodeKind::Heading(1)
                    || (matches!(n.kind, NodeKind::Heading(_))
                        && self.part_name_of(n, names).is_some())
            })
            .unwrap_or(nodes.len());
        let end = nodes.get(j).map_or(root.range.end, |n| n.range.start);
        self.furniture(&nodes[i], kind, end);
        j
    }

    /// An article with nothing under its title would print a heading alone
    /// (at worst at a page foot): an error at its title.
    fn check_articles_have_text(&mut self, parts: &[OpenPart]) {
        for a in parts.iter().flat_map(|p| &p.part.articles) {
            if a.blocks.is_empty() {
                let title = crate::model::plain_text(&a.title);
                self.error(
                    a.span,
                    format!("the article `{}` has no text", title.trim()),
                )
                .hint("write the article under its `##` title, or delete the title");
            }
        }
    }

    /// A level-2 heading labelled `2)` or `②` in an open article: read as
    /// the sub-head it is (reported, with the fix). False if unlabelled.
    fn labelled(&mut self, node: &Node, walk: &mut Walk) -> bool {
        let Some((a, _)) = walk.article.as_mut() else {
            return false;
        };
        let under_numbered = a
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Subhead { level: 1, .. }));
        let Some(level) = self.misleveled_subhead(node, under_numbered) else {
            return false;
        };
        let content = super::inlines::label_space(self.heading_inlines(&node.children));
        let span = self.span(node);
        let Some((a, _)) = walk.article.as_mut() else {
            return false;
        };
        a.span = a.span.to(span);
        a.blocks.push(Block {
            kind: BlockKind::Subhead {
                level: level - 2,
                content,
            },
            span,
        });
        true
    }

    /// A part heading: closes the open article and opens a part, valid
    /// if the template names it and it comes in order. `name` is the
    /// template's name for a heading that was recognised as a part's.
    fn part_heading(&mut self, node: &Node, name: Option<&str>, walk: &mut Walk, names: &[&str]) {
        walk.close_article();
        walk.stray_reported = false;
        let name = match name {
            Some(n) => n.to_string(),
            None => self.heading_plain(node),
        };
        let span = self.heading_text_span(node);
        let valid = self.check_part(&name, span, &walk.parts, names);
        let index = names.iter().position(|n| *n == name).unwrap_or(usize::MAX);
        walk.parts.push(OpenPart {
            part: Part {
                name,
                index,
                articles: vec![],
                span,
            },
            valid,
        });
    }

    /// A level-2 heading: closes the open article and opens the next, with
    /// the source line if `next` is one (then it is used).
    fn article_start(
        &mut self,
        node: &Node,
        next: Option<&Node>,
        walk: &mut Walk,
        names: &[&str],
    ) -> bool {
        walk.close_article();
        walk.stray_reported = false;
        if walk.parts.is_empty() {
            let span = self.heading_text_span(node);
            self.error(span, "article outside a part")
                .label("this article comes before the first part")
                .hint(format!(
                    "put a part heading above it, e.g. `# {}`",
                    names.first().copied().unwrap_or("WEEKLY 뉴스")
                ));
        }
        let mut article = self.article_heading(node);
        self.title_number(node);
        // The source line, if any, directly follows the title.
        let source = next.and_then(|next| Some((next, self.dash_line(next)?)));
        let used_next = source.is_some();
        if !used_next {
            self.title_source(node);
        }
        if let Some((next, source)) = source {
            article.source = Some(source);
            article.span = article.span.to(self.span(next));
        }
        walk.article = Some((article, Numbers::default()));
        used_next
    }

    /// Any other top-level node: a block of the open article. Outside an
    /// article it is an error (once per stretch), still checked inside.
    fn article_content(&mut self, node: &Node, next: Option<&Node>, walk: &mut Walk) -> bool {
        let Some((a, numbers)) = walk.article.as_mut() else {
            if !walk.stray_reported {
                walk.stray_reported = true;
                let span = self.span(node);
                let first = self
                    .template
                    .part_names()
                    .first()
                    .copied()
                    .unwrap_or("WEEKLY 뉴스");
                let (msg, hint) = if walk.parts.is_empty() {
                    (
                        "text before the first part",
                        format!(
                            "start a part with `# {first}` above it, then an article with `## title`; \
                             or delete it if it is a hand-typed cover or contents (they are generated)"
                        ),
                    )
                } else {
                    (
                        "text outside an article",
                        "start an article with a `## title` heading above it".to_string(),
                    )
                };
                self.error(span, msg)
                    .label("this belongs to no article")
                    .hint(hint);
            }
            // Still report what is wrong inside it.
            let mut scratch = Numbers::default();
            let _ = self.block(node, None, &mut scratch, false);
            return false;
        };
        let prev_is_subhead = matches!(
            a.blocks.last(),
            Some(Block {
                kind: BlockKind::Subhead { .. },
                ..
            })
        );
        let (block, used_next) = self.block(node, next, numbers, prev_is_subhead);
        if let Some(block) = block {
            a.span = a.span.to(block.span);
            a.blocks.push(block);
        }
        used_next
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
        crate::model::plain_text(&self.heading_inlines(&node.children))
            .trim()
            .to_string()
    }

    fn article_heading(&mut self, node: &Node) -> Article {
        let span = self.span(node);
        let mut title = self.heading_inlines(&node.children);
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
    pub(super) fn dash_line(&mut self, node: &Node) -> Option<Vec<Inline>> {
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
}
