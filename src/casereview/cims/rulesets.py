"""Which CIMS rules govern an incident: selected by the day its report was submitted.

CIMS changed twice. Each regime applies to incident reports submitted in its period:

* 15 Jan 2018 - 2 Feb 2020: Client incident management guide (November 2017) — not implemented;
* 3 Feb 2020 - 8 Dec 2024: Client incident management guide (January 2020) with Policy update
  1-2020 — the tip sheet's regime, implemented, and the default;
* from 9 Dec 2024: Client Incident Management System: policy and guidance — not implemented.

>>> from datetime import date
>>> ruleset_for(date(2023, 5, 1)).id
'cims-2020'
>>> ruleset_for(date(2025, 1, 6)).implemented
False
"""

from __future__ import annotations

from datetime import date

from casereview._base import FrozenModel
from casereview.errors import CaseReviewError
from casereview.sources import SOURCES

__all__ = ["DEFAULT_RULESET", "RULESETS", "Ruleset", "implemented_ruleset", "ruleset_for"]


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
    """This library implements its follow-up rules."""

    def covers(self, submitted_on: date) -> bool:
        """The ruleset governs reports submitted on ``submitted_on``."""
        return self.effective_from <= submitted_on and (
            self.effective_to is None or submitted_on <= self.effective_to
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
        implemented=False,
    ),
)
"""Every known CIMS regime, oldest first; their periods touch without overlapping."""

DEFAULT_RULESET: Ruleset = RULESETS[1]
"""The tip sheet's regime (3 Feb 2020 - 8 Dec 2024), used when no submission date is given."""


def _period(ruleset: Ruleset) -> str:
    start = _day(ruleset.effective_from)
    if ruleset.effective_to is None:
        return f"{start} onwards"
    return f"{start} - {_day(ruleset.effective_to)}"


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def ruleset_for(submitted_on: date) -> Ruleset:
    """The ruleset governing a report submitted on ``submitted_on`` (implemented or not).

    Raises:
        CaseReviewError: ``submitted_on`` is not a date, or is before CIMS began (15 Jan 2018).
    """
    if type(submitted_on) is not date:
        raise CaseReviewError(
            f"submitted_on: expected a datetime.date, got {type(submitted_on).__name__} "
            f"{submitted_on!r}",
            field="submitted_on",
        )
    for ruleset in RULESETS:
        if ruleset.covers(submitted_on):
            return ruleset
    raise CaseReviewError(
        f"submitted_on: {submitted_on.isoformat()} is before CIMS began "
        f"({_day(RULESETS[0].effective_from)}); no CIMS ruleset governs it",
        field="submitted_on",
    )


def implemented_ruleset(submitted_on: date | None) -> Ruleset:
    """The implemented ruleset for ``submitted_on`` (``None``: :data:`DEFAULT_RULESET`).

    Raises:
        CaseReviewError: no ruleset covers the date, or the one that does is not implemented;
            the message names its governing document.
    """
    if submitted_on is None:
        return DEFAULT_RULESET
    ruleset = ruleset_for(submitted_on)
    if not ruleset.implemented:
        raise CaseReviewError(
            f"submitted_on: {submitted_on.isoformat()} falls under '{ruleset.title}' "
            f"({ruleset.source}, incident reports submitted {_period(ruleset)}), which this "
            f"library does not implement; only {DEFAULT_RULESET.id} ({_period(DEFAULT_RULESET)}) "
            "is implemented",
            field="submitted_on",
        )
    return ruleset
