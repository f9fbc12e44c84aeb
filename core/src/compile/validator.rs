//! The validator: collects every problem of a ruleset, located through the [`Locator`], and
//! holds the checks that several sections share (translations, ids, counts).

use crate::error::{RuleIssue, SourceLocation};
use crate::expr::ExprError;
use crate::hash::IdMap;
use crate::limits::MAX_RULE_TEXT_BYTES;
use crate::load::{DocPath, Locator};
use crate::text::Text;

use super::ids::{valid_id, valid_item_id};

/// The problems found so far, and where to locate new ones.
pub(super) struct Validator<'a> {
    pub loc: &'a Locator,
    pub issues: Vec<RuleIssue>,
}

impl<'a> Validator<'a> {
    pub fn new(loc: &'a Locator) -> Self {
        Validator {
            loc,
            issues: Vec::new(),
        }
    }

    /// Where a path of the merged document is.
    pub fn locate(&self, path: &DocPath) -> SourceLocation {
        self.loc.locate(path, None)
    }

    /// Records a problem at `path`, in the rule `rule` when there is one.
    pub fn push(
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

    /// Records a problem of an expression, located inside the expression's text.
    pub fn expr_issue(&mut self, path: &DocPath, rule: &str, e: ExprError) {
        self.issues.push(RuleIssue {
            code: e.code,
            message: e.message,
            help: e.help,
            location: self.loc.locate(path, Some(e.span.start)),
            rule: Some(rule.to_string()),
        });
    }

    /// Checks that a text has both translations (when `required`, or when one is given) and
    /// is not too long.
    pub fn text(
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
            if s.len() > MAX_RULE_TEXT_BYTES {
                self.push(
                    "limit-exceeded",
                    &path,
                    rule,
                    format!(
                        "`{what}.{lang}` is {} bytes; the limit is {MAX_RULE_TEXT_BYTES}",
                        s.len(),
                    ),
                    Some("shorten the text".into()),
                );
            }
        }
    }

    /// Checks an id (`dotted` for item ids); returns whether it is valid.
    pub fn id(&mut self, id: &str, path: DocPath, rule: Option<&str>, dotted: bool) -> bool {
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

    /// Checks the number of elements of a section; returns whether it is within the limit.
    pub fn limit(&mut self, count: usize, max: usize, what: &str, path: DocPath) -> bool {
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

    /// Collects the ids of a section, reporting invalid and duplicate ones. Returns id → index.
    pub fn index_ids<'d>(
        &mut self,
        section: &'static str,
        ids: impl Iterator<Item = &'d str>,
        dotted: bool,
    ) -> IdMap<usize> {
        let mut map: IdMap<usize> = IdMap::default();
        for (i, id) in ids.enumerate() {
            let path = DocPath::elem(section, i).key("id");
            self.id(id, path.clone(), Some(id), dotted);
            if let Some(&first) = map.get(id) {
                let first_loc = self.locate(&DocPath::elem(section, first).key("id"));
                self.push(
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
}
