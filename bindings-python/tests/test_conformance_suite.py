"""The conformance suite (tests/conformance), run through the Python package: every case must
give the expected canonical JSON, byte for byte, as in Rust and in the WebAssembly module.

Proposals go in as Python values (what an analyst passes), or as text for the cases that give
``proposal_text``; numbers through ``parse_number``, table rows through
``Ruleset.proposal_from_row``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest
from canonical import canonical
from conftest import REPO

import sociale_bril
from sociale_bril import ProposalError, RulesetError

SUITE = REPO / "tests" / "conformance"
CASES = sorted(p for p in (SUITE / "cases").glob("*.json") if not p.name.endswith(".expected.json"))


def _error(kind: str, issues: List[Dict[str, Any]]) -> str:
    """``{"error": {"kind", "issues"}}``, each issue without its message and help."""
    kept = [{k: v for k, v in i.items() if k not in ("message", "help")} for i in issues]
    return canonical({"error": {"kind": kind, "issues": kept}})


def run_number(text: str, numbers: Any) -> str:
    try:
        return canonical({"value": sociale_bril.parse_number(text, numbers)})
    except ProposalError as e:
        return _error("proposal", e.issues)


def run_table(rules: sociale_bril.Ruleset, table: Dict[str, Any]) -> str:
    rows: List[Any] = []
    for n, cells in enumerate(table["rows"]):
        try:
            rows.append(
                rules.proposal_from_row(table["columns"], cells, line=n + 2, numbers=table["numbers"])
            )
        except ProposalError as e:
            if e.code == "unknown-column":
                return _error("proposal", e.issues)
            rows.append(json.loads(_error("proposal", e.issues)))
    return canonical({"rows": rows})


def run_case(case: Dict[str, Any]) -> str:
    if "number" in case:
        return run_number(case["number"], case["numbers"])
    ruleset = case["ruleset"]
    try:
        if ruleset == "default":
            rules = sociale_bril.Ruleset.default()
        elif isinstance(ruleset, str):
            rules = sociale_bril.Ruleset.from_json((SUITE / ruleset).read_text(encoding="utf-8"))
        else:
            rules = sociale_bril.Ruleset.from_json(json.dumps(ruleset))
    except RulesetError as e:
        return _error("ruleset", e.issues)
    if "table" in case:
        return run_table(rules, case["table"])
    proposal = case["proposal_text"] if "proposal_text" in case else case["proposal"]
    try:
        return canonical(rules.assess(proposal))
    except ProposalError as e:
        return _error("proposal", e.issues)


def test_the_suite_has_cases() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    expected = path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8")
    assert run_case(case) + "\n" == expected
