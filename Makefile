# Two commands for a fresh machine with Python 3.11, 3.12 or 3.13 (see README):
#   make lab    set up .venv (if needed) with what the lessons need, open JupyterLab on notebooks/
#   make test   set up .venv (if needed) with the test tools too, run the whole test suite
# Windows learners without make: use the conda route in the README.
#
# Python: PYTHON=/path/to/python if given, else the newest 3.13, 3.12 or 3.11 found as
# python3.13 / python3.12 / python3.11 / python3 / python on the PATH or among pyenv's versions.
# The packages come from constraints.txt (pinned for every platform) and are installed by uv,
# which the set-up bootstraps into .venv with pip: nothing to install by hand but Python.

SUPPORTED := 3.13 3.12 3.11
VENV      ?= .venv
BIN       := $(VENV)/bin
# Two notebook kernels at a time: fits a 4 GB laptop and uses two cores.
WORKERS   ?= 2
# uv uses the Python found here; it never downloads one of its own.
export UV_PYTHON_DOWNLOADS := never
LESSONS_STAMP := $(VENV)/.course-lessons
TESTS_STAMP   := $(VENV)/.course-tests
HUB_STAMP     := $(VENV)/.course-hub

# Prints the interpreter to use, or nothing. A candidate counts only if it runs and is 3.11-3.13
# (pyenv's shims exist for versions that are not active, and fail when run).
define find_python
ok() { "$$1" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' \
  >/dev/null 2>&1; }; \
is() { "$$1" -c "import sys; sys.exit(f'{sys.version_info[0]}.{sys.version_info[1]}' != '$$2')" \
  >/dev/null 2>&1; }; \
if [ -n "$(PYTHON)" ]; then ok "$(PYTHON)" && command -v "$(PYTHON)"; exit 0; fi; \
root=$$(pyenv root 2>/dev/null || true); \
for v in $(SUPPORTED); do \
  for c in python$$v python3 python; do \
    if is "$$c" $$v; then command -v "$$c"; exit 0; fi; done; \
  for c in $$(ls -d "$$root"/versions/$$v.*/bin/python$$v 2>/dev/null | sort -V -r); do \
    if is "$$c" $$v; then echo "$$c"; exit 0; fi; done; \
done
endef

.PHONY: setup setup-tests lab test test-notebooks lint format doctor python bench-setup lock \
  upgrade nbdime clean hub

setup: $(LESSONS_STAMP)
setup-tests: $(TESTS_STAMP)

# The virtual environment and uv inside it. The venv is made without pip (ensurepip costs
# seconds); uv comes from the base interpreter's pip when it has one (into $(VENV)/uv-bootstrap),
# else from pip installed into the venv. uv then installs pip into the venv for the learner.
$(BIN)/uv:
	@if [ ! -x $(BIN)/python ]; then \
	  py=$$($(find_python)); \
	  if [ -z "$$py" ]; then \
	    echo "No Python 3.11, 3.12 or 3.13 found$(if $(PYTHON), at PYTHON=$(PYTHON),). Install one (python.org, Homebrew, apt or pyenv), or name it: make PYTHON=/path/to/python3.13 $(or $(MAKECMDGOALS),setup)" >&2; \
	    exit 1; \
	  fi; \
	  echo "Creating $(VENV)/ with $$py ($$($$py -c 'import platform; print(platform.python_version())'))"; \
	  "$$py" -m venv --without-pip $(VENV); \
	fi
	@base=$$($(BIN)/python -c 'import sys; print(sys._base_executable)'); \
	pip="--quiet --disable-pip-version-check --constraint constraints.txt uv"; export PIP_ROOT_USER_ACTION=ignore; \
	if $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  $(BIN)/python -m pip install $$pip; \
	elif "$$base" -m pip --version >/dev/null 2>&1; then \
	  rm -rf $(VENV)/uv-bootstrap; \
	  "$$base" -m pip install --target $(VENV)/uv-bootstrap $$pip && \
	  ln -sf ../uv-bootstrap/bin/uv $(BIN)/uv; \
	else \
	  $(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip install $$pip; \
	fi
	@$(BIN)/uv --version >/dev/null

# What the lessons need (make lab, conda and Binder install the same).
$(LESSONS_STAMP): pyproject.toml constraints.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --constraint constraints.txt --editable . pip
	@touch $@
	@echo "Course environment ready in $(VENV)/"

# ...and the test tools (pytest, nbval, Playwright, repo2docker, ruff).
$(TESTS_STAMP): pyproject.toml constraints.txt $(LESSONS_STAMP) | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --constraint constraints.txt \
	  --editable ".[test]"
	@touch $@

lab: setup
	$(BIN)/python -m course_utils lab

# A class hub on this machine (README, "A class on one server"); settings: hub/jupyterhub_config.py.
$(HUB_STAMP): pyproject.toml constraints.txt $(LESSONS_STAMP) | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --constraint constraints.txt \
	  --editable ".[hub]"
	@touch $@
hub: $(HUB_STAMP)
	@command -v configurable-http-proxy >/dev/null || { echo "JupyterHub's proxy is missing: install Node.js, then: npm install -g configurable-http-proxy" >&2; exit 1; }
	$(BIN)/jupyterhub -f hub/jupyterhub_config.py

test: setup-tests
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadscope

# Only the notebooks, through nbval (CI runs them on a second Python version).
test-notebooks: setup-tests
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadscope notebooks

lint: setup-tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-tests
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

doctor: setup
	$(BIN)/python -m course_utils doctor

# The interpreter the set-up would use (make python SUPPORTED=3.11 looks for 3.11 only).
python:
	@py=$$($(find_python)); if [ -n "$$py" ]; then echo "$$py"; else \
	  echo "No Python $(SUPPORTED) found$(if $(PYTHON), at PYTHON=$(PYTHON),)" >&2; exit 1; fi

# How long `make setup` takes from an empty package cache (a fresh venv in a temporary folder).
bench-setup:
	@tmp=$$(mktemp -d); start=$$(date +%s.%N); \
	UV_CACHE_DIR=$$tmp/uv-cache PIP_NO_CACHE_DIR=1 $(MAKE) --no-print-directory setup \
	  VENV=$$tmp/venv >$$tmp/log 2>&1 || { cat $$tmp/log; rm -rf $$tmp; exit 1; }; \
	end=$$(date +%s.%N); size=$$(du -sm $$tmp/venv | cut -f1); \
	echo "make setup from an empty package cache: $$(awk "BEGIN { printf \"%.1f\", $$end - $$start }") s with $$($$tmp/venv/bin/python --version), $$size MB installed, load average $$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"; \
	rm -rf $$tmp

# Notebook diffs and merges cell by cell in this clone (.gitattributes names the drivers).
NBDIME := $(abspath $(BIN))
nbdime: setup-tests
	git config diff.jupyternotebook.command "$(NBDIME)/git-nbdiffdriver diff"
	git config merge.jupyternotebook.driver "$(NBDIME)/git-nbmergedriver merge %O %A %B %L %P"
	git config merge.jupyternotebook.name "nbdime merge driver for notebooks"

clean:
	rm -rf $(VENV) .venv-* student artifacts

# Re-resolve constraints.txt from pyproject.toml for every platform and Python 3.11-3.13,
# keeping the current pins where they still fit (make upgrade moves to the newest releases).
LOCK = $(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
  --output-file constraints.txt --custom-compile-command "make lock" --quiet
lock: setup-tests
	$(LOCK)
upgrade: setup-tests
	$(LOCK) --upgrade
