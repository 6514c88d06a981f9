//! The pipeline's shape, checked: every `use` of the library points down
//! the stages (STYLE.md: "a stage imports only earlier stages and diag"),
//! and within layout down its four stages. A new arrow back up fails here
//! with the file and the import that drew it.

use std::path::{Path, PathBuf};

/// The library's top modules, earliest stage first. A module may import
/// modules of a lower rank, or its own.
const STAGES: &[(&str, u32)] = &[
    ("diag", 0),
    ("model", 1),
    ("yaml", 1),
    ("template", 2),
    ("source", 3),
    ("fonts", 3),
    ("project", 4),
    ("text", 4),
    ("layout", 5),
    ("pdf", 6),
    ("web", 7),
];

/// Layout's own stages, in order; `document` and `geometry` are the types
/// they share.
const LAYOUT: &[(&str, u32)] = &[
    ("document", 0),
    ("geometry", 0),
    ("collect", 1),
    ("prepare", 2),
    ("flow", 3),
    ("finalize", 4),
];

fn rank(table: &[(&str, u32)], name: &str) -> Option<u32> {
    table.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a source file: `src/layout/flow/text.rs` →
/// [layout, flow, text]; `mod.rs` names its folder.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every path a file imports, resolved to a module path from the crate
/// root (`crate::x::y`, `super::…` relative to the file's module).
fn imports(module: &[String], text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    for (ln, line) in code.lines().enumerate() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        // Paths written in place, `crate::source::yaml::from_str(…)`.
        for (at, _) in line.match_indices("crate::") {
            if line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path = line[at + 7..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("");
            let segs: Vec<String> = path.split("::").map(str::to_string).collect();
            if !line.starts_with("use ") && !line.starts_with("pub use ") {
                out.push((ln + 1, segs));
            }
        }
        let Some(rest) = line
            .strip_prefix("use ")
            .or_else(|| line.strip_prefix("pub use "))
        else {
            continue;
        };
        let segs: Vec<&str> = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap_or("")
            .split("::")
            .filter(|s| !s.is_empty())
            .collect();
        let resolved: Vec<String> = match segs.first() {
            Some(&"crate") => segs[1..].iter().map(|s| s.to_string()).collect(),
            Some(&"super") => {
                let ups = segs.iter().take_while(|s| **s == "super").count();
                let mut base = module.to_vec();
                for _ in 0..ups {
                    base.pop();
                }
                base.extend(segs[ups..].iter().map(|s| s.to_string()));
                base
            }
            _ => continue,
        };
        out.push((ln + 1, resolved));
    }
    out
}

#[test]
fn imports_point_down_the_pipeline() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let Some(own) = module.first().and_then(|m| rank(STAGES, m)) else {
            continue; // lib.rs, main.rs, batch.rs, cli.rs: the top
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (line, target) in imports(&module, &text) {
            let Some(first) = target.first() else {
                continue;
            };
            if *first == module[0] {
                // Within layout, its stages point down too.
                if first == "layout" && module.len() > 1 && target.len() > 1 {
                    let (a, b) = (rank(LAYOUT, &module[1]), rank(LAYOUT, &target[1]));
                    if let (Some(a), Some(b)) = (a, b)
                        && b > a
                    {
                        wrong.push(format!(
                            "{}:{line}: layout::{} imports the later stage layout::{}",
                            file.display(),
                            module[1],
                            target[1]
                        ));
                    }
                }
                continue;
            }
            match rank(STAGES, first) {
                Some(r) if r < own => {}
                Some(_) => wrong.push(format!(
                    "{}:{line}: {} imports {}, which is not an earlier stage",
                    file.display(),
                    module[0],
                    target.join("::")
                )),
                None => wrong.push(format!(
                    "{}:{line}: {} imports {} from the top of the crate",
                    file.display(),
                    module[0],
                    target.join("::")
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checker_sees_an_arrow_back_up() {
    let module = vec![
        "layout".to_string(),
        "collect".to_string(),
        "body".to_string(),
    ];
    let found = imports(
        &module,
        "use super::super::flow::Piece;\nuse crate::pdf::write;\n",
    );
    assert_eq!(found[0].1, ["layout", "flow", "Piece"]);
    assert_eq!(found[1].1, ["pdf", "write"]);
    assert!(rank(LAYOUT, "flow") > rank(LAYOUT, "collect"));
    assert!(rank(STAGES, "pdf") > rank(STAGES, "layout"));
}
