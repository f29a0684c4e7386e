# Shared by the bench scripts: starts the packaged front end in a scratch directory on <port>
# with extra -D options, waits until it is live, and sets $work, $frontend_pid and $token.
# The EXIT trap stops it, calls bench_cleanup (a script may redefine it) and removes the scratch
# directory.
bench_cleanup() { :; }

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
