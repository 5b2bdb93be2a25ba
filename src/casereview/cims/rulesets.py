"""Which CIMS rules govern an incident: selected by the day its report was submitted.

CIMS changed twice. Each regime applies to incident reports submitted in its period
(``cims.ruleset.by-submission-date``, secondary):

* 15 Jan 2018 - 2 Feb 2020: Client incident management guide (November 2017) — not implemented;
* 3 Feb 2020 - 8 Dec 2024: Client incident management guide (January 2020) with Policy update
  1-2020 — the tip sheet's regime, ``cims-2020``;
* from 9 Dec 2024: Client Incident Management System: policy and guidance — ``cims-2024``,
  implemented for what its public pages state (the investigation triggers). The commencement
  day belongs to the new regime (``cims.cims-2024.ruleset.cut-over``, secondary).

:func:`choose_ruleset` picks the ruleset for a call and says how it chose
(:class:`RulesetChoice`): the ruleset the caller forced; the submission day; otherwise what the
other dates imply (a report is submitted on or after the day the incident occurred and on or
before the day it was endorsed, so an incident that occurred on or after 9 Dec 2024 is under
``cims-2024``). When they leave ``cims-2024`` possible beside ``cims-2020``, the choice is *not
determined* (``chosen_by == ("undetermined",)``, ``cims.ruleset.not-determined``): no 2020 rule
is applied by default, unless the caller passes ``apply_2020_rules=True``
(``chosen_by == ("apply_2020_rules",)``). Only with no date at all (or dates that rule
``cims-2024`` out but leave the unimplemented 2017 guide possible) is the default ``cims-2020``
used, and the choice says it was a default (``cims.ruleset.default``, inferred).

>>> from datetime import date
>>> ruleset_for(date(2023, 5, 1)).id
'cims-2020'
>>> choice = choose_ruleset(occurred_on=date(2026, 3, 2))
>>> choice.ruleset.id, choice.chosen_by
('cims-2024', ('occurred_on',))
>>> choose_ruleset().chosen_by
('default',)
>>> open_ = choose_ruleset(endorsed_on=date(2025, 3, 3))
>>> open_.chosen_by, open_.possible
(('undetermined',), ('cims-2017', 'cims-2020', 'cims-2024'))
>>> choose_ruleset(endorsed_on=date(2025, 3, 3), apply_2020_rules=True).ruleset.id
'cims-2020'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from casereview._base import FrozenModel
from casereview._input import choice, day, items, option, refuse
from casereview.errors import CaseReviewError, field_name
from casereview.sources import SOURCES

__all__ = [
    "DEFAULT_RULESET",
    "RULESETS",
    "Ruleset",
    "RulesetChoice",
    "choose_ruleset",
    "implemented_ruleset",
    "ruleset_for",
]


class Ruleset(FrozenModel):
    """A CIMS regime: its id, governing document and the submission dates it applies to."""

    id: str
    title: str
    source: str
    """The governing document's id in :data:`casereview.sources.SOURCES`."""
    effective_from: date
    effective_to: date | None
    """The last submission day it governs (``None``: still in force)."""
    implemented: bool
    """This library implements (some of) its follow-up rules; see ``unknown`` for the gaps."""
    unknown: tuple[str, ...] = ()
    """What the regime requires that this library does not hold (stays visibly unknown)."""

    def covers(self, submitted_on: date) -> bool:
        """The ruleset governs reports submitted on ``submitted_on`` (a date or 'YYYY-MM-DD')."""
        submitted = day(submitted_on, field="submitted_on")
        return self.effective_from <= submitted and (
            self.effective_to is None or submitted <= self.effective_to
        )


UNKNOWN_2024_REVIEW = (
    "the cims-2024 follow-up of an incident that needs no investigation: whether a review is "
    "required and of which type (policy chapter 4, not reachable)"
)
UNKNOWN_2024_DUE_DATE = "the cims-2024 review timeframe (policy chapter 4, not reachable)"
UNKNOWN_2024_CONTENT = (
    "the cims-2024 completeness requirements of a review report (policy chapter 4, not reachable)"
)
UNKNOWN_2024_EXTENSION = (
    "whether a cims-2024 review's due date can be extended (policy chapter 4, not reachable)"
)
UNKNOWN_2024_TYPES = "the full cims-2024 incident-type list (policy appendix 1, not reachable)"
UNKNOWN_2024_VOLUNTEER = (
    "whether a volunteer is a 'staff member' under the cims-2024 investigation triggers (policy "
    "definitions, not reachable)"
)

RULESETS: tuple[Ruleset, ...] = (
    Ruleset(
        id="cims-2017",
        title=SOURCES["cims-guide-2017"].title,
        source="cims-guide-2017",
        effective_from=date(2018, 1, 15),
        effective_to=date(2020, 2, 2),
        implemented=False,
    ),
    Ruleset(
        id="cims-2020",
        title=SOURCES["cims-guide-2020"].title,
        source="cims-guide-2020",
        effective_from=date(2020, 2, 3),
        effective_to=date(2024, 12, 8),
        implemented=True,
    ),
    Ruleset(
        id="cims-2024",
        title=SOURCES["cims-policy-2024"].title,
        source="cims-policy-2024",
        effective_from=date(2024, 12, 9),
        effective_to=None,
        implemented=True,
        unknown=(
            UNKNOWN_2024_REVIEW,
            UNKNOWN_2024_DUE_DATE,
            UNKNOWN_2024_CONTENT,
            UNKNOWN_2024_EXTENSION,
            UNKNOWN_2024_TYPES,
            UNKNOWN_2024_VOLUNTEER,
        ),
    ),
)
"""Every known CIMS regime, oldest first; their periods touch without overlapping."""

_BY_ID: Mapping[str, Ruleset] = {r.id: r for r in RULESETS}

DEFAULT_RULESET: Ruleset = RULESETS[1]
"""The tip sheet's regime (3 Feb 2020 - 8 Dec 2024): used, and said to be a default, when the
dates given do not decide the ruleset."""


class RulesetChoice(FrozenModel):
    """The ruleset that answers a call, and how it was chosen.

    ``chosen_by`` names what decided it, in the caller's words: ``("ruleset",)`` (forced by the
    caller), a date field (``("submitted_on",)``, ``("reported_on",)``, ``("occurred_on",)``,
    ``("occurred_on", "endorsed_on")``...), ``("default",)`` when no date rules anything out
    and :data:`DEFAULT_RULESET` was used, ``("undetermined",)`` when the dates leave
    ``cims-2020`` and ``cims-2024`` both possible (``ruleset`` is then the newest possible,
    ``cims-2024``, whose answers are "not determined"), or ``("apply_2020_rules",)`` when the
    caller settled such a choice by opting in to ``cims-2020``. ``possible`` lists every regime
    the dates allow (one, when they decide it). ``reason`` says it in a sentence.
    """

    ruleset: Ruleset
    chosen_by: tuple[str, ...]
    reason: str
    possible: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        """The dates given did not decide the ruleset; the default was used."""
        return self.chosen_by == ("default",)

    @property
    def is_open(self) -> bool:
        """The dates leave cims-2020 and cims-2024 possible and nothing settled it."""
        return self.chosen_by == ("undetermined",)

    @property
    def opted_in(self) -> bool:
        """An open choice settled by ``apply_2020_rules=True`` (the 2020 rules are applied)."""
        return self.chosen_by == ("apply_2020_rules",)


@lru_cache(maxsize=16)
def _period(ruleset: Ruleset) -> str:
    start = _day(ruleset.effective_from)
    if ruleset.effective_to is None:
        return f"{start} onwards"
    return f"{start} - {_day(ruleset.effective_to)}"


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def ruleset_for(submitted_on: date, *, field: str = "submitted_on") -> Ruleset:
    """The ruleset governing a report submitted on ``submitted_on`` (implemented or not).

    ``field`` is the caller's name for the date, used in error messages.

    Raises:
        CaseReviewError: ``submitted_on`` is not a date, or is before CIMS began (15 Jan 2018).
    """
    field = field_name(field)
    submitted = day(submitted_on, field=field)
    for ruleset in RULESETS:
        if ruleset.covers(submitted):
            return ruleset
    raise CaseReviewError(
        f"{field}: {submitted.isoformat()} is before CIMS began "
        f"({_day(RULESETS[0].effective_from)}); no CIMS ruleset governs it",
        field=field,
    )


def _not_implemented(ruleset: Ruleset, submitted: date, field: str) -> CaseReviewError:
    implemented = ", ".join(f"{r.id} ({_period(r)})" for r in RULESETS if r.implemented)
    return CaseReviewError(
        f"{field}: {submitted.isoformat()} falls under '{ruleset.title}' ({ruleset.source}, "
        f"incident reports submitted {_period(ruleset)}), which this library does not "
        f"implement; implemented: {implemented}",
        field=field,
    )


def implemented_ruleset(submitted_on: date | None, *, field: str = "submitted_on") -> Ruleset:
    """The implemented ruleset for ``submitted_on`` (``None``: :data:`DEFAULT_RULESET`).

    Raises:
        CaseReviewError: no ruleset covers the date, or the one that does is not implemented;
            the message names its governing document.
    """
    if submitted_on is None:
        return DEFAULT_RULESET
    field = field_name(field)
    submitted = day(submitted_on, field=field)
    ruleset = ruleset_for(submitted, field=field)
    if not ruleset.implemented:
        raise _not_implemented(ruleset, submitted, field)
    return ruleset


def choose_ruleset(
    *,
    submitted_on: object = None,
    occurred_on: object = None,
    endorsed_on: object = None,
    ruleset: object = None,
    names: Mapping[str, str] | None = None,
    apply_2020_rules: object = False,
) -> RulesetChoice:
    """The ruleset for an incident with these dates, and how it was chosen.

    Args:
        submitted_on: the day the report was submitted (it alone decides, when given).
        occurred_on: the day the incident occurred (the report was submitted on or after it).
        endorsed_on: the day the report was endorsed (it was submitted on or before it).
        ruleset: ``"cims-2020"`` or ``"cims-2024"`` forces that regime (a what-if; recorded).
        names: the caller's names for the date fields (``{"submitted_on": "reported_on"}``),
            used in ``chosen_by`` and in error messages.
        apply_2020_rules: settle a choice the dates leave open between ``cims-2020`` and
            ``cims-2024`` by applying ``cims-2020`` (recorded; an option: exactly True/False).

    Raises:
        CaseReviewError: a date that is not a date, dates out of order (the report submitted
            before the incident occurred, or endorsed before either), a submission day before
            CIMS or under the unimplemented 2017 guide, an unknown ``ruleset``.

    >>> from datetime import date
    >>> choose_ruleset(submitted_on=date(2024, 12, 8)).ruleset.id
    'cims-2020'
    >>> choose_ruleset(submitted_on=date(2024, 12, 9)).ruleset.id
    'cims-2024'
    >>> choose_ruleset(ruleset="cims-2020", submitted_on=date(2025, 1, 6)).reason
    'ruleset=cims-2020 was forced by the caller (the dates given select cims-2024)'
    """
    if submitted_on is occurred_on is endorsed_on is ruleset is names is None and (
        apply_2020_rules is False
    ):
        return _NO_DATES  # the hot path: nothing given, the default said
    opt_in = option(apply_2020_rules, field="apply_2020_rules")
    name = {key: key for key in _NAMED}
    name.update(_check_names(names))
    dates: dict[str, date | None] = {
        key: None if value is None else day(value, field=name[key])
        for key, value in (
            ("occurred_on", occurred_on),
            ("submitted_on", submitted_on),
            ("endorsed_on", endorsed_on),
        )
    }
    _check_order(dates, name)
    forced = None if ruleset is None else choice(ruleset, tuple(_BY_ID), field=name["ruleset"])
    if forced is not None:
        chosen = _BY_ID[forced]
        if not chosen.implemented:
            raise CaseReviewError(
                f"{name['ruleset']}: {forced} ('{chosen.title}') is not implemented by this "
                "library",
                field=name["ruleset"],
            )
        try:
            dated = _by_dates(dates, name)
        except CaseReviewError:
            dated = None
        reason = f"ruleset={forced} was forced by the caller"
        if dated is not None and not dated.is_default and not dated.is_open:
            reason += f" (the dates given select {dated.ruleset.id})"
        return _made(chosen.id, ("ruleset",), reason, (chosen.id,))
    dated = _by_dates(dates, name)
    if dated.is_open and opt_in:
        return _made(
            DEFAULT_RULESET.id,
            ("apply_2020_rules",),
            f"{dated.reason}; apply_2020_rules=True applied {DEFAULT_RULESET.id}",
            dated.possible,
        )
    return dated


_NAMED = ("submitted_on", "occurred_on", "endorsed_on", "ruleset")


def _check_names(names: object) -> dict[str, str]:
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        refuse("names", "a mapping of field names to the caller's names", names)
    checked: dict[str, str] = {}
    for key, value in items(names.items(), field="names"):
        key = choice(key, _NAMED, field="names")
        if not isinstance(value, str) or not value.isidentifier():
            refuse(f"names[{key!r}]", "a field name", value)
        checked[key] = value
    return checked


def _check_order(dates: Mapping[str, date | None], name: Mapping[str, str]) -> None:
    order = ("occurred_on", "submitted_on", "endorsed_on")
    for i, later in enumerate(order):
        for earlier in order[:i]:
            a, b = dates[earlier], dates[later]
            if a is not None and b is not None and b < a:
                raise CaseReviewError(
                    f"{name[later]}: {b.isoformat()} is before {name[earlier]} {a.isoformat()}",
                    field=name[later],
                )


def _by_dates(dates: Mapping[str, date | None], name: Mapping[str, str]) -> RulesetChoice:
    submitted = dates["submitted_on"]
    if submitted is not None:
        field = name["submitted_on"]
        chosen = ruleset_for(submitted, field=field)
        if not chosen.implemented:
            raise _not_implemented(chosen, submitted, field)
        return _made(
            chosen.id,
            (field,),
            f"{field} falls in {chosen.id}'s period ({_period(chosen)})",
            (chosen.id,),
        )
    # The report was submitted on or after occurred_on and on or before endorsed_on.
    low, high = dates["occurred_on"], dates["endorsed_on"]
    candidates = [
        r
        for r in RULESETS
        if (high is None or r.effective_from <= high)
        and (low is None or r.effective_to is None or low <= r.effective_to)
    ]
    by = tuple(name[k] for k in ("occurred_on", "endorsed_on") if dates[k] is not None)
    if not candidates:  # endorsed before CIMS began
        assert high is not None
        ruleset_for(high, field=name["endorsed_on"])  # raises, naming the field
    if len(candidates) == 1:
        (chosen,) = candidates
        if not chosen.implemented:
            field = name["endorsed_on"] if high is not None else by[0]
            raise _not_implemented(chosen, high or chosen.effective_from, field)
        bound = " and ".join(by)
        return _made(
            chosen.id,
            by,
            f"no {name['submitted_on']} given; {bound} put the submission in {chosen.id}'s "
            f"period ({_period(chosen)})",
            (chosen.id,),
        )
    verb = "leaves" if len(by) == 1 else "leave"
    why = f"{' and '.join(by)} {verb} the submission day open" if by else "no date decides it"
    between = ", ".join(r.id for r in candidates)
    possible = tuple(r.id for r in candidates)
    if by and _BY_ID["cims-2024"] in candidates:
        return _made(
            "cims-2024",
            ("undetermined",),
            f"no {name['submitted_on']} given and {why} ({between} possible): the ruleset is "
            "not determined",
            possible,
        )
    return _made(
        DEFAULT_RULESET.id,
        ("default",),
        f"no {name['submitted_on']} given and {why} ({between} possible); the default "
        f"{DEFAULT_RULESET.id} was assumed",
        possible,
    )


@lru_cache(maxsize=1024)
def _made(
    ruleset_id: str, chosen_by: tuple[str, ...], reason: str, possible: tuple[str, ...]
) -> RulesetChoice:
    """One shared, immutable choice per outcome (the reasons name no dates, so they are few)."""
    return RulesetChoice(
        ruleset=_BY_ID[ruleset_id], chosen_by=chosen_by, reason=reason, possible=possible
    )


_NO_DATES: RulesetChoice = _by_dates(
    dict.fromkeys(("occurred_on", "submitted_on", "endorsed_on")), {k: k for k in _NAMED}
)
