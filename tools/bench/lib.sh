# Helpers shared by the benchmark scripts (sourced; expects ROOT and OUT).
# Loopback only; servers started here are stopped on exit, and so are the
# PostgreSQL and Redis of tools/testenv/services.sh if start_services
# started them.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
log() { printf '\n== %s\n' "$*" >&2; }
run() { printf '+ %s\n' "$*" >&2; "$@"; }

PIDS=()
OWN_SERVICES=""
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  if [ -n "$OWN_SERVICES" ]; then "$ROOT/tools/testenv/services.sh" stop "$OWN_SERVICES"; fi
}
trap cleanup EXIT

# start_services reuses TEST_DATABASE_URL/TEST_REDIS_URL, or starts its own
# services; it sets PG_BASE (postgres://user@host:port), PG_OPTS (?... or
# "") and REDIS_BASE (redis://host:port).
start_services() {
  if [ -z "${TEST_DATABASE_URL:-}" ] || [ -z "${TEST_REDIS_URL:-}" ]; then
    log "starting PostgreSQL + Redis (tools/testenv/services.sh, shared_buffers=${PG_SHARED_BUFFERS:=2GB})"
    # shellcheck disable=SC1091
    PG_SHARED_BUFFERS=$PG_SHARED_BUFFERS source "$ROOT/tools/testenv/services.sh" start
    OWN_SERVICES=$TESTENV_DIR
  fi
  PG_BASE=${TEST_DATABASE_URL%/*}
  PG_OPTS="?${TEST_DATABASE_URL#*\?}"
  [ "$PG_OPTS" = "?$TEST_DATABASE_URL" ] && PG_OPTS=""
  REDIS_BASE=${TEST_REDIS_URL%/*}
}

ensure_db() { # $1 name
  if ! psql "$PG_BASE/postgres$PG_OPTS" -X -qAt -c "select 1 from pg_database where datname = '$1'" | grep -q 1; then
    run psql "$PG_BASE/postgres$PG_OPTS" -X -qc "create database $1"
  fi
}

# fresh_shop BIN DB REDIS PRODUCTS LOG: database DB made anew next to the
# test database, Redis database REDIS emptied, PRODUCTS products seeded by
# BIN (its output in LOG).
fresh_shop() {
  psql "$PG_BASE/postgres$PG_OPTS" -X -qc "drop database if exists $2" -c "create database $2"
  redis-cli -u "$3" flushdb >/dev/null
  DATABASE_URL=$PG_BASE/$2$PG_OPTS REDIS_URL=$3 LOG_LEVEL=warn "$1" seed --products "$4" >"$5" 2>&1
}

# The servers log at SERVE_LOG_LEVEL: warn by default, as every figure before
# 2026-11-27 11:00 was taken; info is the shop's default (an access-log line
# per request). They log into a pipe, as into a container runtime's: a write
# to a pipe wakes its reader, where one to a file costs next to nothing.
serve() { # $1 url, $2 redis, $3 port -> starts $BIN serve, waits for /readyz
  DATABASE_URL=$1 REDIS_URL=$2 HTTP_ADDR=127.0.0.1:$3 LOG_LEVEL=${SERVE_LOG_LEVEL:-warn} "$BIN" serve > >(cat >"$OUT/serve-$3.log") 2>&1 &
  PIDS+=($!)
  echo "+ DATABASE_URL=$1 REDIS_URL=$2 HTTP_ADDR=127.0.0.1:$3 LOG_LEVEL=${SERVE_LOG_LEVEL:-warn} $BIN serve &" >&2
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$3/readyz" && return; sleep 0.1; done
  echo "server on $3 not ready; see $OUT/serve-$3.log" >&2
  exit 1
}

stop_servers() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  PIDS=()
}
