#!/usr/bin/env bash
# Measures the front end's submit and job-status latency against sbatch / squeue on the same
# SLURM, in one run. Needs the single-node SLURM (deploy/local/slurm-up.sh) and root (jobs of
# both paths run as the same user). Usage: bench/frontend-latency.sh [samples=50]
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${1:-50}
work=$(mktemp -d /tmp/hpcgw-bench.XXXXXX)
port=18181
[ -f cluster-frontend/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package
java -Xmx256m -Dfrontend.scheduler=slurm -Dfrontend.system-name=hpcgw -Dquarkus.http.port=$port \
  -Dfrontend.data-dir="$work/data" -Dfrontend.auth.dev-key-directory="$work/keys" -Dquarkus.log.level=WARN \
  -jar cluster-frontend/target/quarkus-app/quarkus-run.jar >"$work/frontend.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; scancel --name=bench-latency 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/status/liveness/" >/dev/null && break; sleep 0.1; done
token=$(HPCGW_DEV_KEY_DIR="$work/keys" deploy/local/dev-token.sh bench)
dir="$work/data/home/bench/jobs"; mkdir -p "$dir"
java bench/FrontendLatency.java "http://127.0.0.1:$port" hpcgw "$token" "$dir" "$samples"
