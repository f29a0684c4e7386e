#!/usr/bin/env bash
# Builds (unless --no-build), then runs the cluster front end and the gateway on this machine.
#
#   deploy/local/run.sh                 # the embedded default: nothing else to install
#   deploy/local/run.sh --multi-user    # as root: every job and file operation runs as the user's account
#   deploy/local/demo.sh                # in another shell: the whole job flow with curl
#
# The embedded default runs the front end on the local process executor and the gateway with its
# embedded database, both as you, in the identity mode service-account: users are kept apart by
# their folders only, and every job can read what your account can. Data, keys and logs live in
# $HOME/.hpc-gateway (the services take $HOME, as dev-token.sh does). FRONTEND_SCHEDULER=slurm
# runs jobs on the real SLURM instead (deploy/local/slurm-up.sh).
#
# --multi-user is how a provider tries per-user identity on one machine. It creates the services'
# account hpcgw and the account demo (more with deploy/local/users.sh add NAME...). If SLURM runs
# here, it starts the login node's sshd on 127.0.0.1:2222 with a user CA (deploy/local/sshd-up.sh)
# and runs both services as hpcgw, the front end in the ssh identity mode; otherwise the front end
# runs as root in the setuid mode over the local executor. Users' folders are their homes
# (/home/<name>); the services' data and keys are in hpcgw's home (/var/lib/hpcgw), owner only.
#
# Large transfers (FirecREST's transfer/upload and transfer/download) are staged on s3proxy, a real
# S3 server from Maven Central that the build copies to cluster-frontend/target/s3proxy/; it listens
# on 127.0.0.1:${HPCGW_S3_PORT:-9000} with keys made on first start (in <data>/s3proxy.env, owner only).
#
# A JDK 17 and Maven are installed from Debian when missing and this runs as root. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=yes
multi=no
for arg in "$@"; do
  case "$arg" in
    --no-build) build=no ;;
    --multi-user) multi=yes ;;
    *) echo "usage: run.sh [--no-build] [--multi-user]" >&2; exit 1 ;;
  esac
done
root() { [ "$(id -u)" -eq 0 ]; }

need_tools() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  if [ "$build" = yes ]; then
    command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null 2>&1 || missing+=(maven)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  root || { echo "run.sh: install ${missing[*]} first (or run as root, which installs them)" >&2; exit 1; }
  echo "run.sh: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

await_live() { # await_live <url> <pid> <log>
  for _ in $(seq 600); do
    curl -sf "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "run.sh: it stopped; see $3" >&2; exit 1; }
    sleep 0.1
  done
  echo "run.sh: $1 did not answer within 60 s; see $3" >&2
  exit 1
}

need_tools
if [ "$multi" = yes ] && ! root; then
  echo "run.sh: --multi-user needs root (it creates accounts and starts commands as them)" >&2
  exit 1
fi
[ "$build" = no ] || mvn -B -q -DskipTests package
frontend_jar=cluster-frontend/target/quarkus-app/quarkus-run.jar
s3_jar=$PWD/cluster-frontend/target/s3proxy/s3proxy.jar
s3_port=${HPCGW_S3_PORT:-9000}
gateway_jar=gateway-app/target/quarkus-app/quarkus-run.jar
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT

# start_staging <dir> [command prefix...]: s3proxy with its data and keys in <dir>; exports the front
# end's FRONTEND_STAGING_* (the keys through the environment, never the command line).
start_staging() {
  local dir=$1; shift
  if [ ! -r "$dir/s3proxy.env" ]; then
    (umask 077; printf 'access=hpcgw%s\nsecret=%s\n' "$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
      "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$dir/s3proxy.env")
  fi
  local access secret
  access=$(sed -n 's/^access=//p' "$dir/s3proxy.env"); secret=$(sed -n 's/^secret=//p' "$dir/s3proxy.env")
  mkdir -p "$dir/s3"
  (umask 077; printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$s3_port" "s3proxy.authorization=aws-v2-or-v4" \
    "s3proxy.identity=$access" "s3proxy.credential=$secret" "jclouds.provider=filesystem" \
    "jclouds.filesystem.basedir=$dir/s3" > "$dir/s3proxy.properties")
  chown -R --reference="$dir" "$dir/s3proxy.env" "$dir/s3proxy.properties" "$dir/s3"
  "$@" java -Xmx256m -jar "$s3_jar" --properties "$dir/s3proxy.properties" >"$dir/s3proxy.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null && break
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "run.sh: s3proxy stopped; see $dir/s3proxy.log" >&2; exit 1; }
    sleep 0.1
  done
  export FRONTEND_STAGING_ENDPOINT=http://127.0.0.1:$s3_port FRONTEND_STAGING_ACCESS_KEY=$access \
    FRONTEND_STAGING_SECRET_KEY=$secret
  echo "staging store (s3proxy) on http://127.0.0.1:$s3_port (log: $dir/s3proxy.log)"
}

if [ "$multi" = no ]; then
  home=$HOME/.hpc-gateway
  mkdir -p "$home"
  start_staging "$home"
  java ${JAVA_OPTS:-} -Duser.home="$HOME" -jar "$frontend_jar" >"$home/frontend.log" 2>&1 &
  pids+=($!)
  await_live http://127.0.0.1:8081/status/liveness/ "${pids[-1]}" "$home/frontend.log"
  echo "cluster front end on http://127.0.0.1:8081, identity mode service-account (log: $home/frontend.log)"
  echo "gateway on http://127.0.0.1:8080: token: deploy/local/dev-token.sh <user>; walkthrough: deploy/local/demo.sh"
  # The task farm's pilots run the worker and the pi image from the build tree.
  java ${JAVA_OPTS:-} -Duser.home="$HOME" -Dgateway.tasks.pilot.worker-command="$PWD/task-worker/bin/hpcgw-task-worker" \
    -Dgateway.tasks.images.pi.command="$PWD/task-worker/bin/hpcgw-task-pi" -jar "$gateway_jar"
  exit
fi

# --multi-user: the services' account, a demo account, and copies of the applications it can read.
bash deploy/local/users.sh service hpcgw
bash deploy/local/users.sh add demo
service_home=$(getent passwd hpcgw | cut -d: -f6)
install -d -o hpcgw -m 0700 "$service_home/.hpc-gateway"
install -d -m 0755 /opt/hpc-gateway /var/log/hpc-gateway
rm -rf /opt/hpc-gateway/frontend /opt/hpc-gateway/gateway
cp -r cluster-frontend/target/quarkus-app /opt/hpc-gateway/frontend
cp -r gateway-app/target/quarkus-app /opt/hpc-gateway/gateway
cp "$s3_jar" /opt/hpc-gateway/s3proxy.jar
# The task farm's worker and pi image, where every user's pilot jobs can run them.
bash task-worker/install.sh /opt/hpc-gateway >/dev/null
s3_jar=/opt/hpc-gateway/s3proxy.jar
chmod -R a+rX /opt/hpc-gateway
keys=$service_home/.hpc-gateway/keys
as_service() { runuser -u hpcgw -- "$@"; }
start_staging "$service_home/.hpc-gateway" as_service
common=(-Dfrontend.roots=/home -Dfrontend.auth.dev-key-directory="$keys")
if scontrol ping 2>/dev/null | grep -q UP; then system=hpcgw; else system=local; fi

# The gateway first: as hpcgw it creates the token keys (owner only) that the front end reads.
# Several accounts share this machine: no development login (tokens from dev-token.sh, as root).
as_service java ${JAVA_OPTS:-} -Duser.home="$service_home" -Dgateway.clusters.local.system=$system -Dgateway.auth.dev-login=false \
  -Dgateway.tasks.pilot.worker-command=/opt/hpc-gateway/bin/hpcgw-task-worker \
  -Dgateway.tasks.images.pi.command=/opt/hpc-gateway/bin/hpcgw-task-pi \
  -jar /opt/hpc-gateway/gateway/quarkus-run.jar >/var/log/hpc-gateway/gateway.log 2>&1 &
pids+=($!)
await_live http://127.0.0.1:8080/q/health/live "${pids[-1]}" /var/log/hpc-gateway/gateway.log

if [ "$system" = hpcgw ]; then
  bash deploy/local/sshd-up.sh
  as_service java ${JAVA_OPTS:-} -Duser.home="$service_home" "${common[@]}" -Dfrontend.scheduler=slurm \
    -Dfrontend.system-name=$system -Dfrontend.identity.mode=ssh -Dfrontend.ssh.port=2222 \
    -Dfrontend.ssh.ca-key-location=/etc/hpc-gateway/ssh/user_ca \
    -Dfrontend.ssh.known-hosts=/etc/hpc-gateway/ssh/known_hosts \
    -jar /opt/hpc-gateway/frontend/quarkus-run.jar >/var/log/hpc-gateway/frontend.log 2>&1 &
  mode="ssh (jobs on SLURM, commands over SSH on 127.0.0.1:2222)"
else
  # setuid: the front end is root; its own state lives where the jobs' users can pass to their scripts.
  install -d -m 0711 /var/lib/hpc-gateway-frontend
  java ${JAVA_OPTS:-} -Duser.home="$service_home" "${common[@]}" -Dfrontend.scheduler=local \
    -Dfrontend.identity.mode=setuid -Dfrontend.data-dir=/var/lib/hpc-gateway-frontend \
    -jar /opt/hpc-gateway/frontend/quarkus-run.jar >/var/log/hpc-gateway/frontend.log 2>&1 &
  mode="setuid (jobs on the local executor, started as each user with setpriv)"
fi
pids+=($!)
await_live http://127.0.0.1:8081/status/liveness/ "${pids[-1]}" /var/log/hpc-gateway/frontend.log
echo "cluster front end on http://127.0.0.1:8081, identity mode $mode (log: /var/log/hpc-gateway/frontend.log)"
echo "gateway on http://127.0.0.1:8080 as hpcgw (log: /var/log/hpc-gateway/gateway.log); its data and keys: $service_home, owner only"
echo "token: deploy/local/dev-token.sh demo (accounts must exist: deploy/local/users.sh add NAME); walkthrough: deploy/local/demo.sh"
wait "${pids[0]}"
