"""Discover the public API: every name a user can reach, found from ``__all__``, never listed.

A *target* is one callable with the signature the fuzzer builds calls from:

* every function in the ``__all__`` of the packages in :data:`PACKAGES`;
* every public class there: its constructor (models, errors), and every public method,
  classmethod, staticmethod and property defined in casereview (not pydantic's or ``str``'s),
  plus ``model_validate``/``model_validate_json`` of each model (the JSON edge);
* enum classes are not called (``Enum(value)`` is Python's protocol; ``.parse`` is ours), nor is
  a class whose constructor refuses by design (``BusinessCalendar()``: build one with a
  classmethod).

Instance methods and properties need an instance: the fuzzer draws one from its pool
(:mod:`tests.fuzz.pool`), which holds the API's own constants and whatever the fuzzed calls
return.
"""

from __future__ import annotations

import enum
import importlib
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from pydantic import BaseModel

PACKAGES = (
    "casereview",
    "casereview.vhims",
    "casereview.cims",
    "casereview.kentucky_cqi",
    "casereview.under1roof",
    "casereview.analysis",
    "casereview.testing",
)

# Classes built only through their classmethods: calling the class raises TypeError by design.
NOT_CONSTRUCTIBLE = frozenset({"casereview.calendar.BusinessCalendar"})

_PYDANTIC_EDGE = ("model_validate", "model_validate_json")


@dataclass(frozen=True)
class Target:
    """One public callable: ``kind`` is function, class, method, classmethod or property."""

    name: str
    kind: str
    func: Callable[..., Any]
    owner: type | None = None  # the class an instance is drawn for (methods and properties)
    attr: str = ""

    @property
    def module(self) -> str:
        """The module that defines the callable (for grouping findings by owner)."""
        where = self.owner if self.owner is not None else self.func
        return getattr(where, "__module__", "") or ""


def public_classes() -> dict[str, type]:
    """Every public class reachable from :data:`PACKAGES`, by qualified name."""
    found: dict[str, type] = {}
    for module in _modules():
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value) and value.__module__.startswith("casereview"):
                found.setdefault(f"{value.__module__}.{value.__qualname__}", value)
    return found


def public_values() -> list[object]:
    """The public constants (``RULES``, ``WORKED_EXAMPLES``, ``SOURCES``, ...), seeding the pool."""
    values: list[object] = []
    for module in _modules():
        for name in module.__all__:
            value = getattr(module, name)
            if not callable(value) or isinstance(value, enum.Enum):
                values.append(value)
    return values


def targets() -> list[Target]:
    """Every public callable, sorted by name, each once."""
    found: dict[str, Target] = {}
    for module in _modules():
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isclass(value):
                for target in _class_targets(value):
                    found.setdefault(target.name, target)
            elif (
                callable(value)
                and not isinstance(value, enum.Enum)
                and getattr(value, "__module__", "").startswith("casereview")
            ):
                qual = f"{value.__module__}.{getattr(value, '__qualname__', name)}"
                found.setdefault(qual, Target(qual, "function", value))
    return sorted(found.values(), key=lambda t: t.name)


def _modules() -> Iterator[ModuleType]:
    for name in PACKAGES:
        yield importlib.import_module(name)


def _ours(cls: type, attr: str) -> bool:
    for klass in cls.__mro__:
        if attr in vars(klass):
            return klass.__module__.startswith("casereview") and klass.__name__ != "FrozenModel"
    return False


def _class_targets(cls: type) -> Iterator[Target]:
    qual = f"{cls.__module__}.{cls.__qualname__}"
    if not cls.__module__.startswith("casereview"):
        return
    is_enum = issubclass(cls, enum.Enum)
    if not is_enum and qual not in NOT_CONSTRUCTIBLE:
        yield Target(qual, "class", cls)
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        for attr in _PYDANTIC_EDGE:
            yield Target(f"{qual}.{attr}", "classmethod", _edge(getattr(cls, attr)), cls, attr)
    seen: set[str] = set()
    for klass in cls.__mro__:
        for attr, raw in vars(klass).items():
            if attr.startswith("_") or attr in seen or not _ours(cls, attr):
                continue
            seen.add(attr)
            if is_enum and isinstance(getattr(cls, attr, None), cls):
                continue  # a member, not a method
            if isinstance(raw, classmethod | staticmethod):
                yield Target(f"{qual}.{attr}", "classmethod", getattr(cls, attr), cls, attr)
            elif isinstance(raw, property) or _is_cached_property(raw):
                yield Target(f"{qual}.{attr}", "property", raw, cls, attr)
            elif inspect.isfunction(raw):
                yield Target(f"{qual}.{attr}", "method", raw, cls, attr)


def _edge(method: Callable[..., Any]) -> Callable[[object], Any]:
    """``Model.model_validate(obj)`` with only the data: its other parameters are pydantic's."""

    def edge(obj: object) -> Any:
        return method(obj)

    edge.__qualname__ = method.__qualname__
    return edge


def _is_cached_property(raw: object) -> bool:
    return type(raw).__name__ in {"cached_property", "PydanticDescriptorProxy"} and hasattr(
        raw, "__get__"
    )
