"""BusinessCalendar.add_business_days(d, 21) against holidays.get_nth_working_day on the same dates.

Also ``casereview.cims.case_review_due_date(d)`` (the default, cached Victoria calendar), which
must be >= 100x faster than ``get_nth_working_day`` too.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_calendar.py``). Goal: >= 100x faster,
identical answers. Numbers depend on the machine; the ratio is what matters.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import holidays

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import per_call_ns, report

from casereview import BusinessCalendar
from casereview.cims import case_review_due_date

GOAL = 100.0


def main() -> int:
    days = [date(2020, 1, 1) + timedelta(days=i) for i in range(2_000)]
    vic = BusinessCalendar.victoria()
    reference = holidays.country_holidays("AU", subdiv="VIC", years=range(2019, 2027))

    ours = [vic.add_business_days(d, 21) for d in days]
    theirs = [reference.get_nth_working_day(d, 21) for d in days]
    cims = [case_review_due_date(d) for d in days]
    mismatches = sum(a != b for a, b in zip(ours, theirs, strict=True))
    mismatches += sum(a != b for a, b in zip(cims, theirs, strict=True))

    add = vic.add_business_days
    nth = reference.get_nth_working_day
    ours_ns = per_call_ns(lambda: [add(d, 21) for d in days], len(days))
    cims_ns = per_call_ns(lambda: [case_review_due_date(d) for d in days], len(days))
    theirs_ns = per_call_ns(lambda: [nth(d, 21) for d in days], len(days), repeat=3)
    speedup = theirs_ns / ours_ns
    cims_speedup = theirs_ns / cims_ns

    print(f"add_business_days(d, 21) on {len(days)} dates, holidays {vic.holidays_version}")
    report(
        [
            ("BusinessCalendar.add_business_days", ours_ns),
            ("cims.case_review_due_date", cims_ns),
            ("holidays.get_nth_working_day", theirs_ns),
        ]
    )
    print(f"  speed-up: {speedup:.0f}x (goal >= {GOAL:.0f}x); mismatching answers: {mismatches}")
    print(f"  cims.case_review_due_date speed-up: {cims_speedup:.0f}x (goal >= {GOAL:.0f}x)")
    return 0 if mismatches == 0 and min(speedup, cims_speedup) >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
