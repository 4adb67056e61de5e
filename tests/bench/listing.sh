#!/bin/sh
# tests/bench/listing.sh — issue 14, goals 1 and 6: the uncached /children on the miss mix beside
# the PHP peer (as it comes, and with the indexes a PHP deployer would add) and /healthz; then the
# same instance grown to 100,000 children: page 3,000 and the filtered uncached listing beside the
# 10,000 figure. Figures side by side from one run: compare the ratios, the machine is shared and
# noisy.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export BUILD=${BUILD:-build}
export VAR=${BENCH_LISTING_VAR:-$ROOT/var/bench-listing}
PORT=${BENCH_PORT:-18071}
export DEMO_CHILDREN=10000
DURATION=${BENCH_SECONDS:-10}
PEER=${PEER_DIR:-$ROOT/../shared/peer-php}
[ -d "$PEER" ] || PEER=$ROOT/../../shared/peer-php
PEER_RUN=$(dirname "$(mktemp -u)")/txpeerphp
MIX=$PEER/miss.lua

sh conf/devctl.sh deps bench
sh conf/devctl.sh stop >/dev/null 2>&1 || true
rm -rf "$VAR"
peer_started=
stop_all() {
  sh conf/devctl.sh stop >/dev/null 2>&1
  if [ -n "$peer_started" ]; then
    kill "$(cat "$PEER_RUN/nginx.pid")" "$(cat "$PEER_RUN/fpm.pid")" 2>/dev/null || true
  fi
}
trap stop_all EXIT
sh conf/devctl.sh start "$PORT"
base=http://127.0.0.1:$PORT
sock=$VAR/run/mysqld.sock

sql() { mariadb --no-defaults --socket="$sock" -uroot -N -B tongxiang -e "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# Requests/s of wrk at 8 connections against url, with the miss mix when a script is given.
rps() { # url [script]
  wrk -t1 -c2 -d2s ${2:+-s "$2"} "$1" > /dev/null 2>&1
  wrk -t2 -c8 -d"${DURATION}s" ${2:+-s "$2"} "$1" > "$VAR/wrk.out" 2>&1
  awk '/^Requests\/sec:/ {print $2}' "$VAR/wrk.out"
}
show() { printf '%-58s %10s req/s\n' "$1" "$2"; }

# What a request of the miss mix costs, which the shared machine's load moves less than req/s:
# CPU in the app's workers, mariadbd and nginx's workers, and the statements mariadbd ran.
ticks() {
  for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat"; done |
    awk '{s += $1} END {print s + 0}'
}
stmts() {
  sql "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
       WHERE VARIABLE_NAME = 'COM_STMT_EXECUTE'"
}
per_request() {
  app=$(pgrep -P "$(cat "$VAR/run/app.pid")" | tr '\n' ' ')
  ngx=$(pgrep -P "$(cat "$VAR/run/nginx.pid")" | tr '\n' ' ')
  db=$(cat "$VAR/run/mysqld.pid")
  a0=$(ticks $app) d0=$(ticks $db) n0=$(ticks $ngx) s0=$(stmts)
  wrk -t2 -c8 -d"${DURATION}s" -s "$MIX" "$base" > "$VAR/wrk.out" 2>&1
  awk -v n="$(awk '/requests in/ {print $1}' "$VAR/wrk.out")" -v hz="$(getconf CLK_TCK)" \
      -v a=$(($(ticks $app) - a0)) -v d=$(($(ticks $db) - d0)) -v g=$(($(ticks $ngx) - n0)) \
      -v s=$(($(stmts) - s0)) 'BEGIN {
        printf "  a request: app %.0f us, mariadbd %.0f us, nginx %.0f us of CPU;" \
               " %.2f statements\n",
               a * 1e6 / hz / n, d * 1e6 / hz / n, g * 1e6 / hz / n, s / n }'
}

# Milliseconds a single uncached request for path takes, the median of 21.
ms_one() {
  for _ in $(seq 21); do
    curl -s -o /dev/null -w '%{time_total}\n' "$base$1"
  done | sort -n | sed -n 11p | awk '{printf "%.2f", $1 * 1000}'
}

# MariaDB done with the load (purge, flushing), so that it does not share the cores with a run.
settled() {
  sql "SELECT (SELECT COUNT FROM information_schema.INNODB_METRICS
               WHERE NAME = 'trx_rseg_history_len') < 100 AND
              (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
               WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY') < 100"
}
settle() {
  for _ in $(seq 60); do
    [ "$(settled)" = 1 ] && return
    sleep 1
  done
}
settle

echo "== listing: $DEMO_CHILDREN children, wrk -t2 -c8 -d${DURATION}s, $(nproc) cores;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: compare ratios)"

# The peer, on this instance's database. Only one peer can run (port 18082): another's is left be.
peer_asis= peer_fair=
if curl -sf -o /dev/null http://127.0.0.1:18082/children; then
  echo "-- the PHP peer is already up on another instance's database: its figures are skipped"
else
  sh "$PEER/up" "$sock" tongxiang
  peer_started=1
  peer_asis=$(rps http://127.0.0.1:18082 "$MIX")
  show "PHP peer, miss mix, as it comes" "$peer_asis"
  # What a PHP deployer would add for its queries (birth_date, waiting_since): this run only.
  sql "ALTER TABLE children ADD KEY k_peer_birth (listed, birth_date),
       ADD KEY k_peer_wait (listed, waiting_since, id)"
  peer_fair=$(rps http://127.0.0.1:18082 "$MIX")
  show "PHP peer, miss mix, with its two indexes" "$peer_fair"
  sql "ALTER TABLE children DROP KEY k_peer_birth, DROP KEY k_peer_wait"
  kill "$(cat "$PEER_RUN/nginx.pid")" "$(cat "$PEER_RUN/fpm.pid")"
  peer_started=
fi

PAGE_CACHE=0 sh conf/devctl.sh app-restart
app_off=$(rps "$base" "$MIX")
show "app, miss mix, page cache off" "$app_off"
per_request
health=$(rps "$base/healthz")
show "app, /healthz" "$health"
PAGE_CACHE=64 sh conf/devctl.sh app-restart
show "app, miss mix, page cache 64" "$(rps "$base" "$MIX")"

if [ -n "$peer_fair" ]; then
  echo "uncached app / indexed peer: $(ratio "$app_off" "$peer_fair") (goal >= 2.5);" \
       "/ peer as it comes: $(ratio "$app_off" "$peer_asis")"
fi
echo "uncached app / healthz: $(ratio "$app_off" "$health") (goal >= 0.3)"

# Goal 6: the same instance, grown tenfold by copies of its children (new codes and ID hashes;
# their sealed fields stay as they were, unread by the listing).
PAGE_CACHE=0 sh conf/devctl.sh app-restart
ten_k=$app_off
ten_k_deep=$(ms_one "/children?page=100")
# Copied from a table of their own: an INSERT ... SELECT from children itself needs a temporary
# table of the whole.
sql "CREATE TABLE bench_copy AS SELECT * FROM children WHERE id <= 10000"
sql "INSERT INTO children (code, alias, gender, birth_date, county_code, city_code, category,
       status, waiting_since, consent_publish, consent_date, pii_real_name, pii_id_number,
       pii_guardian, id_hash, exit_reason, exited_at)
     SELECT CONCAT('X', s.seq, LPAD(c.id, 8, '0')), c.alias, c.gender, c.birth_date,
       c.county_code, c.city_code, c.category, c.status, c.waiting_since, c.consent_publish,
       c.consent_date, c.pii_real_name, c.pii_id_number, c.pii_guardian,
       UNHEX(SHA2(CONCAT(s.seq, '-', c.id), 256)), c.exit_reason, c.exited_at
     FROM bench_copy c JOIN seq_1_to_9 s;
     DROP TABLE bench_copy"
settle
echo "== $(sql "SELECT COUNT(*) FROM children") children ($(sql "SELECT COUNT(*) FROM children
     WHERE listed = 1") listed), page cache off"
hundred_k=$(rps "$base" "$MIX")
show "app, miss mix (age filters), 10,000 children" "$ten_k"
show "app, miss mix (age filters), 100,000 children" "$hundred_k"
echo "filtered uncached listing, 10,000 / 100,000 children: $(ratio "$ten_k" "$hundred_k")" \
     "(goal <= 1.3)"
echo "page 100 (the last shown), one request: $ten_k_deep ms at 10,000," \
     "$(ms_one "/children?page=100") ms at 100,000"
echo "page 3,000 (只显示前 100 页), one request at 100,000: $(ms_one "/children?page=3000") ms" \
     "(goal <= 5); /healthz $(ms_one "/healthz") ms"
# What a total costs when it must be counted: the first request after any listed child changes.
cold() { # path
  for _ in $(seq 11); do
    sql "UPDATE content_generation SET gen = gen + 1 WHERE id = 1"
    curl -s -o /dev/null -w '%{time_total}\n' "$base$1"
  done | sort -n | sed -n 6p | awk '{printf "%.2f", $1 * 1000}'
}
echo "the same just after a change (totals counted again): /children $(cold /children) ms," \
     "page 3,000 $(cold "/children?page=3000") ms, an age filter" \
     "$(cold "/children?age_min=3&age_max=8") ms"
