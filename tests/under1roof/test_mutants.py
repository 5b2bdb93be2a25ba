"""The arguments of the Under 1 Roof helpers: their defaults, and the field a refusal names.

Written against mutation survivors of ``under1roof.process`` (``step_of``, ``incomplete_steps``)
and ``under1roof.panel`` (``counted_members``): a default flipped, a field name changed or
dropped, ``scribe_may_double`` lost on the way down. The exact texts of the findings are in
``test_golden_results.py``.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.errors import CaseReviewError
from casereview.under1roof import ProcessStep, counted_members, incomplete_steps, step_of
from casereview.under1roof.process import _in_order
from tests.under1roof._builders import member, panel, record


def test_step_of_refuses_a_non_finding_naming_finding() -> None:
    with pytest.raises(CaseReviewError) as caught:
        step_of("under1roof.process.tasks-allocated")  # type: ignore[arg-type]
    assert caught.value.field == "finding"
    assert str(caught.value) == "finding: expected a Finding, got str"


@pytest.mark.parametrize(
    ("function", "field"),
    [(incomplete_steps, "record"), (counted_members, "panel")],
)
def test_a_bad_record_or_panel_names_its_parameter(function: Any, field: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        function(42)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


@pytest.mark.parametrize("scribe", ["Bo Li", "Cy Ode", "Ann Ng", "Di Roe"])
@pytest.mark.parametrize("members", [("Bo Li",), ("Bo Li", "Cy Ode")])
def test_the_scribe_reading_never_makes_a_step_incomplete(
    scribe: str, members: tuple[str, ...]
) -> None:
    """Reading the scribe as a separate role is inferred, so it only ever warns: the steps left
    incomplete are the same whatever ``scribe_may_double`` says (which makes its default
    invisible to ``incomplete_steps``: an equivalent mutant, listed in docs/reliability.md)."""
    review = record(panel=panel(members=tuple(member(m) for m in members), scribe=scribe))
    default = incomplete_steps(review)
    assert incomplete_steps(review, scribe_may_double=True) == default
    assert incomplete_steps(review, scribe_may_double=False) == default
    short = (ProcessStep.INDEPENDENT_MEMBERS,) if len(members) < 2 else ()
    assert default == short


def test_counted_members_passes_scribe_may_double_on() -> None:
    two = panel(scribe="Cy Ode")  # members Bo Li and Cy Ode; Cy is also the scribe
    assert [m.name for m in counted_members(two)] == ["Bo Li"]
    assert [m.name for m in counted_members(two, scribe_may_double=False)] == ["Bo Li"]
    assert [m.name for m in counted_members(two, scribe_may_double=True)] == ["Bo Li", "Cy Ode"]


@given(st.lists(st.dates(date(2024, 6, 1), date(2024, 6, 6)), max_size=8))
def test_the_steps_kept_in_order_are_a_longest_run(days: list[date]) -> None:
    """``_in_order`` keeps a longest non-decreasing run of the step dates (the premise of the
    equivalent ``_order_findings`` mutants in docs/reliability.md: no left-out step could join
    it, so none has a kept neighbour dated the same day)."""
    kept = sorted(_in_order(days))
    assert all(days[a] <= days[b] for a, b in itertools.pairwise(kept))
    longest = max(
        (
            len(chosen)
            for n in range(len(days) + 1)
            for chosen in itertools.combinations(range(len(days)), n)
            if all(days[a] <= days[b] for a, b in itertools.pairwise(chosen))
        ),
        default=0,
    )
    assert len(kept) == longest
    for left_out in set(range(len(days))) - set(kept):
        joined = sorted((*kept, left_out))
        assert not all(days[a] <= days[b] for a, b in itertools.pairwise(joined))
