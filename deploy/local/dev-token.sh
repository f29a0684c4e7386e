#!/usr/bin/env bash
# Prints a bearer token for <user>, signed (RS256) with the embedded default's dev key pair, which
# the front end (and the gateway) generate on first start. Only for local use: production
# deployments take tokens from their identity provider.
#
#   deploy/local/dev-token.sh <user> [ttl-seconds=3600] [roles=user]
#   curl -H "Authorization: Bearer $(deploy/local/dev-token.sh alice)" http://127.0.0.1:8081/status/systems
#
# HPCGW_DEV_KEY_DIR names the key directory; by default ~/.hpc-gateway/keys (run.sh), else, as
# root, the multi-user bring-up's, in the service account hpcgw's home (run.sh --multi-user).
set -euo pipefail
user=${1:?usage: dev-token.sh <user> [ttl-seconds] [roles, comma-separated]}
ttl=${2:-3600}
roles=${3:-user}
dir=${HPCGW_DEV_KEY_DIR:-$HOME/.hpc-gateway/keys}
service_keys="$(getent passwd hpcgw | cut -d: -f6)/.hpc-gateway/keys"
if [ -z "${HPCGW_DEV_KEY_DIR:-}" ] && [ ! -r "$dir/dev-signing-key.pem" ] && [ -r "$service_keys/dev-signing-key.pem" ]; then
  dir=$service_keys
fi
key="$dir/dev-signing-key.pem"
[ -r "$key" ] || { echo "dev-token.sh: no dev key at $key; start the front end or gateway once first" >&2; exit 1; }
[[ "$user" =~ ^[A-Za-z0-9_][A-Za-z0-9._-]*$ ]] || { echo "dev-token.sh: user names are letters, digits, . _ -" >&2; exit 1; }
[[ "$ttl" =~ ^-?[0-9]+$ ]] || { echo "dev-token.sh: ttl must be whole seconds" >&2; exit 1; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
role_list=$(printf '"%s",' ${roles//,/ }); role_list="[${role_list%,}]"
header='{"alg":"RS256","typ":"JWT","kid":"hpc-gateway-dev"}'
payload=$(printf '{"iss":"hpc-gateway-dev","sub":"%s","preferred_username":"%s","name":"%s","email":"%s@localhost","groups":%s,"iat":%d,"exp":%d}' \
  "$user" "$user" "$user" "$user" "$role_list" "$now" "$((now + ttl))")
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s\n' "$signing_input" "$signature"
