"""LogicMap: the default, loading real configurations, findings instead of refusals, refusals.

Contract change (issue 11): a loaded map is refused only when it is malformed or ambiguous;
incomplete, non-monotone, serious-harm-3-4 and worked-example breaks now load and are listed in
``LogicMap.findings`` (``strict=True`` restores the refusal). The tests below say so case by case.
"""

from __future__ import annotations

import itertools
import json
import pickle
from typing import Any

import pytest

from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError
from casereview.findings import Finding, Provenance, Severity
from casereview.vhims import (
    RULES,
    HarmDuration,
    HarmLevel,
    Isr,
    LogicMap,
    LogicMapError,
    LogicMapRow,
    MapFinding,
    NotRatedError,
    TreatmentLevel,
    check_consistency,
    derive_isr,
)
from casereview.vhims.logic_map import CALLER_SECTION, CALLER_SOURCE

KEYS = ("harm", "duration", "treatment", "isr")
FULL = list(itertools.product(HarmLevel, HarmDuration, TreatmentLevel))


def plain_rows() -> list[dict[str, Any]]:
    """The default map as a caller would write it: path rows, labels and ISR only."""
    return [{k: row[k] for k in KEYS} for row in LogicMap.default().to_rows()]


def plain_grid() -> list[dict[str, Any]]:
    """The default map as a flat grid: every row names all three elements, ISR only."""
    return [
        {"harm": h.value, "duration": d.value, "treatment": t.value, "isr": derive_isr(h, d, t).isr}
        for h, d, t in FULL
    ]


def index_of(
    rows: list[dict[str, Any]], harm: str, duration: str | None = None, treatment: str | None = None
) -> int:
    return next(
        i
        for i, r in enumerate(rows)
        if (r["harm"], r["duration"], r["treatment"]) == (harm, duration, treatment)
    )


def refused(rows: Any, **kwargs: Any) -> LogicMapError:
    with pytest.raises(LogicMapError) as caught:
        LogicMap.from_rows(rows, **kwargs)
    assert isinstance(caught.value, CaseReviewError)
    assert caught.value.field == "rows"
    return caught.value


def codes_of(logic_map: LogicMap) -> list[str]:
    return [f.code for f in logic_map.findings]


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


def test_default_is_built_once_named_default_and_has_no_findings() -> None:
    default = LogicMap.default()
    assert LogicMap.default() is default
    assert default.name == "default"
    assert len(default.digest) == 64
    assert int(default.digest, 16) >= 0
    assert default.findings == ()
    assert repr(default) == "<LogicMap 'default' 14 paths, 4 stated, 0 findings>"


def test_the_cells_are_rules_of_the_rulebook() -> None:
    ids = {rule.id for rule in RULES}
    assert {row.rule_id for row in LogicMap.default()} <= ids
    assert "vhims.isr.path.moderate-temporary-intermediate" in ids
    for rule_id in (
        "vhims.map.complete",
        "vhims.map.unrated-implausible",
        "vhims.map.unambiguous",
        "vhims.map.overlapping-rows",
        "vhims.map.path-from-ratings",
        "vhims.map.ignored-columns",
        "vhims.map.monotone",
        "vhims.map.serious-harm-isr-1-or-2",
        "vhims.map.worked-examples",
    ):
        assert rule_id in ids


def test_results_name_their_map() -> None:
    result = derive_isr("Severe", "Temporary", "Advanced")
    assert (result.logic_map, result.logic_map_digest) == ("default", LogicMap.default().digest)
    loaded = LogicMap.from_rows(plain_rows(), name="Example Health IMS 2025")
    other = derive_isr("Severe", "Temporary", "Advanced", logic_map=loaded)
    assert other.logic_map == "Example Health IMS 2025"
    assert other.logic_map_digest == loaded.digest != LogicMap.default().digest


def test_an_unnamed_map_is_named_by_its_digest_and_default_is_reserved() -> None:
    loaded = LogicMap.from_rows(plain_rows())
    assert loaded.name == f"map-{loaded.digest[:12]}"
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_rows(plain_rows(), name="Default")
    assert caught.value.field == "name"
    # The default's own content may carry its name (it is the same map).
    copy = LogicMap.from_rows(LogicMap.default().to_rows(), name="default")
    assert copy == LogicMap.default()
    with pytest.raises(CaseReviewError, match="name"):
        LogicMap.from_rows(plain_rows(), name=5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- round trips


def test_round_trip_of_the_default_rows() -> None:
    rows = LogicMap.default().to_rows()
    assert LogicMap.from_rows(rows) == LogicMap.default()
    assert LogicMap.from_rows(json.loads(json.dumps(rows))) == LogicMap.default()
    assert hash(LogicMap.from_rows(rows)) == hash(LogicMap.default())


def test_row_order_does_not_matter_for_equality() -> None:
    rows = LogicMap.default().to_rows()
    assert LogicMap.from_rows(list(reversed(rows))) == LogicMap.default()


def test_a_flat_grid_generated_from_the_default_loads_and_equals_it() -> None:
    """Must be shown (issue 11): the grid a vendor stores loads, and is the default map."""
    grid = LogicMap.default().to_rows(grid=True)
    assert len(grid) == 48
    assert all(row["duration"] and row["treatment"] for row in grid)
    loaded = LogicMap.from_rows(grid, name="grid")
    assert loaded == LogicMap.default()
    assert loaded.digest == LogicMap.default().digest
    assert loaded.rows == LogicMap.default().rows  # the 14 paths, read from the ratings
    assert loaded.findings == ()
    assert LogicMap.default().diff(loaded) == ()
    # Harry and Emma are answered from the harm alone, as the guidance does.
    assert derive_isr("Minor", logic_map=loaded).isr is Isr.MINOR
    assert derive_isr("No harm", logic_map=loaded).elements_used == ("harm",)
    with pytest.raises(MissingElementError):
        derive_isr("Severe", "Temporary", logic_map=loaded)


def test_a_plain_grid_loads_with_the_default_s_isrs_and_paths() -> None:
    loaded = LogicMap.from_rows(plain_grid())
    assert loaded.findings == ()
    assert LogicMap.default().diff(loaded) == ()
    assert [r.path for r in loaded] == [r.path for r in LogicMap.default()]
    death = derive_isr("Death", logic_map=loaded)
    assert death.provenance is Provenance.SECONDARY
    assert death.citations[0].note == (
        "Loaded from the caller's configuration (rows[0], rows[1], rows[2], rows[3], rows[4], "
        "rows[5], rows[6], rows[7]): every combination they rate under Death gives ISR 1, so "
        "the path ends at Death."
    )


def illogical_left_out() -> list[dict[str, Any]]:
    """The grid without the combinations check_consistency calls illogical; No harm, which has
    no duration, is the one harm-only row."""
    rows = [
        row
        for row in plain_grid()
        if row["harm"] != "No harm"
        and not check_consistency(row["harm"], row["duration"], row["treatment"])
    ]
    return [*rows, {"harm": "No harm", "duration": "", "treatment": "", "isr": 4}]


def test_the_grid_without_the_illogical_combinations_loads() -> None:
    """Must be shown (issue 11)."""
    loaded = LogicMap.from_rows(illogical_left_out(), name="without illogical")
    left_out = [
        full for full in FULL if full[0] is not HarmLevel.NO_HARM and check_consistency(*full)
    ]
    assert len(left_out) == 10
    assert {f.severity for f in loaded.findings} == {Severity.INFO}
    assert set(codes_of(loaded)) == {"vhims.map.unrated-implausible"}
    for h, d, t in FULL:
        if (h, d, t) in left_out:
            with pytest.raises(NotRatedError) as caught:
                derive_isr(h, d, t, logic_map=loaded)
            assert caught.value.field == "logic_map"
            assert "without illogical" in str(caught.value)
        else:
            assert derive_isr(h, d, t, logic_map=loaded).isr is derive_isr(h, d, t).isr
    assert derive_isr("Minor", logic_map=loaded).isr is Isr.MINOR
    with pytest.raises(NotRatedError):
        derive_isr("Minor", "Permanent", logic_map=loaded)  # every Minor/Permanent is left out
    # The differences from the default are exactly the left-out combinations, and the short
    # inputs that stand only for left-out ones (Minor / Permanent; Minor / - / Advanced; Moderate
    # or Severe / - / No additional treatment and care): those are not rated, since no value of
    # the missing element could give them an ISR.
    no_care = TreatmentLevel.NO_ADDITIONAL_TREATMENT_AND_CARE
    assert {d.key for d in LogicMap.default().diff(loaded)} == {
        *left_out,
        (HarmLevel.MINOR, HarmDuration.PERMANENT, None),
        (HarmLevel.MINOR, None, TreatmentLevel.ADVANCED),
        (HarmLevel.MODERATE, None, no_care),
        (HarmLevel.SEVERE, None, no_care),
    }
    with pytest.raises(NotRatedError):
        derive_isr("Severe", None, no_care, logic_map=loaded)


def test_a_map_with_holes_round_trips_through_its_rows_and_csv() -> None:
    loaded = LogicMap.from_rows(illogical_left_out())
    assert LogicMap.from_rows(loaded.to_rows()) == loaded
    assert LogicMap.from_rows(loaded.to_rows(grid=True)) == loaded
    assert LogicMap.from_csv_text(loaded.to_csv_text()) == loaded


def test_path_rows_and_grid_rows_mix() -> None:
    rows = [r for r in plain_rows() if r["harm"] != "Severe"]
    rows += [r for r in plain_grid() if r["harm"] == "Severe"]
    assert LogicMap.default().diff(LogicMap.from_rows(rows)) == ()


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


def test_a_caller_may_say_its_cells_are_stated_per_row_or_nested() -> None:
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
    rows = plain_rows()
    rows[0]["citation"] = {"source": "IMS", "section": "Table 3", "provenance": "stated"}
    death = derive_isr("Death", logic_map=LogicMap.from_rows(rows))
    assert (death.citations[0].source, death.citations[0].section, death.confirmed) == (
        "IMS",
        "Table 3",
        True,
    )


def test_a_loaded_map_s_stated_cells_are_confirmed_but_asserted_by_the_map() -> None:
    """Audit defect 6: a caller's "stated" is kept (an authority's map is the authority) but
    is told apart from the library's own stated cells by ``asserted_by``."""
    tony = ("Severe", "Temporary", "Advanced")
    ours = derive_isr(*tony)
    assert (ours.confirmed, ours.asserted_by) == (True, None)
    assert str(ours).endswith("; confirmed by the source)")
    loaded = LogicMap.from_rows(plain_rows(), name="Figure 1", provenance="stated")
    theirs = derive_isr(*tony, logic_map=loaded)
    assert (theirs.confirmed, theirs.provenance, theirs.asserted_by) == (
        True,
        Provenance.STATED,
        "Figure 1",
    )
    assert theirs.citations[0].source == CALLER_SOURCE
    assert str(theirs).endswith("; stated, as map 'Figure 1' says)")
    assert ours.model_dump(exclude={"logic_map", "logic_map_digest", "asserted_by"}) != (
        theirs.model_dump(exclude={"logic_map", "logic_map_digest", "asserted_by"})
    )  # the citations differ too
    # Unconfirmed cells of a loaded map are also the map's assertion.
    assert derive_isr("Death", logic_map=LogicMap.from_rows(plain_rows())).asserted_by
    # A map that copies the library's cells exactly (citations and all) holds the library's
    # own claims, so nothing is asserted by it; a copied citation on another path is asserted.
    copy = LogicMap.from_rows(LogicMap.default().to_rows(grid=True), name="grid copy")
    for key, answer in ((v.key, derive_isr(*v.key, logic_map=copy)) for v in copy.vectors()
                        if v.isr is not None):  # fmt: skip
        assert answer.asserted_by is None, key
    rows = LogicMap.default().to_rows()
    tony_row = rows[index_of(rows, *tony)]
    moved = {**tony_row, "treatment": "Intermediate"}
    rows[index_of(rows, "Severe", "Temporary", "Intermediate")] = moved
    spoofed = derive_isr("Severe", "Temporary", "Intermediate", logic_map=LogicMap.from_rows(rows))
    assert (spoofed.confirmed, spoofed.asserted_by is not None) == (True, True)
    assert derive_isr(*tony, logic_map=LogicMap.from_rows(rows)).asserted_by is None


def test_a_loaded_map_changes_the_answer() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Severe", "Temporary", "Intermediate")]["isr"] = "ISR 1"
    loaded = LogicMap.from_rows(rows)
    assert derive_isr("Severe", "Temporary", "Intermediate", logic_map=loaded).isr is Isr.SEVERE
    assert derive_isr("Severe", "Temporary", "Intermediate").isr is Isr.MODERATE


def test_labels_and_columns_are_read_in_any_reasonable_spelling() -> None:
    rows = [
        {
            "Level of harm": f" {r['harm'].upper()} ",
            "Duration of harm": "-" if r["duration"] is None else r["duration"].lower(),
            "Level of treatment/care": "n/a" if r["treatment"] is None else r["treatment"],
            "ISR": f"ISR {r['isr']}",
        }
        for r in plain_rows()
    ]
    assert LogicMap.from_rows(rows) == LogicMap.from_rows(plain_rows())
    snake = [
        {"level_of_harm": r["harm"], "duration_of_harm": r["duration"], "treatment": r["treatment"],
         "Clinical ISR": str(Isr(r["isr"]))}
        for r in plain_rows()
    ]  # fmt: skip
    assert LogicMap.from_rows(snake) == LogicMap.from_rows(plain_rows())


def test_codes_through_a_caller_supplied_code_table() -> None:
    # Illustrative codes of a fictional IMS: the VHIMS MDS codes are not in our sources.
    codes = {
        "harm": {f"H{i}": h for i, h in enumerate(HarmLevel, start=1)},
        "Duration of harm": {"P": "Permanent", "T": HarmDuration.TEMPORARY, 0: None},
        "treatment": {10 + i: t.value for i, t in enumerate(TreatmentLevel)},
        "isr": {"A": 1, "B": 2, "C": 3, "D": 4},
    }
    inverse_h = {h.value: f"H{i}" for i, h in enumerate(HarmLevel, start=1)}
    inverse_t = {t.value: str(10 + i) for i, t in enumerate(TreatmentLevel)}
    rows = [
        {
            "harm": inverse_h[r["harm"]],
            "duration": {None: "0", "Permanent": "p", "Temporary": "T"}[r["duration"]],
            "treatment": "" if r["treatment"] is None else inverse_t[r["treatment"]],
            "isr": "ABCD"[r["isr"] - 1],
        }
        for r in plain_rows()
    ]
    assert LogicMap.from_rows(rows, codes=codes) == LogicMap.from_rows(plain_rows())


@pytest.mark.parametrize(
    ("codes", "field", "message"),
    [
        ("H1=Death", "codes", "expected a mapping"),
        ({"colour": {"1": "Red"}}, "codes", "'colour' is not an element"),
        ({"harm": ["Death"]}, "codes.harm", "expected a mapping of code to label"),
        ({"harm": {"1": "Death", " 1 ": "Severe"}}, "codes.harm", "stands for both"),
        ({"harm": {True: "Death"}}, "codes.harm", "non-empty text or whole numbers"),
        ({"harm": {"1": "Catastrophic"}}, "codes.harm['1']", "not an allowed value"),
    ],
)
def test_a_malformed_code_table_is_refused_naming_it(codes: Any, field: str, message: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_rows(plain_rows(), codes=codes)
    assert caught.value.field == field
    assert message in str(caught.value)


def test_maps_pickle_and_are_immutable() -> None:
    loaded = LogicMap.from_rows(illogical_left_out(), name="holes")
    for logic_map in (LogicMap.default(), loaded):
        copy = pickle.loads(pickle.dumps(logic_map))
        assert copy == logic_map
        assert (copy.name, copy.findings) == (logic_map.name, logic_map.findings)
        assert logic_map.diff(copy) == ()
    with pytest.raises(AttributeError):
        LogicMap.default()._cells = ()


def test_logic_map_takes_only_rows() -> None:
    with pytest.raises(CaseReviewError, match=r"rows\[0\]: expected a LogicMapRow"):
        LogicMap([{"harm": "Death"}])  # type: ignore[list-item]
    rows = list(LogicMap.default())
    assert LogicMap(rows) == LogicMap.default()
    assert isinstance(rows[0], LogicMapRow)
    assert rows[0].harm is HarmLevel.DEATH


# --------------------------------------------------------------------------- findings, not refusals


def test_an_incomplete_map_loads_with_a_finding_and_refuses_to_guess() -> None:
    rows = plain_rows()
    del rows[index_of(rows, "Moderate", "Temporary", "Minor")]
    loaded = LogicMap.from_rows(rows)
    (finding,) = loaded.findings
    assert isinstance(finding, MapFinding)
    assert isinstance(finding, Finding)
    assert (finding.code, finding.severity) == ("vhims.map.complete", Severity.WARNING)
    assert finding.cells == ("vhims.isr.path.moderate-temporary-minor",)
    assert "Moderate → Temporary → Minor" in finding.message
    with pytest.raises(NotRatedError) as caught:
        derive_isr("Moderate", "Temporary", "Minor", logic_map=loaded)
    assert isinstance(caught.value, CaseReviewError)
    assert "does not rate Moderate / Temporary / Minor" in str(caught.value)
    with pytest.raises(LogicMapError, match=r"vhims\.map\.complete.*strict=True"):
        LogicMap.from_rows(rows, strict=True)


def test_a_map_missing_a_whole_harm_has_one_finding_for_it() -> None:
    loaded = LogicMap.from_rows([r for r in plain_rows() if r["harm"] != "Death"])
    unrated = [f for f in loaded.findings if f.code == "vhims.map.complete"]
    assert len(unrated) == 1
    assert "any combination under Death" in unrated[0].message
    assert len(unrated[0].cells) == 1  # the prefix; the message says it covers all of them
    with pytest.raises(NotRatedError):
        derive_isr("Death", logic_map=loaded)


def test_an_empty_map_is_malformed() -> None:
    error = refused([])
    assert "no rows" in str(error)


def test_a_non_monotone_map_loads_with_a_finding_and_derives_the_loaded_isr() -> None:
    """Must be shown (issue 11)."""
    rows = plain_rows()
    rows[index_of(rows, "Severe", "Temporary", "Minor")]["isr"] = 1
    loaded = LogicMap.from_rows(rows)
    (finding,) = loaded.findings
    assert (finding.code, finding.severity) == ("vhims.map.monotone", Severity.WARNING)
    assert finding.message == (
        "Non-monotone (Intermediate is more care than Minor): Severe → Temporary → Intermediate "
        "(ISR 2, rows[4]) is less severe than Severe → Temporary → Minor (ISR 1, rows[5])."
    )
    assert finding.rows == (4, 5)
    assert finding.cells == (
        "vhims.isr.path.severe-temporary-intermediate",
        "vhims.isr.path.severe-temporary-minor",
    )
    assert derive_isr("Severe", "Temporary", "Minor", logic_map=loaded).isr is Isr.SEVERE
    with pytest.raises(LogicMapError, match="strict=True"):
        LogicMap.from_rows(rows, strict=True)


def test_permanent_less_severe_than_temporary_is_a_finding() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Moderate", "Permanent")]["isr"] = 2
    rows[index_of(rows, "Moderate", "Temporary", "Advanced")]["isr"] = 1
    (finding,) = LogicMap.from_rows(rows).findings
    assert finding.message == (
        "Non-monotone (Permanent rather than Temporary): Moderate → Permanent (ISR 2, rows[7]) "
        "is less severe than Moderate → Temporary → Advanced (ISR 1, rows[8])."
    )


def test_more_harm_less_severe_is_a_finding_per_pair_of_cells() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Death")]["isr"] = 2
    findings = LogicMap.from_rows(rows).findings
    assert {f.code for f in findings} == {"vhims.map.monotone"}
    assert all("Death is more harm than Severe" in f.message for f in findings)
    assert "Death (ISR 2, rows[0]) is less severe than Severe → Permanent (ISR 1, rows[2])" in (
        findings[0].message
    )


def test_a_serious_sexual_safety_event_is_not_ranked_against_severe() -> None:
    rows = plain_rows()
    rows[index_of(rows, "Moderate", "Permanent")]["isr"] = 2
    rows[index_of(rows, "Moderate", "Temporary", "Advanced")]["isr"] = 2
    rows[index_of(rows, "Serious Sexual Safety Event")]["isr"] = 2
    loaded = LogicMap.from_rows(rows)
    # Ranked only above Moderate: no monotone finding. (Moderate now rates 2 whatever the
    # duration and care, so its path ends at the harm, which Rebecca's case contradicts.)
    assert codes_of(loaded) == ["vhims.map.worked-examples"]
    assert "'Case: Rebecca': the guidance uses harm, duration, treatment" in (
        loaded.findings[0].message
    )
    assert derive_isr("serious sexual safety event", logic_map=loaded).isr is Isr.MODERATE
    rows[index_of(rows, "Serious Sexual Safety Event")]["isr"] = 3
    below = LogicMap.from_rows(rows).findings
    assert any("Serious Sexual Safety Event is more harm than Moderate" in f.message for f in below)


def test_moderate_or_severe_rated_3_or_4_loads_with_findings() -> None:
    rows = plain_rows()
    for treatment in ("Minor", "No additional treatment and care"):
        rows[index_of(rows, "Moderate", "Temporary", treatment)]["isr"] = 3
    loaded = LogicMap.from_rows(rows)
    serious = [f for f in loaded.findings if f.code == "vhims.map.serious-harm-isr-1-or-2"]
    assert [f.rows for f in serious] == [(10,), (11,)]
    assert [f.field for f in serious] == ["rows[10]", "rows[11]"]
    assert serious[0].message.startswith("Moderate → Temporary → Minor (ISR 3, rows[10]):")
    assert derive_isr("Moderate", "Temporary", "Minor", logic_map=loaded).isr is Isr.MINOR


@pytest.mark.parametrize(
    ("harm", "duration", "treatment", "wrong", "case"),
    [
        ("Moderate", "Temporary", "Intermediate", 1, "Rebecca"),
        ("Minor", None, None, 2, "Harry"),
        ("Severe", "Temporary", "Advanced", 2, "Tony"),
        ("No harm", None, None, 3, "Emma"),
    ],
)
def test_disagreeing_with_a_worked_example_is_a_finding(
    harm: str, duration: str | None, treatment: str | None, wrong: int, case: str
) -> None:
    rows = plain_rows()
    i = index_of(rows, harm, duration, treatment)
    rows[i]["isr"] = wrong
    loaded = LogicMap.from_rows(rows)
    mentions = [f for f in loaded.findings if f"'Case: {case}'" in f.message]
    assert len(mentions) == 1
    assert mentions[0].code == "vhims.map.worked-examples"
    assert i in mentions[0].rows  # with the rows its cell now merges (Tony: all of Severe/Temp)
    assert derive_isr(harm, duration, treatment, logic_map=loaded).isr == wrong


def test_the_path_ends_where_the_ratings_stop_changing() -> None:
    """A map that asks Minor's duration but rates both the same is Minor alone (no finding)."""
    rows = [r for r in plain_rows() if r["harm"] != "Minor"]
    rows += [
        {"harm": "Minor", "duration": d, "treatment": None, "isr": 3}
        for d in ("Permanent", "Temporary")
    ]
    loaded = LogicMap.from_rows(rows)
    assert loaded.findings == ()
    assert derive_isr("Minor", logic_map=loaded).elements_used == ("harm",)
    assert LogicMap.default().diff(loaded) == ()


def test_a_map_where_tony_ends_before_the_treatment_is_a_finding() -> None:
    rows = [r for r in plain_rows() if (r["harm"], r["duration"]) != ("Severe", "Temporary")]
    rows.append({"harm": "Severe", "duration": "Temporary", "treatment": None, "isr": 1})
    loaded = LogicMap.from_rows(rows)
    tony = [f for f in loaded.findings if "'Case: Tony'" in f.message]
    assert len(tony) == 1
    assert "the guidance uses harm, duration, treatment" in tony[0].message
    assert derive_isr("Severe", logic_map=loaded).isr is Isr.SEVERE  # Severe alone decides


def test_a_map_where_harry_needs_a_duration_is_a_finding() -> None:
    rows = [r for r in plain_rows() if r["harm"] != "Minor"]
    rows += [
        {"harm": "Minor", "duration": "Permanent", "treatment": None, "isr": 2},
        {"harm": "Minor", "duration": "Temporary", "treatment": None, "isr": 3},
    ]
    findings = LogicMap.from_rows(rows).findings
    harry = [f for f in findings if "'Case: Harry'" in f.message]
    assert harry[0].message == (
        "Contradicts the worked example 'Case: Harry': the guidance derives ISR 3 from Minor "
        "alone, but this map also needs the duration."
    )


def test_every_kind_of_finding_at_once() -> None:
    rows = plain_rows()
    rows[index_of(rows, "No harm")]["isr"] = 3
    rows[index_of(rows, "Moderate", "Temporary", "Minor")]["isr"] = 4
    loaded = LogicMap.from_rows(rows)
    assert set(codes_of(loaded)) == {
        "vhims.map.serious-harm-isr-1-or-2",
        "vhims.map.worked-examples",
        "vhims.map.monotone",
    }
    error = refused(rows, strict=True)
    assert len(error.problems) == len(loaded.findings)


# --------------------------------------------------------------------------- refusals


def test_an_ambiguous_map_is_refused_naming_both_rows() -> None:
    """Must be shown (issue 11)."""
    rows = plain_rows()
    rows.append({"harm": "Severe", "duration": "Permanent", "treatment": None, "isr": 2})
    error = refused(rows)
    assert error.problems == (
        "ambiguous: rows[2] (Severe → Permanent → ISR 1) and rows[14] (Severe → Permanent → "
        "ISR 2) give two ISRs for the path Severe → Permanent [vhims.map.unambiguous]",
    )
    assert error.rows == (2, 14)


def test_a_grid_row_that_contradicts_a_path_row_is_ambiguous() -> None:
    rows = plain_rows()
    rows.append({"harm": "Death", "duration": "Temporary", "treatment": "Minor", "isr": 2})
    error = refused(rows)
    assert error.problems == (
        "ambiguous: rows[0] (Death → ISR 1) and rows[14] (Death → Temporary → Minor → ISR 2) "
        "give two ISRs for Death → Temporary → Minor [vhims.map.unambiguous]",
    )


def test_rows_that_agree_overlap_harmlessly() -> None:
    rows = plain_rows()
    rows.append({"harm": "Minor", "duration": "Temporary", "treatment": None, "isr": 3})
    loaded = LogicMap.from_rows(rows)
    (finding,) = loaded.findings
    assert (finding.code, finding.severity, finding.rows) == (
        "vhims.map.overlapping-rows",
        Severity.INFO,
        (12, 14),
    )
    assert LogicMap.default().diff(loaded) == ()


def test_a_path_that_skips_the_duration_is_malformed() -> None:
    rows = plain_rows()
    rows.append({"harm": "Death", "duration": None, "treatment": "Advanced", "isr": 1})
    error = refused(rows)
    assert "skips the duration of harm" in str(error)
    assert error.rows == (14,)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"harm": "Catastrophic"}, "rows[0].harm"),
        ({"duration": "Forever"}, "rows[0].duration"),
        ({"treatment": "Lots"}, "rows[0].treatment"),
        ({"isr": 5}, "rows[0].isr"),
        ({"isr": "five"}, "rows[0].isr"),
        ({"isr": "\u00b9"}, "rows[0].isr"),
        ({"harm": TreatmentLevel.MINOR}, "rows[0].harm"),
        ({"provenance": "rumour"}, "rows[0].provenance"),
    ],
)
def test_unknown_labels_in_rows_are_refused_naming_the_row(
    change: dict[str, Any], field: str
) -> None:
    rows = plain_rows()
    rows[0].update(change)
    error = refused(rows)
    assert error.rows == (0,)
    (cause,) = error.errors
    assert isinstance(cause, UnknownValueError)
    assert cause.field == field


def test_every_malformed_row_is_named_at_once() -> None:
    rows = plain_rows()
    rows[1]["harm"] = "Catastrophic"
    rows[5]["isr"] = None
    rows.append(["Death", 1])  # type: ignore[arg-type]
    error = refused(rows)
    assert error.rows == (1, 5, 14)
    assert [e.field for e in error.errors] == ["rows[1].harm", "rows[5].isr", "rows[14]"]
    assert "rows[5].isr is required" in str(error)


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        ([{"isr": 1}], "rows[0].harm", "rows[0].harm is required"),
        ([{"harm": "Death", "isr": 1, "Level of harm": "Death"}], "rows[0]", "two columns"),
        ([{"harm": "Death", "isr": 1, "note": 7}], "rows[0].note", "expected text"),
        ([{"harm": "Death", "isr": 1, "citation": "x"}], "rows[0].citation", "expected"),
    ],
)
def test_malformed_rows_are_refused_naming_the_field(rows: Any, field: str, message: str) -> None:
    error = refused(rows)
    assert [e.field for e in error.errors] == [field]
    assert message in str(error)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"harm": "Death", "isr": 1}, "expected a list"),
        (None, "expected a list"),
        (5, "expected a list"),
        ("harm,isr", "not a single string"),
    ],
)
def test_rows_that_are_not_a_list_are_refused_naming_rows(rows: Any, message: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_rows(rows)
    assert caught.value.field == "rows"
    assert message in str(caught.value)


def test_unknown_columns_are_ignored_and_listed() -> None:
    rows = [dict(r, colour="red", id=i) for i, r in enumerate(plain_rows())]
    loaded = LogicMap.from_rows(rows)
    (finding,) = loaded.findings
    assert finding.code == "vhims.map.ignored-columns"
    assert "'colour', 'id'" in finding.message
    assert LogicMap.default().diff(loaded) == ()
    with pytest.raises(LogicMapError):
        LogicMap.from_rows(rows, strict=True)


@pytest.mark.parametrize("source", ["", "   ", None, 5])
def test_a_blank_or_non_text_source_is_refused_naming_it(source: Any) -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_rows(plain_rows(), source=source)
    assert caught.value.field == "source"


@pytest.mark.parametrize("strict", ["yes", 1, None])
def test_strict_is_an_option_not_a_truthy_value(strict: Any) -> None:
    with pytest.raises(CaseReviewError) as caught:
        LogicMap.from_rows(plain_rows(), strict=strict)
    assert caught.value.field == "strict"


def test_a_map_of_thousands_of_repeated_rows_is_read_in_one_pass() -> None:
    """Linear in the rows: 10,000 copies of one row give one overlap finding, and 5,000 rows
    against 5,000 others are refused with every row named and the message kept short."""
    repeated = LogicMap.from_rows([{"harm": "Death", "isr": 1}] * 10_000)
    overlaps = [f for f in repeated.findings if f.code == "vhims.map.overlapping-rows"]
    assert len(overlaps) == 1
    assert len(overlaps[0].rows) == 10_000
    assert "and 9996 more rows" in overlaps[0].message
    rows = [{"harm": "Death", "isr": 1}] * 5_000 + [{"harm": "Death", "isr": 2}] * 5_000
    error = refused(rows)
    assert error.rows == tuple(range(10_000))
    assert len(str(error).splitlines()) == 1 + 50 + 1


def test_a_dataframe_of_rows_is_read_as_its_records() -> None:
    """pandas is optional: anything named DataFrame with to_dict("records") is read so; a
    missing cell (NaN) is blank."""

    class DataFrame:
        def __init__(self, records: list[dict[str, Any]]) -> None:
            self.records = records

        def to_dict(self, orient: str) -> list[dict[str, Any]]:
            assert orient == "records"
            return self.records

    records = [
        {k: float("nan") if v is None else v for k, v in row.items()} for row in plain_rows()
    ]
    assert LogicMap.from_rows(DataFrame(records)) == LogicMap.from_rows(plain_rows())  # type: ignore[arg-type]
