#!/usr/bin/env bash
# Installs the task worker and the reference pi image on a cluster's nodes (or a shared file
# system they mount): builds the module when it is not built yet, then copies it to
# <prefix>/lib/hpcgw-task-worker with hpcgw-task-worker and hpcgw-task-pi in <prefix>/bin.
# The gateway's pilots run gateway.tasks.pilot.worker-command, hpcgw-task-worker on PATH by default.
#   task-worker/install.sh [prefix=/usr/local]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
if [ ! -f task-worker/target/hpcgw-task-worker.jar ]; then
  mvn -B -q -pl task-worker -am package -DskipTests
fi
home="$prefix/lib/hpcgw-task-worker"
rm -rf "$home"
mkdir -p "$home" "$prefix/bin"
cp task-worker/target/hpcgw-task-worker.jar "$home/"
cp -r task-worker/target/lib "$home/lib"
for program in hpcgw-task-worker hpcgw-task-pi; do
  install -m 0755 "task-worker/bin/$program" "$home/$program"
  ln -sf "$home/$program" "$prefix/bin/$program"
done
chmod -R a+rX "$home"
echo "installed: $prefix/bin/hpcgw-task-worker and $prefix/bin/hpcgw-task-pi"
