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
import os
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("item", "signal", "answer_rule", "theme", "principle", "domain")


def find_seeds(arg: str | None) -> Path | None:
    for cand in [arg, os.environ.get("SOCIALE_BRIL_SEEDS"), ROOT.parent / "shared" / "seeds",
                 ROOT.parent.parent / "shared" / "seeds"]:
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def check(folder: Path, seeds: Path) -> tuple[int, list[str]]:
    files = sorted(folder.glob("*.toml"))
    data = {f.name: tomllib.loads(f.read_text(encoding="utf-8")) for f in files}
    sources = {s["id"]: s for d in data.values() for s in d.get("source", [])}
    lines = {}
    for sid, s in sources.items():
        if s.get("file"):
            p = seeds / s["file"]
            if not p.is_file():
                return 0, [f"{folder.name}: source {sid}: seed file {s['file']} not found in the seeds folder"]
            lines[sid] = p.read_text(encoding="utf-8").splitlines()
    checked, bad = 0, []
    for fname, d in data.items():
        for kind in KINDS:
            for e in d.get(kind, []):
                for c in e.get("sources", []):
                    if c.get("source") in lines and "passage" in c:
                        checked += 1
                        if not any(c["passage"] in line for line in lines[c["source"]]):
                            bad.append(f"{folder.name}/{fname}: {kind} {e['id']}: not verbatim in {c['source']}: \"{c['passage']}\"")
    return checked, bad


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
        checked, bad = check(folder, seeds)
        print(f"{folder.name}: {checked} quoted passages checked, {len(bad)} not verbatim")
        for b in bad:
            print(f"  - {b}")
        failed |= bool(bad)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
