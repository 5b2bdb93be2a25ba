"""Nothing is lost: batch and validation functions give exactly one output per input, in order.

* every ``validate_*`` function of every rulebook (discovered from ``__all__``) returns one
  :class:`~casereview.Validation` for any draft: a complete record with any of its parts left
  out, blank or NaN (a form's empty boxes), as a model or as JSON; never an exception;
* :func:`casereview.action_findings` gives one finding per missing part of each action, in the
  order of the actions and their parts;
* the batch functions of :mod:`casereview.analysis` return one value per row, in order, equal
  to the row computed alone, whatever the rows hold (``errors="none"``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from casereview import (
    Action,
    BusinessCalendar,
    CaseReviewError,
    Citation,
    Rule,
    Validation,
    action_findings,
)
from casereview.analysis import due_date_column, findings_records, isr_column

RULEBOOKS = (
    "casereview.vhims",
    "casereview.cims",
    "casereview.kentucky_cqi",
    "casereview.under1roof",
)
MISSING = [None, "", "   ", float("nan")]


def _validators() -> list[tuple[str, Callable[..., Validation]]]:
    found: list[tuple[str, Callable[..., Validation]]] = []
    for name in RULEBOOKS:
        module = importlib.import_module(name)
        found.extend(
            (f"{name}.{attr}", getattr(module, attr))
            for attr in module.__all__
            if attr.startswith("validate_")
        )
    return found


def _complete_records() -> dict[str, BaseModel]:
    """A complete record for each validator, from the rulebooks' own test fixtures."""
    from tests.cims.test_completeness import COMPLETE
    from tests.kentucky_cqi.test_review_record import _record
    from tests.under1roof._builders import panel, record

    u1r = record()
    return {
        "casereview.cims.validate_case_review": COMPLETE,
        "casereview.kentucky_cqi.validate_review_record": _record(("A", True), answers=("A",)),
        "casereview.under1roof.validate_panel": panel(),
        "casereview.under1roof.validate_process": u1r,
        "casereview.under1roof.validate_review": u1r,
        "casereview.under1roof.validate_triggers": u1r,
    }


VALIDATORS = _validators()
COMPLETE_RECORDS = _complete_records()


def test_every_validator_has_a_complete_record_here() -> None:
    # A new validate_* function must get a complete record above, so its drafts are tested.
    assert {name for name, _ in VALIDATORS} == set(COMPLETE_RECORDS)


def _blanked(data: dict[str, Any], model: type[BaseModel], choose: st.DataObject) -> dict[str, Any]:
    """``data`` with some of the parts a draft may leave out made missing (or emptied)."""
    out = dict(data)
    for name, field in model.model_fields.items():
        if field.is_required() or name not in out or not choose.draw(st.booleans()):
            continue
        if field.default is None:
            out[name] = choose.draw(st.sampled_from(MISSING))
        elif isinstance(field.default, tuple):
            out[name] = []
    return out


@pytest.mark.parametrize(("name", "validate"), VALIDATORS, ids=[n for n, _ in VALIDATORS])
@settings(max_examples=40)
@given(choose=st.data())
def test_every_draft_gets_exactly_one_validation(
    name: str, validate: Callable[..., Validation], choose: st.DataObject
) -> None:
    complete = COMPLETE_RECORDS[name]
    data = _blanked(complete.model_dump(), type(complete), choose)
    result = validate(data)
    assert isinstance(result, Validation)
    as_model = validate(type(complete).model_validate(data))
    assert as_model == result
    assert validate(complete).findings == validate(complete.model_dump(mode="json")).findings


@pytest.mark.parametrize(("name", "validate"), VALIDATORS, ids=[n for n, _ in VALIDATORS])
@settings(max_examples=10)
@given(choose=st.data())
def test_a_batch_of_drafts_gives_one_validation_each_in_order(
    name: str, validate: Callable[..., Validation], choose: st.DataObject
) -> None:
    complete = COMPLETE_RECORDS[name]
    drafts = [
        _blanked(complete.model_dump(), type(complete), choose)
        for _ in range(choose.draw(st.integers(0, 4)))
    ]
    results = [validate(d) for d in drafts]
    assert len(results) == len(drafts)
    assert results == [validate(d) for d in reversed(drafts)][::-1]


# ---------------------------------------------------------------- action_findings

RULE = Rule(
    id="example.action",
    title="Actions are complete",
    citation=Citation(source="under1roof-case-review", section="Case review process"),
)
PARTS = ("description", "responsible", "target_date")
actions = st.lists(
    st.builds(
        Action,
        description=st.one_of(st.sampled_from(MISSING), st.just("Call the landlord")),
        responsible=st.one_of(st.sampled_from(MISSING), st.just("Team leader")),
        target_date=st.one_of(st.none(), st.just(date(2024, 3, 1))),
    ),
    max_size=8,
)


@given(actions)
def test_action_findings_report_each_missing_part_once_in_order(given: list[Action]) -> None:
    findings = action_findings(
        given,
        field="actions",
        description_rule=RULE,
        responsible_rule=RULE,
        target_date_rule=RULE,
    )
    expected = [
        f"actions[{i}].{part}"
        for i, action in enumerate(given)
        for part in PARTS
        if getattr(action, part) is None
    ]
    assert [f.field for f in findings] == expected


# ---------------------------------------------------------------- analysis batches

LABELS = st.one_of(
    st.sampled_from(["Severe", "Moderate", "Minor", "No harm", "Death", " minor ", "Catastrophic"]),
    st.sampled_from(["Permanent", "Temporary", "Intermediate", "Advanced", "None"]),
    st.sampled_from(MISSING),
    st.integers(-3, 5),
    st.text(max_size=5),
)


@settings(max_examples=60)
@given(st.lists(st.tuples(LABELS, LABELS, LABELS), max_size=12))
def test_isr_column_gives_one_value_per_row_in_order(rows: list[tuple[Any, Any, Any]]) -> None:
    harm, duration, treatment = ([r[i] for r in rows] for i in range(3))
    column = isr_column(harm, duration, treatment, errors="none")
    assert len(column) == len(rows)
    assert column == [isr_column([h], [d], [t], errors="none")[0] for h, d, t in rows]


VIC = BusinessCalendar.victoria()
DAYS = st.one_of(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from([*MISSING, "2024-12-09", "soon", date(1900, 1, 1), date(2060, 12, 30)]),
)


@settings(max_examples=60)
@given(st.lists(DAYS, max_size=12), st.integers(1, 30))
def test_due_date_column_gives_one_value_per_row_in_order(days: list[Any], n: int) -> None:
    column = due_date_column(days, n, calendar=VIC, errors="none")
    assert len(column) == len(days)
    assert column == [due_date_column([d], n, calendar=VIC, errors="none")[0] for d in days]


@settings(max_examples=40)
@given(st.lists(st.lists(st.sampled_from(PARTS), max_size=4), max_size=6))
def test_findings_records_gives_one_record_per_finding_in_order(
    groups: list[list[str]],
) -> None:
    validations = [Validation(findings=tuple(RULE.finding(m, field=m) for m in g)) for g in groups]
    ids = [f"case-{i}" for i in range(len(groups))]
    records = findings_records(validations, ids)
    assert [(r["id"], r["field"]) for r in records] == [
        (ids[i], m) for i, g in enumerate(groups) for m in g
    ]


def test_mismatched_columns_are_refused_not_truncated() -> None:
    with pytest.raises(CaseReviewError):
        isr_column(["Minor", "Minor"], [None], [None, None])
    with pytest.raises(CaseReviewError):
        findings_records([Validation()], ids=["a", "b"])
    assert due_date_column([], 3, calendar=VIC) == []
    assert VIC.add_business_days(date(2024, 12, 9), 1) == date(2024, 12, 9) + timedelta(days=1)
