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
  work=${work:-$(mktemp -d /tmp/hpcgw-bench.XXXXXX)}
  [ -f cluster-frontend/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package
  java -Xmx256m -Dquarkus.http.port="$port" -Dfrontend.data-dir="$work/data" \
    -Dfrontend.auth.dev-key-directory="$work/keys" -Dquarkus.log.level=WARN "$@" \
    -jar cluster-frontend/target/quarkus-app/quarkus-run.jar >"$work/frontend.log" 2>&1 &
  frontend_pid=$!
  trap 'kill $frontend_pid ${s3_pid:-} 2>/dev/null || true; bench_cleanup || true; rm -rf "$work"' EXIT
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/status/liveness/" >/dev/null && break; sleep 0.1; done
  token=$(HPCGW_DEV_KEY_DIR="$work/keys" deploy/local/dev-token.sh bench)
}

# Starts s3proxy (the staging store the build copies to cluster-frontend/target/s3proxy/) on <port>
# with keys made for the run; sets $s3_pid and the FRONTEND_STAGING_* the front end reads. Call it
# before start_frontend, whose scratch directory it shares.
start_s3() {
  local port=$1
  work=${work:-$(mktemp -d /tmp/hpcgw-bench.XXXXXX)}
  [ -f cluster-frontend/target/s3proxy/s3proxy.jar ] || mvn -B -q -DskipTests package
  local access=bench$RANDOM secret
  secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  mkdir -p "$work/s3"
  printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$port" "s3proxy.authorization=aws-v2-or-v4" \
    "s3proxy.identity=$access" "s3proxy.credential=$secret" "jclouds.provider=filesystem" \
    "jclouds.filesystem.basedir=$work/s3" > "$work/s3proxy.properties"
  java -Xmx256m -jar cluster-frontend/target/s3proxy/s3proxy.jar --properties "$work/s3proxy.properties" \
    >"$work/s3proxy.log" 2>&1 &
  s3_pid=$!
  for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  export FRONTEND_STAGING_ENDPOINT=http://127.0.0.1:$port FRONTEND_STAGING_ACCESS_KEY=$access \
    FRONTEND_STAGING_SECRET_KEY=$secret
}

# Starts the packaged gateway on <port> against the front end started by start_frontend on
# <frontend port> with system <system>, sharing its keys, with extra -D options; sets $gateway_pid. Its request limits are
# off: one benchmark user sends far more than a person, and the limiter is not what is measured.
start_gateway() {
  local port=$1 frontend_port=$2 system=$3; shift 3
  [ -f gateway-app/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package
  java -Xmx256m -Dquarkus.http.port="$port" -Dgateway.mongodb.embedded-port=$((port + 1)) \
    -Dgateway.mongodb.embedded-data-dir="$work/gateway-db" -Dgateway.auth.dev-key-directory="$work/keys" \
    -Dgateway.clusters.local.url="http://127.0.0.1:$frontend_port" -Dgateway.clusters.local.system="$system" \
    -Dgateway.rate-limit.enabled=false -Dquarkus.log.level=WARN "$@" \
    -jar gateway-app/target/quarkus-app/quarkus-run.jar >"$work/gateway.log" 2>&1 &
  gateway_pid=$!
  trap 'kill $gateway_pid $frontend_pid ${s3_pid:-} 2>/dev/null || true; bench_cleanup || true; rm -rf "$work"' EXIT
  for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/api/v2/me" && break; sleep 0.1; done
}
