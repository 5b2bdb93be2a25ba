"""Why a review was convened (its triggers), which case it is, and the whole review at once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from casereview._base import validated
from casereview.findings import Finding, Severity, Validation
from casereview.under1roof import _rules as r
from casereview.under1roof.models import ReviewRecord
from casereview.under1roof.process import _options, _process_findings

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
    record: ReviewRecord | Mapping[str, Any],
    *,
    scribe_may_double: bool = False,
    as_of: date | str | None = None,
) -> Validation:
    """Triggers, the case and meeting date, then the process (steps 1-13, the panel included).

    ``as_of`` places the review in time around its meeting (see
    :func:`~casereview.under1roof.validate_process`); without it the review is judged as
    finished.

    >>> from casereview.under1roof import ReviewRecord
    >>> result = validate_review(ReviewRecord())
    >>> result.ok, len(result.errors) > 13
    (False, True)
    >>> result.findings[1].code, result.findings[1].severity.value
    ('under1roof.record.case-identified', 'warning')
    """
    checked = validated(record, ReviewRecord, field="record")
    options = _options(scribe_may_double, as_of)
    return Validation.of(
        _trigger_findings(checked),
        _record_findings(checked, dated=options["as_of"] is not None),
        _process_findings(checked, **options),
    )


def _record_findings(record: ReviewRecord, *, dated: bool) -> list[Finding]:
    out: list[Finding] = []
    if record.case_id is None:
        out.append(
            r.CASE_IDENTIFIED.finding(
                "The record does not say which person's case it reviews (an id is enough).",
                field="case_id",
                severity=Severity.WARNING,
            )
        )
    if record.meeting_date is None and not dated:  # as_of a day, the process reports it
        out.append(
            r.MEETING_DATED.finding(
                "The record gives no date for the review meeting.",
                field="meeting_date",
                severity=Severity.WARNING,
            )
        )
    return out


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
