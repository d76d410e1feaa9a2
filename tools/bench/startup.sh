#!/usr/bin/env bash
# Measures how fast bin/bazaar answers /readyz after launch in embedded mode
# (fresh DATA_DIR: migrations and seeding included, then warm: existing data)
# and its resident memory after idling. Loopback only; stops by itself.
#   tools/bench/startup.sh [runs]
set -euo pipefail
bin=${BAZAAR_BIN:-bin/bazaar}
runs=${1:-5}
port=${PORT:-18080}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

now_ms() { date +%s%3N; }

measure() { # $1 = label; prints ms to /readyz 200
  local start pid ms
  start=$(now_ms)
  HTTP_ADDR=127.0.0.1:$port DATA_DIR=$dir/var LOG_LEVEL=warn "$bin" all >/dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do
    sleep 0.01
    if (( $(now_ms) - start > 30000 )); then echo "not ready in 30s" >&2; kill $pid; exit 1; fi
  done
  ms=$(( $(now_ms) - start ))
  echo "$1 ${ms}ms"
  LAST_PID=$pid
}

measure "first start (empty DATA_DIR):"
kill -TERM $LAST_PID; wait $LAST_PID || true
for i in $(seq "$runs"); do
  measure "warm start $i:"
  if [ "$i" -lt "$runs" ]; then kill -TERM $LAST_PID; wait $LAST_PID || true; fi
done
sleep 10
echo "idle RSS after 10s: $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$LAST_PID/status)"
kill -TERM $LAST_PID; wait $LAST_PID || true
