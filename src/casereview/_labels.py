"""Enums whose values are the source documents' exact labels, parsed forgivingly at the edge.

A :class:`LabelEnum` accepts its members, its exact labels, and the same labels in any case with
outer spaces ignored and inner runs of white space folded (``" no  HARM "`` is ``"No harm"``).
Member names are accepted too (``"NO_HARM"``), since integrators often store those. Anything
else is refused with the allowed labels listed: never a silent default.

Pydantic models use the same parsing, because pydantic calls ``Enum._missing_`` for values that
are not exact.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Self, TypeVar

from casereview.errors import UnknownValueError

__all__ = ["LabelEnum", "normalise_label"]

_E = TypeVar("_E", bound="LabelEnum")


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise_label(text: str) -> str:
    """Fold case, white space and typographic quotes so label spellings compare equal.

    >>> normalise_label("  No   additional Treatment and care ")
    'no additional treatment and care'
    >>> normalise_label("The case was pulled on the previous month\u2019s TWS-M112")
    "the case was pulled on the previous month's tws-m112"
    """
    return " ".join(text.translate(_QUOTES).split()).casefold()


class LabelEnum(StrEnum):
    """A string enum whose ``.value`` is the source's label."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if isinstance(value, str):
            return _lookup(cls).get(normalise_label(value))
        return None

    @classmethod
    def parse(cls, value: object, *, field: str) -> Self:
        """Return the member for ``value`` (a member or a label), or raise naming ``field``.

        Raises:
            UnknownValueError: ``value`` is not a member or a known label; the message lists
                the allowed labels.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            member: Self | None = _lookup(cls).get(normalise_label(value))
            if member is not None:
                return member
        raise UnknownValueError(field, value, cls.labels())

    @classmethod
    def labels(cls) -> tuple[str, ...]:
        """The allowed labels, in the source's order."""
        return tuple(member.value for member in cls)


@cache
def _lookup(cls: type[_E]) -> dict[str, _E]:
    table: dict[str, _E] = {}
    for member in cls:
        for key in (normalise_label(member.value), normalise_label(member.name)):
            other = table.setdefault(key, member)
            if other is not member:  # pragma: no cover - guards enum definitions
                msg = f"{cls.__name__}: {key!r} names both {other.name} and {member.name}"
                raise TypeError(msg)
    return table
