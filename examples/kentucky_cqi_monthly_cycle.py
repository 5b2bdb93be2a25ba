"""One month of Kentucky CQI reviews: reminders for a pull, a substitution, the caps.

Run: ``.venv/bin/python examples/kentucky_cqi_monthly_cycle.py``
"""

from __future__ import annotations

from datetime import date

from casereview import BusinessCalendar
from casereview.kentucky_cqi import (
    Requester,
    SubstitutionReason,
    SubstitutionRequest,
    check_caps,
    monthly_schedule,
    steps_due,
    substitution_decision,
)


def main() -> None:
    ky = BusinessCalendar.kentucky()
    schedule = monthly_schedule(2025, 10, calendar=ky)
    print("October 2025 pull, Kentucky business-day reminders:")
    for step in schedule.steps:
        note = f" (seed: {step.as_written})" if step.adjusted else ""
        print(f"  {step.timing.value} {step.when}  {step.step.value}{note}")

    today = date(2025, 10, 10)
    status = steps_due(2025, 10, today, calendar=ky)
    print(f"Due on {today}: {[s.step.value for s in status.due]}")

    request = SubstitutionRequest(
        reason=SubstitutionReason.INVESTIGATION_WITH_EXTENSION,
        requested_on=today,
        pull_year=2025,
        pull_month=10,
        investigation_has_extension=False,
        requested_by=Requester.FSOS,
    )
    decision = substitution_decision(request)
    print(f"Substitution eligible: {decision.eligible}")
    for finding in decision.findings:
        print(f"  {finding}")

    caps = check_caps(first_level={"Adams": 4, "Baker": 5}, regional={"Salt River": 18})
    print(f"Caps ok: {caps.ok}; {[str(f) for f in caps.findings]}")


if __name__ == "__main__":
    main()
