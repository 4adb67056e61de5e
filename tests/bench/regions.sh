#!/bin/sh
# tests/bench/regions.sh — issue 14's goal 2, the page cache under a campaign's writes: on a
# 10,000-child instance of its own, wrk against the 武汉 listing (page cache on) alone, then while
# one SQL session changes the state of 巴东县's children about RATE (200) times a second; the same
# for 巴东县's own listing, which must see the changes. Beside them, the old figure: the same
# writes also moving 武汉's generation, as one stamp for everything did (main before sql/039).
# Prints requests/s, p99, the writer's achieved rate and the ratios. Compare ratios within one
# run; the machine is shared and noisy.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export BUILD=${BUILD:-build}
export VAR=${BENCH_VAR:-$ROOT/var/bench-regions}
PORT=${BENCH_PORT:-18073}
export DEMO_CHILDREN=${BENCH_CHILDREN:-10000}
DURATION=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
RATE=${RATE:-200}
WUHAN="/children?city=420100&sort=waiting"
BADONG="/children?county=422823&sort=waiting"

make --no-print-directory all
sh conf/devctl.sh stop >/dev/null 2>&1 || true
rm -rf "$VAR"
trap 'sh conf/devctl.sh stop >/dev/null 2>&1' EXIT
sh conf/devctl.sh start "$PORT"
base=http://127.0.0.1:$PORT
sql() { mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot -N -B tongxiang -e "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
found() { curl -s "$base$1" | sed -n 's/.*找到 <b>\([0-9]*\)<\/b>.*/\1/p'; }

# The app's statements so far (prepared, as all of its are; the writer's are not): a page from
# the cache costs one, its stamp; one rendered afresh a few more.
stmts() { sql "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | awk '{print $2}'; }
measure() {
  s0=$(stmts)
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$base$1" > "$VAR/wrk.out" 2>&1
  s1=$(stmts)
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$VAR/wrk.out")
  p99=$(awk '$1 == "99%" {v=$2; u=v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v}' "$VAR/wrk.out")
  n=$(awk '/requests in/ {print $1}' "$VAR/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$VAR/wrk.out")
  printf '%10s req/s   p99 %8s ms   %s statements a request   %s%s\n' "$rps" "$p99" \
    "$(awk -v a="$((s1 - s0))" -v b="$n" 'BEGIN {printf "%.2f", a / b}')" "$2" \
    "${non2xx:+   non-2xx: $non2xx}"
}

# 巴东县's listed children, numbered: the writer's round.
sql "CREATE TABLE bench_badong (n INT PRIMARY KEY, id INT UNSIGNED NOT NULL)
     SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id FROM children
     WHERE county_code = '422823' AND listed = 1"
nbadong=$(sql "SELECT COUNT(*) FROM bench_badong")
sql "CREATE TABLE bench_ticks (t INT NOT NULL) SELECT 0 AS t"

# One session, RATE changes a second for DURATION + 2 s: each puts a 巴东县 child from waiting to
# held or back (a hold taken or given up, as the children table sees it), in its own durable
# commit, paced by the clock; with $1 = old, each also moves 武汉's generation, as the single
# stamp did; with $1 = none, each changes a row of its own instead of a child (the writer's own
# cost, which no cache can save). Prints the rate it achieved.
writer() {
  old=0 child=1
  [ "$1" = old ] && old=1
  [ "$1" = none ] && child=0
  mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot -N -B tongxiang \
    > "$VAR/writer.out" <<EOF
DELIMITER //
BEGIN NOT ATOMIC
  DECLARE i INT DEFAULT 0;
  DECLARE t0 DOUBLE DEFAULT UNIX_TIMESTAMP(NOW(6));
  DECLARE total INT DEFAULT $RATE * ($DURATION + 2);
  WHILE i < total DO
    START TRANSACTION;
    IF $child THEN
      UPDATE children c JOIN bench_badong b ON b.id = c.id AND b.n = i MOD $nbadong
        SET c.status = IF(c.status = 'waiting', 'held', 'waiting');
    ELSE
      UPDATE bench_ticks SET t = t + 1;
    END IF;
    IF $old THEN
      UPDATE children_generation SET gen = gen + 1
        WHERE city_code = '420100' AND slot = CONNECTION_ID() % 16 + 1;
    END IF;
    COMMIT;
    SET i = i + 1;
    DO SLEEP(GREATEST(0, t0 + i / $RATE - UNIX_TIMESTAMP(NOW(6))));
  END WHILE;
  SELECT ROUND(i / (UNIX_TIMESTAMP(NOW(6)) - t0));
END//
EOF
}
# wrk on $1 (named $2) while the writer runs in mode $3; the writer's rate after it.
measure_during() {
  writer "$3" &
  wpid=$!
  sleep 1
  measure "$1" "$2"
  wait "$wpid"
  echo "  (the writer: $(cat "$VAR/writer.out") changes/s in 巴东县, target $RATE)"
}

# Let MariaDB finish with the demo load first (tests/bench.sh): at most 60 s.
for _ in $(seq 60); do
  hist=$(sql "SHOW ENGINE INNODB STATUS" | sed -n 's/.*History list length \([0-9]*\).*/\1/p')
  dirty=$(sql "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'" | awk '{print $2}')
  [ "${hist:-0}" -lt 100 ] && [ "${dirty:-0}" -lt 100 ] && break
  sleep 1
done
wrk -t1 -c2 -d2s "$base$WUHAN" > /dev/null 2>&1
wrk -t1 -c2 -d2s "$base$BADONG" > /dev/null 2>&1

echo "== regions: the page cache under a campaign's writes; $DEMO_CHILDREN children," \
     "wrk -t2 -c$CONNS -d${DURATION}s, $(nproc) cores"
echo "武汉市's listing finds $(found "$WUHAN"), 巴东县's $(found "$BADONG") of $nbadong"
measure "$WUHAN" "武汉 listing alone"; alone=$rps
measure_during "$WUHAN" "武汉 listing, 巴东县 changing" new; during=$rps
measure_during "$WUHAN" "武汉 listing, 巴东县 changing, one stamp (old)" old; old=$rps
measure_during "$WUHAN" "武汉 listing, a writer changing no child" none; none=$rps
measure "$WUHAN" "武汉 listing alone, again"
alone=$(awk -v a="$alone" -v b="$rps" 'BEGIN {print (a + b) / 2}')
echo "武汉 listing kept while 巴东县 changes: $(ratio "$during" "$alone") of alone (the mean of" \
     "both; goal >= 0.85); with one stamp for everything: $(ratio "$old" "$alone"); beside a" \
     "writer of no child: $(ratio "$none" "$alone")"
measure "$BADONG" "巴东县 listing alone"; alone=$rps
before=$(found "$BADONG")
measure_during "$BADONG" "巴东县 listing, 巴东县 changing" new; during=$rps
echo "巴东县 listing while its own children change: $(ratio "$during" "$alone") of alone;" \
     "it found $before before the last writes, $(found "$BADONG") after them" \
     "($(sql "SELECT COUNT(*) FROM children c JOIN bench_badong b ON b.id = c.id
             WHERE c.listed = 1") listed in the database)"
