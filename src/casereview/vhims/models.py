"""The types of the VHIMS clinical ISR rulebook: the three ISR elements, the ISR, review levels.

The element enums' values are the guidance's exact labels (seed "Clinical Incident Severity
Rating (ISR) Model", *Level of harm values and descriptions*, *Duration of harm values and
descriptions*, *Level of treatment/care values and descriptions*). No numeric VHIMS MDS extract
codes are known, so none are invented. Labels parse forgivingly (any case, outer spaces ignored):

>>> HarmLevel.parse("  serious sexual safety EVENT ", field="harm")
<HarmLevel.SERIOUS_SEXUAL_SAFETY_EVENT: 'Serious Sexual Safety Event'>
>>> Isr.parse("ISR 2", field="isr")
<Isr.MODERATE: 2>
>>> Isr.SEVERE.label
'Severe'
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Self

from pydantic import Field

from casereview._base import FrozenModel
from casereview._labels import LabelEnum, normalise_label
from casereview.errors import UnknownValueError
from casereview.findings import Citation, Finding, Provenance

if TYPE_CHECKING:
    from casereview.vhims.logic_map import LogicMap

__all__ = [
    "ELEMENTS",
    "RULESET",
    "ClinicalIncident",
    "HarmDuration",
    "HarmLevel",
    "Isr",
    "IsrResult",
    "LogicMapRow",
    "ReviewLevel",
    "TreatmentLevel",
    "WorkedExample",
]

RULESET = "VHIMS MDS v2"
"""The only clinical ISR ruleset known: the model of the VHIMS MDS version 2."""

ELEMENTS: tuple[str, str, str] = ("harm", "duration", "treatment")
"""The three ISR elements, in the guidance's sequential order (the parameter names)."""


class HarmLevel(LabelEnum):
    """*Level of harm*: the impact of the incident on the patient (the first ISR element)."""

    DEATH = "Death"
    SERIOUS_SEXUAL_SAFETY_EVENT = "Serious Sexual Safety Event"
    SEVERE = "Severe"
    MODERATE = "Moderate"
    MINOR = "Minor"
    NO_HARM = "No harm"


class HarmDuration(LabelEnum):
    """*Duration of harm*: whether the harm is, or is most likely to be, permanent."""

    PERMANENT = "Permanent"
    TEMPORARY = "Temporary"


class TreatmentLevel(LabelEnum):
    """*Level of treatment/care* given in response to the incident (the third ISR element)."""

    ADVANCED = "Advanced"
    INTERMEDIATE = "Intermediate"
    MINOR = "Minor"
    NO_ADDITIONAL_TREATMENT_AND_CARE = "No additional treatment and care"


_ISR_LABELS = {1: "Severe", 2: "Moderate", 3: "Minor", 4: "No Harm"}


class Isr(IntEnum):
    """The clinical Incident Severity Rating: 1 is the most severe.

    The guidance lists "ISR 1 - Severe" ... "ISR 4 - No Harm" (with en dashes).
    """

    SEVERE = 1
    MODERATE = 2
    MINOR = 3
    NO_HARM = 4

    @property
    def label(self) -> str:
        """The guidance's name for the rating (``"Severe"``, ..., ``"No Harm"``)."""
        return _ISR_LABELS[self.value]

    def __str__(self) -> str:
        return f"ISR {self.value} \u2013 {self.label}"

    @classmethod
    def parse(cls, value: object, *, field: str = "isr") -> Self:
        """The rating for a member, ``1``-``4``, ``"1"``, ``"ISR 1"``, ``"Severe"`` or ``"SEVERE"``.

        Raises:
            UnknownValueError: anything else; the message lists the allowed values.
        """
        if isinstance(value, cls):
            return value
        if type(value) is int and 1 <= value <= 4:
            return cls(value)
        if isinstance(value, str):
            text = normalise_label(value).removeprefix("isr").strip(" -\u2013")
            if text.isdigit() and 1 <= int(text) <= 4:
                return cls(int(text))
            for member in cls:
                if text in (normalise_label(member.label), member.name.casefold()):
                    return member
        raise UnknownValueError(field, value, [1, 2, 3, 4])


class ReviewLevel(LabelEnum):
    """The minimum level of review an incident needs (most thorough first)."""

    ROOT_CAUSE_ANALYSIS = "Root cause analysis"
    IN_DEPTH_CASE_REVIEW = "In-depth case review"
    AGGREGATE_REVIEW = "Aggregate review"


def _path_text(
    harm: HarmLevel, duration: HarmDuration | None, treatment: TreatmentLevel | None
) -> str:
    return " → ".join(e.value for e in (harm, duration, treatment) if e is not None)


def _slug(*parts: LabelEnum | None) -> str:
    return "-".join(normalise_label(p.value).replace(" ", "-") for p in parts if p is not None)


class LogicMapRow(FrozenModel):
    """One cell of the ISR logic map: a path through the elements and the ISR it gives.

    ``duration`` is ``None`` when the path ends at the level of harm; ``treatment`` is ``None``
    when it ends at the duration. ``citation.provenance`` says whether the source states the
    cell (``stated``), the caller's configuration supplied it, or we reconstructed it
    (``inferred``, reasoning in ``citation.note``).
    """

    harm: HarmLevel
    duration: HarmDuration | None = None
    treatment: TreatmentLevel | None = None
    isr: Isr
    citation: Citation

    @property
    def elements_used(self) -> tuple[str, ...]:
        """The elements this path consults, in order (``("harm",)`` ... all three)."""
        return ELEMENTS[: 1 + (self.duration is not None) + (self.treatment is not None)]

    @property
    def rule_id(self) -> str:
        """The stable rule id of the cell, from its path: ``vhims.isr.path.severe-permanent``."""
        return "vhims.isr.path." + _slug(self.harm, self.duration, self.treatment)

    @property
    def path(self) -> str:
        """The path as text: ``"Severe → Temporary → Advanced"``."""
        return _path_text(self.harm, self.duration, self.treatment)

    @property
    def provenance(self) -> Provenance:
        """How sure the cell is (its citation's provenance)."""
        return self.citation.provenance


class IsrResult(FrozenModel):
    """The ISR derived for one path, with the elements consulted and why.

    Only the elements the path consulted are recorded (``elements_used``); the others were not
    looked at and do not appear. ``confirmed`` is true only when the deciding cell is stated by
    the source (or by the caller's map, when it says its cells are stated).
    """

    isr: Isr
    confirmed: bool
    provenance: Provenance
    elements_used: tuple[str, ...]
    harm: HarmLevel
    duration: HarmDuration | None = None
    treatment: TreatmentLevel | None = None
    rule_id: str
    citations: tuple[Citation, ...]
    ruleset: str = RULESET

    @property
    def path(self) -> str:
        """The path that decided, as text: ``"Moderate → Temporary → Intermediate"``."""
        return _path_text(self.harm, self.duration, self.treatment)

    def __str__(self) -> str:
        sure = "confirmed by the source" if self.confirmed else self.provenance.value
        return f"{self.isr} ({self.path}; {sure})"


class WorkedExample(FrozenModel):
    """A case example of the guidance: the elements it assigns and the ISR it derives."""

    name: str
    harm: HarmLevel
    duration: HarmDuration | None = None
    treatment: TreatmentLevel | None = None
    isr: Isr
    citation: Citation

    @property
    def elements_used(self) -> tuple[str, ...]:
        """The elements the guidance says decide this case."""
        return ELEMENTS[: 1 + (self.duration is not None) + (self.treatment is not None)]


class ClinicalIncident(FrozenModel):
    """A clinical incident as the VHIMS MDS records it, for the ISR and the SAPSE test.

    Every field may be left out of a draft. Element fields take members or labels (any case,
    outer spaces ignored); flags take booleans or ``"Yes"``/``"No"``.

    >>> tony = ClinicalIncident(harm="severe", duration="Temporary", treatment="ADVANCED",
    ...                         incident_type="Clinical", clinical_incident="Yes",
    ...                         went_as_intended="No", under_duty_of_candour=True)
    >>> tony.isr
    <Isr.SEVERE: 1>
    >>> tony.is_sapse()
    True
    """

    harm: HarmLevel | None = None
    duration: HarmDuration | None = None
    treatment: TreatmentLevel | None = None
    incident_type: str | None = Field(default=None, min_length=1)
    clinical_incident: bool | None = None
    """The VHIMS *Clinical incident flag*."""
    went_as_intended: bool | None = None
    """*Did treatment or care go as intended and as expected* (``False`` makes it an APSE)."""
    under_duty_of_candour: bool | None = None
    """Whether the health service is under statutory duty of candour obligations."""

    def derive_isr(self, *, logic_map: LogicMap | None = None, strict: bool = False) -> IsrResult:
        """The ISR of this incident (see :func:`casereview.vhims.derive_isr`)."""
        from casereview.vhims.isr import derive_isr

        if self.harm is None:
            from casereview.errors import MissingElementError

            raise MissingElementError("harm", "the ISR path starts at the level of harm")
        return derive_isr(
            self.harm, self.duration, self.treatment, logic_map=logic_map, strict=strict
        )

    @property
    def isr(self) -> Isr:
        """The ISR on the default logic map; raises when an element the path needs is missing."""
        return self.derive_isr().isr

    def consistency(self) -> tuple[Finding, ...]:
        """Implausible element combinations (see :func:`casereview.vhims.check_consistency`)."""
        from casereview.vhims.consistency import check_consistency

        if self.harm is None:
            from casereview.errors import MissingElementError

            raise MissingElementError("harm", "consistency is judged against the level of harm")
        return check_consistency(self.harm, self.duration, self.treatment)

    def is_sapse(self, *, logic_map: LogicMap | None = None) -> bool:
        """Whether the record may be considered a SAPSE (see :func:`casereview.vhims.is_sapse`).

        Raises :class:`~casereview.errors.MissingElementError` naming the first field needed
        and not recorded.
        """
        from casereview.errors import MissingElementError
        from casereview.vhims.sapse import is_sapse

        for name in ("incident_type", "clinical_incident", "went_as_intended"):
            if getattr(self, name) is None:
                raise MissingElementError(name, "the SAPSE criteria test it")
        if self.under_duty_of_candour is None:
            raise MissingElementError(
                "under_duty_of_candour", "a SAPSE exists only for services under the duty"
            )
        assert self.incident_type is not None
        assert self.clinical_incident is not None
        assert self.went_as_intended is not None
        return is_sapse(
            incident_type=self.incident_type,
            isr=self.derive_isr(logic_map=logic_map).isr,
            clinical_incident=self.clinical_incident,
            went_as_intended=self.went_as_intended,
            under_duty_of_candour=self.under_duty_of_candour,
        )
