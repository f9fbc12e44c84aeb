"""Canonical JSON (docs/scoring.md §13), written independently of the core, for comparing the
Python assessment with the CLI's byte for byte: object keys sorted, no whitespace, UTF-8, integral
numbers without a fraction (``3``, not ``3.0``), other numbers in their shortest round-trip form
(Python's ``repr``, with the exponent written as Rust's serde_json writes it: ``1e-7``, ``1e16``).
"""

from __future__ import annotations

import json
import math
from typing import Any, List

SAFE_INTEGER = 2**53 - 1


def _number(v: float) -> str:
    if not math.isfinite(v):
        raise ValueError(f"{v!r} has no JSON form")
    if v == int(v) and abs(v) <= SAFE_INTEGER:
        return str(int(v))
    text = repr(v)
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def canonical(value: Any) -> str:
    """The canonical JSON text of a value made of dicts, lists, str, int, float, bool, None."""
    out: List[str] = []

    def write(v: Any) -> None:
        if v is None:
            out.append("null")
        elif v is True:
            out.append("true")
        elif v is False:
            out.append("false")
        elif isinstance(v, int):
            out.append(str(v))
        elif isinstance(v, float):
            out.append(_number(v))
        elif isinstance(v, str):
            out.append(json.dumps(v, ensure_ascii=False))
        elif isinstance(v, (list, tuple)):
            out.append("[")
            for i, e in enumerate(v):
                if i:
                    out.append(",")
                write(e)
            out.append("]")
        elif isinstance(v, dict):
            out.append("{")
            for i, k in enumerate(sorted(v)):
                if not isinstance(k, str):
                    raise TypeError(f"key {k!r} is not a string")
                if i:
                    out.append(",")
                out.append(json.dumps(k, ensure_ascii=False))
                out.append(":")
                write(v[k])
            out.append("}")
        else:
            raise TypeError(f"{type(v).__name__} has no JSON form")

    write(value)
    return "".join(out)
