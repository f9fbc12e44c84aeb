"""Type stubs of the native module ``sociale_bril._native`` (built from ``bindings-python/src``)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Tuple, TypeVar, Union, final, overload

from ._errors import ProposalError
from ._types import Assessment, Proposal, Summary

__all__ = ["Ruleset", "AssessmentIterator", "schema", "_ruleset_from_json", "__version__"]

__version__: str

_T = TypeVar("_T")

@final
class Ruleset:
    """A validated, compiled ruleset. Immutable; safe to share between threads; pickles."""

    @staticmethod
    def default() -> Ruleset:
        """The default ``sociale-bril`` ruleset, built into the package."""
    @staticmethod
    def load(path: Union[str, os.PathLike[str]]) -> Ruleset:
        """Loads a ruleset: a folder of TOML files, one TOML file, or a JSON ruleset (``.json``).

        Raises :class:`RulesetError` with every problem found.
        """
    @staticmethod
    def from_json(text: str) -> Ruleset:
        """Compiles a ruleset from its JSON form (see :meth:`to_json`)."""
    @property
    def id(self) -> str:
        """The ruleset's id, e.g. ``sociale-bril``."""
    @property
    def version(self) -> str:
        """The ruleset's version (semver)."""
    @property
    def hash(self) -> str:
        """The content hash: ``sha256:`` and the hex digest of the canonical JSON form."""
    @property
    def item_ids(self) -> List[str]:
        """The item ids, in ruleset order."""
    def to_json(self) -> str:
        """The ruleset as one JSON document; ``Ruleset.from_json`` gives the same ruleset back."""
    @overload
    def assess(self, proposal: Proposal, *, detail: Literal["full"] = "full") -> Assessment:
        """Assesses one proposal: a dict (or other mapping), or JSON text (``str`` or ``bytes``).

        ``detail="summary"`` returns the summary (scores, ratings, and the ids of signals, gaps
        and improvements) instead of the whole assessment. Raises :class:`ProposalError` with
        every problem found.
        """
    @overload
    def assess(self, proposal: Proposal, *, detail: Literal["summary"]) -> Summary: ...
    @overload
    def assess_many(
        self,
        proposals: Iterable[Proposal],
        *,
        jobs: Union[int, None] = None,
        errors: Literal["raise"] = "raise",
        detail: Literal["full"] = "full",
    ) -> AssessmentIterator[Assessment]:
        """Assesses every proposal of an iterable on worker threads, with the GIL released,
        yielding the results in order. Proposals are read a few chunks ahead, never all at once.

        ``jobs``: worker threads (default: the number of CPUs). ``errors="raise"`` raises the
        :class:`ProposalError` of an invalid proposal (with its ``index``) when its turn comes;
        ``errors="return"`` yields the exception object in its place. ``detail`` as for
        :meth:`assess`.
        """
    @overload
    def assess_many(
        self,
        proposals: Iterable[Proposal],
        *,
        jobs: Union[int, None] = None,
        errors: Literal["return"],
        detail: Literal["full"] = "full",
    ) -> AssessmentIterator[Union[Assessment, ProposalError]]: ...
    @overload
    def assess_many(
        self,
        proposals: Iterable[Proposal],
        *,
        jobs: Union[int, None] = None,
        errors: Literal["raise"] = "raise",
        detail: Literal["summary"],
    ) -> AssessmentIterator[Summary]: ...
    @overload
    def assess_many(
        self,
        proposals: Iterable[Proposal],
        *,
        jobs: Union[int, None] = None,
        errors: Literal["return"],
        detail: Literal["summary"],
    ) -> AssessmentIterator[Union[Summary, ProposalError]]: ...
    def questions(self, lang: Literal["nl", "en"] = "nl") -> Dict[str, Any]:
        """The checklist structure in a language: context fields, themes with their items, ratings."""
    def proposal_schema(self) -> Dict[str, Any]:
        """The JSON Schema of a proposal for this ruleset (with its item ids and answer tokens)."""
    def report(
        self,
        proposal: Proposal,
        format: Literal["markdown", "md", "html"] = "markdown",
        lang: Literal["nl", "en"] = "nl",
    ) -> str:
        """A readable report of a proposal's assessment, as Markdown or a standalone HTML page."""
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...
    def __copy__(self) -> Ruleset: ...
    def __deepcopy__(self, memo: Any, /) -> Ruleset: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class AssessmentIterator(Iterator[_T]):
    """The results of :meth:`Ruleset.assess_many`, in the order of the proposals.

    Proposals are read from the iterable a few chunks ahead of the results, and assessed on
    worker threads with the GIL released.
    """

    def __iter__(self) -> AssessmentIterator[_T]: ...
    def __next__(self) -> _T: ...
    def close(self) -> None:
        """Stops the run early and frees its threads (also done when the iterator is dropped)."""

def schema(kind: Literal["proposal", "ruleset", "assessment", "questions"]) -> Dict[str, Any]:
    """The generic JSON Schema of ``kind``."""

def _ruleset_from_json(text: str) -> Ruleset: ...
