"""The substitution side of the pull tracker: requests decided as of a day, reasons a row supports.

:func:`decide_substitutions` runs each request made by the day through
:func:`~casereview.kentucky_cqi.substitution_decision` (the clause and the 12th), taking the
conditions from the row when the request leaves them out, and adds the cross-pull check for the
previous-month reason. :func:`substitutable` lists the reasons a row's own facts support.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from casereview.findings import Finding, Severity
from casereview.kentucky_cqi.labels import SubstitutionReason
from casereview.kentucky_cqi.models import SubstitutionDecision, SubstitutionRequest
from casereview.kentucky_cqi.pull import Pull, PullRow, PullSubstitution
from casereview.kentucky_cqi.substitution import (
    ONLY_LISTED_REASONS,
    PULLED_PREVIOUS_MONTH,
    substitution_decision,
)
from casereview.kentucky_cqi.tracker_rules import NOT_ON_PULL

__all__ = ["decide_substitutions", "pull_name", "substitutable"]

_INFO, _WARNING = Severity.INFO, Severity.WARNING

_SUBSTITUTABLE: tuple[tuple[SubstitutionReason, str], ...] = (
    (SubstitutionReason.CONTROLLED_ACCESS, "controlled_access"),
    (SubstitutionReason.SEALED, "sealed"),
    (SubstitutionReason.TRANSFERRED_OUT_OF_REGION, "transferred_out_of_region"),
    (SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER, "rapid_response_case_manager"),
)


def substitutable(row: PullRow, previous: set[str] | None) -> tuple[SubstitutionReason, ...]:
    reasons: list[SubstitutionReason] = []
    if previous is not None and row.case_number in previous:
        reasons.append(SubstitutionReason.PULLED_PREVIOUS_MONTH)
    if (
        row.investigative_team is True
        and row.incomplete_investigation is True
        and row.legitimate_extension is True
    ):
        reasons.append(SubstitutionReason.INVESTIGATION_WITH_EXTENSION)
    reasons.extend(reason for reason, name in _SUBSTITUTABLE if getattr(row, name) is True)
    return tuple(reasons)


def decide_substitutions(
    pull: Pull,
    when: date,
    items: list[tuple[int, PullRow]],
    previous: set[str] | None,
    findings: list[Finding],
) -> dict[str, tuple[SubstitutionDecision, ...]]:
    rows = {row.case_number: row for _, row in items}
    decided: dict[str, list[SubstitutionDecision]] = defaultdict(list)
    for j, entry in enumerate(pull.substitutions):
        if entry.requested_on > when:
            continue  # not made yet on the day asked about
        where = f"substitutions[{j}]"
        row = rows.get(entry.case_number)
        if row is None:
            findings.append(
                NOT_ON_PULL.finding(
                    f"a substitution request for {entry.case_number!r}, which is not on the "
                    f"{pull_name(pull)} pull: not applied",
                    field=f"{where}.case_number",
                    severity=_WARNING,
                )
            )
            continue
        decision = substitution_decision(_request(pull, entry, row))
        if (
            entry.reason is SubstitutionReason.PULLED_PREVIOUS_MONTH
            and previous is not None
            and entry.case_number not in previous
        ):
            extra = PULLED_PREVIOUS_MONTH.finding(
                f"{entry.case_number!r} is not on the previous month's pull: the reason does "
                "not apply",
                field=f"{where}.reason",
            )
            decision = decision.model_copy(update={"findings": (*decision.findings, extra)})
            findings.append(extra)
        decided[entry.case_number].append(decision)
        level = decision.level.value.lower()
        if decision.eligible:
            findings.append(
                ONLY_LISTED_REASONS.finding(
                    f"{entry.case_number!r}: {level} substitution accepted "
                    f"({entry.reason.value!r}, asked {entry.requested_on.isoformat()})",
                    field=where,
                    severity=_INFO,
                )
            )
        else:
            why = "; ".join(f.message for f in decision.errors)
            findings.append(
                ONLY_LISTED_REASONS.finding(
                    f"{entry.case_number!r}: {level} substitution refused, so the case is "
                    f"reviewed: {why}",
                    field=where,
                    severity=_WARNING,
                )
            )
    return {case: tuple(ds) for case, ds in decided.items()}


def _request(pull: Pull, entry: PullSubstitution, row: PullRow) -> SubstitutionRequest:
    extension = entry.investigation_has_extension
    if extension is None and row.incomplete_investigation is not False:
        extension = row.legitimate_extension
    manager = entry.rapid_response_is_case_manager
    if manager is None:
        manager = row.rapid_response_case_manager
    return SubstitutionRequest(
        reason=entry.reason,
        requested_on=entry.requested_on,
        pull_year=pull.year,
        pull_month=pull.month,
        investigation_has_extension=extension,
        rapid_response_is_case_manager=manager,
        requested_by=entry.requested_by,
        level=entry.level,
    )


def pull_name(pull: Pull) -> str:
    """``2026-01``: how findings name a pull."""
    return f"{pull.year}-{pull.month:02d}"
