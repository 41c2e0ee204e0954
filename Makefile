# Two commands set everything up: `make grade` and `make test` (each creates .venv).
PY := .venv/bin/python
VENV_STAMP := .venv/installed

.PHONY: grade test test-fast test-browser bench lab student-lab execute nbval release lint clean

# umask 022: graded kernels run as another user, who must be able to read the venv
$(VENV_STAMP): requirements.txt
	umask 022 && (/usr/bin/python3 -m venv .venv || python3 -m venv .venv)
	umask 022 && $(PY) -m pip install --quiet -r requirements.txt
	# the venv's python finds the grader from any folder: a `dask worker` started by hand too
	umask 022 && echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/inside-nn-module.pth"
	touch $@

grade: $(VENV_STAMP)
	$(PY) -m grader release
	$(PY) -m grader roster students.csv
	$(PY) -m grader autograde
	$(PY) -m grader feedback
	$(PY) -m grader export --to work/grades.csv
	$(PY) -m grader report --to work/report.html

# Three pytest runs side by side, each mostly waiting on time limits, kernels and servers, so
# they share the cores well: the walks (every notebook run whole: the solutions under nbval,
# the releases as JupyterLab's Run All runs them; the exchange workflow; the browser walk;
# grading on a real PostgreSQL server), the classes graded whole (the catalogs, graded in the
# background from collection on; the hostile, red-team and sample classes; the entry points),
# and the rest, printed as it runs. The other two logs are printed after it.
WALKS := tests/test_release_run_all.py tests/test_exchange.py tests/test_browser.py tests/test_postgres.py
CLASSES := tests/test_catalog.py tests/test_hostile.py tests/test_red_team.py tests/test_sample_class.py tests/test_entry_points.py
PYTEST := $(PY) -m pytest -p no:cacheprovider -rfEs
test: $(VENV_STAMP)
	$(PY) -m grader lint
	$(PY) -m grader release --check
	mkdir -p work
	$(PYTEST) --nbval solutions --nbval-sanitize-with tests/nbval_sanitize.cfg $(WALKS) > work/walks.log 2>&1 & walks=$$!; \
	$(PYTEST) $(CLASSES) > work/classes.log 2>&1 & classes=$$!; \
	$(PYTEST) $(addprefix --ignore=,$(WALKS) $(CLASSES)) tests; rest=$$?; \
	wait $$classes; graded=$$?; wait $$walks; walked=$$?; \
	echo "--- the classes: catalogs, hostile, red team, sample class, entry points"; cat work/classes.log; \
	echo "--- the walks: notebooks run whole, exchange, browser, PostgreSQL"; cat work/walks.log; \
	[ $$rest = 0 ] && [ $$graded = 0 ] && [ $$walked = 0 ]

# The class workflow in Chromium (Debian's chromium; skipped, with why, where it is missing):
# screenshots in work/browser/.
test-browser: $(VENV_STAMP)
	$(PY) -m pytest -p no:cacheprovider -rfEs tests/test_browser.py

# Unit tests only: no kernel, no sandbox (pytest markers `slow` and `sandbox` name the rest).
test-fast: $(VENV_STAMP)
	$(PY) -m pytest -p no:cacheprovider -q -m "not slow and not sandbox" tests

# Seconds per notebook, and plain nbgrader against ours on one class (the README's figures);
# speed is measured here, not asserted by tests.
bench: $(VENV_STAMP)
	$(PY) -m bench.notebook_times
	$(PY) -m bench.throughput

# JupyterLab on the course: students open course/ and press Validate; instructors open
# /formgrader. Jupyter's, IPython's and matplotlib's own files go to work/, not to $$HOME.
LAB_ENV := JUPYTER_CONFIG_DIR=$(CURDIR)/work/jupyter/config JUPYTER_DATA_DIR=$(CURDIR)/work/jupyter/data \
  JUPYTER_RUNTIME_DIR=$(CURDIR)/work/jupyter/runtime IPYTHONDIR=$(CURDIR)/work/ipython MPLCONFIGDIR=$(CURDIR)/work/matplotlib \
  npm_config_cache=$(CURDIR)/work/npm
LAB_ARGS ?=
lab: $(VENV_STAMP)
	mkdir -p work/exchange
	$(LAB_ENV) $(PY) -m jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/course \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# JupyterLab as one student (make student-lab STUDENT=ana): only their folder, the Assignments
# tab (fetch, submit, feedback) and Validate; no formgrader.
student-lab: $(VENV_STAMP)
	@test -n "$(STUDENT)" || { echo "usage: make student-lab STUDENT=ana"; exit 2; }
	$(PY) -m grader student-lab $(STUDENT) $(LAB_ARGS)

# Run a solution notebook in place, so its committed outputs are the ones nbval expects.
execute: $(VENV_STAMP)
	$(PY) -m jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False $(NB)
	# join split stdout chunks, so that outputs are the same bytes run to run
	$(PY) -m jupyter nbconvert --to notebook --inplace --CoalesceStreamsPreprocessor.enabled=True $(NB)

nbval: $(VENV_STAMP)
	$(PY) -m pytest -p no:cacheprovider --nbval $(NB) --nbval-sanitize-with tests/nbval_sanitize.cfg

clean:
	rm -rf work
