"""No input crashes the interpreter: every strange value ends in a ProposalError (or, for a
broken iterable, in the iterable's own exception)."""

from __future__ import annotations

import math
import random
import sys
from typing import Any, Dict, Iterator, List

import pytest

from sociale_bril import ProposalError, Ruleset


def nested_list(depth: int) -> List[Any]:
    root: List[Any] = []
    cur = root
    for _ in range(depth):
        nxt: List[Any] = []
        cur.append(nxt)
        cur = nxt
    return root


def nested_dict(depth: int) -> Dict[str, Any]:
    root: Dict[str, Any] = {}
    cur = root
    for _ in range(depth):
        nxt: Dict[str, Any] = {}
        cur["a"] = nxt
        cur = nxt
    return root


@pytest.mark.parametrize("depth", [70, 10_000, 200_000])
def test_deep_nesting(rules: Ruleset, depth: int) -> None:
    item = rules.item_ids[0]
    for value, where in (
        ({"title": nested_list(depth)}, "/title/0/0/"),
        ({"context": {"target_groups": nested_list(depth)}}, "/context/target_groups/0/0/"),
        ({"answers": {item: nested_dict(depth)}}, f"/answers/{item}/a/a/"),
        ({"unknown": nested_dict(depth)}, "/unknown/a/a/"),
        (nested_list(depth), "/0/0/"),
    ):
        with pytest.raises(ProposalError) as e:
            rules.assess(value)  # type: ignore[arg-type]
        # The depth limit is reported where it is hit: at the JSON pointer of the first value
        # nested 64 levels deep (after any problem found before it, such as the unknown key).
        limit = [i for i in e.value.issues if i["code"] == "limit-exceeded"]
        assert len(limit) == 1, e.value.issues
        assert limit[0]["pointer"].startswith(where)
        assert limit[0]["pointer"].count("/") == 64
        assert "64 levels" in limit[0]["message"]
    text = "[" * depth + "]" * depth
    with pytest.raises(ProposalError):
        rules.assess(text)


def test_self_reference(rules: Ruleset) -> None:
    loop: List[Any] = []
    loop.append(loop)
    d: Dict[str, Any] = {}
    d["answers"] = d
    for value in ({"title": loop}, d):
        with pytest.raises(ProposalError) as e:
            rules.assess(value)
        assert e.value.code in {"limit-exceeded", "proposal-syntax", "proposal-type", "unknown-item"}


def test_huge_strings(rules: Ruleset) -> None:
    big = "x" * (64 * 1024 * 1024)
    item = rules.item_ids[0]
    for value in ({"title": big}, {"answers": {item: {"answer": "ja", "note": big}}}, big, {big: 1}):
        with pytest.raises(ProposalError) as e:
            rules.assess(value)
        assert e.value.code == "limit-exceeded"
    # Over the text limit (64 KiB) but under the document limit: located.
    with pytest.raises(ProposalError) as e:
        rules.assess({"title": "x" * 100_000})
    assert (e.value.code, e.value.path) == ("limit-exceeded", "/title")


def test_numbers(rules: Ruleset) -> None:
    for value in (math.nan, math.inf, -math.inf, 10**400, -(10**30), 2**64, 1e308):
        with pytest.raises(ProposalError):
            rules.assess({"context": {"budget": value, "instrument": value}})
        with pytest.raises(ProposalError):
            rules.assess({"answers": {rules.item_ids[0]: value}})
    a = rules.assess({"id": 2**63 + 5, "context": {"budget": 10**6}})
    assert a["proposal"]["id"] == 2**63 + 5


def test_odd_keys_and_values(rules: Ruleset) -> None:
    class Weird:
        def __str__(self) -> str:
            raise RuntimeError("no")

        __repr__ = __str__

    class Boom(dict):  # type: ignore[type-arg]
        def items(self) -> Any:
            raise RuntimeError("boom")

        def __iter__(self) -> Iterator[Any]:
            raise RuntimeError("boom")

    odd: List[Any] = [
        {(1, 2): "x"},
        {None: 1},
        {1.5: 1},
        {Weird(): 1},
        {"title": Weird()},
        {"title": object()},
        {"title": "\ud800"},
        {"\udfff": 1},
        {"answers": {rules.item_ids[0]: {"answer": Weird()}}},
        {"context": {"target_groups": [Weird(), 1, None]}},
        {"context": {"target_groups": {1, 2}}},
        {"answers": {rules.item_ids[0]: frozenset(["ja"])}},
        "\ud800",
        bytearray(b"{]"),
        memoryview(b"{}"),
        Weird(),
        {"answers": Boom(a=1)},
    ]
    for value in odd:
        with pytest.raises(ProposalError):
            rules.assess(value)
    # A dict subclass is read as the dict it is.
    assert rules.assess(Boom(title="t"))["proposal"]["title"] == "t"


def test_mapping_that_raises(rules: Ruleset) -> None:
    from collections.abc import Mapping

    class Broken(Mapping):  # type: ignore[type-arg]
        def __getitem__(self, k: Any) -> Any:
            raise KeyError(k)

        def __iter__(self) -> Iterator[Any]:
            raise RuntimeError("broken iterator")

        def __len__(self) -> int:
            return 3

    with pytest.raises(ProposalError) as e:
        rules.assess(Broken())
    assert "broken iterator" in e.value.message


def test_iterables_that_raise(rules: Ruleset) -> None:
    class NoIter:
        def __iter__(self) -> Iterator[Any]:
            raise RuntimeError("no iterator")

    with pytest.raises(RuntimeError, match="no iterator"):
        rules.assess_many(NoIter())
    with pytest.raises(TypeError):
        rules.assess_many(5)  # type: ignore[call-overload]

    def gen() -> Iterator[Any]:
        yield {}
        yield {"title": "b"}
        raise KeyError("halfway")

    it = rules.assess_many(gen())
    assert next(it)["proposal"]["title"] is None
    assert next(it)["proposal"]["title"] == "b"
    with pytest.raises(KeyError, match="halfway"):
        next(it)
    assert list(it) == []


def test_random_values(rules: Ruleset) -> None:
    rng = random.Random(4)
    item = rules.item_ids[0]
    atoms: List[Any] = [None, True, False, 0, -1, 3, 2.5, math.nan, "", "ja", "nee", "unknown",
                        "x" * 300, "é", [], {}, (), 10**20, -0.0, "\x00", item]

    def value(depth: int) -> Any:
        r = rng.random()
        if depth > 4 or r < 0.5:
            return rng.choice(atoms)
        if r < 0.75:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        keys = ["title", "context", "answers", "id", "answer", "note", "budget", "instrument", item, 7]
        return {rng.choice(keys): value(depth + 1) for _ in range(rng.randrange(5))}

    outcomes = {"ok": 0, "error": 0}
    values = [value(0) for _ in range(3000)]
    for v in values:
        try:
            rules.assess(v)
            outcomes["ok"] += 1
        except ProposalError as e:
            assert e.issues and e.code
            outcomes["error"] += 1
    assert outcomes["ok"] and outcomes["error"]
    many = list(rules.assess_many(values, errors="return"))
    assert len(many) == len(values)
    assert sum(isinstance(m, ProposalError) for m in many) == outcomes["error"]


def test_refcounts_do_not_leak(rules: Ruleset) -> None:
    p = {"title": "leak?", "answers": {rules.item_ids[0]: "unknown"}}
    title = p["title"]
    before = sys.getrefcount(title)
    for _ in range(1000):
        rules.assess(p)
        list(rules.assess_many([p, {"answers": 1}], errors="return"))
    assert sys.getrefcount(title) == before
