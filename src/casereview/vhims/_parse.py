"""Parsing the three ISR elements at the edge: members or labels, blanks as not recorded."""

from __future__ import annotations

from casereview._input import is_missing
from casereview.errors import MissingElementError
from casereview.vhims.models import HarmDuration, HarmLevel, TreatmentLevel

__all__ = ["parse_elements", "parse_optional"]


def parse_optional(
    value: object, enum: type[HarmDuration] | type[TreatmentLevel], field: str
) -> HarmDuration | TreatmentLevel | None:
    """``None`` for a missing value (``None``, NaN, NaT, ``pd.NA``, blank text); else the member."""
    return enum.parse_optional(value, field=field)


def parse_elements(
    harm: object, duration: object, treatment: object
) -> tuple[HarmLevel, HarmDuration | None, TreatmentLevel | None]:
    """The three elements as members; ``harm`` is required, the others may be ``None``.

    Raises:
        MissingElementError: ``harm`` is ``None`` or blank.
        UnknownValueError: a value that is not an allowed label, naming its element.
    """
    if is_missing(harm):
        raise MissingElementError("harm", "every ISR path starts at the level of harm")
    h = HarmLevel.parse(harm, field="harm")
    d = parse_optional(duration, HarmDuration, "duration")
    t = parse_optional(treatment, TreatmentLevel, "treatment")
    assert d is None or isinstance(d, HarmDuration)
    assert t is None or isinstance(t, TreatmentLevel)
    return h, d, t
