#!/bin/sh
# tests/bench/campaign.sh — issue 14's goals 3 and 7: the campaign-day mix (tests/bench/campaign.c)
# on 100,000 children, then the resident memory of the whole stack (nginx, txappd's master and
# workers, mariadbd) as conf/mariadb-small.cnf and devctl run it. A benchmark: it asserts nothing.
# The machine is shared; read the figures as one run's.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export BUILD=${BUILD:-build}
export VAR=${CAMPAIGN_VAR:-$ROOT/var/bench-campaign}
PORT=${BENCH_PORT:-18076}
export DEMO_CHILDREN=${CAMPAIGN_CHILDREN:-100000} SIGNUPS_PER_ADDR=1000
CONNS=${CAMPAIGN_CONNECTIONS:-64}
SECONDS_RUN=${CAMPAIGN_SECONDS:-60}

sh conf/devctl.sh stop >/dev/null 2>&1 || true
rm -rf "$VAR"
trap 'sh conf/devctl.sh stop >/dev/null 2>&1' EXIT
# At 100,000 children a step of `txctl demo-staff` (the demo's care and money) can outlast the
# app's database timeout on a busy machine ("connection lost"); the children, staff and donors
# are in by then, which is all the mix needs, so the instance is started again without it.
sh conf/devctl.sh start "$PORT" || sh conf/devctl.sh start "$PORT"

sql() { mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot -N -B -e "$1"; }
status_of() { sql "SHOW GLOBAL STATUS LIKE '$1'" | awk '{print $2}'; }

# The demo load leaves InnoDB purging and flushing for a while; measure once it is done
# (60 s at most).
for _ in $(seq 60); do
  hist=$(sql "SHOW ENGINE INNODB STATUS" | sed -n 's/.*History list length \([0-9]*\).*/\1/p')
  [ "${hist:-0}" -lt 100 ] && [ "$(status_of Innodb_buffer_pool_pages_dirty)" -lt 100 ] && break
  sleep 1
done

echo "== campaign day: $(sql "SELECT COUNT(*) FROM tongxiang.children") children" \
     "($(sql "SELECT COUNT(*) FROM tongxiang.children WHERE listed = 1") listed), $(nproc) cores"
TX_VAR=$VAR TX_BASE=http://127.0.0.1:$PORT TX_ROOT=$ROOT \
  "$BUILD/tests/campaign" "$CONNS" "$SECONDS_RUN" ||
  echo "campaign: some requests failed or were refused (see above)"

# What the tail is made of: the requests the app itself logged as slow (App.SlowMs, its own time
# in the worker, queueing before it not counted), by route shape, the most frequent first; the
# donors' sign-ups (a password hash each, before the mix) left out.
echo "-- the app's slow requests (over App.SlowMs) by route: count, mean ms, max ms:"
awk '/ POST \/signup: / {next}
match($0, / warn: [A-Z]+ [^ ]+: slow: [0-9]+ ms/) {
  split(substr($0, RSTART + 7, RLENGTH - 7), f, " ")
  path = f[2]; sub(/:$/, "", path); q = ""
  if ((i = index(path, "?")) > 0) { q = substr(path, i + 1); path = substr(path, 1, i - 1) }
  gsub(/\/[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]+/, "/{c}", path)
  n = split(q, kv, "&"); keys = ""
  for (j = 1; j <= n; j++) { split(kv[j], p, "="); keys = keys (j > 1 ? "&" : "?") p[1] }
  k = f[1] " " path keys; c[k]++; s[k] += f[4]; if (f[4] > mx[k]) mx[k] = f[4]
}
END { for (k in c) printf "%6d %8.0f %8d  %s\n", c[k], s[k] / c[k], mx[k], k }' \
  "$VAR/log/app.log" | sort -rn | head -12

# Every process of the stack with its resident memory, and the sum (goal: under 200 MB). RSS
# counts a page shared by several processes (libc, the app's code, what the app's workers share
# with their master) in each of them; PSS divides it among them, so the sum of PSS is what the
# stack takes from the machine. Both are shown.
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup"; }
total=0 total_pss=0
row() {
  kb=$(rss_kb "$2") pss=$(pss_kb "$2")
  total=$((total + kb)) total_pss=$((total_pss + pss))
  printf '%-22s %8s %8d KB RSS %8d KB PSS\n' "$1" "$2" "$kb" "$pss"
}
pool=$(sql "SELECT @@innodb_buffer_pool_size DIV 1048576")
echo "-- resident memory after the mix (InnoDB buffer pool ${pool}M):"
nginx=$(cat "$VAR/run/nginx.pid")
row "nginx master" "$nginx"
for pid in $(ps -o pid= --ppid "$nginx"); do row "nginx worker" "$pid"; done
app=$(cat "$VAR/run/app.pid")
row "txappd master" "$app"
for pid in $(ps -o pid= --ppid "$app"); do row "txappd worker" "$pid"; done
row "mariadbd" "$(cat "$VAR/run/mysqld.pid")"
printf '%-31s %8d KB RSS %8d KB PSS = %d MB RSS, %d MB PSS (goal < 200 MB)\n' "the whole stack" \
  "$total" "$total_pss" $((total / 1024)) $((total_pss / 1024))
