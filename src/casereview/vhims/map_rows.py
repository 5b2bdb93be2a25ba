"""Reading a logic map's rows: path rows, flat grid rows, code tables, CSV and JSON text.

A health service's or vendor's configuration reaches :meth:`~casereview.vhims.LogicMap.from_rows`
as plain rows, one mapping each. This module turns them into :class:`SourceRow` objects and
refuses only rows that cannot be read (:class:`~casereview.vhims.LogicMapError`, every problem row
named at once). What a row may hold:

* ``harm``, ``duration``, ``treatment`` and ``isr`` — the column names may be spelled as the
  guidance does (``"Level of harm"``, ``"Duration of harm"``, ``"Level of treatment/care"``,
  ``"ISR"``) in any case. Element values are labels (the label policy of
  :mod:`casereview._labels`) or, through the caller's ``codes`` table, the IMS's own codes.
  Duration and treatment are blank (``None``, ``""``, ``"-"``, ``"n/a"``) where a *path row*
  ends before them; a *flat grid row* names all three elements even where the path stops
  earlier. Both kinds may be mixed.
* optional ``provenance`` (``stated``/``secondary``/``inferred``), ``source``, ``section``,
  ``quote``, ``note`` — the row's citation (or the same keys in a nested ``citation`` mapping).
  A row without them is cited as the caller's configuration.

Columns the loader does not know are not refused: they are listed in a finding
(``vhims.map.ignored-columns``). No VHIMS MDS value codes are known to us, so none are built in.

>>> rows, ignored = parse_rows(
...     [{"Level of harm": "H1", "Duration of harm": "", "ISR": "1", "id": 7}],
...     codes={"harm": {"H1": "Death"}},
... )
>>> rows[0].harm, rows[0].duration, rows[0].isr, ignored
(<HarmLevel.DEATH: 'Death'>, None, <Isr.SEVERE: 1>, ('id',))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from casereview._input import is_missing, items, refuse, text
from casereview._labels import label_key
from casereview.errors import CaseReviewError, MissingElementError, shown
from casereview.findings import Citation, Provenance
from casereview.vhims import _rules
from casereview.vhims.map_errors import LogicMapError
from casereview.vhims.models import HarmDuration, HarmLevel, Isr, TreatmentLevel

__all__ = [
    "CALLER_SECTION",
    "CALLER_SOURCE",
    "CodeTable",
    "SourceRow",
    "parse_codes",
    "parse_rows",
]

CALLER_SOURCE = "caller-configuration"
"""The citation source of a loaded row that names none."""
CALLER_SECTION = "Figure 1. Clinical ISR logic map"
"""The citation section of a loaded row that names none: the figure the row stands in for."""

_ELEMENTS = ("harm", "duration", "treatment", "isr")
_CITATION_KEYS = ("provenance", "source", "section", "quote", "note")
_ALIASES: dict[str, str] = {
    **dict.fromkeys(("harm", "level of harm", "harm level"), "harm"),
    **dict.fromkeys(("duration", "duration of harm", "harm duration"), "duration"),
    **dict.fromkeys(
        (
            "treatment",
            "level of treatment care",
            "level of treatment",
            "level of care",
            "treatment care",
            "treatment level",
            "care",
        ),
        "treatment",
    ),
    **dict.fromkeys(
        ("isr", "clinical isr", "incident severity rating", "severity rating", "rating"), "isr"
    ),
    **{key: key for key in (*_CITATION_KEYS, "citation")},
}
_NOT_CONSULTED = frozenset({"", "-", "n/a", "na", "not applicable"})  # after label_key

_COLUMN_SEPARATORS = re.compile(r"[\s_/\-]+")
"""Column names compare without case, with spaces, underscores, slashes and hyphens alike."""

CodeTable = dict[str, dict[str, object]]
"""Per element (``harm``, ``duration``, ``treatment``, ``isr``): normalised code -> value."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row as loaded: its index, the path it rates, the ISR and its citation."""

    index: int
    harm: HarmLevel
    duration: HarmDuration | None
    treatment: TreatmentLevel | None
    isr: Isr
    citation: Citation
    own_citation: bool
    """Whether the row cited itself (otherwise it is cited as the caller's configuration)."""

    @property
    def key(self) -> tuple[HarmLevel, HarmDuration | None, TreatmentLevel | None]:
        """The path: ``(harm, duration, treatment)`` with ``None`` where it ends."""
        return (self.harm, self.duration, self.treatment)

    @property
    def path(self) -> str:
        """``"Severe → Permanent"``."""
        return " → ".join(e.value for e in self.key if e is not None)

    def describe(self) -> str:
        """``"rows[2] (Severe → Permanent → ISR 1)"``."""
        return f"rows[{self.index}] ({self.path} → ISR {self.isr.value})"


def _column(key: object) -> str | None:
    """The canonical column for a row key, or ``None`` for a key the loader does not know."""
    if not isinstance(key, str):
        return None
    return _ALIASES.get(" ".join(_COLUMN_SEPARATORS.split(key.casefold())).strip())


def _code_key(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 64 else None
    if isinstance(value, str):
        return value.strip().casefold()
    return None


def parse_codes(codes: object) -> CodeTable:
    """Check the caller's code table: ``{element: {code: label or member or None}}``.

    ``element`` is one of harm, duration, treatment, isr (column spellings allowed); codes are
    text or whole numbers, compared without case or outer white space (``1`` and ``"1"`` are one
    code). A code may stand for ``None`` (for duration and treatment: the path ends there).

    Raises:
        CaseReviewError: not such a table, an unknown element, or one code given two meanings.
        UnknownValueError: a code that stands for a label the element does not have.
    """
    if codes is None:
        return {}
    if not isinstance(codes, Mapping):
        refuse("codes", "a mapping of element to {code: label}", codes)
    table: CodeTable = {}
    for element, entries in codes.items():
        name = _column(element)
        if name not in _ELEMENTS:
            raise CaseReviewError(
                f"codes: {shown(element)} is not an element; expected harm, duration, "
                "treatment or isr",
                field="codes",
            )
        assert name is not None
        where = f"codes.{name}"
        if not isinstance(entries, Mapping):
            refuse(where, "a mapping of code to label", entries)
        mapped: dict[str, object] = {}
        for code, value in entries.items():
            key = _code_key(code)
            if key is None or not key:
                refuse(where, "codes that are non-empty text or whole numbers", code)
            target = _element_value(name, value, f"{where}[{shown(code)}]", {})
            if key in mapped and mapped[key] != target:
                raise CaseReviewError(
                    f"{where}: the code {shown(code)} stands for both {shown(mapped[key])} and "
                    f"{shown(target)}",
                    field=where,
                )
            mapped[key] = target
        table[name] = mapped
    return table


def _element_value(name: str, value: object, field: str, codes: CodeTable) -> Any:
    """One element's value: a code of the caller's table, else a label (or ``None``)."""
    table = codes.get(name)
    if table:
        key = _code_key(value)
        if key is not None and key in table:
            return table[key]
    if name == "isr":
        if is_missing(value):
            raise MissingElementError(field, "every row gives an ISR")
        return Isr.parse(value, field=field)
    if name == "harm":
        if is_missing(value):
            raise MissingElementError(field, "every path starts at the level of harm")
        return HarmLevel.parse(value, field=field)
    if is_missing(value) or (isinstance(value, str) and label_key(value) in _NOT_CONSULTED):
        return None
    enum = HarmDuration if name == "duration" else TreatmentLevel
    return enum.parse(value, field=field)


def _provenance(value: object, field: str) -> Provenance:
    return Provenance.parse(value, field=field)


def parse_rows(
    rows: object,
    *,
    source: object = CALLER_SOURCE,
    provenance: object = Provenance.SECONDARY,
    codes: object = None,
) -> tuple[tuple[SourceRow, ...], tuple[str, ...]]:
    """The rows, read; and the column names that were ignored (in order of appearance).

    ``rows`` is a list of mappings, or a pandas ``DataFrame`` (read as its records; missing
    cells, ``NaN``, count as blank).

    Raises:
        CaseReviewError: ``rows`` is not a list of rows, or ``source``, ``provenance`` or
            ``codes`` is malformed (naming the parameter).
        LogicMapError: one or more rows cannot be read; every such row is named.
    """
    default_source = text(source, field="source")
    if default_source is None:
        refuse("source", "the non-empty name of the map's source", source)
    default_provenance = _provenance(provenance, "provenance")
    table = parse_codes(codes)
    to_dict = getattr(rows, "to_dict", None)
    if type(rows).__name__ == "DataFrame" and callable(to_dict):
        rows = to_dict("records")  # a pandas DataFrame: one mapping per row
    taken = items(rows, field="rows")
    if not taken:
        raise LogicMapError(["no rows: a logic map rates at least one combination"])
    parsed: list[SourceRow] = []
    problems: list[str] = []
    errors: list[CaseReviewError] = []
    bad: list[int] = []
    ignored: dict[str, None] = {}
    for i, row in enumerate(taken):
        try:
            parsed.append(_parse_row(i, row, default_source, default_provenance, table, ignored))
        except CaseReviewError as error:
            problems.append(str(error))
            errors.append(error)
            bad.append(i)
    if problems:
        raise LogicMapError(problems, rows=bad, errors=errors)
    return tuple(parsed), tuple(ignored)


def _parse_row(
    i: int,
    row: object,
    source: str,
    provenance: Provenance,
    codes: CodeTable,
    ignored: dict[str, None],
) -> SourceRow:
    where = f"rows[{i}]"
    if not isinstance(row, Mapping):
        raise CaseReviewError(
            f"{where}: expected a mapping with keys harm, duration, treatment, isr; "
            f"got {type(row).__name__}",
            field=where,
        )
    values: dict[str, object] = {}
    for key, value in row.items():
        column = _column(key)
        if column is None:
            ignored.setdefault(key if isinstance(key, str) else shown(key), None)
            continue
        if column in values:
            raise CaseReviewError(
                f"{where}: two columns for {column} (one is {shown(key)})", field=where
            )
        values[column] = value
    nested = values.pop("citation", None)
    if nested is not None:
        if not isinstance(nested, Mapping):
            refuse(
                f"{where}.citation", "a mapping of source, section, quote, provenance, note", nested
            )
        for key, value in nested.items():
            column = _column(key)
            if column not in _CITATION_KEYS:
                raise CaseReviewError(
                    f"{where}.citation: unknown key {shown(key)}; allowed: "
                    f"{', '.join(_CITATION_KEYS)}",
                    field=f"{where}.citation",
                )
            assert column is not None
            if column in values:
                raise CaseReviewError(
                    f"{where}: {column} is given both in the row and in its citation", field=where
                )
            values[column] = value
    harm = _element_value("harm", values.get("harm"), f"{where}.harm", codes)
    duration = _element_value("duration", values.get("duration"), f"{where}.duration", codes)
    treatment = _element_value("treatment", values.get("treatment"), f"{where}.treatment", codes)
    isr = _element_value("isr", values.get("isr"), f"{where}.isr", codes)
    if harm is None or isr is None:  # a code that stands for nothing
        missing = "harm" if harm is None else "isr"
        raise MissingElementError(f"{where}.{missing}", "its code stands for no value")
    if duration is None and treatment is not None:
        raise CaseReviewError(
            f"{where}: the path {harm.value} → {treatment.value} skips the duration of harm: the "
            f"elements are sequential (harm, duration, treatment/care) "
            f"[{_rules.SEQUENTIAL_ELEMENTS.id}]",
            field=f"{where}.duration",
        )
    cited = {
        key: text(values.get(key), field=f"{where}.{key}")
        for key in ("source", "section", "quote", "note")
    }
    own_citation = any(v is not None for v in cited.values())
    raw_provenance = values.get("provenance")
    cell_provenance = (
        provenance
        if is_missing(raw_provenance)
        else _provenance(raw_provenance, f"{where}.provenance")
    )
    citation = Citation(
        source=cited["source"] or source,
        section=cited["section"] or CALLER_SECTION,
        quote=cited["quote"],
        provenance=cell_provenance,
        note=cited["note"]
        if own_citation
        else f"Loaded from the caller's configuration ({where}).",
    )
    return SourceRow(
        index=i,
        harm=harm,
        duration=duration,
        treatment=treatment,
        isr=isr,
        citation=citation,
        own_citation=own_citation,
    )
