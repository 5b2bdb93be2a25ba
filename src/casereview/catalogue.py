"""The rule catalogue: every rule of every rulebook, beside the sentence it implements.

One list, built from the code rather than typed again: each rulebook's ``RULES`` tuple (VHIMS,
CIMS, Kentucky CQI, Under 1 Roof), the cells of the default ISR logic map
(:meth:`casereview.vhims.LogicMap.default`, marked ``logic-map-cell``) and the CIMS regimes
(:data:`casereview.cims.RULESETS`, marked ``regime``). Each :class:`RuleEntry` carries the
rule's id, rulebook, regime, one-line statement, citation (source, section, and a quote in the
source's words where we hold one) and provenance, with the reasoning for an inferred rule.

The catalogue is a surface: it imports the rulebooks, and nothing in the core imports it. The
docs site, ``casereview rules`` and the analyst tools read it.

>>> entries = catalogue()
>>> tony = next(e for e in entries if e.id == "vhims.isr.path.severe-temporary-advanced")
>>> tony.rulebook, tony.kind, tony.provenance.value, tony.citation.section
('vhims', 'logic-map-cell', 'stated', 'Case: Tony')
>>> catalogue_records()[0]["id"] == entries[0].id
True
>>> "vhims.isr.path.severe-temporary-advanced" in catalogue_markdown("vhims")
True
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any, Literal

from pydantic import Field

from casereview._base import FrozenModel
from casereview.errors import UnknownValueError
from casereview.findings import Citation, Provenance, Rule
from casereview.sources import SOURCES, SourceKind

__all__ = [
    "RULEBOOKS",
    "EntryKind",
    "RuleEntry",
    "catalogue",
    "catalogue_markdown",
    "catalogue_records",
    "entry",
    "entry_markdown",
]

RULEBOOKS: tuple[str, ...] = ("vhims", "cims", "kentucky_cqi", "under1roof")
"""The rulebooks, by package name, in the order the catalogue lists them."""

_TITLES = {
    "vhims": "VHIMS clinical Incident Severity Rating",
    "cims": "CIMS case reviews (Victoria)",
    "kentucky_cqi": "Kentucky CQI case reviews",
    "under1roof": "Under 1 Roof multi-agency case review",
}

EntryKind = Literal["rule", "logic-map-cell", "regime"]
"""What an entry is: a rule, a cell of the default ISR logic map, or a CIMS regime."""


class RuleEntry(FrozenModel):
    """One catalogue entry: a rule (or logic-map cell, or regime) beside its source.

    ``statement`` is one line; ``citation`` is the rule's own citation (source id, section,
    quote in the source's words); ``provenance`` repeats the citation's, and ``note`` its
    reasoning (required for an inferred entry). ``regime`` is the ruleset the entry belongs to
    (``"cims-2020"``, ``"VHIMS MDS v2"``), or ``None`` when the rulebook has one regime or the
    rule spans them.
    ``unknown`` lists, for a regime, what it requires that the library does not hold.
    """

    id: str = Field(min_length=1)
    rulebook: str = Field(min_length=1)
    kind: EntryKind = "rule"
    regime: str | None = None
    statement: str = Field(min_length=1)
    citation: Citation
    provenance: Provenance
    note: str | None = None
    unknown: tuple[str, ...] = ()
    """What the entry's regime requires that the library does not hold (a regime's gaps)."""

    @property
    def source_title(self) -> str:
        """The title of the cited source (the id itself for a source the registry lacks)."""
        source = SOURCES.get(self.citation.source)
        return self.citation.source if source is None else source.title


# --------------------------------------------------------------------------- building


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _entry(
    rule: Rule, rulebook: str, *, kind: EntryKind = "rule", regime: str | None = None
) -> RuleEntry:
    return RuleEntry(
        id=rule.id,
        rulebook=rulebook,
        kind=kind,
        regime=regime,
        statement=_one_line(rule.title),
        citation=rule.citation,
        provenance=rule.citation.provenance,
        note=rule.citation.note,
    )


def _vhims() -> Iterator[RuleEntry]:
    from casereview.vhims import RULES, RULESET, LogicMap

    cells = {rule.id: rule for rule in LogicMap.default().rules}
    # ISR derivation, logic-map checks, element consistency and the SAPSE test are the
    # VHIMS MDS v2 model; review levels and the sentinel/candour deadlines come from other rules.
    in_model = ("vhims.isr.", "vhims.map.", "vhims.consistency.", "vhims.sapse.")
    for rule in RULES:
        kind: EntryKind = "logic-map-cell" if rule.id in cells else "rule"
        regime = RULESET if rule.id.startswith(in_model) else None
        yield _entry(rule, "vhims", kind=kind, regime=regime)
    listed = {rule.id for rule in RULES}
    for rule_id, rule in cells.items():  # a cell missing from RULES is still catalogued
        if rule_id not in listed:
            yield _entry(rule, "vhims", kind="logic-map-cell", regime=RULESET)


def _cims() -> Iterator[RuleEntry]:
    from casereview.cims import DEFAULT_RULESET, RULES, RULESETS

    by_source = {ruleset.source: ruleset.id for ruleset in RULESETS}
    ids = {ruleset.id for ruleset in RULESETS}
    for rule in RULES:
        named = [part for part in rule.id.split(".") if part in ids]
        if rule.id.startswith("cims.ruleset."):
            regime = None  # choosing the regime spans them all
        elif named:
            regime = named[0]
        else:
            # The tip sheet and the project's notes describe the implemented (default) regime.
            regime = by_source.get(rule.citation.source, DEFAULT_RULESET.id)
        yield _entry(rule, "cims", regime=regime)
    for ruleset in RULESETS:
        period = f"from {ruleset.effective_from.isoformat()}" + (
            "" if ruleset.effective_to is None else f" to {ruleset.effective_to.isoformat()}"
        )
        scope = _REGIME_SCOPE.get(ruleset.id, "implemented")
        done = scope if ruleset.implemented else "not implemented"
        citation = _REGIME_CITATIONS.get(ruleset.id) or Citation(
            source=ruleset.source,
            section=SOURCES[ruleset.source].title,
            provenance=Provenance.SECONDARY,
            note=SOURCES[ruleset.source].note,
        )
        yield RuleEntry(
            id=f"cims.regime.{ruleset.id}",
            rulebook="cims",
            kind="regime",
            regime=ruleset.id,
            statement=f"Reports submitted {period} are governed by {ruleset.title} ({done})",
            citation=citation,
            provenance=citation.provenance,
            note=citation.note,
            unknown=ruleset.unknown,
        )


# Each regime cites the source that sets its start date, with a note of its own. (A regime added
# to casereview.cims.RULESETS without one here cites its governing document's registry entry.)
_REGIME_CITATIONS: Mapping[str, Citation] = {
    "cims-2017": Citation(
        source="cims-guide-2017",
        section="Commencement (section not recorded)",
        provenance=Provenance.SECONDARY,
        note=(
            "The November 2017 guide governed incident reports submitted from 15 January 2018 "
            "until Policy update 1-2020 took over on 3 February 2020. The dates are known from "
            "the research note's table of regimes (ref-cims), not from a sentence of the guide "
            "we hold. The library does not implement this regime."
        ),
    ),
    "cims-2020": Citation(
        source="cims-guide-2020",
        section="Policy update 1-2020 (applies to incidents submitted 3 February 2020 onwards)",
        provenance=Provenance.SECONDARY,
        note=(
            "Policy update 1-2020 applies to incident reports submitted from 3 February 2020; "
            "the regime ends on 8 December 2024, the day before the 2024 policy commences "
            "(cims.regime.cims-2024). It is the regime of the seed tip sheet and the library's "
            "default."
        ),
    ),
    "cims-2024": Citation(
        source="dffh-cims-2024-pages",
        section="New CIMS policy: commencement and transition",
        quote="The new CIMS policy requirements commence 9 December 2024.",
        provenance=Provenance.SECONDARY,
        note=(
            "The governing document, Client Incident Management System: policy and guidance "
            "(cims-policy-2024), was not reachable; its start date and investigation triggers "
            "are known from the department's public pages. The library implements those "
            "triggers only; what else the policy requires is listed as unknown."
        ),
    ),
}

# How much of an implemented regime the library holds, where it is not the whole.
_REGIME_SCOPE: Mapping[str, str] = {"cims-2024": "implemented: investigation triggers only"}


def _plain(rulebook: str) -> Iterator[RuleEntry]:
    module = importlib.import_module(f"casereview.{rulebook}")
    rules: Iterable[Rule] = module.RULES
    for rule in rules:
        yield _entry(rule, rulebook)


@cache
def _catalogue() -> tuple[RuleEntry, ...]:
    return (*_vhims(), *_cims(), *_plain("kentucky_cqi"), *_plain("under1roof"))


def catalogue(rulebook: str | None = None) -> tuple[RuleEntry, ...]:
    """Every catalogue entry, rulebook by rulebook in :data:`RULEBOOKS` order (or one rulebook's).

    Raises:
        UnknownValueError: ``rulebook`` is not one of :data:`RULEBOOKS`.
    """
    entries = _catalogue()
    if rulebook is None:
        return entries
    if rulebook not in RULEBOOKS:
        raise UnknownValueError("rulebook", rulebook, RULEBOOKS)
    return tuple(e for e in entries if e.rulebook == rulebook)


def entry(rule_id: str) -> RuleEntry:
    """The entry with this id.

    >>> entry("cims.due-date.21-business-days").regime
    'cims-2020'

    Raises:
        UnknownValueError: no entry has this id.
    """
    for found in _catalogue():
        if found.id == rule_id:
            return found
    raise UnknownValueError("rule", rule_id, [e.id for e in _catalogue()])


def catalogue_records(rulebook: str | None = None) -> list[dict[str, Any]]:
    """The entries as JSON-able dicts (``model_dump(mode="json")``), plus ``source_title``.

    >>> record = catalogue_records("under1roof")[0]
    >>> sorted(record)  # doctest: +NORMALIZE_WHITESPACE
    ['citation', 'id', 'kind', 'note', 'provenance', 'regime', 'rulebook', 'source_title',
     'statement', 'unknown']
    """
    return [
        {**e.model_dump(mode="json"), "source_title": e.source_title} for e in catalogue(rulebook)
    ]


# --------------------------------------------------------------------------- Markdown


def _quote_block(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.strip().splitlines()]


def entry_markdown(
    e: RuleEntry,
    *,
    heading: str = "###",
    links: Mapping[str, str] | None = None,
    anchor: bool = False,
) -> str:
    """One entry as Markdown: a heading with its id, the statement, its source and provenance.

    ``links`` maps source ids to the address of a page about the source, to link its title;
    ``anchor`` gives the heading the rule id as its HTML id (``{ #id }``, Markdown attr_list).
    A quote is shown as a quote; a secondary entry's note without one is labelled a summary
    (not a quote), with how the source is known and its address (or "not recorded").
    """
    c = e.citation
    title = e.source_title
    if links is not None and c.source in links:
        title = f"[{title}]({links[c.source]})"
    target = f" {{ #{e.id} }}" if anchor else ""
    lines = [f"{heading} `{e.id}`{target}", "", f"**{e.statement}**", ""]
    facts = [f"*{e.provenance.value}*", e.kind]
    if e.regime is not None:
        facts.append(f"regime `{e.regime}`")
    lines += [" · ".join(facts), ""]
    lines += [f"Source: {title} (`{c.source}`), section “{c.section}”.", ""]
    source = SOURCES.get(c.source)
    if source is not None and source.kind is SourceKind.SECONDARY:
        known = source.known_via or "not recorded"
        lines += [f"Known via: {known}. Address: {source.location or 'not recorded'}.", ""]
    if c.quote:
        lines += [*_quote_block(c.quote), ""]
    if e.note:
        if e.provenance is Provenance.INFERRED:
            label = "Reasoning"
        else:
            label = "Note" if c.quote else "Summary (not a quote)"
        lines += [f"{label}: {_one_line(e.note)}", ""]
    if e.unknown:
        lines += ["Not known (the sources held do not say; the library leaves these open):", ""]
        lines += [*(f"- {gap}" for gap in e.unknown), ""]
    return "\n".join(lines)


def catalogue_markdown(rulebook: str | None = None) -> str:
    """The catalogue (or one rulebook's part) as Markdown: a section per rulebook, an entry each.

    Raises:
        UnknownValueError: ``rulebook`` is not one of :data:`RULEBOOKS`.
    """
    books = RULEBOOKS if rulebook is None else (rulebook,)
    parts: list[str] = []
    for book in books:
        entries = catalogue(book)
        parts += [f"## {_TITLES[book]} (`{book}`)", ""]
        parts += [_counts_line(entries), ""]
        parts += [entry_markdown(e) for e in entries]
    return "\n".join(parts).rstrip() + "\n"


def _counts_line(entries: tuple[RuleEntry, ...]) -> str:
    counts = {p: sum(e.provenance is p for e in entries) for p in Provenance}
    shown = ", ".join(f"{n} {p.value}" for p, n in counts.items())
    return f"{len(entries)} entries: {shown}."
