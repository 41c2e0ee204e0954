# Two commands set everything up: `make grade` and `make test` (each creates .venv).
PY := .venv/bin/python
VENV_STAMP := .venv/installed

.PHONY: grade test lab execute nbval release lint clean

$(VENV_STAMP): requirements.txt
	/usr/bin/python3 -m venv .venv || python3 -m venv .venv
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

grade: $(VENV_STAMP)
	$(PY) -m grader release
	$(PY) -m grader autograde
	$(PY) -m grader feedback
	$(PY) -m grader export --to work/grades.csv

test: $(VENV_STAMP)
	$(PY) -m grader lint
	$(PY) -m grader release --check
	$(PY) -m pytest -p no:cacheprovider tests
	$(MAKE) nbval NB=solutions

# Run a solution notebook in place, so its committed outputs are the ones nbval expects.
execute: $(VENV_STAMP)
	$(PY) -m jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False $(NB)

nbval: $(VENV_STAMP)
	$(PY) -m pytest -p no:cacheprovider --nbval $(NB) --nbval-sanitize-with tests/nbval_sanitize.cfg

clean:
	rm -rf work
