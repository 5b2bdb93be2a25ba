from __future__ import annotations

import json
import subprocess
import sys

import pytest

from casereview.cli import main


def test_demo_prints_the_reference_due_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Tue 22 Oct 2024" in out
    assert "Fri 03 Jan 2025" in out
    assert "REFERENCE SAYS" not in out


def test_business_days_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["business-days", "2024-10-28", "21", "--remove", "2024-11-05"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["format"] == "casereview.trace/1"  # the one result format (contract change)
    assert result["decision"] == "business-days"
    assert result["outcome"]["due"] == "2024-11-26"
    assert result["outcome"]["holidays_skipped"] == []
    assert result["inputs"]["remove"] == ["2024-11-05"]


def test_sources_prints_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources"]) == 0
    ids = {s["id"] for s in json.loads(capsys.readouterr().out)}
    assert "vhims-isr-guidance" in ids


def test_library_errors_exit_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["business-days", "2024-10-28", "0"]) == 2
    assert "n: expected a whole number" in capsys.readouterr().err


def test_bad_dates_are_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    # Contract change: an argument refusal is an error object on stdout and exit 2, not a
    # SystemExit with usage only.
    assert main(["business-days", "2024-02-30", "21"]) == 2
    captured = capsys.readouterr()
    (entry,) = json.loads(captured.out)["errors"]
    assert entry["field"] == "start"
    assert "not a date (YYYY-MM-DD)" in entry["message"]
    assert "usage:" in captured.err


def test_python_dash_m_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "casereview", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("casereview ")
