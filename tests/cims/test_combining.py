"""can_combine: one case review for several incidents of one client."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.cims import (
    RULES,
    SIMILAR_INCIDENT_TYPES,
    AllegationSubject,
    ClientIncident,
    CombineResult,
    FollowUp,
    IncidentType,
    can_combine,
)
from casereview.errors import CaseReviewError, UnknownValueError
from casereview.findings import Provenance
from tests.helpers import assert_matches_snapshot

T = IncidentType
WEEK = timedelta(days=7)


def incident(id: str, **changes: Any) -> ClientIncident:
    """A major incident that requires a case review under cims-2020 (unless changed)."""
    fields: dict[str, Any] = {
        "id": id,
        "client": "C-42",
        "incident_type": T.PHYSICAL_ABUSE,
        "impact": "Major impact",
        "subject_of_allegation": AllegationSubject.OTHER,
        "systemic_factors": False,
        "occurred_on": date(2024, 5, 1),
    }
    fields.update(changes)
    occurred = fields["occurred_on"]
    if "reported_on" not in changes and occurred is not None:
        fields["reported_on"] = occurred + timedelta(days=1)
    return ClientIncident(**fields)


INDEX = incident("A")


def _assessment(result: CombineResult, incident_id: str) -> tuple[bool, tuple[str, ...]]:
    (found,) = [a for a in result.assessments if a.incident_id == incident_id]
    return found.qualifies, found.reasons


def test_same_client_same_type_within_the_window_may_be_combined() -> None:
    result = can_combine([INDEX, incident("B", occurred_on=date(2024, 5, 4))], window=WEEK)
    assert result.allowed
    assert result.qualifying == ("A", "B")
    qualifies, reasons = _assessment(result, "B")
    assert qualifies
    assert any("same client" in r for r in reasons)
    assert any("same incident type" in r for r in reasons)
    assert result.citations[0].provenance is Provenance.STATED


def test_a_similar_type_qualifies() -> None:
    other = incident("B", incident_type=T.EMOTIONAL_ABUSE)
    result = can_combine([INDEX, other], window=WEEK)
    assert result.allowed
    assert any("similar incident type" in r for r in _assessment(result, "B")[1])


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"client": "C-7"}, "another client"),
        ({"incident_type": T.ABSENT_CLIENT}, "is not the same as or similar to"),
        ({"occurred_on": date(2024, 5, 9), "reported_on": None}, "outside the window"),
        ({"occurred_on": None, "reported_on": None}, "no occurred_on"),
    ],
)
def test_incidents_that_do_not_qualify_say_why(changes: dict[str, Any], why: str) -> None:
    result = can_combine([INDEX, incident("B", **changes)], window=WEEK)
    assert not result.allowed
    assert result.qualifying == ("A",)
    qualifies, reasons = _assessment(result, "B")
    assert not qualifies
    assert any(why in r for r in reasons), reasons


def test_every_failing_reason_is_given() -> None:
    other = incident("B", client="C-7", incident_type=T.DEATH, occurred_on=date(2024, 6, 1))
    _, reasons = _assessment(can_combine([INDEX, other], window=WEEK), "B")
    assert len(reasons) == 3


def test_some_qualify_and_others_do_not() -> None:
    incidents = [
        INDEX,
        incident("B", occurred_on=date(2024, 4, 28)),
        incident("C", client="C-9"),
        incident("D", incident_type=T.SEXUAL_ABUSE, occurred_on=date(2024, 5, 5)),
        incident("E", occurred_on=date(2024, 5, 20)),
    ]
    result = can_combine(incidents, window=WEEK)
    assert result.allowed
    assert result.qualifying == ("A", "B", "D")
    assert (result.window_start, result.window_end) == (date(2024, 4, 28), date(2024, 5, 5))
    assert [a.incident_id for a in result.assessments] == ["A", "B", "C", "D", "E"]


def test_the_group_never_spans_more_than_one_window() -> None:
    # B is 3 days before the index and D 7 days after: each is within a week of the index, but
    # not of each other (10 days apart), so only one of them may join. Both placements hold two
    # incidents; the earlier wins.
    before = incident("B", occurred_on=date(2024, 4, 28))
    after = incident("D", occurred_on=date(2024, 5, 8))
    result = can_combine([INDEX, before, after], window=WEEK)
    assert result.qualifying == ("A", "B")
    qualifies, reasons = _assessment(result, "D")
    assert not qualifies
    assert any("outside the window 2024-04-28 to 2024-05-05" in r for r in reasons), reasons


def test_the_window_is_placed_to_hold_the_most_incidents() -> None:
    incidents = [
        INDEX,
        incident("B", occurred_on=date(2024, 4, 25)),
        incident("C", occurred_on=date(2024, 5, 3)),
        incident("D", occurred_on=date(2024, 5, 7)),
    ]
    result = can_combine(incidents, window=WEEK)
    assert result.qualifying == ("A", "C", "D")
    assert (result.window_start, result.window_end) == (date(2024, 5, 1), date(2024, 5, 8))


def test_the_order_of_the_others_does_not_matter() -> None:
    others = [
        incident("B", occurred_on=date(2024, 4, 28)),
        incident("C", occurred_on=date(2024, 5, 3)),
        incident("D", occurred_on=date(2024, 5, 8)),
    ]
    forward = can_combine([INDEX, *others], window=WEEK)
    backward = can_combine([INDEX, *reversed(others)], window=WEEK)
    assert set(forward.qualifying) == set(backward.qualifying) == {"A", "B", "C"}


def test_the_window_boundary_is_inclusive() -> None:
    on_edge = incident("B", occurred_on=date(2024, 5, 8))
    past = incident("C", occurred_on=date(2024, 5, 9))
    result = can_combine([INDEX, on_edge, past], window=WEEK)
    assert result.qualifying == ("A", "B")


def test_the_window_can_be_measured_by_reported_date() -> None:
    late_report = incident("B", occurred_on=date(2024, 5, 3), reported_on=date(2024, 5, 30))
    assert can_combine([INDEX, late_report], window=WEEK).allowed
    by_report = can_combine([INDEX, late_report], window=WEEK, by="reported_on")
    assert not by_report.allowed
    assert by_report.measured_by == "reported_on"


def test_an_index_incident_without_its_date_qualifies_nothing() -> None:
    index = incident("A", occurred_on=None, reported_on=None)
    result = can_combine([index, incident("B")], window=WEEK)
    assert not result.allowed
    assert result.qualifying == ()


def test_callers_may_pass_their_own_similar_types() -> None:
    pair = [INDEX, incident("B", incident_type="Self-harm")]
    assert not can_combine(pair, window=WEEK).allowed
    groups = [["Physical abuse", "Self-harm"]]
    assert can_combine(pair, window=WEEK, similar_types=groups).allowed
    # their groups replace the defaults
    abuse = [INDEX, incident("C", incident_type=T.FINANCIAL_ABUSE)]
    assert not can_combine(abuse, window=WEEK, similar_types=groups).allowed


def test_the_default_groups_are_disjoint_and_marked_inferred() -> None:
    seen: set[IncidentType] = set()
    for group in SIMILAR_INCIDENT_TYPES:
        assert not seen & group
        seen |= group
    # Behaviour, not the default tuple: a similar (not the same) type qualifies by the inferred
    # grouping, and the result says so in its reasons and cites the inferred rule.
    similar = can_combine([INDEX, incident("B", incident_type=T.SEXUAL_ABUSE)], window=WEEK)
    assert similar.allowed
    _, reasons = _assessment(similar, "B")
    assert "similar incident type (Sexual abuse ~ Physical abuse)" in reasons
    grouping = next(r for r in RULES if r.id == "cims.combine.similar-types").citation
    assert grouping.provenance is Provenance.INFERRED
    assert grouping in similar.citations
    apart = can_combine(
        [INDEX, incident("B", incident_type=T.SEXUAL_ABUSE)], window=WEEK, similar_types=[]
    )
    assert not apart.allowed


def test_the_window_has_no_default() -> None:
    with pytest.raises(TypeError, match="window"):
        can_combine([INDEX, incident("B")])  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"incidents": [INDEX], "window": WEEK}, "incidents"),
        ({"incidents": "AB", "window": WEEK}, "incidents"),
        ({"incidents": [INDEX, INDEX], "window": WEEK}, "incidents[1]"),
        ({"incidents": [INDEX, {"id": "B"}], "window": WEEK}, "incidents[1]"),
        ({"incidents": [INDEX, incident("B")], "window": 7}, "window"),
        ({"incidents": [INDEX, incident("B")], "window": -WEEK}, "window"),
        ({"incidents": [INDEX, incident("B")], "window": WEEK, "by": "endorsed_on"}, "by"),
        (
            {"incidents": [INDEX, incident("B")], "window": WEEK, "similar_types": ["Death"]},
            "similar_types[0]",
        ),
    ],
)
def test_bad_arguments_are_refused_naming_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        can_combine(**kwargs)
    assert caught.value.field == field


def test_an_unknown_type_in_the_groups_is_refused() -> None:
    with pytest.raises(UnknownValueError) as caught:
        can_combine([INDEX, incident("B")], window=WEEK, similar_types=[["Assault"]])
    assert caught.value.field == "similar_types[0]"


def _others(gaps: list[int]) -> list[ClientIncident]:
    return [
        incident(f"I{i}", occurred_on=date(2024, 5, 1) + timedelta(days=g))
        for i, g in enumerate(gaps)
    ]


@given(
    gaps=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8),
    window_days=st.integers(min_value=0, max_value=30),
)
def test_after_the_earliest_index_exactly_those_within_the_window_qualify(
    gaps: list[int], window_days: int
) -> None:
    result = can_combine([INDEX, *_others(gaps)], window=timedelta(days=window_days))
    expected = ("A", *(f"I{i}" for i, g in enumerate(gaps) if g <= window_days))
    assert result.qualifying == expected
    assert result.allowed is (len(expected) >= 2)


@given(
    gaps=st.lists(st.integers(min_value=-60, max_value=60), min_size=1, max_size=8),
    window_days=st.integers(min_value=0, max_value=30),
)
def test_the_group_fits_one_window_and_is_as_large_as_any(
    gaps: list[int], window_days: int
) -> None:
    result = can_combine([INDEX, *_others(gaps)], window=timedelta(days=window_days))
    chosen = [0, *(g for i, g in enumerate(gaps) if f"I{i}" in result.qualifying)]
    assert result.qualifying[0] == "A"
    assert max(chosen) - min(chosen) <= window_days
    # brute force: every window of window_days that holds the index day (day 0)
    best = max(
        sum(start <= g <= start + window_days for g in gaps) for start in range(-window_days, 1)
    )
    assert len(result.qualifying) == 1 + best


def test_result_snapshot() -> None:
    result = can_combine(
        [INDEX, incident("B", incident_type=T.EMOTIONAL_ABUSE), incident("C", client="C-9")],
        window=WEEK,
    )
    assert_matches_snapshot("cims_combine_result.example.json", result.model_dump(mode="json"))


def test_incidents_copied_with_raw_labels_are_revalidated() -> None:
    copied = INDEX.model_copy(update={"id": "B", "incident_type": "Emotional abuse"})
    result = can_combine([INDEX, copied], window=WEEK)
    assert result.allowed


def test_an_invalid_copied_incident_is_refused_naming_it() -> None:
    broken = INDEX.model_copy(update={"id": "B", "incident_type": "Assault"})
    with pytest.raises(CaseReviewError, match="incident_type") as caught:
        can_combine([INDEX, broken], window=WEEK)
    assert caught.value.field == "incidents[1]"


# --- audit fix: only incidents that each require a case review share one ----------------------


@pytest.mark.parametrize(
    ("changes", "follow_up", "why"),
    [
        (
            {"subject_of_allegation": AllegationSubject.STAFF},
            FollowUp.INVESTIGATION,
            "requires an incident investigation, not a case review",
        ),
        (
            {"systemic_factors": True},
            FollowUp.RCA_REVIEW,
            "requires a root cause analysis review, not a case review",
        ),
        ({"impact": "Non-major impact"}, FollowUp.NONE, "non-major and requires no review"),
        ({"systemic_factors": None}, FollowUp.UNDETERMINED, "awaits systemic_factors"),
        ({"subject_of_allegation": None}, None, "subject_of_allegation is required"),
    ],
)
def test_an_incident_that_does_not_need_a_case_review_is_refused(
    changes: dict[str, Any], follow_up: FollowUp | None, why: str
) -> None:
    other = incident("B", occurred_on=date(2024, 5, 3), **changes)
    result = can_combine([INDEX, other], window=WEEK)
    assert not result.allowed
    assert result.qualifying == ("A",)
    (assessment,) = [a for a in result.assessments if a.incident_id == "B"]
    assert assessment.follow_up is follow_up
    assert not assessment.qualifies
    assert any(why in r for r in assessment.reasons), assessment.reasons
    # and as the index incident, it qualifies nothing
    swapped = can_combine([other, INDEX], window=WEEK)
    assert swapped.qualifying == ()
    assert not swapped.allowed
    assert any(why in r for r in swapped.assessments[0].reasons)


def test_each_assessment_records_the_follow_up_and_ruleset() -> None:
    result = can_combine([INDEX, incident("B")], window=WEEK)
    assert {(a.follow_up, a.ruleset) for a in result.assessments} == {
        (FollowUp.CASE_REVIEW, "cims-2020")
    }
    assert result.applied_2020_rules is False
    by_id = {r.id: r for r in RULES}
    assert by_id["cims.combine.case-reviews-only"].citation in result.citations
    assert by_id["cims.combine.case-reviews-only"].citation.provenance is Provenance.INFERRED


def test_cims_2024_incidents_share_a_case_review_only_by_opt_in() -> None:
    later = [
        incident("A", occurred_on=date(2025, 2, 3)),
        incident("B", occurred_on=date(2025, 2, 5)),
    ]
    plain = can_combine(later, window=WEEK)
    assert not plain.allowed
    assert all(a.ruleset == "cims-2024" for a in plain.assessments)
    assert any("apply_2020_rules=True" in r for r in plain.assessments[0].reasons)
    opted = can_combine(later, window=WEEK, apply_2020_rules=True)
    assert opted.allowed
    assert opted.applied_2020_rules is True
    # Defect 7: the opt-in and the cut-over are cited, not only flagged.
    by_id = {r.id: r for r in RULES}
    assert by_id["cims.cims-2024.apply-2020-rules"].citation in opted.citations
    assert by_id["cims.cims-2024.ruleset.cut-over"].citation in opted.citations
    assert by_id["cims.cims-2024.apply-2020-rules"].citation not in plain.citations


def test_incidents_with_no_report_date_that_may_be_2024_share_a_review_only_by_opt_in() -> None:
    undated = [
        incident("A", occurred_on=date(2024, 11, 25), reported_on=None),
        incident("B", occurred_on=date(2024, 11, 27), reported_on=None),
    ]
    plain = can_combine(undated, window=WEEK)
    assert not plain.allowed
    assert all(a.follow_up is FollowUp.UNDETERMINED for a in plain.assessments)
    opted = can_combine(undated, window=WEEK, apply_2020_rules=True)
    assert opted.allowed
    assert opted.applied_2020_rules


def test_a_forced_ruleset_applies_to_every_incident() -> None:
    result = can_combine([INDEX, incident("B")], window=WEEK, ruleset="cims-2024")
    assert not result.allowed
    with pytest.raises(CaseReviewError) as caught:
        can_combine([INDEX, incident("B")], window=WEEK, ruleset="cims-1999")
    assert caught.value.field == "ruleset"
    with pytest.raises(CaseReviewError) as caught:
        can_combine([INDEX, incident("B")], window=WEEK, apply_2020_rules="yes")  # type: ignore[arg-type]
    assert caught.value.field == "apply_2020_rules"


class _Hostile:
    def __repr__(self) -> str:
        raise RuntimeError("hostile repr")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("hostile eq")

    __hash__ = object.__hash__


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"window": _Hostile()}, "window"),
        ({"window": WEEK, "by": _Hostile()}, "by"),
        ({"window": WEEK, "similar_types": [_Hostile()]}, "similar_types[0]"),
        ({"window": WEEK, "similar_types": 10**5000}, "similar_types"),
    ],
    ids=["window", "by", "group", "huge"],
)
def test_hostile_arguments_get_the_policy_error(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        can_combine([INDEX, incident("B")], **kwargs)
    assert caught.value.field == field
