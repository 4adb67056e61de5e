#!/bin/sh
# tests/bench/batch.sh — the figures for a county's payout batch: a bench instance of its own (the demo data, then
# BATCH_CHILDREN, 5,000, paired children of 武汉市武昌区 with funds and accounts), then bench_batch times making the
# batch, submitting, approving, the bank's file in UTF-8 and GBK, and the bank's result file read back twice.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export BUILD=${BUILD:-build}
export VAR=${BENCH_VAR:-$ROOT/var/bench-batch}
PORT=${BENCH_PORT:-18092}
export DEMO_CHILDREN=${BENCH_DEMO_CHILDREN:-400}
export TX_VAR=$VAR TX_BASE=http://127.0.0.1:$PORT TX_ROOT=$ROOT

make --no-print-directory all "$BUILD/tests/bench_batch"
sh conf/devctl.sh stop >/dev/null 2>&1 || true
rm -rf "$VAR"
trap 'sh conf/devctl.sh stop >/dev/null 2>&1' EXIT
sh conf/devctl.sh start "$PORT"
"$BUILD/tests/bench_batch"
