"""Hypothesis strategies for host systems that test their own use of casereview.

Requires ``hypothesis`` (``pip install casereview[test]``); it is not a runtime dependency.

>>> from hypothesis import given
>>> from casereview.vhims import derive_isr
>>> @given(isr_elements())
... def test_my_ims_agrees(elements):
...     harm, duration, treatment = elements
...     assert derive_isr(harm, duration, treatment).isr in (1, 2, 3, 4)
>>> test_my_ims_agrees()
"""

from __future__ import annotations

from datetime import date

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "casereview.testing needs hypothesis: pip install 'casereview[test]'"
    ) from exc

from casereview._input import day, option, refuse
from casereview._labels import LabelEnum
from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError
from casereview.vhims import HarmDuration, HarmLevel, LogicMap, TreatmentLevel

__all__ = ["business_days", "isr_elements", "label_spellings"]

_Triple = tuple[HarmLevel, HarmDuration | None, TreatmentLevel | None]


def isr_elements(
    logic_map: LogicMap | None = None, *, with_unused: bool = True
) -> st.SearchStrategy[_Triple]:
    """(harm, duration, treatment) triples from which ``logic_map`` derives an ISR.

    With ``with_unused`` (the default), elements the path does not consult are sometimes
    filled in too, as real records often have them; otherwise they are ``None``.
    """
    if logic_map is not None and not isinstance(logic_map, LogicMap):
        refuse("logic_map", "a LogicMap or None", logic_map)
    with_unused = option(with_unused, field="with_unused")
    paths: list[_Triple] = [
        (row.harm, row.duration, row.treatment) for row in (logic_map or LogicMap.default()).rows
    ]
    if not with_unused:
        return st.sampled_from(paths)
    durations = st.sampled_from([None, *HarmDuration])
    treatments = st.sampled_from([None, *TreatmentLevel])
    return st.sampled_from(paths).flatmap(
        lambda p: st.tuples(
            st.just(p[0]),
            st.just(p[1]) if p[1] is not None else durations,
            st.just(p[2]) if p[2] is not None else treatments,
        )
    )


def label_spellings(member: LabelEnum) -> st.SearchStrategy[str]:
    """Spellings of a member's label that casereview accepts: any case, padded, spaces folded.

    ``member`` is a member of one of casereview's label enums (``HarmLevel.DEATH``); a bare
    label (``"Death"``) is refused, since it does not say which enum it belongs to.
    """
    if not isinstance(member, LabelEnum):
        refuse("member", "a member of a casereview label enum (e.g. HarmLevel.DEATH)", member)
    words = member.value.split()
    cases = st.sampled_from([str.lower, str.upper, str.title, str])
    gaps = st.lists(st.sampled_from([" ", "  ", "\t"]), min_size=len(words), max_size=len(words))
    pads = st.sampled_from(["", " ", "  "])
    return st.builds(
        lambda case, gap, left, right: (
            left + "".join(case(w) + g for w, g in zip(words, gap, strict=True)).rstrip() + right
        ),
        cases,
        gaps,
        pads,
        pads,
    )


def business_days(
    calendar: BusinessCalendar,
    *,
    min_value: date | None = None,
    max_value: date | None = None,
) -> st.SearchStrategy[date]:
    """Business days of ``calendar`` between ``min_value`` and ``max_value`` (default: its years).

    Raises:
        CaseReviewError: the bounds hold no business day of the calendar.
    """
    if not isinstance(calendar, BusinessCalendar):
        refuse("calendar", "a BusinessCalendar", calendar)
    first = date(calendar.years.start, 1, 1)
    last = date(calendar.years.stop - 1, 12, 31)
    try:
        low = calendar.roll_forward(first if min_value is None else day(min_value, field="d"))
    except CaseReviewError as exc:
        raise exc.renamed("min_value") from None
    try:
        high = calendar.roll_backward(last if max_value is None else day(max_value, field="d"))
    except CaseReviewError as exc:
        raise exc.renamed("max_value") from None
    if high < low:
        raise CaseReviewError(
            f"max_value: no business day between {min_value} and {max_value}", field="max_value"
        )
    return st.dates(min_value=low, max_value=high).map(calendar.roll_forward)
