"""Conformance: test vectors for any map, LogicMap.diff, and the CSV/JSON text formats."""

from __future__ import annotations

import csv
import io
import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.errors import CaseReviewError, MissingElementError
from casereview.findings import Provenance
from casereview.vhims import (
    HarmDuration,
    HarmLevel,
    Isr,
    IsrVector,
    LogicMap,
    MapDifference,
    NotRatedError,
    TreatmentLevel,
    derive_isr,
)
from tests.vhims._oracle import expected as owed
from tests.vhims._oracle import rated_by

INPUTS = list(itertools.product(HarmLevel, [None, *HarmDuration], [None, *TreatmentLevel]))
FULL = list(itertools.product(HarmLevel, HarmDuration, TreatmentLevel))


def plain_rows() -> list[dict[str, Any]]:
    keys = ("harm", "duration", "treatment", "isr")
    return [{k: row[k] for k in keys} for row in LogicMap.default().to_rows()]


def answer_of(logic_map: LogicMap, key: tuple[Any, ...]) -> tuple[Any, ...]:
    """What derive_isr says, in the vectors' terms."""
    try:
        result = derive_isr(*key, logic_map=logic_map)
    except MissingElementError as error:
        return (None, "missing", error.field)
    except NotRatedError as error:
        return (None, "not_rated", error.field)
    return (result.isr.value, None, None)


# --------------------------------------------------------------------------- vectors


@pytest.mark.parametrize("name", ["default", "holes"])
def test_vectors_cover_every_combination_and_agree_with_derive_isr(name: str) -> None:
    """Must be shown (issue 11): every input combination, its expected ISR or error.

    ``vectors()`` and ``derive_isr`` read the same answer table, so each is also compared with
    the answer computed from the rows alone (tests/vhims/_oracle.py)."""
    rows = plain_rows()
    if name == "holes":
        rows = [r for r in rows if r["harm"] != "Death"]
    logic_map = LogicMap.default() if name == "default" else LogicMap.from_rows(rows, name=name)
    rated = rated_by(rows)
    vectors = logic_map.vectors()
    assert len(vectors) == 90
    assert [v.key for v in vectors] == INPUTS
    for vector in vectors:
        assert isinstance(vector, IsrVector)
        assert vector.answer == answer_of(logic_map, vector.key) == owed(rated, vector.key)
        assert (vector.isr is None) != (vector.error is None)
        if vector.isr is not None:
            result = derive_isr(*vector.key, logic_map=logic_map)
            assert (vector.rule_id, vector.provenance, vector.elements_used) == (
                result.rule_id,
                result.provenance,
                result.elements_used,
            )
        elif vector.error == "missing":
            assert vector.rule_id == "vhims.isr.sequential-elements"
            assert vector.provenance is Provenance.STATED
        else:
            assert vector.rule_id == "vhims.map.complete"


def test_the_default_s_vectors_in_numbers() -> None:
    vectors = LogicMap.default().vectors()
    errors = [v for v in vectors if v.error]
    assert {v.error for v in errors} == {"missing"}
    # Severe and Moderate: duration missing (5 treatments each, 2 harms) + Temporary without
    # treatment (2 harms) = 12 inputs that the default cannot answer.
    assert len(errors) == 12
    stated = [v for v in vectors if v.provenance is Provenance.STATED and v.isr is not None]
    assert {v.rule_id for v in stated} == {
        "vhims.isr.path.severe-temporary-advanced",
        "vhims.isr.path.moderate-temporary-intermediate",
        "vhims.isr.path.minor",
        "vhims.isr.path.no-harm",
    }


def test_vectors_json_is_the_vectors_with_the_map_named() -> None:
    logic_map = LogicMap.default()
    document = json.loads(logic_map.vectors_json())
    assert document["format"] == "casereview.isr-vectors/1"
    assert (document["logic_map"], document["logic_map_digest"]) == ("default", logic_map.digest)
    assert document["count"] == 90
    assert [IsrVector.model_validate(v) for v in document["vectors"]] == list(logic_map.vectors())
    first = document["vectors"][0]
    assert first == {
        "harm": "Death",
        "duration": None,
        "treatment": None,
        "isr": 1,
        "error": None,
        "error_field": None,
        "error_class": None,
        "provenance": "inferred",
        "rule_id": "vhims.isr.path.death",
        "elements_used": ["harm"],
    }


def test_vectors_csv_has_one_line_per_input() -> None:
    logic_map = LogicMap.default()
    lines = list(csv.DictReader(io.StringIO(logic_map.vectors_csv())))
    assert len(lines) == 90
    for line, vector in zip(lines, logic_map.vectors(), strict=True):
        assert line["harm"] == vector.harm.value
        assert line["duration"] == (vector.duration.value if vector.duration else "")
        assert line["isr"] == (str(vector.isr.value) if vector.isr else "")
        assert line["error"] == (vector.error or "")
        assert line["rule_id"] == vector.rule_id
        assert line["elements_used"].split() == list(vector.elements_used)
        assert (line["logic_map"], line["logic_map_digest"]) == ("default", logic_map.digest)


# --------------------------------------------------------------------------- diff


def test_a_map_with_one_cell_changed_differs_in_exactly_that_cell() -> None:
    """Must be shown (issue 11)."""
    rows = plain_rows()
    i = next(
        i for i, r in enumerate(rows) if r["treatment"] == "Intermediate" and r["harm"] == "Severe"
    )
    rows[i]["isr"] = 1
    vendor = LogicMap.from_rows(rows, name="vendor")
    (difference,) = LogicMap.default().diff(vendor)
    assert isinstance(difference, MapDifference)
    assert difference.key == (HarmLevel.SEVERE, HarmDuration.TEMPORARY, TreatmentLevel.INTERMEDIATE)
    assert (difference.isr, difference.provenance, difference.logic_map) == (
        Isr.MODERATE,
        Provenance.INFERRED,
        "default",
    )
    assert (difference.other_isr, difference.other_provenance, difference.other_logic_map) == (
        Isr.SEVERE,
        Provenance.SECONDARY,
        "vendor",
    )
    assert str(difference) == (
        "Severe / Temporary / Intermediate: default ISR 2 (inferred), vendor ISR 1 (secondary)"
    )
    (back,) = vendor.diff(LogicMap.default())
    assert (back.isr, back.other_isr) == (Isr.SEVERE, Isr.MODERATE)


def test_diff_lists_inputs_with_missing_elements_where_the_paths_differ() -> None:
    rows = [r for r in plain_rows() if r["harm"] != "Moderate"]
    rows.append({"harm": "Moderate", "duration": None, "treatment": None, "isr": 2})
    flat = LogicMap.from_rows(rows, name="moderate is 2")
    differences = LogicMap.default().diff(flat)
    keys = {d.key for d in differences}
    moderate = HarmLevel.MODERATE
    # Moderate alone is now answered (default: duration missing) ...
    assert (moderate, None, None) in keys
    alone = next(d for d in differences if d.key == (moderate, None, None))
    assert (alone.isr, alone.error, alone.other_isr) == (None, "missing", Isr.MODERATE)
    # ... and the cells that were 1 are now 2; the ones that were 2 do not differ.
    assert (moderate, HarmDuration.PERMANENT, None) in keys
    assert (moderate, HarmDuration.TEMPORARY, TreatmentLevel.INTERMEDIATE) not in keys
    assert all(d.harm is moderate for d in differences)


def test_diff_takes_only_a_logic_map() -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.default().diff(plain_rows())  # type: ignore[arg-type]
    assert caught.value.field == "other"


# --------------------------------------------------------------------------- text formats


@pytest.mark.parametrize("grid", [False, True])
def test_csv_text_round_trips(grid: bool) -> None:
    """Must be shown (issue 11)."""
    text = LogicMap.default().to_csv_text(grid=grid)
    assert (
        text.splitlines()[0] == "harm,duration,treatment,isr,provenance,source,section,quote,note"
    )
    assert len(text.splitlines()) == 1 + (48 if grid else 14)
    assert LogicMap.from_csv_text(text) == LogicMap.default()


def test_csv_text_as_an_ims_might_export_it() -> None:
    lines = ["\ufeffLevel of harm;Duration of harm;Level of treatment/care;ISR;Comment"]
    for r in plain_rows():
        lines.append(f"{r['harm']};{r['duration'] or '-'};{r['treatment'] or ''};{r['isr']};x")
    loaded = LogicMap.from_csv_text("\r\n".join(lines) + "\r\n\r\n", name="IMS export")
    assert [f.code for f in loaded.findings] == ["vhims.map.ignored-columns"]
    assert LogicMap.default().diff(loaded) == ()
    assert derive_isr("Minor", logic_map=loaded).logic_map == "IMS export"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no header line"),
        ("harm,isr\nDeath,1,extra\n", "line 2 has 3 cells"),
        (b"harm,isr", "expected CSV text"),
    ],
)
def test_bad_csv_text_is_refused_naming_text(text: Any, message: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_csv_text(text)
    assert caught.value.field == "text"
    assert message in str(caught.value)


def test_json_text_round_trips_with_its_name() -> None:
    loaded = LogicMap.from_rows(plain_rows(), name="Example Health IMS 2025")
    text = loaded.to_json_text()
    assert json.loads(text)["format"] == "casereview.logic-map/1"
    again = LogicMap.from_json_text(text)
    assert again == loaded
    assert again.name == "Example Health IMS 2025"
    assert LogicMap.from_json_text(text, name="renamed").name == "renamed"
    assert LogicMap.from_json_text(json.dumps(plain_rows())) == LogicMap.from_rows(plain_rows())


def test_json_text_with_a_code_table() -> None:
    rows = [dict(r, harm={"Death": "D"}.get(r["harm"], r["harm"])) for r in plain_rows()]
    text = json.dumps({"name": "coded", "codes": {"harm": {"D": "Death"}}, "rows": rows})
    assert LogicMap.default().diff(LogicMap.from_json_text(text)) == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON at line 1"),
        ('{"cells": []}', "expected a JSON list of rows"),
        ('{"rows": [], "colour": 1}', "unknown key(s) 'colour'"),
        ('{"rows": {"harm": "Death"}}', "a JSON list of rows"),
        ('{"rows": [{"harm": "Death", "isr": 1}], "name": 5}', "text.name"),
        (7, "expected JSON text"),
    ],
)
def test_bad_json_text_is_refused(text: Any, message: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_json_text(text)
    assert message in str(caught.value)


# --------------------------------------------------------------------------- any map


@st.composite
def grids(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Random flat grids: any ISR per combination, some combinations left out."""
    rows = []
    for h, d, t in FULL:
        isr = draw(st.sampled_from([None, 1, 2, 3, 4]))
        if isr is not None:
            rows.append({"harm": h.value, "duration": d.value, "treatment": t.value, "isr": isr})
    if not rows:
        rows.append({"harm": "Death", "duration": "Permanent", "treatment": "Advanced", "isr": 1})
    return rows


@settings(max_examples=60, deadline=None)
@given(grids())
def test_any_grid_loads_and_rates_exactly_its_cells(rows: list[dict[str, Any]]) -> None:
    """A grid never refuses (it cannot be ambiguous); every rated cell derives its own ISR,
    every left-out one raises NotRatedError, and the vectors say what derive_isr says."""
    logic_map = LogicMap.from_rows(rows)
    rated = {(r["harm"], r["duration"], r["treatment"]): r["isr"] for r in rows}
    rated_ = rated_by(rows)  # by members, for the oracle of short inputs
    for h, d, t in FULL:
        expected = rated.get((h.value, d.value, t.value))
        if expected is None:
            with pytest.raises(NotRatedError):
                derive_isr(h, d, t, logic_map=logic_map)
        else:
            assert derive_isr(h, d, t, logic_map=logic_map).isr == expected
    for vector in logic_map.vectors():
        assert vector.answer == answer_of(logic_map, vector.key) == owed(rated_, vector.key)
    assert LogicMap.from_csv_text(logic_map.to_csv_text()) == logic_map
    assert LogicMap.from_rows(logic_map.to_rows()).diff(logic_map) == ()


def test_csv_cells_may_hold_delimiters_quotes_and_line_breaks() -> None:
    rows = plain_rows()
    rows[0].update(
        source='IMS "Riverina", v2; export', note="line one\r\nline two | three", quote="a,b"
    )
    loaded = LogicMap.from_rows(rows, name="quoted")
    text = loaded.to_csv_text()
    assert LogicMap.from_csv_text(text) == loaded
    assert LogicMap.from_csv_text(text.replace("\n", "\r\n")).diff(loaded) == ()
    death = derive_isr("Death", logic_map=LogicMap.from_csv_text(text)).citations[0]
    assert (death.source, death.quote) == ('IMS "Riverina", v2; export', "a,b")
