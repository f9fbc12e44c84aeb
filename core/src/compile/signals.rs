//! Expressions: the items' `applies_if` conditions (over context fields) and the signals
//! (over context fields and answers), type-checked against the fields and items compiled
//! before them.

use crate::compiled::{Item, Signal};
use crate::expr::{Expr, Scope};
use crate::hash::IdMap;
use crate::load::DocPath;
use crate::model::ruleset::RulesetDoc;

use super::groups::check_sources;
use super::validator::Validator;

/// Compiles the items' conditions into `items` and returns the compiled signals.
pub(super) fn expressions(
    v: &mut Validator<'_>,
    doc: &RulesetDoc,
    mut scope: Scope<'_>,
    items: &mut [Item],
    sources: &IdMap<usize>,
) -> Vec<Signal> {
    scope.answers_allowed = false;
    let mut conditions = Vec::new();
    for (i, it) in doc.item.iter().enumerate() {
        let compiled = match &it.applies_if {
            None => None,
            Some(text) => match Expr::compile(text, &scope) {
                Ok(e) => Some(e),
                Err(errors) => {
                    let path = DocPath::elem("item", i).key("applies_if");
                    for e in errors {
                        v.expr_issue(&path, &it.id, e);
                    }
                    None
                }
            },
        };
        conditions.push(compiled);
    }
    scope.answers_allowed = true;
    let _ = v.index_ids("signal", doc.signal.iter().map(|s| s.id.as_str()), false);
    let mut signals = Vec::new();
    for (i, s) in doc.signal.iter().enumerate() {
        let p = DocPath::elem("signal", i);
        v.text(
            &s.message,
            p.clone().key("message"),
            Some(&s.id),
            "message",
            true,
        );
        check_sources(v, &s.sources, sources, doc, p.clone().key("sources"), &s.id);
        match Expr::compile(&s.when, &scope) {
            Ok(e) => signals.push(Signal {
                severity: s.severity,
                when: e,
            }),
            Err(errors) => {
                let path = p.key("when");
                for e in errors {
                    v.expr_issue(&path, &s.id, e);
                }
            }
        }
    }
    for (item, condition) in items.iter_mut().zip(conditions) {
        item.applies_if = condition;
    }
    signals
}
