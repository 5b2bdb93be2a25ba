"""One TWS-M112 pull as the CQI specialist holds it: its rows, vacancies and substitution requests.

A :class:`PullRow` is one case (or child) the randomized TWS-M112 selected: its case number, the
FSOS it is assigned to, the region, whether it is flagged for a regional review, the facts the
substitution clause turns on (investigative team, incomplete investigation, legitimate extension,
controlled access, sealed, transferred out of region, rapid response case manager), and the
completion dates of its reviews as they happen. Every fact but the case number may be missing
(``None``: not recorded); the tracker (:func:`~casereview.kentucky_cqi.pull_status`) reports
what it cannot decide without it, never guessing.

A :class:`Pull` adds the FSOS positions that are vacant (:class:`FsosVacancy`), the substitution
requests made (:class:`PullSubstitution`) and, for the cross-pull check, the case numbers of the
previous month's pull. :meth:`Pull.from_rows` builds one from plain rows (dicts, or anything with
``to_dict(orient="records")`` such as a pandas DataFrame: pandas is not imported).

>>> pull = Pull.from_rows(
...     2025, 1,
...     [{"case_number": 1001, "fsos": "Adams", "region": "Salt River",
...       "flagged_for_regional_review": "Yes"}],
...     vacancies={"Baker": "on leave"},
... )
>>> pull.rows[0].case_number, pull.rows[0].flagged_for_regional_review, pull.vacancies[0].reason
('1001', True, <VacancyReason.LEAVE: 'On leave'>)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import Field, field_validator

from casereview._aliases import label_or_member
from casereview._base import FrozenModel, validated
from casereview._input import is_missing, items, refuse, whole
from casereview.kentucky_cqi.models import (
    Requester,
    ReviewLevel,
    SubstitutionReason,
    VacancyReason,
)

__all__ = ["FsosVacancy", "Pull", "PullRow", "PullSubstitution"]


def _case_text(value: Any) -> Any:
    """Case numbers are text; a whole number (a spreadsheet's 1001) is read as its digits."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class PullRow(FrozenModel):
    """One case (or child) on a TWS-M112 pull; ``None`` in any fact means not recorded.

    ``replaces`` names the case this row was pulled in to substitute for. The completion dates
    are the days the review data was entered in CQI-CARES 2.0 ("the review is complete when the
    data is entered"), filled in as they happen.
    """

    case_number: str = Field(min_length=1, max_length=200)
    child_id: str | None = Field(default=None, max_length=200)
    fsos: str | None = Field(default=None, max_length=200)
    region: str | None = Field(default=None, max_length=200)
    flagged_for_regional_review: bool | None = None
    investigative_team: bool | None = None
    incomplete_investigation: bool | None = None
    legitimate_extension: bool | None = None
    controlled_access: bool | None = None
    sealed: bool | None = None
    transferred_out_of_region: bool | None = None
    rapid_response_case_manager: bool | None = None
    replaces: str | None = Field(default=None, max_length=200)
    first_level_completed_on: date | None = None
    regional_completed_on: date | None = None

    _case_numbers = field_validator("case_number", "replaces", mode="before")(_case_text)

    @property
    def key(self) -> str:
        """The review item: the case number, with the child (``"1001/child A"``) when given."""
        return self.case_number if self.child_id is None else f"{self.case_number}/{self.child_id}"


class FsosVacancy(FrozenModel):
    """An FSOS position that is vacant during the pull, and why."""

    fsos: str = Field(min_length=1, max_length=200)
    reason: VacancyReason

    _labels = field_validator("reason", mode="before")(label_or_member)


class PullSubstitution(FrozenModel):
    """A substitution request for a case on the pull (the pull's year and month are the pull's).

    The two conditions default to the row's facts when ``None`` here: the row's
    ``legitimate_extension`` and ``rapid_response_case_manager``.
    """

    case_number: str = Field(min_length=1, max_length=200)
    reason: SubstitutionReason
    requested_on: date
    requested_by: Requester | None = None
    level: ReviewLevel | None = None
    investigation_has_extension: bool | None = None
    rapid_response_is_case_manager: bool | None = None

    _case_numbers = field_validator("case_number", mode="before")(_case_text)
    _labels = field_validator("reason", "requested_by", "level", mode="before")(label_or_member)


class Pull(FrozenModel):
    """One month's TWS-M112 pull: rows, vacant FSOS positions, substitution requests.

    ``previous_case_numbers`` are the case numbers on the previous month's pull, for the
    cross-pull check; ``None`` means that pull was not given (the check is reported as not made).
    """

    year: int = Field(ge=1, le=9998)
    month: int = Field(ge=1, le=12)
    rows: tuple[PullRow, ...] = ()
    vacancies: tuple[FsosVacancy, ...] = ()
    substitutions: tuple[PullSubstitution, ...] = ()
    previous_case_numbers: tuple[str, ...] | None = None

    @field_validator("previous_case_numbers", mode="before")
    @classmethod
    def _previous_as_text(cls, value: Any) -> Any:
        if isinstance(value, tuple | list):
            return tuple(_case_text(v) for v in value)
        return value

    @classmethod
    def from_rows(
        cls,
        year: object,
        month: object,
        rows: object,
        *,
        vacancies: object = (),
        substitutions: object = (),
        previous: object = None,
    ) -> Pull:
        """A pull from plain data.

        ``rows``: :class:`PullRow` or mappings of its fields, or a table with
        ``to_dict(orient="records")`` (a pandas DataFrame; ``NaN``/``NaT`` are "not recorded").
        ``vacancies``: :class:`FsosVacancy` items, or a mapping FSOS -> reason label.
        ``substitutions``: :class:`PullSubstitution` items or mappings (or a table, as rows).
        ``previous``: the previous month's :class:`Pull`, or its case numbers, or ``None``.

        Raises:
            CaseReviewError: an argument of the wrong kind (the error names it).
            pydantic.ValidationError: a malformed row (the error names the field).
        """
        pull_year = whole(year, field="year", low=1, high=9998)
        pull_month = whole(month, field="month", low=1, high=12)
        if isinstance(vacancies, Mapping):
            vacancy_items: tuple[Any, ...] = tuple(
                {"fsos": name, "reason": reason} for name, reason in vacancies.items()
            )
        else:
            vacancy_items = items(vacancies, field="vacancies")
        previous_numbers: tuple[Any, ...] | None
        if previous is None:
            previous_numbers = None
        elif isinstance(previous, Pull):
            previous_numbers = tuple(r.case_number for r in previous.rows)
        else:
            previous_numbers = tuple(
                v for v in items(previous, field="previous") if not is_missing(v)
            )
        return cls(
            year=pull_year,
            month=pull_month,
            rows=tuple(
                validated(r, PullRow, field=f"rows[{i}]")
                for i, r in enumerate(_records(rows, "rows"))
            ),
            vacancies=tuple(
                validated(v, FsosVacancy, field=f"vacancies[{i}]")
                for i, v in enumerate(vacancy_items)
            ),
            substitutions=tuple(
                validated(s, PullSubstitution, field=f"substitutions[{i}]")
                for i, s in enumerate(_records(substitutions, "substitutions"))
            ),
            previous_case_numbers=previous_numbers,
        )


def _records(value: object, field: str) -> tuple[Any, ...]:
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and hasattr(value, "columns"):
        records = to_dict(orient="records")
        if not isinstance(records, list):  # pragma: no cover - defensive: an odd table type
            refuse(field, "a list of rows or a table", value)
        return items(records, field=field)
    return items(value, field=field)
