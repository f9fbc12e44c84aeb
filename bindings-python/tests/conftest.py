"""Fixtures shared by the tests. The tests run against the installed wheel (scripts/test.sh)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sociale_bril  # noqa: E402

REPO = Path(os.environ.get("SOCIALE_BRIL_REPO", Path(__file__).resolve().parents[2]))
RULES = REPO / "rules" / "sociale-bril"
EXAMPLES = sorted((RULES / "examples").glob("*.json"))


@pytest.fixture(scope="session")
def rules() -> sociale_bril.Ruleset:
    return sociale_bril.Ruleset.default()


@pytest.fixture(scope="session")
def examples() -> List[Dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]


def _cli_command() -> List[str]:
    exe = os.environ.get("SOCIALE_BRIL_CLI")
    if exe:
        return [exe]
    if shutil.which("cargo") is None:
        pytest.skip("neither SOCIALE_BRIL_CLI nor cargo is available to run the CLI")
    return ["cargo", "run", "-q", "-p", "sociale-bril-cli", "--"]


@pytest.fixture(scope="session")
def cli() -> Callable[..., str]:
    """Runs the `sociale-bril` command and returns its standard output."""
    command = _cli_command()

    def run(*args: str) -> str:
        done = subprocess.run(
            [*command, *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"sociale-bril {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    return run
