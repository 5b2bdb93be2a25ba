"""A calendar month of CQI work, both levels side by side, and the list sent on the 26th.

The first-level reviews of this month's pull and the regional reviews of last month's: in month M
the FSOSes review pull M (due the 25th of M) while regional reviewers review pull M-1 (due the
25th of M, "the month following the TWS-M112 run"). On the 26th of M the CQI specialist checks
both and tells regional leadership and the FSOSes which cases are not completed
(:class:`MonitoringNotice`, :mod:`casereview.kentucky_cqi.notice`). January's regional work is
December's pull of the year before.

>>> from datetime import date
>>> from casereview.kentucky_cqi import Pull
>>> december = Pull.from_rows(2025, 12, [
...     {"case_number": "D1", "fsos": "Adams", "region": "Salt River",
...      "flagged_for_regional_review": True, "first_level_completed_on": date(2025, 12, 19)}])
>>> january = Pull.from_rows(2026, 1, [
...     {"case_number": "J1", "fsos": "Adams", "region": "Salt River",
...      "flagged_for_regional_review": False}])
>>> view = month_view(2026, 1, pulls=[december, january], on=date(2026, 1, 26))
>>> [c.key for c in view.first_level_cases], [c.key for c in view.regional_cases]
(['J1'], ['D1'])
>>> view.notice.for_regional_leadership
(('Salt River', ('D1', 'J1')),)
"""

from __future__ import annotations

from datetime import date

from pydantic import computed_field

from casereview._base import FrozenModel
from casereview._input import day
from casereview.findings import Citation, Finding, Rule, Severity, Validation, errors_of
from casereview.kentucky_cqi._cite import inferred
from casereview.kentucky_cqi._pull_findings import listed
from casereview.kentucky_cqi.notice import (
    NOTICE_RECIPIENTS,
    MonitoringNotice,
    by_month,
    calendar_month,
    notice_for,
    open_reviews,
    previous_month,
)
from casereview.kentucky_cqi.state import CaseState, PullStatus, ReviewStatus
from casereview.kentucky_cqi.tracker import pull_status

__all__ = ["MONTH_RULES", "MonthView", "month_view"]

MISSING_PULL = inferred(
    "kentucky_cqi.monitoring.missing-pull",
    "A month's view reports a pull it was not given (a warning)",
    section="Timeline for Completion",
    quote="The reviews will be completed within two months of the pull.",
    note=(
        "Month M holds the first-level work of pull M and the regional work of pull M-1. When "
        "either pull is not given, its half of the month cannot be shown; the view says so "
        "rather than showing an empty, complete-looking month."
    ),
)

MONTHLY_LIST = inferred(
    "kentucky_cqi.monitoring.monthly-list",
    "Each month the local level gets the case numbers of both levels to be reviewed that month",
    section="Division of Service Regions' (DSR) Field Quality Branch process",
    quote=(
        "Each month, CQI specialists will send by email a list of both first and second-level "
        "cases by case number only that will be reviewed that current month to the local level."
    ),
    note=(
        "The sentence states the list and its form (case numbers only, both levels); which "
        "pull's cases it holds is ours. The first-level cases reviewed in month M are pull M's "
        "(FSOSes complete them by the 25th of the pull month); the second-level cases reviewed "
        "in month M are read as pull M-1's flagged cases, because regional reviews are completed "
        "'by the 25th of the month following the TWS-M112 run'. Cases not reviewed (substituted, "
        "un-assigned from a vacant FSOS) are left out, and so is a case whose regional flag is "
        "not recorded: it is not known to be reviewed."
    ),
)

MONTH_RULES: tuple[Rule, ...] = (NOTICE_RECIPIENTS, MISSING_PULL, MONTHLY_LIST)


class MonthView(FrozenModel):
    """Calendar month (``year``, ``month``) on day ``on``: both levels of work side by side.

    ``first_level`` is pull M's status and ``regional`` pull M-1's (``None`` when not given);
    ``first_level_cases`` are pull M's cases with a first-level review and
    ``regional_cases`` pull M-1's cases with a regional review. ``caps`` checks the month's
    workload: the first-level reviews of pull M per FSOS and the regional reviews of pull M-1 per
    region. ``notice`` is the 26th list, once the 26th has come (``None`` before).
    """

    year: int
    month: int
    on: date
    first_level: PullStatus | None
    regional: PullStatus | None
    first_level_cases: tuple[CaseState, ...]
    regional_cases: tuple[CaseState, ...]
    caps: Validation
    notice: MonitoringNotice | None
    findings: tuple[Finding, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        """No finding of error severity."""
        return not errors_of(self.findings)

    @property
    def review_list(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The month's e-mail to the local level, by case number only: (first level, regional).

        Rule ``kentucky_cqi.monitoring.monthly-list`` (the list is stated; which pulls it takes
        is our reading): the first-level cases of pull M and the second-level cases of pull M-1
        reviewed this month, each case number once (a case
        whose regional flag is not recorded is left out: it is not known to be reviewed).
        """
        first = tuple(dict.fromkeys(c.case_number for c in self.first_level_cases))
        regional = tuple(
            dict.fromkeys(
                c.case_number
                for c in self.regional_cases
                if c.regional is not ReviewStatus.NOT_RECORDED
            )
        )
        return first, regional

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The rules behind the view: the monthly list, then those of its findings."""
        found = (f.citation for f in self.findings if f.citation is not None)
        return tuple(dict.fromkeys((MONTHLY_LIST.citation, *found)))

    def side_by_side(self) -> tuple[tuple[str, str, str], ...]:
        """Rows of (label, first-level of pull M, regional of pull M-1), for a table."""
        left = [f"{c.key} {c.fsos or '?'}: {c.first_level.value}" for c in self.first_level_cases]
        right = [f"{c.key} {c.region or '?'}: {c.regional.value}" for c in self.regional_cases]
        height = max(len(left), len(right))
        left += [""] * (height - len(left))
        right += [""] * (height - len(right))
        return tuple((str(i + 1), a, b) for i, (a, b) in enumerate(zip(left, right, strict=True)))


def month_view(year: object, month: object, *, pulls: object, on: object) -> MonthView:
    """Calendar month (``year``, ``month``) on ``on``: pull M's first level, pull M-1's regional.

    ``pulls`` is a list of :class:`Pull` (or mappings); the view uses the pull of the month and
    the pull of the month before (December of the previous year for January) and reports either
    one missing. When pull M carries no ``previous_case_numbers`` of its own, its cross-pull
    check uses pull M-1's case numbers. Findings are pull M's first-level findings and pull
    M-1's regional ones (each pull's findings about the other level belong to the other month),
    plus the month's caps.

    Raises:
        CaseReviewError: a bad year, month or day, ``pulls`` not a list, or two pulls of one
            month.
    """
    y, m = calendar_month(year, month)
    when = day(on, field="on")
    pulls_by_month = by_month(pulls)
    this = pulls_by_month.get((y, m))
    last = pulls_by_month.get(previous_month(y, m))
    if this is not None and last is not None and this.previous_case_numbers is None:
        # The view holds pull M-1: the cross-pull check of pull M uses its case numbers.
        numbers = tuple(dict.fromkeys(r.case_number for r in last.rows))
        this = this.model_copy(update={"previous_case_numbers": numbers})
    findings: list[Finding] = []
    first_status = None if this is None else pull_status(this, when)
    regional_status = None if last is None else pull_status(last, when)
    for label, pull_month, status in (
        ("first-level", (y, m), first_status),
        ("regional", previous_month(y, m), regional_status),
    ):
        if status is None:
            findings.append(
                MISSING_PULL.finding(
                    f"the {pull_month[0]}-{pull_month[1]:02d} pull was not given: the month's "
                    f"{label} work is not shown",
                    field="pulls",
                    severity=Severity.WARNING,
                )
            )
    first_cases = (
        ()
        if first_status is None
        else tuple(c for c in first_status.cases if c.first_level is not ReviewStatus.NOT_REQUIRED)
    )
    regional_cases = (
        ()
        if regional_status is None
        else tuple(c for c in regional_status.cases if c.regional is not ReviewStatus.NOT_REQUIRED)
    )
    cap_findings: list[Finding] = []
    if first_status is not None:
        cap_findings += [f for f in first_status.caps.findings if _first(f)]
        findings += [f for f in first_status.findings if not _regional(f) and not _cap(f)]
    if regional_status is not None:
        cap_findings += [f for f in regional_status.caps.findings if not _first(f)]
        findings += [f for f in regional_status.findings if _regional(f) and not _cap(f)]
    findings += cap_findings
    carried = open_reviews(y, m, pulls_by_month, when, earlier_only=True)
    if carried:
        described = [
            f"{e.key} ({e.level.value.lower()}, {e.pull_year}-{e.pull_month:02d} pull, due "
            f"{e.due.isoformat()})"
            for e in carried
        ]
        findings.append(
            NOTICE_RECIPIENTS.finding(
                f"{len(carried)} review(s) of earlier pulls still not completed, past their "
                f"deadlines; each stays on the 26th list until it is entered: {listed(described)}",
                field="pulls",
                severity=Severity.WARNING,
            )
        )
    notice = notice_for(y, m, pulls_by_month) if when >= date(y, m, 26) else None
    return MonthView(
        year=y,
        month=m,
        on=when,
        first_level=first_status,
        regional=regional_status,
        first_level_cases=first_cases,
        regional_cases=regional_cases,
        caps=Validation(findings=tuple(cap_findings)),
        notice=notice,
        findings=tuple(findings),
    )


def _first(finding: Finding) -> bool:
    return (finding.field or "").startswith("first_level[")


def _cap(finding: Finding) -> bool:
    return finding.code.startswith("kentucky_cqi.caps.")


def _regional(finding: Finding) -> bool:
    field = finding.field or ""
    return (
        finding.code == "kentucky_cqi.schedule.regional-complete"
        or field.startswith("regional[")
        or field.endswith(".regional_completed_on")
    )
