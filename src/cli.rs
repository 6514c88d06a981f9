//! The command line, defined once: each flag's `///` is its help.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::fonts::Fallback;
use crate::{BuildOptions, diag};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  content errors in an issue: fix the file named in the message
  2  usage, I/O or internal failure (bad arguments, unwritable output, missing font)

Examples:
  kicweekly build 312                 write out/312.pdf
  kicweekly build --all -j 2          every issue, in parallel, skipping unchanged ones
  kicweekly build --all --web         also the web editions and the archive index out/index.html
  kicweekly check --all --diagnostics json
  kicweekly build --all --diagnostics github   annotations in a GitHub Actions run
  kicweekly new 313                   scaffold issues/313/issue.md
  kicweekly fix 313 --dry-run         show how raw copy would be rewritten
  kicweekly watch 312                 rebuild on every save
  kicweekly watch 312 --serve         and show the pages live in a browser";

/// Compile the weekly newsletter 주간 창업 from Markdown to PDF.
///
/// Works in a project folder: one that holds issues/ (and may hold
/// templates/ and fonts/ overriding the built-in ones), found from the
/// current directory upward or given with --root.
#[derive(Parser, Debug)]
#[command(version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct Global {
    /// The project folder (the one holding issues/); found from the current
    /// directory upward when not given.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Use this template instead of the project's or the built-in one.
    #[arg(long, global = true, value_name = "PATH")]
    pub template: Option<PathBuf>,
    /// Extra font folders, searched after the bundled fonts and the
    /// project's fonts/ (repeatable).
    #[arg(long = "font-path", global = true, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// Set characters no other font has from this machine's fonts. Off by
    /// default, so that an issue prints the same on every machine; without
    /// it such characters are warned about and print as boxes.
    #[arg(long = "system-fonts", global = true)]
    pub system_fonts: bool,
    /// Write PDF/A-2u (archival). If the issue cannot be written so (a
    /// character no font has, say), the build fails and says why.
    #[arg(long, global = true)]
    pub pdfa: bool,
    /// Write PDF/UA-1 (accessible: every block tagged, pictures with alt
    /// text, headings, table headers, languages); the build fails with a
    /// message if the document cannot be. May be combined with --pdfa.
    #[arg(long, global = true)]
    pub pdfua: bool,
    /// Parallel jobs for batches (default: the number of cores).
    #[arg(long, short = 'j', global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// How to print diagnostics: human (with the source line), short (one
    /// line each), json (one object per line, for tools) or github
    /// (GitHub Actions annotations on the file and line).
    #[arg(long, global = true, value_enum, default_value_t)]
    pub diagnostics: diag::Format,
    /// Print only errors and warnings.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// Print more: per-issue timings and cache decisions.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

/// Which issues a command works on.
#[derive(Args, Debug, Clone)]
pub struct Selection {
    /// Issue numbers, e.g. `312 313`.
    pub numbers: Vec<u32>,
    /// Every issue under issues/.
    #[arg(long, conflicts_with = "numbers")]
    pub all: bool,
    /// Only shard I of N of the selected issues (e.g. `1/4`), so a CI
    /// matrix can split an archive deterministically.
    #[arg(long, value_name = "I/N", value_parser = crate::batch::parse_shard)]
    pub shard: Option<(usize, usize)>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build issues to PDF (`out/<N>.pdf`), skipping those whose inputs
    /// are unchanged.
    #[command(
        after_help = "Examples:\n  kicweekly build 312\n  kicweekly build 312 --web\n  kicweekly build --all --out public/pdf\n  kicweekly build --all --shard 2/4 --diagnostics json"
    )]
    Build {
        #[command(flatten)]
        select: Selection,
        /// Where to write the PDFs (default: out/ in the project folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Rebuild even when nothing changed.
        #[arg(long)]
        force: bool,
        /// Print the wall time of each stage and the peak memory.
        #[arg(long)]
        timings: bool,
        /// Also write the web edition: out/<N>/index.html (responsive, its
        /// fonts inside), paste.html (inline styles only, for blog, WeChat
        /// and mail editors) and the pictures sized for screens; with
        /// --all, the archive index out/index.html. The template's
        /// `web: {edition: true}` makes this the default.
        #[arg(long, conflicts_with = "no_web")]
        web: bool,
        /// Write the PDFs only, even when the template asks for the web
        /// edition.
        #[arg(long)]
        no_web: bool,
        /// Also render page images from the PDF, with the renderer built
        /// into the binary: out/<N>/pages/page-01.png … at DPI (default
        /// 110) and the cover as a 1200-pixel-wide social card,
        /// out/<N>/card.png.
        #[arg(long, value_name = "DPI", num_args = 0..=1, default_missing_value = "110")]
        png: Option<f32>,
    },
    /// Validate issues: every stage but PDF writing (parse, set the text,
    /// lay out the pages), with the errors and warnings a build would give,
    /// then print a one-line summary of each. Writes nothing.
    #[command(
        after_help = "Examples:\n  kicweekly check 312\n  kicweekly check --all --diagnostics short"
    )]
    Check {
        #[command(flatten)]
        select: Selection,
        /// Apply the machine-applicable fixes first, as `kicweekly fix`
        /// does, then check.
        #[arg(long)]
        fix: bool,
    },
    /// Rewrite what raw copy brings into the format, like `cargo fix`:
    /// every fix a diagnostic marks as certain (a source on the title
    /// line, typed numbers, `(*… 편집자 주: …)` notes, `*출처:` lists, Word
    /// bullets, bare URLs, …) is applied to issue.md, and the change is
    /// shown as a unified diff. Anything not certain is left as a
    /// diagnostic that says what to do.
    #[command(
        after_help = "Examples:\n  kicweekly fix 313\n  kicweekly fix 313 --dry-run\n  kicweekly check 313 --fix"
    )]
    Fix {
        #[command(flatten)]
        select: Selection,
        /// Only show the diff; change no file.
        #[arg(long)]
        dry_run: bool,
    },
    /// Create issues/<N>/issue.md from the template and the previous issue.
    #[command(after_help = "Example:\n  kicweekly new 313")]
    New {
        /// The new issue's number.
        number: u32,
    },
    /// Rebuild an issue on every save of its files; errors are printed and
    /// watching goes on. Stop with Ctrl-C.
    #[command(
        after_help = "Examples:\n  kicweekly watch 312\n  kicweekly watch 312 --serve --open   live preview in the browser"
    )]
    Watch {
        number: u32,
        /// Where to write the PDF (default: out/ in the project folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print the wall time of each stage of every rebuild.
        #[arg(long)]
        timings: bool,
        /// Serve a live preview on 127.0.0.1: the pages as pictures,
        /// following every rebuild, or the errors of a failed one.
        #[arg(long)]
        serve: bool,
        /// The preview's port (default: a free one, printed at start).
        #[arg(long, value_name = "PORT", requires = "serve")]
        port: Option<u16>,
        /// Open the PDF (with --serve: the preview) in the desktop's viewer
        /// after the first build.
        #[arg(long)]
        open: bool,
    },
    /// Print an issue's typed model: an outline with source lines, or all
    /// of it as JSON.
    #[command(after_help = "Examples:\n  kicweekly dump 312\n  kicweekly dump 312 --json")]
    Dump {
        number: u32,
        /// Print the whole model as JSON, every field and source span, for
        /// tools (default: an indented outline, one line per part, article
        /// and block).
        #[arg(long)]
        json: bool,
    },
}

impl Cli {
    pub fn parse_args() -> Self {
        <Self as Parser>::parse()
    }
}

impl Global {
    /// Where fonts for characters no bundled face has come from:
    /// `--font-path` and `--system-fonts`.
    pub fn fallback(&self) -> Fallback {
        Fallback {
            dirs: self.font_path.clone(),
            system: self.system_fonts,
        }
    }

    /// The options that change what a build writes, from the flags and
    /// the environment: `--pdfa`, and `SOURCE_DATE_EPOCH` (reproducible
    /// builds: the PDF's date, instead of the issue's). Every command that
    /// writes PDFs takes its options from here.
    pub fn build_options(&self) -> Result<BuildOptions, String> {
        self.build_options_with(std::env::var_os("SOURCE_DATE_EPOCH").as_deref())
    }

    /// [`Global::build_options`] with the environment variable's value
    /// given. A value that is not a whole number of seconds is an error,
    /// not ignored: the reproducible-builds convention asks a build to fail
    /// rather than write an unexpected date.
    pub fn build_options_with(
        &self,
        source_date_epoch: Option<&OsStr>,
    ) -> Result<BuildOptions, String> {
        let source_date_epoch = match source_date_epoch {
            None => None,
            Some(v) => Some(
                v.to_str()
                    .and_then(|v| v.trim().parse::<i64>().ok())
                    .ok_or_else(|| {
                        format!(
                            "SOURCE_DATE_EPOCH must be a number of seconds, not `{}`",
                            v.to_string_lossy()
                        )
                    })?,
            ),
        };
        Ok(BuildOptions {
            pdf: crate::pdf::Options {
                pdfa: self.pdfa,
                pdfua: self.pdfua,
                source_date_epoch,
                picture_max_ppi: None,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn shard_parses_and_rejects() {
        let cli = Cli::try_parse_from(["kicweekly", "build", "--all", "--shard", "2/4"]).unwrap();
        match cli.command {
            Command::Build { select, .. } => assert_eq!(select.shard, Some((2, 4))),
            _ => panic!("build"),
        }
        assert!(Cli::try_parse_from(["kicweekly", "build", "--all", "--shard", "5/4"]).is_err());
        assert!(Cli::try_parse_from(["kicweekly", "build", "312", "--all"]).is_err());
    }

    #[test]
    fn system_fonts_only_when_asked() {
        let plain = Cli::try_parse_from(["kicweekly", "build", "312"]).unwrap();
        assert!(!plain.global.fallback().system);
        let cli = Cli::try_parse_from([
            "kicweekly",
            "check",
            "312",
            "--system-fonts",
            "--font-path",
            "f",
        ])
        .unwrap();
        let fallback = cli.global.fallback();
        assert!(fallback.system);
        assert_eq!(fallback.dirs, [PathBuf::from("f")]);
    }

    #[test]
    fn build_options_come_from_pdfa_and_source_date_epoch() {
        let cli = Cli::try_parse_from(["kicweekly", "watch", "312", "--pdfa"]).unwrap();
        let opts = cli.global.build_options_with(None).unwrap();
        assert!(opts.pdf.pdfa);
        assert_eq!(opts.pdf.source_date_epoch, None);
        let set = |v: &str| cli.global.build_options_with(Some(OsStr::new(v)));
        assert_eq!(
            set("1700000000").unwrap().pdf.source_date_epoch,
            Some(1_700_000_000)
        );
        assert_eq!(set(" 42\n").unwrap().pdf.source_date_epoch, Some(42));
        assert_eq!(set("-1").unwrap().pdf.source_date_epoch, Some(-1));
        for bad in ["", "soon", "1.5"] {
            let e = set(bad).unwrap_err();
            assert!(
                e.contains("SOURCE_DATE_EPOCH must be a number of seconds"),
                "{e}"
            );
        }
        let plain = Cli::try_parse_from(["kicweekly", "build", "312"]).unwrap();
        assert!(!plain.global.build_options_with(None).unwrap().pdf.pdfa);
    }
}
