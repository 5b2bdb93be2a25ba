"""The default logic map: our reconstruction of Figure 1, with the provenance of every cell.

The guidance's "Figure 1. Clinical ISR logic map" is an image that is not in the text, and no
public copy was found. These 14 paths are the reconstruction of ``docs/reference/vhims-isr.md``
(*Reconstructed logic map (default table)*): 4 are stated by the guidance's worked examples
(Rebecca, Harry, Tony, Emma), 10 are inferred, each with its reasoning in the citation's note.
An ISR from an inferred cell is not the guidance's: load the authoritative map
(:meth:`~casereview.vhims.LogicMap.from_rows`) to rate identically to VHIMS.

>>> len(DEFAULT_ROWS), sum(row.provenance == "stated" for row in DEFAULT_ROWS)
(14, 4)
>>> [row.path for row in DEFAULT_ROWS if row.provenance == "inferred"][:3]
['Death', 'Serious Sexual Safety Event', 'Severe → Permanent']
"""

from __future__ import annotations

from casereview.findings import Citation, Provenance
from casereview.vhims.models import HarmDuration, HarmLevel, Isr, LogicMapRow, TreatmentLevel
from casereview.vhims.worked_examples import EXAMPLE_BY_NAME

__all__ = ["DEFAULT_CELLS", "DEFAULT_NAME", "DEFAULT_ROWS"]

DEFAULT_NAME = "default"
"""The name of the reconstruction; every result it rates says ``logic_map == "default"``."""

H, D, T = HarmLevel, HarmDuration, TreatmentLevel
_REF = "ref-vhims-isr"
_REF_SECTION = "Reconstructed logic map (default table)"


def _stated(name: str) -> tuple[Isr, Citation]:
    example = EXAMPLE_BY_NAME[name]
    return example.isr, example.citation


def _inferred(isr: int, note: str) -> tuple[Isr, Citation]:
    citation = Citation(
        source=_REF, section=_REF_SECTION, provenance=Provenance.INFERRED, note=note
    )
    return Isr(isr), citation


_IMPLAUSIBLE = " The combination is also reported as implausible by check_consistency ({})."
_SERIOUS_NEVER_3_4 = (
    "Moderate and severe harm never rate 3 or 4 (a SAPSE needs ISR 1 or 2, and the law counts "
    "moderate and severe harm as serious)."
)

_DEFAULT_CELLS: tuple[
    tuple[HarmLevel, HarmDuration | None, TreatmentLevel | None, tuple[Isr, Citation]], ...
] = (
    (
        H.DEATH,
        None,
        None,
        _inferred(
            1,
            "Death is ISR 1 in every Victorian ISR scheme, and neither duration nor care changes "
            "it; the path ends at the level of harm.",
        ),
    ),
    (
        H.SERIOUS_SEXUAL_SAFETY_EVENT,
        None,
        None,
        _inferred(
            1,
            "A serious sexual safety event is defined by major harm and named with severe harm "
            "and death as the tiers above moderate; the path ends at the level of harm with the "
            "most severe rating.",
        ),
    ),
    (
        H.SEVERE,
        D.PERMANENT,
        None,
        _inferred(
            1,
            "Permanent severe harm cannot rate below temporary severe harm with advanced care "
            "(ISR 1, Case: Tony), so no level of care changes it; the path ends at duration.",
        ),
    ),
    (H.SEVERE, D.TEMPORARY, T.ADVANCED, _stated("Tony")),
    (
        H.SEVERE,
        D.TEMPORARY,
        T.INTERMEDIATE,
        _inferred(
            2,
            "The guidance consults treatment/care for severe temporary harm (Case: Tony), so some "
            "level of care must rate differently from Advanced, i.e. 2 (never 3 or 4). Which "
            "level first drops to 2 is unknown; we drop at Intermediate, as moderate harm does "
            "in Case: Rebecca (the only other rating possible here is 1). " + _SERIOUS_NEVER_3_4,
        ),
    ),
    (
        H.SEVERE,
        D.TEMPORARY,
        T.MINOR,
        _inferred(
            2,
            "As Severe → Temporary → Intermediate. "
            + _SERIOUS_NEVER_3_4
            + _IMPLAUSIBLE.format("vhims.consistency.severe-temporary-minor-care"),
        ),
    ),
    (
        H.SEVERE,
        D.TEMPORARY,
        T.NO_ADDITIONAL_TREATMENT_AND_CARE,
        _inferred(
            2,
            "As Severe → Temporary → Intermediate. "
            + _SERIOUS_NEVER_3_4
            + _IMPLAUSIBLE.format("vhims.consistency.serious-harm-no-care"),
        ),
    ),
    (
        H.MODERATE,
        D.PERMANENT,
        None,
        _inferred(
            1,
            "Case: Rebecca argues the duration at length, which matters only if Permanent "
            "changes the rating; permanent is the more severe duration, so ISR 1.",
        ),
    ),
    (
        H.MODERATE,
        D.TEMPORARY,
        T.ADVANCED,
        _inferred(
            1,
            "Life-saving or intensive care in response rates the most severe, as in Case: Tony.",
        ),
    ),
    (H.MODERATE, D.TEMPORARY, T.INTERMEDIATE, _stated("Rebecca")),
    (
        H.MODERATE,
        D.TEMPORARY,
        T.MINOR,
        _inferred(
            2,
            "Less care than Case: Rebecca (ISR 2) cannot rate more severe than 2 (monotone), and "
            "moderate harm never rates 3 or 4, so exactly 2. " + _SERIOUS_NEVER_3_4,
        ),
    ),
    (
        H.MODERATE,
        D.TEMPORARY,
        T.NO_ADDITIONAL_TREATMENT_AND_CARE,
        _inferred(
            2,
            "As Moderate → Temporary → Minor. "
            + _SERIOUS_NEVER_3_4
            + _IMPLAUSIBLE.format("vhims.consistency.serious-harm-no-care"),
        ),
    ),
    (H.MINOR, None, None, _stated("Harry")),
    (H.NO_HARM, None, None, _stated("Emma")),
)

DEFAULT_ROWS: tuple[LogicMapRow, ...] = tuple(
    LogicMapRow(harm=h, duration=d, treatment=t, isr=isr, citation=citation)
    for h, d, t, (isr, citation) in _DEFAULT_CELLS
)
"""The 14 cells of the reconstruction, in the reference table's order."""

DEFAULT_CELLS: frozenset[LogicMapRow] = frozenset(DEFAULT_ROWS)
"""The same cells as a set: a loaded cell equal to one (path, ISR and citation) is the library's
own claim, so its result is not ``asserted_by`` the loaded map."""
