"""Every CLI command through a real subprocess: results, refusals, edge input, closed pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from casereview.schema import ERROR_SCHEMA, RESULT_SCHEMA
from tests.helpers import ROOT

jsonschema = pytest.importorskip("jsonschema")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casereview", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def result_of(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert done.returncode == 0, done.stdout + done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    jsonschema.validate(payload, RESULT_SCHEMA)
    return payload


def error_of(done: subprocess.CompletedProcess[str], status: int = 2) -> dict[str, Any]:
    assert done.returncode == status, done.stdout + done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    jsonschema.validate(payload, ERROR_SCHEMA)
    assert done.stderr.startswith("casereview: error: ")
    return payload


def test_isr_prints_the_result_with_its_rule_and_citation() -> None:
    result = result_of(run("isr", "severe", "Temporary", "ADVANCED"))
    assert result["outcome"]["isr"] == 1
    assert result["inputs"] == {
        "harm": "Severe",
        "duration": "Temporary",
        "treatment": "Advanced",
        "strict": False,
    }
    assert result["rule_ids"] == ["vhims.isr.path.severe-temporary-advanced"]
    assert result["citations"][0]["source"] == "vhims-isr-guidance"
    assert result["rulesets"] == ["VHIMS MDS v2"]


def test_isr_missing_element_and_unknown_label_are_error_objects() -> None:
    (missing,) = error_of(run("isr", "Severe"))["errors"]
    assert (missing["code"], missing["field"]) == ("missing", "duration")
    (unknown,) = error_of(run("isr", "Serious"))["errors"]
    assert unknown["code"] == "unknown_value"
    assert unknown["field"] == "harm"
    assert "No harm" in unknown["allowed"]


def test_follow_up_reads_labels_and_flags_in_any_case() -> None:
    result = result_of(run("follow-up", "major impact", "SELF-HARM", "--systemic-factors", "No"))
    assert result["outcome"]["follow_up"] == "Case review"
    assert result["inputs"]["systemic_factors"] is False
    assert result["rule_ids"][0] == "cims.follow-up.case-review"
    assert result["rulesets"][0]["id"] == "cims-2020"


def test_follow_up_refuses_a_bad_flag() -> None:
    (entry,) = error_of(run("follow-up", "Major impact", "Self-harm", "--systemic-factors", "y"))[
        "errors"
    ]
    assert entry["field"] == "systemic_factors"


def test_due_date_reports_the_holidays_version() -> None:
    result = result_of(run("due-date", "2024-12-02"))
    assert result["outcome"]["due_on"] == "2025-01-03"
    assert result["versions"]["holidays"]
    (entry,) = error_of(run("due-date", "2024-02-30"))["errors"]
    assert entry["field"] == "endorsed_on"


def test_review_command() -> None:
    result = result_of(run("review", "1", "--system-or-process-issues", "yes"))
    assert result["outcome"]["level"] == "Root cause analysis"
    (entry,) = error_of(run("review", "1"))["errors"]
    assert (entry["code"], entry["field"]) == ("missing", "system_or_process_issues")


def test_validate_reads_stdin_or_a_file(tmp_path: Path) -> None:
    report = {"incident_summary": "Fell", "actions": [{"description": "Rail"}]}
    from_stdin = result_of(run("validate", "cims-case-review", stdin=json.dumps(report)))
    assert from_stdin["outcome"]["ok"] is False
    assert "actions[0].responsible" in {f["field"] for f in from_stdin["findings"]}
    path = tmp_path / "panel.json"
    path.write_text('{"scribe": "Cy"}', encoding="utf-8")
    panel = result_of(run("validate", "under1roof-panel", str(path)))
    assert "under1roof.panel.chair-identified" in panel["rule_ids"]
    record = {"out_of_home_care": True, "children": [{"child_id": "A"}]}
    kentucky = result_of(run("validate", "kentucky-record", stdin=json.dumps(record)))
    assert kentucky["outcome"]["ok"] is False
    review = result_of(run("validate", "under1roof-review", stdin="{}"))
    assert review["outcome"]["ok"] is False


@pytest.mark.parametrize(
    ("stdin", "code", "field"),
    [
        ("{not json", "invalid", "input"),
        ("", "invalid", "input"),
        ('{"incident_frequency": "weekly"}', "unknown_value", "incident_frequency"),
        ('{"surprise": 1}', "invalid.extra_forbidden", "surprise"),
    ],
)
def test_validate_refuses_malformed_input_with_one_error_shape(
    stdin: str, code: str, field: str | None
) -> None:
    entry = error_of(run("validate", "cims-case-review", stdin=stdin))["errors"][0]
    assert (entry["code"], entry["field"]) == (code, field)


@pytest.mark.parametrize(
    ("stdin", "code", "field"),
    [
        ("   \n", "invalid", "input"),
        ("[1, 2]", "invalid", "inputs"),
        ('{"actions": [{"target_date": "soon"}]}', "invalid.date_from_datetime_parsing", None),
    ],
)
def test_validate_refusals_in_process(
    stdin: str,
    code: str,
    field: str | None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from casereview.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["validate", "cims-case-review"]) == 2
    entry = json.loads(capsys.readouterr().out)["errors"][0]
    assert entry["code"] == code
    if field is not None:
        assert entry["field"] == field
    else:
        assert entry["field"] == "actions[0].target_date"


def test_validate_missing_required_field_is_coded_missing() -> None:
    done = run("decide", "follow-up", stdin='{"impact": "Major impact"}')
    (entry,) = error_of(done)["errors"]
    assert (entry["code"], entry["field"]) == ("missing", "incident_type")


def test_decide_lists_and_runs_every_decision() -> None:
    from casereview.decisions import DECISIONS

    listed = json.loads(run("decide", "--list").stdout)
    assert set(listed) == set(DECISIONS)
    sapse = result_of(run("decide", "sapse", stdin=json.dumps(DECISIONS["sapse"].example)))
    assert sapse["outcome"]["sapse"] is True
    (entry,) = error_of(run("decide", "nope", stdin="{}"))["errors"]
    assert entry["code"] == "unknown_value"


def test_evaluate_cims_and_vhims() -> None:
    cims = {
        "cims": {
            "id": "C-1",
            "client": "P-1",
            "impact": "Major impact",
            "incident_type": "Self-harm",
            "systemic_factors": False,
            "endorsed_on": "2024-12-02",
        }
    }
    result = result_of(run("evaluate", stdin=json.dumps(cims)))
    assert result["outcome"]["case_review_due"]["due_on"] == "2025-01-03"
    assert {"cims.follow-up.case-review", "cims.due-date.21-business-days"} <= set(
        result["rule_ids"]
    )
    vhims = {"vhims": {"harm": "Severe", "duration": "Temporary", "treatment": "Advanced"}}
    assert result_of(run("evaluate", stdin=json.dumps(vhims)))["outcome"]["isr"]["isr"] == 1
    error_of(run("evaluate", stdin="{}"))


def test_schema_lists_prints_one_and_refuses_an_unknown_name() -> None:
    names = json.loads(run("schema", "--list").stdout)
    assert "request.isr" in names
    one = json.loads(run("schema", "IsrRequest").stdout)
    assert one["title"] == "IsrRequest"
    everything = json.loads(run("schema").stdout)
    assert set(everything) == set(names)
    (entry,) = error_of(run("schema", "Nope"))["errors"]
    assert entry["field"] == "model"


def test_check_runs_the_shipped_worked_examples() -> None:
    done = run("check", str(ROOT / "examples" / "cases" / "worked-examples.json"))
    assert done.returncode == 0, done.stdout
    assert (
        "PASS  isr: VHIMS ISR guidance, Case: Tony  [vhims.isr.path.severe-temporary-advanced]"
        in (done.stdout)
    )
    assert done.stdout.rstrip().endswith("0 failed")


def test_check_reports_a_failing_case_and_exits_1(tmp_path: Path) -> None:
    cases = {
        "format": "casereview.cases/1",
        "cases": [
            {"name": "wrong", "decision": "isr", "inputs": {"harm": "Minor"}, "expect": {"isr": 1}},
            {"name": "right", "decision": "isr", "inputs": {"harm": "Minor"}, "expect": {"isr": 3}},
        ],
    }
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    done = run("check", str(path), "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert (report["passed"], report["failed"]) == (1, 1)
    assert report["cases"][0]["rule_ids"] == ["vhims.isr.path.minor"]


def test_check_reads_yaml(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    path = tmp_path / "cases.yaml"
    path.write_text(
        "format: casereview.cases/1\ncases:\n  - name: Emma\n    decision: isr\n"
        "    inputs: {harm: No harm}\n    expect: {isr: 4}\n",
        encoding="utf-8",
    )
    done = run("check", str(path))
    assert done.returncode == 0, done.stdout
    assert "1 passed, 0 failed" in done.stdout


def test_check_refuses_a_file_that_is_not_a_case_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    (entry,) = error_of(run("check", str(path)))["errors"]
    assert entry["field"] == "file"


def test_vectors_json_and_csv() -> None:
    from casereview.vhims import LogicMap

    done = run("vectors")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document == json.loads(LogicMap.default().vectors_json())
    assert document["vectors"]
    csv_out = run("vectors", "--format", "csv")
    assert csv_out.returncode == 0
    assert csv_out.stdout.strip() == LogicMap.default().vectors_csv().strip()


def test_rules_prints_the_catalogue() -> None:
    from casereview.catalogue import catalogue_markdown, catalogue_records

    done = run("rules")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == catalogue_records()
    markdown = run("rules", "--format", "markdown")
    assert markdown.stdout.strip() == catalogue_markdown().strip()


def test_serve_refuses_a_public_address_without_a_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "CASEREVIEW_API_KEY"}
    done = subprocess.run(
        [sys.executable, "-m", "casereview", "serve", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    (entry,) = error_of(done)["errors"]
    assert entry["field"] == "api_key"


@pytest.mark.parametrize(
    "command",
    [
        "isr",
        "follow-up",
        "due-date",
        "review",
        "validate",
        "decide",
        "evaluate",
        "schema",
        "vectors",
        "rules",
        "check",
        "batch",
        "serve",
        "demo",
        "sources",
        "business-days",
    ],
)
def test_every_command_has_help_with_examples(command: str) -> None:
    from casereview.cli import main

    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    from casereview.cli import main

    with pytest.raises(SystemExit):
        main(["isr", "--help"])
    assert "casereview isr Severe Temporary Advanced" in capsys.readouterr().out


@pytest.mark.parametrize("args", [("sources",), ("demo",)])
def test_a_closed_pipe_ends_quietly(args: tuple[str, ...]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "casereview", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.read(10)
    process.stdout.close()  # the reader goes away, as `| head -c 10` does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0
    assert b"Traceback" not in err
    assert b"BrokenPipe" not in err


def test_a_closed_pipe_in_batch_ends_quietly() -> None:
    lines = "".join('{"harm": "Minor"}\n' for _ in range(20_000))
    process = subprocess.Popen(
        [sys.executable, "-m", "casereview", "batch", "--decision", "isr"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(lines.encode(), timeout=60)
    assert process.returncode == 0
    assert b"Traceback" not in err


def test_the_cims_regime_options_reach_the_rules_and_the_result_says_which_answered() -> None:
    later = result_of(run("due-date", "2025-03-03", "--submitted-on", "2025-02-27"))
    assert later["outcome"]["decided"] is False
    assert later["outcome"]["due_on"] is None
    assert later["rulesets"][0]["id"] == "cims-2024"
    applied = result_of(
        run("due-date", "2025-03-03", "--submitted-on", "2025-02-27", "--apply-2020-rules")
    )
    assert applied["outcome"]["due_on"] is not None
    assert applied["outcome"]["provenance"] == "inferred"
    forced = result_of(
        run(
            "follow-up",
            "Major impact",
            "Self-harm",
            "--systemic-factors",
            "no",
            "--submitted-on",
            "2025-01-06",
            "--ruleset",
            "cims-2020",
        )
    )
    assert forced["outcome"]["follow_up"] == "Case review"
    (entry,) = error_of(run("follow-up", "Major", "Death", "--ruleset", "cims-1999"))["errors"]
    assert entry["field"] == "ruleset"


def _vendor_map(tmp_path: Path) -> Path:
    """The default map with one cell changed (Minor harm: ISR 4 instead of our 3)."""
    from casereview.vhims import LogicMap

    lines = LogicMap.default().to_csv_text().splitlines()
    header, rows = lines[0], lines[1:]
    changed = [
        "Minor,,,4,secondary,hospital-ims,Figure 1,," if row.startswith("Minor,,,") else row
        for row in rows
    ]
    path = tmp_path / "hospital-map.csv"
    path.write_text("\n".join([header, *changed]) + "\n", encoding="utf-8")
    return path


def test_a_vendor_logic_map_rates_the_isr_and_is_named_in_the_result(tmp_path: Path) -> None:
    path = _vendor_map(tmp_path)
    ours = result_of(run("isr", "Minor"))
    theirs_done = run("isr", "Minor", "--logic-map", str(path))
    theirs = result_of(theirs_done)
    assert (ours["outcome"]["isr"], theirs["outcome"]["isr"]) == (3, 4)
    assert "casereview: logic map" in theirs_done.stderr  # its disagreements, as findings
    assert theirs["logic_map"]["name"] != "default"
    assert theirs["logic_map"]["digest"] != ours["logic_map"]["digest"]
    vectors = json.loads(run("vectors", "--logic-map", str(path)).stdout)
    assert vectors["logic_map_digest"] == theirs["logic_map"]["digest"]
    line = '{"decision": "isr", "inputs": {"harm": "Minor"}}\n'
    batch = subprocess.run(
        [sys.executable, "-m", "casereview", "batch", "--logic-map", str(path)],
        input=line,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(batch.stdout)["outcome"]["isr"] == 4
    (entry,) = error_of(run("isr", "Minor", "--logic-map", str(tmp_path / "absent.csv")))["errors"]
    assert entry["field"] == "logic_map"
