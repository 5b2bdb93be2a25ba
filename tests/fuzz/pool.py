"""Instances to call methods on and to pass as arguments: the API's constants plus results.

The pool is bounded (at most :data:`PER_CLASS` instances of a class, replaced at random), so a
long run does not grow without limit.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

PER_CLASS = 24
_rng = random.Random(0)


class Pool:
    """Instances of casereview's classes, by exact type."""

    def __init__(self) -> None:
        self._by_type: dict[type, list[Any]] = {}

    def add(self, value: object, depth: int = 0) -> None:
        """Keep ``value`` (and the casereview instances inside it) if it is one of ours."""
        if depth > 3:
            return
        kind = type(value)
        if isinstance(value, Mapping):
            for item in list(value.values())[:PER_CLASS]:
                self.add(item, depth + 1)
            return
        if isinstance(value, list | tuple | frozenset | set):
            for item in list(value)[:PER_CLASS]:
                self.add(item, depth + 1)
            return
        if not kind.__module__.startswith("casereview") or isinstance(value, enum.Enum):
            return
        bucket = self._by_type.setdefault(kind, [])
        if len(bucket) < PER_CLASS:
            bucket.append(value)
        else:
            bucket[_rng.randrange(PER_CLASS)] = value
        if isinstance(value, BaseModel):
            for item in value.__dict__.values():
                self.add(item, depth + 1)

    def of(self, cls: type) -> list[Any]:
        """The instances held of ``cls`` (subclasses included)."""
        return [v for kind, bucket in self._by_type.items() if _subclass(kind, cls) for v in bucket]

    def models(self) -> list[BaseModel]:
        """Every model instance held."""
        return [v for bucket in self._by_type.values() for v in bucket if isinstance(v, BaseModel)]

    def pick(self, cls: type, index: int) -> Any:
        """One instance of ``cls`` chosen by ``index`` (``None`` when none is held)."""
        held = self.of(cls)
        return held[index % len(held)] if held else None

    def any(self, index: int) -> Any:
        """Any held instance, chosen by ``index``."""
        held = [v for bucket in self._by_type.values() for v in bucket]
        return held[index % len(held)] if held else None

    def __len__(self) -> int:
        return sum(len(b) for b in self._by_type.values())


POOL = Pool()


def _subclass(kind: type, cls: type) -> bool:
    try:
        return issubclass(kind, cls)
    except TypeError:  # a typing.Protocol that is not runtime-checkable, a generic alias
        return False
