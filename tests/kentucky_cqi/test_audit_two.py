"""The second audit of the rulebook (notes: audit-kentucky.md), one section per defect.

Each test was written to fail on the code the audit read and pass on the fix.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casereview import Provenance, Severity
from casereview.kentucky_cqi import (
    Assignment,
    Pull,
    PullStatus,
    ReviewStatus,
    monitoring_notice,
    pull_status,
)

S = ReviewStatus


def _row(case: str, **facts: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "case_number": case,
        "fsos": "Adams",
        "region": "Salt River",
        "flagged_for_regional_review": False,
    }
    row.update(facts)
    return row


def _codes(status: PullStatus, severity: Severity) -> list[str]:
    return [f.code for f in status.findings if f.severity is severity]


# ---------------------------------------------------------------------------- 1: no FSOS


def test_a_row_with_no_fsos_is_not_decided_at_the_first_level() -> None:
    pull = Pull.from_rows(2025, 1, [_row("C1", fsos=None), _row("C2")])
    for on in (date(2025, 1, 3), date(2025, 1, 20), date(2025, 1, 27)):
        status = pull_status(pull, on)
        assert status.case("C1").assignment is Assignment.FSOS_NOT_RECORDED
        assert status.case("C1").first_level is S.NOT_RECORDED, on
    late = pull_status(pull, date(2025, 1, 27))
    errors = [f for f in late.errors if f.code == "kentucky_cqi.schedule.fsos-complete"]
    assert [f.field for f in errors] == ["rows[fsos='Adams'].first_level_completed_on"]
    assert "C1" not in errors[0].message
    assert "C1" in next(f for f in late.findings if f.field == "rows[].fsos").message
    assert [e.key for e in monitoring_notice(2025, 1, pulls=[pull]).entries] == ["C2"]


def test_a_review_entered_for_a_row_with_no_fsos_is_still_done() -> None:
    pull = Pull.from_rows(2025, 1, [_row("C1", fsos=None, first_level_completed_on="2025-01-30")])
    assert pull_status(pull, date(2025, 1, 29)).case("C1").first_level is S.NOT_RECORDED
    assert pull_status(pull, date(2025, 1, 30)).case("C1").first_level is S.DONE_LATE


# ---------------------------------------------------------------------------- 2: investigation


def _extension_request(**facts: Any) -> dict[str, Any]:
    request = {"case_number": "C1", "reason": "extension", "requested_on": "2025-01-08"}
    request.update(facts)
    return request


def test_an_extension_request_the_row_contradicts_is_refused_naming_the_column() -> None:
    for column in ("investigative_team", "incomplete_investigation"):
        pull = Pull.from_rows(
            2025,
            1,
            [_row("C1", **{column: False})],
            substitutions=[_extension_request(investigation_has_extension=True)],
        )
        status = pull_status(pull, date(2025, 1, 10))
        (decision,) = status.case("C1").substitutions
        assert not decision.eligible, column
        (error,) = decision.errors
        assert error.code == "kentucky_cqi.substitution.investigation-with-extension"
        assert f"{column}=False" in error.message
        assert status.case("C1").assignment is Assignment.ASSIGNED


def test_a_complete_investigation_is_not_reported_as_an_extension_not_recorded() -> None:
    pull = Pull.from_rows(
        2025,
        1,
        [_row("C1", investigative_team=True, incomplete_investigation=False)],
        substitutions=[_extension_request()],
    )
    (decision,) = pull_status(pull, date(2025, 1, 10)).case("C1").substitutions
    (error,) = decision.errors
    assert "not recorded" not in error.message
    assert "incomplete_investigation=False" in error.message


def test_all_three_conditions_recorded_true_accept_the_extension_request() -> None:
    facts = {"investigative_team": True, "incomplete_investigation": True}
    pull = Pull.from_rows(
        2025,
        1,
        [_row("C1", legitimate_extension=True, **facts)],
        substitutions=[_extension_request()],
    )
    status = pull_status(pull, date(2025, 1, 10))
    assert status.case("C1").assignment is Assignment.SUBSTITUTED


# ---------------------------------------------------------------------------- 3: lifted warnings


def test_an_acceptance_resting_on_a_reading_of_ours_is_a_warning_of_the_pull() -> None:
    pull = Pull.from_rows(
        2025,
        1,
        [_row("C1", sealed=True), _row("C2", flagged_for_regional_review=True)],
        substitutions=[
            {"case_number": "C1", "reason": "sealed", "requested_on": "2024-12-20"},
            {
                "case_number": "C2",
                "reason": "no CARES access",
                "requested_on": "2025-02-10",
                "requested_by": "Regional reviewer",
            },
        ],
    )
    status = pull_status(pull, date(2025, 2, 11))
    assert all(d.eligible for c in status.cases for d in c.substitutions)
    warnings = {f.code: f for f in status.findings if f.severity is Severity.WARNING}
    early = warnings["kentucky_cqi.substitution.not-before-pull"]
    assert "C1 (first-level, 'Sealed cases', asked 2024-12-20)" in early.message
    assert early.field == "substitutions[].requested_on"
    second = warnings["kentucky_cqi.substitution.second-level-request"]
    assert "C2" in second.message
    assert second.field == "substitutions[].level"
    inferred = {c for c in status.citations if c.provenance is Provenance.INFERRED}
    assert {early.citation, second.citation} <= inferred


# ---------------------------------------------------------------------------- 5: the 26th list


def _december_and_january() -> tuple[Pull, Pull]:
    december = Pull.from_rows(
        2025,
        12,
        [
            _row("D1", flagged_for_regional_review=True),  # first level still open in January
            _row("D2", first_level_completed_on="2025-12-20"),
        ],
    )
    january = Pull.from_rows(
        2026, 1, [_row("J1"), _row("J2", first_level_completed_on="2026-01-09")]
    )
    return december, january


def test_a_review_still_open_from_an_earlier_pull_stays_on_the_26th_list() -> None:
    december, january = _december_and_january()
    notice = monitoring_notice(2026, 1, pulls=[december, january])
    entries = {(e.key, e.level.value, e.pull_month) for e in notice.entries}
    assert entries == {
        ("J1", "First-level", 1),
        ("D1", "First-level", 12),
        ("D1", "Second-level", 12),
    }
    assert dict(notice.for_fsos)["Adams"] == ("D1", "J1")
    # February: D1's first level (December) and J1's (January) are still open; D1's regional
    # (due 25 January) too.
    february = monitoring_notice(2026, 2, pulls=[december, january])
    assert {(e.key, e.level.value, e.pull_month) for e in february.entries} == {
        ("D1", "First-level", 12),
        ("D1", "Second-level", 12),
        ("J1", "First-level", 1),
    }


def test_a_month_view_warns_about_reviews_still_open_from_earlier_pulls() -> None:
    from casereview.kentucky_cqi import month_view

    december, january = _december_and_january()
    earlier = Pull.from_rows(2025, 11, [_row("N1")])
    view = month_view(2026, 1, pulls=[earlier, december, january], on=date(2026, 1, 20))
    carried = [f for f in view.findings if f.code == "kentucky_cqi.monitoring.recipients"]
    assert len(carried) == 1
    assert carried[0].severity is Severity.WARNING
    assert "N1" in carried[0].message
    assert "D1" in carried[0].message


# ---------------------------------------------------------------------------- 6: monthly list


def test_which_pull_the_monthly_list_takes_is_our_reading() -> None:
    from casereview.kentucky_cqi.month import MONTHLY_LIST

    citation = MONTHLY_LIST.citation
    assert citation.provenance is Provenance.INFERRED
    assert citation.quote is not None
    assert citation.quote.startswith("Each month, CQI specialists will send by email a list")
    assert citation.note is not None
    assert "M-1" in citation.note


# ---------------------------------------------------------------------------- 7: unfilled


def test_an_unassignment_from_an_unfilled_position_cites_the_inferred_rule() -> None:
    pull = Pull.from_rows(
        2025,
        1,
        [_row("C1", fsos="Baker", flagged_for_regional_review=True), _row("C2")],
        vacancies={"Baker": "unfilled"},
    )
    status = pull_status(pull, date(2025, 1, 10))
    assert status.case("C1").assignment is Assignment.UNASSIGNED_VACANT
    unfilled = [f for f in status.findings if f.code == "kentucky_cqi.vacancy.unfilled-position"]
    assert len(unfilled) == 1
    assert unfilled[0].severity is Severity.WARNING
    assert "Baker" in unfilled[0].message
    assert "C1" in unfilled[0].message
    assert unfilled[0].citation in status.citations
    # A listed vacancy reason (stated) gives no such finding.
    on_leave = pull.model_copy(
        update={"vacancies": Pull.from_rows(2025, 1, [], vacancies={"Baker": "on leave"}).vacancies}
    )
    codes = {f.code for f in pull_status(on_leave, date(2025, 1, 10)).findings}
    assert "kentucky_cqi.vacancy.unfilled-position" not in codes


# ---------------------------------------------------------------------------- 8: both levels


def _substituted(reason: str) -> PullStatus:
    pull = Pull.from_rows(
        2025,
        1,
        [_row("C1", flagged_for_regional_review=True, sealed=True)],
        substitutions=[{"case_number": "C1", "reason": reason, "requested_on": "2025-01-08"}],
    )
    return pull_status(pull, date(2025, 2, 10))


def test_a_case_substituted_at_the_first_level_leaves_both_levels_with_a_warning() -> None:
    status = _substituted("sealed")
    assert status.case("C1").assignment is Assignment.SUBSTITUTED
    assert status.case("C1").regional is S.NOT_REQUIRED
    (leaves,) = [f for f in status.findings if f.code.endswith("tracker.substitution-leaves-pull")]
    assert leaves.severity is Severity.WARNING


def test_a_first_level_reviewer_without_access_does_not_decide_the_regional_review() -> None:
    status = _substituted("no CARES access")
    assert status.case("C1").assignment is Assignment.SUBSTITUTED
    assert status.case("C1").regional is S.NOT_RECORDED
    (finding,) = [f for f in status.findings if f.code.endswith("tracker.substitution-leaves-pull")]
    assert finding.severity is Severity.WARNING
    assert "C1" in finding.message
    assert "not decided" in finding.message
    assert status.ok


# ---------------------------------------------------------------------------- missing rules


def test_a_review_completed_after_the_25th_gets_a_warning_per_fsos_and_region() -> None:
    pull = Pull.from_rows(
        2025,
        1,
        [
            _row("C1", first_level_completed_on="2025-01-27"),
            _row("C2", first_level_completed_on="2025-01-25"),
            _row(
                "C3",
                flagged_for_regional_review=True,
                first_level_completed_on="2025-01-20",
                regional_completed_on="2025-02-26",
            ),
        ],
        previous=[],
    )
    status = pull_status(pull, date(2025, 2, 27))
    assert status.case("C1").first_level is S.DONE_LATE
    late = [f for f in status.findings if f.severity is Severity.WARNING and "late" in f.message]
    assert [(f.code, f.field) for f in late] == [
        ("kentucky_cqi.schedule.fsos-complete", "rows[fsos='Adams'].first_level_completed_on"),
        (
            "kentucky_cqi.schedule.regional-complete",
            "rows[region='Salt River'].regional_completed_on",
        ),
    ]
    assert "C1 (2025-01-27)" in late[0].message
    assert "C2" not in late[0].message
    assert "C3 (2025-02-26)" in late[1].message
    assert status.ok


def test_completion_is_the_data_entered_into_cqi_cares() -> None:
    from casereview.kentucky_cqi import RULES

    (rule,) = [r for r in RULES if r.id == "kentucky_cqi.process.complete-when-entered"]
    assert rule.citation.provenance is Provenance.STATED
    assert rule.citation.quote == (
        "However, the review is complete when the data is entered into CQI-CARES 2.0."
    )
    assert rule.citation.section == "Process of Review"
    pull = Pull.from_rows(
        2025, 1, [_row("C1", first_level_completed_on="2025-01-20"), _row("C2")], previous=[]
    )
    status = pull_status(pull, date(2025, 1, 21))
    (entered,) = [f for f in status.findings if f.code == rule.id]
    assert entered.severity is Severity.INFO
    assert "1 of 2 first-level" in entered.message
    assert rule.citation in status.citations


def _replacing(request: dict[str, Any] | None, **replacement: Any) -> PullStatus:
    pull = Pull.from_rows(
        2025,
        1,
        [_row("C1", sealed=True), _row("R1", replaces="C1", **replacement)],
        substitutions=[] if request is None else [{"case_number": "C1", **request}],
        previous=[],
    )
    return pull_status(pull, date(2025, 1, 20))


def test_a_replacement_for_a_refused_substitution_is_an_error() -> None:
    status = _replacing({"reason": "sealed", "requested_on": "2025-01-14"})  # after the 12th
    assert status.case("C1").assignment is Assignment.ASSIGNED
    errors = [f for f in status.errors if f.code == "kentucky_cqi.procedures.all-reviewed"]
    assert len(errors) == 1
    assert "R1 (replaces C1" in errors[0].message
    assert errors[0].field == "rows[].replaces"


def test_a_replacement_with_no_substitution_recorded_is_a_warning() -> None:
    status = _replacing(None)
    assert status.ok
    found = [f for f in status.findings if f.code == "kentucky_cqi.tracker.replacement"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "R1 (replaces C1)" in found[0].message


def test_an_accepted_substitution_backs_its_replacement() -> None:
    status = _replacing({"reason": "sealed", "requested_on": "2025-01-08"})
    assert status.case("C1").assignment is Assignment.SUBSTITUTED
    assert status.ok
    codes = {f.code for f in status.findings}
    assert "kentucky_cqi.tracker.replacement" not in codes
    assert "kentucky_cqi.procedures.all-reviewed" not in codes


def test_a_replacement_that_itself_meets_a_reason_is_a_warning() -> None:
    status = _replacing({"reason": "sealed", "requested_on": "2025-01-08"}, sealed=True)
    found = [f for f in status.findings if f.code == "kentucky_cqi.tracker.replacement"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "R1" in found[0].message
    assert "Sealed cases" in found[0].message


def test_a_months_view_counts_the_regional_reviews_entered_of_last_months_pull() -> None:
    from casereview.kentucky_cqi import month_view

    december, january = _december_and_january()
    view = month_view(2026, 1, pulls=[december, january], on=date(2026, 1, 20))
    entered = [f for f in view.findings if f.code == "kentucky_cqi.process.complete-when-entered"]
    assert sorted(str(f.field) for f in entered) == [
        "rows[].first_level_completed_on",  # January's first level
        "rows[].regional_completed_on",  # December's regional reviews, due 25 January
    ]
    assert "0 of 1 regional" in next(f.message for f in entered if "regional" in str(f.field))


def test_a_replacement_for_a_request_refused_only_for_a_fact_not_recorded_is_a_warning() -> None:
    status = _replacing({"reason": "extension", "requested_on": "2025-01-08"})
    assert status.case("C1").assignment is Assignment.ASSIGNED
    assert "kentucky_cqi.procedures.all-reviewed" not in {f.code for f in status.findings}
    (found,) = [f for f in status.findings if f.code == "kentucky_cqi.tracker.replacement"]
    assert found.severity is Severity.WARNING
    assert "investigation_has_extension is not recorded" in found.message
