//! Rule tests as data: TOML files in a ruleset's `tests/` folder, each a list of `[[test]]`
//! cases — a proposal (inline, or an example from `examples/` with changes on top) and what its
//! assessment must show. `sociale-bril check` and `cargo test` run them.
//!
//! ```toml
//! [[test]]
//! name = "Snelfietsroute, volledig ingevuld"
//! example = "snelfietsroute.json"
//! proposal.answers = { "inclusie.doenvermogen" = "unknown" }   # changes on top of the example
//! remove_answers = ["inclusie.begrijpelijke-taal"]             # makes these unanswered
//! remove_context = ["budget"]                                   # and these context fields unknown
//!
//! [test.expect]
//! overall = { percent = 71.3, rating = "on_track" }
//! themes.inclusie = { rating = "attention" }
//! signals = ["doenvermogen-onbekend"]        # exactly these fired (any order)
//! signals_in_order = ["a", "b"]              # exactly these, in this order (severity first)
//! top_improvement = "inclusie.begrijpelijke-taal"   # "" for none
//! items = { "sociaal-dna.inclusieve-inkoop" = "excluded" }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use crate::assessment::{Assessment, Score};
use crate::error::{RulesetError, SourceLocation, line_col};
use crate::load::toml::toml_issue;
use crate::ruleset::Ruleset;

/// A file of rule tests.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestFile {
    #[serde(default)]
    test: Vec<RuleTest>,
}

/// One rule test.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleTest {
    name: String,
    #[serde(default)]
    example: Option<String>,
    #[serde(default)]
    proposal: Option<toml::Table>,
    #[serde(default)]
    remove_answers: Vec<String>,
    #[serde(default)]
    remove_context: Vec<String>,
    #[serde(default)]
    expect: Expect,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default)]
    overall: Option<ScoreExpect>,
    #[serde(default)]
    themes: BTreeMap<String, ScoreExpect>,
    #[serde(default)]
    principles: BTreeMap<String, ScoreExpect>,
    #[serde(default)]
    domains: BTreeMap<String, ScoreExpect>,
    #[serde(default)]
    signals: Option<Vec<String>>,
    #[serde(default)]
    signals_in_order: Option<Vec<String>>,
    #[serde(default)]
    signals_include: Vec<String>,
    #[serde(default)]
    signals_exclude: Vec<String>,
    #[serde(default)]
    top_improvement: Option<String>,
    #[serde(default)]
    knowledge_gaps: Option<usize>,
    #[serde(default)]
    items: BTreeMap<String, String>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreExpect {
    #[serde(default)]
    percent: Option<f64>,
    #[serde(default)]
    completeness: Option<f64>,
    #[serde(default)]
    rating: Option<String>,
    #[serde(default)]
    points: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
}

/// A rule test that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestFailure {
    /// Where the test is (file, line).
    pub location: SourceLocation,
    /// The test's name.
    pub name: String,
    /// What differed.
    pub problems: Vec<String>,
}

impl std::fmt::Display for TestFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: test \"{}\" failed:", self.location, self.name)?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

/// The outcome of running a ruleset's tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestReport {
    /// Tests run.
    pub run: usize,
    /// Tests that failed.
    pub failures: Vec<TestFailure>,
}

impl TestReport {
    /// Whether every test passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs the rule tests in `dir/tests/*.toml` (examples are read from `dir/examples/`). A
/// malformed test file is a located [`RulesetError`]; a failing test is a [`TestFailure`].
pub fn run(ruleset: &Ruleset, dir: &Path) -> Result<TestReport, RulesetError> {
    let tests_dir = dir.join("tests");
    let mut report = TestReport::default();
    if !tests_dir.is_dir() {
        return Ok(report);
    }
    let io = |p: &Path, e: std::io::Error| RulesetError::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    };
    let mut files: Vec<_> = std::fs::read_dir(&tests_dir)
        .map_err(|e| io(&tests_dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut issues = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let name = format!(
            "tests/{}",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let file: TestFile = match toml::from_str(&text) {
            Ok(f) => f,
            Err(e) => {
                issues.push(toml_issue(&name, &text, &e));
                continue;
            }
        };
        let lines = test_lines(&text);
        for (i, t) in file.test.iter().enumerate() {
            report.run += 1;
            let line = lines.get(i).copied();
            let location = SourceLocation {
                file: name.clone(),
                line,
                column: line.map(|_| 1),
                path: format!("/test/{i}"),
            };
            let problems = match proposal_for(t, dir) {
                Ok(p) => check(ruleset, &p, &t.expect),
                Err(msg) => vec![msg],
            };
            if !problems.is_empty() {
                report.failures.push(TestFailure {
                    location,
                    name: t.name.clone(),
                    problems,
                });
            }
        }
    }
    if issues.is_empty() {
        Ok(report)
    } else {
        Err(RulesetError::Invalid(issues))
    }
}

/// The line of each `[[test]]` header.
fn test_lines(text: &str) -> Vec<u32> {
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    match root.get_ref().get("test").map(|v| v.get_ref()) {
        Some(DeValue::Array(a)) => a.iter().map(|e| line_col(text, e.span().start).0).collect(),
        _ => Vec::new(),
    }
}

/// The proposal of a test: the example (if any) with the inline proposal's keys on top.
fn proposal_for(t: &RuleTest, dir: &Path) -> Result<serde_json::Value, String> {
    let mut base = match &t.example {
        Some(name) => {
            let path = dir.join("examples").join(name);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read example examples/{name}: {e}"))?;
            serde_json::from_str::<serde_json::Value>(&text)
                .map_err(|e| format!("example examples/{name} is not valid JSON: {e}"))?
        }
        None => serde_json::json!({}),
    };
    if let Some(over) = &t.proposal {
        let over = serde_json::to_value(over)
            .map_err(|e| format!("the inline proposal cannot be read: {e}"))?;
        if let (Some(b), Some(o)) = (base.as_object_mut(), over.as_object()) {
            for (k, v) in o {
                match (b.get_mut(k), v) {
                    (Some(serde_json::Value::Object(bm)), serde_json::Value::Object(om)) => {
                        for (kk, vv) in om {
                            bm.insert(kk.clone(), vv.clone());
                        }
                    }
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
    }
    for (section, keys) in [
        ("answers", &t.remove_answers),
        ("context", &t.remove_context),
    ] {
        if let Some(m) = base
            .get_mut(section)
            .and_then(serde_json::Value::as_object_mut)
        {
            for k in keys {
                if m.remove(k).is_none() {
                    return Err(format!(
                        "remove_{section}: `{k}` is not in the proposal's {section}"
                    ));
                }
            }
        } else if !keys.is_empty() {
            return Err(format!("remove_{section}: the proposal has no {section}"));
        }
    }
    Ok(base)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

fn check_score(what: &str, s: &Score<'_>, e: &ScoreExpect, problems: &mut Vec<String>) {
    let num = |name: &str, got: Option<f64>, want: Option<f64>, problems: &mut Vec<String>| {
        if let Some(w) = want {
            if !got.is_some_and(|g| close(g, w)) {
                problems.push(format!(
                    "{what} {name}: expected {w}, got {}",
                    got.map_or("none".to_string(), |g| g.to_string())
                ));
            }
        }
    };
    num("percent", s.percent, e.percent, problems);
    num("completeness", s.completeness, e.completeness, problems);
    num("points", Some(s.points), e.points, problems);
    num("max", Some(s.max), e.max, problems);
    if let Some(r) = &e.rating {
        if r != s.rating {
            problems.push(format!("{what} rating: expected {r}, got {}", s.rating));
        }
    }
}

fn check(ruleset: &Ruleset, proposal: &serde_json::Value, e: &Expect) -> Vec<String> {
    let mut problems = Vec::new();
    let a: Assessment<'_> = match ruleset.assess_value(proposal) {
        Ok(a) => {
            if let Some(code) = &e.error {
                problems.push(format!(
                    "expected the error `{code}`, but the proposal was assessed"
                ));
                return problems;
            }
            a
        }
        Err(err) => {
            match &e.error {
                Some(code) if err.issues.iter().any(|i| i.code == code.as_str()) => {}
                Some(code) => problems.push(format!("expected the error `{code}`, got: {err}")),
                None => problems.push(format!("the proposal is invalid: {err}")),
            }
            return problems;
        }
    };
    if let Some(o) = &e.overall {
        check_score("overall", &a.overall, o, &mut problems);
    }
    for (label, expected, actual) in [
        ("theme", &e.themes, &a.themes),
        ("principle", &e.principles, &a.principles),
        ("domain", &e.domains, &a.domains),
    ] {
        for (id, want) in expected {
            match actual.iter().find(|g| g.id == id) {
                Some(g) => check_score(&format!("{label} {id}"), &g.score, want, &mut problems),
                None => problems.push(format!("there is no {label} `{id}`")),
            }
        }
    }
    let fired: Vec<&str> = a.signals.iter().map(|s| s.id).collect();
    if let Some(want) = &e.signals {
        let mut w: Vec<&str> = want.iter().map(String::as_str).collect();
        let mut g = fired.clone();
        w.sort_unstable();
        g.sort_unstable();
        if w != g {
            problems.push(format!(
                "signals: expected [{}], got [{}]",
                w.join(", "),
                g.join(", ")
            ));
        }
    }
    if let Some(want) = &e.signals_in_order {
        if want.iter().map(String::as_str).collect::<Vec<_>>() != fired {
            problems.push(format!(
                "signals in order: expected [{}], got [{}]",
                want.join(", "),
                fired.join(", ")
            ));
        }
    }
    for s in &e.signals_include {
        if !fired.contains(&s.as_str()) {
            problems.push(format!(
                "signal `{s}` did not fire (fired: [{}])",
                fired.join(", ")
            ));
        }
    }
    for s in &e.signals_exclude {
        if fired.contains(&s.as_str()) {
            problems.push(format!("signal `{s}` fired but should not"));
        }
    }
    if let Some(want) = &e.top_improvement {
        let got = a.improvements.first().map_or("", |i| i.item);
        if got != want {
            problems.push(format!("top improvement: expected `{want}`, got `{got}`"));
        }
    }
    if let Some(n) = e.knowledge_gaps {
        if a.knowledge_gaps.len() != n {
            problems.push(format!(
                "knowledge gaps: expected {n}, got {}",
                a.knowledge_gaps.len()
            ));
        }
    }
    for (id, status) in &e.items {
        match a.item(id) {
            Some(i) if i.status.name() == status => {}
            Some(i) => problems.push(format!(
                "item {id}: expected status {status}, got {}",
                i.status.name()
            )),
            None => problems.push(format!("there is no item `{id}`")),
        }
    }
    problems
}
