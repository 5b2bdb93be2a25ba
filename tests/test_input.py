"""The input policy (casereview._input): one answer per kind of value, everywhere."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview._input import (
    MAX_ITEMS,
    choice,
    day,
    flag,
    is_missing,
    items,
    option,
    optional_flag,
    text,
    whole,
)
from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError, shown


@given(st.integers(min_value=-(10**6000), max_value=10**6000))
def test_shown_never_fails_on_any_int_and_stays_short(n: int) -> None:
    assert len(shown(n)) <= 80


def test_shown_counts_digits_of_huge_ints() -> None:
    assert shown(10**5000) == "<int of 5001 digits>"
    assert shown(-(10**5000) + 1) == "<int of 5000 digits>"
    assert shown(10**40 - 1) == repr(10**40 - 1)


def test_shown_survives_a_hostile_repr() -> None:
    class Hostile:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    assert shown(Hostile()) == "<Hostile>"
    assert shown([10**5000]) == "<list>"


@pytest.mark.parametrize("value", [None, "", "   ", "\t\n", float("nan")])
def test_missing_values(value: object) -> None:
    assert is_missing(value)


@pytest.mark.parametrize("value", [0, 0.0, False, "0", "x", (), date(2024, 1, 1)])
def test_present_values(value: object) -> None:
    assert not is_missing(value)


def test_pandas_and_numpy_missing_values_without_importing_them() -> None:
    class NAType:  # the same type names pandas uses
        pass

    class NaTType:
        pass

    assert is_missing(NAType())
    assert is_missing(NaTType())


@pytest.mark.parametrize("value", [True, False])
def test_option_takes_bools(value: bool) -> None:
    assert option(value, field="strict") is value


@pytest.mark.parametrize("value", ["no", "yes", "False", 0, 1, None, 1.0, [], "true"])
def test_option_refuses_anything_else_naming_the_field(value: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^strict: expected True or False") as caught:
        option(value, field="strict")
    assert caught.value.field == "strict"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("Yes", True),
        (" no ", False),
        ("TRUE", True),
        ("false", False),
    ],
)
def test_flag_takes_bools_and_yes_no_labels(value: object, expected: bool) -> None:
    assert flag(value, field="sentinel_event") is expected


@pytest.mark.parametrize("value", [1, 0, "y", "n", "on", "off", "1", 1.0, "maybe", []])
def test_flag_refuses_other_truthy_values(value: object) -> None:
    with pytest.raises(CaseReviewError, match="sentinel_event") as caught:
        flag(value, field="sentinel_event")
    assert not isinstance(caught.value, MissingElementError)


@pytest.mark.parametrize("value", [None, "", " ", float("nan")])
def test_flag_reports_a_missing_value_as_missing(value: object) -> None:
    with pytest.raises(MissingElementError, match="sentinel_event"):
        flag(value, field="sentinel_event")
    assert optional_flag(value, field="sentinel_event") is None


def test_whole_numbers_and_bounds() -> None:
    assert whole(4, field="n", low=1, high=4) == 4
    for bad in (0, 5, 10**5000, True, 2.0, "3", None, b"3"):
        with pytest.raises(CaseReviewError, match=r"^n: expected a whole number from 1 to 4"):
            whole(bad, field="n", low=1, high=4)
    with pytest.raises(CaseReviewError, match=r"<int of 5001 digits>"):
        whole(10**5000, field="n", high=4)


def test_whole_takes_integer_like_objects() -> None:
    class Index:
        def __index__(self) -> int:
            return 3

    assert whole(Index(), field="n") == 3


def test_day() -> None:
    assert day(date(2024, 12, 9), field="d") == date(2024, 12, 9)
    assert day(" 2024-12-09 ", field="d") == date(2024, 12, 9)
    with pytest.raises(MissingElementError, match="reported_on"):
        day("", field="reported_on")
    with pytest.raises(CaseReviewError, match=r"pass \.date\(\)"):
        day(datetime(2024, 12, 9), field="d")
    for bad in (
        "2024-02-30",
        "20241209",
        20241209,
        10**5000,
        "2024-W49-1",
        "\uff12\uff10\uff12\uff14-12-09",
    ):
        with pytest.raises(CaseReviewError, match=r"^d: expected a date"):
            day(bad, field="d")


def test_text() -> None:
    assert text("  Team leader ", field="t") == "Team leader"
    assert text("   ", field="t") is None
    with pytest.raises(CaseReviewError, match=r"^t: expected text"):
        text(3, field="t")


def test_items_are_bounded_and_lazy() -> None:
    assert items([1, 2], field="rows") == (1, 2)
    with pytest.raises(CaseReviewError, match=f"at most {MAX_ITEMS:,} items"):
        items(range(10**20), field="rows")
    for bad in ("Death", b"x", {"a": 1}, None, 3):
        with pytest.raises(CaseReviewError, match=r"^rows: expected a list"):
            items(bad, field="rows")


def test_choice() -> None:
    assert choice("raise", ("raise", "none"), field="errors") == "raise"
    with pytest.raises(CaseReviewError, match=r"^errors: expected one of 'raise', 'none'"):
        choice("RAISE", ("raise", "none"), field="errors")
    with pytest.raises(CaseReviewError):
        choice(True, (1, 2), field="n")  # True == 1, but it is not one of them


def test_unknown_value_error_survives_any_arguments() -> None:
    error: Any = UnknownValueError("f", 10**5000, None)  # type: ignore[arg-type]
    assert "<int of 5001 digits>" in str(error)
    assert error.allowed == ()


def test_numpy_bools_are_bools_on_numpy_1_and_2() -> None:
    numpy = pytest.importorskip("numpy")
    assert option(numpy.True_, field="strict") is True
    assert flag(numpy.False_, field="x") is False


def test_a_value_with_a_hostile_repr_in_a_label_field_is_a_validation_error() -> None:
    from pydantic import ValidationError

    from casereview.cims import CaseReviewReport

    class Hostile:
        def __repr__(self) -> str:
            raise RuntimeError("hostile")

    with pytest.raises(ValidationError, match="incident_frequency"):
        CaseReviewReport(incident_frequency=Hostile())  # type: ignore[arg-type]


@pytest.mark.parametrize("missing", [None, "", float("nan")])
def test_per_row_label_arguments_read_every_missing_value_alike(missing: Any) -> None:
    # A value from df.loc[...] (NaN) gets the answer None gets, as in the batch functions.
    from casereview.cims import required_follow_up
    from casereview.vhims import derive_isr

    assert derive_isr("Death", missing, missing) == derive_isr("Death")
    assert required_follow_up(
        "Major impact", "Death", subject_of_allegation=missing, submitted_on=date(2023, 1, 1)
    ) == required_follow_up("Major impact", "Death", submitted_on=date(2023, 1, 1))
    with pytest.raises(MissingElementError, match=r"^impact is required"):
        required_follow_up(missing, "Death")
    with pytest.raises(MissingElementError, match=r"^harm is required"):
        derive_isr(missing)
