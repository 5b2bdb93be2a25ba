"""Regression tests for the ground-floor contract breaks the fuzzer found (issue 10).

Each test is one cause, fixed at its root in ``errors.py``, ``_base.py``, ``_input.py``,
``calendar.py``, ``findings.py``, ``actions.py``, ``sources.py`` or ``testing.py``. (Calendar
regressions are in ``tests/test_calendar.py``.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from casereview import (
    Action,
    CaseReviewError,
    Citation,
    MissingElementError,
    Rule,
    UnknownValueError,
    Validation,
    action_findings,
    get_source,
)
from casereview._input import span
from casereview.analysis import isr_column
from casereview.errors import field_name, shown
from casereview.findings import Finding
from casereview.kentucky_cqi import check_caps
from casereview.vhims import Isr, derive_isr

RULE = Rule(
    id="example.action",
    title="Actions are complete",
    citation=Citation(source="under1roof-case-review", section="Case review process"),
)
RULES: dict[str, Any] = {
    "description_rule": RULE,
    "responsible_rule": RULE,
    "target_date_rule": RULE,
}


# ---------------------------------------------------------------- errors.py


@pytest.mark.parametrize("allowed", [None, 5, "Death", range(10**20), iter([1, 2])], ids=shown)
def test_unknown_value_error_takes_any_allowed(allowed: object) -> None:
    error = UnknownValueError("f", 1, allowed)  # type: ignore[arg-type]
    assert str(error).startswith("f: 1 is not an allowed value")
    assert len(error.allowed) <= 1_000


@pytest.mark.parametrize("field", [10**5000, None, 3.5, ["a"]], ids=shown)
def test_errors_take_any_field_and_stay_printable(field: object) -> None:
    for error in (
        UnknownValueError(field, 1, ("a",)),  # type: ignore[arg-type]
        MissingElementError(field, "needed"),  # type: ignore[arg-type]
        CaseReviewError("x: bad", field="x").renamed(field),  # type: ignore[arg-type]
    ):
        assert len(str(error)) < 200
        assert error.field == field_name(field)


def test_a_long_allowed_label_is_shown_not_listed_whole() -> None:
    error = UnknownValueError("f", 1, ["x" * 5000])
    assert len(str(error)) < 200


# ---------------------------------------------------------------- _input.span


@pytest.mark.parametrize(
    "value", [range(0, 3), range(0, 10**20), range(2000, 1990), range(2000, 2030, 2), [2020], None]
)
def test_span_refuses_without_walking(value: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^years: expected a range of consecutive years"):
        span(value, field="years", within=range(1900, 2201))


# ---------------------------------------------------------------- findings.py


@pytest.mark.parametrize("groups", [(None,), (5,), ("abc",), ({"a": 1},), ((), None)], ids=shown)
def test_validation_of_refuses_a_non_list_group(groups: tuple[object, ...]) -> None:
    with pytest.raises(CaseReviewError, match=r"^groups\[\d\]: expected a list"):
        Validation.of(*groups)  # type: ignore[arg-type]


def test_validation_of_refuses_non_findings_by_pydantic() -> None:
    with pytest.raises(ValidationError):
        Validation.of([None])  # type: ignore[list-item]


@pytest.mark.parametrize("findings", [range(10**8), range(10**20)], ids=shown)
def test_huge_lists_are_refused_without_allocating(findings: range) -> None:
    with pytest.raises(ValidationError, match="at most 10,000 items"):
        Validation(findings=findings)  # type: ignore[arg-type]
    with pytest.raises(CaseReviewError, match="at most 10,000 items"):
        Validation.of(findings)  # type: ignore[arg-type]


def test_validation_of_bounds_the_total_across_groups() -> None:
    finding = RULE.finding("x")
    with pytest.raises(CaseReviewError, match="at most"):
        Validation.of([finding] * 6_000, [finding] * 6_000)


# ---------------------------------------------------------------- _base.py


def test_a_model_copy_with_junk_is_revalidated_as_a_field_value() -> None:
    junk = RULE.citation.model_copy(update={"source": float("inf")})
    with pytest.raises(ValidationError, match=r"citation\.source"):
        Rule(id="example.x", title="x", citation=junk)
    with pytest.raises(ValidationError, match=r"findings\.0"):
        Validation(findings=(RULE.finding("x").model_copy(update={"severity": 3}),))


def test_repr_of_a_junk_copy_never_fails() -> None:
    junk = Validation().model_copy(update={"findings": 5})
    assert repr(junk) == "<Validation made without validation>"
    assert shown(junk) == "<Validation made without validation>"


# ---------------------------------------------------------------- actions.py


@pytest.mark.parametrize("actions", [None, 5, "Call the landlord", {"a": 1}], ids=shown)
def test_action_findings_refuses_a_non_list(actions: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^tasks: expected a list"):
        action_findings(actions, field="tasks", **RULES)  # type: ignore[arg-type]


@pytest.mark.parametrize("action", [None, 5, "x"], ids=shown)
def test_action_findings_refuses_a_non_action_naming_its_place(action: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^tasks\[1\]: expected an Action"):
        action_findings([Action(), action], field="tasks", **RULES)  # type: ignore[list-item]


def test_action_findings_reads_mappings_and_revalidates_copies() -> None:
    findings = action_findings(
        [{"description": "Call", "responsible": "Lee", "target_date": "2024-03-01"}],  # type: ignore[list-item]
        field="tasks",
        **RULES,
    )
    assert findings == ()
    junk = Action().model_copy(update={"target_date": "soon"})
    with pytest.raises(ValidationError, match="target_date"):
        action_findings([junk], field="tasks", **RULES)


@pytest.mark.parametrize("rule", [None, "example.action", 5], ids=shown)
def test_action_findings_refuses_a_bad_rule(rule: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^responsible_rule: expected a Rule"):
        action_findings([], field="tasks", **{**RULES, "responsible_rule": rule})


@pytest.mark.parametrize("field", [None, "", "  ", 5])
def test_action_findings_needs_a_field_name(field: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^field: "):
        action_findings([], field=field, **RULES)  # type: ignore[arg-type]


def test_action_findings_keeps_a_subclass_of_action() -> None:
    from casereview.cims.models import Action as CimsAction

    findings = action_findings([CimsAction(description="Call")], field="actions", **RULES)
    assert [f.field for f in findings] == ["actions[0].responsible", "actions[0].target_date"]


# ---------------------------------------------------------------- sources.py


@pytest.mark.parametrize("source_id", [[], {}, None, 10**5000, "nope"], ids=shown)
def test_get_source_refuses_anything_but_a_known_id(source_id: object) -> None:
    with pytest.raises(UnknownValueError, match=r"^source: "):
        get_source(source_id)  # type: ignore[arg-type]


def test_get_source_ignores_outer_white_space() -> None:
    assert get_source(" vhims-isr-guidance ").id == "vhims-isr-guidance"


# ---------------------------------------------------------------- testing.py


def test_label_spellings_refuses_a_bare_label() -> None:
    from casereview.testing import label_spellings

    with pytest.raises(CaseReviewError, match=r"^member: expected a member"):
        label_spellings("Death")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"logic_map": "default"}, "logic_map"), ({"with_unused": "no"}, "with_unused")],
)
def test_isr_elements_refuses_bad_arguments(kwargs: dict[str, Any], field: str) -> None:
    from casereview.testing import isr_elements

    with pytest.raises(CaseReviewError, match=rf"^{field}: "):
        isr_elements(**kwargs)


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        ((None,), {}, "calendar"),
        (("AU-VIC",), {}, "calendar"),
        ((), {"min_value": "soon"}, "min_value"),
        ((), {"max_value": date(2100, 1, 1)}, "max_value"),
    ],
)
def test_business_days_refuses_bad_arguments(
    args: tuple[object, ...], kwargs: dict[str, Any], field: str
) -> None:
    from casereview import BusinessCalendar
    from casereview.testing import business_days

    with pytest.raises(CaseReviewError, match=rf"^{field}"):
        business_days(*(args or (BusinessCalendar.victoria(),)), **kwargs)  # type: ignore[arg-type]


def test_finding_is_still_built_by_rules() -> None:
    assert isinstance(RULE.finding("x", field="f"), Finding)


def test_nat_in_a_required_date_is_refused_by_pydantic() -> None:
    # pandas' NaT is a datetime: in a required date field pydantic failed with a TypeError
    # (regression, issue 10); now it is missing, and refused as such.
    class NaTType:  # the type name pandas uses; pandas itself is optional
        pass

    from casereview.under1roof.models import ProcessStep, StepDate

    for missing in (NaTType(), float("nan")):
        with pytest.raises(ValidationError, match="completed_on"):
            StepDate(step=ProcessStep.CONVENE, completed_on=missing)  # type: ignore[arg-type]


def _writable_view() -> Any:
    """A hashable type whose ``hash`` raises ``ValueError`` (found by the mutant audit)."""
    return memoryview(bytearray(b"Minor"))


@pytest.mark.parametrize("slot", [0, 1, 2])
def test_a_value_python_cannot_hash_is_refused_not_leaked(slot: int) -> None:
    elements: list[Any] = ["Minor", None, None]
    elements[slot] = _writable_view()
    with pytest.raises(UnknownValueError):
        derive_isr(*elements)


def test_batches_and_caps_take_a_value_python_cannot_hash() -> None:
    got = isr_column([_writable_view(), "Minor"], [None, None], [None, None], errors="none")
    assert got == [None, Isr.MINOR]
    # A case Python cannot hash is counted, as an unhashable list item is.
    result = check_caps(first_level={"FSOS Adams": [_writable_view(), _writable_view(), "C-1"]})
    assert "3 first-level reviews" in result.findings[0].message


def test_a_task_that_skipped_validation_is_refused_by_its_methods() -> None:
    from casereview.under1roof import Task

    junk = Task(description="Roster").model_copy(update={"progress": 5})
    for method in (junk.latest_update, junk.status_on):
        with pytest.raises(ValidationError):
            method()
