"""The guidance's four case examples: the conformance floor of every logic map.

Seed "Clinical Incident Severity Rating (ISR) Model", *Case examples*: "The following cases are
presented to demonstrate the application of the *clinical ISR*." Each example is the elements
the guidance assigns and the ISR it derives, cited verbatim (the seed's bold markers included).
Harry and Emma are rated from the level of harm alone; Rebecca and Tony use all three elements.

>>> [(e.name, e.isr.value, e.elements_used) for e in WORKED_EXAMPLES][:2]
[('Rebecca', 2, ('harm', 'duration', 'treatment')), ('Harry', 3, ('harm',))]
"""

from __future__ import annotations

from casereview.findings import Citation
from casereview.vhims.models import HarmDuration, HarmLevel, Isr, TreatmentLevel, WorkedExample

__all__ = ["EXAMPLE_BY_NAME", "WORKED_EXAMPLES"]

H, D, T = HarmLevel, HarmDuration, TreatmentLevel
_SEED = "vhims-isr-guidance"


def _example(
    name: str,
    quote: str,
    harm: HarmLevel,
    duration: HarmDuration | None,
    treatment: TreatmentLevel | None,
    isr: Isr,
) -> WorkedExample:
    used = " / ".join(e.value for e in (harm, duration, treatment) if e is not None)
    citation = Citation(
        source=_SEED,
        section=f"Case: {name}",
        quote=quote,
        note=f"The guidance assigns {used} and derives ISR {isr.value}.",
    )
    return WorkedExample(
        name=name, harm=harm, duration=duration, treatment=treatment, isr=isr, citation=citation
    )


_ALL_THREE = (
    "Based on the level of harm, duration of harm and level of treatment/care this incident has "
    "an **ISR of {}**."
)
WORKED_EXAMPLES: tuple[WorkedExample, ...] = (
    _example("Rebecca", _ALL_THREE.format(2), H.MODERATE, D.TEMPORARY, T.INTERMEDIATE, Isr(2)),
    _example(
        "Harry",
        "Based on the level of harm, this incident has an **ISR of 3**. Where the level of harm "
        "is minor, the duration of harm and level of care/treatment are not required to "
        "determine the ISR.",
        H.MINOR,
        None,
        None,
        Isr(3),
    ),
    _example("Tony", _ALL_THREE.format(1), H.SEVERE, D.TEMPORARY, T.ADVANCED, Isr(1)),
    _example(
        "Emma",
        "Based on the level of harm, this incident has an **ISR of 4**. Where the level of harm "
        "is no-harm, the duration of harm and level of care/treatment are not required to "
        "determine the ISR.",
        H.NO_HARM,
        None,
        None,
        Isr(4),
    ),
)
"""The guidance's four case examples: the conformance floor of every logic map."""
EXAMPLE_BY_NAME = {e.name: e for e in WORKED_EXAMPLES}
