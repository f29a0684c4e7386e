#!/usr/bin/env bash
# Issue 21's placement time at 10 clusters, in one run: job creations that name their cluster
# (the baseline) against creations that are placed among 10 clusters, client-side p50/p99, the
# gateway's own time to decide (the decisions' tookMicros), and the cluster calls per creation
# of each kind (placement's goal: no call of its own). The 10 clusters are one local-executor
# front end under 10 names, with their own regions and prices, so that only placement differs.
#   bench/placement.sh [jobs per kind=300]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
jobs=${1:-300}
start_frontend 18701 -Dfrontend.scheduler=local -Dfrontend.system-name=local
clusters=()
regions=(eu-central eu-west eu-north us-east us-west ap-south ap-east sa-east af-south me-central)
for i in $(seq 1 9); do
  clusters+=("-Dgateway.clusters.c$i.url=http://127.0.0.1:18701" "-Dgateway.clusters.c$i.system=local"
    "-Dgateway.clusters.c$i.region=${regions[$i]}" "-Dgateway.clusters.c$i.rate-bps=$((8000 + i * 500))")
done
start_gateway 18703 18701 local -Dgateway.clusters.local.region=eu-central -Dgateway.placement.capacity-interval=5s \
  "${clusters[@]}" -Xmx512m
run_bench PlacementBench http://127.0.0.1:18703 "$token" "$jobs" 10
