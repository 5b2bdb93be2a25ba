"""The CIMS demo section walks from an incident to a completed, passing case review."""

from __future__ import annotations

from casereview._demo import SECTIONS
from casereview.cims._demo import section


def test_the_section_is_registered() -> None:
    assert section in [fn for _, fn in SECTIONS]


def test_the_walk_through() -> None:
    lines = section()
    text = "\n".join(lines)
    assert "Follow-up (cims-2020): Not determined; type needs systemic_factors" in text
    assert "Systemic factors: no -> Case review [cims.follow-up.case-review]" in text
    assert "Due: Wed 27 Nov 2024" in text
    assert "Extension requested: refused" in text
    assert "Draft review: ok=False" in text
    assert "cims.review.on-time" in text
    assert "Completed review dated Wed 27 Nov 2024: ok=True, 0 findings" in text
    assert "allowed for CIMS-2024-0301, CIMS-2024-0318" in text
    assert "CIMS-2024-0322 does not qualify: another client" in text
