"""Random valid proposals for a ruleset, made from its checklist (``ruleset.questions()``), so that
the benchmark works whatever the ruleset's items and context fields are."""

from __future__ import annotations

import random
from typing import Any, Dict, List

import sociale_bril

Proposal = Dict[str, Any]


def make_proposals(rules: sociale_bril.Ruleset, n: int, seed: int = 2024) -> List[Proposal]:
    """`n` valid proposals with random context and answers (canonical ids and tokens)."""
    q = rules.questions()
    items = [(i["id"], [o["id"] for o in i["options"]]) for t in q["themes"] for i in t["items"]]
    rng = random.Random(seed)
    out = []
    for k in range(n):
        context: Dict[str, Any] = {}
        for f in q["context"]:
            if rng.random() < 0.2:
                continue
            kind = f["type"]
            if kind == "choice":
                context[f["id"]] = rng.choice(f["options"])["id"]
            elif kind == "choices":
                context[f["id"]] = [o["id"] for o in f["options"] if rng.random() < 0.25]
            elif kind == "boolean":
                context[f["id"]] = rng.random() < 0.5
            elif kind == "number":
                lo = f.get("min") or 0
                hi = f.get("max") or 10_000_000
                context[f["id"]] = rng.randint(int(lo), int(hi))
            else:
                context[f["id"]] = rng.choice(["Utrecht", "Amersfoort", "Zeist", "provinciebreed"])
        answers = {iid: rng.choice(options) for iid, options in items if rng.random() < 0.85}
        out.append({"id": f"voorstel-{k}", "title": f"Voorstel {k}", "context": context, "answers": answers})
    return out
