"""Sociale Bril: a rule-based social lens for policy proposals.

A :class:`Ruleset` — declarative rules, written by policy advisers — asks checklist questions
about a proposal and scores the answers. ``ruleset.assess(proposal)`` gives the scored checklist
as plain dicts and lists; ``ruleset.assess_many(proposals)`` assesses an iterable of proposals in
parallel; :func:`to_frame` turns assessments into a pandas DataFrame.

>>> import sociale_bril
>>> rules = sociale_bril.Ruleset.default()
>>> a = rules.assess({"title": "Buurtbudget", "context": {"instrument": "subsidy"}})
>>> a["overall"]["rating"]
'incomplete'

The scoring rules are in docs/scoring.md; this package only converts values and maps errors.
"""

from __future__ import annotations

from ._errors import ProposalError, RulesetError, SocialeBrilError
from ._frame import to_frame
from ._native import AssessmentIterator, Ruleset, __version__, parse_number, schema
from ._types import Assessment, Issue, Proposal, Summary

__all__ = [
    "Assessment",
    "AssessmentIterator",
    "Issue",
    "Proposal",
    "Summary",
    "ProposalError",
    "Ruleset",
    "RulesetError",
    "SocialeBrilError",
    "__version__",
    "parse_number",
    "schema",
    "to_frame",
]
