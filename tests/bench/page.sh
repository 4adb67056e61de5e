#!/bin/sh
# tests/bench/page.sh — the figure for personal pages (一起捐): on a bench instance of its own (the
# demo data), a live page given GIFTS (10,000) paid gifts, then wrk against /p/{code} and /healthz
# in one run: requests/s, p99 and their ratio. The page is never served from the page cache (a
# gift shows at once), so this is its only cost; run it again with another GIFTS to see how that
# cost grows with the gifts.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export BUILD=${BUILD:-build}
export VAR=${BENCH_VAR:-$ROOT/var/bench-page}
PORT=${BENCH_PORT:-18094}
export DEMO_CHILDREN=${BENCH_DEMO_CHILDREN:-400}
GIFTS=${GIFTS:-10000}
DURATION=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
PAGE=DEMP0001

make --no-print-directory all
sh conf/devctl.sh stop >/dev/null 2>&1 || true
rm -rf "$VAR"
trap 'sh conf/devctl.sh stop >/dev/null 2>&1' EXIT
sh conf/devctl.sh start "$PORT"
base=http://127.0.0.1:$PORT
sql() { mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot -N -B tongxiang -e "$1"; }

# The gifts, as crediting writes them (paid, a receipt number of 1990, the page on them); the
# triggers keep the page's raised_totals.
sql "SET @p = (SELECT id FROM fund_pages WHERE code = '$PAGE');
     INSERT INTO donations (amount_fen, status, purpose, paid_at, donor_name, anonymous, message,
       receipt_year, receipt_seq, receipt_code, page_id)
     SELECT 10000 + s.seq % 50 * 100, 'paid', 'general', NOW() - INTERVAL s.seq MINUTE,
       CONCAT('演示·压测', s.seq), s.seq % 3 = 0, IF(s.seq % 4 = 0, '加油！', NULL), 1990, s.seq,
       'BENCHPAGEBENCHPA', @p FROM seq_1_to_$GIFTS s;"
measure() {
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$base$1" > "$VAR/wrk.out" 2>&1
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$VAR/wrk.out")
  p99=$(awk '$1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v}' "$VAR/wrk.out")
  printf '%-24s %10s req/s   p99 %8s ms\n' "$1" "$rps" "$p99"
}
wrk -t1 -c2 -d2s "$base/p/$PAGE" > /dev/null 2>&1
echo "== /p/$PAGE with $(sql "SELECT COUNT(*) FROM donations WHERE page_id = \
  (SELECT id FROM fund_pages WHERE code = '$PAGE')") gifts, wrk -t2 -c$CONNS -d${DURATION}s"
measure "/p/$PAGE"; page_rps=$rps
measure "/healthz"; health_rps=$rps
echo "page / healthz: $(awk -v a="$page_rps" -v b="$health_rps" 'BEGIN {printf "%.2f", a / b}')"
