"""`assess` gives exactly the CLI's assessment, as canonical JSON, for every example proposal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
from canonical import canonical
from conftest import EXAMPLES, RULES

import sociale_bril


def test_there_are_examples() -> None:
    assert EXAMPLES, f"no example proposals in {RULES / 'examples'}"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_assess_equals_cli(
    path: Path, rules: sociale_bril.Ruleset, cli: Callable[..., str]
) -> None:
    expected = cli("assess", str(path), "--canonical").strip()
    text = path.read_text(encoding="utf-8")
    proposal = json.loads(text)
    # From a dict, from JSON text (str and bytes), and through assess_many: all byte-identical.
    assert canonical(rules.assess(proposal)) == expected
    assert canonical(rules.assess(text)) == expected
    assert canonical(rules.assess(text.encode("utf-8"))) == expected
    (many,) = list(rules.assess_many([proposal]))
    assert canonical(many) == expected


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_report_equals_cli(
    path: Path, rules: sociale_bril.Ruleset, cli: Callable[..., str]
) -> None:
    proposal = json.loads(path.read_text(encoding="utf-8"))
    for fmt in ("markdown", "html"):
        for lang in ("nl", "en"):
            expected = cli("assess", str(path), "--format", fmt, "--lang", lang)
            assert rules.report(proposal, format=fmt, lang=lang) == expected


def test_questions_and_schemas_equal_cli(
    rules: sociale_bril.Ruleset, cli: Callable[..., str]
) -> None:
    for lang in ("nl", "en"):
        assert rules.questions(lang) == json.loads(cli("questions", "--lang", lang))
    # The CLI's `schema proposal` is the ruleset's own proposal schema (real item ids, tokens).
    assert rules.proposal_schema() == json.loads(cli("schema", "proposal"))
    for kind in ("ruleset", "assessment", "questions"):
        assert sociale_bril.schema(kind) == json.loads(cli("schema", kind))


def test_canonical_helper() -> None:
    assert canonical({"b": 3.0, "a": [0.5, -2.0, 1e3], "c": "x\ny"}) == '{"a":[0.5,-2,1000],"b":3,"c":"x\\ny"}'
    assert canonical({"é": 1e-7, "z": 1.5e17, "k": None, "t": True}) == '{"k":null,"t":true,"z":1.5e17,"é":1e-7}'
    assert canonical(1.5e300) == "1.5e300"


def test_summaries_equal_cli_batch(rules: sociale_bril.Ruleset, cli: Callable[..., str], tmp_path: Path) -> None:
    source = tmp_path / "proposals.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    source.write_text("".join(json.dumps(json.loads(t)) + "\n" for t in texts), encoding="utf-8")
    lines = [json.loads(line) for line in cli("batch", str(source), "--detail", "summary").splitlines()]
    expected = [canonical(line["assessment"]) for line in lines]
    got = [canonical(s) for s in rules.assess_many(texts, detail="summary")]
    assert got == expected
    assert [canonical(rules.assess(t, detail="summary")) for t in texts] == expected
