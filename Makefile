# Everything CI does goes through here. Each target creates .venv when missing.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO_DB := .demo/refpath.db
REFPATH := $(VENV)/bin/refpath --db $(DEMO_DB)

.PHONY: dev demo test lint fuzz bench docs reformat clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

dev: $(STAMP)

demo: $(STAMP)
	@mkdir -p .demo && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(REFPATH) add sample_exports/Basic_LinkedInDataExport_11-20-2026.zip --me
	$(REFPATH) add sample_exports/
	$(REFPATH) to "Jane Doe"
	$(REFPATH) draft "Jane Doe" --reason "how Acme Robotics plans maintenance windows on its assembly lines"
	$(REFPATH) map -o .demo/network.png --highlight "Jane Doe"
	$(REFPATH) map -o .demo/network.html --highlight "Jane Doe"
	$(REFPATH) plan docs/examples/prospects.csv --max-per-introducer 3 -o .demo/plan.csv
	@echo "Demo done: the store is $(DEMO_DB), the maps .demo/network.png and .demo/network.html, the plan .demo/plan.csv"

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

docs: $(STAMP)
	$(PY) docs/make_commands.py

reformat: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) .demo .bench .pytest_cache .mypy_cache .ruff_cache
