# The two commands of README.md: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help deps run test lint messages check-deploy worker beat web benchmark

help:
	@echo "make run   - install what is missing; start an embedded PostgreSQL, migrate, load the demo, start web + worker + beat"
	@echo "make test  - install what is missing and run the whole suite (lint, migrations, messages, tests, browser tests)"

deps:
	@bash scripts/deps.sh

run: deps
	@bash scripts/run.sh

test: deps
	@bash scripts/test.sh

lint: deps
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .

messages: deps
	@.venv/bin/python scripts/check_messages.py

check-deploy: deps
	@DJANGO_ENV=production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=example.org \
		DATABASE_URL=$${DATABASE_URL:-postgres://localhost/not-connected} \
		.venv/bin/python manage.py check --deploy --fail-level WARNING

benchmark: deps
	@bash tests/benchmarks/run.sh
