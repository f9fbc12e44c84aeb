"""Assess a CSV of proposals (one row per proposal) into a DataFrame of scores.

    python bulk_csv.py proposals.csv scores.csv

Columns, as for `sociale-bril batch`: `id`, `title`, context fields (`instrument` or
`context.instrument`), item ids (the answers: `yes`, `deels`, `4`, `onbekend`, ...) and
`note.<item id>`. Empty cells are left out; multi-select fields list their options separated by
`;`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, Iterator

import pandas as pd

import sociale_bril

TRUE = {"true", "ja", "yes", "j", "y", "1", "waar"}
FALSE = {"false", "nee", "no", "n", "0", "onwaar"}


def proposals(frame: pd.DataFrame, rules: sociale_bril.Ruleset) -> Iterator[Dict[str, Any]]:
    """The rows of a CSV as proposals."""
    types = {f["id"]: f["type"] for f in rules.questions()["context"]}
    items = set(rules.item_ids)
    for row in frame.to_dict("records"):
        proposal: Dict[str, Any] = {"context": {}, "answers": {}}
        notes = {}
        for column, cell in row.items():
            cell = str(cell).strip()
            name = str(column).strip()
            if not cell:
                continue
            field = name.removeprefix("context.")
            if name in ("id", "title"):
                proposal[name] = cell
            elif field in types:
                kind = types[field]
                value: Any = cell
                if kind == "number":
                    value = float(cell.replace("_", "").replace(",", "."))
                elif kind == "boolean":
                    value = True if cell.lower() in TRUE else False if cell.lower() in FALSE else cell
                elif kind == "choices":
                    value = [c.strip() for c in cell.split(";") if c.strip()]
                proposal["context"][field] = value
            elif name.startswith("note.") and name[5:] in items:
                notes[name[5:]] = cell
            else:
                # Item ids, and unknown columns: the engine reports those by name.
                proposal["answers"][name] = cell
        for item, note in notes.items():
            proposal["answers"][item] = {"answer": proposal["answers"].get(item), "note": note}
        yield proposal


def main(source: Path, target: Path) -> None:
    rules = sociale_bril.Ruleset.default()
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    scores = sociale_bril.to_frame(rules.assess_many(proposals(frame, rules), errors="return"))
    scores.to_csv(target, index=False)
    print(scores[["id", "title", "overall_percent", "overall_rating", "signals", "error"]].to_string())


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
