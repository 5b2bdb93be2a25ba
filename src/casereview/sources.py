"""The source documents every rule cites, each with a stable id.

Three kinds of source (:class:`SourceKind`):

* ``seed`` — the four documents this library encodes. They are the authority.
* ``secondary`` — other public documents (laws, departmental web pages, templates) that fill
  gaps the seeds leave. Rules citing them say so (``Provenance.SECONDARY``).
* ``reference`` — the project's own reasoning; its pages (``docs/reference/`` on the docs site,
  generated from this registry and the rule catalogue) give each inferred rule's reasoning.

>>> SOURCES["vhims-isr-guidance"].publisher
'Victorian Department of Health'
>>> get_source("nope")
Traceback (most recent call last):
...
casereview.errors.UnknownValueError: source: 'nope' is not an allowed value; allowed: ...
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from casereview._base import FrozenModel
from casereview.errors import UnknownValueError

__all__ = ["SOURCES", "Source", "SourceKind", "get_source"]


class SourceKind(StrEnum):
    """What kind of document a source is."""

    SEED = "seed"
    SECONDARY = "secondary"
    REFERENCE = "reference"


class Source(FrozenModel):
    """A document that rules cite.

    ``published`` is written as the document dates itself (``None`` when it carries no date);
    ``location`` is the seed file name, a docs path or a public address (``None``: not recorded).
    ``known_via`` says, for a secondary source, how the project knows what it says: read
    directly, or only through someone else's summary (a research note, law-firm summaries).
    """

    id: str
    title: str
    publisher: str
    published: str | None
    kind: SourceKind
    location: str | None = None
    note: str | None = None
    known_via: str | None = None


def _registry(*sources: Source) -> Mapping[str, Source]:
    table = {s.id: s for s in sources}
    if len(table) != len(sources):  # pragma: no cover - guards the table below
        raise ValueError("duplicate source id")
    return MappingProxyType(table)


SOURCES: Mapping[str, Source] = _registry(
    # --- seeds: the authority -------------------------------------------------------------
    Source(
        id="vhims-isr-guidance",
        title=(
            "Clinical Incident Severity Rating (ISR) Model — Guidance for health services "
            "implementing the VHIMS MDS version 2"
        ),
        publisher="Victorian Department of Health",
        published=None,
        kind=SourceKind.SEED,
        location="seed 003_e94ac32aeaf51b2f.txt",
        note=(
            "Undated ('[month year]' placeholder); aligns with reporting obligations 'available "
            "as of April 2024' and refers to the VHIMS MDS Manual 2024-25. Its Figure 1 (the "
            "logic map) is an image absent from the text."
        ),
    ),
    Source(
        id="cims-case-review-tip-sheet",
        title="CIMS case review tip sheet",
        publisher="Victorian Department of Families, Fairness and Housing",
        published="April 2023",
        kind=SourceKind.SEED,
        location="seed 000_5063fb1e0def753e.txt",
        note="Quotes the Client incident management guide (January 2020), ss 5.1.1, 5.2, 5.4.",
    ),
    Source(
        id="kentucky-cqi-instructions",
        title="CQI Case Review Instructions",
        publisher="Kentucky Department for Community Based Services (DCBS)",
        published=None,
        kind=SourceKind.SEED,
        location="seed 002_57f506fec9b839ad.txt",
    ),
    Source(
        id="under1roof-case-review",
        title="Under 1 Roof — Community in action — Case review",
        publisher="Under 1 Roof",
        published=None,
        kind=SourceKind.SEED,
        location="seed 001_39296456bd143a6a.txt",
    ),
    # --- secondary public sources -----------------------------------------------------------
    Source(
        id="vic-clinical-incident-investigations",
        title="Clinical incident investigations and responsibilities",
        publisher="Victorian Department of Health (health.vic.gov.au)",
        published=None,
        kind=SourceKind.SECONDARY,
        known_via="the research note ref-vhims-isr, which summarises this health.vic.gov.au page",
        note="Minimum review level by ISR: RCA, in-depth case review, aggregate review.",
    ),
    Source(
        id="scv-sentinel-events",
        title="Sentinel event program guidance",
        publisher="Safer Care Victoria",
        published=None,
        kind=SourceKind.SECONDARY,
        known_via=(
            "the research note ref-vhims-isr, which summarises Safer Care Victoria's guidance"
        ),
        note="Notification and RCA report deadlines in business days.",
    ),
    Source(
        id="vic-duty-of-candour-guidelines",
        title="Victorian Duty of Candour Guidelines",
        publisher="Victorian Department of Health / Safer Care Victoria",
        published="in force from 30 November 2022",
        kind=SourceKind.SECONDARY,
        known_via=(
            "law-firm summaries of the guidelines, as recorded in the research note ref-"
            "vhims-isr (the guidelines themselves were not read)"
        ),
        note="Known to us through law-firm summaries; deadlines are marked secondary.",
    ),
    Source(
        id="vic-health-services-act-1988",
        title="Health Services Act 1988 (Vic) — statutory duty of candour provisions",
        publisher="Parliament of Victoria",
        published="as amended 2022",
        kind=SourceKind.SECONDARY,
        known_via=(
            "the research note ref-vhims-isr, which summarises the Act's definition of a SAPSE"
        ),
        note=(
            "Defines a serious adverse patient safety event by moderate harm, severe harm, "
            "prolonged psychological harm or death."
        ),
    ),
    Source(
        id="vic-public-holidays-act-1993",
        title="Public Holidays Act 1993 (Vic), s 6",
        publisher="Parliament of Victoria",
        published="as amended 2019",
        kind=SourceKind.SECONDARY,
        known_via="the research note ref-business-days, which lists the s 6 holidays",
    ),
    Source(
        id="holidays-package",
        title="holidays (python-holidays): Australia subdiv VIC, US subdiv KY",
        publisher="python-holidays maintainers",
        published=None,
        kind=SourceKind.SECONDARY,
        location="https://pypi.org/project/holidays/",
        known_via="the package itself: a dependency whose code computes the holiday dates",
        note="The holiday dates behind BusinessCalendar; each calendar records the version.",
    ),
    Source(
        id="cims-guide-2017",
        title="Client incident management guide (November 2017)",
        publisher="Victorian Department of Health and Human Services",
        published="November 2017",
        kind=SourceKind.SECONDARY,
        known_via=(
            "the research note ref-cims, which tables its period and quotes its 2018 case "
            "review template"
        ),
        note="Governed incidents submitted 15 January 2018 - 2 February 2020.",
    ),
    Source(
        id="cims-guide-2020",
        title="Client incident management guide (January 2020) with Policy update 1-2020",
        publisher="Victorian Department of Families, Fairness and Housing",
        published="January 2020",
        kind=SourceKind.SECONDARY,
        known_via=(
            "the seed tip sheet's quotations (ss 5.1.1, 5.2, 5.4) and the research note ref-"
            "cims, which summarises the guide's public text"
        ),
        location="https://providers.dffh.vic.gov.au/cims",
        note=(
            "Governed incidents submitted 3 February 2020 - 8 December 2024 (the seed's regime); "
            "the source of the investigation incident types and impact definitions."
        ),
    ),
    Source(
        id="cims-policy-2024",
        title="Client Incident Management System: policy and guidance",
        publisher="Victorian Department of Families, Fairness and Housing",
        published="9 December 2024",
        kind=SourceKind.SECONDARY,
        known_via=(
            "only the DFFH pages about it (dffh-cims-2024-pages): the policy document itself "
            "was not reachable"
        ),
        note="Governs incidents submitted from 9 December 2024.",
    ),
    Source(
        id="dffh-cims-2024-pages",
        title=(
            "CIMS guidance and resources (DFFH provider pages) and 'Publication of new CIMS "
            "policy' (news item, 14 October 2024)"
        ),
        publisher="Victorian Department of Families, Fairness and Housing",
        published="14 October 2024",
        kind=SourceKind.SECONDARY,
        known_via="the research note ref-cims, which quotes the pages",
        note=(
            "The public pages on the 9 December 2024 regime: commencement, cut-over and the "
            "investigation triggers, as quoted in the CIMS research note. The policy itself "
            "(chapter 4, appendix 1) was not reachable."
        ),
    ),
    Source(
        id="cims-templates",
        title="CIMS case review and investigation outcome templates",
        publisher="Victorian Department of Families, Fairness and Housing",
        published=None,
        kind=SourceKind.SECONDARY,
        known_via="the research note ref-cims, which quotes the 2018 and 2020 templates",
    ),
    Source(
        id="kentucky-sop-30-6",
        title="Kentucky DCBS Standard Operating Procedures 30.6 (CQI case reviews)",
        publisher="Kentucky Department for Community Based Services (DCBS)",
        published=None,
        kind=SourceKind.SECONDARY,
        known_via="the research note ref-kentucky-cqi, which summarises the SOP",
    ),
    # --- the project's research notes --------------------------------------------------------
    Source(
        id="ref-vhims-isr",
        title="Research note: VHIMS clinical ISR — what is known, and how sure",
        publisher="casereview maintainers",
        published=None,
        kind=SourceKind.REFERENCE,
        location="docs/reference/vhims-isr.md",
    ),
    Source(
        id="ref-cims",
        title="Research note: CIMS case reviews",
        publisher="casereview maintainers",
        published=None,
        kind=SourceKind.REFERENCE,
        location="docs/reference/cims.md",
    ),
    Source(
        id="ref-kentucky-cqi",
        title="Research note: Kentucky CQI case reviews",
        publisher="casereview maintainers",
        published=None,
        kind=SourceKind.REFERENCE,
        location="docs/reference/kentucky-cqi.md",
    ),
    Source(
        id="ref-under-1-roof",
        title="Research note: Under 1 Roof multi-agency case review",
        publisher="casereview maintainers",
        published=None,
        kind=SourceKind.REFERENCE,
        location="docs/reference/under-1-roof.md",
    ),
    Source(
        id="ref-business-days",
        title="Research note: business days — facts for the calendars",
        publisher="casereview maintainers",
        published=None,
        kind=SourceKind.REFERENCE,
        location="docs/reference/business-days.md",
    ),
)


def get_source(source_id: str) -> Source:
    """Return the source with this id, or raise listing the known ids."""
    found = SOURCES.get(source_id.strip()) if isinstance(source_id, str) else None
    if found is None:
        raise UnknownValueError("source", source_id, SOURCES)
    return found
