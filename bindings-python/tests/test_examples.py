"""The examples in bindings-python/examples (shown in docs/python.md) run and give what they say."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=EXAMPLES, capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_quickstart() -> None:
    out = run("quickstart.py")
    assert "overall:" in out and "Inclusie" in out


def test_bulk_jsonl(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    target = tmp_path / "scores.csv"
    out = run("bulk_jsonl.py", "data/proposals.jsonl", str(target))
    lines = (EXAMPLES / "data" / "proposals.jsonl").read_text(encoding="utf-8").splitlines()
    assert f"{len(lines)} proposals, 1 invalid" in out
    with target.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(lines)
    assert rows[-1]["error"] and not rows[0]["error"]


def test_bulk_csv(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    target = tmp_path / "scores.csv"
    run("bulk_csv.py", "data/proposals.csv", str(target))
    with target.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows[:4]] == [
        "voorbeeld-campagne-hitte",
        "voorbeeld-intern-diversiteitsbeleid",
        "voorbeeld-programma-energiearmoede",
        "voorbeeld-snelfietsroute",
    ]
    assert all(r["overall_rating"] for r in rows[:4])
    assert "unknown-token" in rows[4]["error_code"]
