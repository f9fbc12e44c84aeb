"""``to_frame``: assessments as a pandas DataFrame, one row per proposal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Union

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
    become rows with only ``error`` (and ``error_code``) filled in. The row index is the position
    in the iterable, which is the proposal's position in ``assess_many``.

    Columns, in order: ``id``, ``title``, ``overall_percent``, ``overall_rating``,
    ``overall_completeness``, then per theme ``<theme>_percent``, ``<theme>_rating``,
    ``<theme>_completeness``, then ``answered``, ``applicable``, ``signals`` (how many fired),
    ``critical_failures`` (how many), ``knowledge_gaps`` (how many), ``top_improvement`` (item
    id), ``error`` and ``error_code``. Whole assessments and summaries (``detail="summary"``)
    give the same columns. The names follow the CSV output
    of ``sociale-bril batch``. Percentages and completeness are ``NaN`` where nothing applies.

    Needs pandas (``pip install 'sociale-bril[pandas]'``).
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(_MISSING_PANDAS) from e

    rows: List[Dict[str, Any]] = []
    themes: Dict[str, None] = {}
    for a in assessments:
        if isinstance(a, SocialeBrilError):
            rows.append({"error": str(a), "error_code": a.code})
            continue
        if not isinstance(a, Mapping):
            raise TypeError(
                f"to_frame expects assessments (dicts) or SocialeBrilError objects, not {type(a).__name__}"
            )
        proposal = a.get("proposal") or {}
        overall = a["overall"]
        row: Dict[str, Any] = {
            "id": proposal.get("id"),
            "title": proposal.get("title"),
            "overall_percent": overall["percent"],
            "overall_rating": overall["rating"],
            "overall_completeness": overall["completeness"],
        }
        for t in a["themes"]:
            themes.setdefault(t["id"], None)
            row[f"{t['id']}_percent"] = t["percent"]
            row[f"{t['id']}_rating"] = t["rating"]
            row[f"{t['id']}_completeness"] = t["completeness"]
        signals = a["signals"]
        improvements = a["improvements"]
        row.update(
            answered=overall["answered"],
            applicable=overall["applicable"],
            signals=len(signals),
            critical_failures=len(overall["critical_failures"]),
            knowledge_gaps=len(a["knowledge_gaps"]),
            top_improvement=improvements[0]["item"] if improvements else None,
            error=None,
            error_code=None,
        )
        rows.append(row)

    columns = ["id", "title", "overall_percent", "overall_rating", "overall_completeness"]
    for t in themes:
        columns += [f"{t}_percent", f"{t}_rating", f"{t}_completeness"]
    columns += [
        "answered",
        "applicable",
        "signals",
        "critical_failures",
        "knowledge_gaps",
        "top_improvement",
        "error",
        "error_code",
    ]
    data = {c: [r.get(c) for r in rows] for c in columns}
    frame = pd.DataFrame(data, columns=columns)
    numeric = [c for c in columns if c.endswith(("_percent", "_completeness"))]
    if numeric:
        frame[numeric] = frame[numeric].astype("float64")
    counts = ["answered", "applicable", "signals", "critical_failures", "knowledge_gaps"]
    if rows and all(r.get("error") is None for r in rows):
        frame[counts] = frame[counts].astype("int64")
    else:
        frame[counts] = frame[counts].astype("Int64")
    return frame
