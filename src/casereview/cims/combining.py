"""Whether several incidents of one client may be covered by a single case review.

"Where the same client is the subject of multiple incident reports recording the same or similar
incident types within quick succession or over a short timeframe, the service provider may
consider conducting a single Case Review to review these incidents."
(``cims.combine.single-case-review``, stated.)

The tip sheet leaves two things open, so this module makes them explicit:

* **the window** — no number is given for "a short timeframe", so ``window`` is a required
  argument (the caller's policy), never a default (``cims.combine.window``, inferred);
* **similar types** — which types are "similar" is not said; :data:`SIMILAR_INCIDENT_TYPES` is
  our default grouping and callers may pass their own (``cims.combine.similar-types``, inferred).

Only incidents that each require a case review can share one (``cims.combine.case-reviews-only``,
inferred): one that needs an investigation or an RCA review, a non-major incident, or one whose
review type is not yet determined (``systemic_factors`` unknown; or under ``cims-2024``, whose
review rules are not held, unless ``apply_2020_rules=True``) does not qualify, and its
assessment says why. Each incident's follow-up is decided by :func:`follow_up_for` under its own
ruleset (or the one forced by ``ruleset=``).

The first incident given is the *index* incident; every other must have the same client and the
same or a similar type as it. The qualifying incidents must also all fall within one ``window``
of each other (by default the day each occurred; ``by="reported_on"`` measures the day each was
reported): the window is placed to include the index incident and as many of the others as
possible (the earliest such placement on a tie), so a group never spans more than ``window``,
whatever the order the incidents are given in.

>>> from datetime import date, timedelta
>>> a = ClientIncident(id="A", client="C-1", incident_type="Self-harm", impact="Major impact",
...                    systemic_factors=False, occurred_on=date(2024, 5, 1),
...                    reported_on=date(2024, 5, 1))
>>> b = a.model_copy(update={"id": "B", "occurred_on": date(2024, 5, 6),
...                          "reported_on": date(2024, 5, 6)})
>>> result = can_combine([a, b], window=timedelta(days=14))
>>> result.allowed, result.qualifying
(True, ('A', 'B'))
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal

from pydantic import ValidationError

from casereview._base import FrozenModel, validated
from casereview._input import choice, items, option, refuse
from casereview.cims import _rules
from casereview.cims.follow_up import follow_up_for
from casereview.cims.models import ClientIncident, FollowUp, IncidentType
from casereview.errors import CaseReviewError, shown
from casereview.findings import Citation

__all__ = [
    "SIMILAR_INCIDENT_TYPES",
    "CombineAssessment",
    "CombineResult",
    "can_combine",
]

SIMILAR_INCIDENT_TYPES: tuple[frozenset[IncidentType], ...] = (
    frozenset(
        {
            IncidentType.PHYSICAL_ABUSE,
            IncidentType.SEXUAL_ABUSE,
            IncidentType.FINANCIAL_ABUSE,
            IncidentType.EMOTIONAL_ABUSE,
        }
    ),
    frozenset({IncidentType.INJURY_EXPLAINED, IncidentType.INJURY_UNEXPLAINED}),
    frozenset({IncidentType.POOR_QUALITY_OF_CARE, IncidentType.MEDICATION_ERROR}),
)
"""The default groups of similar incident types (inferred, ours). A type is always similar to
itself; types in no group are similar to nothing else. (Grooming and neglect are in no group:
under either ruleset a major one is, or may be, investigated, so rarely shares a case review.)"""

DateField = Literal["occurred_on", "reported_on"]

_CITATIONS: tuple[Citation, ...] = (
    _rules.COMBINE.citation,
    _rules.SIMILAR_TYPES.citation,
    _rules.COMBINE_WINDOW.citation,
    _rules.CASE_REVIEWS_ONLY.citation,
)
_OPT_IN_CITATIONS: tuple[Citation, ...] = (
    _rules.APPLY_2020_RULES.citation,
    _rules.CUT_OVER_2024.citation,
)


class CombineAssessment(FrozenModel):
    """One incident's place in a combined review: whether it qualifies, and why (or why not).

    ``follow_up`` is the incident's own follow-up (``None`` when it cannot be decided for want
    of an answer, such as the subject of allegation), under ``ruleset`` (its id).
    """

    incident_id: str
    qualifies: bool
    reasons: tuple[str, ...]
    follow_up: FollowUp | None = None
    ruleset: str | None = None


class CombineResult(FrozenModel):
    """Whether one case review may cover the incidents, with a per-incident explanation.

    ``allowed`` is true when the index incident and at least one other qualify;
    ``qualifying`` lists the incidents one case review may cover (the index incident first).
    ``window_start`` and ``window_end`` are the first and last days of the window the qualifying
    incidents fall in (``None`` when the index incident has no date to place it).
    """

    allowed: bool
    index_incident: str
    qualifying: tuple[str, ...]
    window: timedelta
    measured_by: DateField
    window_start: date | None = None
    window_end: date | None = None
    assessments: tuple[CombineAssessment, ...]
    rule_id: str = _rules.COMBINE.id
    applied_2020_rules: bool = False
    """The caller opted in and a cims-2024 incident (or one that may be) qualified by the 2020
    rules (inferred); ``citations`` then add the opt-in and the cut-over rules."""
    citations: tuple[Citation, ...] = _CITATIONS


def can_combine(
    incidents: Sequence[ClientIncident],
    *,
    window: timedelta,
    by: DateField = "occurred_on",
    similar_types: Iterable[Collection[IncidentType | str]] | None = None,
    ruleset: str | None = None,
    apply_2020_rules: bool = False,
) -> CombineResult:
    """May one case review cover ``incidents``? Each is compared with the first (the index).

    Args:
        incidents: two or more incidents; the first is the index incident.
        window: the longest time between the earliest and the latest incident of the group (the
            caller's reading of "quick succession or over a short timeframe"; required, no
            default).
        by: which date measures the window: ``"occurred_on"`` (default) or ``"reported_on"``.
        similar_types: groups of similar types replacing :data:`SIMILAR_INCIDENT_TYPES`.
        ruleset: force one ruleset for every incident's follow-up (as in :func:`follow_up_for`).
        apply_2020_rules: let the 2020 review rules decide the follow-up of cims-2024 incidents
            (recorded in ``applied_2020_rules``).

    Raises:
        CaseReviewError: fewer than two incidents, one that is not a ClientIncident, repeated
            ids, a window that is not a non-negative timedelta, an unknown ``by``, a bad
            ``ruleset`` or ``apply_2020_rules``.
        UnknownValueError: an unknown type label in ``similar_types``.
    """
    incidents = _check_incidents(incidents)
    if not isinstance(window, timedelta) or window < timedelta(0):
        refuse("window", "a timedelta of zero or more (the caller's 'short timeframe')", window)
    by = choice(by, ("occurred_on", "reported_on"), field="by")
    groups = SIMILAR_INCIDENT_TYPES if similar_types is None else _parse_groups(similar_types)
    similar = _similarity(groups)
    opt_in = option(apply_2020_rules, field="apply_2020_rules")
    reviews = {i.id: _case_review(i, ruleset=ruleset, apply_2020_rules=opt_in) for i in incidents}

    index = incidents[0]
    index_day: date | None = getattr(index, by)
    index_reasons = ["the index incident: the others are compared with it"]
    index_failures = list(reviews[index.id][2])
    if index_day is None:
        index_failures.append(f"it has no {by}, so no window can be measured")
    failures = {i.id: [*reviews[i.id][2], *_mismatch(i, index, similar)] for i in incidents[1:]}
    if index_failures:
        for i in incidents[1:]:
            failures[i.id].append("the index incident cannot be covered by a case review")
    start = None
    if index_day is not None:
        candidates = [d for i in incidents[1:] if not failures[i.id] and (d := getattr(i, by))]
        start = _place_window(index_day, candidates, window)
    assessments = [
        CombineAssessment(
            incident_id=index.id,
            qualifies=not index_failures,
            reasons=tuple(index_failures or index_reasons),
            follow_up=reviews[index.id][0],
            ruleset=reviews[index.id][1],
        )
    ]
    for incident in incidents[1:]:
        assessment = _assess(incident, index, failures[incident.id], start, window=window, by=by)
        assessments.append(
            assessment.model_copy(
                update={"follow_up": reviews[incident.id][0], "ruleset": reviews[incident.id][1]}
            )
        )
    qualifying = tuple(a.incident_id for a in assessments if a.qualifies)
    applied = any(reviews[i][3] for i in qualifying)
    return CombineResult(
        allowed=len(qualifying) >= 2,
        index_incident=index.id,
        qualifying=qualifying,
        window=window,
        measured_by=by,
        window_start=start,
        window_end=None if start is None else _window_end(start, window),
        assessments=tuple(assessments),
        applied_2020_rules=applied,
        citations=(*_CITATIONS, *_OPT_IN_CITATIONS) if applied else _CITATIONS,
    )


_NOT_A_CASE_REVIEW = {
    FollowUp.INVESTIGATION: "it requires an incident investigation, not a case review",
    FollowUp.RCA_REVIEW: "it requires a root cause analysis review, not a case review",
    FollowUp.NONE: "it is non-major and requires no review, so no case review covers it",
}


def _case_review(
    incident: ClientIncident, *, ruleset: str | None, apply_2020_rules: bool
) -> tuple[FollowUp | None, str | None, list[str], bool]:
    """The incident's follow-up, ruleset id, why it cannot join a case review, and the opt-in."""
    try:
        decision = follow_up_for(incident, ruleset=ruleset, apply_2020_rules=apply_2020_rules)
    except CaseReviewError as exc:
        if exc.field == "ruleset":
            raise
        return None, None, [f"its follow-up cannot be decided ({exc})"], False
    rid = decision.ruleset.id
    if decision.follow_up is FollowUp.CASE_REVIEW:
        return decision.follow_up, rid, [], decision.applied_2020_rules
    if decision.follow_up in _NOT_A_CASE_REVIEW:
        return decision.follow_up, rid, [f"{_NOT_A_CASE_REVIEW[decision.follow_up]} ({rid})"], False
    if decision.needs:
        why = f"whether it requires a case review awaits {', '.join(decision.needs)} ({rid})"
    else:
        why = (
            f"the {rid} rules held do not say it requires a case review "
            "(apply_2020_rules=True applies the tip sheet's)"
        )
    return decision.follow_up, rid, [why], False


def _assess(
    incident: ClientIncident,
    index: ClientIncident,
    failed: list[str],
    start: date | None,
    *,
    window: timedelta,
    by: DateField,
) -> CombineAssessment:
    """``incident``'s assessment: ``failed`` (client, type) plus its place in the window."""
    day: date | None = getattr(incident, by)
    index_day: date | None = getattr(index, by)
    passed = _match_reasons(incident, index)
    if day is None:
        failed.append(f"no {by}, so the window cannot be measured")
    elif index_day is None or start is None:
        failed.append(f"the index incident has no {by}, so the window cannot be measured")
    else:
        gap = f"{by} {day.isoformat()} is {abs(day - index_day).days} days from the index incident"
        where = f"the window {start.isoformat()} to {_window_end(start, window).isoformat()}"
        if timedelta(0) <= day - start <= window:
            passed.append(f"{gap}, within {where}")
        else:
            failed.append(f"{gap}, outside {where} ({_days(window)})")
    return CombineAssessment(
        incident_id=incident.id, qualifies=not failed, reasons=tuple(failed or passed)
    )


def _mismatch(
    incident: ClientIncident,
    index: ClientIncident,
    similar: Mapping[IncidentType, frozenset[IncidentType]],
) -> list[str]:
    """Why ``incident`` cannot join the index incident's review, date aside (empty: it can)."""
    failed: list[str] = []
    if incident.client != index.client:
        failed.append(f"another client ({incident.client}, not {index.client})")
    if incident.incident_type is not index.incident_type and incident.incident_type not in (
        similar.get(index.incident_type, frozenset())
    ):
        failed.append(
            f"incident type {incident.incident_type.value} is not the same as or similar to "
            f"{index.incident_type.value}"
        )
    return failed


def _match_reasons(incident: ClientIncident, index: ClientIncident) -> list[str]:
    """What ``incident`` shares with the index incident (used when it qualifies)."""
    if incident.incident_type is index.incident_type:
        kind = f"same incident type ({incident.incident_type.value})"
    else:
        kind = (
            f"similar incident type ({incident.incident_type.value} ~ {index.incident_type.value})"
        )
    return [f"same client ({incident.client})", kind]


def _place_window(index_day: date, candidates: list[date], window: timedelta) -> date:
    """The first day of the window that holds the index day and the most candidate days.

    A best window can always start on a day it holds, so only the index day and the candidate
    days up to ``window`` before it are tried; on a tie the earliest start wins.
    """
    starts = sorted(
        {index_day, *(d for d in candidates if timedelta(0) <= index_day - d <= window)}
    )
    return max(
        starts,
        key=lambda s: (
            sum(timedelta(0) <= d - s <= window for d in candidates),
            -s.toordinal(),
        ),
    )


def _window_end(start: date, window: timedelta) -> date:
    """The last day of a window starting on ``start`` (a part day does not reach the next)."""
    return start + timedelta(days=window.days)


def _days(window: timedelta) -> str:
    if window % timedelta(days=1):
        return str(window)
    return f"{window.days} days"


def _check_incidents(incidents: object) -> tuple[ClientIncident, ...]:
    if isinstance(incidents, str | bytes) or not isinstance(incidents, Sequence):
        raise CaseReviewError(
            f"incidents: expected a sequence of ClientIncident, got {type(incidents).__name__}",
            field="incidents",
        )
    given = items(incidents, field="incidents")
    if len(given) < 2:
        raise CaseReviewError(
            f"incidents: combining needs at least two incidents, got {len(given)}",
            field="incidents",
        )
    seen: set[str] = set()
    checked: list[ClientIncident] = []
    for i, item in enumerate(given):
        try:
            item = validated(item, ClientIncident, field=f"incidents[{i}]")
        except ValidationError as exc:
            raise CaseReviewError(f"incidents[{i}]: {exc}", field=f"incidents[{i}]") from None
        checked.append(item)
        if item.id in seen:
            raise CaseReviewError(
                f"incidents[{i}]: incident {shown(item.id)} is given twice",
                field=f"incidents[{i}]",
            )
        seen.add(item.id)
    return tuple(checked)


def _parse_groups(
    groups: Iterable[Collection[IncidentType | str]],
) -> tuple[frozenset[IncidentType], ...]:
    if isinstance(groups, str | bytes):
        raise CaseReviewError(
            "similar_types: expected groups (collections) of incident types, got a string",
            field="similar_types",
        )
    parsed: list[frozenset[IncidentType]] = []
    for i, group in enumerate(items(groups, field="similar_types")):
        if isinstance(group, str | bytes) or not isinstance(group, Collection):
            refuse(f"similar_types[{i}]", "a collection of incident types", group)
        members = items(group, field=f"similar_types[{i}]")
        parsed.append(
            frozenset(IncidentType.parse(t, field=f"similar_types[{i}]") for t in members)
        )
    return tuple(parsed)


def _similarity(
    groups: tuple[frozenset[IncidentType], ...],
) -> Mapping[IncidentType, frozenset[IncidentType]]:
    table: dict[IncidentType, frozenset[IncidentType]] = {}
    for group in groups:
        for member in group:
            table[member] = table.get(member, frozenset()) | group
    return MappingProxyType(table)
