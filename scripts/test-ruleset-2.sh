#!/usr/bin/env bash
# Checks ruleset 2.0 (rules/sociale-bril-2) while the engine cannot load it yet (issue 13):
# the proposed constructs and the engine's checks on a stripped copy, the quotes of the seeds
# (skipped without the seed texts), the 2.0 rule tests on the prototype of
# docs/rule-language.md §5, and the findings of issue 13 measured again on 1.0.
# Needs python3 >= 3.11 and the sociale-bril command (built here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/debug/sociale-bril ] || cargo build -q -p sociale-bril-cli
echo "== ruleset 2.0: constructs, engine check of a stripped copy, 70/55 limits"
python3 scripts/check-ruleset-2.py
echo "== ruleset 2.0: seed quotes"
python3 scripts/check-seed-quotes.py rules/sociale-bril-2
echo "== ruleset 2.0: rule tests (prototype)"
python3 scripts/run-rule-tests-v2.py
echo "== issue 13 findings: measured again"
python3 scripts/ruleset-findings.py check
