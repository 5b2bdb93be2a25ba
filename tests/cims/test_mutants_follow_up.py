"""Every recorded field of a CIMS follow-up decision, for every input combination, both regimes.

The expectations are written from the rules' reading (the tip sheet for ``cims-2020`` as
summarised in ``cims/follow_up.py``'s docstring and the rule notes; the 2024 pages for
``cims-2024``), not from the decision table: :func:`_expected` is an independent oracle. These
tests kill the mutation survivors of ``cims.decision._decide`` / ``_review_2020`` (recorded facts
set to ``None``, citations dropped, the new-types rule dropped) and of ``follow_up._decision``.
"""

from __future__ import annotations

from datetime import date
from itertools import product
from typing import Any

import pytest

from casereview.cims import _rules, decision, follow_up
from casereview.cims.follow_up import follow_up_for, required_follow_up
from casereview.cims.models import AllegationSubject, FollowUp, Impact, IncidentType
from casereview.cims.rulesets import UNKNOWN_2024_REVIEW, UNKNOWN_2024_VOLUNTEER
from casereview.errors import CaseReviewError, MissingElementError
from casereview.findings import Provenance, Rule

T = IncidentType
S = AllegationSubject
R = _rules

ABUSE = {
    T.PHYSICAL_ABUSE,
    T.SEXUAL_ABUSE,
    T.SEXUAL_EXPLOITATION_GROOMING,
    T.FINANCIAL_ABUSE,
    T.EMOTIONAL_ABUSE,
}
NEW_TYPES = {T.NEGLECT, T.SEXUAL_EXPLOITATION_GROOMING}
_ORDER: dict[Provenance, int] = {
    Provenance.STATED: 0,
    Provenance.SECONDARY: 1,
    Provenance.INFERRED: 2,
}
SUBJECTS: tuple[S | None, ...] = (None, *S)


@pytest.fixture(autouse=True)
def _fresh_tables() -> None:
    """Each test computes the decisions afresh, not from a table cached by an earlier test.

    The outcomes are precomputed once per ruleset and cached; without this a test would check
    whichever table an earlier test (or mutant run) built, and mutation testing would attribute
    the decision logic to that earlier test only.
    """
    decision._table.cache_clear()
    follow_up._chosen.cache_clear()
    follow_up._open.cache_clear()


def _review_2020(impact: Impact, systemic: bool | None) -> dict[str, Any]:
    """Tip sheet: non-major -> none; other major -> review, RCA if systemic, else case review."""
    if impact is Impact.NON_MAJOR:
        return {
            "follow_up": FollowUp.NONE,
            "rule": R.NON_MAJOR,
            "cited": [R.NON_MAJOR],
            "review_required": False,
            "needs": (),
        }
    base = [R.MAJOR_FOLLOW_UP, R.REVIEW]
    if systemic is None:
        return {
            "follow_up": FollowUp.UNDETERMINED,
            "rule": R.REVIEW,
            "cited": [*base, R.CASE_REVIEW, R.RCA_REVIEW],
            "review_required": True,
            "needs": ("systemic_factors",),
        }
    if systemic:
        return {
            "follow_up": FollowUp.RCA_REVIEW,
            "rule": R.RCA_REVIEW,
            "cited": [*base, R.RCA_REVIEW],
            "review_required": True,
            "needs": (),
        }
    return {
        "follow_up": FollowUp.CASE_REVIEW,
        "rule": R.CASE_REVIEW,
        "cited": [*base, R.CASE_REVIEW],
        "review_required": True,
        "needs": (),
    }


def _expected(
    ruleset: str, opt_in: bool, impact: Impact, kind: T, subject: S | None, systemic: bool | None
) -> dict[str, Any] | None:
    """The decision the rules' reading gives (None: the subject of allegation must be given)."""
    major = impact is Impact.MAJOR
    out: dict[str, Any] = {"unknown": (), "needs": (), "applied": False, "investigation": False}
    if ruleset == "cims-2020":
        # 2020 guide (secondary): abuse by staff (incl. volunteer) or client; poor care;
        # an unexplained injury.
        if major and kind in ABUSE and subject is None:
            return None
        investigated = major and (
            (kind in ABUSE and subject in (S.STAFF, S.VOLUNTEER, S.CLIENT))
            or kind in (T.POOR_QUALITY_OF_CARE, T.INJURY_UNEXPLAINED)
        )
        new = [R.NEW_TYPES_2020] if kind in NEW_TYPES else []
        if investigated:
            out.update(
                follow_up=FollowUp.INVESTIGATION,
                rule=R.INVESTIGATION,
                cited=[R.MAJOR_FOLLOW_UP, R.INVESTIGATION, *new],
                review_required=False,
                investigation=True,
            )
            return out
        review = _review_2020(impact, systemic)
        out.update(review)
        out["cited"] = [*review["cited"], *([R.INVESTIGATION] if major else []), *new]
        return out
    # cims-2024 pages (secondary): abuse by staff or client, neglect, unexplained injury.
    if major and kind in ABUSE and subject is None:
        return None
    if major and kind in ABUSE and subject is S.VOLUNTEER:
        if not opt_in:
            out.update(
                follow_up=FollowUp.UNDETERMINED,
                rule=R.VOLUNTEER_2024,
                cited=[R.INVESTIGATION_2024, R.VOLUNTEER_2024],
                review_required=None,
                unknown=(UNKNOWN_2024_VOLUNTEER,),
                investigation=None,
            )
        else:
            out.update(
                follow_up=FollowUp.INVESTIGATION,
                rule=R.APPLY_2020_RULES,
                cited=[R.INVESTIGATION_2024, R.VOLUNTEER_2024, R.APPLY_2020_RULES, R.INVESTIGATION],
                review_required=False,
                applied=True,
                investigation=True,
            )
        return out
    investigated = major and (
        (kind in ABUSE and subject in (S.STAFF, S.CLIENT))
        or kind in (T.NEGLECT, T.INJURY_UNEXPLAINED)
    )
    if investigated:
        grooming = kind is T.SEXUAL_EXPLOITATION_GROOMING and subject is S.CLIENT
        out.update(
            follow_up=FollowUp.INVESTIGATION,
            rule=R.INVESTIGATION_2024,
            cited=[R.INVESTIGATION_2024, *([R.GROOMING_BETWEEN_CLIENTS_2024] if grooming else [])],
            review_required=False,
            investigation=True,
        )
        return out
    if not opt_in:
        out.update(
            follow_up=FollowUp.UNDETERMINED,
            rule=R.FOLLOW_UP_UNKNOWN_2024,
            cited=[R.INVESTIGATION_2024, R.FOLLOW_UP_UNKNOWN_2024],
            review_required=None,
            unknown=(UNKNOWN_2024_REVIEW,),
        )
        return out
    review = _review_2020(impact, systemic)
    out.update(review)
    out["cited"] = [R.INVESTIGATION_2024, R.APPLY_2020_RULES, *review["cited"]]
    out["applied"] = True
    return out


# A forced ruleset rests on the selection by submission day and the 9 Dec 2024 cut-over.
FORCED: tuple[Rule, ...] = (R.RULESET_SELECTION, R.CUT_OVER_2024)


@pytest.mark.parametrize(
    ("ruleset", "opt_in"), list(product(("cims-2020", "cims-2024"), (False, True)))
)
def test_every_combination_records_every_field(ruleset: str, opt_in: bool) -> None:
    for impact, kind, subject, systemic in product(Impact, T, SUBJECTS, (None, False, True)):
        want = _expected(ruleset, opt_in, impact, kind, subject, systemic)
        call: dict[str, Any] = {
            "subject_of_allegation": subject,
            "systemic_factors": systemic,
            "ruleset": ruleset,
            "apply_2020_rules": opt_in,
        }
        label = (ruleset, opt_in, impact, kind, subject, systemic)
        if want is None:
            with pytest.raises(MissingElementError) as err:
                required_follow_up(impact, kind, **call)
            assert err.value.field == "subject_of_allegation", label
            assert "staff member or a client" in str(err.value), label
            continue
        got = required_follow_up(impact, kind, **call)
        cited = [*want["cited"], *FORCED]
        assert got.follow_up is want["follow_up"], label
        assert got.decided is (want["follow_up"] is not FollowUp.UNDETERMINED), label
        assert got.investigation_required is want["investigation"], label
        assert got.review_required is want["review_required"], label
        assert got.needs == want["needs"], label
        assert got.unknown == want["unknown"], label
        assert got.impact is impact, label
        assert got.incident_type is kind, label
        assert got.subject_of_allegation is subject, label
        assert got.systemic_factors is systemic, label
        assert got.ruleset.id == ruleset, label
        assert got.ruleset_chosen_by == ("ruleset",), label
        assert got.ruleset_reason == f"ruleset={ruleset} was forced by the caller", label
        assert got.applied_2020_rules is want["applied"], label
        assert got.rule_id == want["rule"].id, label
        assert set(got.citations) == {r.citation for r in cited}, label
        assert len(got.citations) == len(set(got.citations)), label
        weakest = max(
            (r.citation.provenance for r in [want["rule"], *cited]), key=_ORDER.__getitem__
        )
        assert got.provenance is weakest, label
        # the reason names the incident it decides, in words
        assert kind.value.lower() in got.reason, label
        assert impact.value.lower() in got.reason, label
        if want["applied"]:
            assert "apply_2020_rules=True" in got.reason, label
            assert "inferred choice" in got.reason, label


@pytest.mark.parametrize("kind", [T.NEGLECT, T.SEXUAL_EXPLOITATION_GROOMING])
def test_new_types_under_2020_cite_the_new_types_reading(kind: T) -> None:
    """Neglect is reviewed under 2020 (not on its list), grooming investigated as sexual abuse."""
    major = required_follow_up(
        Impact.MAJOR,
        kind,
        subject_of_allegation=S.STAFF,
        systemic_factors=False,
        ruleset="cims-2020",
    )
    want = (
        FollowUp.INVESTIGATION if kind is T.SEXUAL_EXPLOITATION_GROOMING else FollowUp.CASE_REVIEW
    )
    assert major.follow_up is want
    assert R.NEW_TYPES_2020.citation in major.citations
    assert major.provenance is Provenance.INFERRED
    other = required_follow_up(
        Impact.MAJOR,
        T.SEXUAL_EXPLOITATION_GROOMING,
        subject_of_allegation=S.OTHER,
        systemic_factors=True,
        ruleset="cims-2020",
    )
    assert other.follow_up is FollowUp.RCA_REVIEW
    assert R.NEW_TYPES_2020.citation in other.citations
    # not cited under 2024, where the pages name these types
    later = required_follow_up(
        Impact.MAJOR, kind, subject_of_allegation=S.STAFF, ruleset="cims-2024"
    )
    assert R.NEW_TYPES_2020.citation not in later.citations


def test_reason_names_the_subject_and_ruleset() -> None:
    got = required_follow_up(
        "Major impact", "Physical abuse", subject_of_allegation="Client", ruleset="cims-2024"
    )
    assert got.reason == (
        "A major impact physical abuse incident with the subject of allegation a client "
        "requires an incident investigation (cims-2024)."
    )
    any_subject = required_follow_up("Major impact", "Unexplained injury", ruleset="cims-2020")
    assert any_subject.reason == (
        "A major impact unexplained injury incident requires an incident investigation (cims-2020)."
    )
    other = required_follow_up(
        "Major impact",
        "Physical abuse",
        subject_of_allegation="Other person",
        systemic_factors=False,
        ruleset="cims-2020",
    )
    assert "with the subject of allegation 'other person'" in other.reason
    assert other.reason.endswith("a case review.")
    assert "(cims-2020)" in other.reason
    none = required_follow_up("Non-major impact", "Death", ruleset="cims-2020")
    assert none.reason == (
        "A non-major impact death incident needs neither an investigation nor a review (cims-2020)."
    )


def test_default_choice_records_it() -> None:
    got = required_follow_up("Major impact", "Self-harm", systemic_factors=True)
    assert got.follow_up is FollowUp.RCA_REVIEW
    assert got.ruleset.id == "cims-2020"
    assert got.ruleset_chosen_by == ("default",)
    assert "default cims-2020 was assumed" in got.ruleset_reason
    assert R.RULESET_DEFAULT.citation in got.citations
    assert R.RULESET_SELECTION.citation in got.citations
    assert R.CUT_OVER_2024.citation in got.citations
    assert got.provenance is Provenance.INFERRED
    assert got.applied_2020_rules is False


def test_submission_day_chooses() -> None:
    got = required_follow_up(
        "Major impact",
        "Physical abuse",
        subject_of_allegation="Staff member",
        submitted_on=date(2024, 5, 1),
    )
    assert got.ruleset.id == "cims-2020"
    assert got.ruleset_chosen_by == ("submitted_on",)
    assert got.follow_up is FollowUp.INVESTIGATION
    assert R.RULESET_DEFAULT.citation not in got.citations
    assert R.RULESET_OPEN.citation not in got.citations
    # the 2020 investigation rests on secondary and stated sources only
    assert got.provenance is Provenance.SECONDARY
    later = required_follow_up(
        "Major impact", "Poor quality of care", submitted_on=date(2025, 5, 1)
    )
    assert later.ruleset.id == "cims-2024"
    assert later.follow_up is FollowUp.UNDETERMINED


OPEN = date(2024, 11, 4)  # occurred within cims-2020: submitted before or after the cut-over


def test_open_choice_agreeing_regimes_decide() -> None:
    got = required_follow_up(
        "Major impact", "Sexual abuse", subject_of_allegation="Staff member", occurred_on=OPEN
    )
    assert got.follow_up is FollowUp.INVESTIGATION
    assert got.decided is True
    assert got.investigation_required is True
    assert got.review_required is False
    assert got.ruleset_chosen_by == ("undetermined",)
    assert got.ruleset.id == "cims-2024"
    assert got.reason.startswith("Both regimes the dates allow agree. cims-2020: ")
    assert " cims-2024: " in got.reason
    assert {
        R.INVESTIGATION.citation,
        R.INVESTIGATION_2024.citation,
        R.RULESET_OPEN.citation,
    } <= set(got.citations)
    assert got.provenance is Provenance.INFERRED
    assert got.needs == ()
    assert got.unknown == ()
    assert "leaves the submission day open" in got.ruleset_reason


def test_open_choice_disagreeing_regimes_stay_open() -> None:
    # 2020: investigated (poor quality of care); 2024: not a trigger, review not known.
    got = required_follow_up(
        "Major impact", "Poor quality of care", systemic_factors=False, occurred_on=OPEN
    )
    assert got.follow_up is FollowUp.UNDETERMINED
    assert got.decided is False
    assert got.investigation_required is None  # 2020 says yes, 2024 no
    assert got.review_required is None  # 2020 False, 2024 None
    assert got.needs == ("submitted_on",)
    assert got.unknown == (UNKNOWN_2024_REVIEW,)
    assert got.applied_2020_rules is False
    assert got.ruleset_chosen_by == ("undetermined",)
    assert got.subject_of_allegation is None
    assert got.systemic_factors is False
    assert R.INVESTIGATION.citation in got.citations
    assert R.RULESET_OPEN.citation in got.citations
    assert got.provenance is Provenance.INFERRED
    # both say no investigation, 2020 needs systemic factors: its need is kept, flags agree
    review = required_follow_up("Major impact", "Self-harm", occurred_on=OPEN)
    assert review.investigation_required is False
    assert review.review_required is None
    assert review.needs == ("submitted_on", "systemic_factors")
    # the record's field names
    record = follow_up_for(
        {
            "id": "CIMS-1",
            "client": "C-1",
            "impact": "Major impact",
            "incident_type": "Self-harm",
            "occurred_on": OPEN,
        }
    )
    assert record.needs == ("reported_on", "systemic_factors")
    volunteer = required_follow_up(
        "Major impact", "Physical abuse", subject_of_allegation="Volunteer", occurred_on=OPEN
    )
    assert volunteer.unknown == (UNKNOWN_2024_VOLUNTEER,)
    assert volunteer.investigation_required is None


def test_open_choice_missing_subject_is_refused() -> None:
    with pytest.raises(MissingElementError) as err:
        required_follow_up("Major impact", "Emotional abuse", occurred_on=OPEN)
    assert err.value.field == "subject_of_allegation"


def test_open_choice_settled_by_opt_in_applies_2020() -> None:
    got = required_follow_up(
        "Major impact", "Poor quality of care", occurred_on=OPEN, apply_2020_rules=True
    )
    assert got.follow_up is FollowUp.INVESTIGATION
    assert got.ruleset.id == "cims-2020"
    assert got.ruleset_chosen_by == ("apply_2020_rules",)
    assert got.applied_2020_rules is True
    assert got.reason.endswith(
        " The dates leave cims-2024 possible; cims-2020 was applied at the caller's request "
        "(apply_2020_rules=True): an inferred choice."
    )
    assert {R.RULESET_OPEN.citation, R.APPLY_2020_RULES.citation} <= set(got.citations)
    assert got.provenance is Provenance.INFERRED


def test_labels_and_flags_are_parsed() -> None:
    got = required_follow_up(
        "major impact",
        "physical abuse",
        subject_of_allegation="client",
        systemic_factors="No",
        ruleset="cims-2020",
    )
    assert got.follow_up is FollowUp.INVESTIGATION
    assert got.subject_of_allegation is S.CLIENT
    flagged = required_follow_up(
        "Major impact", "Death", systemic_factors="Yes", ruleset="cims-2020"
    )
    assert flagged.follow_up is FollowUp.RCA_REVIEW
    assert flagged.systemic_factors is True


def test_follow_up_for_uses_the_record() -> None:
    got = follow_up_for(
        {
            "id": "CIMS-1",
            "client": "C-1",
            "impact": "Major impact",
            "incident_type": "Death",
            "systemic_factors": False,
            "reported_on": date(2024, 6, 3),
        }
    )
    assert got.follow_up is FollowUp.CASE_REVIEW
    assert got.ruleset_chosen_by == ("reported_on",)
    assert got.ruleset.id == "cims-2020"
    forced = follow_up_for(
        {"id": "CIMS-1", "client": "C-1", "impact": "Major impact", "incident_type": "Death"},
        ruleset="cims-2024",
        apply_2020_rules=True,
    )
    assert forced.applied_2020_rules is True
    assert forced.needs == ("systemic_factors",)


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        (("Huge impact", "Death"), {}, "impact"),
        (("Major impact", "Not a type"), {}, "incident_type"),
        (
            ("Major impact", "Physical abuse"),
            {"subject_of_allegation": "Nobody"},
            "subject_of_allegation",
        ),
        (("Major impact", "Death"), {"systemic_factors": "perhaps"}, "systemic_factors"),
        (("Major impact", "Death"), {"apply_2020_rules": "yes"}, "apply_2020_rules"),
    ],
)
def test_a_bad_answer_names_its_field(
    args: tuple[str, str], kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(CaseReviewError) as err:
        required_follow_up(*args, ruleset="cims-2020", **kwargs)
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}: ")


def test_open_disagreement_says_what_each_regime_answers() -> None:
    got = required_follow_up("Major impact", "Poor quality of care", occurred_on=OPEN)
    assert got.rule_id == R.RULESET_OPEN.id
    assert got.reason.startswith("No submitted_on given and occurred_on leaves the submission day")
    assert (
        "and the regimes do not give one answer — cims-2020: Incident investigation; "
        "cims-2024: not determined by the rules this library holds. Give submitted_on (or "
        "ruleset=) to decide, or pass apply_2020_rules=True to apply cims-2020, recorded as an "
        "inferred choice."
    ) in got.reason
    record = follow_up_for(
        {"id": "CIMS-1", "client": "C-1", "impact": "Major impact",
         "incident_type": "Poor quality of care", "occurred_on": OPEN}
    )  # fmt: skip
    assert "Give reported_on (or ruleset=) to decide" in record.reason
    assert record.needs == ("reported_on",)
