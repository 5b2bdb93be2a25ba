"""Tests that kill the mutants of ``kentucky_cqi/schedule.py`` and ``caps.py`` that the
rulebook's tests let survive: a refusal names the type it was given.

Written by the reliability engineer from ``make mutate`` (see ``docs/reliability.md``).
"""

from __future__ import annotations

import pytest

from casereview.errors import CaseReviewError
from casereview.kentucky_cqi import check_caps, monthly_schedule


@pytest.mark.parametrize(("calendar", "kind"), [("AU-VIC", "str"), (5, "int"), ([], "list")])
def test_a_bad_calendar_is_refused_naming_its_type(calendar: object, kind: str) -> None:
    with pytest.raises(
        CaseReviewError, match=rf"^calendar: expected a BusinessCalendar or None, got {kind}"
    ):
        monthly_schedule(2024, 1, calendar=calendar)  # type: ignore[arg-type]


@pytest.mark.parametrize(("given", "kind"), [("x", "str"), (5.5, "float"), ([1], "list")])
def test_bad_assignments_are_refused_naming_their_type(given: object, kind: str) -> None:
    with pytest.raises(CaseReviewError, match=rf"^first_level: expected .*, got {kind}"):
        check_caps(first_level=given)  # type: ignore[arg-type]
    with pytest.raises(CaseReviewError, match=rf"^regional: expected .*, got {kind}"):
        check_caps(regional=given)  # type: ignore[arg-type]
