//! Every kind of ruleset error is rejected with file, line, column and rule id, and several
//! errors are reported at once.

mod common;

use common::{ITEMS, META, SIGNALS, broken_items, files};
use sociale_bril::{RuleIssue, Ruleset, RulesetError};

fn issues(e: &RulesetError) -> &[RuleIssue] {
    let issues = e.issues();
    assert!(!issues.is_empty(), "expected located issues, got {e}");
    issues
}

/// Asserts one issue with this code, in this file at this line, naming this rule in its message.
fn assert_issue(e: &RulesetError, code: &str, file: &str, line: u32, rule: Option<&str>) {
    let found = issues(e).iter().find(|i| i.code == code);
    let Some(issue) = found else {
        panic!("no `{code}` issue in:\n{e}");
    };
    assert_eq!(issue.location.file, file, "{issue}");
    assert_eq!(issue.location.line, Some(line), "{issue}");
    assert!(issue.location.column.is_some_and(|c| c >= 1), "{issue}");
    assert_eq!(issue.rule.as_deref(), rule, "{issue}");
    let text = e.to_string();
    assert!(text.contains(&format!("{file}:{line}:")), "{text}");
    if let Some(r) = rule {
        assert!(text.contains(r), "the message names the rule: {text}");
    }
    assert!(
        issue.help.is_some(),
        "every issue says what would be valid: {issue}"
    );
}

fn line_of(text: &str, needle: &str) -> u32 {
    let idx = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    text[..idx].lines().count() as u32 + u32::from(text[..idx].ends_with('\n'))
}

#[test]
fn the_fixture_is_valid() {
    common::mini();
}

#[test]
fn duplicate_item_ids() {
    let e = broken_items("id = \"alpha.two\"", "id = \"alpha.one\"");
    assert_issue(
        &e,
        "duplicate-id",
        "b-items.toml",
        line_of(ITEMS, "id = \"alpha.two\""),
        Some("alpha.one"),
    );
    assert!(
        e.to_string().contains("b-items.toml:2:"),
        "points at the first one too: {e}"
    );
}

#[test]
fn unknown_theme_principle_domain_scale_source() {
    let e = broken_items("theme = \"beta\"", "theme = \"betta\"");
    assert_issue(
        &e,
        "unknown-theme",
        "b-items.toml",
        line_of(ITEMS, "theme = \"beta\""),
        Some("beta.three"),
    );
    assert!(e.to_string().contains("did you mean `beta`"), "{e}");

    let e = broken_items("principles = [\"p1\"]", "principles = [\"p2\"]");
    assert_issue(
        &e,
        "unknown-principle",
        "b-items.toml",
        4,
        Some("alpha.one"),
    );

    let e = broken_items("domains = [\"d1\"]", "domains = [\"d9\"]");
    assert_issue(&e, "unknown-domain", "b-items.toml", 5, Some("alpha.one"));

    let e = broken_items("scale = \"level\"", "scale = \"levels\"");
    assert_issue(
        &e,
        "unknown-scale",
        "b-items.toml",
        line_of(ITEMS, "scale = \"level\""),
        Some("alpha.two"),
    );

    let e = broken_items("{ source = \"s1\" }", "{ source = \"s2\" }");
    assert_issue(
        &e,
        "unknown-source",
        "b-items.toml",
        line_of(ITEMS, "sources = "),
        Some("alpha.one"),
    );
}

#[test]
fn weights_out_of_range() {
    for bad in ["0", "11", "-3"] {
        let e = broken_items("weight = 3", &format!("weight = {bad}"));
        assert_issue(
            &e,
            "weight-out-of-range",
            "b-items.toml",
            line_of(ITEMS, "weight = 3"),
            Some("alpha.two"),
        );
    }
    let e = broken_items("weight = 3", "weight = 2.5");
    assert_issue(
        &e,
        "toml-shape",
        "b-items.toml",
        line_of(ITEMS, "weight = 3"),
        Some("alpha.two"),
    );
}

#[test]
fn missing_translations() {
    let e = broken_items(
        "question = { nl = \"Vraag twee?\", en = \"Question two?\" }",
        "question = { nl = \"Vraag twee?\" }",
    );
    assert_issue(
        &e,
        "missing-translation",
        "b-items.toml",
        line_of(ITEMS, "question = { nl = \"Vraag twee?\""),
        Some("alpha.two"),
    );
    assert!(e.to_string().contains("English"), "{e}");

    let e = broken_items(
        "advice = { nl = \"Doe drie.\", en = \"Do three.\" }",
        "advice = { nl = \"\", en = \"\" }",
    );
    assert_issue(
        &e,
        "missing-translation",
        "b-items.toml",
        line_of(ITEMS, "advice = { nl = \"Doe drie.\""),
        Some("beta.three"),
    );
}

#[test]
fn expressions_with_unknown_fields_items_or_wrong_types() {
    // A misspelt context field: the column points into the expression.
    let e = broken_items("context.budget > 1000", "context.budgett > 1000");
    assert_issue(
        &e,
        "expr-unknown-field",
        "b-items.toml",
        line_of(ITEMS, "context.budget > 1000"),
        Some("beta.three"),
    );
    let issue = &e.issues()[0];
    assert_eq!(issue.location.column, Some(14 + 1), "{issue}");
    assert!(
        issue
            .help
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `budget`")
    );

    // An unknown option.
    let e = broken_items("== \"regulation\"", "== \"regulatoin\"");
    assert_issue(
        &e,
        "expr-unknown-option",
        "b-items.toml",
        line_of(ITEMS, "== \"regulation\""),
        Some("alpha.two"),
    );

    // Comparing a number field with a string.
    let e = broken_items("context.budget > 1000", "context.budget == 'veel'");
    assert_issue(
        &e,
        "expr-type",
        "b-items.toml",
        line_of(ITEMS, "context.budget > 1000"),
        Some("beta.three"),
    );

    // An unknown item in a signal.
    let signals = SIGNALS.replace("answer(alpha.one)", "answer(alpha.on)");
    let e = Ruleset::from_files(files(META, ITEMS, &signals)).unwrap_err();
    assert_issue(
        &e,
        "expr-unknown-item",
        "c-signals.toml",
        4,
        Some("one-missing"),
    );

    // An answer in applies_if.
    let e = broken_items("context.budget > 1000", "answer(alpha.one) == 'yes'");
    assert_issue(
        &e,
        "expr-answer-not-allowed",
        "b-items.toml",
        line_of(ITEMS, "context.budget > 1000"),
        Some("beta.three"),
    );

    // A syntax error.
    let e = broken_items("context.budget > 1000", "context.budget > 1000 &&");
    assert_issue(
        &e,
        "expr-syntax",
        "b-items.toml",
        line_of(ITEMS, "context.budget > 1000"),
        Some("beta.three"),
    );
}

#[test]
fn unknown_keys_and_toml_syntax() {
    let e = broken_items("applies_if = 'context", "aplies_if = 'context");
    assert_issue(
        &e,
        "toml-shape",
        "b-items.toml",
        line_of(ITEMS, "applies_if = 'context"),
        Some("alpha.two"),
    );
    assert!(e.to_string().contains("aplies_if"), "{e}");

    let e = broken_items(
        "[[item]]\nid = \"alpha.two\"",
        "[[item]\nid = \"alpha.two\"",
    );
    assert_issue(
        &e,
        "toml-syntax",
        "b-items.toml",
        line_of(ITEMS, "[[item]]\nid = \"alpha.two\""),
        None,
    );
}

#[test]
fn scales_that_break_the_rules() {
    let meta = META.replace(
        "fraction = 0.5, label = { nl = \"Deels\"",
        "fraction = 1.5, label = { nl = \"Deels\"",
    );
    let e = Ruleset::from_files(files(&meta, ITEMS, SIGNALS)).unwrap_err();
    assert_issue(
        &e,
        "invalid-scale",
        "a-meta.toml",
        line_of(&meta, "fraction = 1.5"),
        Some("yes_no"),
    );

    let meta = META.replace("aliases = [\"deels\"]", "aliases = [\"ja\"]");
    let e = Ruleset::from_files(files(&meta, ITEMS, SIGNALS)).unwrap_err();
    assert!(
        e.issues()
            .iter()
            .any(|i| i.code == "invalid-scale" && i.message.contains("`ja`")),
        "{e}"
    );

    let meta = META.replace("{ token = \"partly\"", "{ token = \"unknown\"");
    let e = Ruleset::from_files(files(&meta, ITEMS, SIGNALS)).unwrap_err();
    assert!(e.issues().iter().any(|i| i.code == "invalid-scale"), "{e}");
}

#[test]
fn several_errors_are_reported_at_once() {
    let items = ITEMS
        .replacen("theme = \"beta\"", "theme = \"gamma\"", 1)
        .replacen("weight = 3", "weight = 30", 1)
        .replacen("context.budget > 1000", "context.nothing", 1);
    let e = Ruleset::from_files(files(META, &items, SIGNALS)).unwrap_err();
    let codes: Vec<&str> = e.issues().iter().map(|i| i.code).collect();
    for code in ["unknown-theme", "weight-out-of-range", "expr-unknown-field"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert!(e.to_string().starts_with("3 errors in the ruleset"), "{e}");
}

#[test]
fn identity_and_ratings() {
    let meta = META.replace("version = \"1.0.0\"", "version = \"1.0\"");
    let e = Ruleset::from_files(files(&meta, ITEMS, SIGNALS)).unwrap_err();
    assert_issue(&e, "invalid-version", "a-meta.toml", 3, None);

    let meta = META.replace("critical_cap = \"mid\"", "critical_cap = \"medium\"");
    let e = Ruleset::from_files(files(&meta, ITEMS, SIGNALS)).unwrap_err();
    assert_issue(
        &e,
        "invalid-scoring",
        "a-meta.toml",
        line_of(&meta, "critical_cap"),
        None,
    );

    let meta = META.replace("id = \"low\"\nmin = 0", "id = \"low\"\nmin = 10");
    let e = Ruleset::from_files(files(&meta, ITEMS, SIGNALS)).unwrap_err();
    assert!(e.issues().iter().any(|i| i.code == "invalid-rating"), "{e}");

    let e = Ruleset::from_files(files("", ITEMS, SIGNALS)).unwrap_err();
    assert!(
        e.issues().iter().any(|i| i.code == "missing-section"),
        "{e}"
    );
}

#[test]
fn json_rulesets_are_located_by_pointer() {
    let rules = common::mini();
    let json = rules
        .to_json()
        .replace("\"theme\":\"beta\"", "\"theme\":\"gamma\"");
    let e = Ruleset::from_json(&json).unwrap_err();
    let issue = e
        .issues()
        .iter()
        .find(|i| i.code == "unknown-theme")
        .expect("unknown-theme");
    assert_eq!(issue.location.path, "/item/2/theme");
    assert_eq!(issue.rule.as_deref(), Some("beta.three"));
    let e = Ruleset::from_json("{\"item\": [").unwrap_err();
    assert_eq!(e.issues()[0].code, "json-syntax");
    assert_eq!(e.issues()[0].location.line, Some(1));
}

#[test]
fn json_form_round_trips_with_the_same_hash() {
    let rules = common::mini();
    let again = Ruleset::from_json(&rules.to_json()).expect("the JSON form loads");
    assert_eq!(again.hash(), rules.hash());
    assert!(rules.hash().starts_with("sha256:") && rules.hash().len() == 71);
    // Formatting does not change the hash, content does.
    let spaced = Ruleset::from_files(files(&format!("# comment\n{META}"), ITEMS, SIGNALS)).unwrap();
    assert_eq!(spaced.hash(), rules.hash());
    let changed =
        Ruleset::from_files(files(META, &ITEMS.replace("Doe een.", "Doe 1."), SIGNALS)).unwrap();
    assert_ne!(changed.hash(), rules.hash());
}

#[test]
fn loading_missing_paths_is_an_io_error() {
    let e = Ruleset::load("/nonexistent/rules").unwrap_err();
    assert!(matches!(e, RulesetError::Io { .. }), "{e}");
    assert!(e.to_string().contains("/nonexistent/rules"));
}
