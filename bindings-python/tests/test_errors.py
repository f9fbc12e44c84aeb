"""Bad input raises the right exception, with its attributes set."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import RULES

import sociale_bril
from sociale_bril import ProposalError, Ruleset, RulesetError, SocialeBrilError


def test_hierarchy() -> None:
    assert issubclass(SocialeBrilError, ValueError)
    assert issubclass(RulesetError, SocialeBrilError)
    assert issubclass(ProposalError, SocialeBrilError)


@pytest.mark.parametrize(
    "value, kind",
    [([1, 2], "a list"), (3, "a number"), (None, "null"), (True, "a boolean"), ("[1]", "a list")],
)
def test_not_a_dict(rules: Ruleset, value: object, kind: str) -> None:
    with pytest.raises(ProposalError) as e:
        rules.assess(value)  # type: ignore[call-overload]
    err = e.value
    assert err.code == "proposal-type"
    assert err.path == ""
    assert kind in err.message
    assert err.index is None and err.location is None
    assert err.issues[0]["code"] == "proposal-type"


def test_unknown_item(rules: Ruleset) -> None:
    with pytest.raises(ProposalError) as e:
        rules.assess({"answers": {"inclusie.bestaat-niet": "ja"}})
    err = e.value
    assert err.code == "unknown-item"
    assert err.path == "/answers/inclusie.bestaat-niet"
    assert err.item == "inclusie.bestaat-niet"
    assert err.help and "valid item ids" in err.help
    assert "unknown item" in str(err)


def test_wrong_token(rules: Ruleset) -> None:
    item = rules.item_ids[0]
    with pytest.raises(ProposalError) as e:
        rules.assess({"answers": {item: "misschien"}})
    err = e.value
    assert (err.code, err.path, err.item) == ("unknown-token", f"/answers/{item}", item)
    with pytest.raises(ProposalError) as e:
        rules.assess({"answers": {item: {"answer": "misschien", "note": "x"}}})
    assert e.value.path == f"/answers/{item}/answer"


def test_every_problem_is_listed(rules: Ruleset) -> None:
    item = rules.item_ids[0]
    proposal = {"titel": "x", "context": {"budgett": 1}, "answers": {item: "misschien", "x.y": "ja"}}
    with pytest.raises(ProposalError) as e:
        rules.assess(proposal)
    assert sorted((i["code"], i["pointer"]) for i in e.value.issues) == [
        ("unknown-field", "/context/budgett"),
        ("unknown-item", "/answers/x.y"),
        ("unknown-key", "/titel"),
        ("unknown-token", f"/answers/{item}"),
    ]
    # The same problems, in the same order, from JSON text.
    with pytest.raises(ProposalError) as again:
        rules.assess(json.dumps(proposal))
    assert again.value.issues == e.value.issues


def test_json_syntax_error(rules: Ruleset) -> None:
    with pytest.raises(ProposalError) as e:
        rules.assess('{"title": "x",\n "answers": {]}')
    err = e.value
    assert err.code == "json-syntax"
    assert (err.line, err.column) == (2, 14)
    with pytest.raises(ProposalError) as e:
        rules.assess(b"\xff\xfe")
    assert e.value.code == "json-syntax"


def test_context_errors(rules: Ruleset) -> None:
    with pytest.raises(ProposalError) as e:
        rules.assess({"context": {"instrument": "raket"}})
    assert (e.value.code, e.value.path) == ("unknown-option", "/context/instrument")
    with pytest.raises(ProposalError) as e:
        rules.assess({"context": {"budget": "veel"}})
    assert (e.value.code, e.value.path) == ("context-type", "/context/budget")


def test_python_values_without_json_meaning(rules: Ruleset) -> None:
    import datetime

    with pytest.raises(ProposalError) as e:
        rules.assess({"answers": {5: "ja"}})
    assert (e.value.code, e.value.path) == ("proposal-type", "/answers/5")
    assert "keys must be strings" in e.value.message
    with pytest.raises(ProposalError) as e:
        rules.assess({"title": datetime.date(2024, 1, 1)})
    assert (e.value.code, e.value.path) == ("proposal-type", "/title")
    assert "datetime.date" in e.value.message
    with pytest.raises(ProposalError) as e:
        rules.assess({"title": b"bytes"})
    assert (e.value.code, e.value.path) == ("proposal-type", "/title")


def broken_ruleset(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder, ignore=shutil.ignore_patterns("tests", "examples"))
    path = sorted(folder.glob("*.toml"))[-1]
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n\n[[signal]]\nid = "kapot"\nseverity = "warning"\nwhen = "context.bestaat_niet == 3"\n'
        + 'message = { nl = "x", en = "x" }\n',
        encoding="utf-8",
    )
    return path


def test_broken_ruleset(tmp_path: Path) -> None:
    path = broken_ruleset(tmp_path)
    with pytest.raises(RulesetError) as e:
        Ruleset.load(path.parent)
    err = e.value
    assert err.code == "expr-unknown-field"
    assert err.location is not None
    assert err.location["file"] == path.name
    assert isinstance(err.line, int) and err.line > 1 and err.column
    assert err.path and err.path.startswith("/signal/")
    assert err.item == "kapot"
    assert path.name in str(err)


def test_ruleset_syntax_and_io_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[ruleset\nid = 1\n", encoding="utf-8")
    with pytest.raises(RulesetError) as e:
        Ruleset.load(bad)
    assert e.value.code == "toml-syntax"
    assert e.value.location and e.value.location["line"] == 1
    with pytest.raises(RulesetError) as e:
        Ruleset.load(tmp_path / "missing")
    assert e.value.code == "io"
    assert e.value.location and e.value.location["file"].endswith("missing")
    with pytest.raises(RulesetError) as e:
        Ruleset.from_json("{")
    assert e.value.code == "json-syntax"


def test_exceptions_pickle(rules: Ruleset) -> None:
    with pytest.raises(ProposalError) as e:
        rules.assess({"answers": {"x.y": "ja"}})
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is ProposalError
    assert (again.code, again.path, again.item, again.issues, str(again)) == (
        e.value.code, e.value.path, e.value.item, e.value.issues, str(e.value),
    )
    errs = list(rules.assess_many([{}, {"answers": {"x.y": "ja"}}], errors="return"))
    back = pickle.loads(pickle.dumps(errs[1]))
    assert isinstance(back, ProposalError) and back.index == 1 and str(back).startswith("proposal 1:")


def test_sociale_bril_error_is_caught_as_value_error(rules: Ruleset) -> None:
    with pytest.raises(ValueError):
        rules.assess([])  # type: ignore[call-overload]
    assert sociale_bril.SocialeBrilError is SocialeBrilError
