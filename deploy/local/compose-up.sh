#!/usr/bin/env bash
# deploy/docker-compose.yml without containers: every service it names, started on this machine
# from the packaged jars (and Keycloak, RabbitMQ, Prometheus from Maven Central and Debian) with
# exactly the environment the compose file gives it. That environment is read from
# `docker-compose config` (Debian's docker-compose, installed when missing), never from the YAML by
# hand; compose-services.py maps the compose network's names to 127.0.0.1 and volume paths to
# STATE. This is how CI proves that the shipped files work together (deploy's ComposeStackIT).
#
#   compose-up.sh init STATE   STATE/.env from deploy/env.template with test values (fresh random
#                              secrets, every profile, the login node of sshd-up.sh) and a test
#                              certificate for localhost made with openssl
#   compose-up.sh up STATE     start the services of STATE/.env's COMPOSE_PROFILES, each when the
#                              one before is healthy (its compose health check, run here)
#   compose-up.sh down STATE   stop them
#
# Runs as root: the services run as the account hpcgw (deploy/local/users.sh service hpcgw), the
# front end reaches the login node's sshd (sshd-up.sh) over SSH, jobs run on the SLURM of
# slurm-up.sh. Logs: STATE/logs/<service>.log.
#
# What differs from the containers: MongoDB is mongo-java-server behind the gateway's SCRAM-SHA-256
# check (StandaloneMongo; no MongoDB server package exists here), so the deployment's credentials
# are checked but MongoDB's own user management is not exercised; RabbitMQ is Debian's 3.10
# (rabbitmq-up.sh) with the compose file's account added, without deploy/rabbitmq/'s AMQPS
# listener; a published port must equal its container port.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

usage() { echo "usage: compose-up.sh init|up|down STATE" >&2; exit 2; }
[ $# -eq 2 ] || usage
command=$1
state=$(realpath -m "$2")
log() { echo "compose-up: $*"; }
[ "$(id -u)" -eq 0 ] || { echo "compose-up: run as root (services run as hpcgw)" >&2; exit 1; }

secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

init() {
  install -d -m 0700 "$state" "$state/tls"
  (cd "$state/tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 2 \
      -subj "/CN=HPC Gateway compose-up test CA" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout tls.key -out tls.csr \
      -subj "/CN=localhost" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
    openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out tls.crt -days 2 \
      -extfile server.ext 2>/dev/null
    rm -f ca.key tls.csr)
  declare -A values=(
    [COMPOSE_PROFILES]=frontend,firewall,bundled-broker
    [HPCGW_PUBLIC_HOST]=localhost [HPCGW_PUBLIC_PORT]=8443
    [KEYCLOAK_PUBLIC_HOST]=localhost [KEYCLOAK_PUBLIC_PORT]=8543
    [HPCGW_TLS_DIR]=$state/tls [HPCGW_TRUST_CERTIFICATES]=/run/tls/ca.crt
    [HPCGW_MARKETPLACE_SERVER_URL]=https://localhost:8443
    [MONGO_PASSWORD]=$(secret) [KEYCLOAK_ADMIN_USER]=admin [KEYCLOAK_ADMIN_PASSWORD]=$(secret)
    [HPCGW_GATEWAY_CLIENT_SECRET]=$(secret)
    [HPCGW_CLUSTER_SYSTEM]=hpcgw [HPCGW_POLL_INTERVAL]=1s
    [HPCGW_LOGIN_NODE_HOST]=127.0.0.1 [HPCGW_LOGIN_NODE_PORT]=2222 [HPCGW_SSH_DIR]=/etc/hpc-gateway/ssh
    [MARKETPLACE_AMQP_HOST]=rabbitmq [MARKETPLACE_AMQP_PORT]=5672 [MARKETPLACE_AMQP_TLS]=false
    [MARKETPLACE_AMQP_USERNAME]=hpcgw-relay [MARKETPLACE_AMQP_PASSWORD]=$(secret)
    [MARKETPLACE_APPLICATION_ID]=compose-up-$(secret | head -c 8) [MARKETPLACE_APPLICATION_SECRET]=$(secret)
  )
  local line key
  (umask 077
    while IFS= read -r line; do
      key=${line%%=*}
      if [[ $line != \#* && $line == *=* && -v values[$key] ]]; then line="$key=${values[$key]}"; fi
      printf '%s\n' "$line"
    done < deploy/env.template > "$state/.env")
  chown -R hpcgw "$state"
  log "test environment in $state/.env (certificate for localhost in $state/tls, CA $state/tls/ca.crt)"
}

need_compose() {
  command -v docker-compose >/dev/null 2>&1 && return
  log "installing docker-compose (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
}

# run <service> <command...>: in the background as hpcgw, with the service's environment, in its
# temporary directory (tmp <service>; a container's /tmp).
run() {
  local service=$1; shift
  runuser -u hpcgw -- bash -c 'cd "$1" && set -a && . "$2" && set +a && export TMPDIR=$1 && shift 2 && exec "$@"' _ \
    "$(tmp "$service")" "$state/$service.env" "$@" >"$state/logs/$service.log" 2>&1 &
  echo "$! $service" >> "$state/pids"
}

tmp() { install -d -o hpcgw -m 0700 "$state/run/$1" && echo "$state/run/$1"; }

field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]])' "$state/$1.json" "$2" "$3"; }

# healthy <service>: its compose health check, run here; a TCP check of its port where the check's
# program is not installed (mongosh).
healthy() {
  local test
  test=$(python3 -c '
import json, shlex, sys
t = json.load(open(sys.argv[1]))["health"]
print(t[1] if t and t[0] == "CMD-SHELL" else shlex.join(t[1:]) if t else "")' "$state/$1.json")
  if [ "$1" = mongo ]; then
    (exec 3<>/dev/tcp/127.0.0.1/27017) 2>/dev/null
  else
    bash -c "$test" >/dev/null 2>&1
  fi
}

await_healthy() {
  local service=$1 pid=$2 deadline=$((SECONDS + ${3:-120}))
  until healthy "$service"; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$state/logs/$service.log" >&2; echo "compose-up: $service exited" >&2; exit 1
    fi
    [ "$SECONDS" -lt "$deadline" ] || { echo "compose-up: $service not healthy; see $state/logs/$service.log" >&2; exit 1; }
    sleep 1
  done
  log "$service healthy"
}

last_pid() { tail -1 "$state/pids" | cut -d' ' -f1; }

start() {
  local service=$1
  case "$service" in
    mongo)
      run mongo java -Xmx256m -Djava.io.tmpdir="$(tmp mongo)" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
        -cp "$repo/gateway-app/target/quarkus-app/lib/main/*:$repo/gateway-app/target/quarkus-app/app/*" \
        io.hpcgateway.gateway.platform.StandaloneMongo 127.0.0.1 27017 "$(field mongo mounts /data/db)" ;;
    keycloak)
      # Keycloak's distribution (keycloak-up.sh fetches it) with the image's layout: the mounts under
      # /opt/keycloak land in its home.
      local home=$state/keycloak
      HPCGW_KEYCLOAK_HOME=$home bash deploy/local/keycloak-up.sh install
      install -d -o hpcgw "$home/data/import" "$(field keycloak mounts /opt/keycloak/data/h2)"
      cp "$(field keycloak mounts /opt/keycloak/data/import/hpc-realm.json)" "$home/data/import/hpc-realm.json"
      ln -sfn "$(field keycloak mounts /opt/keycloak/data/h2)" "$home/data/h2"
      chown -R hpcgw "$home"
      # The compose file's own command for the image (start --import-realm).
      local arguments=()
      mapfile -t arguments < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["command"]))' \
        "$state/keycloak.json")
      run keycloak env JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" JAVA_OPTS_APPEND="-Djava.io.tmpdir=$(tmp keycloak)" \
        "$home/bin/kc.sh" "${arguments[@]}" ;;
    gateway) run gateway java -Xmx384m -Djava.io.tmpdir="$(tmp gateway)" -jar "$repo/gateway-app/target/quarkus-app/quarkus-run.jar" ;;
    frontend) run frontend java -Xmx256m -Djava.io.tmpdir="$(tmp frontend)" -jar "$repo/cluster-frontend/target/quarkus-app/quarkus-run.jar" ;;
    relay | edge) run "$service" java -Xmx256m -Djava.io.tmpdir="$(tmp "$service")" -jar "$repo/rpc-broker/target/quarkus-app/quarkus-run.jar" ;;
    rabbitmq)
      bash deploy/local/rabbitmq-up.sh
      # The compose file's account, as the image makes it from RABBITMQ_DEFAULT_USER/PASS (the
      # password on standard input, never a command line).
      local user password
      user=$(bash -c 'set -a; . "$1"; printf %s "$RABBITMQ_DEFAULT_USER"' _ "$state/rabbitmq.env")
      password=$(bash -c 'set -a; . "$1"; printf %s "$RABBITMQ_DEFAULT_PASS"' _ "$state/rabbitmq.env")
      rabbitmqctl -q delete_user "$user" >/dev/null 2>&1 || true
      printf '%s\n' "$password" | rabbitmqctl -q add_user "$user" >/dev/null
      rabbitmqctl -q set_permissions -p / "$user" '.*' '.*' '.*' >/dev/null
      echo "- rabbitmq" >> "$state/pids" ;;
    prometheus)
      command -v prometheus >/dev/null 2>&1 || {
        apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }
      install -d -o hpcgw "$(field prometheus mounts /prometheus)"
      chown hpcgw "$state/prometheus.yml"
      run prometheus prometheus --config.file="$state/prometheus.yml" \
        --storage.tsdb.path="$(field prometheus mounts /prometheus)" --web.listen-address=127.0.0.1:9090 ;;
    *) echo "compose-up: no way to run service $service here" >&2; exit 1 ;;
  esac
}

up() {
  [ -r "$state/.env" ] || { echo "compose-up: no $state/.env (compose-up.sh init $state)" >&2; exit 1; }
  [ ! -s "$state/pids" ] || { echo "compose-up: already up ($state/pids); compose-up.sh down $state first" >&2; exit 1; }
  need_compose
  for jar in gateway-app cluster-frontend rpc-broker; do
    [ -r "$jar/target/quarkus-app/quarkus-run.jar" ] || { echo "compose-up: package first (mvn -B package -DskipTests)" >&2; exit 1; }
  done
  local profiles=() profile
  IFS=, read -ra profiles <<< "$(sed -n 's/^COMPOSE_PROFILES=//p' "$state/.env")"
  local flags=()
  for profile in "${profiles[@]}"; do flags+=(--profile "$profile"); done
  install -d -o hpcgw -m 0700 "$state/logs" "$state/run" "$state/volumes"
  docker-compose --project-directory deploy --env-file "$state/.env" -f deploy/docker-compose.yml "${flags[@]}" config |
    /usr/bin/python3 deploy/local/compose-services.py "$state"
  chown hpcgw "$state"/*.env
  : > "$state/pids"
  local service
  # On descriptor 3: what the services start must not read the list from standard input.
  while read -r service <&3; do
    start "$service" </dev/null
    await_healthy "$service" "$(last_pid | grep -v -- - || true)" 240
  done 3< "$state/services"
  log "up: $(tr '\n' ' ' < "$state/services")(logs in $state/logs)"
}

down() {
  [ -s "$state/pids" ] || return 0
  local pid service
  tac "$state/pids" | while read -r pid service; do
    [ "$pid" = - ] && continue
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  : > "$state/pids"
  log "down"
}

case "$command" in
  init) init ;;
  up) up ;;
  down) down ;;
  *) usage ;;
esac
