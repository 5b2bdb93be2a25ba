"""Golden snapshots of every CIMS explanation: each input combination's reason, in full.

The other CIMS tests check what a decision *decides* and the words of a reason the rule
depends on. These check the exact text a caller reads, and the exact order of the citations,
for every combination of impact, incident type, subject of allegation and systemic factors
under every way of choosing the ruleset (and for the due date and extension decisions): a
reworded, dropped or reordered sentence shows up as a snapshot diff, to be reviewed like any
other change of the public contract (``CASEREVIEW_UPDATE_SNAPSHOTS=1`` regenerates them; see
``tests/helpers.py``). One line per case keeps the diff readable:

``mode | inputs -> follow-up | rule id | provenance | citations | reason``
"""

from __future__ import annotations

from datetime import date
from itertools import product
from typing import Any

import pytest

from casereview.cims import _rules, decision, follow_up
from casereview.cims.due_date import case_review_due, extension_decision
from casereview.cims.follow_up import follow_up_for, required_follow_up
from casereview.cims.models import AllegationSubject, FollowUp, Impact, IncidentType
from casereview.errors import CaseReviewError
from casereview.findings import Citation, Rule
from tests.helpers import assert_matches_snapshot

# A citation is shown by the id of the rule it belongs to (ids joined where rules share one).
_RULE_IDS: dict[Citation, str] = {}
for _rule in vars(_rules).values():
    if isinstance(_rule, Rule):
        known = _RULE_IDS.get(_rule.citation)
        _RULE_IDS[_rule.citation] = f"{known}+{_rule.id}" if known else _rule.id

# Each way of choosing the ruleset, as keyword arguments of the public functions.
MODES: dict[str, dict[str, Any]] = {
    "default": {},
    "submitted-2020": {"submitted_on": date(2024, 5, 2)},
    "submitted-2024": {"submitted_on": date(2025, 3, 3)},
    "submitted-2024+opt-in": {"submitted_on": date(2025, 3, 3), "apply_2020_rules": True},
    "forced-2020": {"ruleset": "cims-2020"},
    "forced-2024": {"ruleset": "cims-2024"},
    "forced-2024+opt-in": {"ruleset": "cims-2024", "apply_2020_rules": True},
    "open": {"occurred_on": date(2024, 11, 4)},
    "open+opt-in": {"occurred_on": date(2024, 11, 4), "apply_2020_rules": True},
}


@pytest.fixture(autouse=True)
def _fresh_tables() -> None:
    """Compute every decision afresh (the tables are cached; see test_mutants_follow_up.py)."""
    decision._table.cache_clear()
    follow_up._chosen.cache_clear()
    follow_up._open.cache_clear()


def _line(label: str, result: Any, legend: dict[str, str] | None = None) -> str:
    cites = ", ".join(_RULE_IDS.get(c, str(c)) for c in result.citations)
    if legend is not None:
        cites = legend.setdefault(cites, f"C{len(legend) + 1}")
    outcome = getattr(result, "follow_up", None)
    shown = outcome.value if isinstance(outcome, FollowUp) else ""
    return (
        f"{label} -> {shown} | {result.rule_id} | {result.provenance.value} | {cites} | "
        f"{result.reason}"
    )


def _refused(label: str, error: CaseReviewError) -> str:
    return f"{label} -> refused {type(error).__name__} | {error}"


def _mode_lines(mode: str, result: Any) -> list[str]:
    chosen = ", ".join(result.ruleset_chosen_by)
    return [f"{mode} :: {result.ruleset.id} chosen by {chosen} :: {result.ruleset_reason}"]


# The follow-up reasons are written out in full for these modes; a ruleset chosen by the
# submission day (or by default) gives the same reasons as when it is forced, checked below.
FULL = ("forced-2020", "forced-2024", "forced-2024+opt-in", "open", "open+opt-in")
SAME_AS = {
    "default": "forced-2020",
    "submitted-2020": "forced-2020",
    "submitted-2024": "forced-2024",
    "submitted-2024+opt-in": "forced-2024+opt-in",
}
COMBINATIONS = list(product(Impact, IncidentType, (None, *AllegationSubject)))


def _follow_up(mode: str, impact: Impact, kind: IncidentType, subject: Any, systemic: Any) -> Any:
    try:
        return required_follow_up(
            impact, kind, subject_of_allegation=subject, systemic_factors=systemic, **MODES[mode]
        )
    except CaseReviewError as error:
        return error


@pytest.mark.parametrize("mode", FULL)
def test_follow_up_reasons(mode: str) -> None:
    """One line per combination; the three answers about systemic factors share a line when
    they give the same result, and each list of citations is written once, as ``C<n>``."""
    lines: list[str] = []
    choices: set[str] = set()
    legend: dict[str, str] = {}
    for impact, kind, subject in COMBINATIONS:
        shown: dict[str, list[str]] = {}
        for systemic in (None, False, True):
            result = _follow_up(mode, impact, kind, subject, systemic)
            if isinstance(result, CaseReviewError):
                line = _refused("", result)
            else:
                choices.update(_mode_lines(mode, result))
                line = _line("", result, legend)
            shown.setdefault(line, []).append(str(systemic))
        who = subject.value if subject is not None else "-"
        for line, systemic_values in shown.items():
            which = "any" if len(systemic_values) == 3 else "/".join(systemic_values)
            lines.append(f"{impact.value} | {kind.value} | {who} | systemic {which}{line}")
    citations = [f"{key} = {value}" for value, key in legend.items()]
    assert_matches_snapshot(
        f"cims/reasons/follow_up.{mode}.json", [*sorted(choices), *citations, *lines]
    )


@pytest.mark.parametrize("mode", list(SAME_AS))
def test_follow_up_reasons_whatever_chose_the_ruleset(mode: str) -> None:
    """The same explanation as the forced ruleset's; only the choice's record differs."""
    choices: set[str] = set()
    cited: set[str] = set()
    for impact, kind, subject in COMBINATIONS:
        for systemic in (None, False, True):
            got = _follow_up(mode, impact, kind, subject, systemic)
            forced = _follow_up(SAME_AS[mode], impact, kind, subject, systemic)
            if isinstance(forced, CaseReviewError):
                assert isinstance(got, CaseReviewError)
                assert str(got) == str(forced)
                continue
            assert not isinstance(got, CaseReviewError)
            same = ("follow_up", "rule_id", "reason", "applied_2020_rules", "needs", "unknown")
            assert {k: getattr(got, k) for k in same} == {k: getattr(forced, k) for k in same}
            assert got.citations[: len(forced.citations)] == forced.citations
            choices.update(_mode_lines(mode, got))
            extra = got.citations[len(forced.citations) :]
            cited.add(
                f"{got.provenance.value} (forced: {forced.provenance.value}); cites also: "
                + ", ".join(_RULE_IDS[c] for c in extra)
            )
    assert_matches_snapshot(
        f"cims/reasons/follow_up.{mode}.json", [*sorted(choices), *sorted(cited)]
    )


def test_follow_up_for_uses_the_incident_field_names() -> None:
    """The open choice's reason names ``reported_on`` for an incident record."""
    record = {
        "id": "CIMS-1",
        "client": "A client",
        "impact": "Major impact",
        "incident_type": "Sexual abuse",
        "subject_of_allegation": "Staff",
        "occurred_on": "2024-11-04",
    }
    lines = [_line("record", follow_up_for(record))]
    missing = dict(record, subject_of_allegation=None)
    try:
        follow_up_for(missing)
    except CaseReviewError as error:
        lines.append(_refused("record without subject", error))
    lines.append(_line("record, self-harm", follow_up_for(dict(record, incident_type="Self-harm"))))
    assert_matches_snapshot("cims/reasons/follow_up_for.json", lines)


# Endorsement days: an ordinary month, Melbourne Cup Day in the count, Christmas and New Year,
# Labour Day 2025 (after the cut-over).
ENDORSED = (date(2024, 5, 3), date(2024, 10, 28), date(2024, 12, 6), date(2025, 3, 3))


@pytest.mark.parametrize("mode", list(MODES))
def test_due_date_reasons(mode: str) -> None:
    kwargs = dict(MODES[mode])
    lines: list[str] = []
    for endorsed in ENDORSED:
        label = f"endorsed {endorsed.isoformat()}"
        try:
            due = case_review_due(endorsed, **kwargs)
        except CaseReviewError as error:
            lines.append(_refused(label, error))
            continue
        lines.extend(_mode_lines(mode, due))
        skipped = ", ".join(d.isoformat() for d in due.holidays_skipped)
        lines.append(f"{_line(label, due)} | due {due.due_on} | skipped {skipped}")
    assert_matches_snapshot(f"cims/reasons/due_date.{mode}.json", lines)


@pytest.mark.parametrize("mode", list(MODES))
def test_extension_reasons(mode: str) -> None:
    kwargs = MODES[mode]
    lines: list[str] = []
    for kind in FollowUp:
        label = f"extend {kind.value}"
        try:
            result = extension_decision(kind, **kwargs)
        except CaseReviewError as error:
            lines.append(_refused(label, error))
            continue
        lines.extend(_mode_lines(mode, result))
        lines.append(f"{_line(label, result)} | granted {result.granted}")
    assert_matches_snapshot(f"cims/reasons/extension.{mode}.json", lines)
