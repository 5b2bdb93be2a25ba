"""VHIMS per row: the minimum review each ISR needs, and whether each record is a SAPSE.

>>> [level.value for level in review_column([2, "ISR 1", 4],
...                                         system_or_process_issues=[None, "Yes", None])]
['In-depth case review', 'Root cause analysis', 'Aggregate review']
>>> sapse_column(incident_type=["Clinical", "Clinical"], isr=[2, 3],
...              clinical_incident=["Yes", "Yes"], went_as_intended=["No", "No"])
[True, False]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from casereview._input import flag, is_missing, optional_flag, text
from casereview.analysis import _columns as c
from casereview.analysis import _frames as o
from casereview.analysis import _rows as r
from casereview.analysis._columns import Errors
from casereview.analysis.isr import ISR_CATEGORIES
from casereview.errors import CaseReviewError, MissingElementError
from casereview.vhims import Isr, ReviewLevel, ReviewRequirement, is_sapse, review_requirement

__all__ = ["REVIEW_CATEGORIES", "review_column", "sapse_column"]

REVIEW_CATEGORIES: Final[tuple[str, ...]] = tuple(level.value for level in ReviewLevel)
"""The categories of a review-level column in pandas, most thorough first (ordered)."""

_ISR_BY_CATEGORY: Final = dict(zip(ISR_CATEGORIES, Isr, strict=True))


def _isr(value: object) -> object:
    """An ISR cell: :func:`~casereview.analysis.isr_column`'s category labels are read back."""
    if isinstance(value, str) and value in _ISR_BY_CATEGORY:
        return _ISR_BY_CATEGORY[value]
    if is_missing(value):
        raise MissingElementError("isr", "the minimum review follows from the ISR")
    return value


def review_column(
    isr: Iterable[object],
    *,
    sentinel_event: Iterable[object] | None = None,
    system_or_process_issues: Iterable[object] | None = None,
    errors: Errors = "raise",
) -> Any:
    """The minimum :class:`~casereview.vhims.ReviewLevel` of each row.

    ``isr`` takes ratings (``1``-``4``, ``"ISR 2"``, members, or the output of
    :func:`~casereview.analysis.isr_column`). ``sentinel_event`` (optional column; a row's
    missing value is refused, since a sentinel event always needs a root cause analysis) and
    ``system_or_process_issues`` (optional; needed for ISR 1 only) take ``True``/``False`` or
    ``"Yes"``/``"No"``. With pandas an ordered categorical Series (:data:`REVIEW_CATEGORIES`,
    most thorough first). ``errors`` as everywhere in :mod:`casereview.analysis`.
    """
    mode = c.error_mode(errors)
    columns = c.read_columns(
        isr=isr,
        sentinel_event=sentinel_event,
        system_or_process_issues=system_or_process_issues,
    )
    if "isr" not in columns.raw:
        raise CaseReviewError("isr: expected a column, got None", field="isr")
    given_sentinel = "sentinel_event" in columns.raw
    for name in ("sentinel_event", "system_or_process_issues"):
        columns.raw.setdefault(name, [None] * columns.n)

    def decide(rating: object, sentinel: object, issues: object) -> ReviewRequirement:
        return review_requirement(
            _isr(rating),  # type: ignore[arg-type]
            sentinel_event=flag(sentinel, field="sentinel_event") if given_sentinel else False,
            system_or_process_issues=optional_flag(issues, field="system_or_process_issues"),
        )

    decided = r.decide_rows(
        columns, ("isr", "sentinel_event", "system_or_process_issues"), decide, mode=mode
    )
    records = r.settle(decided, mode)
    if columns.pandas:
        result = o.categorical(
            decided,
            lambda r: REVIEW_CATEGORIES.index(r.level.value),
            REVIEW_CATEGORIES,
            ordered=True,
        ).rename("review")
    else:
        result = decided.map(lambda r: r.level)
    return c.finish(result, records, columns)


def sapse_column(
    *,
    incident_type: Iterable[object],
    isr: Iterable[object],
    clinical_incident: Iterable[object],
    went_as_intended: Iterable[object],
    under_duty_of_candour: Iterable[object] | None = None,
    errors: Errors = "raise",
) -> Any:
    """Whether each record may be considered a SAPSE (:func:`casereview.vhims.is_sapse`).

    Flags take ``True``/``False`` or ``"Yes"``/``"No"``; a missing flag, type or ISR is an
    error for that row (the criteria test every one). ``under_duty_of_candour`` is optional
    (not given: the service is under the duty, as ``is_sapse`` assumes). With pandas a nullable
    ``boolean`` Series on the input's index. ``errors`` as everywhere in
    :mod:`casereview.analysis`.
    """
    mode = c.error_mode(errors)
    names = (
        "incident_type",
        "isr",
        "clinical_incident",
        "went_as_intended",
        "under_duty_of_candour",
    )
    columns = c.read_columns(
        incident_type=incident_type,
        isr=isr,
        clinical_incident=clinical_incident,
        went_as_intended=went_as_intended,
        under_duty_of_candour=under_duty_of_candour,
    )
    for name in names[:4]:
        if name not in columns.raw:
            raise CaseReviewError(f"{name}: expected a column, got None", field=name)
    given_duty = "under_duty_of_candour" in columns.raw
    columns.raw.setdefault("under_duty_of_candour", [None] * columns.n)

    def decide(
        kind: object, rating: object, clinical: object, intended: object, duty: object
    ) -> bool:
        label = text(kind, field="incident_type")
        if label is None:
            raise MissingElementError("incident_type", "the SAPSE criteria test it")
        return is_sapse(
            incident_type=label,
            isr=_isr(rating),  # type: ignore[arg-type]
            clinical_incident=flag(clinical, field="clinical_incident"),
            went_as_intended=flag(intended, field="went_as_intended"),
            under_duty_of_candour=flag(duty, field="under_duty_of_candour") if given_duty else True,
        )

    decided = r.decide_rows(columns, names, decide, mode=mode)
    records = r.settle(decided, mode)
    result = o.booleans(decided, bool).rename("sapse") if columns.pandas else decided.map(bool)
    return c.finish(result, records, columns)
