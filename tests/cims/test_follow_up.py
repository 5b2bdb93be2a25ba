"""required_follow_up: every rule as a table, every input combination, rulesets, bad input.

These are the cims-2020 tests (no date given: the default ruleset, recorded). The cims-2024
regime, ruleset choice and the opt-in are in test_follow_up_2024.py.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import product

import pytest

from casereview.cims import (
    DEFAULT_RULESET,
    RULES,
    AllegationSubject,
    ClientIncident,
    FollowUp,
    FollowUpDecision,
    Impact,
    IncidentType,
    follow_up_for,
    required_follow_up,
    ruleset_for,
)
from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError
from casereview.findings import Provenance
from tests.helpers import assert_matches_snapshot

MAJOR, NON_MAJOR = Impact.MAJOR, Impact.NON_MAJOR
T = IncidentType
S = AllegationSubject
ABUSE = (
    T.PHYSICAL_ABUSE,
    T.SEXUAL_ABUSE,
    T.SEXUAL_EXPLOITATION_GROOMING,
    T.FINANCIAL_ABUSE,
    T.EMOTIONAL_ABUSE,
)
ALWAYS_INVESTIGATED = (T.POOR_QUALITY_OF_CARE, T.INJURY_UNEXPLAINED)
NEVER_INVESTIGATED = (
    T.NEGLECT,
    T.INJURY_EXPLAINED,
    T.SELF_HARM,
    T.DEATH,
    T.MEDICATION_ERROR,
    T.ABSENT_CLIENT,
    T.OTHER,
)
RULE_IDS = {rule.id: rule for rule in RULES}


def test_the_type_lists_cover_every_incident_type_once_and_match_the_code() -> None:
    listed = [*ABUSE, *ALWAYS_INVESTIGATED, *NEVER_INVESTIGATED]
    assert sorted(listed) == sorted(IncidentType)
    assert len(set(listed)) == len(listed)
    # The fixture lists restate what the code does, so check them against it.
    assert {t for t in IncidentType if t.is_abuse} == set(ABUSE)
    in_2020 = date(2023, 5, 1)
    for t, s in product(IncidentType, (S.STAFF, S.OTHER)):
        decision = required_follow_up(
            MAJOR, t, subject_of_allegation=s, systemic_factors=False, submitted_on=in_2020
        )
        investigated = t in ALWAYS_INVESTIGATED or (t in ABUSE and s is S.STAFF)
        assert (decision.follow_up is FollowUp.INVESTIGATION) is investigated, (t, s)


# --- rule: non-major -> NONE -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("incident_type", "subject", "systemic"),
    list(product(IncidentType, (None, *S), (None, False, True))),
)
def test_non_major_needs_no_follow_up(
    incident_type: IncidentType, subject: AllegationSubject | None, systemic: bool | None
) -> None:
    decision = required_follow_up(
        NON_MAJOR, incident_type, subject_of_allegation=subject, systemic_factors=systemic
    )
    assert decision.follow_up is FollowUp.NONE
    assert decision.review_required is False
    assert decision.investigation_required is False
    assert decision.decided
    assert decision.needs == ()
    assert decision.rule_id == "cims.follow-up.non-major"


# --- rule: major investigation types ---------------------------------------------------------


@pytest.mark.parametrize(("incident_type", "subject"), list(product(ABUSE, (S.STAFF, S.CLIENT))))
@pytest.mark.parametrize("systemic", [None, False, True])
def test_major_abuse_by_staff_or_client_is_investigated(
    incident_type: IncidentType, subject: AllegationSubject, systemic: bool | None
) -> None:
    decision = required_follow_up(
        MAJOR, incident_type, subject_of_allegation=subject, systemic_factors=systemic
    )
    assert decision.follow_up is FollowUp.INVESTIGATION
    assert decision.rule_id == "cims.cims-2020.follow-up.investigation"
    assert decision.review_required is False
    assert decision.investigation_required
    assert decision.decided


@pytest.mark.parametrize("incident_type", ALWAYS_INVESTIGATED)
@pytest.mark.parametrize("subject", [None, *S])
@pytest.mark.parametrize("systemic", [None, False, True])
def test_poor_care_and_unexplained_injury_are_investigated_whoever_the_subject(
    incident_type: IncidentType, subject: AllegationSubject | None, systemic: bool | None
) -> None:
    decision = required_follow_up(
        MAJOR, incident_type, subject_of_allegation=subject, systemic_factors=systemic
    )
    assert decision.follow_up is FollowUp.INVESTIGATION


@pytest.mark.parametrize("incident_type", ABUSE)
def test_major_abuse_without_subject_of_allegation_is_refused(incident_type: IncidentType) -> None:
    with pytest.raises(MissingElementError, match="subject_of_allegation") as caught:
        required_follow_up(MAJOR, incident_type, systemic_factors=False)
    assert caught.value.field == "subject_of_allegation"
    assert "'Staff member', 'Volunteer', 'Client', 'Other person'" in str(caught.value)
    assert "cims-2020" in str(caught.value)


# --- rules: review, case review, RCA review ----------------------------------------------------

REVIEW_ROWS = [
    *((t, None) for t in NEVER_INVESTIGATED),
    *((t, S.OTHER) for t in ABUSE),
    *((t, s) for t in NEVER_INVESTIGATED for s in S),
]


@pytest.mark.parametrize(("incident_type", "subject"), REVIEW_ROWS)
@pytest.mark.parametrize(
    ("systemic", "expected", "rule_id"),
    [
        (True, FollowUp.RCA_REVIEW, "cims.follow-up.rca-review"),
        (False, FollowUp.CASE_REVIEW, "cims.follow-up.case-review"),
        (None, FollowUp.UNDETERMINED, "cims.follow-up.review"),
    ],
)
def test_other_major_incidents_need_a_review(
    incident_type: IncidentType,
    subject: AllegationSubject | None,
    systemic: bool | None,
    expected: FollowUp,
    rule_id: str,
) -> None:
    decision = required_follow_up(
        MAJOR, incident_type, subject_of_allegation=subject, systemic_factors=systemic
    )
    assert decision.follow_up is expected
    assert decision.rule_id == rule_id
    assert decision.review_required is True
    assert decision.investigation_required is False
    assert decision.needs == (() if systemic is not None else ("systemic_factors",))
    assert decision.decided is (systemic is not None)
    assert decision.unknown == ()


def test_unknown_systemic_factor_is_never_a_silent_guess() -> None:
    decision = required_follow_up(MAJOR, T.DEATH)
    assert decision.follow_up is FollowUp.UNDETERMINED
    assert not decision.follow_up.is_review
    assert decision.review_required is True
    assert not decision.decided
    assert "systemic_factors" in decision.reason
    cited = {c.quote for c in decision.citations}
    assert RULE_IDS["cims.follow-up.case-review"].citation.quote in cited
    assert RULE_IDS["cims.follow-up.rca-review"].citation.quote in cited


def _oracle(
    impact: Impact, t: IncidentType, s: AllegationSubject | None, systemic: bool | None
) -> FollowUp | None:
    """The rules restated independently; None means 'subject of allegation required'."""
    if impact is Impact.NON_MAJOR:
        return FollowUp.NONE
    if t.name in {"POOR_QUALITY_OF_CARE", "INJURY_UNEXPLAINED"}:
        return FollowUp.INVESTIGATION
    if t.name.endswith("_ABUSE") or t.name.endswith("_GROOMING"):
        if s is None:
            return None
        if s.name in {"STAFF", "VOLUNTEER", "CLIENT"}:  # 2020: "staff (including a volunteer)"
            return FollowUp.INVESTIGATION
    return {
        None: FollowUp.UNDETERMINED,
        True: FollowUp.RCA_REVIEW,
        False: FollowUp.CASE_REVIEW,
    }[systemic]


def test_every_input_combination_matches_the_rules() -> None:
    combinations = list(product(Impact, IncidentType, (None, *S), (None, False, True)))
    assert len(combinations) == 2 * len(IncidentType) * (len(S) + 1) * 3
    for impact, t, s, systemic in combinations:
        expected = _oracle(impact, t, s, systemic)
        if expected is None:
            with pytest.raises(MissingElementError):
                required_follow_up(impact, t, subject_of_allegation=s, systemic_factors=systemic)
            continue
        decision = required_follow_up(impact, t, subject_of_allegation=s, systemic_factors=systemic)
        assert decision.follow_up is expected, (impact, t, s, systemic)
        assert decision.review_required is (expected not in (FollowUp.NONE, FollowUp.INVESTIGATION))
        assert decision.decided is (expected is not FollowUp.UNDETERMINED)
        assert (decision.impact, decision.incident_type) == (impact, t)
        assert (decision.subject_of_allegation, decision.systemic_factors) == (s, systemic)


# --- citations and provenance ------------------------------------------------------------------


def test_investigation_cites_the_secondary_guide_and_the_stated_rule() -> None:
    decision = required_follow_up(MAJOR, T.SEXUAL_ABUSE, subject_of_allegation=S.CLIENT)
    by_source = {(c.source, c.provenance) for c in decision.citations}
    assert ("cims-guide-2020", Provenance.SECONDARY) in by_source
    assert ("cims-case-review-tip-sheet", Provenance.STATED) in by_source
    assert decision.ruleset.id == "cims-2020"


def test_case_review_quotes_the_tip_sheet() -> None:
    decision = required_follow_up(MAJOR, T.SELF_HARM, systemic_factors=False)
    quotes = [c.quote for c in decision.citations if c.quote]
    assert any("do not appear to be, a significant causal" in q for q in quotes)
    assert any("All major incidents which are not subject to an investigation" in q for q in quotes)


def test_non_major_rule_is_inferred_not_stated() -> None:
    decision = required_follow_up(NON_MAJOR, T.DEATH)
    assert decision.citations[0].provenance is Provenance.INFERRED
    assert decision.provenance is Provenance.INFERRED


def test_the_review_type_rules_read_appropriate_as_inferred() -> None:
    # "These are appropriate where ..." is a recommendation the code turns into a rule.
    for rule_id in ("cims.follow-up.case-review", "cims.follow-up.rca-review"):
        citation = RULE_IDS[rule_id].citation
        assert citation.provenance is Provenance.INFERRED
        assert citation.quote is not None
        assert "appropriate" in citation.quote
        assert citation.note is not None
    decision = required_follow_up(MAJOR, T.SELF_HARM, systemic_factors=True)
    assert decision.provenance is Provenance.INFERRED


@pytest.mark.parametrize("subject", [S.STAFF, S.CLIENT])
def test_grooming_under_2020_is_sexual_exploitation_and_marked_inferred(
    subject: AllegationSubject,
) -> None:
    decision = required_follow_up(
        MAJOR, T.SEXUAL_EXPLOITATION_GROOMING, subject_of_allegation=subject
    )
    assert decision.follow_up is FollowUp.INVESTIGATION
    assert decision.provenance is Provenance.INFERRED
    assert "cims.cims-2020.follow-up.new-types" in {
        r.id for r in RULES if r.citation in decision.citations
    }


def test_neglect_under_2020_is_reviewed_and_marked_inferred() -> None:
    decision = required_follow_up(MAJOR, T.NEGLECT, systemic_factors=False)
    assert decision.follow_up is FollowUp.CASE_REVIEW
    assert decision.provenance is Provenance.INFERRED
    assert RULE_IDS["cims.cims-2020.follow-up.new-types"].citation in decision.citations


# --- rulesets by submission date ---------------------------------------------------------------


@pytest.mark.parametrize("submitted_on", [date(2020, 2, 3), date(2022, 7, 1), date(2024, 12, 8)])
def test_the_2020_ruleset_answers_inside_its_period(submitted_on: date) -> None:
    decision = required_follow_up(MAJOR, T.DEATH, systemic_factors=True, submitted_on=submitted_on)
    assert decision.ruleset == DEFAULT_RULESET
    assert decision.ruleset.id == "cims-2020"
    assert decision.follow_up is FollowUp.RCA_REVIEW


def test_no_submission_date_uses_the_default_ruleset_and_says_so() -> None:
    decision = required_follow_up(MAJOR, T.DEATH)
    assert decision.ruleset.id == "cims-2020"
    assert decision.ruleset_chosen_by == ("default",)
    assert "default" in decision.ruleset_reason


@pytest.mark.parametrize(
    ("submitted_on", "document"),
    [
        (date(2020, 2, 2), "Client incident management guide (November 2017)"),
        (date(2018, 1, 15), "Client incident management guide (November 2017)"),
    ],
)
def test_a_date_under_an_unimplemented_ruleset_names_its_document(
    submitted_on: date, document: str
) -> None:
    with pytest.raises(CaseReviewError, match="does not implement") as caught:
        required_follow_up(MAJOR, T.DEATH, submitted_on=submitted_on)
    assert document in str(caught.value)
    assert caught.value.field == "submitted_on"


def test_a_date_before_cims_is_refused() -> None:
    with pytest.raises(CaseReviewError, match="before CIMS began") as caught:
        required_follow_up(MAJOR, T.DEATH, submitted_on=date(2018, 1, 14))
    assert caught.value.field == "submitted_on"


def test_the_2024_ruleset_is_implemented() -> None:
    assert required_follow_up(MAJOR, T.DEATH, submitted_on=date(2030, 1, 1)).ruleset.id == (
        "cims-2024"
    )


def test_ruleset_periods_touch_without_gaps() -> None:
    assert ruleset_for(date(2020, 2, 2)).id == "cims-2017"
    assert ruleset_for(date(2020, 2, 3)).id == "cims-2020"
    assert ruleset_for(date(2024, 12, 8)).id == "cims-2020"
    assert ruleset_for(date(2024, 12, 9)).id == "cims-2024"


def test_follow_up_for_an_incident_uses_its_reported_date() -> None:
    incident = ClientIncident(
        id="CIMS-7",
        client="C-1",
        incident_type=T.ABSENT_CLIENT,
        impact=MAJOR,
        systemic_factors=False,
        reported_on=date(2023, 3, 1),
    )
    decision = follow_up_for(incident)
    assert decision.follow_up is FollowUp.CASE_REVIEW
    assert decision.ruleset_chosen_by == ("reported_on",)
    later = incident.model_copy(update={"reported_on": date(2025, 3, 1)})
    assert follow_up_for(later).ruleset.id == "cims-2024"
    older = incident.model_copy(update={"reported_on": date(2019, 3, 1)})
    with pytest.raises(CaseReviewError, match="cims-guide-2017") as caught:
        follow_up_for(older)
    assert caught.value.field == "reported_on"
    assert str(caught.value).startswith("reported_on: ")


# --- input parsing and bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("impact", "incident_type", "subject"),
    [
        ("Major impact", "Physical abuse", "Staff member"),
        ("  major   IMPACT ", "physical ABUSE", " staff member "),
        ("MAJOR", "PHYSICAL_ABUSE", "STAFF"),
        (Impact.MAJOR, T.PHYSICAL_ABUSE, S.STAFF),
    ],
)
def test_labels_and_members_are_accepted(impact: str, incident_type: str, subject: str) -> None:
    decision = required_follow_up(impact, incident_type, subject_of_allegation=subject)
    assert decision.follow_up is FollowUp.INVESTIGATION


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"impact": "Serious", "incident_type": "Death"}, "impact"),
        ({"impact": "Major impact", "incident_type": "Assault"}, "incident_type"),
        (
            {
                "impact": "Major impact",
                "incident_type": "Physical abuse",
                "subject_of_allegation": "Neighbour",
            },
            "subject_of_allegation",
        ),
        ({"impact": 1, "incident_type": "Death"}, "impact"),
    ],
)
def test_unknown_labels_are_refused_with_the_field_and_allowed_values(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(UnknownValueError) as caught:
        required_follow_up(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert "allowed:" in str(caught.value)


# Contract change (the input policy, casereview._input): systemic_factors is a flag, so "Yes"/"No"
# and "True"/"False" labels are read; 1, 0 and other strings are still refused. submitted_on is a
# day, so an ISO "YYYY-MM-DD" string is read; a datetime or a number is still refused.


@pytest.mark.parametrize(("value", "expected"), [("yes", True), ("False", False), (" NO ", False)])
def test_systemic_factors_labels_are_read_as_flags(value: str, expected: bool) -> None:
    decision = required_follow_up(MAJOR, T.DEATH, systemic_factors=value)
    assert decision.systemic_factors is expected


@pytest.mark.parametrize("value", [1, 0, "maybe", 2.0])
def test_systemic_factors_must_be_a_flag(value: object) -> None:
    with pytest.raises(CaseReviewError) as caught:
        required_follow_up(MAJOR, T.DEATH, systemic_factors=value)  # type: ignore[arg-type]
    assert caught.value.field == "systemic_factors"


def test_an_iso_submission_day_is_read() -> None:
    assert required_follow_up(MAJOR, T.DEATH, submitted_on="2023-01-01").ruleset.id == "cims-2020"


@pytest.mark.parametrize("value", ["2023-13-01", datetime(2023, 1, 1, 9, 0), 20230101])
def test_submitted_on_must_be_a_date(value: object) -> None:
    with pytest.raises(CaseReviewError) as caught:
        required_follow_up(MAJOR, T.DEATH, submitted_on=value)  # type: ignore[arg-type]
    assert caught.value.field == "submitted_on"


def test_the_decision_is_frozen_and_serialises() -> None:
    decision = required_follow_up(MAJOR, T.SELF_HARM, systemic_factors=False)
    assert FollowUpDecision.model_validate_json(decision.model_dump_json()) == decision
    assert hash(decision) == hash(required_follow_up(MAJOR, T.SELF_HARM, systemic_factors=False))
    with pytest.raises(ValueError, match="frozen"):
        decision.follow_up = FollowUp.NONE  # type: ignore[misc]


def test_decision_json_snapshots() -> None:
    assert_matches_snapshot(
        "cims_follow_up_decision.schema.json", FollowUpDecision.model_json_schema()
    )
    assert_matches_snapshot(
        "cims_follow_up_decision.example.json",
        required_follow_up(MAJOR, T.DEATH).model_dump(mode="json"),
    )
