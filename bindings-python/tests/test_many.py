"""assess_many: the same results as assess, in order, streamed, in parallel, with errors raised
or returned in place."""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any, Dict, Iterator, List

import pytest

from sociale_bril import ProposalError, Ruleset


def make_proposals(rules: Ruleset, n: int, seed: int = 1) -> List[Dict[str, Any]]:
    q = rules.questions()
    items = [(i["id"], [o["id"] for o in i["options"]]) for t in q["themes"] for i in t["items"]]
    out = []
    for k in range(n):
        answers = {iid: opts[(k * 7 + j * 3 + seed) % len(opts)] for j, (iid, opts) in enumerate(items) if (k + j) % 5}
        out.append({"id": k, "title": f"voorstel {k}", "answers": answers})
    return out


def test_same_as_assess(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    proposals = examples + make_proposals(rules, 300)
    expected = [rules.assess(p) for p in proposals]
    assert list(rules.assess_many(proposals)) == expected
    assert list(rules.assess_many(iter(proposals), jobs=1)) == expected
    assert list(rules.assess_many((json.dumps(p) for p in proposals), jobs=3)) == expected
    assert list(rules.assess_many(tuple(proposals), jobs=64)) == expected


def test_empty_and_single(rules: Ruleset) -> None:
    assert list(rules.assess_many([])) == []
    assert len(list(rules.assess_many([{}]))) == 1


def test_errors_raise(rules: Ruleset) -> None:
    proposals: List[Any] = [{}, {}, {"answers": {"x.y": "ja"}}, {}]
    it = rules.assess_many(proposals)
    assert next(it)["proposal"]["title"] is None
    next(it)
    with pytest.raises(ProposalError) as e:
        next(it)
    assert e.value.index == 2
    assert (e.value.code, e.value.path, e.value.item) == ("unknown-item", "/answers/x.y", "x.y")
    assert str(e.value).startswith("proposal 2: ")
    assert list(it) == []
    with pytest.raises(ProposalError) as e:
        bad: List[Any] = [[]]
        list(rules.assess_many(itertools.chain([{}] * 1000, bad, [{}] * 10)))
    assert e.value.index == 1000


def test_errors_return(rules: Ruleset) -> None:
    proposals: List[Any] = [{}, "{", {"answers": {"x.y": "ja"}}, [], {"title": "ok"}]
    out = list(rules.assess_many(proposals, errors="return"))
    assert len(out) == 5
    assert isinstance(out[0], dict) and isinstance(out[4], dict)
    errs = [o for o in out if isinstance(o, ProposalError)]
    assert [e.index for e in errs] == [1, 2, 3]
    assert [e.code for e in errs] == ["json-syntax", "unknown-item", "proposal-type"]


def test_arguments(rules: Ruleset) -> None:
    with pytest.raises(ValueError, match="errors"):
        rules.assess_many([], errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="jobs"):
        rules.assess_many([], jobs=0)
    with pytest.raises(ValueError, match="jobs"):
        rules.assess_many([], jobs=-1)
    with pytest.raises(TypeError):
        rules.assess_many([], jobs="2")  # type: ignore[call-overload]


def test_streams_a_large_generator(rules: Ruleset) -> None:
    """A generator is read a few chunks ahead of the results, not all at once."""
    pulled = 0
    base = make_proposals(rules, 50)

    def gen() -> Iterator[Dict[str, Any]]:
        nonlocal pulled
        for k in range(1_000_000):
            pulled += 1
            yield base[k % 50]

    it = rules.assess_many(gen(), jobs=2)
    first = [next(it) for _ in range(10)]
    assert len(first) == 10
    assert pulled < 2_000
    it.close()
    assert list(it) == []

    n = sum(1 for _ in rules.assess_many(itertools.islice(gen(), 20_000)))
    assert n == 20_000


def test_releases_the_gil(rules: Ruleset) -> None:
    """Another Python thread keeps running while assess_many works."""
    proposals = make_proposals(rules, 2000)
    ticks = 0
    stop = threading.Event()

    def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.0005)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        n = sum(1 for _ in rules.assess_many(proposals))
    finally:
        stop.set()
        t.join()
    assert n == 2000
    assert ticks > 0
