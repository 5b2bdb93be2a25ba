"""What a loaded logic map is told about itself: findings, never refusals.

Our reconstruction rests on assumptions (serious harm never rates 3 or 4, more harm or care is
never less severe, the worked examples' paths). An authoritative map that breaks them is
information, so each break is a :class:`MapFinding` in ``LogicMap.findings`` — with its
severity, the rule id, and the cells and rows involved — and the map still loads:

* ``vhims.map.complete`` (warning): a plausible combination is not rated; ``derive_isr`` on it
  raises :class:`~casereview.vhims.NotRatedError`, and no path above it ends early (a short
  input asks for the element it leaves out).
* ``vhims.map.unrated-implausible`` (info): an unrated combination that
  :func:`~casereview.vhims.check_consistency` calls illogical (the guidance removes those).
* ``vhims.map.serious-harm-isr-1-or-2`` (warning): a Moderate or Severe path rated 3 or 4.
* ``vhims.map.worked-examples`` (warning): Rebecca, Harry, Tony or Emma rated otherwise, or
  decided by other elements than the guidance uses.
* ``vhims.map.monotone`` (warning): more harm, permanent harm or more care rated less severe.
* ``vhims.map.overlapping-rows`` and ``vhims.map.ignored-columns`` (info).

``LogicMap.from_rows(..., strict=True)`` refuses a map with any finding (the old strictness).
The default map has none.

>>> from casereview.vhims import LogicMap
>>> rows = LogicMap.default().to_rows()
>>> rows[12]["isr"] = 1   # Harry's Minor harm rated 1, above moderate harm's 2
>>> [(f.code, f.rows) for f in LogicMap.from_rows(rows).findings]  # doctest: +NORMALIZE_WHITESPACE
[('vhims.map.worked-examples', (12,)), ('vhims.map.monotone', (9, 12)),
 ('vhims.map.monotone', (10, 12)), ('vhims.map.monotone', (11, 12))]
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field

from casereview._input import MAX_ITEMS
from casereview.errors import shown
from casereview.findings import Finding, Rule, Severity
from casereview.vhims import _rules
from casereview.vhims.consistency import check_consistency
from casereview.vhims.map_resolve import (
    Cell,
    Full,
    Key,
    NeedsElement,
    NotRated,
    Resolution,
    completions,
    path_text,
)
from casereview.vhims.models import HarmDuration, HarmLevel, Isr, TreatmentLevel, path_rule_id
from casereview.vhims.worked_examples import WORKED_EXAMPLES

__all__ = ["MapFinding", "check_map"]

H, D, T = HarmLevel, HarmDuration, TreatmentLevel

_HARM_ORDER: tuple[tuple[HarmLevel, HarmLevel], ...] = (
    (H.NO_HARM, H.MINOR),
    (H.MINOR, H.MODERATE),
    (H.MODERATE, H.SEVERE),
    (H.SEVERE, H.DEATH),
    (H.MODERATE, H.SERIOUS_SEXUAL_SAFETY_EVENT),
)
"""Pairs (less harm, more harm); the order is their transitive closure (see vhims.map.monotone)."""
_DURATION_ORDER = ((D.TEMPORARY, D.PERMANENT),)
_TREATMENT_ORDER: tuple[tuple[TreatmentLevel, TreatmentLevel], ...] = (
    (T.NO_ADDITIONAL_TREATMENT_AND_CARE, T.MINOR),
    (T.MINOR, T.INTERMEDIATE),
    (T.INTERMEDIATE, T.ADVANCED),
)
_SERIOUS = (H.SEVERE, H.MODERATE)


class MapFinding(Finding):
    """A finding about a logic map: also the cells (their rule ids) and the rows involved."""

    cells: tuple[str, ...] = Field(default=(), max_length=100)
    """The rule ids of the cells or combinations involved (``vhims.isr.path.<path>``)."""
    rows: tuple[int, ...] = Field(default=(), max_length=MAX_ITEMS)
    """The indices of the loaded rows involved (empty for combinations no row rates)."""


def _cell_id(key: Key) -> str:
    return path_rule_id(*key)


def _finding(
    rule: Rule,
    severity: Severity,
    message: str,
    cells: Iterable[Key],
    rows: Iterable[int] = (),
) -> MapFinding:
    listed = tuple(sorted(set(rows)))
    return MapFinding(
        code=rule.id,
        field=f"rows[{listed[0]}]" if len(listed) == 1 else "rows",
        message=message,
        severity=severity,
        citation=rule.citation,
        cells=tuple(dict.fromkeys(_cell_id(k) for k in cells)),
        rows=listed,
    )


def check_map(resolution: Resolution, ignored: Iterable[str] = ()) -> tuple[MapFinding, ...]:
    """Every finding about a resolved map, in a stable order (rule by rule).

    ``ignored`` are the column names the loader did not know.
    """
    return (
        *_unrated(resolution),
        *_serious(resolution),
        *_examples(resolution),
        *_monotone(resolution),
        *_overlaps(resolution),
        *_ignored(ignored),
    )


def _unrated(resolution: Resolution) -> list[MapFinding]:
    """The maximal prefixes none of whose combinations is rated (one finding each)."""
    found: list[MapFinding] = []
    rated = resolution.rated

    def report(key: Key) -> None:
        fulls = list(completions(key))
        implausible = all(check_consistency(*full) for full in fulls)
        what = path_text(key) if len(fulls) == 1 else f"any combination under {path_text(key)}"
        if implausible:
            codes = sorted({f.code for full in fulls for f in check_consistency(*full)})
            found.append(
                _finding(
                    _rules.MAP_UNRATED_IMPLAUSIBLE,
                    Severity.INFO,
                    f"The map does not rate {what}, which check_consistency calls illogical "
                    f"({', '.join(codes)}); derive_isr raises NotRatedError for it.",
                    [key],
                )
            )
        else:
            found.append(
                _finding(
                    _rules.MAP_COMPLETE,
                    Severity.WARNING,
                    f"The map does not rate {what}; derive_isr raises NotRatedError for it, and "
                    "a path above it cannot end early (an input that leaves out the element "
                    "gets MissingElementError naming it).",
                    [key],
                )
            )

    def walk(key: Key) -> None:
        if not any(f in rated for f in completions(key)):
            report(key)
            return
        harm, duration, treatment = key
        if duration is None:
            for d in HarmDuration:
                walk((harm, d, None))
        elif treatment is None:
            for t in TreatmentLevel:
                walk((harm, duration, t))

    for harm in HarmLevel:
        walk((harm, None, None))
    return found


def _serious(resolution: Resolution) -> list[MapFinding]:
    return [
        _finding(
            _rules.MAP_SERIOUS_HARM,
            Severity.WARNING,
            f"{cell.describe()}: the reconstruction assumes {cell.row.harm.value} harm gives ISR "
            "1 or 2, never 3 or 4 (a SAPSE needs ISR 1 or 2).",
            [cell.row_key],
            cell.sources,
        )
        for cell in resolution.cells
        if cell.row.harm in _SERIOUS and cell.row.isr > Isr.MODERATE
    ]


def _examples(resolution: Resolution) -> list[MapFinding]:
    found: list[MapFinding] = []
    for example in WORKED_EXAMPLES:
        key: Key = (example.harm, example.duration, example.treatment)
        outcome = resolution.outcomes[key]
        given = path_text(key)
        where = f"Contradicts the worked example '{example.citation.section}'"
        if isinstance(outcome, NeedsElement):
            message = (
                f"{where}: the guidance derives ISR {example.isr.value} from {given} alone, but "
                f"this map also needs the {outcome.field}."
            )
            found.append(_finding(_rules.MAP_WORKED_EXAMPLES, Severity.WARNING, message, [key]))
        elif isinstance(outcome, NotRated):
            message = (
                f"{where}: the map does not rate {given} (the guidance: ISR {example.isr.value})."
            )
            found.append(_finding(_rules.MAP_WORKED_EXAMPLES, Severity.WARNING, message, [key]))
        elif outcome.row.isr is not example.isr:
            message = (
                f"{where}: {given} gives ISR {example.isr.value} in the guidance, but "
                f"{outcome.describe()} gives ISR {outcome.row.isr.value}."
            )
            found.append(
                _finding(
                    _rules.MAP_WORKED_EXAMPLES,
                    Severity.WARNING,
                    message,
                    [outcome.row_key],
                    outcome.sources,
                )
            )
        elif outcome.row.elements_used != example.elements_used:
            message = (
                f"{where}: the guidance uses {', '.join(example.elements_used)}, but "
                f"{outcome.describe()} decides at {outcome.row.elements_used[-1]}."
            )
            found.append(
                _finding(
                    _rules.MAP_WORKED_EXAMPLES,
                    Severity.WARNING,
                    message,
                    [outcome.row_key],
                    outcome.sources,
                )
            )
    return found


def _monotone(resolution: Resolution) -> list[MapFinding]:
    found: list[MapFinding] = []
    seen: set[tuple[int, int]] = set()
    outcomes = resolution.outcomes

    def compare(what: str, lower: Full, higher: Full) -> None:
        low, high = outcomes[lower], outcomes[higher]
        if not isinstance(low, Cell) or not isinstance(high, Cell):
            return  # an unrated combination is reported on its own
        pair = (id(low), id(high))
        if high.row.isr > low.row.isr and pair not in seen:
            seen.add(pair)
            found.append(
                _finding(
                    _rules.MAP_MONOTONE,
                    Severity.WARNING,
                    f"Non-monotone ({what}): {high.describe()} is less severe than "
                    f"{low.describe()}.",
                    [high.row_key, low.row_key],
                    (*high.sources, *low.sources),
                )
            )

    for d in HarmDuration:
        for t in TreatmentLevel:
            for lo, hi in _HARM_ORDER:
                compare(f"{hi.value} is more harm than {lo.value}", (lo, d, t), (hi, d, t))
    for h in HarmLevel:
        for t in TreatmentLevel:
            for lo_d, hi_d in _DURATION_ORDER:
                compare("Permanent rather than Temporary", (h, lo_d, t), (h, hi_d, t))
        for d in HarmDuration:
            for lo_t, hi_t in _TREATMENT_ORDER:
                compare(f"{hi_t.value} is more care than {lo_t.value}", (h, d, lo_t), (h, d, hi_t))
    return found


def _overlaps(resolution: Resolution) -> list[MapFinding]:
    found = []
    for head, others, fulls in resolution.overlaps:
        listed = ", ".join(row.describe() for row in others[:3])
        more = f" and {len(others) - 3} more rows" if len(others) > 3 else ""
        what = path_text(fulls[0]) if len(fulls) == 1 else f"{len(fulls)} combinations"
        found.append(
            _finding(
                _rules.MAP_OVERLAPPING_ROWS,
                Severity.INFO,
                f"{head.describe()} and {listed}{more} rate {what} with the same ISR; the more "
                "specific row gives the citation.",
                fulls,
                (head.index, *(row.index for row in others)),
            )
        )
    return found


def _ignored(ignored: Iterable[str]) -> list[MapFinding]:
    names = tuple(ignored)
    if not names:
        return []
    return [
        _finding(
            _rules.MAP_IGNORED_COLUMNS,
            Severity.INFO,
            f"Ignored column(s) the loader does not know: {', '.join(map(shown, names))} "
            "(known: harm, duration, treatment, isr, provenance, source, section, quote, note, "
            "citation).",
            [],
        )
    ]
