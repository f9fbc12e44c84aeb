//! `sociale-bril`: assess policy proposals with the sociale bril, one by one or in bulk;
//! check rulesets and their tests; print the checklist structure and JSON Schemas.
//!
//! Exit status: 0 on success, 1 on invalid input (a located message on stderr), 2 on usage errors.

mod batch;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use sociale_bril::schema::SchemaKind;
use sociale_bril::{Lang, OutputFormat, RenderOptions, Ruleset, RulesetError};

/// Assess policy proposals through the sociale bril (social lens).
#[derive(Parser, Debug)]
#[command(name = "sociale-bril", version, about, long_about = None)]
struct Cli {
    /// Ruleset to use: a folder of TOML files, a TOML file or a JSON ruleset. Default: the
    /// embedded `sociale-bril` ruleset.
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Assess one proposal (JSON) and print the assessment or a report.
    Assess {
        /// The proposal file, or `-` for standard input.
        #[arg(default_value = "-")]
        file: String,
        /// Output format: the whole assessment as JSON, canonical JSON, the summary, a Markdown
        /// or HTML report, or one row of the results table (CSV, with its header).
        #[arg(long, short, default_value = "json", value_parser = output_format())]
        format: OutputFormat,
        /// Language of reports.
        #[arg(long, value_enum, default_value_t = LangArg::Nl)]
        lang: LangArg,
        /// Print JSON in canonical form (sorted keys, no whitespace): the same as
        /// `--format canonical`.
        #[arg(long)]
        canonical: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Assess many proposals: JSON Lines or CSV in, JSON Lines or CSV out, in parallel.
    Batch(batch::BatchArgs),
    /// Validate a ruleset and run its rule tests (DIR/tests/*.toml).
    Check {
        /// The ruleset folder. Default: the folder given with --rules, else the embedded ruleset
        /// (validated only; its tests live in the source tree).
        dir: Option<PathBuf>,
    },
    /// Print the checklist structure (themes, questions, answer choices, context fields) as JSON.
    Questions {
        /// Language of the texts.
        #[arg(long, value_enum, default_value_t = LangArg::Nl)]
        lang: LangArg,
    },
    /// Print a JSON Schema. `proposal` is specific to the ruleset (real item ids and tokens)
    /// unless --generic is given.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        kind: SchemaArg,
        /// The generic schema, the same for every ruleset.
        #[arg(long)]
        generic: bool,
    },
    /// Serve the checklist app and the team API: shared assessments with versions, review and
    /// sign-off. With no settings: single-user mode on http://127.0.0.1:8080/ with the SQLite
    /// file sociale-bril.db. See docs/server.md.
    Serve(Box<sociale_bril_server::ServeArgs>),
    /// Tasks on the server's database (e.g. the first administrator).
    Admin {
        #[command(subcommand)]
        command: sociale_bril_server::AdminCommand,
    },
    /// Print the ruleset in its JSON form (loadable with --rules FILE.json, Ruleset.from_json).
    Compile {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// The core's output formats, by name.
fn output_format() -> impl TypedValueParser<Value = OutputFormat> {
    PossibleValuesParser::new(OutputFormat::ALL.map(|(_, name)| name))
        .map(|name| name.parse().unwrap_or(OutputFormat::Json))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Nl,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SchemaArg {
    Proposal,
    Ruleset,
    Assessment,
    Questions,
}

/// A failure that ends the program with status 1, with a message for stderr.
pub(crate) struct Failure(pub String);

impl From<RulesetError> for Failure {
    fn from(e: RulesetError) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(msg)) => {
            let _ = writeln!(std::io::stderr(), "error: {msg}");
            ExitCode::from(1)
        }
    }
}

pub(crate) fn load_rules(path: Option<&Path>) -> Result<Ruleset, Failure> {
    Ok(match path {
        Some(p) => Ruleset::load(p)?,
        None => Ruleset::default()?,
    })
}

fn read_input(file: &str) -> Result<String, Failure> {
    let limit = sociale_bril::limits::MAX_PROPOSAL_BYTES as u64;
    let mut text = String::new();
    let res = if file == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_string(&mut text)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit + 1).read_to_string(&mut text))
    };
    let name = if file == "-" { "standard input" } else { file };
    res.map_err(|e| Failure(format!("cannot read {name}: {e}")))?;
    if text.len() as u64 > limit {
        return Err(Failure(format!(
            "{name}: the proposal is larger than the limit of {limit} bytes"
        )));
    }
    Ok(text)
}

fn write_output(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    match output {
        Some(p) => std::fs::write(p, text)
            .map_err(|e| Failure(format!("cannot write {}: {e}", p.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .map_err(|e| Failure(format!("cannot write to standard output: {e}")))
        }
    }
}

fn pretty<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Assess {
            file,
            format,
            lang,
            canonical,
            output,
        } => {
            let rules = load_rules(cli.rules.as_deref())?;
            let text = read_input(&file)?;
            let name = if file == "-" {
                "<stdin>"
            } else {
                file.as_str()
            };
            let assessment = rules
                .assess_json(&text)
                .map_err(|e| Failure(format!("{name}: {e}")))?;
            let format = match format {
                OutputFormat::Json if canonical => OutputFormat::Canonical,
                other => other,
            };
            let mut out = String::new();
            if format == OutputFormat::Row {
                out.push_str(&rules.result_columns().csv_header(','));
            }
            let options = RenderOptions::new(lang.into()).indented(true);
            rules.render_into(&assessment, format, &options, &mut out);
            if !out.ends_with('\n') {
                out.push('\n');
            }
            write_output(output.as_deref(), &out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch(args) => batch::run(cli.rules.as_deref(), args),
        Command::Check { dir } => check(dir.as_deref().or(cli.rules.as_deref())),
        Command::Questions { lang } => {
            let rules = load_rules(cli.rules.as_deref())?;
            write_output(None, &pretty(&rules.questions(lang.into())))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { kind, generic } => {
            let kind = match kind {
                SchemaArg::Proposal => SchemaKind::Proposal,
                SchemaArg::Ruleset => SchemaKind::Ruleset,
                SchemaArg::Assessment => SchemaKind::Assessment,
                SchemaArg::Questions => SchemaKind::Questions,
            };
            let schema = if kind == SchemaKind::Proposal && !generic {
                load_rules(cli.rules.as_deref())?.proposal_schema()
            } else {
                sociale_bril::schema::schema(kind)
            };
            write_output(None, &pretty(&schema))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let rules = cli.rules.as_deref();
            sociale_bril_server::block_on(sociale_bril_server::serve(*args, rules))
                .and_then(|r| r)
                .map_err(|e| Failure(e.to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Admin { command } => {
            let msg = sociale_bril_server::block_on(sociale_bril_server::admin(command))
                .and_then(|r| r)
                .map_err(|e| Failure(e.to_string()))?;
            write_output(None, &(msg + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Compile { output } => {
            let rules = load_rules(cli.rules.as_deref())?;
            write_output(output.as_deref(), &(rules.to_json() + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(dir: Option<&Path>) -> Result<ExitCode, Failure> {
    let mut err = std::io::stderr().lock();
    let color = err.is_terminal();
    let (rules, dir) = match dir {
        Some(d) => (Ruleset::load(d)?, Some(d)),
        None => (Ruleset::default()?, None),
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "ruleset {} {} is valid: {} items, {} signals ({})",
        rules.id(),
        rules.version(),
        rules.item_ids().len(),
        rules.doc().signal.len(),
        rules.hash()
    );
    let Some(dir) = dir.filter(|d| d.is_dir()) else {
        let _ = writeln!(
            out,
            "no rule tests run (give the ruleset folder to run its tests)"
        );
        return Ok(ExitCode::SUCCESS);
    };
    let report = sociale_bril::ruletest::run(&rules, dir)?;
    for f in &report.failures {
        let _ = writeln!(
            err,
            "{}{f}{}",
            if color { "\x1b[31m" } else { "" },
            if color { "\x1b[0m" } else { "" }
        );
    }
    let _ = writeln!(
        out,
        "rule tests: {} run, {} passed, {} failed",
        report.run,
        report.run - report.failures.len(),
        report.failures.len()
    );
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
