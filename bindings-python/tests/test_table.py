"""Tables, numbers, formats and normalization come from the core: rows read as the CLI reads
them, Dutch numbers read correctly or refused at their column, to_frame's columns those of the
CLI's CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
from canonical import canonical
from conftest import EXAMPLES

import sociale_bril
from sociale_bril import ProposalError, Ruleset


def test_parse_number_reads_dutch_and_english_numbers() -> None:
    assert sociale_bril.parse_number("2.500,50") == 2500.5
    assert sociale_bril.parse_number("2.500.000") == 2_500_000
    assert sociale_bril.parse_number("2,5") == 2.5
    assert sociale_bril.parse_number("2,500.50") == 2500.5
    assert sociale_bril.parse_number("2.500", "nl") == 2500
    assert sociale_bril.parse_number("2.500", "en") == 2.5


@pytest.mark.parametrize(
    "text, code, column",
    [("2.500", "ambiguous-number", 2), ("2.50.00", "invalid-number", 3), ("12a", "invalid-number", 3)],
)
def test_parse_number_refuses_at_the_column_of_the_problem(text: str, code: str, column: int) -> None:
    with pytest.raises(ProposalError) as e:
        sociale_bril.parse_number(text)
    assert (e.value.code, e.value.line, e.value.column) == (code, 1, column)
    with pytest.raises(ValueError, match="number style"):
        sociale_bril.parse_number("1", "fr")  # type: ignore[arg-type]


def test_a_row_becomes_the_proposal_the_cli_reads(rules: Ruleset) -> None:
    columns = ["id", "title", "budget", "citizens_affected", "target_groups", "inclusie.doelgroepen-in-beeld",
               "note.inclusie.doelgroepen-in-beeld"]
    p = rules.proposal_from_row(columns, ["a1", "Eerste", "2.500,50", "ja", "ouderen;jongeren", "ja", "Zie bijlage"])
    assert p == {
        "id": "a1",
        "title": "Eerste",
        "context": {"budget": 2500.5, "citizens_affected": True, "target_groups": ["ouderen", "jongeren"]},
        "answers": {"inclusie.doelgroepen-in-beeld": {"answer": "ja", "note": "Zie bijlage"}},
    }
    with pytest.raises(ProposalError) as e:
        rules.proposal_from_row(columns, ["a2", None, "2.500", "misschien", "", "", ""], line=7)
    found = [(i["code"], i["pointer"], i["line"], i["column"]) for i in e.value.issues]
    assert found == [
        ("ambiguous-number", "/context/budget", 7, 3),
        ("invalid-boolean", "/context/citizens_affected", 7, 4),
    ]
    with pytest.raises(ProposalError) as e:
        rules.proposal_from_row(["titel"], ["x"])
    assert (e.value.code, e.value.line, e.value.column) == ("unknown-column", 1, 1)


def test_assess_many_reads_rows_and_names_line_and_column(rules: Ruleset) -> None:
    rows = [("klein", "2.500,50"), ("groot", "25.000.000"), ("twijfel", "2.500"), ["leeg", None]]
    results = list(rules.assess_many(rows, columns=["id", "budget"], errors="return", detail="summary"))
    assert [r["proposal"]["id"] for r in results if not isinstance(r, ProposalError)] == ["klein", "groot", "leeg"]
    error = results[2]
    assert isinstance(error, ProposalError)
    assert (error.code, error.line, error.column, error.path, error.index) == (
        "ambiguous-number", 4, 2, "/context/budget", 2,
    )
    dutch = list(rules.assess_many([("twijfel", "2.500")], columns=["id", "budget"], numbers="nl"))
    assert dutch[0]["proposal"]["id"] == "twijfel"
    with pytest.raises(ProposalError) as e:
        rules.assess_many(rows, columns=["id", "bedrag"])
    assert e.value.code == "unknown-column" and "bedrag" in e.value.message


def test_normalize_resolves_aliases(rules: Ruleset) -> None:
    p = rules.normalize({"context": {"instrument": " Subsidie ", "target_groups": ["jongeren", "ouderen"]},
                         "answers": {"inclusie.doelgroepen-in-beeld": "JA"}})
    assert p == {"context": {"instrument": "subsidy", "target_groups": ["elderly", "young_people"]},
                 "answers": {"inclusie.doelgroepen-in-beeld": "yes"}}
    with pytest.raises(ProposalError):
        rules.normalize({"answers": {"x.y": "ja"}})


def test_report_renders_every_core_format(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    p = examples[0]
    assert json.loads(rules.report(p, "json")) == rules.assess(p)
    assert rules.report(p, "canonical") == canonical(rules.assess(p))
    assert json.loads(rules.report(p, "summary")) == rules.assess(p, detail="summary")
    assert rules.report(p, "md") == rules.report(p)
    row = next(csv.reader(io.StringIO(rules.report(p, "row"))))
    assert row[0] == p.get("id", "")
    with pytest.raises(ValueError, match="unknown output format `pdf`"):
        rules.report(p, "pdf")  # type: ignore[arg-type]


def test_to_frame_has_the_cli_csv_columns_and_values(
    rules: Ruleset, examples: List[Dict[str, Any]], cli: Callable[..., str], tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas")
    source = tmp_path / "proposals.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in examples), encoding="utf-8")
    expected = pd.read_csv(io.StringIO(cli("batch", str(source), "--format", "csv")), dtype=str, keep_default_na=False)
    frame = sociale_bril.to_frame(rules.assess_many(examples, detail="summary"))
    assert list(expected.columns) == ["line", *frame.columns]
    ours = frame.astype(object).where(frame.notna(), "").astype(str)
    for column in frame.columns:
        theirs = expected[column].tolist()
        mine = [v[:-2] if v.endswith(".0") else v for v in ours[column].tolist()]
        assert mine == theirs, column
    assert len(EXAMPLES) == len(frame)
