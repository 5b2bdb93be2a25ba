"""Golden snapshots of VHIMS results over every input combination: the exact text and order.

``test_isr.py`` and the ``test_mutants_*`` modules check what each rule decides; these record
the whole result a caller reads (ISR, provenance, the elements used, the deciding rule, the
citations in order, or the refusal's message) for every combination of harm, duration,
treatment and ``strict``, every ISR's minimum review, and every SAPSE criterion. A reworded or
reordered result shows up as a snapshot diff to review (``CASEREVIEW_UPDATE_SNAPSHOTS=1``).
"""

from __future__ import annotations

from collections import UserString
from itertools import product

from casereview.errors import CaseReviewError
from casereview.vhims import (
    HarmDuration,
    HarmLevel,
    Isr,
    LogicMap,
    TreatmentLevel,
    derive_isr,
    is_sapse,
    minimum_review,
    review_requirement,
)
from casereview.vhims.sapse import is_clinical
from tests.helpers import assert_matches_snapshot, brief


def _call(function: object, *args: object, **kwargs: object) -> object:
    assert callable(function)
    try:
        return brief(function(*args, **kwargs))
    except CaseReviewError as error:
        return brief(error)


def test_every_isr_result() -> None:
    results = {}
    for harm, duration, treatment, strict in product(
        HarmLevel, (None, *HarmDuration), (None, *TreatmentLevel), (False, True)
    ):
        key = " | ".join(
            (harm.value, duration.value if duration else "-", treatment.value if treatment else "-")
        )
        got = _call(derive_isr, harm, duration, treatment, strict=strict)
        if isinstance(got, dict):  # the map's name and digest are snapshotted elsewhere
            got = {k: v for k, v in got.items() if k not in ("logic_map", "logic_map_digest")}
        results[f"{key} | strict={strict}"] = got
    assert_matches_snapshot("vhims/golden/isr_results.json", results)


def test_every_review_requirement() -> None:
    results = {}
    for isr, sentinel, system in product(Isr, (False, True), (None, False, True)):
        key = f"ISR {isr.value} | sentinel={sentinel} | system_or_process_issues={system}"
        results[key] = {
            "review_requirement": _call(
                review_requirement, isr, sentinel_event=sentinel, system_or_process_issues=system
            ),
            "minimum_review": _call(
                minimum_review, isr, sentinel_event=sentinel, system_or_process_issues=system
            ),
        }
    assert_matches_snapshot("vhims/golden/review_requirements.json", results)


def test_every_sapse_answer() -> None:
    results = {}
    flags = (None, False, True)
    for kind, isr, clinical, intended, candour in product(
        ("Clinical", "Non-clinical", None), (None, *Isr), flags, flags, flags
    ):
        key = (
            f"{kind} | ISR {isr.value if isr else '-'} | clinical={clinical} | "
            f"went_as_intended={intended} | under_duty_of_candour={candour}"
        )
        results[key] = _call(
            is_sapse,
            incident_type=kind,
            isr=isr,
            clinical_incident=clinical,
            went_as_intended=intended,
            under_duty_of_candour=candour,
        )
    assert_matches_snapshot("vhims/golden/sapse.json", results)


def test_refusals_of_bad_arguments() -> None:
    """The exact refusal of each bad option and label (the field named, the value shown)."""
    results = {}
    for strict in ("no", 5, None):
        results[f"derive_isr strict={strict!r}"] = _call(derive_isr, "Death", strict=strict)
        results[f"derive_isr slow path strict={strict!r}"] = _call(
            derive_isr, " death ", strict=strict
        )
    for kind in (5, b"Clinical", "  "):
        results[f"is_clinical({kind!r})"] = _call(is_clinical, kind)
        results[f"is_sapse(incident_type={kind!r})"] = _call(
            is_sapse, incident_type=kind, isr=1, clinical_incident=True, went_as_intended=False
        )
    # A str look-alike is not a label on either path (the fast path's table, the label policy);
    # nor is a look-alike of a LogicMap a map.
    for harm in (UserString("Minor"), UserString(" minor ")):
        results[f"derive_isr({harm!r} as a UserString)"] = _call(derive_isr, harm)
    results["derive_isr(logic_map=a look-alike)"] = _call(
        derive_isr, "Minor", logic_map=_LookAlike()
    )
    assert_matches_snapshot("vhims/golden/refusals.json", results)


class _LookAlike:
    """Not a LogicMap, but carrying the default map's private fast table."""

    _fast = LogicMap.default()._fast

    def __repr__(self) -> str:
        return "_LookAlike()"
