//! The expression parser, type checker and evaluator: any text as an `applies_if` and as a
//! signal condition of the default ruleset must compile or be rejected with a located issue, and
//! a compiled one must evaluate without panicking on every example proposal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sociale_bril::Ruleset;
use std::sync::OnceLock;

fn base() -> &'static (sociale_bril::RulesetDoc, Vec<String>) {
    static BASE: OnceLock<(sociale_bril::RulesetDoc, Vec<String>)> = OnceLock::new();
    BASE.get_or_init(|| {
        let rules = Ruleset::default().expect("default ruleset");
        let examples = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/sociale-bril/examples"))
            .map(|d| d.filter_map(Result::ok).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect())
            .unwrap_or_default();
        (rules.doc().clone(), examples)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (doc, examples) = base();
    let mut doc = doc.clone();
    doc.item[0].applies_if = Some(text.to_string());
    doc.signal[0].when = text.to_string();
    match Ruleset::from_doc(doc) {
        Ok(rules) => {
            for p in examples.iter().map(String::as_str).chain(["{}"]) {
                if let Ok(a) = rules.assess_json(p) {
                    let _ = serde_json::to_string(&a);
                }
            }
        }
        Err(e) => {
            let issues = e.issues();
            assert!(!issues.is_empty());
            for i in issues {
                assert!(i.location.path.contains("applies_if") || i.location.path.contains("when"), "{i}");
            }
        }
    }
});
