"""A clinical incident as the VHIMS MDS records it, with the ISR and SAPSE tests as methods.

The record sits above the decisions it calls (:func:`~casereview.vhims.derive_isr`,
:func:`~casereview.vhims.check_consistency`, :func:`~casereview.vhims.is_sapse`): the types in
:mod:`casereview.vhims.models` import none of them, so data flows one way.

>>> ClinicalIncident(harm="Minor").is_sapse()  # ISR 3: certainly not a SAPSE, nothing else needed
False
"""

from __future__ import annotations

from pydantic import Field

from casereview._base import FrozenModel
from casereview._input import refuse
from casereview.errors import MissingElementError
from casereview.findings import Finding
from casereview.vhims.consistency import check_consistency
from casereview.vhims.isr import derive_isr
from casereview.vhims.logic_map import LogicMap
from casereview.vhims.map_resolve import completions
from casereview.vhims.models import HarmDuration, HarmLevel, Isr, IsrResult, TreatmentLevel
from casereview.vhims.sapse import is_clinical, is_sapse

__all__ = ["ClinicalIncident"]


class ClinicalIncident(FrozenModel):
    """A clinical incident as the VHIMS MDS records it, for the ISR and the SAPSE test.

    Every field may be left out of a draft (no flag defaults to an answer: a missing flag is
    ``None``, never the value that would trigger or waive an obligation). Element fields take
    members or labels (the label policy); flags take booleans or ``"Yes"``/``"No"``.

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
        if self.harm is None:
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
        if self.harm is None:
            raise MissingElementError("harm", "consistency is judged against the level of harm")
        return check_consistency(self.harm, self.duration, self.treatment)

    def possible_isrs(self, *, logic_map: LogicMap | None = None) -> frozenset[Isr]:
        """The ISRs the map gives to the combinations this record could still be.

        One ISR when the recorded elements decide it; more while an element the path needs is
        missing; empty when the map rates none of them.

        >>> sorted(ClinicalIncident(harm="Severe").possible_isrs())
        [<Isr.SEVERE: 1>, <Isr.MODERATE: 2>]
        """
        chosen = LogicMap.default() if logic_map is None else logic_map
        if not isinstance(chosen, LogicMap):
            refuse("logic_map", "a LogicMap (or None for the default)", logic_map)
        harms = tuple(HarmLevel) if self.harm is None else (self.harm,)
        found: set[Isr] = set()
        for harm in harms:
            for full in completions((harm, self.duration, self.treatment)):
                answer = chosen.answer(full)
                if isinstance(answer, IsrResult):
                    found.add(answer.isr)
        return frozenset(found)

    def is_sapse(self, *, logic_map: LogicMap | None = None) -> bool:
        """Whether the record may be considered a SAPSE (see :func:`casereview.vhims.is_sapse`).

        ``False`` as soon as the recorded fields settle it — a service not under the duty, an
        incident that is not clinical or not flagged clinical, care that went as intended, or
        elements whose every possible ISR is 3 or 4 — even while other fields are missing.
        Otherwise every criterion is needed.

        Raises:
            MissingElementError: the answer is not yet certain; names the first field needed
                and not recorded (the flags first, then the elements the path needs).
            NotRatedError: a loaded ``logic_map`` does not rate the elements.
        """
        possible = self.possible_isrs(logic_map=logic_map)
        if (
            self.under_duty_of_candour is False
            or self.clinical_incident is False
            or self.went_as_intended is True
            or (self.incident_type is not None and not is_clinical(self.incident_type))
            or (possible and min(possible) > Isr.MODERATE)
        ):
            return False
        for name in ("incident_type", "clinical_incident", "went_as_intended"):
            if getattr(self, name) is None:
                raise MissingElementError(name, "the SAPSE criteria test it")
        if self.under_duty_of_candour is None:
            raise MissingElementError(
                "under_duty_of_candour", "a SAPSE exists only for services under the duty"
            )
        isr = self.derive_isr(logic_map=logic_map).isr
        assert self.incident_type is not None
        assert self.clinical_incident is not None
        assert self.went_as_intended is not None
        return is_sapse(
            incident_type=self.incident_type,
            isr=isr,
            clinical_incident=self.clinical_incident,
            went_as_intended=self.went_as_intended,
            under_duty_of_candour=self.under_duty_of_candour,
        )
