#!/usr/bin/env bash
# Brings up a real Keycloak on this machine with the shipped realm (deploy/keycloak/realm.json,
# realm "hpc"), for the gateway's oidc mode: its tests, and trying it by hand. Idempotent: fetches
# org.keycloak:keycloak-quarkus-dist from Maven Central once, starts it only when the realm does
# not answer yet, then waits for it (about 35 s on a first start, 500 MiB).
#
#   deploy/local/keycloak-up.sh               start (or find running) and print how to get a token
#   deploy/local/keycloak-up.sh user NAME [ROLE...]
#                                             create or reset a realm user with a fresh password
#                                             (roles: user, provider, admin) and print it
#   deploy/local/keycloak-up.sh install       only fetch and unpack the distribution (HPCGW_KEYCLOAK_HOME)
#   deploy/local/keycloak-up.sh stop
#   deploy/local/keycloak-up.sh reset         stop, forget the realm's data, start with realm.json again
#                                             (the import keeps an existing realm as it is)
#
# State, owner-only (0700), in ${HPCGW_KEYCLOAK_STATE:-~/.hpc-gateway/keycloak}:
#   admin.env       the bootstrap admin's credentials (KC_ADMIN_USER, KC_ADMIN_PASSWORD)
#   gateway.env     the confidential client hpc-gateway's secret (HPCGW_GATEWAY_CLIENT_SECRET),
#                   put into the realm at import through its ${HPCGW_GATEWAY_CLIENT_SECRET} placeholder
#   keycloak.log, keycloak.pid
# This is Keycloak's development server (start-dev: H2 file database, plain HTTP on 127.0.0.1);
# a provider runs Keycloak in production mode behind TLS (README, "Identity").
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${HPCGW_KEYCLOAK_VERSION:-26.7.3}
port=${HPCGW_KEYCLOAK_PORT:-8180}
# Its management interface (health) would take 9000, where run.sh's staging store listens.
management_port=${HPCGW_KEYCLOAK_MANAGEMENT_PORT:-9190}
state=${HPCGW_KEYCLOAK_STATE:-$HOME/.hpc-gateway/keycloak}
home=${HPCGW_KEYCLOAK_HOME:-$HOME/.cache/hpc-gateway/keycloak-$version}
base=http://127.0.0.1:$port
realm_url=$base/realms/hpc

log() { echo "keycloak-up: $*"; }

if ! command -v curl >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "keycloak-up: install curl first" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl >/dev/null
fi

answers() { curl -fsS -o /dev/null --max-time 2 "$realm_url/.well-known/openid-configuration" 2>/dev/null; }

random_secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }

admin_token() {
  # shellcheck disable=SC1091
  . "$state/admin.env"
  curl -fsS "$base/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
    --data-urlencode "username=$KC_ADMIN_USER" --data-urlencode "password=$KC_ADMIN_PASSWORD" |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

install_dist() {
  [ -x "$home/bin/kc.sh" ] && return
  log "fetching org.keycloak:keycloak-quarkus-dist:$version from Maven Central"
  local download
  download=$(mktemp -d)
  # Run outside the project, so the goal runs once and not for each module of the reactor.
  (cd "$download" && mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" \
    -DoutputDirectory="$download" -Dmdep.stripVersion=true)
  mkdir -p "$(dirname "$home")"
  tar -xzf "$download/keycloak-quarkus-dist.tar.gz" -C "$download"
  rm -rf "$home"
  mv "$download/keycloak-$version" "$home"
  rm -rf "$download"
}

secrets() {
  install -d -m 0700 "$state"
  umask 077
  [ -s "$state/admin.env" ] || printf 'KC_ADMIN_USER=admin\nKC_ADMIN_PASSWORD=%s\n' "$(random_secret)" > "$state/admin.env"
  [ -s "$state/gateway.env" ] || printf 'HPCGW_GATEWAY_CLIENT_SECRET=%s\n' "$(random_secret)" > "$state/gateway.env"
}

start() {
  if answers; then
    log "realm hpc already answers at $realm_url"
    return
  fi
  install_dist
  secrets
  mkdir -p "$home/data/import"
  cp deploy/keycloak/realm.json "$home/data/import/hpc-realm.json"
  log "starting Keycloak $version on $base (log: $state/keycloak.log)"
  (
    # shellcheck disable=SC1091
    . "$state/admin.env"; . "$state/gateway.env"
    export KC_BOOTSTRAP_ADMIN_USERNAME=$KC_ADMIN_USER KC_BOOTSTRAP_ADMIN_PASSWORD=$KC_ADMIN_PASSWORD
    export HPCGW_GATEWAY_CLIENT_SECRET
    export JAVA_OPTS_KC_HEAP=${HPCGW_KEYCLOAK_HEAP:--Xms64m -Xmx512m}
    nohup "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" --import-realm \
      --http-management-port="$management_port" --health-enabled=true >"$state/keycloak.log" 2>&1 &
    echo $! > "$state/keycloak.pid"
  )
  local deadline=$((SECONDS + 240))
  until answers; do
    if ! kill -0 "$(cat "$state/keycloak.pid")" 2>/dev/null; then
      tail -20 "$state/keycloak.log" >&2; echo "keycloak-up: Keycloak exited" >&2; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then echo "keycloak-up: timed out; see $state/keycloak.log" >&2; exit 1; fi
    sleep 1
  done
  log "ready after ${SECONDS} s: realm hpc at $realm_url"
}

user() {
  local name=$1; shift
  local roles=("$@"); [ ${#roles[@]} -gt 0 ] || roles=(user)
  local token password id
  token=$(admin_token)
  password=$(random_secret)
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "$base/admin/realms/hpc/users" -d "{\"username\":\"$name\",\"enabled\":true,\"email\":\"$name@example.org\",\"emailVerified\":true,\"firstName\":\"$name\",\"lastName\":\"HPC\"}" || true
  id=$(curl -fsS -H "Authorization: Bearer $token" "$base/admin/realms/hpc/users?exact=true&username=$name" |
    sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')
  [ -n "$id" ] || { echo "keycloak-up: user $name was not created" >&2; exit 1; }
  curl -fsS -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "$base/admin/realms/hpc/users/$id/reset-password" -d "{\"type\":\"password\",\"value\":\"$password\",\"temporary\":false}"
  local role_json=""
  for role in "${roles[@]}"; do
    role_json+="${role_json:+,}$(curl -fsS -H "Authorization: Bearer $token" "$base/admin/realms/hpc/roles/$role")"
  done
  curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "$base/admin/realms/hpc/users/$id/role-mappings/realm" -d "[$role_json]"
  echo "user $name (${roles[*]}), password: $password"
}

stop() {
  local pid
  [ -s "$state/keycloak.pid" ] || return 0
  pid=$(cat "$state/keycloak.pid")
  kill "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
  log "stopped"
}

case "${1:-start}" in
  start)
    start
    cat <<EOF
A token for a realm user (create one with: $0 user alice; admins: $0 user ada admin):
  curl -s $realm_url/protocol/openid-connect/token -d grant_type=password -d client_id=hpc-cli \\
    -d username=alice -d password=PASSWORD | jq -r .access_token
The gateway in oidc mode against this realm:
  GATEWAY_AUTH_MODE=oidc QUARKUS_OIDC_AUTH_SERVER_URL=$realm_url QUARKUS_OIDC_CLIENT_ID=hpc-gateway \\
    QUARKUS_OIDC_TOKEN_AUDIENCE=hpc-gateway deploy/local/run.sh
Admin console: $base/admin (credentials in $state/admin.env)
EOF
    ;;
  user) [ $# -ge 2 ] || { echo "usage: $0 user NAME [ROLE...]" >&2; exit 2; }; shift; user "$@" ;;
  install) install_dist ;;
  stop) stop ;;
  reset) stop; rm -rf "$home/data/h2"; start ;;
  *) echo "usage: $0 [start|user NAME [ROLE...]|install|stop|reset]" >&2; exit 2 ;;
esac
