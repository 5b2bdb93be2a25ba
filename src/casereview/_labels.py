r"""Enums whose values are the source documents' exact labels, parsed forgivingly at the edge.

**The label policy** (one policy for every :class:`LabelEnum`, and for the VHIMS ``Isr``):

* **Members** of the enum are taken as they are. A member of *another* enum is refused, even
  when its label is spelled the same (``HarmLevel.MINOR`` is not ``TreatmentLevel.MINOR``): a
  value from the wrong column is a mistake, not a spelling. Such members never compare equal
  either (``HarmLevel.MINOR != TreatmentLevel.MINOR``), though each equals its label.
* **Case** does not matter, nor do typographic quotes (``\u2019`` is ``'``).
* **White space**: outer white space is ignored and inner runs of white space (tabs, several
  spaces) count as one space.
* **Hyphens** belong to the label and are not spaces: ``"In-depth case review"`` is a label,
  ``"In depth case review"`` is not. Typographic hyphens and dashes (U+2010 to U+2015, and
  the minus sign U+2212) count as the plain hyphen ``-``, as typographic quotes count as plain
  ones.
* **Member names** are accepted in any case (``"NO_HARM"``, ``"no_harm"``), since integrators
  often store those; the underscore belongs to the name.
* **Digits** must be ASCII ``0``-``9``. Other digits (superscript one U+00B9, Arabic-Indic
  one U+0661, fullwidth one U+FF11) are never read as numbers: such a value is refused with
  :class:`~casereview.errors.UnknownValueError`.
* Anything else (another type, an unknown label) is refused with
  :class:`~casereview.errors.UnknownValueError` listing the allowed labels: never a silent
  default.

Pydantic models use the same parsing (a foreign member is refused there too).

>>> from casereview.findings import Severity
>>> Severity.parse(" WARNING ", field="severity")
<Severity.WARNING: 'warning'>
>>> label_key("  In\u2011depth  CASE review ")
'in-depth case review'
>>> Severity.parse("warn", field="severity")
Traceback (most recent call last):
...
casereview.errors.UnknownValueError: severity: 'warn' is not an allowed value; allowed: ...
"""

from __future__ import annotations

from collections import UserString
from enum import Enum, StrEnum
from functools import cache
from typing import Any, Self, TypeVar

from pydantic import GetCoreSchemaHandler, ValidationInfo
from pydantic_core import core_schema

from casereview._input import is_missing, refuse
from casereview.errors import MissingElementError, UnknownValueError

__all__ = ["LabelEnum", "foreign_member", "label_key", "normalise_label"]

_E = TypeVar("_E", bound="LabelEnum")


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def normalise_label(text: str) -> str:
    """Fold case, white space and typographic quotes so label spellings compare equal.

    >>> normalise_label("  No   additional Treatment and care ")
    'no additional treatment and care'
    >>> normalise_label("The case was pulled on the previous month\u2019s TWS-M112")
    "the case was pulled on the previous month's tws-m112"

    Raises:
        CaseReviewError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        refuse("text", "text (str)", text)
    return " ".join(text.translate(_QUOTES).split()).casefold()


def label_key(text: str) -> str:
    """The key a label is looked up by: :func:`normalise_label`, typographic dashes as ``-``.

    >>> label_key(" ISR 1 \u2013 Severe ")
    'isr 1 - severe'
    """
    if not isinstance(text, str):
        refuse("text", "text (str)", text)
    return " ".join(text.translate(_QUOTES).translate(_DASHES).split()).casefold()


def foreign_member(value: object, cls: type[Enum]) -> bool:
    """Whether ``value`` is a member of an enum other than ``cls`` (refused by the policy)."""
    return isinstance(value, Enum) and not isinstance(value, cls)


class LabelEnum(StrEnum):
    """A string enum whose ``.value`` is the source's label.

    A member equals its label (``HarmLevel.MINOR == "Minor"``) but never a member of another
    enum (``HarmLevel.MINOR != TreatmentLevel.MINOR``), so it cannot stand in for one as a key.
    Nor does it equal a ``collections.UserString``, which would otherwise answer "equal" for it
    (its reflected ``__eq__``) and so pass as a label in a look-up by member while the label
    policy, which takes only ``str``, refuses it everywhere else.

    >>> from collections import UserString
    >>> from casereview.findings import Severity
    >>> Severity.WARNING == "warning", Severity.WARNING == UserString("warning")
    (True, False)
    """

    def __eq__(self, other: object) -> bool:
        if type(other) is str:  # the common case (a label looked up in a table of members)
            return str.__eq__(self, other)
        if (isinstance(other, Enum) and type(other) is not type(self)) or isinstance(
            other, UserString
        ):
            return False
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if isinstance(value, str) and not foreign_member(value, cls):
            return _lookup(cls).get(label_key(value))
        return None

    @classmethod
    def parse(cls, value: object, *, field: str) -> Self:
        """Return the member for ``value`` (a member or a label), or raise naming ``field``.

        Raises:
            MissingElementError: ``value`` is missing (``None``, ``NaN``, ``NaT``, ``pd.NA``,
                blank text: the input policy), so no label was given at all.
            UnknownValueError: ``value`` is not a member or a known label (a member of another
                enum included); the message lists the allowed labels.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and not foreign_member(value, cls):
            member: Self | None = _lookup(cls).get(label_key(value))
            if member is not None:
                return member
        if is_missing(value):
            raise MissingElementError(field, f"expected one of {cls._listed()}")
        raise UnknownValueError(field, value, cls.labels())

    @classmethod
    def parse_optional(cls, value: object, *, field: str) -> Self | None:
        """Like :meth:`parse`, but a missing value (the input policy) is ``None``.

        >>> from casereview.findings import Severity
        >>> Severity.parse_optional(float("nan"), field="severity") is None
        True
        >>> Severity.parse_optional(" Warning ", field="severity")
        <Severity.WARNING: 'warning'>
        """
        if value is None or is_missing(value):
            return None
        return cls.parse(value, field=field)

    @classmethod
    def _listed(cls) -> str:
        return ", ".join(repr(label) for label in cls.labels())

    @classmethod
    def labels(cls) -> tuple[str, ...]:
        """The allowed labels, in the source's order."""
        return tuple(member.value for member in cls)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # Pydantic's own enum validation (exact values, then ``_missing_``), preceded by the one
        # thing it would get wrong: a member of another enum whose label is spelled the same.
        return core_schema.with_info_before_validator_function(
            _refuse_foreign(cls), handler(source)
        )


def _refuse_foreign(cls: type[LabelEnum]) -> Any:
    def check(value: object, info: ValidationInfo) -> object:
        # Only a string can be a label; refusing anything else here also keeps Python's Enum
        # from formatting the value (a hostile ``__repr__`` would escape as its own error).
        if foreign_member(value, cls) or not isinstance(value, str):
            raise UnknownValueError(info.field_name or cls.__name__, value, cls.labels())
        return value

    return check


@cache
def _lookup(cls: type[_E]) -> dict[str, _E]:
    table: dict[str, _E] = {}
    for member in cls:
        for key in (label_key(member.value), label_key(member.name)):
            other = table.setdefault(key, member)
            if other is not member:  # pragma: no cover - guards enum definitions
                msg = f"{cls.__name__}: {key!r} names both {other.name} and {member.name}"
                raise TypeError(msg)
    return table
