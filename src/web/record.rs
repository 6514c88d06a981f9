//! What the archive index needs of an issue, kept beside the build cache
//! (`out/.kicweekly/<N>.web.json`) so that the index lists every issue,
//! rebuilt this time or not.

use serde::{Deserialize, Serialize};

use crate::layout::OutlineEntry;
use crate::model::{Issue, plain_text};

use super::content::article_id;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueRecord {
    pub number: u32,
    /// As printed: `2023.01.18`.
    pub date: String,
    /// `2023-01-18`, for `<time datetime>`.
    pub iso_date: String,
    /// The masthead, e.g. 주간 창업.
    pub title: String,
    /// The first picture of the issue, for its card in the index.
    pub cover: Option<CoverPicture>,
    pub articles: Vec<ArticleRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverPicture {
    /// Relative to the output folder: `312/images/harbour-740w.jpg`.
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub part: String,
    pub number: u32,
    pub category: Option<String>,
    pub title: String,
    pub source: Option<String>,
    /// The PDF page the article starts on, 1-based (`312.pdf#page=N`).
    pub page: usize,
    /// Its id in the web edition (`312/index.html#a-1-2`).
    pub anchor: String,
}

/// The record of `issue`, its article pages read from the PDF's outline
/// (parts, then their articles, as layout made it).
pub fn record(issue: &Issue, outline: &[OutlineEntry], cover: Option<CoverPicture>) -> IssueRecord {
    let d = issue.front.date;
    let mut articles = Vec::new();
    for (pi, part) in issue.parts.iter().enumerate() {
        for (ai, a) in part.articles.iter().enumerate() {
            let page = outline
                .get(pi)
                .and_then(|p| p.children.get(ai))
                .map_or(1, |e| e.page + 1);
            articles.push(ArticleRecord {
                part: part.name.clone(),
                number: a.number,
                category: a.category.clone(),
                title: plain_text(&a.title).trim().to_string(),
                source: a.source.as_ref().map(|s| plain_text(s).trim().to_string()),
                page,
                anchor: article_id(pi, a.number),
            });
        }
    }
    IssueRecord {
        number: issue.front.number,
        date: d.to_string(),
        iso_date: format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        title: issue.front.title.clone(),
        cover,
        articles,
    }
}
