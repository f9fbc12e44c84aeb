"""Type stubs of the native module ``sociale_bril._native`` (built from ``bindings-python/src``)."""

import os
from typing import (
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Literal,
    Mapping,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    final,
    overload,
)

from ._errors import ProposalError
from ._types import Assessment, Numbers, OutputFormat, Proposal, Row, Summary

__all__ = [
    "Ruleset",
    "AssessmentIterator",
    "schema",
    "parse_number",
    "_ruleset_from_json",
    "_result_table",
    "__version__",
]

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
        proposals: Iterable[Union[Proposal, Row]],
        *,
        jobs: Union[int, None] = None,
        errors: Literal["raise"] = "raise",
        detail: Literal["full"] = "full",
        columns: Union[Sequence[str], None] = None,
        numbers: Numbers = "auto",
    ) -> AssessmentIterator[Assessment]:
        """Assesses every proposal of an iterable on worker threads, with the GIL released,
        yielding the results in order. Proposals are read a few chunks ahead, never all at once.

        ``jobs``: worker threads (default: the number of CPUs). ``errors="raise"`` raises the
        :class:`ProposalError` of an invalid proposal (with its ``index``) when its turn comes;
        ``errors="return"`` yields the exception object in its place. ``detail`` as for
        :meth:`assess`.

        With ``columns`` (a table's header: ``id``, ``title``, context fields, item ids,
        ``note.<item id>``), each proposal is a row of that table — a sequence of cells, read as
        ``sociale-bril batch`` reads a CSV row, numbers in the ``numbers`` style. The n-th row
        (from 0) is line n + 2, the header being line 1; a cell that cannot be read is a
        :class:`ProposalError` that names its line and column.
        """
    @overload
    def assess_many(
        self,
        proposals: Iterable[Union[Proposal, Row]],
        *,
        jobs: Union[int, None] = None,
        errors: Literal["return"],
        detail: Literal["full"] = "full",
        columns: Union[Sequence[str], None] = None,
        numbers: Numbers = "auto",
    ) -> AssessmentIterator[Union[Assessment, ProposalError]]: ...
    @overload
    def assess_many(
        self,
        proposals: Iterable[Union[Proposal, Row]],
        *,
        jobs: Union[int, None] = None,
        errors: Literal["raise"] = "raise",
        detail: Literal["summary"],
        columns: Union[Sequence[str], None] = None,
        numbers: Numbers = "auto",
    ) -> AssessmentIterator[Summary]: ...
    @overload
    def assess_many(
        self,
        proposals: Iterable[Union[Proposal, Row]],
        *,
        jobs: Union[int, None] = None,
        errors: Literal["return"],
        detail: Literal["summary"],
        columns: Union[Sequence[str], None] = None,
        numbers: Numbers = "auto",
    ) -> AssessmentIterator[Union[Summary, ProposalError]]: ...
    def questions(self, lang: Literal["nl", "en"] = "nl") -> Dict[str, Any]:
        """The checklist structure in a language: context fields, themes with their items, ratings."""
    def proposal_schema(self) -> Dict[str, Any]:
        """The JSON Schema of a proposal for this ruleset (with its item ids and answer tokens)."""
    def report(
        self,
        proposal: Proposal,
        format: OutputFormat = "markdown",
        lang: Literal["nl", "en"] = "nl",
    ) -> str:
        """A proposal's assessment as text in an output format of the core: a Markdown report
        (the default) or a standalone HTML page, JSON, canonical JSON, the summary, or one CSV
        row of the results table."""
    def normalize(self, proposal: Proposal) -> Dict[str, Any]:
        """The proposal in canonical form: options and answer tokens by their canonical ids
        (aliases such as ``"ja"`` resolved, choices in option order), notes kept, ``None``s left
        out. Raises :class:`ProposalError` as :meth:`assess` does."""
    def proposal_from_row(
        self,
        columns: Sequence[str],
        cells: Sequence[Any],
        *,
        line: int = 2,
        numbers: Numbers = "auto",
    ) -> Dict[str, Any]:
        """A row of a table read into a proposal, as ``sociale-bril batch`` reads a CSV row.

        ``columns`` is the table's header, ``cells`` the row (``None`` is an empty cell), ``line``
        its line for the problems, which name line and column. Raises :class:`ProposalError`
        for an unknown column or a cell that cannot be read.
        """
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

def parse_number(text: str, numbers: Numbers = "auto") -> float:
    """A number as people write it (``"2.500,50"``, ``"2,500.50"``, ``"2500"``), read in the
    ``numbers`` style. Raises :class:`ProposalError` with the ``column`` of the problem."""

def _ruleset_from_json(text: str) -> Ruleset: ...
def _result_table(
    results: Iterable[Union[Mapping[str, Any], ProposalError, Any]],
) -> Tuple[List[Tuple[str, str]], Dict[str, List[Any]]]: ...
