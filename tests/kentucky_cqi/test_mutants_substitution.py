"""Tests that kill the mutants of ``kentucky_cqi/substitution.py`` that the rulebook's tests let
survive: each finding of a decision is about the field it checks, and says what to do.

Written by the reliability engineer from ``make mutate`` (see ``docs/reliability.md``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from casereview.kentucky_cqi import SubstitutionReason, substitution_decision

CONDITIONS = {
    SubstitutionReason.INVESTIGATION_WITH_EXTENSION: "investigation_has_extension",
    SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER: "rapid_response_is_case_manager",
}


def _request(**changes: Any) -> dict[str, Any]:
    return {
        "reason": SubstitutionReason.SEALED,
        "requested_on": date(2024, 1, 5),
        "pull_year": 2024,
        "pull_month": 1,
        "requested_by": "FSOS",
    } | changes


@pytest.mark.parametrize("reason", list(SubstitutionReason))
@pytest.mark.parametrize("condition", [True, False, None])
def test_each_finding_names_the_field_it_checks(
    reason: SubstitutionReason, condition: bool | None
) -> None:
    field = CONDITIONS.get(reason)
    request = _request(reason=reason, **({field: condition} if field else {}))
    findings = substitution_decision(request).findings
    assert [f.field for f in findings] == ["requested_on", "requested_by", field or "reason"]
    last = findings[-1]
    if reason is SubstitutionReason.PULLED_PREVIOUS_MONTH:
        assert "may be substituted" in last.message
    elif field is None:
        assert last.message == f"{reason.value!r}: may be substituted"
    elif condition is None:
        assert last.message.startswith(f"{field} is not recorded: record whether ")
    elif condition:
        assert last.message.endswith("may be substituted")
        assert last.severity.value == "info"
    else:
        assert last.severity.value == "error"


def test_the_conditions_say_what_to_record() -> None:
    extension = substitution_decision(
        _request(reason=SubstitutionReason.INVESTIGATION_WITH_EXTENSION)
    ).findings[-1]
    assert extension.message.endswith(
        "record whether the incomplete investigation was given a legitimate extension"
    )
    rapid = substitution_decision(
        _request(reason=SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER)
    ).findings[-1]
    assert rapid.message.endswith(
        "record whether rapid response staff is the case manager of the case in TWIST"
    )
    met = substitution_decision(
        _request(
            reason=SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER,
            rapid_response_is_case_manager=True,
        )
    ).findings[-1]
    assert met.message == (
        "rapid response staff is the case manager in TWIST: the case may be substituted"
    )
    extended = substitution_decision(
        _request(
            reason=SubstitutionReason.INVESTIGATION_WITH_EXTENSION,
            investigation_has_extension=True,
        )
    ).findings[-1]
    assert extended.message == (
        "an incomplete investigation with a legitimate extension may be substituted"
    )
    refused = substitution_decision(
        _request(
            reason=SubstitutionReason.INVESTIGATION_WITH_EXTENSION,
            investigation_has_extension=False,
        )
    ).findings[-1]
    assert refused.message.startswith("no legitimate extension: past due investigations without")


def test_the_requester_findings_say_who_requests() -> None:
    fsos = substitution_decision(_request()).findings[1]
    assert fsos.message == "requested by the FSOS"
    other = substitution_decision(_request(requested_by="CQI specialist")).findings[1]
    assert "to their CQI specialist" in other.message


def test_a_request_before_the_pull_month_says_so() -> None:
    early = substitution_decision(_request(requested_on=date(2023, 12, 20))).findings[0]
    assert " the case had not been selected yet; check the " in early.message
