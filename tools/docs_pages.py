"""The generated pages of the docs site, built from the rule catalogue and the sources registry.

Nothing here is typed twice: the rule pages, the logic-map diagram, the provenance counts and the
reference pages are computed from :mod:`casereview.catalogue`, :mod:`casereview.sources` and
:meth:`casereview.vhims.LogicMap.default` when the site is built (``tools/mkdocs_hooks.py``).
Pure functions returning Markdown; no MkDocs import, so the tests call them directly.
"""

from __future__ import annotations

from collections.abc import Mapping

from casereview.catalogue import RULEBOOKS, catalogue, entry_markdown
from casereview.findings import Provenance
from casereview.sources import SOURCES
from tools.logic_map_diagram import logic_map_mermaid, logic_map_svg
from tools.reference_pages import (
    reference_index,
    relative,
    rule_page_path,
    source_links,
    source_page,
    source_page_path,
)

__all__ = [
    "MARKERS",
    "pages",
    "provenance_counts",
    "provenance_table",
    "rule_page_path",
    "source_page_path",
]

_BOOK_TITLES = {
    "vhims": "VHIMS clinical ISR",
    "cims": "CIMS case reviews",
    "kentucky_cqi": "Kentucky CQI case reviews",
    "under1roof": "Under 1 Roof case review",
}
_GUIDES = {
    "vhims": "vhims.md",
    "cims": "cims.md",
    "kentucky_cqi": "kentucky-cqi.md",
    "under1roof": "under1roof.md",
}
_KIND_TITLES = {
    "logic-map-cell": "Cells of the default ISR logic map",
    "regime": "Regimes",
    "rule": "Rules",
}


# --------------------------------------------------------------------------- provenance counts


def provenance_counts() -> dict[str, dict[str, int]]:
    """Entries per provenance for each rulebook and in all (``counts["cims"]["stated"]``)."""
    counts: dict[str, dict[str, int]] = {}
    for book in (*RULEBOOKS, "all"):
        entries = catalogue() if book == "all" else catalogue(book)
        row = {p.value: sum(e.provenance is p for e in entries) for p in Provenance}
        row["total"] = len(entries)
        counts[book] = row
    return counts


def provenance_table() -> str:
    """The counts as a Markdown table, one row per rulebook and a total row."""
    counts = provenance_counts()
    lines = [
        "| rulebook | stated | secondary | inferred | total |",
        "|---|---:|---:|---:|---:|",
    ]
    for book, row in counts.items():
        name = (
            "**all rulebooks**"
            if book == "all"
            else f"[{_BOOK_TITLES[book]}]({rule_page_path(book)})"
        )
        numbers = " | ".join(str(row[k]) for k in ("stated", "secondary", "inferred", "total"))
        lines.append(f"| {name} | {numbers} |")
    return "\n".join(lines) + "\n"


MARKERS: Mapping[str, str] = {"<!-- generated: provenance-counts -->": "provenance_table"}
"""Markers a hand-written page may hold, each replaced by the named function's output."""


def fill_markers(markdown: str) -> str:
    """Replace each marker in ``markdown`` with its generated text."""
    for marker, name in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, globals()[name]())
    return markdown


# --------------------------------------------------------------------------- rule pages


def _rule_page(book: str) -> str:
    path = rule_page_path(book)
    entries = catalogue(book)
    links = source_links(path)
    guide = relative(path, _GUIDES[book])
    counts = provenance_counts()[book]
    lines = [
        f"# {_BOOK_TITLES[book]}: every rule beside its source",
        "",
        f"This page is generated from the rule catalogue (`casereview.catalogue.catalogue"
        f'("{book}")`) each time the site is built, so it lists exactly the rules the code '
        f"applies. The [guide]({guide}) explains how to use them.",
        "",
        f"{counts['total']} entries: {counts['stated']} stated by the source, "
        f"{counts['secondary']} from a secondary public source, {counts['inferred']} inferred "
        f"by us (the reasoning is given with each). What the three words mean: "
        f"[Provenance]({relative(path, 'provenance.md')}).",
        "",
    ]
    if book == "vhims":
        lines += [
            f"The logic-map cells are drawn as a diagram on [the ISR logic map]"
            f"({relative(path, 'logic-map.md')}).",
            "",
        ]
    for kind, title in _KIND_TITLES.items():
        chosen = [e for e in entries if e.kind == kind]
        if not chosen:
            continue
        lines += [f"## {title}", ""]
        lines += [entry_markdown(e, links=links, anchor=True) for e in chosen]
    return "\n".join(lines).rstrip() + "\n"


def _rules_index() -> str:
    lines = [
        "# The rule catalogue",
        "",
        "Every rule casereview applies, beside its source and how sure that reading is: a stated "
        "rule quotes the sentence of the seed it implements; a secondary rule names its source, "
        "says how we know it and summarises what it says (a quote where we hold one); an "
        "inferred rule gives the reasoning, with the passage it reads where there is one. The "
        "pages below are generated from `casereview.catalogue` when the site is built; a test "
        "fails if a decision uses a rule that is not here.",
        "",
        provenance_table().replace("](rules/", "]("),
        "The same list as data:",
        "",
        "```python",
        ">>> from casereview.catalogue import catalogue, catalogue_records",
        ">>> entries = catalogue()",
        '>>> {e.kind for e in entries} == {"rule", "logic-map-cell", "regime"}',
        "True",
        '>>> catalogue_records("cims")[0]["citation"]["source"]',
        "'cims-guide-2020'",
        "",
        "```",
        "",
        "`catalogue_markdown()` gives the whole catalogue as one Markdown document.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- the logic map


def _logic_map_page() -> str:
    from casereview.vhims import LogicMap

    default = LogicMap.default()
    stated = sum(row.provenance is Provenance.STATED for row in default)
    lines = [
        "# The ISR logic map",
        "",
        "The guidance derives the clinical ISR from three elements taken in order — level of "
        "harm, duration of harm, level of treatment/care — and draws the mapping as its "
        "Figure 1, an image the text does not contain. casereview ships a reconstruction "
        f"(`LogicMap.default()`): {len(default)} paths, {stated} of them stated by the "
        f"guidance's worked cases and {len(default) - stated} inferred by us. A health service "
        "holding the real map loads it with `LogicMap.from_rows`.",
        "",
        "The diagram is drawn from `LogicMap.default()` when the site is built. Read it left to "
        "right: each path ends in its ISR; a cell the guidance states has a thick border, an "
        "inferred one a dashed border and the word *inferred* (the key below the paths says "
        "so). The diagram keeps its natural size; on a narrow screen, scroll it sideways.",
        "",
        f'<div class="logic-map" style="overflow-x:auto">{logic_map_svg()}</div>',
        "",
        "The same cells as a table, with the reason for each:",
        "",
        "| path | ISR | provenance | why |",
        "|---|---:|---|---|",
    ]
    for row in default:
        why = row.citation.section if row.provenance is Provenance.STATED else row.citation.note
        why = " ".join((why or "").split()).replace("|", "\\|")
        lines.append(f"| {row.path} | {row.isr.value} | {row.provenance.value} | {why} |")
    lines += [
        "",
        "Each cell is a rule with its own id (`vhims.isr.path.…`); all are listed with their "
        "citations on [the VHIMS rule page](rules/vhims.md).",
        "",
        "The same tree as Mermaid text, to paste into tools that draw Mermaid:",
        "",
        "```text",
        logic_map_mermaid().rstrip(),
        "```",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- all pages


def pages() -> dict[str, str]:
    """Every generated page: docs path (relative to ``docs/``) -> Markdown."""
    out = {"rules/index.md": _rules_index(), "logic-map.md": _logic_map_page()}
    for book in RULEBOOKS:
        out[rule_page_path(book)] = _rule_page(book)
    out["reference/index.md"] = reference_index()
    entries = catalogue()
    for source in SOURCES.values():
        out[source_page_path(source)] = source_page(source, entries)
    return out
