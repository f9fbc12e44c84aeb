"""to_frame: one row per proposal, with scores; errors as rows; a clear message without pandas."""

from __future__ import annotations

import math
import sys
from typing import Any, Dict, List

import pytest

import sociale_bril
from sociale_bril import Ruleset

pd = pytest.importorskip("pandas")


def test_rows_and_columns(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    assessments = [rules.assess(p) for p in examples]
    frame = sociale_bril.to_frame(assessments)
    assert len(frame) == len(examples)
    themes = [t["id"] for t in assessments[0]["themes"]]
    expected_columns = ["id", "title", "overall_percent", "overall_rating", "overall_completeness"]
    for t in themes:
        expected_columns += [f"{t}_percent", f"{t}_rating", f"{t}_completeness"]
    expected_columns += ["answered", "applicable", "signals", "signal_ids", "critical_failures",
                         "critical_failure_ids", "knowledge_gaps", "top_improvement", "error", "error_code"]
    assert list(frame.columns) == expected_columns
    for r, a in zip(frame.to_dict("records"), assessments):
        assert r["title"] == a["proposal"]["title"]
        assert r["id"] == a["proposal"]["id"]
        overall = a["overall"]["percent"]
        assert (math.isnan(r["overall_percent"]) if overall is None else r["overall_percent"] == overall)
        assert r["overall_rating"] == a["overall"]["rating"]
        assert r["signals"] == len(a["signals"])
        assert r["signal_ids"] == ";".join(s["id"] for s in a["signals"])
        assert r["knowledge_gaps"] == len(a["knowledge_gaps"])
        assert r["top_improvement"] == (a["improvements"][0]["item"] if a["improvements"] else None)
    assert frame["overall_percent"].dtype == "float64"
    assert frame["signals"].dtype == "int64"


def test_summaries_give_the_same_frame(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    full = sociale_bril.to_frame(rules.assess_many(examples))
    summary = sociale_bril.to_frame(rules.assess_many(examples, detail="summary"))
    pd.testing.assert_frame_equal(full, summary)


def test_from_assess_many_with_errors(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    proposals: List[Any] = [examples[0], {"answers": {"x.y": "ja"}}, examples[1]]
    frame = sociale_bril.to_frame(rules.assess_many(proposals, errors="return"))
    assert len(frame) == 3
    assert frame["error"].isna().tolist() == [True, False, True]
    assert frame.loc[1, "error_code"] == "unknown-item"
    assert frame.loc[1, "overall_rating"] is None or pd.isna(frame.loc[1, "overall_rating"])
    assert frame.loc[2, "title"] == examples[1]["title"]


def test_empty() -> None:
    frame = sociale_bril.to_frame([])
    assert len(frame) == 0 and "overall_percent" in frame.columns


def test_rejects_other_values() -> None:
    with pytest.raises(TypeError, match="to_frame expects"):
        sociale_bril.to_frame([1])  # type: ignore[list-item]


def test_message_without_pandas(monkeypatch: pytest.MonkeyPatch, rules: Ruleset) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'sociale-bril\[pandas\]'"):
        sociale_bril.to_frame([rules.assess({})])
