//! The TOML authoring format: reading a folder, merging its files, and locating problems by
//! line and column (re-parsing a file only when an error is reported).

use std::collections::HashMap;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::file::{RuleFile, io_error};
use super::locate::Locator;
use crate::error::{RuleIssue, RulesetError, SourceLocation, line_col};
use crate::limits::{MAX_RULE_FILE_BYTES, MAX_RULE_FILES};
use crate::model::ruleset::RulesetDoc;

/// Which element of an array section holds a byte offset (for serde errors, which only have a
/// span): the section name, the element's index in the file and its `id`, if any.
fn enclosing_rule(text: &str, offset: usize) -> Option<(String, Option<String>)> {
    let root = DeTable::parse(text).ok()?;
    let mut found: Option<(usize, String, Option<String>)> = None;
    for (key, value) in root.get_ref().iter() {
        if let DeValue::Array(a) = value.get_ref() {
            for e in a.iter() {
                let start = e.span().start;
                if start <= offset && found.as_ref().is_none_or(|(s, _, _)| start >= *s) {
                    let id = match e.get_ref() {
                        DeValue::Table(t) => t.get("id").and_then(|v| match v.get_ref() {
                            DeValue::String(s) => Some(s.to_string()),
                            _ => None,
                        }),
                        _ => None,
                    };
                    found = Some((start, key.get_ref().to_string(), id));
                }
            }
        }
    }
    found.map(|(_, section, id)| (section, id))
}

/// Parses and merges the TOML files of a ruleset (in the order given).
pub(crate) fn merge_toml(files: Vec<RuleFile>) -> Result<(RulesetDoc, Locator), RulesetError> {
    let mut issues = Vec::new();
    if files.len() > MAX_RULE_FILES {
        return Err(RulesetError::Invalid(vec![RuleIssue {
            code: "limit-exceeded",
            message: format!(
                "the ruleset has {} files; the limit is {MAX_RULE_FILES}",
                files.len()
            ),
            help: Some("merge rule files".into()),
            location: SourceLocation::default(),
            rule: None,
        }]));
    }
    let mut merged = RulesetDoc::default();
    let mut loc = Locator {
        files: Vec::new(),
        ..Locator::default()
    };
    for (fi, file) in files.iter().enumerate() {
        if file.text.len() > MAX_RULE_FILE_BYTES {
            issues.push(RuleIssue {
                code: "limit-exceeded",
                message: format!(
                    "the file is {} bytes; the limit is {MAX_RULE_FILE_BYTES}",
                    file.text.len()
                ),
                help: Some("split it into several files".into()),
                location: file_start(&file.name),
                rule: None,
            });
            continue;
        }
        let doc = match parse_toml_doc(&file.text) {
            Ok(doc) => doc,
            Err(e) => {
                issues.push(toml_issue(&file.name, &file.text, &e));
                continue;
            }
        };
        for (single, present, dup) in [
            ("ruleset", doc.ruleset.is_some(), merged.ruleset.is_some()),
            ("scoring", doc.scoring.is_some(), merged.scoring.is_some()),
        ] {
            if present && dup {
                let first = loc.singles.get(single).and_then(|&f| files.get(f));
                issues.push(RuleIssue {
                    code: "duplicate-section",
                    message: format!("`[{single}]` appears in more than one file"),
                    help: Some(format!(
                        "keep one `[{single}]` section (the first is in {})",
                        first.map_or("another file", |f| f.name.as_str())
                    )),
                    location: SourceLocation {
                        file: file.name.clone(),
                        line: None,
                        column: None,
                        path: format!("/{single}"),
                    },
                    rule: None,
                });
            } else if present {
                loc.singles.insert(single, fi);
            }
        }
        let RulesetDoc {
            schema: _,
            ruleset,
            scoring,
            rating,
            scale,
            theme,
            principle,
            domain,
            source,
            context,
            item,
            signal,
        } = doc;
        if merged.ruleset.is_none() {
            merged.ruleset = ruleset;
        }
        if merged.scoring.is_none() {
            merged.scoring = scoring;
        }
        fn extend<T>(
            dst: &mut Vec<T>,
            src: Vec<T>,
            origins: &mut HashMap<&'static str, Vec<(usize, usize)>>,
            section: &'static str,
            fi: usize,
        ) {
            let o = origins.entry(section).or_default();
            o.extend((0..src.len()).map(|l| (fi, l)));
            dst.extend(src);
        }
        let o = &mut loc.origins;
        extend(&mut merged.rating, rating, o, "rating", fi);
        extend(&mut merged.scale, scale, o, "scale", fi);
        extend(&mut merged.theme, theme, o, "theme", fi);
        extend(&mut merged.principle, principle, o, "principle", fi);
        extend(&mut merged.domain, domain, o, "domain", fi);
        extend(&mut merged.source, source, o, "source", fi);
        extend(&mut merged.context, context, o, "context", fi);
        extend(&mut merged.item, item, o, "item", fi);
        extend(&mut merged.signal, signal, o, "signal", fi);
    }
    loc.files = files;
    if issues.is_empty() {
        Ok((merged, loc))
    } else {
        Err(RulesetError::Invalid(issues))
    }
}

fn parse_toml_doc(text: &str) -> Result<RulesetDoc, toml::de::Error> {
    let table = DeTable::parse(text)?;
    serde::Deserialize::deserialize(toml::de::Deserializer::from(table))
}

fn file_start(name: &str) -> SourceLocation {
    SourceLocation {
        file: name.to_string(),
        line: Some(1),
        column: Some(1),
        path: String::new(),
    }
}

/// A TOML syntax or shape error as a located issue, naming the rule it is in.
pub(crate) fn toml_issue(name: &str, text: &str, e: &toml::de::Error) -> RuleIssue {
    let offset = e.span().map_or(0, |s| s.start);
    let (line, column) = line_col(text, offset);
    let syntax = DeTable::parse(text).is_err();
    let (rule, path) = if syntax {
        (None, String::new())
    } else {
        match enclosing_rule(text, offset) {
            Some((section, id)) => (id, format!("/{section}")),
            None => (None, String::new()),
        }
    };
    let message = e.message().trim().to_string();
    let help = if syntax {
        Some("check the TOML syntax: quotes, brackets, `key = value` pairs, and one definition per key".to_string())
    } else if message.contains("unknown field") {
        Some("remove or rename the key; the valid keys are listed above".to_string())
    } else if message.contains("missing field") {
        Some("add the missing key".to_string())
    } else {
        Some("give a value of the type named above; docs/rule-language.md lists the keys and types of each section".to_string())
    };
    RuleIssue {
        code: if syntax { "toml-syntax" } else { "toml-shape" },
        message,
        help,
        location: SourceLocation {
            file: name.to_string(),
            line: Some(line),
            column: Some(column),
            path,
        },
        rule,
    }
}

/// Reads the TOML files of a ruleset folder (top level only, sorted by name).
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<RuleFile>, RulesetError> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "toml") && path.is_file() {
            names.push(path);
        }
    }
    names.sort();
    if names.is_empty() {
        return Err(RulesetError::Io {
            path: dir.display().to_string(),
            message: "the folder has no .toml rule files".to_string(),
        });
    }
    names.iter().map(|p| RuleFile::read(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::DocPath;

    fn file(name: &str, text: &str) -> RuleFile {
        RuleFile {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn locates_values_in_the_right_file() {
        let rest = "scale = \"s\"\nweight = 1\nquestion = { nl = \"v\", en = \"q\" }\nadvice = { nl = \"a\", en = \"a\" }\n";
        let a = file(
            "a.toml",
            &format!("[[item]]\nid = \"x.one\"\ntheme = \"t\"\n{rest}"),
        );
        let b = file(
            "b.toml",
            &format!(
                "# comment\n[[item]]\nid = \"x.two\"\ntheme = \"oops\"\napplies_if = 'context.foo == 1'\n{rest}"
            ),
        );
        let (doc, loc) = merge_toml(vec![a, b]).unwrap();
        assert_eq!(doc.item.len(), 2);
        let l = loc.locate(&DocPath::elem("item", 1).key("theme"), None);
        assert_eq!(
            (l.file.as_str(), l.line, l.column),
            ("b.toml", Some(4), Some(9))
        );
        assert_eq!(l.path, "/item/0/theme");
        let l = loc.locate(&DocPath::elem("item", 1).key("applies_if"), Some(8));
        assert_eq!((l.line, l.column), (Some(5), Some(23)));
    }

    #[test]
    fn shape_errors_name_the_rule() {
        let text = "[[item]]\nid = \"a.b\"\nwieght = 3\n";
        let Err(RulesetError::Invalid(issues)) = merge_toml(vec![file("i.toml", text)]) else {
            panic!("expected an error")
        };
        assert_eq!(issues[0].code, "toml-shape");
        assert_eq!(issues[0].rule.as_deref(), Some("a.b"));
        assert_eq!(issues[0].location.line, Some(3));
        assert!(issues[0].message.contains("wieght"));
    }

    #[test]
    fn syntax_errors_in_several_files_are_all_reported() {
        let Err(RulesetError::Invalid(issues)) = merge_toml(vec![
            file("a.toml", "[[item]\n"),
            file("b.toml", "x = = 1\n"),
        ]) else {
            panic!("expected an error")
        };
        assert_eq!(issues.len(), 2);
        assert!(issues.iter().all(|i| i.code == "toml-syntax"));
    }
}
