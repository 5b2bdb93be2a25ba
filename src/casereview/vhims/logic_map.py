"""The clinical ISR logic map as data: the default reconstruction and a loader for the real one.

The guidance draws the mapping from the three elements to the ISR as "Figure 1. Clinical ISR
logic map", an image absent from the text. So the map is a table of paths — each row a path
through the elements, the ISR it gives and a citation saying how sure the cell is — and:

* :meth:`LogicMap.default` is the reconstruction of ``docs/reference/vhims-isr.md`` (14 rows,
  4 stated by the guidance's worked examples, 10 inferred with their reasoning);
* :meth:`LogicMap.from_rows` loads a health service's or vendor's authoritative map from plain
  dicts of labels (an IMS configuration, JSON).

Both go through the same check (:func:`_check`): a map is refused with a
:class:`LogicMapError` saying exactly what is wrong when it is incomplete, ambiguous, rates a
Moderate or Severe path 3 or 4, contradicts a worked example, or is not monotone.

>>> default = LogicMap.default()
>>> len(default), sum(row.citation.provenance == "stated" for row in default)
(14, 4)
>>> LogicMap.from_rows(default.to_rows()) == default
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from casereview.errors import CaseReviewError
from casereview.findings import Citation, Provenance, Rule
from casereview.vhims import _rules
from casereview.vhims.models import (
    HarmDuration,
    HarmLevel,
    Isr,
    IsrResult,
    LogicMapRow,
    TreatmentLevel,
    WorkedExample,
)

__all__ = [
    "CALLER_SECTION",
    "CALLER_SOURCE",
    "WORKED_EXAMPLES",
    "LogicMap",
    "LogicMapError",
]

CALLER_SOURCE = "caller-configuration"
"""The citation source of a loaded row that names none."""
CALLER_SECTION = "Figure 1. Clinical ISR logic map"
"""The citation section of a loaded row that names none: the figure the row stands in for."""

H, D, T = HarmLevel, HarmDuration, TreatmentLevel
_SEED = "vhims-isr-guidance"
_REF = "ref-vhims-isr"
_REF_SECTION = "Reconstructed logic map (default table)"


# --------------------------------------------------------------------------- worked examples


def _example(
    name: str,
    quote: str,
    harm: HarmLevel,
    duration: HarmDuration | None,
    treatment: TreatmentLevel | None,
    isr: Isr,
) -> WorkedExample:
    used = " / ".join(e.value for e in (harm, duration, treatment) if e is not None)
    citation = Citation(
        source=_SEED,
        section=f"Case: {name}",
        quote=quote,
        note=f"The guidance assigns {used} and derives ISR {isr.value}.",
    )
    return WorkedExample(
        name=name, harm=harm, duration=duration, treatment=treatment, isr=isr, citation=citation
    )


_ALL_THREE = (
    "Based on the level of harm, duration of harm and level of treatment/care this incident has "
    "an **ISR of {}**."
)
WORKED_EXAMPLES: tuple[WorkedExample, ...] = (
    _example("Rebecca", _ALL_THREE.format(2), H.MODERATE, D.TEMPORARY, T.INTERMEDIATE, Isr(2)),
    _example(
        "Harry",
        "Based on the level of harm, this incident has an **ISR of 3**. Where the level of harm "
        "is minor, the duration of harm and level of care/treatment are not required to "
        "determine the ISR.",
        H.MINOR,
        None,
        None,
        Isr(3),
    ),
    _example("Tony", _ALL_THREE.format(1), H.SEVERE, D.TEMPORARY, T.ADVANCED, Isr(1)),
    _example(
        "Emma",
        "Based on the level of harm, this incident has an **ISR of 4**. Where the level of harm "
        "is no-harm, the duration of harm and level of care/treatment are not required to "
        "determine the ISR.",
        H.NO_HARM,
        None,
        None,
        Isr(4),
    ),
)
"""The guidance's four case examples: the conformance floor of every logic map."""
_EXAMPLE_BY_NAME = {e.name: e for e in WORKED_EXAMPLES}


# --------------------------------------------------------------------------- the default map


def _stated(name: str) -> tuple[Isr, Citation]:
    example = _EXAMPLE_BY_NAME[name]
    return example.isr, example.citation


def _inferred(isr: int, note: str) -> tuple[Isr, Citation]:
    citation = Citation(
        source=_REF, section=_REF_SECTION, provenance=Provenance.INFERRED, note=note
    )
    return Isr(isr), citation


_IMPLAUSIBLE = " The combination is also reported as implausible by check_consistency ({})."
_SERIOUS_NEVER_3_4 = (
    "Moderate and severe harm never rate 3 or 4 (a SAPSE needs ISR 1 or 2, and the law counts "
    "moderate and severe harm as serious)."
)

_DEFAULT_CELLS: tuple[
    tuple[HarmLevel, HarmDuration | None, TreatmentLevel | None, tuple[Isr, Citation]], ...
] = (
    (
        H.DEATH,
        None,
        None,
        _inferred(
            1,
            "Death is ISR 1 in every Victorian ISR scheme, and neither duration nor care changes "
            "it; the path ends at the level of harm.",
        ),
    ),
    (
        H.SERIOUS_SEXUAL_SAFETY_EVENT,
        None,
        None,
        _inferred(
            1,
            "A serious sexual safety event is defined by major harm and named with severe harm "
            "and death as the tiers above moderate; the path ends at the level of harm with the "
            "most severe rating.",
        ),
    ),
    (
        H.SEVERE,
        D.PERMANENT,
        None,
        _inferred(
            1,
            "Permanent severe harm cannot rate below temporary severe harm with advanced care "
            "(ISR 1, Case: Tony), so no level of care changes it; the path ends at duration.",
        ),
    ),
    (H.SEVERE, D.TEMPORARY, T.ADVANCED, _stated("Tony")),
    (
        H.SEVERE,
        D.TEMPORARY,
        T.INTERMEDIATE,
        _inferred(
            2,
            "The guidance consults treatment/care for severe temporary harm (Case: Tony), so some "
            "level of care must rate differently from Advanced, i.e. 2 (never 3 or 4). Which "
            "level first drops to 2 is unknown; we drop at Intermediate, as moderate harm does "
            "in Case: Rebecca (the only other rating possible here is 1). " + _SERIOUS_NEVER_3_4,
        ),
    ),
    (
        H.SEVERE,
        D.TEMPORARY,
        T.MINOR,
        _inferred(
            2,
            "As Severe → Temporary → Intermediate. "
            + _SERIOUS_NEVER_3_4
            + _IMPLAUSIBLE.format("vhims.consistency.severe-temporary-minor-care"),
        ),
    ),
    (
        H.SEVERE,
        D.TEMPORARY,
        T.NO_ADDITIONAL_TREATMENT_AND_CARE,
        _inferred(
            2,
            "As Severe → Temporary → Intermediate. "
            + _SERIOUS_NEVER_3_4
            + _IMPLAUSIBLE.format("vhims.consistency.serious-harm-no-care"),
        ),
    ),
    (
        H.MODERATE,
        D.PERMANENT,
        None,
        _inferred(
            1,
            "Case: Rebecca argues the duration at length, which matters only if Permanent "
            "changes the rating; permanent is the more severe duration, so ISR 1.",
        ),
    ),
    (
        H.MODERATE,
        D.TEMPORARY,
        T.ADVANCED,
        _inferred(
            1,
            "Life-saving or intensive care in response rates the most severe, as in Case: Tony.",
        ),
    ),
    (H.MODERATE, D.TEMPORARY, T.INTERMEDIATE, _stated("Rebecca")),
    (
        H.MODERATE,
        D.TEMPORARY,
        T.MINOR,
        _inferred(
            2,
            "Less care than Case: Rebecca (ISR 2) cannot rate more severe than 2 (monotone), and "
            "moderate harm never rates 3 or 4, so exactly 2. " + _SERIOUS_NEVER_3_4,
        ),
    ),
    (
        H.MODERATE,
        D.TEMPORARY,
        T.NO_ADDITIONAL_TREATMENT_AND_CARE,
        _inferred(
            2,
            "As Moderate → Temporary → Minor. "
            + _SERIOUS_NEVER_3_4
            + _IMPLAUSIBLE.format("vhims.consistency.serious-harm-no-care"),
        ),
    ),
    (H.MINOR, None, None, _stated("Harry")),
    (H.NO_HARM, None, None, _stated("Emma")),
)


# --------------------------------------------------------------------------- the map


class LogicMapError(CaseReviewError):
    """A logic map that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        listed = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"logic map refused:\n{listed}", field="rows")


_Node = Any  # IsrResult | dict[HarmDuration, IsrResult | dict[TreatmentLevel, IsrResult]]


class LogicMap:
    """A checked, immutable ISR logic map: its rows and the precomputed result of every path.

    Compare maps with ``==`` (same set of rows); iterate for the rows.
    """

    __slots__ = ("_fast", "_results", "_rows", "_table")

    _rows: tuple[LogicMapRow, ...]
    _table: dict[HarmLevel, _Node]
    _fast: dict[HarmLevel, dict[HarmDuration | None, dict[TreatmentLevel | None, IsrResult]]]
    _results: tuple[IsrResult, ...]

    def __init__(self, rows: Iterable[LogicMapRow]) -> None:
        """Check ``rows`` and precompute the results; raises :class:`LogicMapError`."""
        rows = tuple(rows)
        for i, row in enumerate(rows):
            if not isinstance(row, LogicMapRow):
                raise CaseReviewError(
                    f"rows[{i}]: expected a LogicMapRow, got {type(row).__name__}",
                    field=f"rows[{i}]",
                )
        table, results = _check(rows)
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_fast", _fast_table(table))
        object.__setattr__(self, "_results", results)

    @classmethod
    def default(cls) -> LogicMap:
        """The reconstruction of ``docs/reference/vhims-isr.md``: 4 stated and 10 inferred cells."""
        return _default()

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Mapping[str, object]],
        *,
        source: str = CALLER_SOURCE,
        provenance: Provenance | str = Provenance.SECONDARY,
    ) -> LogicMap:
        """Load a map from plain dicts of labels (an IMS configuration, JSON).

        Each row has ``harm``, ``duration``, ``treatment`` (labels, any case; ``None``, ``""``
        or ``"-"`` when the path ends before that element) and ``isr`` (``1``-``4``, ``"2"``,
        ``"ISR 2"``). Optional per row: ``provenance`` (``stated``/``secondary``/``inferred``),
        ``source``, ``section``, ``quote``, ``note``; rows that leave them out are cited as
        ``provenance`` (default ``secondary``) from ``source`` (default
        ``"caller-configuration"``), section ``"Figure 1. Clinical ISR logic map"``, with a
        note saying which row it was.

        Raises:
            CaseReviewError: ``rows`` is not an iterable of mappings, ``source`` is not
                non-empty text, or a row is malformed (the message names ``rows[i].<key>``).
            LogicMapError: a map that is incomplete, ambiguous, rates a Moderate or Severe path
                3 or 4, contradicts a worked example, or is not monotone.
        """
        default_provenance = _parse_provenance(provenance, "provenance")
        if not isinstance(source, str) or not source.strip():
            raise CaseReviewError(
                f"source: expected the non-empty name of the map's source, got {source!r}",
                field="source",
            )
        if isinstance(rows, Mapping | str | bytes):
            raise CaseReviewError(
                f"rows: expected an iterable of row mappings, got a single {type(rows).__name__}",
                field="rows",
            )
        if not isinstance(rows, Iterable):
            raise CaseReviewError(
                f"rows: expected an iterable of row mappings, got {type(rows).__name__}",
                field="rows",
            )
        source = source.strip()
        parsed = [_parse_row(i, row, source, default_provenance) for i, row in enumerate(rows)]
        return cls(parsed)

    # ------------------------------------------------------------------ reading

    @property
    def rows(self) -> tuple[LogicMapRow, ...]:
        """The rows, in the order given."""
        return self._rows

    @property
    def results(self) -> tuple[IsrResult, ...]:
        """The precomputed result of every path, in row order."""
        return self._results

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Each cell as a :class:`~casereview.findings.Rule` (id from its path, its citation)."""
        return tuple(
            Rule(
                id=row.rule_id, title=f"{row.path} gives ISR {row.isr.value}", citation=row.citation
            )
            for row in self._rows
        )

    def to_rows(self) -> list[dict[str, object]]:
        """The rows as JSON-able dicts of labels; ``LogicMap.from_rows(m.to_rows()) == m``."""
        return [
            {
                "harm": row.harm.value,
                "duration": None if row.duration is None else row.duration.value,
                "treatment": None if row.treatment is None else row.treatment.value,
                "isr": row.isr.value,
                "provenance": row.citation.provenance.value,
                "source": row.citation.source,
                "section": row.citation.section,
                "quote": row.citation.quote,
                "note": row.citation.note,
            }
            for row in self._rows
        ]

    def __iter__(self) -> Iterator[LogicMapRow]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LogicMap):
            return NotImplemented
        return frozenset(self._rows) == frozenset(other._rows)

    def __hash__(self) -> int:
        return hash(frozenset(self._rows))

    def __repr__(self) -> str:
        stated = sum(r.citation.provenance is Provenance.STATED for r in self._rows)
        return f"<LogicMap {len(self._rows)} rows, {stated} stated>"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"LogicMap is immutable; cannot set {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (LogicMap, (self._rows,))


def _fast_table(
    table: dict[HarmLevel, _Node],
) -> dict[HarmLevel, dict[HarmDuration | None, dict[TreatmentLevel | None, IsrResult]]]:
    """Every derivable input triple, ``fast[harm][duration][treatment]`` → the path's result.

    Elements a path does not consult map to the same result whatever their value (``None``
    included), so the hot path is three dict look-ups with no branching; a triple that is not
    derivable (a missing element) is absent and falls through to the slow path, which names it.
    """
    fast: dict[HarmLevel, dict[HarmDuration | None, dict[TreatmentLevel | None, IsrResult]]] = {}
    for harm, node in table.items():
        by_duration: dict[HarmDuration | None, dict[TreatmentLevel | None, IsrResult]] = {}
        for duration in (None, *HarmDuration):
            by_treatment: dict[TreatmentLevel | None, IsrResult] = {}
            for treatment in (None, *TreatmentLevel):
                found = node
                if isinstance(found, dict):
                    found = found.get(duration)
                    if isinstance(found, dict):
                        found = found.get(treatment)
                if found is not None:
                    by_treatment[treatment] = found
            if by_treatment:
                by_duration[duration] = by_treatment
        fast[harm] = by_duration
    return fast


@cache
def _default() -> LogicMap:
    return LogicMap(
        LogicMapRow(harm=h, duration=d, treatment=t, isr=isr, citation=citation)
        for h, d, t, (isr, citation) in _DEFAULT_CELLS
    )


# --------------------------------------------------------------------------- loading rows

_ROW_KEYS = (
    "harm",
    "duration",
    "treatment",
    "isr",
    "provenance",
    "source",
    "section",
    "quote",
    "note",
)
_NOT_CONSULTED = frozenset({"", "-", "\u2013", "\u2014"})  # blank, hyphen, en or em dash


def _parse_provenance(value: object, field: str) -> Provenance:
    if isinstance(value, Provenance):
        return value
    if isinstance(value, str):
        for member in Provenance:
            if value.strip().casefold() == member.value:
                return member
    from casereview.errors import UnknownValueError

    raise UnknownValueError(field, value, [p.value for p in Provenance])


def _optional_text(row: Mapping[str, object], key: str, where: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CaseReviewError(
            f"{where}.{key}: expected non-empty text, got {value!r}", field=f"{where}.{key}"
        )
    return value.strip()


def _parse_row(i: int, row: object, source: str, provenance: Provenance) -> LogicMapRow:
    where = f"rows[{i}]"
    if not isinstance(row, Mapping):
        raise CaseReviewError(
            f"{where}: expected a mapping with keys harm, duration, treatment, isr; "
            f"got {type(row).__name__}",
            field=where,
        )
    unknown = [k for k in row if k not in _ROW_KEYS]
    if unknown:
        raise CaseReviewError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; allowed: "
            f"{', '.join(_ROW_KEYS)}",
            field=where,
        )
    for key in ("harm", "isr"):
        if row.get(key) is None:
            raise CaseReviewError(f"{where}.{key} is required", field=f"{where}.{key}")

    def element(key: str, enum: type[HarmDuration] | type[TreatmentLevel]) -> Any:
        value = row.get(key)
        if value is None or (isinstance(value, str) and value.strip() in _NOT_CONSULTED):
            return None
        return enum.parse(value, field=f"{where}.{key}")

    harm = HarmLevel.parse(row["harm"], field=f"{where}.harm")
    duration = element("duration", HarmDuration)
    treatment = element("treatment", TreatmentLevel)
    isr = Isr.parse(row["isr"], field=f"{where}.isr")
    cell_provenance = (
        provenance
        if row.get("provenance") is None
        else _parse_provenance(row["provenance"], f"{where}.provenance")
    )
    note = _optional_text(row, "note", where)
    has_own_citation = any(row.get(k) is not None for k in ("source", "section", "quote", "note"))
    citation = Citation(
        source=_optional_text(row, "source", where) or source,
        section=_optional_text(row, "section", where) or CALLER_SECTION,
        quote=_optional_text(row, "quote", where),
        provenance=cell_provenance,
        note=note if has_own_citation else f"Loaded from the caller's configuration ({where}).",
    )
    return LogicMapRow(
        harm=harm, duration=duration, treatment=treatment, isr=isr, citation=citation
    )


# --------------------------------------------------------------------------- the check

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


def _describe(row: LogicMapRow, index: int) -> str:
    return f"rows[{index}] ({row.path} → ISR {row.isr.value})"


def _result(row: LogicMapRow) -> IsrResult:
    structure = _rules.HARM_ONLY if row.duration is None else _rules.SEQUENTIAL_ELEMENTS
    return IsrResult(
        isr=row.isr,
        confirmed=row.citation.provenance is Provenance.STATED,
        provenance=row.citation.provenance,
        elements_used=row.elements_used,
        harm=row.harm,
        duration=row.duration,
        treatment=row.treatment,
        rule_id=row.rule_id,
        citations=(row.citation, structure.citation),
    )


def _check(rows: tuple[LogicMapRow, ...]) -> tuple[dict[HarmLevel, _Node], tuple[IsrResult, ...]]:
    """The one check behind ``default()``, ``from_rows`` and ``LogicMap(rows)``.

    Returns the nested look-up table (harm → result, or → duration → result, or → treatment →
    result) and the results in row order; raises :class:`LogicMapError` listing every problem.
    """
    problems: list[str] = []
    rule = _rules

    # 1. Shape: the elements are sequential, so a path cannot skip the duration.
    for i, row in enumerate(rows):
        if row.duration is None and row.treatment is not None:
            problems.append(
                f"rows[{i}] ({row.path}) skips the duration of harm: the elements are sequential "
                f"(harm, duration, treatment/care) [{rule.SEQUENTIAL_ELEMENTS.id}]"
            )
    if problems:
        raise LogicMapError(problems)

    # 2. Ambiguity: one row per path, and a path either ends at an element or continues.
    by_path: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_path[(row.harm, row.duration, row.treatment)].append(i)
    for indices in by_path.values():
        if len(indices) > 1:
            first = rows[indices[0]]
            listed = ", ".join(_describe(rows[i], i) for i in indices)
            problems.append(
                f"ambiguous: {len(indices)} rows for the path {first.path}: {listed} "
                f"[{rule.MAP_UNAMBIGUOUS.id}]"
            )
    ending: dict[tuple[object, ...], int] = {}
    for i, row in enumerate(rows):
        if row.treatment is None:
            ending[(row.harm,) if row.duration is None else (row.harm, row.duration)] = i
    continued: dict[int, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        prefixes: list[tuple[object, ...]] = [(row.harm,)] if row.duration is not None else []
        if row.treatment is not None:
            prefixes.append((row.harm, row.duration))
        for prefix in prefixes:
            if prefix in ending:
                continued[ending[prefix]].append(i)
    for j, indices in continued.items():
        listed = ", ".join(_describe(rows[i], i) for i in indices)
        problems.append(
            f"ambiguous: {_describe(rows[j], j)} ends the path at {rows[j].path}, but "
            f"{listed} continue{'s' if len(indices) == 1 else ''} it [{rule.MAP_UNAMBIGUOUS.id}]"
        )
    if problems:
        raise LogicMapError(problems)

    # 3. Completeness: every path the sequential reading can reach has an ISR.
    missing: list[str] = []
    for harm in HarmLevel:
        if (harm,) in ending:
            continue
        for duration in HarmDuration:
            if (harm, duration) in ending:
                continue
            for treatment in TreatmentLevel:
                if (harm, duration, treatment) not in by_path:
                    missing.append(" → ".join(e.value for e in (harm, duration, treatment)))
    if missing:
        problems.append(
            f"incomplete: no ISR for the reachable path(s) {'; '.join(missing)} "
            f"[{rule.MAP_COMPLETE.id}]"
        )
        raise LogicMapError(problems)

    # The table, and the result of every path, built once.
    results = tuple(_result(row) for row in rows)
    table: dict[HarmLevel, _Node] = {}
    for row, result in zip(rows, results, strict=True):
        if row.duration is None:
            table[row.harm] = result
        elif row.treatment is None:
            table.setdefault(row.harm, {})[row.duration] = result
        else:
            table.setdefault(row.harm, {}).setdefault(row.duration, {})[row.treatment] = result
    index = {id(result): i for i, result in enumerate(results)}

    def lookup(h: HarmLevel, d: HarmDuration | None, t: TreatmentLevel | None) -> IsrResult | None:
        node = table[h]
        if isinstance(node, dict):
            node = node.get(d)
            if isinstance(node, dict):
                node = node.get(t)
        found: IsrResult | None = node
        return found

    def full(h: HarmLevel, d: HarmDuration, t: TreatmentLevel) -> tuple[IsrResult, int]:
        found = lookup(h, d, t)
        assert found is not None
        return found, index[id(found)]

    # 4. Moderate and Severe harm never rate 3 or 4.
    for i, row in enumerate(rows):
        if row.harm in _SERIOUS and row.isr > Isr.MODERATE:
            problems.append(
                f"{_describe(row, i)}: {row.harm.value} harm must give ISR 1 or 2, never 3 or 4 "
                f"[{rule.MAP_SERIOUS_HARM.id}]"
            )

    # 5. The guidance's worked examples.
    for example in WORKED_EXAMPLES:
        found = lookup(example.harm, example.duration, example.treatment)
        where = f"contradicts the worked example '{example.citation.section}'"
        given = " / ".join(
            e.value for e in (example.harm, example.duration, example.treatment) if e
        )
        if found is None:
            node = table[example.harm]
            needs = (
                "duration" if isinstance(node, dict) and example.duration is None else "treatment"
            )
            problems.append(
                f"{where}: the guidance derives ISR {example.isr.value} from {given} alone, but "
                f"this map also needs the {needs} [{rule.MAP_WORKED_EXAMPLES.id}]"
            )
            continue
        j = index[id(found)]
        if found.isr is not example.isr:
            problems.append(
                f"{where}: {given} must give ISR {example.isr.value}, but {_describe(rows[j], j)} "
                f"gives ISR {found.isr.value} [{rule.MAP_WORKED_EXAMPLES.id}]"
            )
        elif found.elements_used != example.elements_used:
            problems.append(
                f"{where}: the guidance uses {', '.join(example.elements_used)} but "
                f"{_describe(rows[j], j)} ends at {found.elements_used[-1]} "
                f"[{rule.MAP_WORKED_EXAMPLES.id}]"
            )

    # 6. Monotone: more harm, permanent rather than temporary, more care: never less severe.
    seen: set[tuple[int, int]] = set()

    def compare(what: str, lower: tuple[Any, ...], higher: tuple[Any, ...]) -> None:
        low, i = full(*lower)
        high, j = full(*higher)
        if high.isr > low.isr and (i, j) not in seen:
            seen.add((i, j))
            problems.append(
                f"non-monotone ({what}): {_describe(rows[j], j)} is less severe than "
                f"{_describe(rows[i], i)} [{rule.MAP_MONOTONE.id}]"
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

    if problems:
        raise LogicMapError(problems)
    return table, results
