#!/usr/bin/env bash
# Runs the end-to-end suite RUNS times in a row, each run bounded, and prints one line per
# run (pass or fail, seconds) and a summary. With BESIDE=1, every other run has a cold Rust
# build (release, in a target folder of its own) running beside it, as CI may have.
# Logs: target/e2e-repeat/.
set -uo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-20}
BESIDE=${BESIDE:-1}
out=target/e2e-repeat
mkdir -p "$out"
beside_dir=$(mktemp -d)
trap 'kill -- -$beside_pid 2>/dev/null; rm -rf "$beside_dir"' EXIT
beside_pid=
passed=0
failed=0
for i in $(seq 1 "$RUNS"); do
  load=idle
  if [ "$BESIDE" = 1 ] && [ $((i % 2)) = 0 ]; then
    load="rust build beside"
    rm -rf "$beside_dir/target"
    CARGO_TARGET_DIR="$beside_dir/target" setsid cargo build --locked --release -q >/dev/null 2>&1 &
    beside_pid=$!
  fi
  start=$SECONDS
  timeout --kill-after=30s 30m xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo test --locked --manifest-path tests/e2e/Cargo.toml -- --test-threads=1 \
    >"$out/run-$i.log" 2>&1
  rc=$?
  secs=$((SECONDS - start))
  if [ -n "$beside_pid" ]; then
    kill -- -"$beside_pid" 2>/dev/null
    wait "$beside_pid" 2>/dev/null
    beside_pid=
  fi
  if [ $rc = 0 ]; then passed=$((passed + 1)); verdict=passed; else failed=$((failed + 1)); verdict="FAILED (exit $rc)"; fi
  echo "run $i: $verdict in ${secs} s ($load)"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
