//! The conformance suite (tests/conformance): the same cases run in Rust (here), Python and
//! Node (WebAssembly), and all three must produce the same canonical JSON, byte for byte.
//!
//! Regenerate the expected files, only on purpose, with
//! `UPDATE_CONFORMANCE=1 cargo test -p sociale-bril --test conformance`, and review the diff.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sociale_bril::canonical::to_canonical_json;
use sociale_bril::table::{NumberStyle, TableOptions, parse_number};
use sociale_bril::{RuleFile, Ruleset, RulesetError};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance")
}

/// The result of one case, as the canonical JSON every runtime must produce.
pub fn run_case(case: &Value) -> String {
    if let Some(text) = case.get("number").and_then(Value::as_str) {
        return to_canonical_json(&number_case(text, &case["numbers"])).expect("canonical");
    }
    let ruleset = match &case["ruleset"] {
        Value::String(s) if s == "default" => Ruleset::default(),
        Value::String(path) => {
            let text = std::fs::read_to_string(dir().join(path)).expect("ruleset file");
            Ruleset::from_json(&text)
        }
        doc => Ruleset::from_json(&doc.to_string()),
    };
    let result = match ruleset {
        Err(e) => ruleset_error(&e),
        Ok(rules) if case.get("table").is_some() => table_case(&rules, &case["table"]),
        Ok(rules) => {
            let outcome = match case.get("proposal_text").and_then(Value::as_str) {
                Some(text) => rules.assess_json(text),
                None => rules.assess_value(&case["proposal"]),
            };
            match outcome {
                Ok(a) => serde_json::to_value(&a).expect("serializes"),
                Err(e) => error_json(
                    "proposal",
                    serde_json::to_value(&e.issues).expect("serializes"),
                ),
            }
        }
    };
    to_canonical_json(&result).expect("canonical")
}

/// `{"value": x}`, or the error of a number that cannot be read.
fn number_case(text: &str, numbers: &Value) -> Value {
    let style: NumberStyle = numbers.as_str().unwrap_or("auto").parse().expect("a style");
    match parse_number(text, style) {
        Ok(x) => json!({ "value": x }),
        Err(e) => error_json(
            "proposal",
            serde_json::to_value([e.issue()]).expect("serializes"),
        ),
    }
}

/// `{"rows": [...]}`: each row read into a proposal (row n, from 0, is line n + 2), or its
/// error; or the error of the header.
fn table_case(rules: &Ruleset, table: &Value) -> Value {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|c| c.as_str().unwrap_or_default().to_string())
            .collect()
    };
    let style: NumberStyle = table["numbers"]
        .as_str()
        .unwrap_or("auto")
        .parse()
        .expect("a style");
    let columns =
        match rules.proposal_columns(&strings(&table["columns"]), TableOptions::new(style)) {
            Ok(c) => c,
            Err(e) => {
                return error_json(
                    "proposal",
                    serde_json::to_value(&e.issues).expect("serializes"),
                );
            }
        };
    let rows: Vec<Value> = table["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(n, row)| match columns.read(n as u64 + 2, &strings(row)) {
            Ok(p) => p,
            Err(e) => error_json(
                "proposal",
                serde_json::to_value(&e.issues).expect("serializes"),
            ),
        })
        .collect();
    json!({ "rows": rows })
}

fn ruleset_error(e: &RulesetError) -> Value {
    error_json(
        "ruleset",
        serde_json::to_value(e.issues()).expect("serializes"),
    )
}

/// `{"error": {"kind", "issues"}}` with each issue's message and help left out (their wording
/// may change; code and location may not).
fn error_json(kind: &str, mut issues: Value) -> Value {
    if let Some(list) = issues.as_array_mut() {
        for i in list {
            if let Some(m) = i.as_object_mut() {
                m.remove("message");
                m.remove("help");
            }
        }
    }
    json!({"error": {"kind": kind, "issues": issues}})
}

#[test]
fn every_case_gives_the_expected_canonical_json() {
    let update = std::env::var_os("UPDATE_CONFORMANCE").is_some();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && !p.to_string_lossy().ends_with(".expected.json")
        })
        .collect();
    names.sort();
    assert!(names.len() >= 50, "the suite has at least 50 cases");
    let mut failures = Vec::new();
    for path in &names {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let got = run_case(&case) + "\n";
        let expected_path = path.with_extension("expected.json");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(want) if want == got => {}
            Ok(_) => failures.push(format!(
                "{}: differs from {}",
                path.display(),
                expected_path.display()
            )),
            Err(_) => failures.push(format!("{}: no expected file", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after a deliberate change: UPDATE_CONFORMANCE=1)",
        failures.join("\n")
    );
}

#[test]
fn the_ops_ruleset_json_is_its_toml_compiled() {
    let toml_dir = dir().join("rulesets/ops");
    let files = vec![RuleFile {
        name: "ruleset.toml".into(),
        text: std::fs::read_to_string(toml_dir.join("ruleset.toml")).unwrap(),
    }];
    let from_toml = Ruleset::from_files(files).unwrap();
    let json = std::fs::read_to_string(dir().join("rulesets/ops.json")).unwrap();
    assert_eq!(
        json.trim_end(),
        from_toml.to_json(),
        "recompile: sociale-bril --rules tests/conformance/rulesets/ops compile -o tests/conformance/rulesets/ops.json"
    );
}

#[test]
fn cases_cover_what_the_suite_promises() {
    let mut texts = String::new();
    for e in std::fs::read_dir(dir().join("cases")).unwrap() {
        let p = e.unwrap().path();
        if p.to_string_lossy().ends_with(".expected.json") {
            texts.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    for needle in [
        "\"status\":\"answered\"",
        "\"status\":\"unknown\"",
        "\"status\":\"unanswered\"",
        "\"status\":\"not_applicable\"",
        "\"status\":\"excluded\"",
        "\"result\":\"unknown\"",
        "\"critical_failure\":true",
        "\"rating\":\"incomplete\"",
        "\"rating\":\"not_applicable\"",
        "\"kind\":\"proposal\"",
        "\"kind\":\"ruleset\"",
        "\"code\":\"json-syntax\"",
        "\"severity\":\"critical\"",
        "\"severity\":\"info\"",
        "\"code\":\"ambiguous-number\"",
        "\"code\":\"invalid-number\"",
        "\"code\":\"unknown-column\"",
        "\"code\":\"limit-exceeded\"",
    ] {
        assert!(texts.contains(needle), "no case produces {needle}");
    }
}
