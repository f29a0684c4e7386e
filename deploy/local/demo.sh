#!/usr/bin/env bash
# Walks the whole job flow against a running gateway (deploy/local/run.sh), printing each step as
# a new user would try it: token, account, create, upload, launch, poll, download, cancel, usage
# and charges.
#   deploy/local/demo.sh [gateway URL=http://127.0.0.1:8080] [user=demo]
set -euo pipefail
cd "$(dirname "$0")/../.."
gw=${1:-http://127.0.0.1:8080}
user=${2:-demo}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
api() { curl -sS --fail-with-body -H "Authorization: Bearer $token" "$@"; }
input=$(mktemp) # private: another account's demo may have run on this machine
trap 'rm -f "$input"' EXIT

step "1. a token for '$user' (deploy/local/dev-token.sh $user)"
token=$(deploy/local/dev-token.sh "$user")
echo "${token:0:40}..."

step "2. GET /api/v2/me: the account is created on first use"
api "$gw/api/v2/me"; echo

step "3. POST /api/v2/jobs: a job that reads an input and writes an output"
job=$(api -H 'Content-Type: application/json' -X POST "$gw/api/v2/jobs" \
  -d '{"name":"demo","command":"tr a-z A-Z < input.txt > output.txt; echo converted"}')
echo "$job"
id=$(echo "$job" | json '["id"]')

step "4. PUT /api/v2/jobs/$id/files/input.txt (with its SHA-256 checked)"
printf 'hello from the hpc gateway\n' > "$input"
sum=$(sha256sum "$input" | cut -d' ' -f1)
api -X PUT --data-binary @"$input" "$gw/api/v2/jobs/$id/files/input.txt?sha256=$sum"; echo

step "5. POST /api/v2/jobs/$id/launch"
api -X POST "$gw/api/v2/jobs/$id/launch" | json '["state"]'

step "6. GET /api/v2/jobs/$id until it finishes"
for _ in $(seq 120); do
  state=$(api "$gw/api/v2/jobs/$id" | json '["state"]')
  echo "state: $state"
  case "$state" in completed|failed|cancelled|timeout) break ;; esac
  sleep 1
done
[ "$state" = completed ] || { echo "demo: the job ended $state" >&2; exit 1; }

step "7. GET /api/v2/jobs/$id/files and the output"
api "$gw/api/v2/jobs/$id/files"; echo
api "$gw/api/v2/jobs/$id/files/output.txt"

step "8. a long job, launched and cancelled"
long=$(api -H 'Content-Type: application/json' -X POST "$gw/api/v2/jobs" -d '{"name":"long","command":"sleep 300"}' | json '["id"]')
api -X POST "$gw/api/v2/jobs/$long/launch" >/dev/null
api -X POST "$gw/api/v2/jobs/$long/cancel" | json '["stateReason"]'
for _ in $(seq 60); do
  state=$(api "$gw/api/v2/jobs/$long" | json '["state"]')
  [ "$state" = cancelled ] && break
  sleep 1
done
echo "state: $state"
[ "$state" = cancelled ] || { echo "demo: the cancelled job ended $state" >&2; exit 1; }

step "9. GET /api/v2/jobs/$id/usage and /charges: signed usage records and the itemised charge"
for _ in $(seq 60); do
  status=$(api "$gw/api/v2/jobs/$id/charges" | json '["status"]')
  [ "$status" = final ] && break
  sleep 1
done
api "$gw/api/v2/jobs/$id/usage" | json '[-1]["metrics"]'
api "$gw/api/v2/jobs/$id/charges" | python3 -c "import json,sys; c=json.load(sys.stdin); i=c['invoice']
print(c['status'], [(l['resource'], l['amount']) for l in i['lines']], 'total', i['total'], i['currency'],
      'fee', c['platformFee'], 'provider', c['providerShare'])"

step "10. GET /api/v2/jobs: $user's jobs"
api "$gw/api/v2/jobs" | json '["total"]'
echo; echo "demo: done"
