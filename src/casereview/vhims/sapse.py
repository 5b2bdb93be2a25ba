"""Serious adverse patient safety events (SAPSE): the guidance's four criteria.

The guidance (*Relationship with APSE flag*): "If the following criteria are met and the health
service is under SDC obligations, then the record may be considered a SAPSE: Incident type =
"Clinical" ISR = "1" or "2" Clinical incident flag = "Yes" Did treatment or care go as intended
and as expected = "No"". Whether an incident is an APSE does not change its ISR.

>>> is_sapse(incident_type="Clinical", isr=2, clinical_incident=True, went_as_intended=False)
True
>>> is_sapse(incident_type="clinical", isr="3", clinical_incident="Yes", went_as_intended="No")
False
"""

from __future__ import annotations

from casereview._labels import normalise_label
from casereview.errors import CaseReviewError
from casereview.vhims.models import Isr

__all__ = ["is_sapse"]

_CLINICAL = "clinical"
_YES_NO = {"yes": True, "no": False}


def _flag(value: object, field: str) -> bool:
    if type(value) is bool:
        return value
    if isinstance(value, str) and normalise_label(value) in _YES_NO:
        return _YES_NO[normalise_label(value)]
    raise CaseReviewError(f"{field}: expected True/False or 'Yes'/'No', got {value!r}", field=field)


def is_sapse(
    *,
    incident_type: str,
    isr: Isr | int | str,
    clinical_incident: bool | str,
    went_as_intended: bool | str,
    under_duty_of_candour: bool = True,
) -> bool:
    """Whether the record may be considered a SAPSE (rule ``vhims.sapse.criteria``).

    All four criteria must hold: ``incident_type`` is ``"Clinical"`` (any case; the seed names
    no other VHIMS incident type, so others are simply "not Clinical"), ``isr`` is 1 or 2, the
    clinical-incident flag is yes, and treatment or care did *not* go as intended and as
    expected. Flags take ``True``/``False`` or ``"Yes"``/``"No"``. The guidance applies the test
    only to services under statutory duty of candour obligations: pass
    ``under_duty_of_candour=False`` for a service that is not, and the answer is ``False``.

    Raises:
        CaseReviewError: a flag or incident type of the wrong kind, naming the parameter.
        UnknownValueError: an ISR that is not 1-4.
    """
    if not isinstance(incident_type, str) or not incident_type.strip():
        raise CaseReviewError(
            f"incident_type: expected the incident type's label, got {incident_type!r}",
            field="incident_type",
        )
    rating = Isr.parse(isr, field="isr")
    clinical = _flag(clinical_incident, "clinical_incident")
    as_intended = _flag(went_as_intended, "went_as_intended")
    under_duty = _flag(under_duty_of_candour, "under_duty_of_candour")
    return (
        under_duty
        and normalise_label(incident_type) == _CLINICAL
        and rating <= Isr.MODERATE
        and clinical
        and not as_intended
    )
