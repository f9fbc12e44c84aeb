#!/usr/bin/env python3
"""Runs the 2.0 rule tests (rules/sociale-bril-2/tests/*.toml) against scripts/prototype_v2.py.

The tests use the rule-test format of docs/rule-language.md §4 with the additions of §5.9
(`migrate`, `RULE@ITEM` findings, `rated`, `counted`, `scored`, `improvements_include/exclude`,
`advice_contains`, `message_contains`, `note_required`, `migration`). Once the engine implements
§5, `sociale-bril check rules/sociale-bril-2` runs the same files and this script goes.

    python3 scripts/run-rule-tests-v2.py [--rules DIR] [-k TEXT]

Exit 0 when every test passes; otherwise every failing test with file, line, name and what differed.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from prototype_v2 import RulesV2  # noqa: E402

SCORE_KEYS = {"percent", "completeness", "rating", "points", "max", "rated"}
EXPECT_KEYS = {"overall", "themes", "principles", "domains", "signals", "signals_in_order", "signals_include",
               "signals_exclude", "top_improvement", "knowledge_gaps", "items", "counted", "scored",
               "improvements_include", "improvements_exclude", "advice_contains", "message_contains",
               "note_required", "migration", "error"}
TEST_KEYS = {"name", "example", "migrate", "proposal", "remove_answers", "remove_context", "expect"}


def close(a, b) -> bool:
    return a is not None and abs(a - b) < 0.05


def proposal_for(t: dict, rules_dir: Path) -> dict:
    if "example" in t and "migrate" in t:
        raise ValueError("example and migrate exclude each other")
    base: dict = {}
    if "example" in t:
        base = json.loads((rules_dir / "examples" / t["example"]).read_text(encoding="utf-8"))
    if "migrate" in t:
        base = json.loads((rules_dir / t["migrate"]).read_text(encoding="utf-8"))
    return base


def fired_names(a: dict) -> list[str]:
    return [s["id"] + (f"@{s['item']}" if s["item"] else "") for s in a["signals"]]


def matches(want: str, got: list[str]) -> bool:
    return want in got or ("@" not in want and any(g.split("@")[0] == want for g in got))


FIRED: set[str] = set()
QUIET: set[str] = set()


def check(rules: RulesV2, t: dict, rules_dir: Path) -> list[str]:
    problems = []
    for k in t:
        if k not in TEST_KEYS:
            problems.append(f"unknown test key `{k}`")
    e = t.get("expect", {})
    for k in e:
        if k not in EXPECT_KEYS:
            problems.append(f"unknown expect key `{k}`")
    p = proposal_for(t, rules_dir)
    original = copy.deepcopy(p)
    if "migrate" in t:
        p, _ = rules.migrate(p)
        report_holder = {"report": _}
    else:
        report_holder = {"report": None}
    over = t.get("proposal", {})
    p = copy.deepcopy(p)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(p.get(k), dict):
            p[k].update(v)
        else:
            p[k] = v
    for section, keys in (("answers", t.get("remove_answers", [])), ("context", t.get("remove_context", []))):
        for key in keys:
            if key not in p.get(section, {}):
                problems.append(f"remove_{section}: `{key}` is not in the proposal")
            else:
                del p[section][key]
    try:
        a = rules.assess(p)
    except ValueError as err:
        if "error" in e:
            if e["error"] not in str(err):
                problems.append(f"expected error {e['error']}, got {err}")
            return problems
        return problems + [f"the proposal is invalid: {err}"]
    if "error" in e:
        return problems + [f"expected the error `{e['error']}`, but the proposal was assessed"]
    if report_holder["report"] is not None and "migration" not in a:
        a["migration"] = report_holder["report"]

    def score(what, s, want):
        for k, v in want.items():
            if k not in SCORE_KEYS:
                problems.append(f"{what}: unknown key {k}")
            elif k == "rating":
                if s["rating"] != v:
                    problems.append(f"{what} rating: expected {v}, got {s['rating']}")
            elif not close(s.get(k), v):
                problems.append(f"{what} {k}: expected {v}, got {s.get(k)}")

    if "overall" in e:
        score("overall", a["overall"], e["overall"])
    for kind in ("themes", "principles", "domains"):
        for gid, want in e.get(kind, {}).items():
            g = next((x for x in a[kind] if x["id"] == gid), None)
            if g is None:
                problems.append(f"no {kind[:-1]} {gid}")
            else:
                score(f"{kind[:-1]} {gid}", g, want)
    got = fired_names(a)
    FIRED.update(g.split("@")[0] for g in got)
    if "signals" in e or "signals_in_order" in e:
        QUIET.update(x["id"] for x in rules.doc.get("signal", []) + rules.doc.get("answer_rule", [])
                     if not any(g.split("@")[0] == x["id"] for g in got))
    QUIET.update(x.split("@")[0] for x in e.get("signals_exclude", []) if "@" not in x and not matches(x, got))
    if "signals" in e:
        want = sorted(e["signals"])
        if sorted(got) != want and not (all(matches(w, got) for w in want) and len(want) == len(got)):
            problems.append(f"signals: expected {want}, got {sorted(got)}")
    if "signals_in_order" in e and got != e["signals_in_order"]:
        problems.append(f"signals in order: expected {e['signals_in_order']}, got {got}")
    for s in e.get("signals_include", []):
        if not matches(s, got):
            problems.append(f"signal {s} did not fire (fired: {got})")
    for s in e.get("signals_exclude", []):
        if matches(s, got):
            problems.append(f"signal {s} fired but should not")
    if "top_improvement" in e:
        top = a["improvements"][0]["item"] if a["improvements"] else ""
        if top != e["top_improvement"]:
            problems.append(f"top improvement: expected {e['top_improvement']}, got {top}")
    if "knowledge_gaps" in e and len(a["knowledge_gaps"]) != e["knowledge_gaps"]:
        problems.append(f"knowledge gaps: expected {e['knowledge_gaps']}, got {len(a['knowledge_gaps'])}")
    items = {i["id"]: i for i in a["items"]}
    for key, field in (("items", "status"), ("counted", "counted"), ("scored", "scored")):
        for iid, want in e.get(key, {}).items():
            if iid not in items:
                problems.append(f"no item {iid}")
            elif items[iid][field] != want:
                problems.append(f"item {iid} {field}: expected {want}, got {items[iid][field]}")
    imps = [i["item"] for i in a["improvements"]]
    for iid in e.get("improvements_include", []):
        if iid not in imps:
            problems.append(f"{iid} is not among the improvements")
    for iid in e.get("improvements_exclude", []):
        if iid in imps:
            problems.append(f"{iid} is among the improvements")
    for iid, text in e.get("advice_contains", {}).items():
        adv = (items.get(iid) or {}).get("advice")
        if not adv or text not in adv["nl"]:
            problems.append(f"advice of {iid} does not contain “{text}”: {adv['nl'] if adv else None}")
    for sid, text in e.get("message_contains", {}).items():
        msgs = [s["message"]["nl"] for s in a["signals"] if matches(sid, [s["id"] + (f"@{s['item']}" if s["item"] else "")])]
        if not any(text in m for m in msgs):
            problems.append(f"no message of {sid} contains “{text}”: {msgs}")
    if "note_required" in e:
        got_nr = sorted(i["id"] for i in a["items"] if i["note_required"])
        if got_nr != sorted(e["note_required"]):
            problems.append(f"note_required: expected {sorted(e['note_required'])}, got {got_nr}")
    if "migration" in e:
        rep = a.get("migration")
        if rep is None:
            problems.append("no migration report")
        else:
            m = e["migration"]
            if "carried" in m and len(rep["carried"]) != m["carried"]:
                problems.append(f"migration carried: expected {m['carried']}, got {len(rep['carried'])}")
            for key, got_list in (("merged", [x["from"] for x in rep["merged"]]),
                                  ("to_context", [x["from"] for x in rep["to_context"]]),
                                  ("not_carried", [x["from"] for x in rep["not_carried"]]),
                                  ("review", [x["to"] for x in rep["carried"] if x.get("review")]),
                                  ("context", [x["field"] for x in rep["context"]])):
                if key in m and sorted(got_list) != sorted(m[key]):
                    problems.append(f"migration {key}: expected {sorted(m[key])}, got {sorted(got_list)}")
            if m.get("nothing_lost"):
                accounted = {x["from"] for k in ("carried", "merged", "to_context", "not_carried") for x in rep[k]}
                for oid, raw in (original.get("answers") or {}).items():
                    if oid not in accounted:
                        problems.append(f"migration lost the answer of {oid}")
                    note = raw.get("note") if isinstance(raw, dict) else None
                    if note and not any(x.get("note") == note for k in ("carried", "merged", "to_context", "not_carried") for x in rep[k]):
                        problems.append(f"migration lost the note of {oid}")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules", default="rules/sociale-bril-2")
    ap.add_argument("-k", help="run only tests whose name contains this text")
    args = ap.parse_args()
    rules_dir = ROOT / args.rules
    rules = RulesV2(rules_dir)
    run = failed = 0
    for f in sorted((rules_dir / "tests").glob("*.toml")):
        text = f.read_text(encoding="utf-8")
        lines = [n + 1 for n, line in enumerate(text.splitlines()) if re.match(r"^\[\[test\]\]", line)]
        for k, t in enumerate(tomllib.loads(text).get("test", [])):
            if args.k and args.k not in t["name"]:
                continue
            run += 1
            problems = check(rules, t, rules_dir)
            if problems:
                failed += 1
                print(f"tests/{f.name}:{lines[k] if k < len(lines) else '?'}: test \"{t['name']}\" failed:")
                for p in problems:
                    print(f"  - {p}")
    print(f"rule tests (prototype): {run} run, {run - failed} passed, {failed} failed")
    if not args.k:
        ids = [x["id"] for x in rules.doc.get("signal", []) + rules.doc.get("answer_rule", []) if "severity" in x]
        never = [i for i in ids if i not in FIRED]
        silent = [i for i in ids if i not in QUIET]
        print(f"signals and answer-rule findings: {len(ids)}; never fired in a test: {never or 'none'}; "
              f"never shown quiet in a test: {silent or 'none'}")
        failed += len(never) + len(silent)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
