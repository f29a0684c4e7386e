#!/usr/bin/env bash
# demo.sh's twin with the hpcgw command line instead of curl: the whole job flow against a running
# gateway (deploy/local/run.sh), each step as a new user would type it.
#   deploy/local/demo-cli.sh [gateway URL=http://127.0.0.1:8080] [user=demo]
set -euo pipefail
cd "$(dirname "$0")/../.."
export HPCGW_GATEWAY=${1:-http://127.0.0.1:8080}
user=${2:-demo}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
work=$(mktemp -d) # private: another account's demo may have run on this machine
trap 'rm -rf "$work"' EXIT
# A home of the demo's own, so its session and upload state stay out of yours.
export XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
[ -f cli/target/hpcgw.jar ] || mvn -B -q -pl cli -am package -DskipTests
hpcgw() { cli/bin/hpcgw "$@"; }

step "1. hpcgw login --dev $user: a token signed with the embedded default's dev key"
hpcgw login --dev "$user"

step "2. hpcgw whoami: the account is created on first use"
hpcgw whoami

step "3. hpcgw jobs create: a job that reads an input and writes an output"
id=$(hpcgw jobs create --name demo --command 'tr a-z A-Z < input.txt > output.txt; echo converted' -o json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
hpcgw jobs show "$id"

step "4. hpcgw files put: the input, its SHA-256 checked by the gateway"
printf 'hello from the hpc gateway\n' > "$work/input.txt"
hpcgw files put "$id" "$work/input.txt"

step "5. hpcgw jobs launch, then hpcgw jobs watch until it ends (the exit code is the outcome)"
hpcgw jobs launch "$id"
hpcgw jobs watch "$id" --interval 1

step "6. hpcgw jobs logs and hpcgw files ls / get"
hpcgw jobs logs "$id"
hpcgw files ls "$id"
hpcgw files get "$id" output.txt -O "$work/output.txt"
cat "$work/output.txt"

step "7. a long job, launched and cancelled"
long=$(hpcgw jobs create --name long --command 'sleep 300' --launch -o json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
hpcgw jobs cancel "$long"
if hpcgw jobs watch "$long" --interval 1; then echo "demo-cli: the cancelled job completed" >&2; exit 1; fi

step "8. hpcgw charges: the itemised charge (final once SLURM's accounting is in), and hpcgw usage"
for _ in $(seq 60); do
  status=$(hpcgw charges "$id" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$status" = final ] && break
  sleep 1
done
hpcgw charges "$id"
hpcgw usage

step "9. hpcgw jobs list: $user's jobs"
hpcgw jobs list
echo; echo "demo-cli: done"
