#!/usr/bin/env bash
# Uploads (with SHA-256 verification) and downloads a 1 GiB file through the gateway and the
# front end behind it; reports the gateway's peak RSS (VmHWM) against its idle RSS. The heap is
# capped at 256 MiB, so buffering the file would fail. Usage: bench/gateway-transfer-rss.sh [MiB=1024]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
mib=${1:-1024}
start_frontend 18481
start_gateway 18483 18481 local
api="http://127.0.0.1:18483/api/v2"
id=$(curl -sf -X POST "$api/jobs" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"big","command":"true"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/big.bin"
want=$(sha256sum "$work/big.bin" | cut -d' ' -f1)
idle=$(awk '/VmRSS/ {print $2}' "/proc/$gateway_pid/status")
t0=$(date +%s.%N)
curl -sf -X PUT -T "$work/big.bin" "$api/jobs/$id/files/big.bin?sha256=$want" -H "Authorization: Bearer $token" >/dev/null
t1=$(date +%s.%N)
got=$(curl -sf "$api/jobs/$id/files/big.bin" -H "Authorization: Bearer $token" | sha256sum | cut -d' ' -f1)
t2=$(date +%s.%N)
[ "$want" = "$got" ] || { echo "checksum mismatch: $want vs $got" >&2; exit 1; }
printf 'file %d MiB through the gateway, heap -Xmx256m: gateway RSS idle %d MiB, peak (VmHWM) %d MiB; upload+verify %.1f s, download %.1f s; checksum ok\n' \
  "$mib" "$((idle / 1024))" "$(( $(awk '/VmHWM/ {print $2}' "/proc/$gateway_pid/status") / 1024 ))" \
  "$(awk "BEGIN {print $t1 - $t0}")" "$(awk "BEGIN {print $t2 - $t1}")"
