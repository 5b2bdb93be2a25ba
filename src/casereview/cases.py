"""Declarative test cases: decisions written as data, checked by ``casereview check FILE…``.

A case file (JSON, or YAML when PyYAML is installed) is an object with ``format``
(``"casereview.cases/1"``) and ``cases``, a list; each case names a ``decision`` (as
``casereview decide --list`` lists them), its ``inputs``, and what is expected:

* ``expect``: an object that the result's ``outcome`` must contain (recursively: every key
  given must be there with that value; lists compare whole); or
* ``expect_error``: an object the first error entry must contain (``code``, ``field``...);
* optionally ``expect_rule_ids``: rule ids that must all be among the result's ``rule_ids``.

A vendor's QA team keeps its own cases this way, without writing Python:

>>> report = check_cases([{"name": "Tony", "decision": "isr",
...     "inputs": {"harm": "Severe", "duration": "Temporary", "treatment": "Advanced"},
...     "expect": {"isr": 1, "confirmed": True}}])
>>> report["passed"], report["cases"][0]["rule_ids"]
(1, ['vhims.isr.path.severe-temporary-advanced'])

A surface-level module: the core never imports it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from casereview.errors import CaseReviewError

__all__ = [
    "CASES_FORMAT",
    "cases_from_bytes",
    "check_cases",
    "check_files",
    "load_cases",
    "report_text",
]

CASES_FORMAT: Final = "casereview.cases/1"


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    """The cases of one file (``.json``, or ``.yaml``/``.yml`` with PyYAML installed).

    Raises:
        CaseReviewError: the file cannot be read, is malformed, or is not a case file.
    """
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CaseReviewError(f"file: cannot read {where}: {exc.strerror}", field="file") from None
    return cases_from_bytes(raw, where)


def cases_from_bytes(raw: bytes, where: str = "-") -> list[dict[str, Any]]:
    """The cases of a case file's bytes (UTF-8, a BOM dropped); ``where`` names it in messages.

    YAML when ``where`` ends in ``.yaml``/``.yml``, JSON otherwise (``-``, stdin, is JSON).

    >>> cases_from_bytes(b'{"format": "casereview.cases/1", "cases": []}')
    []

    Raises:
        CaseReviewError: not UTF-8, malformed, or not a case file.
    """
    from casereview.decisions import decode_input, parse_json

    try:
        text = decode_input(raw)
    except UnicodeDecodeError:
        raise CaseReviewError(f"file: {where} is not UTF-8 text", field="file") from None
    if where.endswith((".yaml", ".yml")):
        try:
            import yaml
        except ImportError:
            raise CaseReviewError(
                f"file: {where} is YAML; install PyYAML (pip install 'casereview[yaml]')",
                field="file",
            ) from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise CaseReviewError(f"file: {where}: malformed YAML: {exc}", field="file") from None
    else:
        try:
            data = parse_json(text, field="file")
        except CaseReviewError as exc:
            detail = str(exc).removeprefix("file: ")
            raise CaseReviewError(f"file: {where}: {detail}", field="file") from None
    if not isinstance(data, dict) or data.get("format") != CASES_FORMAT:
        raise CaseReviewError(
            f'file: {where}: expected an object with "format": "{CASES_FORMAT}" and "cases"',
            field="file",
        )
    cases = data.get("cases")
    if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
        raise CaseReviewError(f"file: {where}: cases must be a list of objects", field="cases")
    return [{**case, "file": where} for case in cases]


def _contains(actual: object, expected: object) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and _contains(actual[key], value) for key, value in expected.items()
        )
    return type(actual) is type(expected) and actual == expected


def _run_one(index: int, case: dict[str, Any]) -> dict[str, Any]:
    from casereview.decisions import decide
    from casereview.trace import error_json

    name = str(case.get("name", f"case {index + 1}"))
    outcome: dict[str, Any] = {"name": name, "file": case.get("file"), "decision": None}
    known = {"name", "decision", "inputs", "expect", "expect_error", "expect_rule_ids", "file"}
    problems: list[str] = []
    unknown = sorted(set(case) - known)
    if unknown:
        problems.append(f"unknown keys {unknown}")
    if ("expect" in case) == ("expect_error" in case):
        problems.append("give exactly one of expect or expect_error")
    outcome["decision"] = case.get("decision")
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    if not problems:
        try:
            result = decide(case.get("decision"), case.get("inputs"))  # type: ignore[arg-type]
        except (CaseReviewError, ValidationError) as exc:
            error = error_json(exc)
    rule_ids: list[str] = result["rule_ids"] if result is not None else []
    if result is not None and "expect" in case and not _contains(result["outcome"], case["expect"]):
        problems.append(
            f"expected {json.dumps(case['expect'])}, got {json.dumps(result['outcome'])}"
        )
    if "expect_error" in case:
        if error is None and result is not None:
            problems.append(f"expected a refusal {json.dumps(case['expect_error'])}, got a result")
        elif error is not None and not _contains(error["errors"][0], case["expect_error"]):
            problems.append(
                f"expected error {json.dumps(case['expect_error'])}, "
                f"got {json.dumps(error['errors'][0], ensure_ascii=False)}"
            )
    elif error is not None:
        problems.append(f"refused: {error['errors'][0]['message']}")
    missing = [r for r in case.get("expect_rule_ids", ()) if r not in rule_ids]
    if missing:
        problems.append(f"rule ids not applied: {missing}")
    outcome.update(passed=not problems, rule_ids=rule_ids, problems=problems)
    return outcome


def check_cases(cases: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Run ``cases``; the report: ``passed``, ``failed`` and each case's outcome."""
    outcomes = [_run_one(i, case) for i, case in enumerate(cases)]
    passed = sum(o["passed"] for o in outcomes)
    return {
        "format": "casereview.check/1",
        "passed": passed,
        "failed": len(outcomes) - passed,
        "cases": outcomes,
    }


def check_files(paths: Sequence[str | Path]) -> dict[str, Any]:
    """:func:`check_cases` on every case of every file, in order."""
    return check_cases(case for path in paths for case in load_cases(path))


def report_text(report: dict[str, Any]) -> str:
    """The report as lines of text: ``PASS``/``FAIL``, the case, its rule ids, then a summary."""
    lines = []
    for case in report["cases"]:
        mark = "PASS" if case["passed"] else "FAIL"
        rules = ", ".join(case["rule_ids"]) or "-"
        lines.append(f"{mark}  {case['decision']}: {case['name']}  [{rules}]")
        lines.extend(f"      {problem}" for problem in case["problems"])
    lines.append(f"{report['passed']} passed, {report['failed']} failed")
    return "\n".join(lines) + "\n"
