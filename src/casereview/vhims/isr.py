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

from casereview._input import option
from casereview.errors import CaseReviewError, MissingElementError
from casereview.vhims._parse import parse_elements
from casereview.vhims.consistency import InconsistentElementsError, check_consistency
from casereview.vhims.logic_map import LogicMap, not_rated
from casereview.vhims.map_resolve import NeedsElement, NotRated
from casereview.vhims.models import HarmDuration, HarmLevel, IsrResult, TreatmentLevel

__all__ = ["derive_isr"]

_DEFAULT = LogicMap.default()
_DEFAULT_FAST: dict[Any, Any] = _DEFAULT._fast


def derive_isr(
    harm: HarmLevel | str,
    duration: HarmDuration | str | None = None,
    treatment: TreatmentLevel | str | None = None,
    *,
    logic_map: LogicMap | None = None,
    strict: bool = False,
) -> IsrResult:
    """The ISR for these elements on ``logic_map`` (default: :meth:`LogicMap.default`).

    Takes members or labels (the label policy; blank means not recorded). Returns the
    precomputed, frozen :class:`IsrResult` of the deciding path, which names the map
    (``logic_map``, ``logic_map_digest``). With ``strict=True``, an implausible combination (see
    :func:`check_consistency`) is refused.

    Raises:
        MissingElementError: the path needs an element that is ``None``; names it.
        UnknownValueError: a label that is not allowed (even for an element the path does not
            consult); lists the allowed labels.
        NotRatedError: the (loaded) map does not rate this combination.
        InconsistentElementsError: ``strict=True`` and the combination is implausible.
    """
    # Hot path: members (or exact labels, which hash and compare like them) index a table of
    # every answered input, precomputed per map: three dict look-ups, no allocation. Anything
    # else (other spellings, a missing element, an unrated input, an unknown value) takes the
    # slow path.
    try:
        fast: dict[Any, Any] = (
            _DEFAULT_FAST
            if logic_map is None
            else logic_map._fast  # only a LogicMap's own table, never a look-alike's
            if isinstance(logic_map, LogicMap)
            else None
        )
        result: IsrResult = fast[harm][duration][treatment]
    except (KeyError, TypeError, AttributeError, ValueError):  # ValueError: a writable memoryview
        if logic_map is not None and not isinstance(logic_map, LogicMap):
            raise CaseReviewError(
                "logic_map: expected a LogicMap (LogicMap.default() or LogicMap.from_rows(...)), "
                f"got {type(logic_map).__name__}",
                field="logic_map",
            ) from None
        return _derive_slowly(harm, duration, treatment, logic_map or _DEFAULT, strict)
    if strict is not False:
        _refuse_implausible(harm, duration, treatment, strict)
    return result


def _derive_slowly(
    harm: object, duration: object, treatment: object, logic_map: LogicMap, strict: object
) -> IsrResult:
    """Parse the labels, then look the input up, naming what is missing or unrated."""
    h, d, t = parse_elements(harm, duration, treatment)
    answer = logic_map.answer((h, d, t))
    if isinstance(answer, NeedsElement):
        raise MissingElementError(answer.field, answer.reason)
    if isinstance(answer, NotRated):
        raise not_rated(logic_map, (h, d, t))
    if strict is not False:
        _refuse_implausible(h, d, t, strict)
    return answer


def _refuse_implausible(harm: object, duration: object, treatment: object, strict: object) -> None:
    if not option(strict, field="strict"):
        return
    findings = check_consistency(harm, duration, treatment)  # type: ignore[arg-type]
    if findings:
        raise InconsistentElementsError(findings)
