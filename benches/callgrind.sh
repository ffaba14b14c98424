#!/usr/bin/env bash
# Instructions per iteration for every row of a bench, under callgrind.
# Usage: bash benches/callgrind.sh <bench name> [iterations]
# Instruction counts do not depend on machine load, so they settle ratios
# that shared-machine timings cannot. See benches/support/callgrind.rs.
set -euo pipefail
bench=${1:?usage: callgrind.sh <bench name> [iterations]}
iters=${2:-1000}
exe=$(cargo bench -p payspec --bench "$bench" --no-run 2>&1 |
  sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -1)
rows=$(PAYSPEC_BENCH_ROW=? "$exe" 2>&1 | sed -n 's/.*; rows: //p' || true)
out=$(mktemp -d)
for row in $rows; do
  PAYSPEC_BENCH_ROW=$row PAYSPEC_BENCH_ITERS=$iters valgrind --tool=callgrind \
    --toggle-collect='*callgrind_measured_loop*' \
    --callgrind-out-file="$out/${row//\//_}.out" "$exe" >/dev/null 2>&1
  total=$(sed -n 's/^summary: //p' "$out/${row//\//_}.out")
  printf '%-50s %10d instructions/iteration\n' "$row" $((total / iters))
done
echo "callgrind output: $out"
