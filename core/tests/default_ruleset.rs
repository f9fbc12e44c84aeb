//! The embedded default ruleset is exactly `rules/sociale-bril`; it is valid, its rule tests
//! pass, its examples assess, and the JSON Schemas in `schemas/` are current.
//!
//! Regenerate the schemas with `UPDATE_SCHEMAS=1 cargo test -p sociale-bril --test default_ruleset`.

use std::path::{Path, PathBuf};

use sociale_bril::schema::{SchemaKind, schema};
use sociale_bril::{Ruleset, ruletest};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rules_dir() -> PathBuf {
    root().join("rules").join("sociale-bril")
}

#[test]
fn the_embedded_ruleset_is_the_rules_folder() {
    let mut on_disk: Vec<(String, String)> = std::fs::read_dir(rules_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    on_disk.sort();
    let embedded: Vec<(String, String)> = sociale_bril::embedded_files()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    assert_eq!(embedded, on_disk);
    let default = Ruleset::default().expect("the default ruleset is valid");
    let folder = Ruleset::load(rules_dir()).expect("the folder is valid");
    assert_eq!(default.hash(), folder.hash());
    assert_eq!(default.id(), "sociale-bril");
}

#[test]
fn the_rule_tests_pass() {
    let rules = Ruleset::load(rules_dir()).unwrap();
    let report = ruletest::run(&rules, &rules_dir()).unwrap_or_else(|e| panic!("{e}"));
    let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_example_assesses() {
    let rules = Ruleset::default().unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(rules_dir().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let a = rules
            .assess_json(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(a.proposal.title.is_some(), "{} has a title", path.display());
        n += 1;
    }
    assert!(n >= 1);
}

#[test]
fn every_item_cites_a_source_and_has_texts_in_both_languages() {
    let rules = Ruleset::default().unwrap();
    for item in &rules.doc().item {
        assert!(!item.sources.is_empty(), "{} cites no source", item.id);
        for t in [&item.question, &item.advice, &item.help] {
            assert!(t.is_complete(), "{}: {t:?}", item.id);
        }
    }
}

fn check_file(path: &Path, content: &str) -> Option<String> {
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(path, content).unwrap();
        return None;
    }
    match std::fs::read_to_string(path) {
        Ok(old) if old == content => None,
        _ => Some(format!("{} is stale", path.display())),
    }
}

#[test]
fn the_schemas_are_current() {
    let dir = root().join("schemas");
    let mut stale = Vec::new();
    for (kind, name) in SchemaKind::ALL {
        let text = serde_json::to_string_pretty(&schema(kind)).unwrap() + "\n";
        stale.extend(check_file(&dir.join(format!("{name}.schema.json")), &text));
    }
    let rules = Ruleset::default().unwrap();
    let text = serde_json::to_string_pretty(&rules.proposal_schema()).unwrap() + "\n";
    stale.extend(check_file(
        &dir.join("sociale-bril.proposal.schema.json"),
        &text,
    ));
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: UPDATE_SCHEMAS=1 cargo test -p sociale-bril --test default_ruleset",
        stale.join("\n")
    );
}
