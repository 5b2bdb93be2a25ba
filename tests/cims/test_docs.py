"""docs/cims.md shows each rule beside the very sentence it implements."""

from __future__ import annotations

import pytest

from casereview.cims import RULES
from casereview.findings import Provenance, Rule
from tests.helpers import ROOT, normalise_text

GUIDE = normalise_text((ROOT / "docs" / "cims.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_the_guide_quotes_each_stated_rule_and_marks_its_provenance(rule: Rule) -> None:
    assert f"`{rule.id}`" in GUIDE
    if rule.citation.provenance is Provenance.STATED:
        assert rule.citation.quote is not None
        assert normalise_text(rule.citation.quote) in GUIDE, rule.id
    row = next(line for line in GUIDE.split("| `")[1:] if line.startswith(rule.id + "`"))
    if not rule.id.startswith("cims.review.") or rule.citation.provenance is not Provenance.STATED:
        assert rule.citation.provenance.value in row, rule.id
