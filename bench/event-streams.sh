#!/usr/bin/env bash
# The event log's push against the cheapest poll, with 1, 10 and 100 users each holding an open
# stream while creating jobs: how long after a create's answer its event reaches the user's stream,
# against one GET of the same job (bench/event-streams.mjs). Node from the PATH, or the one the web
# UI's build fetched.
#   bench/event-streams.sh [rounds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
start_frontend 18591
start_gateway 18593 18591 local
node=node
command -v node >/dev/null 2>&1 || node="$(cat web-ui/target/node-bin)/node"
"$node" bench/event-streams.mjs http://127.0.0.1:18593 "${1:-20}"
