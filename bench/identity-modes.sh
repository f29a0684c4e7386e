#!/usr/bin/env bash
# The cost of running as the user: two front ends on the same SLURM, one in the identity mode
# service-account (the baseline), one in the ssh mode (every command over SSH as alice, through the
# sshd of deploy/local/sshd-up.sh), measured in one run: submit and job-state latency (p50, p99,
# interleaved), then a file of <MiB> uploaded and downloaded through each (checksums compared), and
# each JVM's peak RSS. Needs root, SLURM and the test command's accounts and sshd.
# Usage: bench/identity-modes.sh [samples=50] [MiB=1024]
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${1:-50}
mib=${2:-1024}
work=$(mktemp -d /tmp/hpcgw-bench.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; scancel --name=bench-identity 2>/dev/null || true; rm -rf "$work"' EXIT
[ -f cluster-frontend/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package

start() { # start <port> <name> <roots> <extra -D...>
  local port=$1 name=$2 roots=$3; shift 3
  java -Xmx256m -Dquarkus.http.port="$port" -Dfrontend.data-dir="$work/$name" -Dfrontend.roots="$roots" \
    -Dfrontend.auth.dev-key-directory="$work/keys" -Dfrontend.scheduler=slurm -Dfrontend.system-name=hpcgw \
    -Dquarkus.log.level=WARN "$@" -jar cluster-frontend/target/quarkus-app/quarkus-run.jar >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/status/liveness/" >/dev/null && return 0; sleep 0.1; done
  echo "the $name front end did not start; see $work/$name.log" >&2; exit 1
}
install -d -m 1777 "$work/ssh-home"
start 18191 service-account "$work/sa-home"
start 18192 ssh "$work/ssh-home" -Dfrontend.identity.mode=ssh -Dfrontend.ssh.port=2222 \
  -Dfrontend.ssh.ca-key-location=/etc/hpc-gateway/ssh/user_ca -Dfrontend.ssh.known-hosts=/etc/hpc-gateway/ssh/known_hosts
chmod 755 "$work"
token=$(HPCGW_DEV_KEY_DIR="$work/keys" deploy/local/dev-token.sh alice)
auth=(-H "Authorization: Bearer $token")
for port in 18191 18192; do # each user's folder, made as that user where jobs run as users
  home=$([ $port = 18191 ] && echo "$work/sa-home/alice" || echo "$work/ssh-home/alice")
  curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d "{\"path\":\"$home/jobs\",\"parent\":true}" \
    "http://127.0.0.1:$port/filesystem/hpcgw/ops/mkdir" >/dev/null
done

mkdir -p "$work/classes"
javac -d "$work/classes" bench/Latencies.java bench/IdentityModes.java
java -cp "$work/classes" IdentityModes hpcgw "$samples" http://127.0.0.1:18191 "$token" "$work/sa-home/alice/jobs" \
  http://127.0.0.1:18192 "$token" "$work/ssh-home/alice/jobs"
scancel --name=bench-identity

head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/big.bin"
want=$(sha256sum "$work/big.bin" | cut -d' ' -f1)
rss() { awk -v f="$2" '$1 == f":" {print int($2 / 1024)}' "/proc/$1/status"; }
declare -A up down peak
for mode in service-account ssh; do
  port=$([ $mode = ssh ] && echo 18192 || echo 18191)
  pid=$([ $mode = ssh ] && echo "${pids[1]}" || echo "${pids[0]}")
  dir=$([ $mode = ssh ] && echo "$work/ssh-home/alice" || echo "$work/sa-home/alice")
  t0=$(date +%s.%N)
  curl -sf "${auth[@]}" -F "file=@$work/big.bin" "http://127.0.0.1:$port/filesystem/hpcgw/ops/upload?path=$dir"
  t1=$(date +%s.%N)
  curl -sf "${auth[@]}" -o "$work/back.bin" "http://127.0.0.1:$port/filesystem/hpcgw/ops/download?path=$dir/big.bin"
  t2=$(date +%s.%N)
  # Checked outside the timing: sha256sum alone takes seconds per GiB on this machine.
  got=$(sha256sum "$work/back.bin" | cut -d' ' -f1); rm -f "$work/back.bin"
  [ "$want" = "$got" ] || { echo "$mode: checksum mismatch" >&2; exit 1; }
  up[$mode]=$(awk "BEGIN {print $t1 - $t0}"); down[$mode]=$(awk "BEGIN {print $t2 - $t1}")
  peak[$mode]=$(rss "$pid" VmHWM)
done
printf '%d MiB transfers, same machine, checksums equal (s; MiB/s; ratio = ssh throughput / service-account):\n' "$mib"
for dir in up down; do
  declare -n t=$dir
  awk -v d="$dir" -v a="${t[service-account]}" -v b="${t[ssh]}" -v m="$mib" 'BEGIN {
    printf "  %-9s service-account %6.1f s (%5.0f MiB/s)   ssh %6.1f s (%5.0f MiB/s)   ratio %.2fx\n",
      (d == "up" ? "upload" : "download"), a, m / a, b, m / b, a / b }'
done
printf '  peak RSS (VmHWM), heap -Xmx256m: service-account %d MiB, ssh %d MiB\n' "${peak[service-account]}" "${peak[ssh]}"
