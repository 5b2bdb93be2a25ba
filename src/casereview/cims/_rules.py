"""Every rule the CIMS rulebook applies, each with the sentence it implements.

Stated rules quote the CIMS case review tip sheet (April 2023) verbatim under its section
heading; secondary rules cite the Client incident management guide (January 2020) as publicly
summarised, or the DFFH pages on the 9 December 2024 policy (quoted); inferred rules give their
reasoning.

Ids: a rule of one regime only names it as a part of its id (``cims.cims-2024.*``,
``cims.cims-2020.*``; the catalogue reads the regime from it). The tip sheet's rules
(``cims.follow-up.*``, ``cims.due-date.*``, ``cims.extension.*``, ``cims.combine.*``,
``cims.review.*``) are the ``cims-2020`` regime's (the tip sheet quotes the January 2020 guide);
they answer for a ``cims-2024`` incident only when the caller opts in
(``cims.cims-2024.apply-2020-rules``). :data:`RULE_RULESETS` says which regime each rule belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from casereview.findings import Citation, Provenance, Rule

TIP_SHEET = "cims-case-review-tip-sheet"
_TYPES = "Different Client Incident Review Types"
_PROCESS = "Process for conducting a Case Review"
_CONTENT = "Content of a Case Review"
_CLIENT = "Client focus and collaborative practice"
_DEFINITION = "Definition and purpose of a CIMS Client Incident Review"


def _stated(section: str, quote: str) -> Citation:
    return Citation(source=TIP_SHEET, section=section, quote=quote)


def _read(section: str, quote: str, note: str) -> Citation:
    """A tip sheet sentence the rule goes beyond: quoted, marked inferred, reasoned in ``note``."""
    return Citation(
        source=TIP_SHEET, section=section, quote=quote, provenance=Provenance.INFERRED, note=note
    )


PAGES_2024 = "dffh-cims-2024-pages"
_TRANSITION = "New CIMS policy: commencement and transition"
_TRIGGERS = "New CIMS policy: investigation requirements"
_REPLACES = "The new CIMS policy document will replace the current CIMS guide."
_TRIGGERS_QUOTE = (
    "An investigation must be undertaken for major impact incidents of the following incident "
    "types: any abuse, including sexual exploitation \u2013 grooming, when the subject of "
    "allegation is a staff member (staff-to-client incidents); any abuse \u2026 that occurs "
    "between clients (client-to-client incidents); neglect, or unexplained injury."
)


def _pages(section: str, quote: str, note: str) -> Citation:
    return Citation(
        source=PAGES_2024,
        section=section,
        quote=quote,
        provenance=Provenance.SECONDARY,
        note=note,
    )


# --- rulesets ---------------------------------------------------------------------------------

RULESET_SELECTION = Rule(
    id="cims.ruleset.by-submission-date",
    title="The rules that apply are those in force when the incident report was submitted",
    citation=Citation(
        source="cims-guide-2020",
        section="Policy update 1-2020 (applies to incidents submitted 3 February 2020 onwards)",
        provenance=Provenance.SECONDARY,
        note=(
            "Policy update 1-2020 applies to incidents submitted from 3 February 2020, so the "
            "rules that govern an incident are those in force on the day its report was "
            "submitted. The next change, on 9 December 2024, is rule "
            "cims.cims-2024.ruleset.cut-over (source dffh-cims-2024-pages); the periods of the "
            "three regimes are tabled in the research note (source ref-cims)."
        ),
    ),
)

_RESEARCH = "ref-cims"
_REGIMES = "Which rules govern which incident (secondary)"
_REGIME_2024 = "The 2024 regime: incidents submitted from 9 December 2024 (secondary)"

RULESET_DEFAULT = Rule(
    id="cims.ruleset.default",
    title="With no date to select it, the tip sheet's regime (cims-2020) is assumed",
    citation=Citation(
        source=_RESEARCH,
        section=_REGIMES,
        provenance=Provenance.INFERRED,
        note=(
            "The research note makes the seed's regime the library's default. It is an "
            "assumption, not something a source says of the incident, so a result that rests "
            "on it is inferred and says so (ruleset_chosen_by == ('default',)). It is used only "
            "when no date is given, or when the dates given leave only cims-2017 (not "
            "implemented) and cims-2020 possible; when they leave cims-2024 possible, rule "
            "cims.ruleset.not-determined applies instead."
        ),
    ),
)

RULESET_OPEN = Rule(
    id="cims.ruleset.not-determined",
    title="When the dates leave cims-2024 possible, no 2020 rule is applied by default",
    citation=Citation(
        source=_RESEARCH,
        section=_REGIME_2024,
        provenance=Provenance.INFERRED,
        note=(
            "The research note says the 2024 gaps must not be filled in silently from the 2020 "
            "rules. When no submission day is given and the other dates (occurred_on, "
            "endorsed_on) leave both cims-2020 and cims-2024 possible, the ruleset is not "
            "determined: a follow-up is decided only where every possible regime gives the same "
            "answer, and a due date, an extension or a completeness check is not determined. "
            "ruleset= (forcing a regime) or apply_2020_rules=True (applying cims-2020, recorded "
            "as ruleset_chosen_by == ('apply_2020_rules',)) decides it."
        ),
    ),
)

CUT_OVER_2024 = Rule(
    id="cims.cims-2024.ruleset.cut-over",
    title="Incidents submitted on or after 9 December 2024 follow the 2024 policy",
    citation=_pages(
        _TRANSITION,
        "Incidents submitted after 9 December 2024 must follow the policy requirements described "
        "in the Client Incident Management System: policy and guidance",
        "The pages also say 'The new CIMS policy requirements commence 9 December 2024' and "
        "'Incidents submitted before 9 December 2024 must complete the investigation or review "
        "specified for the incident type in the Client incident management guide'. They say "
        "'before' and 'after'; 9 December is the commencement day, so it belongs to the new "
        "regime. With no submission day, an incident that occurred on or after 9 December 2024 "
        "was necessarily submitted under it.",
    ),
)

# --- follow-up --------------------------------------------------------------------------------

NON_MAJOR = Rule(
    id="cims.follow-up.non-major",
    title="A non-major incident needs neither an investigation nor a review",
    citation=_read(
        _TYPES,
        "Every major incident report submitted in the Client Incident Management System (CIMS) "
        "is required to be followed up with either an incident investigation or an incident "
        "review",
        (
            "The tip sheet requires follow-up of every *major* incident report and of no other; "
            "nothing requires an investigation or a review of a non-major incident (a provider "
            "may still choose to review one)."
        ),
    ),
)

MAJOR_FOLLOW_UP = Rule(
    id="cims.follow-up.major",
    title="Every major incident is followed up with an investigation or a review",
    citation=_stated(
        _TYPES,
        "Every major incident report submitted in the Client Incident Management System (CIMS) "
        "is required to be followed up with either an incident investigation or an incident "
        "review",
    ),
)

INVESTIGATION = Rule(
    id="cims.cims-2020.follow-up.investigation",
    title=(
        "A major incident of physical, sexual, financial or emotional abuse by a staff member "
        "or a client, poor quality of care, or unexplained injury is investigated"
    ),
    citation=Citation(
        source="cims-guide-2020",
        section="Section 5.2: incidents that require an investigation",
        provenance=Provenance.SECONDARY,
        note=(
            "Before 9 December 2024 an investigation is required for major-impact incidents of "
            "physical, sexual (including sexual exploitation), financial, or emotional/"
            "psychological (including cultural) abuse where the subject of allegation is a staff "
            "member (including a volunteer) or a client; poor quality of care; and injury - "
            "unexplained (as summarised in the research note, source ref-cims). The tip sheet "
            "itself does not list them. A volunteer subject (AllegationSubject.VOLUNTEER) is "
            "therefore investigated like a staff member under cims-2020."
        ),
    ),
)

REVIEW = Rule(
    id="cims.follow-up.review",
    title="A major incident not investigated requires an incident review",
    citation=_stated(
        _TYPES,
        "All major incidents which are not subject to an investigation, require an incident "
        "review.",
    ),
)

_APPROPRIATE = (
    "The tip sheet says which review type is *appropriate*, and that an RCA review 'is only "
    "required in certain defined cases' which it does not list. We read 'appropriate' as the "
    "deciding rule: the answer to systemic_factors selects the review type."
)

CASE_REVIEW = Rule(
    id="cims.follow-up.case-review",
    title="A case review where service processes or systems were not a significant factor",
    citation=_read(
        _TYPES,
        "These are appropriate where service processes or systems were not, or do not appear to "
        "be, a significant causal or contributing factor to the incident.",
        _APPROPRIATE,
    ),
)

RCA_REVIEW = Rule(
    id="cims.follow-up.rca-review",
    title="An RCA review where service processes or systems were a significant factor",
    citation=_read(
        _TYPES,
        "This is appropriate for where service processes or systems were, or appear to be, a "
        "significant causal or contributing factor to the incident occurring.",
        _APPROPRIATE,
    ),
)

NEW_TYPES_2020 = Rule(
    id="cims.cims-2020.follow-up.new-types",
    title="Under the 2020 rules, grooming is sexual exploitation and neglect is not listed",
    citation=Citation(
        source="cims-guide-2020",
        section="Section 5.2: incidents that require an investigation",
        provenance=Provenance.INFERRED,
        note=(
            "Neglect and sexual exploitation - grooming are named by the 2024 pages. The 2020 "
            "list (as summarised) includes sexual abuse 'including sexual exploitation', so a "
            "grooming incident is investigated under cims-2020 when the subject of allegation is "
            "a staff member or a client. Neglect is not on the 2020 list, so under cims-2020 it "
            "is reviewed like any other major incident (if the 2020 guide counted neglect as "
            "poor quality of care, it would be investigated)."
        ),
    ),
)

INVESTIGATION_2024 = Rule(
    id="cims.cims-2024.follow-up.investigation",
    title=(
        "A major incident of any abuse by a staff member or between clients, neglect, or "
        "unexplained injury is investigated"
    ),
    citation=_pages(
        _TRIGGERS,
        _TRIGGERS_QUOTE,
        "From 9 December 2024. Compared with the 2020 list: poor quality of care is no longer "
        "listed; neglect is new; 'any abuse' replaces the list of abuse types; grooming is "
        "named. Abuse by anyone else (subject of allegation 'Other person') is not a trigger. "
        "Whether 'staff member' still includes a volunteer is not said (rule "
        "cims.cims-2024.follow-up.volunteer); grooming between clients rests on the elided "
        "client-to-client clause (rule cims.cims-2024.follow-up.grooming-between-clients).",
    ),
)

GROOMING_BETWEEN_CLIENTS_2024 = Rule(
    id="cims.cims-2024.follow-up.grooming-between-clients",
    title="Grooming between clients is read as 'any abuse' between clients (inferred)",
    citation=Citation(
        source=PAGES_2024,
        section=_TRIGGERS,
        quote=_TRIGGERS_QUOTE,
        provenance=Provenance.INFERRED,
        note=(
            "The pages name grooming only in the staff-to-client clause ('any abuse, including "
            "sexual exploitation \u2013 grooming, when the subject of allegation is a staff "
            "member'); the client-to-client clause is quoted with an ellipsis ('any abuse \u2026 "
            "that occurs between clients'), so what the elided words say of grooming is not "
            "known. We read 'any abuse' as including grooming there too, since the staff clause "
            "counts grooming as abuse; a major grooming incident between clients is therefore "
            "investigated, marked inferred."
        ),
    ),
)

VOLUNTEER_2024 = Rule(
    id="cims.cims-2024.follow-up.volunteer",
    title="Whether abuse by a volunteer is investigated under the 2024 policy is not determined",
    citation=_pages(
        _TRIGGERS,
        _TRIGGERS_QUOTE,
        "The 2024 trigger names 'a staff member'; the 2020 guide's list said 'staff member "
        "(including a volunteer)'. Whether the 2024 policy's definitions still count a volunteer "
        "as a staff member is not known (the policy's definitions were not reachable), so a "
        "major abuse incident whose subject of allegation is a volunteer is not determined "
        "under cims-2024, unless the caller passes apply_2020_rules=True (the 2020 reading, "
        "recorded as inferred).",
    ),
)

_NOT_REACHABLE = (
    "The guide's follow-up rules therefore do not govern a cims-2024 incident, and what replaces "
    "them is in the policy's chapter 4, which was not reachable. The library does not fill this "
    "in from the 2020 rules: it reports the answer as not determined, unless the caller opts in "
    "(apply_2020_rules=True, rule cims.cims-2024.apply-2020-rules)."
)

FOLLOW_UP_UNKNOWN_2024 = Rule(
    id="cims.cims-2024.follow-up.not-determined",
    title="Without an investigation, the 2024 follow-up is not determined by the rules held",
    citation=_pages(
        _TRANSITION,
        _REPLACES,
        "Only the investigation triggers of the 2024 policy are public. Whether an incident "
        "that needs no investigation (major or not) then needs a review, and of which type (a "
        "'case review' or 'RCA review' by those names or otherwise), is not known. "
        + _NOT_REACHABLE,
    ),
)

APPLY_2020_RULES = Rule(
    id="cims.cims-2024.apply-2020-rules",
    title="At the caller's request, a 2020 (tip sheet) rule answers for a cims-2024 incident",
    citation=Citation(
        source=_RESEARCH,
        section=_REGIME_2024,
        provenance=Provenance.INFERRED,
        note=(
            "The caller passed apply_2020_rules=True: a rule of the cims-2020 regime was applied "
            "to an incident under (or possibly under) the 2024 policy, whose own rules for it "
            "are not known. It covers every rule carried over this way: the tip sheet's review "
            "types and minimum content ('Different Client Incident Review Types', 'Content of a "
            "Case Review'), its 21-business-day due date and refused extensions ('Content of a "
            "Case Review'), combining incidents ('Process for conducting a Case Review'), and the "
            "2020 guide's reading of a volunteer as a staff member. Each result also cites the "
            "carried-over rule itself. This is the caller's assumption that the rule carried "
            "over, not something a source says; the result records it, as the research note "
            "asks."
        ),
    ),
)


# --- due date and extensions ------------------------------------------------------------------

DUE_DATE = Rule(
    id="cims.due-date.21-business-days",
    title="A case review is completed within 21 business days of endorsement",
    citation=_stated(
        _CONTENT,
        "Case reviews must be completed by service providers within 21\u00a0business days of "
        "incident report endorsement",
    ),
)

BUSINESS_DAY_COUNTING = Rule(
    id="cims.due-date.counting",
    title="Business days are counted from the day after endorsement on the Victorian calendar",
    citation=Citation(
        source="ref-business-days",
        section="Reference due dates (Victoria, 21 business days after the day given)",
        provenance=Provenance.INFERRED,
        note=(
            "'Within 21 business days of endorsement' is read as: the due date is the 21st "
            "business day after the endorsement day, which is not counted. A business day is "
            "Monday to Friday and not a Victorian public holiday (Public Holidays Act 1993 (Vic) "
            "s 6, as listed by the holidays package), since CIMS is a Victorian system."
        ),
    ),
)

DUE_DATE_UNKNOWN_2024 = Rule(
    id="cims.cims-2024.due-date.not-determined",
    title="The 2024 review timeframe is not determined by the rules held",
    citation=_pages(
        _TRANSITION,
        _REPLACES,
        "The 21 business days are the guide's (and the tip sheet's) case review timeframe; the "
        "2024 policy's review timeframe is not known. " + _NOT_REACHABLE,
    ),
)

EXTENSION_UNKNOWN_2024 = Rule(
    id="cims.cims-2024.extension.not-determined",
    title="Whether a 2024 review's due date can be extended is not determined by the rules held",
    citation=_pages(
        _TRANSITION,
        _REPLACES,
        "'Requests for extension of time are not applicable to case reviews' is the tip "
        "sheet's; whether the 2024 policy allows extending a review is not known. "
        + _NOT_REACHABLE,
    ),
)

NO_EXTENSION = Rule(
    id="cims.extension.not-applicable",
    title="A case review's due date cannot be extended",
    citation=_stated(
        _CONTENT, "Please note requests for extension of time are not applicable to case reviews."
    ),
)

# --- combining incidents ----------------------------------------------------------------------

COMBINE = Rule(
    id="cims.combine.single-case-review",
    title="Incidents of one client, of the same or similar types, close together: one review",
    citation=_stated(
        _PROCESS,
        "Where the same client is the subject of multiple incident reports recording the same or "
        "similar incident types within quick succession or over a short timeframe, the service "
        "provider may consider conducting a single Case Review to review these incidents.",
    ),
)

SIMILAR_TYPES = Rule(
    id="cims.combine.similar-types",
    title="Which incident types are similar",
    citation=_read(
        _PROCESS,
        "recording the same or similar incident types",
        (
            "The tip sheet does not say which types are 'similar'. The default groups are ours: "
            "the four abuse types; explained and unexplained injury; poor quality of care and "
            "medication error; every other type is similar only to itself. Callers may pass "
            "their own groups."
        ),
    ),
)

COMBINE_WINDOW = Rule(
    id="cims.combine.window",
    title="'A short timeframe' is the caller's window, and the whole group fits in one window",
    citation=_read(
        _PROCESS,
        "within quick succession or over a short timeframe",
        (
            "The tip sheet gives no number for 'quick succession or over a short timeframe', so "
            "the window is a required argument, never a default. It is measured between the "
            "days the incidents occurred (the incidents happen in quick succession; reporting "
            "delays should not split or join them); callers may measure by the reported date "
            "instead. All the incidents reviewed together fall within one window of each other "
            "(the group spans no more than the window), placed to include the first incident "
            "given and as many others as possible."
        ),
    ),
)

CASE_REVIEWS_ONLY = Rule(
    id="cims.combine.case-reviews-only",
    title="Only incidents that each require a case review can share one case review",
    citation=_read(
        _PROCESS,
        "the service provider may consider conducting a single Case Review to review these "
        "incidents.",
        "The single review is a *Case Review*, so every incident it covers must itself require "
        "a case review: one that needs an investigation or an RCA review, or a non-major "
        "incident (which requires no review), cannot be covered by it, and neither can one "
        "whose review type is not yet determined.",
    ),
)

# --- case review completeness -----------------------------------------------------------------

CONTENT_UNKNOWN_2024 = Rule(
    id="cims.cims-2024.review.not-determined",
    title="The 2024 completeness requirements of a review report are not held",
    citation=_pages(
        _TRANSITION,
        _REPLACES,
        "The minimum content checked by validate_case_review is the tip sheet's; what a review "
        "report must contain under the 2024 policy is not known. " + _NOT_REACHABLE,
    ),
)

INCIDENT_SUMMARY = Rule(
    id="cims.review.incident-summary",
    title="A case review includes a summary of the incident",
    citation=_stated(_CONTENT, "summary of the incident"),
)
MANAGEMENT_ASSESSMENT = Rule(
    id="cims.review.management-assessment",
    title="A case review assesses the appropriateness of the management of the incident",
    citation=_stated(
        _CONTENT, "assessment of the appropriateness of the management of the incident"
    ),
)
CONTRIBUTING_FACTORS = Rule(
    id="cims.review.contributing-factors",
    title="A case review states the contributing factors / causes of the incident",
    citation=_stated(_CONTENT, "contributing factors / causes of the incident"),
)
_ACTIONS_QUOTE = (
    "actions to be taken to reduce the risk of similar incidents occurring, including staff "
    "member responsible for each action and the target date for completion"
)
ACTIONS = Rule(
    id="cims.review.actions",
    title="A case review lists the actions to be taken to reduce the risk of similar incidents",
    citation=_stated(_CONTENT, _ACTIONS_QUOTE),
)
ACTIONS_RESPONSIBLE = Rule(
    id="cims.review.actions-responsible",
    title="Each action names the staff member responsible",
    citation=_stated(_CONTENT, _ACTIONS_QUOTE),
)
ACTIONS_TARGET_DATE = Rule(
    id="cims.review.actions-target-date",
    title="Each action has a target date for completion",
    citation=_stated(_CONTENT, _ACTIONS_QUOTE),
)
ADMINISTRATIVE_INFORMATION = Rule(
    id="cims.review.administrative-information",
    title="A case review includes administrative information",
    citation=_stated(_CONTENT, "administrative information"),
)
INCIDENT_FREQUENCY = Rule(
    id="cims.review.incident-frequency",
    title="A case review records the incident frequency",
    citation=_stated(
        _CONTENT, "incident frequency (one-off / pattern for staff / pattern for client)"
    ),
)
REVIEWER = Rule(
    id="cims.review.reviewer",
    title="A case review gives the name and position of the person who conducted it",
    citation=_stated(_CONTENT, "name and position of person who conducted the review"),
)
REVIEW_DATE = Rule(
    id="cims.review.review-date",
    title="A case review is dated",
    citation=_stated(_CONTENT, "date of the review"),
)
ON_TIME = Rule(
    id="cims.review.on-time",
    title="A case review is dated no later than its due date",
    citation=_read(
        _CONTENT,
        "Case reviews must be completed by service providers within 21\u00a0business days of "
        "incident report endorsement",
        "The tip sheet sets when a review must be *completed*; the report records the 'date of "
        "the review'. We read that date as the completion date and check it against the due "
        "date.",
    ),
)
NOT_RESTATEMENT = Rule(
    id="cims.review.not-restatement",
    title="The action plan is not a re-statement of actions taken at the time of the incident",
    citation=_stated(
        _CONTENT,
        "The case review action plan should not be a re-statement of actions taken at the time "
        "of the incident.",
    ),
)
RECORD_KEEPING = Rule(
    id="cims.review.record-keeping-action",
    title="Poor documentation calls for a record-keeping improvement action",
    citation=_read(
        _CONTENT,
        "the action plan should reflect an action on refresher training on the benefit and "
        "obligations of staff to maintain client and unit records in accordance with record "
        "keeping policy requirements.",
        "The sentence is the tip sheet's example ('For example, where the case review identified "
        "that there is very little information on the client file ...'), following 'identifying "
        "improvement opportunities where one or more of the barriers are within the scope of "
        "the service provider to influence e.g., poor documentation/recordkeeping'. We read it "
        "as the rule for a poor-documentation barrier, and accept any action marked "
        "addresses_record_keeping=True (refresher training is the example's action). 'Should': "
        "a warning when every action is marked False (or there is none), info when some are "
        "unmarked (it cannot be checked).",
    ),
)
PARTICIPATION = Rule(
    id="cims.review.participation-recorded",
    title="The review records how the client was supported to participate",
    citation=_read(
        _DEFINITION,
        "Clients should get the support they need to participate in the review process, "
        "including through engagement with a key support person if desired.",
        "The sentence says clients should get support; it does not say the report records it. "
        "We note (as info) a report that is silent on participation, since the support rules "
        "(cims.review.interview-support, cims.review.child-protection-engagement) cannot then "
        "be checked.",
    ),
)
INTERVIEW_SUPPORT = Rule(
    id="cims.review.interview-support",
    title="If interviews are conducted, support including a key support person is offered",
    citation=_stated(
        _PROCESS,
        "If interviews are conducted for the case review, then appropriate support will be offered "
        "to the client to support their participation in the review process, including the offer "
        "of a key support person.",
    ),
)
CHILD_PROTECTION = Rule(
    id="cims.review.child-protection-engagement",
    title="For a child protection client, engagement with Child Protection staff is documented",
    citation=_read(
        _CLIENT,
        "where the client is a child protection client, it is consistent with collaborative "
        "practice to engage with relevant Child Protection staff to seek assistance to engage the "
        "client in the review process. These activities should be documented in the case review.",
        "The tip sheet calls engaging Child Protection staff 'consistent with collaborative "
        "practice' (not a requirement) and says such activities should be documented. We warn "
        "when a child protection client's review does not document that engagement: the "
        "sentence asks for the record, not that engagement must happen.",
    ),
)
CARE_TEAM = Rule(
    id="cims.review.care-team",
    title="For a child protection client, the review is discussed at the Care Team meeting",
    citation=_stated(
        _CLIENT,
        "It is strongly recommended that where the incident involves a child protection client, "
        "the completed case review, issues, themes, and actions from the action plan should be "
        "discussed at the client\u2019s Care Team meeting.",
    ),
)

RULES: tuple[Rule, ...] = (
    RULESET_SELECTION,
    RULESET_DEFAULT,
    RULESET_OPEN,
    CUT_OVER_2024,
    NON_MAJOR,
    MAJOR_FOLLOW_UP,
    INVESTIGATION,
    NEW_TYPES_2020,
    REVIEW,
    CASE_REVIEW,
    RCA_REVIEW,
    INVESTIGATION_2024,
    GROOMING_BETWEEN_CLIENTS_2024,
    VOLUNTEER_2024,
    FOLLOW_UP_UNKNOWN_2024,
    APPLY_2020_RULES,
    DUE_DATE,
    BUSINESS_DAY_COUNTING,
    DUE_DATE_UNKNOWN_2024,
    NO_EXTENSION,
    EXTENSION_UNKNOWN_2024,
    COMBINE,
    SIMILAR_TYPES,
    COMBINE_WINDOW,
    CASE_REVIEWS_ONLY,
    CONTENT_UNKNOWN_2024,
    INCIDENT_SUMMARY,
    MANAGEMENT_ASSESSMENT,
    CONTRIBUTING_FACTORS,
    ACTIONS,
    ACTIONS_RESPONSIBLE,
    ACTIONS_TARGET_DATE,
    ADMINISTRATIVE_INFORMATION,
    INCIDENT_FREQUENCY,
    REVIEWER,
    REVIEW_DATE,
    ON_TIME,
    NOT_RESTATEMENT,
    RECORD_KEEPING,
    PARTICIPATION,
    INTERVIEW_SUPPORT,
    CHILD_PROTECTION,
    CARE_TEAM,
)
"""Every rule of the CIMS rulebook."""


def _ruleset_of(rule: Rule) -> tuple[str, ...]:
    named = tuple(part for part in rule.id.split(".") if part in ("cims-2020", "cims-2024"))
    if named:
        return named
    if rule.id.startswith("cims.ruleset."):
        return ("cims-2020", "cims-2024")
    return ("cims-2020",)


RULE_RULESETS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {rule.id: _ruleset_of(rule) for rule in RULES}
)
"""Each rule's regime(s), by rule id: ``("cims-2020",)`` for the tip sheet's and the 2020
guide's rules, ``("cims-2024",)`` for the 2024 policy's, both for ruleset selection. A
``cims-2020`` rule answers for a ``cims-2024`` incident only by opt-in."""


_WEAKNESS: Mapping[Provenance, int] = MappingProxyType(
    {Provenance.STATED: 0, Provenance.SECONDARY: 1, Provenance.INFERRED: 2}
)


def weakest(citations: Iterable[Citation]) -> Provenance:
    """The least certain provenance among ``citations`` (a result is no surer than its premises).

    >>> weakest([DUE_DATE.citation, BUSINESS_DAY_COUNTING.citation]).value
    'inferred'
    """
    return max((c.provenance for c in citations), key=_WEAKNESS.__getitem__)


def selection_rules(chosen_by: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules behind a ruleset choice made ``chosen_by`` (see ``RulesetChoice.chosen_by``).

    Every choice rests on the selection by submission day and on the 9 December 2024 cut-over
    (on which side of it the dates fall); a default, an open choice and the opt-in that settles
    one add their own rule.
    """
    extra: tuple[Rule, ...] = ()
    if chosen_by == ("default",):
        extra = (RULESET_DEFAULT,)
    elif chosen_by == ("undetermined",):
        extra = (RULESET_OPEN,)
    elif chosen_by == ("apply_2020_rules",):
        extra = (RULESET_OPEN, APPLY_2020_RULES)
    return (RULESET_SELECTION, CUT_OVER_2024, *extra)
