"""Monthly caps: four first-level reviews per FSOS, eighteen regional reviews per region.

>>> check_caps(first_level={"FSOS Adams": ["C1", "C2", "C3", "C4"]}, regional={"Salt River": 18}).ok
True
>>> result = check_caps(first_level={"FSOS Adams": ["C1", "C2", "C3", "C4", "C5"]})
>>> [(f.field, f.code) for f in result.errors]
[("first_level['FSOS Adams']", 'kentucky_cqi.caps.first-level')]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Final

from casereview.errors import CaseReviewError
from casereview.findings import Finding, Rule, Severity, Validation
from casereview.kentucky_cqi._cite import stated

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
    "Each FSOS reviews four cases or children each month (fewer is a warning)",
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

CAPS_RULES: tuple[Rule, ...] = (FIRST_LEVEL_CAP, FIRST_LEVEL_FOUR, REGIONAL_CAP)

Assignments = Mapping[str, Collection[str] | int]
"""Who has how many reviews in one month: a name mapped to its cases (or children), or a count."""


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

    Raises:
        CaseReviewError: a count that is not a whole number >= 0, or a bare string (or bytes)
            given where the list of cases belongs (the error names the entry).
    """
    findings: list[Finding] = []
    for name, value in _counts(first_level, "first_level"):
        where = f"first_level[{name!r}]"
        if value > FIRST_LEVEL_MONTHLY_CAP:
            findings.append(
                FIRST_LEVEL_CAP.finding(
                    f"FSOS {name!r} has {value} first-level reviews this month; "
                    f"no more than {FIRST_LEVEL_MONTHLY_CAP}",
                    field=where,
                )
            )
        elif value < FIRST_LEVEL_MONTHLY_CAP:
            findings.append(
                FIRST_LEVEL_FOUR.finding(
                    f"FSOS {name!r} has {value} first-level reviews this month; "
                    f"FSOSes review {FIRST_LEVEL_MONTHLY_CAP} each month",
                    field=where,
                    severity=Severity.WARNING,
                )
            )
    for name, value in _counts(regional, "regional"):
        if value > REGIONAL_MONTHLY_CAP:
            findings.append(
                REGIONAL_CAP.finding(
                    f"region {name!r} has {value} regional reviews this month; "
                    f"no more than {REGIONAL_MONTHLY_CAP}",
                    field=f"regional[{name!r}]",
                )
            )
    return Validation(findings=tuple(findings))


def _counts(assignments: Assignments | None, field: str) -> list[tuple[str, int]]:
    if assignments is None:
        return []
    if not isinstance(assignments, Mapping):
        raise CaseReviewError(
            f"{field}: expected a mapping of name to cases (or a count), "
            f"got {type(assignments).__name__}",
            field=field,
        )
    counts: list[tuple[str, int]] = []
    for name, value in assignments.items():
        where = f"{field}[{name!r}]"
        if isinstance(value, str | bytes | bytearray) or not isinstance(value, int | Collection):
            raise CaseReviewError(
                f"{where}: expected a collection of cases or a count, got {value!r}", field=where
            )
        if isinstance(value, bool) or (isinstance(value, int) and value < 0):
            raise CaseReviewError(
                f"{where}: expected a count >= 0 or a collection of cases, got {value!r}",
                field=where,
            )
        counts.append((str(name), value if isinstance(value, int) else len(value)))
    return counts
