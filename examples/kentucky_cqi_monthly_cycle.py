"""One month of Kentucky CQI reviews: reminders, a substitution, the caps, and the pull tracker.

The tracker part follows a CQI specialist through the October 2025 pull of six FSOSes in two
regions: where each case stands on the 20th and the 27th, the list sent on the 26th, and
November's view (October's regional reviews beside November's first-level ones).

Run: ``.venv/bin/python examples/kentucky_cqi_monthly_cycle.py``
"""

from __future__ import annotations

from datetime import date

from casereview import BusinessCalendar
from casereview.kentucky_cqi import (
    Pull,
    Requester,
    ReviewStatus,
    SubstitutionReason,
    SubstitutionRequest,
    check_caps,
    monitoring_notice,
    month_view,
    monthly_schedule,
    pull_status,
    steps_due,
    substitution_decision,
)


def october_pull() -> Pull:
    """Four cases per FSOS; every third one flagged for regional review; some done."""
    rows = []
    for n, fsos in enumerate(("Adams", "Baker", "Clark", "Dunn", "Ellis", "Frost")):
        region = "Salt River" if n < 3 else "Two Rivers"
        for k in range(4):
            number = f"25-{n}{k}"
            done = date(2025, 10, 10 + 3 * k) if (n + k) % 3 else None
            rows.append(
                {
                    "case_number": number,
                    "fsos": fsos,
                    "region": region,
                    "flagged_for_regional_review": (n + k) % 3 == 0,
                    "first_level_completed_on": done,
                    "regional_completed_on": date(2025, 11, 14) if k == 0 else None,
                }
            )
    return Pull.from_rows(
        2025,
        10,
        rows,
        vacancies={"Frost": "extended medical leave"},
        substitutions=[
            {
                "case_number": "25-11",
                "reason": "transferred out of region",
                "requested_on": date(2025, 10, 9),
                "requested_by": "FSOS",
            }
        ],
    )


def tracker() -> None:
    pull = october_pull()
    for on in (date(2025, 10, 20), date(2025, 10, 27)):
        status = pull_status(pull, on)
        counts = {s.value: len(status.first_level(s)) for s in ReviewStatus}
        print(f"{on}: first level { ({k: v for k, v in counts.items() if v}) }; ok={status.ok}")
    status = pull_status(pull, date(2025, 10, 27))
    print(f"  tell regional management: {status.regional_management_notices}")
    for finding in status.errors:
        print(f"  {finding}")
    notice = monitoring_notice(2025, 10, pulls=[pull])
    print(f"List for {notice.on}:")
    for region, keys in notice.for_regional_leadership:
        print(f"  regional leadership, {region}: {', '.join(keys)}")
    for fsos, keys in notice.for_fsos:
        print(f"  FSOS {fsos}: {', '.join(keys)}")
    november = month_view(2025, 11, pulls=[pull], on=date(2025, 11, 26))
    print("November 2025: regional reviews of the October pull")
    for case in november.regional_cases:
        print(f"  {case.key} ({case.region}): {case.regional.value}")
    for finding in november.findings:
        print(f"  {finding}")


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
    tracker()


if __name__ == "__main__":
    main()
