#!/usr/bin/env bash
# Stops the single-node SLURM cluster started by slurm-up.sh (daemons only; packages and
# accounting data stay). Idempotent.
set -uo pipefail
[ "$(id -u)" -eq 0 ] || { echo "slurm-down.sh: run as root" >&2; exit 1; }
for daemon in slurmd slurmctld slurmdbd; do pkill -x "$daemon" 2>/dev/null && echo "slurm-down: stopped $daemon"; done
mariadb-admin shutdown 2>/dev/null && echo "slurm-down: stopped MariaDB"
pkill -x munged 2>/dev/null && echo "slurm-down: stopped munged"
exit 0
