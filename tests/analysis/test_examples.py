"""The analysis example runs as a script and as a notebook; the Dask example on a local cluster.

Skipped only when the optional extras are not installed (``make test`` installs them).
"""

from __future__ import annotations

import runpy
import warnings
from pathlib import Path
from typing import Any

import pytest

from casereview.analysis import ISR_CATEGORIES, case_review_due_column, isr_column
from tests.helpers import ROOT

NOTEBOOK = ROOT / "examples" / "analysis_notebook.py"
DASK_EXAMPLE = ROOT / "examples" / "dask_parquet.py"
FIGURES = ("cims_workload.png", "isr_by_provenance.png", "kentucky_caps.png")
PNG = b"\x89PNG\r\n\x1a\n"


def _assert_figures(where: Path) -> None:
    for name in FIGURES:
        data = (where / name).read_bytes()
        assert data.startswith(PNG), name
        assert len(data) > 5_000, name  # a real chart, not an empty canvas


def test_the_analysis_example_runs_as_a_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    monkeypatch.setenv("CASEREVIEW_FIGURES", str(tmp_path))
    monkeypatch.setenv("CASEREVIEW_EXAMPLE_ROWS", "3000")
    runpy.run_path(str(NOTEBOOK), run_name="__main__")
    out = capsys.readouterr().out
    assert "of ISRs rest on an inferred (reconstructed) cell" in out
    assert "could not be rated" in out
    _assert_figures(tmp_path)


def test_the_analysis_example_runs_as_a_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Executing the code cells in order, in one namespace, is what a kernel does with them
    # (without starting a Jupyter kernel, which the examples extra does not install).
    jupytext = pytest.importorskip("jupytext")
    pytest.importorskip("matplotlib")
    monkeypatch.setenv("CASEREVIEW_FIGURES", str(tmp_path))
    monkeypatch.setenv("CASEREVIEW_EXAMPLE_ROWS", "2000")
    notebook = jupytext.read(NOTEBOOK)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds.count("markdown") >= 5
    assert kinds.count("code") >= 5
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, f"{NOTEBOOK.name} cell", "exec"), namespace)
    assert "saved cims_workload.png" in capsys.readouterr().out
    _assert_figures(tmp_path)
    # The notebook's ISR table keeps the severity order and the index.
    incidents = namespace["incidents"]
    assert list(incidents.isr.cat.categories) == list(ISR_CATEGORIES)
    assert incidents.index[0] == "INC-000000"


def test_the_dask_example_on_a_local_cluster_agrees_with_pandas(tmp_path: Path) -> None:
    # A LocalCluster with processes=False: one in-process worker, real scheduler and tasks,
    # in about a second; separate processes would add several seconds and nothing to check.
    pytest.importorskip("dask.dataframe")
    pytest.importorskip("pyarrow")
    distributed = pytest.importorskip("dask.distributed")
    pd = pytest.importorskip("pandas")
    example = runpy.run_path(str(DASK_EXAMPLE), run_name="dask_example")
    dataset = example["write_dataset"](tmp_path, rows_per_year=300)
    assert sorted(p.name for p in dataset.iterdir()) == ["year=2022", "year=2023", "year=2024"]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = example["run"](dataset, scheduler=client)
    # The same, computed with pandas alone over the whole dataset.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The inplace keyword", category=Warning)
        whole = pd.read_parquet(dataset, engine="pyarrow")
    isr = isr_column(whole.harm, whole.duration, whole.treatment, errors="none")
    expected = pd.crosstab(whole.year.astype(int), isr, dropna=False)
    got = results["isr_by_year"]
    got.index = got.index.astype(int)
    assert (
        got.loc[:, list(ISR_CATEGORIES)].values.tolist()
        == expected.loc[:, list(ISR_CATEGORIES)].values.tolist()
    )
    assert int(got.values.sum()) == len(whole) - int(isr.isna().sum())
    due = case_review_due_column(whole.endorsed_on)
    assert str(due.dtype) == "datetime64[ns]"
    assert results["due_by_month"].sum() > 0
