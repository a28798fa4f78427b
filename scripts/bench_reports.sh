#!/usr/bin/env bash
# The report figures: builds (once, cached under target/bench-reports) a store of
# 100,000 customers and about 2,000,000 events, prints each report's median time
# beside a plain SQL aggregation of the same rows (cargo bench --bench reports),
# then times the whole `salesflow report` commands and the same plain SQL run by
# the sqlite3 shell, five runs each.
# Usage: scripts/bench_reports.sh   (SALESFLOW_BENCH_CUSTOMERS=N for a smaller store)
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${SALESFLOW_BENCH_CUSTOMERS:-100000}
cargo bench --bench reports
cargo build --release --quiet
sf="$PWD/target/release/salesflow"
db="target/bench-reports/store-v1-$customers.db"
at="2026-03-31 18:00"
args=(--db "$db" --rules examples/zhilian.flow --team examples/team.yaml --at "$at" --format json)
time_it() {
  local best=() s e
  for _ in 1 2 3 4 5; do
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    best+=("$(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${best[@]}" | sort -n | sed -n 3p
}
for kind in funnel dwell journey; do
  echo "report $kind: median $(time_it "$sf" report "$kind" "${args[@]}") s"
done
from="2026-03-01T10:00:00Z"; to="2026-03-31T10:00:00Z"
echo "plain SQL (dwell's rows): median $(time_it sqlite3 "$db" \
  "SELECT stage, count(*), avg(unixepoch(left_at) - unixepoch(entered_at)) FROM stage_visits
   WHERE left_at >= '$from' AND left_at < '$to' GROUP BY stage;") s"
