"""Assess one proposal with the default ruleset and print the scores per theme."""

from __future__ import annotations

import sociale_bril


def main() -> None:
    rules = sociale_bril.Ruleset.default()
    print(f"{rules.id} {rules.version} ({len(rules.item_ids)} questions)")

    proposal = {
        "title": "Subsidieregeling buurtinitiatieven",
        "context": {"instrument": "subsidy", "citizens_affected": True, "budget": 250_000},
        "answers": {
            "inclusie.doelgroepen-in-beeld": "ja",
            "inclusie.fysieke-toegankelijkheid": {"answer": "deels", "note": "Niet elk buurthuis heeft een lift."},
            "gemeenschapskracht.eigenaarschap": "onbekend",
        },
    }
    try:
        assessment = rules.assess(proposal)
    except sociale_bril.ProposalError as e:
        # Every problem, with its JSON pointer: e.path, e.code, e.issues.
        print(f"{e.path}: {e.message}")
        raise

    overall = assessment["overall"]
    print(f"overall: {overall['percent']}% ({overall['rating']}), {overall['completeness']}% answered")
    for theme in assessment["themes"]:
        print(f"  {theme['title']['nl']}: {theme['percent']}% ({theme['rating']})")
    for improvement in assessment["improvements"][:3]:
        print(f"  +{improvement['gain']} points: {improvement['advice']['nl']}")


if __name__ == "__main__":
    main()
