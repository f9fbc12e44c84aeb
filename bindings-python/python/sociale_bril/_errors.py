"""The exceptions of :mod:`sociale_bril`.

Every exception carries the problems the core found, as a list of dicts (``issues``), and, for
convenience, the fields of the first problem as attributes. The message (``str(error)``) lists
every problem with its location.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

__all__ = ["SocialeBrilError", "RulesetError", "ProposalError"]


class SocialeBrilError(ValueError):
    """A ruleset or a proposal is invalid.

    Attributes (``None`` when they do not apply):

    - ``code``: stable code of the first problem, e.g. ``"unknown-item"`` (docs/rule-language.md).
    - ``message``: what is wrong (the first problem).
    - ``help``: what would be valid.
    - ``path``: JSON pointer of the first problem: in the proposal (``"/answers/inclusie.x"``), or,
      for a rule file, of the value inside the file (``"/item/3/theme"``).
    - ``location``: for a rule file: ``{"file", "line", "column", "path"}``.
    - ``item``: the item id concerned (for a ruleset problem: the id of the item or signal).
    - ``line``, ``column``: of a JSON syntax error in a proposal, or of the problem in a rule file.
    - ``issues``: every problem, as dicts.
    - ``index``: position of the proposal in :meth:`Ruleset.assess_many`.
    """

    code: Optional[str]
    message: str
    help: Optional[str]
    path: Optional[str]
    location: Optional[Dict[str, Any]]
    item: Optional[str]
    line: Optional[int]
    column: Optional[int]
    issues: List[Dict[str, Any]]
    index: Optional[int]

    def __init__(
        self,
        message: str,
        *,
        issues: Sequence[Dict[str, Any]] = (),
        index: Optional[int] = None,
    ) -> None:
        text = message if index is None else f"proposal {index}: {message}"
        super().__init__(text)
        self.issues = list(issues)
        self.index = index
        first: Dict[str, Any] = self.issues[0] if self.issues else {}
        self.code = first.get("code")
        self.message = first.get("message", message)
        self.help = first.get("help")
        location = first.get("location")
        self.location = dict(location) if isinstance(location, dict) else None
        if self.location is not None:
            self.path = self.location.get("path")
            self.line = self.location.get("line")
            self.column = self.location.get("column")
            self.item = first.get("rule")
        else:
            self.path = first.get("pointer")
            self.line = first.get("line")
            self.column = first.get("column")
            self.item = first.get("item")


class RulesetError(SocialeBrilError):
    """A ruleset cannot be loaded: it cannot be read (``code == "io"``), or it is invalid.

    Every problem of the ruleset is listed in ``issues``, each with ``code``, ``message``,
    ``help``, ``location`` (``file``, ``line``, ``column``, ``path``) and ``rule`` (the id of the
    item or signal it is in).
    """


class ProposalError(SocialeBrilError):
    """A proposal is invalid for the ruleset.

    Every problem of the proposal is listed in ``issues`` (at most 50), each with ``code``,
    ``message``, ``help``, ``pointer`` (a JSON pointer), ``item``, and ``line`` and ``column``
    for JSON syntax errors. ``index`` is the proposal's position in
    :meth:`Ruleset.assess_many`.
    """
