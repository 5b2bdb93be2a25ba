"""``casereview batch``: JSON Lines in and out, in order, bad lines isolated, memory flat."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from casereview.cli import MAX_LINE_BYTES


def batch(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "casereview", "batch", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_one_output_line_per_input_line_in_order_bad_lines_isolated() -> None:
    lines = [
        '{"decision": "isr", "inputs": {"harm": "Minor"}, "id": "a"}',
        "{not json",
        "",
        '{"decision": "due-date", "inputs": {"endorsed_on": "2024-12-02"}}',
        '{"decision": "isr", "inputs": {"harm": "Serious"}, "id": 7}',
        '{"decision": "nope", "inputs": {}}',
        "[]",
        '{"decision": "isr", "inputs": {"harm": "No harm"}, "extra": 1}',
        '{"decision": "isr", "inputs": {"harm": "Severe"}}',
    ]
    done = batch(stdin=("\n".join(lines) + "\n").encode())
    assert done.returncode == 1  # some lines failed
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == len(lines)
    formats = [o["format"] for o in out]
    assert formats == [
        "casereview.trace/1",
        "casereview.error/1",
        "casereview.error/1",
        "casereview.trace/1",
        "casereview.error/1",
        "casereview.error/1",
        "casereview.error/1",
        "casereview.error/1",
        "casereview.error/1",
    ]
    assert out[0]["id"] == "a"
    assert out[0]["outcome"]["isr"] == 3
    assert out[3]["outcome"]["due_on"] == "2025-01-03"
    assert out[4]["id"] == 7
    assert out[4]["errors"][0]["code"] == "unknown_value"
    assert out[5]["errors"][0]["field"] == "decision"
    assert out[8]["errors"][0]["field"] == "duration"
    assert done.stderr == b""  # no progress bar when stderr is not a terminal


def test_all_good_lines_exit_0_and_empty_input_gives_no_output() -> None:
    done = batch("--decision", "isr", stdin=b'{"harm": "Minor"}\n{"harm": "no harm"}\n')
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 2
    empty = batch(stdin=b"")
    assert (empty.returncode, empty.stdout) == (0, b"")


def test_an_overlong_line_is_refused_and_the_next_line_still_answered() -> None:
    long_line = b'{"harm": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}\n'
    done = batch("--decision", "isr", stdin=long_line + b'{"harm": "Minor"}\n')
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["format"] for o in out] == ["casereview.error/1", "casereview.trace/1"]
    assert out[0]["errors"][0]["field"] == "line"


def test_reads_a_file_and_writes_an_output_file(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    target = tmp_path / "out.jsonl"
    source.write_text('{"endorsed_on": "2024-09-20"}\n', encoding="utf-8")
    done = batch("--decision", "due-date", str(source), "-o", str(target), stdin=b"")
    assert done.returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["outcome"]["due_on"] == "2024-10-22"


def test_progress_goes_to_stderr_only_when_it_is_a_terminal() -> None:
    primary, secondary = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "casereview", "batch", "--decision", "isr"],
            input=b'{"harm": "Minor"}\n' * 2000,
            stdout=subprocess.PIPE,
            stderr=secondary,
            timeout=60,
        )
        os.close(secondary)
        secondary = -1
        progress = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            progress += chunk
    finally:
        os.close(primary)
        if secondary != -1:
            os.close(secondary)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 2000
    assert b"2,000 lines, 0 failed" in progress


_PEAK_RSS = textwrap.dedent(
    """
    import resource, subprocess, sys
    n = int(sys.argv[1])
    line = b'{"harm": "Moderate", "duration": "Temporary", "treatment": "Intermediate"}\\n'
    process = subprocess.Popen(
        [sys.executable, "-m", "casereview", "batch", "--decision", "isr"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )
    import threading
    def feed():
        for _ in range(n // 1000):
            process.stdin.write(line * 1000)
        process.stdin.close()
    threading.Thread(target=feed).start()
    count = sum(1 for _ in process.stdout)
    process.wait()
    print(count, process.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """
)


def _peak(n: int) -> tuple[int, int, int, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, str(n)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    count, status, rss_kib = (int(x) for x in done.stdout.split())
    return count, status, rss_kib, time.perf_counter() - start


def test_a_100000_line_batch_streams_in_flat_memory() -> None:
    small = _peak(1_000)
    large = _peak(100_000)
    print(
        f"\nbatch: 100,000 lines in {large[3]:.1f} s; peak RSS {large[2] / 1024:.1f} MiB "
        f"(1,000 lines: {small[2] / 1024:.1f} MiB)"
    )
    assert large[:2] == (100_000, 0)
    assert small[:2] == (1_000, 0)
    # 100 times the lines: memory flat (within 10 MiB), not proportional to the input.
    assert large[2] - small[2] < 10 * 1024


def test_non_json_constants_and_deep_nesting_are_bad_lines() -> None:
    lines = b'{"harm": NaN}\n' + b"[" * 100_000 + b"]" * 100_000 + b"\n" + b"\xff\n"
    done = batch("--decision", "isr", stdin=lines)
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["errors"][0]["field"] for o in out] == ["line", "line", "line"]
    assert done.returncode == 1


def test_a_bug_in_a_rule_is_reported_for_its_line_and_the_stream_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dataclasses
    import io

    from casereview import decisions
    from casereview.cli import main

    def broken(inputs: object) -> object:
        raise ZeroDivisionError("secret patient detail")

    faulty = dataclasses.replace(decisions.DECISIONS["review"], answer=broken)
    monkeypatch.setitem(decisions.DECISIONS, "review", faulty)
    lines = (
        b'{"decision": "review", "inputs": {"isr": 2}}\n'
        b'{"decision": "isr", "inputs": {"harm": "Minor"}}\n'
    )
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines)))
    assert main(["batch"]) == 1
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["errors"][0]["code"] == "internal"
    assert "secret" not in json.dumps(first)
    assert second["outcome"]["isr"] == 3
