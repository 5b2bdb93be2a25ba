"""Implausible combinations of the three ISR elements, reported as findings.

The v2 model "removes illogical combinations", but the exact list is in the VHIMS business rules
we do not have. Values the ISR path does not consult are still recorded in the MDS, so
consistency is a separate check from the derivation: these are *warnings*, each with its reason
and the clause it rests on, and :func:`~casereview.vhims.derive_isr` still returns its ISR unless
asked to be ``strict``.

>>> [f.code for f in check_consistency("No harm", "Temporary", "Advanced")]
['vhims.consistency.no-harm-with-duration', 'vhims.consistency.no-harm-with-care']
>>> check_consistency("Moderate", "Temporary", "Intermediate")
()
"""

from __future__ import annotations

from functools import cache

from casereview._input import items, refuse
from casereview.errors import CaseReviewError
from casereview.findings import Finding, Rule, Severity
from casereview.vhims import _rules
from casereview.vhims._parse import parse_elements
from casereview.vhims.models import HarmDuration, HarmLevel, TreatmentLevel

__all__ = ["InconsistentElementsError", "check_consistency"]

H, D, T = HarmLevel, HarmDuration, TreatmentLevel


class InconsistentElementsError(CaseReviewError):
    """Raised by ``derive_isr(..., strict=True)``: the elements form an implausible combination.

    ``findings`` holds the consistency findings; ``field`` names the first one's field.
    """

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        taken = items(findings, field="findings", limit=100)
        if not taken or not all(isinstance(f, Finding) for f in taken):
            refuse("findings", "one or more consistency findings", findings)
        self.findings: tuple[Finding, ...] = taken
        listed = "; ".join(f"{f.message} ({f.code})" for f in taken)
        field = taken[0].field
        where = f"{field}: " if field else ""
        super().__init__(f"{where}implausible combination of ISR elements: {listed}", field=field)


def check_consistency(
    harm: HarmLevel | str,
    duration: HarmDuration | str | None = None,
    treatment: TreatmentLevel | str | None = None,
) -> tuple[Finding, ...]:
    """The implausible-combination findings (warnings) for these element values.

    Takes members or labels (any case, outer spaces ignored); ``None`` (or blank) for an
    element not recorded.

    Raises:
        MissingElementError: ``harm`` is missing.
        UnknownValueError: a label is not one of the allowed values (the message lists them).
    """
    return _findings(*parse_elements(harm, duration, treatment))


@cache
def _findings(
    harm: HarmLevel, duration: HarmDuration | None, treatment: TreatmentLevel | None
) -> tuple[Finding, ...]:
    found: list[Finding] = []

    def warn(rule: Rule, message: str, field: str) -> None:
        found.append(rule.finding(message, field=field, severity=Severity.WARNING))

    if harm is H.NO_HARM:
        if duration is not None:
            warn(
                _rules.NO_HARM_WITH_DURATION,
                f"No harm has no duration, but duration is {duration.value!r}.",
                "duration",
            )
        if treatment in (T.INTERMEDIATE, T.ADVANCED):
            assert treatment is not None
            warn(
                _rules.NO_HARM_WITH_CARE,
                f"No harm with {treatment.value} treatment/care is an illogical combination: "
                "care beyond minor answers harm.",
                "treatment",
            )
    elif harm is H.MINOR:
        if duration is D.PERMANENT:
            warn(
                _rules.MINOR_HARM_PERMANENT,
                "Minor harm is temporary by definition, but duration is 'Permanent'.",
                "duration",
            )
        if treatment is T.ADVANCED:
            warn(
                _rules.MINOR_HARM_ADVANCED_CARE,
                "Minor harm resolves without change to care acuity, but treatment/care is "
                "'Advanced'.",
                "treatment",
            )
    elif harm in (H.MODERATE, H.SEVERE):
        if treatment is T.NO_ADDITIONAL_TREATMENT_AND_CARE:
            warn(
                _rules.SERIOUS_HARM_NO_CARE,
                f"{harm.value} harm needs (or would most likely have needed) some treatment or "
                "care, but treatment/care is 'No additional treatment and care'.",
                "treatment",
            )
        if harm is H.SEVERE and duration is D.TEMPORARY and treatment is T.MINOR:
            warn(
                _rules.SEVERE_TEMPORARY_MINOR_CARE,
                "Severe temporary harm means a significant reduction in function (e.g. "
                "dependence on high acuity care), but treatment/care is only 'Minor'.",
                "treatment",
            )
    return tuple(found)
