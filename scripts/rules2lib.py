"""Shared helpers of the ruleset-2.0 scripts (check-ruleset-2.py, check-seed-quotes.py,
prototype_v2.py, ruleset-findings.py, run-rule-tests-v2.py): reading a rule folder, finding the
seed texts, and calling the `sociale-bril` command. Python >= 3.11, standard library only."""
from __future__ import annotations

import os
import shlex
import tomllib
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent


def read_folder(folder: Path) -> Tuple[Dict[str, Any], Dict[str, Dict[str, Any]]]:
    """The top-level TOML files of a rule folder, in file-name order: merged (arrays of tables
    concatenated, as the engine merges them) and per file. Raises tomllib.TOMLDecodeError."""
    merged: Dict[str, Any] = {}
    per_file: Dict[str, Dict[str, Any]] = {}
    for f in sorted(folder.glob("*.toml")):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        per_file[f.name] = data
        for key, value in data.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    return merged, per_file


def load_folder(folder: Path) -> Dict[str, Any]:
    """The merged rule files of a folder (see read_folder)."""
    return read_folder(folder)[0]


def find_seeds(arg: Optional[str] = None) -> Optional[Path]:
    """The folder with the two seed texts: the argument, $SOCIALE_BRIL_SEEDS, or ../shared/seeds
    next to the checkout (or next to its parent, for worktrees). None when none exists."""
    for cand in [arg, os.environ.get("SOCIALE_BRIL_SEEDS"), ROOT.parent / "shared" / "seeds",
                 ROOT.parent.parent / "shared" / "seeds"]:
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def cli_command(arg: Optional[str] = None) -> List[str]:
    """How to call the `sociale-bril` command: the argument, target/debug/sociale-bril when it is
    built, else `cargo run`."""
    if arg:
        return shlex.split(arg)
    built = ROOT / "target" / "debug" / "sociale-bril"
    return [str(built)] if built.is_file() else ["cargo", "run", "-q", "-p", "sociale-bril-cli", "--"]


QUOTING_KINDS = ("item", "signal", "answer_rule", "theme", "principle", "domain")


def quotes_not_verbatim(per_file: Dict[str, Dict[str, Any]], seeds: Path) -> Tuple[int, List[str]]:
    """Checks every `passage` cited from a source with a stored text (`file`) against that text:
    it must be a substring of one line, character for character. Returns how many passages were
    checked and a message per passage that is not verbatim (or per seed file that is missing)."""
    sources = {s["id"]: s for d in per_file.values() for s in d.get("source", [])}
    lines: Dict[str, List[str]] = {}
    for sid, s in sources.items():
        if s.get("file"):
            path = seeds / s["file"]
            if not path.is_file():
                return 0, [f"source {sid}: seed file {s['file']} not found in {seeds.name}/"]
            lines[sid] = path.read_text(encoding="utf-8").splitlines()
    checked, bad = 0, []
    for fname, d in per_file.items():
        for kind in QUOTING_KINDS:
            for e in d.get(kind, []):
                for c in e.get("sources", []):
                    if c.get("source") in lines and "passage" in c:
                        checked += 1
                        if not any(c["passage"] in line for line in lines[c["source"]]):
                            bad.append(f"{fname}: {kind} {e['id']}: not verbatim in {c['source']}: \"{c['passage']}\"")
    return checked, bad
