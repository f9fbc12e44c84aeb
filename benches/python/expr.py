"""The rule language's conditions (docs/rule-language.md §2), parsed in Python for the benchmark.

The benchmark expresses the same rules three more ways — a plain Python loop, a ZEN decision
graph and a JSONLogic rule — and all three start from this parse of each ``applies_if`` and
``when`` of the ruleset. The result is a small typed tree in which option ids and answer tokens
are canonical (aliases resolved), so that the translations need no knowledge of aliases.

Node kinds (tuples):

- ``("const", bool)``
- ``("and", [nodes])``, ``("or", [nodes])``, ``("not", node)``
- ``("bool", field)``: a boolean field used as a condition
- ``("isset", field)``
- ``("num", field, op, number)``, ``("numfields", field, op, field)`` with op in
  ``== != < <= > >=``
- ``("in", field, kind, [values])``: a choice/text/number field is one of the values
- ``("has", field, option)``: a choices field contains the option
- ``("contains", field, text)``: a text field contains the text, ignoring ASCII case
- ``("answer", item, [tokens])``: the item's (effective) answer is one of the tokens
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

Node = Tuple[Any, ...]

SPECIAL = {"unknown": ["onbekend", "weet ik niet"], "not_applicable": ["nvt", "n.v.t."], "unanswered": []}

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<num>-?\d[\d_]*(?:\.\d[\d_]*)?)
    | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
    | (?P<answer>answer\(\s*(?P<item>[^)\s]+)\s*\))
    | (?P<isset>is_set\(\s*context\.(?P<setfield>\w+)\s*\))
    | (?P<field>context\.\w+)
    | (?P<word>[A-Za-z_]+)
    )""",
    re.X,
)


def _unescape(s: str) -> str:
    body = s[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


class Scope:
    """What a condition may refer to: the ruleset's context fields and items, by id."""

    def __init__(self, doc: Dict[str, Any]) -> None:
        self.fields = {f["id"]: f for f in doc["context"]}
        scales = {s["id"]: s for s in doc["scale"]}
        self.items = {i["id"]: scales[i["scale"]] for i in doc["item"]}

    def option(self, field: str, value: str) -> str:
        wanted = value.strip().lower()
        for o in self.fields[field].get("options", []):
            if o["id"] == wanted or wanted in [a.lower() for a in o.get("aliases", [])]:
                return str(o["id"])
        raise ValueError(f"{value!r} is not an option of context.{field}")

    def token(self, item: str, value: str) -> str:
        wanted = value.strip().lower()
        for o in self.items[item]["options"]:
            if o["token"] == wanted or wanted in [a.lower() for a in o.get("aliases", [])]:
                return str(o["token"])
        for token, aliases in SPECIAL.items():
            if wanted == token or wanted in aliases:
                return token
        raise ValueError(f"{value!r} is not an answer to {item}")


def parse(text: str, scope: Scope) -> Node:
    """Parses and type-resolves one condition."""
    tokens: List[Tuple[str, Any]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ValueError(f"cannot read {text[pos:]!r}")
        pos = m.end()
        if m.group("str"):
            tokens.append(("lit", _unescape(m.group("str"))))
        elif m.group("num"):
            tokens.append(("lit", float(m.group("num").replace("_", ""))))
        elif m.group("op"):
            tokens.append(("op", m.group("op")))
        elif m.group("answer"):
            tokens.append(("answer", m.group("item")))
        elif m.group("isset"):
            tokens.append(("isset", m.group("setfield")))
        elif m.group("field"):
            tokens.append(("field", m.group("field")[len("context.") :]))
        else:
            word = m.group("word")
            if word in ("true", "false"):
                tokens.append(("lit", word == "true"))
            else:
                tokens.append(("kw", word))
    return _Parser(tokens, scope).parse()


class _Parser:
    def __init__(self, tokens: List[Tuple[str, Any]], scope: Scope) -> None:
        self.t = tokens
        self.i = 0
        self.scope = scope

    def peek(self) -> Tuple[str, Any]:
        return self.t[self.i] if self.i < len(self.t) else ("end", None)

    def take(self) -> Tuple[str, Any]:
        tok = self.peek()
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.or_()
        if self.peek()[0] != "end":
            raise ValueError(f"unexpected {self.peek()}")
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.peek() == ("kw", "or"):
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def and_(self) -> Node:
        parts = [self.not_()]
        while self.peek() == ("kw", "and"):
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def not_(self) -> Node:
        if self.peek() == ("kw", "not"):
            self.take()
            return ("not", self.not_())
        return self.comparison()

    def operand(self) -> Tuple[str, Any]:
        kind, value = self.take()
        if (kind, value) == ("op", "("):
            inner = self.or_()
            if self.take() != ("op", ")"):
                raise ValueError("missing )")
            return ("cond", inner)
        if (kind, value) == ("op", "["):
            items: List[Any] = []
            while self.peek() != ("op", "]"):
                k, v = self.take()
                if k != "lit":
                    raise ValueError("lists hold literals")
                items.append(v)
                if self.peek() == ("op", ","):
                    self.take()
            self.take()
            return ("list", items)
        if kind in ("lit", "field", "answer", "isset"):
            return (kind, value)
        raise ValueError(f"unexpected {value!r}")

    def comparison(self) -> Node:
        left = self.operand()
        kind, value = self.peek()
        op = None
        if kind == "op" and value in ("==", "!=", "<", "<=", ">", ">="):
            op = value
        elif (kind, value) in (("kw", "in"), ("kw", "contains")):
            op = value
        elif (kind, value) == ("kw", "not") and self.i + 1 < len(self.t) and self.t[self.i + 1] == ("kw", "in"):
            self.take()
            op = "not in"
        if op is None:
            return self.single(left)
        self.take()
        right = self.operand()
        return self.compare(op, left, right)

    def single(self, operand: Tuple[str, Any]) -> Node:
        kind, value = operand
        if kind == "cond":
            return value  # type: ignore[no-any-return]
        if kind == "isset":
            return ("isset", value)
        if kind == "field":
            if self.scope.fields[value]["type"] != "boolean":
                raise ValueError(f"context.{value} is not a boolean")
            return ("bool", value)
        if kind == "lit" and isinstance(value, bool):
            return ("const", value)
        raise ValueError(f"{operand} is not a condition")

    def compare(self, op: str, left: Tuple[str, Any], right: Tuple[str, Any]) -> Node:
        flip = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
        if left[0] == "lit" and right[0] in ("field", "answer") and op in flip:
            left, right, op = right, left, flip[op]
        negate = op in ("!=", "not in")
        base = {"!=": "==", "not in": "in"}.get(op, op)
        node = self.positive(base, left, right)
        return ("not", node) if negate else node

    def positive(self, op: str, left: Tuple[str, Any], right: Tuple[str, Any]) -> Node:
        s = self.scope
        if left[0] == "answer":
            item = left[1]
            values = [right[1]] if right[0] == "lit" else right[1]
            if op not in ("==", "in"):
                raise ValueError("answers compare with == and in")
            return ("answer", item, [s.token(item, str(v)) for v in values])
        if left[0] != "field":
            raise ValueError(f"cannot compare {left}")
        field = left[1]
        ftype = s.fields[field]["type"]
        if op == "contains":
            if ftype == "choices":
                return ("has", field, s.option(field, right[1]))
            return ("contains", field, right[1])
        if ftype == "boolean":
            if op != "==" or right[0] != "lit" or not isinstance(right[1], bool):
                raise ValueError("booleans compare with == true/false")
            return ("bool", field) if right[1] else ("not", ("bool", field))
        if ftype == "number" and op not in ("in",):
            if right[0] == "field":
                return ("numfields", field, op, right[1])
            return ("num", field, op, float(right[1]))
        values = [right[1]] if right[0] == "lit" else right[1]
        if ftype == "choice":
            values = [s.option(field, str(v)) for v in values]
        elif ftype == "number":
            values = [float(v) for v in values]
        return ("in", field, ftype, values)


def scoring(doc: Dict[str, Any]) -> Tuple[float, float, List[Tuple[float, str]], Optional[int]]:
    """The scoring settings (docs/scoring.md §6–7): minimum completeness, the fraction below which
    a critical item fails, the rating bands from the highest `min` down, and the index of the
    band that caps a group with a critical failure."""
    settings = doc.get("scoring", {})
    ranked = sorted(enumerate(doc["rating"]), key=lambda b: (-b[1]["min"], b[0]))
    bands = [(float(b["min"]), str(b["id"])) for _, b in ranked]
    cap = settings.get("critical_cap")
    capped = next((k for k, (_, bid) in enumerate(bands) if bid == cap), None)
    return (
        float(settings.get("min_completeness", 0)),
        float(settings.get("critical_fail_below", 0.5)),
        bands,
        capped,
    )


def refs(node: Node) -> List[str]:
    """The names a condition reads, in order of first appearance: ``context.F`` and
    ``answer(I)``, as the assessment's ``why.values`` lists them."""
    out: List[str] = []

    def walk(n: Node) -> None:
        kind = n[0]
        if kind in ("and", "or"):
            for p in n[1]:
                walk(p)
        elif kind == "not":
            walk(n[1])
        elif kind == "answer":
            out.append(f"answer({n[1]})")
        elif kind == "numfields":
            out.append(f"context.{n[1]}")
            out.append(f"context.{n[3]}")
        elif kind != "const":
            out.append(f"context.{n[1]}")

    walk(node)
    return list(dict.fromkeys(out))
