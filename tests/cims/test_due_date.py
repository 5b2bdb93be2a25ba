"""The 21-business-day case review due date and the refused extension.

Expected dates were counted by hand from the Victorian holiday list (docs/reference/
business-days.md); the comments show the count so a reader can check them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.calendar import BusinessCalendar
from casereview.cims import (
    CASE_REVIEW_BUSINESS_DAYS,
    RULES,
    FollowUp,
    case_review_due,
    case_review_due_date,
    extension_decision,
)
from casereview.errors import CaseReviewError, UnknownValueError
from casereview.findings import Provenance

VIC = BusinessCalendar.victoria()

HAND_COUNTED = [
    # the reference table (business-days.md)
    pytest.param(date(2024, 9, 20), date(2024, 10, 22), id="grand-final-friday-2024-reference"),
    pytest.param(date(2024, 10, 28), date(2024, 11, 27), id="melbourne-cup-2024-reference"),
    pytest.param(date(2024, 12, 2), date(2025, 1, 3), id="christmas-new-year-2024-reference"),
    # Easter 2025 (Good Friday 18 Apr, Easter Monday 21 Apr) and ANZAC Day (Fri 25 Apr):
    # 11,14,15,16,17 (5); 22,23,24 (8); 28,29,30, 1 May, 2 (13); 5-9 (18); 12,13,14 (21).
    pytest.param(date(2025, 4, 10), date(2025, 5, 14), id="easter-and-anzac-2025"),
    # Endorsed on Good Friday itself: 22,23,24 (3); 28-2 May (8); 5-9 (13); 12-16 (18); 19-21.
    pytest.param(date(2025, 4, 18), date(2025, 5, 21), id="endorsed-on-good-friday-2025"),
    # ANZAC Day 2026 is a Saturday and is never substituted: Mon 27 Apr 2026 is a business day.
    # 21,22,23,24 (4); 27-1 May (9); 4-8 (14); 11-15 (19); 18,19 (21).
    pytest.param(date(2026, 4, 20), date(2026, 5, 19), id="anzac-on-saturday-2026"),
    # Grand Final Friday 29 Sep 2023: 25-28 (4); 2-6 Oct (9); 9-13 (14); 16-20 (19); 23,24.
    pytest.param(date(2023, 9, 22), date(2023, 10, 24), id="grand-final-friday-2023"),
    # 2020: Grand Final Friday moved to 23 Oct; Melbourne Cup 3 Nov.
    # 19-22 (4); 26-30 (9); 2 Nov (10); 4,5,6 (13); 9-13 (18); 16,17,18 (21).
    pytest.param(date(2020, 10, 16), date(2020, 11, 18), id="grand-final-2020-and-cup"),
    # Melbourne Cup 4 Nov 2025: 28-31 Oct (4); 3 Nov (5); 5,6,7 (8); 10-14 (13); 17-21 (18);
    # 24,25,26 (21).
    pytest.param(date(2025, 10, 27), date(2025, 11, 26), id="melbourne-cup-2025"),
    # Christmas 2021 on a Saturday, Boxing Day on a Sunday: Mon 27 and Tue 28 Dec substitute;
    # New Year's Day 2022 on a Saturday: Mon 3 Jan substitutes.
    # 20-24 (5); 29,30,31 (8); 4-7 Jan (12); 10-14 (17); 17,18,19,20 (21).
    pytest.param(date(2021, 12, 17), date(2022, 1, 20), id="christmas-substitutes-2021"),
    # Weekend endorsements count from the next business day, like the Friday before.
    pytest.param(date(2024, 9, 21), date(2024, 10, 22), id="saturday-endorsement"),
    pytest.param(date(2024, 9, 22), date(2024, 10, 22), id="sunday-endorsement"),
    # Sat 28 Dec 2024: 30,31 (2); 2,3 Jan (4); 6-10 (9); 13-17 (14); 20-24 (19);
    # Australia Day Sun 26 Jan 2025 -> Mon 27 Jan; 28, 29 (21).
    pytest.param(date(2024, 12, 28), date(2025, 1, 29), id="weekend-and-australia-day-2025"),
]


@pytest.mark.parametrize(("endorsed", "due"), HAND_COUNTED)
def test_hand_counted_due_dates(endorsed: date, due: date) -> None:
    assert case_review_due_date(endorsed) == due


@given(st.dates(min_value=date(2020, 2, 3), max_value=date(2024, 12, 8)))
def test_the_rule_is_21_business_days_as_the_tip_sheet_says(endorsed: date) -> None:
    # The constant the functions use is the number the quoted sentence gives, and the due date
    # they compute is that many business days after endorsement.
    quote = next(r for r in RULES if r.id == "cims.due-date.21-business-days").citation.quote
    assert f"within {CASE_REVIEW_BUSINESS_DAYS}\u00a0business days" in (quote or "")
    due = case_review_due(endorsed, submitted_on=endorsed)
    assert due.business_days == CASE_REVIEW_BUSINESS_DAYS
    assert due.due_on is not None
    assert VIC.business_days_between(endorsed, due.due_on) == CASE_REVIEW_BUSINESS_DAYS


def test_overrides_are_honoured() -> None:
    endorsed = date(2025, 10, 27)
    no_cup = BusinessCalendar.victoria(remove=[date(2025, 11, 4)])
    assert case_review_due_date(endorsed, calendar=no_cup) == date(2025, 11, 25)
    gazetted = BusinessCalendar.victoria(add=[date(2025, 11, 14)])
    assert case_review_due_date(endorsed, calendar=gazetted) == date(2025, 11, 27)


def test_the_explained_due_date_lists_the_holidays_skipped() -> None:
    due = case_review_due(date(2025, 4, 10), ruleset="cims-2020")
    assert due.due_on == date(2025, 5, 14)
    assert due.holidays_skipped == (date(2025, 4, 18), date(2025, 4, 21), date(2025, 4, 25))
    assert due.region == "AU-VIC"
    assert due.business_days == 21
    assert due.citations[0].provenance is Provenance.STATED
    assert "21\u00a0business days" in (due.citations[0].quote or "")  # the seed's no-break space


@given(st.dates(min_value=date(1991, 1, 1), max_value=date(2059, 12, 1)))
def test_due_date_is_a_business_day_exactly_21_after(endorsed: date) -> None:
    due = case_review_due_date(endorsed)
    assert VIC.is_business_day(due)
    assert VIC.business_days_between(endorsed, due) == 21
    # no business day is skipped: the day before the due date is at most 20 business days in
    assert VIC.business_days_between(endorsed, due - timedelta(days=1)) == 20
    assert due.weekday() < 5
    assert due > endorsed


_HOLIDAYS_VIC = holidays.country_holidays("AU", subdiv="VIC", years=range(2019, 2031))


@given(st.dates(min_value=date(2019, 1, 1), max_value=date(2029, 10, 1)))
def test_due_date_agrees_with_the_holidays_package(endorsed: date) -> None:
    # An independent implementation: holidays' own working-day helper (n > 0 skips the day given).
    assert case_review_due_date(endorsed) == _HOLIDAYS_VIC.get_nth_working_day(endorsed, 21)


@given(
    st.dates(min_value=date(1991, 1, 1), max_value=date(2059, 12, 1)),
    st.dates(min_value=date(1991, 1, 1), max_value=date(2059, 12, 1)),
)
def test_due_date_never_goes_backwards(a: date, b: date) -> None:
    first, second = sorted((a, b))
    assert case_review_due_date(first) <= case_review_due_date(second)


def test_an_iso_endorsement_day_is_read() -> None:
    # Contract change (the input policy): a 'YYYY-MM-DD' string is a day.
    assert case_review_due_date("2024-09-20") == date(2024, 10, 22)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["2024-09-31", datetime(2024, 9, 20, 10, 30), 20240920, None])
def test_endorsed_on_must_be_a_date(value: object) -> None:
    with pytest.raises(CaseReviewError) as caught:
        case_review_due_date(value)  # type: ignore[arg-type]
    assert caught.value.field == "endorsed_on"


def test_a_date_outside_the_calendar_names_endorsed_on() -> None:
    with pytest.raises(CaseReviewError, match=r"^endorsed_on: 1985-01-01 is outside") as caught:
        case_review_due_date(date(1985, 1, 1))
    assert caught.value.field == "endorsed_on"


def test_calendar_must_be_a_business_calendar() -> None:
    with pytest.raises(CaseReviewError) as caught:
        case_review_due_date(date(2024, 1, 2), calendar="VIC")  # type: ignore[arg-type]
    assert caught.value.field == "calendar"


# --- extensions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("follow_up", [FollowUp.CASE_REVIEW, "Case review", "CASE_REVIEW"])
def test_an_extension_of_a_case_review_is_refused_with_the_seed_reason(follow_up: str) -> None:
    decision = extension_decision(follow_up)
    assert decision.granted is False
    assert decision.follow_up is FollowUp.CASE_REVIEW
    assert "not applicable to case reviews" in decision.reason
    assert decision.rule_id == "cims.extension.not-applicable"
    assert decision.citations[0].quote == (
        "Please note requests for extension of time are not applicable to case reviews."
    )


def test_the_default_request_is_for_a_case_review() -> None:
    assert extension_decision().granted is False


@pytest.mark.parametrize(
    "follow_up",
    [FollowUp.INVESTIGATION, FollowUp.RCA_REVIEW, FollowUp.UNDETERMINED, FollowUp.NONE],
)
def test_other_follow_ups_are_not_decided_here(follow_up: FollowUp) -> None:
    with pytest.raises(CaseReviewError, match="only for case reviews") as caught:
        extension_decision(follow_up)
    assert caught.value.field == "follow_up"


def test_an_unknown_follow_up_label_is_refused() -> None:
    with pytest.raises(UnknownValueError) as caught:
        extension_decision("case study")
    assert caught.value.field == "follow_up"


# --- by ruleset ---------------------------------------------------------------------------------


def test_the_default_calendar_is_built_once_and_overrides_still_count() -> None:
    from casereview.cims.due_date import _victoria

    assert _victoria() is _victoria()
    assert _victoria() == VIC
    council = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    assert case_review_due_date(date(2024, 10, 28), calendar=council) == date(2024, 11, 26)
    assert case_review_due_date(date(2024, 10, 28)) == date(2024, 11, 27)


def test_the_due_date_under_2020_is_decided_and_stated() -> None:
    due = case_review_due(date(2024, 10, 28), submitted_on=date(2024, 10, 25))
    assert due.decided
    assert due.due_on == date(2024, 11, 27)
    assert due.ruleset.id == "cims-2020"
    assert due.ruleset_chosen_by == ("submitted_on",)
    # The 21 days are stated, but the date rests on the inferred counting rule (defect 2).
    assert due.provenance is Provenance.INFERRED
    counting = next(r for r in RULES if r.id == "cims.due-date.counting").citation
    assert counting in due.citations
    assert counting.provenance is Provenance.INFERRED
    assert due.applied_2020_rules is False


def test_an_endorsement_before_the_cut_over_uses_the_default_and_says_so() -> None:
    # Endorsed 28 Oct 2024: cims-2024 is ruled out; only cims-2017 (not held) is left beside it.
    due = case_review_due(date(2024, 10, 28))
    assert due.ruleset_chosen_by == ("default",)
    assert "default" in due.ruleset_reason
    assert "default" in due.reason
    assert due.due_on == date(2024, 11, 27)
    assert due.provenance is Provenance.INFERRED
    default = next(r for r in RULES if r.id == "cims.ruleset.default").citation
    assert default in due.citations


def test_a_2025_endorsement_without_a_submission_day_is_not_determined() -> None:
    # Defect 1: submitted before or after 9 Dec 2024? The 2020 rule is not applied by default.
    due = case_review_due(date(2025, 3, 3))
    assert not due.decided
    assert due.due_on is None
    assert due.ruleset_chosen_by == ("undetermined",)
    assert "cims-2020, cims-2024 possible" in due.ruleset_reason
    assert due.unknown
    assert "cims.ruleset.not-determined" in {r.id for r in RULES if r.citation in due.citations}
    opted = case_review_due(date(2025, 3, 3), apply_2020_rules=True)
    assert opted.due_on == date(2025, 4, 2)
    assert opted.applied_2020_rules
    assert opted.ruleset_chosen_by == ("apply_2020_rules",)
    assert opted.provenance is Provenance.INFERRED
    cited = {r.id for r in RULES if r.citation in opted.citations}
    assert {"cims.cims-2024.apply-2020-rules", "cims.cims-2024.ruleset.cut-over"} <= cited
    # Submitted 6 Dec 2024: cims-2020 is certain, so it is decided without opting in.
    certain = case_review_due(date(2025, 3, 3), submitted_on=date(2024, 12, 6))
    assert certain.due_on == date(2025, 4, 2)
    assert not certain.applied_2020_rules


@pytest.mark.parametrize(
    "kwargs",
    [
        {"submitted_on": date(2024, 12, 9)},
        {"occurred_on": date(2025, 1, 2)},
        {"ruleset": "cims-2024"},
    ],
)
def test_under_2024_the_due_date_is_not_determined(kwargs: dict[str, object]) -> None:
    due = case_review_due(date(2025, 1, 6), **kwargs)  # type: ignore[arg-type]
    assert due.decided is False
    assert due.due_on is None
    assert due.business_days is None
    assert due.holidays_skipped == ()
    assert due.ruleset.id == "cims-2024"
    assert due.rule_id == "cims.cims-2024.due-date.not-determined"
    assert due.unknown
    assert "apply_2020_rules=True" in due.reason


def test_under_2024_the_21_days_apply_only_by_opt_in_recorded_as_inferred() -> None:
    due = case_review_due(date(2025, 1, 6), submitted_on=date(2025, 1, 2), apply_2020_rules=True)
    assert due.decided
    assert due.due_on == case_review_due_date(date(2025, 1, 6))
    assert due.applied_2020_rules is True
    assert due.provenance is Provenance.INFERRED
    assert due.citations[0].provenance is Provenance.INFERRED
    assert "cims-2024" in due.reason


def test_an_endorsement_before_the_submission_is_refused_naming_it() -> None:
    with pytest.raises(CaseReviewError, match=r"^endorsed_on: 2024-10-01 is before submitted_on"):
        case_review_due(date(2024, 10, 1), submitted_on=date(2024, 10, 2))


def test_the_explained_due_date_serialises() -> None:
    due = case_review_due(date(2025, 1, 6), submitted_on=date(2025, 1, 2))
    data = due.model_dump(mode="json")
    assert data["due_on"] is None
    assert data["decided"] is False
    assert type(due).model_validate_json(due.model_dump_json()) == due


def test_an_extension_under_2024_is_not_determined_unless_opted_in() -> None:
    unknown = extension_decision(submitted_on=date(2025, 2, 3))
    assert unknown.granted is None
    assert unknown.decided is False
    assert unknown.rule_id == "cims.cims-2024.extension.not-determined"
    assert unknown.ruleset.id == "cims-2024"
    opted = extension_decision(submitted_on=date(2025, 2, 3), apply_2020_rules=True)
    assert opted.granted is False
    assert opted.decided
    assert opted.applied_2020_rules
    assert opted.provenance is Provenance.INFERRED


def test_an_extension_under_2020_records_its_ruleset() -> None:
    decision = extension_decision(submitted_on=date(2021, 3, 1))
    assert decision.ruleset.id == "cims-2020"
    assert decision.ruleset_chosen_by == ("submitted_on",)
    # stated by the tip sheet; that it governs a 2021 report rests on the secondary selection
    assert decision.provenance is Provenance.SECONDARY
    default = extension_decision()
    assert default.ruleset_chosen_by == ("default",)
    assert default.provenance is Provenance.INFERRED  # the default ruleset is an assumption
    assert "default" in default.reason


def test_an_extension_for_an_incident_that_may_be_2024_is_not_determined() -> None:
    decision = extension_decision(occurred_on=date(2024, 11, 4))
    assert not decision.decided
    assert decision.granted is None
    assert decision.ruleset_chosen_by == ("undetermined",)
    opted = extension_decision(occurred_on=date(2024, 11, 4), apply_2020_rules=True)
    assert opted.granted is False
    assert opted.applied_2020_rules
    assert opted.provenance is Provenance.INFERRED


def test_results_read_back_must_agree_with_themselves() -> None:
    from pydantic import ValidationError

    from casereview.cims import CaseReviewDue, ExtensionDecision

    due = case_review_due(date(2025, 1, 6), submitted_on=date(2025, 1, 2)).model_dump(mode="json")
    with pytest.raises(ValidationError, match="contradicts"):
        CaseReviewDue.model_validate({**due, "decided": True})
    ext = extension_decision(submitted_on=date(2025, 1, 2)).model_dump(mode="json")
    with pytest.raises(ValidationError, match="contradicts"):
        ExtensionDecision.model_validate({**ext, "decided": True})
