//! JSON Schemas: the generic ones (for any ruleset) and a ruleset-specific proposal schema that
//! lists the real item ids, answer tokens and context fields, for editors and forms.

use serde_json::{Map, Value, json};

use crate::assessment::Assessment;
use crate::compiled::CompiledRuleset;
use crate::model::proposal::Proposal;
use crate::model::ruleset::{FieldType, RulesetDoc};
use crate::questions::Questions;
use crate::suggest::{by_name, name_of};
use crate::vocab::{NOT_APPLICABLE, NOT_APPLICABLE_NL, UNKNOWN, UNKNOWN_NL};

/// Which schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    /// A proposal (`proposal`).
    Proposal,
    /// A ruleset document: one TOML file or the JSON form (`ruleset`).
    Ruleset,
    /// An assessment (`assessment`).
    Assessment,
    /// The checklist structure (`questions`).
    Questions,
}

impl SchemaKind {
    /// All kinds, with the names used on the command line and in file names.
    pub const ALL: [(SchemaKind, &'static str); 4] = [
        (SchemaKind::Proposal, "proposal"),
        (SchemaKind::Ruleset, "ruleset"),
        (SchemaKind::Assessment, "assessment"),
        (SchemaKind::Questions, "questions"),
    ];

    /// The kind's name.
    pub fn name(self) -> &'static str {
        name_of(&Self::ALL, self)
    }
}

impl std::str::FromStr for SchemaKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        by_name(&Self::ALL, s, "schema")
    }
}

/// The generic JSON Schema of a kind (the same for every ruleset).
pub fn schema(kind: SchemaKind) -> Value {
    let s = match kind {
        SchemaKind::Proposal => schemars::schema_for!(Proposal),
        SchemaKind::Ruleset => schemars::schema_for!(RulesetDoc),
        SchemaKind::Assessment => schemars::schema_for!(Assessment<'static>),
        SchemaKind::Questions => schemars::schema_for!(Questions<'static>),
    };
    serde_json::to_value(s).unwrap_or(Value::Null)
}

/// The proposal schema of a ruleset: the real item ids with their answer tokens and the
/// context fields with their types and options, with question and label texts as descriptions
/// (Dutch, with English in parentheses).
pub(crate) fn proposal_schema(rs: &CompiledRuleset) -> Value {
    let mut fields = Map::new();
    for (f, doc) in rs.fields.iter().zip(&rs.doc.context) {
        let mut spellings: Vec<Value> = Vec::new();
        for o in &f.options {
            spellings.push(Value::String(o.id.clone()));
            spellings.extend(o.aliases.iter().cloned().map(Value::String));
        }
        let mut s = match f.kind {
            FieldType::Text => json!({"type": ["string", "null"]}),
            FieldType::Boolean => json!({"type": ["boolean", "null"]}),
            FieldType::Number => {
                let mut s = json!({"type": ["number", "null"]});
                if let (Some(lo), Some(obj)) = (f.min, s.as_object_mut()) {
                    obj.insert("minimum".into(), json!(lo));
                }
                if let (Some(hi), Some(obj)) = (f.max, s.as_object_mut()) {
                    obj.insert("maximum".into(), json!(hi));
                }
                s
            }
            FieldType::Choice => {
                let mut e = spellings.clone();
                e.push(Value::Null);
                json!({"enum": e})
            }
            FieldType::Choices => json!({
                "type": ["array", "null"],
                "items": {"enum": spellings},
                "uniqueItems": true
            }),
        };
        if let Some(obj) = s.as_object_mut() {
            obj.insert("title".into(), json!(doc.label.nl));
            obj.insert(
                "description".into(),
                json!(describe(&doc.help.nl, &doc.label.en)),
            );
        }
        fields.insert(f.id.clone(), s);
    }
    let mut answers = Map::new();
    for (item, doc) in rs.items.iter().zip(&rs.doc.item) {
        let Some(scale) = rs.scales.get(item.scale) else {
            continue;
        };
        let mut tokens: Vec<Value> = Vec::new();
        for o in &scale.options {
            tokens.push(Value::String(o.token.clone()));
            tokens.extend(o.aliases.iter().cloned().map(Value::String));
            if let Ok(n) = o.token.parse::<i64>() {
                tokens.push(json!(n));
            }
        }
        let has = |t: &str| scale.options.iter().any(|o| o.token == t);
        if has("yes") && has("no") {
            tokens.push(Value::Bool(true));
            tokens.push(Value::Bool(false));
        }
        for t in [UNKNOWN, UNKNOWN_NL, NOT_APPLICABLE, NOT_APPLICABLE_NL] {
            tokens.push(Value::String(t.to_string()));
        }
        let token = json!({"enum": tokens});
        answers.insert(
            doc.id.clone(),
            json!({
                "title": doc.question.nl,
                "description": describe(&doc.help.nl, &doc.question.en),
                "anyOf": [
                    token,
                    {
                        "type": "object",
                        "properties": {"answer": token, "note": {"type": ["string", "null"]}},
                        "required": ["answer"],
                        "additionalProperties": false
                    },
                    {"type": "null"}
                ]
            }),
        );
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("Proposal for {} {}", rs.meta.id, rs.meta.version),
        "description": rs.meta.title.nl,
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "$schema": {"type": "string"},
            "id": {"type": ["string", "number", "null"]},
            "title": {"type": ["string", "null"]},
            "context": {"type": "object", "additionalProperties": false, "properties": fields},
            "answers": {"type": "object", "additionalProperties": false, "properties": answers}
        }
    })
}

fn describe(nl: &str, en: &str) -> String {
    match (nl.is_empty(), en.is_empty()) {
        (false, false) => format!("{nl} ({en})"),
        (false, true) => nl.to_string(),
        _ => en.to_string(),
    }
}
