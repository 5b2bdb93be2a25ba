"""Build a call from a target's signature, make it under guard, and judge what escaped.

The contract: a public callable returns, or raises :class:`~casereview.errors.CaseReviewError`
(subclasses included) or :class:`pydantic.ValidationError`. Anything else escaping is a
*violation*, and so is a call that runs past its time limit or exhausts memory. A ``TypeError``
raised by the call's own binding (wrong arity) would be the fuzzer's mistake; calls are built from
``inspect.signature`` so that does not happen, and it is counted apart if it ever does.

Guards: each call runs under ``SIGALRM`` with a time limit (:data:`TIME_LIMIT`), and the whole
run under an address-space limit (:func:`memory_limit`), so a hostile input that would hang or
allocate gigabytes fails that one call instead of the machine.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import resource
import signal
import traceback
import typing
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from casereview.errors import CaseReviewError, shown
from tests.fuzz.api import Target
from tests.fuzz.pool import POOL
from tests.fuzz.values import for_parameter

CONTRACT = (CaseReviewError, ValidationError)
TIME_LIMIT = 1.0
"""Seconds one call may take (the slowest legitimate one, a 301-year calendar, takes ~0.1 s)."""
MEMORY_LIMIT = 4 * 2**30
"""Bytes of address space the fuzzing process may hold while fuzzing."""

_SRC = Path(__file__).resolve().parents[2] / "src"

# The ownership table of /work/notes/APIS.md, by path prefix under src/casereview/.
OWNERS = (
    ("casereview/vhims/", "vhims"),
    ("casereview/_labels.py", "vhims"),
    ("casereview/cims/", "cims"),
    ("casereview/kentucky_cqi/", "kentucky"),
    ("casereview/under1roof/", "u1r"),
    ("casereview/analysis", "analyst"),
    ("casereview/cli.py", "vendor"),
    ("casereview/trace.py", "vendor"),
    ("casereview/", "fuzz"),
)


class CallTimedOut(BaseException):
    """Raised by the alarm inside a call that ran past the time limit."""


@dataclass(frozen=True)
class Violation:
    """One distinct contract break: where it was raised, by which target, with what."""

    target: str
    exception: str
    where: str
    message: str
    call: str

    @property
    def owner(self) -> str:
        """The engineer who owns the file the exception was raised in."""
        where = self.where
        if not where.startswith("casereview/"):
            # Raised outside casereview (pydantic, or a timer firing in a C loop): the target's
            # own module owns it.
            where = self.target.replace(".", "/")
        for prefix, owner in OWNERS:
            if where.startswith(prefix):
                return owner
        return "fuzz"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.target, self.exception, self.where)


@dataclass
class Record:
    """What a run saw: counts, and each distinct violation once (its shortest example)."""

    calls: int = 0
    refused: int = 0
    fuzzer_errors: int = 0
    violations: dict[tuple[str, str, str], Violation] = field(default_factory=dict)

    def add(self, violation: Violation) -> None:
        held = self.violations.get(violation.key)
        if held is None or len(violation.call) < len(held.call):
            self.violations[violation.key] = violation


@dataclass(frozen=True)
class Call:
    """A call ready to make: the callable bound to an instance if needed, and its arguments."""

    target: Target
    func: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def __str__(self) -> str:
        parts = [shown(a) for a in self.args] + [f"{k}={shown(v)}" for k, v in self.kwargs.items()]
        return f"{self.target.name}({', '.join(parts)})"


@functools.cache
def _hints(func: Callable[..., Any]) -> dict[str, Any]:
    try:
        target = (
            func.__init__ if inspect.isclass(func) and not issubclass(func, BaseModel) else func
        )
        return typing.get_type_hints(target)
    except Exception:
        return {}


def _signature(target: Target) -> inspect.Signature:
    return inspect.signature(target.func)


def draw_call(data: st.DataObject, target: Target) -> Call | None:
    """Draw one call of ``target``: ``None`` when no instance is held for a method."""
    func: Callable[..., Any] = target.func
    if target.kind in {"method", "property"}:
        owner = target.owner
        assert owner is not None
        instance = data.draw(st.integers(min_value=0).map(lambda i: POOL.pick(owner, i)))
        if instance is None:
            return None
        if target.kind == "property":
            raw = target.func
            return Call(target, lambda: raw.__get__(instance, type(instance)), (), {})
        func = target.func.__get__(instance, type(instance))
    signature = inspect.signature(func)
    hints = _hints(target.func)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    positional_ok = True
    for name, param in signature.parameters.items():
        annotation = hints.get(name, param.annotation)
        value = for_parameter(annotation)
        if param.kind is param.VAR_POSITIONAL:
            if positional_ok:
                args.extend(data.draw(st.lists(value, max_size=2), label=f"*{name}"))
            continue
        if param.kind is param.VAR_KEYWORD:
            continue
        required = param.default is param.empty
        if not required and not data.draw(st.booleans(), label=f"give {name}"):
            if param.kind is not param.KEYWORD_ONLY:
                positional_ok = False
            continue
        drawn = data.draw(value, label=name)
        if param.kind is param.KEYWORD_ONLY or (
            param.kind is param.POSITIONAL_OR_KEYWORD and not positional_ok
        ):
            kwargs[name] = drawn
        else:
            args.append(drawn)
    return Call(target, func, tuple(args), kwargs)


def sweep(call: Call, record: Record, values: list[object]) -> None:
    """Give every value in ``values`` to each parameter of ``call`` in turn, the rest unchanged.

    Hypothesis draws each hostile value only now and then; the sweep makes sure every parameter
    of every target meets every one of them at least once.
    """
    try:
        signature = inspect.signature(call.func)
        bound = signature.bind(*call.args, **call.kwargs)
    except (TypeError, ValueError):
        return
    for name, param in signature.parameters.items():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        for value in values:
            trial = signature.bind_partial(*bound.args, **bound.kwargs)
            trial.arguments[name] = value
            if not _complete(signature, trial):
                continue
            make(Call(call.target, call.func, tuple(trial.args), dict(trial.kwargs)), record)


def _complete(signature: inspect.Signature, trial: inspect.BoundArguments) -> bool:
    try:
        signature.bind(*trial.args, **trial.kwargs)
    except TypeError:
        return False
    return True


def _alarm(signum: int, frame: object) -> None:
    raise CallTimedOut


def _where(exc: BaseException) -> str:
    """``casereview/<file>.py:<line>`` of the deepest frame in our source (else the last)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(_SRC))]
    if not (ours or frames):
        return "?"
    frame = (ours or frames)[-1]
    path = Path(frame.filename)
    try:
        path = path.relative_to(_SRC)
    except ValueError:
        path = Path(path.name)
    return f"{path}:{frame.lineno}"


def make(call: Call, record: Record, time_limit: float = TIME_LIMIT) -> object:
    """Make ``call`` under the time guard; record the outcome; return the result (or None)."""
    record.calls += 1
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = call.func(*call.args, **call.kwargs)
            if isinstance(result, BaseModel):
                result.model_dump(mode="json")  # a result must serialise: the JSON edge
    except CONTRACT:
        record.refused += 1
        return None
    except CallTimedOut as exc:
        where = _where(exc)
        record.add(Violation(call.target.name, "timeout", where, f"over {time_limit} s", str(call)))
        return None
    except TypeError as exc:
        if exc.__traceback__ is not None and exc.__traceback__.tb_next is None and _binding(call):
            record.fuzzer_errors += 1
            return None
        _violation(record, call, exc)
        return None
    except Exception as exc:
        _violation(record, call, exc)
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    POOL.add(result)
    return result


def _binding(call: Call) -> bool:
    try:
        inspect.signature(call.func).bind(*call.args, **call.kwargs)
    except TypeError:
        return True
    except ValueError:
        return False
    return False


def _violation(record: Record, call: Call, exc: BaseException) -> None:
    try:
        message = shown(str(exc)) if not isinstance(exc, RecursionError) else "recursion"
    except Exception:
        message = f"<{type(exc).__name__} whose str() fails>"
    record.add(Violation(call.target.name, type(exc).__name__, _where(exc), message, str(call)))


@contextlib.contextmanager
def memory_limit(limit: int = MEMORY_LIMIT) -> Iterator[None]:
    """Cap the process's address space while fuzzing (restored after)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def seed_pool() -> None:
    """Fill the pool with the API's constants and a few instances built without arguments."""
    from tests.fuzz.api import public_classes, public_values

    for value in public_values():
        POOL.add(value)
    for cls in public_classes().values():
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            with contextlib.suppress(Exception):
                POOL.add(cls())
    from casereview import BusinessCalendar

    POOL.add(BusinessCalendar.victoria())
    POOL.add(BusinessCalendar.kentucky())


def report(record: Record) -> str:
    """A Markdown list of the distinct violations, grouped by owner, then by target."""
    lines: list[str] = []
    by_owner: dict[str, list[Violation]] = {}
    for v in record.violations.values():
        by_owner.setdefault(v.owner, []).append(v)
    for owner in sorted(by_owner):
        lines.append(f"\n## {owner}\n")
        for v in sorted(by_owner[owner], key=lambda v: (v.where, v.target)):
            lines.append(
                f"- `{v.target}` — **{v.exception}** at `{v.where}`: {v.message}\n"
                f"  - e.g. `{v.call}`"
            )
    return "\n".join(lines)
