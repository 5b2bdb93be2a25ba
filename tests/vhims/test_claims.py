"""The README and docs say what is true of the default map (issue 11, "Honest claims")."""

from __future__ import annotations

import re
from pathlib import Path

from casereview.findings import Provenance
from casereview.vhims import LogicMap

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = [ROOT / "README.md", ROOT / "docs" / "index.md", ROOT / "docs" / "vhims.md"]


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
    for path in CLAIMS:
        body = text(path)
        assert "exactly as" not in body, path.name
        for match in re.finditer(r"identical(?:ly)? to VHIMS", body):
            around = body[max(0, match.start() - 80) : match.end() + 80]
            assert "authoritative" in around, f"{path.name}: {around}"
