#!/usr/bin/env bash
# Writes app/default.pgo, the CPU profile `go build` uses for profile-guided
# optimization of the binary: `bazaar serve` on PostgreSQL + Redis, profiled
# for SECONDS_EACH under the cart's adds (tools/cartload, 256 shoppers) and
# again under browsing (tools/shopload), the two merged. Loopback only;
# every run is bounded and everything started is stopped on exit.
#
#   tools/bench/pgo.sh     (from the repository root; then commit app/default.pgo)
#
# Environment:
#   TEST_DATABASE_URL/TEST_REDIS_URL  reuse running services; unset: start and stop our own
#   SECONDS_EACH (20)  OUT results folder (/tmp/bazaar-bench-out)
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_EACH=${SECONDS_EACH:-20}
OUT=${OUT:-/tmp/bazaar-bench-out}
mkdir -p "$OUT"
# shellcheck source=tools/bench/lib.sh
source "$ROOT/tools/bench/lib.sh"
PORT=$(free_port)
PPROF=127.0.0.1:$(free_port)

BIN=$OUT/bazaar-pgo
run go build -o "$BIN" ./app
run go build -o "$OUT/cartload" ./tools/cartload
run go build -o "$OUT/shopload" ./tools/shopload
start_services
DB=$PG_BASE/bench_pgo$PG_OPTS
REDIS=$REDIS_BASE/14
fresh_shop "$BIN" bench_pgo "$REDIS" 1000 "$OUT/pgo-seed.log"
PPROF_ADDR=$PPROF serve "$DB" "$REDIS" "$PORT"

profile() { # $1 file: a CPU profile of the server over SECONDS_EACH
  run curl -fsS -o "$1" "http://$PPROF/debug/pprof/profile?seconds=$SECONDS_EACH"
}

log "profiling cart adds"
"$OUT/cartload" -url "http://127.0.0.1:$PORT" -c 256 -d "$((SECONDS_EACH + 5))s" >"$OUT/pgo-cart.txt" &
sleep 3
profile "$OUT/pgo-cart.prof"
wait $!

log "profiling browsing"
"$OUT/shopload" -url "http://127.0.0.1:$PORT" -users 2000 -think 1s -ramp 3s -d "$((SECONDS_EACH + 3))s" >"$OUT/pgo-shop.txt" 2>&1 &
sleep 5
profile "$OUT/pgo-shop.prof"
wait $!

go tool pprof -proto "$OUT/pgo-cart.prof" "$OUT/pgo-shop.prof" >"$ROOT/app/default.pgo"
log "wrote app/default.pgo ($(wc -c <"$ROOT/app/default.pgo") bytes)"
