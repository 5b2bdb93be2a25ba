"""Declarative cases (``casereview check``): the runner's matching rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from casereview.cases import check_cases, check_files, load_cases
from casereview.errors import CaseReviewError
from tests.helpers import ROOT


def test_the_shipped_worked_examples_all_pass() -> None:
    report = check_files([ROOT / "examples" / "cases" / "worked-examples.json"])
    assert report["failed"] == 0, report
    assert report["passed"] >= 14


def test_expectations_are_subsets_and_types_matter() -> None:
    base = {"decision": "isr", "inputs": {"harm": "Minor"}}
    report = check_cases(
        [
            {**base, "expect": {"isr": 3}},
            {**base, "expect": {"isr": "3"}},  # a string is not the number 3
            {**base, "expect": {"isr": 3, "nope": 1}},
            {**base, "expect": {"isr": 3}, "expect_rule_ids": ["vhims.isr.path.minor"]},
            {**base, "expect": {"isr": 3}, "expect_rule_ids": ["other"]},
            {
                "decision": "isr",
                "inputs": {"harm": "Severe"},
                "expect_error": {"field": "duration"},
            },
            {**base, "expect_error": {"code": "missing"}},  # expected a refusal, got a result
            {**base},  # neither expect nor expect_error
            {**base, "expect": {"isr": 3}, "typo": 1},
            {"decision": "isr", "inputs": {"harm": "x"}, "expect": {"isr": 3}},  # refused
        ]
    )
    assert [c["passed"] for c in report["cases"]] == [
        True,
        False,
        False,
        True,
        False,
        True,
        False,
        False,
        False,
        False,
    ]


def test_malformed_files_are_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CaseReviewError, match="malformed JSON"):
        load_cases(bad)
    with pytest.raises(CaseReviewError, match="cannot read"):
        load_cases(tmp_path / "absent.json")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "casereview.cases/1", "cases": [1]}', encoding="utf-8")
    with pytest.raises(CaseReviewError, match="list of objects"):
        load_cases(wrong)
