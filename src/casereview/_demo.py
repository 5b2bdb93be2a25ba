"""The demo behind ``python -m casereview demo``: the sources' worked examples, evaluated.

Each section is a function returning lines of text; the CLI prints them. Rulebooks add their
section to :data:`SECTIONS`. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from casereview.calendar import BusinessCalendar
from casereview.cims._demo import section as cims_section
from casereview.kentucky_cqi._demo import section as kentucky_cqi_section
from casereview.under1roof._demo import section as under1roof_section
from casereview.vhims._demo import section as vhims_section

__all__ = ["SECTIONS", "calendar_section"]

# The reference due dates of docs/reference/business-days.md (21 business days, Victoria).
_REFERENCE_DUE_DATES = (
    (date(2024, 9, 20), date(2024, 10, 22)),
    (date(2024, 10, 28), date(2024, 11, 27)),
    (date(2024, 12, 2), date(2025, 1, 3)),
)


def _day(d: date) -> str:
    return d.strftime("%a %d %b %Y")


def calendar_section() -> list[str]:
    """The business calendar at work: the three reference due dates, holidays skipped."""
    vic = BusinessCalendar.victoria()
    lines = [
        f"Calendar: {vic.region}, years {vic.years.start}-{vic.years.stop - 1}, "
        f"holidays package {vic.holidays_version}",
        "21 business days after the day given (the day itself not counted):",
    ]
    for given, expected in _REFERENCE_DUE_DATES:
        due = vic.add_business_days(given, 21)
        skipped = ", ".join(f"{name} {_day(d)}" for d, name in vic.holidays_between(given, due))
        check = "as the reference says" if due == expected else f"REFERENCE SAYS {_day(expected)}"
        lines.append(f"  {_day(given)} -> {_day(due)}  ({check}; skips {skipped})")
    council = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    due = council.add_business_days(date(2024, 10, 28), 21)
    lines.append(
        f"  With Melbourne Cup Day removed (a council that keeps another day): "
        f"{_day(date(2024, 10, 28))} -> {_day(due)}"
    )
    return lines


SECTIONS: tuple[tuple[str, Callable[[], list[str]]], ...] = (
    ("Business calendar (Victoria)", calendar_section),
    ("VHIMS clinical ISR (the guidance's worked cases)", vhims_section),
    ("CIMS case review (Victoria)", cims_section),
    ("Kentucky CQI: one pull month", kentucky_cqi_section),
    ("Under 1 Roof case review", under1roof_section),
)
