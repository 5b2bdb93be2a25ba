"""The rules of the VHIMS rulebook other than the logic-map cells, each beside its source.

The cells of the default logic map are rules too; they live with the map in
:mod:`casereview.vhims.default_map`. Quotes are verbatim from the seed (the guidance's bold
markers ``**`` included, as the seed text has them).
"""

from __future__ import annotations

from casereview.findings import Citation, Provenance, Rule

__all__: list[str] = []

_SEED = "vhims-isr-guidance"
_REF = "ref-vhims-isr"


def _rule(rule_id: str, title: str, citation: Citation) -> Rule:
    return Rule(id=rule_id, title=title, citation=citation)


# --------------------------------------------------------------------------- ISR derivation

SEQUENTIAL_ELEMENTS = _rule(
    "vhims.isr.sequential-elements",
    "The ISR is derived from level of harm, duration of harm and level of treatment/care, in order",
    Citation(
        source=_SEED,
        section="Calculation of Clinical ISR",
        quote=(
            "In the new clinical ISR model, the ISR is calculated from three sequential elements:"
        ),
    ),
)
HARM_ONLY = _rule(
    "vhims.isr.harm-only",
    "Some paths end at the level of harm",
    Citation(
        source=_SEED,
        section="Calculation of Clinical ISR",
        quote="In some cases, severity will be determined based on level of harm only.",
    ),
)
SAME_ALGORITHM = _rule(
    "vhims.isr.same-algorithm",
    "VHIMS recomputes the ISR from the three elements with the local IMS's algorithm",
    Citation(
        source=_SEED,
        section="Calculation of Clinical ISR",
        quote=(
            "Values transmitted for the three elements listed above are used to recalculate the "
            "ISR in the VHIMS system using the same algorithm that calculates the ISR in local "
            "IMS software."
        ),
    ),
)

# --------------------------------------------------------------------------- logic-map checks

MAP_COMPLETE = _rule(
    "vhims.map.complete",
    "A logic map rates every plausible combination of the three elements",
    Citation(
        source=_REF,
        section="The decisive gap",
        provenance=Provenance.INFERRED,
        note=(
            "Figure 1 is not in the text. A loaded map that leaves a plausible combination "
            "unrated is reported (warning); derive_isr on it raises NotRatedError rather than "
            "guess, since VHIMS and the local IMS could otherwise disagree."
        ),
    ),
)
MAP_UNRATED_IMPLAUSIBLE = _rule(
    "vhims.map.unrated-implausible",
    "A logic map may leave out the combinations the guidance removes as illogical",
    Citation(
        source=_SEED,
        section="Changes to Clinical ISR",
        quote=(
            "Remove illogical combinations (e.g. a level of harm of \u201cno harm did reach "
            "person\u201d combined with a level of care of \u201cinternal transfer for advanced "
            "care\u201d)."
        ),
        provenance=Provenance.INFERRED,
        note=(
            "Which combinations are illogical is our reading (check_consistency); an unrated "
            "combination it flags is reported for information only."
        ),
    ),
)
MAP_UNAMBIGUOUS = _rule(
    "vhims.map.unambiguous",
    "No input has two ISRs: rows that rate the same combination agree",
    Citation(
        source=_REF,
        section="The decisive gap",
        provenance=Provenance.INFERRED,
        note=(
            "Two rows that give two ISRs for one combination leave it without a single ISR, so "
            "such a map is refused, naming both rows."
        ),
    ),
)
MAP_OVERLAPPING_ROWS = _rule(
    "vhims.map.overlapping-rows",
    "Rows that rate the same combination with the same ISR are reported",
    Citation(
        source=_REF,
        section="The decisive gap",
        provenance=Provenance.INFERRED,
        note=(
            "Harmless for the ISR; the more specific row (the longer path, then the earlier "
            "row) gives the citation."
        ),
    ),
)
MAP_PATH_FROM_RATINGS = _rule(
    "vhims.map.path-from-ratings",
    "A path ends at the first element after which every combination it stands for is rated with "
    "one ISR (unrated ones only where check_consistency calls them illogical)",
    Citation(
        source=_SEED,
        section="Calculation of Clinical ISR",
        quote=(
            "In some cases, severity will be determined based on level of harm only. In other "
            "cases a combination of the level of harm, duration of harm, and level of "
            "treatment/care will be used to determine the ISR."
        ),
        provenance=Provenance.INFERRED,
        note=(
            "A flat grid names all three elements in every row; reading the path's end from "
            "where the ratings stop changing gives a grid the same paths as the sequential map "
            "it encodes, and answers an input that stops early when what it gives decides. A "
            "path ends early only when every combination under it is rated with one ISR, or the "
            "unrated ones are all combinations check_consistency calls illogical (the guidance "
            "removes illogical combinations); a plausible unrated combination under it would "
            "make an early answer an assumption, so the path continues: an input that leaves "
            "the next element out gets MissingElementError naming it, and one whose every "
            "completion is unrated gets NotRatedError."
        ),
    ),
)
MAP_IGNORED_COLUMNS = _rule(
    "vhims.map.ignored-columns",
    "Columns a logic map's loader does not know are ignored and listed",
    Citation(
        source=_REF,
        section="The decisive gap",
        provenance=Provenance.INFERRED,
        note=(
            "IMS exports carry their own columns (ids, descriptions); they do not change an ISR. "
            "A misspelt citation column would be lost, so they are listed."
        ),
    ),
)
MAP_MONOTONE = _rule(
    "vhims.map.monotone",
    "More harm, permanent harm or more care never gives a less severe ISR",
    Citation(
        source=_REF,
        section="The decisive gap",
        provenance=Provenance.INFERRED,
        note=(
            "Harm is ordered No harm < Minor < Moderate < Severe < Death, and Moderate < Serious "
            "Sexual Safety Event (the guidance names severe harm, a serious sexual safety event "
            "and death as the tiers above moderate without ranking them against each other, so "
            "the event is not compared with Severe or Death); Temporary < Permanent; No "
            "additional treatment and care < Minor < Intermediate < Advanced."
        ),
    ),
)
MAP_SERIOUS_HARM = _rule(
    "vhims.map.serious-harm-isr-1-or-2",
    "Moderate and Severe harm never give ISR 3 or 4",
    Citation(
        source="vic-health-services-act-1988",
        section="Serious adverse patient safety event (definition)",
        provenance=Provenance.INFERRED,
        note=(
            "Our reading, from two sources. Secondary: the Health Services Act 1988 defines a "
            "SAPSE by moderate harm, severe harm, prolonged psychological harm or death. Stated: "
            "the guidance's SAPSE criteria include ISR 1 or 2. Combining them into 'Moderate or "
            "Severe harm never rates 3 or 4' is ours: the guidance's criteria are sufficient "
            "('may be considered'), not a definition, and it nowhere says the ISR of moderate "
            "or severe harm. A Moderate or Severe path rated 3 or 4 would take a legally "
            "serious event out of the SAPSE test, so it is reported (a warning only)."
        ),
    ),
)
MAP_WORKED_EXAMPLES = _rule(
    "vhims.map.worked-examples",
    "A logic map reproduces the guidance's four worked examples",
    Citation(
        source=_SEED,
        section="Case examples",
        quote=(
            "The following cases are presented to demonstrate the application of the "
            "*clinical ISR*."
        ),
    ),
)

# --------------------------------------------------------------------------- consistency

_HARM_VALUES = "Level of harm values and descriptions"

NO_HARM_WITH_DURATION = _rule(
    "vhims.consistency.no-harm-with-duration",
    "No harm has no duration",
    Citation(
        source=_SEED,
        section=_HARM_VALUES,
        quote=(
            "The individual's level of health, function, or emotional wellbeing was unaffected, "
            "but the individual could have come to harm."
        ),
        provenance=Provenance.INFERRED,
        note="A patient who was unaffected has no harm that could be permanent or temporary.",
    ),
)
NO_HARM_WITH_CARE = _rule(
    "vhims.consistency.no-harm-with-care",
    "No harm with intermediate or advanced care is an illogical combination",
    Citation(
        source=_SEED,
        section="Changes to Clinical ISR",
        quote=(
            "Remove illogical combinations (e.g. a level of harm of \u201cno harm did reach "
            "person\u201d combined with a level of care of \u201cinternal transfer for advanced "
            "care\u201d)."
        ),
        provenance=Provenance.INFERRED,
        note=(
            "The guidance's own example of an illogical combination, carried to the v2 values: "
            "care beyond minor (Intermediate, Advanced) is a response to harm, which No harm "
            "denies."
        ),
    ),
)
MINOR_HARM_PERMANENT = _rule(
    "vhims.consistency.minor-harm-permanent",
    "Minor harm is temporary by definition",
    Citation(
        source=_SEED,
        section=_HARM_VALUES,
        quote=(
            "The individual's level of health, function, or emotional wellbeing was, or is likely "
            "to be, temporarily affected because of the incident."
        ),
        provenance=Provenance.INFERRED,
        note="Minor harm is the one level defined as temporary; Permanent contradicts it.",
    ),
)
MINOR_HARM_ADVANCED_CARE = _rule(
    "vhims.consistency.minor-harm-advanced-care",
    "Minor harm does not need advanced care",
    Citation(
        source=_SEED,
        section=_HARM_VALUES,
        quote=(
            "The harm was or is likely to be resolved without change to care acuity, in a "
            "non-invasive way, that involves little to no risk for the individual."
        ),
        provenance=Provenance.INFERRED,
        note="Advanced care (life-saving, intensive, high acuity) is a change to care acuity.",
    ),
)
SERIOUS_HARM_NO_CARE = _rule(
    "vhims.consistency.serious-harm-no-care",
    "Moderate or severe harm needs some treatment or care",
    Citation(
        source=_SEED,
        section="Principles for assigning level of treatment/care",
        quote=(
            "If the patient died of an unrelated cause before treatment/care could be provided or "
            "if the patient declines treatment or care, then it is reasonable to assign the level "
            "of treatment/care based on the treatment or care the patient would most likely have "
            "required if the incident had not occurred."
        ),
        provenance=Provenance.INFERRED,
        note=(
            "Moderate harm 'required, or is likely to require medical, surgical, or therapeutic "
            "intervention' and severe harm is worse; a patient who declined care is rated on what "
            "they would most likely have needed, so 'No additional treatment and care' does not "
            "fit."
        ),
    ),
)
SEVERE_TEMPORARY_MINOR_CARE = _rule(
    "vhims.consistency.severe-temporary-minor-care",
    "Severe temporary harm needs more than minor care",
    Citation(
        source=_SEED,
        section=_HARM_VALUES,
        quote=(
            "significant reduction in level of function because of the incident (e.g. dependence "
            "on high acuity care), that is temporary in nature."
        ),
        provenance=Provenance.INFERRED,
        note=(
            "Temporary severe harm is defined by dependence on high acuity care, which is more "
            "than the first aid, monitoring or single-occasion treatment of Minor care."
        ),
    ),
)

# --------------------------------------------------------------------------- SAPSE

SAPSE_CRITERIA = _rule(
    "vhims.sapse.criteria",
    "A SAPSE: clinical, ISR 1 or 2, flagged clinical, care not as intended and expected",
    Citation(
        source=_SEED,
        section="Relationship with APSE flag",
        quote=(
            "If the following criteria are met and the health service is under SDC obligations, "
            'then the record may be considered a SAPSE: Incident type = "Clinical" ISR = "1" or '
            '"2" Clinical incident flag = "Yes" Did treatment or care go as intended and as '
            'expected = "No"'
        ),
    ),
)

# --------------------------------------------------------------------------- minimum review

_INVESTIGATIONS = "vic-clinical-incident-investigations"
_INVESTIGATIONS_SECTION = "Clinical incident investigations and responsibilities"

REVIEW_IS_MINIMUM = _rule(
    "vhims.review.minimum-only",
    "The ISR sets the minimum review; a higher level is always allowed",
    Citation(
        source=_SEED,
        section="What is a Clinical ISR?",
        quote=(
            "While the ISR determines the minimum review obligations, there is no restriction on "
            "a higher level of review and action being undertaken for an incident."
        ),
    ),
)
REVIEW_SENTINEL_RCA = _rule(
    "vhims.review.sentinel-event-rca",
    "Every sentinel event has a root cause analysis",
    Citation(
        source=_INVESTIGATIONS,
        section=_INVESTIGATIONS_SECTION,
        provenance=Provenance.SECONDARY,
        note="Root cause analysis (RCA): all sentinel events.",
    ),
)
REVIEW_ISR1_SYSTEM_RCA = _rule(
    "vhims.review.isr1-system-issues-rca",
    "ISR 1 with system or process issues has a root cause analysis",
    Citation(
        source=_INVESTIGATIONS,
        section=_INVESTIGATIONS_SECTION,
        provenance=Provenance.SECONDARY,
        note=(
            "RCA: ISR 1 clinical incidents where system or process issues directly contributed "
            "to the outcome."
        ),
    ),
)
REVIEW_ISR1_IN_DEPTH = _rule(
    "vhims.review.isr1-in-depth",
    "ISR 1 without system or process issues has an in-depth case review",
    Citation(
        source=_INVESTIGATIONS,
        section=_INVESTIGATIONS_SECTION,
        provenance=Provenance.INFERRED,
        note=(
            "Secondary source (Department of Health, Clinical incident investigations and "
            "responsibilities): in-depth case review for ISR 1 where contributing factors "
            "relate directly to the patient's illness or the management phase of a chronic "
            "illness. Read as: every ISR 1 incident where system or process issues did not "
            "directly contribute (the page names the two ISR 1 cases as alternatives; the "
            "complement is our reading)."
        ),
    ),
)
REVIEW_ISR2_IN_DEPTH = _rule(
    "vhims.review.isr2-in-depth",
    "ISR 2 has an in-depth case review",
    Citation(
        source=_INVESTIGATIONS,
        section=_INVESTIGATIONS_SECTION,
        provenance=Provenance.SECONDARY,
        note="In-depth case review: all ISR 2 incidents.",
    ),
)
REVIEW_ISR3_4_AGGREGATE = _rule(
    "vhims.review.isr3-4-aggregate",
    "ISR 3 and 4 have (at least) an aggregate review",
    Citation(
        source=_INVESTIGATIONS,
        section=_INVESTIGATIONS_SECTION,
        provenance=Provenance.SECONDARY,
        note="Aggregate review, as a minimum, weekly, monthly or quarterly per local policy.",
    ),
)

# --------------------------------------------------------------------------- sentinel events

_SCV = "scv-sentinel-events"
_SCV_SECTION = "Sentinel event program guidance: timelines"


def _scv(
    rule_id: str, title: str, note: str, provenance: Provenance = Provenance.SECONDARY
) -> Rule:
    citation = Citation(source=_SCV, section=_SCV_SECTION, provenance=provenance, note=note)
    return _rule(rule_id, title, citation)


SENTINEL_NOTIFY = _scv(
    "vhims.sentinel.notify-scv",
    "Notify Safer Care Victoria within 3 business days of becoming aware",
    "Notify SCV within 3 business days of becoming aware of the sentinel event.",
)
SENTINEL_RCA_A_B = _scv(
    "vhims.sentinel.rca-parts-a-b",
    "RCA report parts A and B within 30 business days of notification",
    "RCA report parts A and B within 30 business days of notification.",
)
SENTINEL_RCA_C = _scv(
    "vhims.sentinel.rca-part-c",
    "RCA report part C (recommendations) within 50 business days of notification",
    "RCA report part C (recommendations) within 50 business days of notification.",
)
SENTINEL_MONITORING = _scv(
    "vhims.sentinel.monitoring-report",
    "Recommendation monitoring report within 120 business days of notification",
    "Secondary source (Safer Care Victoria, sentinel event program guidance): a "
    "recommendation monitoring report within 120 business days. Read as: of the notification "
    "to SCV, like parts A, B and C; the anchor is our reading.",
    Provenance.INFERRED,
)
SENTINEL_EXTENSION = _scv(
    "vhims.sentinel.extension-request",
    "Request an extension at least 5 business days before parts A and B are due",
    "Extension requests at least 5 business days before parts A and B are due, for at most "
    "4 weeks.",
)

# --------------------------------------------------------------------------- duty of candour

_SDC = "vic-duty-of-candour-guidelines"
_SDC_SECTION = "Statutory duty of candour process: timeframes"


def _sdc(
    rule_id: str, title: str, note: str, provenance: Provenance = Provenance.SECONDARY
) -> Rule:
    citation = Citation(source=_SDC, section=_SDC_SECTION, provenance=provenance, note=note)
    return _rule(rule_id, title, citation)


CANDOUR_IN_FORCE = _sdc(
    "vhims.candour.in-force",
    "The statutory duty of candour applies to SAPSEs identified from 30 November 2022",
    "Secondary source (Victorian Duty of Candour Guidelines): the statutory duty of candour "
    "commenced on 30 November 2022. Read as: it applies to SAPSEs identified on or after that "
    "day. Whether the date keys on the incident's occurrence or on its identification is our "
    "reading, so an earlier identification is a warning finding, not a refusal.",
    Provenance.INFERRED,
)
CANDOUR_APOLOGY = _sdc(
    "vhims.candour.apology",
    "Apology and initial information within 24 hours of identifying the SAPSE",
    "Apology and initial information within 24 hours of the SAPSE being identified.",
)
CANDOUR_ORGANISE_MEETING = _sdc(
    "vhims.candour.organise-meeting",
    "Take steps to organise the open-disclosure meeting within 3 business days",
    "Secondary source (Victorian Duty of Candour Guidelines): steps to organise the "
    "open-disclosure meeting within 3 business days. Read as: of the Victorian day the SAPSE "
    "is identified (not counted); the anchor is our reading.",
    Provenance.INFERRED,
)
CANDOUR_MEETING = _sdc(
    "vhims.candour.meeting",
    "Hold the open-disclosure meeting within 10 business days",
    "Secondary source (Victorian Duty of Candour Guidelines): the open-disclosure meeting held "
    "within 10 business days. Read as: of the Victorian day the SAPSE is identified (not "
    "counted); the anchor is our reading.",
    Provenance.INFERRED,
)

GENERAL_RULES: tuple[Rule, ...] = (
    SEQUENTIAL_ELEMENTS,
    HARM_ONLY,
    SAME_ALGORITHM,
    MAP_COMPLETE,
    MAP_UNRATED_IMPLAUSIBLE,
    MAP_UNAMBIGUOUS,
    MAP_OVERLAPPING_ROWS,
    MAP_PATH_FROM_RATINGS,
    MAP_IGNORED_COLUMNS,
    MAP_MONOTONE,
    MAP_SERIOUS_HARM,
    MAP_WORKED_EXAMPLES,
    NO_HARM_WITH_DURATION,
    NO_HARM_WITH_CARE,
    MINOR_HARM_PERMANENT,
    MINOR_HARM_ADVANCED_CARE,
    SERIOUS_HARM_NO_CARE,
    SEVERE_TEMPORARY_MINOR_CARE,
    SAPSE_CRITERIA,
    REVIEW_IS_MINIMUM,
    REVIEW_SENTINEL_RCA,
    REVIEW_ISR1_SYSTEM_RCA,
    REVIEW_ISR1_IN_DEPTH,
    REVIEW_ISR2_IN_DEPTH,
    REVIEW_ISR3_4_AGGREGATE,
    SENTINEL_NOTIFY,
    SENTINEL_RCA_A_B,
    SENTINEL_RCA_C,
    SENTINEL_MONITORING,
    SENTINEL_EXTENSION,
    CANDOUR_IN_FORCE,
    CANDOUR_APOLOGY,
    CANDOUR_ORGANISE_MEETING,
    CANDOUR_MEETING,
)
