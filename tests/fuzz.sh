#!/bin/sh
# tests/fuzz.sh — `make fuzz`: each libFuzzer target for $1 seconds from its seed corpus (tests/fuzz/corpus/<name>),
# new inputs kept in build-fuzz/corpus/<name>. Prints executions and crashes per target; a crash fails the run.
set -u
secs=${1:-60}
failed=0
for t in build-fuzz/fuzz_*; do
  name=${t#build-fuzz/fuzz_}
  mkdir -p "build-fuzz/corpus/$name"
  "$t" -max_total_time="$secs" -max_len=65536 -print_final_stats=1 -artifact_prefix=build-fuzz/ \
    "build-fuzz/corpus/$name" "tests/fuzz/corpus/$name" \
    > "build-fuzz/$name.log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build-fuzz/$name.log")
  crashes=$(ls build-fuzz/crash-* build-fuzz/leak-* build-fuzz/timeout-* 2>/dev/null | wc -l)
  echo "fuzz_$name: ${runs:-?} executions in ${secs}s, exit $rc, crash files: $crashes"
  [ "$rc" = 0 ] || { failed=1; tail -30 "build-fuzz/$name.log"; }
done
exit $failed
