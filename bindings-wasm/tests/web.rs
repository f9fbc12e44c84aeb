//! Tests of the binding in a real browser (headless Chromium through wasm-bindgen-test-runner;
//! see scripts/test.sh). They call the exported functions as JavaScript would, with plain JS
//! values, and look at what comes back with `Reflect`.

#![cfg(target_arch = "wasm32")]

use js_sys::{JSON, Reflect};
use sociale_bril_wasm::{
    Ruleset, generic_schema, is_sociale_bril_error, limits, parse_number, proposal_keys,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PROPOSAL: &str = r#"{
  "title": "Snelfietsroute Utrecht–Amersfoort",
  "context": {"policy_area": "mobiliteit", "instrument": "investment", "citizens_affected": true,
              "target_groups": ["everyone"], "budget": 24000000},
  "answers": {
    "inclusie.fysieke-toegankelijkheid": {"answer": "deels", "note": "Hellingen <steil>"},
    "inclusie.doelgroepen-in-beeld": "ja",
    "sociaal-dna.monitoring": "nee"
  }
}"#;

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        let key = match key.parse::<u32>() {
            Ok(i) => JsValue::from(i),
            Err(_) => JsValue::from_str(key),
        };
        Reflect::get(&v, &key).unwrap()
    })
}

fn string(value: &JsValue, path: &str) -> String {
    get(value, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path} is not a string"))
}

fn rules() -> Ruleset {
    Ruleset::default_ruleset().unwrap()
}

/// Finds the item result with an id in an assessment.
fn item(assessment: &JsValue, id: &str) -> JsValue {
    let items: js_sys::Array = get(assessment, "items").dyn_into().unwrap();
    items
        .iter()
        .find(|i| string(i, "id") == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

#[wasm_bindgen_test]
fn the_default_ruleset_is_the_embedded_rule_folder() {
    let rules = rules();
    // The module embeds the rule folder compiled to JSON; compiling the TOML files here must give
    // the same ruleset, hash included.
    let from_toml = sociale_bril::Ruleset::default().unwrap();
    assert_eq!(rules.id(), "sociale-bril");
    assert_eq!(rules.version(), from_toml.version());
    assert_eq!(rules.hash(), from_toml.hash());
    assert!(rules.hash().starts_with("sha256:"));
    let again = Ruleset::from_json(&rules.to_json()).unwrap();
    assert_eq!(again.hash(), rules.hash());
    assert_eq!(rules.item_ids(), from_toml.item_ids());
}

#[wasm_bindgen_test]
fn assesses_a_plain_object_and_returns_plain_objects() {
    let a = rules().assess(&js(PROPOSAL)).unwrap();
    assert!(a.is_object());
    assert_eq!(string(&a, "ruleset.id"), "sociale-bril");
    assert_eq!(
        string(&a, "proposal.title"),
        "Snelfietsroute Utrecht–Amersfoort"
    );
    assert_eq!(js_sys::Array::from(&get(&a, "themes")).length(), 4);
    assert_eq!(string(&a, "themes.0.id"), "inclusie");
    assert_eq!(string(&a, "themes.0.title.nl"), "Inclusie");
    assert!(get(&a, "overall.percent").as_f64().is_some());
    let access = item(&a, "inclusie.fysieke-toegankelijkheid");
    assert_eq!(string(&access, "answer"), "partly");
    assert_eq!(string(&access, "note"), "Hellingen <steil>");
    // Absent values are null, as in the CLI's JSON.
    assert!(get(&a, "proposal.id").is_null());
}

#[wasm_bindgen_test]
fn gives_the_same_canonical_json_as_the_core() {
    let core = sociale_bril::Ruleset::default().unwrap();
    let expected = core.assess_json(PROPOSAL).unwrap().to_canonical_json();
    let rules = rules();
    assert_eq!(rules.assess_canonical(&js(PROPOSAL)).unwrap(), expected);
    assert_eq!(
        rules
            .assess_canonical(&JsValue::from_str(PROPOSAL))
            .unwrap(),
        expected
    );
    // The object has the same content (its key order is not canonical, and need not be).
    let object = rules.assess(&js(PROPOSAL)).unwrap();
    let text = String::from(JSON::stringify(&object).unwrap());
    assert_eq!(
        sociale_bril::canonical::canonicalize(&text).unwrap(),
        expected
    );
}

#[wasm_bindgen_test]
fn an_item_that_stops_applying_is_excluded_and_keeps_its_answer() {
    let rules = rules();
    // The binding does not evaluate conditions: find an item the core excludes for an internal
    // policy, whatever the ruleset holds.
    let internal = js(
        r#"{"context": {"instrument": "internal_policy", "area": "organisation",
        "citizens_affected": false, "citizens_must_act": false, "policy_area": "organisation"}}"#,
    );
    let a = rules.assess(&internal).unwrap();
    let items: js_sys::Array = get(&a, "items").dyn_into().unwrap();
    let excluded = items
        .iter()
        .find(|i| string(i, "status") == "excluded")
        .expect("some item is excluded for an internal policy");
    let id = string(&excluded, "id");
    // Answer it, and check the answer is kept and earns nothing.
    let with_answer = js(&format!(
        r#"{{"context": {{"instrument": "internal_policy", "area": "organisation",
        "citizens_affected": false, "citizens_must_act": false, "policy_area": "organisation"}},
        "answers": {{"{id}": "unknown"}}}}"#
    ));
    let a = rules.assess(&with_answer).unwrap();
    let it = item(&a, &id);
    assert_eq!(string(&it, "status"), "excluded");
    assert_eq!(string(&it, "answer"), "unknown");
    assert_eq!(get(&it, "max").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn an_invalid_proposal_throws_a_located_error() {
    let err = rules()
        .assess(&js(
            r#"{"answers": {"inclusie.bestaat-niet": "ja", "inclusie.doelgroepen-in-beeld": "misschien"}}"#,
        ))
        .unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert!(is_sociale_bril_error(&err));
    assert_eq!(string(&err, "name"), "ProposalError");
    assert_eq!(string(&err, "kind"), "proposal");
    assert_eq!(string(&err, "code"), "unknown-item");
    assert_eq!(string(&err, "path"), "/answers/inclusie.bestaat-niet");
    assert_eq!(
        string(&err, "location.path"),
        "/answers/inclusie.bestaat-niet"
    );
    assert_eq!(js_sys::Array::from(&get(&err, "issues")).length(), 2);
    assert_eq!(string(&err, "issues.1.code"), "unknown-token");
    assert!(string(&err, "message").contains("inclusie.bestaat-niet"));
}

#[wasm_bindgen_test]
fn a_json_syntax_error_has_a_line_and_column() {
    let err = rules()
        .assess(&JsValue::from_str("{\n  \"title\": \"x\",\n  oops\n}"))
        .unwrap_err();
    assert_eq!(string(&err, "kind"), "proposal");
    assert_eq!(string(&err, "code"), "json-syntax");
    assert_eq!(get(&err, "location.line").as_f64(), Some(3.0));
    assert!(get(&err, "location.column").as_f64().is_some());
}

#[wasm_bindgen_test]
fn values_that_are_not_proposals_are_argument_errors() {
    let rules = rules();
    for value in [
        JsValue::UNDEFINED,
        JsValue::from(js_sys::Function::new_no_args("")),
    ] {
        let err = rules.assess(&value).unwrap_err();
        assert_eq!(string(&err, "kind"), "argument");
    }
    // A number or an array is JSON, but not an object: the core says so with its own code.
    let err = rules.assess(&JsValue::from(3)).unwrap_err();
    assert_eq!(string(&err, "kind"), "proposal");
}

#[wasm_bindgen_test]
fn a_broken_ruleset_throws_a_ruleset_error_with_a_location() {
    let err = Ruleset::from_json("{\"ruleset\": {\"id\": 3}").unwrap_err();
    assert!(is_sociale_bril_error(&err));
    assert_eq!(string(&err, "name"), "RulesetError");
    assert_eq!(string(&err, "kind"), "ruleset");
    assert_eq!(string(&err, "location.file"), "<json>");
    assert!(get(&err, "location.line").as_f64().is_some());
    let err = Ruleset::from_json("{}").unwrap_err();
    assert_eq!(string(&err, "kind"), "ruleset");
    assert!(js_sys::Array::from(&get(&err, "issues")).length() >= 1);
}

#[wasm_bindgen_test]
fn questions_come_in_dutch_and_english() {
    let rules = rules();
    let nl = rules.questions(None).unwrap();
    let en = rules.questions(Some("en".into())).unwrap();
    assert_eq!(string(&nl, "lang"), "nl");
    assert_eq!(string(&en, "lang"), "en");
    assert_eq!(js_sys::Array::from(&get(&nl, "themes")).length(), 4);
    let options: js_sys::Array = get(&nl, "themes.0.items.0.options").dyn_into().unwrap();
    let labels: Vec<String> = options.iter().map(|o| string(&o, "label")).collect();
    assert!(labels.contains(&"Weet ik niet".to_string()));
    assert!(labels.contains(&"Niet van toepassing".to_string()));
    assert!(js_sys::Array::from(&get(&nl, "context")).length() >= 5);
    let err = rules.questions(Some("de".into())).unwrap_err();
    assert_eq!(string(&err, "name"), "ArgumentError");
    assert_eq!(string(&err, "code"), "invalid-lang");
}

#[wasm_bindgen_test]
fn schemas() {
    let rules = rules();
    let generic = generic_schema("assessment").unwrap();
    assert!(get(&generic, "properties.themes").is_object());
    let specific = rules.schema("proposal", None).unwrap();
    // Item ids contain dots, so look them up directly rather than with `get`.
    let answers = get(&specific, "properties.answers.properties");
    assert!(
        Reflect::get(&answers, &"inclusie.doelgroepen-in-beeld".into())
            .unwrap()
            .is_object()
    );
    let generic_proposal = rules.schema("proposal", Some(true)).unwrap();
    assert_eq!(
        String::from(JSON::stringify(&generic_proposal).unwrap()),
        String::from(JSON::stringify(&generic_schema("proposal").unwrap()).unwrap())
    );
    assert!(rules.proposal_schema().unwrap().is_object());
    let err = generic_schema("bogus").unwrap_err();
    assert_eq!(string(&err, "code"), "invalid-schema-kind");
}

#[wasm_bindgen_test]
fn reports_escape_user_text() {
    let rules = rules();
    let proposal = js(r#"{"title": "<script>alert(1)</script> Fietsroute"}"#);
    let html = rules.report(&proposal, "html", None).unwrap();
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains("<script>alert"));
    let md = rules
        .report(&proposal, "markdown", Some("en".into()))
        .unwrap();
    assert!(md.contains("Fietsroute"));
    let err = rules.report(&proposal, "pdf", None).unwrap_err();
    assert_eq!(string(&err, "code"), "invalid-format");
}

#[wasm_bindgen_test]
fn normalizes_aliases_to_canonical_ids() {
    let p = rules().normalize_proposal(&js(PROPOSAL)).unwrap();
    assert_eq!(string(&p, "context.policy_area"), "mobility");
    assert_eq!(string(&p, "title"), "Snelfietsroute Utrecht–Amersfoort");
    let answers = get(&p, "answers");
    let yes = Reflect::get(&answers, &"inclusie.doelgroepen-in-beeld".into()).unwrap();
    assert_eq!(yes.as_string().as_deref(), Some("yes"));
    let with_note = Reflect::get(&answers, &"inclusie.fysieke-toegankelijkheid".into()).unwrap();
    assert_eq!(string(&with_note, "answer"), "partly");
    assert_eq!(string(&with_note, "note"), "Hellingen <steil>");
}

#[wasm_bindgen_test]
fn parse_number_reads_dutch_numbers_or_throws_a_located_error() {
    assert_eq!(parse_number("2.500,50", None).unwrap(), 2500.5);
    assert_eq!(parse_number("2.500", Some("nl".into())).unwrap(), 2500.0);
    assert_eq!(parse_number("2.500", Some("en".into())).unwrap(), 2.5);
    let err = parse_number("2.500", None).unwrap_err();
    assert!(is_sociale_bril_error(&err));
    assert_eq!(string(&err, "code"), "ambiguous-number");
    assert_eq!(get(&err, "location.column").as_f64(), Some(2.0));
    let err = parse_number("1", Some("fr".into())).unwrap_err();
    assert_eq!(string(&err, "code"), "invalid-numbers");
}

#[wasm_bindgen_test]
fn the_app_reads_limits_and_proposal_keys_from_the_module() {
    let l = limits().unwrap();
    assert_eq!(
        get(&l, "max_proposal_bytes").as_f64(),
        Some(sociale_bril::limits::MAX_PROPOSAL_BYTES as f64)
    );
    assert_eq!(
        proposal_keys(),
        ["title", "context", "answers", "id", "$schema"].map(String::from)
    );
}

#[wasm_bindgen_test]
fn a_table_row_becomes_a_proposal() {
    let columns = vec![
        "id".to_string(),
        "budget".into(),
        "citizens_affected".into(),
    ];
    let p = rules()
        .proposal_from_row(
            columns.clone(),
            vec!["a".into(), "2.500,5".into(), "ja".into()],
            None,
            None,
        )
        .unwrap();
    assert_eq!(get(&p, "context.budget").as_f64(), Some(2500.5));
    assert_eq!(get(&p, "context.citizens_affected").as_bool(), Some(true));
    let err = rules()
        .proposal_from_row(
            columns,
            vec!["a".into(), "2.500".into(), "".into()],
            Some(9),
            None,
        )
        .unwrap_err();
    assert_eq!(string(&err, "code"), "ambiguous-number");
    assert_eq!(get(&err, "location.line").as_f64(), Some(9.0));
    assert_eq!(string(&err, "path"), "/context/budget");
}

#[wasm_bindgen_test]
fn reports_come_in_every_core_format() {
    let rules = rules();
    let proposal = js(PROPOSAL);
    let canonical = rules.report(&proposal, "canonical", None).unwrap();
    assert_eq!(canonical, rules.assess_canonical(&proposal).unwrap());
    let row = rules.report(&proposal, "row", None).unwrap();
    assert!(row.starts_with(",Snelfietsroute"), "{row}");
    let summary = rules.report(&proposal, "summary", None).unwrap();
    assert!(summary.starts_with("{\"ruleset\""), "{summary}");
}
