"""The command line: a thin layer over the library, the only place that does I/O.

``python -m casereview demo`` prints the sources' worked examples, evaluated.
``python -m casereview sources`` prints the sources registry as JSON.
``python -m casereview business-days 2024-09-20 21`` prints the due date as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

from casereview import __version__
from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError
from casereview.sources import SOURCES

__all__ = ["main"]


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casereview", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"casereview {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="evaluate the sources' worked examples")
    commands.add_parser("sources", help="print the sources registry as JSON")
    days = commands.add_parser("business-days", help="the n-th business day after a date")
    days.add_argument("start", type=_iso_date, help="the day given (not counted)")
    days.add_argument("n", type=int, help="how many business days after it")
    days.add_argument("--region", choices=("victoria", "kentucky"), default="victoria")
    days.add_argument("--add", type=_iso_date, action="append", default=[], help="extra holiday")
    days.add_argument("--remove", type=_iso_date, action="append", default=[], help="not a holiday")
    return parser


def _demo() -> list[str]:
    from casereview._demo import SECTIONS

    lines = [f"casereview {__version__} demo: the sources' worked examples", ""]
    for title, section in SECTIONS:
        lines += [f"== {title} ==", *section(), ""]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            print("\n".join(_demo()))
        elif args.command == "sources":
            payload = [s.model_dump(mode="json") for s in SOURCES.values()]
            print(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            maker = getattr(BusinessCalendar, args.region)
            calendar = maker(add=args.add, remove=args.remove)
            due = calendar.add_business_days(args.start, args.n)
            result = {
                "start": args.start.isoformat(),
                "n": args.n,
                "due": due.isoformat(),
                "region": calendar.region,
                "holidays_skipped": [
                    d.isoformat() for d, _ in calendar.holidays_between(args.start, due)
                ],
                "holidays_version": calendar.holidays_version,
            }
            print(json.dumps(result, indent=2))
    except CaseReviewError as exc:
        print(f"casereview: error: {exc}", file=sys.stderr)
        return 2
    return 0
