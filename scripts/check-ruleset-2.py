#!/usr/bin/env python3
"""Checks ruleset 2.0 (rules/sociale-bril-2) while the engine cannot read it yet.

The 2.0 rule files use constructs that are proposed in docs/rule-language.md §5 and not yet
implemented. This script checks them in two halves:

1. The proposed constructs, here in Python: tags, answer rules (selectors, tokens, caps, effects),
   unscored options and improvement targets, text variants, citation topics, the migration map
   (targets exist, token maps total, no conflicts), proposals carrying `ruleset`, and the size
   limits of issue 13 (at most 70 items; at most 55 that apply to one fully described proposal).
2. Everything else, with the current engine: a stripped copy (the proposed keys removed, unscored
   options given a placeholder fraction, every `when` of an answer rule or text variant turned into
   a placeholder signal so that it is parsed and type-checked) is written to a temporary folder and
   checked with `sociale-bril check`; then every combination of instrument, policy area and area
   (all booleans true, all target groups chosen: the widest context) is assessed with `batch` to
   find the largest number of items that apply to one proposal.

    python3 scripts/check-ruleset-2.py [--rules DIR] [--cli CMD] [--keep DIR]

Exit 0 when everything holds, 1 with a list of problems otherwise. Needs Python >= 3.11.
"""
from __future__ import annotations

import argparse
import copy
import itertools
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rules2lib import ROOT, cli_command, read_folder  # noqa: E402
SPECIAL = {"unknown", "unanswered", "not_applicable"}
MAX_ITEMS, MAX_APPLICABLE = 70, 55

problems: list[str] = []


def problem(msg: str) -> None:
    problems.append(msg)




def texts_ok(where: str, text, required=True) -> None:
    if text is None:
        if required:
            problem(f"{where}: missing text")
        return
    if not isinstance(text, dict) or not text.get("nl") or not text.get("en"):
        problem(f"{where}: needs both nl and en")


# --- 1. the proposed constructs ------------------------------------------------------------------


def check_proposed(r: dict, previous: set[str] | None) -> None:
    scales = {s["id"]: s for s in r.get("scale", [])}
    items = {i["id"]: i for i in r.get("item", [])}
    ratings = [b["id"] for b in r.get("rating", [])]
    tags = {t["id"] for t in r.get("tag", [])}
    sources = {s["id"]: s for s in r.get("source", [])}
    ctx = {c["id"]: c for c in r.get("context", [])}

    if r.get("ruleset", {}).get("format") != 2:
        problem("[ruleset] format = 2 is missing")
    sc = r.get("scoring", {})
    if sc.get("completeness") not in (None, "answered", "filled_in"):
        problem("[scoring] completeness must be answered or filled_in")
    if not isinstance(sc.get("min_rated_items", 0), int) or not 0 <= sc.get("min_rated_items", 0) <= 1000:
        problem("[scoring] min_rated_items must be a whole number 0-1000")

    for s in scales.values():
        opts = s["options"]
        for o in opts:
            unscored = o.get("scored", True) is False
            if unscored and "fraction" in o:
                problem(f"scale {s['id']}: option {o['token']} has scored = false and a fraction")
            if not unscored and "fraction" not in o:
                problem(f"scale {s['id']}: option {o['token']} has no fraction")
        if not any(o.get("fraction") == 1.0 for o in opts):
            problem(f"scale {s['id']}: no option with fraction 1")
        if "target" in s:
            t = next((o for o in opts if o["token"] == s["target"]), None)
            if t is None or t.get("scored", True) is False:
                problem(f"scale {s['id']}: target {s['target']} is not a scored option")

    for t in r.get("tag", []):
        texts_ok(f"tag {t['id']} label", t.get("label"))
    for i in items.values():
        for t in i.get("tags", []):
            if t not in tags:
                problem(f"item {i['id']}: unknown tag {t}")
        for n, v in enumerate(i.get("advice_variants", [])):
            texts_ok(f"item {i['id']} advice_variants[{n}]", v)
            if not v.get("when"):
                problem(f"item {i['id']} advice_variants[{n}]: no when")

    def tokens_of(item):
        out = set()
        for o in scales[item["scale"]]["options"]:
            out.add(o["token"])
            out.update(a.lower() for a in o.get("aliases", []))
        return out

    ids_seen = {s["id"] for s in r.get("signal", [])}
    for n, a in enumerate(r.get("answer_rule", [])):
        where = f"answer_rule {a.get('id', n)}"
        if a["id"] in ids_seen:
            problem(f"{where}: duplicate id")
        ids_seen.add(a["id"])
        sel = a.get("items", {})
        if not sel:
            problem(f"{where}: empty selector")
        unknown_keys = set(sel) - {"ids", "themes", "tags", "scales", "critical"}
        if unknown_keys:
            problem(f"{where}: unknown selector keys {sorted(unknown_keys)}")
        for t in sel.get("tags", []):
            if t not in tags:
                problem(f"{where}: unknown tag {t}")
        for iid in sel.get("ids", []):
            if iid not in items:
                problem(f"{where}: unknown item {iid}")
        chosen = [i for i in items.values()
                  if ("ids" not in sel or i["id"] in sel["ids"])
                  and ("themes" not in sel or i["theme"] in sel["themes"])
                  and ("tags" not in sel or set(i.get("tags", [])) & set(sel["tags"]))
                  and ("scales" not in sel or i["scale"] in sel["scales"])
                  and ("critical" not in sel or bool(i.get("critical")) == sel["critical"])]
        if not chosen:
            problem(f"{where}: the selector selects no item")
        for tok in a.get("answers", []):
            if tok not in SPECIAL and not any(tok in tokens_of(i) for i in chosen):
                problem(f"{where}: answer {tok} is in none of the selected items' scales")
        if a.get("applies", "any") not in ("any", "known"):
            problem(f"{where}: applies must be any or known")
        if a.get("note", "any") not in ("any", "missing", "present"):
            problem(f"{where}: note must be any, missing or present")
        effects = [a.get("count") is False, "cap" in a, "severity" in a]
        if not any(effects):
            problem(f"{where}: no effect")
        if a.get("count") is False and (set(a["answers"]) - {"unknown", "unanswered"} or "cap" in a):
            problem(f"{where}: count = false only with unknown/unanswered and without cap")
        if "cap" in a:
            if a["cap"] not in ratings:
                problem(f"{where}: cap {a['cap']} is not a rating band")
            if "severity" not in a or "message" not in a:
                problem(f"{where}: a cap needs severity and message")
        if "severity" in a:
            texts_ok(f"{where} message", a.get("message"))
        for v in a.get("message_variants", []):
            texts_ok(f"{where} message_variants", v)
    for s in r.get("signal", []):
        for v in s.get("message_variants", []):
            texts_ok(f"signal {s['id']} message_variants", v)

    # citations: passage only on sources with a stored text
    for kind in ("item", "signal", "answer_rule", "theme", "principle", "domain"):
        for e in r.get(kind, []):
            for c in e.get("sources", []):
                src = sources.get(c["source"])
                if src is None:
                    problem(f"{kind} {e['id']}: unknown source {c['source']}")
                elif "passage" in c and not src.get("file"):
                    problem(f"{kind} {e['id']}: passage on {c['source']}, which has no stored text (use topic)")
    for i in items.values():
        if not i.get("sources"):
            problem(f"item {i['id']}: cites no source")

    check_migration(r, scales, items, ctx, previous)

    if len(items) > MAX_ITEMS:
        problem(f"{len(items)} items: more than {MAX_ITEMS}")


def check_migration(r, scales, items, ctx, previous: set[str] | None = None) -> None:
    m = r.get("migration")
    if not m:
        problem("no [migration]")
        return
    if m.get("from") != "1":
        problem("[migration] from must be \"1\"")
    targets: dict[str, str] = {}

    def token_map(where, from_scale, to_tokens, tokens):
        fs = scales.get(from_scale)
        if fs is None:
            problem(f"{where}: unknown from_scale {from_scale}")
            return
        src = [o["token"] for o in fs["options"]]
        for k, v in tokens.items():
            if k not in src:
                problem(f"{where}: token {k} is not in {from_scale}")
            if v not in to_tokens:
                problem(f"{where}: {v} is not a token/option of the target")
        for t in src:
            if t not in tokens and t not in to_tokens:
                problem(f"{where}: token {t} of {from_scale} maps to nothing (migration-unmapped-token)")

    for n, e in enumerate(m.get("item", [])):
        where = f"migration.item[{n}] ({e.get('from')})"
        kinds = [k for k in ("to", "to_context", "drop") if k in e]
        if len(kinds) != 1:
            problem(f"{where}: needs exactly one of to, to_context, drop")
            continue
        if isinstance(e["from"], list) != ("merge" in e):
            problem(f"{where}: merge goes with a list of from ids, and only then")
        if e.get("merge", "best") not in ("best", "worst", "first"):
            problem(f"{where}: merge must be best, worst or first")
        if "review_tokens" in e:
            fs = scales.get(e.get("from_scale") or (items.get(e["to"], {}).get("scale") if isinstance(e.get("to"), str) else None) or "")
            if fs is None or any(t not in {o["token"] for o in fs["options"]} for t in e["review_tokens"]):
                problem(f"{where}: review_tokens must be tokens of from_scale")
            if "review" not in e:
                problem(f"{where}: review_tokens without review")
        if "drop" in e:
            texts_ok(f"{where} reason", e.get("reason"))
            continue
        if "to_context" in e:
            field = ctx.get(e["to_context"])
            if field is None:
                problem(f"{where}: unknown context field {e['to_context']}")
                continue
            token_map(where, e.get("from_scale"), {o["id"] for o in field.get("options", [])}, e.get("tokens", {}))
            if e.get("review") is not None:
                texts_ok(f"{where} review", e["review"])
            continue
        outs = e["to"] if isinstance(e["to"], list) else [{"item": e["to"], "tokens": e.get("tokens", {}),
                                                          "from_scale": e.get("from_scale"), "review": e.get("review")}]
        for o in outs:
            iid = o["item"]
            if iid not in items:
                problem(f"{where}: unknown target item {iid}")
                continue
            if iid in targets:
                problem(f"{where}: target {iid} also written by {targets[iid]} (migration-conflict)")
            targets[iid] = str(e["from"])
            to_scale = scales[items[iid]["scale"]]
            token_map(f"{where} -> {iid}", o.get("from_scale") or e.get("from_scale") or items[iid]["scale"],
                      {x["token"] for x in to_scale["options"]}, o.get("tokens", {}))
            if o.get("review") is not None:
                texts_ok(f"{where} review", o["review"])
        if e.get("review") is not None:
            texts_ok(f"{where} review", e["review"])
    if previous is not None:
        named = set()
        for e in m.get("item", []):
            named.update(e["from"] if isinstance(e["from"], list) else [e["from"]])
        for old in sorted(previous - named):
            problem(f"migration: 1.0 item {old} is not in the map")
        for old in sorted(named - previous):
            problem(f"migration: {old} is not an item of 1.0")
    for n, c in enumerate(m.get("context", [])):
        if c.get("field") not in ctx:
            problem(f"migration.context[{n}]: unknown field {c.get('field')}")
        if "review" in c:
            texts_ok(f"migration.context[{n}] review", c["review"])


# --- 2. the stripped copy, checked by the engine ------------------------------------------------------


def strip(per_file: dict[str, dict]) -> dict[str, dict]:
    out = {}
    placeholders = []
    for name, data in per_file.items():
        d = copy.deepcopy(data)
        if "ruleset" in d:
            d["ruleset"].pop("format", None)
        if "scoring" in d:
            d["scoring"].pop("completeness", None)
            d["scoring"].pop("min_rated_items", None)
        for s in d.get("scale", []):
            s.pop("target", None)
            for o in s["options"]:
                if o.pop("scored", True) is False:
                    o["fraction"] = 0.5  # placeholder: the engine of today has no unscored options
        d.pop("tag", None)
        for n, c in enumerate(d.pop("migration", {}).get("context", [])):
            if c.get("when"):
                placeholders.append((f"migration-context-{n}", c["when"]))
        for kind in ("item", "signal", "theme", "principle", "domain", "answer_rule"):
            for e in d.get(kind, []):
                for c in e.get("sources", []):
                    if "topic" in c:
                        c.setdefault("passage", c.pop("topic"))
        for i in d.get("item", []):
            i.pop("tags", None)
            for n, v in enumerate(i.pop("advice_variants", [])):
                placeholders.append((f"variant-{i['id']}-{n}".replace(".", "-"), v["when"]))
        for s in d.get("signal", []):
            for n, v in enumerate(s.pop("message_variants", [])):
                placeholders.append((f"variant-{s['id']}-{n}", v["when"]))
        for a in d.pop("answer_rule", []):
            if a.get("when"):
                placeholders.append((f"rule-{a['id']}", a["when"]))
            for n, v in enumerate(a.get("message_variants", [])):
                placeholders.append((f"variant-{a['id']}-{n}", v["when"]))
        out[name] = d
    out["zz-placeholders.toml"] = {"signal": [
        {"id": sid, "severity": "info", "when": when,
         "message": {"nl": "Plaatsvervanger voor een controle.", "en": "Placeholder for a check."}}
        for sid, when in placeholders]}
    return out


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(k) if not re.fullmatch(r'[A-Za-z0-9_-]+', k) else k} = {toml_value(x)}"
                                for k, x in v.items()) + " }"
    raise TypeError(type(v))


def dump(data: dict) -> str:
    lines = []
    for key, value in data.items():
        if isinstance(value, list):
            for entry in value:
                lines.append(f"[[{key}]]")
                for k, v in entry.items():
                    lines.append(f"{k} = {toml_value(v)}")
                lines.append("")
        elif isinstance(value, dict):
            lines.append(f"[{key}]")
            for k, v in value.items():
                lines.append(f"{k} = {toml_value(v)}")
            lines.append("")
    return "\n".join(lines)




def engine_checks(per_file, r, cli, keep: str | None) -> dict:
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="sociale-bril-2-preview-"))
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in strip(per_file).items():
        (folder / name).write_text(dump(data), encoding="utf-8")
    out = subprocess.run(cli + ["check", str(folder)], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        problem("the engine rejects the stripped copy:\n" + out.stderr.strip())
        return {}
    ctx = {c["id"]: c for c in r["context"]}
    booleans = {c["id"]: True for c in r["context"] if c["type"] == "boolean"}
    groups = [o["id"] for o in ctx["target_groups"]["options"]]
    lines, combos = [], []
    for instr, area_pol, area in itertools.product(
            [o["id"] for o in ctx["instrument"]["options"]],
            [o["id"] for o in ctx["policy_area"]["options"]],
            [o["id"] for o in ctx["area"]["options"]]):
        context = dict(booleans, instrument=instr, policy_area=area_pol, area=area, target_groups=groups,
                       phase="design", budget=1_000_000, duration_years=2)
        combos.append(context)
        lines.append(json.dumps({"context": context}))
    res = subprocess.run(cli + ["batch", "--rules", str(folder), "--detail", "full", "--progress", "never", "-"],
                         input="\n".join(lines), capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        problem("batch failed: " + res.stderr.strip())
        return {}
    best, best_ctx, per_instr = 0, None, {}
    for line in res.stdout.splitlines():
        rec = json.loads(line)
        a = rec["assessment"]
        n = sum(1 for i in a["items"] if i["status"] != "excluded")
        c = combos[rec["line"] - 1]
        per_instr[c["instrument"]] = max(per_instr.get(c["instrument"], 0), n)
        if n > best:
            best, best_ctx = n, c
    if best > MAX_APPLICABLE:
        problem(f"{best} items apply to one fully described proposal ({best_ctx['instrument']}, "
                f"{best_ctx['policy_area']}, {best_ctx['area']}): more than {MAX_APPLICABLE}")
    empty = subprocess.run(cli + ["--rules", str(folder), "assess", "-"], input="{}", capture_output=True, text=True, cwd=ROOT)
    n_empty = sum(1 for i in json.loads(empty.stdout)["items"] if i["status"] != "excluded") if empty.returncode == 0 else None
    return {"folder": str(folder), "max_applicable": best, "at": best_ctx and {k: best_ctx[k] for k in ("instrument", "policy_area", "area")},
            "max_per_instrument": per_instr, "applicable_without_context": n_empty}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules", default="rules/sociale-bril-2")
    ap.add_argument("--cli")
    ap.add_argument("--keep", help="write the stripped copy here instead of a temporary folder")
    ap.add_argument("--previous", default="rules/sociale-bril", help="the 1.0 folder whose items the migration map must name")
    args = ap.parse_args()
    folder = ROOT / args.rules
    r, per_file = read_folder(folder)
    prev_folder = ROOT / args.previous
    previous = {i["id"] for i in read_folder(prev_folder)[0].get("item", [])} if any(prev_folder.glob("*.toml")) else None
    if previous is None:
        print(f"note: {args.previous} not found; the migration map is not compared with 1.0")
    check_proposed(r, previous)
    stats = engine_checks(per_file, r, cli_command(args.cli), args.keep)
    items = r.get("item", [])
    per_theme: dict[str, int] = {}
    for i in items:
        per_theme[i["theme"]] = per_theme.get(i["theme"], 0) + 1
    print(f"items: {len(items)} (limit {MAX_ITEMS}); per theme: {per_theme}")
    print(f"critical: {[i['id'] for i in items if i.get('critical')]}")
    print(f"signals: {len(r.get('signal', []))}; answer rules: {len(r.get('answer_rule', []))}; "
          f"context fields: {len(r.get('context', []))}; scales: {len(r.get('scale', []))}")
    if stats:
        print(f"most items applying to one fully described proposal: {stats['max_applicable']} "
              f"(limit {MAX_APPLICABLE}) at {stats['at']}")
        print(f"per instrument: {stats['max_per_instrument']}")
        print(f"items asked when no context is given: {stats['applicable_without_context']}")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print(f"  - {p}")
        sys.exit(1)
    print("ruleset 2.0: all checks hold")


if __name__ == "__main__":
    main()
