from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview import BusinessCalendar, CaseReviewError, Severity, Validation
from casereview.analysis import due_date_column, findings_records, isr_column
from casereview.findings import Citation, Rule
from casereview.vhims import HarmDuration, HarmLevel, Isr, TreatmentLevel, derive_isr

VIC = BusinessCalendar.victoria()
NAN = float("nan")

elements = st.tuples(
    st.sampled_from(list(HarmLevel)),
    st.sampled_from([*HarmDuration, None]),
    st.sampled_from([*TreatmentLevel, None]),
)


def _one(h: object, d: object, t: object) -> Isr | None:
    try:
        return derive_isr(h, d, t).isr  # type: ignore[arg-type]
    except CaseReviewError:
        return None


@given(st.lists(elements, max_size=30))
def test_isr_column_agrees_with_derive_isr_row_by_row(rows: list[tuple[object, ...]]) -> None:
    harm, duration, treatment = (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [])
    assert isr_column(harm, duration, treatment, errors="none") == [_one(*r) for r in rows]


def test_missing_values_in_data_frame_style() -> None:
    assert isr_column(["No harm", NAN, " "], [NAN, None, None], ["", NAN, None], errors="none") == [
        Isr.NO_HARM,
        None,
        None,
    ]


def test_errors_name_the_row_and_element() -> None:
    with pytest.raises(CaseReviewError, match="row 1: duration is required") as info:
        isr_column(["Minor", "Severe"], [None, None], [None, None])
    assert info.value.field == "duration"
    with pytest.raises(CaseReviewError, match=r"row 0: harm: 'Awful' is not an allowed value"):
        isr_column(["Awful"], [None], [None])


def test_unknown_labels_become_none_when_asked() -> None:
    assert isr_column(["Awful", "Minor"], [None, None], [None, None], errors="none") == [
        None,
        Isr.MINOR,
    ]


def test_columns_must_be_equally_long() -> None:
    with pytest.raises(CaseReviewError, match="treatment: the columns differ in length") as info:
        isr_column(["Minor", "Minor"], [None, None], [None])
    assert info.value.field == "treatment"


def test_errors_mode_is_checked() -> None:
    with pytest.raises(CaseReviewError, match="errors: 'ignore' is not an allowed value"):
        isr_column([], [], [], errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(CaseReviewError, match="errors: 'ignore'"):
        due_date_column([], 21, calendar=VIC, errors="ignore")  # type: ignore[arg-type]


def test_due_date_column() -> None:
    days = [date(2024, 10, 28), None, NAN, datetime(2024, 12, 2)]
    assert due_date_column(days, 21, calendar=VIC) == [
        date(2024, 11, 27),
        None,
        None,
        date(2025, 1, 3),
    ]


@pytest.mark.parametrize(
    "bad",
    [datetime(2024, 12, 2, 9, 30), datetime(2024, 12, 2, tzinfo=UTC), "2024-12-02", 3],
)
def test_due_date_column_refuses_what_is_not_a_calendar_day(bad: object) -> None:
    with pytest.raises(CaseReviewError, match="row 1: days:") as info:
        due_date_column([date(2024, 12, 2), bad], 21, calendar=VIC)
    assert info.value.field == "days"
    assert due_date_column([bad], 21, calendar=VIC, errors="none") == [None]


@pytest.mark.parametrize("n", [0, -3, 2.5, True])
def test_due_date_column_refuses_a_bad_count_even_when_errors_are_none(n: object) -> None:
    with pytest.raises(CaseReviewError, match="business_days: expected a whole number"):
        due_date_column([date(2024, 1, 1)], n, calendar=VIC, errors="none")  # type: ignore[arg-type]


def test_out_of_range_rows() -> None:
    assert due_date_column([date(2075, 1, 1)], 21, calendar=VIC, errors="none") == [None]
    with pytest.raises(CaseReviewError, match="row 0: d: 2075-01-01 is outside the years"):
        due_date_column([date(2075, 1, 1)], 21, calendar=VIC)


def test_findings_records_flatten_validations() -> None:
    rule = Rule(
        id="core.example",
        title="Example",
        citation=Citation(source="cims-case-review-tip-sheet", section="Content of a Case Review"),
    )
    validations = [
        Validation(findings=(rule.finding("No date.", field="review_date"),)),
        Validation(),
        Validation(findings=(rule.finding("Hm.", severity=Severity.WARNING),)),
    ]
    records = findings_records(validations, ids=["A", "B", "C"])
    assert [(r["id"], r["field"], r["severity"]) for r in records] == [
        ("A", "review_date", "error"),
        ("C", None, "warning"),
    ]
    assert records[0]["source"] == "cims-case-review-tip-sheet"
    assert records[0]["provenance"] == "stated"
    assert [r["id"] for r in findings_records(validations)] == [0, 2]
    with pytest.raises(CaseReviewError, match="ids: 2 ids for 3 validations"):
        findings_records(validations, ids=["A", "B"])
