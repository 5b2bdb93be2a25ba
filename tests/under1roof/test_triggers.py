from __future__ import annotations

import pytest

from casereview.errors import UnknownValueError
from casereview.findings import Severity
from casereview.under1roof import ReviewRecord, Trigger, validate_triggers
from tests.helpers import normalise_text, seed_text


def test_there_are_six_triggers_in_the_seeds_order() -> None:
    assert len(Trigger) == 6
    text = seed_text("under1roof-case-review")
    positions = [text.index(normalise_text(t.bullet)) for t in Trigger]
    assert positions == sorted(positions)


@pytest.mark.parametrize("trigger", list(Trigger), ids=lambda t: t.name)
def test_each_label_is_a_fragment_of_its_seed_bullet(trigger: Trigger) -> None:
    text = seed_text("under1roof-case-review")
    assert normalise_text(trigger.bullet) in text
    assert trigger.value in trigger.bullet


@pytest.mark.parametrize("trigger", list(Trigger), ids=lambda t: t.name)
def test_triggers_parse_from_labels_and_names(trigger: Trigger) -> None:
    assert Trigger.parse(f"  {trigger.value.upper()} ", field="triggers") is trigger
    assert Trigger.parse(trigger.name.lower(), field="triggers") is trigger
    assert ReviewRecord.model_validate({"triggers": [trigger.value]}).triggers == (trigger,)


def test_unknown_trigger_is_refused_with_the_field_and_allowed_labels() -> None:
    with pytest.raises(UnknownValueError) as caught:
        Trigger.parse("the moon was full", field="triggers[0]")
    assert caught.value.field == "triggers[0]"
    assert Trigger.ADVERSE_EVENT.value in str(caught.value)


def test_a_review_with_no_reason_is_a_warning() -> None:
    result = validate_triggers(ReviewRecord())
    assert result.codes == {"under1roof.trigger.recorded"}
    (finding,) = result.findings
    assert finding.field == "triggers"
    assert finding.severity is Severity.WARNING
    assert result.ok  # a warning: the seed's list is illustrative


@pytest.mark.parametrize("trigger", list(Trigger), ids=lambda t: t.name)
def test_any_one_trigger_is_enough(trigger: Trigger) -> None:
    assert validate_triggers(ReviewRecord(triggers=(trigger,))).findings == ()


def test_another_reason_in_words_is_enough() -> None:
    record = ReviewRecord(other_trigger="Requested by the tenant's family")
    assert validate_triggers(record).findings == ()


def test_repeated_triggers_are_recorded_once_in_order() -> None:
    record = ReviewRecord.model_validate(
        {"triggers": [Trigger.ADVERSE_EVENT, "no_agreement", Trigger.ADVERSE_EVENT.value]}
    )
    assert record.triggers == (Trigger.ADVERSE_EVENT, Trigger.NO_AGREEMENT)
