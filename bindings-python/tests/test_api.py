"""The Ruleset API: loading, identity, questions, schemas, reports."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Dict, List

import pytest
from conftest import RULES

import sociale_bril
from sociale_bril import Ruleset


def test_default_identity(rules: Ruleset) -> None:
    assert rules.id == "sociale-bril"
    assert rules.version.count(".") >= 2
    assert rules.hash.startswith("sha256:") and len(rules.hash) == len("sha256:") + 64
    assert len(rules.item_ids) >= 1
    assert all("." in i for i in rules.item_ids)
    assert "sociale-bril" in repr(rules)
    assert sociale_bril.__version__


def test_load_folder_toml_and_json(tmp_path: Path, rules: Ruleset) -> None:
    from_folder = Ruleset.load(RULES)
    assert from_folder.hash == rules.hash
    assert Ruleset.load(str(RULES)).hash == rules.hash
    doc = rules.to_json()
    assert json.loads(doc)["ruleset"]["id"] == "sociale-bril"
    path = tmp_path / "rules.json"
    path.write_text(doc, encoding="utf-8")
    assert Ruleset.load(path).hash == rules.hash
    assert Ruleset.from_json(doc).hash == rules.hash


def test_one_toml_file(tmp_path: Path) -> None:
    # A ruleset of one file: everything from the default folder, concatenated.
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(RULES.glob("*.toml")))
    path = tmp_path / "all.toml"
    path.write_text(text, encoding="utf-8")
    assert Ruleset.load(path).id == "sociale-bril"


def test_equality_and_hash(rules: Ruleset) -> None:
    other = Ruleset.from_json(rules.to_json())
    assert other == rules and hash(other) == hash(rules)
    assert rules != "sociale-bril"
    assert len({rules, other}) == 1
    assert copy.copy(rules) is rules
    assert copy.deepcopy(rules) is rules


def test_assessment_shape(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    a = rules.assess(examples[0])
    assert set(a) == {
        "ruleset", "proposal", "overall", "themes", "principles", "domains",
        "items", "signals", "knowledge_gaps", "improvements",
    }
    assert a["ruleset"] == {"id": rules.id, "version": rules.version, "hash": rules.hash}
    assert [i["id"] for i in a["items"]] == rules.item_ids
    assert isinstance(a["overall"]["points"], float)
    assert isinstance(a["overall"]["applicable"], int)
    # Plain Python data: dicts and lists all the way down.
    json.dumps(a)


def test_summary(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    from sociale_bril import _types
    from typing import get_type_hints

    for p in examples:
        full = rules.assess(p)
        s = rules.assess(p, detail="summary")
        assert set(s) == set(get_type_hints(_types.Summary))
        assert s["overall"] == full["overall"]
        assert s["signals"] == [x["id"] for x in full["signals"]]
        assert s["knowledge_gaps"] == [g["item"] for g in full["knowledge_gaps"]]
        assert [i["item"] for i in s["improvements"]] == [i["item"] for i in full["improvements"]]
        for g, f in zip(s["themes"], full["themes"]):
            assert (g["id"], g["percent"], g["rating"]) == (f["id"], f["percent"], f["rating"])
            assert set(g) <= set(get_type_hints(_types.GroupSummary))
    with pytest.raises(ValueError, match="detail"):
        rules.assess({}, detail="short")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="detail"):
        rules.assess_many([], detail="short")  # type: ignore[call-overload]


def test_assess_accepts_mappings(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    import types

    p = examples[0]
    proxy = types.MappingProxyType({**p, "context": types.MappingProxyType(p["context"])})
    assert rules.assess(proxy) == rules.assess(p)
    # A set for a multi-select context field, tuples for lists.
    with_set = {**p, "context": {**p["context"], "target_groups": set(p["context"].get("target_groups", []))}}
    assert rules.assess(with_set)["overall"] == rules.assess(p)["overall"]


def test_questions(rules: Ruleset) -> None:
    nl = rules.questions()
    en = rules.questions("en")
    assert nl["lang"] == "nl" and en["lang"] == "en"
    ids = [q["id"] for t in nl["themes"] for q in t["items"]]
    assert sorted(ids) == sorted(rules.item_ids)
    with pytest.raises(ValueError, match="language"):
        rules.questions("de")  # type: ignore[arg-type]


def test_schemas(rules: Ruleset) -> None:
    for kind in ("proposal", "ruleset", "assessment", "questions"):
        s = sociale_bril.schema(kind)
        assert isinstance(s, dict) and s
    with pytest.raises(ValueError, match="unknown schema"):
        sociale_bril.schema("nope")  # type: ignore[arg-type]
    ps = rules.proposal_schema()
    text = json.dumps(ps)
    assert all(i in text for i in rules.item_ids)


def test_report(rules: Ruleset, examples: List[Dict[str, Any]]) -> None:
    p = examples[0]
    md = rules.report(p)
    assert p["title"] in md
    html = rules.report(json.dumps(p), format="html", lang="en")
    assert html.lstrip().lower().startswith("<!doctype html")
    with pytest.raises(ValueError, match="format"):
        rules.report(p, format="pdf")  # type: ignore[arg-type]
    with pytest.raises(sociale_bril.ProposalError):
        rules.report({"answers": {"nope": "ja"}})
