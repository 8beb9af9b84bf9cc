# Two commands on a fresh machine: `make demo` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB := data/demo.db
# The sample data describes the world as it stood on this day; the demo looks at it from there.
AS_OF  := 2026-11-01

.PHONY: install chromium python3-venv test-packages venv-packages demo test screenshots lab lint bench clean

# Debian packages, when missing: Chromium for the browser tests (they never download a browser),
# and python3-venv, without which Debian's python3 cannot make .venv.
NO_CHROMIUM = $(if $(shell command -v chromium),,chromium)
NO_VENV = $(if $(wildcard $(BIN)/pip),,$(if $(shell $(PYTHON) -c 'import ensurepip' 2>/dev/null && echo ok),,python3-venv))
# $(call debian,PACKAGES): as root, install them; anyone else stops before anything runs, with one
# line naming the one command to run.
debian = $(if $(strip $(1)),$(if $(filter 0,$(shell id -u)),@echo "installing Debian's $(strip $(1))" \
	&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(strip $(1)) >/dev/null,\
	$(error not installed: Debian's $(strip $(1)); run: sudo make $(strip $(1)))))

chromium python3-venv:
	$(call debian,$@)
test-packages:
	$(call debian,$(NO_CHROMIUM) $(NO_VENV))
venv-packages:
	$(call debian,$(NO_VENV))

# A .venv without pip is one that python3 -m venv left half made: it is made again.
$(STAMP): pyproject.toml Makefile | venv-packages
	@test -x $(BIN)/pip || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,scale,bench]'
	@# lifelines is the reference the response curves are tested against. Its metadata asks for
	@# pandas < 3, on which it runs all the same, so it is installed without its dependencies.
	$(BIN)/python -m pip install --quiet --no-deps 'lifelines>=0.30' 'autograd>=1.7' 'autograd-gamma>=0.5' \
		'formulaic>=1.1' interface-meta narwhals wrapt
	@touch $(STAMP)

install: $(STAMP)

$(DEMO_DB): $(STAMP) data/candidates.csv data/interviews.csv data/events.csv $(wildcard followup_kit/data/store/*.py)
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/followup-kit init --db $(DEMO_DB)
	$(BIN)/followup-kit import --db $(DEMO_DB) data/candidates.csv data/interviews.csv data/events.csv

DEMO_PORT ?= 8866

# The demo first, then one sample candidate's dashboard, served until Ctrl-C.
demo: $(DEMO_DB)
	$(BIN)/followup-kit demo --db $(DEMO_DB) --as-of $(AS_OF)
	@echo
	@echo "A sample candidate's dashboard (a signed link, good for 14 days):"
	@$(BIN)/followup-kit link --db $(DEMO_DB) --candidate C000057 --base-url http://127.0.0.1:$(DEMO_PORT)/
	$(BIN)/followup-kit serve --db $(DEMO_DB) --port $(DEMO_PORT) --as-of $(AS_OF)

lint: $(STAMP)
	$(BIN)/ruff check followup_kit tests benchmarks

# ruff runs inside the suite too (tests/test_lint.py), so a bare pytest also lints. Tests of one
# xdist_group (the browser tests) share a worker only with --dist loadgroup.
test: test-packages $(STAMP)
	$(BIN)/pytest -n 2 --dist loadgroup --durations=10

# The browser tests again, saving their pictures over the committed ones in docs/screenshots/.
screenshots: test-packages $(STAMP)
	FOLLOWUP_KIT_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/pytest -q -m browser \
		tests/test_browser_lab.py tests/test_dashboard_browser.py tests/test_browser_caseload.py tests/test_browser_mail.py

lab: $(STAMP)
	$(BIN)/python -c "from followup_kit.data.demo import demo_store; demo_store()"
	$(BIN)/jupyter lab notebooks/coaching_session.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/import.py
	$(BIN)/python benchmarks/playbook.py
	$(BIN)/python benchmarks/analysis.py
	$(BIN)/python benchmarks/widgets.py
	$(BIN)/python benchmarks/dashboard.py
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/letters.py
	$(BIN)/python benchmarks/mail.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache
