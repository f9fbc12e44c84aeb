"""The TypedDicts of sociale_bril._types describe what assess returns (checked against the JSON
Schema of an assessment and against real assessments), and the package is installed as typed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple, get_type_hints

import sociale_bril
from sociale_bril import _types


def keys(td: Any) -> Set[str]:
    return set(get_type_hints(td).keys())


def resolve(schema: Dict[str, Any], node: Dict[str, Any]) -> Dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].split("/")[-1]
        node = schema.get("$defs", schema.get("definitions", {}))[name]
    for key in ("allOf", "anyOf", "oneOf"):
        if key in node:
            merged: Dict[str, Any] = {"properties": {}}
            for sub in node[key]:
                sub = resolve(schema, sub)
                merged["properties"].update(sub.get("properties", {}))
            merged["properties"].update(node.get("properties", {}))
            return merged if merged["properties"] else node
    return node


def test_typed_dicts_match_the_schema() -> None:
    schema = sociale_bril.schema("assessment")
    top = resolve(schema, schema)
    pairs: List[Tuple[Any, Dict[str, Any]]] = [(_types.Assessment, top)]
    props = top["properties"]

    def item_of(name: str) -> Dict[str, Any]:
        node = resolve(schema, props[name])
        return resolve(schema, node.get("items", node))

    pairs += [
        (_types.Score, resolve(schema, props["overall"])),
        (_types.GroupScore, item_of("themes")),
        (_types.ItemResult, item_of("items")),
        (_types.SignalResult, item_of("signals")),
        (_types.KnowledgeGap, item_of("knowledge_gaps")),
        (_types.Improvement, item_of("improvements")),
        (_types.RulesetInfo, resolve(schema, props["ruleset"])),
        (_types.ProposalInfo, resolve(schema, props["proposal"])),
    ]
    for td, node in pairs:
        assert keys(td) == set(node["properties"]), td.__name__


def test_typed_dicts_match_an_assessment(rules: sociale_bril.Ruleset, examples: List[Dict[str, Any]]) -> None:
    a = rules.assess(examples[0])
    assert set(a) == keys(_types.Assessment)
    assert set(a["overall"]) == keys(_types.Score)
    assert set(a["themes"][0]) == keys(_types.GroupScore)
    assert set(a["items"][0]) == keys(_types.ItemResult)
    if a["improvements"]:
        assert set(a["improvements"][0]) == keys(_types.Improvement)
    if a["knowledge_gaps"]:
        assert set(a["knowledge_gaps"][0]) == keys(_types.KnowledgeGap)


def test_installed_with_stubs() -> None:
    package = Path(sociale_bril.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()
    if os.environ.get("SOCIALE_BRIL_EXPECT_INSTALLED"):
        # The tests run against the installed wheel, not the source tree.
        assert "site-packages" in str(package), package
