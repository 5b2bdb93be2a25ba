"""The contract fuzzer: every public callable, hostile and valid input, only contract errors.

The API is discovered (``tests/fuzz/api.py``), never listed: a new public function is fuzzed
from the day it is exported. Each target gets a short Hypothesis run here (``make test``); the
long run is ``make fuzz`` (``tests/fuzz/run.py``, at least 100,000 calls). Set
``CASEREVIEW_FUZZ=long`` to run this file with the long profile's per-target examples instead.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz.api import Target, targets
from tests.fuzz.engine import Record, draw_call, make, memory_limit, report, seed_pool, sweep
from tests.fuzz.known import KNOWN
from tests.fuzz.values import short_special_values, special_values

LONG = os.environ.get("CASEREVIEW_FUZZ") == "long"
# The short profile is derandomized, so `make test` is repeatable; the long one explores.
EXAMPLES = 400 if LONG else 10
SWEEP = special_values() if LONG else short_special_values()
TARGETS = targets()
PARAMS = [
    pytest.param(
        t,
        id=t.name.removeprefix("casereview."),
        marks=[pytest.mark.xfail(strict=False, reason=KNOWN[t.name])] if t.name in KNOWN else [],
    )
    for t in TARGETS
]


@pytest.fixture(scope="module", autouse=True)
def _pool() -> None:
    seed_pool()


def test_discovery_finds_the_whole_public_api() -> None:
    names = {t.name for t in TARGETS}
    for expected in (
        "BusinessCalendar.for_region",
        "BusinessCalendar.add_business_days",
        "Validation.of",
        ".action_findings",
        ".derive_isr",
        ".case_review_due_date",
        ".monthly_schedule",
        ".validate_panel",
        ".isr_column",
        "testing.label_spellings",
        "errors.UnknownValueError",
        "LogicMap.from_rows",
    ):
        assert any(name.endswith(expected) for name in names), expected
    assert len(TARGETS) > 200
    assert all(name.startswith("casereview.") for name in names)


def test_known_violations_name_real_targets() -> None:
    assert set(KNOWN) <= {t.name for t in TARGETS}


@pytest.mark.parametrize("target", PARAMS)
def test_only_contract_errors_escape(target: Target) -> None:
    record = Record()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not LONG,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def fuzz(data: st.DataObject) -> None:
        call = draw_call(data, target)
        if call is not None:
            make(call, record)
            if not swept:
                # Once per target: every hand-picked hostile value in every parameter.
                swept.append(True)
                sweep(call, record, SWEEP)

    swept: list[bool] = []
    with memory_limit():
        fuzz()
    assert record.fuzzer_errors == 0, "the fuzzer built a call its signature does not allow"
    assert not record.violations, report(record)
