#!/usr/bin/env bash
# Catalog performance on PostgreSQL + Redis (and embedded mode): seeding,
# cold-cache latency at 1k vs 1M products, EXPLAIN plans, cached and
# uncached throughput. Loopback only; every load run is bounded (wrk -d)
# and everything it starts is stopped on exit. See tools/bench/README.md.
#
#   tools/bench/catalog.sh [step ...]     (from the repository root)
#
# Steps (default: all of them, in this order):
#   build      go build -o $BAZAAR_BIN ./app
#   seed       seed bench_1k (SMALL products) and bench_1m (BIG products), timed
#   latency    cold-cache latency of GET /api/products cases, 1k vs 1M, RUNS each
#   explain    EXPLAIN (ANALYZE, BUFFERS) of the statements cold requests run at 1M (auto_explain)
#   cached     wrk, cache-warm first page, PostgreSQL + Redis (1M database)
#   uncached   wrk, every request a cache miss walking keyset cursors (1k and 1M)
#   embedded   wrk, cache-warm first page, `bazaar all` embedded (SQLite + in-process Redis)
#   profile    CPU profiles of the cached and the uncached run at 1M (the server's PPROF_ADDR)
#
# Environment:
#   TEST_DATABASE_URL/TEST_REDIS_URL  reuse running services (from
#                   `source tools/testenv/services.sh start`); unset: start and stop our own
#   BAZAAR_BIN      binary (default /tmp/bazaar-bench)
#   SMALL, BIG      catalog sizes (1000, 1000000)
#   RUNS, RUNS_BIG  requests per latency case at SMALL (20) and BIG (10: uncached 1M requests take seconds)
#   DURATION        wrk duration (20s)   CONNS  cached-run connections (256)
#   UNCACHED_CONNS  uncached-run connections (64)     OUT   results folder (/tmp/bazaar-bench-out)
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
export BENCH_DIR=$ROOT/tools/bench
BIN=${BAZAAR_BIN:-/tmp/bazaar-bench}
SMALL=${SMALL:-1000}
BIG=${BIG:-1000000}
RUNS=${RUNS:-20}
RUNS_BIG=${RUNS_BIG:-10}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-256}
UNCACHED_CONNS=${UNCACHED_CONNS:-64}
OUT=${OUT:-/tmp/bazaar-bench-out}
# shellcheck source=tools/bench/lib.sh
source "$BENCH_DIR/lib.sh"
PORT_SMALL=${PORT_SMALL:-$(free_port)}
PORT_BIG=${PORT_BIG:-$(free_port)}
PORT_EMB=${PORT_EMB:-$(free_port)}
PPROF_PORT=${PPROF_PORT:-$(free_port)}
mkdir -p "$OUT"

services() {
  start_services
  DB_SMALL=$PG_BASE/bench_1k$PG_OPTS
  DB_BIG=$PG_BASE/bench_1m$PG_OPTS
  # Redis databases 11 and 12: away from the tests' ones.
  REDIS_SMALL=$REDIS_BASE/11
  REDIS_BIG=$REDIS_BASE/12
}

psql_small() { psql "$DB_SMALL" -X -qAt "$@"; }
psql_big() { psql "$DB_BIG" -X -qAt "$@"; }

count_products() { # $1 url
  psql "$1" -X -qAt -c "select count(*) from catalog_products" 2>/dev/null || echo 0
}

step_build() {
  log "build"
  run go build -o "$BIN" ./app
}

seed_one() { # $1 url, $2 redis url, $3 products, $4 label
  local have
  have=$(count_products "$1")
  if [ "$have" -ge "$3" ]; then
    echo "$4: already $have products, not seeding (drop the database to re-measure)" >&2
    return
  fi
  if [ "$have" -gt 0 ]; then
    echo "$4: has $have products, not $3: drop it first (psql -c 'drop database ...')" >&2
    exit 1
  fi
  local start end
  start=$(date +%s.%N)
  DATABASE_URL=$1 REDIS_URL=$2 LOG_LEVEL=warn run /usr/bin/time -f "$4 seed: %e s wall, %U s user, %S s sys (Go process), max RSS %M KB" \
    "$BIN" seed --products "$3" 2> >(tr '\r' '\n' | grep -v '^ *products' >&2)
  end=$(date +%s.%N)
  printf '%s seed --products %s: %.1f s wall\n' "$4" "$3" "$(echo "$end - $start" | bc)" | tee -a "$OUT/seed.txt"
  psql "$1" -X -qAt -c "vacuum analyze" >/dev/null
}

step_seed() {
  log "seed (bulk inserts; then VACUUM ANALYZE so plans reflect the data)"
  ensure_db bench_1k
  ensure_db bench_1m
  seed_one "$DB_SMALL" "$REDIS_SMALL" "$SMALL" "1k"
  seed_one "$DB_BIG" "$REDIS_BIG" "$BIG" "1M"
  psql_big -c "select pg_size_pretty(pg_database_size(current_database()))" | sed 's/^/1M database size: /' | tee -a "$OUT/seed.txt"
}

# cursor_at URL N: the "newest" cursor after the N-th active product, built
# the way list.go encodes it: base64url(JSON {"s":sort,"k":key,"i":id}).
cursor_at() {
  local row
  row=$(psql "$1" -X -qAt -F ' ' -c "select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), id
    from catalog_products where status = 'active' order by created_at desc, id desc offset $(( $2 - 1 )) limit 1")
  printf '{"s":"newest","k":"%s","i":"%s"}' "${row% *}" "${row#* }" | base64 -w0 | tr '+/' '-_' | tr -d '='
}

# cursors_file URL FILE COUNT: COUNT cursors, page starts spread over the whole listing.
cursors_file() {
  psql "$1" -X -qAt -F ' ' -c "with r as (select created_at, id, row_number() over (order by created_at desc, id desc) n
      from catalog_products where status = 'active'),
    t as (select count(*) c from r)
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), id from r, t
    where n % greatest(c / $3, 20) = 0 order by n limit $3" |
    while read -r k i; do printf '{"s":"newest","k":"%s","i":"%s"}' "$k" "$i" | base64 -w0 | tr '+/' '-_' | tr -d '='; echo; done >"$2"
}

# stats: reads seconds, one a line; prints "median p95 min max" in ms (nearest rank).
stats() {
  sort -g | awk '{v[NR]=$1*1000} END {n=NR; m=(n%2)?v[(n+1)/2]:(v[n/2]+v[n/2+1])/2; i=int(n*0.95+0.999999); if(i>n)i=n;
    printf "%.1f %.1f %.1f %.1f\n", m, v[i], v[1], v[n]}'
}

# time_case PORT PATH [RUNS]: cold requests, prints stats. Each carries a
# fresh ignored `_cb` (the response cache misses) and follows a bump of the
# listing version in the server's Redis ($REDIS_SMALL or $REDIS_BIG by
# port), so the memoised categories and facets are recomputed too.
time_case() {
  local sep='?' i code t redis=$REDIS_SMALL
  case "$2" in *\?*) sep='&' ;; esac
  [ "$1" = "$PORT_BIG" ] && redis=$REDIS_BIG
  for i in $(seq "${3:-$RUNS}"); do
    redis-cli -u "$redis" incr catalog:ver:list >/dev/null
    sleep 0.3 # > the cache's 250 ms poll: the server has seen the bump
    # Wake the processes first: an idle VM takes ms to schedule each one.
    curl -s -o /dev/null "http://127.0.0.1:$1/readyz"
    read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$1$2${sep}_cb=$RANDOM$RANDOM-$i")
    [ "$code" = 200 ] || { echo "GET $2 -> $code" >&2; exit 1; }
    echo "$t"
  done | stats
}

step_latency() {
  log "cold-cache latency: $RUNS requests per case, each a response-cache miss after a listing-version bump (nothing memoised)"
  serve "$DB_SMALL" "$REDIS_SMALL" "$PORT_SMALL"
  serve "$DB_BIG" "$REDIS_BIG" "$PORT_BIG"
  local n_small n_big deep_small deep_big mid_big
  n_small=$(psql_small -c "select count(*) from catalog_products where status = 'active'")
  n_big=$(psql_big -c "select count(*) from catalog_products where status = 'active'")
  # Page 201 at limit 20 (after 4,000 rows) at 1M; the 1k listing has ~49 pages: its last full page.
  deep_small=$(cursor_at "$DB_SMALL" $(( n_small < 4000 ? n_small - 20 : 4000 )))
  deep_big=$(cursor_at "$DB_BIG" 4000)
  mid_big=$(cursor_at "$DB_BIG" $(( n_big / 2 )))
  local cases=(
    "first page|/api/products?limit=20"
    "deep cursor (page 201; 1k: last page)|/api/products?limit=20&cursor=@DEEP@"
    "category=apparel|/api/products?limit=20&category=apparel"
    "category=shirts|/api/products?limit=20&category=shirts"
    "q=shirt|/api/products?limit=20&q=shirt"
    "q=oxford linen|/api/products?limit=20&q=oxford%20linen"
    "category=shirts&attr.brand=Kestrel|/api/products?limit=20&category=shirts&attr.brand=Kestrel"
    "sort=price_asc|/api/products?limit=20&sort=price_asc"
    "category=apparel&sort=price_desc|/api/products?limit=20&category=apparel&sort=price_desc"
    "q=oxfrd linnen (typos)|/api/products?limit=20&q=oxfrd%20linnen"
  )
  # Warm PostgreSQL's buffers and the pools (the response cache stays cold: fresh _cb below).
  for c in "${cases[@]}"; do
    local p=${c#*|}
    curl -s -o /dev/null "http://127.0.0.1:$PORT_SMALL${p/@DEEP@/$deep_small}&_cb=warm$RANDOM"
    curl -s -o /dev/null "http://127.0.0.1:$PORT_BIG${p/@DEEP@/$deep_big}&_cb=warm$RANDOM"
  done
  {
    printf '| case | 1k median | 1k p95 | 1M median | 1M p95 | 1M/1k (median) |\n|---|---|---|---|---|---|\n'
    for c in "${cases[@]}"; do
      local name=${c%%|*} p=${c#*|} s b
      echo "+ $RUNS (1k) / $RUNS_BIG (1M) x curl http://127.0.0.1:{$PORT_SMALL,$PORT_BIG}${p}&_cb=<fresh>" >&2
      s=$(time_case "$PORT_SMALL" "${p/@DEEP@/$deep_small}")
      b=$(time_case "$PORT_BIG" "${p/@DEEP@/$deep_big}" "$RUNS_BIG")
      read -r sm sp _ _ <<<"$s"
      read -r bm bp _ _ <<<"$b"
      printf '| %s | %s ms | %s ms | %s ms | %s ms | %.1f× |\n' "$name" "$sm" "$sp" "$bm" "$bp" "$(echo "$bm / $sm" | bc -l)"
    done
    local m
    m=$(time_case "$PORT_BIG" "/api/products?limit=20&cursor=$mid_big" "$RUNS_BIG")
    printf '| 1M only: cursor at the middle (row %d) | | | %s ms | %s ms | |\n' $(( n_big / 2 )) $(cut -d' ' -f1 <<<"$m") $(cut -d' ' -f2 <<<"$m")
  } | tee "$OUT/latency.md"
  stop_servers
}

# step_explain: the plans of the statements the app itself runs (no copies
# of its SQL here to go stale), through PostgreSQL's auto_explain, for cold
# requests (listing version bumped first) at 1M.
step_explain() {
  log "EXPLAIN ANALYZE (auto_explain) of each cold request's statements at 1M -> $OUT/explain-*.txt"
  local pglog=${TESTENV_DIR:?explain reads the PostgreSQL log of tools/testenv/services.sh}/pg/log deep
  local s
  for s in "session_preload_libraries = 'auto_explain'" "auto_explain.log_min_duration = 0" \
    "auto_explain.log_analyze = on" "auto_explain.log_buffers = on"; do
    psql_big -c "ALTER DATABASE bench_1m SET $s"
  done
  deep=$(cursor_at "$DB_BIG" 4000)
  serve "$DB_BIG" "$REDIS_BIG" "$PORT_BIG"
  local -A cases=(
    [first]="/api/products?limit=20"
    [deep]="/api/products?limit=20&cursor=$deep"
    [apparel]="/api/products?limit=20&category=apparel"
    [shirts]="/api/products?limit=20&category=shirts"
    [q-shirt]="/api/products?limit=20&q=shirt"
    [q-oxford-linen]="/api/products?limit=20&q=oxford%20linen"
    [shirts-kestrel]="/api/products?limit=20&category=shirts&attr.brand=Kestrel"
  )
  local name mark
  for name in "${!cases[@]}"; do
    redis-cli -u "$REDIS_BIG" incr catalog:ver:list >/dev/null
    sleep 0.3
    mark=$(wc -c <"$pglog")
    echo "+ curl http://127.0.0.1:$PORT_BIG${cases[$name]}&_cb=<fresh> (plans -> $OUT/explain-$name.txt)" >&2
    curl -s -o /dev/null "http://127.0.0.1:$PORT_BIG${cases[$name]}&_cb=explain$RANDOM"
    sleep 0.2
    tail -c +$((mark + 1)) "$pglog" | grep -av 'platform_' >"$OUT/explain-$name.txt"
  done
  stop_servers
  psql_big -c "ALTER DATABASE bench_1m RESET ALL"
  grep -H -E 'duration:|Execution Time' "$OUT"/explain-*.txt | grep -v 'platform_' | head -60
}

wrk_run() { # label, wrk args...
  local label=$1
  shift
  run wrk "$@" | tee "$OUT/wrk-$label.txt" | grep -E 'RESULT|Requests/sec|Non-2xx|Socket errors' | sed "s/^/$label: /"
}

step_cached() {
  log "cache-warm GET /api/products?limit=20, PostgreSQL (1M) + Redis"
  serve "$DB_BIG" "$REDIS_BIG" "$PORT_BIG"
  curl -fs -o /dev/null "http://127.0.0.1:$PORT_BIG/api/products?limit=20" # fill the cache entry
  wrk_run cached-pg -t2 -c"$CONNS" -d"$DURATION" --latency -s "$BENCH_DIR/report.lua" "http://127.0.0.1:$PORT_BIG/api/products?limit=20"
  stop_servers
}

step_uncached() {
  log "uncached: every request misses the cache (fresh _cb) and walks keyset cursors"
  local label url redis port
  for label in 1k 1m; do
    if [ $label = 1k ]; then url=$DB_SMALL redis=$REDIS_SMALL port=$PORT_SMALL; else url=$DB_BIG redis=$REDIS_BIG port=$PORT_BIG; fi
    cursors_file "$url" "$OUT/cursors-$label.txt" 2000
    serve "$url" "$redis" "$port"
    CURSORS=$OUT/cursors-$label.txt wrk_run "uncached-$label" -t2 -c"$UNCACHED_CONNS" -d"$DURATION" --timeout 30s --latency \
      -s "$BENCH_DIR/uncached.lua" "http://127.0.0.1:$port/api/products?limit=20"
    stop_servers
  done
}

step_embedded() {
  log "embedded mode: bazaar all, no DATABASE_URL/REDIS_URL, 500 demo products"
  local dir
  dir=$(mktemp -d)
  env -u DATABASE_URL -u REDIS_URL DATA_DIR="$dir" HTTP_ADDR=127.0.0.1:$PORT_EMB LOG_LEVEL=warn "$BIN" all >"$OUT/embedded.log" 2>&1 &
  PIDS+=($!)
  echo "+ DATA_DIR=$dir HTTP_ADDR=127.0.0.1:$PORT_EMB LOG_LEVEL=warn $BIN all &" >&2
  for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$PORT_EMB/readyz" && break; sleep 0.1; done
  curl -fs -o /dev/null "http://127.0.0.1:$PORT_EMB/api/products?limit=20"
  wrk_run cached-embedded -t2 -c"$CONNS" -d"$DURATION" --latency -s "$BENCH_DIR/report.lua" "http://127.0.0.1:$PORT_EMB/api/products?limit=20"
  CURSORS="" wrk_run uncached-embedded -t2 -c"$UNCACHED_CONNS" -d"$DURATION" --timeout 30s --latency \
    -s "$BENCH_DIR/uncached.lua" "http://127.0.0.1:$PORT_EMB/api/products?limit=20"
  stop_servers
  rm -rf "$dir"
}

step_profile() {
  log "CPU profiles of the cache-warm and the uncached run (the server's PPROF_ADDR)"
  local mode
  cursors_file "$DB_BIG" "$OUT/cursors-1m.txt" 2000
  for mode in cached uncached; do
    PPROF_ADDR=127.0.0.1:$PPROF_PORT serve "$DB_BIG" "$REDIS_BIG" "$PORT_BIG"
    curl -fs -o /dev/null "http://127.0.0.1:$PORT_BIG/api/products?limit=20"
    if [ $mode = cached ]; then
      wrk -t2 -c"$CONNS" -d15s -s "$BENCH_DIR/report.lua" "http://127.0.0.1:$PORT_BIG/api/products?limit=20" >"$OUT/wrk-profile-$mode.txt" &
    else
      CURSORS=$OUT/cursors-1m.txt wrk -t2 -c"$UNCACHED_CONNS" -d15s --timeout 30s -s "$BENCH_DIR/uncached.lua" \
        "http://127.0.0.1:$PORT_BIG/api/products?limit=20" >"$OUT/wrk-profile-$mode.txt" &
    fi
    local w=$!
    sleep 2
    run curl -fs -o "$OUT/cpu-$mode.pprof" "http://127.0.0.1:$PPROF_PORT/debug/pprof/profile?seconds=10"
    wait $w
    run go tool pprof -top -nodecount=40 "$BIN" "$OUT/cpu-$mode.pprof" | tee "$OUT/pprof-$mode-top.txt" | head -50
    go tool pprof -top -cum -nodecount=60 "$BIN" "$OUT/cpu-$mode.pprof" >"$OUT/pprof-$mode-cum.txt" 2>&1
    stop_servers
  done
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(build seed latency explain cached uncached embedded)
for s in "${steps[@]}"; do
  case $s in
    build) step_build ;;
    seed | latency | explain | cached | uncached | profile) [ -n "${PG_BASE:-}" ] || services; "step_$s" ;;
    embedded) step_embedded ;;
    *) echo "unknown step $s" >&2; exit 2 ;;
  esac
done
echo "results in $OUT" >&2
