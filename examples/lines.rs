//! Prints how each paragraph containing a given text breaks: for looking
//! at the line breaker's choices (`cargo run --release --example lines -- 인프라부터`).
use std::path::PathBuf;

use kicweekly::diag::SourceFiles;
use kicweekly::fonts::Role;
use kicweekly::model::{BlockKind, plain_text, walk_blocks};
use kicweekly::project::Project;
use kicweekly::template::Color;
use kicweekly::text::lines::{Params, break_lines};
use kicweekly::text::shape::{Style, StyledText, shape};

fn main() {
    let needle = std::env::args().nth(1).unwrap_or_default();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = SourceFiles::default();
    let project = Project::open(root, None, &mut files).unwrap();
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    let (issue, _) = project.load_issue(312, &mut files).unwrap();
    let style = Style {
        role: Role::Serif,
        size: 10.0,
        color: Color::rgb([0, 0, 0]),
        link: None,
    };
    let measure_mm: f32 = std::env::var("MM")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(166.0);
    let measure = measure_mm * 72.0 / 25.4;
    for a in issue.value.parts.iter().flat_map(|p| &p.articles) {
        walk_blocks(&a.blocks, &mut |b| {
            if let BlockKind::Paragraph { content } = &b.kind {
                let text = plain_text(content);
                if !text.contains(&needle) {
                    return;
                }
                let mut s = StyledText::default();
                s.push(&text, style, b.span);
                let para = shape(&book, &s);
                let mut params = Params::default();
                if let Ok(t) = std::env::var("TOL") {
                    params.costs.tolerance = t.parse().unwrap();
                }
                if let Ok(t) = std::env::var("TRACK") {
                    params.max_tracking_em = t.parse().unwrap();
                }
                let (lines, warns) = break_lines(&para, &|_| measure, &params);
                for l in &lines {
                    println!("{:6.1} | {}", l.width, &para.text[l.text.clone()]);
                }
                println!("{warns:?}\n");
            }
        });
    }
}
