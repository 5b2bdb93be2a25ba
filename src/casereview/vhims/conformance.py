"""Conformance: test vectors for any logic map, and the differences between two maps.

The ISR is "recalculate[d] ... in the VHIMS system using the same algorithm that calculates the
ISR in local IMS software" (rule ``vhims.isr.same-algorithm``), so an IMS written in C# or Java
must give the same answer as the map on *every* input. A test vector is one input — each harm,
with each duration or none, with each treatment or none: 90 in all — and what the map answers:
the ISR with its provenance and rule id, or the error (``MissingElementError`` naming the
element the path still needs, ``NotRatedError`` for a combination the map does not rate).

:meth:`LogicMap.vectors() <casereview.vhims.LogicMap.vectors>` gives them as data,
``vectors_json()`` and ``vectors_csv()`` as text; :meth:`LogicMap.diff
<casereview.vhims.LogicMap.diff>` lists the inputs on which two maps answer differently.

>>> from casereview.vhims import LogicMap
>>> vectors = LogicMap.default().vectors()
>>> len(vectors), vectors[0].harm, vectors[0].isr, vectors[0].rule_id
(90, <HarmLevel.DEATH: 'Death'>, <Isr.SEVERE: 1>, 'vhims.isr.path.death')
>>> LogicMap.default().diff(LogicMap.default())
()
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from pydantic import Field

from casereview._base import FrozenModel
from casereview.findings import Provenance
from casereview.vhims import _rules
from casereview.vhims.map_resolve import INPUTS, Key, NeedsElement, NotRated
from casereview.vhims.models import HarmDuration, HarmLevel, Isr, IsrResult, TreatmentLevel

__all__ = [
    "VECTORS_FORMAT",
    "IsrVector",
    "MapDifference",
    "differences",
    "vectors_csv",
    "vectors_json",
    "vectors_of",
]

VECTORS_FORMAT = "casereview.isr-vectors/1"
"""The ``format`` of :func:`vectors_json` text."""

Answer = IsrResult | NeedsElement | NotRated
"""What a map answers for one input, as :class:`~casereview.vhims.LogicMap` holds it."""


class IsrVector(FrozenModel):
    """One input and what the map answers: the ISR (or the error), provenance and rule id.

    ``duration`` and ``treatment`` are ``None`` where the input does not give them. Exactly one
    of ``isr`` and ``error`` is set. ``error`` is the error format's ``code``
    (:func:`casereview.trace.error_json`): ``"missing"`` (``error_field`` names the element the
    path still needs) or ``"not_rated"`` (``error_field`` is ``"logic_map"``); ``error_class``
    names the Python exception (``MissingElementError``, ``NotRatedError``). For an error,
    ``provenance`` and ``rule_id`` are those of the rule that raises it.
    """

    harm: HarmLevel
    duration: HarmDuration | None = None
    treatment: TreatmentLevel | None = None
    isr: Isr | None = None
    error: str | None = None
    error_field: str | None = None
    error_class: str | None = None
    provenance: Provenance
    rule_id: str = Field(min_length=1)
    elements_used: tuple[str, ...] = ()

    @property
    def key(self) -> Key:
        """The input: ``(harm, duration, treatment)``."""
        return (self.harm, self.duration, self.treatment)

    @property
    def answer(self) -> tuple[int | None, str | None, str | None]:
        """What is compared between maps: ``(isr, error, error_field)``."""
        return (None if self.isr is None else self.isr.value, self.error, self.error_field)


class MapDifference(FrozenModel):
    """An input on which two maps answer differently: each map's ISR (or error) and provenance.

    The plain fields are the first map's (``a`` in ``a.diff(b)``), the ``other_`` fields the
    second's; ``duration`` and ``treatment`` are ``None`` where the input does not give them.
    """

    harm: HarmLevel
    duration: HarmDuration | None = None
    treatment: TreatmentLevel | None = None
    logic_map: str
    isr: Isr | None = None
    error: str | None = None
    provenance: Provenance
    rule_id: str
    other_logic_map: str
    other_isr: Isr | None = None
    other_error: str | None = None
    other_provenance: Provenance
    other_rule_id: str

    def __str__(self) -> str:
        given = " / ".join(e.value if e is not None else "-" for e in self.key)

        def said(isr: Isr | None, error: str | None, provenance: Provenance) -> str:
            return f"ISR {isr.value} ({provenance.value})" if isr is not None else f"{error}"

        return (
            f"{given}: {self.logic_map} {said(self.isr, self.error, self.provenance)}, "
            f"{self.other_logic_map} "
            f"{said(self.other_isr, self.other_error, self.other_provenance)}"
        )

    @property
    def key(self) -> Key:
        """The input: ``(harm, duration, treatment)``."""
        return (self.harm, self.duration, self.treatment)


def _vector(key: Key, answer: Answer) -> IsrVector:
    harm, duration, treatment = key
    if isinstance(answer, IsrResult):
        return IsrVector(
            harm=harm,
            duration=duration,
            treatment=treatment,
            isr=answer.isr,
            provenance=answer.provenance,
            rule_id=answer.rule_id,
            elements_used=answer.elements_used,
        )
    if isinstance(answer, NeedsElement):
        rule = _rules.SEQUENTIAL_ELEMENTS
        error, field, error_class = "missing", answer.field, "MissingElementError"
    else:
        rule = _rules.MAP_COMPLETE
        error, field, error_class = "not_rated", "logic_map", "NotRatedError"
    return IsrVector(
        harm=harm,
        duration=duration,
        treatment=treatment,
        error=error,
        error_field=field,
        error_class=error_class,
        provenance=rule.citation.provenance,
        rule_id=rule.id,
    )


def vectors_of(answers: Mapping[Key, Answer]) -> tuple[IsrVector, ...]:
    """The vector of every input, in a fixed order (harm, then duration, then treatment)."""
    return tuple(_vector(key, answers[key]) for key in INPUTS)


def differences(
    ours: tuple[IsrVector, ...], name: str, theirs: tuple[IsrVector, ...], other_name: str
) -> tuple[MapDifference, ...]:
    """The inputs whose answers (ISR, or error and its field) differ between two vector sets."""
    out: list[MapDifference] = []
    for a, b in zip(ours, theirs, strict=True):
        assert a.key == b.key
        if a.answer != b.answer:
            out.append(
                MapDifference(
                    harm=a.harm,
                    duration=a.duration,
                    treatment=a.treatment,
                    logic_map=name,
                    isr=a.isr,
                    error=a.error,
                    provenance=a.provenance,
                    rule_id=a.rule_id,
                    other_logic_map=other_name,
                    other_isr=b.isr,
                    other_error=b.error,
                    other_provenance=b.provenance,
                    other_rule_id=b.rule_id,
                )
            )
    return tuple(out)


_CSV_COLUMNS = (
    "harm",
    "duration",
    "treatment",
    "isr",
    "error",
    "error_field",
    "error_class",
    "provenance",
    "rule_id",
    "elements_used",
    "logic_map",
    "logic_map_digest",
)


def vectors_json(vectors: tuple[IsrVector, ...], name: str, digest: str) -> str:
    """The vectors as JSON text: ``{"format", "logic_map", "logic_map_digest", "vectors"}``."""
    document = {
        "format": VECTORS_FORMAT,
        "logic_map": name,
        "logic_map_digest": digest,
        "count": len(vectors),
        "vectors": [v.model_dump(mode="json") for v in vectors],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def vectors_csv(vectors: tuple[IsrVector, ...], name: str, digest: str) -> str:
    """The vectors as CSV text, one input a line; empty cells where a value is ``None``.

    ``elements_used`` is space-separated; every line names the map and its digest.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for v in vectors:
        writer.writerow(
            (
                v.harm.value,
                "" if v.duration is None else v.duration.value,
                "" if v.treatment is None else v.treatment.value,
                "" if v.isr is None else v.isr.value,
                v.error or "",
                v.error_field or "",
                v.error_class or "",
                v.provenance.value,
                v.rule_id,
                " ".join(v.elements_used),
                name,
                digest,
            )
        )
    return buffer.getvalue()
