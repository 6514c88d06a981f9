//! Builds issue 312 repeatedly in one process and prints resident memory,
//! to see whether a batch's memory stays flat.
use std::path::PathBuf;

fn rss() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    s.lines()
        .filter(|l| {
            ["VmRSS", "RssAnon", "RssFile", "VmHWM"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    let stage = std::env::args().nth(1).unwrap_or_default();
    let root = std::env::args()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let mut files = kicweekly::diag::SourceFiles::default();
    let project = kicweekly::project::Project::open(root, None, &mut files).unwrap();
    println!("start: {}", rss());
    let book = kicweekly::load_fonts(&project, &[]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    println!("fonts loaded (background krilla fonts done): {}", rss());
    let numbers: Vec<u32> = project
        .list_issues()
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    for i in 0..numbers.len().max(40) {
        let n = numbers[i % numbers.len()];
        let mut files = kicweekly::diag::SourceFiles::default();
        let (issue, _) = project.load_issue(n, &mut files).unwrap();
        let doc = kicweekly::layout::layout(&issue.value, &project.template, &book);
        if stage == "build" {
            let b = kicweekly::build(&project, &book, n, &mut files, &Default::default()).unwrap();
            kicweekly::write_atomic(
                &std::path::Path::new("/tmp/memloop").join(format!("{n}.pdf")),
                &b.value.pdf,
            )
            .unwrap();
        }
        if stage == "pdf" {
            let _ = kicweekly::pdf::write(&doc.value, &book, &Default::default()).unwrap();
        }
        if i % 10 == 0 {
            println!("{i}: {}", rss());
        }
    }
    println!("end: {}", rss());
}
