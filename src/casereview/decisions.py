"""The decisions the surfaces offer, by name: one request model and one function each.

The command line, the HTTP service, ``batch`` and ``check`` all go through :func:`decide`, so a
decision answers the same way everywhere, in the one result format
(:func:`casereview.trace.result_json`). Each decision's inputs are a pydantic model (validated
by the input policy, so labels parse in any case and flags take ``"Yes"``/``"No"``), which is
also its JSON Schema (:mod:`casereview.schema`) and its HTTP request body.

>>> result = decide("isr", {"harm": "moderate", "duration": "Temporary", "treatment": "MINOR"})
>>> result["outcome"]["isr"], result["inputs"]["harm"]
(2, 'Moderate')
>>> sorted(DECISIONS)[:4]
['due-date', 'evaluate', 'follow-up', 'isr']

A surface-level module: the core never imports it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, BeforeValidator, Field, Strict, ValidationInfo

from casereview._base import FrozenModel
from casereview._input import day, option
from casereview.cims import AllegationSubject, Impact, IncidentType
from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError, shown
from casereview.evaluate import EvaluationRequest, SapseResult, evaluate
from casereview.vhims import HarmDuration, HarmLevel, LogicMap, TreatmentLevel, is_sapse
from casereview.vhims._rules import SAPSE_CRITERIA

__all__ = [
    "DECISIONS",
    "Decision",
    "DueDateRequest",
    "FollowUpRequest",
    "IsrRequest",
    "ReviewRequest",
    "SapseRequest",
    "decide",
    "decode_input",
    "parse_json",
    "run",
]


def _day(value: object, info: ValidationInfo) -> object:
    # The input policy's day: a date or "YYYY-MM-DD" (pydantic alone would also take a Unix
    # timestamp or a datetime at midnight). An optional field's None never gets here.
    field = info.field_name or "date"
    if value is None:
        raise MissingElementError(field, "give the day as YYYY-MM-DD")
    return day(value, field=field)


_Day = Annotated[date, BeforeValidator(_day)]
"""A calendar day as the input policy reads it: a ``date`` or ``"YYYY-MM-DD"``."""

RULESETS: Final = ("cims-2020", "cims-2024")
"""The CIMS regimes a request may force."""


def _ruleset(value: object) -> object:
    if value is None or value in RULESETS:
        return value
    raise UnknownValueError("ruleset", value, RULESETS)


_Ruleset = Annotated[Literal["cims-2020", "cims-2024"], BeforeValidator(_ruleset)]
"""A forced CIMS regime; anything else is ``unknown_value`` with the allowed list."""


def _option(value: object, info: ValidationInfo) -> object:
    return option(value, field=info.field_name or "option")


_Option = Annotated[Literal[True, False], BeforeValidator(_option)]
"""A behaviour switch (``strict``, ``apply_2020_rules``): exactly ``true`` or ``false``.

A ``Literal`` rather than ``bool``, so the models' flag policy (``"Yes"``/``"No"`` for facts)
does not apply, and the schema says ``enum: [true, false]``.
"""


class IsrRequest(FrozenModel):
    """The three ISR elements (labels in any case, or member names); the path decides."""

    harm: HarmLevel
    duration: HarmDuration | None = None
    treatment: TreatmentLevel | None = None
    strict: _Option = False
    """Refuse an implausible combination (see ``casereview.vhims.check_consistency``)."""


class FollowUpRequest(FrozenModel):
    """A CIMS incident's impact and type (labels in any case), and what decides the follow-up."""

    impact: Impact
    incident_type: IncidentType
    subject_of_allegation: AllegationSubject | None = None
    systemic_factors: bool | None = None
    submitted_on: _Day | None = None
    """The day the report was submitted (selects the ruleset)."""
    occurred_on: _Day | None = None
    """The day the incident occurred (on or after 9 Dec 2024 selects ``cims-2024``)."""
    ruleset: _Ruleset | None = None
    """Force a regime (a what-if; recorded in the result)."""
    apply_2020_rules: _Option = False
    """Under ``cims-2024``, answer what its rules leave open with the 2020 review rules."""


class DueDateRequest(FrozenModel):
    """The day the report was endorsed (under cims-2020 the review is due 21 business days on)."""

    endorsed_on: _Day
    submitted_on: _Day | None = None
    """The day the report was submitted (selects the ruleset)."""
    occurred_on: _Day | None = None
    """The day the incident occurred."""
    ruleset: _Ruleset | None = None
    """Force a regime (a what-if; recorded in the result)."""
    apply_2020_rules: _Option = False
    """Under ``cims-2024`` (timeframe not known), apply the 2020 rule (recorded as inferred)."""


_Rating = Annotated[int, Strict(), Field(ge=1, le=4)]
"""An ISR as JSON gives it: the whole number 1-4 (``true``, ``"1"`` and ``1.5`` are refused)."""


class ReviewRequest(FrozenModel):
    """The ISR (1-4) and what decides the minimum review of an ISR 1 or a sentinel event."""

    isr: _Rating
    sentinel_event: bool = False
    system_or_process_issues: bool | None = None


class SapseRequest(FrozenModel):
    """The four SAPSE criteria (flags: true/false or "Yes"/"No" in any case)."""

    incident_type: str = Field(min_length=1)
    isr: _Rating
    clinical_incident: bool
    went_as_intended: bool
    under_duty_of_candour: bool = True


@dataclass(frozen=True)
class Decision:
    """One decision: its name, what it decides, its request model and how to answer."""

    name: str
    summary: str
    request: Callable[[], type[BaseModel]]
    answer: Callable[..., Any]
    example: Mapping[str, Any]
    uses_logic_map: bool = False
    """The answer depends on the ISR logic map (``isr``, ``evaluate``): ``logic_map=`` applies."""

    def request_model(self) -> type[BaseModel]:
        """The pydantic model of the decision's inputs."""
        return self.request()


def _isr(inputs: Any, logic_map: LogicMap | None = None) -> Any:
    from casereview.vhims import derive_isr

    return derive_isr(
        inputs.harm, inputs.duration, inputs.treatment, strict=inputs.strict, logic_map=logic_map
    )


def _follow_up(inputs: Any) -> Any:
    from casereview.cims import required_follow_up

    return required_follow_up(
        inputs.impact,
        inputs.incident_type,
        subject_of_allegation=inputs.subject_of_allegation,
        systemic_factors=inputs.systemic_factors,
        submitted_on=inputs.submitted_on,
        occurred_on=inputs.occurred_on,
        ruleset=inputs.ruleset,
        apply_2020_rules=inputs.apply_2020_rules,
    )


def _due_date(inputs: Any) -> Any:
    from casereview.cims import case_review_due

    return case_review_due(
        inputs.endorsed_on,
        submitted_on=inputs.submitted_on,
        occurred_on=inputs.occurred_on,
        ruleset=inputs.ruleset,
        apply_2020_rules=inputs.apply_2020_rules,
    )


def _review(inputs: Any) -> Any:
    from casereview.vhims import review_requirement

    return review_requirement(
        inputs.isr,
        sentinel_event=inputs.sentinel_event,
        system_or_process_issues=inputs.system_or_process_issues,
    )


def _sapse(inputs: Any) -> SapseResult:

    answer = is_sapse(
        incident_type=inputs.incident_type,
        isr=inputs.isr,
        clinical_incident=inputs.clinical_incident,
        went_as_intended=inputs.went_as_intended,
        under_duty_of_candour=inputs.under_duty_of_candour,
    )
    return SapseResult(
        sapse=answer, rule_id=SAPSE_CRITERIA.id, citations=(SAPSE_CRITERIA.citation,)
    )


def _cims_report() -> type[BaseModel]:
    from casereview.cims import CaseReviewReport

    return CaseReviewReport


def _validate_cims(report: Any) -> Any:
    from casereview.cims import validate_case_review

    return validate_case_review(report)


def _kentucky_record() -> type[BaseModel]:
    from casereview.kentucky_cqi import ReviewRecord

    return ReviewRecord


def _validate_kentucky(record: Any) -> Any:
    from casereview.kentucky_cqi import validate_review_record

    return validate_review_record(record)


def _u1r_panel() -> type[BaseModel]:
    from casereview.under1roof import Panel

    return Panel


def _validate_u1r_panel(panel: Any) -> Any:
    from casereview.under1roof import validate_panel

    return validate_panel(panel)


def _u1r_review() -> type[BaseModel]:
    from casereview.under1roof import ReviewRecord

    return ReviewRecord


def _validate_u1r_review(record: Any) -> Any:
    from casereview.under1roof import validate_review

    return validate_review(record)


def _substitution_request() -> type[BaseModel]:
    from casereview.kentucky_cqi import SubstitutionRequest

    return SubstitutionRequest


def _substitution(request: Any) -> Any:
    from casereview.kentucky_cqi import substitution_decision

    return substitution_decision(request)


def _evaluate(request: Any, logic_map: LogicMap | None = None) -> Any:
    return evaluate(request.incident(), logic_map=logic_map)


_ISR_EXAMPLE: Final = {"harm": "Moderate", "duration": "Temporary", "treatment": "Intermediate"}

DECISIONS: Final[Mapping[str, Decision]] = {
    d.name: d
    for d in (
        Decision(
            "isr",
            "VHIMS clinical ISR from the three elements",
            lambda: IsrRequest,
            _isr,
            _ISR_EXAMPLE,
            uses_logic_map=True,
        ),
        Decision(
            "follow-up",
            "CIMS: the follow-up an incident requires (investigation, case/RCA review, none)",
            lambda: FollowUpRequest,
            _follow_up,
            {"impact": "Major impact", "incident_type": "Self-harm", "systemic_factors": False},
        ),
        Decision(
            "due-date",
            "CIMS: the case review due date (21 business days after endorsement, Victoria)",
            lambda: DueDateRequest,
            _due_date,
            {"endorsed_on": "2024-12-02"},
        ),
        Decision(
            "review",
            "VHIMS: the minimum level of review for an ISR",
            lambda: ReviewRequest,
            _review,
            {"isr": 1, "system_or_process_issues": True},
        ),
        Decision(
            "sapse",
            "VHIMS: whether a clinical incident may be considered a SAPSE",
            lambda: SapseRequest,
            _sapse,
            {
                "incident_type": "Clinical",
                "isr": 2,
                "clinical_incident": "Yes",
                "went_as_intended": "No",
            },
        ),
        Decision(
            "validate-cims-case-review",
            "CIMS: a case review report against the tip sheet's minimum content",
            _cims_report,
            _validate_cims,
            {"incident_summary": "Client fell in the bathroom."},
        ),
        Decision(
            "validate-kentucky-record",
            "Kentucky CQI: a review record against the OOHC target-child rule",
            _kentucky_record,
            _validate_kentucky,
            {"out_of_home_care": True, "children": [{"child_id": "A", "target": True}]},
        ),
        Decision(
            "validate-under1roof-panel",
            "Under 1 Roof: a review panel against steps 2-4",
            _u1r_panel,
            _validate_u1r_panel,
            {"scribe": "Cy"},
        ),
        Decision(
            "validate-under1roof-review",
            "Under 1 Roof: a whole review record (triggers and the 13 process steps)",
            _u1r_review,
            _validate_u1r_review,
            {"intervention_summary": "Tenancy support since May"},
        ),
        Decision(
            "kentucky-substitution",
            "Kentucky CQI: whether a substitution request can be accepted",
            _substitution_request,
            _substitution,
            {
                "reason": "SEALED",
                "requested_on": "2024-12-05",
                "pull_year": 2024,
                "pull_month": 12,
            },
        ),
        Decision(
            "evaluate",
            "Everything the rules decide about one CIMS or VHIMS incident, in one result",
            lambda: EvaluationRequest,
            _evaluate,
            {"cims": {"id": "C-1", "client": "P-1", "impact": "Major", "incident_type": "Death"}},
            uses_logic_map=True,
        ),
    )
}
"""Every decision, by the name the CLI command and the HTTP endpoint use."""


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


MAX_INT_DIGITS: Final = 4300
"""The most digits a JSON integer may have (Python's own conversion bound)."""


class _TooManyDigitsError(ValueError):
    """Valid JSON, refused by policy: not "malformed"."""


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooManyDigitsError(
            f"an integer of more than {MAX_INT_DIGITS:,} digits is refused (no rule needs one)"
        )
    return int(digits)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {shown(key)}")
        result[key] = value
    return result


def decode_input(raw: str | bytes) -> str:
    r"""The text of an input: UTF-8 (a leading byte order mark is dropped), whatever the locale.

    Every surface reads its input through this (``decide``, ``validate``, ``evaluate``,
    ``check``, ``batch`` and the HTTP service), so a BOM gets the same answer everywhere.

    >>> decode_input(b"\xef\xbb\xbf{}"), decode_input("\ufeff{}")
    ('{}', '{}')

    Raises:
        UnicodeDecodeError: ``raw`` is bytes that are not UTF-8.
    """
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    return text.removeprefix("\ufeff")


def parse_json(text: str | bytes, *, field: str = "input") -> Any:
    r"""Standard JSON only, refused as a :class:`CaseReviewError`.

    No ``NaN``/``Infinity``, no duplicate keys, no integer of more than :data:`MAX_INT_DIGITS`
    digits; UTF-8 text, a leading byte order mark dropped (:func:`decode_input`).

    >>> parse_json('{"harm": "Minor"}')
    {'harm': 'Minor'}
    >>> parse_json(b'\xef\xbb\xbf{"harm": "Minor"}')
    {'harm': 'Minor'}
    >>> parse_json('{"harm": NaN}')
    Traceback (most recent call last):
    ...
    casereview.errors.CaseReviewError: input: malformed JSON: NaN is not JSON
    >>> parse_json('{"harm": "Minor", "harm": "Severe"}')
    Traceback (most recent call last):
    ...
    casereview.errors.CaseReviewError: input: malformed JSON: duplicate key 'harm'
    """
    try:
        return json.loads(
            decode_input(text),
            parse_constant=_no_constant,
            parse_int=_integer,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        message = f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
    except UnicodeDecodeError:
        message = "not UTF-8 text"
    except RecursionError:
        message = "nested too deeply"
    except _TooManyDigitsError as exc:
        raise CaseReviewError(f"{field}: {exc}", field=field) from None
    except ValueError as exc:
        message = str(exc)
    raise CaseReviewError(f"{field}: malformed JSON: {message}", field=field)


def run(name: str, inputs: object, *, logic_map: LogicMap | None = None) -> tuple[BaseModel, Any]:
    """Validate ``inputs`` for decision ``name`` and answer: ``(inputs as understood, result)``.

    ``logic_map`` (a :class:`~casereview.vhims.LogicMap`, default the built-in reconstruction)
    rates the ISR of the decisions that use one (``isr``, ``evaluate``); the others ignore it.

    Raises:
        UnknownValueError: no decision is called ``name``.
        CaseReviewError: ``inputs`` is not a JSON object.
        pydantic.ValidationError: malformed inputs (naming the field).
    """
    decision = DECISIONS.get(name) if isinstance(name, str) else None
    if decision is None:
        raise UnknownValueError("decision", name, sorted(DECISIONS))
    if not isinstance(inputs, Mapping):
        raise CaseReviewError(
            f"inputs: expected a JSON object of the {name} inputs, got {_kind(inputs)}",
            field="inputs",
        )
    understood = decision.request_model().model_validate(inputs)
    if decision.uses_logic_map and logic_map is not None:
        return understood, decision.answer(understood, logic_map)
    return understood, decision.answer(understood)


def decide(name: str, inputs: object, *, logic_map: LogicMap | None = None) -> dict[str, Any]:
    """Decision ``name`` on ``inputs`` (a mapping, e.g. parsed JSON), as a result object.

    ``logic_map`` as for :func:`run`; the result's ``logic_map`` names the map that rated it.

    Raises what :func:`run` raises; :func:`casereview.trace.error_json` turns it into the error
    object.
    """
    from casereview.trace import result_json

    understood, result = run(name, inputs, logic_map=logic_map)
    return result_json(result, decision=name, inputs=understood)


def _kind(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), f"a {type(value).__name__}")
