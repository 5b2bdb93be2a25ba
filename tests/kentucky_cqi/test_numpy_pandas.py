"""numpy and pandas inputs: counts, Series, DataFrames (the package never imports either)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from casereview.kentucky_cqi import Pull, check_caps, monthly_schedule, pull_status, steps_due
from tests.kentucky_cqi import month_data as m

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")


def test_check_caps_takes_numpy_integers() -> None:
    result = check_caps(first_level={"Adams": np.int64(5), "Baker": np.int32(4)})
    assert [(f.field, f.code) for f in result.findings] == [
        ("first_level['Adams']", "kentucky_cqi.caps.first-level")
    ]
    assert check_caps(regional={"Salt River": np.uint8(18)}).ok


def test_check_caps_takes_a_series_of_counts_and_series_of_cases() -> None:
    frame = pd.DataFrame({"fsos": ["A"] * 5 + ["B"] * 3, "case": [f"C{i}" for i in range(8)]})
    counts = frame.groupby("fsos").size()
    assert [f.code for f in check_caps(first_level=counts).findings] == [
        "kentucky_cqi.caps.first-level",
        "kentucky_cqi.caps.first-level-four",
    ]
    cases = frame.groupby("fsos")["case"].apply(list)
    assert check_caps(first_level=cases).findings == check_caps(first_level=counts).findings
    as_series = {"A": frame["case"][:5], "B": np.array(["X1", "X2", "X3", "X4"])}
    assert [f.field for f in check_caps(first_level=as_series).findings] == ["first_level['A']"]


def test_check_caps_still_refuses_what_is_not_a_count() -> None:
    from casereview import CaseReviewError

    for bad in (np.float64(4.5), np.bool_(True), -1):
        with pytest.raises(CaseReviewError, match=r"^first_level\['A'\]: "):
            check_caps(first_level={"A": bad})
    with pytest.raises(CaseReviewError, match=r"^first_level\['A'\]: "):
        check_caps(first_level=pd.Series({"A": float("nan")}))


def test_a_pull_from_a_dataframe_is_the_pull_from_its_rows() -> None:
    rows = m.rows()
    frame = pd.DataFrame(rows)
    for column in ("first_level_completed_on", "regional_completed_on"):
        frame[column] = pd.to_datetime(frame[column])  # Timestamps, NaT for missing
    frame["case_number"] = frame["case_number"].astype(object)
    from_frame = Pull.from_rows(
        2026, 1, frame, vacancies=m.VACANCIES, substitutions=pd.DataFrame(m.SUBSTITUTIONS)
    )
    from_rows = Pull.from_rows(2026, 1, rows, vacancies=m.VACANCIES, substitutions=m.SUBSTITUTIONS)
    assert from_frame == from_rows
    on = date(2026, 1, 26)
    assert pull_status(from_frame, on) == pull_status(from_rows, on)


def test_numeric_case_numbers_and_numpy_years() -> None:
    frame = pd.DataFrame(
        {
            "case_number": [1001, 1002],
            "fsos": ["A", "A"],
            "flagged_for_regional_review": ["Yes", "No"],
        }
    )
    pull = Pull.from_rows(np.int64(2026), np.int64(1), frame)
    assert [r.case_number for r in pull.rows] == ["1001", "1002"]
    assert [r.flagged_for_regional_review for r in pull.rows] == [True, False]
    assert monthly_schedule(np.int64(2026), np.int8(1)) == monthly_schedule(2026, 1)
    assert steps_due(np.int64(2026), np.int64(1), "2026-01-12").due


def test_the_package_does_not_import_pandas_or_numpy() -> None:
    code = (
        "import sys, casereview.kentucky_cqi as k; "
        "print('pandas' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
