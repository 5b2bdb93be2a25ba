"""Completeness findings as long-format records: one row per finding, named by its record.

Every rulebook reports what a record lacks as a :class:`~casereview.findings.Validation`;
:func:`validation_records` runs any ``validate_*`` over many records (a DataFrame's rows, dicts,
models) and :func:`findings_records` flattens validations already made. Both give the columns
:data:`FINDING_COLUMNS`, ready for ``pandas.DataFrame`` or a CSV writer, and a row with no
finding simply has no record.

>>> from casereview.cims import CaseReviewReport, validate_case_review
>>> reports = {"R-1": CaseReviewReport(), "R-2": CaseReviewReport(incident_summary="A fall.")}
>>> rows = findings_records(map(validate_case_review, reports.values()), ids=list(reports))
>>> sorted({row["id"] for row in rows}), rows[0]["source"]
(['R-1', 'R-2'], 'cims-case-review-tip-sheet')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from typing import Any, Final

from casereview._input import is_missing, items, refuse
from casereview.analysis import _columns as c
from casereview.analysis._columns import Errors
from casereview.errors import CaseReviewError
from casereview.findings import Finding, Validation

__all__ = ["FINDING_COLUMNS", "findings_records", "validation_records"]

FINDING_COLUMNS: Final = (
    "id",
    "code",
    "field",
    "severity",
    "message",
    "source",
    "section",
    "provenance",
)
"""The keys of a finding record, in order."""


def _record(row_id: object, finding: Finding) -> dict[str, object]:
    citation = finding.citation
    return {
        "id": row_id,
        "code": finding.code,
        "field": finding.field,
        "severity": finding.severity.value,
        "message": finding.message,
        "source": None if citation is None else citation.source,
        "section": None if citation is None else citation.section,
        "provenance": None if citation is None else citation.provenance.value,
    }


def findings_records(
    validations: Iterable[Validation], ids: Iterable[object] | None = None
) -> list[dict[str, object]]:
    """One flat dict per finding (:data:`FINDING_COLUMNS`); ``id`` from ``ids``, else the position.

    Raises:
        CaseReviewError: ``ids`` and ``validations`` differ in length, or an item is not a
            Validation.
    """
    given: object = validations
    if isinstance(given, Validation | str | bytes) or not isinstance(given, Iterable):
        refuse("validations", "a list of Validation", given)
    validations = list(items(validations, field="validations", limit=c.MAX_ROWS))
    _check_count(ids, len(validations), "validations")
    labels: Sequence[object] | None = None if ids is None else c.labels(ids)
    if labels is not None and len(labels) != len(validations):
        raise CaseReviewError(
            f"ids: {len(labels)} ids for {len(validations)} validations", field="ids"
        )
    records: list[dict[str, object]] = []
    for i, validation in enumerate(validations):
        if not isinstance(validation, Validation):
            refuse(f"validations[{i}]", "a Validation", validation)
        row_id = i if labels is None else labels[i]
        records.extend(_record(row_id, finding) for finding in validation.findings)
    return records


def validation_records(
    validate: Callable[[Any], Validation],
    records: Iterable[object],
    *,
    ids: Iterable[object] | None = None,
    errors: Errors = "raise",
) -> Any:
    """Run ``validate`` (any rulebook's ``validate_*``) on each record; its findings, long format.

    ``records`` is a DataFrame (each row a record; missing cells are missing parts of a draft;
    the index labels name the rows), or an iterable of mappings or models. A record that cannot
    be read (a malformed field) is handled by ``errors`` as everywhere in
    :mod:`casereview.analysis`. Returns a list of dicts (:data:`FINDING_COLUMNS`), or a
    DataFrame when given one.

    >>> from casereview.under1roof import validate_triggers
    >>> [r["code"] for r in validation_records(validate_triggers, [{}, {"other_trigger": "Audit"}])]
    ['under1roof.trigger.recorded']
    """
    mode = c.error_mode(errors)
    if not callable(validate):
        refuse("validate", "a validate_* function", validate)
    labels, rows, pandas_out = read_records(records, ids)
    out: list[dict[str, object]] = []
    failures: list[dict[str, Any]] = []
    for label, row in zip(labels, rows, strict=True):
        try:
            validation = validate(row)
        except c.FAILURES as exc:
            if mode == "raise":
                raise c.RowError(label, exc) from exc
            failures.extend(c.error_records(label, exc))
            continue
        if not isinstance(validation, Validation):
            refuse("validate", "a validate_* function (it returns a Validation)", validate)
        out.extend(_record(label, finding) for finding in validation.findings)
    result = c.table(out, FINDING_COLUMNS, pandas_out=pandas_out)
    if mode != "record":
        return result
    return c.Recorded(result, c.table(failures, c.ERROR_COLUMNS, pandas_out=pandas_out))


def read_records(
    records: object, ids: Iterable[object] | None
) -> tuple[list[object], list[object], bool]:
    """(row labels, records, whether the input was a DataFrame) of a table of records.

    A DataFrame's rows become dicts without their missing cells (a draft's missing parts) and
    its index labels name them; any other iterable (not a string or a mapping) is read as is,
    named by ``ids`` or the position.
    """
    pandas_out = c.is_frame(records)
    if pandas_out:
        frame: Any = records
        rows: list[object] = [
            {k: v for k, v in row.items() if not _blank(v)}
            for row in frame.to_dict(orient="records")
        ]
        labels: list[object] = [_plain(label) for label in frame.index]
    else:
        if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
            refuse("records", "a list of records (or a DataFrame)", records)
        rows = list(items(records, field="records", limit=c.MAX_ROWS))
        labels = list(range(len(rows)))
    if ids is not None:
        _check_count(ids, len(rows), "records")
        labels = c.labels(ids)
    if len(labels) != len(rows):
        raise CaseReviewError(f"ids: {len(labels)} ids for {len(rows)} records", field="ids")
    return labels, rows, pandas_out


def _check_count(ids: object, count: int, what: str) -> None:
    """Refuse ``ids`` of the wrong length before reading them (a huge range is refused at once)."""
    if isinstance(ids, Sized) and not isinstance(ids, str | bytes | bytearray | Mapping):
        try:
            given = len(ids)
        except OverflowError:
            given = -1
        if given != count:
            shown_count = "too many" if given < 0 else f"{given}"
            raise CaseReviewError(f"ids: {shown_count} ids for {count} {what}", field="ids")


def _blank(value: object) -> bool:
    # A DataFrame cell that is missing (NaN, NaT, None, pd.NA); lists and dicts are kept.
    return not isinstance(value, list | tuple | dict) and is_missing(value)


def _plain(label: object) -> object:
    return label.item() if hasattr(label, "item") else label
