# blog-archiver: `make demo` archives the bundled demo blog; `make test` runs every check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/blog-archiver demo --db demo-archive.db

lint: $(STAMP)
	$(BIN)/ruff check scraper archive tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

# Peers (trafilatura, htmldate, readability-lxml) live in a separate venv: never project deps.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PY) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install -q -e '.[dev]' trafilatura htmldate readability-lxml
	touch $(BENCH_VENV)/.installed

bench: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python -m benchmarks

clean:
	rm -rf $(VENV) $(BENCH_VENV) demo-archive.db* .pytest_cache .mypy_cache .ruff_cache
