//! Items: their ids, theme, principles, domains, scale, weight, texts and sources. Their
//! conditions are compiled with the signals ([`super::signals`]), once every item is known.

use crate::compiled::Item;
use crate::hash::IdMap;
use crate::load::DocPath;
use crate::model::ruleset::RulesetDoc;
use crate::suggest::help_valid;

use super::groups::{GroupIndex, Tags, check_sources, resolve_tags};
use super::validator::Validator;

/// The items, checked, without their conditions.
pub(super) struct Items {
    pub items: Vec<Item>,
    /// Item id → (item index, scale index).
    pub index: IdMap<(usize, usize)>,
    pub ids: Vec<String>,
}

/// Checks and compiles the items.
pub(super) fn items(
    v: &mut Validator<'_>,
    doc: &RulesetDoc,
    groups: &GroupIndex,
    scale_index: &IdMap<usize>,
    sources: &IdMap<usize>,
) -> Items {
    let item_pos = v.index_ids("item", doc.item.iter().map(|i| i.id.as_str()), true);
    let mut index: IdMap<(usize, usize)> = IdMap::default();
    for (id, &i) in &item_pos {
        if let Some(&s) = doc.item.get(i).and_then(|it| scale_index.get(&it.scale)) {
            index.insert(id.clone(), (i, s));
        }
    }
    let ids: Vec<String> = doc.item.iter().map(|i| i.id.clone()).collect();
    let principles = Tags {
        index: &groups.principles,
        all: &doc.principle,
        kind: "principle",
        unknown: "unknown-principle",
    };
    let domains = Tags {
        index: &groups.domains,
        all: &doc.domain,
        kind: "domain",
        unknown: "unknown-domain",
    };
    let mut items = Vec::new();
    for (i, it) in doc.item.iter().enumerate() {
        let p = DocPath::elem("item", i);
        let rule = it.id.as_str();
        let theme = match groups.themes.get(&it.theme) {
            Some(&t) => t,
            None => {
                let help = help_valid(&it.theme, "themes", doc.theme.iter().map(|g| g.id.as_str()));
                v.push(
                    "unknown-theme",
                    &p.clone().key("theme"),
                    Some(rule),
                    format!("unknown theme `{}`", it.theme),
                    Some(help),
                );
                0
            }
        };
        let item_principles = resolve_tags(
            v,
            &it.principles,
            &principles,
            p.clone().key("principles"),
            rule,
        );
        let item_domains = resolve_tags(v, &it.domains, &domains, p.clone().key("domains"), rule);
        let scale = match scale_index.get(&it.scale) {
            Some(&s) => s,
            None => {
                let help = help_valid(&it.scale, "scales", doc.scale.iter().map(|s| s.id.as_str()));
                v.push(
                    "unknown-scale",
                    &p.clone().key("scale"),
                    Some(rule),
                    format!("unknown scale `{}`", it.scale),
                    Some(help),
                );
                0
            }
        };
        if !(1..=10).contains(&it.weight) {
            v.push(
                "weight-out-of-range",
                &p.clone().key("weight"),
                Some(rule),
                format!("weight = {} is outside 1–10", it.weight),
                Some("give a whole number from 1 (minor) to 10 (decisive)".into()),
            );
        }
        v.text(
            &it.question,
            p.clone().key("question"),
            Some(rule),
            "question",
            true,
        );
        v.text(&it.help, p.clone().key("help"), Some(rule), "help", false);
        v.text(
            &it.advice,
            p.clone().key("advice"),
            Some(rule),
            "advice",
            true,
        );
        check_sources(v, &it.sources, sources, doc, p.clone().key("sources"), rule);
        items.push(Item {
            theme,
            principles: item_principles,
            domains: item_domains,
            scale,
            weight: it.weight.clamp(1, 10) as f64,
            critical: it.critical,
            applies_if: None,
        });
    }
    Items { items, index, ids }
}
