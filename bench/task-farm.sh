#!/usr/bin/env bash
# The task farm (issue 20) on the real SLURM, in one run: the gateway's CPU and memory per 1,000
# queued tasks (autoscaler off), then 10,000 pi tasks of about 10 ms through the autoscaler's pilots
# against one sbatch per task (a sample, extrapolated), the overhead per task, the cold start and
# the way back to zero workers. Needs deploy/local/slurm-up.sh and root.
#   bench/task-farm.sh [tasks=10000] [samples=1000000] [sbatch-sample=40] [queued-batches=5]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
tasks=${1:-10000} samples=${2:-1000000} sample=${3:-40} batches=${4:-5}
[ -f task-worker/target/hpcgw-task-worker.jar ] || mvn -B -q -pl task-worker -am package -DskipTests
start_frontend 18391 -Dfrontend.scheduler=slurm -Dfrontend.system-name=hpcgw
farm=(-Dgateway.tasks.pilot.worker-command="$PWD/task-worker/bin/hpcgw-task-worker"
  -Dgateway.tasks.images.pi.command="$PWD/task-worker/bin/hpcgw-task-pi"
  -Dgateway.tasks.pilot.gateway-url=http://127.0.0.1:18393 -Dgateway.tasks.max-workers-per-user=2
  -Dgateway.tasks.scale-interval=1s -Dgateway.tasks.idle-timeout=10s -Dgateway.tasks.prefetch=32)
start_gateway 18393 18391 hpcgw -Dgateway.tasks.autoscale=false "${farm[@]}" -Xmx1g
run_bench TaskFarmBench queued http://127.0.0.1:18393 "$token" "$gateway_pid" "$batches"
kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true
rm -rf "$work/gateway-db"
start_gateway 18393 18391 hpcgw "${farm[@]}"
run_bench TaskFarmBench farm http://127.0.0.1:18393 "$token" "$tasks" "$samples" "$sample" 2
