//! The `kicweekly` command line: parses arguments, runs the stages, prints
//! diagnostics and sets the exit code (0 ok, 1 content errors, 2 usage or
//! I/O failure). The only place with anyhow.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use kicweekly::batch::{Batch, Outcome, Report};
use kicweekly::cli::{Cli, Command, Global, Selection};
use kicweekly::diag::{self, Diagnostics, SourceFiles};
use kicweekly::project::{self, Project};

fn main() -> ExitCode {
    grow_heaps_in_larger_steps();
    let cli = Cli::parse_args();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// glibc grows each thread's heap 128 KiB at a time; a build's threads grew
/// theirs hundreds of times (mprotect, VMA merges, page-fault contention:
/// a third of the CPU time was the kernel's). 4 MiB steps: build 312 42 ->
/// 36 ms median (hyperfine, 60 runs), peak memory 32.6 -> 34.3 MiB.
fn grow_heaps_in_larger_steps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter; called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 4 << 20);
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let g = cli.global;
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = project::find_root(g.root.as_deref(), &cwd).map_err(anyhow::Error::msg)?;
    let mut files = SourceFiles::default();
    let project = match Project::open(root, g.template.as_deref(), &mut files) {
        Ok(p) => p,
        Err(d) => return Ok(report(&files, &d, &g)),
    };
    match cli.command {
        Command::Build {
            select,
            out,
            force,
            timings,
            web,
            no_web,
            png,
        } => {
            let out = out.unwrap_or_else(|| project.root.join("out"));
            let web = web || (project.template.web.edition && !no_web);
            let code = build(&project, &g, &select, &out, force, timings, web)?;
            match png {
                Some(dpi) if code == ExitCode::SUCCESS => {
                    page_images(&project, &g, &select, &out, dpi)
                }
                _ => Ok(code),
            }
        }
        Command::Check { select, fix } => {
            if fix {
                // What is left is check's to print.
                let how = FixRun {
                    dry_run: false,
                    report_left: false,
                };
                if let Err(code) = fix_issues(&project, &g, &select, how, &mut files)? {
                    return Ok(code);
                }
            }
            check(&project, &g, &select, &mut files)
        }
        Command::Fix { select, dry_run } => {
            let how = FixRun {
                dry_run,
                report_left: true,
            };
            Ok(fix_issues(&project, &g, &select, how, &mut files)?.unwrap_or_else(|c| c))
        }
        Command::New { number } => new_issue(&project, number, &g),
        Command::Watch {
            number,
            out,
            timings,
            serve,
            port,
            open,
        } => {
            let out = out.unwrap_or_else(|| project.root.join("out"));
            let how = WatchHow {
                timings,
                serve: serve.then_some(port.unwrap_or(0)),
                open,
            };
            watch(project, &g, number, &out, &how)
        }
        Command::Dump { number, json } => match project.load_issue(number, &mut files) {
            Ok((warned, _)) => {
                if json {
                    println!("{}", kicweekly::dump::json(&warned.value, &files)?);
                } else {
                    print!("{}", kicweekly::dump::outline(&warned.value));
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(d) => Ok(report(&files, &d, &g)),
        },
    }
}

/// The issues a command works on: named, or all, then the shard.
fn select(
    project: &Project,
    s: &Selection,
    files: &SourceFiles,
    g: &Global,
) -> Result<Vec<u32>, ExitCode> {
    let mut numbers = if s.all {
        match project.list_issues() {
            Ok(list) => list.into_iter().map(|(n, _)| n).collect(),
            Err(d) => return Err(report(files, &d, g)),
        }
    } else {
        s.numbers.clone()
    };
    if numbers.is_empty() {
        eprintln!("error: name an issue (e.g. `312`) or pass --all");
        return Err(ExitCode::from(2));
    }
    numbers.sort_unstable();
    numbers.dedup();
    if let Some((i, n)) = s.shard {
        numbers = kicweekly::batch::shard(&numbers, i, n);
    }
    Ok(numbers)
}

/// `kicweekly build`: the selected issues, in parallel, then a summary.
fn build(
    project: &Project,
    g: &Global,
    s: &Selection,
    out: &Path,
    force: bool,
    timings: bool,
    web: bool,
) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let numbers = match select(project, s, &SourceFiles::default(), g) {
        Ok(n) => n,
        Err(code) => return Ok(code),
    };
    let t_fonts = Instant::now();
    let book = kicweekly::load_fonts_with(project, &g.fallback()).map_err(anyhow::Error::msg)?;
    let fonts_time = t_fonts.elapsed();
    let opts = g.build_options().map_err(anyhow::Error::msg)?;
    let batch = Batch {
        project,
        book: &book,
        opts,
        out_dir: out.to_path_buf(),
        force,
    };
    let reports = run_batch(&batch, &numbers, g, web);
    // The archive index lists every issue: written by a whole build, not
    // by one shard of it.
    if web && s.all && s.shard.is_none() {
        let (path, n) = kicweekly::publish::write_archive(out, &numbers, &project.template, &book)
            .map_err(anyhow::Error::msg)?;
        if !g.quiet {
            println!("wrote {} ({n} issues)", diag::display_path(&path));
        }
    }
    if timings {
        for r in &reports {
            if let Outcome::Built {
                timings: t,
                elapsed,
                ..
            } = &r.outcome
            {
                print_timings(r.number, t, fonts_time, *elapsed);
            }
        }
    }
    Ok(summarize(&reports, start, g))
}

/// `build --png`: page images and the cover card of every selected issue
/// from its built PDF.
fn page_images(
    project: &Project,
    g: &Global,
    s: &Selection,
    out: &Path,
    dpi: f32,
) -> anyhow::Result<ExitCode> {
    if !(10.0..=1200.0).contains(&dpi) {
        eprintln!("error: --png takes a resolution from 10 to 1200 dpi, not {dpi}");
        return Ok(ExitCode::from(2));
    }
    let numbers = match select(project, s, &SourceFiles::default(), g) {
        Ok(n) => n,
        Err(code) => return Ok(code),
    };
    for n in numbers {
        match kicweekly::publish::write_page_images(out, n, dpi) {
            Ok(count) if !g.quiet => println!(
                "wrote {count} page images of issue {n} in {}",
                diag::display_path(&kicweekly::publish::edition_dir(out, n))
            ),
            Ok(_) => {}
            Err(e) => {
                eprintln!("error: cannot render the pages of issue {n}: {e}");
                return Ok(ExitCode::from(2));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds `numbers` on worker threads (`--jobs`, default one per core),
/// printing each issue's diagnostics and outcome as it finishes; returns
/// the outcomes, without their diagnostics, in issue order. With `web`,
/// each issue's web edition is made and kept up to date too.
fn run_batch(batch: &Batch, numbers: &[u32], g: &Global, web: bool) -> Vec<Report> {
    let jobs = g
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    // Issues are built on plain worker threads, not a rayon pool: krilla
    // runs its own parallel work on rayon and, while it waits, lets the
    // pool run other jobs, which on a pool of ours would start the next
    // issues inside the current one and grow memory with the archive.
    let bar = progress_bar(numbers.len(), g);
    let print_lock = Mutex::new(());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(numbers.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(numbers.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&n) = numbers.get(i) else { break };
                    let r = batch.run_editions(n, web);
                    let _guard = print_lock.lock().unwrap_or_else(|e| e.into_inner());
                    let line = outcome_line(&r, g.verbose);
                    match &bar {
                        Some(bar) => bar.suspend(|| print_report(&r, line.as_deref(), g)),
                        None => print_report(&r, line.as_deref(), g),
                    }
                    if let Some(bar) = &bar {
                        bar.inc(1);
                    }
                    // Printed: keep only the outcome, so memory stays flat.
                    let slim = Report {
                        files: SourceFiles::default(),
                        diagnostics: Diagnostics::default(),
                        ..r
                    };
                    done.lock().unwrap_or_else(|e| e.into_inner()).push(slim);
                }
            });
        }
    });
    let mut reports = done.into_inner().unwrap_or_else(|e| e.into_inner());
    reports.sort_by_key(|r| r.number);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    reports
}

/// A progress bar on a terminal, for more than one issue and not `--quiet`.
fn progress_bar(issues: usize, g: &Global) -> Option<indicatif::ProgressBar> {
    (issues > 1 && !g.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(issues as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} issues  {elapsed_precise}  {msg}",
            )
            .expect("valid template"),
        );
        bar
    })
}

/// Prints how many issues were built, up to date and failed, and gives
/// the exit code: 2 if a PDF could not be written, 1 if an issue failed.
fn summarize(reports: &[Report], start: Instant, g: &Global) -> ExitCode {
    let count = |f: fn(&Outcome) -> bool| reports.iter().filter(|r| f(&r.outcome)).count();
    let built = count(|o| matches!(o, Outcome::Built { .. }));
    let fresh = count(|o| matches!(o, Outcome::UpToDate { .. }));
    let failed = count(|o| matches!(o, Outcome::Failed | Outcome::Io(_)));
    if !g.quiet || failed > 0 {
        eprintln!(
            "{built} built, {fresh} up to date, {failed} failed in {:.2} s",
            start.elapsed().as_secs_f64()
        );
    }
    if reports.iter().any(|r| matches!(r.outcome, Outcome::Io(_))) {
        ExitCode::from(2)
    } else if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn outcome_line(r: &Report, verbose: bool) -> Option<String> {
    match &r.outcome {
        Outcome::Built {
            path,
            bytes,
            pages,
            elapsed,
            web,
            ..
        } => Some(format!(
            "built {}{} ({pages} pages, {} KB, {:.2} s)",
            diag::display_path(path),
            web.as_ref()
                .map(|w| format!(" and {}/", diag::display_path(w)))
                .unwrap_or_default(),
            bytes / 1000,
            elapsed.as_secs_f64()
        )),
        Outcome::UpToDate { path } => {
            verbose.then(|| format!("up to date: {}", diag::display_path(path)))
        }
        Outcome::Failed => Some(format!("failed: issue {} (nothing written)", r.number)),
        Outcome::Io(msg) => Some(format!("error: {msg}")),
    }
}

fn print_report(r: &Report, line: Option<&str>, g: &Global) {
    let _ = print_diags(&r.files, &r.diagnostics, g.diagnostics);
    if let Some(line) = line {
        let failed = matches!(r.outcome, Outcome::Failed | Outcome::Io(_));
        if failed {
            eprintln!("{line}");
        } else if !g.quiet {
            println!("{line}");
        }
    }
}

fn print_timings(n: u32, t: &kicweekly::Timings, fonts: Duration, total: Duration) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    eprintln!("timings for issue {n}:");
    eprintln!("  read + parse      {:8.1} ms", ms(t.parse));
    eprintln!("  fonts             {:8.1} ms (once per run)", ms(fonts));
    eprintln!(
        "  text engine       {:8.1} ms wall, on all cores:",
        ms(t.text)
    );
    eprintln!("    shaping         {:8.1} ms cpu", ms(t.shaping));
    eprintln!("    line breaking   {:8.1} ms cpu", ms(t.breaking));
    eprintln!(
        "  layout + pages    {:8.1} ms ({} contents pass{})",
        ms(t.layout),
        t.toc_passes,
        if t.toc_passes == 1 { "" } else { "es" }
    );
    eprintln!("  PDF writing       {:8.1} ms", ms(t.pdf));
    if !t.web.is_zero() {
        eprintln!("  web edition       {:8.1} ms", ms(t.web));
    }
    eprintln!("  total (issue)     {:8.1} ms", ms(total));
    if let Some(kb) = peak_rss_kb() {
        eprintln!("  peak memory       {:8.1} MiB", kb as f64 / 1024.0);
    }
}

/// Peak resident memory of this process (Linux), in KiB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn check(
    project: &Project,
    g: &Global,
    s: &Selection,
    files: &mut SourceFiles,
) -> anyhow::Result<ExitCode> {
    let numbers = match select(project, s, files, g) {
        Ok(n) => n,
        Err(code) => return Ok(code),
    };
    let book = kicweekly::load_fonts_with(project, &g.fallback()).map_err(anyhow::Error::msg)?;
    let mut diags = Diagnostics::default();
    let mut failed = 0;
    for n in &numbers {
        match kicweekly::check(project, &book, *n, files) {
            Ok(warned) => {
                let s = warned.value.issue.summary();
                diags.extend(warned.warnings);
                if !g.quiet {
                    println!(
                        "issue {n}: ok — {} parts, {} articles, {} figures, {} tables, {} characters",
                        s.parts, s.articles, s.figures, s.tables, s.characters
                    );
                }
            }
            Err(d) => {
                failed += 1;
                diags.extend(d);
            }
        }
    }
    diags.sort();
    let _ = print_diags(files, &diags, g.diagnostics);
    if failed > 0 {
        eprintln!("{failed} of {} issues failed the check", numbers.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// How `kicweekly fix` runs: `fix --dry-run` only shows the diff;
/// `check --fix` leaves what is left to check to print.
#[derive(Clone, Copy)]
struct FixRun {
    dry_run: bool,
    report_left: bool,
}

/// `kicweekly fix` (and `check --fix`): fixes each selected issue, shows
/// the diff on stdout, writes the file unless a dry run, and prints what
/// is left to do. `Ok(Ok(code))` when done (1 if errors are left);
/// `Ok(Err(code))` when the issues could not be selected or read.
fn fix_issues(
    project: &Project,
    g: &Global,
    s: &Selection,
    how: FixRun,
    files: &mut SourceFiles,
) -> anyhow::Result<Result<ExitCode, ExitCode>> {
    let dry_run = how.dry_run;
    let numbers = match select(project, s, files, g) {
        Ok(n) => n,
        Err(code) => return Ok(Err(code)),
    };
    let mut left = Diagnostics::default();
    for n in numbers {
        let fixed = match kicweekly::fix::fix_issue(project, n, files) {
            Ok(f) => f,
            Err(d) => return Ok(Err(report(files, &d, g))),
        };
        let shown = diag::display_path(&fixed.path);
        if fixed.changed() {
            if dry_run || !g.quiet {
                print_diff(&fixed.diff());
            }
            if !dry_run {
                kicweekly::write_atomic(&fixed.path, fixed.after.as_bytes())
                    .with_context(|| format!("cannot write {shown}"))?;
            }
        }
        if !g.quiet {
            let (n, s) = (fixed.applied, if fixed.applied == 1 { "" } else { "es" });
            match (fixed.changed(), dry_run) {
                (false, _) => eprintln!("{shown}: nothing to fix"),
                (true, false) => eprintln!("fixed {shown}: {n} fix{s} applied"),
                (true, true) => eprintln!("{shown}: {n} fix{s} to apply (--dry-run: not written)"),
            }
        }
        left.extend(fixed.diagnostics);
    }
    if !how.report_left {
        return Ok(Ok(ExitCode::SUCCESS));
    }
    left.sort();
    let _ = print_diags(files, &left, g.diagnostics);
    let errors = left.errors().count();
    if errors > 0 {
        let what = if errors == 1 {
            "error is"
        } else {
            "errors are"
        };
        eprintln!("{errors} {what} left for a person to fix (see the hints above)");
        return Ok(Ok(ExitCode::from(1)));
    }
    Ok(Ok(ExitCode::SUCCESS))
}

/// A unified diff on stdout, coloured on a terminal.
fn print_diff(diff: &str) {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::stdout().lock();
    for line in diff.split_inclusive('\n') {
        let code = match line.as_bytes().first() {
            _ if !color || line.starts_with("+++") || line.starts_with("---") => "",
            Some(b'+') => "\x1b[32m",
            Some(b'-') => "\x1b[31m",
            Some(b'@') => "\x1b[36m",
            _ => "",
        };
        let reset = if code.is_empty() { "" } else { "\x1b[0m" };
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, "\n"),
        };
        let _ = write!(out, "{code}{body}{reset}{nl}");
    }
}

/// Scaffolds a new issue: front matter from the previous issue (or the
/// format's example), the next date, and the template's part headings.
fn new_issue(project: &Project, number: u32, g: &Global) -> anyhow::Result<ExitCode> {
    let dir = project.issue_dir(number);
    let path = dir.join("issue.md");
    if path.exists() {
        bail!(
            "{} already exists; kicweekly new does not overwrite an issue",
            path.display()
        );
    }
    let previous = project
        .list_issues()
        .map_err(|d| {
            anyhow::anyhow!(
                "{}",
                d.0.first().map(|d| d.message.clone()).unwrap_or_default()
            )
        })?
        .into_iter()
        .rfind(|(n, _)| *n < number);
    let mut files = SourceFiles::default();
    let prev = previous.and_then(|(n, _)| {
        project
            .load_issue(n, &mut files)
            .ok()
            .map(|(w, f)| (n, w.value, f))
    });
    let front = match &prev {
        Some((n, issue, file)) => {
            let text = &files.get(*file).text;
            let split = kicweekly::source::front::split(&files, *file)
                .map_err(|_| anyhow::anyhow!("front matter"))?;
            let weeks = (number - n) as usize;
            let mut date = issue.front.date;
            for _ in 0..weeks {
                date = date.next_week();
            }
            let yaml: String = text[split.yaml.clone()]
                .lines()
                .map(|l| {
                    if l.starts_with("number:") {
                        format!("number: {number}")
                    } else if l.starts_with("date:") {
                        format!("date: {:04}-{:02}-{:02}", date.year, date.month, date.day)
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            format!("---\n{yaml}\n---\n")
        }
        None => format!(
            "---\nnumber: {number}\ndate: 2023-01-25\ntitle: 주간 창업\npublisher:\n  name: KIC 중국\n  organization: 글로벌혁신센터\n  director: 센터장 이름\n  phone: \"+86-010-0000-0000\"\n  email: info@example.org\ncopyright: 저작권 문구\nback_cover:\n  title: 주간 중국 창업\n  subscribe: \"구독방법: 공식메일로 신청\"\n---\n"
        ),
    };
    let mut body = String::new();
    for part in &project.template.parts {
        body.push_str(&format!(
            "\n# {}\n\n## 기사 제목\n\n— 출처\n\n본문을 여기에 씁니다.\n",
            part.name
        ));
    }
    std::fs::create_dir_all(dir.join("images"))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    kicweekly::write_atomic(&path, format!("{front}{body}").as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    if !g.quiet {
        println!(
            "created {} (see docs/format.md; check it with `kicweekly check {number}`)",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `watch`'s flags: timings printed, a preview port, the viewer opened.
struct WatchHow {
    timings: bool,
    serve: Option<u16>,
    open: bool,
}

/// Rebuilds on every save of the issue's files or the template, keeping
/// what did not change between builds (see `kicweekly::session`).
fn watch(
    project: Project,
    g: &Global,
    number: u32,
    out: &Path,
    how: &WatchHow,
) -> anyhow::Result<ExitCode> {
    use kicweekly::preview::Preview;
    let book = kicweekly::load_fonts_with(&project, &g.fallback()).map_err(anyhow::Error::msg)?;
    let opts = g.build_options().map_err(anyhow::Error::msg)?;
    // Absolute, so that the events' paths compare with them.
    let absolute = |p: PathBuf| p.canonicalize().unwrap_or(p);
    let dir = absolute(project.issue_dir(number));
    let mut templates: Vec<_> = g.template.iter().cloned().map(absolute).collect();
    let own = project.root.join(project::TEMPLATE_FILE);
    if own.is_file() && g.template.is_none() {
        templates.push(absolute(own));
    }
    let changes = kicweekly::watch::Changes::start(std::slice::from_ref(&dir), &templates)
        .with_context(|| format!("cannot watch {}", dir.display()))?;
    let preview = match how.serve {
        Some(port) => Some(
            Preview::start(port, number)
                .with_context(|| format!("cannot serve the preview on 127.0.0.1:{port}"))?,
        ),
        None => None,
    };
    let mut session =
        kicweekly::session::Session::new(project, g.template.clone(), book, opts, number);
    let path = out.join(format!("{number}.pdf"));
    println!("watching {} — Ctrl-C to stop", dir.display());
    if let Some(p) = &preview {
        println!("preview at {}", p.url());
    }
    let mut reload = false;
    for round in 0.. {
        rebuild(
            &mut session,
            reload,
            &path,
            preview.as_ref(),
            g,
            how.timings,
        );
        if how.open && round == 0 {
            let target = match &preview {
                Some(p) => p.url(),
                None => path.display().to_string(),
            };
            if let Err(why) = kicweekly::preview::open_in_viewer(&target) {
                println!("--open: {why}; open {target} yourself");
            }
        }
        let _ = std::io::stdout().flush();
        let Some(changed) = changes.next() else {
            break;
        };
        // Outside the issue's folder only the template is watched.
        reload = changed.iter().any(|p| !p.starts_with(&dir));
    }
    Ok(ExitCode::SUCCESS)
}

/// One round of `watch`: build (reading the template again first if it
/// changed), write the PDF, then tell the preview and the terminal.
fn rebuild(
    session: &mut kicweekly::session::Session,
    reload: bool,
    path: &Path,
    preview: Option<&kicweekly::preview::Preview>,
    g: &Global,
    timings: bool,
) {
    use kicweekly::preview::Published;
    let mut files = SourceFiles::default();
    let t0 = Instant::now();
    let loaded = match reload {
        true => session.reload(&mut files),
        false => Ok(()),
    };
    match loaded.and_then(|()| session.build(&mut files)) {
        Ok(w) => {
            let built = &w.value.built;
            let written = kicweekly::write_atomic(path, &built.pdf);
            let took = t0.elapsed();
            let c = session.compare(&w.value);
            if let Some(p) = preview {
                let (size, prints, landed) = (c.size, c.prints, c.landed);
                let pdf = std::sync::Arc::new(built.pdf.clone());
                p.publish(Published::Built {
                    pdf,
                    size,
                    prints,
                    landed,
                });
            }
            let _ = print_diags(&files, &w.warnings, g.diagnostics);
            match written {
                Ok(()) if !g.quiet => println!(
                    "built {} ({} pages, {} changed, {:.1} ms)",
                    diag::display_path(path),
                    built.pages,
                    c.changed.len(),
                    took.as_secs_f64() * 1000.0
                ),
                Ok(()) => {}
                Err(e) => eprintln!("error: cannot write {}: {e}", path.display()),
            }
            if timings {
                print_timings(session.number, &built.timings, Duration::ZERO, took);
            }
        }
        Err(d) => {
            let _ = print_diags(&files, &d, g.diagnostics);
            eprintln!(
                "failed: issue {} (the last PDF is left as it was)",
                session.number
            );
            if let Some(p) = preview {
                let diagnostics = kicweekly::session::diagnostics_text(&files, &d);
                p.publish(Published::Failed { diagnostics });
            }
        }
    }
    session.tidy();
}

fn print_diags(files: &SourceFiles, d: &Diagnostics, format: diag::Format) -> std::io::Result<()> {
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut lock = stderr.lock();
    diag::emit(&mut lock, files, d, format, color)
}

/// Prints diagnostics and gives the exit code: 1 for content errors.
fn report(files: &SourceFiles, d: &Diagnostics, g: &Global) -> ExitCode {
    let _ = print_diags(files, d, g.diagnostics);
    if d.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
