"""VHIMS clinical Incident Severity Rating (VHIMS MDS v2), SAPSE, minimum review and deadlines.

Source: "Clinical Incident Severity Rating (ISR) Model — Guidance for health services
implementing the VHIMS MDS version 2" (Victorian Department of Health; ``vhims-isr-guidance``).
Its logic map (Figure 1) is not in the text: the map is data (:class:`LogicMap`), the default
is our reconstruction with the provenance of every cell, and a health service can load the
authoritative one. See ``docs/vhims.md``.

>>> from casereview.vhims import derive_isr
>>> result = derive_isr("Severe", "Temporary", "Advanced")  # Case: Tony
>>> result.isr, result.confirmed
(<Isr.SEVERE: 1>, True)
"""

from __future__ import annotations

from casereview.findings import Rule
from casereview.vhims._rules import GENERAL_RULES
from casereview.vhims.conformance import IsrVector, MapDifference
from casereview.vhims.consistency import InconsistentElementsError, check_consistency
from casereview.vhims.deadlines import (
    CANDOUR_IN_FORCE_FROM,
    DutyOfCandourDeadlines,
    SentinelEventDeadlines,
    duty_of_candour_deadlines,
    sentinel_event_deadlines,
)
from casereview.vhims.incident import ClinicalIncident
from casereview.vhims.isr import derive_isr
from casereview.vhims.logic_map import LogicMap
from casereview.vhims.map_checks import MapFinding
from casereview.vhims.map_errors import LogicMapError, NotRatedError
from casereview.vhims.models import (
    RULESET,
    HarmDuration,
    HarmLevel,
    Isr,
    IsrResult,
    LogicMapRow,
    ReviewLevel,
    TreatmentLevel,
    WorkedExample,
)
from casereview.vhims.review import ReviewRequirement, minimum_review, review_requirement
from casereview.vhims.sapse import is_sapse
from casereview.vhims.worked_examples import WORKED_EXAMPLES

__all__ = [
    "CANDOUR_IN_FORCE_FROM",
    "RULES",
    "RULESET",
    "WORKED_EXAMPLES",
    "ClinicalIncident",
    "DutyOfCandourDeadlines",
    "HarmDuration",
    "HarmLevel",
    "InconsistentElementsError",
    "Isr",
    "IsrResult",
    "IsrVector",
    "LogicMap",
    "LogicMapError",
    "LogicMapRow",
    "MapDifference",
    "MapFinding",
    "NotRatedError",
    "ReviewLevel",
    "ReviewRequirement",
    "SentinelEventDeadlines",
    "TreatmentLevel",
    "WorkedExample",
    "check_consistency",
    "derive_isr",
    "duty_of_candour_deadlines",
    "is_sapse",
    "minimum_review",
    "review_requirement",
    "sentinel_event_deadlines",
]

RULES: tuple[Rule, ...] = (*LogicMap.default().rules, *GENERAL_RULES)
"""Every rule this rulebook applies: the 14 cells of the default logic map, then the others
(derivation, logic-map checks, consistency, SAPSE, review, deadlines)."""
