"""Why a review was convened (its triggers), and the whole review checked at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casereview._base import validated
from casereview.findings import Finding, Severity, Validation
from casereview.under1roof import _rules as r
from casereview.under1roof.models import ReviewRecord
from casereview.under1roof.process import _process_findings

__all__ = ["validate_review", "validate_triggers"]


def validate_triggers(record: ReviewRecord | Mapping[str, Any]) -> Validation:
    """A warning when ``record`` gives no reason for the review: none of the six, no other.

    The seed's reasons "might include" the six it lists, so the list is open: another reason in
    words (``other_trigger``) is as good as one of the six, and a review with none recorded is a
    warning, not an error.

    >>> from casereview.under1roof import ReviewRecord, Trigger
    >>> [f.code for f in validate_triggers(ReviewRecord()).findings]
    ['under1roof.trigger.recorded']
    >>> validate_triggers(ReviewRecord(triggers=[Trigger.ADVERSE_EVENT])).findings
    ()
    """
    return Validation(findings=_trigger_findings(validated(record, ReviewRecord, field="record")))


def validate_review(
    record: ReviewRecord | Mapping[str, Any], *, scribe_may_double: bool = False
) -> Validation:
    """Triggers, then the process (steps 1-13, the panel included), as one validation.

    >>> from casereview.under1roof import ReviewRecord
    >>> result = validate_review(ReviewRecord())
    >>> result.ok, len(result.errors) > 13
    (False, True)
    """
    checked = validated(record, ReviewRecord, field="record")
    return Validation.of(
        _trigger_findings(checked),
        _process_findings(checked, scribe_may_double=scribe_may_double),
    )


def _trigger_findings(record: ReviewRecord) -> tuple[Finding, ...]:
    if record.triggers or record.other_trigger is not None:
        return ()
    return (
        r.TRIGGER_RECORDED.finding(
            "No reason for the review is recorded: none of the six triggers, and no other "
            "reason described.",
            field="triggers",
            severity=Severity.WARNING,
        ),
    )
