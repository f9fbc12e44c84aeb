"""Assess a CSV of proposals (one row per proposal) into a DataFrame of scores.

    python bulk_csv.py proposals.csv scores.csv [nl|en|auto]

Columns, as for `sociale-bril batch`: `id`, `title`, context fields (`instrument` or
`context.instrument`), item ids (the answers: `yes`, `deels`, `4`, `onbekend`, ...) and
`note.<item id>`. Empty cells are left out; multi-select fields list their options separated by
`;`. The engine reads the rows (on its worker threads), exactly as `sociale-bril batch` does:
numbers written the Dutch way (`2.500,50`) or the English way (`2,500.50`); a number that reads
differently the two ways (`2.500`) is refused unless the third argument says how numbers are
written. A row that cannot be read becomes a row with its error, naming line and column.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal, cast

import pandas as pd

import sociale_bril


def main(source: Path, target: Path, numbers: str = "auto") -> None:
    rules = sociale_bril.Ruleset.default()
    # Every cell as text: pandas' own reading of numbers and missing values is left out.
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    results = rules.assess_many(
        frame.itertuples(index=False, name=None),
        columns=list(frame.columns),
        numbers=cast(Literal["auto", "nl", "en"], numbers),
        errors="return",
    )
    scores = sociale_bril.to_frame(results)
    scores.to_csv(target, index=False)
    print(scores[["id", "title", "overall_percent", "overall_rating", "signals", "error"]].to_string())


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:4])
