"""The monthly pull tracker over a realistic month (tests/kentucky_cqi/month_data.py).

Expectations are restated from the plan in ``month_data`` and the seed's dates (first level by
the 25th of the pull month, regional by the 25th of the month after), not read back from the
library.
"""

from __future__ import annotations

from datetime import date

import pytest

from casereview import CaseReviewError, Provenance, Severity
from casereview.kentucky_cqi import (
    Assignment,
    Pull,
    PullStatus,
    ReviewLevel,
    ReviewStatus,
    SubstitutionReason,
    VacancyReason,
    monitoring_notice,
    pull_status,
)
from tests.kentucky_cqi import month_data as m

S = ReviewStatus


@pytest.fixture(scope="module")
def pull() -> Pull:
    return Pull.from_rows(
        2026,
        1,
        m.rows(),
        vacancies=m.VACANCIES,
        substitutions=m.SUBSTITUTIONS,
        previous=m.PREVIOUS,
    )


def at(pull: Pull, y: int, mo: int, d: int) -> PullStatus:
    return pull_status(pull, date(y, mo, d))


def test_the_month_is_realistic(pull: Pull) -> None:
    assert len(pull.rows) == 44
    assert len({r.fsos for r in pull.rows if r.fsos}) == 10
    assert {r.region for r in pull.rows} == {m.SALT_RIVER, m.TWO_RIVERS}
    status = at(pull, 2026, 1, 20)
    assert len(status.cases) == 43  # the duplicate is one item


def test_before_the_load_nothing_is_open_and_no_request_is_made_yet(pull: Pull) -> None:
    status = at(pull, 2026, 1, 5)
    firsts = {c.first_level for c in status.cases}
    assert firsts == {S.UPCOMING, S.NOT_REQUIRED, S.NOT_RECORDED}
    assert status.first_level(S.NOT_RECORDED) == ("26-999",)  # no FSOS: not decided
    # The sealed case's substitution is asked on 8 Jan: on the 5th it is still assigned.
    assert status.case("26-024").assignment is Assignment.ASSIGNED
    assert status.case("26-024").substitutions == ()
    assert status.case("26-024").substitutable_for == (SubstitutionReason.SEALED,)
    assert {c.regional for c in status.cases} == {S.UPCOMING, S.NOT_REQUIRED, S.NOT_RECORDED}


def test_assignment_states(pull: Pull) -> None:
    status = at(pull, 2026, 1, 20)
    by = {c.key: c.assignment for c in status.cases}
    assert by["26-024"] is Assignment.SUBSTITUTED
    assert by["26-025"] is Assignment.ASSIGNED
    assert status.case("26-025").replaces == "26-024"
    assert status.case("26-024").replaced_by == ("26-025",)
    assert by["26-033"] is Assignment.ASSIGNED  # refused: asked on the 13th
    assert by["26-999"] is Assignment.FSOS_NOT_RECORDED
    vacant = [k for k, a in by.items() if a is Assignment.UNASSIGNED_VACANT]
    assert vacant == [m.case("F10", k) for k in range(1, 5)]
    assert all(status.case(k).vacancy is VacancyReason.LEAVE for k in vacant)
    assert set(by.values()) == set(Assignment)


def test_first_level_states_on_the_20th(pull: Pull) -> None:
    status = at(pull, 2026, 1, 20)
    assert status.first_level(S.DONE) == tuple(
        k
        for k in (c.key for c in status.cases)
        if (k[-1] == "1" or (k[-1] == "4" and k[3:5] not in ("01", "02")))
        and k[3:5] != "10"
        and k != "26-024"
    )
    assert set(status.first_level(S.NOT_REQUIRED)) == {"26-024"} | {
        m.case("F10", k) for k in range(1, 5)
    }
    assert "26-012" in status.first_level(S.DUE)  # done on the 24th: not yet known on the 20th
    assert status.first_level(S.OVERDUE) == ()
    assert status.errors == tuple(
        f for f in status.findings if f.code.startswith("kentucky_cqi.caps")
    )


def test_first_level_states_after_the_25th(pull: Pull) -> None:
    on_26 = at(pull, 2026, 1, 26)
    overdue = set(on_26.first_level(S.OVERDUE))
    expected = {m.case(f, 3) for f in m.FSOSES[:9]} | {"26-014"}
    assert overdue == expected
    # 26-999 names no FSOS: whose review it is (and whether the position is vacant) is the
    # missing fact, so it is neither overdue nor an error; the not-recorded warning names it.
    assert on_26.case("26-999").first_level is S.NOT_RECORDED
    on_28 = at(pull, 2026, 1, 28)
    late = set(on_28.first_level(S.DONE_LATE))
    assert late == {m.case(f, 3) for i, f in enumerate(m.FSOSES[:9], 1) if i % 2 == 1}
    # One error per FSOS (the person to act), listing their overdue cases.
    errors = [f for f in on_26.errors if f.code == "kentucky_cqi.schedule.fsos-complete"]
    fsos = {on_26.case(k).fsos for k in overdue}
    assert None not in fsos
    assert sorted(str(f.field) for f in errors) == sorted(
        f"rows[fsos={f!r}].first_level_completed_on" for f in fsos
    )
    f01 = next(f for f in errors if f.field == "rows[fsos='F01'].first_level_completed_on")
    assert f01.message.endswith("26-013, 26-014")
    for finding in errors:
        assert finding.citation is not None
        assert finding.citation.provenance is Provenance.STATED


def test_regional_states_across_month_two(pull: Pull) -> None:
    january = at(pull, 2026, 1, 28)
    flagged = {c.key for c in january.cases if c.regional is S.UPCOMING}
    assert "26-024" not in flagged  # substituted: out of both levels
    assert "26-101" in flagged
    assert "26-102" in flagged
    assert january.case("26-093").regional is S.NOT_RECORDED
    february = at(pull, 2026, 2, 10)
    assert february.case("26-011").regional is S.DONE
    assert february.case("26-012").regional is S.DUE
    # Second-level substitution on 3 Feb: regional review out, first level untouched.
    assert february.case("26-061").regional is S.NOT_REQUIRED
    assert february.case("26-061").first_level is S.DONE
    assert at(pull, 2026, 2, 2).case("26-061").regional is S.DUE
    after = at(pull, 2026, 2, 26)
    assert after.case("26-012").regional is S.OVERDUE
    assert at(pull, 2026, 2, 27).case("26-022").regional is S.DONE_LATE
    overdue_regional = [
        f for f in after.errors if f.code == "kentucky_cqi.schedule.regional-complete"
    ]
    assert {f.field for f in overdue_regional} == {
        f"rows[region={after.case(k).region!r}].regional_completed_on"
        for k in after.regional(S.OVERDUE)
    }
    assert sum(int(f.message.split(": ")[1].split()[0]) for f in overdue_regional) == len(
        after.regional(S.OVERDUE)
    )


def test_every_review_state_is_met_over_the_cycle(pull: Pull) -> None:
    seen: set[ReviewStatus] = set()
    for on in (date(2026, 1, 5), date(2026, 1, 20), date(2026, 1, 28), date(2026, 2, 10)):
        status = pull_status(pull, on)
        seen |= {c.first_level for c in status.cases} | {c.regional for c in status.cases}
    seen |= {c.regional for c in at(pull, 2026, 2, 28).cases}
    assert seen == set(ReviewStatus)


def test_substitution_requests_are_checked_against_the_clause_and_the_12th(pull: Pull) -> None:
    status = at(pull, 2026, 2, 10)
    sealed = status.case("26-024").substitutions[0]
    assert sealed.eligible
    assert sealed.level is ReviewLevel.FIRST
    late = status.case("26-033").substitutions[0]
    assert not late.eligible
    assert [f.code for f in late.errors] == ["kentucky_cqi.substitution.deadline"]
    second = status.case("26-061").substitutions[0]
    assert second.eligible
    assert second.level is ReviewLevel.SECOND
    assert [f.severity for f in second.findings] == [Severity.WARNING, Severity.INFO]
    refused = [
        f
        for f in status.findings
        if f.severity is Severity.WARNING
        and f.field == "substitutions"
        and f.code == "kentucky_cqi.substitution.only-listed-reasons"
    ]
    assert len(refused) == 1
    assert "26-033" in refused[0].message
    assert "after the deadline 2026-01-12" in refused[0].message
    accepted = [
        f
        for f in status.findings
        if f.severity is Severity.INFO and f.field == "substitutions" and "accepted" in f.message
    ]
    assert len(accepted) == 1
    assert "26-024" in accepted[0].message
    assert "26-061" in accepted[0].message


def test_vacant_fsos_cases_are_unassigned_and_regional_management_told(pull: Pull) -> None:
    status = at(pull, 2026, 1, 12)
    assert status.regional_management_notices == ("26-101", "26-102")
    notices = [
        f for f in status.findings if f.code == "kentucky_cqi.vacancy.notify-regional-management"
    ]
    # One notice per region (regional management's), listing the cases.
    assert [f.field for f in notices] == ["rows[region='Two Rivers'].flagged_for_regional_review"]
    assert notices[0].message.endswith("26-101, 26-102")
    unassign = [
        f for f in status.findings if f.code == "kentucky_cqi.vacancy.unassign-not-reassign"
    ]
    assert [f.field for f in unassign] == ["rows[fsos='F10'].fsos"]
    assert "26-101, 26-102, 26-103, 26-104" in unassign[0].message
    # The vacant FSOS's empty list is not a "fewer than four" warning: it is not counted.
    assert not any(f.field == "first_level['F10']" for f in status.caps.findings)


def test_caps_count_what_is_assigned(pull: Pull) -> None:
    status = at(pull, 2026, 1, 12)
    errors = {(f.field, f.code) for f in status.caps.errors}
    # F03: four cases plus 26-035; F02: three kept plus the replacement; the duplicate once.
    assert errors == {
        ("first_level['F03']", "kentucky_cqi.caps.first-level"),
        ("regional['Salt River']", "kentucky_cqi.caps.regional"),
    }
    salt = next(f for f in status.caps.errors if f.field == "regional['Salt River']")
    # F01-F04: 16 flagged, minus the substituted 26-024, plus 26-025; F05: 3.
    assert "19" in salt.message
    assert not any(f.field == "first_level['F04']" for f in status.caps.findings)
    assert all(f in status.findings for f in status.caps.findings)


def test_duplicates_and_the_cross_pull_check_are_reported_once(pull: Pull) -> None:
    status = at(pull, 2026, 1, 12)
    dup = [f for f in status.findings if f.code == "kentucky_cqi.tracker.duplicate-case"]
    assert len(dup) == 1
    assert dup[0].field == "rows[].case_number"
    assert "26-041 (rows 12, 42)" in dup[0].message
    assert dup[0].severity is Severity.WARNING
    prev = [
        f for f in status.findings if f.code == "kentucky_cqi.substitution.pulled-previous-month"
    ]
    assert [f.field for f in prev] == ["rows[].case_number"]
    assert "26-052" in prev[0].message
    assert status.case("26-052").pulled_previous_month is True
    assert status.case("26-011").pulled_previous_month is False
    unknown = [f for f in status.findings if f.code == "kentucky_cqi.tracker.not-recorded"]
    assert sorted(str(f.field) for f in unknown) == [
        "rows[].flagged_for_regional_review",
        "rows[].fsos",
    ]


def test_without_the_previous_pull_the_cross_pull_check_is_not_made() -> None:
    pull = Pull.from_rows(2026, 1, m.rows()[:4])
    assert all(c.pulled_previous_month is None for c in pull_status(pull, "2026-01-10").cases)


def test_a_duplicate_done_in_either_row_is_done() -> None:
    rows = [
        {"case_number": "C1", "fsos": "A", "region": "R", "flagged_for_regional_review": False},
        {
            "case_number": "C1",
            "fsos": "B",
            "region": "R",
            "flagged_for_regional_review": False,
            "first_level_completed_on": "2026-01-20",
        },
    ]
    status = pull_status(Pull.from_rows(2026, 1, rows), "2026-01-26")
    assert status.case("C1").first_level is S.DONE
    assert status.ok
    assert "differ in fsos" in status.findings[0].message


def test_the_26th_list_groups_for_regional_leadership_and_each_fsos(pull: Pull) -> None:
    notice = monitoring_notice(2026, 1, pulls=[pull])
    assert notice.on == date(2026, 1, 26)
    first = {e.key for e in notice.level(ReviewLevel.FIRST)}
    assert first == {m.case(f, 3) for f in m.FSOSES[:9]} | {"26-014"}
    assert notice.level(ReviewLevel.SECOND) == ()  # the December pull was not given
    by_fsos = dict(notice.for_fsos)
    assert by_fsos["F01"] == ("26-013", "26-014")
    assert None not in by_fsos  # 26-999 names no FSOS: not known to be due (a warning says so)
    assert "F10" not in by_fsos
    leadership = dict(notice.for_regional_leadership)
    assert set(leadership) == {m.SALT_RIVER, m.TWO_RIVERS}
    assert leadership[m.TWO_RIVERS] == ("26-063", "26-073", "26-083", "26-093")
    assert all(e.due == date(2026, 1, 25) for e in notice.entries)


def test_the_26th_list_of_month_two_lists_the_regional_reviews(pull: Pull) -> None:
    notice = monitoring_notice(2026, 2, pulls=[pull])
    second = {e.key for e in notice.level(ReviewLevel.SECOND)}
    on = pull_status(pull, date(2026, 2, 26))
    assert second == set(on.regional(S.OVERDUE))
    assert "26-061" not in second  # substituted at the second level
    assert "26-102" in second  # the vacant FSOS's flagged case proceeded (and is late)
    assert on.case("26-101").regional is S.DONE  # ... as did the other, done on 10 Feb
    # Regional reviews are not an FSOS's to complete; what each FSOS gets in February is their
    # January first-level reviews still not entered, carried from the month before (audit 2).
    carried = {e.key for e in notice.level(ReviewLevel.FIRST)}
    assert carried == set(on.first_level(S.OVERDUE))
    assert all(
        (e.pull_month, e.due) == (1, date(2026, 1, 25)) for e in notice.level(ReviewLevel.FIRST)
    )
    assert {k for _, keys in notice.for_fsos for k in keys} == carried


def test_no_error_rests_on_an_inferred_reading(pull: Pull) -> None:
    """Neither by citation nor by premise (audit 2: 26-999, with no FSOS, was an error)."""
    for on in (date(2026, 1, d) for d in (5, 12, 20, 26, 28)):
        status = pull_status(pull, on)
        for finding in status.errors:
            assert finding.citation is not None
            assert finding.citation.provenance is Provenance.STATED, finding
            assert "None" not in str(finding.field), finding  # never grouped under a missing fact
        for case in status.cases:
            if case.first_level is S.OVERDUE:
                assert case.assignment is Assignment.ASSIGNED, case.key
        overdue = {k for f in status.errors if f.code.endswith("fsos-complete") for k in
                   f.message.split(": ")[-1].split(", ")}  # fmt: skip
        assert overdue == set(status.first_level(S.OVERDUE))
        assert "26-999" not in overdue


def test_bad_input_is_refused_naming_the_field(pull: Pull) -> None:
    with pytest.raises(CaseReviewError, match=r"^on: "):
        pull_status(pull, "next week")
    with pytest.raises(CaseReviewError, match=r"^pull: "):
        pull_status([1, 2], "2026-01-02")
    with pytest.raises(CaseReviewError, match=r"^rows: "):
        Pull.from_rows(2026, 1, "26-011")
    with pytest.raises(CaseReviewError, match=r"^month: "):
        Pull.from_rows(2026, 13, [])


def test_a_pull_of_10000_rows_gives_a_bounded_list_of_findings() -> None:
    """Findings are grouped by cause and by who acts: never one per row past 100 groups."""
    rows = [
        {
            "case_number": f"C{i}",
            "fsos": f"F{i}",
            "region": f"R{i // 19}",
            "flagged_for_regional_review": True,
        }
        for i in range(10_000)
    ]
    pull = Pull.from_rows(2026, 1, rows, vacancies={f"F{i}": "leave" for i in range(0, 10_000, 7)})
    status = pull_status(pull, date(2026, 2, 27))
    assert len(status.findings) < 1_000
    overdue = [f for f in status.findings if f.code == "kentucky_cqi.schedule.fsos-complete"]
    assert len(overdue) == 1
    assert overdue[0].field == "rows[].first_level_completed_on"
    assert len(status.first_level(S.OVERDUE)) == 10_000 - len(range(0, 10_000, 7))
    fewer = [f for f in status.caps.findings if f.code == "kentucky_cqi.caps.first-level-four"]
    assert len(fewer) == 1
    assert f"{10_000 - len(range(0, 10_000, 7))} FSOSes" in fewer[0].message


def test_a_reason_the_row_contradicts_is_refused_citing_the_reason() -> None:
    rows = [{"case_number": "C1", "fsos": "A", "sealed": False, "controlled_access": None}]
    asked = [
        {"case_number": "C1", "reason": "sealed", "requested_on": "2026-01-05"},
        {"case_number": "C1", "reason": "controlled access", "requested_on": "2026-01-06"},
    ]
    status = pull_status(Pull.from_rows(2026, 1, rows, substitutions=asked), "2026-01-10")
    sealed, controlled = status.case("C1").substitutions
    assert not sealed.eligible
    assert [f.code for f in sealed.errors] == ["kentucky_cqi.substitution.sealed"]
    assert controlled.eligible  # not recorded in the row: the clause is not contradicted
    assert status.case("C1").assignment is Assignment.SUBSTITUTED
    refused = [f for f in status.findings if "refused" in f.message]
    assert len(refused) == 1
    assert refused[0].severity is Severity.WARNING  # a refused request: the case is reviewed
    assert "sealed=False: the reason does not apply" in refused[0].message
