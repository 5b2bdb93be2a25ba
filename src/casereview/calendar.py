"""Business days on a public-holiday calendar, precomputed once and answered by index.

"Within N business days of X" in the sources means the N-th business day *after* X, X itself not
counted (see ``docs/reference/business-days.md``). A business day is Monday to Friday and not a
public holiday of the calendar's jurisdiction, as the ``holidays`` package lists them, adjusted by
the caller's overrides (a gazetted one-off holiday added; a council's replaced Melbourne Cup Day
removed).

A calendar computes the business days of its whole span of years when it is built and then answers
every question with two list look-ups, so it is safe to share between threads and about a hundred
times faster than asking ``holidays`` day by day (``benchmarks/bench_calendar.py``). It refuses,
with a clear error, any date outside its years rather than guess.

>>> from datetime import date
>>> vic = BusinessCalendar.victoria()
>>> vic.add_business_days(date(2024, 9, 20), 21)  # skips Grand Final Friday, 27 Sep 2024
datetime.date(2024, 10, 22)
>>> vic.business_days_between(date(2024, 9, 20), date(2024, 10, 22))
21
>>> vic.is_business_day(date(2024, 11, 5))  # Melbourne Cup Day
False
>>> BusinessCalendar.victoria(remove=[date(2024, 11, 5)]).is_business_day(date(2024, 11, 5))
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache, lru_cache
from importlib.metadata import version as _package_version
from types import MappingProxyType
from typing import Any, NoReturn

from casereview._input import day, items, span, text, whole
from casereview.errors import CaseReviewError, UnknownValueError, shown

__all__ = ["DEFAULT_YEARS", "SUPPORTED_YEARS", "BusinessCalendar"]

DEFAULT_YEARS = range(1990, 2061)
"""The years a calendar covers unless told otherwise: 1990 to 2060 inclusive."""

SUPPORTED_YEARS = range(1900, 2201)
"""The years a calendar may cover at all: 1900 to 2200 inclusive (``years=`` must lie within)."""

_ADDED_NAME = "Holiday added by override"


class BusinessCalendar:
    """Business days (Monday-Friday, not a public holiday) of one jurisdiction over a span of years.

    Build one with :meth:`victoria`, :meth:`kentucky` or :meth:`for_region`. Calendars without
    overrides are built once per process and shared; calendars with overrides are kept in a small
    cache. Either way they are immutable and compare (and hash) by value.
    """

    __slots__ = (
        "_added",
        "_base",
        "_business_days",
        "_count_through",
        "_country",
        "_holiday_names",
        "_holidays_version",
        "_removed",
        "_subdiv",
        "_years",
    )

    _country: str
    _subdiv: str | None
    _years: range
    _added: frozenset[date]
    _removed: frozenset[date]
    _holidays_version: str
    _base: int
    _business_days: tuple[date, ...]
    _count_through: tuple[int, ...]
    _holiday_names: MappingProxyType[date, str]

    def __new__(cls, *args: Any, **kwargs: Any) -> BusinessCalendar:
        raise TypeError(
            "use BusinessCalendar.victoria(), .kentucky() or .for_region(); "
            "calendars are built once and shared"
        )

    # ------------------------------------------------------------------ constructors

    @classmethod
    def victoria(
        cls,
        add: Iterable[date] = (),
        remove: Iterable[date] = (),
        *,
        years: range = DEFAULT_YEARS,
    ) -> BusinessCalendar:
        """Victoria, Australia: ``holidays.Australia(subdiv="VIC")``.

        ``add`` are extra non-business days (a gazetted holiday, a council's show day);
        ``remove`` are listed holidays to treat as business days (a non-metropolitan council
        that does not keep Melbourne Cup Day).
        """
        return cls.for_region("AU", "VIC", add=add, remove=remove, years=years)

    @classmethod
    def kentucky(
        cls,
        add: Iterable[date] = (),
        remove: Iterable[date] = (),
        *,
        years: range = DEFAULT_YEARS,
    ) -> BusinessCalendar:
        """Kentucky, United States: ``holidays.US(subdiv="KY")``."""
        return cls.for_region("US", "KY", add=add, remove=remove, years=years)

    @classmethod
    def for_region(
        cls,
        country: str,
        subdiv: str | None = None,
        *,
        add: Iterable[date] = (),
        remove: Iterable[date] = (),
        years: range = DEFAULT_YEARS,
    ) -> BusinessCalendar:
        """Any country and subdivision the ``holidays`` package lists as supported.

        ``country`` is an ISO 3166-1 code (``"AU"``) and ``subdiv`` one of that country's
        subdivision codes (``"VIC"``), in any case; ``None`` is the national calendar. Anything
        else is refused, a blank ``subdiv`` included (say ``None`` to mean the whole country).
        ``years`` is a range of consecutive years within :data:`SUPPORTED_YEARS`; ``add`` and
        ``remove`` are dates (``datetime.date`` or ``"YYYY-MM-DD"``) within those years.

        >>> BusinessCalendar.for_region("au", "vic").region
        'AU-VIC'
        >>> BusinessCalendar.for_region("HolidayBase")
        Traceback (most recent call last):
        ...
        casereview.errors.CaseReviewError: country: 'HolidayBase' is not a country code ...
        """
        country, subdiv = _region(country, subdiv)
        years = span(years, field="years", within=SUPPORTED_YEARS)
        added = frozenset(day(d, field="add") for d in items(add, field="add"))
        removed = frozenset(day(d, field="remove") for d in items(remove, field="remove"))
        if added or removed:
            return _build_with_overrides(
                country, subdiv, years.start, years.stop - 1, added, removed
            )
        return _build_plain(country, subdiv, years.start, years.stop - 1)

    # ------------------------------------------------------------------ queries (hot paths)

    def is_business_day(self, d: date) -> bool:
        """True when ``d`` is a weekday and not a holiday of this calendar."""
        i = self._index(_date(d, "d"), "d")
        return self._count_through[i] != (self._count_through[i - 1] if i else 0)

    def add_business_days(self, d: date, n: int) -> date:
        """The ``n``-th business day after ``d`` (``d`` itself is not counted; ``n >= 1``).

        ``d`` may be any day, including a weekend or a holiday.
        """
        # The hot path: inlined checks, then two tuple look-ups.
        if type(d) is not date:
            d = day(d, field="d")
        if type(n) is not int or n < 1:
            n = whole(n, field="n", low=1)
        i = d.toordinal() - self._base
        if i < 0 or i >= len(self._count_through):
            self._out_of_range(d, "d")
        # _count_through[i] is the number of business days up to and including d: exactly the
        # index of the first business day after d.
        j = self._count_through[i] + n - 1
        if j >= len(self._business_days):
            self._past_end(d, n)
        return self._business_days[j]

    def business_days_between(self, start: date, end: date) -> int:
        """Business days after ``start`` up to and including ``end``.

        So ``business_days_between(d, add_business_days(d, n)) == n``. Negative when ``end`` is
        before ``start`` (the same count, with the sign flipped).
        """
        return (
            self._count_through[self._index(_date(end, "end"), "end")]
            - self._count_through[self._index(_date(start, "start"), "start")]
        )

    def roll_forward(self, d: date) -> date:
        """``d`` if it is a business day, else the next business day."""
        d = _date(d, "d")
        i = self._index(d, "d")
        if self.is_business_day(d):
            return d
        j = self._count_through[i]
        if j >= len(self._business_days):
            self._past_end(d, 1)
        return self._business_days[j]

    def roll_backward(self, d: date) -> date:
        """``d`` if it is a business day, else the last business day before it."""
        d = _date(d, "d")
        i = self._index(d, "d")
        if self.is_business_day(d):
            return d
        j = self._count_through[i] - 1
        if j < 0:
            self._out_of_range(d, "d")
        return self._business_days[j]

    def holiday_name(self, d: date) -> str | None:
        """The name of the holiday on ``d`` (display only: names vary between versions)."""
        d = _date(d, "d")
        self._index(d, "d")
        return self._holiday_names.get(d)

    def holidays_between(self, start: date, end: date) -> tuple[tuple[date, str], ...]:
        """Weekday holidays after ``start`` up to and including ``end``, with their names.

        These are the days a due date "skips". Names are for display; compare dates.
        """
        start, end = _date(start, "start"), _date(end, "end")
        self._index(start, "start")
        self._index(end, "end")
        return tuple(
            (day, name)
            for day, name in sorted(self._holiday_names.items())
            if start < day <= end and day.weekday() < 5
        )

    # ------------------------------------------------------------------ description

    @property
    def region(self) -> str:
        """``"AU-VIC"``, ``"US-KY"``: the country and subdivision."""
        return f"{self._country}-{self._subdiv}" if self._subdiv else self._country

    @property
    def years(self) -> range:
        """The years this calendar covers; dates outside them are refused."""
        return self._years

    @property
    def added(self) -> frozenset[date]:
        """The override dates added as holidays."""
        return self._added

    @property
    def removed(self) -> frozenset[date]:
        """The override dates removed from the holidays."""
        return self._removed

    @property
    def holidays_version(self) -> str:
        """The version of the ``holidays`` package that built this calendar."""
        return self._holidays_version

    def __repr__(self) -> str:
        overrides = ""
        if self._added:
            overrides += f", add={sorted(self._added)}"
        if self._removed:
            overrides += f", remove={sorted(self._removed)}"
        return (
            f"<BusinessCalendar {self.region} {self._years.start}-{self._years.stop - 1}"
            f"{overrides} (holidays {self._holidays_version})>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"BusinessCalendar is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"BusinessCalendar is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (self._country, self._subdiv, self._years, self._added, self._removed),
        )

    # ------------------------------------------------------------------ internals

    def _key(self) -> tuple[object, ...]:
        return (
            self._country,
            self._subdiv,
            self._years,
            self._added,
            self._removed,
            self._holidays_version,
        )

    def _index(self, d: date, field: str) -> int:
        i = d.toordinal() - self._base
        if i < 0 or i >= len(self._count_through):
            self._out_of_range(d, field)
        return i

    def _out_of_range(self, d: date, field: str) -> NoReturn:
        first, last = self._years.start, self._years.stop - 1
        raise CaseReviewError(
            f"{field}: {d.isoformat()} is outside the years this {self.region} calendar covers "
            f"({first}-{last}); build one with years=range(...) that includes it",
            field=field,
        )

    def _past_end(self, d: date, n: int) -> NoReturn:
        last = self._years.stop - 1
        raise CaseReviewError(
            f"d: {shown(n)} business day{'s' if n > 1 else ''} after {d.isoformat()} falls after "
            f"{last}, "
            "the last year "
            f"this {self.region} calendar covers; build one with a longer years=range(...)",
            field="d",
        )


def _date(value: object, field: str) -> date:
    """``value`` as a date by the input policy (a ``date`` passes straight through)."""
    return value if type(value) is date else day(value, field=field)


def _region(country: object, subdiv: object) -> tuple[str, str | None]:
    """The ``holidays`` package's own spelling of a supported country and subdivision."""
    supported = _supported_regions()
    if not isinstance(country, str) or country.strip().upper() not in supported:
        raise CaseReviewError(
            f"country: {shown(country)} is not a country code the holidays package supports "
            "(ISO 3166-1, e.g. 'AU' or 'US'; see holidays.list_supported_countries())",
            field="country",
        )
    code = country.strip().upper()
    if subdiv is None:
        return code, None
    codes = supported[code]
    if isinstance(subdiv, str) and text(subdiv, field="subdiv") is not None:
        folded = {c.casefold(): c for c in codes}
        found = folded.get(subdiv.strip().casefold())
        if found is not None:
            return code, found
    raise UnknownValueError("subdiv", subdiv, (None, *codes))


@cache
def _supported_regions() -> dict[str, tuple[str, ...]]:
    """Country code -> subdivision codes, as the installed ``holidays`` lists them."""
    import holidays

    return {
        code.upper(): tuple(subdivs)
        for code, subdivs in holidays.list_supported_countries(include_aliases=True).items()
    }


def _rebuild(
    country: str,
    subdiv: str | None,
    years: range,
    added: frozenset[date],
    removed: frozenset[date],
) -> BusinessCalendar:
    return BusinessCalendar.for_region(country, subdiv, add=added, remove=removed, years=years)


@lru_cache(maxsize=64)
def _build_plain(country: str, subdiv: str | None, first: int, last: int) -> BusinessCalendar:
    return _build(country, subdiv, first, last, frozenset(), frozenset())


@lru_cache(maxsize=32)
def _build_with_overrides(
    country: str,
    subdiv: str | None,
    first: int,
    last: int,
    added: frozenset[date],
    removed: frozenset[date],
) -> BusinessCalendar:
    return _build(country, subdiv, first, last, added, removed)


def _build(
    country: str,
    subdiv: str | None,
    first: int,
    last: int,
    added: frozenset[date],
    removed: frozenset[date],
) -> BusinessCalendar:
    """Build (once per distinct request) the calendar's precomputed tables."""
    import holidays  # imported on first build, not with casereview: it is slow to import

    region = f"{country}-{subdiv}" if subdiv else country
    try:
        listed = holidays.country_holidays(country, subdiv=subdiv, years=range(first, last + 1))
    except NotImplementedError as exc:
        raise CaseReviewError(
            f"the holidays package has no calendar for {region!r}: {exc}", field="country"
        ) from None
    names: dict[date, str] = dict(listed.items())

    for d in sorted(added | removed):
        if not first <= d.year <= last:
            field = "add" if d in added else "remove"
            raise CaseReviewError(
                f"{field}: {d.isoformat()} is outside the calendar's years ({first}-{last})",
                field=field,
            )
    if both := added & removed:
        raise CaseReviewError(
            f"add and remove both name {', '.join(sorted(d.isoformat() for d in both))}",
            field="add",
        )
    for d in sorted(added):
        if d.weekday() >= 5 or d in names:
            why = "a weekend day" if d.weekday() >= 5 else f"already a holiday ({names[d]})"
            raise CaseReviewError(
                f"add: {d.isoformat()} is {why}; adding it changes nothing", field="add"
            )
        names[d] = _ADDED_NAME
    for d in sorted(removed):
        if d not in names:
            raise CaseReviewError(
                f"remove: {d.isoformat()} is not a holiday in {region}; nothing to remove",
                field="remove",
            )
        del names[d]

    base = date(first, 1, 1).toordinal()
    stop = date(last, 12, 31).toordinal() + 1
    business_days: list[date] = []
    count_through: list[int] = []
    for ordinal in range(base, stop):
        day = date.fromordinal(ordinal)
        if day.weekday() < 5 and day not in names:
            business_days.append(day)
        count_through.append(len(business_days))

    calendar = object.__new__(BusinessCalendar)
    for slot, value in (
        ("_country", country),
        ("_subdiv", subdiv),
        ("_years", range(first, last + 1)),
        ("_added", added),
        ("_removed", removed),
        ("_holidays_version", _package_version("holidays")),
        ("_base", base),
        ("_business_days", tuple(business_days)),
        ("_count_through", tuple(count_through)),
        ("_holiday_names", MappingProxyType(names)),
    ):
        object.__setattr__(calendar, slot, value)
    return calendar
