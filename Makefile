# Call-In Planner: `make run` starts the app, `make test` runs every test.
# Both install what is missing first (system packages, npm packages, tauri-driver).

SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test setup setup-test system-packages test-packages node-check ui-deps ui-build \
        test-rust test-ui test-e2e e2e-repeat crash-long lint bench help

# Tauri's Linux build dependencies; what the tests need to drive a real window and to read
# exports back (Python's csv and openpyxl, the system's Python: tests look for /usr/bin/python3).
APT_BUILD := build-essential pkg-config curl wget file libssl-dev libwebkit2gtk-4.1-dev \
             libxdo-dev libayatana-appindicator3-dev librsvg2-dev
APT_TEST  := xvfb webkit2gtk-driver poppler-utils xauth xdotool python3 python3-openpyxl python3-xlib python3-jsonschema
TAURI_DRIVER_VERSION := 2.1.0
NODE_MIN := 20.19.0

CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(CARGO_BIN):$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

help:
	@echo "make run    build and start Call-In Planner on your data folder"
	@echo "make test   run every test (Rust, UI, end-to-end under Xvfb)"
	@echo "make bench  run the benchmarks (release build)"
	@echo "make e2e-repeat  run the end-to-end suite 20 times in a row (RUNS=, BESIDE=0|1)"
	@echo "make crash-long  kill a writer 1,000 times and check the database after each (KILLS=)"

## ---- set-up ---------------------------------------------------------------

system-packages:
	@if [ "$$(uname -s)" != Linux ] || ! command -v apt-get >/dev/null; then \
	  echo "This set-up knows Debian and Ubuntu. Elsewhere install: Rust (rustup), Node.js >= $(NODE_MIN)"; \
	  echo "and the Tauri 2 prerequisites for your system (WebKitGTK 4.1 on Linux, Xcode tools on macOS,"; \
	  echo "WebView2 and the MSVC build tools on Windows), then run: cd ui && npm ci && npm run build && cargo run --release"; \
	  exit 1; fi
	@missing=""; for p in $(APT_BUILD) $(EXTRA_APT); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (rustup.rs), then run make again."; exit 1; }

test-packages:
	@$(MAKE) --no-print-directory system-packages EXTRA_APT="$(APT_TEST)"

# Node.js >= 20.19 (Vite 8). Debian 12's own is 18: then the npm registry's `node` package is used.
node-check:
	@command -v node >/dev/null || { dpkg -s nodejs npm >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }; }
	@if ! printf '%s\n%s\n' "$(NODE_MIN)" "$$(node --version | tr -d v)" | sort -V -C; then \
	  echo "Node.js $$(node --version) is older than $(NODE_MIN); installing node 20 into .tools/"; \
	  npm install --no-save --prefix .tools node@20 >/dev/null; fi
	@echo "node $$(node --version), npm $$(npm --version)"

ui/node_modules/.package-lock.json: ui/package-lock.json ui/package.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

ui-deps: node-check ui/node_modules/.package-lock.json

ui-build: ui-deps
	cd ui && npm run build

setup: system-packages ui-build

setup-test: test-packages ui-build
	@if ! tauri-driver --help >/dev/null 2>&1 || ! cargo install --list | grep -q "^tauri-driver v$(TAURI_DRIVER_VERSION):"; then \
	  echo "Installing tauri-driver $(TAURI_DRIVER_VERSION)"; \
	  cargo install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked; fi

## ---- the two commands ------------------------------------------------------

run: setup
	cargo build --release --locked
	./target/release/callin-planner

test: setup-test lint test-rust test-ui test-e2e
	@echo "All tests passed."

## ---- the parts of `make test` -------------------------------------------------

lint:
	cargo fmt --all -- --check
	cargo fmt --manifest-path tests/e2e/Cargo.toml -- --check
	cargo clippy --locked --all-targets -- -D warnings

# No run of tests can hang: each has a bound (builds before them have none), and `timeout`
# ends the run's whole process group. Each end-to-end test also has its own bound.
BOUND := timeout --kill-after=30s

test-rust:
	cargo test --locked --no-run
	HSDS_REQUIRE_VALIDATOR=1 $(BOUND) 20m cargo test --locked

test-ui: ui-deps
	cd ui && npm run check && $(BOUND) 10m npm test

# The app binary the end-to-end suite drives is the debug build `cargo test` made.
E2E_RUN := xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked --manifest-path tests/e2e/Cargo.toml -- --test-threads=1
test-e2e: ui-build
	cargo build --locked
	cargo test --locked --manifest-path tests/e2e/Cargo.toml --no-run
	$(BOUND) 30m $(E2E_RUN)

# The proof that the end-to-end suite does not flake or hang: RUNS runs in a row, each
# bounded; BESIDE=1 runs a Rust build (of a copy of this tree) beside every other run.
RUNS ?= 20
BESIDE ?= 1
e2e-repeat: setup-test
	cargo build --locked
	cargo test --locked --manifest-path tests/e2e/Cargo.toml --no-run
	RUNS=$(RUNS) BESIDE=$(BESIDE) tests/e2e/repeat.sh

# The long crash proof: `make test` kills the writer 200 times (about 4 minutes); this,
# KILLS times (1,000: about 25 minutes), bounded. The debug build: key derivation, most of a
# round, is optimized there too (SQLCipher and OpenSSL build at opt-level 3).
KILLS ?= 1000
crash-long: setup
	cargo test --locked --test crash --no-run
	CRASH_KILLS=$(KILLS) $(BOUND) 60m cargo test --locked --test crash -- --nocapture

bench: setup
	cargo bench --locked --bench people
	cargo bench --locked --bench picker
	cargo bench --locked --bench export
	cargo bench --locked --bench printing
	cargo bench --locked --bench concurrency
	cargo bench --locked --bench import
	cargo bench --locked --bench backup
