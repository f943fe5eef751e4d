# Everything CI does goes through here. Each target creates .venv when missing.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO_DB := .demo/refpath.db
REFPATH := $(VENV)/bin/refpath --db $(DEMO_DB)

.PHONY: dev demo test lint fuzz bench bench-compare docs reformat clean

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
	$(VENV)/bin/refpath share sample_exports/bob-okafor --exclude "Linh Tran" --dry-run
	@mkdir -p .demo/shared && rm -f .demo/shared/*.zip
	cp sample_exports/bob-okafor.refpath-share.zip .demo/shared/
	$(REFPATH) sync .demo/shared
	$(REFPATH) to "Jane Doe"
	@echo "Demo done: the store is $(DEMO_DB), the maps .demo/network.png and .demo/network.html, the plan .demo/plan.csv, Bob's share synced from .demo/shared"
	@echo "refpath is installed in $(VENV), not on your PATH: run 'source $(VENV)/bin/activate'"
	@echo "(or 'pipx install .' for every shell), then e.g.: refpath --db $(DEMO_DB) to \"Jane Doe\""

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy refpath
	$(VENV)/bin/lint-imports

fuzz: $(STAMP)
	$(PY) -m pytest -q -m fuzz -p no:cacheprovider

bench: $(STAMP)
	$(PY) bench/run.py

# `refpath to` of an earlier commit against this tree, in alternating pairs: make bench-compare REV=abc123
bench-compare: $(STAMP)
	$(PY) bench/compare.py $(REV)

docs: $(STAMP)
	$(PY) docs/make_commands.py

reformat: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) .demo .bench .pytest_cache .mypy_cache .ruff_cache
