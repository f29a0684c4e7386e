# Shared by the bench scripts: starts the packaged front end in a scratch directory on <port>
# with extra -D options, waits until it is live, and sets $work, $frontend_pid and $token.
# The EXIT trap stops it, calls bench_cleanup (a script may redefine it) and removes the scratch
# directory.
bench_cleanup() { :; }

# Compiles the bench programs (they share Latencies.java) and runs one: run_bench <Class> [args...]
run_bench() {
  local main=$1; shift
  mkdir -p "$work/classes"
  javac -d "$work/classes" bench/*.java
  java -cp "$work/classes" "$main" "$@"
}

start_frontend() {
  local port=$1; shift
  work=$(mktemp -d /tmp/hpcgw-bench.XXXXXX)
  [ -f cluster-frontend/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package
  java -Xmx256m -Dquarkus.http.port="$port" -Dfrontend.data-dir="$work/data" \
    -Dfrontend.auth.dev-key-directory="$work/keys" -Dquarkus.log.level=WARN "$@" \
    -jar cluster-frontend/target/quarkus-app/quarkus-run.jar >"$work/frontend.log" 2>&1 &
  frontend_pid=$!
  trap 'kill $frontend_pid 2>/dev/null || true; bench_cleanup || true; rm -rf "$work"' EXIT
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/status/liveness/" >/dev/null && break; sleep 0.1; done
  token=$(HPCGW_DEV_KEY_DIR="$work/keys" deploy/local/dev-token.sh bench)
}

# Starts the packaged gateway on <port> against the front end started by start_frontend on
# <frontend port> with system <system>, sharing its keys; sets $gateway_pid. Its request limits are
# off: one benchmark user sends far more than a person, and the limiter is not what is measured.
start_gateway() {
  local port=$1 frontend_port=$2 system=$3
  [ -f gateway-app/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package
  java -Xmx256m -Dquarkus.http.port="$port" -Dgateway.mongodb.embedded-port=$((port + 1)) \
    -Dgateway.mongodb.embedded-data-dir="$work/gateway-db" -Dgateway.auth.dev-key-directory="$work/keys" \
    -Dgateway.clusters.local.url="http://127.0.0.1:$frontend_port" -Dgateway.clusters.local.system="$system" \
    -Dgateway.rate-limit.enabled=false -Dquarkus.log.level=WARN \
    -jar gateway-app/target/quarkus-app/quarkus-run.jar >"$work/gateway.log" 2>&1 &
  gateway_pid=$!
  trap 'kill $gateway_pid $frontend_pid 2>/dev/null || true; bench_cleanup || true; rm -rf "$work"' EXIT
  for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v2/me" && break; sleep 0.1; done
}
