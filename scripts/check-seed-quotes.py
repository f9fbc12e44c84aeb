#!/usr/bin/env python3
"""Checks that every quoted passage of a seed is verbatim.

A citation `{ source = ID, passage = "…" }` whose source has a stored text (`file = …`, one of the
two seed documents) must quote that text character for character: the passage is a substring of
one line of the seed (so a heading can never be glued onto a quote). Sources without a stored text
are cited with `topic`, which is not checked.

    python3 scripts/check-seed-quotes.py [RULES_DIR ...] [--seeds DIR] [--require-seeds]

RULES_DIR defaults to rules/sociale-bril and rules/sociale-bril-2 (those that exist). The seeds are
not shipped with the repository; they are looked for in --seeds, $SOCIALE_BRIL_SEEDS, and
../shared/seeds next to the checkout. Without them the check is skipped with a message (exit 0),
or fails with --require-seeds. Exit 1 when a passage is not verbatim, listing file, entry and passage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rules2lib import ROOT, find_seeds, quotes_not_verbatim, read_folder  # noqa: E402






def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--seeds")
    ap.add_argument("--require-seeds", action="store_true")
    args = ap.parse_args()
    folders = [Path(f) for f in args.folders] or [p for p in (ROOT / "rules" / "sociale-bril", ROOT / "rules" / "sociale-bril-2") if p.is_dir()]
    seeds = find_seeds(args.seeds)
    if seeds is None:
        msg = "seed texts not found (give --seeds DIR or set SOCIALE_BRIL_SEEDS); quotes not checked"
        print(("error: " if args.require_seeds else "skipped: ") + msg)
        sys.exit(1 if args.require_seeds else 0)
    failed = False
    for folder in folders:
        checked, bad = quotes_not_verbatim(read_folder(folder)[1], seeds)
        print(f"{folder.name}: {checked} quoted passages checked, {len(bad)} not verbatim")
        for b in bad:
            print(f"  - {folder.name}/{b}")
        failed |= bool(bad)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
