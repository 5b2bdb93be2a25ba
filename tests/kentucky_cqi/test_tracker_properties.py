"""Properties of the pull tracker over generated pulls (Hypothesis)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from casereview import Provenance, Severity
from casereview.kentucky_cqi import (
    Assignment,
    Pull,
    PullStatus,
    ReviewStatus,
    SubstitutionReason,
    pull_status,
)

S = ReviewStatus
CASES = [f"C{i}" for i in range(8)]
FSOSES = ["A", "B", "C", None]
DAYS = st.dates(date(2025, 12, 20), date(2026, 3, 5))
OPTIONAL_DAY = st.none() | DAYS


@st.composite
def rows(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "case_number": draw(st.sampled_from(CASES)),
        "fsos": draw(st.sampled_from(FSOSES)),
        "region": draw(st.sampled_from(["R1", "R2", None])),
        "flagged_for_regional_review": draw(st.sampled_from([True, False, None])),
        "sealed": draw(st.sampled_from([True, False, None])),
        "investigative_team": draw(st.sampled_from([True, False, None])),
        "incomplete_investigation": draw(st.sampled_from([True, False, None])),
        "legitimate_extension": draw(st.sampled_from([True, False, None])),
        "replaces": draw(st.sampled_from([None, None, None, *CASES[:3], "Z9"])),
        "first_level_completed_on": draw(OPTIONAL_DAY),
        "regional_completed_on": draw(OPTIONAL_DAY),
    }


@st.composite
def pulls(draw: st.DrawFn) -> Pull:
    substitutions = [
        {
            "case_number": draw(st.sampled_from([*CASES, "Z9"])),
            "reason": draw(st.sampled_from(list(SubstitutionReason))),
            "requested_on": draw(DAYS),
            "requested_by": draw(st.sampled_from(["FSOS", "Regional reviewer", None])),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Pull.from_rows(
        2026,
        1,
        draw(st.lists(rows(), max_size=14)),
        vacancies=dict.fromkeys(draw(st.sets(st.sampled_from(["A", "B", "C"]))), "on leave"),
        substitutions=substitutions,
        previous=draw(st.none() | st.lists(st.sampled_from(CASES), max_size=3)),
    )


def _done_by(pull: Pull, key: str, field: str, on: date) -> bool:
    """Some row of the item records a completion on or before ``on`` (restated, not merged)."""
    return any(
        getattr(r, field) is not None and getattr(r, field) <= on for r in pull.rows if r.key == key
    )


@settings(max_examples=150, deadline=None)
@given(pulls(), DAYS)
def test_every_error_cites_a_stated_rule(pull: Pull, on: date) -> None:
    for finding in pull_status(pull, on).findings:
        assert finding.citation is not None
        if finding.severity is Severity.ERROR:
            assert finding.citation.provenance is Provenance.STATED, finding


@settings(max_examples=150, deadline=None)
@given(pulls(), DAYS)
def test_every_overdue_error_rests_on_recorded_facts(pull: Pull, on: date) -> None:
    """An error's premise is recorded, not only its rule stated (audit: provenance by premise)."""
    status = pull_status(pull, on)
    for case in status.cases:
        if case.first_level is S.OVERDUE:
            assert case.assignment is Assignment.ASSIGNED
            assert case.fsos is not None
            assert not _done_by(pull, case.key, "first_level_completed_on", on)
        if case.regional is S.OVERDUE:
            assert case.flagged_for_regional_review is True
    for finding in status.errors:
        if finding.code == "kentucky_cqi.schedule.fsos-complete":
            assert finding.field != "rows[fsos=None].first_level_completed_on", finding


@settings(max_examples=150, deadline=None)
@given(pulls(), DAYS)
def test_states_follow_the_dates(pull: Pull, on: date) -> None:
    status = pull_status(pull, on)
    assert len(status.cases) == len({r.key for r in pull.rows})
    for case in status.cases:
        out = case.assignment in (Assignment.SUBSTITUTED, Assignment.UNASSIGNED_VACANT)
        done = _done_by(pull, case.key, "first_level_completed_on", on)
        if out:
            assert case.first_level is S.NOT_REQUIRED
        elif done:
            assert case.first_level in (S.DONE, S.DONE_LATE)
        elif case.assignment is Assignment.FSOS_NOT_RECORDED:
            assert case.first_level is S.NOT_RECORDED  # whose review it is is not known
        elif on < date(2026, 1, 6):
            assert case.first_level is S.UPCOMING
        else:
            assert case.first_level is (S.DUE if on <= date(2026, 1, 25) else S.OVERDUE)
        if case.regional in (S.DUE, S.OVERDUE):
            assert date(2026, 2, 1) <= on
            assert case.flagged_for_regional_review is True
            assert not _done_by(pull, case.key, "regional_completed_on", on)
            assert (case.regional is S.OVERDUE) is (on > date(2026, 2, 25))


@settings(max_examples=100, deadline=None)
@given(pulls(), DAYS, st.integers(1, 60))
def test_time_only_moves_forward(pull: Pull, on: date, days: int) -> None:
    before, after = pull_status(pull, on), pull_status(pull, on + timedelta(days=days))
    done = {S.DONE, S.DONE_LATE}
    for early, late in zip(before.cases, after.cases, strict=True):
        for a, b in ((early.first_level, late.first_level), (early.regional, late.regional)):
            if a in done:
                assert b in done or b is S.NOT_REQUIRED  # a substitution may come later
            if a is S.OVERDUE:
                assert b in (S.OVERDUE, S.DONE_LATE, S.NOT_REQUIRED)
            if b is S.UPCOMING:
                assert a is S.UPCOMING


@settings(max_examples=100, deadline=None)
@given(pulls(), DAYS)
def test_a_duplicate_never_makes_a_cap_breach(pull: Pull, on: date) -> None:
    status = pull_status(pull, on)
    for finding in status.caps.errors:
        match = re.match(r"first_level\['(.*)'\]", finding.field or "")
        if match:
            keys = {r.key for r in pull.rows if r.fsos == match.group(1)}
            assert len(keys) > 4


@settings(max_examples=60, deadline=None)
@given(pulls(), DAYS)
def test_findings_point_at_rows_that_exist_and_results_round_trip(pull: Pull, on: date) -> None:
    status = pull_status(pull, on)
    for finding in status.findings:
        match = re.match(r"rows\[(\d+)\]", finding.field or "")
        if match:
            assert int(match.group(1)) < len(pull.rows)
    assert PullStatus.model_validate_json(status.model_dump_json()) == status
