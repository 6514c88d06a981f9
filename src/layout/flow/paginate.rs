//! Flow elements → pages. Greedy filling with look-back: when an element does not
//! fit, the page ends at the latest earlier place where a break is allowed
//! (not after a heading, not leaving fewer than two lines of a paragraph on
//! either side). When no such place exists on the page, it breaks where
//! the space ran out: the page is still filled sensibly.

use super::blocks::Element;

/// One body page: which flow elements it holds and at what y (from the
/// text block's top).
#[derive(Clone, Debug, Default)]
pub struct Placement {
    pub elements: Vec<(usize, f32)>,
    /// The part running in this page's header.
    pub part: usize,
}

pub fn paginate(flow: &[Element], body_h: f32) -> Vec<Placement> {
    let mut pages: Vec<Placement> = Vec::new();
    let mut page = Placement::default();
    let mut y = 0.0f32;
    let mut start = 0usize; // first flow index on this page
    let mut i = 0usize;
    while i < flow.len() {
        let f = &flow[i];
        if f.new_page && !page.elements.is_empty() {
            pages.push(std::mem::take(&mut page));
            y = 0.0;
            start = i;
        }
        if page.elements.is_empty() {
            page.part = f.part;
            start = i;
            // A table continuing on a new page repeats its header row.
            if let Some(h) = f.repeat_header
                && h != i
            {
                page.elements.push((h, 0.0));
                y = flow[h].height;
            }
        }
        if f.gap
            && page
                .elements
                .iter()
                .all(|(k, _)| flow[*k].gap || Some(*k) == f.repeat_header)
            && y == 0.0
        {
            i += 1; // no gap at a page top
            continue;
        }
        if y + f.height <= body_h + 0.01 || page.elements.is_empty() {
            page.elements.push((i, y));
            y += f.height;
            i += 1;
            continue;
        }
        // Overflow: find the latest allowed break on this page.
        let allowed =
            |j: usize| -> bool { j > start && flow[j].break_before && !flow[j - 1].keep_with_next };
        let mut j = i;
        while j > start && !allowed(j) {
            j -= 1;
        }
        if j <= start {
            j = i; // nothing allowed: break where the space ran out
        }
        page.elements
            .retain(|(k, _)| *k < j || Some(*k) == flow[i].repeat_header && *k < start);
        // Drop trailing gaps.
        while page.elements.last().is_some_and(|(k, _)| flow[*k].gap) {
            page.elements.pop();
        }
        pages.push(std::mem::take(&mut page));
        y = 0.0;
        start = j;
        i = j;
        if flow[i].gap {
            i += 1;
        }
    }
    if !page.elements.is_empty() {
        pages.push(page);
    }
    pages
}
