"""The substitution side of the pull tracker: requests decided as of a day, reasons a row supports.

:func:`decide_substitutions` runs each request made by the day through
:func:`~casereview.kentucky_cqi.substitution_decision` (the clause and the 12th), taking the
conditions from the row when the request leaves them out, and adds the cross-pull check for the
previous-month reason. :func:`substitutable` lists the reasons a row's own facts support.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from casereview.errors import shown
from casereview.findings import Finding, Severity
from casereview.kentucky_cqi._pull_findings import listed
from casereview.kentucky_cqi.labels import SubstitutionReason
from casereview.kentucky_cqi.models import SubstitutionDecision, SubstitutionRequest
from casereview.kentucky_cqi.pull import Pull, PullRow, PullSubstitution
from casereview.kentucky_cqi.substitution import (
    NOT_BEFORE_PULL,
    ONLY_LISTED_REASONS,
    PULLED_PREVIOUS_MONTH,
    REASON_RULES,
    SECOND_LEVEL_REQUEST,
    substitution_decision,
)
from casereview.kentucky_cqi.tracker_rules import NOT_ON_PULL

__all__ = ["decide_substitutions", "pull_name", "substitutable"]

_REASON_COLUMNS: dict[SubstitutionReason, tuple[str, ...]] = {
    SubstitutionReason.INVESTIGATION_WITH_EXTENSION: (
        "investigative_team",
        "incomplete_investigation",
    ),
    SubstitutionReason.CONTROLLED_ACCESS: ("controlled_access",),
    SubstitutionReason.SEALED: ("sealed",),
    SubstitutionReason.TRANSFERRED_OUT_OF_REGION: ("transferred_out_of_region",),
}
"""The row's facts each of these reasons asserts; ``False`` in the row contradicts the request.

The extension itself (``legitimate_extension``) and the rapid-response case manager are the
reasons' conditions, checked by :func:`~casereview.kentucky_cqi.substitution_decision`.
"""

_WHAT_FALSE_MEANS = {
    "investigative_team": "the case is not from an investigative team",
    "incomplete_investigation": "the investigation is complete",
}

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
    """Each request made by ``when``, decided; one finding per outcome lists the cases."""
    rows = {row.case_number: row for _, row in items}
    decided: dict[str, list[SubstitutionDecision]] = defaultdict(list)
    accepted: list[str] = []
    refused: list[str] = []
    stray: list[str] = []
    readings: dict[str, tuple[Finding, list[str]]] = {}
    for entry in pull.substitutions:
        if entry.requested_on > when:
            continue  # not made yet on the day asked about
        row = rows.get(entry.case_number)
        if row is None:
            stray.append(entry.case_number)
            continue
        decision = substitution_decision(_request(pull, entry, row))
        if (
            entry.reason is SubstitutionReason.PULLED_PREVIOUS_MONTH
            and previous is not None
            and entry.case_number not in previous
        ):
            extra = PULLED_PREVIOUS_MONTH.finding(
                f"{shown(entry.case_number)} is not on the previous month's pull: the reason does "
                "not apply",
                field="reason",
            )
            decision = decision.model_copy(update={"findings": (*decision.findings, extra)})
        decision = _contradicted(decision, entry, row)
        decided[entry.case_number].append(decision)
        level = decision.level.value.lower()
        asked = f"{entry.case_number} ({level}, {entry.reason.value!r}, asked "
        asked += entry.requested_on.isoformat()
        for finding in decision.findings:
            if finding.severity is _WARNING:
                readings.setdefault(finding.code, (finding, []))[1].append(f"{asked})")
        if decision.eligible:
            accepted.append(f"{asked})")
        else:
            why = "; ".join(f.message for f in decision.errors)
            refused.append(f"{asked}: {why})")
    name = pull_name(pull)
    for rule, keys, field, severity, text in (
        (NOT_ON_PULL, stray, "substitutions[].case_number", _WARNING,
         f"substitution requests for cases not on the {name} pull, not applied"),
        (ONLY_LISTED_REASONS, accepted, "substitutions", _INFO, "substitutions accepted"),
        (ONLY_LISTED_REASONS, refused, "substitutions", _WARNING,
         "substitutions refused (each case is reviewed)"),
    ):  # fmt: skip
        if keys:
            findings.append(rule.finding(f"{text}: {listed(keys)}", field=field, severity=severity))
    for example, keys in readings.values():
        # A decision's warning (a reading of ours, e.g. a request dated before the pull month or a
        # second-level request) is the pull's too: an acceptance resting on it is never shown only
        # as the stated rule's info.
        what = _READING_TEXT.get(example.code, "requests decided on a reading of ours")
        findings.append(
            Finding(
                code=example.code,
                field=f"substitutions[].{example.field}" if example.field else "substitutions",
                message=f"{what}: {listed(keys)}",
                severity=_WARNING,
                citation=example.citation,
            )
        )
    return {case: tuple(ds) for case, ds in decided.items()}


_READING_TEXT = {
    NOT_BEFORE_PULL.id: (
        "requests dated before the pull month (probably mis-dated: check the date and the pull)"
    ),
    SECOND_LEVEL_REQUEST.id: (
        "second-level requests: the seed sets the 12th and the FSOS for first-level requests "
        "only, so only the reason was checked"
    ),
}


def _contradicted(
    decision: SubstitutionDecision, entry: PullSubstitution, row: PullRow
) -> SubstitutionDecision:
    """The decision refused when the row records a fact of the reason as False.

    The refusal replaces the reason's own finding: its "may be substituted" or "not recorded"
    would contradict what the row records.
    """
    columns = [c for c in _REASON_COLUMNS.get(entry.reason, ()) if getattr(row, c) is False]
    if not columns:
        return decision
    rule = REASON_RULES[entry.reason]
    facts = ", ".join(f"{c}=False" for c in columns)
    meaning = "; ".join(_WHAT_FALSE_MEANS[c] for c in columns if c in _WHAT_FALSE_MEANS)
    refusal = rule.finding(
        f"the pull records {shown(entry.case_number)} with {facts}"
        + (f" ({meaning})" if meaning else "")
        + ": the reason does not apply",
        field="reason",
    )
    kept = tuple(f for f in decision.findings if f.code != rule.id)
    return decision.model_copy(update={"findings": (*kept, refusal)})


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
