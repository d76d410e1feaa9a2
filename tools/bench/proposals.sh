#!/usr/bin/env bash
# Copies the 1M benchmark database to a scratch database, runs
# tools/bench/proposals.sql there (index and query experiments), drops the copy.
# Needs the services of catalog.sh (TEST_DATABASE_URL) and no open connection
# to bench_1m (CREATE DATABASE ... TEMPLATE requires it).
#   tools/bench/proposals.sh [out-file]
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TEST_DATABASE_URL:?source tools/testenv/services.sh start, and seed with tools/bench/catalog.sh seed}"
base=${TEST_DATABASE_URL%/*}
opts="?${TEST_DATABASE_URL#*\?}"
[ "$opts" = "?$TEST_DATABASE_URL" ] && opts=""
out=${1:-/tmp/bazaar-bench-out/proposals.txt}
mkdir -p "$(dirname "$out")"
run() { printf '+ %s\n' "$*" >&2; "$@"; }
run psql "$base/postgres$opts" -X -qc "drop database if exists bench_1m_scratch"
start=$(date +%s)
run psql "$base/postgres$opts" -X -qc "create database bench_1m_scratch template bench_1m"
echo "copy: $(( $(date +%s) - start )) s" >&2
trap 'psql "$base/postgres$opts" -X -qc "drop database if exists bench_1m_scratch"' EXIT
run psql "$base/bench_1m_scratch$opts" -X -qc "vacuum analyze"
# Warm pass first (fills the OS cache after the copy), then the measured pass.
psql "$base/bench_1m_scratch$opts" -X -f tools/bench/proposals.sql >/dev/null 2>&1 || true
run psql "$base/bench_1m_scratch$opts" -X -qc "drop index if exists catalog_products_facets" -c "drop table if exists catalog_facet_counts"
run psql "$base/bench_1m_scratch$opts" -X -f tools/bench/proposals.sql >"$out" 2>&1
grep -E '^(===|--)|Execution Time|^Time:|summary_rows|^ +[0-9]+$' "$out"
