r"""JSON Lines in, JSON Lines out: the streaming engine of ``casereview batch``.

One output object per input line, in order: the result (``casereview.trace/1``) or the error
(``casereview.error/1``) of that line. A bad line (malformed JSON, blank, refused, longer than
:data:`MAX_LINE_BYTES`, or even a bug in a rule) gets its error object and the stream goes on.
Lines are read one at a time, in bounded reads: memory stays flat however long the input.

>>> import io
>>> source = io.BytesIO(b'{"harm": "Minor"}\n{"harm": "Serious"}\n')
>>> target = io.StringIO()
>>> run_batch(source, target, decision="isr")
(2, 1)
>>> [line[:40] for line in target.getvalue().splitlines()]
['{"format":"casereview.trace/1","decision', '{"format":"casereview.error/1","errors":']

A surface-level module: the core never imports it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any, Final

from pydantic import ValidationError

from casereview.errors import CaseReviewError

__all__ = ["MAX_LINE_BYTES", "answer_line", "internal_error", "lines", "run_batch"]

MAX_LINE_BYTES: Final = 1_000_000
"""The longest input line (bytes); a longer one gets an error object and is skipped."""


def internal_error(exc: BaseException) -> dict[str, Any]:
    """An unexpected failure (a bug), in the error format; the message names only its type."""
    from casereview.trace import ERROR_FORMAT

    message = f"internal error ({type(exc).__name__}); please report it"
    entry = {"code": "internal", "field": None, "message": message, "allowed": None}
    return {"format": ERROR_FORMAT, "errors": [entry]}


def lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of ``stream`` without their newline; ``None`` for a line past the bound."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line, in bounded reads
                rest = stream.readline(MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line.rstrip(b"\r\n")


def answer_line(
    raw: bytes | None, decision: str | None = None, logic_map: Any = None
) -> tuple[dict[str, Any], bool]:
    """The output object of one input line, and whether it succeeded.

    With ``decision`` the line holds that decision's inputs; without, it is
    ``{"decision", "inputs", "id"}`` (the ``id`` is copied to the output).
    """
    from casereview.decisions import decide, parse_json
    from casereview.trace import error_json

    ident: object = None
    try:
        if raw is None:
            raise CaseReviewError(f"line: longer than {MAX_LINE_BYTES:,} bytes", field="line")
        if not raw.strip():
            raise CaseReviewError("line: empty; expected one JSON object", field="line")
        item = parse_json(raw, field="line")
        if decision is None:
            if not isinstance(item, dict):
                raise CaseReviewError(
                    'line: expected an object {"decision": ..., "inputs": {...}}', field="line"
                )
            ident = item.get("id")
            unknown = set(item) - {"decision", "inputs", "id"}
            if unknown:
                raise CaseReviewError(
                    f"line: unknown keys {sorted(unknown)}; expected decision, inputs, id",
                    field="line",
                )
            result = decide(
                item.get("decision"),  # type: ignore[arg-type]
                item.get("inputs"),
                logic_map=logic_map,
            )
        else:
            result = decide(decision, item, logic_map=logic_map)
    except (CaseReviewError, ValidationError) as exc:
        error = error_json(exc)
    except Exception as exc:  # a bug in a rule must not end the stream: report it for the line
        error = internal_error(exc)
    else:
        if ident is not None:
            result["id"] = ident
        return result, True
    if ident is not None:
        error["id"] = ident
    return error, False


def run_batch(
    source: IO[bytes],
    target: IO[str],
    *,
    decision: str | None = None,
    logic_map: Any = None,
    progress: Callable[[int, int], None] | None = None,
    every: int = 1000,
) -> tuple[int, int]:
    """Answer every line of ``source`` onto ``target``; returns ``(lines, failed)``.

    ``progress(lines, failed)`` is called every ``every`` lines (the CLI draws its progress
    count with it when stderr is a terminal).
    """
    done = failed = 0
    for raw in lines(source):
        payload, ok = answer_line(raw, decision, logic_map)
        target.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")
        done += 1
        failed += not ok
        if progress is not None and done % every == 0:
            progress(done, failed)
    target.flush()
    return done, failed
