//! Context fields: types, options and their spellings, ranges.

use crate::field::{Choice, Field};
use crate::hash::IdMap;
use crate::limits::MAX_FIELD_OPTIONS;
use crate::load::DocPath;
use crate::model::ruleset::{FieldType, RulesetDoc};
use crate::numfmt::num;
use crate::vocab::same_token;

use super::validator::Validator;

/// Checks and compiles the context fields; returns them with their index by id.
pub(super) fn fields(v: &mut Validator<'_>, doc: &RulesetDoc) -> (Vec<Field>, IdMap<usize>) {
    let field_index = v.index_ids("context", doc.context.iter().map(|f| f.id.as_str()), false);
    let mut fields = Vec::new();
    for (i, f) in doc.context.iter().enumerate() {
        let p = DocPath::elem("context", i);
        let rule = Some(f.id.as_str());
        if f.id.contains('-') {
            v.push(
                "invalid-id",
                &p.clone().key("id"),
                rule,
                format!(
                    "context field `{}` has a `-`, which expressions would read as part of a name",
                    f.id
                ),
                Some("use `_` in context field ids, e.g. target_groups".into()),
            );
        }
        v.text(&f.label, p.clone().key("label"), rule, "label", true);
        v.text(&f.help, p.clone().key("help"), rule, "help", false);
        let choice = matches!(f.kind, FieldType::Choice | FieldType::Choices);
        if choice && (f.options.is_empty() || f.options.len() > MAX_FIELD_OPTIONS) {
            v.push(
                "invalid-field",
                &p.clone().key("options"),
                rule,
                format!("a {} field needs 1 to {MAX_FIELD_OPTIONS} options; it has {}", f.kind.name(), f.options.len()),
                Some("list the options as options = [{ id = \"…\", label = { nl = \"…\", en = \"…\" } }]".into()),
            );
        }
        if !choice && !f.options.is_empty() {
            v.push(
                "invalid-field",
                &p.clone().key("options"),
                rule,
                format!("a {} field has no options", f.kind.name()),
                Some("remove `options`, or make the field a choice or choices field".into()),
            );
        }
        if f.kind != FieldType::Number && (f.min.is_some() || f.max.is_some() || f.unit.is_some()) {
            v.push(
                "invalid-field",
                &p.clone(),
                rule,
                "min, max and unit belong to number fields only",
                Some("remove them or make the field a number field".into()),
            );
        }
        if let (Some(lo), Some(hi)) = (f.min, f.max) {
            if lo > hi {
                v.push(
                    "invalid-field",
                    &p.clone().key("min"),
                    rule,
                    format!("min {} is above max {}", num(lo), num(hi)),
                    Some("swap them".into()),
                );
            }
        }
        let mut spellings: Vec<String> = Vec::new();
        let mut choices = Vec::new();
        for (j, o) in f.options.iter().enumerate() {
            let op = p.clone().key("options").at(j);
            v.id(&o.id, op.clone().key("id"), rule, false);
            v.text(&o.label, op.clone().key("label"), rule, "label", true);
            for spelling in std::iter::once(&o.id).chain(o.aliases.iter()) {
                if spellings.iter().any(|s| same_token(spelling, s)) {
                    v.push(
                        "duplicate-id",
                        &op.clone(),
                        rule,
                        format!("the option spelling `{spelling}` is used twice in this field"),
                        Some("every option id and alias of a field must be different".into()),
                    );
                }
                spellings.push(spelling.clone());
            }
            choices.push(Choice {
                id: o.id.clone(),
                aliases: o.aliases.clone(),
            });
        }
        fields.push(Field {
            id: f.id.clone(),
            kind: f.kind,
            options: choices,
            min: f.min,
            max: f.max,
        });
    }
    (fields, field_index)
}
