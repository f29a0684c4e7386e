#!/usr/bin/env bash
# Uploads and downloads a 1 GiB file through the front end and reports the JVM's peak RSS (VmHWM)
# against its RSS when idle, to show transfers stream instead of buffering. The heap is capped at
# 256 MiB, so buffering the file would fail outright. Usage: bench/frontend-transfer-rss.sh [MiB=1024]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
mib=${1:-1024}
port=18182
start_frontend $port
base="http://127.0.0.1:$port/filesystem/local/ops"
home="$work/data/home/bench"
curl -sf -H "Authorization: Bearer $token" "$base/ls?path=$home" >/dev/null
rss() { awk -v f="$1" '$1 == f":" {print $2}' "/proc/$frontend_pid/status"; }
idle=$(rss VmRSS)
head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/big.bin"
want=$(sha256sum "$work/big.bin" | cut -d' ' -f1)
t0=$(date +%s.%N)
curl -sf -H "Authorization: Bearer $token" -F "file=@$work/big.bin" "$base/upload?path=$home"
t1=$(date +%s.%N)
got=$(curl -sf -H "Authorization: Bearer $token" "$base/download?path=$home/big.bin" | sha256sum | cut -d' ' -f1)
t2=$(date +%s.%N)
[ "$want" = "$got" ] || { echo "checksum mismatch: $want vs $got" >&2; exit 1; }
printf 'file %d MiB, heap -Xmx256m: RSS idle %d MiB, peak (VmHWM) %d MiB; upload %.1f s, download %.1f s; checksum ok\n' \
  "$mib" "$((idle / 1024))" "$(( $(rss VmHWM) / 1024 ))" "$(awk "BEGIN {print $t1 - $t0}")" "$(awk "BEGIN {print $t2 - $t1}")"
