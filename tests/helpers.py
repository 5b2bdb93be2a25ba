"""Shared test helpers: golden snapshots and access to the seed documents."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from casereview.sources import SOURCES, SourceKind

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

# The seed documents are not redistributed with the library; CI checks out `shared/` beside the
# repository. CASEREVIEW_SEEDS_DIR points elsewhere.
SEEDS_DIR = Path(os.environ.get("CASEREVIEW_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


def assert_matches_snapshot(name: str, data: Any) -> None:
    """Compare ``data`` (JSON-able) with ``tests/snapshots/<name>``.

    Regenerate deliberately with ``CASEREVIEW_UPDATE_SNAPSHOTS=1 make pytest`` and review the diff:
    a changed snapshot is a changed public contract.
    """
    path = SNAPSHOTS / name
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"
    if os.environ.get("CASEREVIEW_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        if os.environ.get("CI") and not path.exists():
            pytest.fail(f"snapshot {name} is missing; generate it locally and commit it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.read_text(encoding="utf-8") == text, (
        f"{name} changed; if intended, regenerate with CASEREVIEW_UPDATE_SNAPSHOTS=1 and review"
    )


def normalise_text(text: str) -> str:
    """Fold white space and typographic quotes so quotes compare with the seed text."""
    for fancy, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(fancy, plain)
    return " ".join(text.split())


def seed_text(source_id: str) -> str:
    """The normalised text of a seed source; skips the test when the seeds are not present."""
    source = SOURCES[source_id]
    assert source.kind is SourceKind.SEED
    assert source.location is not None
    path = SEEDS_DIR / source.location.removeprefix("seed ")
    if not path.exists():
        pytest.skip(f"seed documents not found at {SEEDS_DIR} (set CASEREVIEW_SEEDS_DIR)")
    return normalise_text(path.read_text(encoding="utf-8"))


def brief(result: object) -> object:
    """A compact, JSON-able picture of a result for a golden snapshot of its exact text.

    A model becomes its JSON dump with each citation shortened to ``str(citation)`` (source,
    section, provenance: the quotes themselves are checked against the seeds elsewhere); an
    error becomes its class name and message. Goldens built from it catch a reworded, padded or
    reordered message, which the tests of what a rule decides let through.
    """
    from pydantic import BaseModel

    if isinstance(result, BaseException):
        return f"{type(result).__name__}: {result}"
    if isinstance(result, BaseModel):
        dumped = result.model_dump(mode="json")
        return _shorten(result, dumped)
    return result


def _shorten(model: object, dumped: Any) -> Any:
    from pydantic import BaseModel

    from casereview.findings import Citation

    if isinstance(model, Citation):
        return str(model)
    if isinstance(model, BaseModel) and isinstance(dumped, dict):
        return {key: _shorten(getattr(model, key, None), value) for key, value in dumped.items()}
    if isinstance(model, (tuple, list)) and isinstance(dumped, list):
        return [_shorten(m, d) for m, d in zip(model, dumped, strict=True)]
    return dumped
