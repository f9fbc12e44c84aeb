//! A small valid ruleset to break in tests, kept in memory.

#![allow(dead_code)]

use sociale_bril::{RuleFile, Ruleset, RulesetError};

pub const META: &str = r#"[ruleset]
id = "mini"
version = "1.0.0"
title = { nl = "Mini", en = "Mini" }

[scoring]
min_completeness = 50
critical_fail_below = 0.5
critical_cap = "mid"

[[rating]]
id = "high"
min = 75
label = { nl = "Hoog", en = "High" }

[[rating]]
id = "mid"
min = 50
label = { nl = "Midden", en = "Middle" }

[[rating]]
id = "low"
min = 0
label = { nl = "Laag", en = "Low" }

[[scale]]
id = "yes_no"
label = { nl = "Ja/nee", en = "Yes/no" }
options = [
  { token = "yes", fraction = 1.0, label = { nl = "Ja", en = "Yes" }, aliases = ["ja"] },
  { token = "partly", fraction = 0.5, label = { nl = "Deels", en = "Partly" }, aliases = ["deels"] },
  { token = "no", fraction = 0.0, label = { nl = "Nee", en = "No" }, aliases = ["nee"] },
]

[[scale]]
id = "level"
label = { nl = "Niveau", en = "Level" }
options = [
  { token = "5", fraction = 1.0, label = { nl = "5", en = "5" } },
  { token = "4", fraction = 0.75, label = { nl = "4", en = "4" } },
  { token = "3", fraction = 0.5, label = { nl = "3", en = "3" } },
  { token = "2", fraction = 0.25, label = { nl = "2", en = "2" } },
  { token = "1", fraction = 0.0, label = { nl = "1", en = "1" } },
]

[[theme]]
id = "alpha"
title = { nl = "Alfa", en = "Alpha" }

[[theme]]
id = "beta"
title = { nl = "Bèta", en = "Beta" }

[[principle]]
id = "p1"
title = { nl = "P1", en = "P1" }

[[domain]]
id = "d1"
title = { nl = "D1", en = "D1" }

[[source]]
id = "s1"
title = { nl = "Bron", en = "Source" }

[[context]]
id = "instrument"
type = "choice"
label = { nl = "Instrument", en = "Instrument" }
options = [
  { id = "subsidy", label = { nl = "Subsidie", en = "Subsidy" }, aliases = ["subsidie"] },
  { id = "regulation", label = { nl = "Regeling", en = "Regulation" } },
]

[[context]]
id = "groups"
type = "choices"
label = { nl = "Groepen", en = "Groups" }
options = [
  { id = "elderly", label = { nl = "Ouderen", en = "Elderly" } },
  { id = "youth", label = { nl = "Jongeren", en = "Youth" } },
]

[[context]]
id = "budget"
type = "number"
label = { nl = "Budget", en = "Budget" }
min = 0

[[context]]
id = "affected"
type = "boolean"
label = { nl = "Geraakt", en = "Affected" }
"#;

pub const ITEMS: &str = r#"[[item]]
id = "alpha.one"
theme = "alpha"
principles = ["p1"]
domains = ["d1"]
scale = "yes_no"
weight = 2
critical = true
question = { nl = "Vraag een?", en = "Question one?" }
advice = { nl = "Doe een.", en = "Do one." }
sources = [{ source = "s1" }]

[[item]]
id = "alpha.two"
theme = "alpha"
scale = "level"
weight = 3
applies_if = 'context.instrument == "regulation"'
question = { nl = "Vraag twee?", en = "Question two?" }
advice = { nl = "Doe twee.", en = "Do two." }

[[item]]
id = "beta.three"
theme = "beta"
principles = ["p1"]
scale = "yes_no"
weight = 1
applies_if = "context.budget > 1000"
question = { nl = "Vraag drie?", en = "Question three?" }
advice = { nl = "Doe drie.", en = "Do three." }
"#;

pub const SIGNALS: &str = r#"[[signal]]
id = "one-missing"
severity = "warning"
when = 'answer(alpha.one) in ["unknown", "unanswered"] and context.affected'
message = { nl = "Een ontbreekt.", en = "One is missing." }
"#;

pub fn files(meta: &str, items: &str, signals: &str) -> Vec<RuleFile> {
    vec![
        RuleFile {
            name: "a-meta.toml".into(),
            text: meta.into(),
        },
        RuleFile {
            name: "b-items.toml".into(),
            text: items.into(),
        },
        RuleFile {
            name: "c-signals.toml".into(),
            text: signals.into(),
        },
    ]
}

pub fn mini() -> Ruleset {
    match Ruleset::from_files(files(META, ITEMS, SIGNALS)) {
        Ok(r) => r,
        Err(e) => panic!("the mini ruleset must load: {e}"),
    }
}

/// Loads the mini ruleset with one replacement in the items file; returns the error.
pub fn broken_items(from: &str, to: &str) -> RulesetError {
    assert!(ITEMS.contains(from), "fixture does not contain {from:?}");
    match Ruleset::from_files(files(META, &ITEMS.replacen(from, to, 1), SIGNALS)) {
        Ok(_) => panic!("expected an error after replacing {from:?} with {to:?}"),
        Err(e) => e,
    }
}
