"""ISR per row: agreement with derive_isr, missing values, index, ordering, provenance columns."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview import CaseReviewError
from casereview.analysis import ISR_CATEGORIES, RowError, isr_column, isr_table
from casereview.vhims import HarmDuration, HarmLevel, Isr, LogicMap, TreatmentLevel, derive_isr

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

MISSING: list[Any] = [None, float("nan"), np.nan, pd.NaT, pd.NA, "", "   "]
MISSING_IDS = ["None", "nan", "np.nan", "NaT", "NA", "empty", "blank"]

labels = st.one_of(
    st.sampled_from([*HarmLevel, *(h.value for h in HarmLevel), " severe ", "Awful"]),
)
elements = st.tuples(
    labels,
    st.sampled_from([*HarmDuration, "permanent", None, float("nan"), ""]),
    st.sampled_from([*TreatmentLevel, "ADVANCED", None, "Wrong"]),
)


def _one(h: object, d: object, t: object) -> Isr | None:
    def clean(v: object) -> Any:
        return None if v is None or v != v or (isinstance(v, str) and not v.strip()) else v

    try:
        return derive_isr(clean(h), clean(d), clean(t)).isr
    except CaseReviewError:
        return None


@given(st.lists(elements, max_size=40))
def test_isr_column_agrees_with_derive_isr_row_by_row(rows: list[tuple[object, ...]]) -> None:
    harm, duration, treatment = (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [])
    expected = [_one(*r) for r in rows]
    assert isr_column(harm, duration, treatment, errors="none") == expected
    # The same through pandas (the vectorised distinct-row path), on a shuffled string index.
    index = [f"r{len(rows) - i}" for i in range(len(rows))]
    series = [pd.Series(c, index=index, dtype=object) for c in (harm, duration, treatment)]
    result = isr_column(*series, errors="none")
    assert list(result.index) == index
    assert [None if pd.isna(v) else Isr(ISR_CATEGORIES.index(v) + 1) for v in result] == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_every_missing_marker_is_missing(missing: object) -> None:
    # Harry: minor harm needs nothing else; Rebecca's path needs all three.
    assert isr_column(["Minor"], [missing], [missing]) == [Isr.MINOR]
    with pytest.raises(RowError, match="row 0: duration is required"):
        isr_column(["Moderate"], [missing], ["Minor"])
    assert isr_column([missing], ["Temporary"], ["Minor"], errors="none") == [None]
    series = pd.Series(["Minor", missing, "No harm"], index=["x", "y", "z"], dtype=object)
    result = isr_column(series, None, None, errors="none")
    assert result.isna().tolist() == [False, True, False]


def test_an_object_column_of_nan_and_a_string_column_with_nan() -> None:
    harm = pd.Series(["Minor", None, "Severe"], dtype="string")  # pd.NA
    duration = pd.Series([np.nan, np.nan, "Permanent"])
    result, errors = isr_column(harm, duration, None, errors="record")
    assert result.tolist()[0] == str(Isr.MINOR)
    assert result.tolist()[2] == str(Isr.SEVERE)
    assert errors[["row", "code", "field"]].values.tolist() == [[1, "missing", "harm"]]


def test_pandas_result_is_an_ordered_categorical_on_the_same_index() -> None:
    index = pd.Index([30, 10, 20], name="incident")
    harm = pd.Series(["No harm", "Death", "Minor"], index=index)
    result = isr_column(harm, None, None)
    assert result.index.equals(index)
    assert result.name == "isr"
    assert isinstance(result.dtype, pd.CategoricalDtype)
    assert result.cat.ordered
    assert list(result.cat.categories) == list(ISR_CATEGORIES)
    assert ISR_CATEGORIES[0] == str(Isr.SEVERE) == "ISR 1 \u2013 Severe"
    # Ordered by severity, not alphabetically: sorting puts ISR 1 first, and ISR 1 < ISR 4.
    assert result.sort_values().tolist() == [str(Isr(1)), str(Isr(3)), str(Isr(4))]
    assert result.loc[10] < result.loc[30]
    # Every category is present in value_counts (a chart shows all four levels, in order).
    assert result.value_counts(sort=False).index.tolist() == list(ISR_CATEGORIES)


def test_plain_input_gives_isr_members() -> None:
    result = isr_column(("Severe",), ("Temporary",), ("Advanced",))
    assert result == [Isr.SEVERE]
    assert type(result[0]) is Isr


def test_numpy_arrays_are_columns() -> None:
    result = isr_column(np.array(["Minor", "No harm"]), np.array([None, None]), None)
    assert result == [Isr.MINOR, Isr.NO_HARM]


def test_isr_table_says_how_sure_each_row_is() -> None:
    harm = pd.Series(["Moderate", "Moderate", "Death", "Awful"], index=list("abcd"))
    duration = pd.Series(["Temporary", "Temporary", None, None], index=list("abcd"))
    treatment = pd.Series(["Intermediate", "Minor", None, None], index=list("abcd"))
    table = isr_table(harm, duration, treatment, errors="none")
    assert list(table.columns) == [
        "isr",
        "confirmed",
        "provenance",
        "rule_id",
        "path",
        "logic_map",
        "logic_map_digest",
    ]
    assert table.index.tolist() == list("abcd")
    # Rebecca (stated), the inferred Moderate -> Temporary -> Minor cell, the inferred Death.
    assert table.confirmed.tolist() == [True, False, False, pd.NA]
    assert table.provenance.astype(object).tolist() == ["stated", "inferred", "inferred", np.nan]
    assert table.rule_id.tolist()[:2] == [
        "vhims.isr.path.moderate-temporary-intermediate",
        "vhims.isr.path.moderate-temporary-minor",
    ]
    assert table.logic_map.tolist()[:3] == ["default"] * 3
    assert (table.provenance == "inferred").sum() == 2
    assert str(table.confirmed.dtype) == "boolean"


def test_isr_table_without_pandas_gives_one_dict_per_row() -> None:
    rows = isr_table(["Minor", "Awful"], None, None, errors="none")
    assert rows[0]["isr"] is Isr.MINOR
    assert rows[0]["provenance"] == "stated"
    assert rows[1] == dict.fromkeys(rows[1])  # every value None for the failed row
    assert len(rows) == 2


def test_a_loaded_logic_map_is_used_and_named() -> None:
    rows = LogicMap.default().to_rows()
    for row in rows:
        if (row["harm"], row["duration"], row["treatment"]) == (
            "Severe",
            "Temporary",
            "Intermediate",
        ):
            row["isr"] = 1
            row["provenance"] = "secondary"
    loaded = LogicMap.from_rows(rows)
    assert isr_column(["Severe"], ["Temporary"], ["Intermediate"]) == [Isr.MODERATE]
    assert isr_column(["Severe"], ["Temporary"], ["Intermediate"], logic_map=loaded) == [Isr.SEVERE]
    table = isr_table(["Severe"], ["Temporary"], ["Intermediate"], logic_map=loaded)
    assert table[0]["provenance"] == "secondary"
    # The map that answered is named, and its digest given (vhims issue 11).
    assert table[0]["logic_map"] == loaded.name != LogicMap.default().name
    assert table[0]["logic_map_digest"] == loaded.digest != LogicMap.default().digest
    default_row = isr_table(["Minor"], None, None)[0]
    assert (default_row["logic_map"], default_row["logic_map_digest"]) == (
        "default",
        LogicMap.default().digest,
    )
    with pytest.raises(CaseReviewError, match="logic_map: expected a LogicMap"):
        isr_column(["Minor"], None, None, logic_map="default")  # type: ignore[arg-type]


def test_many_distinct_rows_are_still_answered_in_order() -> None:
    harm = ["Minor", "Awful", "No harm"] * 1000
    result = isr_column(harm, None, None, errors="none")
    assert result[:3] == [Isr.MINOR, None, Isr.NO_HARM]
    assert len(result) == 3000
