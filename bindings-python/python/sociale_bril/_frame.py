"""``to_frame``: assessments as a pandas DataFrame, one row per proposal.

The columns and the value of every cell come from the core's results table (the same columns as
the CSV of ``sociale-bril batch --format csv``, without its ``line``); this module only makes the
DataFrame and chooses the dtypes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Union

from . import _native
from ._errors import SocialeBrilError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["to_frame"]

_MISSING_PANDAS = (
    "sociale_bril.to_frame needs pandas, which is not installed; "
    "install it with: pip install 'sociale-bril[pandas]' (or: pip install pandas)"
)


def to_frame(
    assessments: Iterable[Union[Mapping[str, Any], SocialeBrilError]],
) -> pandas.DataFrame:
    """One row per assessment, with the scores an analyst compares.

    ``assessments`` is any iterable of assessments (``Ruleset.assess`` or
    ``Ruleset.assess_many``); with ``assess_many(..., errors="return")`` the exceptions in it
    become rows with only ``error`` and ``error_code`` filled in. The row index is the position
    in the iterable, which is the proposal's position in ``assess_many``.

    Columns, in order: ``id``, ``title``, ``overall_percent``, ``overall_rating``,
    ``overall_completeness``, then per theme ``<theme>_percent``, ``<theme>_rating``,
    ``<theme>_completeness``, then ``answered``, ``applicable``, ``signals`` (how many fired),
    ``signal_ids`` (separated by ``;``), ``critical_failures`` (how many),
    ``critical_failure_ids``, ``knowledge_gaps`` (how many), ``top_improvement`` (an item id),
    ``error`` and ``error_code``. Whole assessments and summaries (``detail="summary"``) give the
    same columns, which are the CSV columns of ``sociale-bril batch``. Percentages and
    completeness are ``NaN`` where nothing applies.

    Needs pandas (``pip install 'sociale-bril[pandas]'``).
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(_MISSING_PANDAS) from e

    columns, data = _native._result_table(assessments)
    names = [name for name, _ in columns]
    frame = pd.DataFrame(data, columns=names)
    numeric = [name for name, kind in columns if kind == "number"]
    if numeric:
        frame[numeric] = frame[numeric].astype("float64")
    counts = [name for name, kind in columns if kind == "count"]
    if len(frame) and frame["error"].isna().all():
        frame[counts] = frame[counts].astype("int64")
    else:
        frame[counts] = frame[counts].astype("Int64")
    return frame
