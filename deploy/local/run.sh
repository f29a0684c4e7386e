#!/usr/bin/env bash
# The embedded default: builds (unless --no-build), then runs the cluster front end on the local
# process executor and the gateway with its embedded database, on this machine alone. Nothing
# else to install: no SLURM, MongoDB, broker or identity provider. The first start generates a
# token key pair in ~/.hpc-gateway/keys; deploy/local/dev-token.sh signs tokens with it.
#
#   deploy/local/run.sh                  # gateway on http://127.0.0.1:8080, front end on :8081
#   deploy/local/demo.sh                 # in another shell: the whole job flow with curl
#
# FRONTEND_SCHEDULER=slurm runs jobs on the real SLURM instead (deploy/local/slurm-up.sh).
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" != "--no-build" ]; then
  mvn -B -q -DskipTests package
fi
mkdir -p "$HOME/.hpc-gateway"
java ${JAVA_OPTS:-} -jar cluster-frontend/target/quarkus-app/quarkus-run.jar >"$HOME/.hpc-gateway/frontend.log" 2>&1 &
frontend=$!
trap 'kill $frontend 2>/dev/null' EXIT
for _ in $(seq 300); do
  curl -sf http://127.0.0.1:8081/status/liveness/ >/dev/null && break
  kill -0 $frontend 2>/dev/null || { echo "run.sh: the front end stopped; see ~/.hpc-gateway/frontend.log" >&2; exit 1; }
  sleep 0.1
done
echo "cluster front end on http://127.0.0.1:8081 (log: ~/.hpc-gateway/frontend.log)"
echo "gateway on http://127.0.0.1:8080 — token: deploy/local/dev-token.sh <user>; walkthrough: deploy/local/demo.sh"
java ${JAVA_OPTS:-} -jar gateway-app/target/quarkus-app/quarkus-run.jar
