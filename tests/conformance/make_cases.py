#!/usr/bin/env python3
"""Writes the input files of the conformance suite (cases/*.json).

Each case is a ruleset ("default", a file under rulesets/, or an inline document) and a
proposal (a JSON value, or raw text for syntax errors and duplicate keys); or a number written
as text, with the style to read it in; or a table of proposals (a header and rows of cells). The expected
results (cases/*.expected.json) are written by the Rust runner on explicit request:

    UPDATE_CONFORMANCE=1 cargo test -p sociale-bril --test conformance

Run this script after changing the list below; it does not touch expected files.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
EXAMPLES = os.path.join(HERE, "..", "..", "rules", "sociale-bril", "examples")

cases = {}


def case(name, description, proposal=None, ruleset="default", text=None):
    c = {"description": description, "ruleset": ruleset}
    if text is not None:
        c["proposal_text"] = text
    else:
        c["proposal"] = proposal
    assert name not in cases, name
    cases[name] = c


# --- the default ruleset ---------------------------------------------------------------------

for fn in sorted(os.listdir(EXAMPLES)):
    with open(os.path.join(EXAMPLES, fn), encoding="utf-8") as f:
        case(f"default-example-{fn[:-5]}", f"The example proposal {fn}.", json.load(f))

with open(os.path.join(HERE, "..", "..", "rules", "sociale-bril", "examples", "snelfietsroute.json"), encoding="utf-8") as f:
    base = json.load(f)
items = list(base["answers"].keys())

case("default-empty", "An empty proposal: everything unanswered, every condition unknown.", {})
case("default-all-unknown", "Every item unknown: knowledge gaps, no improvements, incomplete.",
     {"title": "Alles onbekend", "context": base["context"], "answers": {i: "unknown" for i in items}})
case("default-all-not-applicable", "Every item not applicable: nothing counts.",
     {"title": "Niets van toepassing", "context": base["context"], "answers": {i: "nvt" for i in items}})
case("default-dutch-aliases", "Dutch aliases and odd spacing and case for tokens and options.",
     {"title": "Aliassen", "context": {"instrument": "Subsidie", "phase": "ontwerp", "target_groups": ["ouderen", "minima"], "citizens_affected": True},
      "answers": {items[0]: " JA ", items[1]: "deels", items[2]: "Nee", items[3]: "onbekend", items[4]: "n.v.t.", items[5]: "weet ik niet"}})
case("default-notes-and-ids", "Answers with notes, a numeric id, unicode and markup in texts.",
     {"id": 12345, "title": "Voorstel <b>één</b> & \"quotes\"", "context": {"instrument": "programme", "location": "Utrecht – Overvecht"},
      "answers": {items[0]: {"answer": "ja", "note": "Zie bijlage 2 — ‘analyse’ <script>"}, items[1]: {"answer": "nee", "note": None}, items[2]: None}})

# --- the operators ruleset -------------------------------------------------------------------

OPS = "rulesets/ops.json"
for kind in ["subsidy", "regulation", "investment", None]:
    ctx = {} if kind is None else {"kind": kind}
    case(f"ops-kind-{kind or 'missing'}", f"== != in `not in` with kind = {kind}.", {"context": ctx, "answers": {"alpha.always": "yes"}}, OPS)
for budget in [500, 1000, 5000, 5001, None]:
    ctx = {} if budget is None else {"budget": budget}
    case(f"ops-budget-{budget if budget is not None else 'missing'}", f"< <= >= > with budget = {budget}.",
         {"context": ctx, "answers": {"beta.lt": "yes", "beta.le-ge": "positive", "beta.gt": "4"}}, OPS)
case("ops-fields-greater", "Comparing two number fields: years > budget.", {"context": {"years": 10, "budget": 5}, "answers": {"beta.fields": "yes"}}, OPS)
case("ops-fields-equal-literal", "years == 7 with years below budget.", {"context": {"years": 7, "budget": 100}, "answers": {"beta.fields": "partly"}}, OPS)
case("ops-fields-missing", "years missing: the comparison is unknown, the item is asked.", {"context": {"budget": 100}}, OPS)
case("ops-contains-option", "choices contains an option (given by alias).", {"context": {"groups": ["ouderen", "youth"]}, "answers": {"beta.contains": "no"}}, OPS)
case("ops-contains-text", "text contains, ignoring case.", {"context": {"groups": [], "place": "Stad UTRECHT"}, "answers": {"beta.contains": "yes"}}, OPS)
case("ops-contains-neither", "neither option nor text: excluded.", {"context": {"groups": ["youth"], "place": "Zeist"}, "answers": {"beta.contains": "yes"}}, OPS)
for affected in [True, False, None]:
    ctx = {} if affected is None else {"affected": affected}
    case(f"ops-bool-{str(affected).lower() if affected is not None else 'missing'}", f"a boolean field and not, with affected = {affected}.",
         {"context": ctx, "answers": {"beta.bool": "yes"}}, OPS)
for place in [None, "Zeist", "Houten"]:
    ctx = {} if place is None else {"place": place}
    case(f"ops-is-set-{(place or 'missing').lower()}", f"is_set and text in-list, with place = {place}.", {"context": ctx, "answers": {"beta.is-set": "no"}}, OPS)
case("ops-every-effect-token", "Each effect token on the effect items.",
     {"context": {"kind": "subsidy", "budget": 2000}, "answers": {"alpha.eq": "strongly_positive", "beta.le-ge": "mixed"}}, OPS)
for tok in ["strongly_positive", "positive", "neutral", "mixed", "negative", "strongly_negative"]:
    case(f"ops-effect-{tok}", f"The effect token {tok}.", {"context": {"kind": "subsidy"}, "answers": {"alpha.eq": tok}}, OPS)
for tok in ["1", "2", "3", "4", "5"]:
    case(f"ops-level-{tok}", f"The level token {tok}, given as a number.", {"context": {"kind": "subsidy"}, "answers": {"alpha.ne": int(tok)}}, OPS)
for tok in ["all", "two_thirds", "one_third", "none"]:
    case(f"ops-thirds-{tok}", f"Fractions that do not end: {tok} (rounding).", {"context": {"kind": "subsidy"}, "answers": {"alpha.not-in": tok, "alpha.always": "partly"}}, OPS)
case("ops-yes-no-booleans", "true and false for yes and no.", {"context": {"kind": "subsidy"}, "answers": {"alpha.always": True, "alpha.in": False}}, OPS)
case("ops-critical-cap", "A failing critical item caps an otherwise high rating.",
     {"context": {"kind": "subsidy", "budget": 100, "affected": True},
      "answers": {"alpha.always": "yes", "alpha.eq": "strongly_positive", "alpha.ne": "5", "alpha.in": "no", "alpha.not-in": "all"}}, OPS)
case("ops-critical-unknown", "unknown on a critical item is a gap, not a failure.",
     {"context": {"kind": "subsidy"}, "answers": {"alpha.always": "unknown", "alpha.in": "onbekend"}}, OPS)
case("ops-ranking-ties", "Improvements with equal gains: critical failure first, then ruleset order.",
     {"context": {"kind": "investment", "budget": 100, "affected": True, "groups": ["elderly"]},
      "answers": {"alpha.always": "partly", "alpha.in": "no", "alpha.ne": "3", "beta.lt": "no", "beta.contains": "no", "beta.bool": "no", "beta.is-set": "no"}}, OPS)
case("ops-signals-all", "Every signal fires, ordered by severity then ruleset order.",
     {"context": {"kind": "subsidy", "groups": ["elderly"]},
      "answers": {"alpha.eq": "negative", "alpha.ne": "1", "alpha.in": "nvt", "alpha.not-in": "one_third", "beta.contains": "no"}}, OPS)
case("ops-excluded-keeps-answer", "An answer to an excluded item is kept and earns nothing; signals see not_applicable.",
     {"context": {"kind": "regulation"}, "answers": {"alpha.in": "yes", "alpha.not-in": "all", "alpha.eq": "negative"}}, OPS)
case("ops-not-applicable-only", "Only not_applicable answers: ratings not_applicable where nothing counts.",
     {"context": {"kind": "regulation", "budget": 100, "affected": False, "place": "Zeist", "groups": []},
      "answers": {"alpha.always": "nvt", "alpha.not-in": "nvt", "beta.lt": "nvt", "beta.is-set": "nvt"}}, OPS)

# --- errors ----------------------------------------------------------------------------------

case("error-json-syntax", "Not valid JSON: line and column.", text='{\n  "title": "kapot",\n  "answers": {"alpha.always": }\n}', ruleset=OPS)
case("error-trailing-text", "Text after the JSON value.", text='{} {}', ruleset=OPS)
case("error-not-an-object", "A proposal must be an object.", [1, 2], OPS)
case("error-unknown-item", "An item id that does not exist.", {"answers": {"alpha.alway": "yes"}}, OPS)
case("error-unknown-token", "A token that is not on the item's scale.", {"answers": {"alpha.eq": "yes"}}, OPS)
case("error-unknown-token-detailed", "A wrong token inside an answer object.", {"answers": {"alpha.always": {"answer": "misschien", "note": "x"}}}, OPS)
case("error-missing-answer", "An answer object without `answer`.", {"answers": {"alpha.always": {"note": "x"}}}, OPS)
case("error-context-type", "A context value of the wrong type.", {"context": {"budget": "veel"}}, OPS)
case("error-unknown-option", "An option that does not exist.", {"context": {"kind": "lening", "groups": ["elderly", "kids"]}}, OPS)
case("error-out-of-range", "A number below the field's minimum.", {"context": {"budget": -1}}, OPS)
case("error-unknown-key", "A top-level key that does not exist.", {"answer": {}}, OPS)
case("error-answers-not-object", "answers must be an object.", {"answers": ["alpha.always"]}, OPS)
case("error-duplicate-answer", "The same item answered twice.", text='{"answers": {"alpha.always": "yes", "alpha.always": "no"}}', ruleset=OPS)
case("error-list-too-long", "A list longer than the limit (1024 elements) is refused at its JSON pointer, not cut.",
     {"context": {"groups": ["elderly"] * 1025}}, OPS)
case("ops-list-at-the-limit", "A list of exactly 1024 elements (the limit) is read whole.",
     {"context": {"groups": ["elderly"] * 1023 + ["youth"]}, "answers": {"beta.contains": "yes"}}, OPS)
case("error-several", "Several problems at once, in document order.",
     {"context": {"kind": 3, "nope": 1}, "answers": {"x.y": "yes", "alpha.eq": "ja"}, "titel": "x"}, OPS)

with open(os.path.join(HERE, "rulesets", "ops.json"), encoding="utf-8") as f:
    ops = json.load(f)
bad = json.loads(json.dumps(ops))
bad["item"][1]["theme"] = "gamma"
case("ruleset-error-unknown-theme", "A ruleset that refers to a theme it does not declare.", {}, bad)
bad = json.loads(json.dumps(ops))
bad["item"][2]["applies_if"] = 'context.kind == "lening"'
bad["signal"][0]["when"] = "answer(alpha.nope) == \"yes\""
case("ruleset-error-expressions", "Expressions with an unknown option and an unknown item: both reported.", {}, bad)
bad = json.loads(json.dumps(ops))
bad["item"][0]["weight"] = 0
bad["item"][0]["question"] = {"nl": "Vraag"}
case("ruleset-error-weight-and-translation", "A weight out of range and a missing translation.", {}, bad)

# --- numbers as people write them (table cells, form fields) ---------------------------------

for i, (text, numbers) in enumerate([
    ("2.500,50", "auto"), ("2.500.000", "auto"), ("2,5", "auto"), ("2,500.50", "auto"), ("-1.234.567,89", "auto"),
    ("1 000,5", "auto"), ("1e6", "auto"), ("0,500", "auto"), ("2.500", "nl"), ("2.500", "en"), ("2,500", "nl"),
    ("2.500", "auto"), ("2,500", "auto"), ("2.50.00", "nl"), ("12a", "auto"), ("1,2.3", "en"), ("", "auto"),
]):
    name = f"number-{i:02d}"
    assert name not in cases
    cases[name] = {"description": f"The number `{text}` read in the style {numbers}.", "number": text, "numbers": numbers}

# --- tables of proposals (CSV rows) --------------------------------------------------------------

COLUMNS = ["id", "title", "budget", "citizens_affected", "target_groups", "instrument",
           "inclusie.doelgroepen-in-beeld", "note.inclusie.doelgroepen-in-beeld", "line"]
cases["table-rows"] = {
    "description": "Rows read into proposals: Dutch and English numbers, booleans, lists, notes; bad cells at line and column.",
    "ruleset": "default",
    "table": {"columns": COLUMNS, "numbers": "auto", "rows": [
        ["a1", "Eerste", "2.500,50", "ja", "ouderen; jongeren", "subsidie", "ja", "Analyse, maart", "2"],
        ["a2", "", "25.000.000", "nee", "", "", "", "", ""],
        ["a3", "Derde", "2.500", "misschien", "", "", "deels", "", ""],
        ["a4", "Vierde", "1,5", "", "", "", "", "Alleen een notitie", ""],
    ]},
}
cases["table-rows-dutch"] = {
    "description": "A table said to be written the Dutch way: 2.500 is two and a half thousand.",
    "ruleset": "default",
    "table": {"columns": ["id", "budget"], "numbers": "nl", "rows": [["a", "2.500"], ["b", "2,500"], ["c", "2.500,5"]]},
}
cases["table-unknown-columns"] = {
    "description": "A header with unknown columns: each is named at line 1 and its column.",
    "ruleset": "default",
    "table": {"columns": ["id", "titel", "budget", "bedrag"], "numbers": "auto", "rows": [["a", "x", "1", "2"]]},
}

os.makedirs(CASES, exist_ok=True)
for name, c in cases.items():
    with open(os.path.join(CASES, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(c, f, ensure_ascii=False, indent=2)
        f.write("\n")
print(f"{len(cases)} cases written to {CASES}")
