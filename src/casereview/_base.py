"""The base for every casereview model: frozen, no extra fields, hashable, JSON-serialisable."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["FrozenModel"]


class FrozenModel(BaseModel):
    """Immutable pydantic model that refuses unknown fields.

    Results and records are values: they compare and hash by content and never change after
    construction, so they are safe to cache and share between threads.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
        use_enum_values=False,
    )
