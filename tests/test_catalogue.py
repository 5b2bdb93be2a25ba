"""The rule catalogue holds every rule a decision can use, each with its citation.

Three ways a rule could escape the catalogue, each closed by a test here:

* a rulebook declares a ``Rule`` at module level and forgets to put it in ``RULES``;
* a rulebook's code names a rule id (a string literal) that no catalogue entry has;
* a decision, run over the sources' worked examples and over every input combination of the
  decision tables (and Hypothesis data), produces a finding or result whose rule id or citation
  is not in the catalogue.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import itertools
import json
import pkgutil
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from pydantic import BaseModel

import casereview
from casereview import catalogue as cat
from casereview.catalogue import RULEBOOKS, RuleEntry, catalogue, catalogue_records
from casereview.errors import CaseReviewError
from casereview.findings import Citation, Finding, Provenance, Rule
from casereview.sources import SOURCES
from casereview.testing import isr_elements

IDS = {e.id: e for e in catalogue()}
CITATIONS = {e.citation for e in catalogue()}


def _book(name: str) -> ModuleType:
    return importlib.import_module(f"casereview.{name}")


def _modules(name: str) -> Iterator[ModuleType]:
    package = _book(name)
    yield package
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        yield importlib.import_module(info.name)


# --------------------------------------------------------------------------- the catalogue


def test_rulebooks_are_the_packages() -> None:
    packages = {i.name for i in pkgutil.iter_modules(casereview.__path__) if i.ispkg}
    books = {p for p in packages if hasattr(_book(p), "RULES")}
    assert books == set(RULEBOOKS)


def test_ids_are_unique() -> None:
    ids = [e.id for e in catalogue()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", RULEBOOKS)
def test_every_rule_of_rules_is_catalogued_with_its_citation(name: str) -> None:
    rules: tuple[Rule, ...] = _book(name).RULES
    assert rules
    for rule in rules:
        found = IDS[rule.id]
        assert found.rulebook == name
        assert found.citation == rule.citation
        assert found.provenance is rule.citation.provenance
        assert found.statement == " ".join(rule.title.split())
    assert [e.id for e in catalogue(name) if e.kind == "rule" or e.kind == "logic-map-cell"] == [
        r.id for r in rules
    ]


def test_logic_map_cells_and_regimes_are_catalogued() -> None:
    from casereview.cims import RULESETS
    from casereview.vhims import LogicMap

    for row in LogicMap.default():
        found = IDS[row.rule_id]
        assert found.kind == "logic-map-cell"
        assert found.citation == row.citation
        assert found.provenance is row.provenance
        assert f"ISR {row.isr.value}" in found.statement
    regimes = [e for e in catalogue("cims") if e.kind == "regime"]
    assert [e.regime for e in regimes] == [r.id for r in RULESETS]
    for entry, ruleset in zip(regimes, RULESETS, strict=True):
        assert ruleset.title in entry.statement
        assert ("not implemented" in entry.statement) is not ruleset.implemented


def test_each_regime_cites_the_source_of_its_start_date() -> None:
    from casereview.cims import RULESETS

    regimes = {e.regime: e for e in catalogue("cims") if e.kind == "regime"}
    assert {k: e.citation.source for k, e in regimes.items()} == {
        "cims-2017": "cims-guide-2017",
        "cims-2020": "cims-guide-2020",
        "cims-2024": "dffh-cims-2024-pages",
    }
    commencement = regimes["cims-2024"].citation
    assert commencement.quote is not None
    assert "9 December 2024" in commencement.quote
    # A note of its own: not the ruleset-selection rule's, and no two alike.
    selection = cat.entry("cims.ruleset.by-submission-date").note
    notes = [e.note for e in regimes.values()]
    assert selection not in notes
    assert len(set(notes)) == len(notes)
    for ruleset in RULESETS:
        assert regimes[ruleset.id].unknown == ruleset.unknown
    assert "implemented: investigation triggers only" in regimes["cims-2024"].statement
    block = cat.entry_markdown(regimes["cims-2024"])
    assert all(f"- {gap}" in block for gap in regimes["cims-2024"].unknown)
    assert (
        len(regimes["cims-2024"].unknown) == 6
    )  # review, timeframe, content, extension, types, volunteer


def test_a_secondary_paraphrase_is_labelled_and_says_how_the_source_is_known() -> None:
    from casereview.sources import SourceKind

    shown = 0
    for e in catalogue():
        block = cat.entry_markdown(e)
        source = SOURCES[e.citation.source]
        if source.kind is SourceKind.SECONDARY:
            assert f"Known via: {source.known_via}." in block, e.id
            assert f"Address: {source.location or 'not recorded'}." in block, e.id
        else:
            assert "Known via: " not in block, e.id
        if e.note and not e.citation.quote and e.provenance is not Provenance.INFERRED:
            assert "Summary (not a quote): " in block, e.id
            shown += 1
        else:
            assert "Summary (not a quote)" not in block, e.id
    assert shown  # the VHIMS review levels and deadlines, among others


def test_entries_are_honest() -> None:
    for e in catalogue():
        assert e.citation.source in SOURCES, e.id
        assert "\n" not in e.statement, e.id
        assert e.note == e.citation.note
        assert e.provenance is e.citation.provenance
        if e.provenance is Provenance.INFERRED:
            assert e.note, f"{e.id}: inferred without reasoning"
        if e.provenance is Provenance.STATED:
            assert e.citation.quote, f"{e.id}: stated without the sentence"


def test_cims_regimes_of_rules() -> None:
    assert cat.entry("cims.ruleset.by-submission-date").regime is None
    assert cat.entry("cims.review.on-time").regime == "cims-2020"
    assert cat.entry("vhims.isr.path.minor").regime == "VHIMS MDS v2"
    assert cat.entry("vhims.candour.apology").regime is None


def test_records_are_json_and_round_trip() -> None:
    records = catalogue_records()
    text = json.dumps(records)
    back = [
        RuleEntry.model_validate({k: v for k, v in r.items() if k != "source_title"})
        for r in json.loads(text)
    ]
    assert tuple(back) == catalogue()
    assert all(r["source_title"] == SOURCES[r["citation"]["source"]].title for r in records)


def test_markdown_shows_every_entry_with_its_quote_and_reasoning() -> None:
    text = cat.catalogue_markdown()
    for e in catalogue():
        block = cat.entry_markdown(e)
        assert block in text
        assert f"`{e.id}`" in block
        if e.citation.quote:
            first = e.citation.quote.strip().splitlines()[0]
            assert f"> {first}" in block
        if e.provenance is Provenance.INFERRED:
            assert "Reasoning: " in block


def test_unknown_rulebook_and_rule_are_refused() -> None:
    with pytest.raises(CaseReviewError, match=r"^rulebook: "):
        catalogue("nope")
    with pytest.raises(CaseReviewError, match=r"^rule: "):
        cat.entry("vhims.nope")


# --------------------------------------------------------------------------- static checks


def _rules_in(value: object) -> Iterator[Rule]:
    if isinstance(value, Rule):
        yield value
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _rules_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _rules_in(item)


@pytest.mark.parametrize("name", RULEBOOKS)
def test_no_module_level_rule_is_left_out(name: str) -> None:
    listed = {r.id for r in _book(name).RULES}
    for module in _modules(name):
        for attr, value in vars(module).items():
            for rule in _rules_in(value):
                assert rule.id in listed, f"{module.__name__}.{attr}: {rule.id} is not in RULES"
                assert IDS[rule.id].citation == rule.citation


@pytest.mark.parametrize("name", RULEBOOKS)
def test_every_rule_id_named_in_the_code_is_catalogued(name: str) -> None:
    pattern = re.compile(rf"^{name}\.[a-z0-9]+(?:[.-][a-z0-9]+)+$")
    named: set[str] = set()
    for module in _modules(name):
        assert module.__file__ is not None
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        named |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and pattern.match(node.value)
        }
    # (under1roof writes its ids without the prefix; its findings are checked below)
    assert sorted(named - IDS.keys()) == []


# --------------------------------------------------------------------------- dynamic checks


class _Seen:
    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.citations: set[Citation] = set()

    def walk(self, value: object) -> None:
        if isinstance(value, Finding):
            self.ids.add(value.code)
        if isinstance(value, Citation):
            self.citations.add(value)
            return
        if isinstance(value, BaseModel):
            rule_id = getattr(value, "rule_id", None)
            if isinstance(rule_id, str):
                self.ids.add(rule_id)
            for field in type(value).model_fields:
                self.walk(getattr(value, field))
        elif isinstance(value, tuple | list | set | frozenset):
            for item in value:
                self.walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                self.walk(item)

    def call(self, fn: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        with contextlib.suppress(CaseReviewError):  # a refusal is no decision
            self.walk(fn(*args, **kwargs))

    def check(self) -> None:
        assert self.ids, "no decision ran"
        assert sorted(self.ids - IDS.keys()) == [], "rule ids used with no catalogue entry"
        uncited = [c for c in self.citations if c not in CITATIONS]
        assert uncited == [], "citations used that no catalogue entry has"


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Seen]:
    """Records every finding made (through any path) while the test runs, then checks them."""
    record = _Seen()
    original = Finding.__init__

    def spy(self: Finding, /, **data: Any) -> None:
        original(self, **data)
        record.walk(self)

    monkeypatch.setattr(Finding, "__init__", spy)
    yield record
    record.check()


def test_demo_sections(seen: _Seen) -> None:
    from casereview._demo import SECTIONS

    ids = re.compile(r"\b(?:vhims|cims|kentucky_cqi|under1roof)\.[a-z0-9]+(?:[.-][a-z0-9]+)+")
    for _, section in SECTIONS:
        for line in section():
            seen.ids |= set(ids.findall(line))


def test_vhims_decisions(seen: _Seen) -> None:
    from casereview import vhims as v

    for example in v.WORKED_EXAMPLES:
        seen.call(v.derive_isr, example.harm, example.duration, example.treatment)
    for harm, duration, treatment in itertools.product(
        v.HarmLevel, (None, *v.HarmDuration), (None, *v.TreatmentLevel)
    ):
        seen.call(v.derive_isr, harm, duration, treatment)
        seen.call(v.check_consistency, harm, duration, treatment)
    for isr, sentinel, issues in itertools.product(v.Isr, (False, True), (None, False, True)):
        seen.call(
            v.review_requirement, isr, sentinel_event=sentinel, system_or_process_issues=issues
        )
    seen.call(v.sentinel_event_deadlines, aware_on=date(2024, 3, 1))
    seen.call(v.sentinel_event_deadlines, aware_on=date(2024, 3, 1), notified_on=date(2024, 3, 4))
    when = datetime(2024, 4, 5, 9, tzinfo=ZoneInfo("Australia/Melbourne"))
    seen.call(v.duty_of_candour_deadlines, identified_at=when)
    seen.walk(v.LogicMap.default().results)


@given(isr_elements())
def test_vhims_hypothesis(elements: tuple[Any, Any, Any]) -> None:
    from casereview.vhims import derive_isr

    record = _Seen()
    record.call(derive_isr, *elements)
    assert record.ids <= IDS.keys()
    assert record.citations <= CITATIONS


def test_cims_decisions(seen: _Seen) -> None:
    from casereview import cims as c

    for impact, kind, subject, systemic, submitted in itertools.product(
        c.Impact,
        c.IncidentType,
        (None, *c.AllegationSubject),
        (None, False, True),
        (None, date(2023, 5, 1)),
    ):
        seen.call(
            c.required_follow_up,
            impact,
            kind,
            subject_of_allegation=subject,
            systemic_factors=systemic,
            submitted_on=submitted,
        )
    seen.call(c.case_review_due, date(2024, 9, 20))
    for follow_up in c.FollowUp:
        seen.call(c.extension_decision, follow_up)
    seen.call(c.validate_case_review, {})
    seen.call(c.validate_case_review, {"endorsed_on": "2024-09-20", "review_date": "2025-01-01"})
    kind = next(iter(c.IncidentType))
    one, two = (
        c.ClientIncident(
            id=f"i{n}", client="c", incident_type=kind, impact=c.Impact.MAJOR, occurred_on=day
        )
        for n, day in enumerate((date(2024, 1, 1), date(2024, 1, 3)))
    )
    seen.call(c.can_combine, [one, two], window=timedelta(days=7))
    seen.call(c.can_combine, [one, two], window=timedelta(days=1))


def test_kentucky_cqi_decisions(seen: _Seen) -> None:
    from casereview import kentucky_cqi as k
    from casereview.calendar import BusinessCalendar

    seen.call(k.monthly_schedule, 2024, 6)
    seen.call(k.monthly_schedule, 2024, 6, calendar=BusinessCalendar.kentucky())
    for day in (5, 12, 26):
        seen.call(k.steps_due, 2024, 6, date(2024, 7, day))
    seen.call(k.check_caps, first_level={"a": 5}, regional={"r": 19})
    seen.call(k.period_under_review, date(2024, 6, 15))
    seen.call(k.referral_in_scope, date(2024, 6, 15), occurred_on=date(2023, 1, 1))
    seen.call(k.referral_in_scope, date(2024, 6, 15), occurred_on=date(2024, 1, 1))
    for reason, flagged in itertools.product(k.VacancyReason, (False, True)):
        seen.call(k.vacant_position_outcome, reason, flagged_for_regional_review=flagged)
    for why in k.SubstitutionReason:
        seen.call(
            k.substitution_decision,
            {"reason": why, "pull_year": 2024, "pull_month": 6, "requested_on": "2024-06-10"},
        )
    seen.call(k.validate_review_record, {})


def test_under1roof_decisions(seen: _Seen) -> None:
    from casereview import under1roof as u

    seen.call(u.validate_review, {})
    seen.call(u.validate_review, u.ReviewRecord(), scribe_may_double=True)
