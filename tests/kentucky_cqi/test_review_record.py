"""The OOHC target-child rule: one target child; permanency answers about that child only."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from casereview import CaseReviewError, Severity
from casereview.kentucky_cqi import (
    PermanencyAnswer,
    ReviewChild,
    ReviewRecord,
    validate_review_record,
)

ONE_TARGET = "kentucky_cqi.oohc.one-target-child"
TARGET_ONLY = "kentucky_cqi.oohc.permanency-target-child-only"


def _record(
    *children: tuple[str, bool], answers: tuple[str | None, ...] = (), oohc: bool | None = True
) -> ReviewRecord:
    return ReviewRecord(
        out_of_home_care=oohc,
        children=tuple(ReviewChild(child_id=c, target=t) for c, t in children),
        permanency_answers=tuple(
            PermanencyAnswer(question=f"Q{i}", child_id=a) for i, a in enumerate(answers)
        ),
    )


def test_a_complete_oohc_record_passes() -> None:
    record = _record(("A", True), ("B", False), answers=("A", "A"))
    assert validate_review_record(record).findings == ()


@pytest.mark.parametrize(
    ("children", "words"),
    [
        ((), "no children recorded"),
        ((("A", False), ("B", False)), "no target child identified"),
        ((("A", True), ("B", True)), "2 target children (A, B)"),
        ((("A", True), ("B", True), ("C", True)), "3 target children (A, B, C)"),
    ],
)
def test_an_oohc_case_has_exactly_one_target_child(
    children: tuple[tuple[str, bool], ...], words: str
) -> None:
    result = validate_review_record(_record(*children))
    assert not result.ok
    assert [(f.code, f.field) for f in result.findings] == [(ONE_TARGET, "children")]
    assert words in result.findings[0].message


@pytest.mark.parametrize(
    ("answers", "bad", "words", "ok"),
    [
        (("B",), [0], "not the target child (A)", False),
        (("A", "B", "A"), [1], "not the target child (A)", False),
        # Not naming the child is a check that cannot be made (the seed does not require the
        # name): a warning, not an error (issue 15: no stated error on an inferred premise).
        ((None,), [0], "does not name the child", True),
        (("Z",), [0], "not a child on the case", False),
        (("A", "Z", None, "B"), [1, 2, 3], "", False),
    ],
)
def test_permanency_answers_are_about_the_target_child_only(
    answers: tuple[str | None, ...], bad: list[int], words: str, ok: bool
) -> None:
    result = validate_review_record(_record(("A", True), ("B", False), answers=answers))
    assert [f.code for f in result.findings] == [TARGET_ONLY] * len(bad)
    assert [f.field for f in result.findings] == [f"permanency_answers[{i}].child_id" for i in bad]
    assert all(words in f.message for f in result.findings)
    assert result.ok is ok
    unnamed = [
        f for f, a in zip(result.findings, [answers[i] for i in bad], strict=True) if a is None
    ]
    assert all(f.severity.value == "warning" for f in unnamed)


def test_with_two_targets_no_answer_can_be_checked_against_one() -> None:
    result = validate_review_record(_record(("A", True), ("B", True), answers=("A", "C")))
    assert [(f.code, f.field) for f in result.findings] == [
        (ONE_TARGET, "children"),
        (TARGET_ONLY, "permanency_answers[1].child_id"),
    ]


def test_the_rule_applies_only_to_oohc_cases() -> None:
    record = _record(("A", False), ("B", False), answers=("B", None), oohc=False)
    assert validate_review_record(record).findings == ()


def test_an_unrecorded_case_type_is_a_warning() -> None:
    result = validate_review_record(_record(("A", False), oohc=None))
    assert result.ok
    assert [(f.code, f.field, f.severity) for f in result.findings] == [
        (ONE_TARGET, "out_of_home_care", Severity.WARNING)
    ]


def test_the_findings_quote_the_seed() -> None:
    result = validate_review_record(_record(("A", False), answers=("B",)))
    quotes = [c.quote for c in result.citations]
    assert quotes == [
        "For OOHC cases, one child will be identified as the target child for purposes of the "
        "case review.",
        "All permanency questions will be answered as they relate to that child only.",
    ]


def test_a_draft_record_is_valid() -> None:
    assert ReviewRecord().children == ()


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        ({"children": [{"child_id": "A"}, {"child_id": "A"}]}, ()),
        ({"children": [{"child_id": ""}]}, ("children", 0, "child_id")),
        ({"permanency_answers": [{"question": ""}]}, ("permanency_answers", 0, "question")),
        ({"out_of_home_care": "sometimes"}, ("out_of_home_care",)),
        ({"target_child": "A"}, ("target_child",)),
    ],
)
def test_malformed_records_are_refused_naming_the_field(
    data: dict[str, object], loc: tuple[object, ...]
) -> None:
    with pytest.raises(ValidationError) as refused:
        ReviewRecord.model_validate(data)
    assert refused.value.errors()[0]["loc"] == loc
    if not loc:
        assert "children" in str(refused.value)


def test_a_mapping_of_the_fields_is_accepted() -> None:
    result = validate_review_record(
        {
            "out_of_home_care": True,
            "children": [{"child_id": "A", "target": True}, {"child_id": "B"}],
            "permanency_answers": [{"question": "Goal appropriate?", "child_id": "B"}],
        }
    )
    assert [(f.code, f.field) for f in result.findings] == [
        (TARGET_ONLY, "permanency_answers[0].child_id")
    ]


@pytest.mark.parametrize("value", [None, "OOHC-1", [("out_of_home_care", True)]])
def test_anything_else_is_refused_naming_the_record(value: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^record: expected a ReviewRecord") as caught:
        validate_review_record(value)  # type: ignore[arg-type]
    assert caught.value.field == "record"


def test_a_copied_record_is_validated_again() -> None:
    copied = _record(("A", True)).model_copy(
        update={"children": (ReviewChild(child_id="A"), ReviewChild(child_id="A"))}
    )
    with pytest.raises(ValidationError, match="child ids must be unique"):
        validate_review_record(copied)
