"""Types of the values :mod:`sociale_bril` returns (plain dicts and lists at run time).

These ``TypedDict`` classes describe the assessment of docs/scoring.md for type checkers; the
JSON Schema ``sociale_bril.schema("assessment")`` is the normative description.
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, TypedDict, Union

__all__ = [
    "Assessment",
    "GroupScore",
    "Improvement",
    "ItemResult",
    "ItemStatus",
    "Issue",
    "KnowledgeGap",
    "Numbers",
    "OutputFormat",
    "Proposal",
    "ProposalInfo",
    "Row",
    "RulesetInfo",
    "Score",
    "SignalResult",
    "Summary",
    "GroupSummary",
    "ImprovementSummary",
    "Text",
    "Why",
]

#: A proposal: a mapping ``{"title", "context", "answers", "id"}``, or its JSON text.
Proposal = Union[Mapping[str, Any], str, bytes, bytearray]

#: A row of a table of proposals: its cells (``None`` is an empty cell), read by the columns
#: given to :meth:`Ruleset.assess_many`.
Row = Sequence[Any]

#: How the numbers of a table or a text are written: ``"auto"`` (either way; a number that reads
#: differently the Dutch and the English way, such as ``"2.500"``, is refused), ``"nl"``
#: (``"2.500,50"``) or ``"en"`` (``"2,500.50"``).
Numbers = Literal["auto", "nl", "en"]

#: The output formats of the core (:meth:`Ruleset.report`); ``"md"`` is ``"markdown"``.
OutputFormat = Literal["markdown", "md", "html", "json", "canonical", "summary", "row"]

ItemStatus = Literal["answered", "unknown", "unanswered", "not_applicable", "excluded"]


class Text(TypedDict):
    """A text in Dutch and English."""

    nl: str
    en: str


class RulesetInfo(TypedDict):
    """The ruleset an assessment was made with."""

    id: str
    version: str
    hash: str


class ProposalInfo(TypedDict):
    """The proposal's id and title, as given."""

    id: Union[str, int, float, None]
    title: Optional[str]


class Score(TypedDict):
    """Score, completeness and rating of a group of items (docs/scoring.md §4–6)."""

    points: float
    max: float
    percent: Optional[float]
    completeness: Optional[float]
    applicable: int
    answered: int
    unknown: int
    unanswered: int
    not_applicable: int
    excluded: int
    rating: str
    critical_failures: List[str]


class GroupScore(Score):
    """The score of a theme, principle or domain."""

    id: str
    title: Text


class Why(TypedDict):
    """A condition, its result (``"true"``, ``"false"`` or ``"unknown"``) and the values it read."""

    condition: str
    result: str
    values: Dict[str, Any]


class ItemResult(TypedDict):
    """The result for one item."""

    id: str
    theme: str
    status: ItemStatus
    answer: Optional[str]
    note: Optional[str]
    weight: int
    points: float
    max: float
    critical: bool
    critical_failure: bool
    advice: Optional[Text]
    applies: Optional[Why]


class SignalResult(TypedDict):
    """A signal that fired."""

    id: str
    severity: Literal["info", "warning", "critical"]
    message: Text
    why: Why


class KnowledgeGap(TypedDict):
    """An item answered ``unknown`` or not answered."""

    item: str
    theme: str
    status: ItemStatus
    weight: int
    critical: bool
    question: Text


# `from` is a keyword: this key is declared with the functional syntax.
_ImprovementFrom = TypedDict("_ImprovementFrom", {"from": str})


class Improvement(_ImprovementFrom):
    """An answered item short of the best answer (``from``), ranked by the points it would add."""

    rank: int
    item: str
    theme: str
    to: str
    gain: float
    critical_failure: bool
    advice: Text


class Assessment(TypedDict):
    """A scored checklist (docs/scoring.md)."""

    ruleset: RulesetInfo
    proposal: ProposalInfo
    overall: Score
    themes: List[GroupScore]
    principles: List[GroupScore]
    domains: List[GroupScore]
    items: List[ItemResult]
    signals: List[SignalResult]
    knowledge_gaps: List[KnowledgeGap]
    improvements: List[Improvement]


class _GroupSummaryRequired(TypedDict):
    id: str
    percent: Optional[float]
    completeness: Optional[float]
    rating: str


class GroupSummary(_GroupSummaryRequired, total=False):
    """A group's id, percent, completeness and rating (``critical_failures`` only when some)."""

    critical_failures: List[str]


class ImprovementSummary(_ImprovementFrom):
    """An improvement without its advice text."""

    item: str
    to: str
    gain: float


class Summary(TypedDict):
    """An assessment without per-item detail and texts (``detail="summary"``), as
    ``sociale-bril batch`` writes it."""

    ruleset: RulesetInfo
    proposal: ProposalInfo
    overall: Score
    themes: List[GroupSummary]
    principles: List[GroupSummary]
    domains: List[GroupSummary]
    signals: List[str]
    knowledge_gaps: List[str]
    improvements: List[ImprovementSummary]


class _IssueRequired(TypedDict):
    code: str
    message: str


class Issue(_IssueRequired, total=False):
    """One problem of a proposal (``pointer``) or of a ruleset (``location``)."""

    help: str
    pointer: str
    line: int
    column: int
    item: str
    location: Dict[str, Any]
    rule: str
