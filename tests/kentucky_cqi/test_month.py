"""The calendar-month view: pull M's first level beside pull M-1's regional, over a new year."""

from __future__ import annotations

from datetime import date

import pytest

from casereview import CaseReviewError, Severity
from casereview.kentucky_cqi import Pull, ReviewLevel, ReviewStatus, month_view
from tests.kentucky_cqi import month_data as m


@pytest.fixture(scope="module")
def pulls() -> list[Pull]:
    december = Pull.from_rows(2025, 12, m.december_rows())
    january = Pull.from_rows(
        2026,
        1,
        m.rows(),
        vacancies=m.VACANCIES,
        substitutions=m.SUBSTITUTIONS,
        previous=december,
    )
    return [december, january]


def test_january_holds_januarys_first_level_and_decembers_regional_work(pulls: list[Pull]) -> None:
    view = month_view(2026, 1, pulls=pulls, on=date(2026, 1, 20))
    assert view.first_level is not None
    assert view.regional is not None
    assert (view.first_level.pull_year, view.first_level.pull_month) == (2026, 1)
    assert (view.regional.pull_year, view.regional.pull_month) == (2025, 12)
    assert {c.key for c in view.regional_cases} == {
        r["case_number"] for r in m.december_rows() if r["flagged_for_regional_review"]
    }
    assert all(c.key.startswith("26-") for c in view.first_level_cases)
    # December's regional reviews are due on 25 January 2026, the year after the pull.
    assert {c.regional_due for c in view.regional_cases} == {date(2026, 1, 25)}
    assert {c.regional for c in view.regional_cases} == {ReviewStatus.DONE, ReviewStatus.DUE}
    assert view.notice is None  # the 26th has not come
    rows = view.side_by_side()
    assert len(rows) == max(len(view.first_level_cases), len(view.regional_cases))


def test_the_26th_of_january_lists_both_levels(pulls: list[Pull]) -> None:
    view = month_view(2026, 1, pulls=pulls, on=date(2026, 1, 26))
    assert view.notice is not None
    regional = {e.key for e in view.notice.level(ReviewLevel.SECOND)}
    assert regional == {
        r["case_number"]
        for r in m.december_rows()
        if r["flagged_for_regional_review"] and r["regional_completed_on"] is None
    }
    assert all(
        (e.pull_year, e.pull_month) == (2025, 12) for e in view.notice.level(ReviewLevel.SECOND)
    )
    assert all(
        (e.pull_year, e.pull_month) == (2026, 1) for e in view.notice.level(ReviewLevel.FIRST)
    )
    overdue = [f for f in view.findings if f.code == "kentucky_cqi.schedule.regional-complete"]
    # One per region, listing December's overdue reviews; January's are February's.
    listed = {k for f in overdue for k in f.message.split(": ")[-1].split(", ")}
    assert listed == regional


def test_the_cross_pull_check_uses_decembers_pull() -> None:
    """month_view gives pull M the case numbers of pull M-1 when the pull has none of its own.

    Rewritten (audit 2): the old test passed ``previous=`` itself and asserted only that no
    case was flagged, which also held with no check at all.
    """
    december = Pull.from_rows(2025, 12, m.december_rows())
    shared = {**m.rows()[0], "case_number": "25-104"}  # on December's pull too
    january = Pull.from_rows(2026, 1, [shared, *m.rows()[1:4]])
    assert january.previous_case_numbers is None
    view = month_view(2026, 1, pulls=[december, january], on=date(2026, 1, 10))
    assert view.first_level is not None
    assert view.first_level.case("25-104").pulled_previous_month is True
    assert view.first_level.case("26-012").pulled_previous_month is False
    code = "kentucky_cqi.substitution.pulled-previous-month"
    again = [f for f in view.findings if f.code == code]
    assert len(again) == 1
    assert "25-104" in again[0].message
    assert again[0].severity is Severity.WARNING
    # Without December's pull the check cannot be made, and the view says so.
    alone = month_view(2026, 1, pulls=[january], on=date(2026, 1, 10))
    assert alone.first_level is not None
    assert alone.first_level.case("25-104").pulled_previous_month is None
    not_made = [f for f in alone.findings if f.field == "previous_case_numbers"]
    assert len(not_made) == 1
    assert not_made[0].severity is Severity.WARNING
    assert "not made" in not_made[0].message


def test_caps_are_the_months_workload(pulls: list[Pull]) -> None:
    view = month_view(2026, 1, pulls=pulls, on=date(2026, 1, 12))
    fields = {f.field for f in view.caps.errors}
    assert "first_level['F03']" in fields  # January's first level
    # The regional cap counted in January is December's: 6 in all, no breach; January's
    # Salt River breach belongs to February.
    assert "regional['Salt River']" not in fields
    february = month_view(2026, 2, pulls=pulls, on=date(2026, 2, 2))
    assert "regional['Salt River']" in {f.field for f in february.caps.errors}
    # Each cap finding once in the month's findings (they are also the view's caps).
    salt = [f for f in february.findings if f.field == "regional['Salt River']"]
    assert len(salt) == 1
    assert all(f in february.findings for f in february.caps.findings)
    assert len(set(february.findings)) == len(february.findings)


def test_december_without_novembers_pull_says_so(pulls: list[Pull]) -> None:
    view = month_view(2025, 12, pulls=pulls, on=date(2025, 12, 15))
    assert view.regional is None
    assert view.regional_cases == ()
    missing = [f for f in view.findings if f.code == "kentucky_cqi.monitoring.missing-pull"]
    assert len(missing) == 1
    assert "2025-11" in missing[0].message
    assert missing[0].severity is Severity.WARNING


def test_one_pull_a_month(pulls: list[Pull]) -> None:
    with pytest.raises(CaseReviewError, match=r"^pulls\[2\]: "):
        month_view(2026, 1, pulls=[*pulls, pulls[0]], on=date(2026, 1, 2))
    with pytest.raises(CaseReviewError, match=r"^month: "):
        month_view(2026, 0, pulls=pulls, on=date(2026, 1, 2))


def test_the_monthly_list_is_case_numbers_of_both_levels(pulls: list[Pull]) -> None:
    view = month_view(2026, 1, pulls=pulls, on=date(2026, 1, 3))
    first, regional = view.review_list
    assert "26-024" in first  # the substitution is asked on 8 Jan: still on the list on the 3rd
    assert "26-101" not in first  # F10 is vacant: un-assigned
    assert first.count("26-041") == 1  # the duplicate once
    assert set(regional) == {
        r["case_number"] for r in m.december_rows() if r["flagged_for_regional_review"]
    }
    assert view.citations[0].quote is not None
    assert view.citations[0].quote.startswith("Each month, CQI specialists will send by email")
    later = month_view(2026, 1, pulls=pulls, on=date(2026, 1, 9)).review_list[0]
    assert "26-024" not in later
    assert "26-025" in later
