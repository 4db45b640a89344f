# The two commands: `make audio` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: audio test clean worker serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

audio: $(VENV)/.installed
	$(BIN)/narrate articles/ -o audio/

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Trying the queue on one machine (README, "Running at scale"): Redis on REDIS_PORT unless one
# already answers there (its data in .venv/redis), then the worker (and for `serve`, the HTTP service).
# Ctrl-C stops everything these targets started.
REDIS_PORT ?= 6379
BROKER := redis://127.0.0.1:$(REDIS_PORT)/0
START_REDIS = set -eu; PIDS=""; trap 'kill $$PIDS 2>/dev/null || true; wait' INT TERM EXIT; \
	if ! $(BIN)/python -c "import redis; redis.Redis(port=$(REDIS_PORT), socket_connect_timeout=1).ping()" 2>/dev/null; then \
		mkdir -p $(VENV)/redis; \
		redis-server --port $(REDIS_PORT) --bind 127.0.0.1 --dir $(CURDIR)/$(VENV)/redis --appendonly yes --save '' >$(VENV)/redis/log 2>&1 & PIDS="$$!"; \
		sleep 0.5; echo "started redis-server on 127.0.0.1:$(REDIS_PORT)"; \
	fi

$(VENV)/.installed-queue: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[queue]'
	touch $@ $(VENV)/.installed

worker: $(VENV)/.installed-queue
	@$(START_REDIS); \
	$(BIN)/narrate worker --broker $(BROKER) -o audio/ & PIDS="$$PIDS $$!"; wait $$!

serve: $(VENV)/.installed-queue
	@$(START_REDIS); \
	export NARRATE_TOKENS="$${NARRATE_TOKENS:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(24))')}"; \
	$(BIN)/narrate worker --broker $(BROKER) -o audio/ -c 1 --loglevel WARNING & PIDS="$$PIDS $$!"; \
	echo "narrate serve on http://127.0.0.1:8080, token: $$NARRATE_TOKENS"; \
	$(BIN)/narrate serve --broker $(BROKER) -o audio/ & PIDS="$$PIDS $$!"; wait $$!

clean:
	rm -rf $(VENV)
	find audio -mindepth 1 ! -name .gitkeep -delete
