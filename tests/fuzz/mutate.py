"""Mutation testing of the rulebooks' decision modules: ``python -m tests.fuzz.mutate [NAME...]``.

For each rulebook, a scratch copy of the project gets a ``[tool.mutmut]`` section that mutates
only that rulebook's decision modules (:data:`DECISION_MODULES`) and runs only that rulebook's
tests, so a mutant costs seconds, not the whole suite. mutmut 3 runs in the copy (the work tree
is never mutated), two children at a time (``CASEREVIEW_MUTATE_CHILDREN``; the machine has
two cores), with the ``mutate`` Hypothesis profile (no shrinking, derandomized). The score per
rulebook (killed and timed-out mutants over all tested ones) is printed and written to
``mutation-report.md`` with the surviving mutants' names (``mutmut show NAME`` in the copy shows
each diff).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DECISION_MODULES: dict[str, tuple[str, ...]] = {
    "vhims": ("isr.py", "review.py", "sapse.py"),
    "cims": ("decision.py", "follow_up.py", "due_date.py"),
    "kentucky_cqi": ("substitution.py", "caps.py", "schedule.py"),
    "under1roof": ("panel.py", "process.py"),
}

_COPIED = ("src", "tests", "docs", "examples", "pyproject.toml", "README.md")


def _config(rulebook: str) -> str:
    modules = ", ".join(f'"src/casereview/{rulebook}/{m}"' for m in DECISION_MODULES[rulebook])
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        'also_copy = ["docs", "examples", "README.md"]\n'
        f"only_mutate = [{modules}]\n"
        f'pytest_add_cli_args_test_selection = ["tests/{rulebook}"]\n'
        # The tests of the source files themselves (their size, their imports) would read
        # mutmut's instrumented copy: deselected (pyproject's ``source_layout`` marker).
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q", "--no-header", '
        '"-m", "not source_layout"]\n'
        "use_git_change_detection = false\n"
        # Each mutant's tests import casereview afresh, so tables built at import time
        # (``_TABLE = _table()``) are built from the mutant too: fork a clean server, warm nothing.
        'process_isolation = "forkserver"\n'
        'forkserver_warmup = "none"\n'
    )


def _without_mutmut_section(text: str) -> str:
    return re.sub(r"\n\[tool\.mutmut\]\n(?:(?!\n\[).)*", "\n", text, flags=re.S)


def run(rulebook: str, scratch: Path) -> dict[str, object]:
    """Mutate one rulebook in ``scratch``; return its figures."""
    work = scratch / rulebook
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for name in _COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, work / name)
    pyproject = work / "pyproject.toml"
    pyproject.write_text(
        _without_mutmut_section(pyproject.read_text(encoding="utf-8")) + _config(rulebook),
        encoding="utf-8",
    )
    env = _env()
    children = os.environ.get("CASEREVIEW_MUTATE_CHILDREN", "2")  # the machine has 2 cores
    subprocess.run([*MUTMUT, "run", "--max-children", children], cwd=work, env=env, check=False)
    return figures(rulebook, work)


MUTMUT = [sys.executable, "-m", "mutmut"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("CASEREVIEW_SEEDS_DIR", str(ROOT.parent / "shared" / "seeds"))
    env.setdefault("CASEREVIEW_HYPOTHESIS_PROFILE", "mutate")  # tests/conftest.py
    return env


def recheck(rulebook: str, work: Path, survivors: list[str]) -> list[str]:
    """Run *all* the rulebook's tests against each survivor; return those that still survive.

    mutmut runs, for each mutant, only the tests it saw calling the mutated function. A table
    built at import (``_TABLE = _table()``) is called before any test runs, so mutmut
    associates it with (almost) no test and its mutants "survive" untested. Here each survivor
    is run afresh against the whole ``tests/<rulebook>`` directory with the mutant switched on
    (``MUTANT_UNDER_TEST``), so the import-time table is built from the mutant.
    """
    env = _env()
    env["PYTHONPATH"] = str(work / "mutants" / "src")
    command = [
        *(sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"),
        *("-m", "not source_layout"),
    ]

    def passes(mutant: str | None) -> bool:
        """Whether the rulebook's tests pass with ``mutant`` switched on (None: none is)."""
        env.pop("MUTANT_UNDER_TEST", None)
        if mutant is not None:
            env["MUTANT_UNDER_TEST"] = mutant
        run = subprocess.run(
            [*command, f"tests/{rulebook}"],
            cwd=work / "mutants",
            env=env,
            check=False,
            capture_output=True,
        )
        return run.returncode == 0

    if not passes(None):  # the tests fail without a mutant: a recheck would prove nothing
        print(f"{rulebook}: tests fail on the unmutated code; survivors not rechecked")
        return survivors
    return [name for name in survivors if passes(name)]


def figures(rulebook: str, work: Path) -> dict[str, object]:
    """The figures of a finished mutmut run in ``work``, survivors rechecked."""
    env = _env()
    mutmut = MUTMUT
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=work, env=env, check=True)
    stats = json.loads((work / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    results = subprocess.run(
        [*mutmut, "results"], cwd=work, env=env, check=True, capture_output=True, text=True
    ).stdout
    survivors = [
        line.split(":")[0].strip() for line in results.splitlines() if line.endswith("survived")
    ]
    # CASEREVIEW_MUTATE_RECHECK=0 skips the recheck (about 3 s per survivor).
    rechecking = os.environ.get("CASEREVIEW_MUTATE_RECHECK", "1") != "0"
    remaining = recheck(rulebook, work, survivors) if rechecking else survivors
    stats["killed_on_recheck"] = len(survivors) - len(remaining)
    stats["survived"] = len(remaining)
    survivors = remaining
    # pytest exits 2 when collection fails: the mutant breaks the module at import (a table
    # built at import raises), so every test of the rulebook fails. mutmut files that exit code
    # as "interrupted by user"; it is a kill.
    stats["broke_import"] = stats.pop("check_was_interrupted_by_user", 0)
    tested = int(stats.get("total", 0)) - int(stats.get("skipped", 0))
    caught = sum(
        int(stats.get(k, 0)) for k in ("killed", "timeout", "broke_import", "killed_on_recheck")
    )
    return {
        "rulebook": rulebook,
        "modules": DECISION_MODULES[rulebook],
        "stats": stats,
        "score": 100.0 * caught / tested if tested else 0.0,
        "survivors": survivors,
        "scratch": str(work),
    }


def refresh_tests(work: Path) -> None:
    """Copy the work tree's tests into a finished run's copy, for a recheck with newer tests.

    The recheck (:func:`recheck`) refuses when these tests fail on the unmutated code of the
    copy, so a recheck with tests newer than the code proves nothing it should not.
    """
    for target in (work / "tests", work / "mutants" / "tests"):
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / "tests", target, ignore=shutil.ignore_patterns("__pycache__"))
    # The tests' configuration (markers, options) comes with them; the recheck runs pytest in
    # mutants/, whose pyproject.toml mutmut does not read.
    shutil.copy2(ROOT / "pyproject.toml", work / "mutants" / "pyproject.toml")


def main(argv: list[str]) -> int:
    # --figures: re-read (and recheck) finished runs, no new mutmut run; with --current-tests the
    # survivors are rechecked against the work tree's tests (new tests written against them).
    only_figures = "--figures" in argv
    current_tests = "--current-tests" in argv
    argv = [a for a in argv if a not in ("--figures", "--current-tests")]
    rulebooks = argv or list(DECISION_MODULES)
    unknown = [r for r in rulebooks if r not in DECISION_MODULES]
    if unknown:
        print(f"unknown rulebook(s) {unknown}; choose from {list(DECISION_MODULES)}")
        return 2
    scratch = Path(os.environ.get("CASEREVIEW_MUTATE_DIR", tempfile.gettempdir())) / (
        "casereview-mutate"
    )
    lines = ["# Mutation testing (make mutate)", ""]
    for rulebook in rulebooks:
        if only_figures and current_tests:
            refresh_tests(scratch / rulebook)
        found = figures(rulebook, scratch / rulebook) if only_figures else run(rulebook, scratch)
        stats = found["stats"]
        assert isinstance(stats, dict)
        summary = (
            f"{rulebook}: {found['score']:.1f}% killed "
            f"(killed {stats.get('killed', 0)}, broke import {stats.get('broke_import', 0)}, "
            f"killed on recheck {stats.get('killed_on_recheck', 0)}, "
            f"timeout {stats.get('timeout', 0)}, "
            f"survived {stats.get('survived', 0)}, no tests {stats.get('no_tests', 0)}, "
            f"total {stats.get('total', 0)}) over {', '.join(found['modules'])}"  # type: ignore[arg-type]
        )
        print(summary)
        lines.append(f"- {summary}")
        survivors = found["survivors"]
        assert isinstance(survivors, list)
        lines.extend(f"  - survived: `{name}`" for name in survivors)
        lines.append(f"  - scratch copy (for `mutmut show NAME`): `{found['scratch']}`")
    report = ROOT / f"mutation-report{'-' + '-'.join(rulebooks) if argv else ''}.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
