"""Errors raised by casereview.

Every error is a :class:`CaseReviewError`, which is a :class:`ValueError`, so callers that
already catch ``ValueError`` for bad input keep working. Messages always name the field (or
parameter) at fault and, for an unknown label, list the allowed values.

Malformed *models* are refused by pydantic with its own :class:`pydantic.ValidationError`
(also a ``ValueError``), whose message names the field and the allowed values.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CaseReviewError", "MissingElementError", "UnknownValueError"]


class CaseReviewError(ValueError):
    """Bad input to a casereview function, or a rule table that cannot be used.

    ``field`` names the parameter or field at fault when there is one.
    """

    field: str | None

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def renamed(self, field: str) -> CaseReviewError:
        """The same error, about the caller's ``field`` (e.g. a calendar's ``d`` -> ``aware_on``).

        >>> error = CaseReviewError("d: 2075-01-01 is outside the years", field="d")
        >>> str(error.renamed("aware_on"))
        'aware_on: 2075-01-01 is outside the years'
        """
        message = str(self)
        if self.field is not None:
            message = message.removeprefix(f"{self.field}: ")
        return CaseReviewError(f"{field}: {message}", field=field)


class MissingElementError(CaseReviewError):
    """A value the rule needs was not given (for example, the duration of a Severe harm).

    >>> raise MissingElementError("duration", "needed because harm is 'Severe'")
    Traceback (most recent call last):
    ...
    casereview.errors.MissingElementError: duration is required: needed because harm is 'Severe'
    """

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field} is required: {reason}", field=field)
        self.reason = reason


class UnknownValueError(CaseReviewError):
    """A label that is not one of the allowed values.

    >>> str(UnknownValueError("harm", "Serious", ["Death", "Severe"]))
    "harm: 'Serious' is not an allowed value; allowed: 'Death', 'Severe'"
    """

    def __init__(self, field: str, value: object, allowed: Iterable[object]) -> None:
        self.value = value
        self.allowed: tuple[object, ...] = tuple(allowed)
        listed = ", ".join(repr(a) for a in self.allowed)
        super().__init__(
            f"{field}: {value!r} is not an allowed value; allowed: {listed}", field=field
        )
