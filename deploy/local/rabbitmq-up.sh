#!/usr/bin/env bash
# Brings up RabbitMQ 3.10 from Debian with its AMQP 1.0 plugin (the MarketPlace runs RabbitMQ),
# for the RPC broker's tests and for trying the relay locally. Idempotent: installs the package
# when missing, enables the plugin offline, starts the node only when it is not running, then
# waits until AMQP 1.0 (5672) answers. Must run as root.
set -euo pipefail

[ "$(id -u)" -eq 0 ] || { echo "rabbitmq-up.sh: run as root" >&2; exit 1; }

log() { echo "rabbitmq-up: $*"; }

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  log "installing rabbitmq-server"
  apt-get update -qq
  # The package's postinst tries to start the service through init; without systemd that fails
  # harmlessly, and the node is started below.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null || true
  command -v rabbitmq-server >/dev/null 2>&1 || { echo "rabbitmq-up: installation failed" >&2; exit 1; }
fi

# AMQP 1.0 for the relay and the edge; Prometheus metrics on 15692 (deploy/prometheus/prometheus.yml).
rabbitmq-plugins enable --offline rabbitmq_amqp1_0 rabbitmq_prometheus >/dev/null

if ! rabbitmqctl -q status >/dev/null 2>&1; then
  log "starting the node"
  rabbitmq-server -detached
fi

deadline=$((SECONDS + 60))
until rabbitmqctl -q await_startup >/dev/null 2>&1 && (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; do
  if [ "$SECONDS" -ge "$deadline" ]; then echo "rabbitmq-up: timed out waiting for 5672" >&2; exit 1; fi
  sleep 0.5
done
# A node started before the metrics plugin was added takes it now (a no-op when enabled).
rabbitmq-plugins -q enable rabbitmq_prometheus >/dev/null
log "ready: $(rabbitmqctl -q version 2>/dev/null || echo rabbitmq), AMQP 1.0 on 127.0.0.1:5672 (guest/guest, loopback only)"
