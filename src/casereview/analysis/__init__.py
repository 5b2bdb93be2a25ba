"""Columns in, one answer per row out: every rulebook decision over thousands to millions of rows.

Each batch function takes columns — lists, tuples, numpy arrays or pandas Series (never a bare
string where a column belongs) — and returns one answer per input row, in order:

* plain lists for plain input; with pandas, Series and DataFrames **on the input's index**:
  ISRs and review levels as ordered categoricals (most severe / most thorough first),
  follow-ups as categoricals, dates as ``datetime64[ns]``, flags as nullable ``boolean``;
* ``None``, ``NaN``, ``NaT``, ``pd.NA`` and blank strings are missing
  (:func:`casereview._input.is_missing`); a pandas date column (midnight Timestamps) counts as
  its dates;
* ``errors="raise"`` (default) stops at the first bad row with a :class:`RowError` naming its
  **index label**; ``errors="none"`` leaves that row missing; ``errors="record"`` leaves it
  missing and returns :class:`Recorded` ``(result, errors)``, one error record per entry of
  :func:`casereview.trace.error_entries` with the ``row`` label — the same for every function.

Each distinct row is decided once, so real data (few distinct label combinations) runs at about
the cost of a dict look-up per row. pandas and numpy are optional: nothing here imports them;
they are used when the caller's data is already pandas or numpy.

Decisions: :func:`isr_column`, :func:`isr_table` (VHIMS ISR with confirmed/provenance/rule id/
logic map), :func:`review_column`, :func:`sapse_column` (VHIMS), :func:`follow_up_column`,
:func:`follow_up_table`, :func:`case_review_due_column` (CIMS), :func:`due_date_column` (any
calendar), :func:`period_table`, :func:`caps_records`, :func:`steps_records`,
:func:`substitution_table` (Kentucky CQI),
:func:`validation_records` / :func:`findings_records` (completeness findings of any rulebook,
Under 1 Roof included, in long format). What-if: :func:`compare_follow_up_rulesets`,
:func:`compare_logic_maps`, :func:`compare_calendars` (:class:`Comparison`).

>>> isr_column(["Moderate", "Minor"], ["Temporary", None], ["Intermediate", float("nan")])
[<Isr.MODERATE: 2>, <Isr.MINOR: 3>]
>>> isr, errors = isr_column(["Minor", "Awful"], [None, None], [None, None], errors="record")
>>> isr, [(e["row"], e["code"], e["field"]) for e in errors]
([<Isr.MINOR: 3>, None], [(1, 'unknown_value', 'harm')])
"""

from __future__ import annotations

from casereview.analysis._columns import ERRORS, MAX_ROWS, Errors, Recorded, RowError
from casereview.analysis.due_dates import case_review_due_column, due_date_column
from casereview.analysis.findings import FINDING_COLUMNS, findings_records, validation_records
from casereview.analysis.follow_up import (
    FOLLOW_UP_CATEGORIES,
    FOLLOW_UP_TABLE_COLUMNS,
    follow_up_column,
    follow_up_table,
)
from casereview.analysis.isr import ISR_CATEGORIES, ISR_TABLE_COLUMNS, isr_column, isr_table
from casereview.analysis.kentucky import (
    CAPS_COLUMNS,
    STEPS_COLUMNS,
    SUBSTITUTION_COLUMNS,
    caps_records,
    period_table,
    steps_records,
    substitution_table,
)
from casereview.analysis.review import REVIEW_CATEGORIES, review_column, sapse_column
from casereview.analysis.whatif import (
    Comparison,
    compare_calendars,
    compare_follow_up_rulesets,
    compare_logic_maps,
)

# Shown (in tracebacks, reprs, the API docs) where users import them from.
RowError.__module__ = Recorded.__module__ = __name__

__all__ = [
    "CAPS_COLUMNS",
    "ERRORS",
    "FINDING_COLUMNS",
    "FOLLOW_UP_CATEGORIES",
    "FOLLOW_UP_TABLE_COLUMNS",
    "ISR_CATEGORIES",
    "ISR_TABLE_COLUMNS",
    "MAX_ROWS",
    "REVIEW_CATEGORIES",
    "STEPS_COLUMNS",
    "SUBSTITUTION_COLUMNS",
    "Comparison",
    "Errors",
    "Recorded",
    "RowError",
    "caps_records",
    "case_review_due_column",
    "compare_calendars",
    "compare_follow_up_rulesets",
    "compare_logic_maps",
    "due_date_column",
    "findings_records",
    "follow_up_column",
    "follow_up_table",
    "isr_column",
    "isr_table",
    "period_table",
    "review_column",
    "sapse_column",
    "steps_records",
    "substitution_table",
    "validation_records",
]
