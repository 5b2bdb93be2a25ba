"""The readings the pull tracker adds to the seed's rules: each inferred, each giving warnings.

The tracker (:mod:`casereview.kentucky_cqi.tracker`) applies the stated rules of the schedule,
caps, substitution clause and vacancies; these are the places the seed is silent about a month of
rows (a case listed twice, a substituted case's regional review, dates before the pull, facts not
recorded, requests for cases not on the pull, replacements). None of them makes an error.

>>> sorted(r.citation.provenance.value for r in TRACKER_RULES)
['inferred', 'inferred', 'inferred', 'inferred', 'inferred', 'inferred']
"""

from __future__ import annotations

from casereview.findings import Rule
from casereview.kentucky_cqi._cite import inferred

__all__ = [
    "COMPLETED_BEFORE_PULL",
    "DUPLICATE_CASE",
    "NOT_ON_PULL",
    "NOT_RECORDED",
    "REPLACEMENT",
    "SUBSTITUTED_CASE_LEAVES",
    "TRACKER_RULES",
]

_SECTION = "CQI Case Review Procedures"

DUPLICATE_CASE = inferred(
    "kentucky_cqi.tracker.duplicate-case",
    "A case (or child) on the pull twice is one review item (a warning)",
    section=_SECTION,
    quote="All cases selected on the randomized TWS-M112 are reviewed.",
    note=(
        "The seed reviews each case the TWS-M112 selects; it does not say what a case listed "
        "twice means. Two rows with the same case number (and the same child, or none) are read "
        "as one review item entered twice, so it is counted once against the caps. The first "
        "row's facts are used, but a completion date in any of the rows counts, so a review done "
        "is never reported overdue because of the duplicate."
    ),
)
SUBSTITUTED_CASE_LEAVES = inferred(
    "kentucky_cqi.tracker.substitution-leaves-pull",
    "An accepted first-level substitution takes the case out of both levels (a warning)",
    section=_SECTION,
    quote=(
        "If the case is only shared with the rapid response team, the case should still be "
        "reviewed at both the first and second-level."
    ),
    note=(
        "The clause substitutes cases, not levels, and applies to 'the first and second "
        "level-case review process'; its rapid-response reason says a case that does not "
        "qualify is reviewed 'at both the first and second-level', implying that one that does "
        "qualify is reviewed at neither. So an accepted first-level substitution removes the "
        "case's regional review too (a warning: the seed does not say it of every reason); a "
        "second-level substitution removes only the regional one. The exception is 'Reviewer "
        "does not have access to the CARES 2.0 system': it is about one reviewer, not the case, "
        "and the FSOS's lack of access says nothing of the regional reviewer's, so after a "
        "first-level substitution for that reason alone the regional review is 'Not recorded' "
        "(not decided), with a warning."
    ),
)
COMPLETED_BEFORE_PULL = inferred(
    "kentucky_cqi.tracker.completed-before-pull",
    "A review completed before its pull month is probably mis-dated (a warning)",
    section="Process of Review",
    quote="The TWS-M112 report is generated on or before the fifth of each month.",
    note=(
        "Cases are selected by the report of the pull month; a review entered before that month "
        "began cannot be a review of this pull. The date is counted as given (the review is "
        "done) and reported for checking."
    ),
)
NOT_RECORDED = inferred(
    "kentucky_cqi.tracker.not-recorded",
    "A fact the rules need that a row does not record is reported, once per fact",
    section=_SECTION,
    note=(
        "The FSOS, the region and the regional flag decide assignment, caps and regional "
        "reviews. When a row leaves one out, the tracker does not guess: the state says 'Not "
        "recorded' or leaves the case out of that count, and one warning per missing fact lists "
        "the cases. A row with no FSOS is not known to be due at the first level: whose review "
        "it is, and whether that position is vacant, is the missing fact. When the previous "
        "month's pull is not given, the cross-pull check is not made, and one warning says so."
    ),
)
NOT_ON_PULL = inferred(
    "kentucky_cqi.tracker.not-on-pull",
    "A substitution request or replacement for a case not on the pull is reported (a warning)",
    section="Division of Service Regions' (DSR) Field Quality Branch process",
    quote=(
        "CQI specialists will manually re-assign cases or provide a substitution, as requested, "
        "and ensure that the case requested meets the substitution criteria."
    ),
    note=(
        "A substitution replaces a case the TWS-M112 selected. A request (or a replacement row) "
        "naming a case that is not on this pull cannot be applied; most likely the case number "
        "or the pull is wrong."
    ),
)

REPLACEMENT = inferred(
    "kentucky_cqi.tracker.replacement",
    "A replacement with no accepted substitution recorded, or that itself meets a reason, is "
    "reported (a warning)",
    section="Division of Service Regions' (DSR) Field Quality Branch process",
    quote=(
        "CQI specialists will manually re-assign cases or provide a substitution, as requested, "
        "and ensure that the case requested meets the substitution criteria."
    ),
    note=(
        "A replacement row (replaces=) is the substitution the CQI specialist provides. When no "
        "request for the replaced case is recorded by the day asked about, or the request is "
        "refused only because its condition is not recorded, the acceptance may just not be in "
        "the data, so this is a warning, not the error a refused request gets "
        "(kentucky_cqi.procedures.all-reviewed). A replacement whose own row meets a "
        "substitution reason (sealed, controlled access, ...) would itself be substituted; the "
        "seed does not say the CQI specialist checks the replacement, so this is a warning too."
    ),
)

TRACKER_RULES: tuple[Rule, ...] = (
    DUPLICATE_CASE,
    SUBSTITUTED_CASE_LEAVES,
    COMPLETED_BEFORE_PULL,
    NOT_RECORDED,
    NOT_ON_PULL,
    REPLACEMENT,
)
