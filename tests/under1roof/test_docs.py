"""The guide shows each rule beside the sentence it implements."""

from __future__ import annotations

import re

import pytest

from casereview.findings import Provenance, Rule
from casereview.under1roof import RULES, Trigger
from tests.helpers import ROOT, normalise_text

GUIDE = (ROOT / "docs" / "under1roof.md").read_text(encoding="utf-8")


def _unquoted(text: str) -> str:
    return normalise_text(re.sub(r"^> ?", "", text, flags=re.MULTILINE))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_each_rule_is_documented_with_its_provenance(rule: Rule) -> None:
    line = next(ln for ln in GUIDE.splitlines() if f"`{rule.id}` —" in ln)
    assert f"**{rule.citation.provenance.value}**" in line


@pytest.mark.parametrize("rule", [r for r in RULES if r.citation.quote], ids=lambda r: r.id)
def test_each_quoted_sentence_is_in_the_guide(rule: Rule) -> None:
    assert rule.citation.quote is not None
    assert normalise_text(rule.citation.quote) in _unquoted(GUIDE)


def test_every_rule_is_stated_or_inferred() -> None:
    """The seed is the only authority on Under 1 Roof: no rule can rest on a secondary source."""
    stated = {r.id for r in RULES if r.citation.provenance is Provenance.STATED}
    inferred = {r.id for r in RULES if r.citation.provenance is Provenance.INFERRED}
    assert stated | inferred == {r.id for r in RULES}


@pytest.mark.parametrize("trigger", list(Trigger), ids=lambda t: t.name)
def test_the_trigger_table_shows_each_label(trigger: Trigger) -> None:
    assert f"| `{trigger.name}` | {trigger.value} |" in GUIDE
