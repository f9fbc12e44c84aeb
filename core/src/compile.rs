//! Validation and compilation of a whole ruleset document. Every problem is collected (not only
//! the first) and located through the [`Locator`].

use crate::compiled::IdMap;

use sha2::{Digest, Sha256};

use crate::compiled::{
    Choice, Field, MAX_FIELD_OPTIONS, MAX_SCALE_OPTIONS, NOT_APPLICABLE, Scale, ScaleOption,
    UNANSWERED, UNKNOWN, same_token,
};
use crate::error::RuleIssue;
use crate::expr::{Expr, ExprError, Scope};
use crate::limits;
use crate::load::{DocPath, Locator};
use crate::model::ruleset::{FieldType, GroupDoc, RulesetDoc, RulesetMeta, SourceRef};
use crate::numfmt::num;
use crate::ruleset::{Band, Inner, Item, Scoring, Signal};
use crate::suggest::help_valid;
use crate::text::Text;

/// Rating ids that the engine gives itself.
pub(crate) const RESERVED_RATINGS: [&str; 2] = ["incomplete", "not_applicable"];

struct Cx<'a> {
    loc: &'a Locator,
    issues: Vec<RuleIssue>,
}

impl Cx<'_> {
    fn push(
        &mut self,
        code: &'static str,
        path: &DocPath,
        rule: Option<&str>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.issues.push(RuleIssue {
            code,
            message: message.into(),
            help,
            location: self.loc.locate(path, None),
            rule: rule.map(str::to_string),
        });
    }

    fn expr_issue(&mut self, path: &DocPath, rule: &str, e: ExprError) {
        self.issues.push(RuleIssue {
            code: e.code,
            message: e.message,
            help: e.help,
            location: self.loc.locate(path, Some(e.span.start)),
            rule: Some(rule.to_string()),
        });
    }

    /// Checks that a text has both translations (when `required`, or when one is given).
    fn text(
        &mut self,
        t: &Text,
        path: DocPath,
        rule: Option<&str>,
        what: &'static str,
        required: bool,
    ) {
        let (nl, en) = (t.nl.trim().is_empty(), t.en.trim().is_empty());
        if nl && en {
            if required {
                self.push(
                    "missing-translation",
                    &path,
                    rule,
                    format!("`{what}` is missing"),
                    Some(format!(
                        "give `{what}.nl` (Dutch) and `{what}.en` (English)"
                    )),
                );
            }
        } else if nl || en {
            let (missing, key) = if nl {
                ("Dutch", "nl")
            } else {
                ("English", "en")
            };
            self.push(
                "missing-translation",
                &path,
                rule,
                format!("the {missing} text of `{what}` is missing"),
                Some(format!(
                    "add `{what}.{key}`; rule content is Dutch first with English alongside"
                )),
            );
        }
        for (lang, s) in [("nl", &t.nl), ("en", &t.en)] {
            if s.len() > limits::MAX_RULE_TEXT_BYTES {
                self.push(
                    "limit-exceeded",
                    &path,
                    rule,
                    format!(
                        "`{what}.{lang}` is {} bytes; the limit is {}",
                        s.len(),
                        limits::MAX_RULE_TEXT_BYTES
                    ),
                    Some("shorten the text".into()),
                );
            }
        }
    }

    fn id(&mut self, id: &str, path: DocPath, rule: Option<&str>, dotted: bool) -> bool {
        let ok = if dotted {
            valid_item_id(id)
        } else {
            valid_id(id)
        };
        if !ok {
            let help = if dotted {
                "item ids are lowercase words joined by `-` or `_`, in parts separated by dots, starting with a letter: `inclusie.doenvermogen`"
            } else {
                "ids are lowercase letters, digits, `-` and `_`, starting with a letter: `sociale-samenhang`, `target_groups`"
            };
            self.push(
                "invalid-id",
                &path,
                rule,
                format!("`{id}` is not a valid id"),
                Some(help.into()),
            );
        }
        ok
    }

    fn limit(&mut self, count: usize, max: usize, what: &str, path: DocPath) -> bool {
        if count > max {
            self.push(
                "limit-exceeded",
                &path,
                None,
                format!("the ruleset has {count} {what}; the limit is {max}"),
                Some(format!("split the ruleset, or reduce the number of {what}")),
            );
            return false;
        }
        true
    }
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && id.len() <= 100
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !id.ends_with(['-', '_'])
}

fn valid_item_id(id: &str) -> bool {
    id.len() <= 200 && id.split('.').all(valid_id)
}

/// `MAJOR.MINOR.PATCH` with optional `-pre` and `+build` parts.
pub(crate) fn valid_semver(v: &str) -> bool {
    let (core, _build) = v.split_once('+').unwrap_or((v, ""));
    let (core, pre) = core
        .split_once('-')
        .map_or((core, None), |(c, p)| (c, Some(p)));
    let nums: Vec<&str> = core.split('.').collect();
    nums.len() == 3
        && nums.iter().all(|n| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
                && (n.len() == 1 || !n.starts_with('0'))
        })
        && pre.is_none_or(|p| {
            !p.is_empty()
                && p.split('.').all(|s| {
                    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })
        })
}

/// Collects the ids of a list of rules, reporting invalid and duplicate ones. Returns id → index.
fn index_ids<'d>(
    cx: &mut Cx<'_>,
    section: &'static str,
    ids: impl Iterator<Item = &'d str>,
    dotted: bool,
) -> IdMap<usize> {
    let mut map: IdMap<usize> = IdMap::default();
    for (i, id) in ids.enumerate() {
        let path = DocPath::elem(section, i).key("id");
        cx.id(id, path.clone(), Some(id), dotted);
        if let Some(&first) = map.get(id) {
            let first_loc = cx
                .loc
                .locate(&DocPath::elem(section, first).key("id"), None);
            cx.push(
                "duplicate-id",
                &path,
                Some(id),
                format!("the {section} id `{id}` is used twice"),
                Some(format!(
                    "ids must be unique; the first `{id}` is at {first_loc}"
                )),
            );
        } else {
            map.insert(id.to_string(), i);
        }
    }
    map
}

/// Resolves tag references (principles, domains), reporting unknown and repeated ones.
#[allow(clippy::too_many_arguments)]
fn resolve_tags(
    cx: &mut Cx<'_>,
    tags: &[String],
    index: &IdMap<usize>,
    all: &[GroupDoc],
    kind: &str,
    code: &'static str,
    path: DocPath,
    rule: &str,
) -> Vec<usize> {
    let mut out = Vec::new();
    for (j, t) in tags.iter().enumerate() {
        match index.get(t) {
            Some(&g) if out.contains(&g) => cx.push(
                "duplicate-id",
                &path.clone().at(j),
                Some(rule),
                format!("{kind} `{t}` is listed twice"),
                Some("list each once".into()),
            ),
            Some(&g) => out.push(g),
            None => {
                let help = help_valid(t, &format!("{kind}s"), all.iter().map(|g| g.id.as_str()));
                cx.push(
                    code,
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

fn check_sources(
    cx: &mut Cx<'_>,
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
            cx.push(
                "unknown-source",
                &path.clone().at(j).key("source"),
                Some(rule),
                format!("unknown source `{}`", r.source),
                Some(format!("{help}; declare new sources as [[source]]")),
            );
        }
        if r.passage.as_deref().is_some_and(|p| p.trim().is_empty()) {
            cx.push(
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

/// Validates and compiles a merged ruleset document.
pub(crate) fn compile(doc: RulesetDoc, loc: &Locator) -> Result<Inner, Vec<RuleIssue>> {
    let mut cx = Cx {
        loc,
        issues: Vec::new(),
    };

    // Identity.
    let meta = match &doc.ruleset {
        Some(m) => {
            let p = DocPath::single("ruleset");
            cx.id(&m.id, p.clone().key("id"), None, false);
            if !valid_semver(&m.version) {
                cx.push(
                    "invalid-version",
                    &p.clone().key("version"),
                    None,
                    format!("`{}` is not a semantic version", m.version),
                    Some("write MAJOR.MINOR.PATCH, e.g. 1.2.0".into()),
                );
            }
            cx.text(&m.title, p.clone().key("title"), None, "title", true);
            cx.text(
                &m.description,
                p.key("description"),
                None,
                "description",
                false,
            );
            m.clone()
        }
        None => {
            cx.issues.push(RuleIssue {
                code: "missing-section",
                message: "no file has a `[ruleset]` section with the ruleset's id, version and title".into(),
                help: Some("add `[ruleset]` with id, version, title.nl and title.en to one file (by convention ruleset.toml)".into()),
                location: loc.file_start(0),
                rule: None,
            });
            RulesetMeta::default()
        }
    };

    // Limits on counts.
    let counts_ok = [
        cx.limit(
            doc.item.len(),
            limits::MAX_ITEMS,
            "items",
            DocPath::elem("item", limits::MAX_ITEMS),
        ),
        cx.limit(
            doc.signal.len(),
            limits::MAX_SIGNALS,
            "signals",
            DocPath::elem("signal", limits::MAX_SIGNALS),
        ),
        cx.limit(
            doc.context.len(),
            limits::MAX_CONTEXT_FIELDS,
            "context fields",
            DocPath::elem("context", limits::MAX_CONTEXT_FIELDS),
        ),
        cx.limit(
            doc.theme.len(),
            limits::MAX_GROUPS,
            "themes",
            DocPath::elem("theme", limits::MAX_GROUPS),
        ),
        cx.limit(
            doc.principle.len(),
            limits::MAX_GROUPS,
            "principles",
            DocPath::elem("principle", limits::MAX_GROUPS),
        ),
        cx.limit(
            doc.domain.len(),
            limits::MAX_GROUPS,
            "domains",
            DocPath::elem("domain", limits::MAX_GROUPS),
        ),
        cx.limit(
            doc.scale.len(),
            limits::MAX_GROUPS,
            "scales",
            DocPath::elem("scale", limits::MAX_GROUPS),
        ),
        cx.limit(
            doc.rating.len(),
            limits::MAX_GROUPS,
            "rating bands",
            DocPath::elem("rating", limits::MAX_GROUPS),
        ),
    ];
    if counts_ok.contains(&false) {
        return Err(cx.issues);
    }

    // Sources.
    let sources = index_ids(
        &mut cx,
        "source",
        doc.source.iter().map(|s| s.id.as_str()),
        false,
    );
    for (i, s) in doc.source.iter().enumerate() {
        cx.text(
            &s.title,
            DocPath::elem("source", i).key("title"),
            Some(&s.id),
            "title",
            true,
        );
    }

    // Themes, principles, domains.
    let mut group_index = Vec::new();
    for section in ["theme", "principle", "domain"] {
        let list = match section {
            "theme" => &doc.theme,
            "principle" => &doc.principle,
            _ => &doc.domain,
        };
        let index = index_ids(&mut cx, section, list.iter().map(|g| g.id.as_str()), false);
        for (i, g) in list.iter().enumerate() {
            let p = DocPath::elem(section, i);
            cx.text(&g.title, p.clone().key("title"), Some(&g.id), "title", true);
            cx.text(
                &g.description,
                p.clone().key("description"),
                Some(&g.id),
                "description",
                false,
            );
            check_sources(&mut cx, &g.sources, &sources, &doc, p.key("sources"), &g.id);
        }
        group_index.push(index);
    }
    let (themes, principles, domains) = (&group_index[0], &group_index[1], &group_index[2]);
    if doc.theme.is_empty() && doc.ruleset.is_some() {
        cx.push(
            "missing-section",
            &DocPath::single("ruleset"),
            None,
            "the ruleset declares no themes",
            Some("declare at least one [[theme]]; every item belongs to one".into()),
        );
    }

    // Rating bands.
    let rating_index = index_ids(
        &mut cx,
        "rating",
        doc.rating.iter().map(|r| r.id.as_str()),
        false,
    );
    let mut bands: Vec<Band> = Vec::new();
    for (i, r) in doc.rating.iter().enumerate() {
        let p = DocPath::elem("rating", i);
        if RESERVED_RATINGS.contains(&r.id.as_str()) {
            cx.push(
                "invalid-rating",
                &p.clone().key("id"),
                Some(&r.id),
                format!("`{}` is a rating the engine gives itself", r.id),
                Some("choose another id".into()),
            );
        }
        if !(0.0..=100.0).contains(&r.min) {
            cx.push(
                "invalid-rating",
                &p.clone().key("min"),
                Some(&r.id),
                format!("min = {} is outside 0–100", num(r.min)),
                Some("a band's min is a percent from 0 to 100".into()),
            );
        } else if bands.iter().any(|b| b.min == r.min) {
            cx.push(
                "invalid-rating",
                &p.clone().key("min"),
                Some(&r.id),
                format!("another band also starts at {}", num(r.min)),
                Some("give each band its own min".into()),
            );
        } else {
            bands.push(Band { doc: i, min: r.min });
        }
        cx.text(&r.label, p.clone().key("label"), Some(&r.id), "label", true);
        cx.text(
            &r.description,
            p.key("description"),
            Some(&r.id),
            "description",
            false,
        );
    }
    crate::order::sort_by(&mut bands, |a, b| a.min > b.min);
    if doc.ruleset.is_some() && !bands.iter().any(|b| b.min == 0.0) {
        cx.push(
            "invalid-rating",
            &DocPath::single("ruleset"),
            None,
            "no rating band starts at 0, so low percentages would have no rating",
            Some("add a [[rating]] with min = 0".into()),
        );
    }

    // Scoring settings.
    let scoring_doc = doc.scoring.clone().unwrap_or_default();
    let sp = DocPath::single("scoring");
    if !(0.0..=100.0).contains(&scoring_doc.min_completeness) {
        cx.push(
            "invalid-scoring",
            &sp.clone().key("min_completeness"),
            None,
            format!(
                "min_completeness = {} is outside 0–100",
                num(scoring_doc.min_completeness)
            ),
            Some("give a percent from 0 to 100".into()),
        );
    }
    if !(scoring_doc.critical_fail_below > 0.0 && scoring_doc.critical_fail_below <= 1.0) {
        cx.push(
            "invalid-scoring",
            &sp.clone().key("critical_fail_below"),
            None,
            format!(
                "critical_fail_below = {} is outside (0, 1]",
                num(scoring_doc.critical_fail_below)
            ),
            Some("give a fraction above 0 and at most 1, e.g. 0.5".into()),
        );
    }
    let critical_cap = match &scoring_doc.critical_cap {
        None => None,
        Some(cap) => match rating_index.get(cap) {
            Some(&d) => bands.iter().position(|b| b.doc == d),
            None => {
                let help = help_valid(cap, "rating ids", doc.rating.iter().map(|r| r.id.as_str()));
                cx.push(
                    "invalid-scoring",
                    &sp.key("critical_cap"),
                    None,
                    format!("critical_cap names an unknown rating `{cap}`"),
                    Some(help),
                );
                None
            }
        },
    };

    // Scales.
    let scale_index = index_ids(
        &mut cx,
        "scale",
        doc.scale.iter().map(|s| s.id.as_str()),
        false,
    );
    let mut scales = Vec::new();
    for (i, s) in doc.scale.iter().enumerate() {
        let p = DocPath::elem("scale", i);
        cx.text(&s.label, p.clone().key("label"), Some(&s.id), "label", true);
        if s.options.is_empty() || s.options.len() > MAX_SCALE_OPTIONS {
            cx.push(
                "invalid-scale",
                &p.clone().key("options"),
                Some(&s.id),
                format!("the scale has {} options", s.options.len()),
                Some(format!("give 1 to {MAX_SCALE_OPTIONS} options; unknown and not_applicable are added by the engine")),
            );
        }
        let mut spellings: Vec<(String, usize)> = Vec::new();
        let mut options = Vec::new();
        for (j, o) in s.options.iter().enumerate() {
            let op = p.clone().key("options").at(j);
            let token_ok = !o.token.is_empty()
                && o.token.len() <= 50
                && o.token
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !token_ok {
                cx.push(
                    "invalid-scale",
                    &op.clone().key("token"),
                    Some(&s.id),
                    format!("`{}` is not a valid token", o.token),
                    Some("tokens are lowercase English words, digits and `_`, e.g. `strongly_positive`".into()),
                );
            }
            for special in [UNKNOWN, NOT_APPLICABLE, UNANSWERED] {
                if o.token == special || o.aliases.iter().any(|a| same_token(a, special)) {
                    cx.push(
                        "invalid-scale",
                        &op.clone().key("token"),
                        Some(&s.id),
                        format!("`{special}` is given to every scale by the engine"),
                        Some("leave it out of the options".into()),
                    );
                }
            }
            for spelling in std::iter::once(&o.token).chain(o.aliases.iter()) {
                let clash = spellings
                    .iter()
                    .find(|(other, _)| same_token(spelling, other))
                    .map(|(_, k)| *k)
                    .or_else(|| {
                        let tmp = Scale {
                            id: String::new(),
                            options: Vec::new(),
                            best: 0,
                        };
                        tmp.parse_token(spelling, true).map(|_| usize::MAX)
                    });
                if let Some(k) = clash {
                    let with = if k == usize::MAX {
                        "a special token (unknown / not_applicable)".to_string()
                    } else {
                        format!("option `{}`", s.options[k].token)
                    };
                    cx.push(
                        "invalid-scale",
                        &op.clone(),
                        Some(&s.id),
                        format!("the spelling `{spelling}` is also used by {with}"),
                        Some("every token and alias of a scale must be different".into()),
                    );
                }
                spellings.push((spelling.clone(), j));
            }
            if !(0.0..=1.0).contains(&o.fraction) {
                cx.push(
                    "invalid-scale",
                    &op.clone().key("fraction"),
                    Some(&s.id),
                    format!("fraction = {} is outside 0–1", num(o.fraction)),
                    Some("a fraction is the share of the item's weight the answer earns, from 0 to 1".into()),
                );
            }
            cx.text(&o.label, op.key("label"), Some(&s.id), "label", true);
            options.push(ScaleOption {
                token: o.token.clone(),
                fraction: o.fraction,
                aliases: o.aliases.clone(),
                label: o.label.clone(),
            });
        }
        let best = options
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.fraction.total_cmp(&b.1.fraction).then(b.0.cmp(&a.0)))
            .map_or(0, |(k, _)| k);
        if !options.is_empty() && options.get(best).is_some_and(|o| o.fraction != 1.0) {
            cx.push(
                "invalid-scale",
                &p.clone().key("options"),
                Some(&s.id),
                "no option has fraction 1, so no answer reaches the item's full weight",
                Some("give the best option fraction = 1".into()),
            );
        }
        scales.push(Scale {
            id: s.id.clone(),
            options,
            best,
        });
    }

    // Context fields.
    let field_index = index_ids(
        &mut cx,
        "context",
        doc.context.iter().map(|f| f.id.as_str()),
        false,
    );
    let mut fields = Vec::new();
    for (i, f) in doc.context.iter().enumerate() {
        let p = DocPath::elem("context", i);
        let rule = Some(f.id.as_str());
        if f.id.contains('-') {
            cx.push(
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
        cx.text(&f.label, p.clone().key("label"), rule, "label", true);
        cx.text(&f.help, p.clone().key("help"), rule, "help", false);
        let choice = matches!(f.kind, FieldType::Choice | FieldType::Choices);
        if choice && (f.options.is_empty() || f.options.len() > MAX_FIELD_OPTIONS) {
            cx.push(
                "invalid-field",
                &p.clone().key("options"),
                rule,
                format!("a {} field needs 1 to {MAX_FIELD_OPTIONS} options; it has {}", f.kind.name(), f.options.len()),
                Some("list the options as options = [{ id = \"…\", label = { nl = \"…\", en = \"…\" } }]".into()),
            );
        }
        if !choice && !f.options.is_empty() {
            cx.push(
                "invalid-field",
                &p.clone().key("options"),
                rule,
                format!("a {} field has no options", f.kind.name()),
                Some("remove `options`, or make the field a choice or choices field".into()),
            );
        }
        if f.kind != FieldType::Number && (f.min.is_some() || f.max.is_some() || f.unit.is_some()) {
            cx.push(
                "invalid-field",
                &p.clone(),
                rule,
                "min, max and unit belong to number fields only",
                Some("remove them or make the field a number field".into()),
            );
        }
        if let (Some(lo), Some(hi)) = (f.min, f.max) {
            if lo > hi {
                cx.push(
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
            cx.id(&o.id, op.clone().key("id"), rule, false);
            cx.text(&o.label, op.clone().key("label"), rule, "label", true);
            for spelling in std::iter::once(&o.id).chain(o.aliases.iter()) {
                if spellings.iter().any(|s| same_token(spelling, s)) {
                    cx.push(
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

    // Items: first their ids and scales, so signal expressions can refer to them.
    let item_pos = index_ids(
        &mut cx,
        "item",
        doc.item.iter().map(|i| i.id.as_str()),
        true,
    );
    let mut item_index: IdMap<(usize, usize)> = IdMap::default();
    for (id, &i) in &item_pos {
        if let Some(&s) = doc.item.get(i).and_then(|it| scale_index.get(&it.scale)) {
            item_index.insert(id.clone(), (i, s));
        }
    }
    let item_ids: Vec<String> = doc.item.iter().map(|i| i.id.clone()).collect();
    let mut items = Vec::new();
    for (i, it) in doc.item.iter().enumerate() {
        let p = DocPath::elem("item", i);
        let rule = it.id.as_str();
        let theme = match themes.get(&it.theme) {
            Some(&t) => t,
            None => {
                let help = help_valid(&it.theme, "themes", doc.theme.iter().map(|g| g.id.as_str()));
                cx.push(
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
            &mut cx,
            &it.principles,
            principles,
            &doc.principle,
            "principle",
            "unknown-principle",
            p.clone().key("principles"),
            rule,
        );
        let item_domains = resolve_tags(
            &mut cx,
            &it.domains,
            domains,
            &doc.domain,
            "domain",
            "unknown-domain",
            p.clone().key("domains"),
            rule,
        );
        let scale = match scale_index.get(&it.scale) {
            Some(&s) => s,
            None => {
                let help = help_valid(&it.scale, "scales", doc.scale.iter().map(|s| s.id.as_str()));
                cx.push(
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
            cx.push(
                "weight-out-of-range",
                &p.clone().key("weight"),
                Some(rule),
                format!("weight = {} is outside 1–10", it.weight),
                Some("give a whole number from 1 (minor) to 10 (decisive)".into()),
            );
        }
        cx.text(
            &it.question,
            p.clone().key("question"),
            Some(rule),
            "question",
            true,
        );
        cx.text(&it.help, p.clone().key("help"), Some(rule), "help", false);
        cx.text(
            &it.advice,
            p.clone().key("advice"),
            Some(rule),
            "advice",
            true,
        );
        check_sources(
            &mut cx,
            &it.sources,
            &sources,
            &doc,
            p.clone().key("sources"),
            rule,
        );
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

    // Expressions.
    let mut scope = Scope {
        fields: &fields,
        field_index: &field_index,
        items: &item_index,
        item_ids: &item_ids,
        scales: &scales,
        answers_allowed: false,
    };
    let mut compiled_applies = Vec::new();
    for (i, it) in doc.item.iter().enumerate() {
        let compiled = match &it.applies_if {
            None => None,
            Some(text) => match Expr::compile(text, &scope) {
                Ok(e) => Some(e),
                Err(errors) => {
                    let path = DocPath::elem("item", i).key("applies_if");
                    for e in errors {
                        cx.expr_issue(&path, &it.id, e);
                    }
                    None
                }
            },
        };
        compiled_applies.push(compiled);
    }
    scope.answers_allowed = true;
    let _ = index_ids(
        &mut cx,
        "signal",
        doc.signal.iter().map(|s| s.id.as_str()),
        false,
    );
    let mut signals = Vec::new();
    for (i, s) in doc.signal.iter().enumerate() {
        let p = DocPath::elem("signal", i);
        cx.text(
            &s.message,
            p.clone().key("message"),
            Some(&s.id),
            "message",
            true,
        );
        check_sources(
            &mut cx,
            &s.sources,
            &sources,
            &doc,
            p.clone().key("sources"),
            &s.id,
        );
        match Expr::compile(&s.when, &scope) {
            Ok(e) => signals.push(Signal {
                severity: s.severity,
                when: e,
            }),
            Err(errors) => {
                let path = p.key("when");
                for e in errors {
                    cx.expr_issue(&path, &s.id, e);
                }
            }
        }
    }
    for (item, applies) in items.iter_mut().zip(compiled_applies) {
        item.applies_if = applies;
    }

    if !cx.issues.is_empty() {
        return Err(cx.issues);
    }
    let hash = content_hash(&doc);
    let mut doc = doc;
    doc.schema = None;
    Ok(Inner {
        doc,
        meta,
        hash,
        scoring: Scoring {
            min_completeness: scoring_doc.min_completeness,
            critical_fail_below: scoring_doc.critical_fail_below,
            critical_cap,
        },
        bands,
        scales,
        fields,
        field_index,
        items,
        item_index,
        item_ids,
        signals,
    })
}

fn content_hash(doc: &RulesetDoc) -> String {
    let mut doc = doc.clone();
    doc.schema = None;
    let canonical = crate::canonical::to_canonical_json(&doc).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    let mut hex = String::with_capacity(71);
    hex.push_str("sha256:");
    for b in digest.iter() {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver() {
        for ok in ["1.0.0", "0.12.3", "2.0.0-rc.1", "1.0.0+build.5"] {
            assert!(valid_semver(ok), "{ok}");
        }
        for bad in ["1.0", "01.0.0", "1.0.0-", "v1.0.0", "1.0.x"] {
            assert!(!valid_semver(bad), "{bad}");
        }
    }

    #[test]
    fn ids() {
        assert!(valid_item_id("inclusie.doenvermogen"));
        assert!(valid_item_id("sociale-fysieke-leefomgeving.nabijheid_zorg"));
        assert!(!valid_item_id("Inclusie.x"));
        assert!(!valid_item_id("inclusie..x"));
        assert!(!valid_id("a b"));
    }
}
