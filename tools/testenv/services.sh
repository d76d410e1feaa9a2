#!/usr/bin/env bash
# Starts PostgreSQL and Redis on loopback in a scratch folder for tests.
#   source tools/testenv/services.sh start   -> exports TEST_DATABASE_URL, TEST_REDIS_URL
#   tools/testenv/services.sh stop <dir>
# PG_SHARED_BUFFERS (default 128MB, PostgreSQL's own default) sizes the
# buffer cache; the catalog benchmark uses 2GB, as a production server would.
# PostgreSQL refuses to run as root, so as root it runs as the postgres user.
set -euo pipefail

pg_bin() {
  local b
  b=$(command -v "$1" 2>/dev/null || true)
  [ -n "$b" ] || b=$(ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1)
  [ -n "$b" ] || { echo "services: $1 not found (apt-get install postgresql)" >&2; return 1; }
  echo "$b"
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo "$1"; }

start() {
  TESTENV_DIR=$(mktemp -d /tmp/bazaar-services.XXXXXX)
  chmod 755 "$TESTENV_DIR"
  local pgdata="$TESTENV_DIR/pg" pgport redisport
  pgport=$(free_port 55432)
  redisport=$(free_port 56379)
  mkdir -p "$pgdata"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdata"
  as_pg "$(pg_bin initdb)" -D "$pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$TESTENV_DIR/initdb.log"
  as_pg "$(pg_bin pg_ctl)" -D "$pgdata" -l "$pgdata/log" \
    -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c shared_buffers=${PG_SHARED_BUFFERS:-128MB}" \
    -w start >/dev/null
  psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "create database bazaar_test" >/dev/null
  redis-server --port "$redisport" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$TESTENV_DIR/redis.pid" --logfile "$TESTENV_DIR/redis.log"
  for _ in $(seq 50); do redis-cli -p "$redisport" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export TESTENV_DIR
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pgport/bazaar_test?sslmode=disable"
  export TEST_REDIS_URL="redis://127.0.0.1:$redisport/0"
  echo "services: PostgreSQL on $pgport, Redis on $redisport ($TESTENV_DIR)" >&2
}

stop() {
  local dir=$1
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  [ -d "$dir/pg" ] && as_pg "$(pg_bin pg_ctl)" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?usage: services.sh stop DIR}" ;;
  *) echo "usage: services.sh start|stop DIR" >&2; return 2 2>/dev/null || exit 2 ;;
esac
