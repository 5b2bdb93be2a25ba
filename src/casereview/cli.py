"""The command line: JSON in, JSON out for every decision; the only place that does I/O.

Every decision prints one JSON result object (``"format": "casereview.trace/1"``) on stdout and
exits 0; a refusal prints one JSON error object (``"format": "casereview.error/1"``) on stdout,
a one-line message on stderr, and exits 2. ``batch`` and ``check`` exit 1 when a line or case
failed. Output to a closed pipe (``casereview sources | head``) ends quietly.

Run ``casereview COMMAND --help`` for each command's examples; ``docs/cli.md`` has them all.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import IO, Any, Final, NoReturn

from casereview import __version__
from casereview._cli_help import EXAMPLES as _EXAMPLES
from casereview.errors import CaseReviewError, MissingElementError, shown
from casereview.jsonlines import MAX_LINE_BYTES, internal_error

__all__ = ["MAX_LINE_BYTES", "main"]


_VALIDATE_KINDS: Final = {
    "cims-case-review": "validate-cims-case-review",
    "kentucky-record": "validate-kentucky-record",
    "under1roof-panel": "validate-under1roof-panel",
    "under1roof-review": "validate-under1roof-review",
}


class _RefusedError(Exception):
    """A refusal already written as an error object; carries the exit status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """Argument errors are refusals too: the error object on stdout, usage on stderr, exit 2."""

    def error(self, message: str) -> NoReturn:
        try:
            _refuse(_argument_error(message))
        finally:
            self.print_usage(sys.stderr)


def _argument_name(text: str) -> str:
    # "--region", "COMMAND", "start", "-o/--output": the field as JSON would name it.
    return text.split("/")[-1].strip().lstrip("-").replace("-", "_").lower()


def _argument_error(message: str) -> CaseReviewError:
    """An argparse message as a refusal naming the argument (and the choices, if any)."""
    from casereview.errors import UnknownValueError

    required = re.match(r"the following arguments are required: (.*)", message, re.DOTALL)
    if required:
        field = _argument_name(required.group(1).split(",")[0])
        return MissingElementError(field, f"the argument {required.group(1)} is required")
    named = re.match(r"argument ([^:]+): (.*)", message, re.DOTALL)
    if named is None:
        return CaseReviewError(f"arguments: {message}", field="arguments")
    field, text = _argument_name(named.group(1)), named.group(2)
    choice = re.match(r"invalid choice: '(.*)' \(choose from (.*)\)$", text, re.DOTALL)
    if choice:
        allowed = [c.strip().strip("'") for c in choice.group(2).split(",")]
        return UnknownValueError(field, choice.group(1), allowed)
    return CaseReviewError(f"{field}: {text}", field=field)


def _iso_date(text: str) -> date:
    from casereview._input import day

    try:
        return day(text, field="date")
    except CaseReviewError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {shown(text)}") from None


def _count(text: str) -> int:
    from casereview._input import whole

    digits = text.strip().removeprefix("-")
    if not digits.isascii() or not digits.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number: {shown(text)}")
    try:
        return whole(int(text), field="n", low=1)
    except CaseReviewError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("n: ")) from None


def _command(commands: argparse._SubParsersAction[_Parser], name: str, help_text: str) -> _Parser:
    return commands.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=_EXAMPLES[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="casereview",
        description=(__doc__ or "").splitlines()[0],
        epilog="Every command has examples: casereview COMMAND --help",
    )
    parser.add_argument("--version", action="version", version=f"casereview {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    isr = _command(commands, "isr", "VHIMS clinical ISR from the level of harm, duration, care")
    isr.add_argument("harm", help="level of harm (label in any case, e.g. 'Severe')")
    isr.add_argument("duration", nargs="?", help="duration of harm: Permanent or Temporary")
    isr.add_argument("treatment", nargs="?", help="level of treatment/care")
    isr.add_argument("--strict", action="store_true", help="refuse implausible combinations")
    isr.add_argument("--logic-map", metavar="FILE", help="your ISR logic map (CSV or JSON)")

    follow = _command(commands, "follow-up", "CIMS: the follow-up a client incident requires")
    follow.add_argument("impact", help="'Major impact' or 'Non-major impact'")
    follow.add_argument("incident_type", help="the incident type, e.g. 'Self-harm'")
    follow.add_argument("--subject-of-allegation", help="Staff member, Client or Other person")
    follow.add_argument("--systemic-factors", help="yes/no: processes or systems contributed")
    due = _command(commands, "due-date", "CIMS: the case review due date (21 business days)")
    due.add_argument("endorsed_on", metavar="DATE", help="the day the report was endorsed")
    for sub in (follow, due):
        sub.add_argument("--submitted-on", help="the day the report was submitted (YYYY-MM-DD)")
        sub.add_argument("--occurred-on", help="the day the incident occurred (YYYY-MM-DD)")
        sub.add_argument("--ruleset", help="force a regime: cims-2020 or cims-2024 (a what-if)")
        sub.add_argument(
            "--apply-2020-rules",
            action="store_true",
            help="under cims-2024, answer what its rules leave open by the 2020 rules (inferred)",
        )

    review = _command(commands, "review", "VHIMS: the minimum level of review for an ISR")
    review.add_argument("isr", help="the ISR: 1-4 or 'ISR 2'")
    review.add_argument(
        "--sentinel-event",
        nargs="?",
        const="yes",
        metavar="yes/no",
        help="it is a sentinel event (alone: yes)",
    )
    review.add_argument("--system-or-process-issues", help="yes/no (needed for ISR 1)")

    validate = _command(commands, "validate", "check a record; findings say what is missing")
    validate.add_argument("kind", choices=sorted(_VALIDATE_KINDS), help="what the record is")
    validate.add_argument("file", nargs="?", default="-", help="JSON file (default: stdin)")

    decide = _command(commands, "decide", "any decision by name, its inputs as JSON")
    decide.add_argument("decision", nargs="?", help="the decision (see --list)")
    decide.add_argument("file", nargs="?", default="-", help="JSON file (default: stdin)")
    decide.add_argument("--list", action="store_true", help="list the decisions")

    evaluate = _command(commands, "evaluate", "everything the rules decide about one incident")
    evaluate.add_argument("file", nargs="?", default="-", help="JSON file (default: stdin)")
    evaluate.add_argument("--logic-map", metavar="FILE", help="your ISR logic map (CSV or JSON)")

    schema = _command(commands, "schema", "JSON Schemas of every input and output model")
    schema.add_argument("model", nargs="?", help="one model's name (default: all)")
    schema.add_argument("--list", action="store_true", help="list the model names")

    vectors = _command(commands, "vectors", "the ISR test vectors of the default logic map")
    vectors.add_argument("--format", choices=("json", "csv"), default="json")
    vectors.add_argument("--logic-map", metavar="FILE", help="the vectors of this map instead")

    rules = _command(commands, "rules", "the rule catalogue: every rule with its citation")
    rules.add_argument("--format", choices=("json", "markdown"), default="json")

    check = _command(commands, "check", "run declarative test cases (JSON, or YAML)")
    check.add_argument("files", nargs="+", metavar="FILE", help="case files (-: stdin, JSON)")
    check.add_argument("--json", action="store_true", help="one JSON report instead of text")

    batch = _command(commands, "batch", "JSON Lines in, JSON Lines out, one result per line")
    batch.add_argument("file", nargs="?", default="-", help="JSON Lines file (default: stdin)")
    batch.add_argument("--decision", help="every line holds this decision's inputs")
    batch.add_argument("--output", "-o", help="write results here (default: stdout)")
    batch.add_argument("--logic-map", metavar="FILE", help="ISR logic map for isr/evaluate lines")

    serve = _command(commands, "serve", "run the HTTP service (extra 'server')")
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default: loopback)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--api-key-env",
        default="CASEREVIEW_API_KEY",
        help="environment variable holding the API key (required off loopback)",
    )
    serve.add_argument("--cors-origin", action="append", default=[], help="allow this origin")
    serve.add_argument("--max-body-bytes", type=int, default=None, help="request size bound")
    serve.add_argument("--max-batch-items", type=int, default=None, help="batch length bound")
    serve.add_argument("--logic-map", metavar="FILE", help="your ISR logic map (CSV or JSON)")

    _command(commands, "demo", "evaluate the sources' worked examples")
    _command(commands, "sources", "print the sources registry as JSON")
    days = _command(commands, "business-days", "the n-th business day after a date")
    days.add_argument("start", type=_iso_date, help="the day given (not counted)")
    days.add_argument("n", type=_count, help="how many business days after it (1 or more)")
    days.add_argument("--region", choices=("victoria", "kentucky"), default="victoria")
    days.add_argument("--add", type=_iso_date, action="append", default=[], help="extra holiday")
    days.add_argument("--remove", type=_iso_date, action="append", default=[], help="not a holiday")
    return parser


# ---------------------------------------------------------------------------- output


def _dump(payload: object, *, indent: int | None = 2) -> str:
    separators = (",", ":") if indent is None else None
    return json.dumps(payload, indent=indent, ensure_ascii=False, separators=separators)


def _print(payload: object) -> None:
    sys.stdout.write(_dump(payload) + "\n")


def _refuse(exc: BaseException) -> NoReturn:
    from casereview.trace import error_json

    error = error_json(exc)
    _print(error)
    first = error["errors"][0]["message"] if error["errors"] else str(exc)
    print(f"casereview: error: {first}", file=sys.stderr)
    raise _RefusedError(2)


def _read_bytes(path: str, *, field: str = "file") -> bytes:
    """The bytes of ``path`` (``-``: stdin), never decoded by the locale."""
    try:
        if path == "-":
            buffer = getattr(sys.stdin, "buffer", None)  # None: a text stream put in its place
            if buffer is None:
                return sys.stdin.read().encode("utf-8", "surrogatepass")
            data: bytes = buffer.read()
            return data
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        _refuse(CaseReviewError(f"{field}: cannot read {path}: {exc.strerror}", field=field))


def _read_json(path: str) -> Any:
    from casereview.decisions import decode_input, parse_json

    raw = _read_bytes(path)
    try:
        text = decode_input(raw)
    except UnicodeDecodeError:
        _refuse(CaseReviewError(f"file: {path} is not UTF-8 text", field="file"))
    if not text.strip():
        _refuse(CaseReviewError("input: empty; expected one JSON object", field="input"))
    try:
        return parse_json(text)
    except CaseReviewError as exc:
        _refuse(exc)


def _logic_map(path: str | None) -> Any:
    """The caller's ISR logic map from a CSV or JSON file (``None``: the built-in one).

    A map loads even when it disagrees with our reconstruction or leaves cells unrated: its
    findings, and every input it answers differently from the built-in map
    (``LogicMap.default().diff(yours)``), are listed on stderr; ``casereview vectors
    --logic-map`` lists all its answers.
    """
    if path is None:
        return None
    from casereview.decisions import decode_input
    from casereview.vhims import LogicMap

    try:
        text = decode_input(_read_bytes(path, field="logic_map"))
    except UnicodeDecodeError:
        _refuse(CaseReviewError(f"logic_map: {path} is not UTF-8 text", field="logic_map"))
    try:
        if path.lower().endswith(".json"):
            loaded = LogicMap.from_json_text(text)
        else:
            loaded = LogicMap.from_csv_text(text)
    except CaseReviewError as exc:
        _refuse(exc)
    for finding in loaded.findings:
        print(f"casereview: logic map {loaded.name}: {finding}", file=sys.stderr)
    differences = LogicMap.default().diff(loaded)
    for difference in differences:
        print(f"casereview: logic map {loaded.name} differs: {difference}", file=sys.stderr)
    if differences:
        print(
            f"casereview: logic map {loaded.name}: {len(differences)} answers differ from the "
            "built-in reconstruction",
            file=sys.stderr,
        )
    return loaded


def _decide(name: str, inputs: object, *, logic_map: Any = None) -> None:
    from pydantic import ValidationError

    from casereview.decisions import decide

    try:
        _print(decide(name, inputs, logic_map=logic_map))
    except (CaseReviewError, ValidationError) as exc:
        _refuse(exc)


def _present(**values: object) -> dict[str, object]:
    return {k: v for k, v in values.items() if v is not None}


# ---------------------------------------------------------------------------- commands


def _cmd_isr(args: argparse.Namespace) -> int:
    inputs = _present(harm=args.harm, duration=args.duration, treatment=args.treatment)
    _decide("isr", {**inputs, "strict": args.strict}, logic_map=_logic_map(args.logic_map))
    return 0


def _cmd_follow_up(args: argparse.Namespace) -> int:
    inputs = _present(
        impact=args.impact,
        incident_type=args.incident_type,
        subject_of_allegation=args.subject_of_allegation,
        systemic_factors=args.systemic_factors,
    )
    _decide("follow-up", {**inputs, **_regime(args)})
    return 0


def _regime(args: argparse.Namespace) -> dict[str, object]:
    return {
        **_present(
            submitted_on=args.submitted_on, occurred_on=args.occurred_on, ruleset=args.ruleset
        ),
        "apply_2020_rules": args.apply_2020_rules,
    }


def _cmd_due_date(args: argparse.Namespace) -> int:
    _decide("due-date", {"endorsed_on": args.endorsed_on, **_regime(args)})
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    isr: object = int(args.isr) if args.isr.strip().isdigit() else args.isr
    inputs = _present(
        isr=isr,
        sentinel_event=args.sentinel_event,
        system_or_process_issues=args.system_or_process_issues,
    )
    _decide("review", inputs)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    _decide(_VALIDATE_KINDS[args.kind], _read_json(args.file))
    return 0


def _cmd_decide(args: argparse.Namespace) -> int:
    from casereview.decisions import DECISIONS

    if args.list or args.decision is None:
        _print({name: d.summary for name, d in DECISIONS.items()})
        return 0
    if args.decision not in DECISIONS:
        from casereview.errors import UnknownValueError

        _refuse(UnknownValueError("decision", args.decision, sorted(DECISIONS)))
    _decide(args.decision, _read_json(args.file))
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    logic_map = _logic_map(args.logic_map)
    _decide("evaluate", _read_json(args.file), logic_map=logic_map)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from casereview.schema import json_schema, model_names, schemas

    if args.list:
        _print(list(model_names()))
    elif args.model is None:
        _print(schemas())
    else:
        try:
            _print(json_schema(args.model))
        except CaseReviewError as exc:
            _refuse(exc)
    return 0


def _cmd_vectors(args: argparse.Namespace) -> int:
    from casereview.vhims import LogicMap

    chosen = _logic_map(args.logic_map) or LogicMap.default()
    text = chosen.vectors_csv() if args.format == "csv" else chosen.vectors_json()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _cmd_rules(args: argparse.Namespace) -> int:
    from casereview.catalogue import catalogue_markdown, catalogue_records

    if args.format == "markdown":
        text = catalogue_markdown()
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        _print(catalogue_records())
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from casereview.cases import cases_from_bytes, check_cases, load_cases

    try:
        cases = [
            case
            for path in args.files
            for case in (cases_from_bytes(_read_bytes(path)) if path == "-" else load_cases(path))
        ]
        report = check_cases(cases)
    except CaseReviewError as exc:
        _refuse(exc)
    if args.json:
        _print(report)
    else:
        from casereview.cases import report_text

        sys.stdout.write(report_text(report))
    if not cases:
        print("casereview: check: no cases in the files: nothing was tested", file=sys.stderr)
        return 1
    return 0 if report["failed"] == 0 else 1


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from casereview.server import ServerSettings, serve
    except ImportError as exc:
        print(
            f"casereview: error: the HTTP service needs the 'server' extra "
            f"(pip install 'casereview[server]'): {exc}",
            file=sys.stderr,
        )
        return 2
    try:
        settings = ServerSettings.from_options(
            host=args.host,
            api_key=os.environ.get(args.api_key_env) or None,
            cors_origins=tuple(args.cors_origin),
            max_body_bytes=args.max_body_bytes,
            max_batch_items=args.max_batch_items,
            logic_map=_logic_map(args.logic_map),
        )
    except CaseReviewError as exc:
        _refuse(exc)
    serve(settings, port=args.port)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from casereview._demo import SECTIONS

    lines = [f"casereview {__version__} demo: the sources' worked examples", ""]
    for title, section in SECTIONS:
        lines += [f"== {title} ==", *section(), ""]
    print("\n".join(lines))
    return 0


def _cmd_sources(args: argparse.Namespace) -> int:
    from casereview.sources import SOURCES

    _print([s.model_dump(mode="json") for s in SOURCES.values()])
    return 0


def _cmd_business_days(args: argparse.Namespace) -> int:
    from casereview.calendar import BusinessCalendar
    from casereview.trace import result_json

    maker = getattr(BusinessCalendar, args.region)
    try:
        calendar = maker(add=args.add, remove=args.remove)
        due = calendar.add_business_days(args.start, args.n)
    except CaseReviewError as exc:
        _refuse(_as_argument(exc))
    outcome = {
        "due": due.isoformat(),
        "region": calendar.region,
        "holidays_skipped": [d.isoformat() for d, _ in calendar.holidays_between(args.start, due)],
        "holidays_version": calendar.holidays_version,
    }
    inputs = {
        "start": args.start.isoformat(),
        "n": args.n,
        "region": args.region,
        "add": [d.isoformat() for d in args.add],
        "remove": [d.isoformat() for d in args.remove],
    }
    _print(result_json(outcome, decision="business-days", inputs=inputs))
    return 0


_CALENDAR_FIELDS: Final = {"d": "start", "n": "n", "add": "add", "remove": "remove"}


def _as_argument(exc: CaseReviewError) -> CaseReviewError:
    """A calendar refusal in the command's terms: its argument names, no Python advice."""
    field = _CALENDAR_FIELDS.get(exc.field or "", exc.field or "start")
    message = str(exc).split("; build one with", 1)[0]
    if exc.field and message.startswith(f"{exc.field}:"):
        message = message[len(exc.field) + 1 :].lstrip()
    return CaseReviewError(f"{field}: {message}", field=field)


def _cmd_batch(args: argparse.Namespace) -> int:
    from casereview.decisions import DECISIONS
    from casereview.jsonlines import run_batch

    if args.decision is not None and args.decision not in DECISIONS:
        from casereview.errors import UnknownValueError

        _refuse(UnknownValueError("decision", args.decision, sorted(DECISIONS)))
    try:
        source: IO[bytes] = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    except OSError as exc:
        _refuse(CaseReviewError(f"file: cannot read {args.file}: {exc.strerror}", field="file"))
    target: IO[str] = (
        sys.stdout if args.output is None else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    )
    logic_map = _logic_map(args.logic_map)

    def show(done: int, failed: int) -> None:
        sys.stderr.write(f"\rcasereview batch: {done:,} lines, {failed:,} failed")
        sys.stderr.flush()

    progress = show if sys.stderr.isatty() else None
    try:
        done, failed = run_batch(
            source, target, decision=args.decision, logic_map=logic_map, progress=progress
        )
    finally:
        if source is not sys.stdin.buffer:
            source.close()
        if target is not sys.stdout:
            target.close()
    if progress is not None:
        show(done, failed)
        sys.stderr.write("\n")
    return 1 if failed else 0


_COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {
    "isr": _cmd_isr,
    "follow-up": _cmd_follow_up,
    "due-date": _cmd_due_date,
    "review": _cmd_review,
    "validate": _cmd_validate,
    "decide": _cmd_decide,
    "evaluate": _cmd_evaluate,
    "schema": _cmd_schema,
    "vectors": _cmd_vectors,
    "rules": _cmd_rules,
    "check": _cmd_check,
    "batch": _cmd_batch,
    "serve": _cmd_serve,
    "demo": _cmd_demo,
    "sources": _cmd_sources,
    "business-days": _cmd_business_days,
}


def _utf8_streams() -> None:
    # Text written to stdout/stderr is UTF-8 whatever the locale; a lone surrogate (from a JSON
    # "\\ud800" escape) is written as its JSON escape rather than failing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def _utf8_arguments(argv: Sequence[str]) -> list[str]:
    # Under a C/ASCII locale Python decodes the command line's UTF-8 bytes as surrogates.
    fixed = []
    for arg in argv:
        try:
            fixed.append(os.fsencode(arg).decode("utf-8"))
        except (UnicodeError, TypeError):
            fixed.append(arg)
    return fixed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status: 0 ok, 1 a line or case failed, 2 refused.

    Input and output are UTF-8 whatever the locale (a Windows console or pipe included).
    """
    _utf8_streams()
    try:
        args = _parser().parse_args(_utf8_arguments(sys.argv[1:] if argv is None else argv))
    except _RefusedError as refused:  # a bad argument: its error object is on stdout
        sys.stdout.flush()
        return refused.status
    try:
        status = _COMMANDS[args.command](args)
        sys.stdout.flush()
    except _RefusedError as refused:
        status = refused.status
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly; Python would otherwise complain again
        # while flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: still one JSON error object, and a distinct status
        _print(internal_error(exc))
        print(f"casereview: internal error: {type(exc).__name__}", file=sys.stderr)
        return 3
    return status
