"""The shared column policy: what a column is, lengths, indexes, and the three errors modes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from casereview import BusinessCalendar, CaseReviewError
from casereview.analysis import (
    ERRORS,
    Recorded,
    RowError,
    caps_records,
    case_review_due_column,
    due_date_column,
    findings_records,
    follow_up_column,
    follow_up_table,
    isr_column,
    isr_table,
    period_table,
    review_column,
    sapse_column,
    steps_records,
)
from casereview.trace import error_entries

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

VIC = BusinessCalendar.victoria()

# Each batch function, called with one column in the place given (the rest well-formed).
CALLS: dict[str, Callable[[Any], Any]] = {
    "isr_column": lambda col: isr_column(col, None, None),
    "isr_table": lambda col: isr_table(col, None, None),
    "due_date_column": lambda col: due_date_column(col, 21, calendar=VIC),
    "case_review_due_column": lambda col: case_review_due_column(col),
    "follow_up_column": lambda col: follow_up_column(col, ["Death"]),
    "follow_up_table": lambda col: follow_up_table(["Major impact"], col),
    "review_column": lambda col: review_column(col),
    "sapse_column": lambda col: sapse_column(
        incident_type=col, isr=[1], clinical_incident=[True], went_as_intended=[False]
    ),
    "period_table": lambda col: period_table(col),
    "caps_records": lambda col: caps_records(col, ["2024-01-01"]),
    "steps_records": lambda col: steps_records(col, date(2024, 1, 1)),
}


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize(
    "bad",
    ["Minor", b"Minor", {"a": 1}, 3, None],
    ids=["str", "bytes", "mapping", "int", "none"],
)
def test_a_bare_value_where_a_column_belongs_is_refused(name: str, bad: object) -> None:
    with pytest.raises(CaseReviewError, match="expected a column"):
        CALLS[name](bad)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_whole_data_frame_is_refused(name: str) -> None:
    with pytest.raises(CaseReviewError, match="not a whole DataFrame"):
        CALLS[name](pd.DataFrame({"a": [1]}))


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_errors_mode_is_one_of_three(name: str) -> None:
    assert ERRORS == ("raise", "none", "record")
    with pytest.raises(CaseReviewError, match="errors: expected one of 'raise', 'none', 'record'"):
        _with_errors(name, "ignore")


def _with_errors(name: str, errors: object) -> Any:
    calls: dict[str, Callable[[], Any]] = {
        "isr_column": lambda: isr_column(["Minor"], None, None, errors=errors),  # type: ignore[arg-type]
        "isr_table": lambda: isr_table(["Minor"], None, None, errors=errors),  # type: ignore[arg-type]
        "due_date_column": lambda: due_date_column([], 21, calendar=VIC, errors=errors),  # type: ignore[arg-type]
        "case_review_due_column": lambda: case_review_due_column([], errors=errors),  # type: ignore[arg-type]
        "follow_up_column": lambda: follow_up_column([], [], errors=errors),  # type: ignore[arg-type]
        "follow_up_table": lambda: follow_up_table([], [], errors=errors),  # type: ignore[arg-type]
        "review_column": lambda: review_column([], errors=errors),  # type: ignore[arg-type]
        "sapse_column": lambda: sapse_column(
            incident_type=[],
            isr=[],
            clinical_incident=[],
            went_as_intended=[],
            errors=errors,  # type: ignore[arg-type]
        ),
        "period_table": lambda: period_table([], errors=errors),  # type: ignore[arg-type]
        "caps_records": lambda: caps_records([], [], errors=errors),  # type: ignore[arg-type]
        "steps_records": lambda: steps_records([], date(2024, 1, 1), errors=errors),  # type: ignore[arg-type]
    }
    return calls[name]()


@pytest.mark.parametrize("errors", ["RAISE", True, None, 0])
def test_errors_mode_refuses_near_misses(errors: object) -> None:
    with pytest.raises(CaseReviewError) as info:
        isr_column(["Minor"], None, None, errors=errors)  # type: ignore[arg-type]
    assert info.value.field == "errors"


def test_columns_must_be_equally_long_and_the_error_names_the_column() -> None:
    with pytest.raises(CaseReviewError, match="treatment: the columns differ in length") as info:
        isr_column(["Minor", "Minor"], [None, None], [None])
    assert info.value.field == "treatment"


def test_series_with_different_indexes_are_refused_not_aligned() -> None:
    harm = pd.Series(["Minor", "Moderate"], index=["a", "b"])
    duration = pd.Series([None, "Permanent"], index=["b", "a"])
    with pytest.raises(CaseReviewError, match="duration: its index differs from the index of harm"):
        isr_column(harm, duration, None)


def test_a_two_dimensional_array_is_refused() -> None:
    with pytest.raises(CaseReviewError, match="one-dimensional"):
        isr_column(np.array([["Minor"]]), None, None)


def test_raise_names_the_index_label_and_keeps_the_rules_error() -> None:
    harm = pd.Series(["Minor", "Severe", "Awful"], index=["INC-1", "INC-2", "INC-3"])
    with pytest.raises(RowError, match=r"^row 'INC-2': duration is required") as info:
        isr_column(harm, None, None)
    assert info.value.row == "INC-2"
    assert info.value.field == "duration"
    assert error_entries(info.value.cause)[0]["code"] == "missing"
    assert isinstance(info.value.__cause__, CaseReviewError)


def test_raise_names_an_integer_label_not_the_position() -> None:
    harm = pd.Series(["Minor", "Awful"], index=[10, 20])
    with pytest.raises(RowError, match=r"^row 20: harm: 'Awful' is not an allowed value"):
        isr_column(harm, None, None)


def test_record_returns_the_result_and_one_record_per_error_entry() -> None:
    harm = pd.Series(["Minor", "Awful", "Severe"], index=["a", "b", "c"])
    result = isr_column(harm, None, None, errors="record")
    assert isinstance(result, Recorded)
    isr, errors = result
    assert list(isr.index) == ["a", "b", "c"]
    assert isr.isna().tolist() == [False, True, True]
    assert list(errors.columns) == ["row", "code", "field", "message", "allowed"]
    assert errors[["row", "code", "field"]].values.tolist() == [
        ["b", "unknown_value", "harm"],
        ["c", "missing", "duration"],
    ]
    assert "Death" in errors.loc[0, "allowed"]


def test_record_without_pandas_gives_a_list_of_dicts() -> None:
    isr, errors = isr_column(["Awful"], None, None, errors="record")
    assert isr == [None]
    assert [(e["row"], e["code"], e["field"]) for e in errors] == [(0, "unknown_value", "harm")]
    assert set(errors[0]) == {"row", "code", "field", "message", "allowed"}


def test_record_with_no_error_gives_an_empty_error_table() -> None:
    _, errors = isr_column(pd.Series(["Minor"]), None, None, errors="record")
    assert errors.empty
    assert list(errors.columns) == ["row", "code", "field", "message", "allowed"]


def test_unhashable_cells_are_answered_row_by_row() -> None:
    isr, errors = isr_column([["Minor"], "Minor"], None, None, errors="record")
    assert isr[1] is not None
    assert isr[0] is None
    assert errors[0]["row"] == 0


def test_importing_and_using_analysis_never_imports_pandas_or_numpy() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from casereview import BusinessCalendar\n"
        "from casereview.analysis import due_date_column, findings_records, isr_column\n"
        "isr_column(['Minor'], None, None)\n"
        "due_date_column([date(2024, 1, 1)], 21, calendar=BusinessCalendar.victoria())\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'dask', 'matplotlib') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_raise_stops_at_the_first_bad_row_of_a_huge_column() -> None:
    # Ten million rows that all fail: "raise" refuses on the first, without reading the rest.
    with pytest.raises(RowError, match=r"^row 0: harm: 0 is not an allowed value"):
        isr_column(range(10**7), None, None)
    with pytest.raises(RowError, match=r"^row 0: days:"):
        due_date_column(range(10**7), 21, calendar=VIC)
    with pytest.raises(CaseReviewError, match="ids: 100000000 ids for 0 validations"):
        findings_records((), range(10**8))


# Each function's column arguments, with one bad row in the named argument: the error's field
# (and the message's first word) is the caller's argument, never an internal name.
FIELD_CALLS: dict[str, Callable[[Any], Any]] = {
    "endorsed_on": lambda col: case_review_due_column(col),
    "days": lambda col: due_date_column(col, 21, calendar=VIC),
    "pull_months": lambda col: steps_records(col, date(2024, 1, 1)),
    "review_dates": lambda col: period_table(col),
    "month": lambda col: caps_records(["Adams"] * len(col), col),
}


@pytest.mark.parametrize("kind", ["list", "series"])
@pytest.mark.parametrize("argument", sorted(FIELD_CALLS))
def test_errors_name_the_callers_argument(argument: str, kind: str) -> None:
    values: list[object] = [date(2024, 12, 2), datetime(2024, 12, 2, 9, 30)]
    column: Any = values if kind == "list" else pd.Series(values, index=["a", "b"])
    with pytest.raises(RowError) as info:
        FIELD_CALLS[argument](column)
    assert info.value.field == argument
    assert str(info.value).split(": ")[1] == argument
    # A missing value, where the function refuses it, names the argument too.
    if argument in {"review_dates", "month", "pull_months"}:
        with pytest.raises(RowError, match=f"{argument} is required"):
            FIELD_CALLS[argument]([date(2024, 12, 2), None])


def test_length_errors_name_the_callers_argument() -> None:
    with pytest.raises(CaseReviewError) as info:
        sapse_column(
            incident_type=["Clinical"],
            isr=[1],
            clinical_incident=[True],
            went_as_intended=[False],
            under_duty_of_candour=[True, True],
        )
    assert info.value.field == "under_duty_of_candour"
    with pytest.raises(CaseReviewError) as info:
        sapse_column(
            incident_type=["Clinical"],
            isr=[1],
            clinical_incident=[True],
            went_as_intended=[False],
            under_duty_of_candour=["perhaps"],
        )
    assert info.value.field == "under_duty_of_candour"


@pytest.mark.parametrize("name", ["review_column", "sapse_column"])
def test_a_float_isr_column_is_refused_with_the_int64_hint(name: str) -> None:
    # pandas reads an integer column with a gap as float64: the rule refuses 2.0 (the input
    # policy); the analysis layer says how to read the column instead.
    isr = pd.Series([2.0, float("nan")], index=["a", "b"])
    call: dict[str, Callable[..., Any]] = {
        "review_column": lambda **kw: review_column(isr, **kw),
        "sapse_column": lambda **kw: sapse_column(
            incident_type=["Clinical"] * 2,
            isr=isr,
            clinical_incident=[True] * 2,
            went_as_intended=[False] * 2,
            **kw,
        ),
    }
    with pytest.raises(RowError, match=r"row 'a': isr: 2\.0 is not an allowed value") as info:
        call[name]()
    assert str(info.value).endswith("df['isr'].astype('Int64')")
    assert info.value.field == "isr"
    _, errors = call[name](errors="record")
    assert errors.message.iloc[0].endswith("df['isr'].astype('Int64')")
    assert errors.code.iloc[0] == "unknown_value"
    # Read as Int64, the same column is answered.
    assert call[name](errors="none").isna().all()
    fixed = review_column(isr.astype("Int64"), errors="record")
    assert fixed.result.iloc[0] == "In-depth case review"
    # No hint where a float is not the likely mistake.
    with pytest.raises(RowError) as other:
        review_column(["ISR 9"])
    assert "Int64" not in str(other.value)
