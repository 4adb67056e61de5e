#!/bin/sh
# tests/bench.sh — `make bench`: 10,000 demo children, then wrk against the listing page and
# /healthz in one run. Prints requests/s and p99 for each, their ratio, and the resident memory of
# the app workers and mariadbd. A benchmark, not a test: it asserts nothing. Compare ratios within
# one run; the machine is shared and noisy.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export BUILD=${BUILD:-build}
export VAR=${BENCH_VAR:-$ROOT/var/bench}
PORT=${BENCH_PORT:-18090}
export DEMO_CHILDREN=${BENCH_CHILDREN:-10000} SIGNUPS_PER_ADDR=1000
DURATION=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
LISTING="/children?city=420100&sort=waiting"

sh conf/devctl.sh deps bench
sh conf/devctl.sh stop >/dev/null 2>&1 || true
rm -rf "$VAR"
trap 'sh conf/devctl.sh stop >/dev/null 2>&1' EXIT
sh conf/devctl.sh start "$PORT"
base=http://127.0.0.1:$PORT

# wrk's summary: requests/s and the 99th percentile latency, normalised to milliseconds.
measure() {
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$base$1" > "$VAR/wrk.out" 2>&1
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$VAR/wrk.out")
  p99=$(awk '$1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v}' "$VAR/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$VAR/wrk.out")
  printf '%-40s %10s req/s   p99 %8s ms%s\n' "$1" "$rps" "$p99" "${non2xx:+   non-2xx: $non2xx}"
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
sql() { mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot -N -B -e "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
# How many children a listing page says it found.
found() { curl -s "$1" | sed -n 's/.*找到 <b>\([0-9]*\)<\/b>.*/\1/p'; }

# Let MariaDB finish with the demo load (purge, page flushing) first: the listing shares the two
# cores with it and /healthz does not, so a busy server would skew the ratio. At most 60 s.
for _ in $(seq 60); do
  hist=$(sql "SHOW ENGINE INNODB STATUS" | sed -n 's/.*History list length \([0-9]*\).*/\1/p')
  dirty=$(sql "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'" | awk '{print $2}')
  [ "${hist:-0}" -lt 100 ] && [ "${dirty:-0}" -lt 100 ] && break
  sleep 1
done
# Warm the caches (buffer pool, statement cache) so that neither side pays the first-request cost.
wrk -t1 -c2 -d2s "$base$LISTING" > /dev/null 2>&1
wrk -t1 -c2 -d1s "$base/healthz" > /dev/null 2>&1

echo "== $DEMO_CHILDREN children, wrk -t2 -c$CONNS -d${DURATION}s, $(nproc) cores"
echo "listing finds $(found "$base$LISTING") children in 武汉市" \
     "($(curl -s "$base$LISTING" | wc -c) bytes of HTML)"
measure "$LISTING"; listing_rps=$rps
measure "/healthz"; health_rps=$rps

echo "listing / healthz throughput ratio: $(ratio "$listing_rps" "$health_rps") (goal >= 0.50)"

# What the page cache saves: the same page rendered from the database on every request.
PAGE_CACHE=0 sh conf/devctl.sh app-restart
wrk -t1 -c2 -d2s "$base$LISTING" > /dev/null 2>&1
echo "-- page cache off (every request queries and renders):"
measure "$LISTING"
echo "uncached listing / healthz: $(ratio "$rps" "$health_rps")"

PAGE_CACHE=64 sh conf/devctl.sh app-restart
echo "-- checkout end to end (offer, hold, plan, pay with the sandbox's signed notification," \
     "return page):"
TX_VAR=$VAR TX_BASE=$base "$BUILD/tests/bench_checkout" 1 100
# 400 with four donors at once; it prints the CPU a checkout of the app, mariadbd, nginx and
# itself, and the statements, commits and fsyncs a checkout, counted over the checkouts alone.
TX_VAR=$VAR TX_BASE=$base "$BUILD/tests/bench_checkout" 4 400
echo "children still waiting afterwards: $(found "$base/children")"

# The ledger import: a generated 100,000-row ledger for the whole province, checked and then
# applied by txctl.
ARGS="-c $ROOT/conf/tongxiang.hdf -c $VAR/instance.hdf -c $VAR/secrets.hdf -c $VAR/sandbox.hdf"
"$BUILD/txctl" $ARGS ledger-sample "${BENCH_LEDGER:-100000}" 420000 > "$VAR/ledger.csv"
ms() { date +%s%3N; }
echo "-- ledger import, ${BENCH_LEDGER:-100000} rows ($(wc -c < "$VAR/ledger.csv") bytes):"
# update: the same ledger with every address changed, applied (every child updated, none added).
sed 's/某村/另一村/' "$VAR/ledger.csv" > "$VAR/ledger-changed.csv"
for mode in check apply recheck update; do
  t0=$(ms)
  file=$VAR/ledger.csv
  [ $mode = update ] && file=$VAR/ledger-changed.csv
  apply=
  if [ $mode = apply ] || [ $mode = update ]; then apply=apply; fi
  out=$("$BUILD/txctl" $ARGS import province "$file" $apply 2>&1 | head -1)
  t1=$(ms)
  rate=$(awk -v n="${BENCH_LEDGER:-100000}" -v t=$((t1 - t0)) 'BEGIN {printf "%.0f", n * 1000 / t}')
  echo "$mode: $out in $((t1 - t0)) ms ($rate rows/s)"
done

# Back-office pages with a staff session's cookie: the first page of a county's list, and the
# province's dashboard.
staff_token() {
  jar=$VAR/staff-$1.jar
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/admin/login" |
         sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "csrf=$csrf&username=$1&password=tongxiang-demo" \
    "$base/admin/login"
  awk '$6 == "tx_a" {print $7}' "$jar"
}
# wrk on a page as whoever holds the cookie ($1: "tx_a=…").
cookie_measure() {
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: $1" "$base$2" > "$VAR/wrk.out" 2>&1
  awk -v page="$2" '/^Requests\/sec:/ {rps = $2} $1 == "99%" {p99 = $2} /Non-2xx/ {bad = $NF}
    END {printf "%-16s %24s req/s   p99 %s%s\n", page, rps, p99, bad ? "   non-2xx: " bad : ""}' \
    "$VAR/wrk.out"
}
staff_measure() { cookie_measure "tx_a=$(staff_token "$1")" "$2"; }
count() { sql "SELECT COUNT(*) FROM tongxiang.children $1"; }
echo "-- the staff list page, as 巴东县 (children in scope: $(count "WHERE county_code = '422823'")):"
staff_measure badong /admin/children
echo "-- the dashboard, as the province (children in scope: $(count "")):"
staff_measure province /admin

# The sponsor's /me with its care timeline: the demo donor's three sponsorships with 50 approved
# visits between them, then 500 (copies of its own, sealed to the same children). The page shows
# the latest 10 of each sponsorship, so its cost should hardly move with the visits.
# A donor's session token ($1: the login, url-encoded; every bench donor has the demo password).
donor_token() {
  jar=$VAR/donor.jar
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" |
         sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -c "$jar" -b "$jar" -o /dev/null \
    -d "csrf=$csrf&login=$1&password=tongxiang-demo" "$base/login"
  awk '$6 == "tx_s" {print $7}' "$jar"
}
demo_visits() {
  sql "SELECT COUNT(*) FROM tongxiang.visits v JOIN tongxiang.sponsorships s
       ON s.id = v.sponsorship_id JOIN tongxiang.donors d ON d.id = s.donor_id
       WHERE d.login = 'demo@example.com' AND s.state = 'active' AND v.state = 'approved'"
}
visits_to() {
  more=$(($1 - $(demo_visits)))
  [ "$more" -gt 0 ] && sql "USE tongxiang;
    INSERT INTO visits (child_id, sponsorship_id, author_id, state, visited_on, kind, care,
                        given_fen, given_what, summary, form_key, submitted_at, reviewed_by,
                        reviewed_at)
    SELECT v.child_id, v.sponsorship_id, v.author_id, 'approved',
           v.visited_on - INTERVAL k.seq WEEK, v.kind, v.care, v.given_fen, v.given_what,
           v.summary, RANDOM_BYTES(16), v.submitted_at, v.reviewed_by, v.reviewed_at
    FROM visits v JOIN sponsorships s ON s.id = v.sponsorship_id
    JOIN donors d ON d.id = s.donor_id JOIN seq_1_to_500 k
    WHERE d.login = 'demo@example.com' AND s.state = 'active' AND v.state = 'approved'
    ORDER BY k.seq, v.id LIMIT $more"
  demo_visits
}
donor_cookie="tx_s=$(donor_token demo%40example.com)"
spons=$(sql "SELECT COUNT(*) FROM tongxiang.sponsorships s JOIN tongxiang.donors d
             ON d.id = s.donor_id WHERE d.login = 'demo@example.com' AND s.state = 'active'")
for n in 50 500; do
  echo "-- /me, the demo donor: $spons active sponsorships, $(visits_to "$n") approved visits:"
  cookie_measure "$donor_cookie" /me
done
# The fund trail (资金到人): a donor with 10 sponsorships over 5 years, 50 payments and 100
# payouts, every one of them on /me. A few queries for the whole page, not one a row.
echo "-- /me with the fund trail: $(sql "$(cat tests/bench/trail-donor.sql)"):"
cookie_measure "tx_s=$(donor_token trail-bench%40example.com)" /me

# 收支明细 over 100,000 donations and 50,000 payouts, made here by SQL (their triggers keep the
# running totals as the app's writes do): the page reads the month totals, never the rows, so it
# should cost the same with none. Donations over two years, a quarter general; payouts paid month
# by month to the active sponsorships' children, one per child and month.
finance_rows() {
  sql "USE tongxiang;
    SET @n = (SELECT COUNT(*) FROM sponsorships WHERE state = 'active');
    SET @staff = (SELECT id FROM staff WHERE username = 'province');
    CREATE TEMPORARY TABLE bench_x AS SELECT x.id, x.child_id,
      ROW_NUMBER() OVER (ORDER BY x.id) AS rn FROM sponsorships x WHERE x.state = 'active';
    INSERT INTO donations (amount_fen, status, purpose, paid_at, sponsorship_id, receipt_year,
                           receipt_seq, receipt_code)
    SELECT 10000 + s.seq % 290000, 'paid', IF(s.seq % 4 = 0, 'general', 'sponsorship'),
           '2025-01-01' + INTERVAL s.seq % 730 DAY + INTERVAL s.seq % 86400 SECOND,
           IF(s.seq % 4 = 0, NULL, x.id), 1990, s.seq, 'BENCHBENCHBENCHB'
    FROM seq_1_to_100000 s JOIN bench_x x ON x.rn = s.seq % @n + 1;
    INSERT INTO payouts (ref, child_id, sponsorship_id, county_code, city_code, period,
                         amount_fen, method, state, paid_on, created_by)
    SELECT CONCAT('B', LPAD(s.seq, 11, '0')), c.id, x.id, c.county_code, c.city_code,
           DATE_FORMAT('2025-01-01' + INTERVAL (s.seq - 1) DIV @n MONTH, '%Y-%m'),
           25000, 'bank', 'paid',
           '2025-01-20' + INTERVAL (s.seq - 1) DIV @n MONTH, @staff
    FROM seq_1_to_50000 s JOIN bench_x x ON x.rn = (s.seq - 1) % @n + 1
    JOIN children c ON c.id = x.child_id;
    SELECT CONCAT((SELECT COUNT(*) FROM donations), ' donations, ',
                  (SELECT COUNT(*) FROM payouts WHERE state = 'paid'), ' paid payouts, ',
                  (SELECT COUNT(*) FROM finance_months), ' rows of running totals')"
}
echo "-- /disclosure/finance (收支明细): $(finance_rows):"
measure "/disclosure/finance?year=2025"
PAGE_CACHE=0 sh conf/devctl.sh app-restart
echo "-- the same with the page cache off (every request reads the totals and renders):"
measure "/disclosure/finance?year=2025"
measure "/disclosure/finance.csv?year=2025"
PAGE_CACHE=64 sh conf/devctl.sh app-restart

master=$(cat "$VAR/run/app.pid")
for pid in $(ps -o pid= --ppid "$master"); do
  echo "worker $pid RSS: $(rss_kb "$pid") KB (goal < 10240)"
done
echo "master $master RSS: $(rss_kb "$master") KB"
echo "mariadbd RSS: $(rss_kb "$(cat "$VAR/run/mysqld.pid")") KB"

# Issue 14's goals, each part on its own instance sized for it (tests/bench/<part>.sh): the
# uncached listing beside the PHP peer and deep pages; the cache under a campaign's writes; the
# campaign-day mix and the stack's memory; the province dashboard over 110,000 children.
sh conf/devctl.sh stop >/dev/null 2>&1 || true
for part in listing regions campaign dashboard; do
  if [ -f "tests/bench/$part.sh" ]; then
    BENCH_PORT=$PORT sh "tests/bench/$part.sh"
  fi
done
