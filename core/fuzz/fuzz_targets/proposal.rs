//! The proposal decoder and the scoring engine: any bytes as a proposal for the default ruleset
//! must be assessed or rejected with located issues; an assessment must serialize, summarise
//! and render as reports, and respect 0 ≤ points ≤ max.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sociale_bril::{Lang, Ruleset, report};
use std::sync::OnceLock;

fn rules() -> &'static Ruleset {
    static RULES: OnceLock<Ruleset> = OnceLock::new();
    RULES.get_or_init(|| Ruleset::default().expect("default ruleset"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rules = rules();
    match rules.assess_json(text) {
        Ok(a) => {
            assert!(a.overall.points >= 0.0 && a.overall.points <= a.overall.max);
            let full = serde_json::to_string(&a).expect("serializes");
            let summary = a.summary();
            assert_eq!(summary.to_json(), serde_json::to_string(&summary).expect("serializes"));
            let _ = report::markdown(rules, &a, Lang::Nl);
            let html = report::html(rules, &a, Lang::En);
            assert!(!html.contains("<script"));
            // Assessing the same text again gives the same JSON.
            let again = serde_json::to_string(&rules.assess_json(text).expect("still valid")).expect("serializes");
            assert_eq!(full, again);
        }
        Err(e) => {
            assert!(!e.issues.is_empty());
            let _ = e.to_string();
        }
    }
});
