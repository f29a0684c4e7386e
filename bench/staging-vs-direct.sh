#!/usr/bin/env bash
# A file of <MiB> (1 GiB by default) up and down through the front end's staging (FirecREST's
# transfer/upload and transfer/download on s3proxy, the client moving the parts with curl as
# pyfirecrest does) against the direct routes (ops/upload, ops/download); then the same through
# the gateway, to a cluster it stages for (max-direct-transfer-size 1M) against one it sends
# directly. Prints each time, the throughput ratio staged/direct, and the peak RSS (VmHWM, reset
# before each phase) of the front end, the store and the gateway. Heaps are capped at 256 MiB.
# Usage: bench/staging-vs-direct.sh [MiB=1024]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
mib=${1:-1024}
start_s3 18190
start_frontend 18191 -Dfrontend.staging.max-part-size=64M
start_gateway 18193 18191 local -Dgateway.clusters.staged.url=http://127.0.0.1:18191 \
  -Dgateway.clusters.staged.system=local -Dgateway.clusters.staged.max-direct-transfer-size=1M
auth=(-H "Authorization: Bearer $token")
base=http://127.0.0.1:18191
home="$work/data/home/bench"
curl -sf "${auth[@]}" "$base/filesystem/local/ops/ls?path=$home" >/dev/null
head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/big.bin"
size=$(stat -c %s "$work/big.bin")
want=$(sha256sum "$work/big.bin" | cut -d' ' -f1)

now() { date +%s.%N; }
reset_peaks() { for p in "$@"; do echo 5 > "/proc/$p/clear_refs" 2>/dev/null || true; done; }
peak() { echo $(( $(awk '/VmHWM/ {print $2}' "/proc/$1/status") / 1024 )); }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
await_job() {
  local id=$1 state=""
  for _ in $(seq 36000); do
    state=$(curl -sf "${auth[@]}" "$base/compute/local/jobs/$id" | json 'd["jobs"][0]["status"]["state"]' 2>/dev/null || true)
    case "$state" in COMPLETED) return 0 ;; FAILED|CANCELLED|TIMEOUT) echo "transfer job $id: $state" >&2; exit 1 ;; esac
    sleep 0.2
  done
  echo "transfer job $id did not end" >&2; exit 1
}

# --- the front end: direct ---
reset_peaks "$frontend_pid" "$s3_pid"
t0=$(now)
curl -sf "${auth[@]}" -F "file=@$work/big.bin" "$base/filesystem/local/ops/upload?path=$home"
t1=$(now)
got=$(curl -sf "${auth[@]}" "$base/filesystem/local/ops/download?path=$home/big.bin" | sha256sum | cut -d' ' -f1)
t2=$(now)
[ "$got" = "$want" ] || { echo "direct download differs" >&2; exit 1; }
direct_rss=$(peak "$frontend_pid")
direct_up=$(awk "BEGIN {print $t1 - $t0}"); direct_down=$(awk "BEGIN {print $t2 - $t1}")

# --- the front end: staged ---
reset_peaks "$frontend_pid" "$s3_pid"
t0=$(now)
answer=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"path\":\"$home/staged.bin\",\"transfer_directives\":{\"transfer_method\":\"s3\",\"file_size\":$size}}" \
  "$base/filesystem/local/transfer/upload")
part=$(echo "$answer" | json 'd["transferDirectives"]["maxPartSize"]')
job=$(echo "$answer" | json 'd["transferJob"]["jobId"]')
complete=$(echo "$answer" | json 'd["transferDirectives"]["completeUploadUrl"]')
xml="" i=0
while read -r url; do
  i=$((i + 1)); off=$(( (i - 1) * part )); len=$(( size - off < part ? size - off : part ))
  tag=$(dd if="$work/big.bin" bs=1M iflag=skip_bytes,count_bytes skip=$off count=$len status=none \
    | curl -sf -D - -o /dev/null -T - -H "Content-Length: $len" -H "Transfer-Encoding:" "$url" \
    | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')
  xml="$xml<Part><PartNumber>$i</PartNumber><ETag>$tag</ETag></Part>"
done < <(echo "$answer" | json '"\n".join(d["transferDirectives"]["partsUploadUrls"])')
curl -sf -o /dev/null -X POST --data-binary "<CompleteMultipartUpload>$xml</CompleteMultipartUpload>" "$complete"
await_job "$job"
t1=$(now)
answer=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"source_path\":\"$home/staged.bin\",\"transfer_directives\":{\"transferMethod\":\"s3\"}}" \
  "$base/filesystem/local/transfer/download")
await_job "$(echo "$answer" | json 'd["transferJob"]["jobId"]')"
got=$(curl -sf "$(echo "$answer" | json 'd["transferDirectives"]["downloadUrl"]')" | sha256sum | cut -d' ' -f1)
t2=$(now)
[ "$got" = "$want" ] || { echo "staged download differs" >&2; exit 1; }
staged_rss=$(peak "$frontend_pid"); store_rss=$(peak "$s3_pid")
staged_up=$(awk "BEGIN {print $t1 - $t0}"); staged_down=$(awk "BEGIN {print $t2 - $t1}")

# --- the gateway: direct cluster and staged cluster ---
api=http://127.0.0.1:18193/api/v2
gateway_run() { # gateway_run <cluster>: prints "upload-seconds download-seconds peak-MiB"
  local id t0 t1 t2 got
  id=$(curl -sf -X POST "$api/jobs" "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"big\",\"command\":\"true\",\"cluster\":\"$1\"}" | json 'd["id"]')
  reset_peaks "$gateway_pid"
  t0=$(now)
  curl -sf -X PUT -T "$work/big.bin" "$api/jobs/$id/files/big.bin?sha256=$want" "${auth[@]}" >/dev/null
  t1=$(now)
  got=$(curl -sf "$api/jobs/$id/files/big.bin" "${auth[@]}" | sha256sum | cut -d' ' -f1)
  t2=$(now)
  [ "$got" = "$want" ] || { echo "gateway download ($1) differs" >&2; exit 1; }
  echo "$(awk "BEGIN {print $t1 - $t0}") $(awk "BEGIN {print $t2 - $t1}") $(peak "$gateway_pid")"
}
read -r gd_up gd_down gd_rss < <(gateway_run local)
read -r gs_up gs_down gs_rss < <(gateway_run staged)

ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
printf 'file %d MiB (64 MiB parts), heaps -Xmx256m, checksums ok\n' "$mib"
printf 'front end direct: upload %.1f s, download %.1f s; peak RSS %d MiB\n' "$direct_up" "$direct_down" "$direct_rss"
printf 'front end staged: upload %.1f s, download %.1f s; peak RSS front end %d MiB, store %d MiB\n' \
  "$staged_up" "$staged_down" "$staged_rss" "$store_rss"
printf 'throughput staged/direct: upload %sx, download %sx\n' "$(ratio "$direct_up" "$staged_up")" \
  "$(ratio "$direct_down" "$staged_down")"
printf 'gateway direct: upload+verify %.1f s, download %.1f s; peak RSS %d MiB\n' "$gd_up" "$gd_down" "$gd_rss"
printf 'gateway staged: upload+verify %.1f s, download %.1f s; peak RSS %d MiB\n' "$gs_up" "$gs_down" "$gs_rss"
printf 'throughput through the gateway staged/direct: upload %sx, download %sx\n' "$(ratio "$gd_up" "$gs_up")" \
  "$(ratio "$gd_down" "$gs_down")"
