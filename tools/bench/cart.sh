#!/usr/bin/env bash
# Cart adds on PostgreSQL + Redis: tools/cartload's closed loop of CONNS
# shoppers against `bazaar serve`, with each process's CPU per add.
# Loopback only; every run is bounded and everything started is stopped on
# exit. See modules/cart/README.md (Performance).
#
#   tools/bench/cart.sh [REV ...]     (from the repository root)
#
# Each REV (a git revision; none: the working tree) is built once. Then, for
# ROUNDS rounds, each build in turn (so a slower spell of the shared machine
# hits all of them alike) gets a fresh database with PRODUCTS products, a 3 s
# warm-up, an ANALYZE of the cart tables (a never-analysed cart_items is read
# with a sequential scan) and a DURATION run. One line per run: adds/s,
# latency percentiles, and CPU per add of the server, PostgreSQL, Redis and
# the generator (each process's CPU time over the run divided by the adds).
#
# Environment:
#   TEST_DATABASE_URL/TEST_REDIS_URL  reuse running services; unset: start and stop our own
#   ROUNDS (2)  DURATION (15s)  CONNS (256)  PER_CART (20, cartload -n)  PRODUCTS (1000)
#   SERVE_LOG_LEVEL (warn; info: the shop's default, an access-log line per add)
#   OUT         results folder (/tmp/bazaar-bench-out)
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH_DIR=$ROOT/tools/bench
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-15s}
CONNS=${CONNS:-256}
PER_CART=${PER_CART:-20}
PRODUCTS=${PRODUCTS:-1000}
OUT=${OUT:-/tmp/bazaar-bench-out}
mkdir -p "$OUT"
# shellcheck source=tools/bench/lib.sh
source "$BENCH_DIR/lib.sh"
PORT=$(free_port)

revs=("$@")
[ ${#revs[@]} -gt 0 ] || revs=(worktree)
bins=()
for rev in "${revs[@]}"; do
  bin=$OUT/bazaar-cart-${rev//\//_}
  if [ "$rev" = worktree ]; then
    run go build -o "$bin" ./app
  else
    tree=$(mktemp -d)
    run git worktree add -q --detach "$tree" "$rev"
    (cd "$tree" && run go build -o "$bin" ./app)
    git worktree remove --force "$tree"
  fi
  bins+=("$bin")
done
run go build -o "$OUT/cartload" ./tools/cartload

start_services
DB=$PG_BASE/bench_cart$PG_OPTS
REDIS=$REDIS_BASE/13

# ticks PID: the process's CPU ticks so far (user + system).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# cpu PATTERN: CPU ticks of the processes whose command name matches.
cpu() {
  local t=0 p
  for p in $(pgrep "$1" || true); do t=$((t + $(ticks "$p"))); done
  echo $t
}

field() { sed -n "s|.*\b$1=\([^ ]*\).*|\1|p" <<<"$result"; } # NAME: a value of cartload's result line

per_add() { # ticks adds -> µs per add
  awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t / hz / n * 1e6 }'
}

printf '| build | adds/s | p50 | p95 | p99 | CPU per add: server + PostgreSQL + Redis + generator (µs) |\n|---|---|---|---|---|---|\n' |
  tee "$OUT/cart.md"
for round in $(seq "$ROUNDS"); do
  for bin in "${bins[@]}"; do
    fresh_shop "$bin" bench_cart "$REDIS" "$PRODUCTS" "$OUT/cart-seed.log"
    BIN=$bin serve "$DB" "$REDIS" "$PORT"
    server=${PIDS[-1]}
    "$OUT/cartload" -url "http://127.0.0.1:$PORT" -c "$CONNS" -n "$PER_CART" -d 3s >/dev/null
    psql "$DB" -X -qc "analyze cart_carts" -c "analyze cart_items"
    s0=$(ticks "$server") p0=$(cpu '^postgres$') r0=$(cpu '^redis-server$')
    result=$(/usr/bin/time -f '%U %S' -o "$OUT/cartload.time" \
      "$OUT/cartload" -url "http://127.0.0.1:$PORT" -c "$CONNS" -n "$PER_CART" -d "$DURATION" | tail -n 1)
    s1=$(ticks "$server") p1=$(cpu '^postgres$') r1=$(cpu '^redis-server$')
    stop_servers
    echo "$result" >>"$OUT/cart-runs.txt"
    adds=$(field requests)
    gen=$(awk -v n="$adds" '{ printf "%.0f", ($1 + $2) / n * 1e6 }' "$OUT/cartload.time")
    printf '| %s (round %s) | %s | %s | %s | %s | %s + %s + %s + %s |\n' "$(basename "$bin")" "$round" \
      "$(field 'req/s')" "$(field p50)" "$(field p95)" "$(field p99)" \
      "$(per_add $((s1 - s0)) "$adds")" "$(per_add $((p1 - p0)) "$adds")" "$(per_add $((r1 - r0)) "$adds")" "$gen" |
      tee -a "$OUT/cart.md"
  done
done
echo "results in $OUT/cart.md" >&2
