#!/usr/bin/env bash
# Measures the front end's submit and job-status latency against sbatch / squeue on the same
# SLURM, in one run. Needs the single-node SLURM (deploy/local/slurm-up.sh) and root (jobs of
# both paths run as the same user). Usage: bench/frontend-latency.sh [samples=50]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
samples=${1:-50}
port=18181
bench_cleanup() { scancel --name=bench-latency; }
start_frontend $port -Dfrontend.scheduler=slurm -Dfrontend.system-name=hpcgw
dir="$work/data/home/bench/jobs"; mkdir -p "$dir"
run_bench FrontendLatency "http://127.0.0.1:$port" hpcgw "$token" "$dir" "$samples"
