"""The answer a logic map owes each input, computed from its rows alone (never from the map).

An oracle for the tests: ``derive_isr`` and ``LogicMap.vectors()`` both read the map's own
answer table, so comparing them with each other cannot find a wrong answer; comparing either
with :func:`expected` can. See ``test_short_inputs.py`` for the contract it encodes.
"""

from __future__ import annotations

import itertools
from typing import Any

from casereview.errors import MissingElementError
from casereview.vhims import (
    HarmDuration,
    HarmLevel,
    LogicMap,
    NotRatedError,
    TreatmentLevel,
    check_consistency,
    derive_isr,
)

INPUTS = list(itertools.product(HarmLevel, [None, *HarmDuration], [None, *TreatmentLevel]))
FULL = list(itertools.product(HarmLevel, HarmDuration, TreatmentLevel))

Expected = tuple[int | None, str | None, str | None]


def rated_by(rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], int]:
    """Each full combination the rows rate (path rows rate every combination under them)."""
    out: dict[tuple[Any, ...], int] = {}
    for row in rows:
        for h, d, t in FULL:
            if (
                h.value == row["harm"]
                and row.get("duration") in (None, d.value)
                and row.get("treatment") in (None, t.value)
            ):
                out[(h, d, t)] = row["isr"]
    return out


def under(
    harm: HarmLevel, duration: HarmDuration | None, treatment: TreatmentLevel | None
) -> list[tuple[Any, ...]]:
    return [
        (h, d, t)
        for h, d, t in FULL
        if h is harm and duration in (None, d) and treatment in (None, t)
    ]


def expected(rated: dict[tuple[Any, ...], int], key: tuple[Any, ...]) -> Expected:
    """The answer by the contract, from the ratings alone."""
    harm, duration, treatment = key

    def decided(prefix: tuple[Any, ...]) -> int | None:
        fulls = under(*prefix)
        isrs = {rated[f] for f in fulls if f in rated}
        unrated_are_illogical = all(check_consistency(*f) for f in fulls if f not in rated)
        return isrs.pop() if len(isrs) == 1 and unrated_are_illogical else None

    if not any(f in rated for f in under(*key)):
        return (None, "not_rated", "logic_map")
    isr = decided((harm, None, None))
    if isr is not None:
        return (isr, None, None)
    if duration is None:
        return (None, "missing", "duration")
    isr = decided((harm, duration, None))
    if isr is not None:
        return (isr, None, None)
    if treatment is None:
        return (None, "missing", "treatment")
    return (rated[key], None, None)


def answered(logic_map: LogicMap, key: tuple[Any, ...]) -> Expected:
    try:
        result = derive_isr(*key, logic_map=logic_map)
    except MissingElementError as error:
        return (None, "missing", error.field)
    except NotRatedError as error:
        return (None, "not_rated", error.field)
    return (result.isr.value, None, None)
