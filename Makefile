# The two commands in the README are the whole setup: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per build, so that switching REDLINE_PURE on or off reinstalls.
BUILD := $(if $(filter-out 0,$(REDLINE_PURE)),pure,compiled)
STAMP := $(VENV)/.installed-$(BUILD)
# The engine modules compiled at install (setup.py): a change to one of them reinstalls, so
# a compiled module never runs older rules than its source. REDLINE_PURE=1 skips compiling.
ENGINE := $(shell $(PYTHON) src/redline/native.py)

.PHONY: play test bench lint check clean snapshots

$(STAMP): pyproject.toml setup.py src/redline/native.py $(ENGINE)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed*
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/redline play

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check src tests bench setup.py
	$(BIN)/ruff format --check src tests bench setup.py
	$(BIN)/lint-imports --no-logo

check: lint test

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/tui --snapshot-update

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
