#!/usr/bin/env bash
# A gateway behind a firewall that lets nothing in, on one machine, to try the MarketPlace path by
# hand (and the topology the tests build). A network namespace is the site: the cluster front end
# (local executor), the gateway and the RPC relay run inside it; an iptables rule there drops every
# connection that starts outside, while connections from inside go out. RabbitMQ, the edge and the
# clients stay outside, on this machine.
#
#   deploy/local/firewalled.sh up        # as root: network, RabbitMQ, the three services inside, the edge outside
#   deploy/local/firewalled.sh down      # stops them and removes the network
#   deploy/local/firewalled.sh status
#   deploy/local/firewalled.sh net-up    # only the namespace, its veth pair and its firewall
#   deploy/local/firewalled.sh net-down
#
# After `up`: curl http://127.0.0.1:8090/heartbeat answers through the broker; a direct
# connection to the gateway (http://<net>.2:8080) gets nothing. Tokens: deploy/local/dev-token.sh.
#
# Settings (environment): HPCGW_FW_NAMESPACE (hpcgw-fw), HPCGW_FW_NET (10.231.17: the /24 of the
# veth pair, .1 outside, .2 the site; pick one your networks do not use). Everything stays on this
# machine: the namespace, its veth pair and loopback. The relay's RabbitMQ user is made here with a
# generated password kept in the state directory ($HOME/.hpc-gateway/firewalled, owner only).
set -euo pipefail
cd "$(dirname "$0")/../.."

NS=${HPCGW_FW_NAMESPACE:-hpcgw-fw}
NET=${HPCGW_FW_NET:-10.231.17}
OUTSIDE_IF="${NS:0:12}-o"
SITE_IF="${NS:0:12}-s"
STATE=${HOME}/.hpc-gateway/firewalled
QUEUE=hpcgw-firewalled
RELAY_USER=hpcgw-relay

log() { echo "firewalled: $*"; }
[ "$(id -u)" -eq 0 ] || { echo "firewalled.sh: run as root (network namespaces and iptables)" >&2; exit 1; }

in_site() { ip netns exec "$NS" "$@"; }

net_up() {
  command -v iptables >/dev/null 2>&1 || {
    log "installing iptables"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iptables >/dev/null
  }
  net_down
  ip netns add "$NS"
  ip link add "$OUTSIDE_IF" type veth peer name "$SITE_IF"
  ip link set "$SITE_IF" netns "$NS"
  ip addr add "$NET.1/24" dev "$OUTSIDE_IF"
  ip link set "$OUTSIDE_IF" up
  in_site ip addr add "$NET.2/24" dev "$SITE_IF"
  in_site ip link set "$SITE_IF" up
  in_site ip link set lo up
  # Nothing that starts outside gets in: loopback and answers to the site's own connections pass.
  for tables in iptables ip6tables; do
    command -v "$tables" >/dev/null 2>&1 || continue
    in_site "$tables" -A INPUT -i lo -j ACCEPT
    in_site "$tables" -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
    in_site "$tables" -P INPUT DROP
  done
  log "site $NS at $NET.2 (outside: $NET.1); inbound connections dropped, outbound allowed"
}

net_down() {
  if ip netns list | awk '{print $1}' | grep -qx "$NS"; then
    ip netns pids "$NS" | xargs -r kill 2>/dev/null || true
    ip netns del "$NS"
  fi
  ip link del "$OUTSIDE_IF" 2>/dev/null || true
}

relay_password() {
  mkdir -p "$STATE" && chmod 700 "$STATE"
  [ -s "$STATE/relay.password" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$STATE/relay.password")
  if rabbitmqctl -q list_users | awk '{print $1}' | grep -qx "$RELAY_USER"; then
    rabbitmqctl -q change_password "$RELAY_USER" < "$STATE/relay.password" >/dev/null
  else
    rabbitmqctl -q add_user "$RELAY_USER" < "$STATE/relay.password" >/dev/null
  fi
  rabbitmqctl -q set_permissions -p / "$RELAY_USER" '.*' '.*' '.*' >/dev/null
}

start() { # name, then the command; in the background, its pid and log in the state directory
  local name=$1; shift
  nohup "$@" > "$STATE/$name.log" 2>&1 &
  echo $! > "$STATE/$name.pid"
}

await() { # what, a command that succeeds once it is up
  local what=$1; shift
  local deadline=$((SECONDS + 90))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "firewalled: $what did not come up; see $STATE" >&2; exit 1; }
    sleep 0.5
  done
}

up() {
  for jar in cluster-frontend gateway-app rpc-broker; do
    [ -f "$jar/target/quarkus-app/quarkus-run.jar" ] || { echo "firewalled.sh: build first (mvn -B -DskipTests package)" >&2; exit 1; }
  done
  net_up
  deploy/local/rabbitmq-up.sh
  relay_password
  start frontend ip netns exec "$NS" java -Xmx256m -Dquarkus.http.port=8081 -Dfrontend.scheduler=local \
    -jar cluster-frontend/target/quarkus-app/quarkus-run.jar
  start gateway ip netns exec "$NS" java -Xmx384m -Dquarkus.http.host=0.0.0.0 -Dquarkus.http.port=8080 \
    -jar gateway-app/target/quarkus-app/quarkus-run.jar
  await "the gateway" in_site curl -sf -o /dev/null "http://127.0.0.1:8080/heartbeat"
  # The password reaches the relay through its environment, never a command line others can read.
  BROKER_AMQP_PASSWORD="$(cat "$STATE/relay.password")"
  export BROKER_AMQP_PASSWORD
  start relay ip netns exec "$NS" java -Xmx256m \
    -Dquarkus.http.port=8091 -Dbroker.mode=relay -Dbroker.amqp.host="$NET.1" -Dbroker.amqp.queue-prefix=/queue/ \
    -Dbroker.amqp.username="$RELAY_USER" -Dbroker.queue.name="$QUEUE" -Dbroker.relay.gateway-url=http://127.0.0.1:8080 \
    -jar rpc-broker/target/quarkus-app/quarkus-run.jar
  unset BROKER_AMQP_PASSWORD
  start edge java -Xmx256m -Dquarkus.http.port=8090 -Dbroker.mode=edge -Dbroker.amqp.queue-prefix=/queue/ \
    -Dbroker.amqp.username=guest -Dbroker.amqp.password=guest -Dbroker.queue.name="$QUEUE" \
    -jar rpc-broker/target/quarkus-app/quarkus-run.jar
  await "the relay" in_site curl -sf -o /dev/null "http://127.0.0.1:8091/q/health/ready"
  await "the edge" curl -sf -o /dev/null "http://127.0.0.1:8090/q/health/ready"
  log "up: the gateway is reachable only through the broker, at http://127.0.0.1:8090 (edge)"
  log "try: curl http://127.0.0.1:8090/heartbeat; and: curl --max-time 3 http://$NET.2:8080/heartbeat (dropped)"
}

down() {
  for name in edge relay gateway frontend; do
    [ -f "$STATE/$name.pid" ] || continue
    kill "$(cat "$STATE/$name.pid")" 2>/dev/null || true
    rm -f "$STATE/$name.pid"
  done
  net_down
  log "down"
}

status() {
  if ip netns list | awk '{print $1}' | grep -qx "$NS"; then log "site $NS is up at $NET.2"; else log "no site $NS"; fi
  for name in frontend gateway relay edge; do
    if [ -f "$STATE/$name.pid" ] && kill -0 "$(cat "$STATE/$name.pid")" 2>/dev/null; then log "$name running"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  net-up) net_up ;;
  net-down) net_down ;;
  *) echo "usage: firewalled.sh up|down|status|net-up|net-down" >&2; exit 1 ;;
esac
