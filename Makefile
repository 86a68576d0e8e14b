# Set-up and everyday commands. `make run` and `make test` do everything on a
# fresh Debian machine with Python 3.11 (see README.md).

PYTHON ?= python3
# Rasa needs Python 3.10: the first that runs of python3.10 on PATH and pyenv's
# (pyenv's shim is on PATH even when 3.10 is not its active version, and then fails).
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && echo "$$p" && break; done)
VENV := .venv
ASSISTANT_VENV := assistant/.venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app booking:create_app
PORT ?= 5000
HOST ?= 127.0.0.1
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export RASA_TELEMETRY_ENABLED := false
# Links in mail made outside a request (the demo's, a job's) point at this server.
BOOKING_SITE_URL ?= http://$(HOST):$(PORT)
export BOOKING_SITE_URL

.PHONY: help install run web worker migrate seed test test-clocks lint typecheck bench nlu-eval messages \
	system-packages instance clean

help:
	@echo "make run    install, migrate, load the demo municipality, start everything"
	@echo "make web    the same, but only the web app"
	@echo "make test   install what the tests need and run the whole suite"
	@echo "make bench  municipality-scale benchmarks into docs/benchmarks.md"
	@echo "make lint   ruff; make typecheck: mypy"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(ASSISTANT_VENV)/.installed: assistant/requirements.txt
	@test -n "$(PYTHON310)" || { echo "The assistant needs Python 3.10 (python3.10 or pyenv)"; exit 1; }
	$(PYTHON310) -m venv $(ASSISTANT_VENV)
	$(ASSISTANT_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ASSISTANT_VENV)/bin/python -m pip install --quiet -r assistant/requirements.txt
	touch $@

# Front-end assets come from npm at install time and are served by the app.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

booking/translations/%/LC_MESSAGES/messages.mo: booking/translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile --use-fuzzy -i $< -o $@ -l $*

TRANSLATIONS := $(patsubst %.po,%.mo,$(wildcard booking/translations/*/LC_MESSAGES/messages.po))

install: $(VENV)/.installed node_modules/.installed $(TRANSLATIONS) $(ASSISTANT_VENV)/.installed

# Logs, the generated endpoints file and the default SQLite database live here,
# wherever BOOKING_DATABASE_URL points.
instance:
	@mkdir -p instance

migrate: install instance
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) booking seed --if-empty

web: seed
	$(FLASK) run --host $(HOST) --port $(PORT)

# The job worker alone (make run starts it beside the web app).
worker: seed
	$(VENV)/bin/huey_consumer booking.worker.huey -w 2 -k thread

# Everything on the embedded defaults: the local Stripe (below), the job worker (mail,
# refunds, lapsed holds; its queue is a SQLite file),
# the action server and the Rasa server (both on 127.0.0.1 only; the model is trained
# only when its inputs changed) and the web app. Ctrl-C stops them all.
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
# Without BOOKING_STRIPE_SECRET_KEY, card payments go to localstripe on this port: it posts
# its signed webhooks to the app, and keeps its state in instance/ across restarts.
LOCALSTRIPE_PORT ?= 8420
run: seed
	@model=$$(cd assistant && .venv/bin/python model.py) && \
	trap 'kill 0' INT TERM EXIT && \
	if [ -z "$$BOOKING_STRIPE_SECRET_KEY" ]; then \
		export BOOKING_STRIPE_LOCAL_URL=http://127.0.0.1:$(LOCALSTRIPE_PORT) && \
		($(PY) -m booking.payments.local_stripe --port $(LOCALSTRIPE_PORT) \
			--state-file instance/localstripe.pickle \
			--webhook-url http://$(HOST):$(PORT)/api/v1/payments/stripe-webhook \
			--webhook-secret "$${BOOKING_STRIPE_WEBHOOK_SECRET:-whsec_local_development_only}" \
			> instance/localstripe.log 2>&1 &) ; \
	fi && \
	export RASA_TOKEN=$$($(PY) -c 'import secrets; print(secrets.token_hex(24))') && \
	export ACTIONS_TOKEN=$$($(PY) -c 'import secrets; print(secrets.token_hex(24))') && \
	echo "Starting the assistant (about a minute); logs in instance/*.log" && \
	($(VENV)/bin/huey_consumer booking.worker.huey -w 2 -k thread > instance/worker.log 2>&1 &) && \
	(cd assistant && BOOKING_API_URL=http://127.0.0.1:$(PORT)/api/v1 \
		.venv/bin/python action_server.py --port $(ACTIONS_PORT) > ../instance/actions.log 2>&1 &) && \
	(umask 077 && $(FLASK) booking assistant-endpoints --actions-port $(ACTIONS_PORT) \
		> instance/endpoints.yml) && \
	(cd assistant && .venv/bin/rasa run --model "$$model" --interface 127.0.0.1 \
		--port $(RASA_PORT) --credentials credentials.yml --endpoints ../instance/endpoints.yml \
		> ../instance/rasa.log 2>&1 &) && \
	BOOKING_RASA_URL=http://127.0.0.1:$(RASA_PORT) BOOKING_RASA_TOKEN=$$RASA_TOKEN \
		$(FLASK) run --host $(HOST) --port $(PORT)

# PostgreSQL (the tests start and stop their own server) and Chromium (page tests).
system-packages:
	@need=""; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need="$$need postgresql postgresql-contrib"; \
	[ -x /usr/bin/chromium ] || need="$$need chromium"; \
	if [ -n "$$need" ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$need; \
	fi

test: install system-packages
	cd assistant && RASA_TELEMETRY_ENABLED=false .venv/bin/rasa data validate --fail-on-warnings
	cd assistant && .venv/bin/python -m pytest
	$(PY) -m pytest
	$(MAKE) test-clocks

# The suite (SQLite) with the clock set to awkward days: mid-December before the
# Christmas holidays, the week of the spring clock change and Easter, late June.
CLOCK_DAYS ?= 2026-12-14 2027-03-22 2027-06-24
test-clocks: install system-packages
	@for day in $(CLOCK_DAYS); do \
		echo "== the suite on $$day"; \
		BOOKING_TEST_TODAY=$$day BOOKING_TEST_BACKENDS=sqlite $(PY) -m pytest -q -p no:cacheprovider \
			|| exit 1; \
	done

lint: install
	$(VENV)/bin/ruff check booking tests migrations/env.py assistant/actions assistant/tests assistant/model.py assistant/evaluate_nlu.py assistant/auth.py assistant/token_channel.py assistant/action_server.py assistant/servers.py

# mypy, configured in pyproject.toml, over booking/.
typecheck: install
	$(VENV)/bin/mypy

bench: install system-packages
	$(PY) tests/bench/run_bench.py

# Intent classification on the held-out sets (test and dev) -> docs/nlu-evaluation.md.
nlu-eval: $(ASSISTANT_VENV)/.installed
	cd assistant && RASA_TELEMETRY_ENABLED=false .venv/bin/python evaluate_nlu.py

# Regenerate the message template after changing user-facing strings.
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location \
		--sort-output -w 100 -o booking/translations/messages.pot .
	$(VENV)/bin/pybabel update -w 100 -i booking/translations/messages.pot -d booking/translations

clean:
	rm -rf $(VENV) $(ASSISTANT_VENV) node_modules instance
