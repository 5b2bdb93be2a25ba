"""What is reviewed, and when a review is complete: two sentences the tracker stands on.

Every case the randomized TWS-M112 selects is reviewed, unless a substitution is accepted (the
clause: :mod:`casereview.kentucky_cqi.substitution`); a review is complete when its data is
entered into CQI-CARES 2.0, whatever was printed. The pull tracker's completion dates
(``first_level_completed_on``, ``regional_completed_on``) are those entry dates, so its done,
due and overdue states cite :data:`COMPLETE_WHEN_ENTERED`; a case replaced although its
substitution was not accepted breaks :data:`ALL_REVIEWED`.

>>> [r.citation.provenance.value for r in REVIEWED_RULES]
['stated', 'stated']
"""

from __future__ import annotations

from casereview.findings import Rule
from casereview.kentucky_cqi._cite import stated

__all__ = ["ALL_REVIEWED", "COMPLETE_WHEN_ENTERED", "REVIEWED_RULES"]

ALL_REVIEWED = stated(
    "kentucky_cqi.procedures.all-reviewed",
    "Every case selected on the TWS-M112 is reviewed (unless a substitution is accepted)",
    section="CQI Case Review Procedures",
    quote="All cases selected on the randomized TWS-M112 are reviewed.",
)
COMPLETE_WHEN_ENTERED = stated(
    "kentucky_cqi.process.complete-when-entered",
    "A review is complete when its data is entered into CQI-CARES 2.0",
    section="Process of Review",
    quote="However, the review is complete when the data is entered into CQI-CARES 2.0.",
)

REVIEWED_RULES: tuple[Rule, ...] = (ALL_REVIEWED, COMPLETE_WHEN_ENTERED)
