"""Tiny timing helpers shared by the benchmark scripts (plain Python, no dependencies)."""

from __future__ import annotations

import timeit
from collections.abc import Callable


def per_call_ns(fn: Callable[[], object], calls_per_run: int, *, repeat: int = 5) -> float:
    """Best-of-``repeat`` nanoseconds per call of ``fn``, which makes ``calls_per_run`` calls."""
    timer = timeit.Timer(fn)
    best = min(timer.repeat(repeat=repeat, number=1))
    return best / calls_per_run * 1e9


def report(rows: list[tuple[str, float]]) -> None:
    """Print name / ns-per-call rows aligned."""
    width = max(len(name) for name, _ in rows)
    for name, ns in rows:
        print(f"  {name:<{width}}  {ns:10.1f} ns/call")
