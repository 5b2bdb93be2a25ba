# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # An analyst's afternoon with casereview
#
# Synthetic incidents → the ISR distribution, split by how sure each answer is (cells the
# guidance states vs cells we reconstructed) → follow-up workload and case review due dates by
# month → a Kentucky CQI view of monthly caps and overdue steps. Charts are saved as PNG.
#
# Run it as a script (`python examples/analysis_notebook.py`) or open it as a notebook
# (`jupytext --to notebook examples/analysis_notebook.py`). It needs the `examples` extra:
# `pip install 'casereview[examples]'`. Figures go to `$CASEREVIEW_FIGURES`, or to a new
# temporary directory; `$CASEREVIEW_EXAMPLE_ROWS` sets the number of incidents (10,000).

# %%
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: files, never a window

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from casereview.analysis import (
    ISR_CATEGORIES,
    caps_records,
    case_review_due_column,
    follow_up_column,
    isr_table,
    review_column,
    steps_records,
)
from casereview.vhims import LogicMap

FIGURES = Path(os.environ.get("CASEREVIEW_FIGURES") or tempfile.mkdtemp(prefix="casereview-"))
FIGURES.mkdir(parents=True, exist_ok=True)
ROWS = int(os.environ.get("CASEREVIEW_EXAMPLE_ROWS", "10000"))
rng = np.random.default_rng(2024)

# %% [markdown]
# ## Synthetic incidents
#
# Paths are drawn from the logic map's own rows (so every combination is derivable), weighted
# towards low harm as real incident data is; a few rows have missing or misspelt elements, as
# real data does.

# %%
paths = pd.DataFrame(LogicMap.default().to_rows())[["harm", "duration", "treatment"]]
weights = np.where(paths.harm.isin(["Minor", "No harm"]), 30.0, 1.0)
picked = paths.sample(n=ROWS, replace=True, weights=weights, random_state=7).reset_index(drop=True)
incidents = picked.assign(
    id=[f"INC-{i:06d}" for i in range(ROWS)],
    reported=pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 730, ROWS), unit="D"),
    system_issues=rng.choice(np.array(["Yes", "No", None], dtype=object), ROWS, p=[0.3, 0.5, 0.2]),
).set_index("id")
incidents.loc[incidents.sample(frac=0.01, random_state=1).index, "harm"] = None  # unrecorded
incidents.loc[incidents.sample(frac=0.002, random_state=2).index, "harm"] = "Severe-ish"
incidents["endorsed_on"] = incidents.reported + pd.to_timedelta(rng.integers(0, 10, ROWS), unit="D")
print(
    f"{len(incidents):,} synthetic incidents, {incidents.reported.min():%b %Y} to "
    f"{incidents.reported.max():%b %Y}"
)

# %% [markdown]
# ## ISR distribution, stated vs inferred cells
#
# `isr_table` gives each incident's ISR with the provenance of the logic-map cell that decided
# it. Rows that cannot be rated are recorded, not dropped silently.

# %%
table, problems = isr_table(
    incidents.harm, incidents.duration, incidents.treatment, errors="record"
)
incidents = incidents.join(table)
print(f"{len(problems)} incidents could not be rated:")
print(problems.groupby(["code", "field"]).size().to_string())
distribution = pd.crosstab(incidents.isr, incidents.provenance).reindex(ISR_CATEGORIES)
print(distribution)
share = (incidents.provenance == "inferred").mean()
print(f"{share:.1%} of ISRs rest on an inferred (reconstructed) cell of the logic map")

ax = distribution.plot.bar(stacked=True, figsize=(7, 4), rot=0)
ax.set_title("ISR distribution by provenance of the deciding cell")
ax.set_xlabel("")
ax.set_ylabel("incidents")
plt.tight_layout()
plt.savefig(FIGURES / "isr_by_provenance.png", dpi=100)
plt.close()

# %% [markdown]
# ## Minimum reviews
#
# The minimum review follows from the ISR; ISR 1 needs to know whether system or process issues
# contributed (unknown → not decided, and counted as such).

# %%
incidents["review"] = review_column(
    incidents.isr, system_or_process_issues=incidents.system_issues, errors="none"
)
print(incidents.review.value_counts(dropna=False).to_string())

# %% [markdown]
# ## CIMS follow-up workload and case review due dates by month
#
# The same incidents read as CIMS client incidents: impact and incident type drawn at random.
# No submission dates are passed, so every incident is decided under the tip sheet's regime
# (cims-2020). Case reviews are due 21 business days after endorsement (Victorian holidays).

# %%
kinds = [
    "Self-harm",
    "Physical abuse",
    "Poor quality of care",
    "Death",
    "Medication error",
    "Unexplained injury",
    "Absent client",
]
cims = pd.DataFrame(
    {
        "impact": rng.choice(["Major impact", "Non-major impact"], ROWS, p=[0.15, 0.85]),
        "incident_type": rng.choice(kinds, ROWS),
        "subject": rng.choice(["Staff member", "Client", "Other person"], ROWS),
        "systemic": rng.choice(
            np.array([True, False, None], dtype=object), ROWS, p=[0.2, 0.6, 0.2]
        ),
        "endorsed_on": incidents.endorsed_on.to_numpy(),
    },
    index=incidents.index,
)
cims["follow_up"] = follow_up_column(
    cims.impact,
    cims.incident_type,
    subject_of_allegation=cims.subject,
    systemic_factors=cims.systemic,
    errors="none",
)
cims["due"] = case_review_due_column(cims.endorsed_on)
reviews = cims[
    cims.follow_up.isin(["Case review", "Root cause analysis review", "Incident review"])
]
workload = pd.crosstab(cims.endorsed_on.dt.to_period("M"), cims.follow_up)
workload = workload.drop(columns="No follow-up required", errors="ignore")
due_by_month = reviews.groupby(reviews.due.dt.to_period("M")).size()
print(workload.tail(3))
print("case reviews due per month (last 3):")
print(due_by_month.tail(3).to_string())

fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 6), sharex=False)
workload.plot.bar(stacked=True, ax=top, legend=True, rot=90)
top.set_title("Follow-up required, by month of endorsement")
top.set_xlabel("")
top.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
due_by_month.plot.bar(ax=bottom, rot=90, color="tab:gray")
bottom.set_title("Reviews due, by month of due date (21 business days, Victoria)")
bottom.set_xlabel("")
plt.tight_layout()
plt.savefig(FIGURES / "cims_workload.png", dpi=100)
plt.close()

# %% [markdown]
# ## Kentucky CQI: monthly caps and where the cycles stand
#
# Each row is one first-level review: its FSOS and the month it was done. Over four is an
# error; under four a warning ("FSOSes review four cases/children each month").

# %%
fsos = [f"FSOS {name}" for name in ("Adams", "Baker", "Cole", "Diaz", "Evans")]
ky = pd.DataFrame(
    {
        "fsos": rng.choice(fsos, 240),
        "month": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 366, 240), unit="D"),
        "region": "Salt River",
    }
)
caps = caps_records(ky.fsos, ky.month, region=ky.region)
first = caps[caps.level == "first_level"].assign(
    period=lambda f: f.year.astype(str) + "-" + f.month.astype(str).str.zfill(2)
)
view = first.pivot_table(index="period", columns="status", values="reviews", aggfunc="count")
print(view.fillna(0).astype(int).to_string())
steps = steps_records(ky.month, date(2024, 12, 16))
overdue = steps[steps.status == "overdue"].groupby("pull_month").size()
print("steps overdue on 16 Dec 2024 (unless done), by pull month:")
print(overdue.to_string())

fig, ax = plt.subplots(figsize=(7, 4))
view.fillna(0).plot.bar(stacked=True, ax=ax, rot=90)
ax.set_title("FSOS-months at, over and under the first-level cap of 4")
ax.set_xlabel("month")
ax.set_ylabel("FSOSes")
plt.tight_layout()
plt.savefig(FIGURES / "kentucky_caps.png", dpi=100)
plt.close()

# %%
saved = sorted(p.name for p in FIGURES.glob("*.png"))
print(f"saved {', '.join(saved)} to {FIGURES}")
