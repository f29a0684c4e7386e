#!/usr/bin/env bash
# The gateway against the cluster front end behind it, on the real SLURM, in one run: job-state
# GET latency, launches per second against direct submissions, and the front-end calls of one
# reconcile cycle at 10, 100 and 1,000 followed jobs (gateway-app's ReconcileCostTest).
# Needs deploy/local/slurm-up.sh and root. Usage: bench/gateway-latency.sh [samples=40]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
samples=${1:-40}
start_frontend 18281 -Dfrontend.scheduler=slurm -Dfrontend.system-name=hpcgw
start_gateway 18283 18281 hpcgw
dir="$work/data/home/bench/direct"; mkdir -p "$dir"
run_bench GatewayLatency http://127.0.0.1:18283 http://127.0.0.1:18281 hpcgw "$token" "$dir" "$samples"
echo "reconcile cost (front-end calls per cycle):"
mvn -B -q -o test -pl gateway-app -Dtest=ReconcileCostTest 2>/dev/null | grep 'reconcile cycle' | sed 's/^/  /'
