"""casereview: typed, tested and cited rules for incident severity and case reviews.

Rulebooks live in subpackages, imported on demand:

* :mod:`casereview.vhims` — Victorian clinical Incident Severity Rating (VHIMS MDS v2)
* :mod:`casereview.cims` — Victorian Client Incident Management System case reviews
* :mod:`casereview.kentucky_cqi` — Kentucky CQI case reviews
* :mod:`casereview.under1roof` — Under 1 Roof multi-agency case reviews

This module holds what they share: errors, citations and findings, the sources registry, the
business calendar and the action model. Importing it is cheap; nothing is computed until asked.
"""

from casereview.actions import Action, action_findings
from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError
from casereview.findings import Citation, Finding, Provenance, Rule, Severity, Validation
from casereview.sources import SOURCES, Source, SourceKind, get_source

__version__ = "0.1.0.dev0"

__all__ = [
    "SOURCES",
    "Action",
    "BusinessCalendar",
    "CaseReviewError",
    "Citation",
    "Finding",
    "MissingElementError",
    "Provenance",
    "Rule",
    "Severity",
    "Source",
    "SourceKind",
    "UnknownValueError",
    "Validation",
    "__version__",
    "action_findings",
    "get_source",
]
