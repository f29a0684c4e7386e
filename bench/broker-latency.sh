#!/usr/bin/env bash
# The gateway called directly and through the RPC broker (edge -> RabbitMQ 3.10 -> relay), in
# one run: latency p50/p99 and requests per second. Needs root (deploy/local/rabbitmq-up.sh).
# Usage: bench/broker-latency.sh [samples=200] [clients=8]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
samples=${1:-200}; clients=${2:-8}
bash deploy/local/rabbitmq-up.sh >/dev/null
[ -f rpc-broker/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package
start_frontend 18381
start_gateway 18383 18381 local
broker_opts=(-Dbroker.amqp.queue-prefix=/queue/ -Dbroker.amqp.username=guest -Dbroker.queue.name=hpcgw-bench
             -Dquarkus.log.level=WARN)
BROKER_AMQP_PASSWORD=guest java -Xmx256m -Dquarkus.http.port=18385 -Dbroker.mode=relay "${broker_opts[@]}" \
  -Dbroker.relay.gateway-url=http://127.0.0.1:18383 -jar rpc-broker/target/quarkus-app/quarkus-run.jar \
  >"$work/relay.log" 2>&1 &
relay_pid=$!
BROKER_AMQP_PASSWORD=guest java -Xmx256m -Dquarkus.http.port=18386 -Dbroker.mode=edge "${broker_opts[@]}" \
  -jar rpc-broker/target/quarkus-app/quarkus-run.jar >"$work/edge.log" 2>&1 &
edge_pid=$!
bench_cleanup() { kill "$relay_pid" "$edge_pid" 2>/dev/null || true; }
for port in 18385 18386; do
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 0.1; done
done
run_bench BrokerLatency http://127.0.0.1:18383 http://127.0.0.1:18386 "$token" "$samples" "$clients"
