# Quick start: `make demo` and `make test`. Both create .venv when it is missing and install
# what they need, so a fresh clone only needs Python 3.11+ and make.

# The first interpreter on PATH that is Python 3.11 or newer (override: make PYTHON=python3.12).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: demo test lint typecheck pytest bench fuzz mutate docs docs-check clean load fuzz-server

demo: $(VENV)/.installed
	$(BIN)/python -m casereview demo

test: $(VENV)/.installed-test lint typecheck pytest docs

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# The contract fuzzer's long run: at least FUZZ_CALLS calls over every public callable; prints
# the count of calls and of distinct violations, writes them to fuzz-report.md (exit 1 if any).
FUZZ_CALLS ?= 100000
fuzz: $(VENV)/.installed-test
	$(BIN)/python -m tests.fuzz.run --calls $(FUZZ_CALLS) --report fuzz-report.md

# Mutation testing of the rulebooks' decision modules (mutmut 3), one rulebook at a time, each
# with only its own tests; scores per rulebook go to mutation-report.md. RULEBOOKS=vhims limits it.
RULEBOOKS ?= vhims cims kentucky_cqi under1roof
mutate: $(VENV)/.installed-mutate
	$(BIN)/python -m tests.fuzz.mutate $(RULEBOOKS)

$(VENV)/.installed-mutate: $(VENV)/.installed-test
	$(PIP) install -e '.[test,mutate]'
	@touch $@

# The docs site, built strictly (a broken link, missing page or reference fails) into site/.
docs: $(VENV)/.installed-test
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

bench: $(VENV)/.installed-test
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 or newer is required (none found on PATH)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(PIP) install -e '.[test,docs,analysis,examples,dask]'
	@touch $(VENV)/.installed $@

# The HTTP service under load: 50 clients for 60 s on loopback (benchmarks/load_server.py).
load: $(VENV)/.installed-test
	$(BIN)/python benchmarks/load_server.py --clients 50 --seconds 60

# Schemathesis against the service's own OpenAPI, more examples than `make test` runs.
fuzz-server: $(VENV)/.installed-test
	CASEREVIEW_SCHEMATHESIS_EXAMPLES=200 $(BIN)/python -m pytest -q tests/test_server_schemathesis.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis build dist site
