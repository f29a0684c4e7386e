#!/usr/bin/env bash
# Issue 21's lifecycle events on the real SLURM, in one run: the latency from a job's end to its
# job.completed at a webhook receiver and on an SSE stream (p50, p99; goal: one reconcile interval
# plus 100 ms), and the cluster calls per reconcile cycle with no stream and with 1,000 streams
# open (goal: no extra call). Needs deploy/local/slurm-up.sh.
#   bench/lifecycle-events.sh [jobs=40] [reconcile interval ms=3000]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
jobs=${1:-40} interval=${2:-3000}
start_frontend 18691 -Dfrontend.scheduler=slurm -Dfrontend.system-name=hpcgw
start_gateway 18693 18691 hpcgw -Dgateway.webhooks.allowed-private-networks=127.0.0.0/8 \
  -Dgateway.reconcile.interval="${interval}ms" -Xmx512m
run_bench LifecycleEventsBench http://127.0.0.1:18693 "$token" "$jobs" "$interval"
