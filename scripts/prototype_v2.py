#!/usr/bin/env python3
"""A prototype of the proposed 2.0 rule-language constructs (docs/rule-language.md §5).

**Not the engine.** This is an executable reading of the proposed spec, written so that the 2.0
rule tests (rules/sociale-bril-2/tests) and the 1.0-vs-2.0 table (docs/ruleset-2.md) can be
checked before the Rust engine implements §5. It parses conditions with the benchmark's
independent parser (benches/python/expr.py, imported, not copied) and follows docs/scoring.md
plus §5 for everything else. When the engine implements §5, the engine is the reference and this
file should be deleted (or folded into benches/python/pyscore.py, which the issue asks to follow
the new constructs anyway).

    python3 scripts/prototype_v2.py assess PROPOSAL.json [--rules DIR]     # assessment as JSON
    python3 scripts/prototype_v2.py migrate PROPOSAL.json [--rules DIR]    # {"proposal", "report"}

Limits: no input validation beyond what scoring needs (a bad token raises ValueError), no
`why` explanations, no canonical-JSON guarantees.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches" / "python"))
sys.path.insert(0, str(ROOT / "scripts"))
from expr import Scope, parse  # noqa: E402  (the benchmark's parser)
from pyscore import compile_cond, rnd  # noqa: E402
from rules2lib import load_folder  # noqa: E402

SEVERITY = {"critical": 2, "warning": 1, "info": 0}
UNKNOWN = {"unknown", "onbekend", "weet ik niet", "weet niet", "?"}
NA = {"not_applicable", "nvt", "n.v.t.", "niet van toepassing", "n/a", "not applicable"}
KINDS = ("theme", "principle", "domain")



def blank(note: Any) -> bool:
    return note is None or (isinstance(note, str) and note.strip() == "")


class Scale:
    def __init__(self, s: Dict[str, Any]) -> None:
        self.id = s["id"]
        self.options = s["options"]
        self.fraction = {o["token"]: (None if o.get("scored", True) is False else float(o["fraction"])) for o in self.options}
        self.lookup: Dict[str, str] = {}
        for o in self.options:
            self.lookup[o["token"].lower()] = o["token"]
            for a in o.get("aliases", []):
                self.lookup.setdefault(a.strip().lower(), o["token"])
        if "target" in s:
            self.target = s["target"]
        else:
            best = max(f for f in self.fraction.values() if f is not None)
            self.target = next(t for t, f in self.fraction.items() if f == best)
        self.has_yes_no = "yes" in self.fraction and "no" in self.fraction

    def read(self, value: Any) -> str:
        """Canonical token, `unknown` or `not_applicable`; ValueError when it does not fit."""
        if isinstance(value, bool):
            if not self.has_yes_no:
                raise ValueError(f"{value!r} is not an answer on scale {self.id}")
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            if value != int(value):
                raise ValueError(f"{value!r} is not an answer on scale {self.id}")
            value = str(int(value))
        key = str(value).strip().lower()
        if key in self.lookup:
            return self.lookup[key]
        if key in UNKNOWN:
            return "unknown"
        if key in NA:
            return "not_applicable"
        raise ValueError(f"{value!r} is not an answer on scale {self.id}")


class Cond:
    def __init__(self, text: Optional[str], scope: Scope) -> None:
        self.fn = compile_cond(parse(text, scope)) if text else None

    def eval(self, ctx: Dict[str, Any], eff: Dict[str, str]) -> Optional[bool]:
        return True if self.fn is None else self.fn((ctx, eff))


class RulesV2:
    def __init__(self, folder: Path) -> None:
        doc = load_folder(folder)
        self.doc = doc
        self.info = {"id": doc["ruleset"]["id"], "version": doc["ruleset"]["version"]}
        scope = Scope(doc)
        sc = doc.get("scoring", {})
        self.min_completeness = float(sc.get("min_completeness", 0))
        self.fail_below = float(sc.get("critical_fail_below", 0.5))
        self.completeness_mode = sc.get("completeness", "answered")
        self.min_rated = int(sc.get("min_rated_items", 0))
        ranked = sorted(enumerate(doc["rating"]), key=lambda b: (-b[1]["min"], b[0]))
        self.bands = [(float(b["min"]), b["id"]) for _, b in ranked]
        self.band_index = {bid: k for k, (_, bid) in enumerate(self.bands)}
        self.critical_cap = sc.get("critical_cap")
        self.scales = {s["id"]: Scale(s) for s in doc["scale"]}
        self.fields = {f["id"]: f for f in doc["context"]}
        self.items = []
        for i in doc["item"]:
            self.items.append({
                **i, "scale_obj": self.scales[i["scale"]], "critical": bool(i.get("critical", False)),
                "tags": i.get("tags", []), "principles": i.get("principles", []), "domains": i.get("domains", []),
                "cond": Cond(i.get("applies_if"), scope),
                "variants": [(Cond(v["when"], scope), v) for v in i.get("advice_variants", [])],
            })
        self.item_by_id = {i["id"]: i for i in self.items}
        self.signals = [(s, Cond(s["when"], scope), [(Cond(v["when"], scope), v) for v in s.get("message_variants", [])])
                        for s in doc.get("signal", [])]
        self.rules = []
        for a in doc.get("answer_rule", []):
            sel = a["items"]
            chosen = {i["id"] for i in self.items
                      if ("ids" not in sel or i["id"] in sel["ids"])
                      and ("themes" not in sel or i["theme"] in sel["themes"])
                      and ("tags" not in sel or set(i["tags"]) & set(sel["tags"]))
                      and ("scales" not in sel or i["scale"] in sel["scales"])
                      and ("critical" not in sel or i["critical"] == sel["critical"])}
            answers = set()
            for tok in a["answers"]:
                if tok in ("unknown", "unanswered", "not_applicable"):
                    answers.add(tok)
                else:
                    for iid in chosen:
                        try:
                            answers.add(self.item_by_id[iid]["scale_obj"].read(tok))
                        except ValueError:
                            pass
            self.rules.append({**a, "chosen": chosen, "answer_set": answers, "cond": Cond(a.get("when"), scope),
                               "variants": [(Cond(v["when"], scope), v) for v in a.get("message_variants", [])]})
        self.titles = {k: {g["id"]: g["title"] for g in doc[k]} for k in KINDS}
        self.migration = doc.get("migration")

    # -- context ----------------------------------------------------------------------------------

    def context(self, raw: Dict[str, Any]) -> Dict[str, Any]:
        ctx: Dict[str, Any] = {}
        for key, value in (raw or {}).items():
            if value is None:
                continue
            f = self.fields[key]
            opts = {}
            for o in f.get("options", []):
                opts[o["id"].lower()] = o["id"]
                for a in o.get("aliases", []):
                    opts.setdefault(a.lower(), o["id"])
            if f["type"] == "choice":
                ctx[key] = opts[value.strip().lower()]
            elif f["type"] == "choices":
                chosen = {opts[v.strip().lower()] for v in value}
                ctx[key] = [o["id"] for o in f["options"] if o["id"] in chosen]
            elif f["type"] == "number":
                ctx[key] = float(value)
            else:
                ctx[key] = value
        return ctx

    @staticmethod
    def pick(variants, default, ctx, eff) -> Tuple[Any, Optional[int]]:
        for k, (cond, v) in enumerate(variants):
            if cond.eval(ctx, eff) is True:
                return {"nl": v["nl"], "en": v["en"]}, k
        return default, None

    # -- migration (§5.8) ----------------------------------------------------------------------------

    def migrate(self, proposal: Dict[str, Any]) -> Tuple[Dict[str, Any], Optional[Dict[str, Any]]]:
        rs = proposal.get("ruleset")
        version = "1.0.0" if rs is None else rs["version"]
        if rs is not None and rs.get("id") != self.info["id"]:
            raise ValueError(f"ruleset-mismatch: {rs.get('id')} is not {self.info['id']}")
        major, own = int(version.split(".")[0]), int(self.info["version"].split(".")[0])
        if major == own:
            return proposal, None
        if major > own:
            raise ValueError("ruleset-too-old")
        m = self.migration
        if not m or str(major) != m["from"]:
            raise ValueError("no-migration")
        old = proposal.get("answers") or {}
        entries = m.get("item", [])
        by_from = {}
        for e in entries:
            for f in (e["from"] if isinstance(e["from"], list) else [e["from"]]):
                by_from[f] = e
        report = {"from": {"id": self.info["id"], "version": version, "assumed": rs is None},
                  "to": dict(self.info), "carried": [], "merged": [], "to_context": [], "not_carried": [], "context": []}
        answers: Dict[str, Any] = {}
        ctx_raw = dict(proposal.get("context") or {})

        def split(raw):
            if isinstance(raw, dict):
                return raw.get("answer"), raw.get("note")
            return raw, None

        def put(target, token, note, old_id, old_answer, review):
            if target in answers:
                report["not_carried"].append({"from": old_id, "old_answer": old_answer, "note": note,
                                              "reason": {"nl": "Deze vraag had al een antwoord.", "en": "Already answered."}})
                return
            answers[target] = token if note is None else {"answer": token, "note": note}
            report["carried"].append({"from": old_id, "to": target, "answer": token, "old_answer": old_answer,
                                      "note": note, "review": review})

        def mapped(scale_id, target_tokens, tokens, value):
            token = self.scales[scale_id].read(value)
            if token in ("unknown", "not_applicable"):
                return token
            if token in tokens:
                return tokens[token]
            if token in target_tokens:
                return token
            raise ValueError(f"{token} maps to nothing")

        # answers under ids that are not in the map but are 2.0 items come first (§5.8, 4–5)
        for oid, raw in old.items():
            if oid not in by_from:
                value, note = split(raw)
                if oid in self.item_by_id:
                    try:
                        tok = self.item_by_id[oid]["scale_obj"].read(value)
                        put(oid, tok, note, oid, value, None)
                        continue
                    except ValueError:
                        reason = {"nl": "Het antwoord past niet op de nieuwe schaal.", "en": "The answer does not fit the new scale."}
                else:
                    reason = {"nl": "Deze vraag bestaat niet meer en staat niet in de migratie.", "en": "Unknown item."}
                report["not_carried"].append({"from": oid, "old_answer": value, "note": note, "reason": reason})
        done = set()
        for oid in old:
            e = by_from.get(oid)
            if e is None or id(e) in done:
                continue
            done.add(id(e))
            if "drop" in e:
                for f in (e["from"] if isinstance(e["from"], list) else [e["from"]]):
                    if f in old:
                        value, note = split(old[f])
                        report["not_carried"].append({"from": f, "old_answer": value, "note": note, "reason": e["reason"]})
                continue
            if "to_context" in e:
                value, note = split(old[oid])
                opt = mapped(e["from_scale"], set(), e.get("tokens", {}), value)
                field = e["to_context"]
                if opt in ("unknown", "not_applicable"):
                    report["not_carried"].append({"from": oid, "old_answer": value, "note": note,
                                                  "reason": {"nl": "Een onbekend antwoord wordt geen contextwaarde.", "en": "An unknown answer does not become a context value."}})
                elif field in ctx_raw:
                    report["not_carried"].append({"from": oid, "old_answer": value, "note": note,
                                                  "reason": {"nl": "Het contextveld was al ingevuld.", "en": "The context field was already set."}})
                else:
                    ctx_raw[field] = opt
                    review = e.get("review") if e.get("review") and ("review_tokens" not in e or self.scales[e["from_scale"]].read(value) in e["review_tokens"]) else None
                    report["to_context"].append({"from": oid, "field": field, "value": opt, "old_answer": value, "note": note, "review": review})
                continue
            if isinstance(e["from"], list):
                target = e["to"]
                scale = self.item_by_id[target]["scale_obj"]
                cands = []
                for order, f in enumerate(e["from"]):
                    if f not in old:
                        continue
                    value, note = split(old[f])
                    tok = mapped(e.get("from_scale", scale.id), set(scale.fraction), e.get("tokens", {}), value)
                    frac = scale.fraction.get(tok)
                    rank = (0, frac) if frac is not None else ((1, 0) if tok in scale.fraction else ((2, 0) if tok == "not_applicable" else (3, 0)))
                    cands.append((order, f, tok, note, value, rank))
                strategy = e["merge"]
                if strategy == "first":
                    chosen = cands[0]
                else:
                    def key(c):
                        group, frac = c[5]
                        return (group, -frac if strategy == "best" else frac, c[0])
                    chosen = sorted(cands, key=key)[0]
                review = e.get("review")
                put(target, chosen[2], chosen[3], chosen[1], chosen[4], review)
                for c in cands:
                    if c is not chosen:
                        report["merged"].append({"from": c[1], "into": target, "old_answer": c[4], "note": c[3]})
                continue
            value, note = split(old[oid])
            outs = e["to"] if isinstance(e["to"], list) else [{"item": e["to"], "tokens": e.get("tokens", {}),
                                                                "from_scale": e.get("from_scale"), "review": e.get("review")}]
            for o in outs:
                target = o["item"]
                scale = self.item_by_id[target]["scale_obj"]
                fs = o.get("from_scale") or e.get("from_scale") or scale.id
                tok = mapped(fs, set(scale.fraction), o.get("tokens", {}), value)
                review = o.get("review")
                if review and "review_tokens" in e:
                    old_tok = self.scales[fs].read(value)
                    if old_tok not in e["review_tokens"]:
                        review = None
                put(target, tok, note, oid, value, review)
        mctx = self.context(ctx_raw)
        scope_eff: Dict[str, str] = {}
        for c in m.get("context", []):
            if "review" in c:
                cond = Cond(c.get("when"), Scope(self.doc))
                if cond.eval(mctx, scope_eff) is True:
                    report["context"].append({"field": c["field"], "action": "review", "reason": c["review"]})
        out = {k: v for k, v in proposal.items() if k not in ("answers", "context", "ruleset")}
        out["ruleset"] = dict(self.info)
        out["context"] = ctx_raw
        out["answers"] = answers
        return out, report

    # -- assessment (scoring.md + §5) ----------------------------------------------------------------

    def assess(self, proposal: Dict[str, Any]) -> Dict[str, Any]:
        proposal, report = self.migrate(proposal)
        ctx = self.context(proposal.get("context") or {})
        answers = proposal.get("answers") or {}
        rows = []
        eff: Dict[str, str] = {}
        for it in self.items:
            raw = answers.get(it["id"])
            note = None
            if isinstance(raw, dict):
                note, raw = raw.get("note"), raw.get("answer")
            token = "unanswered" if raw is None else it["scale_obj"].read(raw)
            applies = it["cond"].eval(ctx, {})
            if applies is False:
                status = "excluded"
            elif token in ("unanswered", "unknown", "not_applicable"):
                status = token
            else:
                status = "answered"
            fraction = it["scale_obj"].fraction.get(token) if status == "answered" else None
            scored = status == "answered" and fraction is not None
            eff[it["id"]] = "not_applicable" if status == "excluded" else token
            rows.append({"it": it, "status": status, "token": token, "note": note, "fraction": fraction, "scored": scored,
                         "applies": applies})
        # answer rules
        for row in rows:
            it, status = row["it"], row["status"]
            row["rules"], row["counted"], row["caps"], row["note_required"] = [], True, [], False
            if status == "excluded":
                continue
            state = row["token"] if status == "answered" else status
            for rule in self.rules:
                if it["id"] not in rule["chosen"] or state not in rule["answer_set"]:
                    continue
                if rule["cond"].eval(ctx, eff) is not True:
                    continue
                if rule.get("applies", "any") == "known" and row["applies"] is not True:
                    continue
                note_rule = rule.get("note", "any")
                if note_rule == "missing":
                    row["note_required"] = True
                if note_rule == "missing" and not blank(row["note"]):
                    continue
                if note_rule == "present" and blank(row["note"]):
                    continue
                row["rules"].append(rule)
                if rule.get("count") is False:
                    row["counted"] = False
                if "cap" in rule:
                    row["caps"].append(rule)
        for row in rows:
            it, status = row["it"], row["status"]
            w = it["weight"]
            in_max = row["scored"] or (status in ("unknown", "unanswered") and row["counted"])
            row["max"] = float(w) if in_max else 0.0
            row["points"] = w * row["fraction"] if row["scored"] else 0.0
            row["failure"] = it["critical"] and row["scored"] and row["fraction"] < self.fail_below
            row["asked"] = status != "excluded" and row["counted"]

        def score(rs) -> Dict[str, Any]:
            asked = [r for r in rs if r["asked"]]
            points = sum(r["points"] for r in rs)
            mx = sum(r["max"] for r in rs)
            n = {s: sum(1 for r in rs if r["status"] == s) for s in ("answered", "unknown", "unanswered", "not_applicable", "excluded")}
            rated = sum(1 for r in asked if r["scored"])
            if self.completeness_mode == "filled_in":
                num = sum(1 for r in asked if r["status"] in ("answered", "not_applicable"))
                den = len(asked)
            else:
                num = sum(1 for r in asked if r["status"] == "answered")
                den = sum(1 for r in asked if r["status"] != "not_applicable")
            completeness = rnd(100.0 * num / den, 10) if den else None
            percent = rnd(100.0 * points / mx, 10) if mx > 0 else None
            failures = [r["it"]["id"] for r in rs if r["failure"]]
            caps = [{"rule": c["id"], "item": r["it"]["id"], "cap": c["cap"]} for r in rs for c in r["caps"]]
            if not asked or all(r["status"] == "not_applicable" for r in asked):
                rating = "not_applicable"
            elif completeness is None or completeness < self.min_completeness:
                rating = "incomplete"
            elif rated < self.min_rated or percent is None:
                rating = "not_rated"
            else:
                band = next(k for k, (lo, _) in enumerate(self.bands) if lo <= percent)
                limits = [self.band_index[c["cap"]] for c in caps]
                if failures and self.critical_cap:
                    limits.append(self.band_index[self.critical_cap])
                if limits:
                    band = max(band, max(limits))
                rating = self.bands[band][1]
            return {"points": rnd(points, 100), "max": rnd(mx, 100), "percent": percent, "completeness": completeness,
                    "applicable": sum(1 for r in rs if r["max"] > 0), "answered": n["answered"], "rated": rated,
                    "not_counted": sum(1 for r in rs if r["status"] != "excluded" and not r["counted"]),
                    "unknown": n["unknown"], "unanswered": n["unanswered"], "not_applicable": n["not_applicable"],
                    "excluded": n["excluded"], "rating": rating, "critical_failures": failures, "caps": caps}

        groups = {k: {g: [] for g in self.titles[k]} for k in KINDS}
        for row in rows:
            it = row["it"]
            groups["theme"][it["theme"]].append(row)
            for p in it["principles"]:
                groups["principle"][p].append(row)
            for d in it["domains"]:
                groups["domain"][d].append(row)
        items_out = []
        for row in rows:
            it = row["it"]
            short = (row["scored"] and row["fraction"] < 1.0) or row["status"] in ("unknown", "unanswered")
            advice, variant = self.pick(it["variants"], it["advice"], ctx, eff)
            items_out.append({"id": it["id"], "theme": it["theme"], "status": row["status"],
                              "answer": None if row["token"] == "unanswered" else row["token"], "note": row["note"],
                              "scored": row["scored"], "counted": row["counted"], "rules": [r["id"] for r in row["rules"]],
                              "note_required": row["note_required"], "weight": it["weight"],
                              "points": rnd(row["points"], 100), "max": rnd(row["max"], 100), "critical": it["critical"],
                              "critical_failure": row["failure"], "advice": advice if short else None,
                              "variant": variant if short else None})
        fired = []
        for order, (s, cond, variants) in enumerate(self.signals):
            if cond.eval(ctx, eff) is True:
                msg, variant = self.pick(variants, s["message"], ctx, eff)
                fired.append(((-SEVERITY[s["severity"]], 0, order, 0), {"id": s["id"], "item": None, "severity": s["severity"],
                                                                          "message": msg, "variant": variant}))
        for k, row in enumerate(rows):
            for rule in row["rules"]:
                if "severity" in rule:
                    order = self.rules.index(rule)
                    msg, variant = self.pick(rule["variants"], rule["message"], ctx, eff)
                    fired.append(((-SEVERITY[rule["severity"]], 1, order, k), {"id": rule["id"], "item": row["it"]["id"],
                                                                               "severity": rule["severity"], "message": msg, "variant": variant}))
        fired.sort(key=lambda x: x[0])
        gaps = sorted(((k, r) for k, r in enumerate(rows) if r["status"] in ("unknown", "unanswered")),
                      key=lambda kr: (-kr[1]["it"]["weight"], not kr[1]["it"]["critical"], kr[0]))
        imps = []
        for k, r in enumerate(rows):
            if r["scored"] and r["fraction"] < 1.0:
                scale = r["it"]["scale_obj"]
                gain = rnd(r["it"]["weight"] * (scale.fraction[scale.target] - r["fraction"]), 100)
                if gain > 0:
                    imps.append((-gain, not r["failure"], k, r, gain))
        imps.sort(key=lambda x: x[:3])
        out = {
            "ruleset": dict(self.info),
            "proposal": {"id": proposal.get("id"), "title": proposal.get("title"), "ruleset": proposal.get("ruleset")},
            "overall": score(rows),
            **{k + "s": [{"id": g, "title": self.titles[k][g], **score(rs)} for g, rs in groups[k].items()] for k in KINDS},
            "items": items_out,
            "signals": [f[1] for f in fired],
            "knowledge_gaps": [{"item": r["it"]["id"], "status": r["status"], "counted": r["counted"]} for _, r in gaps],
            "improvements": [{"rank": n, "item": r["it"]["id"], "from": r["token"], "to": r["it"]["scale_obj"].target,
                              "gain": gain, "critical_failure": r["failure"]}
                             for n, (_, _, _, r, gain) in enumerate(imps, start=1)],
        }
        if report is not None:
            out["migration"] = report
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["assess", "migrate"])
    ap.add_argument("proposal")
    ap.add_argument("--rules", default="rules/sociale-bril-2")
    args = ap.parse_args()
    rules = RulesV2(ROOT / args.rules)
    text = sys.stdin.read() if args.proposal == "-" else Path(args.proposal).read_text(encoding="utf-8")
    proposal = json.loads(text)
    if args.command == "migrate":
        p, report = rules.migrate(proposal)
        print(json.dumps({"proposal": p, "report": report}, ensure_ascii=False, indent=1))
    else:
        print(json.dumps(rules.assess(proposal), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
