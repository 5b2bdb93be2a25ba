"""Errors raised by casereview.

Every error is a :class:`CaseReviewError`, which is a :class:`ValueError`, so callers that
already catch ``ValueError`` for bad input keep working. Messages always name the field (or
parameter) at fault and, for an unknown label, list the allowed values.

Malformed *models* are refused by pydantic with its own :class:`pydantic.ValidationError`
(also a ``ValueError``), whose message names the field and the allowed values.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

__all__ = ["CaseReviewError", "MissingElementError", "UnknownValueError", "field_name", "shown"]

_SHOWN = 80


def shown(value: object) -> str:
    """``repr(value)`` for a message: at most 80 characters, and it never raises.

    >>> len(shown("x" * 200)), shown("x" * 200)[-1]
    (80, '…')
    >>> shown(range(0, 10**20))
    'range(0, 100000000000000000000)'
    """
    if isinstance(value, int) and not isinstance(value, bool):
        digits = _digit_count(value)
        if digits > 40:
            return f"<{type(value).__name__} of {digits} digits>"
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__, or a huge int inside a container
        return f"<{type(value).__name__}>"
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _digit_count(value: int) -> int:
    magnitude = abs(value)
    if magnitude < 10:
        return 1
    estimate = int(magnitude.bit_length() * math.log10(2)) + 1
    return estimate if magnitude >= 10 ** (estimate - 1) else estimate - 1


def field_name(field: object) -> str:
    """A field's name for a message: a string as given, anything else :func:`shown`.

    >>> field_name("harm"), field_name(10**5000)
    ('harm', '<int of 5001 digits>')
    """
    return field if isinstance(field, str) else shown(field)


class CaseReviewError(ValueError):
    """Bad input to a casereview function, or a rule table that cannot be used.

    ``field`` names the parameter or field at fault when there is one.
    """

    field: str | None

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message if isinstance(message, str) else shown(message))
        self.field = None if field is None else field_name(field)

    def renamed(self, field: str) -> CaseReviewError:
        """The same error, about the caller's ``field`` (e.g. a calendar's ``d`` -> ``aware_on``).

        >>> error = CaseReviewError("d: 2075-01-01 is outside the years", field="d")
        >>> str(error.renamed("aware_on"))
        'aware_on: 2075-01-01 is outside the years'
        """
        message = str(self)
        if self.field is not None:
            message = message.removeprefix(f"{self.field}: ")
        name = field_name(field)
        return CaseReviewError(f"{name}: {message}", field=name)


class MissingElementError(CaseReviewError):
    """A value the rule needs was not given (for example, the duration of a Severe harm).

    >>> raise MissingElementError("duration", "needed because harm is 'Severe'")
    Traceback (most recent call last):
    ...
    casereview.errors.MissingElementError: duration is required: needed because harm is 'Severe'
    """

    def __init__(self, field: str, reason: str) -> None:
        name = field_name(field)
        self.reason = field_name(reason)
        super().__init__(f"{name} is required: {self.reason}", field=name)


class UnknownValueError(CaseReviewError):
    """A label that is not one of the allowed values.

    >>> str(UnknownValueError("harm", "Serious", ["Death", "Severe"]))
    "harm: 'Serious' is not an allowed value; allowed: 'Death', 'Severe'"
    """

    def __init__(self, field: str, value: object, allowed: Iterable[object]) -> None:
        self.value = value
        self.allowed: tuple[object, ...] = _allowed(allowed)
        # Allowed labels are listed whole (they are ours, and bounded); the value is shown.
        listed = ", ".join(
            repr(a) if isinstance(a, str) and len(a) <= _LABEL else shown(a) for a in self.allowed
        )
        name = field_name(field)
        super().__init__(
            f"{name}: {shown(value)} is not an allowed value; allowed: {listed}", field=name
        )


_LABEL = 200
_ALLOWED = 1_000


def _allowed(allowed: object) -> tuple[object, ...]:
    """The allowed values as a tuple: at most 1,000 of them, and none from a string or junk."""
    if isinstance(allowed, str | bytes | bytearray) or not isinstance(allowed, Iterable):
        return ()
    try:
        return tuple(itertools.islice(allowed, _ALLOWED))
    except Exception:  # an iterable that fails as it is read: list nothing rather than fail
        return ()
