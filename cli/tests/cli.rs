//! The `sociale-bril` command as a user runs it: exit codes, located messages, batch runs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sociale-bril"));
    c.current_dir(root());
    c
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("waits");
    writer.join().unwrap();
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const EXAMPLE: &str = "rules/sociale-bril/examples/snelfietsroute.json";

#[test]
fn assess_prints_json_markdown_and_html() {
    let out = run(&["assess", EXAMPLE]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["ruleset"]["id"], "sociale-bril");
    assert_eq!(v["themes"].as_array().unwrap().len(), 4);

    let md = text(&run(&["assess", EXAMPLE, "--format", "markdown"]).stdout);
    assert!(md.starts_with("# Sociale bril: Snelfietsroute"), "{md}");
    assert!(md.contains("## Verbeterpunten"));
    let en = text(&run(&["assess", EXAMPLE, "-f", "markdown", "--lang", "en"]).stdout);
    assert!(en.contains("## Improvements"));

    let html = text(&run(&["assess", EXAMPLE, "-f", "html"]).stdout);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    for external in [
        "src=\"http",
        "href=\"http",
        "@import",
        "url(http",
        "<script",
    ] {
        assert!(
            !html.contains(external),
            "the report loads nothing from outside: {external}"
        );
    }
}

#[test]
fn assess_reads_standard_input_and_prints_canonical_json() {
    let input = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let out = run_stdin(&["assess", "-", "--canonical"], &input);
    assert!(out.status.success());
    let s = text(&out.stdout);
    let direct = text(&run(&["assess", EXAMPLE, "--canonical"]).stdout);
    assert_eq!(s, direct);
    assert!(
        !s.trim_end().contains('\n') && s.starts_with("{\"domains\":"),
        "sorted keys, one line"
    );
}

fn assert_rejected(input: &str, needles: &[&str]) {
    let out = run_stdin(&["assess", "-"], input);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    for n in needles {
        assert!(err.contains(n), "stderr should name {n:?}: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn invalid_proposals_exit_1_with_a_located_message() {
    assert_rejected(
        "{\"title\": \"x\",\n \"answers\": {\"a\": }}",
        &["line 2, column", "json-syntax"],
    );
    assert_rejected(
        r#"{"answers": {"inclusie.doenvermogn": "ja"}}"#,
        &[
            "/answers/inclusie.doenvermogn",
            "unknown-item",
            "did you mean `inclusie.doenvermogen`",
        ],
    );
    assert_rejected(
        r#"{"answers": {"inclusie.doelgroepen-in-beeld": "misschien"}}"#,
        &[
            "/answers/inclusie.doelgroepen-in-beeld",
            "unknown-token",
            "yes, partly, no",
        ],
    );
    assert_rejected(
        r#"{"context": {"budget": "veel"}}"#,
        &["/context/budget", "context-type", "number"],
    );
    assert_rejected(
        r#"{"context": {"instrument": "lening"}}"#,
        &["/context/instrument", "unknown-option", "subsidy"],
    );
    assert_rejected("[]", &["proposal-type"]);
}

#[test]
fn missing_files_and_usage_errors() {
    let out = run(&["assess", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no/such/file.json"));
    let out = run(&["assess", EXAMPLE, "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2), "usage error");
    let out = run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--rules", "no/such/dir", "assess", EXAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no/such/dir"));
}

#[test]
fn check_validates_and_runs_rule_tests() {
    let out = run(&["check", "rules/sociale-bril"]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("is valid"));
    assert!(text(&out.stdout).contains("rule tests:"));

    // A broken copy: a misspelt theme and a failing rule test.
    let dir = tempdir("check");
    for entry in std::fs::read_dir(root().join("rules/sociale-bril")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let inclusie = dir.join("inclusie.toml");
    let broken = std::fs::read_to_string(&inclusie).unwrap().replacen(
        "theme = \"inclusie\"",
        "theme = \"inclusei\"",
        1,
    );
    std::fs::write(&inclusie, &broken).unwrap();
    let out = run(&["check", dir.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = broken.lines().position(|l| l.contains("inclusei")).unwrap() + 1;
    assert!(err.contains(&format!("inclusie.toml:{line}:")), "{err}");
    assert!(
        err.contains("unknown-theme") && err.contains("did you mean `inclusie`"),
        "{err}"
    );
}

#[test]
fn check_reports_failing_rule_tests_with_file_and_name() {
    let dir = tempdir("ruletest");
    for entry in std::fs::read_dir(root().join("rules/sociale-bril")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::write(
        dir.join("tests/wrong.toml"),
        "[[test]]\nname = \"klopt niet\"\n[test.proposal]\ntitle = \"x\"\n[test.expect]\noverall = { rating = \"strong\" }\n",
    )
    .unwrap();
    let out = run(&["check", dir.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("tests/wrong.toml:1:") && err.contains("klopt niet"),
        "{err}"
    );
    assert!(err.contains("expected strong, got incomplete"), "{err}");
}

#[test]
fn questions_and_schemas() {
    let out = run(&["questions", "--lang", "en"]);
    let q: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(q["lang"], "en");
    assert_eq!(q["themes"][0]["title"], "Inclusion");
    let out = run(&["schema", "proposal"]);
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(s["properties"]["answers"]["properties"]["inclusie.doenvermogen"].is_object());
    let out = run(&["schema", "assessment"]);
    assert!(out.status.success());
    let out = run(&["compile"]);
    let json = text(&out.stdout);
    let again = sociale_bril::Ruleset::from_json(&json).unwrap();
    assert_eq!(
        again.hash(),
        sociale_bril::Ruleset::default().unwrap().hash()
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sociale-bril-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// 10,000 generated proposals with a few broken lines in between.
fn generated_jsonl(n: usize, broken_every: usize) -> (String, Vec<usize>) {
    let rules = sociale_bril::Ruleset::default().unwrap();
    let q = rules.questions(sociale_bril::Lang::Nl);
    let items: Vec<(&str, Vec<&str>)> = q
        .themes
        .iter()
        .flat_map(|t| t.items.iter())
        .map(|i| (i.id, i.options.iter().map(|o| o.id).collect()))
        .collect();
    let instruments = [
        "subsidy",
        "regulation",
        "investment",
        "programme",
        "internal_policy",
    ];
    let mut out = String::new();
    let mut broken = Vec::new();
    for k in 0..n {
        let line = k + 1;
        if k % broken_every == broken_every - 1 {
            broken.push(line);
            match (k / broken_every) % 4 {
                0 => out.push_str("{\"title\": \"kapot\", \n"),
                1 => out.push_str("{\"answers\": {\"bestaat.niet\": \"ja\"}}\n"),
                2 => out.push_str("{\"context\": {\"budget\": \"veel\"}}\n"),
                _ => out.push_str("not json at all\n"),
            }
            continue;
        }
        let mut answers = serde_json::Map::new();
        for (j, (id, opts)) in items.iter().enumerate() {
            if (k + j) % 5 != 0 {
                answers.insert(id.to_string(), opts[(k * 7 + j) % opts.len()].into());
            }
        }
        let p = serde_json::json!({
            "id": k,
            "title": format!("Voorstel {k}"),
            "context": {"instrument": instruments[k % instruments.len()], "citizens_affected": k % 2 == 0,
                        "citizens_must_act": k % 3 == 0, "budget": (k * 1000) as f64},
            "answers": answers
        });
        out.push_str(&p.to_string());
        out.push('\n');
    }
    (out, broken)
}

#[test]
fn batch_assesses_ten_thousand_lines_and_reports_each_broken_one() {
    let (input, broken) = generated_jsonl(10_000, 1000);
    let dir = tempdir("batch");
    let path = dir.join("in.jsonl");
    std::fs::write(&path, &input).unwrap();
    let out = run(&["batch", path.to_str().unwrap(), "--progress", "never"]);
    assert_eq!(out.status.code(), Some(1), "exit 1 when a line failed");
    let stdout = text(&out.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 10_000, "one output line per input line");
    let ok: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l.get("assessment").is_some())
        .collect();
    assert_eq!(ok.len(), 10_000 - broken.len());
    assert!(ok.len() >= 9_990);
    for (k, l) in lines.iter().enumerate() {
        assert_eq!(l["line"], k + 1, "in input order");
    }
    let stderr = text(&out.stderr);
    let error_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(error_lines.len(), broken.len(), "{stderr}");
    for (line, msg) in broken.iter().zip(&error_lines) {
        assert!(msg.starts_with(&format!("line {line}: ")), "{msg}");
        let issues = lines[line - 1]["error"]["issues"]
            .as_array()
            .map_or(0, Vec::len);
        assert!(issues > 0, "the output line carries the located issues");
    }
    assert!(stderr.contains("/answers/bestaat.niet") && stderr.contains("/context/budget"));
}

#[test]
fn batch_csv_in_and_out() {
    let csv = "id,title,instrument,citizens_affected,target_groups,inclusie.doelgroepen-in-beeld,note.inclusie.doelgroepen-in-beeld\n\
               a1,Eerste,subsidie,ja,ouderen;jongeren,ja,\"Analyse, maart\"\n\
               a2,Tweede,regelgeving,misschien,,nee,\n\
               a3,\"Derde, met komma\",investment,nee,,deels,\n";
    let out = run_stdin(
        &["batch", "-", "--input-format", "csv", "--format", "csv"],
        csv,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "inclusie_percent"));
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("id")], "a1");
    assert_eq!(&rows[2][col("title")], "Derde, met komma");
    assert!(
        rows[1][col("error")].contains("citizens_affected"),
        "{:?}",
        &rows[1]
    );
    assert!(
        text(&out.stderr).contains("line 3: "),
        "{}",
        text(&out.stderr)
    );
    assert!(!rows[0][col("overall_percent")].is_empty());
}

#[test]
fn batch_rejects_unknown_csv_columns_up_front() {
    let out = run_stdin(
        &["batch", "-", "--input-format", "csv"],
        "title,onbekende_kolom\nx,y\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("onbekende_kolom"));
}

/// An interrupted batch leaves complete lines only, and says how far it got.
#[cfg(unix)]
#[test]
fn batch_interrupted_midway_leaves_complete_lines() {
    let (input, _) = generated_jsonl(4000, 1_000_000);
    let dir = tempdir("interrupt");
    let out_path = dir.join("out.jsonl");
    let mut child = bin()
        .args([
            "batch",
            "-",
            "--chunk",
            "250",
            "--progress",
            "never",
            "-o",
            out_path.to_str().unwrap(),
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Keep standard input open (more could come) and wait until results are being written.
    let start = std::time::Instant::now();
    while std::fs::metadata(&out_path).map_or(0, |m| m.len()) == 0 {
        assert!(start.elapsed().as_secs() < 60, "no output");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // SAFETY: signals our own child.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("interrupted"),
        "{}",
        text(&out.stderr)
    );
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(written.ends_with('\n'));
    let lines: Vec<&str> = written.lines().collect();
    assert!(!lines.is_empty() && lines.len() <= 4000);
    assert_eq!(lines.len() % 250, 0, "whole chunks only");
    for (k, l) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(l).expect("every line is complete JSON");
        assert_eq!(v["line"], k + 1);
    }
}

#[test]
fn batch_reports_an_overlong_line_and_goes_on() {
    let ok = r#"{"title": "klein"}"#;
    let long = format!(
        "{{\"title\": \"{}\"}}",
        "x".repeat(sociale_bril::limits::MAX_PROPOSAL_BYTES + 10)
    );
    let input = format!("{ok}\n{long}\n{ok}\n");
    let out = run_stdin(&["batch", "-", "--progress", "never"], &input);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("line 2: the line is longer than the limit"),
        "{err}"
    );
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].get("assessment").is_some() && lines[2].get("assessment").is_some());
    assert!(lines[1].get("error").is_some());
}

#[test]
fn batch_reads_dutch_numbers_or_refuses_them_at_row_and_column() {
    // A large budget without monitoring fires a signal: the budget was read as written.
    let csv = "id,budget,sociaal-dna.monitoring\nklein,\"2.500,50\",nee\ngroot,\"25.000.000\",nee\ntwijfel,\"2.500\",nee\n";
    let out = run_stdin(
        &["batch", "-", "--input-format", "csv", "--progress", "never"],
        csv,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let signals = |k: usize| lines[k]["assessment"]["signals"].to_string();
    assert!(!signals(0).contains("groot-budget"), "{}", signals(0));
    assert!(signals(1).contains("groot-budget"), "{}", signals(1));
    let issue = &lines[2]["error"]["issues"][0];
    assert_eq!(issue["code"], "ambiguous-number");
    assert_eq!(
        (issue["line"].as_u64(), issue["column"].as_u64()),
        (Some(4), Some(2))
    );
    assert_eq!(issue["pointer"], "/context/budget");
    assert!(text(&out.stderr).contains("line 4: "));
    // Said to be Dutch, `2.500` is two and a half thousand.
    let out = run_stdin(
        &[
            "batch",
            "-",
            "--input-format",
            "csv",
            "--numbers",
            "nl",
            "--progress",
            "never",
        ],
        "id,budget\ntwijfel,\"2.500\"\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn batch_csv_output_has_the_core_result_columns() {
    let out = run(&["assess", EXAMPLE, "-f", "row"]);
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    let row = r.records().next().unwrap().unwrap();
    let col = |name: &str| &row[headers.iter().position(|h| h == name).unwrap()];
    assert_eq!(col("id"), "voorbeeld-snelfietsroute");
    assert_eq!(col("signal_ids"), "groot-budget-zonder-monitoring");
    assert_eq!(col("signals"), "1");
    assert_eq!(headers.get(0), Some("id"));
    assert_eq!(headers.iter().next_back(), Some("error_code"));
}
