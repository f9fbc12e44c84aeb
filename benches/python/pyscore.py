"""docs/scoring.md in plain Python: the benchmark's baseline.

``PyRules(doc).assess(proposal)`` gives the same dict as ``Ruleset.assess`` for a valid
proposal (the benchmark checks this for every proposal it runs), and ``summary(proposal)`` the
same dict as ``assess(proposal, detail="summary")``. It is written the way a careful Python
programmer would: the ruleset is prepared once (conditions compiled to closures, lookups to
dicts), and each proposal is one pass over the items. Unlike the engine it does not report
invalid input; it raises ``ValueError`` at the first problem.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Dict, List, Optional, Tuple

from expr import Node, Scope, parse, scoring, refs

Tri = Optional[bool]
Env = Tuple[Dict[str, Any], Dict[str, str]]
Cond = Callable[[Env], Tri]

SEVERITY = {"critical": 2, "warning": 1, "info": 0}
# The spellings of the special tokens, written out here on purpose: this scorer
# is an independent implementation to compare the engine with, so it does not read the engine's
# own table of them (core/src/vocab.rs).
UNKNOWN_ALIASES = ("unknown", "onbekend", "weet ik niet", "weet niet", "?")
NA_ALIASES = ("not_applicable", "nvt", "n.v.t.", "niet van toepassing", "n/a", "not applicable")


def rnd(x: float, f: float) -> float:
    """Half away from zero, as the engine rounds (docs/scoring.md §13)."""
    y = abs(x * f)
    t = float(int(y))
    r = (t + 1.0 if y - t >= 0.5 else t) / f
    return 0.0 if r == 0.0 else (-r if x < 0 else r)


def compile_cond(node: Node) -> Cond:
    """A condition as a closure over (context, effective answers) giving True, False or None."""
    kind = node[0]
    if kind == "const":
        value = bool(node[1])
        return lambda env: value
    if kind == "and":
        parts = [compile_cond(p) for p in node[1]]

        def and_(env: Env) -> Tri:
            out: Tri = True
            for p in parts:
                r = p(env)
                if r is False:
                    return False
                if r is None:
                    out = None
            return out

        return and_
    if kind == "or":
        parts = [compile_cond(p) for p in node[1]]

        def or_(env: Env) -> Tri:
            out: Tri = False
            for p in parts:
                r = p(env)
                if r is True:
                    return True
                if r is None:
                    out = None
            return out

        return or_
    if kind == "not":
        inner = compile_cond(node[1])

        def not_(env: Env) -> Tri:
            r = inner(env)
            return None if r is None else not r

        return not_
    if kind == "answer":
        item, tokens = node[1], frozenset(node[2])
        return lambda env: env[1][item] in tokens
    field = node[1]
    if kind == "isset":
        return lambda env: field in env[0]
    if kind == "bool":
        return lambda env: env[0].get(field)
    if kind == "in":
        values = frozenset(node[3])

        def in_(env: Env) -> Tri:
            v = env[0].get(field)
            return None if v is None else v in values

        return in_
    if kind == "has":
        option = node[2]

        def has(env: Env) -> Tri:
            v = env[0].get(field)
            return None if v is None else option in v

        return has
    if kind == "contains":
        needle = node[2].lower()

        def contains(env: Env) -> Tri:
            v = env[0].get(field)
            return None if v is None else needle in v.lower()

        return contains
    ops: Dict[str, Callable[[float, float], bool]] = {
        "==": lambda a, b: a == b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }
    cmp = ops[node[2]]
    if kind == "num":
        limit = node[3]

        def num(env: Env) -> Tri:
            v = env[0].get(field)
            return None if v is None else cmp(v, limit)

        return num
    if kind == "numfields":
        other = node[3]

        def numfields(env: Env) -> Tri:
            a, b = env[0].get(field), env[0].get(other)
            return None if a is None or b is None else cmp(a, b)

        return numfields
    raise ValueError(f"unknown condition {node!r}")


TRI = {True: "true", False: "false", None: "unknown"}


class _Condition:
    def __init__(self, text: str, scope: Scope) -> None:
        node = parse(text, scope)
        self.text = text
        self.eval = compile_cond(node)
        self.names = [(name, name[len("context.") :] if name.startswith("context.") else name[7:-1], name.startswith("context.")) for name in refs(node)]

    def why(self, result: Tri, ctx: Dict[str, Any], eff: Dict[str, str]) -> Dict[str, Any]:
        values: Dict[str, Any] = {}
        for name, key, is_field in self.names:
            values[name] = ctx.get(key) if is_field else eff[key]
        return {"condition": self.text, "result": TRI[result], "values": values}


class PyRules:
    """A ruleset (its JSON form) prepared for scoring."""

    def __init__(self, doc: Dict[str, Any]) -> None:
        self.doc = doc
        meta = doc["ruleset"]
        text = _canonical(doc)
        self.info = {"id": meta["id"], "version": meta["version"], "hash": "sha256:" + hashlib.sha256(text.encode()).hexdigest()}
        scope = Scope(doc)
        self.min_completeness, self.fail_below, self.bands, self.cap = scoring(doc)
        self.fields = {f["id"]: f for f in doc["context"]}
        self.option_ids = {
            f["id"]: {**{a.lower(): o["id"] for o in f.get("options", []) for a in o.get("aliases", [])},
                      **{o["id"].lower(): o["id"] for o in f.get("options", [])}}
            for f in doc["context"]
        }
        self.option_order = {f["id"]: [o["id"] for o in f.get("options", [])] for f in doc["context"]}
        scales = {s["id"]: s for s in doc["scale"]}
        self.groups = {kind: [g["id"] for g in doc[kind]] for kind in ("theme", "principle", "domain")}
        self.titles = {kind: {g["id"]: g["title"] for g in doc[kind]} for kind in ("theme", "principle", "domain")}
        self.items: List[Dict[str, Any]] = []
        for i in doc["item"]:
            scale = scales[i["scale"]]
            exact = {o["token"]: (o["token"], float(o["fraction"])) for o in scale["options"]}
            for o in scale["options"]:
                for a in o.get("aliases", []):
                    exact.setdefault(a, (o["token"], float(o["fraction"])))
            loose = {k.strip().lower(): v for k, v in exact.items()}
            best = max(scale["options"], key=lambda o: o["fraction"])  # the first of the highest
            self.items.append({
                "id": i["id"],
                "theme": i["theme"],
                "principles": i.get("principles", []),
                "domains": i.get("domains", []),
                "weight": int(i["weight"]),
                "critical": bool(i.get("critical", False)),
                "exact": exact,
                "loose": loose,
                "best": best["token"],
                "yes_no": "yes" in exact and "no" in exact,
                "applies": _Condition(i["applies_if"], scope) if i.get("applies_if") else None,
                "advice": i["advice"],
                "question": i["question"],
            })
        self.index = {it["id"]: k for k, it in enumerate(self.items)}
        signals = [(s, _Condition(s["when"], scope)) for s in doc.get("signal", [])]
        # Listed by severity (critical first), then in ruleset order: a stable sort.
        self.signals = sorted(signals, key=lambda sc: -SEVERITY[sc[0]["severity"]])

    # -- input ---------------------------------------------------------------------------------

    def _token(self, it: Dict[str, Any], value: Any) -> Tuple[str, Optional[float]]:
        if isinstance(value, bool):
            if not it["yes_no"]:
                raise ValueError(f"{value!r} is not an answer to {it['id']}")
            value = "yes" if value else "no"
        elif isinstance(value, (int, float)):
            if value != int(value):
                raise ValueError(f"{value!r} is not an answer to {it['id']}")
            value = str(int(value))
        hit: Optional[Tuple[str, Optional[float]]] = it["exact"].get(value)
        if hit is not None:
            return hit
        if value == "unknown" or value == "not_applicable":
            return value, None
        key = value.strip().lower()
        hit = it["loose"].get(key)
        if hit is not None:
            return hit
        if key in UNKNOWN_ALIASES:
            return "unknown", None
        if key in NA_ALIASES:
            return "not_applicable", None
        raise ValueError(f"{value!r} is not an answer to {it['id']}")

    def _context(self, raw: Dict[str, Any]) -> Dict[str, Any]:
        ctx: Dict[str, Any] = {}
        for key, value in raw.items():
            if value is None:
                continue
            f = self.fields[key]
            kind = f["type"]
            if kind == "choice":
                ctx[key] = self.option_ids[key][value.strip().lower()]
            elif kind == "choices":
                chosen = {self.option_ids[key][v.strip().lower()] for v in value}
                ctx[key] = [o for o in self.option_order[key] if o in chosen]
            elif kind == "number":
                ctx[key] = float(value)
            else:
                ctx[key] = value
        return ctx

    # -- scoring -------------------------------------------------------------------------------

    def _items(self, proposal: Dict[str, Any]) -> Tuple[Dict[str, Any], List[Tuple[Any, ...]], Dict[str, str]]:
        ctx = self._context(proposal.get("context") or {})
        answers = proposal.get("answers") or {}
        env: Env = (ctx, {})
        rows = []
        eff: Dict[str, str] = {}
        for it in self.items:
            raw = answers.get(it["id"])
            note = None
            if isinstance(raw, dict):
                note = raw.get("note")
                raw = raw.get("answer")
            token, fraction = ("unanswered", None) if raw is None else self._token(it, raw)
            cond = it["applies"]
            applies = True if cond is None else cond.eval(env)
            if applies is False:
                status = "excluded"
            elif token == "unanswered" or token == "unknown" or token == "not_applicable":
                status = token
            else:
                status = "answered"
            w = it["weight"]
            counts = status == "answered" or status == "unknown" or status == "unanswered"
            points = w * fraction if status == "answered" and fraction is not None else 0.0
            failure = it["critical"] and status == "answered" and fraction is not None and fraction < self.fail_below
            eff[it["id"]] = "not_applicable" if status == "excluded" else token
            rows.append((it, status, token, fraction, points, float(w) if counts else 0.0, failure, applies, note))
        return ctx, rows, eff

    def _score(self, rows: List[Tuple[Any, ...]]) -> Dict[str, Any]:
        points = mx = 0.0
        counts = {"answered": 0, "unknown": 0, "unanswered": 0, "not_applicable": 0, "excluded": 0}
        failures = []
        for it, status, _, _, p, m, failure, _, _ in rows:
            counts[status] += 1
            points += p
            mx += m
            if failure:
                failures.append(it["id"])
        applicable = counts["answered"] + counts["unknown"] + counts["unanswered"]
        percent = rnd(100.0 * points / mx, 10) if mx > 0 else None
        completeness = rnd(100.0 * counts["answered"] / applicable, 10) if applicable > 0 else None
        if percent is None or completeness is None:
            rating = "not_applicable"
        elif completeness < self.min_completeness:
            rating = "incomplete"
        else:
            band = next((k for k, (lo, _) in enumerate(self.bands) if lo <= percent), len(self.bands) - 1)
            if failures and self.cap is not None and band < self.cap:
                band = self.cap
            rating = self.bands[band][1]
        return {
            "points": rnd(points, 100),
            "max": rnd(mx, 100),
            "percent": percent,
            "completeness": completeness,
            "applicable": applicable,
            "answered": counts["answered"],
            "unknown": counts["unknown"],
            "unanswered": counts["unanswered"],
            "not_applicable": counts["not_applicable"],
            "excluded": counts["excluded"],
            "rating": rating,
            "critical_failures": failures,
        }

    def _groups(self, rows: List[Tuple[Any, ...]]) -> Dict[str, List[Tuple[str, Dict[str, Any]]]]:
        members: Dict[str, Dict[str, List[Tuple[Any, ...]]]] = {k: {g: [] for g in ids} for k, ids in self.groups.items()}
        for row in rows:
            it = row[0]
            members["theme"][it["theme"]].append(row)
            for p in it["principles"]:
                members["principle"][p].append(row)
            for d in it["domains"]:
                members["domain"][d].append(row)
        return {k: [(g, self._score(rs)) for g, rs in groups.items()] for k, groups in members.items()}

    def _improvements(self, rows: List[Tuple[Any, ...]]) -> List[Tuple[Any, ...]]:
        found = [
            (it, token, rnd(it["weight"] * (1.0 - fraction), 100), failure)
            for it, status, token, fraction, _, _, failure, _, _ in rows
            if status == "answered" and fraction is not None and fraction < 1.0
        ]
        found.sort(key=lambda x: (-x[2], not x[3]))
        return found

    def _signals(self, ctx: Dict[str, Any], eff: Dict[str, str]) -> List[Tuple[Dict[str, Any], Any, Tri]]:
        env: Env = (ctx, eff)
        fired: List[Tuple[Dict[str, Any], Any, Tri]] = []
        for s, cond in self.signals:
            r = cond.eval(env)
            if r is True:
                fired.append((s, cond, r))
        return fired

    def _gaps(self, rows: List[Tuple[Any, ...]]) -> List[Tuple[Any, ...]]:
        gaps = [r for r in rows if r[1] == "unknown" or r[1] == "unanswered"]
        gaps.sort(key=lambda r: (-r[0]["weight"], not r[0]["critical"]))
        return gaps

    def assess(self, proposal: Dict[str, Any]) -> Dict[str, Any]:
        """The whole assessment."""
        ctx, rows, eff = self._items(proposal)
        groups = self._groups(rows)
        items = []
        for it, status, token, fraction, points, mx, failure, applies, note in rows:
            short = (status == "answered" and fraction is not None and fraction < 1.0) or status in ("unknown", "unanswered")
            cond = it["applies"]
            items.append({
                "id": it["id"],
                "theme": it["theme"],
                "status": status,
                "answer": None if token == "unanswered" else token,
                "note": note,
                "weight": it["weight"],
                "points": rnd(points, 100),
                "max": rnd(mx, 100),
                "critical": it["critical"],
                "critical_failure": failure,
                "advice": it["advice"] if short else None,
                "applies": None if cond is None else cond.why(applies, ctx, eff),
            })
        signals = [
            {"id": s["id"], "severity": s["severity"], "message": s["message"], "why": cond.why(r, ctx, eff)}
            for s, cond, r in self._signals(ctx, eff)
        ]
        gaps = [
            {"item": r[0]["id"], "theme": r[0]["theme"], "status": r[1], "weight": r[0]["weight"],
             "critical": r[0]["critical"], "question": r[0]["question"]}
            for r in self._gaps(rows)
        ]
        improvements = [
            {"rank": k, "item": it["id"], "theme": it["theme"], "from": token, "to": it["best"], "gain": gain,
             "critical_failure": failure, "advice": it["advice"]}
            for k, (it, token, gain, failure) in enumerate(self._improvements(rows), start=1)
        ]

        def group_list(kind: str) -> List[Dict[str, Any]]:
            titles = self.titles[kind]
            return [{"id": g, "title": titles[g], **score} for g, score in groups[kind]]

        return {
            "ruleset": dict(self.info),
            "proposal": {"id": proposal.get("id"), "title": proposal.get("title")},
            "overall": self._score(rows),
            "themes": group_list("theme"),
            "principles": group_list("principle"),
            "domains": group_list("domain"),
            "items": items,
            "signals": signals,
            "knowledge_gaps": gaps,
            "improvements": improvements,
        }

    def summary(self, proposal: Dict[str, Any]) -> Dict[str, Any]:
        """The summary: scores, ratings, and the ids of signals, gaps and improvements."""
        ctx, rows, eff = self._items(proposal)
        groups = self._groups(rows)

        def group_list(kind: str) -> List[Dict[str, Any]]:
            out = []
            for g, s in groups[kind]:
                entry = {"id": g, "percent": s["percent"], "completeness": s["completeness"], "rating": s["rating"]}
                if s["critical_failures"]:
                    entry["critical_failures"] = s["critical_failures"]
                out.append(entry)
            return out

        return {
            "ruleset": dict(self.info),
            "proposal": {"id": proposal.get("id"), "title": proposal.get("title")},
            "overall": self._score(rows),
            "themes": group_list("theme"),
            "principles": group_list("principle"),
            "domains": group_list("domain"),
            "signals": [s["id"] for s, _, _ in self._signals(ctx, eff)],
            "knowledge_gaps": [r[0]["id"] for r in self._gaps(rows)],
            "improvements": [
                {"item": it["id"], "from": token, "to": it["best"], "gain": gain}
                for it, token, gain, _ in self._improvements(rows)
            ],
        }


def _canonical(doc: Any) -> str:
    import json

    def norm(v: Any) -> Any:
        if isinstance(v, float) and v.is_integer() and abs(v) <= 2**53:
            return int(v)
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, list):
            return [norm(x) for x in v]
        return v

    return json.dumps(norm(doc), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
