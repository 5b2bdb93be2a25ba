"""Caps: four first-level reviews per FSOS, eighteen regional reviews per region."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview import CaseReviewError, Severity
from casereview.kentucky_cqi import FIRST_LEVEL_MONTHLY_CAP, REGIONAL_MONTHLY_CAP, check_caps


def test_the_caps_are_the_seeds_numbers() -> None:
    assert FIRST_LEVEL_MONTHLY_CAP == 4
    assert REGIONAL_MONTHLY_CAP == 18


@pytest.mark.parametrize(
    ("count", "codes", "ok"),
    [
        (0, ["kentucky_cqi.caps.first-level-four"], True),
        (3, ["kentucky_cqi.caps.first-level-four"], True),
        (4, [], True),
        (5, ["kentucky_cqi.caps.first-level"], False),
        (9, ["kentucky_cqi.caps.first-level"], False),
    ],
)
def test_first_level_cap(count: int, codes: list[str], ok: bool) -> None:
    cases = [f"case-{i}" for i in range(count)]
    for given_as in (cases, tuple(cases), count):
        result = check_caps(first_level={"Adams": given_as})
        assert [f.code for f in result.findings] == codes
        assert result.ok is ok
        assert all(f.field == "first_level['Adams']" for f in result.findings)


def test_four_is_allowed_five_breaches_with_the_seeds_sentence() -> None:
    assert check_caps(first_level={"Adams": ["C1", "C2", "C3", "C4"]}).findings == ()
    breach = check_caps(first_level={"Adams": ["C1", "C2", "C3", "C4", "C5"]}).findings[0]
    assert breach.severity is Severity.ERROR
    assert "5" in breach.message
    assert breach.citation is not None
    assert breach.citation.quote == (
        "No more than four cases will be reviewed in the CARES system for first-level case reviews."
    )


def test_fewer_than_four_is_a_warning_not_an_error() -> None:
    finding = check_caps(first_level={"Baker": 3}).findings[0]
    assert finding.severity is Severity.WARNING
    assert finding.citation is not None
    assert (
        finding.citation.quote == "Each month, FSOSes review four cases/children in CQI-CARES 2.0."
    )


@pytest.mark.parametrize(
    ("count", "ok"), [(0, True), (1, True), (17, True), (18, True), (19, False), (40, False)]
)
def test_regional_cap(count: int, ok: bool) -> None:
    result = check_caps(regional={"Salt River": [f"R{i}" for i in range(count)]})
    assert result.ok is ok
    assert [f.code for f in result.findings] == ([] if ok else ["kentucky_cqi.caps.regional"])
    if not ok:
        assert result.findings[0].field == "regional['Salt River']"


def test_one_finding_per_breach_naming_each() -> None:
    result = check_caps(
        first_level={"Adams": 4, "Baker": 5, "Clark": 6, "Davis": 2},
        regional={"Salt River": 18, "Two Rivers": 19, "Cumberland": 20},
    )
    assert [(f.field, f.severity.value) for f in result.findings] == [
        ("first_level['Baker']", "error"),
        ("first_level['Clark']", "error"),
        ("first_level['Davis']", "warning"),
        ("regional['Two Rivers']", "error"),
        ("regional['Cumberland']", "error"),
    ]


def test_nothing_to_check_is_ok() -> None:
    assert check_caps().findings == ()
    assert check_caps(first_level={}, regional={}).ok


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"first_level": {"Adams": -1}}, "first_level['Adams']"),
        ({"first_level": {"Adams": True}}, "first_level['Adams']"),
        ({"first_level": {"Adams": "C1"}}, "first_level['Adams']"),
        ({"first_level": {"Adams": b"C1C2C3"}}, "first_level['Adams']"),
        ({"first_level": {"Adams": 4.0}}, "first_level['Adams']"),
        ({"regional": {"Salt River": None}}, "regional['Salt River']"),
        ({"regional": [("Salt River", 3)]}, "regional"),
    ],
)
def test_malformed_assignments_are_refused_naming_the_entry(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(CaseReviewError) as caught:
        check_caps(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value).startswith(field)


@given(
    first=st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 30), max_size=6),
    regional=st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 60), max_size=6),
)
def test_an_error_exactly_for_each_count_above_its_cap(
    first: dict[str, int], regional: dict[str, int]
) -> None:
    result = check_caps(first_level=first, regional=regional)
    errors = {f.field for f in result.errors}
    expected = {f"first_level[{n!r}]" for n, c in first.items() if c > 4} | {
        f"regional[{n!r}]" for n, c in regional.items() if c > 18
    }
    assert errors == expected
    warnings = {f.field for f in result.findings if f.severity is Severity.WARNING}
    assert warnings == {f"first_level[{n!r}]" for n, c in first.items() if c < 4}
