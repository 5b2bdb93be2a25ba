"""A review followed through: before the meeting, at it, tasks due and late, the report back.

One case (U1R-2024-031) is followed from its draft three weeks before the meeting on 12 June
2024 to October, when the last task is done. Each stage asserts every finding, not a sample.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from casereview.errors import CaseReviewError, MissingElementError
from casereview.findings import Finding, Provenance, Severity, Validation
from casereview.under1roof import (
    RULES,
    AlternativeAction,
    Panel,
    Phase,
    ProcessStep,
    ProgressUpdate,
    ReviewRecord,
    Stakeholder,
    Task,
    TaskStatus,
    Trigger,
    incomplete_steps,
    phase_of,
    step_of,
    validate_process,
    validate_review,
)
from tests.helpers import normalise_text, seed_text
from tests.under1roof._builders import chair, member, record

MEETING = date(2024, 6, 12)

STAKEHOLDERS = (
    Stakeholder(name="Jo Park", agency="Community housing provider", role="Tenancy worker"),
    Stakeholder(name="Sam Roy", agency="Area mental health service", role="Case manager"),
    Stakeholder(name="Lee Fox", agency="Tenant advocacy service", role="Advocate"),
)
PANEL = Panel(
    chair=chair(name="Ann Ng", agency="Homelessness network"),
    members=(member("Bo Li"), member("Cy Ode")),
    scribe="Di Roe",
)


def task(n: int, *progress: tuple[str, str]) -> Task:
    """Task ``n`` of the review, with progress (day, status) as reported at case coordination."""
    what, owner, agency, due = TASKS[n]
    return Task(
        description=what,
        responsible=owner,
        agency=agency,
        target_date=due,
        progress=tuple(
            ProgressUpdate(on=date.fromisoformat(on), status=TaskStatus(status))
            for on, status in progress
        ),
    )


TASKS = (
    ("After-hours contact roster", "Mental health team leader", "Area mental health service",
     date(2024, 7, 1)),
    ("Apply for a head-leased property", "Housing worker", "Community housing provider",
     date(2024, 7, 31)),
    ("Joint crisis plan with the tenant", "Case manager", "Area mental health service",
     date(2024, 9, 30)),
)  # fmt: skip

# The record as the scribe wrote it up after the meeting; follow-through is added as it happens.
AT_THE_MEETING: dict[str, Any] = {
    "triggers": (Trigger.TENANCY_AT_RISK, Trigger.ENGAGEMENT_DIFFICULTIES),
    "case_id": "U1R-2024-031",
    "meeting_date": MEETING,
    "stakeholders": STAKEHOLDERS,
    "panel": PANEL,
    "intervention_summary": "Eighteen months of tenancy support; a notice to vacate in April.",
    "successes": ("Rent arrears cleared",),
    "barriers": ("No after-hours contact", "No suitable vacancy"),
    "success_factors": ("Early Centrelink referral",),
    "barrier_factors": ("Services close at 5 pm", "Long waiting list"),
    "alternative_actions": (
        AlternativeAction(description="Agree an after-hours contact", could_still_help=True),
        AlternativeAction(description="Head-leased housing", could_still_help=True),
        AlternativeAction(description="Earlier joint planning", could_still_help=True),
    ),
    "tasks": (task(0), task(1), task(2)),
    "monitored_through_case_coordination": True,
    "key_learning": "Agree after-hours cover and a crisis plan before a tenancy is at risk.",
    "report_due_on": date(2024, 7, 15),
    "learning_implications": ("Crisis planning across agencies is not taught",),
}


def at_meeting(**changes: Any) -> ReviewRecord:
    return ReviewRecord(**(AT_THE_MEETING | changes))


# By October everything has happened; validated as of an earlier day, later facts are unknown.
FINISHED = at_meeting(
    tasks=(
        task(0, ("2024-06-26", "in progress"), ("2024-07-24", "done")),
        task(1, ("2024-06-26", "not started"), ("2024-08-14", "withdrawn")),
        task(2, ("2024-07-24", "in progress"), ("2024-09-25", "done")),
    ),
    reported_to_case_coordination_group_on=date(2024, 7, 24),
    reported_to_managers_meetings_on=date(2024, 8, 5),
    learning_opportunities=("Joint training on crisis planning",),
)


def seen(result: Validation) -> list[tuple[str, str | None, str]]:
    return [
        (f.severity.value, f.field, f.code.removeprefix("under1roof.")) for f in result.findings
    ]


# --- before the meeting ---------------------------------------------------------------------------


def test_three_weeks_before_the_meeting_the_gaps_are_things_to_do() -> None:
    draft = ReviewRecord(
        triggers=(Trigger.TENANCY_AT_RISK,),
        case_id="U1R-2024-031",
        meeting_date=MEETING,
        stakeholders=(STAKEHOLDERS[0], Stakeholder(name="Sam Roy")),
        panel=Panel(chair=PANEL.chair, members=(member("Bo Li"),)),
    )
    result = validate_review(draft, as_of=date(2024, 5, 22))
    assert seen(result) == [
        ("info", "stakeholders[1].agency", "process.stakeholder-agency-and-role"),
        ("info", "stakeholders[1].role", "process.stakeholder-agency-and-role"),
        ("info", "panel.members", "panel.two-independent-members"),
        ("info", "panel.scribe", "panel.scribe-nominated"),
    ]
    assert result.ok
    assert all("(to do before the meeting on 2024-06-12)." in f.message for f in result.findings)
    assert incomplete_steps(draft, as_of=date(2024, 5, 22)) == ()
    # Judged as a finished review, the same draft misses nearly every step.
    assert len(incomplete_steps(draft)) == 11


def test_before_the_meeting_a_recorded_failure_keeps_its_severity() -> None:
    involved = Panel(chair=chair(involved_in_care=True), members=PANEL.members, scribe="Di Roe")
    draft = at_meeting(panel=involved)
    result = validate_review(draft, as_of=date(2024, 6, 1))
    assert seen(result) == [("error", "panel.chair.involved_in_care", "panel.chair-not-involved")]


def test_the_day_before_the_meeting_is_still_before_it() -> None:
    empty = ReviewRecord(
        meeting_date=MEETING, case_id="U1R-2024-031", triggers=(Trigger.ADVERSE_EVENT,)
    )
    before = validate_review(empty, as_of=date(2024, 6, 11))
    assert before.ok
    assert {phase_of(f) for f in before.findings} == {Phase.PREPARATION}
    on_the_day = validate_review(empty, as_of=MEETING)
    assert not on_the_day.ok
    assert incomplete_steps(empty, as_of=MEETING) == tuple(
        step for step in ProcessStep if step is not ProcessStep.REPORT_BACK
    )


# --- at the meeting and after it ------------------------------------------------------------------


def test_on_the_meeting_day_tasks_are_open_and_the_follow_through_outstanding() -> None:
    result = validate_review(at_meeting(), as_of=MEETING)
    assert seen(result) == [
        ("info", "tasks[0]", "followup.task-on-time"),
        ("info", "tasks[1]", "followup.task-on-time"),
        ("info", "tasks[2]", "followup.task-on-time"),
        ("info", "reported_to_case_coordination_group", "process.report-back"),
        ("info", "reported_to_managers_meetings", "process.report-back"),
        ("info", "learning_opportunities", "process.learning-opportunities"),
    ]
    assert result.ok
    assert result.findings[0].message == (
        "Step 11: tasks[0] (After-hours contact roster; owner Mental health team leader) is "
        "open, due on 2024-07-01: no progress reported through case coordination."
    )
    assert result.findings[3].message == (
        "Step 12: the report back to the case coordination group is not recorded (outstanding: "
        "the seed sets no date for it)."
    )


def test_a_task_past_its_date_is_late_and_says_what_was_last_reported() -> None:
    as_stood = at_meeting(tasks=(task(0, ("2024-06-26", "in progress")), task(1), task(2)))
    result = validate_review(as_stood, as_of=date(2024, 7, 2))
    late = [f for f in result.findings if f.severity is Severity.WARNING]
    assert [(f.field, f.code) for f in late] == [("tasks[0]", "under1roof.followup.task-on-time")]
    assert late[0].message == (
        "Step 11: tasks[0] (After-hours contact roster; owner Mental health team leader) was "
        "due on 2024-07-01 and is not done as of 2024-07-02: last reported in progress on "
        "2024-06-26."
    )
    assert result.ok  # the date is the review's own, so lateness is a warning
    assert step_of(late[0]) is ProcessStep.TASKS


def test_a_task_is_not_late_on_its_due_date() -> None:
    result = validate_review(at_meeting(), as_of=date(2024, 7, 1))
    assert ("info", "tasks[0]", "followup.task-on-time") in seen(result)


def test_past_the_report_date_the_outstanding_report_back_is_late() -> None:
    result = validate_review(at_meeting(), as_of=date(2024, 7, 16))
    assert [x for x in seen(result) if x[2].startswith(("process.report", "followup.report"))] == [
        ("warning", "reported_to_case_coordination_group", "followup.report-back-on-time"),
        ("warning", "reported_to_managers_meetings", "followup.report-back-on-time"),
    ]
    message = next(f.message for f in result.findings if f.code.endswith("report-back-on-time"))
    assert message == (
        "Step 12: the report back to the case coordination group is not recorded: the review "
        "set 2024-07-15 for the report back (as of 2024-07-16)."
    )
    assert result.ok


def test_without_a_report_date_the_report_back_is_only_ever_outstanding() -> None:
    result = validate_review(at_meeting(report_due_on=None), as_of=date(2025, 6, 1))
    report = [f for f in result.findings if step_of(f) is ProcessStep.REPORT_BACK]
    assert {f.severity for f in report} == {Severity.INFO}
    assert len(report) == 2


# --- one finished record, checked at every stage --------------------------------------------------

STAGES: list[tuple[date, list[tuple[str, str | None, str]]]] = [
    (
        date(2024, 6, 1),
        [],
    ),
    (
        date(2024, 7, 2),
        [
            ("warning", "tasks[0]", "followup.task-on-time"),
            ("info", "tasks[1]", "followup.task-on-time"),
            ("info", "tasks[2]", "followup.task-on-time"),
            ("info", "reported_to_case_coordination_group", "process.report-back"),
            ("info", "reported_to_managers_meetings", "process.report-back"),
        ],
    ),
    (
        date(2024, 7, 24),
        [
            ("info", "tasks[1]", "followup.task-on-time"),
            ("info", "tasks[2]", "followup.task-on-time"),
            ("warning", "reported_to_managers_meetings", "followup.report-back-on-time"),
        ],
    ),
    (
        date(2024, 8, 6),
        [
            ("warning", "tasks[1]", "followup.task-on-time"),
            ("info", "tasks[2]", "followup.task-on-time"),
        ],
    ),
    (date(2024, 8, 14), [("info", "tasks[2]", "followup.task-on-time")]),
    (date(2024, 10, 1), []),
]


@pytest.mark.parametrize(("as_of", "expected"), STAGES, ids=[str(d) for d, _ in STAGES])
def test_the_finished_record_as_it_stood_on_each_day(
    as_of: date, expected: list[tuple[str, str | None, str]]
) -> None:
    result = validate_review(FINISHED, as_of=as_of)
    assert seen(result) == expected
    assert result.ok
    assert validate_review(FINISHED, as_of=as_of.isoformat()) == result


def test_the_finished_record_is_complete() -> None:
    assert validate_review(FINISHED).findings == ()


# --- what the follow-through records --------------------------------------------------------------


def test_progress_reported_shows_the_monitoring() -> None:
    unflagged = FINISHED.model_copy(update={"monitored_through_case_coordination": None})
    assert validate_review(unflagged).findings == ()
    nothing_yet = at_meeting(monitored_through_case_coordination=None)
    assert "under1roof.process.monitored-through-case-coordination" in {
        f.code for f in validate_review(nothing_yet, as_of=MEETING).errors
    }


def test_a_progress_update_without_a_date_or_status_is_not_used() -> None:
    vague = Task(
        description="Roster",
        responsible="Team leader",
        agency="Mental health",
        target_date=date(2024, 7, 1),
        progress=(
            ProgressUpdate(note="Discussed"),
            ProgressUpdate(on=date(2024, 7, 10), note="Nearly there"),
        ),
    )
    result = validate_review(at_meeting(tasks=(vague,)), as_of=date(2024, 7, 11))
    assert [x for x in seen(result) if x[1] and x[1].startswith("tasks")] == [
        ("warning", "tasks[0].progress[0].on", "followup.progress-recorded"),
        ("warning", "tasks[0].progress[0].status", "followup.progress-recorded"),
        ("warning", "tasks[0].progress[1].status", "followup.progress-recorded"),
        ("warning", "tasks[0]", "followup.task-on-time"),
    ]
    assert vague.status_on(date(2024, 7, 11)) is None


def test_follow_through_dated_before_the_meeting_is_out_of_order() -> None:
    early = at_meeting(
        tasks=(task(0, ("2024-06-01", "in progress")), task(1), task(2)),
        reported_to_managers_meetings_on=date(2024, 6, 10),
    )
    order = [f for f in validate_review(early).findings if f.code.endswith("step-order")]
    assert [(f.field, f.severity) for f in order] == [
        ("tasks[0].progress[0].on", Severity.WARNING),
        ("reported_to_managers_meetings_on", Severity.WARNING),
    ]
    assert order[0].message == (
        "tasks[0].progress[0].on is 2024-06-01, before the meeting on 2024-06-12: follow-through "
        "comes after it."
    )


def test_a_dated_report_that_says_it_did_not_go_is_refused() -> None:
    with pytest.raises(ValidationError, match="reported_to_managers_meetings_on"):
        at_meeting(reported_to_managers_meetings=False, reported_to_managers_meetings_on=MEETING)


def test_reported_to_reads_the_dates() -> None:
    assert not FINISHED.reported_to("managers_meetings", date(2024, 8, 4))
    assert FINISHED.reported_to("managers_meetings", "2024-08-05")
    assert FINISHED.reported_to("managers_meetings")
    assert at_meeting(reported_to_managers_meetings=True).reported_to("managers_meetings", MEETING)
    with pytest.raises(CaseReviewError) as caught:
        FINISHED.reported_to("managers")
    assert caught.value.field == "audience"


def test_task_status_follows_the_reports() -> None:
    done = FINISHED.tasks[0]  # type: ignore[index]
    assert done.status_on(date(2024, 6, 25)) is None
    assert done.status_on(date(2024, 6, 26)) is TaskStatus.IN_PROGRESS
    assert done.status_on("2024-07-24") is TaskStatus.DONE
    assert done.status_on() is TaskStatus.DONE
    assert TaskStatus.WITHDRAWN.closed
    assert not TaskStatus.IN_PROGRESS.closed
    out_of_order = Task.model_validate(
        {"progress": [{"on": "2024-08-01", "status": "done"},
                      {"on": "2024-07-01", "status": "in progress"}]}
    )  # fmt: skip
    assert [u.on for u in out_of_order.progress] == [date(2024, 8, 1), date(2024, 7, 1)]  # kept
    assert out_of_order.status_on() is TaskStatus.DONE
    assert out_of_order.status_on(date(2024, 7, 31)) is TaskStatus.IN_PROGRESS


def test_stakeholders_and_tasks_take_the_short_forms() -> None:
    from casereview.actions import Action

    short = ReviewRecord.model_validate(
        {"stakeholders": ["Housing provider"], "tasks": [Action(description="Call")]}
    )
    assert short.stakeholders == (Stakeholder(name="Housing provider"),)
    assert short.tasks == (Task(description="Call"),)
    assert ReviewRecord.model_validate_json(short.model_dump_json()) == short


def test_the_record_needs_its_case_and_meeting_date() -> None:
    bare = FINISHED.model_copy(update={"case_id": None, "meeting_date": None})
    assert seen(validate_review(bare)) == [
        ("warning", "case_id", "record.case-identified"),
        ("warning", "meeting_date", "record.meeting-date"),
    ]
    # As of a day, nothing can be placed: the review is treated as held (the process says so once).
    dated = validate_review(bare, as_of=date(2024, 6, 1))
    assert seen(dated)[:2] == [
        ("warning", "case_id", "record.case-identified"),
        ("warning", "meeting_date", "record.meeting-date"),
    ]
    assert [f.code for f in dated.findings].count("under1roof.record.meeting-date") == 1
    assert ("info", "tasks[0]", "followup.task-on-time") in seen(dated)
    assert ("info", "reported_to_managers_meetings", "process.report-back") in seen(dated)
    assert dated.ok


# --- the options ----------------------------------------------------------------------------------


@pytest.mark.parametrize("function", [validate_review, validate_process, incomplete_steps])
@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ("soon", CaseReviewError),
        ("2024-13-01", CaseReviewError),
        (datetime(2024, 6, 12, 9, 0), CaseReviewError),
        (20240612, CaseReviewError),
        (float("nan"), MissingElementError),
    ],
)
def test_as_of_is_a_day(function: Any, bad: object, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        function(FINISHED, as_of=bad)
    assert getattr(caught.value, "field", None) == "as_of"


# --- honesty --------------------------------------------------------------------------------------


MESSY = at_meeting(
    stakeholders=(Stakeholder(name="Jo Park"),),
    panel=Panel(chair=chair(), members=(member("Bo Li"), member("Cy Ode")), scribe="Ann Ng"),
    tasks=(Task(description="Roster", progress=(ProgressUpdate(note="Discussed"),)),),
    step_dates={ProcessStep.LEARNING: date(2024, 6, 1), ProcessStep.SUMMARY: date(2024, 6, 12)},
    reported_to_case_coordination_group_on=date(2024, 6, 1),
)


def every_stage() -> list[Validation]:
    records = (
        FINISHED,
        at_meeting(),
        at_meeting(case_id=None, meeting_date=None, triggers=()),
        ReviewRecord(),
        MESSY,
        at_meeting(tasks=()),
        at_meeting(success_factors=(), barrier_factors=()),
        # One person listed twice (panel.distinct-people, inferred): with a third member the
        # count still holds; without one, the error is the stated count, never the repeat.
        at_meeting(panel=Panel(chair=chair(), members=(member("Bo Li"), member(" bo  LI"),
                                                       member("Cy Ode")), scribe="Eve Roe")),
        at_meeting(panel=Panel(chair=chair(), members=(member("Bo Li"), member(" bo  LI")),
                               scribe="Eve Roe")),
    )  # fmt: skip
    days = (None, date(2024, 5, 1), MEETING, date(2024, 7, 2), date(2024, 7, 16), date(2025, 1, 1))
    return [validate_review(r, as_of=d) for r in records for d in days] + [
        validate_review(record(panel=Panel(chair=chair(), members=(member("Bo Li"),),
                                           scribe="Bo Li")), as_of=d)
        for d in days
    ]  # fmt: skip


def all_findings() -> list[Finding]:
    return [f for result in every_stage() for f in result.findings]


def test_no_error_rests_on_an_inferred_rule() -> None:
    errors = [f for f in all_findings() if f.severity is Severity.ERROR]
    assert errors
    for finding in errors:
        assert finding.citation is not None
        assert finding.citation.provenance is Provenance.STATED, finding.code


def test_the_stages_produce_every_inferred_rule() -> None:
    """So the test above covers each inferred rule at every stage."""
    inferred = {r.id for r in RULES if r.citation.provenance is Provenance.INFERRED}
    produced = {f.code for f in all_findings()}
    assert inferred <= produced


def test_every_finding_cites_a_sentence_of_the_seed() -> None:
    text = seed_text("under1roof-case-review")
    for finding in all_findings():
        assert finding.citation is not None
        # process.step-order, which rests on the list's order, quotes the list's first item.
        assert finding.citation.quote is not None, finding.code
        assert normalise_text(finding.citation.quote) in text, finding.code


def test_every_rule_says_when_it_falls_due() -> None:
    timeless = {
        "under1roof.trigger.recorded",
        "under1roof.record.case-identified",
        "under1roof.record.meeting-date",
        "under1roof.process.step-order",
        "under1roof.followup.task-on-time",
        "under1roof.followup.report-back-on-time",
    }
    for rule in RULES:
        finding = rule.finding("x")
        assert (phase_of(finding) is None) is (rule.id in timeless), rule.id


def test_placing_in_time_never_adds_an_error_a_finished_review_would_not_have() -> None:
    for rec in (FINISHED, at_meeting(), ReviewRecord(meeting_date=MEETING)):
        final = {(f.code, f.field) for f in validate_process(rec).errors}
        for as_of in (date(2024, 5, 1), MEETING, date(2024, 7, 2), date(2025, 1, 1)):
            placed = {(f.code, f.field) for f in validate_process(rec, as_of=as_of).errors}
            assert placed <= final


# --- properties ---------------------------------------------------------------------------------

days = st.dates(min_value=date(2024, 4, 1), max_value=date(2025, 3, 31))
statuses = st.sampled_from(list(TaskStatus))


@st.composite
def followed_records(draw: st.DrawFn) -> ReviewRecord:
    """The meeting's record with random due dates, progress and report dates."""
    tasks = tuple(
        Task(
            description=what,
            responsible=owner,
            agency=agency,
            target_date=draw(st.none() | days),
            progress=tuple(
                ProgressUpdate(on=draw(st.none() | days), status=draw(st.none() | statuses))
                for _ in range(draw(st.integers(0, 3)))
            ),
        )
        for what, owner, agency, _ in TASKS[: draw(st.integers(0, 3))]
    )
    return at_meeting(
        meeting_date=draw(st.none() | days),
        tasks=tasks,
        report_due_on=draw(st.none() | days),
        reported_to_case_coordination_group_on=draw(st.none() | days),
        reported_to_managers_meetings_on=draw(st.none() | days),
        learning_opportunities=draw(st.none() | st.just(("Joint training",))),
    )


@settings(max_examples=150, deadline=None)
@given(followed_records(), days)
def test_as_of_any_day_no_error_is_inferred_or_absent_from_the_finished_review(
    rec: ReviewRecord, as_of: date
) -> None:
    placed = validate_review(rec, as_of=as_of)
    for finding in placed.errors:
        assert finding.citation is not None
        assert finding.citation.provenance is Provenance.STATED, finding.code
    final = {(f.code, f.field) for f in validate_review(rec).errors}
    assert {(f.code, f.field) for f in placed.errors} <= final
    # Lateness is only ever a warning, and only once the review's own date has passed.
    for finding in placed.findings:
        if (
            finding.code == "under1roof.followup.task-on-time"
            and finding.severity is Severity.WARNING
        ):
            assert rec.tasks is not None
            assert finding.field is not None
            due = rec.tasks[int(finding.field.removeprefix("tasks[").rstrip("]"))].target_date
            assert due is not None
            assert due < as_of


def test_phase_of_refuses_what_is_not_a_finding() -> None:
    with pytest.raises(CaseReviewError, match="finding: expected a Finding, got str"):
        phase_of("under1roof.process.report-back")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "field"), [({}, "Ann", "a"), ("Ann", 3, "b"), ("  ", "Ann", "a")]
)
def test_same_person_takes_two_names(a: object, b: object, field: str) -> None:
    from casereview.under1roof import same_person

    with pytest.raises(CaseReviewError) as caught:
        same_person(a, b)  # type: ignore[arg-type]
    assert caught.value.field == field
