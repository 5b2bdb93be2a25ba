from __future__ import annotations

from casereview._demo import SECTIONS
from casereview.under1roof._demo import section


def test_the_demo_shows_a_panel_that_falls_short_then_one_that_passes() -> None:
    lines = section()
    short = next(i for i, line in enumerate(lines) if "falls short" in line)
    passes = next(i for i, line in enumerate(lines) if "meets the seed" in line)
    assert short < passes
    between = lines[short + 1 : passes]
    assert any("under1roof.panel.two-independent-members" in line for line in between)
    assert any("under1roof.panel.scribe-separate" in line for line in between)
    assert any("Steps still incomplete: 8, 11, 12, 13" in line for line in lines)


def test_the_demo_is_registered() -> None:
    assert ("Under 1 Roof case review", section) in SECTIONS
