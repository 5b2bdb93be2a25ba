"""The types of the VHIMS clinical ISR rulebook: the three ISR elements, the ISR, review levels.

Types only: this module imports no decision module of the rulebook (data flows one way; the
record with its convenience methods, :class:`~casereview.vhims.incident.ClinicalIncident`, sits
above the decisions it calls).

The element enums' values are the guidance's exact labels (seed "Clinical Incident Severity
Rating (ISR) Model", *Level of harm values and descriptions*, *Duration of harm values and
descriptions*, *Level of treatment/care values and descriptions*). No numeric VHIMS MDS extract
codes are known, so none are invented. Labels follow the label policy of
:mod:`casereview._labels` (any case, white space folded, ASCII digits only, no foreign members):

>>> HarmLevel.parse("  serious sexual safety EVENT ", field="harm")
<HarmLevel.SERIOUS_SEXUAL_SAFETY_EVENT: 'Serious Sexual Safety Event'>
>>> TreatmentLevel.parse(HarmLevel.MINOR, field="treatment")
Traceback (most recent call last):
...
casereview.errors.UnknownValueError: treatment: <HarmLevel.MINOR: 'Minor'> is not an allowed ...
>>> Isr.parse("ISR 2", field="isr"), Isr.parse(str(Isr.SEVERE), field="isr")
(<Isr.MODERATE: 2>, <Isr.SEVERE: 1>)
>>> Isr.SEVERE.label
'Severe'
"""

from __future__ import annotations

import operator
import re
from enum import IntEnum
from typing import Self

from pydantic import Field

from casereview._base import FrozenModel
from casereview._labels import LabelEnum, foreign_member, label_key, normalise_label
from casereview.errors import UnknownValueError, shown
from casereview.findings import Citation, Provenance

__all__ = [
    "ELEMENTS",
    "RULESET",
    "HarmDuration",
    "HarmLevel",
    "Isr",
    "IsrResult",
    "LogicMapRow",
    "ReviewLevel",
    "TreatmentLevel",
    "WorkedExample",
    "path_rule_id",
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
        """The rating for a member, ``1``-``4``, ``"1"``, ``"ISR 1"``, ``"Severe"`` or its text.

        Its own text (``str(Isr.SEVERE)``, ``"ISR 1 - Severe"`` with an en dash) round-trips;
        the label policy of :mod:`casereview._labels` applies. Digits must be ASCII (a
        superscript one is refused); a member of another enum (``HarmLevel.SEVERE``) and a
        ``bool`` are refused, whatever their value.

        Raises:
            UnknownValueError: anything else; the message lists the allowed values.
        """
        if isinstance(value, cls):
            return value
        if not foreign_member(value, cls) and not isinstance(value, bool | str | float):
            try:
                number = operator.index(value)  # type: ignore[arg-type]
            except TypeError:
                number = 0
            if 1 <= number <= 4:
                return cls(number)
        if isinstance(value, str) and not foreign_member(value, cls):
            member = _isr_from_text(value)
            if member is not None:
                return cls(member.value)
        raise UnknownValueError(field, value, [1, 2, 3, 4])


def _isr_from_text(text: str) -> Isr | None:
    """``"ISR 1 - Severe"`` (any dash), ``"isr1"``, ``"1"``, ``"Severe"``: the rating, or None."""
    match = _ISR_TEXT.fullmatch(label_key(text))
    if match is None:  # pragma: no cover - the last alternative matches any non-empty text
        return None
    digit, label, alone = match.groups()
    if digit is not None:  # ASCII digits only ([1-4] under re.ASCII): "¹" is not a rating
        member = Isr(int(digit))
        return member if label is None or label in _ISR_KEYS[member] else None
    return next((member for member in Isr if alone in _ISR_KEYS[member]), None)


_ISR_TEXT = re.compile(r"(?:isr)?[ -]*(?:([1-4])(?:[ -]+(.+))?|(.*))", re.ASCII)
_ISR_KEYS = {
    member: frozenset({label_key(_ISR_LABELS[member.value]), member.name.casefold()})
    for member in Isr
}


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


def path_rule_id(
    harm: HarmLevel, duration: HarmDuration | None = None, treatment: TreatmentLevel | None = None
) -> str:
    """The stable rule id of a path: ``vhims.isr.path.severe-permanent``.

    >>> path_rule_id(HarmLevel.NO_HARM)
    'vhims.isr.path.no-harm'
    """
    return "vhims.isr.path." + _slug(harm, duration, treatment)


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
        return path_rule_id(self.harm, self.duration, self.treatment)

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
    the source it cites: for the built-in map, the guidance's worked examples (checked verbatim
    against the guidance by the library's tests); for a loaded map, the source its rows name —
    an authority's map *is* the authority, so a health service that loads its authoritative
    Figure 1 with ``"provenance": "stated"`` gets confirmed results. ``asserted_by`` tells the
    two apart: ``None`` when the deciding cell is the library's own (a cell of the built-in
    reconstruction, citation and all), else the name of the loaded map whose rows assert that
    provenance — the library has not checked it. ``logic_map`` and ``logic_map_digest`` say
    which map rated it, so an audit can tell a default-map ISR from an authoritative-map ISR.
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
    logic_map: str = Field(min_length=1)
    """The name of the map that rated it: ``"default"`` for the reconstruction, else the name
    given when the map was loaded."""
    logic_map_digest: str = Field(pattern=r"^[0-9a-f]{64}$")
    """The map's content digest (SHA-256, hex): tells two maps of the same name apart."""
    asserted_by: str | None = Field(default=None, min_length=1)
    """``None`` when the deciding cell and its provenance are the library's own (the built-in
    reconstruction's cell, also when a loaded map copies it exactly); otherwise the name of the
    loaded map whose rows assert the cell's provenance (``confirmed`` then means "stated, as
    that map says")."""

    @property
    def path(self) -> str:
        """The path that decided, as text: ``"Moderate → Temporary → Intermediate"``."""
        return _path_text(self.harm, self.duration, self.treatment)

    def __str__(self) -> str:
        sure = "confirmed by the source" if self.confirmed else self.provenance.value
        if self.asserted_by is not None:
            sure = f"{self.provenance.value}, as map {shown(self.asserted_by)} says"
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
