"""Golden snapshots of Kentucky CQI results: the exact findings a caller reads, in order.

The other tests check what each check decides (every substitution input against an independent
oracle, the schedule's dates, the caps); these record the findings' exact codes, severities,
fields, messages and citations for every combination that reaches a distinct message: each
substitution check over its own inputs, every month's schedule for a year with and without
the Kentucky calendar, and the caps at and around their limits. A reworded, dropped or reordered
finding shows up as a snapshot diff (``CASEREVIEW_UPDATE_SNAPSHOTS=1``; see tests/helpers.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from itertools import product
from typing import Any

from casereview import BusinessCalendar, CaseReviewError
from casereview.kentucky_cqi import (
    ReviewLevel,
    SubstitutionReason,
    check_caps,
    monthly_schedule,
    steps_due,
    substitution_decision,
)
from casereview.kentucky_cqi.labels import Requester
from tests.helpers import assert_matches_snapshot, brief

TRI = (None, False, True)
# Around the 12th of a March pull: before the pull month, its first day, the 12th, after.
DATES = (date(2024, 2, 29), date(2024, 3, 1), date(2024, 3, 12), date(2024, 3, 13))


def _findings(**fields: object) -> list[object]:
    decision = substitution_decision({"pull_year": 2024, "pull_month": 3, **fields})
    shown = brief(decision)
    assert isinstance(shown, dict)
    return [decision.level.value, decision.eligible, *shown["findings"]]


def test_substitution_date_and_requester_findings() -> None:
    results = {}
    for on, by, level in product(DATES, (None, *Requester), (None, *ReviewLevel)):
        key = f"{on} | {by.value if by else '-'} | {level.value if level else '-'}"
        results[key] = _findings(
            reason=SubstitutionReason.SEALED, requested_on=on, requested_by=by, level=level
        )
    assert_matches_snapshot("kentucky_cqi/golden/substitution_date_requester.json", results)


def test_substitution_reason_findings() -> None:
    results = {}
    for reason, extension, manager, level in product(
        SubstitutionReason, TRI, TRI, (None, ReviewLevel.SECOND)
    ):
        key = (
            f"{reason.value} | extension={extension} | case_manager={manager} | "
            f"{level.value if level else '-'}"
        )
        results[key] = _findings(
            reason=reason,
            requested_on=DATES[2],
            requested_by=Requester.FSOS,
            investigation_has_extension=extension,
            rapid_response_is_case_manager=manager,
            level=level,
        )
    assert_matches_snapshot("kentucky_cqi/golden/substitution_reason.json", results)


def test_every_month_schedule() -> None:
    kentucky = BusinessCalendar.kentucky()
    results = {}
    for year, month, calendar in product((2025,), range(1, 13), (None, kentucky)):
        key = f"{year}-{month:02d} | {'kentucky' if calendar else 'as written'}"
        results[key] = brief(monthly_schedule(year, month, calendar=calendar))
    assert_matches_snapshot("kentucky_cqi/golden/schedules.json", results)


def test_steps_due_through_a_cycle() -> None:
    kentucky = BusinessCalendar.kentucky()
    results = {}
    day = date(2025, 1, 1)
    while day <= date(2025, 3, 31):
        results[day.isoformat()] = brief(steps_due(2025, 1, day, calendar=kentucky))
        day = date.fromordinal(day.toordinal() + 5)
    assert_matches_snapshot("kentucky_cqi/golden/steps_due.json", results)


def test_caps_around_their_limits() -> None:
    results = {}
    for first, regional in product((0, 3, 4, 5), (17, 18, 19)):
        results[f"first_level={first} | regional={regional}"] = brief(
            check_caps(first_level={"FSOS Adams": first}, regional={"Northern": regional})
        )
    results["a case listed twice"] = brief(
        check_caps(first_level={"FSOS Adams": ["C-1", "C-1", "C-2", "C-3", "C-4"]})
    )
    assert_matches_snapshot("kentucky_cqi/golden/caps.json", results)


class _Pairs:
    """Anything with ``.items()`` (as a pandas Series has), giving what it is given."""

    def __init__(self, *pairs: object) -> None:
        self._pairs = pairs

    def items(self) -> Iterable[Any]:
        return iter(self._pairs)

    def __repr__(self) -> str:
        return f"_Pairs{self._pairs!r}"


class _Endless(_Pairs):
    """``.items()`` giving more pairs than any month has (refused by its length, unread)."""

    def items(self) -> Iterable[Any]:
        return range(10**12)

    def __repr__(self) -> str:
        return "_Endless()"


ODD_ASSIGNMENTS: dict[str, object] = {
    "a string": "FSOS Adams",
    "a count": 5,
    "a list for a pair": _Pairs(["FSOS Adams", 4]),
    "a triple for a pair": _Pairs(("FSOS Adams", 4, 1)),
    "too many pairs": _Endless(),
    "a name that is not a string": {5: 5},
    "a missing count": {"FSOS Adams": math.nan},
    "no count": {"FSOS Adams": None},
    "a negative count": {"FSOS Adams": -1},
    "a mapping for the cases": {"FSOS Adams": {"C-1": 1}},
    "unhashable cases": {"FSOS Adams": [["C-1"], ["C-2"], "C-3", "C-3", "C-4", "C-5"]},
    "two cases listed twice": {"FSOS Adams": ["C-1", "C-1", "C-2", "C-2"]},
}


def test_caps_odd_assignments() -> None:
    """Each odd input, as the first-level and as the regional assignments."""
    results: dict[str, object] = {}
    for name, value in ODD_ASSIGNMENTS.items():
        for side in ("first_level", "regional"):
            try:
                results[f"{side} | {name}"] = brief(check_caps(**{side: value}))  # type: ignore[arg-type]
            except CaseReviewError as error:
                results[f"{side} | {name}"] = brief(error)
    assert_matches_snapshot("kentucky_cqi/golden/caps_odd.json", results)
