"""The vendor's new-user findings: encodings, BOMs, argument refusals, map differences, codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from casereview.schema import ERROR_SCHEMA, RESULT_SCHEMA

GROOMING = "Sexual exploitation \u2013 grooming"
BOM = b"\xef\xbb\xbf"


def run_bytes(*args: str, stdin: bytes = b"", encoding: str = "utf-8") -> tuple[int, bytes, bytes]:
    """The CLI in a subprocess whose locale encoding is ``encoding`` (a Windows pipe, ASCII)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "casereview", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        env=env,
    )
    return done.returncode, done.stdout, done.stderr


def _error(stdout: bytes) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(stdout.decode("utf-8"))
    jsonschema.validate(payload, ERROR_SCHEMA)
    return payload


# ---------------------------------------------------------------------------- 1. UTF-8 always


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_input_and_output_are_utf8_whatever_the_locale(encoding: str) -> None:
    body = json.dumps({"impact": "Non-major impact", "incident_type": GROOMING}, ensure_ascii=False)
    status, out, err = run_bytes(
        "decide", "follow-up", stdin=body.encode("utf-8"), encoding=encoding
    )
    assert status == 0, out + err
    result = json.loads(out.decode("utf-8"))  # the output is UTF-8, not the locale's bytes
    jsonschema.validate(result, RESULT_SCHEMA)
    assert result["inputs"]["incident_type"] == GROOMING


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_refusal_messages_are_utf8_on_both_streams(encoding: str) -> None:
    status, out, err = run_bytes("follow-up", "Major impact", GROOMING + "x", encoding=encoding)
    assert status == 2
    (entry,) = _error(out)["errors"]
    assert entry["code"] == "unknown_value"
    assert GROOMING in entry["allowed"]
    assert err.decode("utf-8").startswith("casereview: error: ")


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_files_are_read_as_utf8_whatever_the_locale(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "incident.json"
    inputs = {"impact": "Non-major impact", "incident_type": GROOMING}
    path.write_bytes(json.dumps(inputs, ensure_ascii=False).encode("utf-8"))
    status, out, _ = run_bytes("decide", "follow-up", str(path), encoding=encoding)
    assert status == 0
    assert json.loads(out.decode("utf-8"))["inputs"]["incident_type"] == GROOMING


def test_a_lone_surrogate_is_written_as_its_json_escape() -> None:
    status, out, _ = run_bytes("decide", "isr", stdin=b'{"harm": "\\ud800"}', encoding="ascii")
    assert status == 2
    (entry,) = _error(out)["errors"]
    assert entry["field"] == "harm"


# ---------------------------------------------------------------------------- 2. the BOM


def test_a_bom_is_accepted_by_every_cli_reader(tmp_path: Path) -> None:
    body = BOM + b'{"harm": "Minor"}'
    path = tmp_path / "isr.json"
    path.write_bytes(body)
    for args, stdin in ((("decide", "isr"), body), (("decide", "isr", str(path)), b"")):
        status, out, err = run_bytes(*args, stdin=stdin)
        assert status == 0, out + err
        assert json.loads(out)["outcome"]["isr"] == 3
    record = BOM + json.dumps({"id": "R1", "members": []}).encode()
    status, out, _ = run_bytes("validate", "under1roof-panel", stdin=record)
    assert json.loads(out)["format"] in ("casereview.trace/1", "casereview.error/1")
    assert b"BOM" not in out
    status, out, _ = run_bytes("evaluate", stdin=BOM + b'{"vhims": {"harm": "Minor"}}')
    assert b"BOM" not in out
    cases = {
        "format": "casereview.cases/1",
        "cases": [{"name": "m", "decision": "isr", "inputs": {"harm": "Minor"}, "expect": {}}],
    }
    case_file = tmp_path / "cases.json"
    case_file.write_bytes(BOM + json.dumps(cases).encode())
    status, out, err = run_bytes("check", str(case_file))
    assert status == 0, out + err
    status, out, _ = run_bytes("batch", "--decision", "isr", stdin=body + b"\n")
    assert status == 0
    assert json.loads(out)["outcome"]["isr"] == 3


# ---------------------------------------------------------------------------- 7. argparse


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("follow-up", "Major impact"), "incident_type"),
        (("validate", "nosuchkind"), "kind"),
        (("review", "2", "--no-such-option"), "arguments"),
        (("business-days", "2024-12-02", "abc"), "n"),
        (("business-days", "2024-02-30", "3"), "start"),
        (("business-days", "2024-W49-1", "3"), "start"),
        (("business-days", "2024-12-02", "3", "--region", "nsw"), "region"),
        (("rules", "--format", "csv"), "format"),
        (("nosuchcommand",), "command"),
        ((), "command"),
    ],
)
def test_argument_refusals_are_error_objects_on_stdout(args: tuple[str, ...], field: str) -> None:
    status, out, err = run_bytes(*args)
    assert status == 2
    (entry,) = _error(out)["errors"]
    assert entry["field"] == field, entry
    text = err.decode("utf-8")
    assert text.startswith("casereview: error: ")
    assert "usage: casereview" in text  # usage stays on stderr


# ---------------------------------------------------------------------------- 5. logic maps


def _changed_map(tmp_path: Path) -> Path:
    from casereview.vhims import LogicMap

    lines = LogicMap.default().to_csv_text().splitlines()
    changed = [
        "Minor,,,4,secondary,hospital-ims,Figure 1,," if row.startswith("Minor,,,") else row
        for row in lines[1:]
    ]
    path = tmp_path / "map.csv"
    path.write_text("\n".join([lines[0], *changed]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [("vectors",), ("isr", "Minor")])
def test_a_logic_map_lists_its_differences_on_stderr(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    from casereview.vhims import LogicMap

    path = _changed_map(tmp_path)
    theirs = LogicMap.from_csv_text(path.read_text(encoding="utf-8"))
    differences = LogicMap.default().diff(theirs)
    assert differences
    status, _, err = run_bytes(*command, "--logic-map", str(path))
    assert status == 0
    text = err.decode("utf-8")
    for difference in differences:
        assert f"differs: {difference}" in text
    assert f"{len(differences)} answers differ from the built-in reconstruction" in text


def test_the_default_map_lists_no_differences(tmp_path: Path) -> None:
    from casereview.vhims import LogicMap

    path = tmp_path / "ours.csv"
    path.write_text(LogicMap.default().to_csv_text(), encoding="utf-8")
    status, _, err = run_bytes("vectors", "--logic-map", str(path))
    assert status == 0
    assert b"differs" not in err


# ---------------------------------------------------------------------------- 10. business-days


def test_business_days_is_a_result_and_its_errors_name_the_arguments() -> None:
    status, out, _ = run_bytes("business-days", "2024-12-02", "3")
    assert status == 0
    result = json.loads(out)
    jsonschema.validate(result, RESULT_SCHEMA)
    assert result["outcome"]["due"] == "2024-12-05"
    assert result["inputs"]["start"] == "2024-12-02"
    assert result["versions"]["holidays"] == result["outcome"]["holidays_version"]
    status, out, _ = run_bytes("business-days", "2099-12-02", "3")
    assert status == 2
    (entry,) = _error(out)["errors"]
    assert entry["field"] == "start"
    assert "range(" not in entry["message"]
    assert entry["message"].startswith("start: ")
    status, out, _ = run_bytes("business-days", "2024-12-02", "0")
    (entry,) = _error(out)["errors"]
    assert entry["field"] == "n"


# ---------------------------------------------------------------------------- check


def test_check_reads_stdin_and_fails_on_no_cases() -> None:
    cases = {
        "format": "casereview.cases/1",
        "cases": [{"name": "m", "decision": "isr", "inputs": {"harm": "Minor"}, "expect": {}}],
    }
    status, out, err = run_bytes("check", "-", stdin=json.dumps(cases).encode())
    assert status == 0, out + err
    assert b"1 passed" in out
    empty = {"format": "casereview.cases/1", "cases": []}
    status, out, err = run_bytes("check", "-", stdin=json.dumps(empty).encode())
    assert status == 1
    assert b"nothing was tested" in err


def test_check_messages_do_not_repeat_the_field(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("{", encoding="utf-8")
    status, out, _ = run_bytes("check", str(path))
    assert status == 2
    (entry,) = _error(out)["errors"]
    assert entry["message"].count("file:") == 1


# ---------------------------------------------------------------------------- JSON policy


def test_huge_integers_and_duplicate_keys_are_refused_by_policy() -> None:
    status, out, _ = run_bytes("decide", "review", stdin=b'{"isr": ' + b"9" * 5000 + b"}")
    assert status == 2
    (entry,) = _error(out)["errors"]
    assert "set_int_max_str_digits" not in entry["message"]
    assert "4,300 digits" in entry["message"]
    assert "malformed" not in entry["message"]
    status, out, _ = run_bytes("decide", "isr", stdin=b'{"harm": "Minor", "harm": "Severe"}')
    assert status == 2
    assert "duplicate key 'harm'" in _error(out)["errors"][0]["message"]


# ---------------------------------------------------------------------------- 6. vectors


def test_check_cases_made_from_the_vectors_all_pass() -> None:
    from casereview.cases import check_cases
    from casereview.vhims import LogicMap

    document = json.loads(LogicMap.default().vectors_json())
    cases: list[dict[str, Any]] = []
    for v in document["vectors"]:
        inputs = {k: v[k] for k in ("harm", "duration", "treatment") if v[k] is not None}
        case: dict[str, Any] = {"name": str(inputs), "decision": "isr", "inputs": inputs}
        if v["error"] is None:
            case["expect"] = {"isr": v["isr"], "rule_id": v["rule_id"]}
        else:
            case["expect_error"] = {"code": v["error"], "field": v["error_field"]}
        cases.append(case)
    report = check_cases(cases)
    assert report["failed"] == 0, [c["problems"] for c in report["cases"] if not c["passed"]]
    assert {v["error"] for v in document["vectors"]} - {None} == {"missing"}
    assert {v["error_class"] for v in document["vectors"]} - {None} == {"MissingElementError"}


def test_an_unrated_cell_is_not_rated_in_vectors_and_refusals(tmp_path: Path) -> None:
    from casereview.vhims import LogicMap

    lines = LogicMap.default().to_csv_text().splitlines()
    kept = [row for row in lines[1:] if not row.startswith("Minor,")]
    path = tmp_path / "gappy.csv"
    path.write_text("\n".join([lines[0], *kept]) + "\n", encoding="utf-8")
    status, out, _ = run_bytes("vectors", "--logic-map", str(path))
    assert status == 0
    minor = [v for v in json.loads(out)["vectors"] if v["harm"] == "Minor"]
    assert minor
    assert {v["error"] for v in minor} == {"not_rated"}
    status, out, _ = run_bytes("isr", "Minor", "--logic-map", str(path))
    assert status == 2
    assert _error(out)["errors"][0]["code"] == "not_rated"


@pytest.mark.parametrize(
    ("flags", "sentinel"),
    [
        ((), False),
        (("--sentinel-event",), True),
        (("--sentinel-event", "yes"), True),
        (("--sentinel-event", "No"), False),
    ],
)
def test_review_sentinel_event_takes_yes_no_like_the_other_flags(
    flags: tuple[str, ...], sentinel: bool
) -> None:
    status, out, err = run_bytes("review", "2", *flags)
    assert status == 0, out + err
    assert json.loads(out)["inputs"]["sentinel_event"] is sentinel


def test_review_sentinel_event_refuses_other_words() -> None:
    status, out, _ = run_bytes("review", "2", "--sentinel-event", "perhaps")
    assert status == 2
    assert _error(out)["errors"][0]["field"] == "sentinel_event"
