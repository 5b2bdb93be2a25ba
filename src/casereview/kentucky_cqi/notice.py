"""The list the CQI specialist sends on the 26th: the reviews of both levels not completed.

On the 26th of month M the first-level reviews of pull M and the regional reviews of pull M-1
are checked (both due the 25th of M), and any review of an earlier pull still not completed is
carried: "notify regional leadership and FSOSes of cases that are not completed". Regional
leadership gets every case by region; each FSOS their own first-level cases (rule
``kentucky_cqi.monitoring.recipients``, inferred).

>>> from datetime import date
>>> january = Pull.from_rows(2026, 1, [
...     {"case_number": "J1", "fsos": "Adams", "region": "Salt River",
...      "flagged_for_regional_review": False}])
>>> monitoring_notice(2026, 1, pulls=[january]).for_fsos
(('Adams', ('J1',)),)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from casereview._base import FrozenModel, validated
from casereview._input import items, whole
from casereview.errors import CaseReviewError
from casereview.findings import Citation
from casereview.kentucky_cqi._cite import inferred
from casereview.kentucky_cqi.models import ReviewLevel
from casereview.kentucky_cqi.pull import Pull
from casereview.kentucky_cqi.schedule import MONITORING_STARTS, REGIONAL_MONITORING_STARTS
from casereview.kentucky_cqi.state import ReviewStatus
from casereview.kentucky_cqi.tracker import pull_status

__all__ = [
    "NOTICE_RECIPIENTS",
    "MonitoringNotice",
    "NoticeEntry",
    "by_month",
    "calendar_month",
    "monitoring_notice",
    "notice_for",
    "open_reviews",
    "previous_month",
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
        "review completed on the 26th itself counts as completed when the list is made. The "
        "sentence does not limit the list to one pull: a review of an earlier pull that is "
        "still not completed (a first level from before this month, a regional review from "
        "before last month) stays on every month's list until it is entered, with its pull "
        "named."
    ),
)


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
    previous month's pull not completed on the 26th, and any review of an earlier pull given
    that is still not completed (each entry names its pull). :attr:`for_regional_leadership`
    groups every entry by region; :attr:`for_fsos` groups the first-level entries by FSOS (rule
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


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def by_month(pulls: object) -> dict[tuple[int, int], Pull]:
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


def calendar_month(year: object, month: object) -> tuple[int, int]:
    y = whole(year, field="year", low=2, high=9998)
    m = whole(month, field="month", low=1, high=12)
    return y, m


def monitoring_notice(year: object, month: object, *, pulls: object) -> MonitoringNotice:
    """The list for the 26th of (``year``, ``month``): reviews of both levels not completed.

    ``pulls`` holds the month's pull (its first-level reviews) and the previous month's (its
    regional reviews); a missing one contributes nothing (see :func:`month_view`, which reports
    it). Earlier pulls given contribute their reviews still not completed; later ones are
    ignored.

    Raises:
        CaseReviewError: a bad year or month, ``pulls`` not a list, or two pulls of one month.
    """
    y, m = calendar_month(year, month)
    return notice_for(y, m, by_month(pulls))


_OPEN = (ReviewStatus.DUE, ReviewStatus.OVERDUE)


def open_reviews(
    y: int, m: int, pulls: dict[tuple[int, int], Pull], on: date, *, earlier_only: bool
) -> list[NoticeEntry]:
    """Reviews not completed on ``on``: first level of pulls up to M, regional up to M-1.

    With ``earlier_only`` only those of older pulls: first level before M, regional before M-1.
    """
    last_first, last_regional = (y, m), previous_month(y, m)
    if earlier_only:
        last_first, last_regional = last_regional, previous_month(*last_regional)
    entries: list[NoticeEntry] = []
    for (py, pm), pull in sorted(pulls.items(), key=lambda kv: kv[0], reverse=True):
        if (py, pm) > last_first:
            continue
        cases = pull_status(pull, on).cases
        for level, last in ((ReviewLevel.FIRST, last_first), (ReviewLevel.SECOND, last_regional)):
            if (py, pm) > last:
                continue
            for case in cases:
                status = case.first_level if level is ReviewLevel.FIRST else case.regional
                if status in _OPEN:
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
    return entries


def notice_for(y: int, m: int, pulls: dict[tuple[int, int], Pull]) -> MonitoringNotice:
    the_26th = date(y, m, 26)
    entries = open_reviews(y, m, pulls, the_26th, earlier_only=False)
    return MonitoringNotice(
        on=the_26th,
        entries=tuple(entries),
        citations=(
            MONITORING_STARTS.citation,
            REGIONAL_MONITORING_STARTS.citation,
            NOTICE_RECIPIENTS.citation,
        ),
    )
