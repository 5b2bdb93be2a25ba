"""CIMS follow-up, VHIMS review and SAPSE, Kentucky CQI and findings per row."""

from __future__ import annotations

from datetime import date
from itertools import product
from typing import Any

import pytest

from casereview import CaseReviewError
from casereview.analysis import (
    FINDING_COLUMNS,
    FOLLOW_UP_CATEGORIES,
    REVIEW_CATEGORIES,
    RowError,
    caps_records,
    findings_records,
    follow_up_column,
    follow_up_table,
    isr_column,
    period_table,
    review_column,
    sapse_column,
    steps_records,
    substitution_table,
    validation_records,
)
from casereview.cims import (
    AllegationSubject,
    CaseReviewReport,
    FollowUp,
    Impact,
    IncidentType,
    required_follow_up,
    validate_case_review,
)
from casereview.kentucky_cqi import period_under_review, steps_due, substitution_decision
from casereview.under1roof import validate_review
from casereview.vhims import Isr, ReviewLevel, is_sapse, minimum_review

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

MISSING: list[Any] = [None, float("nan"), np.nan, pd.NaT, pd.NA, "", "   "]
MISSING_IDS = ["None", "nan", "np.nan", "NaT", "NA", "empty", "blank"]

# --------------------------------------------------------------------------- CIMS follow-up

SUBJECTS: list[AllegationSubject | None] = [None, *AllegationSubject]
SYSTEMIC: list[bool | None] = [None, False, True]
COMBINATIONS = list(product(Impact, IncidentType, SUBJECTS, SYSTEMIC))


def _expected(impact: Any, kind: Any, subject: Any, systemic: Any) -> FollowUp | None:
    try:
        return required_follow_up(
            impact, kind, subject_of_allegation=subject, systemic_factors=systemic
        ).follow_up
    except CaseReviewError:
        return None


def test_follow_up_column_agrees_with_required_follow_up_on_every_combination() -> None:
    impact, kind, subject, systemic = (list(c) for c in zip(*COMBINATIONS, strict=True))
    expected = [_expected(*row) for row in COMBINATIONS]
    assert (
        follow_up_column(
            impact, kind, subject_of_allegation=subject, systemic_factors=systemic, errors="none"
        )
        == expected
    )
    # Labels, and flags as Yes/No, through pandas.
    as_labels = [
        pd.Series([None if v is None else getattr(v, "value", v) for v in col], dtype=object)
        for col in (impact, kind, subject)
    ]
    yes_no = pd.Series([None if v is None else ("Yes" if v else "No") for v in systemic])
    result = follow_up_column(
        *as_labels[:2], subject_of_allegation=as_labels[2], systemic_factors=yes_no, errors="none"
    )
    assert isinstance(result.dtype, pd.CategoricalDtype)
    assert list(result.cat.categories) == list(FOLLOW_UP_CATEGORIES)
    assert [None if pd.isna(v) else FollowUp(v) for v in result] == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_follow_up_missing_values(missing: object) -> None:
    with pytest.raises(RowError, match="row 'x': impact") as info:
        follow_up_column(pd.Series([missing], index=["x"]), pd.Series(["Death"], index=["x"]))
    assert info.value.field == "impact"
    # A missing subject or systemic answer is "not known yet", not an error.
    table = follow_up_table(
        ["Major impact"],
        ["Self-harm"],
        subject_of_allegation=[missing],
        systemic_factors=[missing],
    )
    assert table[0]["follow_up"] is required_follow_up("Major impact", "Self-harm").follow_up
    assert table[0]["decided"] is False
    assert table[0]["needs"] == "systemic_factors"


def test_follow_up_table_columns_and_index() -> None:
    index = pd.Index(["A", "B", "C"])
    table = follow_up_table(
        pd.Series(["Major impact", "Major impact", "Non-major impact"], index=index),
        pd.Series(["Physical abuse", "Self-harm", "Death"], index=index),
        subject_of_allegation=pd.Series(["Client", None, None], index=index),
        systemic_factors=pd.Series([None, True, None], index=index),
        submitted_on=pd.Series(pd.to_datetime(["2023-05-01", None, "2024-01-02"]), index=index),
    )
    assert table.index.equals(index)
    assert table.follow_up.astype(object).tolist() == [
        "Incident investigation",
        "Root cause analysis review",
        "No follow-up required",
    ]
    assert table.investigation.tolist() == [True, False, False]
    assert table.decided.tolist() == [True, True, True]
    assert table.ruleset.tolist() == ["cims-2020"] * 3
    assert table.rule_id.tolist()[0] == (
        required_follow_up("Major impact", "Physical abuse", subject_of_allegation="Client").rule_id
    )
    assert table.provenance.tolist()[0] in {"stated", "secondary", "inferred"}


def test_follow_up_the_submission_day_selects_the_ruleset_row_by_row() -> None:
    table, errors = follow_up_table(
        ["Major impact"] * 3,
        ["Death", "Death", "Death"],
        submitted_on=["2023-01-01", "2025-01-06", "2017-06-01"],
        systemic_factors=[False, False, False],
        errors="record",
    )
    assert [row["ruleset"] for row in table] == ["cims-2020", "cims-2024", None]
    assert table[0]["follow_up"] is FollowUp.CASE_REVIEW
    assert table[1]["decided"] is False  # the 2024 review rules are not held
    # 2017: before the implemented regimes; the row names the field.
    assert [(e["row"], e["field"]) for e in errors] == [(2, "submitted_on")]
    result = follow_up_column(
        ["Major impact"], ["Death"], submitted_on=["2023-01-01"], systemic_factors=[False]
    )
    assert result[0] is FollowUp.CASE_REVIEW


# --------------------------------------------------------------------------- VHIMS review


def test_review_column_agrees_with_minimum_review_on_every_combination() -> None:
    rows = list(product(Isr, [None, False, True], [None, False, True]))
    expected: list[ReviewLevel | None] = []
    for isr, sentinel, issues in rows:
        try:
            expected.append(
                minimum_review(isr, sentinel_event=bool(sentinel), system_or_process_issues=issues)
            )
        except CaseReviewError:
            expected.append(None)
    isr_col, sentinel_col, issues_col = (list(c) for c in zip(*rows, strict=True))
    sentinel_col = [False if s is None else s for s in sentinel_col]
    assert (
        review_column(
            isr_col,
            sentinel_event=sentinel_col,
            system_or_process_issues=issues_col,
            errors="none",
        )
        == expected
    )


def test_review_column_reads_the_isr_column_and_orders_levels() -> None:
    index = pd.Index(["a", "b", "c"])
    isr = isr_column(
        pd.Series(["Minor", "Moderate", "Death"], index=index),
        pd.Series([None, "Temporary", None], index=index),
        pd.Series([None, "Intermediate", None], index=index),
    )
    review = review_column(
        isr, system_or_process_issues=pd.Series([None, None, "Yes"], index=index)
    )
    assert review.index.equals(index)
    assert review.cat.ordered
    assert list(review.cat.categories) == list(REVIEW_CATEGORIES)
    assert review.astype(object).tolist() == [
        ReviewLevel.AGGREGATE_REVIEW.value,
        ReviewLevel.IN_DEPTH_CASE_REVIEW.value,
        ReviewLevel.ROOT_CAUSE_ANALYSIS.value,
    ]
    assert review.sort_values().index.tolist() == ["c", "b", "a"]  # most thorough first


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_review_missing_values(missing: object) -> None:
    result, errors = review_column(
        [missing, 1, 1], system_or_process_issues=[None, missing, True], errors="record"
    )
    assert result == [None, None, ReviewLevel.ROOT_CAUSE_ANALYSIS]
    assert [(e["row"], e["field"], e["code"]) for e in errors] == [
        (0, "isr", "missing"),
        (1, "system_or_process_issues", "missing"),
    ]
    with pytest.raises(RowError, match="row 0: sentinel_event is required"):
        review_column([3], sentinel_event=[missing])


# --------------------------------------------------------------------------- SAPSE


def test_sapse_column_agrees_with_is_sapse_on_every_combination() -> None:
    rows = list(
        product(["Clinical", "Non-clinical"], Isr, [True, False], [True, False], [True, False])
    )
    expected = [
        is_sapse(
            incident_type=t,
            isr=i,
            clinical_incident=c,
            went_as_intended=w,
            under_duty_of_candour=d,
        )
        for t, i, c, w, d in rows
    ]
    cols = [list(c) for c in zip(*rows, strict=True)]
    result = sapse_column(
        incident_type=cols[0],
        isr=cols[1],
        clinical_incident=["Yes" if v else "No" for v in cols[2]],
        went_as_intended=np.array(cols[3]),
        under_duty_of_candour=cols[4],
    )
    assert result == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_sapse_missing_values(missing: object) -> None:
    index = pd.Index(["ok", "bad"])
    result, errors = sapse_column(
        incident_type=pd.Series(["Clinical", "Clinical"], index=index),
        isr=pd.Series([2, 2], index=index),
        clinical_incident=pd.Series([True, True], index=index),
        went_as_intended=pd.Series([False, missing], index=index, dtype=object),
        errors="record",
    )
    assert str(result.dtype) == "boolean"
    assert result.index.equals(index)
    assert result["ok"] is np.True_ or result["ok"] == True  # noqa: E712
    assert pd.isna(result["bad"])
    assert errors[["row", "field", "code"]].values.tolist() == [
        ["bad", "went_as_intended", "missing"]
    ]
    with pytest.raises(RowError, match="row 0: incident_type is required"):
        sapse_column(incident_type=[missing], isr=[1], clinical_incident=[1], went_as_intended=[0])


# --------------------------------------------------------------------------- Kentucky CQI


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_period_table(missing: object) -> None:
    days = [date(2024, 2, 29), missing, "2024-12-09"]
    rows = period_table(days, errors="none")
    assert rows[0] == {"start": date(2023, 2, 28), "end": date(2024, 2, 29)}
    assert rows[1] == {"start": None, "end": None}
    assert rows[2]["start"] == period_under_review(date(2024, 12, 9)).start
    frame, errors = period_table(
        pd.Series(days, index=["a", "b", "c"], dtype=object), errors="record"
    )
    assert str(frame.start.dtype) == "datetime64[ns]"
    assert frame.index.tolist() == ["a", "b", "c"]
    assert errors.row.tolist() == ["b"]


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_caps_records(missing: object) -> None:
    fsos = ["Adams"] * 5 + ["Baker"] * 4 + ["Cole", missing]
    month = ["2024-03-04"] * 9 + ["2024-04-01", "2024-04-01"]
    records, errors = caps_records(fsos, month, errors="record")
    assert [
        (r["year"], r["month"], r["fsos"], r["reviews"], r["status"], r["severity"])
        for r in records
    ] == [
        (2024, 3, "Adams", 5, "over", "error"),
        (2024, 3, "Baker", 4, "at", None),
        (2024, 4, "Cole", 1, "under", "warning"),
    ]
    assert [(e["row"], e["field"]) for e in errors] == [(10, "fsos")]
    with pytest.raises(RowError, match="row 10: fsos is required"):
        caps_records(fsos, month)


def test_caps_records_regional() -> None:
    frame = caps_records(
        pd.Series([f"F{i % 5}" for i in range(19)]),
        pd.Series(pd.to_datetime(["2024-05-10"] * 19)),
        region=pd.Series(["Salt River"] * 19),
    )
    regional = frame[frame.level == "regional"]
    assert regional[["name", "reviews", "cap", "status"]].values.tolist() == [
        ["Salt River", 19, 18, "over"]
    ]
    assert regional.code.tolist() == ["kentucky_cqi.caps.regional"]


@pytest.mark.parametrize("mode", ["none", "record"])
@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_a_missing_region_still_counts_for_its_fsos(missing: object, mode: str) -> None:
    # The new-user report: five March reviews for Adams, one without a region. Adams is over
    # the cap whether or not the region column is given; only the regional count lacks it.
    fsos, month = ["Adams"] * 5, ["2024-03-04"] * 5
    without = caps_records(fsos, month)
    result = caps_records(fsos, month, region=["R1", missing, "R1", "R1", "R1"], errors=mode)  # type: ignore[arg-type]
    records, errors = result if mode == "record" else (result, None)
    first = [(r["fsos"], r["reviews"], r["status"]) for r in records if r["level"] == "first_level"]
    assert first == [(r["fsos"], r["reviews"], r["status"]) for r in without]
    assert first == [("Adams", 5, "over")]
    regional = [(r["name"], r["reviews"]) for r in records if r["level"] == "regional"]
    assert regional == [("R1", 4)]
    if errors is not None:
        assert [(e["row"], e["code"], e["field"], e["message"]) for e in errors] == [
            (1, "missing", "region", "region is required: each review is counted for its region")
        ]
    with pytest.raises(RowError, match="row 1: region is required"):
        caps_records(fsos, month, region=["R1", missing, "R1", "R1", "R1"])


def test_a_missing_month_is_reported_once() -> None:
    _, errors = caps_records(
        ["Adams", "Adams"], ["2024-03-04", None], region=[None, "R1"], errors="record"
    )
    assert [(e["row"], e["field"]) for e in errors] == [(0, "region"), (1, "month")]


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_steps_records(missing: object) -> None:
    records, errors = steps_records(
        ["2024-01-15", missing, date(2024, 1, 2)], date(2024, 1, 12), errors="record"
    )
    status = steps_due(2024, 1, date(2024, 1, 12))
    assert [r["field"] for r in records if r["status"] == "overdue"] == [
        s.field for s in status.overdue
    ]
    assert [r["field"] for r in records if r["status"] == "due"] == [s.field for s in status.due]
    assert len(records) == len(status.due + status.overdue + status.passed + status.upcoming)
    assert [e["row"] for e in errors] == [1]


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_substitution_table(missing: object) -> None:
    frame = pd.DataFrame(
        {
            "reason": ["Sealed", "Incomplete investigation given a legitimate extension"]
            + ["Sealed"] * 2,
            "requested_on": [date(2024, 3, 8), date(2024, 3, 8), date(2024, 3, 13), missing],
            "pull_year": [2024, 2024, 2024, 2024],
            "pull_month": [3, 3, 3, 3],
            "investigation_has_extension": [missing, missing, missing, missing],
        },
        index=["S-1", "S-2", "S-3", "S-4"],
    )
    table, errors = substitution_table(frame, errors="record")
    assert table.index.tolist() == ["S-1", "S-2", "S-3", "S-4"]
    assert str(table.eligible.dtype) == "boolean"
    assert str(table.deadline.dtype) == "datetime64[ns]"
    # S-1: sealed, on time. S-2: an extension not recorded refuses (never a guess). S-3: after
    # the 12th. S-4: no request date: the request cannot be read (an error row).
    assert table.eligible.tolist()[:3] == [True, False, False]
    assert pd.isna(table.eligible["S-4"])
    for label in ("S-2", "S-3"):
        row = frame.loc[label].to_dict()
        row = {k: v for k, v in row.items() if not pd.isna(v)}
        expected = ", ".join(f.code for f in substitution_decision(row).errors)
        assert table.refused_by[label] == expected
    assert table.refused_by["S-1"] is None
    assert errors.row.tolist() == ["S-4"]
    with pytest.raises(RowError, match="row 'S-4'"):
        substitution_table(frame)
    rows = substitution_table(frame.iloc[:1].to_dict(orient="records"), ids=["only"])
    assert rows == [{"eligible": True, "deadline": date(2024, 3, 12), "refused_by": None}]


# --------------------------------------------------------------------------- findings


def test_findings_records_flatten_validations() -> None:
    validations = [validate_case_review(CaseReviewReport()), validate_case_review({})]
    records = findings_records(validations, ids=["A", "B"])
    assert {r["id"] for r in records} == {"A", "B"}
    assert set(records[0]) == set(FINDING_COLUMNS)
    assert records[0]["provenance"] in {"stated", "secondary", "inferred"}
    with pytest.raises(CaseReviewError, match="ids: 1 ids for 2 validations"):
        findings_records(validations, ids=["A"])
    with pytest.raises(CaseReviewError, match="validations"):
        findings_records(validations[0])  # type: ignore[arg-type]


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_validation_records_over_a_data_frame(missing: object) -> None:
    frame = pd.DataFrame(
        {
            "incident_summary": ["A fall.", missing, "x"],
            "reviewer_name": ["R. Lee", "S. Tan", missing],
            "endorsed_on": [date(2024, 1, 2), missing, "not a date"],
        },
        index=["R-1", "R-2", "R-3"],
    )
    records, errors = validation_records(validate_case_review, frame, errors="record")
    assert list(records.columns) == list(FINDING_COLUMNS)
    assert set(records.id) == {"R-1", "R-2"}
    # R-2's missing summary is a finding (a draft), not an error; R-3's bad date is an error.
    assert "incident_summary" in set(records[records.id == "R-2"].field)
    assert "incident_summary" not in set(records[records.id == "R-1"].field)
    assert errors.row.tolist() == ["R-3"]
    assert errors.field.tolist() == ["endorsed_on"]
    with pytest.raises(RowError, match="row 'R-3'"):
        validation_records(validate_case_review, frame)


def test_validation_records_for_under_1_roof_records() -> None:
    records = validation_records(
        validate_review, [{}, {"other_trigger": "Audit"}], ids=["U1", "U2"]
    )
    assert {r["id"] for r in records} == {"U1", "U2"}
    assert "under1roof.trigger.recorded" in {r["code"] for r in records if r["id"] == "U1"}
    assert "under1roof.trigger.recorded" not in {r["code"] for r in records if r["id"] == "U2"}
    with pytest.raises(CaseReviewError, match="records: expected a list"):
        validation_records(validate_review, "records")


def test_follow_up_table_leaves_an_unknown_investigation_missing_not_false() -> None:
    # A volunteer's alleged abuse under cims-2024: the rules held do not say whether an
    # investigation is required, so the column is missing there, never False.
    table = follow_up_table(
        ["Major impact", "Major impact"],
        ["Physical abuse", "Physical abuse"],
        subject_of_allegation=["Volunteer", "Staff member"],
        submitted_on=[date(2025, 3, 3), date(2025, 3, 3)],
    )
    assert [row["investigation"] for row in table] == [None, True]


def test_the_follow_up_categorical_is_unordered_in_the_rulebooks_order() -> None:
    # Documented choice: no follow-up ranks above another in the CIMS guidance.
    column = follow_up_column(pd.Series(["Major impact"]), pd.Series(["Death"]))
    assert column.cat.ordered is False
    assert tuple(column.cat.categories) == FOLLOW_UP_CATEGORIES == tuple(f.value for f in FollowUp)
