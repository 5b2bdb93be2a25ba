"""The out-of-home-care (OOHC) target-child rule, as a validation of a review record.

>>> from casereview.kentucky_cqi import PermanencyAnswer, ReviewChild
>>> record = ReviewRecord(
...     out_of_home_care=True,
...     children=[ReviewChild(child_id="A", target=True), ReviewChild(child_id="B")],
...     permanency_answers=[PermanencyAnswer(question="Goal appropriate?", child_id="B")],
... )
>>> [(f.field, f.code) for f in validate_review_record(record).errors]
[('permanency_answers[0].child_id', 'kentucky_cqi.oohc.permanency-target-child-only')]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casereview._base import validated
from casereview.errors import shown
from casereview.findings import Finding, Rule, Severity, Validation
from casereview.kentucky_cqi._cite import stated
from casereview.kentucky_cqi.models import ReviewRecord

__all__ = ["REVIEW_RECORD_RULES", "validate_review_record"]

_SECTION = "CQI Case Review Procedures"

ONE_TARGET_CHILD = stated(
    "kentucky_cqi.oohc.one-target-child",
    "An OOHC case review identifies exactly one target child",
    section=_SECTION,
    quote=(
        "For OOHC cases, one child will be identified as the target child for purposes of the "
        "case review."
    ),
)
PERMANENCY_TARGET_ONLY = stated(
    "kentucky_cqi.oohc.permanency-target-child-only",
    "OOHC permanency questions are answered about the target child only",
    section=_SECTION,
    quote="All permanency questions will be answered as they relate to that child only.",
)

REVIEW_RECORD_RULES: tuple[Rule, ...] = (ONE_TARGET_CHILD, PERMANENCY_TARGET_ONLY)


def validate_review_record(record: ReviewRecord | Mapping[str, Any]) -> Validation:
    """Check a review record against the OOHC target-child rule.

    ``record`` is a :class:`ReviewRecord` or a mapping of its fields; either is validated first.

    For an OOHC case (``out_of_home_care=True``): exactly one child is marked as the target
    child, and every permanency answer names a child on the case who is the target child.
    When the case type is not recorded (``None``) the rule cannot be checked: a ``warning``.
    Other cases are not subject to the rule.

    Raises:
        pydantic.ValidationError: a malformed record (the error names the field).
        CaseReviewError: ``record`` is neither a record nor a mapping (the error names ``record``).
    """
    record = validated(record, ReviewRecord, field="record")
    if record.out_of_home_care is None:
        return Validation(
            findings=(
                ONE_TARGET_CHILD.finding(
                    "case type not recorded: the OOHC target-child rule was not checked",
                    field="out_of_home_care",
                    severity=Severity.WARNING,
                ),
            )
        )
    if not record.out_of_home_care:
        return Validation()
    return Validation.of(_target_findings(record), _permanency_findings(record))


def _target_findings(record: ReviewRecord) -> list[Finding]:
    targets = record.target_children
    if len(targets) == 1:
        return []
    if not record.children:
        message = "no children recorded on the OOHC case: identify one target child"
    elif not targets:
        message = "no target child identified: identify one child as the target child"
    else:
        message = f"{len(targets)} target children ({', '.join(targets)}): identify only one"
    return [ONE_TARGET_CHILD.finding(message, field="children")]


def _permanency_findings(record: ReviewRecord) -> list[Finding]:
    on_case = {c.child_id for c in record.children}
    targets = set(record.target_children)
    target_text = f" ({next(iter(targets))})" if len(targets) == 1 else ""
    findings: list[Finding] = []
    for i, answer in enumerate(record.permanency_answers):
        field = f"permanency_answers[{i}].child_id"
        if answer.child_id is None:
            # The seed does not require an answer to name its child: not naming one is not a
            # breach of "relate to that child only", only a check that cannot be made.
            findings.append(
                PERMANENCY_TARGET_ONLY.finding(
                    f"{shown(answer.question)} does not name the child it relates to: not "
                    f"checked (it must relate to the target child{target_text})",
                    field=field,
                    severity=Severity.WARNING,
                )
            )
            continue
        if answer.child_id not in on_case:
            message = f"is about {answer.child_id!r}, who is not a child on the case"
        elif answer.child_id not in targets:
            message = (
                f"is about {answer.child_id!r}, not the target child{target_text}: permanency "
                "questions relate to the target child only"
            )
        else:
            continue
        findings.append(
            PERMANENCY_TARGET_ONLY.finding(f"{shown(answer.question)} {message}", field=field)
        )
    return findings
