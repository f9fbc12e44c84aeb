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
use serde_json::{Map, Value};
use sociale_bril::model::ruleset::FieldType;
use sociale_bril::{Assessment, Ruleset};

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

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum When {
    Auto,
    Always,
    Never,
}

/// One input record.
enum Record {
    Json(String),
    Value(Value),
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
    let reader_thread = std::thread::spawn(move || {
        let send = |c| tx.send(c).is_ok();
        match columns {
            Some(()) => read_jsonl(reader, chunk, send),
            None => read_csv(reader, chunk, &reader_ruleset, send),
        }
    });

    if args.format == OutFormat::Csv {
        write_all(&mut out, &csv_header(&ruleset))?;
    }
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
            .map(|(line, rec)| process(&ruleset, line, rec, args.format, args.detail))
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

/// What a CSV column holds.
enum Column {
    Id,
    Title,
    Context(String, FieldType),
    Answer(String),
    Note(String),
    Ignored,
}

fn csv_columns(headers: &csv::StringRecord, rules: &Ruleset) -> Result<Vec<Column>, String> {
    let fields = &rules.doc().context;
    let items = rules.item_ids();
    let mut cols = Vec::new();
    let mut unknown = Vec::new();
    for h in headers.iter() {
        let h = h.trim();
        let field = |name: &str| {
            fields
                .iter()
                .find(|f| f.id == name)
                .map(|f| Column::Context(f.id.clone(), f.kind))
        };
        let item = |name: &str| items.iter().find(|i| *i == name).cloned();
        let col = match h {
            "id" => Column::Id,
            "title" => Column::Title,
            "" | "line" => Column::Ignored,
            _ => {
                if let Some(c) = h
                    .strip_prefix("context.")
                    .and_then(field)
                    .or_else(|| field(h))
                {
                    c
                } else if let Some(i) = h.strip_prefix("note.").and_then(item) {
                    Column::Note(i)
                } else if let Some(i) = item(h.strip_prefix("answer.").unwrap_or(h)) {
                    Column::Answer(i)
                } else {
                    unknown.push(h.to_string());
                    Column::Ignored
                }
            }
        };
        cols.push(col);
    }
    if !unknown.is_empty() {
        return Err(format!(
            "CSV header, line 1: unknown column(s) {}; columns are id, title, context fields (e.g. instrument or context.instrument), item ids (answers) and note.<item id>",
            unknown
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(cols)
}

/// A CSV cell as a context value of its field's type; `Err` names what is expected.
fn csv_context(cell: &str, kind: FieldType) -> Result<Value, String> {
    Ok(match kind {
        FieldType::Text | FieldType::Choice => Value::String(cell.to_string()),
        FieldType::Choices => Value::Array(
            cell.split([';', '|'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ),
        FieldType::Number => {
            let cleaned: String = cell
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '_')
                .collect();
            let cleaned = if cleaned.contains(',') && !cleaned.contains('.') {
                cleaned.replace(',', ".")
            } else {
                cleaned.replace(',', "")
            };
            let n: f64 = cleaned
                .parse()
                .map_err(|_| format!("`{cell}` is not a number"))?;
            serde_json::Number::from_f64(n)
                .map(Value::Number)
                .ok_or_else(|| format!("`{cell}` is not a finite number"))?
        }
        FieldType::Boolean => match cell.to_lowercase().as_str() {
            "true" | "ja" | "yes" | "j" | "y" | "1" | "waar" => Value::Bool(true),
            "false" | "nee" | "no" | "n" | "0" | "onwaar" => Value::Bool(false),
            _ => {
                return Err(format!(
                    "`{cell}` is not yes or no (ja/nee, true/false, 1/0)"
                ));
            }
        },
    })
}

fn read_csv(
    reader: Box<dyn Read + Send>,
    chunk: usize,
    rules: &Ruleset,
    send: impl Fn(Result<Vec<(u64, Record)>, String>) -> bool,
) {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 16, reader));
    let columns = match r.headers() {
        Ok(h) => match csv_columns(h, rules) {
            Ok(c) => c,
            Err(e) => {
                let _ = send(Err(e));
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
                batch.push((line, csv_record(&record, &columns)));
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

fn csv_record(record: &csv::StringRecord, columns: &[Column]) -> Record {
    let mut context = Map::new();
    let mut answers = Map::new();
    let mut notes: Vec<(String, String)> = Vec::new();
    let mut top = Map::new();
    for (cell, col) in record.iter().zip(columns) {
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        match col {
            Column::Id => {
                top.insert("id".into(), Value::String(cell.to_string()));
            }
            Column::Title => {
                top.insert("title".into(), Value::String(cell.to_string()));
            }
            Column::Context(id, kind) => match csv_context(cell, *kind) {
                Ok(v) => {
                    context.insert(id.clone(), v);
                }
                Err(msg) => return Record::Broken(format!("column `{id}`: {msg}")),
            },
            Column::Answer(id) => {
                answers.insert(id.clone(), Value::String(cell.to_string()));
            }
            Column::Note(id) => notes.push((id.clone(), cell.to_string())),
            Column::Ignored => {}
        }
    }
    for (id, note) in notes {
        let answer = answers.remove(&id).unwrap_or(Value::Null);
        let mut m = Map::new();
        m.insert("answer".into(), answer);
        m.insert("note".into(), Value::String(note));
        answers.insert(id, Value::Object(m));
    }
    top.insert("context".into(), Value::Object(context));
    top.insert("answers".into(), Value::Object(answers));
    Record::Value(Value::Object(top))
}

fn issues_json(e: &sociale_bril::ProposalError) -> Value {
    serde_json::to_value(&e.issues).unwrap_or(Value::Null)
}

fn process(rules: &Ruleset, line: u64, rec: Record, format: OutFormat, detail: Detail) -> Outcome {
    let result = match &rec {
        Record::Json(text) => rules
            .assess_json(text)
            .map_err(|e| (e.to_string(), issues_json(&e))),
        Record::Value(v) => rules
            .assess_value(v)
            .map_err(|e| (e.to_string(), issues_json(&e))),
        Record::Broken(msg) => Err((
            msg.clone(),
            serde_json::json!([{"code": "unreadable-record", "message": msg, "pointer": ""}]),
        )),
    };
    match result {
        Ok(a) => Outcome {
            text: match format {
                OutFormat::Jsonl => {
                    let mut out = String::with_capacity(4096);
                    out.push_str("{\"line\":");
                    out.push_str(&line.to_string());
                    out.push_str(",\"assessment\":");
                    match detail {
                        Detail::Summary => a.summary().write_json(&mut out),
                        Detail::Full => {
                            out.push_str(&serde_json::to_string(&a).unwrap_or_default())
                        }
                    }
                    out.push_str("}\n");
                    out
                }
                OutFormat::Csv => csv_row(rules, line, Some(&a), None),
            },
            error: None,
        },
        Err((msg, issues)) => Outcome {
            text: match format {
                OutFormat::Jsonl => format!(
                    "{}\n",
                    serde_json::json!({"line": line, "error": {"message": msg, "issues": issues}})
                ),
                OutFormat::Csv => csv_row(rules, line, None, Some(&msg)),
            },
            error: Some(format!("line {line}: {msg}")),
        },
    }
}

fn csv_header(rules: &Ruleset) -> String {
    let mut cols: Vec<String> = [
        "line",
        "id",
        "title",
        "overall_percent",
        "overall_rating",
        "overall_completeness",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for t in &rules.doc().theme {
        for suffix in ["percent", "rating", "completeness"] {
            cols.push(format!("{}_{suffix}", t.id));
        }
    }
    cols.extend(
        [
            "signals",
            "critical_failures",
            "knowledge_gaps",
            "top_improvement",
            "error",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    csv_line(&cols)
}

fn csv_line(cells: &[String]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(cells);
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn csv_row(rules: &Ruleset, line: u64, a: Option<&Assessment<'_>>, error: Option<&str>) -> String {
    let num = |p: Option<f64>| p.map_or(String::new(), |p| p.to_string());
    let mut cells = vec![line.to_string()];
    match a {
        Some(a) => {
            cells.push(match &a.proposal.id {
                Some(sociale_bril::model::proposal::ProposalId::Text(s)) => s.clone(),
                Some(sociale_bril::model::proposal::ProposalId::Number(n)) => n.to_string(),
                None => String::new(),
            });
            cells.push(a.proposal.title.as_deref().unwrap_or_default().to_string());
            cells.push(num(a.overall.percent));
            cells.push(a.overall.rating.to_string());
            cells.push(num(a.overall.completeness));
            for t in &a.themes {
                cells.push(num(t.score.percent));
                cells.push(t.score.rating.to_string());
                cells.push(num(t.score.completeness));
            }
            cells.push(a.signals.iter().map(|s| s.id).collect::<Vec<_>>().join(";"));
            cells.push(a.overall.critical_failures.join(";"));
            cells.push(a.knowledge_gaps.len().to_string());
            cells.push(
                a.improvements
                    .first()
                    .map_or(String::new(), |i| i.item.to_string()),
            );
            cells.push(String::new());
        }
        None => {
            let blank = 5 + 3 * rules.doc().theme.len() + 4;
            cells.extend(std::iter::repeat_n(String::new(), blank));
            cells.push(error.unwrap_or_default().replace('\n', " "));
        }
    }
    csv_line(&cells)
}
