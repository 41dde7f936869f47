# Rebound: `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# llama-cpp-python has no wheel on PyPI and builds from source (several minutes). A default
# build compiles for the native CPU; on CPUs that report AMX tile instructions inside a VM
# the first matrix multiply dies with SIGSEGV (ldtilecfg). So we build without AMX, keep
# the other native instructions, and keep the built wheel in a cache folder named after the
# version and flags (pip's own wheel cache ignores CMAKE_ARGS and would reuse a bad build).
LLAMA_VERSION ?= 0.3.36
ifeq ($(shell uname -m),x86_64)
LLAMA_CFLAGS ?= -mno-amx-tile -mno-amx-int8 -mno-amx-bf16
endif
WHEEL_CACHE ?= $(HOME)/.cache/rebound/wheels
WHEEL_DIR := $(WHEEL_CACHE)/$(shell printf '%s' "$(LLAMA_VERSION) $(LLAMA_CFLAGS)" | cksum | cut -d' ' -f1)

.PHONY: venv demo test test-fast bench eval lint clean train-tone train-relevance

venv: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(WHEEL_DIR)/.built: | $(BIN)/python
	mkdir -p $(WHEEL_DIR)
	@echo "Building llama-cpp-python $(LLAMA_VERSION) from source (flags: $(or $(LLAMA_CFLAGS),native)); this takes several minutes once."
	CMAKE_ARGS="-DCMAKE_C_FLAGS='$(LLAMA_CFLAGS)' -DCMAKE_CXX_FLAGS='$(LLAMA_CFLAGS)'" \
		$(BIN)/pip wheel --no-cache-dir --no-deps -w $(WHEEL_DIR) llama-cpp-python==$(LLAMA_VERSION)
	touch $@

$(VENV)/.llama: $(WHEEL_DIR)/.built
	$(BIN)/pip install --no-index --no-deps --force-reinstall --find-links $(WHEEL_DIR) llama-cpp-python==$(LLAMA_VERSION)
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.llama
	$(BIN)/pip install --find-links $(WHEEL_DIR) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --find-links $(WHEEL_DIR) -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/rebound models
	$(BIN)/rebound feedback fixtures/notes/harrow-books.md

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not model"

# Accuracy on material nobody here wrote (../shared/data/outside beside the checkout).
eval: $(VENV)/.installed-test
	$(BIN)/python -m evaluation

# soften's desperation judge: learn its weights from training/tone/ (never the held-out set)
# and write assistant/data/tone_model.json; with the embedded model, its embedding classifier too.
train-tone: $(VENV)/.installed-test
	OPENBLAS_NUM_THREADS=1 $(BIN)/python training/train_tone.py

# practice's judge of meaning: the means and thresholds from the labelled practice answers
train-relevance: $(VENV)/.installed-test
	OPENBLAS_NUM_THREADS=1 $(BIN)/python training/train_relevance.py

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info
