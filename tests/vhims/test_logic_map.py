"""LogicMap: the default reconstruction, loading a caller's map, and every reason to refuse one."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

from casereview.errors import CaseReviewError, UnknownValueError
from casereview.findings import Provenance
from casereview.vhims import (
    RULES,
    HarmLevel,
    Isr,
    LogicMap,
    LogicMapError,
    LogicMapRow,
    derive_isr,
)
from casereview.vhims.logic_map import CALLER_SECTION, CALLER_SOURCE

KEYS = ("harm", "duration", "treatment", "isr")


def plain_rows() -> list[dict[str, Any]]:
    """The default map as a caller would write it: labels and ISR only."""
    return [{k: row[k] for k in KEYS} for row in LogicMap.default().to_rows()]


def index_of(
    rows: list[dict[str, Any]], harm: str, duration: str | None = None, treatment: str | None = None
) -> int:
    return next(
        i
        for i, r in enumerate(rows)
        if (r["harm"], r["duration"], r["treatment"]) == (harm, duration, treatment)
    )


def refused(rows: list[dict[str, Any]]) -> LogicMapError:
    with pytest.raises(LogicMapError) as caught:
        LogicMap.from_rows(rows)
    assert isinstance(caught.value, CaseReviewError)
    assert caught.value.field == "rows"
    return caught.value


# --------------------------------------------------------------------------- the default


def test_default_has_14_rows_4_stated_with_reasoning_for_the_rest() -> None:
    default = LogicMap.default()
    assert len(default) == 14
    stated = [r for r in default if r.provenance is Provenance.STATED]
    assert sorted(r.citation.section for r in stated) == [
        "Case: Emma",
        "Case: Harry",
        "Case: Rebecca",
        "Case: Tony",
    ]
    for row in default:
        if row.provenance is Provenance.INFERRED:
            assert row.citation.note
            assert len(row.citation.note) > 40


def test_default_is_built_once() -> None:
    assert LogicMap.default() is LogicMap.default()


def test_the_cells_are_rules_of_the_rulebook() -> None:
    ids = {rule.id for rule in RULES}
    assert {row.rule_id for row in LogicMap.default()} <= ids
    assert "vhims.isr.path.moderate-temporary-intermediate" in ids


# --------------------------------------------------------------------------- round trip, loading


def test_round_trip_of_the_default_rows() -> None:
    rows = LogicMap.default().to_rows()
    assert LogicMap.from_rows(rows) == LogicMap.default()
    assert LogicMap.from_rows(json.loads(json.dumps(rows))) == LogicMap.default()
    assert hash(LogicMap.from_rows(rows)) == hash(LogicMap.default())


def test_row_order_does_not_matter_for_equality() -> None:
    rows = LogicMap.default().to_rows()
    assert LogicMap.from_rows(list(reversed(rows))) == LogicMap.default()


def test_a_caller_map_without_citations_is_secondary_and_unconfirmed() -> None:
    loaded = LogicMap.from_rows(plain_rows())
    assert loaded != LogicMap.default()  # same ISRs, other provenance
    result = derive_isr("Severe", "Temporary", "Advanced", logic_map=loaded)
    assert result.isr is Isr.SEVERE
    assert not result.confirmed
    cell = result.citations[0]
    assert (cell.source, cell.section, cell.provenance) == (
        CALLER_SOURCE,
        CALLER_SECTION,
        Provenance.SECONDARY,
    )
    assert cell.note == "Loaded from the caller's configuration (rows[3])."


def test_a_caller_may_say_its_cells_are_stated() -> None:
    rows = plain_rows()
    loaded = LogicMap.from_rows(rows, source="Figure 1 (authoritative)", provenance="stated")
    result = derive_isr("Moderate", "Permanent", logic_map=loaded)
    assert result.confirmed
    assert result.citations[0].source == "Figure 1 (authoritative)"
    rows[index_of(rows, "Death")]["provenance"] = "inferred"
    rows[index_of(rows, "Death")]["note"] = "our guess"
    mixed = LogicMap.from_rows(rows, provenance=Provenance.STATED)
    death = derive_isr("Death", logic_map=mixed)
    assert (death.confirmed, death.citations[0].note) == (False, "our guess")


def test_a_loaded_map_changes_the_answer() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Severe", "Temporary", "Intermediate")]["isr"] = "ISR 1"
    loaded = LogicMap.from_rows(rows)
    assert derive_isr("Severe", "Temporary", "Intermediate", logic_map=loaded).isr is Isr.SEVERE
    assert derive_isr("Severe", "Temporary", "Intermediate").isr is Isr.MODERATE


def test_labels_in_rows_are_parsed_forgivingly() -> None:
    rows = [
        {
            "harm": f" {r['harm'].upper()} ",
            "duration": "-" if r["duration"] is None else r["duration"].lower(),
            "treatment": "" if r["treatment"] is None else r["treatment"],
            "isr": str(r["isr"]),
        }
        for r in plain_rows()
    ]
    assert LogicMap.from_rows(rows) == LogicMap.from_rows(plain_rows())


def test_maps_pickle_and_are_immutable() -> None:
    default = LogicMap.default()
    assert pickle.loads(pickle.dumps(default)) == default
    with pytest.raises(AttributeError):
        default._rows = ()
    assert repr(default) == "<LogicMap 14 rows, 4 stated>"


# --------------------------------------------------------------------------- refusals


def test_refuses_an_incomplete_map() -> None:
    rows = plain_rows()
    del rows[index_of(rows, "Moderate", "Temporary", "Minor")]
    error = refused(rows)
    assert error.problems == (
        "incomplete: no ISR for the reachable path(s) Moderate → Temporary → Minor "
        "[vhims.map.complete]",
    )


def test_refuses_a_map_missing_a_whole_harm() -> None:
    rows = [r for r in plain_rows() if r["harm"] != "Death"]
    assert "no ISR for the reachable path(s) Death → Permanent → Advanced" in str(refused(rows))


def test_refuses_an_empty_map() -> None:
    assert "incomplete" in str(refused([]))


def test_refuses_two_rows_for_one_path() -> None:
    rows = plain_rows()
    rows.append({"harm": "Severe", "duration": "Permanent", "treatment": None, "isr": 2})
    error = refused(rows)
    assert error.problems == (
        "ambiguous: 2 rows for the path Severe → Permanent: rows[2] (Severe → Permanent → ISR 1), "
        "rows[14] (Severe → Permanent → ISR 2) [vhims.map.unambiguous]",
    )


def test_refuses_a_path_that_both_ends_and_continues() -> None:
    rows = plain_rows()
    rows.append({"harm": "Minor", "duration": "Temporary", "treatment": None, "isr": 3})
    error = refused(rows)
    assert error.problems == (
        "ambiguous: rows[12] (Minor → ISR 3) ends the path at Minor, but rows[14] "
        "(Minor → Temporary → ISR 3) continues it [vhims.map.unambiguous]",
    )


def test_refuses_a_path_that_skips_the_duration() -> None:
    rows = plain_rows()
    rows.append({"harm": "Death", "duration": None, "treatment": "Advanced", "isr": 1})
    assert "skips the duration of harm" in str(refused(rows))


def test_refuses_moderate_or_severe_rated_3_or_4() -> None:
    rows = plain_rows()
    for treatment in ("Minor", "No additional treatment and care"):
        rows[index_of(rows, "Moderate", "Temporary", treatment)]["isr"] = 3
    error = refused(rows)
    serious = [p for p in error.problems if "vhims.map.serious-harm-isr-1-or-2" in p]
    assert serious == [
        "rows[10] (Moderate → Temporary → Minor → ISR 3): Moderate harm must give ISR 1 or 2, "
        "never 3 or 4 [vhims.map.serious-harm-isr-1-or-2]",
        "rows[11] (Moderate → Temporary → No additional treatment and care → ISR 3): Moderate "
        "harm must give ISR 1 or 2, never 3 or 4 [vhims.map.serious-harm-isr-1-or-2]",
    ]


@pytest.mark.parametrize(
    ("harm", "duration", "treatment", "wrong", "case"),
    [
        ("Moderate", "Temporary", "Intermediate", 1, "Rebecca"),
        ("Minor", None, None, 2, "Harry"),
        ("Severe", "Temporary", "Advanced", 2, "Tony"),
        ("No harm", None, None, 3, "Emma"),
    ],
)
def test_refuses_a_map_that_contradicts_a_worked_example(
    harm: str, duration: str | None, treatment: str | None, wrong: int, case: str
) -> None:
    rows = plain_rows()
    i = index_of(rows, harm, duration, treatment)
    rows[i]["isr"] = wrong
    error = refused(rows)
    mentions = [p for p in error.problems if f"'Case: {case}'" in p]
    assert mentions, error.problems
    assert f"rows[{i}]" in mentions[0]
    assert "[vhims.map.worked-examples]" in mentions[0]


def test_refuses_a_map_where_harry_needs_more_than_the_harm() -> None:
    rows = [r for r in plain_rows() if r["harm"] != "Minor"]
    rows += [
        {"harm": "Minor", "duration": d, "treatment": None, "isr": 3}
        for d in ("Permanent", "Temporary")
    ]
    error = refused(rows)
    assert error.problems == (
        "contradicts the worked example 'Case: Harry': the guidance derives ISR 3 from Minor "
        "alone, but this map also needs the duration [vhims.map.worked-examples]",
    )


def test_refuses_a_map_where_tony_ends_before_the_treatment() -> None:
    rows = [r for r in plain_rows() if (r["harm"], r["duration"]) != ("Severe", "Temporary")]
    rows.append({"harm": "Severe", "duration": "Temporary", "treatment": None, "isr": 1})
    error = refused(rows)
    assert any(
        "'Case: Tony': the guidance uses harm, duration, treatment" in p for p in error.problems
    )


def test_refuses_more_care_giving_a_less_severe_isr() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Severe", "Temporary", "Minor")]["isr"] = 1
    error = refused(rows)
    assert error.problems == (
        "non-monotone (Intermediate is more care than Minor): rows[4] (Severe → Temporary → "
        "Intermediate → ISR 2) is less severe than rows[5] (Severe → Temporary → Minor → ISR 1) "
        "[vhims.map.monotone]",
    )


def test_refuses_permanent_giving_a_less_severe_isr_than_temporary() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Moderate", "Permanent")]["isr"] = 2
    rows[index_of(rows, "Moderate", "Temporary", "Advanced")]["isr"] = 1
    error = refused(rows)
    assert error.problems == (
        "non-monotone (Permanent rather than Temporary): rows[7] (Moderate → Permanent → ISR 2) "
        "is less severe than rows[8] (Moderate → Temporary → Advanced → ISR 1) "
        "[vhims.map.monotone]",
    )


def test_refuses_more_harm_giving_a_less_severe_isr() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Death")]["isr"] = 2
    error = refused(rows)
    assert all("Death is more harm than Severe" in p for p in error.problems)
    assert (
        "rows[0] (Death → ISR 2) is less severe than rows[2] (Severe → Permanent → ISR 1)"
        in (error.problems[0])
    )


def test_a_serious_sexual_safety_event_is_not_ranked_against_severe() -> None:
    rows = plain_rows()
    # A map where moderate harm never rates 1: the event may then rate 2, below Severe's 1.
    rows[index_of(rows, "Moderate", "Permanent")]["isr"] = 2
    rows[index_of(rows, "Moderate", "Temporary", "Advanced")]["isr"] = 2
    rows[index_of(rows, "Serious Sexual Safety Event")]["isr"] = 2
    loaded = LogicMap.from_rows(rows)  # allowed: ranked only above Moderate
    assert derive_isr("Severe", "Permanent", logic_map=loaded).isr is Isr.SEVERE
    assert derive_isr("serious sexual safety event", logic_map=loaded).isr is Isr.MODERATE


def test_refuses_a_serious_sexual_safety_event_below_moderate() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Serious Sexual Safety Event")]["isr"] = 3
    error = refused(rows)
    assert "Serious Sexual Safety Event is more harm than Moderate" in str(error)


def test_lists_every_problem_at_once() -> None:
    rows = plain_rows()
    rows[index_of(rows, "No harm")]["isr"] = 3
    rows[index_of(rows, "Moderate", "Temporary", "Minor")]["isr"] = 4
    error = refused(rows)
    codes = {p.rsplit("[", 1)[1] for p in error.problems}
    assert codes == {
        "vhims.map.serious-harm-isr-1-or-2]",
        "vhims.map.worked-examples]",
        "vhims.map.monotone]",
    }


# --------------------------------------------------------------------------- malformed rows


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"harm": "Catastrophic"}, "rows[0].harm"),
        ({"duration": "Forever"}, "rows[0].duration"),
        ({"treatment": "Lots"}, "rows[0].treatment"),
        ({"isr": 5}, "rows[0].isr"),
        ({"isr": "five"}, "rows[0].isr"),
        ({"provenance": "rumour"}, "rows[0].provenance"),
    ],
)
def test_unknown_labels_in_rows_are_refused_naming_the_row(
    change: dict[str, Any], field: str
) -> None:
    rows = plain_rows()
    rows[0].update(change)
    with pytest.raises(UnknownValueError) as caught:
        LogicMap.from_rows(rows)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        ([{"harm": "Death"}], "rows[0].isr", "rows[0].isr is required"),
        ([{"isr": 1}], "rows[0].harm", "rows[0].harm is required"),
        ([{"harm": "Death", "isr": 1, "colour": "red"}], "rows[0]", "unknown key(s) 'colour'"),
        ([["Death", 1]], "rows[0]", "expected a mapping"),
        ([{"harm": "Death", "isr": 1, "note": 7}], "rows[0].note", "expected non-empty text"),
        ({"harm": "Death", "isr": 1}, "rows", "expected an iterable of row mappings"),
        (None, "rows", "expected an iterable of row mappings, got NoneType"),
        (5, "rows", "expected an iterable of row mappings, got int"),
    ],
)
def test_malformed_rows_are_refused_naming_the_field(rows: Any, field: str, message: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_rows(rows)
    assert caught.value.field == field
    assert message in str(caught.value)


@pytest.mark.parametrize("source", ["", "   ", None, 5])
def test_a_blank_or_non_text_source_is_refused_naming_it(source: Any) -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_rows(plain_rows(), source=source)
    assert caught.value.field == "source"
    assert "expected the non-empty name" in str(caught.value)


def test_logic_map_takes_only_rows() -> None:
    with pytest.raises(CaseReviewError, match=r"rows\[0\]: expected a LogicMapRow"):
        LogicMap([{"harm": "Death"}])  # type: ignore[list-item]
    rows = list(LogicMap.default())
    assert LogicMap(rows) == LogicMap.default()
    assert isinstance(rows[0], LogicMapRow)
    assert rows[0].harm is HarmLevel.DEATH
