#!/bin/sh
# tests/run.sh — `make test`: a throwaway instance (own var dir and port), the Check unit tests,
# then the HTTP tests through real nginx → txappd → MariaDB, then the accessibility check and the
# donor's and staff's journeys in headless Chromium (tests/browser/a11y.py, journeys.py), then the
# Debian package (tests/deb/deb.sh). Ends
# with "N passed, N failed" and a non-zero exit on any failure.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
export VAR=${TEST_VAR:-$ROOT/var/test}
PORT=${TEST_PORT:-18080}
export TX_VAR=$VAR TX_BASE=http://127.0.0.1:$PORT TX_ROOT=$ROOT
export CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-120}
# A small data set keeps the suite fast; the bench uses 10,000 and the generator is tested with
# 100,000 by hand.
export DEMO_CHILDREN=${DEMO_CHILDREN:-400}
# Lapsed holds are let go every second, so a test of "an expired hold returns by itself" waits a
# second, not 15.
export SWEEP_SECONDS=${SWEEP_SECONDS:-1}
# The workers' test hook (App.TestHooks): http_seccomp makes one try execve.
export TEST_HOOKS=${TEST_HOOKS:-1}
# Test browsers connect from loopback addresses of their own (tests/http/client.h), but one
# browser may sign up or ask for reset links many times, and a test may put several on one
# address. Every other per-address limit keeps its real default.
export SIGNUPS_PER_ADDR=${SIGNUPS_PER_ADDR:-10000} RESETS_PER_ADDR=${RESETS_PER_ADDR:-10000}
# Staff check many ledgers as badong; http_elsewhere sets the day's allowance it tests for itself.
export ELSEWHERE_PER_DAY=${ELSEWHERE_PER_DAY:-100000}
# Leak checks run in the workers too, and their reports land in the app log, searched below.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}

passed=0; failed=0
tally() { # name output-file seconds
  line=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$2" | tail -n 1)
  if [ -z "$line" ]; then
    echo "FAIL $1: no Check summary (crashed?)"; cat "$2"; failed=$((failed + 1)); return
  fi
  checks=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
  fails=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+), Errors: ([0-9]+).*/\1 \2/' |
          awk '{print $1 + $2}')
  passed=$((passed + checks - fails)); failed=$((failed + fails))
  [ "$fails" = 0 ] || grep -E ':[EF]:' "$2"
  echo "$1: $line ($3 s)"
}

sh conf/devctl.sh stop >/dev/null 2>&1
rm -rf "$VAR"
echo "== starting a throwaway instance in $VAR on port $PORT"
if ! BUILD=$BUILD sh conf/devctl.sh start "$PORT"; then
  sh conf/devctl.sh stop >/dev/null 2>&1
  echo "0 passed, 1 failed"; exit 1
fi

for t in "$BUILD"/tests/check_* "$BUILD"/tests/http_*; do
  [ -x "$t" ] || continue
  out=$VAR/log/$(basename "$t").out
  t0=$(date +%s)
  "$t" > "$out" 2>&1
  tally "$(basename "$t")" "$out" $(($(date +%s) - t0))
done

# The accessibility check in a real browser (issue 16): axe-core on each journey's pages, in
# both text sizes, and html-validate on them. A child and an activity of this instance give it
# their pages.
sql() { mariadb --no-defaults --socket="$VAR/run/mysqld.sock" -uroot -N -B tongxiang -e "$1"; }
child=$(sql "SELECT code FROM children WHERE listed = 1 ORDER BY id LIMIT 1")
activity=$(sql "SELECT slug FROM activities WHERE state = 'live' ORDER BY id LIMIT 1")
out=$VAR/log/a11y.out
t0=$(date +%s)
/usr/bin/python3 tests/browser/a11y.py \
  "{\"child\": \"/children/$child\"${activity:+, \"activity\": \"/activities/$activity\"}}" \
  > "$out" 2>&1
tally "browser: a11y" "$out" $(($(date +%s) - t0))

# The donor's and the staff's journeys in the same browser (issue 15): a visitor to a paid
# sponsorship at a phone's and a PC's screen, the county staff's approval, a guest's gift, and the
# keyboard alone; each step as a person sees it, with no failed request and no CSP violation.
out=$VAR/log/journeys.out
t0=$(date +%s)
/usr/bin/python3 tests/browser/journeys.py > "$out" 2>&1
tally "browser: journeys" "$out" $(($(date +%s) - t0))

BUILD=$BUILD sh conf/devctl.sh stop >/dev/null 2>&1

# The Debian package (issue 15): built, lintian-clean, installed on this machine, its own files
# serving /healthz against a MariaDB of its own, then purged (tests/deb/deb.sh). Its nginx listens
# 12 above the suite's port (18092 by default).
out=$VAR/log/deb.out
t0=$(date +%s)
BUILD=$BUILD DEB_VAR=$VAR/deb DEB_PORT=${DEB_PORT:-$((PORT + 12))} sh tests/deb/deb.sh > "$out" 2>&1
grep -E '^deb: lintian: ' "$out"
tally "deb: package" "$out" $(($(date +%s) - t0))

if grep -lE 'AddressSanitizer|LeakSanitizer|runtime error:' "$VAR"/log/*.log "$VAR"/log/*.out \
     2>/dev/null; then
  echo "FAIL sanitizer reports above (in $VAR/log)"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
