"""Assess a JSON Lines file of proposals (one JSON object per line) into a CSV of scores.

    python bulk_jsonl.py proposals.jsonl scores.csv

Proposals are read lazily and assessed in parallel; a file of millions of lines is never held
in memory as a whole. A line that is not a valid proposal becomes a row with its error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import sociale_bril


def lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield line


def main(source: Path, target: Path) -> None:
    rules = sociale_bril.Ruleset.default()
    # JSON text goes to the engine as is: it is parsed in Rust, on the worker threads.
    results = rules.assess_many(lines(source), errors="return")
    frame = sociale_bril.to_frame(results)
    frame.to_csv(target, index_label="line")
    errors = [(line, e) for line, e in enumerate(frame["error"], start=1) if isinstance(e, str)]
    print(f"{len(frame)} proposals, {len(errors)} invalid; mean score {frame['overall_percent'].mean():.1f}%")
    for line, error in errors:
        print(f"  line {line}: {error.splitlines()[0]}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
