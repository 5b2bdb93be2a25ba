"""The README and docs say what is true of the default map (issue 11, "Honest claims")."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from casereview.findings import Provenance
from casereview.sources import SOURCES
from casereview.vhims import LogicMap
from tests.helpers import SEEDS_DIR

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").rglob("*.md")),
    *sorted((ROOT / "src" / "casereview").rglob("*.py")),
    *sorted((ROOT / "examples").rglob("*.py")),
]
"""Everywhere a claim about VHIMS could be made: README, every docs page, every docstring."""

IDENTITY = re.compile(
    r"(?:identical(?:ly)?|same(?:\s+\w+)?|exactly)\s+(?:to|as)\s+VHIMS"
    r"|VHIMS[- ]identical|match(?:es|ing)?\s+VHIMS|exactly\s+like\s+VHIMS",
    re.IGNORECASE,
)


def text(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def test_the_numbers_of_inferred_paths_are_the_default_map_s() -> None:
    default = LogicMap.default()
    inferred = [row for row in default if row.provenance is Provenance.INFERRED]
    claim = f"{len(inferred)} of its {len(default)} paths"
    assert claim in text(ROOT / "README.md")
    assert f"{len(inferred)} of 14 paths are inferred" in text(ROOT / "docs" / "vhims.md")
    readme = text(ROOT / "README.md")
    for row in inferred:  # the README lists them
        assert row.harm.value in readme
        if row.treatment is not None:
            assert row.treatment.value in readme


def test_no_exactly_as_and_identical_only_with_the_authoritative_map() -> None:
    for path in (ROOT / "README.md", ROOT / "docs" / "index.md", ROOT / "docs" / "vhims.md"):
        assert "exactly as" not in text(path), path.name
    found = 0
    for path in CLAIMS:
        body = text(path)
        for match in IDENTITY.finditer(body):
            found += 1
            around = body[max(0, match.start() - 100) : match.end() + 100]
            assert "authoritative" in around, f"{path.relative_to(ROOT)}: {around}"
    assert found >= 5  # the scan sees the claims it is meant to check


def test_the_claim_scan_catches_the_spellings_it_is_meant_to() -> None:
    for claim in (
        "rates identically to VHIMS",
        "VHIMS-identical ISRs",
        "gives the same ISR as VHIMS",
        "the same as VHIMS",
        "matches VHIMS",
    ):
        assert IDENTITY.search(claim), claim
    assert not IDENTITY.search("the VHIMS guidance says the same")


def test_the_seeds_are_present_where_the_verbatim_checks_must_run() -> None:
    """The seed-quote tests skip when the seeds are absent (tests/helpers.seed_text); under CI,
    or with CASEREVIEW_REQUIRE_SEEDS=1, an absent seed fails here instead of passing silently."""
    source = SOURCES["vhims-isr-guidance"]
    assert source.location is not None
    path = SEEDS_DIR / source.location.removeprefix("seed ")
    if path.exists():
        return
    if os.environ.get("CI") or os.environ.get("CASEREVIEW_REQUIRE_SEEDS") == "1":
        pytest.fail(f"the VHIMS seed is missing at {path}: the verbatim quote checks did not run")
    pytest.skip(f"seed not found at {path} (set CASEREVIEW_SEEDS_DIR); quote checks skipped")
