"""The reference pages of the docs site: one per source of the registry, and an index.

Each page gives the source's registry facts (title, publisher, date, kind), a paragraph of our
own prose about it, facts computed from the code where the source supplies a table (the VHIMS
element values and worked cases, the CIMS regimes), and every rule that cites it with the
sentence it takes and, for an inferred rule, the reasoning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from casereview.catalogue import RuleEntry, catalogue
from casereview.findings import Provenance
from casereview.sources import SOURCES, Source, SourceKind

__all__ = [
    "reference_index",
    "relative",
    "rule_page_path",
    "source_links",
    "source_page",
    "source_page_path",
]


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


def relative(from_path: str, to_path: str) -> str:
    depth = from_path.count("/")
    return "../" * depth + to_path


def source_links(from_path: str) -> dict[str, str]:
    """Each source id -> the relative address of its page, from the page at ``from_path``."""
    return {sid: relative(from_path, source_page_path(s)) for sid, s in SOURCES.items()}


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

_WHY_LISTED: Mapping[str, str] = {
    "ref-kentucky-cqi": (
        "no rule cites this note directly. The Kentucky rules are read from the seed "
        "instructions, the only authority for them: the stated ones quote it, and the inferred "
        "ones cite the seed section they read and give the reasoning. The note is where that "
        "reading was worked out, and records the one secondary fact we know (SOP 30.6), which "
        "the library does not encode."
    ),
    "ref-under-1-roof": (
        "no rule cites this note directly. The Under 1 Roof rules are read from the seed, the "
        "only authority for them: the stated ones quote it, and the inferred ones cite the seed "
        "section they read and give the reasoning. The note is where that reading was worked "
        "out."
    ),
    "cims-policy-2024": (
        "it governs incident reports submitted from 9 December 2024 (regime cims-2024), but it "
        "was not reachable, so no rule can quote it. The rules of that regime cite the "
        "department's public pages about it (dffh-cims-2024-pages); what only the policy says "
        "is listed as unknown on the regime's entry."
    ),
    "cims-guide-2017": (
        "it governed incident reports submitted 15 January 2018 to 2 February 2020 (regime "
        "cims-2017). Not encoded: the library does not implement that regime, and only the "
        "regime's entry cites it, for its period."
    ),
    "cims-templates": (
        "not encoded. The 2018 and 2020 case review templates agree with the tip sheet's 21 "
        "business days (the rule cites the tip sheet, the authority); the templates' "
        "investigation and RCA review timeframes are outside what the library decides."
    ),
    "kentucky-sop-30-6": (
        "not encoded. It adds a limit the seed instructions do not have: after a first-level "
        "review the worker has no more than 30 calendar days to make corrections before the FSOS "
        "re-reviews. The library encodes only the seed."
    ),
    "vic-public-holidays-act-1993": (
        "it defines the Victorian public holidays that business days skip. No rule cites it "
        "directly: the counting rule cims.due-date.counting cites the business-days research "
        "note (ref-business-days), which lists the holidays of s 6, and the dates are computed "
        "by the holidays package."
    ),
    "holidays-package": (
        "it computes the holiday dates behind every BusinessCalendar (each calendar records the "
        "package version). No rule cites it directly: cims.due-date.counting cites the "
        "business-days research note (ref-business-days), which says how the package is used "
        "and which days are overridden."
    ),
}

_KIND_WORDS = {
    SourceKind.SEED: "seed document — the authority this library encodes",
    SourceKind.SECONDARY: "secondary public source — fills a gap the seed leaves",
    SourceKind.REFERENCE: "the project's own reasoning — rules citing it are inferred",
}


def source_page(source: Source, entries: tuple[RuleEntry, ...]) -> str:
    """The page of one source: its facts, our prose, and the rules that cite or point to it."""
    path = source_page_path(source)
    cited = [e for e in entries if e.citation.source == source.id]
    lines = [f"# {source.title}", ""]
    facts = [
        ("id", f"`{source.id}`"),
        ("publisher", source.publisher),
        ("date", source.published or "undated"),
        ("kind", _KIND_WORDS[source.kind]),
    ]
    if source.kind is SourceKind.SECONDARY:
        facts.append(("known via", source.known_via or "not recorded"))
        facts.append(("address", source.location or "not recorded"))
    elif source.location and not source.location.startswith("docs/"):
        facts.append(("where", source.location))
    lines += ["| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in facts), ""]
    if source.id in _PROSE:
        lines += [_PROSE[source.id], ""]
    if source.id in _WHY_LISTED:
        lines += [f"Why it is listed: {_WHY_LISTED[source.id]}", ""]
    if source.note:
        lines += [f"Registry note: {' '.join(source.note.split())}", ""]
    if source.id in _FACTS:
        lines += _FACTS[source.id]()
    pointing = [
        e
        for e in entries
        if source.location and e.note and source.location in e.note and e not in cited
    ]
    if pointing:
        lines += ["## Rules whose notes point here", ""]
        for e in pointing:
            page = f"{relative(path, rule_page_path(e.rulebook))}#{e.id}"
            note = " ".join((e.note or "").split())
            lines += [f"- [`{e.id}`]({page}) ({e.provenance.value}) — {note}"]
        lines.append("")
    if not cited:
        lines += ["No rule cites this source directly.", ""]
        return "\n".join(lines)
    lines += [f"## What the rules take from it ({len(cited)})", ""]
    sections = list(dict.fromkeys(e.citation.section for e in cited))
    for section in sections:
        lines += [f"### {section}", ""]
        for e in (e for e in cited if e.citation.section == section):
            page = f"{relative(path, rule_page_path(e.rulebook))}#{e.id}"
            line = f"- [`{e.id}`]({page}) ({e.provenance.value}) — {e.statement.rstrip('.')}."
            lines.append(line)
            if e.citation.quote:
                quote = " ".join(e.citation.quote.split())
                lines += ["", f"    > {quote}", ""]
            if e.note and e.provenance is Provenance.INFERRED:
                lines += ["", f"    Reasoning: {' '.join(e.note.split())}", ""]
        lines.append("")
    return "\n".join(lines)


def reference_index() -> str:
    """The index of the sources: seeds, secondary sources, the project's reasoning."""
    lines = [
        "# Sources",
        "",
        "Every rule cites one of these documents by its id (`casereview.sources.SOURCES`). The "
        "four seed documents are the authority; secondary sources fill gaps and make a rule "
        "`secondary`, and each secondary source's page says how we know it and where it is (or "
        "that its address is not recorded). Inferred rules cite the passage they read (most "
        "often a seed section) or one of the project's research notes, and give the reasoning. "
        "Each page lists the rules that cite the source, with the sentence they take, and says "
        "why a source no rule cites is listed at all.",
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


def _vhims_facts() -> list[str]:
    from casereview.vhims import WORKED_EXAMPLES, HarmDuration, HarmLevel, Isr, TreatmentLevel

    def values(enum: type[HarmLevel] | type[HarmDuration] | type[TreatmentLevel]) -> str:
        return ", ".join(f"“{m.value}”" for m in enum)

    lines = [
        "## The elements and their values",
        "",
        f"- Level of harm: {values(HarmLevel)}",
        f"- Duration of harm: {values(HarmDuration)}",
        f"- Level of treatment/care: {values(TreatmentLevel)}",
        "- ISR: " + ", ".join(f"{i.value} ({i.label})" for i in Isr) + "; 1 is the most severe.",
        "",
        "## The worked cases",
        "",
        "| case | harm | duration | treatment/care | ISR |",
        "|---|---|---|---|---:|",
    ]
    for e in WORKED_EXAMPLES:
        cells = [x.value if x is not None else "—" for x in (e.harm, e.duration, e.treatment)]
        lines.append(f"| {e.name} | {' | '.join(cells)} | {e.isr.value} |")
    return [*lines, ""]


def _cims_regimes() -> list[str]:
    from casereview.cims import RULESETS

    lines = [
        "## The regimes",
        "",
        "| regime | reports submitted | governing document | implemented |",
        "|---|---|---|---|",
    ]
    for r in RULESETS:
        until = "onwards" if r.effective_to is None else f"to {r.effective_to.isoformat()}"
        lines.append(
            f"| `{r.id}` | {r.effective_from.isoformat()} {until} | {r.title} | "
            f"{_implemented(r.implemented, r.unknown)} |"
        )
    return [*lines, ""]


def _implemented(implemented: bool, unknown: tuple[str, ...]) -> str:
    if not implemented:
        return "no"
    if not unknown:
        return "yes"
    return "in part; not known: " + "; ".join(unknown)


_FACTS: Mapping[str, Callable[[], list[str]]] = {
    "vhims-isr-guidance": _vhims_facts,
    "ref-vhims-isr": _vhims_facts,
    "ref-cims": _cims_regimes,
    "cims-guide-2020": _cims_regimes,
}
