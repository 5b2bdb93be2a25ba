"""Short labels people type, declared per enum and listed with it: one mechanism for every rulebook.

A :class:`LabelEnum` accepts its exact labels and member names in any case. Where a source's
labels are long, people type short forms: "sealed", "transferred out of region", "adverse
event". An :class:`AliasedLabelEnum` declares such forms in :meth:`AliasedLabelEnum._alias_spec`
(alias -> member name); they are documented by :meth:`AliasedLabelEnum.aliases` and parsed with
the same folding as labels, hyphens read as spaces ("first-level" is "first level"). An alias that
would name two members, or shadow another member's label, is a definition error caught at first
use. Only declared aliases are accepted: never a guess from a partial match.

>>> class Reason(AliasedLabelEnum):
...     SEALED = "Sealed cases"
...     @classmethod
...     def _alias_spec(cls):
...         return {"sealed": "SEALED"}
>>> Reason.parse("  Sealed ", field="reason")
<Reason.SEALED: 'Sealed cases'>
>>> Reason("sealed")
<Reason.SEALED: 'Sealed cases'>
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import cache
from types import MappingProxyType
from typing import Self, TypeVar

from casereview._labels import LabelEnum, normalise_label
from casereview.errors import UnknownValueError

__all__ = ["AliasedLabelEnum", "fold", "label_or_member"]

_E = TypeVar("_E", bound="AliasedLabelEnum")


def fold(text: str) -> str:
    """A label folded for alias look-up: :func:`normalise_label`, hyphens and dashes as spaces."""
    return " ".join(normalise_label(text.replace("-", " ").replace("\u2013", " ")).split())


def label_or_member(value: object) -> object:
    """A pydantic ``before`` check for label fields: a label (text) or a member, else refused.

    Python's ``Enum`` puts ``repr(value)`` in its own error, which fails for a value whose
    ``repr`` fails (or an int of 5,000 digits); this refuses such values first, naming only
    their type.
    """
    if value is None or isinstance(value, str | Enum):
        return value
    raise ValueError(f"expected a label (text), got {type(value).__name__}")


class AliasedLabelEnum(LabelEnum):
    """A :class:`LabelEnum` that also accepts the documented short forms of its labels."""

    @classmethod
    def _alias_spec(cls) -> Mapping[str, str]:
        """Alias -> member name; subclasses list the short forms they accept."""
        return {}

    @classmethod
    def aliases(cls) -> Mapping[str, Self]:
        """The documented short forms (folded) and the member each one names."""
        return _table(cls)

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        found = super()._missing_(value)
        if found is None and isinstance(value, str):
            found = _everything(cls).get(fold(value))
        return found

    @classmethod
    def parse(cls, value: object, *, field: str) -> Self:
        """The member for ``value``: a member, a label, a member name or a documented alias.

        Raises:
            UnknownValueError: anything else; the message lists the allowed labels.
        """
        if isinstance(value, str):
            member = cls._missing_(value)
            if member is not None:
                return member
        if isinstance(value, cls):
            return value
        raise UnknownValueError(field, value, cls.labels())


@cache
def _table(cls: type[_E]) -> Mapping[str, _E]:
    labels = {fold(m.value): m for m in cls} | {fold(m.name): m for m in cls}
    table: dict[str, _E] = {}
    for alias, name in cls._alias_spec().items():
        member = cls[name]
        key = fold(alias)
        other = table.get(key, labels.get(key, member))
        if other is not member:  # pragma: no cover - guards enum definitions
            msg = f"{cls.__name__}: alias {alias!r} names both {other.name} and {member.name}"
            raise TypeError(msg)
        table[key] = member
    return MappingProxyType(table)


@cache
def _everything(cls: type[_E]) -> Mapping[str, _E]:
    """Labels, member names and aliases, all folded: what :meth:`AliasedLabelEnum.parse` reads."""
    return MappingProxyType(
        {fold(m.value): m for m in cls} | {fold(m.name): m for m in cls} | dict(_table(cls))
    )
