# Everything CI does goes through here. Each target creates .venv when missing.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO_DB := .demo/refpath.db
REFPATH := $(VENV)/bin/refpath --db $(DEMO_DB)

.PHONY: dev demo test lint fuzz bench reformat clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

dev: $(STAMP)

demo: $(STAMP)
	@mkdir -p .demo && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(REFPATH) add sample_exports/
	$(REFPATH) stats
	$(REFPATH) to "Jane Doe"

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy refpath

fuzz: $(STAMP)
	$(PY) -m pytest -q -m fuzz -p no:cacheprovider

bench: $(STAMP)
	$(PY) bench/run.py

reformat: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) .demo .bench .pytest_cache .mypy_cache .ruff_cache
