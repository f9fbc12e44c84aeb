"""docs/scoring.md written a second time, in plain Python (benches/python/pyscore.py, the benchmark's
baseline), gives exactly the engine's assessments: a cross-check of the normative text and of
the baseline the benchmark compares with."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, List

from canonical import canonical

from sociale_bril import Ruleset

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benches" / "python"))

from proposals import make_proposals  # noqa: E402
from pyscore import PyRules  # noqa: E402


def test_same_assessments(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    py = PyRules(json.loads(rules.to_json()))
    assert py.info["hash"] == rules.hash
    for p in examples + make_proposals(rules, 300, seed=11):
        assert canonical(py.assess(p)) == canonical(rules.assess(p))
        assert canonical(py.summary(p)) == canonical(rules.assess(p, detail="summary"))
