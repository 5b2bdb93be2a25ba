"""Due dates on the Victorian business calendar, with a council's overrides.

Run: ``.venv/bin/python examples/due_dates.py``
"""

from __future__ import annotations

from datetime import date

from casereview import BusinessCalendar


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


if __name__ == "__main__":
    main()
