//! The TOML ruleset loader: any bytes, split into up to three files, must load or be rejected
//! with located issues — never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sociale_bril::{RuleFile, Ruleset};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let files: Vec<RuleFile> = text
        .split("\u{1}")
        .take(3)
        .enumerate()
        .map(|(i, t)| RuleFile { name: format!("{i}.toml"), text: t.to_string() })
        .collect();
    match Ruleset::from_files(files) {
        Ok(rules) => {
            // A loaded ruleset round-trips through its JSON form and assesses an empty proposal.
            let again = Ruleset::from_json(&rules.to_json()).expect("the JSON form of a valid ruleset loads");
            assert_eq!(again.hash(), rules.hash());
            let a = rules.assess_json("{}").expect("an empty proposal is valid");
            let _ = a.to_canonical_json();
        }
        Err(e) => {
            for issue in e.issues() {
                assert!(!issue.code.is_empty());
                let _ = issue.to_string();
            }
        }
    }
});
