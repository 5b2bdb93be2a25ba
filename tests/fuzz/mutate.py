"""Mutation testing of the rulebooks' decision modules: ``python -m tests.fuzz.mutate [NAME...]``.

For each rulebook, a scratch copy of the project gets a ``[tool.mutmut]`` section that mutates
only that rulebook's decision modules (:data:`DECISION_MODULES`) and runs only that rulebook's
tests, so a mutant costs seconds, not the whole suite. mutmut 3 runs in the copy (the work tree
is never mutated), one child at a time (the machine is shared). The score per rulebook (killed
and timed-out mutants over all tested ones) is printed and written to ``mutation-report.md``
with the surviving mutants' names (``mutmut show NAME`` in the copy shows each diff).
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
    "cims": ("follow_up.py", "due_date.py"),
    "kentucky_cqi": ("substitution.py", "caps.py", "schedule.py"),
    "under1roof": ("panel.py", "process.py"),
}

_COPIED = ("src", "tests", "docs", "examples", "pyproject.toml", "README.md")


def _config(rulebook: str) -> str:
    modules = ", ".join(f'"src/casereview/{rulebook}/{m}"' for m in DECISION_MODULES[rulebook])
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = [{modules}]\n"
        f'pytest_add_cli_args_test_selection = ["tests/{rulebook}"]\n'
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q", "--no-header"]\n'
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
    env = dict(os.environ)
    env.setdefault("CASEREVIEW_SEEDS_DIR", str(ROOT.parent / "shared" / "seeds"))
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run([*mutmut, "run", "--max-children", "1"], cwd=work, env=env, check=False)
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=work, env=env, check=True)
    stats = json.loads((work / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    results = subprocess.run(
        [*mutmut, "results"], cwd=work, env=env, check=True, capture_output=True, text=True
    ).stdout
    survivors = [
        line.split(":")[0].strip() for line in results.splitlines() if line.endswith("survived")
    ]
    tested = int(stats.get("total", 0)) - int(stats.get("skipped", 0))
    caught = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    return {
        "rulebook": rulebook,
        "modules": DECISION_MODULES[rulebook],
        "stats": stats,
        "score": 100.0 * caught / tested if tested else 0.0,
        "survivors": survivors,
        "scratch": str(work),
    }


def main(argv: list[str]) -> int:
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
        figures = run(rulebook, scratch)
        stats = figures["stats"]
        assert isinstance(stats, dict)
        summary = (
            f"{rulebook}: {figures['score']:.1f}% killed "
            f"(killed {stats.get('killed', 0)}, timeout {stats.get('timeout', 0)}, "
            f"survived {stats.get('survived', 0)}, no tests {stats.get('no_tests', 0)}, "
            f"total {stats.get('total', 0)}) over {', '.join(figures['modules'])}"  # type: ignore[arg-type]
        )
        print(summary)
        lines.append(f"- {summary}")
        survivors = figures["survivors"]
        assert isinstance(survivors, list)
        lines.extend(f"  - survived: `{name}`" for name in survivors)
        lines.append(f"  - scratch copy (for `mutmut show NAME`): `{figures['scratch']}`")
    (ROOT / "mutation-report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
