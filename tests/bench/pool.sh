#!/bin/sh
# tests/bench/pool.sh — the figure for matching pools (配捐): on a bench instance of its own (the demo
# data), 200 gifts credited at once (the sandbox's signed notices, 40 processes) against a pool with
# room for exactly 50 matches; http_pools' race case prints the time and the pool's final balance.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export BUILD=${BUILD:-build}
export VAR=${BENCH_VAR:-$ROOT/var/bench-pool}
PORT=${BENCH_PORT:-18093}
export DEMO_CHILDREN=${BENCH_DEMO_CHILDREN:-400}
export TX_VAR=$VAR TX_BASE=http://127.0.0.1:$PORT TX_ROOT=$ROOT

make --no-print-directory all "$BUILD/tests/http_pools"
sh conf/devctl.sh stop >/dev/null 2>&1 || true
rm -rf "$VAR"
trap 'sh conf/devctl.sh stop >/dev/null 2>&1' EXIT
sh conf/devctl.sh start "$PORT"
CK_RUN_CASE=race "$BUILD/tests/http_pools"
