"""Deadlines for sentinel events and the statutory duty of candour (secondary sources).

Counted on the Victorian :class:`~casereview.calendar.BusinessCalendar` ("within N business
days of X" is the N-th business day after X). Pass ``calendar=`` for a council's overrides.

>>> from datetime import date, datetime
>>> dates = sentinel_event_deadlines(aware_on=date(2024, 10, 31))
>>> dates.notify_scv_by  # skips Melbourne Cup Day, 5 Nov 2024
datetime.date(2024, 11, 6)
>>> candour = duty_of_candour_deadlines(identified_at=datetime(2024, 12, 23, 15, 30))
>>> candour.apology_by, candour.meeting_by
(datetime.datetime(2024, 12, 24, 15, 30), datetime.date(2025, 1, 9))
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from casereview._base import FrozenModel
from casereview._input import day, is_missing
from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError, MissingElementError, shown
from casereview.findings import Citation, Finding, Rule, Severity
from casereview.vhims import _rules

__all__ = [
    "CANDOUR_IN_FORCE_FROM",
    "VICTORIA_ZONE",
    "DutyOfCandourDeadlines",
    "SentinelEventDeadlines",
    "duty_of_candour_deadlines",
    "sentinel_event_deadlines",
    "victorian_day",
]

CANDOUR_IN_FORCE_FROM = date(2022, 11, 30)
"""The statutory duty of candour commenced on this day. Read as (our reading, rule
``vhims.candour.in-force``): it applies to SAPSEs identified on or after it; an earlier
identification gets a warning finding, not a refusal."""

VICTORIA_ZONE = "Australia/Melbourne"
"""The IANA zone an aware ``identified_at`` is converted to before its calendar day is taken."""

SENTINEL_RULESET = "Safer Care Victoria sentinel event program"
CANDOUR_RULESET = "Victorian Duty of Candour Guidelines (from 30 November 2022)"


class SentinelEventDeadlines(FrozenModel):
    """The sentinel event timeline, counted in business days.

    ``notified_on`` is when SCV was notified; when it was not given, the RCA dates are counted
    from ``notify_scv_by`` (the latest allowed notification) and ``notification_assumed`` is
    true. ``findings`` reports a late notification.
    """

    aware_on: date
    notify_scv_by: date
    notified_on: date
    notification_assumed: bool
    rca_parts_a_b_by: date
    extension_request_by: date
    rca_part_c_by: date
    monitoring_report_by: date
    findings: tuple[Finding, ...] = ()
    citations: tuple[Citation, ...]
    ruleset: str = SENTINEL_RULESET


class DutyOfCandourDeadlines(FrozenModel):
    """The statutory duty of candour timeline for a SAPSE identified at ``identified_at``.

    ``identified_on`` is the Victorian calendar day of ``identified_at`` (an aware datetime
    converted to Australia/Melbourne time; a naive one taken as Victorian wall-clock time): the
    business days count from it. ``findings`` warns when that day is before the duty commenced.
    """

    identified_at: datetime
    identified_on: date
    apology_by: datetime
    organise_meeting_by: date
    meeting_by: date
    findings: tuple[Finding, ...] = ()
    citations: tuple[Citation, ...]
    ruleset: str = CANDOUR_RULESET


def _date(value: object, field: str) -> date:
    """A day by the input policy: a ``date`` or ``"YYYY-MM-DD"`` (a ``datetime`` is refused)."""
    return day(value, field=field)


def _calendar(calendar: object) -> BusinessCalendar:
    if calendar is None:
        return BusinessCalendar.victoria()
    if not isinstance(calendar, BusinessCalendar):
        raise CaseReviewError(
            f"calendar: expected a BusinessCalendar or None, got {type(calendar).__name__}",
            field="calendar",
        )
    return calendar


def _before(calendar: BusinessCalendar, d: date, n: int) -> date:
    """The ``n``-th business day before ``d``."""
    for _ in range(n):
        d = calendar.roll_backward(d - timedelta(days=1))
    return d


def _hours_after(at: datetime, hours: int) -> datetime:
    """``hours`` of elapsed time after ``at``, in ``at``'s time zone.

    Aware datetimes are counted in UTC, so a daylight-saving change in between is honoured
    (Python adds a ``timedelta`` to an aware datetime on the wall clock: 24 "hours" across the
    end of daylight saving would be 25 real ones). A naive datetime is taken as wall-clock time.
    """
    if at.utcoffset() is None:
        return at + timedelta(hours=hours)
    return (at.astimezone(UTC) + timedelta(hours=hours)).astimezone(at.tzinfo)


def victorian_day(at: datetime, *, field: str = "identified_at") -> date:
    """The Victorian calendar day of ``at``, from which the duty of candour counts.

    An aware datetime is converted to Australia/Melbourne time first (the same instant is one
    Victorian day wherever it was written); a naive datetime is taken as Victorian wall-clock
    time.

    >>> victorian_day(datetime(2024, 12, 23, 20, 0, tzinfo=UTC))  # 07:00 on the 24th
    datetime.date(2024, 12, 24)

    Raises:
        CaseReviewError: ``at`` is aware and this Python has no time zone database for
            Australia/Melbourne (install the ``tzdata`` package, or pass a naive datetime in
            Victorian local time).
    """
    if at.utcoffset() is None:
        return at.date()
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(VICTORIA_ZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise CaseReviewError(
            f"{field}: an aware datetime is converted to {VICTORIA_ZONE} time to find its "
            "Victorian day, but this Python has no time zone database for that zone; install "
            "the 'tzdata' package (pip install tzdata), or pass a naive datetime in Victorian "
            "local time",
            field=field,
        ) from None
    return at.astimezone(zone).date()


@contextmanager
def _about(field: str) -> Iterator[None]:
    """Calendar errors (about its parameter ``d``) re-raised about the caller's ``field``."""
    try:
        yield
    except CaseReviewError as exc:
        raise exc.renamed(field) from None


def _citations(*rules: Rule) -> tuple[Citation, ...]:
    return tuple(r.citation for r in rules)


def sentinel_event_deadlines(
    *,
    aware_on: date,
    notified_on: date | None = None,
    calendar: BusinessCalendar | None = None,
) -> SentinelEventDeadlines:
    """The sentinel event deadlines (Safer Care Victoria; ``secondary``).

    Notify SCV within 3 business days of becoming aware (``aware_on``); RCA report parts A and
    B within 30 business days of notification, part C within 50, the recommendation monitoring
    report within 120; an extension is requested at least 5 business days before parts A and B
    are due.

    Raises:
        CaseReviewError: a date of the wrong type, outside the calendar, or a notification
            before awareness; ``calendar`` is not a BusinessCalendar.
    """
    cal = _calendar(calendar)
    aware = _date(aware_on, "aware_on")
    with _about("aware_on"):
        notify_by = cal.add_business_days(aware, 3)
    findings: tuple[Finding, ...] = ()
    if notified_on is None:
        notified, assumed = notify_by, True
    else:
        notified, assumed = _date(notified_on, "notified_on"), False
        if notified < aware:
            raise CaseReviewError(
                f"notified_on: {notified.isoformat()} is before aware_on {aware.isoformat()}",
                field="notified_on",
            )
        if notified > notify_by:
            findings = (
                _rules.SENTINEL_NOTIFY.finding(
                    f"SCV was notified on {notified.isoformat()}, after the deadline "
                    f"{notify_by.isoformat()} (3 business days after becoming aware).",
                    field="notified_on",
                    severity=Severity.WARNING,
                ),
            )
    with _about("aware_on" if assumed else "notified_on"):
        a_b = cal.add_business_days(notified, 30)
        part_c = cal.add_business_days(notified, 50)
        monitoring = cal.add_business_days(notified, 120)
    return SentinelEventDeadlines(
        aware_on=aware,
        notify_scv_by=notify_by,
        notified_on=notified,
        notification_assumed=assumed,
        rca_parts_a_b_by=a_b,
        extension_request_by=_before(cal, a_b, 5),
        rca_part_c_by=part_c,
        monitoring_report_by=monitoring,
        findings=findings,
        citations=_citations(
            _rules.SENTINEL_NOTIFY,
            _rules.SENTINEL_RCA_A_B,
            _rules.SENTINEL_EXTENSION,
            _rules.SENTINEL_RCA_C,
            _rules.SENTINEL_MONITORING,
        ),
    )


def duty_of_candour_deadlines(
    *, identified_at: datetime, calendar: BusinessCalendar | None = None
) -> DutyOfCandourDeadlines:
    """The statutory duty of candour deadlines for a SAPSE (``secondary``; anchors ``inferred``).

    Apology and initial information within 24 hours of ``identified_at`` (elapsed time: pass an
    aware datetime, e.g. in ``Australia/Melbourne``, and a daylight-saving change in between is
    counted correctly); steps to organise the open-disclosure meeting within 3 business days and
    the meeting within 10 business days, both counted from the Victorian day of identification
    (not counted; see :func:`victorian_day`: an aware datetime in any zone is converted to
    Australia/Melbourne time first, a naive one is Victorian wall-clock time).

    Identified before 30 November 2022, when the duty commenced: the deadlines are still
    computed and ``findings`` holds a warning (``vhims.candour.in-force``) — keying the date on
    the identification rather than the incident is our reading, so it is not a refusal.

    Raises:
        CaseReviewError: ``identified_at`` is not a datetime, or is aware and the zone database
            is missing; ``calendar`` is not a BusinessCalendar.
    """
    if is_missing(identified_at):  # pandas' NaT is a datetime subclass that holds no time
        raise MissingElementError("identified_at", "the 24-hour apology deadline counts from it")
    if not isinstance(identified_at, datetime):
        raise CaseReviewError(
            "identified_at: expected a datetime (the 24-hour apology deadline needs the time), "
            f"got {type(identified_at).__name__} {shown(identified_at)}",
            field="identified_at",
        )
    cal = _calendar(calendar)
    day = victorian_day(identified_at)
    findings: tuple[Finding, ...] = ()
    if day < CANDOUR_IN_FORCE_FROM:
        findings = (
            _rules.CANDOUR_IN_FORCE.finding(
                f"Identified on {day.isoformat()} (Victorian day), before 30 November 2022, when "
                "the statutory duty of candour commenced: read as applying to SAPSEs identified "
                "from that day, the duty may not apply to this one.",
                field="identified_at",
                severity=Severity.WARNING,
            ),
        )
    with _about("identified_at"):
        organise_by = cal.add_business_days(day, 3)
        meeting_by = cal.add_business_days(day, 10)
    return DutyOfCandourDeadlines(
        identified_at=identified_at,
        identified_on=day,
        apology_by=_hours_after(identified_at, 24),
        organise_meeting_by=organise_by,
        meeting_by=meeting_by,
        findings=findings,
        citations=_citations(
            _rules.CANDOUR_IN_FORCE,
            _rules.CANDOUR_APOLOGY,
            _rules.CANDOUR_ORGANISE_MEETING,
            _rules.CANDOUR_MEETING,
        ),
    )
