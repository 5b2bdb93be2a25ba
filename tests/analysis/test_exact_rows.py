"""Each row is judged on its own value: values that only compare equal are never merged.

``True == 1 == 1.0``, ``2 == 2.0``, ``0.0 == -0.0`` and ``"Minor" == TreatmentLevel.MINOR``,
yet the input policy answers them differently. Distinct rows are decided once, so the batch
must tell such values apart, or the first spelling seen would decide every equal one.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview import CaseReviewError
from casereview.analysis import (
    follow_up_column,
    isr_column,
    review_column,
    sapse_column,
)
from casereview.vhims import HarmLevel, Isr, TreatmentLevel, derive_isr

pd = pytest.importorskip("pandas")

# Values that compare equal across (or within) types, with the labels they are confused with.
TRICKY: list[object] = [
    True,
    False,
    1,
    0,
    1.0,
    0.0,
    -0.0,
    2,
    2.0,
    Decimal("2"),
    Decimal("2.0"),
    float("nan"),
    None,
    "",
    "2",
    "ISR 2",
    "Yes",
    "No",
    "Minor",
    "minor ",
    "Death",
    HarmLevel.MINOR,
    TreatmentLevel.MINOR,
    Isr.MODERATE,
]

# One batch function per column under test; the other columns are fixed and well-formed.
BATCH: dict[str, Callable[..., Any]] = {
    "isr_column harm": lambda col, **kw: isr_column(col, None, None, **kw),
    "isr_column treatment": lambda col, **kw: isr_column(
        ["Moderate"] * len(col), ["Temporary"] * len(col), col, **kw
    ),
    "review_column isr": lambda col, **kw: review_column(
        col, system_or_process_issues=[True] * len(col), **kw
    ),
    "review_column issues": lambda col, **kw: review_column(
        [1] * len(col), system_or_process_issues=col, **kw
    ),
    "review_column sentinel": lambda col, **kw: review_column(
        [3] * len(col), sentinel_event=col, **kw
    ),
    "follow_up_column systemic_factors": lambda col, **kw: follow_up_column(
        ["Major impact"] * len(col), ["Self-harm"] * len(col), systemic_factors=col, **kw
    ),
    "sapse_column clinical_incident": lambda col, **kw: sapse_column(
        incident_type=["Clinical"] * len(col),
        isr=[1] * len(col),
        clinical_incident=col,
        went_as_intended=[False] * len(col),
        **kw,
    ),
}


def _as_input(values: list[object], kind: str) -> Any:
    if kind == "list":
        return values
    return pd.Series(values, dtype=object, index=[f"INC-{i}" for i in range(len(values))])


def _answers(function: Callable[..., Any], values: list[object], kind: str) -> list[Any]:
    """Each row's answer, or its error records (without the row label)."""
    column = _as_input(values, kind)
    result, errors = function(column, errors="record")
    rows = list(result)
    records = errors.to_dict("records") if kind == "series" else errors
    labels = list(column.index) if kind == "series" else list(range(len(values)))
    answers: list[Any] = []
    for position, label in enumerate(labels):
        mine = [{k: v for k, v in e.items() if k != "row"} for e in records if e["row"] == label]
        answers.append(("refused", mine) if mine else ("answer", _plain(rows[position])))
    return answers


def _plain(value: object) -> object:
    return None if value is None or (isinstance(value, float) and value != value) else value


@pytest.mark.parametrize("kind", ["list", "series"])
@pytest.mark.parametrize("name", sorted(BATCH))
@given(values=st.lists(st.sampled_from(TRICKY), min_size=1, max_size=8))
def test_each_row_gets_the_answer_it_gets_alone(name: str, kind: str, values: list[object]) -> None:
    function = BATCH[name]
    together = _answers(function, values, kind)
    alone = [_answers(function, [value], kind)[0] for value in values]
    assert together == alone


@pytest.mark.parametrize("kind", ["list", "series"])
@given(
    harm=st.lists(st.sampled_from(TRICKY), min_size=1, max_size=6),
    data=st.data(),
)
def test_isr_column_agrees_with_derive_isr_row_by_row(
    kind: str, harm: list[object], data: st.DataObject
) -> None:
    treatment = data.draw(st.lists(st.sampled_from(TRICKY), min_size=len(harm), max_size=len(harm)))
    duration: list[object] = ["Temporary"] * len(harm)
    result, errors = isr_column(
        _as_input(harm, kind),
        _as_input(duration, kind),
        _as_input(treatment, kind),
        errors="record",
    )
    refused = set(errors["row"]) if kind == "series" else {e["row"] for e in errors}
    for position, (h, t) in enumerate(zip(harm, treatment, strict=True)):
        label = f"INC-{position}" if kind == "series" else position
        try:  # the per-row function on the row's own values (NaN and "" are missing there too)
            expected: object = derive_isr(h, "Temporary", t).isr  # type: ignore[arg-type]
        except CaseReviewError:  # any refusal: the batch must refuse the row too
            assert label in refused
            continue
        assert label not in refused
        got = result.iloc[position] if kind == "series" else result[position]
        assert (got == str(expected)) if kind == "series" else got is expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, True], ["Root cause analysis", None]),
        ([True, 1], [None, "Root cause analysis"]),
        ([2, 2.0], ["In-depth case review", None]),
        ([2.0, 2], [None, "In-depth case review"]),
    ],
)
@pytest.mark.parametrize("kind", ["list", "series"])
def test_equal_values_of_other_types_are_judged_on_their_own(
    values: list[object], expected: list[str | None], kind: str
) -> None:
    # The new-user report's examples: the float ISR and the boolean ISR are refused, the int
    # is answered, whichever comes first.
    result, _ = review_column(
        _as_input(values, kind), system_or_process_issues=[True, True], errors="record"
    )
    assert [None if _plain(r) is None else str(getattr(r, "value", r)) for r in result] == expected


def test_an_error_names_its_own_rows_value() -> None:
    _, errors = isr_column(["Death", True, 1], None, None, errors="record")
    assert [(e["row"], e["message"].split(" is not")[0]) for e in errors] == [
        (1, "harm: True"),
        (2, "harm: 1"),
    ]


def test_a_foreign_member_spelled_like_a_label_is_not_the_label() -> None:
    assert isr_column(["Minor", TreatmentLevel.MINOR], None, None, errors="none") == [
        Isr.MINOR,
        None,
    ]
    assert isr_column([TreatmentLevel.MINOR, "Minor"], None, None, errors="none") == [
        None,
        Isr.MINOR,
    ]


def test_negative_zero_is_shown_as_given() -> None:
    _, errors = review_column(pd.Series([0.0, -0.0]), errors="record")
    assert [e.split(" is not")[0] for e in errors["message"]] == ["isr: 0.0", "isr: -0.0"]


def test_raise_names_the_first_row_that_fails() -> None:
    with pytest.raises(Exception, match="row 1: isr: True"):
        review_column([1, True], system_or_process_issues=[True, True])
    with pytest.raises(Exception, match=r"row 'b': isr: 2\.0"):
        review_column(
            pd.Series([2, 2.0], index=["a", "b"], dtype=object),
            system_or_process_issues=pd.Series([True, True], index=["a", "b"]),
        )
