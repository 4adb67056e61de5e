#!/bin/sh
# tests/bench/dashboard.sh — issue 14's goal 5: /admin, the dashboard, over 10,000 and 110,000
# demo children, as the province, a city (恩施州) and a county (巴东县), at 8 connections; req/s,
# p50 and p99 of each beside /healthz's from the same run, the CPU time MariaDB and the app spent
# on each request (what other loads on a shared machine change least), and how the cost grows
# with the children. Each size on a fresh instance of its own (var/bench-dash), or with
# BENCH_DASH_KEEP=1 the one there if it holds that many children (loading 110,000 takes minutes).
# A benchmark: it asserts nothing; the machine is shared, so compare within one run.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export BUILD=${BUILD:-build}
export VAR=${BENCH_DASH_VAR:-$ROOT/var/bench-dash}
PORT=${BENCH_PORT:-18074}
DURATION=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
SIZES=${BENCH_DASH_SIZES:-10000 110000}
# 110,000 children's rows and indexes take about 210 MB: a buffer pool that holds them measures the
# dashboard's queries, not the disk.
export DB_POOL=${BENCH_DASH_POOL:-256M}
base=http://127.0.0.1:$PORT

sql() { mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot -N -B -e "$1"; }

# Let MariaDB finish with the demo load (purge, page flushing) first. At most 60 s.
settle() {
  for _ in $(seq 60); do
    hist=$(sql "SHOW ENGINE INNODB STATUS" | sed -n 's/.*History list length \([0-9]*\).*/\1/p')
    dirty=$(sql "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'" | awk '{print $2}')
    [ "${hist:-0}" -lt 100 ] && [ "${dirty:-0}" -lt 100 ] && break
    sleep 1
  done
}

# A staff member's session cookie (every demo account has the demo password).
staff_token() {
  jar=$VAR/staff-$1.jar
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/admin/login" |
         sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "csrf=$csrf&username=$1&password=tongxiang-demo" \
    "$base/admin/login"
  awk '$6 == "tx_a" {print $7}' "$jar"
}

# CPU seconds in clock ticks so far of this instance's mariadbd, txappd and its workers.
ticks() {
  master=$(cat "$VAR/run/app.pid")
  for p in $(cat "$VAR/run/mysqld.pid") "$master" $(pgrep -P "$master"); do
    awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null
  done | awk '{t += $1} END {print t + 0}'
}

# wrk's figures of one page ($1, a cookie header or ""): req/s, p50 and p99 in ms.
ms() {
  awk -v k="$1" '$1 == k {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.1f", v}' "$VAR/wrk.out"
}
measure() {
  t0=$(ticks)
  if [ -n "$1" ]; then
    wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: $1" "$base$2" > "$VAR/wrk.out" 2>&1
  else
    wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$base$2" > "$VAR/wrk.out" 2>&1
  fi
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$VAR/wrk.out")
  p50=$(ms 50%); p99=$(ms 99%)
  bad=$(awk '/Non-2xx/ {print $NF}' "$VAR/wrk.out")
  cpu=$(awk -v t="$(($(ticks) - t0))" -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {n = $1} END {if (n > 0) printf "%.2f", t * 1000 / hz / n}' "$VAR/wrk.out")
}

sh conf/devctl.sh deps bench
echo "== the dashboard (goal 5: the province's p99 <= 50 ms at $CONNS connections over" \
     "110,000 children), wrk -t2 -c$CONNS -d${DURATION}s, $(nproc) cores"
printf '%-9s %-10s %10s %9s %9s %12s %10s\n' children page req/s "p50 ms" "p99 ms" "CPU ms/req" \
  "/healthz"
for n in $SIZES; do
  sh conf/devctl.sh stop >/dev/null 2>&1 || true
  [ "${BENCH_DASH_KEEP:-0}" = 1 ] && [ -d "$VAR/db" ] && sh conf/devctl.sh db-start >/dev/null &&
    [ "$(sql "SELECT COUNT(*) FROM tongxiang.children" 2>/dev/null)" = "$n" ] ||
    { sh conf/devctl.sh stop >/dev/null 2>&1 || true; rm -rf "$VAR"; }
  trap 'sh conf/devctl.sh stop >/dev/null 2>&1' EXIT
  # A start whose demo load timed out on a busy machine goes on from what it loaded.
  DEMO_CHILDREN=$n sh conf/devctl.sh start "$PORT" > /dev/null ||
    DEMO_CHILDREN=$n sh conf/devctl.sh start "$PORT" > /dev/null
  settle
  measure "" /healthz; health=$rps
  for who in province enshi badong; do
    cookie="tx_a=$(staff_token "$who")"
    wrk -t1 -c2 -d1s -H "Cookie: $cookie" "$base/admin" > /dev/null 2>&1
    measure "$cookie" /admin
    printf '%-9s %-10s %10s %9s %9s %12s %10s%s\n' "$n" "$who" "$rps" "$p50" "$p99" "$cpu" \
      "$health" "${bad:+   non-2xx: $bad}"
    [ "$who" = province ] && eval "province_$n=\$rps"
  done
done
sh conf/devctl.sh stop >/dev/null 2>&1 || true
trap - EXIT
# How the province's cost grows: its throughput at the largest size against the smallest's.
first=${SIZES%% *}; last=${SIZES##* }
eval "a=\${province_$first:-0} b=\${province_$last:-0}"
awk -v a="$a" -v b="$b" -v f="$first" -v l="$last" 'BEGIN {
  if (a > 0 && b > 0) printf "province: req/s at %s children / at %s: %.2f\n", l, f, b / a }'
