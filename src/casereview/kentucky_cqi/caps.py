"""Monthly caps: four first-level reviews per FSOS, eighteen regional reviews per region.

>>> check_caps(first_level={"FSOS Adams": ["C1", "C2", "C3", "C4"]}, regional={"Salt River": 18}).ok
True
>>> result = check_caps(first_level={"FSOS Adams": ["C1", "C2", "C3", "C4", "C5"]})
>>> [(f.field, f.code) for f in result.errors]
[("first_level['FSOS Adams']", 'kentucky_cqi.caps.first-level')]
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import Any, Final, Protocol

from casereview._input import hashable, is_missing, items, refuse, whole
from casereview.errors import shown
from casereview.findings import Finding, Rule, Severity, Validation
from casereview.kentucky_cqi._cite import inferred, stated

__all__ = ["CAPS_RULES", "FIRST_LEVEL_MONTHLY_CAP", "REGIONAL_MONTHLY_CAP", "check_caps"]

FIRST_LEVEL_MONTHLY_CAP: Final = 4
"""First-level reviews an FSOS completes in a month: "no more than four"."""

REGIONAL_MONTHLY_CAP: Final = 18
"""Regional (second-level) reviews per region in a month: "no more than 18"."""

FIRST_LEVEL_CAP = stated(
    "kentucky_cqi.caps.first-level",
    "No more than four first-level reviews per FSOS each month",
    section="First-Level Review",
    quote=(
        "No more than four cases will be reviewed in the CARES system for first-level case reviews."
    ),
)
FIRST_LEVEL_FOUR = stated(
    "kentucky_cqi.caps.first-level-four",
    "Each month, each FSOS reviews four cases or children",
    section="First-Level Review",
    quote="Each month, FSOSes review four cases/children in CQI-CARES 2.0.",
)
REGIONAL_CAP = stated(
    "kentucky_cqi.caps.regional",
    "No more than 18 regional reviews per region each month",
    section="Regional Review",
    quote=(
        "Regional reviewers complete no more than 18 reviews per region each month in "
        "CQI-CARES 2.0."
    ),
)

REPEATED_CASE = inferred(
    "kentucky_cqi.caps.repeated-case",
    "A case listed twice for one reviewer is counted once (a warning)",
    section="First-Level Review",
    quote="Each month, FSOSes review four cases/children in CQI-CARES 2.0.",
    note=(
        "The caps count 'cases/children'. The same case (or child) listed twice for one FSOS or "
        "region is one review entered twice, not two reviews: it is counted once and reported, "
        "so a duplicated row cannot make a breach. Two children of one case are two items only "
        "when they are listed as different items (e.g. 'C1/child A', 'C1/child B')."
    ),
)

CAPS_RULES: tuple[Rule, ...] = (FIRST_LEVEL_CAP, FIRST_LEVEL_FOUR, REGIONAL_CAP, REPEATED_CASE)


class HasItems(Protocol):
    """Anything with ``.items()`` giving (name, cases-or-count) pairs (a pandas Series)."""

    def items(self) -> Iterable[tuple[Any, Any]]: ...  # pragma: no cover - a protocol


Assignments = Mapping[str, Collection[str] | int] | HasItems
"""Who has how many reviews in one month: a name mapped to its cases (or children), or a count.

Anything with ``.items()`` giving (name, value) pairs is read the same way (a pandas Series from
``df.groupby("fsos").size()``); a value may be a numpy integer, or any collection (a pandas
Series or numpy array of case numbers).
"""


def check_caps(
    *, first_level: Assignments | None = None, regional: Assignments | None = None
) -> Validation:
    """Check one month's assignments against the caps; one finding per breach.

    ``first_level`` maps each FSOS to the cases/children assigned to them for first-level review
    that month; ``regional`` maps each region to its regional reviews. Either may give a count
    instead of the cases. Items are counted as given (a case with two children reviewed as two
    children counts twice).

    * more than :data:`FIRST_LEVEL_MONTHLY_CAP` (4) for an FSOS: an ``error``;
    * fewer than four for an FSOS: a ``warning`` (the seed says FSOSes review four; fewer may be
      legitimate, e.g. a case un-assigned from a vacant position, but deserves a look);
    * more than :data:`REGIONAL_MONTHLY_CAP` (18) for a region: an ``error``.

    A finding's ``field`` names the FSOS or region: ``first_level['FSOS Adams']``.

    A case listed twice for one name is counted once, with a ``warning``
    (``kentucky_cqi.caps.repeated-case``, our reading): a duplicated row never makes a breach.

    Either mapping may be anything with ``.items()`` (a pandas Series of counts, from
    ``df.groupby("fsos").size()``); counts may be numpy integers and the cases any collection
    (a list, a pandas Series, a numpy array). pandas and numpy are not imported.

    Raises:
        CaseReviewError: a count that is not a whole number >= 0, or a bare string (or bytes)
            given where the list of cases belongs (the error names the entry).
    """
    findings: list[Finding] = []
    for name, value in _counts(first_level, "first_level", findings):
        where = f"first_level[{name!r}]"
        if value > FIRST_LEVEL_MONTHLY_CAP:
            findings.append(
                FIRST_LEVEL_CAP.finding(
                    f"FSOS {name!r} has {shown(value)} first-level reviews this month; "
                    f"no more than {FIRST_LEVEL_MONTHLY_CAP}",
                    field=where,
                )
            )
        elif value < FIRST_LEVEL_MONTHLY_CAP:
            findings.append(
                FIRST_LEVEL_FOUR.finding(
                    f"FSOS {name!r} has {shown(value)} first-level reviews this month; "
                    f"FSOSes review {FIRST_LEVEL_MONTHLY_CAP} each month (fewer can be "
                    "legitimate: a case un-assigned from a vacant position or substituted)",
                    field=where,
                    severity=Severity.WARNING,
                )
            )
    for name, value in _counts(regional, "regional", findings):
        if value > REGIONAL_MONTHLY_CAP:
            findings.append(
                REGIONAL_CAP.finding(
                    f"region {name!r} has {shown(value)} regional reviews this month; "
                    f"no more than {REGIONAL_MONTHLY_CAP}",
                    field=f"regional[{name!r}]",
                )
            )
    return Validation(findings=tuple(findings))


def _counts(assignments: object, field: str, findings: list[Finding]) -> list[tuple[str, int]]:
    if assignments is None:
        return []
    pairs = getattr(assignments, "items", None)
    if isinstance(assignments, str | bytes | bytearray) or not callable(pairs):
        refuse(field, "a mapping of name to cases (or a count)", assignments)
    counts: list[tuple[str, int]] = []
    for pair in items(pairs(), field=field):
        if not isinstance(pair, tuple) or len(pair) != 2:
            refuse(field, "a mapping of name to cases (or a count)", assignments)
        name, value = pair
        label = name if isinstance(name, str) else shown(name)
        where = f"{field}[{label!r}]"
        if is_missing(value):
            refuse(where, "a collection of cases or a count >= 0", value)
        if _is_number(value):
            counts.append((label, whole(value, field=where, low=0)))
            continue
        if isinstance(value, Mapping):
            refuse(where, "a collection of cases or a count >= 0", value)
        listed = items(value, field=where)
        counts.append((label, _distinct(listed, label, where, findings)))
    return counts


def _is_number(value: object) -> bool:
    """An int-like scalar (``int``, numpy integer, ``bool``, a float): judged by ``whole``."""
    return isinstance(value, int | float) or (
        type(value).__module__ == "numpy" and not hasattr(value, "__len__")
    )


def _distinct(listed: tuple[Any, ...], name: str, where: str, findings: list[Finding]) -> int:
    seen: set[Hashable] = set()
    repeated: list[str] = []
    unhashable = 0
    for item in listed:
        if not hashable(item):
            unhashable += 1
        elif item in seen:
            repeated.append(shown(item))
        else:
            seen.add(item)
    if repeated:
        findings.append(
            REPEATED_CASE.finding(
                f"{name!r}: listed more than once, counted once: {', '.join(repeated)}",
                field=where,
                severity=Severity.WARNING,
            )
        )
    return len(seen) + unhashable
