"""Golden snapshots of Under 1 Roof findings: the exact text a caller reads, in order.

``test_panel.py``, ``test_process.py`` and ``test_followup.py`` check what each step requires;
these record every finding's severity, field, code, message and citation, in order, for every
combination of a chair's and a member's facts, each way of naming a scribe, a record with each
part left out in turn, and one review followed through time (``as_of``). A reworded, dropped or
reordered finding shows up as a snapshot diff to review (``CASEREVIEW_UPDATE_SNAPSHOTS=1``).
"""

from __future__ import annotations

from datetime import date
from itertools import product
from typing import Any

from casereview.findings import Validation
from casereview.under1roof import (
    AlternativeAction,
    Panel,
    ProcessStep,
    ProgressUpdate,
    ReviewRecord,
    Stakeholder,
    Task,
    TaskStatus,
    incomplete_steps,
    validate_panel,
    validate_process,
)
from tests.helpers import assert_matches_snapshot
from tests.under1roof._builders import MEETING, chair, member, panel, record
from tests.under1roof.test_followup import FINISHED, at_meeting, task

TRI = (None, False, True)
FACTS = ("involved_in_care", "independent", "experienced")


def _shown(result: Validation) -> list[str]:
    return [
        f"{f.severity.value} {f.code} [{f.field}] {f.message}"
        + (f" <{f.citation}>" if f.citation is not None else "")
        for f in result.findings
    ]


def _facts(values: tuple[Any, ...], names: tuple[str, ...]) -> str:
    return ", ".join(f"{n}={v}" for n, v in zip(names, values, strict=True))


def test_every_chair() -> None:
    results = {}
    names = (*FACTS, "facilitator")
    for values in product(TRI, repeat=len(names)):
        facts = dict(zip(names, values, strict=True))
        results[_facts(values, names)] = _shown(validate_panel(panel(chair=chair(**facts))))
    results["no chair"] = _shown(validate_panel(panel(chair=None)))
    assert_matches_snapshot("under1roof/golden/chairs.json", results)


def test_every_member() -> None:
    results = {}
    for values in product(TRI, repeat=len(FACTS)):
        facts = dict(zip(FACTS, values, strict=True))
        for others in (0, 1):
            members = (member("Bo Li", **facts), *(member("Cy Ode"),) * others)
            key = f"{_facts(values, FACTS)} | with {others} other"
            results[key] = _shown(validate_panel(panel(members=members)))
    results["no members"] = _shown(validate_panel(panel(members=())))
    results["one person twice"] = _shown(
        validate_panel(panel(members=(member("Bo Li"), member(" bo  LI "))))
    )
    assert_matches_snapshot("under1roof/golden/members.json", results)


def test_every_scribe() -> None:
    results = {}
    for scribe, doubles in product((None, "Di Roe", "Ann Ng", "Bo Li", "ann ng "), (False, True)):
        key = f"scribe={scribe} | scribe_may_double={doubles}"
        results[key] = _shown(validate_panel(panel(scribe=scribe), scribe_may_double=doubles))
        alone = panel(scribe=scribe, members=(member("Bo Li"),))
        key = f"one member | scribe={scribe} | scribe_may_double={doubles}"
        results[key] = _shown(validate_panel(alone, scribe_may_double=doubles))
    results["empty panel"] = _shown(validate_panel(Panel()))
    assert_matches_snapshot("under1roof/golden/scribes.json", results)


def test_each_part_of_a_record_left_out() -> None:
    complete = record()
    results = {"complete": _shown(validate_process(complete)), "blank": []}
    results["blank"] = _shown(validate_process(ReviewRecord()))
    for name, field in ReviewRecord.model_fields.items():
        value = getattr(complete, name)
        if value == field.get_default(call_default_factory=True):
            continue
        results[f"without {name}"] = _shown(
            validate_process(complete.model_copy(update={name: field.get_default()}))
        )
        if isinstance(value, tuple) and field.get_default() is None:  # recorded as none
            results[f"{name} empty"] = _shown(
                validate_process(complete.model_copy(update={name: ()}))
            )
    for name, changes in VARIANTS.items():
        results[name] = _shown(validate_process(record(**changes)))
    results["no meeting date, as of a day"] = _shown(
        validate_process(record(meeting_date=None), as_of=date(2024, 7, 1))
    )
    assert_matches_snapshot("under1roof/golden/records.json", results)


_BASE = record()
VARIANTS: dict[str, dict[str, Any]] = {
    "successes not identified, no success factors": {"successes": None, "success_factors": ()},
    "barriers not identified, no barrier factors": {"barriers": None, "barrier_factors": ()},
    "an alternative not evaluated": {
        "alternative_actions": (AlternativeAction(description="Agree an after-hours contact"),)
    },
    "no tasks, a helpful alternative": {"tasks": ()},
    "an unnamed stakeholder": {
        "stakeholders": (*_BASE.stakeholders, Stakeholder(agency="Legal aid")),
    },
    "a task with no agency": {
        "tasks": (Task(description="Roster", responsible="Team leader", target_date=MEETING),),
    },
    "follow-through dated on and before the meeting": {
        "tasks": (
            Task(
                description="Roster",
                responsible="Team leader",
                agency="Area mental health service",
                target_date=date(2024, 8, 1),
                progress=(
                    ProgressUpdate(on=date(2024, 6, 1), status=TaskStatus.IN_PROGRESS),
                    ProgressUpdate(on=MEETING, status=TaskStatus.IN_PROGRESS),
                ),
            ),
        ),
        "reported_to_case_coordination_group_on": MEETING,
        "reported_to_managers_meetings_on": date(2024, 6, 11),
    },
}


AS_OF = (
    None,
    date(2024, 5, 22),
    date(2024, 6, 11),
    date(2024, 6, 12),
    date(2024, 7, 2),
    date(2024, 7, 16),
    date(2024, 8, 1),
    date(2024, 8, 15),
    date(2024, 10, 1),
    date(2024, 10, 31),
)


def test_one_review_through_time() -> None:
    results = {}
    for name, review in (("at the meeting", at_meeting()), ("finished", FINISHED)):
        for as_of in AS_OF:
            results[f"{name} | as_of={as_of}"] = _shown(validate_process(review, as_of=as_of))
    assert_matches_snapshot("under1roof/golden/through_time.json", results)


def test_monitoring_shown_by_progress_through_time() -> None:
    """Progress reported by ``as_of`` shows the monitoring; progress reported later does not."""
    results = {}
    unrecorded = {"monitored_through_case_coordination": None}
    reviews = {
        "no progress": at_meeting(**unrecorded),
        "progress on 2024-06-26": at_meeting(
            **unrecorded, tasks=(task(0, ("2024-06-26", "in progress")), task(1), task(2))
        ),
        "not monitored": at_meeting(monitored_through_case_coordination=False),
    }
    for name, review in reviews.items():
        for as_of in (None, date(2024, 6, 20), date(2024, 6, 26), date(2024, 7, 2)):
            results[f"{name} | as_of={as_of}"] = _shown(validate_process(review, as_of=as_of))
    assert_matches_snapshot("under1roof/golden/monitoring.json", results)


S = ProcessStep
# Step dates (listed in step order) with one or more steps dated out of order.
ORDERS: dict[str, dict[ProcessStep, date]] = {
    "in order": {S.CONVENE: date(2024, 6, 1), S.CHAIR: date(2024, 6, 3)},
    "two swapped": {S.CONVENE: date(2024, 6, 3), S.CHAIR: date(2024, 6, 1)},
    "one late": {
        S.CONVENE: date(2024, 6, 1),
        S.CHAIR: date(2024, 6, 20),
        S.INDEPENDENT_MEMBERS: date(2024, 6, 3),
        S.SCRIBE: date(2024, 6, 4),
    },
    "one early": {
        S.CONVENE: date(2024, 6, 1),
        S.CHAIR: date(2024, 6, 2),
        S.INDEPENDENT_MEMBERS: date(2024, 5, 1),
        S.SCRIBE: date(2024, 6, 4),
    },
    "reversed": {
        S.CONVENE: date(2024, 6, 4),
        S.CHAIR: date(2024, 6, 3),
        S.INDEPENDENT_MEMBERS: date(2024, 6, 2),
    },
    "ties": {
        S.CONVENE: date(2024, 6, 2),
        S.CHAIR: date(2024, 6, 2),
        S.INDEPENDENT_MEMBERS: date(2024, 6, 1),
    },
}


def test_step_order() -> None:
    results = {}
    for name, days in ORDERS.items():
        review = record(step_dates=days)
        results[name] = _shown(validate_process(review))
        results[f"{name} | incomplete steps"] = [s.value for s in incomplete_steps(review)]
    assert_matches_snapshot("under1roof/golden/step_order.json", results)
