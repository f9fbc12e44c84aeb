"""The same rules for two peer engines: a ZEN decision graph (zen-engine) and a JSONLogic rule
(datalogic-py), both generated from the ruleset's JSON form.

Each computes the assessment *summary* of a proposal — what ``Ruleset.assess(p,
detail="summary")`` returns: per item the status (from ``applies_if`` under three-valued logic and
the answer), points and maximum; per theme, principle, domain and overall the score, completeness
and rating (bands, ``incomplete``, ``not_applicable``, the critical cap); the signals that fire;
the knowledge gaps in order; and the improvements, ranked. The benchmark checks that both give
exactly the engine's summary for every proposal.

Scope, stated plainly: the peers read canonical tokens and option ids only (no Dutch aliases, no
``{"answer", "note"}`` objects, no validation); the proposals of the benchmark are written that
way. The engine, the plain Python loop and the peers all get the same proposals.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Tuple

from expr import Node, Scope, parse, scoring

Doc = Dict[str, Any]
SEVERITY = {"critical": 2, "warning": 1, "info": 0}


class Model:
    """What both translations need, prepared from the ruleset document."""

    def __init__(self, doc: Doc, info: Dict[str, str]) -> None:
        self.doc = doc
        self.info = info
        scope = Scope(doc)
        scales = {s["id"]: s for s in doc["scale"]}
        self.min_completeness, self.fail_below, self.bands, self.cap = scoring(doc)
        self.items = []
        for k, i in enumerate(doc["item"]):
            scale = scales[i["scale"]]
            options = [(o["token"], float(o["fraction"])) for o in scale["options"]]
            best = max(scale["options"], key=lambda o: o["fraction"])["token"]
            self.items.append({
                "k": k,
                "id": i["id"],
                "weight": int(i["weight"]),
                "critical": bool(i.get("critical", False)),
                "options": options,
                "best": best,
                "applies": parse(i["applies_if"], scope) if i.get("applies_if") else None,
                "theme": i["theme"],
                "groups": [("theme", i["theme"])] + [("principle", p) for p in i.get("principles", [])]
                + [("domain", d) for d in i.get("domains", [])],
            })
        self.index = {it["id"]: it["k"] for it in self.items}
        self.groups: List[Tuple[str, str, List[int]]] = [("overall", "", [it["k"] for it in self.items])]
        for kind in ("theme", "principle", "domain"):
            for g in doc[kind]:
                members = [it["k"] for it in self.items if (kind, g["id"]) in it["groups"]]
                self.groups.append((kind, g["id"], members))
        signals = [(s["id"], parse(s["when"], scope), SEVERITY[s["severity"]]) for s in doc.get("signal", [])]
        self.signals = [(sid, node) for sid, node, _ in sorted(signals, key=lambda s: -s[2])]
        self.gap_order = sorted(self.items, key=lambda it: (-it["weight"], not it["critical"], it["k"]))
        gains = set()
        for it in self.items:
            for _, f in it["options"]:
                if f < 1.0:
                    gains.add(round(it["weight"] * (1.0 - f), 2))
        self.gains = sorted(gains, reverse=True)


# ----------------------------------------------------------------------------------------------
# ZEN (zen-engine): one expression node computes everything with `$` self-references; a second
# keeps only the summary's keys.


def _zs(s: str) -> str:
    return json.dumps(s)


def _zlist(values: List[Any]) -> str:
    return "[" + ", ".join(_zs(v) if isinstance(v, str) else _znum(v) for v in values) + "]"


def _znum(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _zen_tf(node: Node, index: Dict[str, int]) -> Tuple[str, str]:
    """(definitely true, definitely false) of a condition, as ZEN expressions."""
    kind = node[0]
    if kind == "const":
        return ("true", "false") if node[1] else ("false", "true")
    if kind in ("and", "or"):
        parts = [_zen_tf(p, index) for p in node[1]]
        ts = " and ".join(f"({t})" for t, _ in parts)
        fs = " or ".join(f"({f})" for _, f in parts)
        if kind == "and":
            return ts, fs
        return " or ".join(f"({t})" for t, _ in parts), " and ".join(f"({f})" for _, f in parts)
    if kind == "not":
        t, f = _zen_tf(node[1], index)
        return f, t
    if kind == "answer":
        expr = f"$.e{index[node[1]]} in {_zlist(node[2])}"
        return expr, f"not ({expr})"
    v = f"context.{node[1]}"
    if kind == "isset":
        return f"{v} != null", f"{v} == null"
    if kind == "bool":
        return f"{v} == true", f"{v} == false"
    if kind == "in":
        expr = f"{v} in {_zlist(node[3])}"
        return f"{v} != null and ({expr})", f"{v} != null and not ({expr})"
    if kind == "has":
        expr = f"contains({v}, {_zs(node[2])})"
        return f"{v} != null and {expr}", f"{v} != null and not {expr}"
    if kind == "contains":
        expr = f"contains(lower({v}), {_zs(node[2].lower())})"
        return f"{v} != null and {expr}", f"{v} != null and not {expr}"
    op = node[2]
    if kind == "num":
        expr = f"{v} {op} {_znum(node[3])}"
        return f"{v} != null and ({expr})", f"{v} != null and not ({expr})"
    if kind == "numfields":
        w = f"context.{node[3]}"
        expr = f"{v} {op} {w}"
        return f"{v} != null and {w} != null and ({expr})", f"{v} != null and {w} != null and not ({expr})"
    raise ValueError(f"unknown condition {node!r}")


def _zen_round(x: str, f: int) -> str:
    """Half away from zero for x >= 0, as the engine computes it: t = floor(y); y - t >= 0.5."""
    y = f"(({x}) * {f})"
    return f"(({y} - floor({y}) >= 0.5 ? floor({y}) + 1 : floor({y})) / {f})"


def zen_decision(m: Model, trivial: bool = False) -> Dict[str, Any]:
    """The JDM graph (JSON) of the summary (with `trivial`, a graph of the same shape with one
    constant expression: what a call costs whatever the rules)."""
    ex: List[Tuple[str, str]] = []
    if trivial:
        return _zen_graph([("ruleset", "1")], [("ruleset", "ruleset")])
    # Answers by index; the effective token (`$.e<id>`) is what signals read.
    for it in m.items:
        k = it["k"]
        ex.append((f"a{k}", f"answers[{_zs(it['id'])}]"))
        status = f'$.a{k} == null ? "unanswered" : ($.a{k} == "unknown" or $.a{k} == "not_applicable" ? $.a{k} : "answered")'
        if it["applies"] is not None:
            _, false = _zen_tf(it["applies"], m.index)
            status = f'({false}) ? "excluded" : ({status})'
        ex.append((f"s{k}", status))
        frac = "null"
        for token, f in reversed(it["options"]):
            frac = f"$.a{k} == {_zs(token)} ? {_znum(f)} : ({frac})"
        ex.append((f"f{k}", frac))
        w = it["weight"]
        ex.append((f"p{k}", f'$.s{k} == "answered" ? {w} * $.f{k} : 0'))
        ex.append((f"m{k}", f'$.s{k} == "answered" or $.s{k} == "unknown" or $.s{k} == "unanswered" ? {w} : 0'))
        ex.append((f"n{k}", f'$.s{k} == "answered" ? 1 : 0'))
        ex.append((f"q{k}", f"$.m{k} > 0 ? 1 : 0"))
        if it["critical"]:
            ex.append((f"c{k}", f'$.s{k} == "answered" and $.f{k} < {_znum(m.fail_below)}'))
        ex.append((f"e{k}", f'$.s{k} == "excluded" ? "not_applicable" : ($.a{k} == null ? "unanswered" : $.a{k})'))
    # Groups.
    band_ids = _zlist([b for _, b in m.bands])
    outputs: Dict[str, str] = {}
    for g, (kind, gid, members) in enumerate(m.groups):
        def total(prefix: str) -> str:
            return " + ".join(f"$.{prefix}{k}" for k in members) or "0"

        ex.append((f"gp{g}", total("p")))
        ex.append((f"gm{g}", total("m")))
        ex.append((f"gn{g}", total("n")))
        ex.append((f"gq{g}", total("q")))
        crit = [m.items[k] for k in members if m.items[k]["critical"]]
        cf = "filter([" + ", ".join(f'$.c{it["k"]} ? {_zs(it["id"])} : null' for it in crit) + "], # != null)" if crit else "[]"
        ex.append((f"gc{g}", cf))
        ex.append((f"gpct{g}", f"$.gm{g} > 0 ? {_zen_round(f'100 * $.gp{g} / $.gm{g}', 10)} : null"))
        ex.append((f"gcomp{g}", f"$.gq{g} > 0 ? {_zen_round(f'100 * $.gn{g} / $.gq{g}', 10)} : null"))
        band = str(len(m.bands) - 1)
        for b in range(len(m.bands) - 2, -1, -1):
            band = f"$.gpct{g} >= {_znum(m.bands[b][0])} ? {b} : ({band})"
        ex.append((f"gband{g}", f"$.gpct{g} == null ? {len(m.bands) - 1} : ({band})"))
        if m.cap is not None:
            ex.append((f"gb{g}", f"len($.gc{g}) > 0 and $.gband{g} < {m.cap} ? {m.cap} : $.gband{g}"))
        else:
            ex.append((f"gb{g}", f"$.gband{g}"))
        ex.append((
            f"gr{g}",
            f'$.gpct{g} == null or $.gcomp{g} == null ? "not_applicable" : '
            f'($.gcomp{g} < {_znum(m.min_completeness)} ? "incomplete" : {band_ids}[$.gb{g}])',
        ))
        if kind == "overall":
            def count(status: str) -> str:
                return " + ".join(f'($.s{k} == "{status}" ? 1 : 0)' for k in members) or "0"

            outputs["overall"] = (
                f"{{points: {_zen_round(f'$.gp{g}', 100)}, max: {_zen_round(f'$.gm{g}', 100)}, percent: $.gpct{g}, "
                f"completeness: $.gcomp{g}, applicable: $.gq{g}, answered: $.gn{g}, unknown: {count('unknown')}, "
                f"unanswered: {count('unanswered')}, not_applicable: {count('not_applicable')}, "
                f"excluded: {count('excluded')}, rating: $.gr{g}, critical_failures: $.gc{g}}}"
            )
        else:
            base = f"id: {_zs(gid)}, percent: $.gpct{g}, completeness: $.gcomp{g}, rating: $.gr{g}"
            entry = f"(len($.gc{g}) > 0 ? {{{base}, critical_failures: $.gc{g}}} : {{{base}}})"
            outputs.setdefault(kind, "")
            outputs[kind] += ("" if not outputs[kind] else ", ") + entry
    for kind in ("theme", "principle", "domain"):
        outputs[kind] = "[" + outputs.get(kind, "") + "]"
    # Signals, gaps, improvements.
    fired = ", ".join(f"({_zen_tf(node, m.index)[0]}) ? {_zs(sid)} : null" for sid, node in m.signals)
    ex.append(("zsignals", f"filter([{fired}], # != null)"))
    gaps = ", ".join(
        f'$.s{it["k"]} == "unknown" or $.s{it["k"]} == "unanswered" ? {_zs(it["id"])} : null' for it in m.gap_order
    )
    ex.append(("zgaps", f"filter([{gaps}], # != null)"))
    cands = []
    for it in m.items:
        k = it["k"]
        cf = f"$.c{k}" if it["critical"] else "false"
        gain = _zen_round(f"{it['weight']} * (1 - $.f{k})", 100)
        cands.append(
            f'($.s{k} == "answered" and $.f{k} < 1) ? {{item: {_zs(it["id"])}, from: $.a{k}, to: {_zs(it["best"])}, '
            f"gain: {gain}, cf: {cf}}} : null"
        )
    ex.append(("zcand", f"filter([{', '.join(cands)}], # != null)"))
    ex.append((
        "zimp",
        f"map(flatten(map({_zlist(m.gains)} as g, flatten([filter($.zcand, #.gain == g and #.cf), "
        f"filter($.zcand, #.gain == g and not #.cf)]))), {{item: #.item, from: #.from, to: #.to, gain: #.gain}})",
    ))
    info = m.info
    final = [
        ("ruleset", f"{{id: {_zs(info['id'])}, version: {_zs(info['version'])}, hash: {_zs(info['hash'])}}}"),
        ("proposal", "{id: id, title: title}"),
        ("overall", outputs["overall"]),
        ("themes", outputs["theme"]),
        ("principles", outputs["principle"]),
        ("domains", outputs["domain"]),
        ("signals", "$.zsignals"),
        ("knowledge_gaps", "$.zgaps"),
        ("improvements", "$.zimp"),
    ]
    ex.extend(final)
    return _zen_graph(ex, [(key, key) for key, _ in final])


def _zen_graph(ex: List[Tuple[str, str]], keep: List[Tuple[str, str]]) -> Dict[str, Any]:
    """request → score (expressions `ex`) → summary (keeps `keep`) → response."""

    def node(nid: str, name: str, exprs: List[Tuple[str, str]], x: int) -> Dict[str, Any]:
        return {
            "id": nid,
            "type": "expressionNode",
            "name": name,
            "position": {"x": x, "y": 0},
            "content": {
                "expressions": [{"id": f"{nid}-{n}", "key": key, "value": value} for n, (key, value) in enumerate(exprs)],
                "passThrough": False,
                "inputField": None,
                "outputPath": None,
                "executionMode": "single",
            },
        }

    return {
        "nodes": [
            {"id": "request", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
            node("score", "score", ex, 200),
            node("summary", "summary", keep, 400),
            {"id": "response", "type": "outputNode", "name": "response", "position": {"x": 600, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "request", "targetId": "score", "type": "edge"},
            {"id": "e2", "sourceId": "score", "targetId": "summary", "type": "edge"},
            {"id": "e3", "sourceId": "summary", "targetId": "response", "type": "edge"},
        ],
    }


# ----------------------------------------------------------------------------------------------
# JSONLogic (datalogic-py, templating mode). JSONLogic has no variables; "map over a one-element
# array" binds a computed value instead. Level 0 (the proposal) computes the items; level 1 (the
# items) the group totals; level 2 (the groups) the summary. `{"val": [[1], …]}` reads the level
# above, `{"val": [[99], …]}` the proposal.

ROOT: List[Any] = [[99]]
# Columns of an item row and of a group row.
S, F, P, M, N, Q, C, E, A = range(9)
GP, GM, GN, GQ, GC, GU, GA, GNA, GX = range(9)


def _jl_tf(node: Node, ctx: Any, item_scope: Any, index: Dict[str, int]) -> Tuple[Any, Any]:
    """(definitely true, definitely false) as JSONLogic. `ctx` is the `val` path prefix of the
    proposal; `item_scope` that of the item rows (for answers), or None where answers are not
    readable."""
    kind = node[0]
    if kind == "const":
        return (True, False) if node[1] else (False, True)
    if kind in ("and", "or"):
        parts = [_jl_tf(p, ctx, item_scope, index) for p in node[1]]
        ts = [t for t, _ in parts]
        fs = [f for _, f in parts]
        return ({"and": ts}, {"or": fs}) if kind == "and" else ({"or": ts}, {"and": fs})
    if kind == "not":
        t, f = _jl_tf(node[1], ctx, item_scope, index)
        return f, t
    if kind == "answer":
        tok = {"val": [*item_scope, index[node[1]], E]}
        expr = {"in": [tok, list(node[2])]}
        return expr, {"!": expr}
    v = {"val": [*ctx, "context", node[1]]}
    known = {"!==": [v, None]}
    if kind == "isset":
        return known, {"===": [v, None]}
    if kind == "bool":
        return {"===": [v, True]}, {"===": [v, False]}
    if kind == "in":
        expr: Any = {"in": [v, list(node[3])]}
    elif kind == "has":
        expr = {"in": [node[2], v]}
    elif kind == "contains":
        expr = {"in": [node[2].lower(), {"lower": v}]}
    elif kind == "num":
        expr = {node[2]: [v, node[3]]}
    elif kind == "numfields":
        w = {"val": [*ctx, "context", node[3]]}
        expr = {node[2]: [v, w]}
        known = {"and": [known, {"!==": [w, None]}]}
    else:
        raise ValueError(f"unknown condition {node!r}")
    return {"and": [known, expr]}, {"and": [known, {"!": expr}]}


def _jl_round(x: Any, f: int) -> Any:
    y = {"*": [x, f]}
    t = {"floor": y}
    return {"/": [{"if": [{">=": [{"-": [y, t]}, 0.5]}, {"+": [t, 1]}, t]}, f]}


def _jl_sum(terms: List[Any]) -> Any:
    return {"+": terms} if terms else 0


def datalogic_rule(m: Model) -> Any:
    """The JSONLogic rule (for an engine in templating mode) of the summary. Its result is a
    one-element list holding the summary."""
    # Level 0: one row per item.
    rows = []
    for it in m.items:
        a = {"val": ["answers", it["id"]]}
        status: Any = {"if": [
            {"===": [a, None]}, "unanswered",
            {"in": [a, ["unknown", "not_applicable"]]}, a,
            "answered",
        ]}
        if it["applies"] is not None:
            _, false = _jl_tf(it["applies"], [], None, m.index)
            status = {"if": [false, "excluded", status]}
        frac: Any = None
        for token, f in reversed(it["options"]):
            frac = {"if": [{"===": [a, token]}, f, frac]}
        w = it["weight"]
        answered = {"===": [status, "answered"]}
        counts = {"in": [status, ["answered", "unknown", "unanswered"]]}
        rows.append([
            status,
            frac,
            {"if": [answered, {"*": [w, frac]}, 0]},
            {"if": [counts, w, 0]},
            {"if": [answered, 1, 0]},
            {"if": [counts, 1, 0]},
            {"and": [answered, {"<": [frac, m.fail_below]}]} if it["critical"] else False,
            {"if": [{"===": [status, "excluded"]}, "not_applicable", {"if": [{"===": [a, None]}, "unanswered", a]}]},
            a,
        ])
    # Level 1 (data: the rows): one row per group.
    def col(k: int, c: int) -> Any:
        return {"val": [k, c]}

    def count(members: List[int], status: str) -> Any:
        return _jl_sum([{"if": [{"===": [col(k, S), status]}, 1, 0]} for k in members])

    groups = []
    for _, _, members in m.groups:
        crit = [m.items[k] for k in members if m.items[k]["critical"]]
        cf = {"filter": [[{"if": [col(it["k"], C), it["id"], None]} for it in crit], {"!==": [{"val": []}, None]}]} if crit else []
        groups.append([
            _jl_sum([col(k, P) for k in members]),
            _jl_sum([col(k, M) for k in members]),
            _jl_sum([col(k, N) for k in members]),
            _jl_sum([col(k, Q) for k in members]),
            cf,
            count(members, "unknown"),
            count(members, "unanswered"),
            count(members, "not_applicable"),
            count(members, "excluded"),
        ])
    # Level 2 (data: the group rows).
    def g(i: int, c: int) -> Any:
        return {"val": [i, c]}

    def pct(i: int) -> Any:
        return {"if": [{">": [g(i, GM), 0]}, _jl_round({"/": [{"*": [100, g(i, GP)]}, g(i, GM)]}, 10), None]}

    def comp(i: int) -> Any:
        return {"if": [{">": [g(i, GQ), 0]}, _jl_round({"/": [{"*": [100, g(i, GN)]}, g(i, GQ)]}, 10), None]}

    def rating(i: int) -> Any:
        band: Any = m.bands[-1][1]
        for b in range(len(m.bands) - 2, -1, -1):
            lo, bid = m.bands[b]
            capped = bid
            if m.cap is not None and b < m.cap:
                capped = {"if": [{">": [{"length": g(i, GC)}, 0]}, m.bands[m.cap][1], bid]}
            band = {"if": [{">=": [pct(i), lo]}, capped, band]}
        return {"if": [
            {"or": [{"===": [g(i, GM), 0]}, {"===": [g(i, GQ), 0]}]}, "not_applicable",
            {"<": [comp(i), m.min_completeness]}, "incomplete",
            band,
        ]}

    items: List[Any] = [[1]]  # the rows, one level up

    def row(k: int, c: int) -> Any:
        return {"val": [[1], k, c]}

    lists: Dict[str, List[Any]] = {"theme": [], "principle": [], "domain": []}
    overall: Any = None
    for i, (kind, gid, _) in enumerate(m.groups):
        if kind == "overall":
            overall = {
                "points": _jl_round(g(i, GP), 100), "max": _jl_round(g(i, GM), 100), "percent": pct(i),
                "completeness": comp(i), "applicable": g(i, GQ), "answered": g(i, GN), "unknown": g(i, GU),
                "unanswered": g(i, GA), "not_applicable": g(i, GNA), "excluded": g(i, GX), "rating": rating(i),
                "critical_failures": g(i, GC),
            }
            continue
        base = {"id": gid, "percent": pct(i), "completeness": comp(i), "rating": rating(i)}
        lists[kind].append({"if": [{">": [{"length": g(i, GC)}, 0]}, {**base, "critical_failures": g(i, GC)}, base]})
    fired = [{"if": [_jl_tf(node, ROOT, items, m.index)[0], sid, None]} for sid, node in m.signals]
    not_null = {"!==": [{"val": []}, None]}
    gaps = [{"if": [{"in": [row(it["k"], S), ["unknown", "unanswered"]]}, it["id"], None]} for it in m.gap_order]
    cands = []
    for it in m.items:
        k = it["k"]
        gain = _jl_round({"*": [it["weight"], {"-": [1, row(k, F)]}]}, 100)
        cands.append({"if": [
            {"and": [{"===": [row(k, S), "answered"]}, {"<": [row(k, F), 1]}]},
            {"item": it["id"], "from": row(k, A), "to": it["best"], "gain": gain,
             "key": {"+": [{"*": [gain, 1000]}, {"if": [row(k, C), 1, 0]}]}},
            None,
        ]})
    improvements = {"map": [
        {"sort": [{"filter": [cands, not_null]}, False, {"val": "key"}]},
        {"item": {"val": "item"}, "from": {"val": "from"}, "to": {"val": "to"}, "gain": {"val": "gain"}},
    ]}
    info = m.info
    summary = {
        "ruleset": {"id": info["id"], "version": info["version"], "hash": info["hash"]},
        "proposal": {"id": {"val": [*ROOT, "id"]}, "title": {"val": [*ROOT, "title"]}},
        "overall": overall,
        "themes": lists["theme"],
        "principles": lists["principle"],
        "domains": lists["domain"],
        "signals": {"filter": [fired, not_null]},
        "knowledge_gaps": {"filter": [gaps, not_null]},
        "improvements": improvements,
    }
    return {"map": [[rows], {"map": [[groups], summary]}]}
