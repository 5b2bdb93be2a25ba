"""The generated pages of the docs site, built from the rule catalogue and the sources registry.

Nothing here is typed twice: the rule pages, the logic-map diagram, the provenance counts and the
reference pages are computed from :mod:`casereview.catalogue`, :mod:`casereview.sources` and
:meth:`casereview.vhims.LogicMap.default` when the site is built (``tools/mkdocs_hooks.py``).
Pure functions returning Markdown; no MkDocs import, so the tests call them directly.
"""

from __future__ import annotations

from collections.abc import Mapping

from casereview.catalogue import RULEBOOKS, RuleEntry, catalogue, entry_markdown
from casereview.findings import Provenance
from casereview.sources import SOURCES, Source, SourceKind
from tools.logic_map_diagram import logic_map_mermaid, logic_map_svg

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


def rule_page_path(rulebook: str) -> str:
    """The docs path of a rulebook's generated rule page: ``rules/kentucky-cqi.md``."""
    return f"rules/{rulebook.replace('_', '-')}.md"


def source_page_path(source: Source) -> str:
    """The docs path of a source's reference page.

    A research-note source keeps the path the registry gives it (``docs/reference/cims.md``), so
    links to it stay valid; every other source gets ``reference/<id>.md``.
    """
    if source.location and source.location.startswith("docs/reference/"):
        return source.location.removeprefix("docs/")
    return f"reference/{source.id}.md"


def _relative(from_path: str, to_path: str) -> str:
    depth = from_path.count("/")
    return "../" * depth + to_path


def _source_links(from_path: str) -> dict[str, str]:
    return {sid: _relative(from_path, source_page_path(s)) for sid, s in SOURCES.items()}


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
    links = _source_links(path)
    guide = _relative(path, _GUIDES[book])
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
        f"[Provenance]({_relative(path, 'provenance.md')}).",
        "",
    ]
    if book == "vhims":
        lines += [
            f"The logic-map cells are drawn as a diagram on [the ISR logic map]"
            f"({_relative(path, 'logic-map.md')}).",
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
        "Every rule casereview applies, with the sentence of the source it implements and how sure "
        "that reading is. The pages below are generated from `casereview.catalogue` when the site "
        "is built; a test fails if a decision uses a rule that is not here.",
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
        "inferred one a dashed border and the word *inferred*.",
        "",
        f'<div class="logic-map">{logic_map_svg()}</div>',
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


# --------------------------------------------------------------------------- reference pages

_PROSE: Mapping[str, str] = {
    "vhims-isr-guidance": (
        "The Victorian Department of Health's guidance for health services moving to version 2 "
        "of the VHIMS minimum data set. It defines the three elements a clinical incident is "
        "rated on, walks through four cases (Rebecca, Harry, Tony, Emma) and sets the SAPSE "
        "criteria. Its logic map, Figure 1, is an image missing from the text, which is why most "
        "of the map's cells here are inferred."
    ),
    "cims-case-review-tip-sheet": (
        "The department's tip sheet for CIMS case reviews: which major incidents need a case "
        "review rather than an investigation or an RCA review, the 21-business-day deadline, "
        "when incidents may be combined into one review, what a review must contain and how "
        "the client takes part. It quotes the Client incident management guide of January 2020."
    ),
    "kentucky-cqi-instructions": (
        "The Kentucky DCBS instructions for continuous quality improvement case reviews: the "
        "monthly TWS-M112 pull, the two-month cycle of first-level and regional reviews, the "
        "monthly caps, when a pulled case may be substituted, what happens to cases of vacant "
        "FSOS positions and which 12 months a review covers."
    ),
    "under1roof-case-review": (
        "Under 1 Roof's description of a multi-agency case review: why one might be triggered, "
        "the independent chair, the panel of at least two other experienced practitioners, the "
        "scribe, and thirteen steps from convening stakeholders to learning and development."
    ),
    "ref-vhims-isr": (
        "Our reasoning about the VHIMS ISR where the guidance is silent, chiefly the cells of "
        "the logic map its missing Figure 1 would give, and the checks any loaded map must pass "
        "(complete, unambiguous, monotone, agreeing with the worked cases). Every cell is "
        "reasoned from the guidance's own descriptions of the element values and from the legal "
        "definition of a serious adverse patient safety event."
    ),
    "ref-cims": (
        "Our notes on the CIMS regimes: which document governs an incident depends on the day "
        "its report was submitted (15 January 2018, 3 February 2020 and 9 December 2024 begin "
        "the three regimes), and which incident types the tip sheet's regime investigates."
    ),
    "ref-kentucky-cqi": (
        "Our readings of the Kentucky instructions where they leave a choice open, such as what "
        "a business calendar does to the monthly dates."
    ),
    "ref-under-1-roof": (
        "Our readings of the Under 1 Roof description where it leaves a choice open, such as "
        "whether the scribe may also sit on the panel."
    ),
    "ref-business-days": (
        "How casereview counts business days. In Victoria the public holidays are those of the "
        "Public Holidays Act 1993 (Vic), s 6 — New Year's Day, Australia Day, Labour Day, Good "
        "Friday to Easter Monday, ANZAC Day (never substituted), the King's Birthday, the Friday "
        "before the AFL Grand Final, Melbourne Cup Day (which a council may swap for another "
        "day) and Christmas and Boxing Day — as the `holidays` package computes them, with "
        "overrides for the days a council keeps differently. Counting starts the day after the "
        "day given: 21 business days after Friday 20 September 2024 is Tuesday 22 October 2024 "
        "(Grand Final Friday skipped); after Monday 28 October 2024, Wednesday 27 November 2024 "
        "(Melbourne Cup Day skipped); after Monday 2 December 2024, Friday 3 January 2025 "
        "(Christmas, Boxing Day and New Year's Day skipped). Kentucky's CQI dates are calendar "
        "days of the month unless a caller asks for business days."
    ),
}

_KIND_WORDS = {
    SourceKind.SEED: "seed document — the authority this library encodes",
    SourceKind.SECONDARY: "secondary public source — fills a gap the seed leaves",
    SourceKind.REFERENCE: "the project's own reasoning — rules citing it are inferred",
}


def _source_page(source: Source, entries: tuple[RuleEntry, ...]) -> str:
    path = source_page_path(source)
    cited = [e for e in entries if e.citation.source == source.id]
    lines = [f"# {source.title}", ""]
    facts = [
        ("id", f"`{source.id}`"),
        ("publisher", source.publisher),
        ("date", source.published or "undated"),
        ("kind", _KIND_WORDS[source.kind]),
    ]
    if source.location and not source.location.startswith("docs/"):
        facts.append(("where", source.location))
    lines += ["| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in facts), ""]
    if source.id in _PROSE:
        lines += [_PROSE[source.id], ""]
    if source.note:
        lines += [f"Registry note: {' '.join(source.note.split())}", ""]
    if not cited:
        lines += ["No rule cites this source directly.", ""]
        return "\n".join(lines)
    lines += [f"## What the rules take from it ({len(cited)})", ""]
    sections = list(dict.fromkeys(e.citation.section for e in cited))
    for section in sections:
        lines += [f"### {section}", ""]
        for e in (e for e in cited if e.citation.section == section):
            page = f"{_relative(path, rule_page_path(e.rulebook))}#{e.id}"
            line = f"- [`{e.id}`]({page}) ({e.provenance.value}) — {e.statement.rstrip('.')}."
            lines.append(line)
            if e.citation.quote:
                quote = " ".join(e.citation.quote.split())
                lines += ["", f"    > {quote}", ""]
            if e.note and e.provenance is Provenance.INFERRED:
                lines += ["", f"    Reasoning: {' '.join(e.note.split())}", ""]
        lines.append("")
    return "\n".join(lines)


def _reference_index() -> str:
    lines = [
        "# Sources",
        "",
        "Every rule cites one of these documents by its id (`casereview.sources.SOURCES`). The "
        "four seed documents are the authority; secondary sources fill gaps and make a rule "
        "`secondary`; the project's own reasoning pages hold the rules we inferred. Each page "
        "lists the rules that cite the source, with the sentence they implement.",
        "",
    ]
    entries = catalogue()
    for kind, title in (
        (SourceKind.SEED, "Seed documents"),
        (SourceKind.SECONDARY, "Secondary public sources"),
        (SourceKind.REFERENCE, "The project's reasoning"),
    ):
        lines += [
            f"## {title}",
            "",
            "| source | publisher | date | rules citing it |",
            "|---|---|---|---:|",
        ]
        for source in SOURCES.values():
            if source.kind is kind:
                n = sum(e.citation.source == source.id for e in entries)
                page = source_page_path(source).removeprefix("reference/")
                lines.append(
                    f"| [{source.title}]({page}) | {source.publisher} | "
                    f"{source.published or 'undated'} | {n} |"
                )
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- all pages


def pages() -> dict[str, str]:
    """Every generated page: docs path (relative to ``docs/``) -> Markdown."""
    out = {"rules/index.md": _rules_index(), "logic-map.md": _logic_map_page()}
    for book in RULEBOOKS:
        out[rule_page_path(book)] = _rule_page(book)
    out["reference/index.md"] = _reference_index()
    entries = catalogue()
    for source in SOURCES.values():
        out[source_page_path(source)] = _source_page(source, entries)
    return out
