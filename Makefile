# Two commands for a newcomer: `make run` (a working portal) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
ARGS ?=

.PHONY: run run-prepare test lint format install up down benchmark benchmark-mail clean messages

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

install: $(VENV)/.installed

# Everything `make run` does before serving: the database, the record, the secretary's account,
# and the address it will serve on (var/site-url), which links in mail use, whichever terminal
# sends them (`manage.py invite` too).
VAR_DIR ?= var
export VAR_DIR

run-prepare: install
	@mkdir -p $(VAR_DIR)/mail
	@echo "http://127.0.0.1:$(PORT)" > $(VAR_DIR)/site-url
	$(BIN)/python manage.py migrate --noinput
	@if $(BIN)/python manage.py help load_network >/dev/null 2>&1; then $(BIN)/python manage.py load_network --demo; fi
	@$(BIN)/python manage.py secretary_dev
	@echo "Emails are written to $(VAR_DIR)/mail/ and listed at http://127.0.0.1:$(PORT)/dev/mail/"
	@echo "The portal: http://127.0.0.1:$(PORT)/"

run: run-prepare
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The nine catalogues in locale/: extract every marked string; English translates each msgid as
# itself (emptied, then msgen: msgmerge would keep a changed msgid's old English as a fuzzy
# match); compile the .mo files (committed, so `make run` and the image need no gettext).
# tests/test_translations.py fails when a catalogue is behind the code or a .mo behind its .po.
# djangojs.po: the Django admin scripts' messages Django's own catalogue for the language lacks
# (`manage.py admin_js_messages`; tests/test_admin_javascript_catalogue.py).
LANGUAGES := en fi sv et lv ru de pl cs
EN_PO := locale/en/LC_MESSAGES/django.po
MESSAGES_IGNORE := --ignore=.venv --ignore=.tools --ignore=node_modules --ignore=tests --ignore=var --ignore=benchmarks

messages: install
	$(BIN)/python manage.py makemessages $(foreach lang,$(LANGUAGES),-l $(lang)) $(MESSAGES_IGNORE)
	msgattrib --clear-fuzzy --clear-previous -o $(EN_PO) $(EN_PO)
	msgfilter --keep-header -i $(EN_PO) -o $(EN_PO) sed -e d
	msgen -o $(EN_PO) $(EN_PO)
	$(BIN)/python manage.py admin_js_messages
	$(BIN)/python manage.py compilemessages $(MESSAGES_IGNORE)

benchmark: install
	$(BIN)/python benchmarks/pages.py $(ARGS)

benchmark-mail: install
	$(BIN)/python benchmarks/mail_throughput.py $(ARGS)

up:
	docker compose up --build

down:
	docker compose down

clean:
	rm -rf $(VENV) var
