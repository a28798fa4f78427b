#!/usr/bin/env bash
# The `apply` figures: a store of CUSTOMERS customers with EVENTS events for
# examples/zhilian.flow, timed for the first apply and for a second apply after 1%
# of the customers got a new event. Usage: scripts/bench_apply.sh [CUSTOMERS EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-10000}
events=${2:-200000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet
sf="$PWD/target/release/salesflow"
python3 scripts/gen_data.py "$dir" "$customers" "$events"
python3 scripts/gen_data.py "$dir" "$customers" "$events" --touch 1
args=(--db "$dir/crm.db" --rules "$PWD/examples/zhilian.flow")
(cd "$dir" && "$sf" init --db crm.db >/dev/null)
"$sf" import team examples/team.yaml "${args[@]}"
time_it() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "  took $(echo "$e - $s" | bc) s"; }
echo "import customers:"; time_it "$sf" import customers "$dir/customers.csv" "${args[@]}"
echo "import events:";    time_it "$sf" import events "$dir/events.csv" "${args[@]}"
echo "first apply:";      time_it "$sf" apply --at "2026-03-10 12:00" "${args[@]}"
echo "import 1% touch:";  time_it "$sf" import events "$dir/touch.csv" "${args[@]}"
echo "second apply:";     time_it "$sf" apply --at "2026-03-10 12:00" "${args[@]}"
ls -la "$dir/crm.db"
