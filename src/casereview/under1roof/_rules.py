"""Every rule of the Under 1 Roof rulebook, each beside the sentence of the seed it implements.

The seed (Under 1 Roof, "Community in action — Case review") is the only authority. Rules whose
citation is ``inferred`` are our reading where the seed is silent; the note says why.
"""

from __future__ import annotations

from casereview.findings import Citation, Provenance, Rule

__all__: list[str] = []

_SOURCE = "under1roof-case-review"
_WHY = "Why a case review?"
_PROCESS = "Case review process"

TRIGGERS_QUOTE = "The reasons to trigger a case review might include:"
SITUATION_QUOTE = (
    "A case review process can help to harness learning from a particular situation and improve "
    "practice."
)
AGENCIES_QUOTE = (
    "Case reviews can also engage practitioners from the participating agencies who were not "
    "directly involved, in reflection and learning for the future."
)
CONVENE_QUOTE = "Convene key stakeholders"
CHAIR_QUOTE = (
    "Identify a person to independently chair the meeting (someone who has not been involved in "
    "the person's care and who is an experienced practitioner and facilitator)"
)
MEMBERS_QUOTE = (
    "Involve at least two other experienced practitioners/managers who are independent of the "
    "situation"
)
SCRIBE_QUOTE = "Nominate a scribe"
SUMMARY_QUOTE = "Generate a summary of the intervention"
SUCCESSES_QUOTE = "Identify successes and where there were barriers to success"
SUCCESS_FACTORS_QUOTE = "Analyse factors which contributed to success"
BARRIER_FACTORS_QUOTE = "Analyse factors which contributed to barriers"
ALTERNATIVES_QUOTE = "Develop an alternative set of actions responding to the identified barriers"
EVALUATE_QUOTE = "Evaluate if any of those actions could still make a positive difference"
TASKS_QUOTE = (
    "Allocate tasks and responsibilities and monitor implementation through case coordination"
)
REPORT_QUOTE = (
    "Translate key learning into a report back to the case coordination group and the managers' "
    "meetings"
)
LEARNING_QUOTE = (
    "Identify any general implications for learning and development and establish learning "
    "opportunities such as training."
)


def _stated(section: str, quote: str, note: str | None = None) -> Citation:
    return Citation(source=_SOURCE, section=section, quote=quote, note=note)


def _inferred(section: str, quote: str | None, note: str) -> Citation:
    return Citation(
        source=_SOURCE, section=section, quote=quote, provenance=Provenance.INFERRED, note=note
    )


def _rule(rule_id: str, title: str, citation: Citation) -> Rule:
    return Rule(id=f"under1roof.{rule_id}", title=title, citation=citation)


# --- Why a case review? ------------------------------------------------------------------------
TRIGGER_RECORDED = _rule(
    "trigger.recorded",
    "A review records the reason that triggered it",
    _inferred(
        _WHY,
        TRIGGERS_QUOTE,
        "The seed lists reasons that 'might' trigger a review: the list is illustrative, not a "
        "gate. We read it as expecting a review to say why it was convened, so a review with no "
        "recorded reason (none of the six, and no other reason described) is a warning, not an "
        "error: the library cannot know a reason that was never written down.",
    ),
)

# --- The record: which case, when -----------------------------------------------------------
CASE_IDENTIFIED = _rule(
    "record.case-identified",
    "The record says which person's case it reviews",
    _inferred(
        _WHY,
        SITUATION_QUOTE,
        "A review learns from 'a particular situation', the person's; the seed keeps no record "
        "and names no identifier. We read a record that cannot be tied to its case as unable to "
        "be followed through (warning). An id is enough: no personal data is needed.",
    ),
)
MEETING_DATED = _rule(
    "record.meeting-date",
    "The record gives the date of the review meeting",
    _inferred(
        _PROCESS,
        CHAIR_QUOTE,
        "The seed speaks of 'the meeting' but gives it no date. The follow-through (what is due "
        "before the meeting, what is late after it) is placed around the meeting date, so a "
        "record without one is a warning; validated as_of a day, every step is then treated as "
        "due.",
    ),
)

# --- Case review process: the panel (steps 2-4) --------------------------------------------------
CHAIR_IDENTIFIED = _rule(
    "panel.chair-identified",
    "Step 2: a person is identified to chair",
    _stated(_PROCESS, CHAIR_QUOTE),
)
CHAIR_NOT_INVOLVED = _rule(
    "panel.chair-not-involved",
    "The chair has not been involved in the person's care",
    _stated(_PROCESS, CHAIR_QUOTE),
)
CHAIR_INDEPENDENT = _rule(
    "panel.chair-independent",
    "The chair chairs independently",
    _stated(
        _PROCESS,
        CHAIR_QUOTE,
        "The seed asks for a person to 'independently chair' and defines that in the parenthesis "
        "as not involved in the person's care; a chair recorded as not independent fails, an "
        "unrecorded independence is not a finding (the care test decides).",
    ),
)
CHAIR_EXPERIENCED = _rule(
    "panel.chair-experienced",
    "The chair is an experienced practitioner",
    _stated(_PROCESS, CHAIR_QUOTE),
)
CHAIR_FACILITATOR = _rule(
    "panel.chair-facilitator", "The chair is a facilitator", _stated(_PROCESS, CHAIR_QUOTE)
)
CHAIR_UNRECORDED = _rule(
    "panel.chair-unrecorded",
    "The chair is shown to be not involved in the person's care, experienced and a facilitator",
    _stated(
        _PROCESS,
        CHAIR_QUOTE,
        "The stated requirement of the chair, checked fact by fact: a fact left unrecorded "
        "(None) does not show the requirement is met, so it is an error like a fact recorded "
        "as failing, but reported under this id, apart from one, so a gap in the record can be "
        "told from a chair who falls short.",
    ),
)
MEMBER_EXPERIENCED = _rule(
    "panel.member-experienced",
    "Each counted member is an experienced practitioner or manager",
    _stated(
        _PROCESS,
        MEMBERS_QUOTE,
        "A member who falls short is not counted (a warning: others may sit in the meeting); "
        "the error is a count below two, panel.two-independent-members.",
    ),
)
MEMBER_INDEPENDENT = _rule(
    "panel.member-independent",
    "Each counted member is independent of the situation",
    _stated(
        _PROCESS,
        MEMBERS_QUOTE,
        "A member recorded as involved in the person's care is not independent of the situation, "
        "whatever the independent flag says. A member who falls short is not counted (a "
        "warning); the error is a count below two, panel.two-independent-members.",
    ),
)
MEMBER_UNRECORDED = _rule(
    "panel.member-unrecorded",
    "A counted member is shown to be experienced and independent of the situation",
    _stated(
        _PROCESS,
        MEMBERS_QUOTE,
        "The stated requirement of each member: a fact left unrecorded (None) does not show "
        "the member qualifies, so the member is not counted. A member who does not count is a "
        "warning, reported under this id apart from one recorded as falling short; the error, "
        "if the count falls short, is panel.two-independent-members.",
    ),
)
TWO_INDEPENDENT_MEMBERS = _rule(
    "panel.two-independent-members",
    "Step 3: at least two other qualifying people sit on the panel",
    _stated(
        _PROCESS,
        MEMBERS_QUOTE,
        "The rule counts people: 'two other' means two people besides the chair, so a member "
        "who is the chair, or is named twice, counts once at most.",
    ),
)
DISTINCT_PEOPLE = _rule(
    "panel.distinct-people",
    "One person is not counted twice (names compared with case and white space folded)",
    _inferred(
        _PROCESS,
        MEMBERS_QUOTE,
        "The seed asks for two *other* practitioners/managers: people besides the chair, each "
        "counted once. How to tell that two listings are one person it does not say; we compare "
        "names with case and white space folded (two people of one name need distinct names in "
        "the record). Resting on that convention, a repeated person is a warning, never an "
        "error; the error, if the count falls short, is panel.two-independent-members.",
    ),
)
SCRIBE_NOMINATED = _rule(
    "panel.scribe-nominated", "Step 4: a scribe is nominated", _stated(_PROCESS, SCRIBE_QUOTE)
)
SCRIBE_SEPARATE = _rule(
    "panel.scribe-separate",
    "The scribe is a separate person from the chair and the counted members",
    _inferred(
        _PROCESS,
        SCRIBE_QUOTE,
        "The seed lists the chair, the two other practitioners/managers and the scribe as "
        "separate steps and says nothing of one person holding two of them. We read the roles "
        "as held by different people (recording the meeting competes with facilitating it or "
        "reviewing independently), so a chair who is also the scribe, and a member who is the "
        "scribe (not counted toward the two), are warnings. Resting on our reading, this never "
        "makes a panel fail: when only the scribe's not counting leaves fewer than two, the "
        "shortfall is this warning, not panel.two-independent-members. Pass "
        "scribe_may_double=True to read the seed the other way.",
    ),
)

# --- Case review process: the record (steps 1, 5-13) ---------------------------------------------
STAKEHOLDERS_CONVENED = _rule(
    "process.stakeholders-convened",
    "Step 1: key stakeholders are convened",
    _stated(_PROCESS, CONVENE_QUOTE),
)
STAKEHOLDER_DETAILS = _rule(
    "process.stakeholder-agency-and-role",
    "Each stakeholder convened is recorded with their agency and role",
    _inferred(
        _PROCESS,
        CONVENE_QUOTE,
        "The seed's reviews are multi-agency ('the participating agencies') and convene 'key "
        "stakeholders', but it lists no details to record. We read a stakeholder without an "
        "agency or a role as a gap in the record (warning), not a failed step.",
    ),
)
INTERVENTION_SUMMARY = _rule(
    "process.intervention-summary",
    "Step 5: a summary of the intervention",
    _stated(_PROCESS, SUMMARY_QUOTE),
)
SUCCESSES_AND_BARRIERS = _rule(
    "process.successes-and-barriers",
    "Step 6: successes and barriers to success are identified",
    _stated(
        _PROCESS,
        SUCCESSES_QUOTE,
        "An empty list records that none were found (a review of an entirely positive outcome "
        "may find no barriers); only a list never recorded is missing.",
    ),
)
SUCCESS_FACTORS = _rule(
    "process.success-factors",
    "Step 7: factors which contributed to success are analysed",
    _stated(
        _PROCESS,
        SUCCESS_FACTORS_QUOTE,
        "Not asked of a review that recorded no successes (step 6 empty): nothing to analyse. "
        "An analysis never recorded is missing; one recorded with no factor is "
        "process.success-factors-named (our reading, a warning).",
    ),
)
BARRIER_FACTORS = _rule(
    "process.barrier-factors",
    "Step 8: factors which contributed to barriers are analysed",
    _stated(
        _PROCESS,
        BARRIER_FACTORS_QUOTE,
        "Not asked of a review that recorded no barriers (step 6 empty): nothing to analyse. "
        "An analysis never recorded is missing; one recorded with no factor is "
        "process.barrier-factors-named (our reading, a warning).",
    ),
)
_FACTORS_NAMED_NOTE = (
    "The seed asks for the factors which contributed to be analysed, not for the analysis to "
    "find one. When step 6 identified {what} but the analysis records no factor, we report it "
    "(warning): an analysis that names nothing is more likely unfinished than conclusive."
)
SUCCESS_FACTORS_NAMED = _rule(
    "process.success-factors-named",
    "Step 7: an analysis of identified successes names a contributing factor",
    _inferred(_PROCESS, SUCCESS_FACTORS_QUOTE, _FACTORS_NAMED_NOTE.format(what="successes")),
)
BARRIER_FACTORS_NAMED = _rule(
    "process.barrier-factors-named",
    "Step 8: an analysis of identified barriers names a contributing factor",
    _inferred(_PROCESS, BARRIER_FACTORS_QUOTE, _FACTORS_NAMED_NOTE.format(what="barriers")),
)
ALTERNATIVE_ACTIONS = _rule(
    "process.alternative-actions",
    "Step 9: an alternative set of actions responding to the barriers",
    _stated(
        _PROCESS,
        ALTERNATIVES_QUOTE,
        "Not asked of a review that recorded no barriers (step 6 empty): the actions respond to "
        "'the identified barriers', and there are none. Once barriers are identified, the set "
        "holds at least one action: an empty set responds to none of them.",
    ),
)
ALTERNATIVES_EVALUATED = _rule(
    "process.alternatives-evaluated",
    "Step 10: each alternative action is evaluated for whether it could still help",
    _stated(_PROCESS, EVALUATE_QUOTE),
)
TASKS_ALLOCATED = _rule(
    "process.tasks-allocated",
    "Step 11: tasks and responsibilities are allocated",
    _stated(_PROCESS, TASKS_QUOTE),
)
TASK_DESCRIPTION = _rule(
    "process.task-description", "Step 11: each task says what", _stated(_PROCESS, TASKS_QUOTE)
)
TASK_RESPONSIBLE = _rule(
    "process.task-responsible",
    "Step 11: each task names who is responsible",
    _stated(_PROCESS, TASKS_QUOTE),
)
TASK_AGENCY = _rule(
    "process.task-agency",
    "Step 11: each task names the agency of its owner",
    _inferred(
        _PROCESS,
        TASKS_QUOTE,
        "Responsibilities are allocated across the participating agencies; the seed does not "
        "ask for the agency to be written down. A task without one is a warning.",
    ),
)
TASK_TARGET_DATE = _rule(
    "process.task-target-date",
    "Step 11: each task has a date for monitoring",
    _inferred(
        _PROCESS,
        TASKS_QUOTE,
        "The seed asks for implementation to be monitored but sets no dates; a task without a "
        "target date is hard to monitor, and the shared Action model asks for one. Our reading, "
        "so a warning.",
    ),
)
MONITORED = _rule(
    "process.monitored-through-case-coordination",
    "Step 11: implementation is monitored through case coordination",
    _stated(
        _PROCESS,
        TASKS_QUOTE,
        "Not asked when the review allocated no tasks (an empty task list): nothing to monitor.",
    ),
)
PROGRESS_RECORDED = _rule(
    "followup.progress-recorded",
    "Each progress update of a task says when it was reported and where the task stood",
    _inferred(
        _PROCESS,
        TASKS_QUOTE,
        "Implementation is monitored through case coordination; a progress update without a "
        "date cannot be placed in time, and one without a status does not say where the task "
        "stood, so neither is used to judge the task (warning).",
    ),
)
TASK_ON_TIME = _rule(
    "followup.task-on-time",
    "Step 11: each task is done by the date the review gave it",
    _inferred(
        _PROCESS,
        TASKS_QUOTE,
        "The seed sets no dates: lateness is judged against the task's own target date (itself "
        "our reading, process.task-target-date), as reported through case coordination. "
        "Validated as_of a day after the meeting, a task not reported done or withdrawn by then "
        "is open (info) until its target date passes, then late (warning).",
    ),
)
HELPFUL_ACTIONS_ALLOCATED = _rule(
    "process.helpful-actions-allocated",
    "Alternative actions that could still help become tasks",
    _inferred(
        _PROCESS,
        EVALUATE_QUOTE,
        "Steps 10 and 11 follow one another: an alternative action evaluated as still able to "
        "make a positive difference is what the allocated tasks would carry out. A review that "
        "finds such an action but allocates no task is a warning. (The seed does not tie the "
        "tasks to the alternatives, so this stays a warning; a review whose alternatives were "
        "all found unable to help may allocate none.)",
    ),
)
REPORT_BACK = _rule(
    "process.report-back",
    "Step 12: key learning is reported to the case coordination group and managers' meetings",
    _stated(_PROCESS, REPORT_QUOTE),
)
REPORT_ON_TIME = _rule(
    "followup.report-back-on-time",
    "Step 12: the report back is made by the date the review set for it",
    _inferred(
        _PROCESS,
        REPORT_QUOTE,
        "The seed sets no date for the report back. When the record gives its own "
        "(report_due_on) and, validated as_of a later day, a part of the report back is still "
        "outstanding, that part is late (warning); with no such date it is only outstanding "
        "(info under process.report-back).",
    ),
)
LEARNING_IMPLICATIONS = _rule(
    "process.learning-implications",
    "Step 13: general implications for learning and development are identified",
    _stated(
        _PROCESS,
        LEARNING_QUOTE,
        "'any' implications: an empty list records that none were found.",
    ),
)
LEARNING_OPPORTUNITIES = _rule(
    "process.learning-opportunities",
    "Step 13: learning opportunities are established for the implications found",
    _stated(
        _PROCESS,
        LEARNING_QUOTE,
        "Asked once at least one implication is identified; with none ('any'), there is nothing "
        "to establish.",
    ),
)
STEP_ORDER = _rule(
    "process.step-order",
    "Steps are completed in the seed's order",
    _inferred(
        _PROCESS,
        CONVENE_QUOTE,
        "The seed gives the process as a bulleted list, from 'Convene key stakeholders' (quoted, "
        "the first item) to learning and development; it neither numbers the items nor says "
        "the order is mandatory. The step numbers (Step 1 to Step 13) are the library's, "
        "counting the items in the order listed, and we read that order as the order of work. "
        "Where a record dates its steps, a step dated before an earlier-listed step is a "
        "warning. Steps on the same day (one meeting) are in order. Follow-through dated "
        "before the meeting (a progress update, a report back) is out of order too.",
    ),
)

RULES: tuple[Rule, ...] = (
    TRIGGER_RECORDED,
    CASE_IDENTIFIED,
    MEETING_DATED,
    STAKEHOLDERS_CONVENED,
    STAKEHOLDER_DETAILS,
    CHAIR_IDENTIFIED,
    CHAIR_NOT_INVOLVED,
    CHAIR_INDEPENDENT,
    CHAIR_EXPERIENCED,
    CHAIR_FACILITATOR,
    CHAIR_UNRECORDED,
    MEMBER_EXPERIENCED,
    MEMBER_INDEPENDENT,
    MEMBER_UNRECORDED,
    TWO_INDEPENDENT_MEMBERS,
    DISTINCT_PEOPLE,
    SCRIBE_NOMINATED,
    SCRIBE_SEPARATE,
    INTERVENTION_SUMMARY,
    SUCCESSES_AND_BARRIERS,
    SUCCESS_FACTORS,
    BARRIER_FACTORS,
    SUCCESS_FACTORS_NAMED,
    BARRIER_FACTORS_NAMED,
    ALTERNATIVE_ACTIONS,
    ALTERNATIVES_EVALUATED,
    TASKS_ALLOCATED,
    TASK_DESCRIPTION,
    TASK_RESPONSIBLE,
    TASK_AGENCY,
    TASK_TARGET_DATE,
    MONITORED,
    PROGRESS_RECORDED,
    TASK_ON_TIME,
    HELPFUL_ACTIONS_ALLOCATED,
    REPORT_BACK,
    REPORT_ON_TIME,
    LEARNING_IMPLICATIONS,
    LEARNING_OPPORTUNITIES,
    STEP_ORDER,
)
