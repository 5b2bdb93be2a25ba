"""Whatever a batch function is given, only CaseReviewError or a pydantic ValidationError escapes.

Each argument of each public function is replaced in turn by hostile values (a huge int, an
object whose repr raises, a range of 10**20 items, a bare string, a mapping ...) or by a column
holding one; the other arguments stay well formed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

import casereview.analysis as analysis
from casereview import BusinessCalendar, CaseReviewError
from casereview.cims import validate_case_review
from casereview.vhims import LogicMap


class Hostile:
    def __repr__(self) -> str:
        raise RuntimeError("hostile repr")

    def __str__(self) -> str:
        raise RuntimeError("hostile str")


NASTY: list[Any] = [
    None,
    "",
    "x",
    b"x",
    1.5,
    float("nan"),
    float("inf"),
    10**5000,
    True,
    Hostile(),
    object(),
    {},
    [],
    range(10**20),
]
CELLS: tuple[Any, ...] = (Hostile(), 10**5000, {}, [1], b"x", 1.5, date(2024, 1, 1), "2024-13-01")
NASTY += [[cell] for cell in CELLS]
VIC = BusinessCalendar.victoria()
CALLS: dict[str, tuple[Callable[..., Any], list[Any], dict[str, Any]]] = {
    "isr_column": (analysis.isr_column, [["Minor"], [None], [None]], {"logic_map": None}),
    "isr_table": (analysis.isr_table, [["Minor"], [None], [None]], {"errors": "record"}),
    "due_date_column": (analysis.due_date_column, [[date(2024, 1, 1)], 21], {"calendar": VIC}),
    "case_review_due_column": (
        analysis.case_review_due_column,
        [[date(2024, 1, 1)]],
        {"calendar": None, "errors": "record"},
    ),
    "follow_up_column": (
        analysis.follow_up_column,
        [["Major impact"], ["Death"]],
        {
            "subject_of_allegation": None,
            "systemic_factors": None,
            "submitted_on": None,
            "occurred_on": None,
            "ruleset": None,
            "apply_2020_rules": False,
            "errors": "none",
        },
    ),
    "follow_up_table": (
        analysis.follow_up_table,
        [["Major impact"], ["Death"]],
        {"systemic_factors": None, "errors": "record"},
    ),
    "review_column": (
        analysis.review_column,
        [[2]],
        {"sentinel_event": None, "system_or_process_issues": None, "errors": "none"},
    ),
    "sapse_column": (
        analysis.sapse_column,
        [],
        {
            "incident_type": ["Clinical"],
            "isr": [1],
            "clinical_incident": [True],
            "went_as_intended": [False],
            "under_duty_of_candour": None,
            "errors": "record",
        },
    ),
    "period_table": (analysis.period_table, [[date(2024, 1, 1)]], {"errors": "none"}),
    "caps_records": (
        analysis.caps_records,
        [["A"], [date(2024, 1, 1)]],
        {"region": None, "errors": "record"},
    ),
    "steps_records": (
        analysis.steps_records,
        [[date(2024, 1, 1)], date(2024, 1, 5)],
        {"calendar": None, "errors": "none"},
    ),
    "validation_records": (
        analysis.validation_records,
        [validate_case_review, [{}]],
        {"ids": None, "errors": "record"},
    ),
    "substitution_table": (
        analysis.substitution_table,
        [[{"reason": "Sealed", "requested_on": "2024-03-08", "pull_year": 2024, "pull_month": 3}]],
        {"ids": None, "errors": "record"},
    ),
    "findings_records": (analysis.findings_records, [[validate_case_review({})]], {"ids": None}),
    "compare_calendars": (
        analysis.compare_calendars,
        [[date(2024, 1, 1)]],
        {"business_days": 21, "before": VIC, "after": VIC, "errors": "none"},
    ),
    "compare_logic_maps": (
        analysis.compare_logic_maps,
        [["Minor"], [None], [None]],
        {
            "after": LogicMap.default(),
            "before": None,
            "sentinel_event": None,
            "system_or_process_issues": None,
            "errors": "record",
        },
    ),
    "compare_follow_up_rulesets": (
        analysis.compare_follow_up_rulesets,
        [["Major impact"], ["Death"]],
        {
            "subject_of_allegation": None,
            "before": "cims-2020",
            "after": "cims-2024",
            "apply_2020_rules": False,
        },
    ),
}


def test_every_public_function_is_fuzzed() -> None:
    functions = {
        name for name in analysis.__all__ if callable(getattr(analysis, name)) and name[0].islower()
    }
    assert functions == set(CALLS)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_only_the_contracts_errors_escape(name: str) -> None:
    fn, args, kwargs = CALLS[name]
    keys = list(kwargs)
    for position in range(len(args) + len(keys)):
        for value in NASTY:
            call_args, call_kwargs = list(args), dict(kwargs)
            if position < len(args):
                call_args[position] = value
            else:
                call_kwargs[keys[position - len(args)]] = value
            with contextlib.suppress(CaseReviewError, ValidationError):
                fn(*call_args, **call_kwargs)
