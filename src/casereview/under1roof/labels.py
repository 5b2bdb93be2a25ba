"""The seed's two lists: the reasons that might trigger a review, and the process's thirteen steps.

Each member's label is the seed's own words, so it can be found in the source.
"""

from __future__ import annotations

from collections.abc import Mapping

from casereview._aliases import AliasedLabelEnum
from casereview._labels import LabelEnum

__all__ = ["ProcessStep", "Trigger"]


class Trigger(AliasedLabelEnum):
    """The six reasons the seed gives that might trigger a case review.

    Each label is a verbatim fragment of the seed's bullet (under "Why a case review?"), so it
    can be found in the source; :attr:`bullet` gives the whole bullet. The seed's list is
    illustrative ("might include"): a review may record another reason in
    :attr:`ReviewRecord.other_trigger`. The short forms people type are accepted as documented
    by :meth:`aliases` (one per reason, the bullet's key words); nothing else is guessed.

    >>> Trigger.parse("ADVERSE_EVENT", field="triggers[0]") is Trigger.ADVERSE_EVENT
    True
    >>> Trigger.parse("adverse event", field="triggers[0]") is Trigger.ADVERSE_EVENT
    True
    >>> Trigger.parse("bad luck", field="triggers[0]")
    Traceback (most recent call last):
    ...
    casereview.errors.UnknownValueError: triggers[0]: 'bad luck' is not an allowed value; ...
    """

    SUSTAINED_DIFFICULTIES = "sustained difficulties in achieving the planned outcome"
    TENANCY_AT_RISK = (
        "complex and intersecting issues cause the tenancy to be at risk or to have ended"
    )
    NO_AGREEMENT = "difficulties reaching agreement on the course of action or the desired outcome"
    ENGAGEMENT_DIFFICULTIES = "difficulties engaging all stakeholders needed to pursue an outcome"
    ADVERSE_EVENT = (
        "an adverse event has occurred despite continued effort by multiple stakeholders"
    )
    SIGNIFICANT_LEARNING = "significant learning and/or outcomes worth explicit reflection"

    @property
    def bullet(self) -> str:
        """The seed's whole bullet for this reason."""
        return _TRIGGER_BULLETS[self]

    @classmethod
    def _alias_spec(cls) -> Mapping[str, str]:
        return {
            "sustained difficulties": "SUSTAINED_DIFFICULTIES",
            "tenancy at risk": "TENANCY_AT_RISK",
            "tenancy ended": "TENANCY_AT_RISK",
            "no agreement": "NO_AGREEMENT",
            "engagement difficulties": "ENGAGEMENT_DIFFICULTIES",
            "adverse event": "ADVERSE_EVENT",
            "significant learning": "SIGNIFICANT_LEARNING",
        }


_TRIGGER_BULLETS: dict[Trigger, str] = {
    Trigger.SUSTAINED_DIFFICULTIES: (
        "sustained difficulties in achieving the planned outcome (such as housing or support)"
    ),
    Trigger.TENANCY_AT_RISK: (
        "continued complex and intersecting issues cause the tenancy to be at risk or to have "
        "ended despite everyone's efforts"
    ),
    Trigger.NO_AGREEMENT: (
        "difficulties reaching agreement on the course of action or the desired outcome"
    ),
    Trigger.ENGAGEMENT_DIFFICULTIES: (
        "difficulties engaging all stakeholders needed to pursue an outcome"
    ),
    Trigger.ADVERSE_EVENT: (
        "an adverse event has occurred despite continued effort by multiple stakeholders"
    ),
    Trigger.SIGNIFICANT_LEARNING: (
        "a case study includes significant learning and/or outcomes worth explicit reflection, "
        "documentation and application to new situations."
    ),
}


class ProcessStep(LabelEnum):
    """The thirteen steps of the seed's "Case review process", in the seed's order.

    Each label is the seed's bullet, verbatim (the final full stop dropped).

    >>> ProcessStep.SCRIBE.number
    4
    >>> ProcessStep(ProcessStep.SCRIBE.value)
    <ProcessStep.SCRIBE: 'Nominate a scribe'>
    """

    CONVENE = "Convene key stakeholders"
    CHAIR = (
        "Identify a person to independently chair the meeting (someone who has not been involved "
        "in the person's care and who is an experienced practitioner and facilitator)"
    )
    INDEPENDENT_MEMBERS = (
        "Involve at least two other experienced practitioners/managers who are independent of "
        "the situation"
    )
    SCRIBE = "Nominate a scribe"
    SUMMARY = "Generate a summary of the intervention"
    SUCCESSES_AND_BARRIERS = "Identify successes and where there were barriers to success"
    SUCCESS_FACTORS = "Analyse factors which contributed to success"
    BARRIER_FACTORS = "Analyse factors which contributed to barriers"
    ALTERNATIVE_ACTIONS = (
        "Develop an alternative set of actions responding to the identified barriers"
    )
    EVALUATE_ALTERNATIVES = (
        "Evaluate if any of those actions could still make a positive difference"
    )
    TASKS = (
        "Allocate tasks and responsibilities and monitor implementation through case coordination"
    )
    REPORT_BACK = (
        "Translate key learning into a report back to the case coordination group and the "
        "managers' meetings"
    )
    LEARNING = (
        "Identify any general implications for learning and development and establish learning "
        "opportunities such as training"
    )

    @property
    def number(self) -> int:
        """The step's position in the seed's list, from 1."""
        return _STEP_NUMBERS[self]


_STEP_NUMBERS: dict[ProcessStep, int] = {step: i for i, step in enumerate(ProcessStep, start=1)}
