# Pledge Tracker: `make run` starts the app on a fresh machine, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PIP_FLAGS := --disable-pip-version-check --quiet
# apt-get needs root: use sudo when `make` runs as an ordinary user.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint bench init compile messages system-deps clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PIP) install $(PIP_FLAGS) -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PIP) install $(PIP_FLAGS) -r requirements-dev.txt
	touch $@

node_modules/axe-core/axe.min.js: package.json
	npm install --no-audit --no-fund --silent
	touch $@

# Byte-compiled once, as pip compiles an installed package: with PYTHONDONTWRITEBYTECODE set
# (as on this project's machines) every command would otherwise compile every module again.
compile: $(VENV)/.runtime
	$(PY) -m compileall -q pledges

# Message catalogs (docs/translating.md): `make messages` extracts every marked message into
# the template and merges it into each language's .po; the .mo files are compiled here too and
# committed, so the app and the tests read them without a build step (a test checks they are fresh).
LOCALES := pledges/locale
messages: $(VENV)/.runtime
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k NP_:1,2 -k gettext -k ngettext:1,2 --no-location --width 100 \
		--sort-output --project "Pledge Tracker" -o $(LOCALES)/messages.pot .
	$(VENV)/bin/pybabel update --width 100 --no-fuzzy-matching -i $(LOCALES)/messages.pot -d $(LOCALES)
	@# Compiled without Babel's %-format check: our messages are brace templates, and it reads
	@# "40 % of" as a %-format and fails the build.
	$(PY) -c 'import glob; from babel.messages import mofile, pofile; [mofile.write_mo(open(p[:-2] + "mo", "wb"), pofile.read_po(open(p, "rb"))) for p in glob.glob("$(LOCALES)/*/LC_MESSAGES/messages.po")]'

init: compile
	$(PY) -m pledges init

run: init
	$(PY) -m streamlit run app.py --server.headless true

# Debian packages the tests drive: chromium (browser tests), PostgreSQL (engine tests),
# poppler-utils (pdftotext for the briefing), nginx (the site's server config). Installed only when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(VENV)/.dev system-deps node_modules/axe-core/axe.min.js lint
	$(PY) -m pytest -q --durations=10

bench: $(VENV)/.dev system-deps node_modules/axe-core/axe.min.js compile
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules data/pledges.db data/pledges.db-wal data/pledges.db-shm
