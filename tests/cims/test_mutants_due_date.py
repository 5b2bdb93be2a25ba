"""Every recorded field of a CIMS case review due date and extension decision, per ruleset choice.

Expectations come from the tip sheet ("within 21 business days of incident report endorsement";
"requests for extension of time are not applicable to case reviews"), the Victorian calendar
(dates counted by hand below) and the 2024 pages (neither rule is known for ``cims-2024``). They
kill the mutation survivors of ``cims.due_date`` (``case_review_due``, ``extension_decision``,
``_cite``, ``_calendar``, ``case_review_due_date``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from casereview.calendar import BusinessCalendar
from casereview.cims import _rules
from casereview.cims.due_date import case_review_due, case_review_due_date, extension_decision
from casereview.cims.models import FollowUp
from casereview.cims.rulesets import UNKNOWN_2024_DUE_DATE, UNKNOWN_2024_EXTENSION
from casereview.errors import CaseReviewError, MissingElementError
from casereview.findings import Provenance, Rule

R = _rules
SELECT: tuple[Rule, ...] = (R.RULESET_SELECTION, R.CUT_OVER_2024)
_ORDER = {Provenance.STATED: 0, Provenance.SECONDARY: 1, Provenance.INFERRED: 2}

# Fri 3 May 2024 + 21 business days (no Victorian holiday in May 2024) = Mon 3 Jun 2024.
MAY = date(2024, 5, 3)
JUNE = date(2024, 6, 3)
# Mon 3 Mar 2025 + 21 business days, skipping Labour Day (Mon 10 Mar 2025) = Wed 2 Apr 2025.
MARCH = date(2025, 3, 3)
APRIL = date(2025, 4, 2)
LABOUR_DAY = date(2025, 3, 10)

DUE_CASES: list[tuple[date, dict[str, Any], dict[str, Any]]] = [
    # the default ruleset (no submission day; endorsement before the cut-over)
    (MAY, {}, {"due": JUNE, "ruleset": "cims-2020", "by": ("default",), "applied": False,
               "rules": [R.DUE_DATE, R.BUSINESS_DAY_COUNTING, *SELECT, R.RULESET_DEFAULT]}),
    (MAY, {"submitted_on": date(2024, 5, 2)},
     {"due": JUNE, "ruleset": "cims-2020", "by": ("submitted_on",), "applied": False,
      "rules": [R.DUE_DATE, R.BUSINESS_DAY_COUNTING, *SELECT]}),
    (MAY, {"ruleset": "cims-2020"},
     {"due": JUNE, "ruleset": "cims-2020", "by": ("ruleset",), "applied": False,
      "rules": [R.DUE_DATE, R.BUSINESS_DAY_COUNTING, *SELECT]}),
    (MAY, {"ruleset": "cims-2024"},
     {"due": None, "ruleset": "cims-2024", "by": ("ruleset",), "applied": False,
      "rules": [R.DUE_DATE_UNKNOWN_2024, *SELECT]}),
    (MAY, {"ruleset": "cims-2024", "apply_2020_rules": True},
     {"due": JUNE, "ruleset": "cims-2024", "by": ("ruleset",), "applied": True,
      "rules": [R.APPLY_2020_RULES, R.DUE_DATE, R.BUSINESS_DAY_COUNTING, *SELECT]}),
    (MARCH, {"submitted_on": date(2025, 2, 27)},
     {"due": None, "ruleset": "cims-2024", "by": ("submitted_on",), "applied": False,
      "rules": [R.DUE_DATE_UNKNOWN_2024, *SELECT]}),
    (MARCH, {"submitted_on": date(2025, 2, 27), "apply_2020_rules": True},
     {"due": APRIL, "ruleset": "cims-2024", "by": ("submitted_on",), "applied": True,
      "rules": [R.APPLY_2020_RULES, R.DUE_DATE, R.BUSINESS_DAY_COUNTING, *SELECT]}),
    # endorsed after the cut-over, no submission day: the regime is open
    (MARCH, {},
     {"due": None, "ruleset": "cims-2024", "by": ("undetermined",), "applied": False,
      "rules": [R.DUE_DATE_UNKNOWN_2024, *SELECT, R.RULESET_OPEN]}),
    (MARCH, {"apply_2020_rules": True},
     {"due": APRIL, "ruleset": "cims-2020", "by": ("apply_2020_rules",), "applied": True,
      "rules": [R.APPLY_2020_RULES, R.DUE_DATE, R.BUSINESS_DAY_COUNTING, *SELECT,
                R.RULESET_OPEN]}),
]  # fmt: skip


@pytest.mark.parametrize(("endorsed", "kwargs", "want"), DUE_CASES)
def test_case_review_due_records_every_field(
    endorsed: date, kwargs: dict[str, Any], want: dict[str, Any]
) -> None:
    got = case_review_due(endorsed, **kwargs)
    decided = want["due"] is not None
    assert got.endorsed_on == endorsed
    assert got.due_on == want["due"]
    assert got.decided is decided
    assert got.business_days == (21 if decided else None)
    assert got.region == "AU-VIC"
    assert got.holidays_version == BusinessCalendar.victoria().holidays_version
    skipped = (LABOUR_DAY,) if want["due"] == APRIL else ()
    assert got.holidays_skipped == skipped
    assert got.ruleset.id == want["ruleset"]
    assert got.ruleset_chosen_by == want["by"]
    assert got.applied_2020_rules is want["applied"]
    assert got.unknown == (() if decided else (UNKNOWN_2024_DUE_DATE,))
    assert got.rule_id == (R.DUE_DATE if decided else R.DUE_DATE_UNKNOWN_2024).id
    rules: list[Rule] = want["rules"]
    assert got.citations == tuple(dict.fromkeys(r.citation for r in rules))
    weakest = max((r.citation.provenance for r in rules), key=_ORDER.__getitem__)
    assert got.provenance is weakest
    if decided:
        assert got.provenance is Provenance.INFERRED  # the counting rule is our reading
        assert got.reason.startswith(f"The 21st business day after endorsement on {endorsed}")
        assert got.reason.endswith(".")
        assert ("applied to a cims-2024 incident" in got.reason) is want["applied"]
        assert (got.ruleset_reason in got.reason) is (want["by"] == ("default",))
    else:
        assert "not determined" in got.reason
        assert "apply_2020_rules=True" in got.reason
        open_ = want["by"] == ("undetermined",)
        assert got.reason.startswith("No submitted_on given") is open_
        assert ("give submitted_on or ruleset=. " in got.reason) is open_


EXTENSION_CASES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({}, {"granted": False, "ruleset": "cims-2020", "by": ("default",), "applied": False,
          "rules": [R.NO_EXTENSION, *SELECT, R.RULESET_DEFAULT]}),
    ({"submitted_on": date(2024, 5, 2)},
     {"granted": False, "ruleset": "cims-2020", "by": ("submitted_on",), "applied": False,
      "rules": [R.NO_EXTENSION, *SELECT]}),
    ({"ruleset": "cims-2024"},
     {"granted": None, "ruleset": "cims-2024", "by": ("ruleset",), "applied": False,
      "rules": [R.EXTENSION_UNKNOWN_2024, *SELECT]}),
    ({"ruleset": "cims-2024", "apply_2020_rules": True},
     {"granted": False, "ruleset": "cims-2024", "by": ("ruleset",), "applied": True,
      "rules": [R.APPLY_2020_RULES, R.NO_EXTENSION, *SELECT]}),
    ({"occurred_on": date(2024, 11, 4)},
     {"granted": None, "ruleset": "cims-2024", "by": ("undetermined",), "applied": False,
      "rules": [R.EXTENSION_UNKNOWN_2024, *SELECT, R.RULESET_OPEN]}),
    ({"occurred_on": date(2024, 11, 4), "apply_2020_rules": True},
     {"granted": False, "ruleset": "cims-2020", "by": ("apply_2020_rules",), "applied": True,
      "rules": [R.APPLY_2020_RULES, R.NO_EXTENSION, *SELECT, R.RULESET_OPEN]}),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "want"), EXTENSION_CASES)
def test_extension_decision_records_every_field(
    kwargs: dict[str, Any], want: dict[str, Any]
) -> None:
    got = extension_decision(**kwargs)
    decided = want["granted"] is not None
    assert got.follow_up is FollowUp.CASE_REVIEW
    assert got.granted is want["granted"]
    assert got.decided is decided
    assert got.ruleset.id == want["ruleset"]
    assert got.ruleset_chosen_by == want["by"]
    assert got.applied_2020_rules is want["applied"]
    assert got.unknown == (() if decided else (UNKNOWN_2024_EXTENSION,))
    assert got.rule_id == (R.NO_EXTENSION if decided else R.EXTENSION_UNKNOWN_2024).id
    rules: list[Rule] = want["rules"]
    assert got.citations == tuple(dict.fromkeys(r.citation for r in rules))
    weakest = max((r.citation.provenance for r in rules), key=_ORDER.__getitem__)
    assert got.provenance is weakest
    if decided:
        assert got.reason.startswith(
            "Requests for extension of time are not applicable to case reviews."
        )
        applied = " (The tip sheet's cims-2020 rule, applied at the caller's request.)"
        assert got.reason.endswith(applied) is want["applied"]
        if want["by"] == ("default",):
            reason = got.ruleset_reason
            assert got.reason.endswith(f" ({reason[:1].upper()}{reason[1:]}.)")
        elif not want["applied"]:
            assert (
                got.reason == "Requests for extension of time are not applicable to case reviews."
            )
    else:
        assert "not determined" in got.reason
        assert "apply_2020_rules=True" in got.reason
        open_ = want["by"] == ("undetermined",)
        assert got.reason.startswith("No submitted_on given") is open_
        assert ("give submitted_on or ruleset=. " in got.reason) is open_


def test_extension_case_review_label_and_default() -> None:
    assert extension_decision("case review", ruleset="cims-2020").granted is False
    assert extension_decision(ruleset="cims-2020").follow_up is FollowUp.CASE_REVIEW


@pytest.mark.parametrize("kind", [f for f in FollowUp if f is not FollowUp.CASE_REVIEW])
def test_extension_only_for_case_reviews(kind: FollowUp) -> None:
    with pytest.raises(CaseReviewError) as err:
        extension_decision(kind, ruleset="cims-2020")
    assert err.value.field == "follow_up"
    assert str(err.value).startswith("follow_up: extensions are decided here only for case reviews")
    assert repr(kind.value) in str(err.value)


def test_calendar_is_honoured_or_refused() -> None:
    # a calendar that adds a holiday on Mon 6 May 2024 moves the due date one business day on
    extra = BusinessCalendar.victoria(add=[date(2024, 5, 6)])
    assert case_review_due_date(MAY, calendar=extra) == date(2024, 6, 4)
    due = case_review_due(MAY, calendar=extra, ruleset="cims-2020")
    assert due.due_on == date(2024, 6, 4)
    assert due.holidays_skipped == (date(2024, 5, 6),)
    assert case_review_due_date(MAY) == JUNE
    assert case_review_due_date(MAY, calendar=None) == JUNE
    assert case_review_due_date("2024-05-03") == JUNE  # type: ignore[arg-type]
    for call in (
        lambda: case_review_due_date(MAY, calendar="AU-VIC"),  # type: ignore[arg-type]
        lambda: case_review_due(MAY, calendar="AU-VIC"),  # type: ignore[arg-type]
    ):
        with pytest.raises(CaseReviewError) as err:
            call()
        assert err.value.field == "calendar"
        assert str(err.value) == ("calendar: expected a BusinessCalendar or None, got str")


def test_due_date_outside_the_calendar_names_endorsed_on() -> None:
    short = BusinessCalendar.victoria(years=range(2024, 2025))
    with pytest.raises(CaseReviewError) as err:
        case_review_due_date(date(2024, 12, 20), calendar=short)
    assert err.value.field == "endorsed_on"
    assert str(err.value).startswith("endorsed_on: ")


def test_bad_arguments_name_their_field() -> None:
    for call, field in (
        (lambda: case_review_due(MAY, apply_2020_rules="yes"), "apply_2020_rules"),  # type: ignore[arg-type]
        (lambda: extension_decision(apply_2020_rules="yes"), "apply_2020_rules"),  # type: ignore[arg-type]
        (lambda: case_review_due("3 May 2024"), "endorsed_on"),
    ):
        with pytest.raises(CaseReviewError) as err:
            call()
        assert err.value.field == field
        assert str(err.value).startswith(f"{field}: ")


def test_occurred_on_chooses_cims_2024_for_the_due_date() -> None:
    got = case_review_due(MARCH, occurred_on=date(2025, 2, 26))
    assert got.ruleset.id == "cims-2024"
    assert got.due_on is None
    assert got.reason == (
        "The review timeframe under cims-2024 is not determined by the rules this library holds; "
        "pass apply_2020_rules=True to apply the tip sheet's 21 business days, recorded as an "
        "inferred choice."
    )
    ext = extension_decision(occurred_on=date(2025, 2, 26))
    assert ext.reason == (
        "Whether a review's due date can be extended under cims-2024 is not determined by the "
        "rules this library holds; pass apply_2020_rules=True to apply the tip sheet's refusal, "
        "recorded as an inferred choice."
    )
    applied = case_review_due(MARCH, occurred_on=date(2025, 2, 26), apply_2020_rules=True)
    assert applied.reason == (
        "The 21st business day after endorsement on 2025-03-03 (the tip sheet's cims-2020 rule, "
        "applied to a cims-2024 incident, or one that may be, at the caller's request: an "
        "inferred choice)."
    )


@pytest.mark.parametrize("missing", [None, float("nan"), "", "   "])
def test_a_missing_endorsement_day_is_missing_named_endorsed_on(missing: object) -> None:
    """A blank form cell is a missing element, named as the caller's field (not as ``d``)."""
    with pytest.raises(MissingElementError) as caught:
        case_review_due_date(missing)  # type: ignore[arg-type]
    assert caught.value.field == "endorsed_on"
    assert str(caught.value) == "endorsed_on is required: expected a date (YYYY-MM-DD)"
