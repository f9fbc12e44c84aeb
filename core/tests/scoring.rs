//! The scoring rules of docs/scoring.md, section by section, on a small ruleset.

mod common;

use common::{ITEMS, META, SIGNALS, files, mini};
use serde_json::json;
use sociale_bril::{ItemStatus, Ruleset};

fn assess(rules: &Ruleset, proposal: serde_json::Value) -> serde_json::Value {
    let a = rules
        .assess_value(&proposal)
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(&a).expect("serializes")
}

fn theme<'a>(a: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    a["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()
}

fn item<'a>(a: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    a["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()
}

#[test]
fn all_best_answers_score_full_marks() {
    let a = assess(
        &mini(),
        json!({"context": {"instrument": "regulation", "budget": 5000},
               "answers": {"alpha.one": "yes", "alpha.two": 5, "beta.three": "ja"}}),
    );
    assert_eq!(theme(&a, "alpha")["percent"], 100.0);
    assert_eq!(theme(&a, "alpha")["rating"], "high");
    assert_eq!(a["overall"]["points"], 6.0);
    assert_eq!(a["overall"]["max"], 6.0);
    assert_eq!(a["overall"]["completeness"], 100.0);
    assert!(a["improvements"].as_array().unwrap().is_empty());
}

#[test]
fn fractions_weights_and_rounding() {
    // alpha: one partly (2 × 0.5 = 1), two level 2 (3 × 0.25 = 0.75): 1.75 / 5 = 35 %.
    let a = assess(
        &mini(),
        json!({"context": {"instrument": "regulation", "budget": 5000},
               "answers": {"alpha.one": "deels", "alpha.two": "2", "beta.three": "no"}}),
    );
    let alpha = theme(&a, "alpha");
    assert_eq!(alpha["points"], 1.75);
    assert_eq!(alpha["max"], 5.0);
    assert_eq!(alpha["percent"], 35.0);
    assert_eq!(alpha["rating"], "low");
    // overall 1.75 / 6 = 29.1666… → 29.2
    assert_eq!(a["overall"]["percent"], 29.2);
}

#[test]
fn not_applicable_leaves_the_maximum_unknown_stays_in_it() {
    let a = assess(
        &mini(),
        json!({"context": {"instrument": "regulation", "budget": 5000},
               "answers": {"alpha.one": "nvt", "alpha.two": "onbekend", "beta.three": "yes"}}),
    );
    let alpha = theme(&a, "alpha");
    assert_eq!(alpha["max"], 3.0, "alpha.one (weight 2) left the maximum");
    assert_eq!(alpha["points"], 0.0);
    assert_eq!(alpha["not_applicable"], 1);
    assert_eq!(alpha["unknown"], 1);
    assert_eq!(alpha["completeness"], 0.0);
    assert_eq!(alpha["rating"], "incomplete");
    assert_eq!(item(&a, "alpha.one")["status"], "not_applicable");
    let gaps: Vec<&str> = a["knowledge_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["item"].as_str().unwrap())
        .collect();
    assert_eq!(gaps, ["alpha.two"]);
    assert!(
        a["improvements"].as_array().unwrap().is_empty(),
        "a gap is not an improvement"
    );
}

#[test]
fn excluded_items_keep_their_answers_and_explain_why() {
    let a = assess(
        &mini(),
        json!({"context": {"instrument": "subsidie", "budget": 10},
               "answers": {"alpha.one": "yes", "alpha.two": "1"}}),
    );
    let two = item(&a, "alpha.two");
    assert_eq!(two["status"], "excluded");
    assert_eq!(two["answer"], "1", "the answer is kept");
    assert_eq!(two["max"], 0.0);
    assert_eq!(two["applies"]["result"], "false");
    assert_eq!(two["applies"]["values"]["context.instrument"], "subsidy");
    assert_eq!(theme(&a, "alpha")["excluded"], 1);
    assert_eq!(theme(&a, "beta")["rating"], "not_applicable");
    assert_eq!(theme(&a, "beta")["percent"], serde_json::Value::Null);
}

#[test]
fn missing_context_makes_a_condition_unknown_and_the_item_is_asked() {
    let a = assess(&mini(), json!({"answers": {}}));
    let three = item(&a, "beta.three");
    assert_eq!(three["status"], "unanswered");
    assert_eq!(three["applies"]["result"], "unknown");
    assert_eq!(
        three["applies"]["values"]["context.budget"],
        serde_json::Value::Null
    );
    assert_eq!(a["overall"]["unanswered"], 3);
    assert_eq!(a["overall"]["rating"], "incomplete");
}

#[test]
fn a_failing_critical_item_caps_the_rating() {
    let items = ITEMS.replacen("weight = 3", "weight = 10", 1);
    let rules = Ruleset::from_files(files(META, &items, SIGNALS)).unwrap();
    let answers = |one: &str| json!({"context": {"instrument": "regulation"}, "answers": {"alpha.one": one, "alpha.two": "5"}});
    // 10 / 12 = 83.3 %: high, unless alpha.one (critical) fails.
    let ok = assess(&rules, answers("partly"));
    assert_eq!(theme(&ok, "alpha")["rating"], "high");
    let bad = assess(&rules, answers("no"));
    assert_eq!(theme(&bad, "alpha")["percent"], 83.3);
    assert_eq!(theme(&bad, "alpha")["rating"], "mid");
    assert_eq!(
        theme(&bad, "alpha")["critical_failures"],
        json!(["alpha.one"])
    );
    assert_eq!(bad["overall"]["critical_failures"], json!(["alpha.one"]));
    assert_eq!(item(&bad, "alpha.one")["critical_failure"], true);
    // unknown on a critical item is a gap, not a failure
    let gap = assess(&rules, answers("unknown"));
    assert_eq!(theme(&gap, "alpha")["critical_failures"], json!([]));
}

#[test]
fn improvements_are_ranked_by_gain_then_critical_then_order() {
    let items = ITEMS.replacen("weight = 1", "weight = 2", 1);
    let rules = Ruleset::from_files(files(META, &items, SIGNALS)).unwrap();
    // beta.three (2, gain 2) and alpha.one (critical, 2, gain 2) tie; alpha.two: 3 × 0.5 = 1.5.
    let a = assess(
        &rules,
        json!({"context": {"instrument": "regulation", "budget": 5000},
               "answers": {"beta.three": "no", "alpha.one": "no", "alpha.two": "3"}}),
    );
    let order: Vec<(&str, f64, u64)> = a["improvements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["item"].as_str().unwrap(),
                i["gain"].as_f64().unwrap(),
                i["rank"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("alpha.one", 2.0, 1),
            ("beta.three", 2.0, 2),
            ("alpha.two", 1.5, 3)
        ]
    );
    assert_eq!(a["improvements"][0]["to"], "yes");
    assert_eq!(a["improvements"][2]["from"], "3");
    assert_eq!(a["improvements"][2]["to"], "5");
    assert_eq!(a["improvements"][0]["advice"]["nl"], "Doe een.");
}

#[test]
fn signals_fire_only_when_true() {
    let rules = mini();
    let fired = |p: serde_json::Value| -> Vec<String> {
        assess(&rules, p)["signals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        fired(json!({"context": {"affected": true}})),
        ["one-missing"]
    );
    assert_eq!(
        fired(json!({"context": {"affected": true}, "answers": {"alpha.one": "onbekend"}})),
        ["one-missing"]
    );
    assert!(
        fired(json!({"context": {"affected": true}, "answers": {"alpha.one": "no"}})).is_empty()
    );
    assert!(fired(json!({"context": {"affected": false}})).is_empty());
    assert!(fired(json!({})).is_empty(), "unknown context does not fire");
    let a = assess(&rules, json!({"context": {"affected": true}}));
    assert_eq!(
        a["signals"][0]["why"]["values"]["answer(alpha.one)"],
        "unanswered"
    );
    assert_eq!(a["signals"][0]["severity"], "warning");
}

#[test]
fn answers_take_aliases_numbers_booleans_and_notes() {
    let a = assess(
        &mini(),
        json!({"context": {"instrument": "Regulation", "budget": 5000},
               "answers": {"alpha.one": true, "alpha.two": {"answer": 4, "note": "Zie bijlage"},
                           "beta.three": " NEE "}}),
    );
    assert_eq!(item(&a, "alpha.one")["answer"], "yes");
    assert_eq!(item(&a, "alpha.two")["answer"], "4");
    assert_eq!(item(&a, "alpha.two")["note"], "Zie bijlage");
    assert_eq!(item(&a, "beta.three")["answer"], "no");
    assert_eq!(item(&a, "beta.three")["advice"]["en"], "Do three.");
    assert_eq!(item(&a, "alpha.one")["advice"], serde_json::Value::Null);
}

#[test]
fn the_assessment_names_its_ruleset_and_proposal() {
    let rules = mini();
    let a = assess(&rules, json!({"id": 17, "title": "Test"}));
    assert_eq!(a["ruleset"]["id"], "mini");
    assert_eq!(a["ruleset"]["version"], "1.0.0");
    assert_eq!(a["ruleset"]["hash"], rules.hash());
    assert_eq!(a["proposal"]["id"], 17);
    assert_eq!(a["proposal"]["title"], "Test");
    let statuses: Vec<ItemStatus> = rules
        .assess_json("{}")
        .unwrap()
        .items
        .iter()
        .map(|i| i.status)
        .collect();
    assert_eq!(statuses.len(), 3);
}

mod proposal_errors {
    use super::*;

    fn issues(text: &str) -> Vec<(String, String, Option<String>)> {
        let e = mini().assess_json(text).expect_err("must be rejected");
        e.issues
            .iter()
            .map(|i| (i.code.to_string(), i.pointer.clone(), i.item.clone()))
            .collect()
    }

    #[test]
    fn each_problem_is_named_by_its_json_pointer() {
        assert_eq!(
            issues(r#"{"answers": {"alpha.uno": "yes"}}"#),
            [(
                "unknown-item".into(),
                "/answers/alpha.uno".into(),
                Some("alpha.uno".into())
            )]
        );
        assert_eq!(
            issues(r#"{"answers": {"alpha.one": "misschien"}}"#),
            [(
                "unknown-token".into(),
                "/answers/alpha.one".into(),
                Some("alpha.one".into())
            )]
        );
        assert_eq!(
            issues(r#"{"answers": {"alpha.one": {"answer": "x"}}}"#)[0].1,
            "/answers/alpha.one/answer"
        );
        assert_eq!(
            issues(r#"{"context": {"budget": "veel"}}"#),
            [("context-type".into(), "/context/budget".into(), None)]
        );
        assert_eq!(
            issues(r#"{"context": {"budget": -5}}"#)[0].0,
            "out-of-range"
        );
        assert_eq!(
            issues(r#"{"context": {"groups": ["elderly", "kids"]}}"#)[0].1,
            "/context/groups/1"
        );
        assert_eq!(
            issues(r#"{"context": {"instrumnet": "subsidy"}}"#)[0].0,
            "unknown-field"
        );
        assert_eq!(
            issues(r#"{"answer": {}}"#)[0],
            ("unknown-key".into(), "/answer".into(), None)
        );
        assert_eq!(
            issues(r#"{"answers": []}"#)[0],
            ("proposal-type".into(), "/answers".into(), None)
        );
        assert_eq!(issues(r#"[1, 2]"#)[0].0, "proposal-type");
        assert_eq!(
            issues(r#"{"answers": {"alpha.one": "yes", "alpha.one": "no"}}"#)[0].0,
            "duplicate-key"
        );
    }

    #[test]
    fn all_problems_are_reported_together() {
        let found = issues(
            r#"{"answers": {"x.y": "yes", "alpha.one": "nope"}, "context": {"budget": true}}"#,
        );
        let codes: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        // Ordered by JSON pointer: /answers/alpha.one, /answers/x.y, /context/budget.
        assert_eq!(codes, ["unknown-token", "unknown-item", "context-type"]);
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = mini().assess_json("{\n  \"answers\": {,}\n}").unwrap_err();
        let i = &e.issues[0];
        assert_eq!(i.code, "json-syntax");
        assert_eq!((i.line, i.column), (Some(2), Some(15)));
        assert!(e.to_string().contains("line 2, column 15"), "{e}");
        let e = mini().assess_json("{} {}").unwrap_err();
        assert_eq!(e.issues[0].code, "json-syntax");
    }

    #[test]
    fn the_message_says_what_would_be_valid() {
        let e = mini()
            .assess_json(r#"{"answers": {"alpha.one": "misschien"}}"#)
            .unwrap_err();
        let help = e.issues[0].help.as_deref().unwrap();
        assert!(
            help.contains("yes, partly, no, unknown, not_applicable"),
            "{help}"
        );
        let e = mini()
            .assess_json(r#"{"answers": {"alpha.onr": "yes"}}"#)
            .unwrap_err();
        assert!(e.to_string().contains("did you mean `alpha.one`"), "{e}");
    }

    #[test]
    fn hostile_input_is_rejected_without_panicking() {
        let deep = format!(
            "{{\"answers\": {{\"x\": {}1{}}}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(mini().assess_json(&deep).is_err());
        let deep_ctx = format!(
            "{{\"context\": {{\"instrument\": {}1{}}}}}",
            "{\"a\":".repeat(10_000),
            "}".repeat(10_000)
        );
        assert!(mini().assess_json(&deep_ctx).is_err());
        let huge_note = format!(
            "{{\"answers\": {{\"alpha.one\": {{\"answer\": \"yes\", \"note\": \"{}\"}}}}}}",
            "x".repeat(100_000)
        );
        assert_eq!(
            mini().assess_json(&huge_note).unwrap_err().issues[0].code,
            "limit-exceeded"
        );
        let many: String = (0..200)
            .map(|i| format!("\"x{i}\": 1"))
            .collect::<Vec<_>>()
            .join(",");
        let e = mini()
            .assess_json(&format!("{{\"answers\": {{{many}}}}}"))
            .unwrap_err();
        assert_eq!(
            e.issues.len(),
            sociale_bril::limits::MAX_PROPOSAL_ISSUES + 1
        );
        assert_eq!(e.issues.last().unwrap().code, "too-many-issues");
        for text in [
            "",
            "null",
            "\"x\"",
            "{\"title\": 5}",
            "{\"id\": []}",
            "{\"context\": {\"budget\": 1e400}}",
        ] {
            assert!(mini().assess_json(text).is_err(), "{text}");
        }
    }
}
