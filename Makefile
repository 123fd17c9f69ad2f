# jianfu — the two commands that matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: help install run test test-pg lint bench eval-routing eval-review demo migrate clean-db

help:
	@echo "make run        — set up, migrate, load the demo (first time) and serve http://127.0.0.1:$(PORT) with the worker"
	@echo "make test       — lint + the whole test suite (SQLite; also PostgreSQL when DATABASE_URL points at it)"
	@echo "make bench      — benchmarks, one table + var/bench/results.json"
	@echo "make eval-routing / eval-review — quality evaluations"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

run: install
	$(PY) scripts/run.py --port $(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run > /dev/null || { echo "模型有未生成的迁移：运行 manage.py makemigrations"; exit 1; }

test: lint
	JIANFU_TESTING=1 $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile

# The same suite on PostgreSQL (used by .ci/run); DATABASE_URL must point at a server.
test-pg: install
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL is not set"; exit 1; }
	JIANFU_TESTING=1 $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile

bench: install
	$(PY) -m bench $(BENCH)

eval-routing: install
	$(PY) -m jianfu.dispatch.routing.evaluate

eval-review: install
	$(PY) -m jianfu.review.engine.evaluate

# Person–job matching quality (issue 8): NDCG@10 / Recall@10 both directions, dev and blind split, beside
# the BM25 and character TF-IDF floors.
.PHONY: eval-matching
eval-matching: install
	$(PY) -m jianfu.employment.matching.evaluate

demo: migrate
	$(PY) manage.py demo_load --if-empty

clean-db:
	rm -f var/jianfu.sqlite3 var/jianfu.sqlite3-wal var/jianfu.sqlite3-shm var/huey.sqlite3*
