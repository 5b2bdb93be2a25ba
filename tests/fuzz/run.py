"""Run the contract fuzzer over every public target: ``python -m tests.fuzz.run [--calls N]``.

Prints the number of calls and of distinct violations and writes the violations, grouped by
owner, to ``--report`` (Markdown). Exit status 1 when there is any violation.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz.api import Target, targets
from tests.fuzz.engine import Record, draw_call, make, memory_limit, report, seed_pool, sweep
from tests.fuzz.values import special_values


def sweep_target(target: Target, record: Record, bases: int) -> None:
    """Sweep every special value through every parameter of ``target``, from ``bases`` calls."""
    values = special_values()

    @settings(
        max_examples=bases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        call = draw_call(data, target)
        if call is not None:
            sweep(call, record, values)

    run()


def fuzz_target(target: Target, record: Record, examples: int) -> None:
    """Call ``target`` ``examples`` times with Hypothesis-drawn arguments, recording outcomes."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        call = draw_call(data, target)
        if call is not None:
            make(call, record)

    run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=100_000, help="at least this many calls")
    parser.add_argument("--report", type=Path, default=None, help="write violations here")
    options = parser.parse_args(argv)
    found = targets()
    record = Record()
    start = time.monotonic()
    with memory_limit():
        seed_pool()
        # A short first pass fills the pool with results, so later passes can call methods;
        # passes repeat until the number of calls is reached.
        share = max(1, math.ceil(options.calls / len(found) / 10))
        for target in found:
            fuzz_target(target, record, share)
        for target in found:
            sweep_target(target, record, 1)
        while record.calls < options.calls:
            remaining = options.calls - record.calls
            share = max(1, math.ceil(remaining / len(found)))
            for target in found:
                fuzz_target(target, record, share)
    elapsed = time.monotonic() - start
    text = report(record)
    print(
        f"contract fuzzer: {record.calls:,} calls over {len(found)} public callables in "
        f"{elapsed:.0f} s; {record.refused:,} refused with a contract error; "
        f"{len(record.violations)} distinct violations; {record.fuzzer_errors} fuzzer errors"
    )
    if options.report is not None:
        options.report.write_text(text + "\n", encoding="utf-8")
    elif record.violations:
        print(text)
    return 1 if record.violations else 0


if __name__ == "__main__":
    sys.exit(main())
