//! Every documented limit produces a located, readable error (docs/reliability.md).

mod common;

use common::{ITEMS, META, SIGNALS, files};
use sociale_bril::limits::*;
use sociale_bril::{RuleFile, Ruleset};

fn first_code(e: &sociale_bril::RulesetError) -> &'static str {
    e.issues().first().map_or("", |i| i.code)
}

#[test]
fn expression_length_and_depth() {
    let long = format!("context.budget > {}", "1".repeat(MAX_EXPR_LEN));
    let items = ITEMS.replacen("\"context.budget > 1000\"", &format!("\"{long}\""), 1);
    let e = Ruleset::from_files(files(META, &items, SIGNALS)).unwrap_err();
    assert_eq!(first_code(&e), "expr-too-long");
    assert_eq!(e.issues()[0].rule.as_deref(), Some("beta.three"));
    assert!(e.issues()[0].location.line.is_some());

    let deep = format!("{}context.budget > 1{}", "(".repeat(40), ")".repeat(40));
    let items = ITEMS.replacen("\"context.budget > 1000\"", &format!("\"{deep}\""), 1);
    let e = Ruleset::from_files(files(META, &items, SIGNALS)).unwrap_err();
    assert_eq!(first_code(&e), "expr-too-deep");
    assert!(e.to_string().contains("32 levels"), "{e}");
}

#[test]
fn rule_text_length() {
    let items = ITEMS.replacen("Doe twee.", &"x".repeat(MAX_RULE_TEXT_BYTES + 1), 1);
    let e = Ruleset::from_files(files(META, &items, SIGNALS)).unwrap_err();
    let issue = e
        .issues()
        .iter()
        .find(|i| i.code == "limit-exceeded")
        .expect("limit issue");
    assert_eq!(issue.rule.as_deref(), Some("alpha.two"));
    assert!(issue.message.contains("advice.nl"), "{issue}");
}

#[test]
fn number_of_items() {
    let one = ITEMS.split("[[item]]").nth(1).unwrap();
    let mut items = String::new();
    for k in 0..=MAX_ITEMS {
        items.push_str("[[item]]");
        items.push_str(&one.replace("alpha.one", &format!("alpha.n{k}")));
    }
    let e = Ruleset::from_files(files(META, &items, "")).unwrap_err();
    assert_eq!(first_code(&e), "limit-exceeded");
    assert!(
        e.to_string().contains(&format!("{} items", MAX_ITEMS + 1)),
        "{e}"
    );
}

#[test]
fn rule_file_size_and_count() {
    let big = format!("# {}\n", "x".repeat(MAX_RULE_FILE_BYTES));
    let mut fs = files(META, ITEMS, SIGNALS);
    fs.push(RuleFile {
        name: "big.toml".into(),
        text: big,
    });
    let e = Ruleset::from_files(fs).unwrap_err();
    assert_eq!(first_code(&e), "limit-exceeded");
    assert_eq!(e.issues()[0].location.file, "big.toml");

    let many: Vec<RuleFile> = (0..=MAX_RULE_FILES)
        .map(|i| RuleFile {
            name: format!("{i}.toml"),
            text: String::new(),
        })
        .collect();
    assert_eq!(
        first_code(&Ruleset::from_files(many).unwrap_err()),
        "limit-exceeded"
    );
}

#[test]
fn proposal_size() {
    let rules = common::mini();
    let big = format!("{{\"title\": \"{}\"}}", "x".repeat(MAX_PROPOSAL_BYTES));
    let e = rules.assess_json(&big).unwrap_err();
    assert_eq!(e.issues[0].code, "limit-exceeded");
    assert!(e.to_string().contains("bytes"), "{e}");
    let long_title = format!(
        "{{\"title\": \"{}\"}}",
        "x".repeat(MAX_PROPOSAL_TEXT_BYTES + 1)
    );
    let e = rules.assess_json(&long_title).unwrap_err();
    assert_eq!(
        (e.issues[0].code, e.issues[0].pointer.as_str()),
        ("limit-exceeded", "/title")
    );
}
