#!/usr/bin/env bash
# hpcgw against curl on the same gateway and front end: a file uploaded in one verified PUT (curl,
# the baseline) and through the resumable tus route in parts (hpcgw files put), then downloaded
# with curl and with hpcgw files get (which also hashes the result); and the command's start-up
# against a bare JVM's. Prints each time and the ratio to its baseline.
#   bench/cli-transfers.sh [MiB=512] [part size=16M]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
mib=${1:-512}
part=${2:-16M}
[ -f cli/target/hpcgw.jar ] || mvn -B -q -pl cli -am package -DskipTests
start_frontend 18491
start_gateway 18493 18491 local
gw=http://127.0.0.1:18493
api=$gw/api/v2
export XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache HPCGW_GATEWAY=$gw HPCGW_TOKEN=$token
hpcgw() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar cli/target/hpcgw.jar "$@"; }
now() { date +%s.%N; }
ratio() { awk "BEGIN {printf \"%.2f\", ($1) / ($2)}"; }

id=$(hpcgw jobs create --command true -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/big.bin"
sum=$(sha256sum "$work/big.bin" | cut -d' ' -f1)

t0=$(now); curl -sf -X PUT -T "$work/big.bin" "$api/jobs/$id/files/curl.bin?sha256=$sum" -H "Authorization: Bearer $token" >/dev/null
t1=$(now); hpcgw files put "$id" "$work/big.bin" --part-size "$part" --progress never >/dev/null
t2=$(now); curl -sf "$api/jobs/$id/files/curl.bin" -H "Authorization: Bearer $token" -o "$work/curl.out"
t3=$(now); hpcgw files get "$id" big.bin -O "$work/cli.out" --progress never >/dev/null
t4=$(now)
[ "$(sha256sum < "$work/curl.out" | cut -d' ' -f1)" = "$sum" ] && [ "$(sha256sum < "$work/cli.out" | cut -d' ' -f1)" = "$sum" ] ||
  { echo "cli-transfers: a download differs" >&2; exit 1; }
up_curl=$(awk "BEGIN {print $t1 - $t0}"); up_cli=$(awk "BEGIN {print $t2 - $t1}")
down_curl=$(awk "BEGIN {print $t3 - $t2}"); down_cli=$(awk "BEGIN {print $t4 - $t3}")

s0=$(now); for _ in 1 2 3 4 5; do java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version 2>/dev/null; done
s1=$(now); for _ in 1 2 3 4 5; do hpcgw --version >/dev/null; done
s2=$(now); for _ in 1 2 3 4 5; do hpcgw whoami >/dev/null; done
s3=$(now)
printf 'upload %d MiB:   curl PUT+verify %.1f s, hpcgw tus (%s parts) %.1f s  -> hpcgw/curl %s\n' "$mib" "$up_curl" "$part" "$up_cli" "$(ratio "$up_cli" "$up_curl")"
printf 'download %d MiB: curl %.1f s, hpcgw (+Repr-Digest, local hash) %.1f s  -> hpcgw/curl %s\n' "$mib" "$down_curl" "$down_cli" "$(ratio "$down_cli" "$down_curl")"
printf 'start-up: bare JVM %.2f s, hpcgw --version %.2f s, hpcgw whoami %.2f s (mean of 5)  -> --version/JVM %s\n' \
  "$(awk "BEGIN {print ($s1 - $s0) / 5}")" "$(awk "BEGIN {print ($s2 - $s1) / 5}")" "$(awk "BEGIN {print ($s3 - $s2) / 5}")" \
  "$(ratio "$s2 - $s1" "$s1 - $s0")"
