"""A realistic month for the tracker tests: the January 2026 pull (10 FSOS, 2 regions, 44 rows).

Every row is written out from a small plan so a test can restate what the seed expects from the
plan, not from the library. FSOS F01-F05 are in Salt River, F06-F10 in Two Rivers; each has
four cases ``26-<fsos><k>`` (k = 1..4). On top of that:

* F10 is on leave: its four cases are un-assigned; k=1, 2 are flagged for regional review;
* 26-024 (F02) is sealed; its substitution is asked on 8 Jan and accepted; 26-025 replaces it;
* 26-033 (F03) asks for a controlled-access substitution on 13 Jan: too late, refused;
* 26-035 is a fifth case for F03 (a cap breach);
* 26-041 is on the pull twice;
* 26-052 was on the December 2025 pull;
* 26-061's regional reviewer has no CARES access: a second-level substitution on 3 Feb;
* 26-093's regional flag is not recorded; 26-999 names no FSOS.
"""

from __future__ import annotations

from datetime import date
from typing import Any

SALT_RIVER, TWO_RIVERS = "Salt River", "Two Rivers"
FSOSES = tuple(f"F{i:02d}" for i in range(1, 11))


def region_of(fsos: str) -> str:
    return SALT_RIVER if int(fsos[1:]) <= 5 else TWO_RIVERS


def case(fsos: str, k: int) -> str:
    return f"26-{fsos[1:]}{k}"


def _first_completed(i: int, k: int) -> date | None:
    if k == 1:
        return date(2026, 1, 15)
    if k == 2:
        return date(2026, 1, 24)
    if k == 3:
        return date(2026, 1, 28) if i % 2 == 1 else None
    return None if i in (1, 2) else date(2026, 1, 10)


def _flagged(i: int, k: int) -> bool | None:
    if i <= 4:
        return True
    if i == 5:
        return k <= 3
    if i == 9 and k == 3:
        return None
    return k <= 2


def _regional_completed(i: int, k: int) -> date | None:
    if k == 1:
        return date(2026, 2, 10)
    if k == 2 and i % 2 == 0:
        return date(2026, 2, 27)
    return None


def rows() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, fsos in enumerate(FSOSES, start=1):
        for k in range(1, 5):
            flagged = _flagged(i, k)
            out.append(
                {
                    "case_number": case(fsos, k),
                    "fsos": fsos,
                    "region": region_of(fsos),
                    "flagged_for_regional_review": flagged,
                    "sealed": (i, k) == (2, 4),
                    "controlled_access": (i, k) == (3, 3),
                    "first_level_completed_on": _first_completed(i, k),
                    "regional_completed_on": _regional_completed(i, k) if flagged else None,
                }
            )
    out.append(
        {
            "case_number": "26-025",
            "fsos": "F02",
            "region": SALT_RIVER,
            "flagged_for_regional_review": True,
            "replaces": "26-024",
            "first_level_completed_on": date(2026, 1, 22),
        }
    )
    out.append(
        {
            "case_number": "26-035",
            "fsos": "F03",
            "region": SALT_RIVER,
            "flagged_for_regional_review": False,
            "first_level_completed_on": date(2026, 1, 21),
        }
    )
    out.append(dict(out[12]))  # 26-041 again
    out.append(
        {
            "case_number": "26-999",
            "fsos": None,
            "region": TWO_RIVERS,
            "flagged_for_regional_review": False,
        }
    )
    return out


SUBSTITUTIONS: list[dict[str, Any]] = [
    {
        "case_number": "26-024",
        "reason": "sealed",
        "requested_on": date(2026, 1, 8),
        "requested_by": "FSOS",
    },
    {
        "case_number": "26-033",
        "reason": "controlled access",
        "requested_on": date(2026, 1, 13),
        "requested_by": "FSOS",
    },
    {
        "case_number": "26-061",
        "reason": "no CARES access",
        "requested_on": date(2026, 2, 3),
        "requested_by": "Regional reviewer",
    },
]
VACANCIES = {"F10": "on leave"}
PREVIOUS = ["25-100", "26-052", "25-101"]


def december_rows() -> list[dict[str, Any]]:
    """The December 2025 pull, as far as its regional reviews (due 25 Jan 2026) go."""
    return [
        {
            "case_number": f"25-1{n:02d}",
            "fsos": FSOSES[n % 10],
            "region": region_of(FSOSES[n % 10]),
            "flagged_for_regional_review": n % 2 == 0,
            "first_level_completed_on": date(2025, 12, 19),
            "regional_completed_on": date(2026, 1, 20) if n % 4 == 0 else None,
        }
        for n in range(12)
    ]
