//! Validation and compilation of a whole ruleset document into the compiled model
//! ([`CompiledRuleset`]), one section at a time: identity and counts here, then sources and
//! groups ([`groups`]), rating bands and scoring settings ([`ratings`]), scales ([`scales`]),
//! context fields ([`fields`]), items ([`items`]), conditions and signals ([`signals`]) and
//! the content hash ([`hash`]).
//!
//! Every problem is collected (not only the first) and located through the
//! [`Locator`]; the order in which sections are checked is the order of the problems reported.

mod fields;
mod groups;
mod hash;
mod ids;
mod items;
mod ratings;
mod scales;
mod signals;
mod validator;

use crate::compiled::CompiledRuleset;
use crate::error::RuleIssue;
use crate::expr::Scope;
use crate::limits;
use crate::load::{DocPath, Locator};
use crate::model::ruleset::{RulesetDoc, RulesetMeta};

use validator::Validator;

/// Validates and compiles a merged ruleset document.
pub(crate) fn compile(doc: RulesetDoc, loc: &Locator) -> Result<CompiledRuleset, Vec<RuleIssue>> {
    let mut v = Validator::new(loc);
    let meta = identity(&mut v, &doc);
    if !counts_within_limits(&mut v, &doc) {
        return Err(v.issues);
    }
    let sources = groups::sources(&mut v, &doc);
    let group_index = groups::groups(&mut v, &doc, &sources);
    let (bands, scoring) = ratings::ratings(&mut v, &doc);
    let (scales, scale_index) = scales::scales(&mut v, &doc);
    let (fields, field_index) = fields::fields(&mut v, &doc);
    let mut items = items::items(&mut v, &doc, &group_index, &scale_index, &sources);
    let scope = Scope {
        fields: &fields,
        field_index: &field_index,
        items: &items.index,
        item_ids: &items.ids,
        scales: &scales,
        answers_allowed: false,
    };
    let signals = signals::expressions(&mut v, &doc, scope, &mut items.items, &sources);
    if !v.issues.is_empty() {
        return Err(v.issues);
    }
    let hash = hash::content_hash(&doc);
    let mut doc = doc;
    doc.schema = None;
    Ok(CompiledRuleset {
        doc,
        meta,
        hash,
        scoring,
        bands,
        scales,
        fields,
        field_index,
        items: items.items,
        item_index: items.index,
        item_ids: items.ids,
        signals,
    })
}

/// Checks the `[ruleset]` section: id, version, title and description.
fn identity(v: &mut Validator<'_>, doc: &RulesetDoc) -> RulesetMeta {
    let Some(m) = &doc.ruleset else {
        v.issues.push(RuleIssue {
            code: "missing-section",
            message: "no file has a `[ruleset]` section with the ruleset's id, version and title".into(),
            help: Some("add `[ruleset]` with id, version, title.nl and title.en to one file (by convention ruleset.toml)".into()),
            location: v.loc.file_start(0),
            rule: None,
        });
        return RulesetMeta::default();
    };
    let p = DocPath::single("ruleset");
    v.id(&m.id, p.clone().key("id"), None, false);
    if !ids::valid_semver(&m.version) {
        v.push(
            "invalid-version",
            &p.clone().key("version"),
            None,
            format!("`{}` is not a semantic version", m.version),
            Some("write MAJOR.MINOR.PATCH, e.g. 1.2.0".into()),
        );
    }
    v.text(&m.title, p.clone().key("title"), None, "title", true);
    v.text(
        &m.description,
        p.key("description"),
        None,
        "description",
        false,
    );
    m.clone()
}

/// Checks the number of elements of every section against its limit; every section over its
/// limit is reported.
fn counts_within_limits(v: &mut Validator<'_>, doc: &RulesetDoc) -> bool {
    let sections: [(&'static str, usize, usize, &str); 8] = [
        ("item", doc.item.len(), limits::MAX_ITEMS, "items"),
        ("signal", doc.signal.len(), limits::MAX_SIGNALS, "signals"),
        (
            "context",
            doc.context.len(),
            limits::MAX_CONTEXT_FIELDS,
            "context fields",
        ),
        ("theme", doc.theme.len(), limits::MAX_GROUPS, "themes"),
        (
            "principle",
            doc.principle.len(),
            limits::MAX_GROUPS,
            "principles",
        ),
        ("domain", doc.domain.len(), limits::MAX_GROUPS, "domains"),
        ("scale", doc.scale.len(), limits::MAX_GROUPS, "scales"),
        (
            "rating",
            doc.rating.len(),
            limits::MAX_GROUPS,
            "rating bands",
        ),
    ];
    let mut ok = true;
    for (section, count, max, what) in sections {
        ok &= v.limit(count, max, what, DocPath::elem(section, max));
    }
    ok
}
