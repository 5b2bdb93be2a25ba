r"""Logic maps as text: reading CSV and JSON configurations, writing a map's rows back.

The core does no I/O: these take and return strings (the caller reads the file). A CSV has a
header line naming the columns (as :mod:`casereview.vhims.map_rows` reads them: ``harm`` or
``Level of harm``, ...) and one row per line; the delimiter may be ``,``, ``;``, a tab or ``|``.
JSON is a list of rows or ``{"rows": [...], "name": ..., "codes": {...}}``.

>>> rows_to_csv_text([{"harm": "Minor", "duration": None, "treatment": None, "isr": 3}])
'harm,duration,treatment,isr,provenance,source,section,quote,note\nMinor,,,3,,,,,\n'
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
from collections.abc import Iterable, Mapping
from typing import Any

from casereview._input import MAX_ITEMS, refuse
from casereview.errors import CaseReviewError, shown
from casereview.vhims.models import HarmDuration, HarmLevel, LogicMapRow, TreatmentLevel

__all__ = [
    "ROW_COLUMNS",
    "content_digest",
    "row_dict",
    "rows_from_csv_text",
    "rows_from_json_text",
    "rows_to_csv_text",
]

ROW_COLUMNS = (
    "harm",
    "duration",
    "treatment",
    "isr",
    "provenance",
    "source",
    "section",
    "quote",
    "note",
)
"""The columns a map's rows are written with (and read back)."""
_FULL = tuple(itertools.product(HarmLevel, HarmDuration, TreatmentLevel))


def row_dict(row: LogicMapRow, key: tuple[Any, Any, Any]) -> dict[str, object]:
    """One row of labels for ``key`` (a path or a full combination): ``row``'s ISR, citation."""
    harm, duration, treatment = key
    c = row.citation
    return {
        "harm": harm.value,
        "duration": None if duration is None else duration.value,
        "treatment": None if treatment is None else treatment.value,
        "isr": row.isr.value,
        "provenance": c.provenance.value,
        "source": c.source,
        "section": c.section,
        "quote": c.quote,
        "note": c.note,
    }


def rows_from_csv_text(csv_text: object) -> list[dict[str, str]]:
    r"""The rows of CSV text (a header line, then one row per line; ``,``, ``;``, tab or ``|``).

    Blank lines are skipped; a row with more cells than the header is refused.

    Raises:
        CaseReviewError: not text, no header, or a row with too many cells (naming its line).

    >>> rows_from_csv_text("harm;isr\nDeath;1\n")
    [{'harm': 'Death', 'isr': '1'}]
    """
    if not isinstance(csv_text, str):
        refuse("text", "CSV text (str)", csv_text)
    body = csv_text.removeprefix("\ufeff")
    first = body.lstrip("\r\n").partition("\n")[0]
    # Only the delimiter is guessed (from the header line); quoting is the standard one, so a
    # quoted cell may hold delimiters, doubled quotes and line breaks.
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    delimiter = max(counts, key=counts.__getitem__) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    out: list[dict[str, str]] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                continue
            if len(cells) > len(header):
                raise CaseReviewError(
                    f"text: line {reader.line_num} has {len(cells)} cells but the header has "
                    f"{len(header)}",
                    field="text",
                )
            out.append(dict(zip(header, [*cells, *[""] * (len(header) - len(cells))], strict=True)))
            if len(out) > MAX_ITEMS:
                raise CaseReviewError(f"text: at most {MAX_ITEMS:,} rows", field="text")
    except csv.Error as error:
        raise CaseReviewError(
            f"text: not readable as CSV at line {reader.line_num} ({error})", field="text"
        ) from None
    if header is None:
        raise CaseReviewError(
            "text: no header line (expected harm, duration, treatment, isr)", field="text"
        )
    return out


def rows_from_json_text(json_text: object) -> tuple[object, str | None, object]:
    """The rows, name and codes of JSON text: a list of rows, or an object with ``rows``.

    The object may also hold ``name``, ``codes`` and ``format``.

    Raises:
        CaseReviewError: not text, not valid JSON, or another shape (naming ``text``).

    >>> rows_from_json_text('{"name": "IMS 2025", "rows": [{"harm": "Death", "isr": 1}]}')
    ([{'harm': 'Death', 'isr': 1}], 'IMS 2025', None)
    """
    if not isinstance(json_text, str):
        refuse("text", "JSON text (str)", json_text)
    try:
        data = json.loads(json_text)
    except (json.JSONDecodeError, RecursionError) as error:
        where = (
            f" at line {error.lineno} column {error.colno}"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise CaseReviewError(f"text: not valid JSON{where}", field="text") from None
    if isinstance(data, list):
        return data, None, None
    if isinstance(data, dict) and "rows" in data:
        unknown = [k for k in data if k not in ("rows", "name", "codes", "format")]
        if unknown:
            raise CaseReviewError(
                f"text: unknown key(s) {', '.join(map(shown, unknown))}; allowed: rows, name, "
                "codes, format",
                field="text",
            )
        name = data.get("name")
        if name is not None and not isinstance(name, str):
            refuse("text.name", "text", name)
        return data["rows"], name, data.get("codes")
    raise CaseReviewError(
        'text: expected a JSON list of rows or an object {"rows": [...]}', field="text"
    )


def rows_to_csv_text(rows: Iterable[Mapping[str, object]]) -> str:
    """Rows of :data:`ROW_COLUMNS` as CSV text; ``None`` as an empty cell."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in ROW_COLUMNS})
    return buffer.getvalue()


def content_digest(cells: Iterable[Any], rated: frozenset[tuple[Any, Any, Any]]) -> str:
    """SHA-256 (hex) of a map's content, in a canonical JSON encoding.

    The content is its cells (paths, ISRs, citations) and the full combinations it leaves
    unrated; not its name.
    """
    content = {
        "cells": [row_dict(cell.row, cell.row_key) for cell in cells],
        "unrated": [[e.value for e in full] for full in _FULL if full not in rated],
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()
