//! Sources, and the groups items belong to: themes, principles and domains.

use crate::hash::IdMap;
use crate::load::DocPath;
use crate::model::ruleset::{GroupDoc, RulesetDoc, SourceRef};
use crate::suggest::help_valid;

use super::validator::Validator;

/// The ids of the declared sources, with their titles checked.
pub(super) fn sources(v: &mut Validator<'_>, doc: &RulesetDoc) -> IdMap<usize> {
    let sources = v.index_ids("source", doc.source.iter().map(|s| s.id.as_str()), false);
    for (i, s) in doc.source.iter().enumerate() {
        v.text(
            &s.title,
            DocPath::elem("source", i).key("title"),
            Some(&s.id),
            "title",
            true,
        );
    }
    sources
}

/// The indices of the themes, principles and domains by id.
pub(super) struct GroupIndex {
    pub themes: IdMap<usize>,
    pub principles: IdMap<usize>,
    pub domains: IdMap<usize>,
}

/// Checks the themes, principles and domains: ids, texts and the sources they cite.
pub(super) fn groups(
    v: &mut Validator<'_>,
    doc: &RulesetDoc,
    sources: &IdMap<usize>,
) -> GroupIndex {
    let mut index = |section: &'static str, list: &[GroupDoc]| {
        let ids = v.index_ids(section, list.iter().map(|g| g.id.as_str()), false);
        for (i, g) in list.iter().enumerate() {
            let p = DocPath::elem(section, i);
            v.text(&g.title, p.clone().key("title"), Some(&g.id), "title", true);
            v.text(
                &g.description,
                p.clone().key("description"),
                Some(&g.id),
                "description",
                false,
            );
            check_sources(v, &g.sources, sources, doc, p.key("sources"), &g.id);
        }
        ids
    };
    let groups = GroupIndex {
        themes: index("theme", &doc.theme),
        principles: index("principle", &doc.principle),
        domains: index("domain", &doc.domain),
    };
    if doc.theme.is_empty() && doc.ruleset.is_some() {
        v.push(
            "missing-section",
            &DocPath::single("ruleset"),
            None,
            "the ruleset declares no themes",
            Some("declare at least one [[theme]]; every item belongs to one".into()),
        );
    }
    groups
}

/// What a list of tag references (an item's principles or domains) refers to.
pub(super) struct Tags<'a> {
    pub index: &'a IdMap<usize>,
    pub all: &'a [GroupDoc],
    /// `principle` or `domain`.
    pub kind: &'static str,
    /// The code of an unknown reference.
    pub unknown: &'static str,
}

/// Resolves tag references, reporting unknown and repeated ones.
pub(super) fn resolve_tags(
    v: &mut Validator<'_>,
    tags: &[String],
    of: &Tags<'_>,
    path: DocPath,
    rule: &str,
) -> Vec<usize> {
    let kind = of.kind;
    let mut out = Vec::new();
    for (j, t) in tags.iter().enumerate() {
        match of.index.get(t) {
            Some(&g) if out.contains(&g) => v.push(
                "duplicate-id",
                &path.clone().at(j),
                Some(rule),
                format!("{kind} `{t}` is listed twice"),
                Some("list each once".into()),
            ),
            Some(&g) => out.push(g),
            None => {
                let help = help_valid(t, &format!("{kind}s"), of.all.iter().map(|g| g.id.as_str()));
                v.push(
                    of.unknown,
                    &path.clone().at(j),
                    Some(rule),
                    format!("unknown {kind} `{t}`"),
                    Some(help),
                );
            }
        }
    }
    out
}

/// Checks the citations of a rule: declared sources, no empty passages.
pub(super) fn check_sources(
    v: &mut Validator<'_>,
    refs: &[SourceRef],
    sources: &IdMap<usize>,
    doc: &RulesetDoc,
    path: DocPath,
    rule: &str,
) {
    for (j, r) in refs.iter().enumerate() {
        if !sources.contains_key(&r.source) {
            let help = help_valid(
                &r.source,
                "sources",
                doc.source.iter().map(|s| s.id.as_str()),
            );
            v.push(
                "unknown-source",
                &path.clone().at(j).key("source"),
                Some(rule),
                format!("unknown source `{}`", r.source),
                Some(format!("{help}; declare new sources as [[source]]")),
            );
        }
        if r.passage.as_deref().is_some_and(|p| p.trim().is_empty()) {
            v.push(
                "invalid-source",
                &path.clone().at(j).key("passage"),
                Some(rule),
                "the passage is empty",
                Some(
                    "quote the passage briefly or name its heading, or leave `passage` out".into(),
                ),
            );
        }
    }
}
