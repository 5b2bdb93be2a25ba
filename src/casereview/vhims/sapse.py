"""Serious adverse patient safety events (SAPSE): the guidance's four criteria.

The guidance (*Relationship with APSE flag*): "If the following criteria are met and the health
service is under SDC obligations, then the record may be considered a SAPSE: Incident type =
"Clinical" ISR = "1" or "2" Clinical incident flag = "Yes" Did treatment or care go as intended
and as expected = "No"". Whether an incident is an APSE does not change its ISR.
:func:`is_sapse` assumes the service is under SDC obligations unless told otherwise
(``under_duty_of_candour=False``); see its docstring.

>>> is_sapse(incident_type="Clinical", isr=2, clinical_incident=True, went_as_intended=False)
True
>>> is_sapse(incident_type="clinical", isr="3", clinical_incident="Yes", went_as_intended="No")
False
"""

from __future__ import annotations

from casereview._input import is_missing, optional_flag, refuse
from casereview._labels import label_key
from casereview.errors import MissingElementError
from casereview.vhims.models import Isr

__all__ = ["is_clinical", "is_sapse"]

_CLINICAL = "clinical"


def is_clinical(incident_type: object) -> bool:
    """Whether an incident type is ``"Clinical"`` (the label policy: any case, white space).

    Raises:
        CaseReviewError: not a non-empty text.
    """
    if not isinstance(incident_type, str) or not incident_type.strip():
        refuse("incident_type", "the incident type's label", incident_type)
    return label_key(incident_type) == _CLINICAL


def is_sapse(
    *,
    incident_type: str | None,
    isr: Isr | int | str | None,
    clinical_incident: bool | str | None,
    went_as_intended: bool | str | None,
    under_duty_of_candour: bool | str | None = True,
) -> bool:
    """Whether the record may be considered a SAPSE (rule ``vhims.sapse.criteria``).

    All four criteria must hold: ``incident_type`` is ``"Clinical"`` (any case; the seed names
    no other VHIMS incident type, so others are simply "not Clinical"), ``isr`` is 1 or 2, the
    clinical-incident flag is yes, and treatment or care did *not* go as intended and as
    expected. Flags take ``True``/``False`` or ``"Yes"``/``"No"`` (the input policy).

    **The default assumes the fifth condition.** The guidance's sentence has five conditions:
    the four criteria "and the health service is under SDC obligations". The public contract
    names only the four, so ``under_duty_of_candour`` defaults to ``True``: a call that leaves
    it out answers *as if the service is under statutory duty of candour obligations*, and a
    ``True`` then means "a SAPSE if the service is under SDC obligations". Pass
    ``under_duty_of_candour=False`` for a service that is not (the answer is ``False``), or
    ``True`` to say that it is. A :class:`~casereview.vhims.ClinicalIncident` has no such
    default: its ``is_sapse()`` asks for the flag (``MissingElementError``) when it matters.

    >>> is_sapse(incident_type="Clinical", isr=1, clinical_incident=True,
    ...          went_as_intended=False, under_duty_of_candour=False)
    False

    A missing element (``None``, ``NaN``, blank) is asked for only when the answer depends on
    it: when a criterion that was given already fails, the answer is ``False`` whatever the
    missing ones would say.

    >>> is_sapse(incident_type=None, isr=3, clinical_incident=None, went_as_intended=None)
    False

    Raises:
        CaseReviewError: a flag or incident type of the wrong kind, naming the parameter.
        MissingElementError: an element that is missing while the answer depends on it.
        UnknownValueError: an ISR that is not 1-4.
    """
    # Each criterion as True, False or None (not given); a given one that fails decides.
    criteria: dict[str, bool | None] = {
        "incident_type": None if is_missing(incident_type) else is_clinical(incident_type),
        "isr": (None if is_missing(isr) else Isr.parse(isr, field="isr") <= Isr.MODERATE),
        "clinical_incident": optional_flag(clinical_incident, field="clinical_incident"),
        "went_as_intended": _negated(optional_flag(went_as_intended, field="went_as_intended")),
        "under_duty_of_candour": optional_flag(
            under_duty_of_candour, field="under_duty_of_candour"
        ),
    }
    if False in criteria.values():
        return False
    missing = [name for name, met in criteria.items() if met is None]
    if missing:
        raise MissingElementError(
            missing[0], "every SAPSE criterion given holds, so the answer depends on it"
        )
    return True


def _negated(value: bool | None) -> bool | None:
    return None if value is None else not value
