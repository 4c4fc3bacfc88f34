# The two Quick start commands of README.md: `make demo` and `make test`.
# Both work on a fresh machine: they create .venv and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/harbor-bridge.txt

.PHONY: demo test install install-test system lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

system:
	sh scripts/setup-system.sh

install: system $(VENV)/.installed

install-test: system $(VENV)/.installed-test

demo: install
	$(BIN)/retold rewrite $(EXAMPLE) --format md

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: install-test lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
