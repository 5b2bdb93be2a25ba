"""Checks every rulebook is held to: cited rules, honest provenance, documented names.

A rulebook is a subpackage of casereview exporting ``RULES`` (every :class:`Rule` it applies) and
``__all__``. Its guide is ``docs/<name>.md`` and its API reference ``docs/api/<name>.md``, with
``_`` in the package name written ``-`` (``kentucky_cqi`` -> ``docs/kentucky-cqi.md``).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import casereview
from casereview.findings import Provenance, Rule
from casereview.sources import SOURCES, SourceKind
from tests.helpers import ROOT, normalise_text, seed_text

SURFACES = frozenset({"analysis", "server"})
"""Subpackages that are surfaces over the rulebooks, not rulebooks (they hold no rules)."""
RULEBOOKS: list[ModuleType] = [
    importlib.import_module(f"casereview.{info.name}")
    for info in pkgutil.iter_modules(casereview.__path__)
    if info.ispkg and info.name not in SURFACES
]
RULES: list[tuple[str, Rule]] = [
    (book.__name__.rsplit(".", 1)[1], rule) for book in RULEBOOKS for rule in book.RULES
]


def _ids(value: object) -> str:
    if isinstance(value, ModuleType):
        return value.__name__
    if isinstance(value, tuple) and isinstance(value[1], Rule):
        return value[1].id
    return repr(value)


@pytest.mark.parametrize("book", RULEBOOKS, ids=_ids)
def test_rulebook_exports_rules_and_documents_them(book: ModuleType) -> None:
    name = book.__name__.rsplit(".", 1)[1]
    page = name.replace("_", "-")
    rules: tuple[Rule, ...] = book.RULES
    assert rules, f"{name} exports no rules"
    assert all(isinstance(r, Rule) for r in rules)
    guide = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    undocumented = [r.id for r in rules if r.id not in guide]
    assert not undocumented, f"docs/{page}.md does not show rules {undocumented}"
    api = (ROOT / "docs" / "api" / f"{page}.md").read_text(encoding="utf-8")
    missing = [n for n in book.__all__ if f"`{n}" not in api]
    assert not missing, f"docs/api/{page}.md does not describe {missing}"


def test_rule_ids_are_unique_and_namespaced() -> None:
    ids = [rule.id for _, rule in RULES]
    assert len(ids) == len(set(ids)), "duplicate rule ids"
    for name, rule in RULES:
        assert rule.id.startswith(f"{name}."), f"{rule.id} is not namespaced under {name}."


@pytest.mark.parametrize(("book", "rule"), RULES, ids=_ids)
def test_rule_citation_is_honest(book: str, rule: Rule) -> None:
    citation = rule.citation
    assert citation.source in SOURCES, f"{rule.id} cites unknown source {citation.source!r}"
    kind = SOURCES[citation.source].kind
    if citation.provenance is Provenance.STATED:
        assert kind is SourceKind.SEED, f"{rule.id}: only a seed can make a rule 'stated'"
        assert citation.quote, f"{rule.id}: a stated rule quotes the sentence it implements"
    if citation.provenance is Provenance.SECONDARY:
        assert kind is not SourceKind.SEED or citation.note, f"{rule.id}: say what is secondary"
    if citation.provenance is Provenance.INFERRED:
        assert citation.note, f"{rule.id}: an inferred rule gives its reasoning in the note"
    if citation.quote and kind is SourceKind.SEED:
        text = seed_text(citation.source)
        assert normalise_text(citation.quote) in text, f"{rule.id}: quote not found in the seed"
        assert normalise_text(citation.section) in text, f"{rule.id}: section not in the seed"
