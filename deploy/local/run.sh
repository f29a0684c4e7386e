#!/usr/bin/env bash
# The embedded default: builds (unless --no-build) and runs the cluster front end on the local
# process executor, with a generated dev key pair and data under ~/.hpc-gateway. Nothing else to
# install: no SLURM, database, broker or identity provider.
#
#   deploy/local/run.sh              # then, in another shell:
#   TOKEN=$(deploy/local/dev-token.sh alice)
#   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8081/status/systems
#
# FRONTEND_SCHEDULER=slurm runs it over the real SLURM instead (see deploy/local/slurm-up.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" != "--no-build" ]; then
  mvn -B -q -DskipTests package
fi
echo "cluster front end on http://127.0.0.1:8081 (token: deploy/local/dev-token.sh <user>)"
exec java ${JAVA_OPTS:-} -jar cluster-frontend/target/quarkus-app/quarkus-run.jar
