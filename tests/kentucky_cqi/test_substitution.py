"""The substitution clause: every reason, its conditions, the requester and the 12th."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from pydantic import ValidationError

from casereview import CaseReviewError, Severity, UnknownValueError
from casereview.kentucky_cqi import (
    Requester,
    SubstitutionDecision,
    SubstitutionReason,
    SubstitutionRequest,
    substitution_decision,
)

R = SubstitutionReason
ON_TIME = date(2024, 3, 12)


def _request(reason: SubstitutionReason | str, **kwargs: object) -> SubstitutionRequest:
    fields: dict[str, object] = {
        "reason": reason,
        "requested_on": ON_TIME,
        "pull_year": 2024,
        "pull_month": 3,
    }
    fields.update(kwargs)
    return SubstitutionRequest.model_validate(fields)


def test_there_are_exactly_the_seven_reasons() -> None:
    assert [m.name for m in R] == [
        "PULLED_PREVIOUS_MONTH",
        "INVESTIGATION_WITH_EXTENSION",
        "CONTROLLED_ACCESS",
        "SEALED",
        "TRANSFERRED_OUT_OF_REGION",
        "REVIEWER_WITHOUT_ACCESS",
        "RAPID_RESPONSE_CASE_MANAGER",
    ]


# (reason, extra facts, eligible, the code of the reason's finding, words in its message)
REASON_ROWS = [
    (R.PULLED_PREVIOUS_MONTH, {}, True, "pulled-previous-month", "notify your CQI specialist"),
    (
        R.INVESTIGATION_WITH_EXTENSION,
        {"investigation_has_extension": True},
        True,
        "investigation-with-extension",
        "legitimate extension",
    ),
    (
        R.INVESTIGATION_WITH_EXTENSION,
        {"investigation_has_extension": False},
        False,
        "investigation-with-extension",
        "past due investigations without extensions are reviewed",
    ),
    (
        R.INVESTIGATION_WITH_EXTENSION,
        {},
        False,
        "investigation-with-extension",
        "investigation_has_extension is not recorded",
    ),
    (R.CONTROLLED_ACCESS, {}, True, "controlled-access", "may be substituted"),
    (R.SEALED, {}, True, "sealed", "may be substituted"),
    (R.TRANSFERRED_OUT_OF_REGION, {}, True, "transferred-out-of-region", "may be substituted"),
    (R.REVIEWER_WITHOUT_ACCESS, {}, True, "reviewer-without-access", "may be substituted"),
    (
        R.RAPID_RESPONSE_CASE_MANAGER,
        {"rapid_response_is_case_manager": True},
        True,
        "rapid-response-case-manager",
        "is the case manager",
    ),
    (
        R.RAPID_RESPONSE_CASE_MANAGER,
        {"rapid_response_is_case_manager": False},
        False,
        "rapid-response-case-manager",
        "reviewed at both the first and second level",
    ),
    (
        R.RAPID_RESPONSE_CASE_MANAGER,
        {},
        False,
        "rapid-response-case-manager",
        "rapid_response_is_case_manager is not recorded",
    ),
]


@pytest.mark.parametrize(
    ("reason", "facts", "eligible", "code", "words"),
    REASON_ROWS,
    ids=[f"{r[0].name}-{r[1]}" for r in REASON_ROWS],
)
def test_every_reason_eligible_and_ineligible(
    reason: SubstitutionReason, facts: dict[str, object], eligible: bool, code: str, words: str
) -> None:
    decision = substitution_decision(_request(reason, requested_by=Requester.FSOS, **facts))
    assert decision.eligible is eligible
    finding = decision.findings[-1]
    assert finding.code == f"kentucky_cqi.substitution.{code}"
    assert words in finding.message
    assert finding.severity is (Severity.INFO if eligible else Severity.ERROR)
    assert finding.citation is not None
    assert finding.citation in decision.citations
    if not eligible:
        assert decision.errors == (finding,)
        assert finding.field in {"investigation_has_extension", "rapid_response_is_case_manager"}


def test_every_reason_has_a_row() -> None:
    assert {row[0] for row in REASON_ROWS} == set(R)


def test_the_decision_quotes_the_seeds_sentence() -> None:
    past_due = substitution_decision(
        _request(R.INVESTIGATION_WITH_EXTENSION, investigation_has_extension=False)
    )
    quote = past_due.errors[0].citation.quote  # type: ignore[union-attr]
    assert quote is not None
    assert "past due investigations without extensions will be reviewed" in quote
    shared = substitution_decision(
        _request(R.RAPID_RESPONSE_CASE_MANAGER, rapid_response_is_case_manager=False)
    )
    quote = shared.errors[0].citation.quote  # type: ignore[union-attr]
    assert quote is not None
    assert "only shared with the rapid response team" in quote


@pytest.mark.parametrize(
    ("requested_on", "ok", "code"),
    [
        (date(2024, 3, 1), True, "kentucky_cqi.substitution.deadline"),
        (date(2024, 3, 11), True, "kentucky_cqi.substitution.deadline"),
        (date(2024, 3, 12), True, "kentucky_cqi.substitution.deadline"),
        (date(2024, 3, 13), False, "kentucky_cqi.substitution.deadline"),
        (date(2024, 4, 2), False, "kentucky_cqi.substitution.deadline"),
        # Before the pull month: our reading (probably mis-dated) is a warning, not a refusal.
        (date(2024, 2, 29), True, "kentucky_cqi.substitution.not-before-pull"),
    ],
)
def test_the_request_is_made_by_the_12th_of_the_pull_month(
    requested_on: date, ok: bool, code: str
) -> None:
    decision = substitution_decision(_request(R.SEALED, requested_on=requested_on))
    assert decision.deadline == date(2024, 3, 12)
    assert decision.eligible is ok
    date_finding = decision.findings[0]
    assert date_finding.code == code
    assert date_finding.field == "requested_on"
    expected = (
        Severity.WARNING
        if code.endswith("not-before-pull")
        else (Severity.INFO if ok else Severity.ERROR)
    )
    assert date_finding.severity is expected


def test_no_error_rests_on_an_inferred_reading() -> None:
    """Every error of every decision cites a stated rule (issue 15, provenance honesty)."""
    for pull, dates in PULL_DATES.items():
        for reason, extension, manager, on, by in itertools.product(R, TRI, TRI, dates, REQUESTERS):
            request = SubstitutionRequest(
                reason=reason,
                requested_on=on,
                pull_year=pull[0],
                pull_month=pull[1],
                investigation_has_extension=extension,
                rapid_response_is_case_manager=manager,
                requested_by=by,
            )
            for finding in substitution_decision(request).errors:
                assert finding.citation is not None
                assert finding.citation.provenance.value == "stated", finding
                # The premise is the request's own field (audit 2): a refusal for a fact not
                # recorded names a field that is None; any other refusal a field that is given.
                assert finding.field is not None
                value = getattr(request, finding.field)
                assert (value is None) is ("not recorded" in finding.message), finding


def test_the_deadline_of_a_december_pull_is_in_december() -> None:
    request = _request(R.SEALED, pull_year=2024, pull_month=12, requested_on=date(2025, 1, 3))
    decision = substitution_decision(request)
    assert decision.deadline == date(2024, 12, 12)
    assert not decision.eligible


def test_the_deadline_is_the_seeds_12th_even_on_a_sunday() -> None:
    # 12 January 2025 is a Sunday: a request made that day is still in time.
    request = _request(R.SEALED, pull_year=2025, pull_month=1, requested_on=date(2025, 1, 12))
    assert substitution_decision(request).eligible


@pytest.mark.parametrize(
    ("requested_by", "ok", "severity"),
    [
        (None, True, Severity.INFO),
        (Requester.FSOS, True, Severity.INFO),
        ("fsos", True, Severity.INFO),
        (Requester.CQI_SPECIALIST, False, Severity.ERROR),
        (Requester.CASE_MANAGER, False, Severity.ERROR),
        (Requester.OTHER, False, Severity.ERROR),
    ],
)
def test_the_request_is_made_by_the_fsos(
    requested_by: Requester | str | None, ok: bool, severity: Severity
) -> None:
    decision = substitution_decision(_request(R.SEALED, requested_by=requested_by))
    assert decision.eligible is ok
    finding = decision.findings[1]
    assert finding.code == "kentucky_cqi.substitution.requested-by-fsos"
    assert finding.field == "requested_by"
    assert finding.severity is severity
    if requested_by is None:
        assert "not recorded" in finding.message


_SUB = "kentucky_cqi.substitution"


def _refusals(
    pull: tuple[int, int],
    reason: SubstitutionReason,
    extension: bool | None,
    case_manager: bool | None,
    on: date,
    requested_by: Requester | None,
) -> set[tuple[str, str]]:
    """The (field, rule id) of every check that refuses the request, stated independently.

    Written from the clause, not from the library: the 12th of the pull month and the FSOS
    (stated) for a first-level request; and the guide's readings, which this restates rather
    than proves — a request dated before the pull month is only a warning (inferred), a regional
    reviewer's request is second-level (no deadline or requester the seed sets: one warning), an
    unrecorded requester is not checked, and an unrecorded condition refuses. Dates are compared
    as (year, month, day), no date arithmetic.
    """
    year, month = pull
    day = (on.year, on.month, on.day)
    refused: set[tuple[str, str]] = set()
    if requested_by is not Requester.REGIONAL_REVIEWER:
        if day > (year, month, 12):
            refused.add(("requested_on", f"{_SUB}.deadline"))
        if requested_by not in (None, Requester.FSOS):
            refused.add(("requested_by", f"{_SUB}.requested-by-fsos"))
    if reason is R.INVESTIGATION_WITH_EXTENSION and extension is not True:
        refused.add(("investigation_has_extension", f"{_SUB}.investigation-with-extension"))
    if reason is R.RAPID_RESPONSE_CASE_MANAGER and case_manager is not True:
        refused.add(("rapid_response_is_case_manager", f"{_SUB}.rapid-response-case-manager"))
    return refused


TRI = (True, False, None)
# Each pull with the day before it, its 1st, its 12th, its 13th and the 1st of the next month
# (December rolls into January).
PULL_DATES = {
    (2024, 3): (
        date(2024, 2, 29),
        date(2024, 3, 1),
        date(2024, 3, 12),
        date(2024, 3, 13),
        date(2024, 4, 1),
    ),
    (2024, 12): (
        date(2024, 11, 30),
        date(2024, 12, 1),
        date(2024, 12, 12),
        date(2024, 12, 13),
        date(2025, 1, 1),
    ),
}
REQUESTERS = (None, *Requester)


def test_every_combination_against_the_clause() -> None:
    seen = 0
    for pull, dates in PULL_DATES.items():
        for reason, extension, manager, on, by in itertools.product(R, TRI, TRI, dates, REQUESTERS):
            request = SubstitutionRequest(
                reason=reason,
                requested_on=on,
                pull_year=pull[0],
                pull_month=pull[1],
                investigation_has_extension=extension,
                rapid_response_is_case_manager=manager,
                requested_by=by,
            )
            decision = substitution_decision(request)
            expected = _refusals(pull, reason, extension, manager, on, by)
            assert {(f.field, f.code) for f in decision.errors} == expected, request
            assert decision.eligible is (not expected), request
            second = by is Requester.REGIONAL_REVIEWER
            assert len(decision.findings) == (2 if second else 3)
            assert decision.level.value == ("Second-level" if second else "First-level")
            assert all(f.citation is not None for f in decision.findings)
            seen += 1
    assert seen == 2 * 7 * 3 * 3 * 5 * 6


def test_labels_member_names_and_any_case_are_accepted() -> None:
    for value in ("Sealed cases", "  sealed   CASES ", "SEALED", R.SEALED):
        assert _request(value).reason is R.SEALED
    assert R.parse("controlled access cases", field="reason") is R.CONTROLLED_ACCESS


def test_an_unknown_reason_is_refused_listing_the_allowed_ones() -> None:
    with pytest.raises(UnknownValueError) as caught:
        R.parse("Closed cases", field="reason")
    assert caught.value.field == "reason"
    assert caught.value.allowed == R.labels()
    with pytest.raises(ValidationError) as refused:
        _request("Closed cases")
    assert refused.value.errors()[0]["loc"] == ("reason",)
    assert "Sealed cases" in str(refused.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("requested_on", "not a date"),
        ("pull_month", 13),
        ("pull_month", 0),
        ("pull_year", 0),
        ("investigation_has_extension", "perhaps"),
        ("requested_by", "the caseworker's aunt"),
        ("case_number", "123"),
    ],
)
def test_malformed_requests_are_refused_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as refused:
        _request(R.SEALED, **{field: value})
    assert refused.value.errors()[0]["loc"] == (field,)


def test_contract_only_construction_works_and_the_result_is_json() -> None:
    request = SubstitutionRequest(
        reason=R.SEALED, requested_on=date(2024, 3, 2), pull_year=2024, pull_month=3
    )
    decision = substitution_decision(request)
    dumped = decision.model_dump(mode="json")
    assert dumped["eligible"] is True
    assert dumped["request"]["reason"] == "Sealed cases"
    assert [f["severity"] for f in dumped["findings"]] == ["info", "info", "info"]
    assert hash(decision) == hash(substitution_decision(request))


def test_a_mapping_of_the_fields_is_accepted() -> None:
    fields = {"reason": "Sealed cases", "requested_on": "2024-03-05", "pull_year": 2024}
    decision = substitution_decision({**fields, "pull_month": 3})
    assert decision.eligible
    assert decision.request == _request(R.SEALED, requested_on=date(2024, 3, 5))


@pytest.mark.parametrize("value", [None, "Sealed cases", [("reason", "Sealed cases")], 3])
def test_anything_else_is_refused_naming_the_request(value: object) -> None:
    with pytest.raises(
        CaseReviewError, match=r"^request: expected a SubstitutionRequest"
    ) as caught:
        substitution_decision(value)  # type: ignore[arg-type]
    assert caught.value.field == "request"


@pytest.mark.parametrize(
    ("update", "loc"),
    [
        ({"pull_month": 13}, ("pull_month",)),
        ({"reason": "Closed cases"}, ("reason",)),
        ({"requested_by": "the caseworker's aunt"}, ("requested_by",)),
    ],
)
def test_a_copied_request_is_validated_again(update: dict[str, object], loc: tuple[str]) -> None:
    # model_copy(update=...) skips validation: the decision must not trust it.
    copied = _request(R.SEALED).model_copy(update=update)
    with pytest.raises(ValidationError) as refused:
        substitution_decision(copied)
    assert refused.value.errors()[0]["loc"] == loc


def test_a_copied_request_with_a_label_is_decided_on_the_member() -> None:
    copied = _request(R.SEALED).model_copy(
        update={"reason": "Rapid response staff is the case manager in TWIST"}
    )
    decision = substitution_decision(copied)
    assert decision.request.reason is R.RAPID_RESPONSE_CASE_MANAGER
    assert [f.field for f in decision.errors] == ["rapid_response_is_case_manager"]


def test_a_decision_reads_back_its_own_json() -> None:
    for eligible_request in (_request(R.SEALED), _request(R.SEALED, requested_on=date(2024, 4, 1))):
        decision = substitution_decision(eligible_request)
        again = SubstitutionDecision.model_validate_json(decision.model_dump_json())
        assert again == decision
        assert again.eligible is decision.eligible


def test_a_json_eligible_that_contradicts_the_findings_is_refused() -> None:
    dumped = substitution_decision(_request(R.SEALED, requested_on=date(2024, 4, 1))).model_dump(
        mode="json"
    )
    assert dumped["eligible"] is False
    with pytest.raises(ValidationError, match="eligible: True contradicts the other fields"):
        SubstitutionDecision.model_validate({**dumped, "eligible": True})
