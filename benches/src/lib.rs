//! Inputs for the benchmarks: generated rulesets of any size and deterministic proposals.

use serde_json::{Map, Value, json};
use sociale_bril::model::ruleset::{
    FieldDoc, FieldType, GroupDoc, ItemDoc, OptionDoc, RatingDoc, RulesetDoc, RulesetMeta,
    ScaleDoc, ScaleOptionDoc, ScoringDoc, Severity, SignalDoc,
};
use sociale_bril::{Lang, Ruleset, Text};

fn t(s: &str) -> Text {
    Text::new(format!("{s} (nl)"), format!("{s} (en)"))
}

/// A ruleset with `n` items over four themes, three scales, five context fields, about half of
/// the items with an `applies_if`, and one signal per ten items.
pub fn generated_ruleset(n: usize) -> Ruleset {
    let scale = |id: &str, opts: &[(&str, f64)]| ScaleDoc {
        id: id.into(),
        label: t(id),
        options: opts
            .iter()
            .map(|(tok, f)| ScaleOptionDoc {
                token: (*tok).into(),
                fraction: *f,
                label: t(tok),
                aliases: vec![],
            })
            .collect(),
    };
    let group = |id: String| GroupDoc {
        title: t(&id),
        id,
        ..GroupDoc::default()
    };
    let options = |ids: &[&str]| -> Vec<OptionDoc> {
        ids.iter()
            .map(|i| OptionDoc {
                id: (*i).into(),
                label: t(i),
                aliases: vec![],
            })
            .collect()
    };
    let field = |id: &str, kind, opts: Vec<OptionDoc>| FieldDoc {
        id: id.into(),
        kind,
        label: t(id),
        help: Text::default(),
        options: opts,
        min: None,
        max: None,
        unit: None,
    };
    let conditions = [
        r#"context.instrument in ["subsidy", "investment", "programme"]"#,
        "context.citizens_affected",
        r#"context.instrument != "internal_policy""#,
        "context.budget > 100000",
        r#"context.target_groups contains "elderly" or context.target_groups contains "youth""#,
    ];
    let scales = ["yes_no", "effect", "level"];
    let items: Vec<ItemDoc> = (0..n)
        .map(|i| ItemDoc {
            id: format!("theme{}.item{i}", i % 4),
            theme: format!("theme{}", i % 4),
            principles: vec![format!("p{}", i % 3)],
            domains: vec![format!("d{}", i % 8), format!("d{}", (i + 3) % 8)],
            scale: scales[i % 3].into(),
            weight: (i % 5 + 1) as i64,
            critical: i % 11 == 0,
            applies_if: (i % 2 == 1).then(|| conditions[(i / 2) % conditions.len()].to_string()),
            question: t(&format!("question {i}")),
            help: t(&format!("help {i}")),
            advice: t(&format!("advice {i}")),
            sources: vec![],
        })
        .collect();
    let signals = (0..n / 10)
        .map(|k| SignalDoc {
            id: format!("signal{k}"),
            severity: Severity::Warning,
            when: format!(
                r#"context.instrument == "regulation" and answer({}) in ["unknown", "unanswered", "no"]"#,
                items[k * 9].id
            ),
            message: t(&format!("signal {k}")),
            sources: vec![],
        })
        .collect();
    let doc = RulesetDoc {
        schema: None,
        ruleset: Some(RulesetMeta {
            id: format!("generated-{n}"),
            version: "1.0.0".into(),
            title: t("generated"),
            description: Text::default(),
        }),
        scoring: Some(ScoringDoc {
            min_completeness: 60.0,
            critical_fail_below: 0.5,
            critical_cap: Some("mid".into()),
        }),
        rating: vec![
            RatingDoc {
                id: "high".into(),
                min: 80.0,
                label: t("high"),
                description: Text::default(),
            },
            RatingDoc {
                id: "mid".into(),
                min: 50.0,
                label: t("mid"),
                description: Text::default(),
            },
            RatingDoc {
                id: "low".into(),
                min: 0.0,
                label: t("low"),
                description: Text::default(),
            },
        ],
        scale: vec![
            scale("yes_no", &[("yes", 1.0), ("partly", 0.5), ("no", 0.0)]),
            scale(
                "effect",
                &[
                    ("strongly_positive", 1.0),
                    ("positive", 0.75),
                    ("neutral", 0.5),
                    ("mixed", 0.5),
                    ("negative", 0.25),
                    ("strongly_negative", 0.0),
                ],
            ),
            scale(
                "level",
                &[("5", 1.0), ("4", 0.75), ("3", 0.5), ("2", 0.25), ("1", 0.0)],
            ),
        ],
        theme: (0..4).map(|i| group(format!("theme{i}"))).collect(),
        principle: (0..3).map(|i| group(format!("p{i}"))).collect(),
        domain: (0..8).map(|i| group(format!("d{i}"))).collect(),
        source: vec![],
        context: vec![
            field(
                "instrument",
                FieldType::Choice,
                options(&[
                    "subsidy",
                    "regulation",
                    "investment",
                    "programme",
                    "internal_policy",
                ]),
            ),
            field(
                "target_groups",
                FieldType::Choices,
                options(&["elderly", "youth", "disability", "low_income"]),
            ),
            field("citizens_affected", FieldType::Boolean, vec![]),
            field("budget", FieldType::Number, vec![]),
            field("location", FieldType::Text, vec![]),
        ],
        item: items,
        signal: signals,
    };
    match Ruleset::from_doc(doc) {
        Ok(r) => r,
        Err(e) => panic!("the generated ruleset is valid: {e}"),
    }
}

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// What a proposal generator needs to know of a ruleset.
pub struct Shape {
    items: Vec<(String, Vec<String>)>,
    fields: Vec<(String, FieldType, Vec<String>)>,
}

impl Shape {
    /// The items and context fields of a ruleset.
    pub fn of(rules: &Ruleset) -> Shape {
        let q = rules.questions(Lang::Nl);
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
                    )
                })
                .collect(),
        }
    }

    /// A realistic proposal: most context fields set, about 85% of the items answered, a few
    /// with a note.
    pub fn proposal(&self, k: u64, rng: &mut Rng) -> Value {
        let mut context = Map::new();
        for (id, kind, options) in &self.fields {
            if rng.below(10) == 0 {
                continue;
            }
            let v = match kind {
                FieldType::Text => json!(format!("Gemeente {}", rng.below(26))),
                FieldType::Number => json!(rng.below(5_000_000)),
                FieldType::Boolean => json!(rng.below(2) == 0),
                FieldType::Choice => json!(options[rng.below(options.len())]),
                FieldType::Choices => Value::Array(
                    options
                        .iter()
                        .filter(|_| rng.below(4) == 0)
                        .map(|o| json!(o))
                        .collect(),
                ),
            };
            if id == "duration_years" {
                context.insert(id.clone(), json!(rng.below(20)));
            } else {
                context.insert(id.clone(), v);
            }
        }
        let mut answers = Map::new();
        for (id, tokens) in &self.items {
            if rng.below(100) < 85 {
                let token = json!(tokens[rng.below(tokens.len())]);
                if rng.below(10) == 0 {
                    answers.insert(
                        id.clone(),
                        json!({"answer": token, "note": "Toelichting bij dit antwoord."}),
                    );
                } else {
                    answers.insert(id.clone(), token);
                }
            }
        }
        json!({"id": k, "title": format!("Voorstel {k}"), "context": context, "answers": answers})
    }

    /// `n` proposals as JSON Lines text, one per line.
    pub fn lines(&self, n: usize, seed: u64) -> Vec<String> {
        let mut rng = Rng::new(seed);
        (0..n as u64)
            .map(|k| self.proposal(k, &mut rng).to_string())
            .collect()
    }
}
