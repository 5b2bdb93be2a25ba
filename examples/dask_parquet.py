"""The same batch functions over a partitioned Parquet dataset, with Dask's map_partitions.

A study that outgrows one machine keeps its incidents as Parquet, partitioned by year. Dask
reads each partition as a pandas DataFrame and the casereview batch functions decide it as they
would any DataFrame: no parallel engine of our own, just ``map_partitions``.

    CASEREVIEW_DATASET=dir python examples/dask_parquet.py

Needs the ``dask`` extra (``pip install 'casereview[dask]'``). Without ``$CASEREVIEW_DATASET``
(a directory holding ``incidents/``) a small synthetic dataset of three years is written to a
temporary directory first. It runs on a local,
in-process Dask cluster (``dask.distributed.LocalCluster(processes=False)``): the same code runs
on a real cluster given its scheduler's address.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd

from casereview.analysis import case_review_due_column, follow_up_column, isr_column
from casereview.vhims import LogicMap

YEARS = (2022, 2023, 2024)


def write_dataset(root: Path, rows_per_year: int = 2_000, seed: int = 14) -> Path:
    """Synthetic incidents as Parquet under ``root/incidents``, one directory per year."""
    rng = np.random.default_rng(seed)
    paths = pd.DataFrame(LogicMap.default().to_rows())[["harm", "duration", "treatment"]]
    frames = []
    for year in YEARS:
        picked = paths.iloc[rng.integers(0, len(paths), rows_per_year)].reset_index(drop=True)
        frames.append(
            picked.assign(
                id=[f"{year}-{i:06d}" for i in range(rows_per_year)],
                year=year,
                endorsed_on=pd.Timestamp(year, 1, 1)
                + pd.to_timedelta(rng.integers(0, 365, rows_per_year), unit="D"),
                impact=rng.choice(["Major impact", "Non-major impact"], rows_per_year),
                incident_type=rng.choice(["Self-harm", "Death", "Medication error"], rows_per_year),
                systemic_factors=rng.choice(["Yes", "No"], rows_per_year),
            )
        )
    incidents = pd.concat(frames).set_index("id")
    incidents.loc[incidents.index[::97], "harm"] = None  # some incidents are not rated yet
    target = root / "incidents"
    incidents.to_parquet(target, partition_cols=["year"], engine="pyarrow")
    return target


def decide(part: pd.DataFrame) -> pd.DataFrame:
    """One partition, decided: the ISR, the follow-up and the case review due date."""
    return part.assign(
        isr=isr_column(part.harm, part.duration, part.treatment, errors="none"),
        follow_up=follow_up_column(
            part.impact, part.incident_type, systemic_factors=part.systemic_factors, errors="none"
        ),
        due=case_review_due_column(part.endorsed_on, errors="none"),
    )


def run(dataset: Path, scheduler: Any = None) -> dict[str, pd.DataFrame]:
    """ISR counts by year and reviews due by month, computed partition by partition."""
    with warnings.catch_warnings():
        # dask's Parquet reader calls DataFrame.reset_index(inplace=True), which pandas 3.1
        # deprecates; harmless here, and not ours to fix.
        warnings.filterwarnings("ignore", message="The inplace keyword", category=Warning)
        return _run(dataset, scheduler)


def _run(dataset: Path, scheduler: Any) -> dict[str, pd.DataFrame]:
    incidents = dd.read_parquet(dataset, engine="pyarrow")
    decided = incidents.map_partitions(decide, meta=decide(incidents._meta))
    isr_by_year = decided.groupby(["year", "isr"], observed=False).size()
    reviews = decided[decided.follow_up.isin(["Case review", "Root cause analysis review"])]
    due_by_month = reviews.groupby(reviews.due.dt.to_period("M").astype(str)).size()
    computed = dd.compute(isr_by_year, due_by_month, scheduler=scheduler)
    return {
        "isr_by_year": computed[0].unstack("isr").fillna(0).astype(int),
        "due_by_month": computed[1].sort_index(),
    }


def main(where: str | None) -> None:
    from dask.distributed import Client, LocalCluster

    root = Path(where) if where else Path(tempfile.mkdtemp(prefix="casereview-dask-"))
    dataset = root / "incidents" if (root / "incidents").exists() else write_dataset(root)
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        results = run(dataset, scheduler=client)
    print(f"incidents in {dataset}, by year and ISR:")
    print(results["isr_by_year"].to_string())
    print("case and RCA reviews due, by month (last 6):")
    print(results["due_by_month"].tail(6).to_string())


if __name__ == "__main__":
    main(os.environ.get("CASEREVIEW_DATASET"))
