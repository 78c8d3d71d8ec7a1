#!/usr/bin/env bash
# Sums the fuzz executions recorded in .build-fuzz/logs/<target>.log (one libFuzzer run per
# `stat::number_of_executed_units` line, written by scripts/fuzz.sh) and lists crash artifacts left in
# .build-fuzz/crashes/<target>/. Usage: bash scripts/fuzz-totals.sh
set -euo pipefail
cd "$(dirname "$0")/.."
printf "%-10s %6s %14s %8s\n" target runs executions crashes
for log in .build-fuzz/logs/*.log; do
    [[ -e "$log" ]] || { echo "no fuzz logs yet: run scripts/fuzz.sh"; exit 0; }
    t="$(basename "$log" .log)"
    read -r runs total < <(awk '/stat::number_of_executed_units/ { n++; s += $2 } END { print n + 0, s + 0 }' "$log")
    crashes=$(find ".build-fuzz/crashes/$t" -type f 2>/dev/null | wc -l)
    printf "%-10s %6d %14d %8d\n" "$t" "$runs" "$total" "$crashes"
done
