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


def test_the_demo_follows_a_review_through_its_meeting() -> None:
    lines = section()
    start = next(i for i, line in enumerate(lines) if "Following review U1R-2024-031" in line)
    stages = [i for i, line in enumerate(lines) if line.startswith("   as of ")]
    assert [lines[i].strip() for i in stages] == [
        "as of 2024-06-01: ok",
        "as of 2024-06-12: ok",
        "as of 2024-07-02: ok",
        "as of 2024-07-25: ok",
        "as of 2024-08-05: ok",
    ]
    assert start < stages[0]
    draft = next(i for i, line in enumerate(lines) if "draft as of 2024-05-22" in line)
    assert start < draft < stages[0]
    assert lines[draft].endswith(": ok")
    assert "(to do before the meeting on 2024-06-12)" in lines[draft + 1]
    assert "[info] panel.scribe" in lines[draft + 1]
    by_stage = {
        lines[i].split(":")[0].strip(): lines[i + 1 : j]
        for i, j in zip(stages, [*stages[1:], len(lines)], strict=True)
    }
    assert by_stage["as of 2024-06-01"] == ["      (no findings)"]
    assert any("is open, due on 2024-07-01" in line for line in by_stage["as of 2024-06-12"])
    assert any("followup.task-on-time" in line and "[warning]" in line
               for line in by_stage["as of 2024-07-02"])  # fmt: skip
    assert any("followup.report-back-on-time" in line for line in by_stage["as of 2024-07-25"])
    assert by_stage["as of 2024-08-05"] == ["      (no findings)"]


def test_the_demo_is_registered() -> None:
    assert ("Under 1 Roof case review", section) in SECTIONS
