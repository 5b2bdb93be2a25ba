"""Policy what-if on small hand-checked datasets: every changed row is explained below."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview import BusinessCalendar, CaseReviewError
from casereview.analysis import (
    RowError,
    compare_calendars,
    compare_follow_up_rulesets,
    compare_logic_maps,
    due_date_column,
    isr_column,
    isr_table,
    review_column,
)
from casereview.cims import required_follow_up
from casereview.vhims import LogicMap

pd = pytest.importorskip("pandas")

CUP_2024 = date(2024, 11, 5)
VIC = BusinessCalendar.victoria()
NO_CUP = BusinessCalendar.victoria(remove=[CUP_2024])


# --------------------------------------------------------------------------- calendars

DAYS = [
    date(2024, 10, 28),  # 0: 21 business days span Cup Day: 27 Nov with it, 26 Nov without
    date(2024, 12, 2),  # 1: after Cup Day: 3 Jan 2025 on both
    CUP_2024,  # 2: Cup Day itself is never counted (the day of endorsement is not): same
    date(2024, 10, 1),  # 3: due 30 Oct, before Cup Day: same
    date(2024, 10, 8),  # 4: spans Cup Day: 7 Nov with it, 6 Nov without
    None,  # 5: missing on both sides: no change, no failure
    date(2024, 10, 4),  # 6: due 4 Nov, the day before Cup Day: same
]


def test_due_dates_under_two_calendars() -> None:
    result = compare_calendars(DAYS, business_days=21, before=VIC, after=NO_CUP)
    assert (result.total, result.changed, result.failed) == (7, 2, 0)
    assert result.rows == [
        {
            "row": 0,
            "day": date(2024, 10, 28),
            "before": date(2024, 11, 27),
            "after": date(2024, 11, 26),
            "shift": -1,
        },
        {
            "row": 4,
            "day": date(2024, 10, 8),
            "before": date(2024, 11, 7),
            "after": date(2024, 11, 6),
            "shift": -1,
        },
    ]
    assert result.counts == [{"shift": -1, "rows": 2}]


def test_due_dates_under_two_calendars_in_pandas_keep_the_labels() -> None:
    series = pd.Series(pd.to_datetime(DAYS), index=[f"E{i}" for i in range(7)])
    result = compare_calendars(series, business_days=21, before=VIC, after=NO_CUP)
    assert result.rows.row.tolist() == ["E0", "E4"]
    assert result.counts.to_dict(orient="records") == [{"shift": -1, "rows": 2}]
    assert (result.total, result.changed, result.failed, result.missing) == (7, 2, 0, 1)


@pytest.mark.parametrize("missing", [None, float("nan"), "", "pd.NaT"])
def test_a_missing_day_is_counted_as_missing_not_failed(missing: object) -> None:
    # The new-user report: NaT days were neither changed nor failed, so the counts did not add
    # up. They are `missing`: no due date under either calendar, as in due_date_column.
    value = pd.NaT if missing == "pd.NaT" else missing
    days = [date(2024, 10, 28), value, date(2075, 1, 1), date(2024, 12, 2)]
    result, errors = compare_calendars(
        days, business_days=21, before=VIC, after=NO_CUP, errors="record"
    )
    assert (result.total, result.changed, result.failed, result.missing) == (4, 1, 1, 1)
    assert [e["row"] for e in errors] == [2]
    frame, _ = compare_calendars(
        pd.Series(days, dtype=object), business_days=21, before=VIC, after=NO_CUP, errors="record"
    )
    assert (frame.changed, frame.failed, frame.missing) == (1, 1, 1)


def test_comparison_rows_are_lists_for_lists_and_frames_for_pandas() -> None:
    listed = compare_calendars(DAYS, business_days=21, before=VIC, after=NO_CUP)
    assert isinstance(listed.rows, list)
    assert isinstance(listed.counts, list)
    assert listed.rows[0]["after"] == date(2024, 11, 26)
    framed = compare_calendars(pd.Series(DAYS), business_days=21, before=VIC, after=NO_CUP)
    assert isinstance(framed.rows, pd.DataFrame)
    assert isinstance(framed.counts, pd.DataFrame)
    assert framed.rows.columns.tolist() == list(listed.rows[0])
    assert framed.counts.columns.tolist() == list(listed.counts[0])
    assert framed.rows.iloc[0]["after"] == date(2024, 11, 26)
    empty = compare_calendars(pd.Series(DAYS[1:2]), business_days=21, before=VIC, after=NO_CUP)
    assert empty.rows.columns.tolist() == list(listed.rows[0])


def test_calendar_comparison_errors() -> None:
    days = [date(2024, 10, 28), date(2075, 1, 1)]
    with pytest.raises(RowError, match="row 1: days: 2075-01-01 is outside"):
        compare_calendars(days, business_days=21, before=VIC, after=NO_CUP)
    result, errors = compare_calendars(
        days, business_days=21, before=VIC, after=NO_CUP, errors="record"
    )
    assert (result.changed, result.failed) == (1, 1)
    assert [e["row"] for e in errors] == [1]
    with pytest.raises(CaseReviewError, match="after: expected a BusinessCalendar"):
        compare_calendars(days, business_days=21, before=VIC, after=None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- logic maps


def _loaded_map() -> LogicMap:
    """The default map with one inferred cell re-rated by a (hypothetical) health service:
    Severe -> Temporary -> Intermediate gives ISR 1 instead of 2 (still monotone)."""
    rows = LogicMap.default().to_rows()
    for row in rows:
        if (row["harm"], row["duration"], row["treatment"]) == (
            "Severe",
            "Temporary",
            "Intermediate",
        ):
            row["isr"] = 1
            row["provenance"] = "secondary"
    return LogicMap.from_rows(rows)


HARM = ["Severe", "Severe", "Severe", "Moderate", "Minor", "Awful"]
DURATION = ["Temporary", "Temporary", "Temporary", "Temporary", None, None]
TREATMENT = ["Intermediate", "Intermediate", "Intermediate", "Intermediate", None, None]
ISSUES = ["No", "Yes", None, None, None, None]
# 0: ISR 2 -> 1; no system issues, so in-depth case review either way.
# 1: ISR 2 -> 1; system issues contributed: in-depth case review -> root cause analysis.
# 2: ISR 2 -> 1; system issues unknown: the ISR 1 review level is undetermined (None).
# 3: Moderate -> Temporary -> Intermediate (Case: Rebecca) is ISR 2 on both maps: no change.
# 4: Minor (Case: Harry) is ISR 3 on both: no change.
# 5: an unknown label fails on both maps: counted as failed, not changed.


def test_isrs_under_the_default_and_a_loaded_logic_map() -> None:
    result, errors = compare_logic_maps(
        HARM,
        DURATION,
        TREATMENT,
        after=_loaded_map(),
        system_or_process_issues=ISSUES,
        errors="record",
    )
    assert (result.total, result.changed, result.failed) == (6, 3, 1)
    assert [
        (r["row"], r["before"], r["after"], r["review_before"], r["review_after"])
        for r in result.rows
    ] == [
        (0, 2, 1, "In-depth case review", "In-depth case review"),
        (1, 2, 1, "In-depth case review", "Root cause analysis"),
        (2, 2, 1, "In-depth case review", None),
    ]
    assert {r["provenance_after"] for r in result.rows} == {"secondary"}
    assert {r["path"] for r in result.rows} == {"Severe → Temporary → Intermediate"}
    assert sorted((c["review_after"] or "", c["rows"]) for c in result.counts) == [
        ("", 1),
        ("In-depth case review", 1),
        ("Root cause analysis", 1),
    ]
    assert [(e["row"], e["code"]) for e in errors] == [(5, "unknown_value")]
    with pytest.raises(RowError, match="row 5: harm: 'Awful'"):
        compare_logic_maps(HARM, DURATION, TREATMENT, after=_loaded_map())


def test_a_bad_flag_is_that_rows_failure() -> None:
    result, errors = compare_logic_maps(
        HARM[:2],
        DURATION[:2],
        TREATMENT[:2],
        after=_loaded_map(),
        system_or_process_issues=["maybe", "Yes"],
        errors="record",
    )
    assert (result.changed, result.failed) == (1, 1)
    assert [(e["row"], e["field"]) for e in errors] == [(0, "system_or_process_issues")]
    with pytest.raises(RowError, match="row 0: system_or_process_issues"):
        compare_logic_maps(
            HARM[:2],
            DURATION[:2],
            TREATMENT[:2],
            after=_loaded_map(),
            sentinel_event=[False, False],
            system_or_process_issues=["maybe", "Yes"],
        )


def test_a_missing_sentinel_event_is_not_read_as_false() -> None:
    # The new-user report: ISR 2, sentinel_event missing, no system issues. review_column
    # refuses the row; the comparison must not call it an in-depth case review (a sentinel
    # event needs a root cause analysis).
    sentinel = [True, None, False]
    harm, duration, treatment = HARM[:3], DURATION[:3], TREATMENT[:3]
    issues = ["No", "No", "No"]
    _, review_errors = review_column([2, 2, 2], sentinel_event=sentinel, errors="record")
    result, errors = compare_logic_maps(
        harm,
        duration,
        treatment,
        after=_loaded_map(),
        sentinel_event=sentinel,
        system_or_process_issues=issues,
        errors="record",
    )
    assert [(e["row"], e["code"], e["field"]) for e in errors] == [
        (e["row"], e["code"], e["field"]) for e in review_errors
    ]
    assert [(e["row"], e["code"], e["field"]) for e in errors] == [(1, "missing", "sentinel_event")]
    assert (result.changed, result.failed) == (2, 1)
    assert [(r["row"], r["review_before"], r["review_after"]) for r in result.rows] == [
        (0, "Root cause analysis", "Root cause analysis"),
        (2, "In-depth case review", "In-depth case review"),
    ]
    with pytest.raises(RowError, match="row 1: sentinel_event is required"):
        compare_logic_maps(harm, duration, treatment, after=_loaded_map(), sentinel_event=sentinel)
    # Not given at all: no row is a sentinel event (as review_column).
    assert compare_logic_maps(harm, duration, treatment, after=_loaded_map()).failed == 0


def test_paths_are_canonical_labels() -> None:
    # The new-user report: one changed cell spelled three ways gave three paths.
    harm = ["Severe", "SEVERE", "  severe  "]
    duration = ["Temporary", " temporary", "TEMPORARY"]
    treatment = ["Intermediate", "intermediate ", "INTERMEDIATE"]
    result = compare_logic_maps(harm, duration, treatment, after=_loaded_map())
    assert result.changed == 3
    assert {r["path"] for r in result.rows} == {"Severe → Temporary → Intermediate"}
    table = isr_table(harm, duration, treatment)
    assert {r["path"] for r in table} == {"Severe → Temporary → Intermediate"}


def test_a_map_compared_with_itself_changes_nothing() -> None:
    result = compare_logic_maps(HARM[:5], DURATION[:5], TREATMENT[:5], after=LogicMap.default())
    assert (result.changed, result.rows, result.counts) == (0, [], [])


def test_logic_map_comparison_in_pandas() -> None:
    index = pd.Index([f"INC-{i}" for i in range(6)])
    columns = [pd.Series(c, index=index) for c in (HARM, DURATION, TREATMENT, ISSUES)]
    result = compare_logic_maps(
        *columns[:3], after=_loaded_map(), system_or_process_issues=columns[3], errors="none"
    )
    assert result.rows.row.tolist() == ["INC-0", "INC-1", "INC-2"]
    assert result.counts.rows.sum() == 3
    with pytest.raises(CaseReviewError, match="after: expected a LogicMap"):
        compare_logic_maps(HARM, DURATION, TREATMENT, after="default")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- CIMS rulesets

# 0: neglect: no 2020 trigger (a case review, no systemic factors); 2024 investigates neglect.
# 1: poor quality of care: investigated under 2020, no longer a trigger in 2024: not determined.
# 2: physical abuse by a staff member: investigated under both.
# 3: unexplained injury: investigated under both.
# 4: self-harm: a case review under 2020; 2024's review rules are not held: not determined.
# 5: physical abuse by another person: a case review under 2020, not determined in 2024.
# 6: non-major neglect: no follow-up under 2020; the 2024 rules held say no investigation but
#    not whether a review follows: not determined (with the 2020 opt-in: no follow-up again).
IMPACT = ["Major impact"] * 6 + ["Non-major impact"]
KINDS = [
    "Neglect",
    "Poor quality of care",
    "Physical abuse",
    "Unexplained injury",
    "Self-harm",
    "Physical abuse",
    "Neglect",
]
SUBJECTS = [None, None, "Staff member", None, None, "Other person", None]


def test_cims_2020_vs_2024_on_a_hand_checked_dataset() -> None:
    result = compare_follow_up_rulesets(
        IMPACT, KINDS, subject_of_allegation=SUBJECTS, systemic_factors=[False] * 7
    )
    assert (result.total, result.changed, result.failed) == (7, 5, 0)
    assert [(r["row"], r["before"], r["after"], r["change"]) for r in result.rows] == [
        (0, "Case review", "Incident investigation", "investigation appears"),
        (1, "Incident investigation", "Not determined", "investigation disappears"),
        (4, "Case review", "Not determined", "not determined after"),
        (5, "Case review", "Not determined", "not determined after"),
        (6, "No follow-up required", "Not determined", "not determined after"),
    ]
    assert result.counts == [
        {"incident_type": "Neglect", "change": "investigation appears", "rows": 1},
        {"incident_type": "Neglect", "change": "not determined after", "rows": 1},
        {"incident_type": "Physical abuse", "change": "not determined after", "rows": 1},
        {"incident_type": "Poor quality of care", "change": "investigation disappears", "rows": 1},
        {"incident_type": "Self-harm", "change": "not determined after", "rows": 1},
    ]
    # Opting the 2024 side in to the 2020 review rules leaves only the investigation changes.
    opted = compare_follow_up_rulesets(
        IMPACT,
        KINDS,
        subject_of_allegation=SUBJECTS,
        systemic_factors=[False] * 7,
        apply_2020_rules=True,
    )
    assert [(r["row"], r["after"], r["change"]) for r in opted.rows] == [
        (0, "Incident investigation", "investigation appears"),
        (1, "Case review", "investigation disappears"),
    ]


def test_follow_up_rulesets_agree_with_the_cims_rulebook_row_by_row() -> None:
    impact = ["Major impact"] * 6 + ["Non-major impact"]
    kinds = [
        "Self-harm",
        "Poor quality of care",
        "Physical abuse",
        "Neglect",
        "Death",
        "Unexplained injury",
        "Death",
    ]
    subjects = [None, None, "Staff member", None, None, None, None]
    systemic = [False] * 7
    result = compare_follow_up_rulesets(
        impact, kinds, subject_of_allegation=subjects, systemic_factors=systemic, errors="none"
    )
    expected = []
    for i, row in enumerate(zip(impact, kinds, subjects, systemic, strict=True)):
        sides: list[str | None] = []
        for ruleset in ("cims-2020", "cims-2024"):
            forced: dict[str, Any] = {"ruleset": ruleset}
            try:
                sides.append(
                    required_follow_up(
                        row[0],
                        row[1],
                        subject_of_allegation=row[2],
                        systemic_factors=row[3],
                        **forced,
                    ).follow_up.value
                )
            except CaseReviewError:
                sides.append(None)
        if None not in sides and sides[0] != sides[1]:
            expected.append((i, *sides))
    assert [(r["row"], r["before"], r["after"]) for r in result.rows] == expected


# --------------------------------------------------------------------------- properties

ELEMENT_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["Severe", "Moderate", "Minor", "Death", "Awful", None]),
        st.sampled_from(["Temporary", "Permanent", None]),
        st.sampled_from(["Advanced", "Intermediate", "Minor", None]),
    ),
    max_size=30,
)


@given(ELEMENT_ROWS)
def test_the_changed_rows_are_exactly_where_the_two_maps_answer_differently(
    rows: list[tuple[Any, Any, Any]],
) -> None:
    loaded = _loaded_map()
    harm, duration, treatment = ([r[i] for r in rows] for i in range(3))
    before = isr_column(harm, duration, treatment, errors="none")
    after = isr_column(harm, duration, treatment, logic_map=loaded, errors="none")
    result = compare_logic_maps(harm, duration, treatment, after=loaded, errors="none")
    expected = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if b and a and b != a]
    assert [r["row"] for r in result.rows] == expected
    assert result.failed == sum(b is None or a is None for b, a in zip(before, after, strict=True))
    assert sum(c["rows"] for c in result.counts) == result.changed == len(expected)


@given(st.lists(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 12, 31))), max_size=40))
def test_the_changed_due_dates_are_exactly_where_the_calendars_differ(
    days: list[date | None],
) -> None:
    before = due_date_column(days, 21, calendar=VIC)
    after = due_date_column(days, 21, calendar=NO_CUP)
    result = compare_calendars(days, business_days=21, before=VIC, after=NO_CUP)
    expected = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if b != a]
    assert [r["row"] for r in result.rows] == expected
    assert all(r["shift"] == (r["after"] - r["before"]).days < 0 for r in result.rows)
