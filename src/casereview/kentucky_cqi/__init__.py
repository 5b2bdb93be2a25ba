"""Kentucky DCBS CQI case reviews: monthly cycle, caps, substitutions, vacancies, what is reviewed.

The rules of the "CQI Case Review Instructions" (seed ``kentucky-cqi-instructions``), each citing
the sentence it implements (``docs/kentucky-cqi.md`` shows them side by side):

* :func:`monthly_schedule` and :func:`steps_due` — the cycle of one TWS-M112 pull;
* :data:`FIRST_LEVEL_MONTHLY_CAP`, :data:`REGIONAL_MONTHLY_CAP` and :func:`check_caps`;
* :class:`SubstitutionRequest` and :func:`substitution_decision` — the substitution clause;
* :func:`vacant_position_outcome` — cases assigned to a vacant FSOS position;
* :func:`period_under_review`, :func:`referral_in_scope`, :func:`last_investigative_referral` and
  :func:`validate_review_record` — the 12-month period, the last investigative referral and the
  OOHC target child;
* :class:`Pull`, :func:`pull_status`, :func:`monitoring_notice` and :func:`month_view` — the
  monthly pull tracker: each case's state on a day, the 26th list, a calendar month's two levels.

>>> from datetime import date
>>> monthly_schedule(2024, 12).regional_complete_by
datetime.date(2025, 1, 25)
"""

from casereview.findings import Rule
from casereview.kentucky_cqi.caps import (
    CAPS_RULES,
    FIRST_LEVEL_MONTHLY_CAP,
    REGIONAL_MONTHLY_CAP,
    check_caps,
)
from casereview.kentucky_cqi.models import (
    MonthlySchedule,
    PeriodUnderReview,
    PermanencyAnswer,
    Referral,
    ReferralPick,
    ReferralScope,
    Requester,
    ReviewChild,
    ReviewLevel,
    ReviewRecord,
    ScheduledStep,
    Step,
    StepsDue,
    SubstitutionDecision,
    SubstitutionReason,
    SubstitutionRequest,
    Timing,
    VacancyOutcome,
    VacancyReason,
)
from casereview.kentucky_cqi.month import MONTH_RULES, MonthView, month_view
from casereview.kentucky_cqi.notice import MonitoringNotice, NoticeEntry, monitoring_notice
from casereview.kentucky_cqi.period import PERIOD_RULES, period_under_review, referral_in_scope
from casereview.kentucky_cqi.pull import FsosVacancy, Pull, PullRow, PullSubstitution
from casereview.kentucky_cqi.referral import last_investigative_referral
from casereview.kentucky_cqi.review_record import REVIEW_RECORD_RULES, validate_review_record
from casereview.kentucky_cqi.reviewed import REVIEWED_RULES
from casereview.kentucky_cqi.schedule import SCHEDULE_RULES, STEP_TABLE, monthly_schedule, steps_due
from casereview.kentucky_cqi.state import Assignment, CaseState, PullStatus, ReviewStatus
from casereview.kentucky_cqi.substitution import SUBSTITUTION_RULES, substitution_decision
from casereview.kentucky_cqi.tracker import TRACKER_RULES, pull_status
from casereview.kentucky_cqi.vacancy import VACANCY_RULES, vacant_position_outcome

RULES: tuple[Rule, ...] = tuple(
    dict.fromkeys(
        (
            *SCHEDULE_RULES,
            *CAPS_RULES,
            *SUBSTITUTION_RULES,
            *VACANCY_RULES,
            *PERIOD_RULES,
            *REVIEW_RECORD_RULES,
            *REVIEWED_RULES,
            *TRACKER_RULES,
            *MONTH_RULES,
        )
    )
)
"""Every rule this rulebook applies, once each (the substitution deadline is a schedule step)."""

__all__ = [
    "FIRST_LEVEL_MONTHLY_CAP",
    "REGIONAL_MONTHLY_CAP",
    "RULES",
    "STEP_TABLE",
    "Assignment",
    "CaseState",
    "FsosVacancy",
    "MonitoringNotice",
    "MonthView",
    "MonthlySchedule",
    "NoticeEntry",
    "PeriodUnderReview",
    "PermanencyAnswer",
    "Pull",
    "PullRow",
    "PullStatus",
    "PullSubstitution",
    "Referral",
    "ReferralPick",
    "ReferralScope",
    "Requester",
    "ReviewChild",
    "ReviewLevel",
    "ReviewRecord",
    "ReviewStatus",
    "ScheduledStep",
    "Step",
    "StepsDue",
    "SubstitutionDecision",
    "SubstitutionReason",
    "SubstitutionRequest",
    "Timing",
    "VacancyOutcome",
    "VacancyReason",
    "check_caps",
    "last_investigative_referral",
    "monitoring_notice",
    "month_view",
    "monthly_schedule",
    "period_under_review",
    "pull_status",
    "referral_in_scope",
    "steps_due",
    "substitution_decision",
    "vacant_position_outcome",
    "validate_review_record",
]
