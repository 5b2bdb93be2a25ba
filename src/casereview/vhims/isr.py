"""Deriving the clinical ISR from the three elements, along the logic map's sequential paths.

The guidance: "In the new clinical ISR model, the ISR is calculated from three sequential
elements" — level of harm, then duration of harm, then level of treatment/care — and "In some
cases, severity will be determined based on level of harm only." The path decides which
elements are consulted; the others are not looked at (but an unknown label is still refused).

>>> result = derive_isr(HarmLevel.MODERATE, HarmDuration.TEMPORARY, TreatmentLevel.INTERMEDIATE)
>>> result.isr, result.confirmed, result.elements_used
(<Isr.MODERATE: 2>, True, ('harm', 'duration', 'treatment'))
>>> derive_isr(" minor ", "Permanent", "Advanced").elements_used  # the path ends at harm
('harm',)
>>> derive_isr("Severe")
Traceback (most recent call last):
...
casereview.errors.MissingElementError: duration is required: the path for harm 'Severe' ...
"""

from __future__ import annotations

from typing import Any

from casereview.errors import CaseReviewError, MissingElementError
from casereview.vhims import _rules
from casereview.vhims._parse import parse_elements
from casereview.vhims.consistency import InconsistentElementsError, check_consistency
from casereview.vhims.logic_map import LogicMap
from casereview.vhims.models import HarmDuration, HarmLevel, IsrResult, TreatmentLevel

__all__ = ["derive_isr"]

_DEFAULT_TABLE: dict[HarmLevel, Any] = LogicMap.default()._table
_DEFAULT_FAST: dict[Any, Any] = LogicMap.default()._fast
_SEQUENTIAL = _rules.SEQUENTIAL_ELEMENTS.id


def derive_isr(
    harm: HarmLevel | str,
    duration: HarmDuration | str | None = None,
    treatment: TreatmentLevel | str | None = None,
    *,
    logic_map: LogicMap | None = None,
    strict: bool = False,
) -> IsrResult:
    """The ISR for these elements on ``logic_map`` (default: :meth:`LogicMap.default`).

    Takes members or labels (any case, outer spaces ignored; blank means not recorded). Returns
    the precomputed, frozen :class:`IsrResult` of the deciding path. With ``strict=True``, an
    implausible combination (see :func:`check_consistency`) is refused.

    Raises:
        MissingElementError: the path needs an element that is ``None``; names it.
        UnknownValueError: a label that is not allowed (even for an element the path does not
            consult); lists the allowed labels.
        InconsistentElementsError: ``strict=True`` and the combination is implausible.
    """
    # Hot path: members (or exact labels, which hash and compare like them) index a table of
    # every derivable triple, precomputed per map: three dict look-ups, no allocation. Anything
    # else (other spellings, a missing element, an unknown value) takes the slow path.
    try:
        fast: dict[Any, Any] = _DEFAULT_FAST if logic_map is None else logic_map._fast
        result: IsrResult = fast[harm][duration][treatment]
    except (KeyError, TypeError, AttributeError):
        if logic_map is None:
            return _derive_slowly(harm, duration, treatment, _DEFAULT_TABLE, strict)
        if not isinstance(logic_map, LogicMap):
            raise CaseReviewError(
                "logic_map: expected a LogicMap (LogicMap.default() or LogicMap.from_rows(...)), "
                f"got {type(logic_map).__name__}",
                field="logic_map",
            ) from None
        return _derive_slowly(harm, duration, treatment, logic_map._table, strict)
    if strict:
        _refuse_implausible(harm, duration, treatment)
    return result


def _derive_slowly(
    harm: object, duration: object, treatment: object, table: dict[HarmLevel, Any], strict: bool
) -> IsrResult:
    """Parse the labels, then walk the table, naming what is missing."""
    h, d, t = parse_elements(harm, duration, treatment)
    node = table[h]
    if type(node) is dict:
        if d is None:
            raise MissingElementError(
                "duration",
                f"the path for harm {h.value!r} continues to the duration of harm ({_SEQUENTIAL})",
            )
        node = node[d]
        if type(node) is dict:
            if t is None:
                raise MissingElementError(
                    "treatment",
                    f"the path for harm {h.value!r} and duration {d.value!r} continues to the "
                    f"level of treatment/care ({_SEQUENTIAL})",
                )
            node = node[t]
    if strict:
        _refuse_implausible(h, d, t)
    result: IsrResult = node
    return result


def _refuse_implausible(harm: object, duration: object, treatment: object) -> None:
    findings = check_consistency(harm, duration, treatment)  # type: ignore[arg-type]
    if findings:
        raise InconsistentElementsError(findings)
