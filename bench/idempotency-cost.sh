#!/usr/bin/env bash
# What an Idempotency-Key costs a job create: without a key (the baseline), with a fresh key, and
# the replay of a key, against one gateway and its front end (local executor: a create makes the
# job folder and the record, and reaches no scheduler). Usage: bench/idempotency-cost.sh [samples=200]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
samples=${1:-200}
start_frontend 18381 -Dfrontend.scheduler=local
start_gateway 18383 18381 local
run_bench IdempotencyCost http://127.0.0.1:18383 "$token" "$samples"
