"""Due dates on the Victorian business calendar, with a council's overrides.

Run: ``.venv/bin/python examples/due_dates.py``
"""

from __future__ import annotations

from datetime import date

from casereview import BusinessCalendar
from casereview.cims import case_review_due


def main() -> None:
    vic = BusinessCalendar.victoria()
    endorsed = date(2024, 10, 28)
    due = vic.add_business_days(endorsed, 21)
    print(f"Endorsed {endorsed}: due {due} (skipping {vic.holidays_between(endorsed, due)})")

    # A non-metropolitan council that does not keep Melbourne Cup Day: one day earlier.
    council = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    print(f"Without Melbourne Cup Day: due {council.add_business_days(endorsed, 21)}")

    # A one-off gazetted holiday inside the window: one day later.
    gazetted = BusinessCalendar.victoria(add=[date(2024, 11, 15)])
    print(f"With a gazetted holiday on 15 Nov: due {gazetted.add_business_days(endorsed, 21)}")
    print(f"Built with holidays {vic.holidays_version}")

    # A CIMS case review due date under the incident's ruleset: the tip sheet's 21 business days
    # govern reports submitted up to 8 Dec 2024; after that the timeframe is not known.
    before = case_review_due(endorsed, submitted_on=date(2024, 10, 25))
    print(f"CIMS ({before.ruleset.id}): due {before.due_on}")
    after = case_review_due(date(2025, 3, 3), submitted_on=date(2025, 2, 27))
    print(f"CIMS ({after.ruleset.id}): due {after.due_on}, decided={after.decided}: {after.reason}")
    opted = case_review_due(date(2025, 3, 3), submitted_on=date(2025, 2, 27), apply_2020_rules=True)
    print(f"  applying the 21 days anyway ({opted.provenance.value}): due {opted.due_on}")


if __name__ == "__main__":
    main()
