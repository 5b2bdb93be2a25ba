"""Issue 15's audit defects and provenance checks, one test (or more) each."""

from __future__ import annotations

from datetime import date

import pytest

from casereview import BusinessCalendar, Provenance, Severity
from casereview.errors import UnknownValueError
from casereview.kentucky_cqi import (
    RULES,
    Requester,
    ReviewLevel,
    SubstitutionReason,
    SubstitutionRequest,
    VacancyReason,
    check_caps,
    monthly_schedule,
    steps_due,
    substitution_decision,
    vacant_position_outcome,
)
from casereview.kentucky_cqi.caps import FIRST_LEVEL_FOUR

KY = BusinessCalendar.kentucky()

# ---------------------------------------------------------------------------- steps_due


def test_a_reminder_before_a_weekend_deadline_is_not_overdue() -> None:
    # 12 Jan 2025 is a Sunday: the reminder is Friday 10 Jan; on Saturday 11 Jan the 12th has
    # not passed, so the steps are due, not overdue.
    status = steps_due(2025, 1, date(2025, 1, 11), calendar=KY)
    assert [s.field for s in status.due] == ["fsos_start_by", "substitution_request_by"]
    assert "fsos_start_by" not in [s.field for s in status.overdue]
    on_12 = steps_due(2025, 1, date(2025, 1, 12), calendar=KY)
    assert "fsos_start_by" in [s.field for s in on_12.due]
    on_13 = steps_due(2025, 1, date(2025, 1, 13), calendar=KY)
    assert "fsos_start_by" in [s.field for s in on_13.overdue]


def test_with_or_without_a_calendar_a_deadline_is_overdue_on_the_same_day() -> None:
    """Overdue is the seed's date (a day of the month), never a business-day count."""
    for year in (2024, 2025, 2026):
        for month in range(1, 13):
            days = [date(year, month, d) for d in range(1, 29)] + [
                date(*monthly_schedule(year, month).month_two, d) for d in range(1, 29)
            ]
            for on in days:
                plain = {s.field for s in steps_due(year, month, on).overdue}
                business = {s.field for s in steps_due(year, month, on, calendar=KY).overdue}
                assert plain == business, (year, month, on)


def test_a_business_calendar_reminder_is_due_from_the_reminder_to_the_seeds_day() -> None:
    schedule = monthly_schedule(2025, 1, calendar=KY)
    step = schedule.steps[2]  # fsos_start_by: 10 Jan reminder for the seed's 12 Jan
    assert (step.when, step.as_written) == (date(2025, 1, 10), date(2025, 1, 12))
    before = steps_due(2025, 1, date(2025, 1, 9), calendar=KY)
    assert step.field in [s.field for s in before.upcoming]
    for d in (10, 11, 12):
        assert step.field in [
            s.field for s in steps_due(2025, 1, date(2025, 1, d), calendar=KY).due
        ]


# ---------------------------------------------------------------------------- check_caps


def test_check_caps_accepts_any_mapping_like_and_numpy_like_count() -> None:
    class Counts:  # duck-typed like a pandas Series: .items() gives (name, count)
        def items(self) -> list[tuple[str, int]]:
            return [("Adams", 5)]

    assert [f.code for f in check_caps(first_level=Counts()).errors] == [
        "kentucky_cqi.caps.first-level"
    ]


def test_a_case_listed_twice_is_counted_once_with_a_warning() -> None:
    result = check_caps(first_level={"Adams": ["C1", "C2", "C3", "C4", "C4"]})
    assert result.ok
    assert [(f.code, f.severity) for f in result.findings] == [
        ("kentucky_cqi.caps.repeated-case", Severity.WARNING)
    ]


# ---------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("typed", "member"),
    [
        ("transferred out of region", SubstitutionReason.TRANSFERRED_OUT_OF_REGION),
        ("Transferred-out-of-region", SubstitutionReason.TRANSFERRED_OUT_OF_REGION),
        ("sealed", SubstitutionReason.SEALED),
        ("controlled access", SubstitutionReason.CONTROLLED_ACCESS),
        ("previous month", SubstitutionReason.PULLED_PREVIOUS_MONTH),
        ("extension", SubstitutionReason.INVESTIGATION_WITH_EXTENSION),
        ("no CARES access", SubstitutionReason.REVIEWER_WITHOUT_ACCESS),
        ("rapid response", SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER),
    ],
)
def test_short_substitution_labels_parse(typed: str, member: SubstitutionReason) -> None:
    assert SubstitutionReason.parse(typed, field="reason") is member
    assert SubstitutionReason(typed) is member
    request = SubstitutionRequest.model_validate(
        {"reason": typed, "requested_on": date(2025, 1, 3), "pull_year": 2025, "pull_month": 1}
    )
    assert request.reason is member


def test_short_vacancy_and_level_labels_parse() -> None:
    assert VacancyReason.parse("transferred out of region", field="r") is (
        VacancyReason.TRANSFERRED_OUT_OF_REGION
    )
    assert vacant_position_outcome("medical leave", flagged_for_regional_review=False).reason is (
        VacancyReason.EXTENDED_MEDICAL_LEAVE
    )
    assert ReviewLevel.parse("regional", field="level") is ReviewLevel.SECOND
    assert ReviewLevel.parse("first level", field="level") is ReviewLevel.FIRST
    assert Requester.parse("regional", field="requested_by") is Requester.REGIONAL_REVIEWER


def test_every_alias_is_documented_and_names_one_member() -> None:
    for enum in (SubstitutionReason, VacancyReason, Requester, ReviewLevel):
        aliases = enum.aliases()
        assert aliases, enum
        for alias, member in aliases.items():
            assert enum.parse(alias, field="x") is member
        labels = {m.value.casefold() for m in enum}
        assert not labels & set(aliases), f"{enum.__name__}: an alias repeats a label"


def test_unknown_labels_are_still_refused_listing_the_labels() -> None:
    with pytest.raises(UnknownValueError) as caught:
        SubstitutionReason.parse("closed", field="reason")
    assert caught.value.allowed == SubstitutionReason.labels()
    with pytest.raises(UnknownValueError):
        SubstitutionReason.parse(3, field="reason")


# ---------------------------------------------------------------------------- second level


def test_a_regional_reviewers_month_two_request_is_not_refused_twice() -> None:
    request = SubstitutionRequest(
        reason=SubstitutionReason.parse("no CARES access", field="reason"),
        requested_on=date(2025, 2, 4),
        pull_year=2025,
        pull_month=1,
        requested_by=Requester.REGIONAL_REVIEWER,
    )
    decision = substitution_decision(request)
    assert decision.level is ReviewLevel.SECOND
    assert decision.eligible
    about_it = [f for f in decision.findings if f.field == "level"]
    assert len(about_it) == 1
    assert about_it[0].severity is Severity.WARNING
    assert about_it[0].code == "kentucky_cqi.substitution.second-level-request"
    assert not any(f.field in ("requested_on", "requested_by") for f in decision.findings)


def test_a_second_level_request_still_needs_a_listed_reason_and_its_condition() -> None:
    request = SubstitutionRequest(
        reason=SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER,
        requested_on=date(2025, 2, 4),
        pull_year=2025,
        pull_month=1,
        level=ReviewLevel.parse("Second-level", field="level"),
        rapid_response_is_case_manager=False,
    )
    decision = substitution_decision(request)
    assert not decision.eligible
    assert [f.code for f in decision.errors] == [
        "kentucky_cqi.substitution.rapid-response-case-manager"
    ]


def test_an_explicit_first_level_request_by_a_regional_reviewer_is_checked_as_first_level() -> None:
    request = SubstitutionRequest(
        reason=SubstitutionReason.SEALED,
        requested_on=date(2025, 2, 4),
        pull_year=2025,
        pull_month=1,
        requested_by=Requester.REGIONAL_REVIEWER,
        level=ReviewLevel.FIRST,
    )
    assert {f.code for f in substitution_decision(request).errors} == {
        "kentucky_cqi.substitution.deadline",
        "kentucky_cqi.substitution.requested-by-fsos",
    }


# ---------------------------------------------------------------------------- provenance


def test_first_level_four_says_what_the_sentence_says() -> None:
    """The rule quotes the seed's sentence, and "fewer than four" is only ever a warning.

    Strengthened (audit 2): it re-stated the literal definition; now it checks the quote
    against the seed and the findings the rule gives for 3, 4 and 5 cases.
    """
    from tests.helpers import normalise_text, seed_text

    citation = FIRST_LEVEL_FOUR.citation
    assert citation.provenance is Provenance.STATED
    assert citation.quote is not None
    assert normalise_text(citation.quote) in seed_text("kentucky-cqi-instructions")
    assert "four" in citation.quote
    for count, expected in ((3, [Severity.WARNING]), (4, []), (5, [])):
        findings = check_caps(first_level={"Adams": count}).findings
        assert [f.severity for f in findings if f.code == FIRST_LEVEL_FOUR.id] == expected, count
        assert all(f.citation == citation for f in findings if f.code == FIRST_LEVEL_FOUR.id)
    assert not any(
        f.severity is Severity.ERROR and f.code == FIRST_LEVEL_FOUR.id
        for n in range(8)
        for f in check_caps(first_level={"Adams": n}).findings
    )


def test_a_request_before_the_pull_month_is_a_warning() -> None:
    request = SubstitutionRequest(
        reason=SubstitutionReason.SEALED,
        requested_on=date(2024, 12, 30),
        pull_year=2025,
        pull_month=1,
    )
    decision = substitution_decision(request)
    assert decision.eligible
    assert decision.findings[0].code == "kentucky_cqi.substitution.not-before-pull"
    assert decision.findings[0].severity is Severity.WARNING


def test_every_rule_is_in_rules_once_and_inferred_ones_say_why() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        if rule.citation.provenance is Provenance.INFERRED:
            assert rule.citation.note
        else:
            assert rule.citation.quote


def test_the_guide_does_not_call_a_stated_rule_our_reading() -> None:
    from pathlib import Path

    guide = (Path(__file__).parents[2] / "docs" / "kentucky-cqi.md").read_text(encoding="utf-8")
    stated = {r.id for r in RULES if r.citation.provenance is Provenance.STATED}
    for paragraph in guide.split("\n\n"):
        if "our reading" in paragraph.casefold() or "inferred —" in paragraph.casefold():
            named = {
                i for i in stated if f"`{i}`" in paragraph and f"`{i}` (stated" not in paragraph
            }
            assert not named, (named, paragraph[:200])


def test_every_rule_defined_in_the_package_is_in_rules() -> None:
    """The catalogue is built from RULES: a Rule defined in a module but missing would hide."""
    import importlib
    import pkgutil

    import casereview.kentucky_cqi as package
    from casereview.findings import Rule

    ids = {r.id for r in RULES}
    found = set()
    for module in pkgutil.iter_modules(package.__path__):
        loaded = importlib.import_module(f"casereview.kentucky_cqi.{module.name}")
        found |= {v.id for v in vars(loaded).values() if isinstance(v, Rule)}
    assert found <= ids, sorted(found - ids)
    assert found == ids


def test_label_fields_refuse_values_whose_repr_fails() -> None:
    from pydantic import ValidationError

    from casereview.kentucky_cqi import FsosVacancy, PullSubstitution

    class Hostile:
        def __repr__(self) -> str:
            raise RuntimeError("hostile repr")

    for model, data in (
        (FsosVacancy, {"fsos": "A", "reason": Hostile()}),
        (PullSubstitution, {"case_number": "C", "reason": 10**5000, "requested_on": "2025-01-02"}),
        (
            SubstitutionRequest,
            {"reason": "sealed", "requested_on": "2025-01-02", "pull_year": 2025,
             "pull_month": 1, "level": Hostile()},
        ),
    ):  # fmt: skip
        with pytest.raises(ValidationError) as caught:
            model.model_validate(data)
        assert "expected a label (text)" in caught.value.errors()[0]["msg"]
