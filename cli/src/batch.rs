//! `sociale-bril batch`: many proposals in, one result per proposal out, in input order.
//!
//! A reader thread reads records (JSON Lines, or CSV rows turned into proposals) in chunks; each
//! chunk is assessed in parallel and written in order, so memory stays flat for any input size.
//! A broken record is reported with its line number and does not stop the others.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, sync_channel};
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde_json::Value;
use sociale_bril::table::{NumberStyle, ProposalColumns, ResultColumns, ResultRow, TableOptions};
use sociale_bril::{OutputFormat, ProposalError, RenderOptions, Ruleset};

use crate::{Failure, load_rules};

/// Longest input line accepted, in bytes (the proposal size limit).
const MAX_LINE_BYTES: usize = sociale_bril::limits::MAX_PROPOSAL_BYTES;

#[derive(Args, Debug)]
pub(crate) struct BatchArgs {
    /// Input: JSON Lines (one proposal per line) or CSV, or `-` for standard input.
    #[arg(default_value = "-")]
    input: String,
    /// Write results here instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Input format. Default: csv for a file ending in .csv, else jsonl.
    #[arg(long, value_enum)]
    input_format: Option<InFormat>,
    /// How numbers in CSV cells are written: `nl` (2.500,50), `en` (2,500.50), or `auto`
    /// (either; a number that reads differently the two ways, such as 2.500, is refused).
    #[arg(long, value_enum, default_value_t = Numbers::Auto)]
    numbers: Numbers,
    /// Output format: jsonl (one `{"line", "assessment"|"error"}` object per input record) or
    /// csv (one summary row per record).
    #[arg(long, short, value_enum, default_value_t = OutFormat::Jsonl)]
    format: OutFormat,
    /// What each JSON Lines result holds: `summary` (scores, ratings and the ids of signals,
    /// gaps and improvements; texts are in `sociale-bril questions`) or `full` (the whole
    /// assessment, as `assess` prints it).
    #[arg(long, value_enum, default_value_t = Detail::Summary)]
    detail: Detail,
    /// Worker threads. Default: one per core.
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Records per chunk (memory use grows with it).
    #[arg(long, default_value_t = 2048, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    chunk: u32,
    /// Progress line on standard error.
    #[arg(long, value_enum, default_value_t = When::Auto)]
    progress: When,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum InFormat {
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum OutFormat {
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Detail {
    Summary,
    Full,
}

impl Detail {
    /// The core's format of a JSON Lines result.
    fn format(self) -> OutputFormat {
        match self {
            Detail::Summary => OutputFormat::Summary,
            Detail::Full => OutputFormat::Json,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Numbers {
    Auto,
    Nl,
    En,
}

impl From<Numbers> for NumberStyle {
    fn from(n: Numbers) -> NumberStyle {
        match n {
            Numbers::Auto => NumberStyle::Auto,
            Numbers::Nl => NumberStyle::Dutch,
            Numbers::En => NumberStyle::English,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum When {
    Auto,
    Always,
    Never,
}

/// One input record.
enum Record {
    /// A line of JSON Lines.
    Json(String),
    /// A CSV row read into a proposal.
    Value(Value),
    /// A CSV row with cells that cannot be read (located problems).
    Invalid(ProposalError),
    /// A record that cannot be read at all.
    Broken(String),
}

struct Outcome {
    text: String,
    error: Option<String>,
}

/// Set by SIGINT/SIGTERM: the run stops after the chunk it is writing, so the output holds
/// complete lines only.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
fn catch_interrupts() {
    extern "C" fn on_signal(_: libc::c_int) {
        INTERRUPTED.store(true, Ordering::SeqCst);
    }
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

#[cfg(not(unix))]
fn catch_interrupts() {}

pub(crate) fn run(rules: Option<&Path>, args: BatchArgs) -> Result<ExitCode, Failure> {
    let ruleset = load_rules(rules)?;
    if let Some(j) = args.jobs {
        // Only fails if a pool exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let input_format = args
        .input_format
        .unwrap_or(if args.input.ends_with(".csv") {
            InFormat::Csv
        } else {
            InFormat::Jsonl
        });
    let reader: Box<dyn Read + Send> = if args.input == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(&args.input)
                .map_err(|e| Failure(format!("cannot read {}: {e}", args.input)))?,
        )
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p)
                .map_err(|e| Failure(format!("cannot write {}: {e}", p.display())))?,
        ),
        None => Box::new(std::io::stdout()),
    };
    let columns = match input_format {
        InFormat::Csv => None,
        InFormat::Jsonl => Some(()),
    };
    let progress = match args.progress {
        When::Always => true,
        When::Never => false,
        When::Auto => std::io::stderr().is_terminal(),
    };

    let (tx, rx) = sync_channel::<Result<Vec<(u64, Record)>, String>>(2);
    let chunk = args.chunk as usize;
    let reader_ruleset = ruleset.clone();
    let table = TableOptions::new(args.numbers.into());
    let reader_thread = std::thread::spawn(move || {
        let send = |c| tx.send(c).is_ok();
        match columns {
            Some(()) => read_jsonl(reader, chunk, send),
            None => read_csv(reader, chunk, &reader_ruleset, table, send),
        }
    });

    let results = ruleset.result_columns().with_line();
    if args.format == OutFormat::Csv {
        write_all(&mut out, &results.csv_header(','))?;
    }
    let output = Output {
        format: args.format,
        detail: args.detail,
        results: &results,
    };
    let started = Instant::now();
    let mut last_progress = started;
    let (mut done, mut failed) = (0u64, 0u64);
    let mut stderr = std::io::stderr();
    catch_interrupts();
    loop {
        if INTERRUPTED.load(Ordering::SeqCst) {
            let _ = out.flush();
            let _ = writeln!(
                stderr,
                "{}interrupted: the output holds the complete results of the first {done} proposals",
                if progress { "\r\x1b[K" } else { "" }
            );
            return Ok(ExitCode::from(130));
        }
        let chunk = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(chunk) => chunk,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let chunk = chunk.map_err(Failure)?;
        let outcomes: Vec<Outcome> = chunk
            .into_par_iter()
            .map(|(line, rec)| output.process(&ruleset, line, rec))
            .collect();
        let mut buf = String::with_capacity(outcomes.iter().map(|o| o.text.len()).sum());
        let mut errors = String::new();
        for o in outcomes {
            done += 1;
            buf.push_str(&o.text);
            if let Some(e) = o.error {
                failed += 1;
                errors.push_str(&e);
                errors.push('\n');
            }
        }
        if !errors.is_empty() {
            if progress {
                let _ = write!(stderr, "\r\x1b[K");
            }
            let _ = stderr.write_all(errors.as_bytes());
        }
        write_all(&mut out, &buf)?;
        if progress && last_progress.elapsed() >= Duration::from_millis(200) {
            last_progress = Instant::now();
            let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-9);
            let _ = write!(
                stderr,
                "\r\x1b[K{done} proposals, {failed} failed, {rate:.0}/s"
            );
        }
    }
    let _ = reader_thread.join();
    out.flush()
        .map_err(|e| Failure(format!("cannot write the output: {e}")))?;
    if progress || failed > 0 {
        let secs = started.elapsed().as_secs_f64();
        let _ = writeln!(
            stderr,
            "{}{done} proposals assessed in {secs:.1} s, {failed} failed",
            if progress { "\r\x1b[K" } else { "" }
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_all(out: &mut dyn Write, text: &str) -> Result<(), Failure> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (e.g. `| head`) ends the run quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Failure(format!("cannot write the output: {e}"))),
    }
}

/// Reads one line of at most `max` bytes into `buf` (without the line end). Returns `None` at the
/// end of input, `Some(false)` for a line that was too long (its rest is skipped).
fn read_line_bounded(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some(!too_long));
        }
        any = true;
        let (part, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if !too_long {
            if buf.len() + part.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        let used = done.unwrap_or(available.len());
        r.consume(used);
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(!too_long));
        }
    }
}

fn read_jsonl(
    reader: Box<dyn Read + Send>,
    chunk: usize,
    send: impl Fn(Result<Vec<(u64, Record)>, String>) -> bool,
) {
    let mut r = BufReader::with_capacity(1 << 16, reader);
    let mut buf = Vec::new();
    let mut line = 0u64;
    let mut batch = Vec::with_capacity(chunk);
    loop {
        match read_line_bounded(&mut r, &mut buf, MAX_LINE_BYTES) {
            Ok(None) => break,
            Ok(Some(ok)) => {
                line += 1;
                let rec = if !ok {
                    Record::Broken(format!(
                        "the line is longer than the limit of {MAX_LINE_BYTES} bytes"
                    ))
                } else {
                    match std::str::from_utf8(&buf) {
                        Ok(s) if s.trim().is_empty() => continue,
                        Ok(s) => Record::Json(s.to_string()),
                        Err(e) => Record::Broken(format!(
                            "the line is not UTF-8 text (invalid byte at column {})",
                            e.valid_up_to() + 1
                        )),
                    }
                };
                batch.push((line, rec));
                if batch.len() >= chunk
                    && !send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(chunk))))
                {
                    return;
                }
            }
            Err(e) => {
                let _ = send(Err(format!("cannot read the input after line {line}: {e}")));
                return;
            }
        }
    }
    if !batch.is_empty() {
        send(Ok(batch));
    }
}

fn read_csv(
    reader: Box<dyn Read + Send>,
    chunk: usize,
    rules: &Ruleset,
    table: TableOptions,
    send: impl Fn(Result<Vec<(u64, Record)>, String>) -> bool,
) {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 16, reader));
    let columns = match r.headers() {
        Ok(h) => match rules.proposal_columns(&h.iter().collect::<Vec<_>>(), table) {
            Ok(c) => c,
            Err(e) => {
                let issues: Vec<String> = e.issues.iter().map(ToString::to_string).collect();
                let _ = send(Err(format!("the CSV header: {}", issues.join("\n"))));
                return;
            }
        },
        Err(e) => {
            let _ = send(Err(format!("cannot read the CSV header: {e}")));
            return;
        }
    };
    let mut batch = Vec::with_capacity(chunk);
    let mut record = csv::StringRecord::new();
    loop {
        let line = r.position().line() + 1;
        match r.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| p.line());
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                batch.push((line, csv_record(&record, &columns, line)));
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                batch.push((
                    line,
                    Record::Broken(format!("the CSV row cannot be read: {e}")),
                ));
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::Utf8 { .. } | csv::ErrorKind::UnequalLengths { .. }
                ) {
                    let _ = send(Ok(std::mem::take(&mut batch)));
                    let _ = send(Err(format!(
                        "cannot read the CSV input after line {line}: {e}"
                    )));
                    return;
                }
            }
        }
        if batch.len() >= chunk
            && !send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(chunk))))
        {
            return;
        }
    }
    if !batch.is_empty() {
        send(Ok(batch));
    }
}

fn csv_record(record: &csv::StringRecord, columns: &ProposalColumns, line: u64) -> Record {
    let cells: Vec<&str> = record.iter().collect();
    match columns.read(line, &cells) {
        Ok(proposal) => Record::Value(proposal),
        Err(e) => Record::Invalid(e),
    }
}

fn issues_json(e: &sociale_bril::ProposalError) -> Value {
    serde_json::to_value(&e.issues).unwrap_or(Value::Null)
}

/// How results are written.
struct Output<'a> {
    format: OutFormat,
    detail: Detail,
    results: &'a ResultColumns,
}

impl Output<'_> {
    /// Assesses one record and writes its result (or its error).
    fn process(&self, rules: &Ruleset, line: u64, rec: Record) -> Outcome {
        let result = match rec {
            Record::Json(text) => rules.assess_json(&text),
            Record::Value(v) => rules.assess_value(&v),
            Record::Invalid(e) => Err(e),
            Record::Broken(msg) => {
                let issues = serde_json::json!([{"code": "unreadable-record", "message": msg, "pointer": ""}]);
                return self.failed(line, &msg, "unreadable-record", &issues);
            }
        };
        match result {
            Ok(a) => Outcome {
                text: match self.format {
                    OutFormat::Jsonl => {
                        let mut out = String::with_capacity(4096);
                        out.push_str("{\"line\":");
                        out.push_str(&line.to_string());
                        out.push_str(",\"assessment\":");
                        let options = RenderOptions::default();
                        rules.render_into(&a, self.detail.format(), &options, &mut out);
                        out.push_str("}\n");
                        out
                    }
                    OutFormat::Csv => {
                        self.results
                            .csv_row(Some(line), &ResultRow::of(&a), NumberStyle::Auto, ',')
                    }
                },
                error: None,
            },
            Err(e) => {
                let code = e.first().map_or("invalid-proposal", |i| i.code);
                self.failed(line, &e.to_string(), code, &issues_json(&e))
            }
        }
    }

    /// The outcome of a record that could not be assessed.
    fn failed(&self, line: u64, msg: &str, code: &str, issues: &Value) -> Outcome {
        Outcome {
            text: match self.format {
                OutFormat::Jsonl => format!(
                    "{}\n",
                    serde_json::json!({"line": line, "error": {"message": msg, "issues": issues}})
                ),
                OutFormat::Csv => self.results.csv_row(
                    Some(line),
                    &ResultRow::error(msg, code),
                    NumberStyle::Auto,
                    ',',
                ),
            },
            error: Some(format!("line {line}: {msg}")),
        }
    }
}
