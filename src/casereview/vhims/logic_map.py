"""The clinical ISR logic map as data: the default reconstruction, or the authoritative one loaded.

The guidance draws the mapping from the three elements to the ISR as "Figure 1. Clinical ISR
logic map", an image absent from the text. A :class:`LogicMap` is that mapping as data:

* :meth:`LogicMap.default` is our reconstruction (:mod:`casereview.vhims.default_map`: 14
  paths, 4 stated by the worked examples, 10 inferred), named ``"default"``;
* :meth:`LogicMap.from_rows`, :meth:`~LogicMap.from_csv_text` and
  :meth:`~LogicMap.from_json_text` load a health service's or vendor's map — path rows or flat
  grid rows, labels or the caller's codes (:mod:`casereview.vhims.map_rows`). Only a malformed
  or ambiguous map is refused; everything our reconstruction assumes and the map does not
  satisfy is listed in :attr:`~LogicMap.findings` (:mod:`casereview.vhims.map_checks`);
* every result says which map rated it (``IsrResult.logic_map``, ``.logic_map_digest``), and
  :meth:`~LogicMap.diff` and :meth:`~LogicMap.vectors` compare maps and export test vectors
  (:mod:`casereview.vhims.conformance`).

With the authoritative map loaded, ``derive_isr(..., logic_map=m)`` rates identically to VHIMS
(the guidance's "same algorithm"); with the default map, 10 of its 14 paths are our inference.

>>> default = LogicMap.default()
>>> default.name, len(default), sum(row.provenance == "stated" for row in default)
('default', 14, 4)
>>> grid = LogicMap.from_rows(default.to_rows(grid=True), name="grid copy")
>>> grid == default, len(grid.to_rows(grid=True)), grid.findings
(True, 48, ())
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from casereview._input import option, refuse, text
from casereview.errors import CaseReviewError
from casereview.findings import Provenance, Rule
from casereview.vhims import _rules
from casereview.vhims.conformance import (
    IsrVector,
    MapDifference,
    differences,
    vectors_csv,
    vectors_json,
    vectors_of,
)
from casereview.vhims.default_map import DEFAULT_CELLS, DEFAULT_NAME, DEFAULT_ROWS
from casereview.vhims.map_checks import MapFinding, check_map
from casereview.vhims.map_errors import LogicMapError, NotRatedError
from casereview.vhims.map_resolve import (
    FULL,
    Cell,
    Key,
    NeedsElement,
    NotRated,
    completions,
    resolve,
    result_of,
)
from casereview.vhims.map_rows import CALLER_SECTION, CALLER_SOURCE, SourceRow, parse_rows
from casereview.vhims.map_text import (
    content_digest,
    row_dict,
    rows_from_csv_text,
    rows_from_json_text,
    rows_to_csv_text,
)
from casereview.vhims.models import IsrResult, LogicMapRow
from casereview.vhims.worked_examples import WORKED_EXAMPLES

__all__ = [
    "CALLER_SECTION",
    "CALLER_SOURCE",
    "MAP_FORMAT",
    "WORKED_EXAMPLES",
    "LogicMap",
    "LogicMapError",
    "NotRatedError",
]

MAP_FORMAT = "casereview.logic-map/1"
"""The ``format`` of :meth:`LogicMap.to_json_text`."""

_Answer = IsrResult | NeedsElement | NotRated


class LogicMap:
    """A resolved, immutable ISR logic map: its paths, findings, and the answer to every input.

    ``==`` compares content (the same paths, ISRs and citations, and the same combinations left
    unrated) — the :attr:`digest` — not the name. Iterate for the paths (:class:`LogicMapRow`).
    """

    __slots__ = (
        "_answers",
        "_cells",
        "_digest",
        "_fast",
        "_findings",
        "_name",
        "_rated",
        "_results",
    )

    _answers: dict[Key, _Answer]
    _cells: tuple[Cell, ...]
    _digest: str
    _fast: dict[Any, dict[Any, dict[Any, IsrResult]]]
    _findings: tuple[MapFinding, ...]
    _name: str
    _rated: frozenset[tuple[Any, Any, Any]]
    _results: tuple[IsrResult, ...]

    def __init__(
        self, rows: Iterable[LogicMapRow], *, name: str | None = None, strict: bool = False
    ) -> None:
        """A map from :class:`LogicMapRow` objects (each cites itself).

        Raises:
            CaseReviewError: ``rows`` is not a list of ``LogicMapRow``, or a bad ``name``.
            LogicMapError: the rows are ambiguous, or ``strict=True`` and the map has findings.
        """
        from casereview._input import items

        taken = items(rows, field="rows")
        source: list[SourceRow] = []
        for i, row in enumerate(taken):
            if not isinstance(row, LogicMapRow):
                raise CaseReviewError(
                    f"rows[{i}]: expected a LogicMapRow, got {type(row).__name__}",
                    field=f"rows[{i}]",
                )
            source.append(
                SourceRow(i, row.harm, row.duration, row.treatment, row.isr, row.citation, True)
            )
        self._build(source, (), name, option(strict, field="strict"), builtin=False)

    def _build(
        self,
        rows: list[SourceRow] | tuple[SourceRow, ...],
        ignored: tuple[str, ...],
        name: object,
        strict: bool,
        *,
        builtin: bool,
    ) -> None:
        resolution = resolve(rows)
        findings = check_map(resolution, ignored)
        if strict and findings:
            raise LogicMapError(
                [f"{f} (strict=True)" for f in findings],
                rows=[i for f in findings for i in f.rows],
            )
        digest = content_digest(resolution.cells, frozenset(resolution.rated))
        given = text(name, field="name")
        if given is None:
            given = f"map-{digest[:12]}"
        elif given.casefold() == DEFAULT_NAME and not builtin and digest != _default().digest:
            raise CaseReviewError(
                f"name: {DEFAULT_NAME!r} names the built-in reconstruction; give this map its "
                "own name (results carry it, so an audit can tell the maps apart)",
                field="name",
            )
        results = {  # a cell of the reconstruction is the library's own claim (asserted_by None)
            id(c): result_of(c, given, digest, own=builtin or c.row in DEFAULT_CELLS)
            for c in resolution.cells
        }
        answers: dict[Key, _Answer] = {
            key: results[id(outcome)] if isinstance(outcome, Cell) else outcome
            for key, outcome in resolution.outcomes.items()
        }
        fast: dict[Any, dict[Any, dict[Any, IsrResult]]] = {}
        for (h, d, t), answer in answers.items():
            if isinstance(answer, IsrResult):
                fast.setdefault(h, {}).setdefault(d, {})[t] = answer
        set_ = object.__setattr__
        set_(self, "_answers", answers)
        set_(self, "_cells", resolution.cells)
        set_(self, "_digest", digest)
        set_(self, "_fast", fast)
        set_(self, "_findings", findings)
        set_(self, "_name", given)
        set_(self, "_rated", frozenset(resolution.rated))
        set_(self, "_results", tuple(results[id(cell)] for cell in resolution.cells))

    # ------------------------------------------------------------------ constructors

    @classmethod
    def default(cls) -> LogicMap:
        """The reconstruction (``"default"``): 4 stated and 10 inferred paths, no findings."""
        return _default()

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[object],
        *,
        name: str | None = None,
        codes: object = None,
        strict: bool = False,
        source: str = CALLER_SOURCE,
        provenance: Provenance | str = Provenance.SECONDARY,
    ) -> LogicMap:
        """Load a map from plain rows (an IMS configuration, JSON, a DataFrame's records).

        Each row is a mapping with ``harm``, ``duration``, ``treatment`` and ``isr`` (column
        names also as the guidance spells them, e.g. ``"Level of treatment/care"``). Path rows
        leave ``duration``/``treatment`` blank where the path ends; flat grid rows name all
        three; a grid may leave combinations out. Values are labels (any case, hyphens as
        spaces) or codes of the caller's ``codes`` table (``{"harm": {"H1": "Death", ...}}``;
        no VHIMS MDS codes are built in). Optional per row: ``provenance``, ``source``,
        ``section``, ``quote``, ``note`` (or a nested ``citation``); rows that give none are
        cited as ``provenance`` (default ``secondary``) from ``source``, section
        ``"Figure 1. Clinical ISR logic map"``, with a note naming the row.

        ``name`` is carried by every result (default: ``"map-"`` and the digest's first 12
        characters; ``"default"`` is reserved for the reconstruction). With ``strict=True`` a
        map with any finding is refused.

        Raises:
            CaseReviewError: ``rows``, ``name``, ``codes``, ``source`` or ``provenance`` is
                malformed (naming it).
            LogicMapError: a row cannot be read, or two rows give two ISRs for one input (every
                such row is named); or ``strict=True`` and the map has findings.
        """
        parsed, ignored = parse_rows(rows, source=source, provenance=provenance, codes=codes)
        strict_ = option(strict, field="strict")
        made = object.__new__(cls)
        made._build(parsed, ignored, name, strict_, builtin=False)
        return made

    @classmethod
    def from_csv_text(
        cls,
        csv_text: str,
        *,
        name: str | None = None,
        codes: object = None,
        strict: bool = False,
        source: str = CALLER_SOURCE,
        provenance: Provenance | str = Provenance.SECONDARY,
    ) -> LogicMap:
        r"""Load a map from CSV text: a header (the row keys of :meth:`from_rows`), one row a line.

        ``rows[i]`` in messages is the i-th data row. The core reads no files: pass the text.

        >>> text = "Level of harm,Duration of harm,Level of treatment/care,ISR\nMinor,,,3\n"
        >>> LogicMap.from_csv_text(text).findings[0].code
        'vhims.map.complete'
        """
        return cls.from_rows(
            rows_from_csv_text(csv_text),
            name=name,
            codes=codes,
            strict=strict,
            source=source,
            provenance=provenance,
        )

    @classmethod
    def from_json_text(
        cls,
        json_text: str,
        *,
        name: str | None = None,
        codes: object = None,
        strict: bool = False,
        source: str = CALLER_SOURCE,
        provenance: Provenance | str = Provenance.SECONDARY,
    ) -> LogicMap:
        """Load a map from JSON text: a list of rows, or ``{"name", "codes", "rows"}``.

        That is what :meth:`to_json_text` writes; ``name=``/``codes=`` given here take precedence.
        """
        rows, json_name, json_codes = rows_from_json_text(json_text)
        if not isinstance(rows, list):
            refuse("text.rows", "a JSON list of rows", rows)
        return cls.from_rows(
            rows,
            name=json_name if name is None else name,
            codes=json_codes if codes is None else codes,
            strict=strict,
            source=source,
            provenance=provenance,
        )

    # ------------------------------------------------------------------ reading

    @property
    def name(self) -> str:
        """The map's name, carried by every result (``"default"`` for the reconstruction)."""
        return self._name

    @property
    def digest(self) -> str:
        """SHA-256 (hex) of the map's content: paths, ISRs, citations, unrated combinations."""
        return self._digest

    @property
    def findings(self) -> tuple[MapFinding, ...]:
        """What the map breaks of the reconstruction's assumptions (empty for the default)."""
        return self._findings

    @property
    def rows(self) -> tuple[LogicMapRow, ...]:
        """The paths, in the guidance's order of values (a grid's rows collapse to paths)."""
        return tuple(cell.row for cell in self._cells)

    @property
    def results(self) -> tuple[IsrResult, ...]:
        """The precomputed result of every path, in the order of :attr:`rows`."""
        return self._results

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Each path as a :class:`~casereview.findings.Rule` (id from its path, its citation)."""
        return tuple(
            Rule(
                id=row.rule_id, title=f"{row.path} gives ISR {row.isr.value}", citation=row.citation
            )
            for row in self.rows
        )

    def answer(self, key: Key) -> _Answer:
        """What the map answers for an input of members (``None`` for an element not given).

        Raises:
            CaseReviewError: ``key`` is not ``(harm, duration, treatment)`` of members or None.
        """
        try:
            found = self._answers.get(key) if type(key) is tuple else None
        except TypeError:  # an unhashable element
            found = None
        if found is None:
            refuse("key", "(HarmLevel, HarmDuration or None, TreatmentLevel or None)", key)
        return found

    # ------------------------------------------------------------------ export

    def to_rows(self, *, grid: bool = False) -> list[dict[str, object]]:
        """The map as JSON-able rows of labels; ``LogicMap.from_rows(m.to_rows()) == m``.

        One row per path; where a path covers combinations the map leaves unrated, one row per
        rated combination instead. ``grid=True``: one flat row per rated combination.
        """
        as_grid = option(grid, field="grid")
        out: list[dict[str, object]] = []
        for cell in self._cells:
            covered = list(completions(cell.row_key))
            rated = [full for full in covered if full in self._rated]
            if as_grid or len(rated) < len(covered):
                out.extend(row_dict(cell.row, full) for full in rated)
            else:
                out.append(row_dict(cell.row, cell.row_key))
        return out

    def to_csv_text(self, *, grid: bool = False) -> str:
        """The rows of :meth:`to_rows` as CSV text (read back with :meth:`from_csv_text`)."""
        return rows_to_csv_text(self.to_rows(grid=grid))

    def to_json_text(self) -> str:
        """``{"format", "name", "rows"}`` as JSON text (read back with :meth:`from_json_text`)."""
        document = {
            "format": MAP_FORMAT,
            "name": self._name,
            "rows": self.to_rows(),
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def vectors(self) -> tuple[IsrVector, ...]:
        """Every input (90) with the expected ISR or error, provenance and rule id."""
        return vectors_of(self._answers)

    def vectors_json(self) -> str:
        """:meth:`vectors` as JSON text, with the map's name and digest."""
        return vectors_json(self.vectors(), self._name, self._digest)

    def vectors_csv(self) -> str:
        """:meth:`vectors` as CSV text, one input a line."""
        return vectors_csv(self.vectors(), self._name, self._digest)

    def diff(self, other: LogicMap) -> tuple[MapDifference, ...]:
        """Every input on which ``self`` and ``other`` answer differently (ISR or error).

        Each :class:`MapDifference` holds both answers and both provenances; the result is empty
        when the maps agree everywhere (their citations may still differ: compare ``digest``).

        Raises:
            CaseReviewError: ``other`` is not a :class:`LogicMap`.
        """
        if not isinstance(other, LogicMap):
            refuse("other", "a LogicMap", other)
        return differences(self.vectors(), self._name, other.vectors(), other._name)

    # ------------------------------------------------------------------ value semantics

    def __iter__(self) -> Iterator[LogicMapRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self._cells)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LogicMap):
            return NotImplemented
        return self._digest == other._digest

    def __hash__(self) -> int:
        return hash(self._digest)

    def __repr__(self) -> str:
        stated = sum(c.row.provenance is Provenance.STATED for c in self._cells)
        unrated = len(FULL) - len(self._rated)
        holes = f", {unrated} combinations unrated" if unrated else ""
        return (
            f"<LogicMap {self._name!r} {len(self._cells)} paths, {stated} stated{holes}, "
            f"{len(self._findings)} findings>"
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"LogicMap is immutable; cannot set {name!r}")

    def __getstate__(self) -> dict[str, object]:
        return {slot: getattr(self, slot) for slot in LogicMap.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for slot, value in state.items():
            object.__setattr__(self, slot, value)


@cache
def _default() -> LogicMap:
    made = object.__new__(LogicMap)
    rows = [
        SourceRow(i, r.harm, r.duration, r.treatment, r.isr, r.citation, True)
        for i, r in enumerate(DEFAULT_ROWS)
    ]
    made._build(rows, (), DEFAULT_NAME, strict=True, builtin=True)
    return made


def not_rated(logic_map: LogicMap, key: Key) -> NotRatedError:
    """The error for an input ``logic_map`` does not rate (used by ``derive_isr``)."""
    given = " / ".join(e.value for e in key if e is not None)
    return NotRatedError(
        f"the map {logic_map.name!r} does not rate {given}: no combination it could stand for "
        f"has an ISR in this map ({_rules.MAP_COMPLETE.id})",
        logic_map=logic_map.name,
        path=given,
    )
