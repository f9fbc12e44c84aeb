//! Properties of docs/scoring.md §12 that hold for every proposal, checked with proptest on the
//! default ruleset.

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use sociale_bril::model::ruleset::FieldType;
use sociale_bril::{Lang, Ruleset};

struct Shape {
    /// Per item: id and its answer tokens (scale options, unknown, not_applicable).
    items: Vec<(String, Vec<String>)>,
    /// Per context field: id, type and options.
    fields: Vec<(String, FieldType, Vec<String>, f64, f64)>,
}

fn rules() -> Ruleset {
    Ruleset::default().expect("the default ruleset loads")
}

fn shape(rules: &Ruleset) -> Shape {
    let q = rules.questions(Lang::En);
    Shape {
        items: q
            .themes
            .iter()
            .flat_map(|t| t.items.iter())
            .map(|i| {
                (
                    i.id.to_string(),
                    i.options.iter().map(|o| o.id.to_string()).collect(),
                )
            })
            .collect(),
        fields: q
            .context
            .iter()
            .map(|f| {
                (
                    f.id.to_string(),
                    f.kind,
                    f.options.iter().map(|o| o.id.to_string()).collect(),
                    f.min.unwrap_or(f64::MIN),
                    f.max.unwrap_or(f64::MAX),
                )
            })
            .collect(),
    }
}

/// A proposal: per item an index into its tokens (one past the end = no answer), per field a
/// random value or none.
#[derive(Clone, Debug)]
struct Gen {
    answers: Vec<usize>,
    context: Vec<(bool, u64, f64)>,
}

fn proposals(n_items: usize, n_fields: usize) -> impl Strategy<Value = Gen> {
    (
        proptest::collection::vec(0usize..12, n_items),
        proptest::collection::vec(
            (any::<bool>(), any::<u64>(), 0.0f64..10_000_000.0),
            n_fields,
        ),
    )
        .prop_map(|(answers, context)| Gen { answers, context })
}

fn build(shape: &Shape, g: &Gen) -> Value {
    let mut answers = Map::new();
    for ((id, tokens), &k) in shape.items.iter().zip(&g.answers) {
        if let Some(t) = tokens.get(k) {
            answers.insert(id.clone(), Value::String(t.clone()));
        }
    }
    let mut context = Map::new();
    for ((id, kind, options, lo, hi), &(present, bits, num)) in shape.fields.iter().zip(&g.context)
    {
        if !present {
            continue;
        }
        let v = match kind {
            FieldType::Text => json!(format!("plaats {bits}")),
            FieldType::Number => json!(num.floor().clamp(*lo, *hi)),
            FieldType::Boolean => json!(bits % 2 == 0),
            FieldType::Choice => json!(options[(bits as usize) % options.len()]),
            FieldType::Choices => Value::Array(
                options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, o)| json!(o))
                    .collect(),
            ),
        };
        context.insert(id.clone(), v);
    }
    json!({"title": "Eigenschap", "context": context, "answers": answers})
}

fn groups(a: &Value) -> Vec<(String, f64, f64)> {
    let mut out = vec![(
        "overall".to_string(),
        a["overall"]["points"].as_f64().unwrap(),
        a["overall"]["max"].as_f64().unwrap(),
    )];
    for kind in ["themes", "principles", "domains"] {
        for g in a[kind].as_array().unwrap() {
            out.push((
                format!("{kind}/{}", g["id"].as_str().unwrap()),
                g["points"].as_f64().unwrap(),
                g["max"].as_f64().unwrap(),
            ));
        }
    }
    out
}

fn assess(rules: &Ruleset, p: &Value) -> Value {
    serde_json::to_value(rules.assess_value(p).unwrap_or_else(|e| panic!("{e}\n{p}"))).unwrap()
}

/// The fraction of a token in the default scales (docs/scoring.md §2), None for the specials.
fn fraction(rules: &Ruleset, item: &str, token: &str) -> Option<f64> {
    let doc = rules.doc();
    let scale = &doc.item.iter().find(|i| i.id == item)?.scale;
    let s = doc.scale.iter().find(|s| &s.id == scale)?;
    s.options
        .iter()
        .find(|o| o.token == token)
        .map(|o| o.fraction)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn scores_stay_within_zero_and_max(g in proposals(80, 20)) {
        let rules = rules();
        let shape = shape(&rules);
        let a = assess(&rules, &build(&shape, &g));
        for (name, points, max) in groups(&a) {
            prop_assert!(points >= 0.0 && points <= max, "{name}: {points} / {max}");
            if let Some(p) = a["overall"]["percent"].as_f64() {
                prop_assert!((0.0..=100.0).contains(&p));
            }
        }
        for item in a["items"].as_array().unwrap() {
            let (p, m) = (item["points"].as_f64().unwrap(), item["max"].as_f64().unwrap());
            prop_assert!(p >= 0.0 && p <= m);
        }
    }

    #[test]
    fn not_applicable_removes_the_item_from_the_maximum(g in proposals(80, 20), pick in any::<prop::sample::Index>()) {
        let rules = rules();
        let shape = shape(&rules);
        let p = build(&shape, &g);
        let before = assess(&rules, &p);
        let k = pick.index(shape.items.len());
        let id = &shape.items[k].0;
        let mut q = p.clone();
        q["answers"][id] = json!("not_applicable");
        let after = assess(&rules, &q);
        let item = before["items"].as_array().unwrap().iter().find(|i| &i["id"] == id).unwrap();
        let expected_drop = item["max"].as_f64().unwrap();
        let drop = before["overall"]["max"].as_f64().unwrap() - after["overall"]["max"].as_f64().unwrap();
        prop_assert!((drop - expected_drop).abs() < 1e-9, "{id}: max dropped by {drop}, expected {expected_drop}");
        let status = &after["items"].as_array().unwrap().iter().find(|i| &i["id"] == id).unwrap()["status"];
        prop_assert!(status == "not_applicable" || status == "excluded");
    }

    #[test]
    fn improving_one_answer_never_lowers_any_score(g in proposals(80, 20), pick in any::<prop::sample::Index>(), to in 0usize..8) {
        let rules = rules();
        let shape = shape(&rules);
        let p = build(&shape, &g);
        let k = pick.index(shape.items.len());
        let (id, tokens) = &shape.items[k];
        let old = p["answers"].get(id).and_then(Value::as_str).map(str::to_string);
        let new = &tokens[to % tokens.len()];
        let old_f = old.as_deref().and_then(|t| fraction(&rules, id, t));
        let Some(new_f) = fraction(&rules, id, new) else { return Ok(()) };
        // Better: a real answer from unknown / no answer, or a higher fraction. (not_applicable
        // changes the maximum, not the answer's worth, so it is not an improvement.)
        let better = match (old.as_deref(), old_f) {
            (Some("not_applicable"), _) => false,
            (_, None) => true,
            (_, Some(f)) => new_f > f,
        };
        prop_assume!(better);
        let mut q = p.clone();
        q["answers"][id] = json!(new);
        let (before, after) = (groups(&assess(&rules, &p)), groups(&assess(&rules, &q)));
        for ((name, b, _), (_, a, _)) in before.iter().zip(&after) {
            prop_assert!(a >= b, "{name}: {b} → {a} after {id}: {old:?} → {new}");
        }
    }

    #[test]
    fn answer_and_key_order_do_not_matter(g in proposals(80, 20), seed in any::<u64>()) {
        let rules = rules();
        let shape = shape(&rules);
        let p = build(&shape, &g);
        // Write the same proposal as text with every object's keys in a scrambled order.
        fn scrambled(v: &Value, seed: u64) -> String {
            match v {
                Value::Object(m) => {
                    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
                    entries.sort_by_key(|(k, _)| {
                        let mut h = seed;
                        for b in k.bytes() { h = h.wrapping_mul(6364136223846793005).wrapping_add(u64::from(b)); }
                        h
                    });
                    let parts: Vec<String> = entries
                        .iter()
                        .map(|(k, v)| format!("{}:{}", Value::String((*k).clone()), scrambled(v, seed)))
                        .collect();
                    format!("{{{}}}", parts.join(","))
                }
                Value::Array(a) => format!("[{}]", a.iter().map(|x| scrambled(x, seed)).collect::<Vec<_>>().join(",")),
                other => other.to_string(),
            }
        }
        let a = rules.assess_value(&p).unwrap().to_canonical_json();
        let b = rules.assess_json(&scrambled(&p, seed)).unwrap().to_canonical_json();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn the_same_input_gives_byte_identical_json(g in proposals(80, 20)) {
        let rules = rules();
        let shape = shape(&rules);
        let text = build(&shape, &g).to_string();
        let first = serde_json::to_string(&rules.assess_json(&text).unwrap()).unwrap();
        let again = serde_json::to_string(&rules.assess_json(&text).unwrap()).unwrap();
        let other = Ruleset::from_json(&rules.to_json()).unwrap();
        let third = serde_json::to_string(&other.assess_json(&text).unwrap()).unwrap();
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(&first, &third);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// The hand-written summary JSON (used by `batch`) is exactly serde's.
    #[test]
    fn summary_json_is_serde_json(g in proposals(80, 20), title in ".{0,30}", id in any::<Option<i64>>()) {
        let rules = rules();
        let shape = shape(&rules);
        let mut p = build(&shape, &g);
        p["title"] = json!(title);
        if let Some(id) = id {
            p["id"] = json!(id);
        }
        let a = rules.assess_value(&p).unwrap();
        let s = a.summary();
        prop_assert_eq!(s.to_json(), serde_json::to_string(&s).unwrap());
    }
}
