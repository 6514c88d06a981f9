//! The `kicweekly` command line: parses arguments, runs the stages, prints
//! diagnostics and sets the exit code (0 ok, 1 content errors, 2 usage or
//! I/O failure).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kicweekly::diag::{self, Diagnostics, SourceFiles};
use kicweekly::project::{self, Project};

/// Compile the weekly newsletter 주간 창업 from Markdown to PDF.
#[derive(Parser, Debug)]
#[command(version, about, long_about = None)]
struct Cli {
    /// The project folder (the one holding issues/); found from the
    /// current directory upward when not given.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<std::path::PathBuf>,
    /// Use this template instead of the project's or the built-in one.
    #[arg(long, global = true, value_name = "PATH")]
    template: Option<std::path::PathBuf>,
    /// How to print diagnostics.
    #[arg(long, global = true, value_enum, default_value_t)]
    diagnostics: diag::Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse and validate issues, then print a one-line summary of each.
    Check {
        /// Issue numbers, e.g. `312`.
        numbers: Vec<u32>,
        /// Check every issue under issues/.
        #[arg(long, conflicts_with = "numbers")]
        all: bool,
    },
    /// Build issues to PDF: `out/<N>.pdf`.
    Build {
        /// Issue numbers, e.g. `312`.
        numbers: Vec<u32>,
        /// Where to write the PDFs.
        #[arg(long, default_value = "out", value_name = "DIR")]
        out: std::path::PathBuf,
        /// Write PDF/A-2u (archival); fails with a message if that is not possible.
        #[arg(long)]
        pdfa: bool,
        /// Extra font folders, searched after the bundled fonts.
        #[arg(long = "font-path", value_name = "DIR")]
        font_path: Vec<std::path::PathBuf>,
    },
    /// Print an issue's typed model as JSON.
    Dump {
        number: u32,
        /// Print JSON (the only format for now).
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut files = SourceFiles::default();
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = match project::find_root(cli.root.as_deref(), &cwd) {
        Ok(r) => r,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let project = match Project::open(root, cli.template.as_deref(), &mut files) {
        Ok(p) => p,
        Err(d) => return report(&files, &d, cli.diagnostics),
    };
    match cli.command {
        Command::Check { numbers, all } => {
            let numbers = if all {
                match project.list_issues() {
                    Ok(list) => list.into_iter().map(|(n, _)| n).collect(),
                    Err(d) => return report(&files, &d, cli.diagnostics),
                }
            } else {
                numbers
            };
            if numbers.is_empty() {
                eprintln!("error: name an issue (`kicweekly check 312`) or pass --all");
                return ExitCode::from(2);
            }
            let mut all_diags = Diagnostics::default();
            let mut failed = 0;
            for n in &numbers {
                match project.load_issue(*n, &mut files) {
                    Ok((warned, _)) => {
                        let s = warned.value.summary();
                        all_diags.extend(warned.warnings);
                        println!(
                            "issue {n}: ok — {} parts, {} articles, {} figures, {} tables, {} characters",
                            s.parts, s.articles, s.figures, s.tables, s.characters
                        );
                    }
                    Err(d) => {
                        failed += 1;
                        all_diags.extend(d);
                    }
                }
            }
            all_diags.sort();
            let _ = print_diags(&files, &all_diags, cli.diagnostics);
            if failed > 0 {
                eprintln!("{failed} of {} issues failed the check", numbers.len());
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Command::Build {
            numbers,
            out,
            pdfa,
            font_path,
        } => {
            if numbers.is_empty() {
                eprintln!("error: name an issue to build, e.g. `kicweekly build 312`");
                return ExitCode::from(2);
            }
            let book = match kicweekly::load_fonts(&project, &font_path) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.parse().ok());
            let opts = kicweekly::BuildOptions {
                pdf: kicweekly::pdf::Options {
                    pdfa,
                    source_date_epoch,
                },
            };
            let mut code = ExitCode::SUCCESS;
            for n in numbers {
                match kicweekly::build(&project, &book, n, &mut files, &opts) {
                    Ok(w) => {
                        let _ = print_diags(&files, &w.warnings, cli.diagnostics);
                        let path = out.join(format!("{n}.pdf"));
                        if let Err(e) = kicweekly::write_atomic(&path, &w.value) {
                            eprintln!("error: cannot write {}: {e}", path.display());
                            return ExitCode::from(2);
                        }
                        println!("built {} ({} bytes)", path.display(), w.value.len());
                    }
                    Err(d) => {
                        let _ = print_diags(&files, &d, cli.diagnostics);
                        code = ExitCode::from(1);
                    }
                }
            }
            code
        }
        Command::Dump { number, json: _ } => match project.load_issue(number, &mut files) {
            Ok((warned, _)) => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&warned.value).expect("model serializes")
                );
                ExitCode::SUCCESS
            }
            Err(d) => report(&files, &d, cli.diagnostics),
        },
    }
}

fn print_diags(files: &SourceFiles, d: &Diagnostics, format: diag::Format) -> std::io::Result<()> {
    use std::io::IsTerminal;
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut lock = stderr.lock();
    diag::emit(&mut lock, files, d, format, color)
}

/// Prints diagnostics and gives the exit code: 1 for content errors.
fn report(files: &SourceFiles, d: &Diagnostics, format: diag::Format) -> ExitCode {
    let _ = print_diags(files, d, format);
    if d.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
