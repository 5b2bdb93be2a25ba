"""From loaded rows to an answer for every input: coverage, ambiguity, the path structure.

A map is read as what it answers. Each row rates every full combination (harm, duration,
treatment) its path covers: a path row ending at the harm rates all eight combinations of that
harm, a flat grid row exactly one. Then:

1. **Ambiguity** (rule ``vhims.map.unambiguous``) is the only thing refused here: two rows that
   give two ISRs for one combination, both named. Two rows that give the same ISR overlap
   harmlessly (the more specific row's citation is used; the overlap is reported).
2. **The path structure** is read from the ratings, as the guidance's "three sequential
   elements" require (rule ``vhims.map.path-from-ratings``): the path ends at the first
   element after which every combination it could still stand for is rated, all with the same
   ISR — a combination left unrated counts only when
   :func:`~casereview.vhims.check_consistency` calls it illogical (the guidance removes those).
   So a flat grid generated from the default map has the default's 14 paths, and an input that
   stops early (``"Minor"`` alone) is answered when the elements given decide it. A path never
   ends early on an assumption: where a plausible combination under it is unrated, the path
   continues to the next element.
3. **Every input** — each harm with each duration or none and each treatment or none, 90 in
   all — gets an :data:`Outcome`: the deciding cell; "not rated" when no combination it could
   stand for is rated (no value of a missing element could give an ISR); else the element the
   path still needs (giving it may reach a rated cell).

>>> from casereview.vhims.default_map import DEFAULT_ROWS
>>> from casereview.vhims.map_rows import SourceRow
>>> rows = [SourceRow(i, r.harm, r.duration, r.treatment, r.isr, r.citation, True)
...         for i, r in enumerate(DEFAULT_ROWS)]
>>> resolved = resolve(rows)
>>> len(resolved.cells), len(resolved.rated), len(resolved.outcomes)
(14, 48, 90)
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casereview.findings import Citation, Provenance
from casereview.vhims import _rules
from casereview.vhims.consistency import check_consistency
from casereview.vhims.map_errors import LogicMapError
from casereview.vhims.map_rows import SourceRow
from casereview.vhims.models import (
    HarmDuration,
    HarmLevel,
    Isr,
    IsrResult,
    LogicMapRow,
    TreatmentLevel,
)

__all__ = [
    "FULL",
    "INPUTS",
    "Cell",
    "Full",
    "Key",
    "NeedsElement",
    "NotRated",
    "Outcome",
    "Resolution",
    "completions",
    "path_text",
    "resolve",
    "result_of",
]

Key = tuple[HarmLevel, HarmDuration | None, TreatmentLevel | None]
"""An input: harm, and duration and treatment or ``None`` where not given."""
Full = tuple[HarmLevel, HarmDuration, TreatmentLevel]
"""A full combination: all three elements."""

FULL: tuple[Full, ...] = tuple(itertools.product(HarmLevel, HarmDuration, TreatmentLevel))
"""The 48 full combinations, in the guidance's order of values."""
INPUTS: tuple[Key, ...] = tuple(
    itertools.product(HarmLevel, (None, *HarmDuration), (None, *TreatmentLevel))
)
"""The 90 inputs: every harm, with each duration or none, with each treatment or none."""


def completions(key: Key) -> Iterable[Full]:
    """The full combinations an input (or a path) stands for: ``None`` is any value."""
    harm, duration, treatment = key
    for d in HarmDuration if duration is None else (duration,):
        for t in TreatmentLevel if treatment is None else (treatment,):
            yield (harm, d, t)


def path_text(key: Key) -> str:
    """``"Severe → Permanent"``: the given elements in order."""
    return " → ".join(e.value for e in key if e is not None)


@dataclass(frozen=True, slots=True)
class Cell:
    """A path of the map's structure, its ISR and citation, and the rows that rate it."""

    row: LogicMapRow
    sources: tuple[int, ...]

    @property
    def row_key(self) -> Key:
        """The cell's path as an input: ``(harm, duration, treatment)``, ``None`` where it ends."""
        return (self.row.harm, self.row.duration, self.row.treatment)

    def describe(self) -> str:
        """``"Severe → Temporary → Minor (ISR 2, rows[5])"``."""
        listed = ", ".join(f"rows[{i}]" for i in self.sources)
        return f"{self.row.path} (ISR {self.row.isr.value}, {listed})"


@dataclass(frozen=True, slots=True)
class NeedsElement:
    """The path continues to an element the input does not give."""

    field: str
    reason: str


@dataclass(frozen=True, slots=True)
class NotRated:
    """No combination the input stands for is rated by the map."""

    key: Key


Outcome = Cell | NeedsElement | NotRated
"""What a map answers for one input."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """A map, resolved: its cells, what it rates, what every input gets, and the overlaps."""

    cells: tuple[Cell, ...]
    rated: dict[Full, SourceRow]
    """Each rated full combination and the row that rates it."""
    outcomes: dict[Key, Outcome]
    overlaps: tuple[tuple[SourceRow, tuple[SourceRow, ...], tuple[Full, ...]], ...]
    """A row, the later or less specific rows that rate some of its combinations with the same
    ISR, and those combinations."""


_CERTAINTY = {Provenance.INFERRED: 0, Provenance.SECONDARY: 1, Provenance.STATED: 2}


def _specificity(row: SourceRow) -> tuple[int, int]:
    return (-(row.duration is not None) - (row.treatment is not None), row.index)


def resolve(rows: Sequence[SourceRow]) -> Resolution:
    """Resolve loaded rows; raises :class:`LogicMapError` naming both rows of each ambiguity."""
    covering: dict[Full, list[SourceRow]] = defaultdict(list)
    for row in rows:
        for full in completions(row.key):
            covering[full].append(row)
    conflicts: dict[tuple[int, int], list[Full]] = defaultdict(list)
    same: dict[int, tuple[set[int], list[Full]]] = {}
    by_index = {row.index: row for row in rows}
    for full in FULL:
        found = covering.get(full, [])
        if len(found) < 2:
            continue
        # Linear in the rows (a map may repeat one path thousands of times): each row is paired
        # with the first row of each other ISR (a conflict) or of its own ISR (an overlap).
        first: dict[Isr, SourceRow] = {}
        for row in found:
            first.setdefault(row.isr, row)
        for row in found:
            for isr, head in first.items():
                pair = (min(row.index, head.index), max(row.index, head.index))
                if isr is not row.isr:
                    conflicts[pair].append(full)
                elif head is not row:
                    others, fulls = same.setdefault(head.index, (set(), []))
                    others.add(row.index)
                    if not fulls or fulls[-1] != full:
                        fulls.append(full)
    if conflicts:
        problems = []
        for i, j in sorted(conflicts):
            a, b = by_index[i], by_index[j]
            longer = a if _specificity(a) <= _specificity(b) else b
            what = f"the path {a.path}" if a.key == b.key else longer.path
            problems.append(
                f"ambiguous: {a.describe()} and {b.describe()} give two ISRs for {what} "
                f"[{_rules.MAP_UNAMBIGUOUS.id}]"
            )
        raise LogicMapError(problems, rows={i for pair in conflicts for i in pair})
    rated = {full: min(found, key=_specificity) for full, found in covering.items() if found}
    overlaps = tuple(
        (by_index[head], tuple(by_index[i] for i in sorted(others)), tuple(fulls))
        for head, (others, fulls) in sorted(same.items())
    )
    tree = _Tree(rated)
    return Resolution(
        cells=tuple(tree.cells), rated=rated, outcomes=tree.outcomes(), overlaps=overlaps
    )


class _Tree:
    """The path structure: harm → cell | duration → (cell | treatment → cell); None = unrated."""

    def __init__(self, rated: dict[Full, SourceRow]) -> None:
        self.rated = rated
        self.cells: list[Cell] = []
        self.nodes: dict[Key, Cell | None] = {}
        for harm in HarmLevel:
            self._decide((harm, None, None))

    def _decide(self, key: Key) -> None:
        harm, duration, _ = key
        fulls = list(completions(key))
        found = [self.rated[f] for f in fulls if f in self.rated]
        if not found:
            self.nodes[key] = None
            return
        if len({row.isr for row in found}) == 1 and (
            len(found) == len(fulls)
            or all(check_consistency(*f) for f in fulls if f not in self.rated)
        ):
            cell = _cell(key, found, left_out=len(found) < len(fulls))
            self.nodes[key] = cell
            self.cells.append(cell)
            return
        if duration is None:
            for d in HarmDuration:
                self._decide((harm, d, None))
        else:
            for t in TreatmentLevel:
                self._decide((harm, duration, t))

    def outcomes(self) -> dict[Key, Outcome]:
        out: dict[Key, Outcome] = {}
        for key in INPUTS:
            out[key] = self._outcome(key)
        return out

    def _outcome(self, key: Key) -> Outcome:
        harm, duration, treatment = key
        if not any(f in self.rated for f in completions(key)):
            return NotRated(key)  # no value of a missing element could give an ISR
        node_key: Key = (harm, None, None)
        if node_key not in self.nodes:
            if duration is None:
                return NeedsElement(
                    "duration",
                    f"the path for harm {harm.value!r} continues to the duration of harm "
                    f"({_rules.SEQUENTIAL_ELEMENTS.id})",
                )
            node_key = (harm, duration, None)
            if node_key not in self.nodes:
                if treatment is None:
                    return NeedsElement(
                        "treatment",
                        f"the path for harm {harm.value!r} and duration {duration.value!r} "
                        f"continues to the level of treatment/care "
                        f"({_rules.SEQUENTIAL_ELEMENTS.id})",
                    )
                node_key = key
        cell = self.nodes[node_key]
        if cell is None:  # pragma: no cover - a node without ratings has none under it either
            return NotRated(key)
        return cell


def _cell(key: Key, found: list[SourceRow], *, left_out: bool) -> Cell:
    sources = tuple(sorted({row.index: row for row in found}.values(), key=lambda r: r.index))
    harm, duration, treatment = key
    row = LogicMapRow(
        harm=harm,
        duration=duration,
        treatment=treatment,
        isr=found[0].isr,
        citation=_merged_citation(key, sources, left_out=left_out),
    )
    return Cell(row=row, sources=tuple(r.index for r in sources))


def _merged_citation(key: Key, rows: Sequence[SourceRow], *, left_out: bool) -> Citation:
    """One row's citation; for several rows, their common parts and the least certain provenance.

    ``left_out``: the map leaves some combinations under the path unrated (all of them ones
    ``check_consistency`` calls illogical, or the path would not end here).
    """
    citations = list(dict.fromkeys(row.citation for row in rows))
    if len(citations) == 1:
        return citations[0]
    listed = ", ".join(f"rows[{row.index}]" for row in rows)
    provenance = min((c.provenance for c in citations), key=_CERTAINTY.__getitem__)
    sources = list(dict.fromkeys(c.source for c in citations))
    sections = list(dict.fromkeys(c.section for c in citations))
    quotes = list(dict.fromkeys(c.quote for c in citations))
    unrated = (
        " (the combinations under it they leave unrated are all ones check_consistency calls "
        f"illogical [{_rules.MAP_PATH_FROM_RATINGS.id}])"
        if left_out
        else ""
    )
    decided = (
        f"every combination they rate under {path_text(key)} gives ISR {rows[0].isr.value}, so "
        f"the path ends at {path_text(key)}{unrated}"
    )
    if not any(row.own_citation for row in rows):
        note = f"Loaded from the caller's configuration ({listed}): {decided}."
    else:
        notes = list(dict.fromkeys(c.note for c in citations if c.note))
        note = f"Rows {listed}: {decided}." + (
            f" Their notes: {' | '.join(notes)}" if notes else ""
        )
    return Citation(
        source="; ".join(sources),
        section=sections[0] if len(sections) == 1 else "; ".join(sections),
        quote=quotes[0] if len(quotes) == 1 else None,
        provenance=provenance,
        note=note,
    )


def result_of(cell: Cell, name: str, digest: str, *, own: bool) -> IsrResult:
    """The precomputed result of a cell, naming the map it belongs to.

    ``own``: the cell is the library's (a cell of the built-in reconstruction, citation and
    all); otherwise the result says the map ``name`` asserts its provenance (``asserted_by``).
    """
    row = cell.row
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
        logic_map=name,
        logic_map_digest=digest,
        asserted_by=None if own else name,
    )
