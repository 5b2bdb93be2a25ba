"""A calendar month of CQI work, both levels side by side, and the list sent on the 26th.

The first-level reviews of this month's pull and the regional reviews of last month's: in month M
the FSOSes review pull M (due the 25th of M) while regional reviewers review pull M-1 (due the
25th of M, "the month following the TWS-M112 run"). On the 26th of M the CQI specialist checks
both and tells regional leadership and the FSOSes which cases are not completed
(:class:`MonitoringNotice`). January's regional work is December's pull of the year before.

>>> from datetime import date
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

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from pydantic import computed_field

from casereview._base import FrozenModel, validated
from casereview._input import day, items, whole
from casereview.errors import CaseReviewError
from casereview.findings import Citation, Finding, Rule, Severity, Validation
from casereview.kentucky_cqi._cite import inferred, stated
from casereview.kentucky_cqi.models import ReviewLevel
from casereview.kentucky_cqi.pull import Pull
from casereview.kentucky_cqi.schedule import MONITORING_STARTS, REGIONAL_MONITORING_STARTS
from casereview.kentucky_cqi.state import CaseState, PullStatus, ReviewStatus
from casereview.kentucky_cqi.tracker import pull_status

__all__ = [
    "MONTH_RULES",
    "MonitoringNotice",
    "MonthView",
    "NoticeEntry",
    "monitoring_notice",
    "month_view",
]

NOTICE_RECIPIENTS = inferred(
    "kentucky_cqi.monitoring.recipients",
    "The 26th list: every open case to regional leadership by region, first-level ones to each "
    "FSOS",
    section="Division of Service Regions' (DSR) Field Quality Branch process",
    quote=(
        "CQI specialists will monitor the completion of first and second-level case reviews on "
        "the 26th of each month and notify regional leadership and FSOSes of cases that are not "
        "completed."
    ),
    note=(
        "The seed names both audiences but not who gets which case. Regional leadership is read "
        "as responsible for its region's reviews at both levels, so it gets every case not "
        "completed, grouped by region; an FSOS completes the first-level reviews of their team, "
        "so each FSOS gets their own first-level cases (a regional review is the regional "
        "reviewer's). Cases are listed by case number only, as the seed's monthly e-mail is. A "
        "review completed on the 26th itself counts as completed when the list is made."
    ),
)
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

MONTHLY_LIST = stated(
    "kentucky_cqi.monitoring.monthly-list",
    "Each month the local level gets the case numbers of both levels to be reviewed that month",
    section="Division of Service Regions' (DSR) Field Quality Branch process",
    quote=(
        "Each month, CQI specialists will send by email a list of both first and second-level "
        "cases by case number only that will be reviewed that current month to the local level."
    ),
)

MONTH_RULES: tuple[Rule, ...] = (NOTICE_RECIPIENTS, MISSING_PULL, MONTHLY_LIST)


class NoticeEntry(FrozenModel):
    """One review not completed on the 26th: which case, which level, whose, and its deadline."""

    key: str
    case_number: str
    level: ReviewLevel
    fsos: str | None
    region: str | None
    due: date
    pull_year: int
    pull_month: int


class MonitoringNotice(FrozenModel):
    """What the CQI specialist sends on the 26th of a month: the reviews not completed.

    ``entries`` are first-level reviews of that month's pull and regional reviews of the
    previous month's pull. :attr:`for_regional_leadership` groups every entry by region;
    :attr:`for_fsos` groups the first-level entries by FSOS (rule
    ``kentucky_cqi.monitoring.recipients``). A region or FSOS not recorded is grouped under
    ``None``.
    """

    on: date
    entries: tuple[NoticeEntry, ...]
    citations: tuple[Citation, ...]

    @property
    def for_regional_leadership(self) -> tuple[tuple[str | None, tuple[str, ...]], ...]:
        """(region, case numbers) for every region with a case not completed, both levels."""
        return _grouped((e.region, e.key) for e in self.entries)

    @property
    def for_fsos(self) -> tuple[tuple[str | None, tuple[str, ...]], ...]:
        """(FSOS, case numbers) of the first-level reviews each FSOS has not completed."""
        return _grouped((e.fsos, e.key) for e in self.entries if e.level is ReviewLevel.FIRST)

    def level(self, level: ReviewLevel) -> tuple[NoticeEntry, ...]:
        """The entries of one review level."""
        return tuple(e for e in self.entries if e.level is level)


def _grouped(
    pairs: Iterable[tuple[str | None, str]],
) -> tuple[tuple[str | None, tuple[str, ...]], ...]:
    groups: dict[str | None, set[str]] = defaultdict(set)
    for group, key in pairs:
        groups[group].add(key)
    ordered = sorted(groups, key=lambda g: (g is None, g or ""))
    return tuple((g, tuple(sorted(groups[g]))) for g in ordered)


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
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def review_list(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The month's e-mail to the local level, by case number only: (first level, regional).

        Rule ``kentucky_cqi.monitoring.monthly-list`` (stated): the first-level cases of pull M
        and the second-level cases of pull M-1 reviewed this month, each case number once (a case
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


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _by_month(pulls: object) -> dict[tuple[int, int], Pull]:
    found: dict[tuple[int, int], Pull] = {}
    for i, value in enumerate(items(pulls, field="pulls")):
        pull = validated(value, Pull, field=f"pulls[{i}]")
        if (pull.year, pull.month) in found:
            raise CaseReviewError(
                f"pulls[{i}]: a second pull for {pull.year}-{pull.month:02d}; give one a month",
                field=f"pulls[{i}]",
            )
        found[(pull.year, pull.month)] = pull
    return found


def _month(year: object, month: object) -> tuple[int, int]:
    y = whole(year, field="year", low=2, high=9998)
    m = whole(month, field="month", low=1, high=12)
    return y, m


def monitoring_notice(year: object, month: object, *, pulls: object) -> MonitoringNotice:
    """The list for the 26th of (``year``, ``month``): reviews of both levels not completed.

    ``pulls`` holds the month's pull (its first-level reviews) and the previous month's (its
    regional reviews); others are ignored, a missing one contributes nothing (see
    :func:`month_view`, which reports it).

    Raises:
        CaseReviewError: a bad year or month, ``pulls`` not a list, or two pulls of one month.
    """
    y, m = _month(year, month)
    return _notice(y, m, _by_month(pulls))


def _notice(y: int, m: int, pulls: dict[tuple[int, int], Pull]) -> MonitoringNotice:
    the_26th = date(y, m, 26)
    entries: list[NoticeEntry] = []
    open_ = {ReviewStatus.DUE, ReviewStatus.OVERDUE}
    for (py, pm), level in (((y, m), ReviewLevel.FIRST), (_previous(y, m), ReviewLevel.SECOND)):
        pull = pulls.get((py, pm))
        if pull is None:
            continue
        for case in pull_status(pull, the_26th).cases:
            status = case.first_level if level is ReviewLevel.FIRST else case.regional
            if status in open_:
                entries.append(
                    NoticeEntry(
                        key=case.key,
                        case_number=case.case_number,
                        level=level,
                        fsos=case.fsos,
                        region=case.region,
                        due=case.first_level_due
                        if level is ReviewLevel.FIRST
                        else case.regional_due,
                        pull_year=py,
                        pull_month=pm,
                    )
                )
    return MonitoringNotice(
        on=the_26th,
        entries=tuple(entries),
        citations=(
            MONITORING_STARTS.citation,
            REGIONAL_MONITORING_STARTS.citation,
            NOTICE_RECIPIENTS.citation,
        ),
    )


def month_view(year: object, month: object, *, pulls: object, on: object) -> MonthView:
    """Calendar month (``year``, ``month``) on ``on``: pull M's first level, pull M-1's regional.

    ``pulls`` is a list of :class:`Pull` (or mappings); the view uses the pull of the month and
    the pull of the month before (December of the previous year for January) and reports either
    one missing. Findings are pull M's first-level findings and pull M-1's regional ones (each
    pull's findings about the other level belong to the other month), plus the month's caps.

    Raises:
        CaseReviewError: a bad year, month or day, ``pulls`` not a list, or two pulls of one
            month.
    """
    y, m = _month(year, month)
    when = day(on, field="on")
    pulls_by_month = _by_month(pulls)
    this = pulls_by_month.get((y, m))
    last = pulls_by_month.get(_previous(y, m))
    findings: list[Finding] = []
    first_status = None if this is None else pull_status(this, when)
    regional_status = None if last is None else pull_status(last, when)
    for label, pull_month, status in (
        ("first-level", (y, m), first_status),
        ("regional", _previous(y, m), regional_status),
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
    notice = _notice(y, m, pulls_by_month) if when >= date(y, m, 26) else None
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
    return finding.code == "kentucky_cqi.schedule.regional-complete" or (
        finding.field or ""
    ).startswith("regional[")
