# Two commands for a fresh machine with Python 3.11 (see README):
#   make lab    set up .venv (if needed) and open JupyterLab on notebooks/
#   make test   set up .venv (if needed) and run the whole test suite
# Windows/macOS learners without make: use the conda route in the README.

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.course-installed
# Two notebook kernels at a time: fits a 4 GB laptop and uses two cores.
WORKERS ?= 2

.PHONY: setup lab test doctor clean lock

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "Python 3.11 was not found as '$(PYTHON)'. Install Python 3.11, or point to it:"; \
	  echo "  make PYTHON=/path/to/python3.11 $(MAKECMDGOALS)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable ".[test]"
	@touch $(STAMP)
	@echo "Course environment ready in $(VENV)/"

lab: setup
	$(BIN)/python -m course_utils lab

test: setup
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadscope

doctor: setup
	$(BIN)/python -m course_utils doctor

clean:
	rm -rf $(VENV) student artifacts

# Re-resolve the dependencies of pyproject.toml in a throw-away environment and pin them.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet ".[test]"
	{ sed -n '1,3p' constraints.txt; echo "tensorflow==$$(.lock-venv/bin/python -c 'import importlib.metadata as m; print(m.version("tensorflow-cpu"))')"; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -iv '^course-utils'; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .lock-venv
