//! Drives layout: body flow → pages, then the contents with the body's
//! real page numbers, relaid until its own length stops shifting them.

use crate::diag::{Diagnostics, Warned};
use crate::fonts::FontBook;
use crate::model::{Issue, plain_text};
use crate::template::Template;

use super::blocks::{Anchor, FlowBuilder};
use super::furniture::{self, TocTargets};
use super::paginate::paginate;
use super::style::Ctx;
use super::{Document, OutlineEntry, Page};

/// Contents passes before giving up on stable page numbers (typst: five).
const MAX_PASSES: u32 = 5;

/// The body's flow and logical blocks, part by part.
fn body_flow(
    ctx: &mut Ctx,
    issue: &Issue,
    template: &Template,
) -> (Vec<super::blocks::Flow>, Vec<super::LogicalBlock>) {
    let mut fb = FlowBuilder::new(ctx);
    for (pi, part) in issue.parts.iter().enumerate() {
        let label = template
            .parts
            .get(part.index)
            .map(|p| p.label.clone())
            .unwrap_or_default();
        fb.part(pi, part, &label);
    }
    (std::mem::take(&mut fb.flow), std::mem::take(&mut fb.blocks))
}

/// Lays out an issue.
pub fn layout(issue: &Issue, template: &Template, book: &FontBook) -> Warned<Document> {
    let mut ctx = Ctx::new(template, book);
    // Two passes over the body: the first only records what text it will
    // set, which is then shaped and broken on all cores; the second lays
    // out with that text ready. (Requests the first pass could not foresee,
    // such as table cells sized by their content, are set as they come.)
    ctx.recording = Some(Vec::new());
    body_flow(&mut ctx, issue, template);
    ctx.prepare_recorded();
    ctx.urls.clear();
    let (flow, blocks) = body_flow(&mut ctx, issue, template);
    let placements = paginate(&flow, ctx.body_h);

    // Where each part and article landed: body page index and y.
    let mut part_at = vec![(0usize, 0.0f32); issue.parts.len()];
    let mut article_at: Vec<Vec<(usize, f32)>> = issue
        .parts
        .iter()
        .map(|p| vec![(0, 0.0); p.articles.len()])
        .collect();
    for (pi, page) in placements.iter().enumerate() {
        for &(k, y) in &page.elements {
            match flow[k].anchor {
                Some(Anchor::Part(p)) => part_at[p] = (pi, y),
                Some(Anchor::Article(p, a)) => article_at[p][a] = (pi, y),
                None => {}
            }
        }
    }
    let folio = |body_page: usize| body_page as u32 + 1;
    let top = ctx.top;
    let targets = |toc_len: usize| {
        let first_body = 1 + toc_len;
        TocTargets {
            parts: part_at
                .iter()
                .map(|&(p, y)| (first_body + p, top + y))
                .collect(),
            articles: article_at
                .iter()
                .map(|v| v.iter().map(|&(p, y)| (first_body + p, top + y)).collect())
                .collect(),
            folios: article_at
                .iter()
                .map(|v| v.iter().map(|&(p, _)| folio(p)).collect())
                .collect(),
        }
    };
    let part_name = |pi: usize| {
        let part = issue.parts.get(placements[pi].part);
        part.map(|p| p.name.clone()).unwrap_or_default()
    };

    // The furniture's text, like the body's: a dry run records it, all
    // cores set it, then the real run lays it out. (A contents longer than
    // one page changes its page numbers; those few are set as they come.)
    ctx.recording = Some(Vec::new());
    let urls = ctx.urls.len();
    furniture::contents(&mut ctx, issue, &targets(1), &mut blocks.clone());
    furniture::cover(&mut ctx, issue);
    for pi in 0..placements.len() {
        furniture::running(&mut ctx, issue, &part_name(pi), folio(pi));
    }
    furniture::back_cover(&mut ctx, issue, &mut blocks.clone());
    ctx.urls.truncate(urls);
    ctx.prepare_recorded();

    // Contents: lay out, check its length, lay out again if it changed.
    let mut toc_len = 1usize;
    let mut passes = 0;
    let mut toc_blocks;
    let toc = loop {
        passes += 1;
        toc_blocks = blocks.clone();
        let pages = furniture::contents(&mut ctx, issue, &targets(toc_len), &mut toc_blocks);
        if pages.len() == toc_len || passes >= MAX_PASSES {
            break pages;
        }
        toc_len = pages.len();
    };
    let mut blocks = toc_blocks;
    let first_body = 1 + toc.len();

    let mut pages: Vec<Page> = vec![furniture::cover(&mut ctx, issue)];
    pages.extend(toc);
    for (pi, placement) in placements.iter().enumerate() {
        let mut page = Page {
            items: vec![],
            links: vec![],
            folio: Some(folio(pi)),
        };
        for &(k, y) in &placement.elements {
            for item in &flow[k].items {
                let mut item = item.clone();
                item.shift(ctx.left, ctx.top + y);
                page.items.push(item);
            }
            for l in &flow[k].links {
                let mut l = l.clone();
                l.x += ctx.left;
                l.y += ctx.top + y;
                page.links.push(l);
            }
        }
        page.items.extend(furniture::running(
            &mut ctx,
            issue,
            &part_name(pi),
            folio(pi),
        ));
        pages.push(page);
    }
    pages.push(furniture::back_cover(&mut ctx, issue, &mut blocks));

    let outline = issue
        .parts
        .iter()
        .enumerate()
        .map(|(pi, part)| OutlineEntry {
            title: part.name.clone(),
            page: first_body + part_at[pi].0,
            y: ctx.top + part_at[pi].1,
            children: part
                .articles
                .iter()
                .enumerate()
                .map(|(ai, a)| {
                    let mut title = format!("{}. ", a.number);
                    if let Some(c) = &a.category {
                        title.push_str(&format!("【{c}】 "));
                    }
                    title.push_str(plain_text(&a.title).trim());
                    OutlineEntry {
                        title,
                        page: first_body + article_at[pi][ai].0,
                        y: ctx.top + article_at[pi][ai].1,
                        children: vec![],
                    }
                })
                .collect(),
        })
        .collect();
    let warnings: Diagnostics = std::mem::take(&mut ctx.warnings);
    let f = &issue.front;
    Warned {
        value: Document {
            width: ctx.page_w,
            height: ctx.page_h,
            pages,
            outline,
            blocks,
            title: format!("{} {} 편", f.title, f.number),
            author: format!("{} {}", f.publisher.name, f.publisher.organization),
            date: f.date,
            toc_passes: passes,
            text_wall: ctx.text_wall,
            shaping: ctx.shaping,
            breaking: ctx.breaking,
        },
        warnings,
    }
}
