"""The two refusals of the logic map: a map that cannot be answered, and an input it does not rate.

A map is refused (:class:`LogicMapError`) only when it is malformed (a row that cannot be read)
or ambiguous (two rows give two ISRs for one input), or when the caller asked for ``strict=True``
and the map has findings. Everything else loads and is reported in ``LogicMap.findings``.
:func:`~casereview.vhims.derive_isr` on a combination a loaded map leaves unrated raises
:class:`NotRatedError`.

>>> error = LogicMapError(["rows[3].harm: 'Catastrophic' is not an allowed value"], rows=(3,))
>>> error.rows, str(error).splitlines()[0]
((3,), 'rows: logic map refused:')
"""

from __future__ import annotations

from collections.abc import Iterable

from casereview._input import MAX_ITEMS, items, whole
from casereview.errors import CaseReviewError, shown

__all__ = ["LogicMapError", "NotRatedError"]

_LISTED = 50
"""At most this many problems are listed in the message; ``.problems`` holds them all."""


class LogicMapError(CaseReviewError):
    """A logic map that cannot be used: ``problems`` lists every problem found.

    ``rows`` holds the indices of the rows involved (both rows of an ambiguity), ``errors`` the
    underlying errors of malformed rows (each naming its ``rows[i].<key>`` field).
    """

    def __init__(
        self,
        problems: Iterable[str],
        *,
        rows: Iterable[int] = (),
        errors: Iterable[CaseReviewError] = (),
    ) -> None:
        limit = 4 * MAX_ITEMS
        self.problems: tuple[str, ...] = tuple(
            p if isinstance(p, str) else shown(p)
            for p in items(problems, field="problems", limit=limit)
        )
        self.rows: tuple[int, ...] = tuple(
            sorted({whole(i, field="rows", low=0) for i in items(rows, field="rows", limit=limit)})
        )
        self.errors: tuple[CaseReviewError, ...] = tuple(
            e for e in items(errors, field="errors") if isinstance(e, CaseReviewError)
        )
        listed = "\n".join(f"  - {p}" for p in self.problems[:_LISTED])
        if len(self.problems) > _LISTED:
            listed += f"\n  - ... and {len(self.problems) - _LISTED} more (see .problems)"
        super().__init__(f"rows: logic map refused:\n{listed}", field="rows")


class NotRatedError(CaseReviewError):
    """The logic map leaves this combination of elements unrated (rule ``vhims.map.complete``).

    A loaded map may leave combinations out (the guidance removes illogical ones); it then has
    no ISR for them, and says so rather than guessing. ``logic_map`` is the map's name.
    """

    def __init__(self, message: str, *, logic_map: str, path: str) -> None:
        super().__init__(
            f"logic_map: {shown(message) if not isinstance(message, str) else message}",
            field="logic_map",
        )
        self.logic_map = logic_map if isinstance(logic_map, str) else shown(logic_map)
        self.path = path if isinstance(path, str) else shown(path)
