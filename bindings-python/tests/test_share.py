"""A Ruleset pickles (for multiprocessing, Dask, Spark) and is safe to share between threads."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

from canonical import canonical

from sociale_bril import Ruleset


def test_pickle_round_trip(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(rules, protocol=protocol))
        assert isinstance(again, Ruleset)
        assert (again.id, again.version, again.hash) == (rules.id, rules.version, rules.hash)
        assert again == rules
        assert canonical(again.assess(examples[0])) == canonical(rules.assess(examples[0]))


def test_loaded_ruleset_pickles(tmp_path: Any, rules: Ruleset) -> None:
    from conftest import RULES

    loaded = Ruleset.load(RULES)
    assert pickle.loads(pickle.dumps(loaded)).hash == rules.hash


def _assess_in_child(args: Any) -> str:
    rules, proposal = args
    return canonical(rules.assess(proposal))


def test_multiprocessing(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        got = pool.map(_assess_in_child, [(rules, p) for p in examples])
    assert got == [canonical(rules.assess(p)) for p in examples]


def test_threads(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    expected = [canonical(rules.assess(p)) for p in examples]

    def work(k: int) -> List[str]:
        if k % 2:
            return [canonical(a) for a in rules.assess_many(examples * 5, jobs=2)][: len(examples)]
        return [canonical(rules.assess(p)) for p in examples]

    with ThreadPoolExecutor(max_workers=8) as ex:
        results = list(ex.map(work, range(32)))
    assert all(r == expected for r in results)
