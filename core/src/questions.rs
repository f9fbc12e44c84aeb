//! The checklist structure in one language: what a form (the web checklist, a spreadsheet
//! template) needs to ask the questions.

use schemars::JsonSchema;
use serde::Serialize;

use crate::assessment::RulesetInfo;
use crate::compiled::CompiledRuleset;
use crate::model::ruleset::{FieldType, GroupDoc, SourceRef};
use crate::text::Lang;
use crate::vocab::{NOT_APPLICABLE, RATING_INCOMPLETE, RESERVED_RATINGS, UNANSWERED, UNKNOWN};

/// Built-in labels, Dutch and English.
pub(crate) fn builtin(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        UNKNOWN => ("Weet ik niet", "Don't know"),
        NOT_APPLICABLE => ("Niet van toepassing", "Not applicable"),
        UNANSWERED => ("Niet beantwoord", "Not answered"),
        "excluded" => (
            "Vervalt (past niet bij dit voorstel)",
            "Dropped (does not fit this proposal)",
        ),
        "answered" => ("Beantwoord", "Answered"),
        RATING_INCOMPLETE => ("Onvolledig", "Incomplete"),
        _ => return None,
    })
}

/// A built-in label in a language ("" when there is none).
pub(crate) fn builtin_label(key: &str, lang: Lang) -> &'static str {
    builtin(key).map_or("", |(nl, en)| if lang == Lang::Nl { nl } else { en })
}

/// The checklist structure.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Questions<'r> {
    /// The ruleset.
    pub ruleset: RulesetInfo<'r>,
    /// The language of the texts.
    pub lang: Lang,
    /// The ruleset's title.
    pub title: &'r str,
    /// The ruleset's description.
    pub description: &'r str,
    /// The context fields, in ruleset order.
    pub context: Vec<ContextQuestion<'r>>,
    /// The themes with their items, in ruleset order.
    pub themes: Vec<ThemeSection<'r>>,
    /// The principles.
    pub principles: Vec<GroupInfo<'r>>,
    /// The domains.
    pub domains: Vec<GroupInfo<'r>>,
    /// The ratings: the bands from best to worst, then `incomplete` and `not_applicable`.
    pub ratings: Vec<RatingInfo<'r>>,
}

/// A context field as a form field.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ContextQuestion<'r> {
    /// Field id.
    pub id: &'r str,
    /// Value type.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Label.
    pub label: &'r str,
    /// Help text ("" when none).
    pub help: &'r str,
    /// Options of a choice or choices field.
    pub options: Vec<OptionInfo<'r>>,
    /// Lowest valid number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Highest valid number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Unit of a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'r str>,
}

/// An option: its id or token and its label.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct OptionInfo<'r> {
    /// Option id (context) or answer token (items).
    pub id: &'r str,
    /// Label.
    pub label: &'r str,
}

/// A theme and its questions.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ThemeSection<'r> {
    /// Theme id.
    pub id: &'r str,
    /// Title.
    pub title: &'r str,
    /// Description ("" when none).
    pub description: &'r str,
    /// The theme's items, in ruleset order.
    pub items: Vec<Question<'r>>,
}

/// One checklist question.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Question<'r> {
    /// Item id.
    pub id: &'r str,
    /// The question.
    pub question: &'r str,
    /// Help text ("" when none).
    pub help: &'r str,
    /// What to do when the answer falls short.
    pub advice: &'r str,
    /// Scale id.
    pub scale: &'r str,
    /// Answer choices, the scale's options then `unknown` and `not_applicable`.
    pub options: Vec<OptionInfo<'r>>,
    /// Weight (1–10).
    pub weight: u32,
    /// Whether a failing answer caps the rating.
    pub critical: bool,
    /// The condition under which the item applies, as written; `null` when always.
    pub applies_if: Option<&'r str>,
    /// Principle ids.
    pub principles: Vec<&'r str>,
    /// Domain ids.
    pub domains: Vec<&'r str>,
    /// Sources cited.
    pub sources: Vec<SourceInfo<'r>>,
}

/// A cited source.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SourceInfo<'r> {
    /// Source id.
    pub id: &'r str,
    /// Source title.
    pub title: &'r str,
    /// The passage cited.
    pub passage: Option<&'r str>,
    /// Seed file name, when the source is one.
    pub file: Option<&'r str>,
    /// Public address.
    pub url: Option<&'r str>,
}

/// A principle or domain.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct GroupInfo<'r> {
    /// Id.
    pub id: &'r str,
    /// Title.
    pub title: &'r str,
    /// Description ("" when none).
    pub description: &'r str,
}

/// A rating.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RatingInfo<'r> {
    /// Rating id.
    pub id: &'r str,
    /// Label.
    pub label: &'r str,
    /// Description ("" when none).
    pub description: &'r str,
    /// Lowest percent of a band; `null` for `incomplete` and `not_applicable`.
    pub min: Option<f64>,
}

/// The checklist structure of a ruleset in a language.
pub(crate) fn questions(rs: &CompiledRuleset, lang: Lang) -> Questions<'_> {
    fn sources<'a>(
        rs: &'a CompiledRuleset,
        refs: &'a [SourceRef],
        lang: Lang,
    ) -> Vec<SourceInfo<'a>> {
        refs.iter()
            .filter_map(|r| {
                let s = rs.doc.source.iter().find(|s| s.id == r.source)?;
                Some(SourceInfo {
                    id: &s.id,
                    title: s.title.get(lang),
                    passage: r.passage.as_deref(),
                    file: s.file.as_deref(),
                    url: s.url.as_deref(),
                })
            })
            .collect()
    }
    fn group(g: &GroupDoc, lang: Lang) -> GroupInfo<'_> {
        GroupInfo {
            id: &g.id,
            title: g.title.get(lang),
            description: g.description.get(lang),
        }
    }
    let themes = rs
        .doc
        .theme
        .iter()
        .enumerate()
        .map(|(ti, th)| ThemeSection {
            id: &th.id,
            title: th.title.get(lang),
            description: th.description.get(lang),
            items: rs
                .items
                .iter()
                .zip(&rs.doc.item)
                .filter(|(item, _)| item.theme == ti)
                .map(|(item, doc)| {
                    let scale = rs.scales.get(item.scale);
                    let mut options: Vec<OptionInfo<'_>> = scale
                        .map(|s| {
                            s.options
                                .iter()
                                .map(|o| OptionInfo {
                                    id: &o.token,
                                    label: o.label.get(lang),
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    for special in [UNKNOWN, NOT_APPLICABLE] {
                        options.push(OptionInfo {
                            id: special,
                            label: builtin_label(special, lang),
                        });
                    }
                    Question {
                        id: &doc.id,
                        question: doc.question.get(lang),
                        help: doc.help.get(lang),
                        advice: doc.advice.get(lang),
                        scale: &doc.scale,
                        options,
                        weight: item.weight as u32,
                        critical: item.critical,
                        applies_if: doc.applies_if.as_deref(),
                        principles: doc.principles.iter().map(String::as_str).collect(),
                        domains: doc.domains.iter().map(String::as_str).collect(),
                        sources: sources(rs, &doc.sources, lang),
                    }
                })
                .collect(),
        })
        .collect();
    let mut ratings: Vec<RatingInfo<'_>> = rs
        .bands
        .iter()
        .filter_map(|b| rs.doc.rating.get(b.doc))
        .map(|r| RatingInfo {
            id: &r.id,
            label: r.label.get(lang),
            description: r.description.get(lang),
            min: Some(r.min),
        })
        .collect();
    for special in RESERVED_RATINGS {
        ratings.push(RatingInfo {
            id: special,
            label: builtin_label(special, lang),
            description: "",
            min: None,
        });
    }
    Questions {
        ruleset: RulesetInfo::of(rs),
        lang,
        title: rs.meta.title.get(lang),
        description: rs.meta.description.get(lang),
        context: rs
            .doc
            .context
            .iter()
            .map(|f| ContextQuestion {
                id: &f.id,
                kind: f.kind,
                label: f.label.get(lang),
                help: f.help.get(lang),
                options: f
                    .options
                    .iter()
                    .map(|o| OptionInfo {
                        id: &o.id,
                        label: o.label.get(lang),
                    })
                    .collect(),
                min: f.min,
                max: f.max,
                unit: f.unit.as_deref(),
            })
            .collect(),
        themes,
        principles: rs.doc.principle.iter().map(|g| group(g, lang)).collect(),
        domains: rs.doc.domain.iter().map(|g| group(g, lang)).collect(),
        ratings,
    }
}

/// The label of a rating id in a language.
pub(crate) fn rating_label(rs: &CompiledRuleset, id: &str, lang: Lang) -> String {
    if let Some(r) = rs.doc.rating.iter().find(|r| r.id == id) {
        return r.label.get(lang).to_string();
    }
    match builtin(id) {
        Some(_) => builtin_label(id, lang).to_string(),
        None => id.to_string(),
    }
}

/// The label of an answer token of an item in a language.
pub(crate) fn answer_label(rs: &CompiledRuleset, item: &str, token: &str, lang: Lang) -> String {
    let label = rs
        .scale_of(item)
        .and_then(|s| s.options.iter().find(|o| o.token == token))
        .map(|o| o.label.get(lang).to_string());
    label.unwrap_or_else(|| match builtin(token) {
        Some(_) => builtin_label(token, lang).to_string(),
        None => token.to_string(),
    })
}
