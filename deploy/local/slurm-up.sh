#!/usr/bin/env bash
# Brings up a real single-node SLURM cluster (slurmctld + slurmd + slurmdbd on MariaDB, munge auth)
# on this machine, for the embedded default's `slurm` backend and for the tests.
# Idempotent: installs missing Debian packages, rewrites the configuration, starts only what is
# not running, then waits until the node accepts jobs. Must run as root.
# Jobs are confined by SLURM's cgroup plugins: the cores and the memory they asked for (a job
# that allocates more memory than it requested ends OUT_OF_MEMORY).
# Facts behind the settings: shared/docs/slurm-on-debian.md and java-stack.md (cgroups here).
set -euo pipefail

[ "$(id -u)" -eq 0 ] || { echo "slurm-up.sh: run as root" >&2; exit 1; }

log() { echo "slurm-up: $*"; }

wait_for() { # wait_for <seconds> <description> <command...>: poll until the command succeeds
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then echo "slurm-up: timed out waiting for $what" >&2; return 1; fi
    sleep 0.2
  done
}

install_packages() {
  local missing=()
  for cmd in slurmctld:slurm-wlm slurmd:slurm-wlm sbatch:slurm-client munged:munge \
             slurmdbd:slurmdbd mariadbd:mariadb-server; do
    command -v "${cmd%%:*}" >/dev/null 2>&1 || missing+=("${cmd#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    slurm-wlm slurm-client munge slurmdbd mariadb-server slurm-wlm-jwt-plugin >/dev/null
}

start_munge() {
  install -d -o munge -g munge -m 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
  fi
  chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    log "starting munged"
    su -s /bin/sh munge -c /usr/sbin/munged
    wait_for 10 munged sh -c 'munge -n | unmunge'
  fi
}

start_mariadb() {
  install -d -o mysql -g mysql -m 0755 /run/mysqld
  if ! mariadb-admin ping >/dev/null 2>&1; then
    log "starting MariaDB"
    (setsid /usr/sbin/mariadbd --user=mysql >/var/log/slurm/mariadb.log 2>&1 &)
    wait_for 30 MariaDB mariadb-admin ping
  fi
  # slurmdbd runs as the slurm user and logs in through the unix socket: no password anywhere.
  mariadb -e "CREATE DATABASE IF NOT EXISTS slurm_acct_db;
              CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED VIA unix_socket;
              GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';"
}

write_config() {
  local host node_line cpus memory
  host=$(hostname -s)
  node_line=$(slurmd -C | head -n 1 | sed -E 's/ UpTime=.*//; s/RealMemory=([0-9]+)/RealMemory=\1/')
  cpus=$(sed -E 's/.* CPUs=([0-9]+).*/\1/' <<<"$node_line")
  memory=$(sed -E 's/.* RealMemory=([0-9]+).*/\1/' <<<"$node_line")
  install -d -o slurm -g slurm -m 0755 /var/lib/slurm/slurmctld /var/lib/slurm/slurmd /var/log/slurm /run/slurm
  cat > /etc/slurm/slurm.conf <<CONF
# Written by deploy/local/slurm-up.sh: single-node test cluster.
ClusterName=hpcgw
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=slurm
AuthType=auth/munge
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/cgroup
TaskPlugin=task/cgroup,task/affinity
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# A job that names no memory gets its cores' share of the node, so jobs still run side by side.
DefMemPerCPU=$((memory / cpus))
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=5
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoreFlags=job_comment
JobCompType=jobcomp/none
ReturnToService=2
MailProg=/bin/true
MinJobAge=300
KillWait=5
${node_line} NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
PartitionName=normal Nodes=ALL Default=NO MaxTime=INFINITE State=UP
CONF
  cat > /etc/slurm/cgroup.conf <<CONF
# Written by deploy/local/slurm-up.sh: jobs get the cores and memory they asked for, no more.
CgroupAutomount=yes
CgroupMountpoint=/sys/fs/cgroup
ConstrainCores=yes
ConstrainRAMSpace=yes
ConstrainSwapSpace=no
CONF
  cat > /etc/slurm/slurmdbd.conf <<CONF
# Written by deploy/local/slurm-up.sh. MariaDB login through the unix socket (no password).
AuthType=auth/munge
DbdHost=localhost
SlurmUser=slurm
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=slurm
StorageLoc=slurm_acct_db
LogFile=/var/log/slurm/slurmdbd.log
PidFile=/run/slurm/slurmdbd.pid
CONF
  chown slurm:slurm /etc/slurm/slurmdbd.conf; chmod 0600 /etc/slurm/slurmdbd.conf
}

running() { pgrep -x "$1" >/dev/null 2>&1; }

start_slurm() {
  local changed=$1
  if [ "$changed" = yes ]; then
    # A new slurm.conf needs fresh daemons (slurmd as well as slurmctld).
    pkill -x slurmd 2>/dev/null || true; pkill -x slurmctld 2>/dev/null || true
    wait_for 15 "old SLURM daemons to stop" sh -c '! pgrep -x slurmctld && ! pgrep -x slurmd'
  fi
  running slurmdbd || { log "starting slurmdbd"; /usr/sbin/slurmdbd; }
  wait_for 30 slurmdbd sacctmgr -n list cluster
  running slurmctld || { log "starting slurmctld"; /usr/sbin/slurmctld; }
  wait_for 30 slurmctld scontrol ping
  running slurmd || { log "starting slurmd"; /usr/sbin/slurmd; }
  wait_for 60 "the node to be idle" sh -c 'sinfo -h -N -o %T | grep -Eq "^(idle|mixed|allocated)"'
  # A node left DOWN by an earlier unclean stop comes back only when told to.
  scontrol update nodename="$(hostname -s)" state=resume >/dev/null 2>&1 || true
}

main() {
  install_packages
  install -d -o slurm -g slurm -m 0755 /var/log/slurm
  start_munge
  start_mariadb
  local before after changed=no
  before=$({ cat /etc/slurm/slurm.conf /etc/slurm/cgroup.conf /etc/slurm/slurmdbd.conf 2>/dev/null || true; } | sha256sum)
  write_config
  after=$(cat /etc/slurm/slurm.conf /etc/slurm/cgroup.conf /etc/slurm/slurmdbd.conf | sha256sum)
  [ "$before" = "$after" ] || changed=yes
  start_slurm "$changed"
  log "ready: $(sinfo --version), node $(sinfo -h -N -o '%N %T %c CPUs' | head -n 1)"
}

main "$@"
