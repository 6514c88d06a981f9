//! `cargo bench`: the stages of building issue 312, and the whole build.
//!
//! Fonts are loaded once, as in a batch; each benchmark measures one stage
//! on inputs prepared outside the timed loop.

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use kicweekly::diag::SourceFiles;
use kicweekly::fonts::{FontBook, Role};
use kicweekly::model::{BlockKind, Issue, walk_blocks};
use kicweekly::project::Project;
use kicweekly::template::Color;
use kicweekly::text::lines::{Params, break_lines};
use kicweekly::text::shape::{Style, StyledText, shape};

fn main() {
    divan::main();
}

struct Fixture {
    project: Project,
    book: FontBook,
    issue: Issue,
    source: String,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = SourceFiles::default();
    let project = Project::open(root, None, &mut files).expect("project");
    let book = kicweekly::load_fonts(&project, &[]).expect("fonts");
    let (issue, file) = project.load_issue(312, &mut files).expect("312");
    let source = files.get(file).text.clone();
    // Make the PDF faces now, not inside a timed loop.
    for role in [Role::Serif, Role::SerifBold, Role::Sans, Role::SansBold] {
        let _ = book.face(book.role(role)).pdf();
    }
    Fixture {
        project,
        book,
        issue: issue.value,
        source,
    }
});

/// Every paragraph of 312 as body text.
fn paragraphs() -> Vec<StyledText> {
    let style = Style {
        role: Role::Serif,
        size: 10.0,
        color: Color::rgb([0, 0, 0]),
        link: None,
    };
    let mut out = vec![];
    for a in FIXTURE.issue.parts.iter().flat_map(|p| &p.articles) {
        walk_blocks(&a.blocks, &mut |b| {
            if let BlockKind::Paragraph { content } = &b.kind {
                let mut s = StyledText::default();
                s.push(&kicweekly::model::plain_text(content), style, b.span);
                out.push(s);
            }
        });
    }
    out
}

#[divan::bench(sample_count = 20)]
fn parse_312(b: Bencher) {
    let template = &FIXTURE.project.template;
    b.bench(|| {
        let mut files = SourceFiles::default();
        let file = files.add("issue.md".into(), FIXTURE.source.clone());
        kicweekly::source::parse(&files, file, template).expect("parses")
    });
}

#[divan::bench(sample_count = 20)]
fn shape_and_break_312(b: Bencher) {
    let paras = paragraphs();
    let params = Params::default();
    let measure = 165.0 * 72.0 / 25.4;
    b.bench(|| {
        paras
            .iter()
            .map(|p| {
                break_lines(&shape(&FIXTURE.book, p), &|_| measure, &params)
                    .0
                    .len()
            })
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 20)]
fn layout_312(b: Bencher) {
    b.bench(|| kicweekly::layout::layout(&FIXTURE.issue, &FIXTURE.project.template, &FIXTURE.book));
}

#[divan::bench(sample_count = 10)]
fn write_pdf_312(b: Bencher) {
    let doc = kicweekly::layout::layout(&FIXTURE.issue, &FIXTURE.project.template, &FIXTURE.book);
    b.bench(|| {
        kicweekly::pdf::write(&doc.value, &FIXTURE.book, &Default::default()).expect("writes")
    });
}

#[divan::bench(sample_count = 10)]
fn build_312(b: Bencher) {
    b.bench(|| {
        let mut files = SourceFiles::default();
        kicweekly::build(
            &FIXTURE.project,
            &FIXTURE.book,
            312,
            &mut files,
            &Default::default(),
        )
        .expect("builds")
    });
}
