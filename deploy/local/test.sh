#!/usr/bin/env bash
# The test command: brings up the single-node SLURM, the RabbitMQ, the login node's sshd and the
# Keycloak the tests run against, with the test accounts alice, bob and carol and the service account hpcgw
# (installing their Debian packages if missing; needs root, as in CI), then runs every test of
# every module. Without root, those tests use what is running and are skipped otherwise (with
# CI=true they fail instead).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "test.sh: install a JDK 17 and Maven first" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi
if [ "$(id -u)" -eq 0 ]; then
  bash deploy/local/slurm-up.sh
  bash deploy/local/rabbitmq-up.sh
  # The per-user identity tests run jobs and file operations as these accounts, over this sshd.
  bash deploy/local/users.sh service hpcgw
  bash deploy/local/users.sh add alice bob carol
  bash deploy/local/sshd-up.sh
  # The oidc mode's tests run against a real Keycloak with the shipped realm.
  bash deploy/local/keycloak-up.sh >/dev/null
  # The data-processing template's test runs a Python pipeline on the node.
  command -v python3 >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null; }
  # The firewalled site's test (FirewalledSiteIT) drops inbound connections with iptables; the front
  # end's ops/file and ops/compress run file(1), bzip2 and xz, and its transfer jobs curl, as a
  # cluster's login node has them; the TLS tests make certificates with openssl, and compose-up.sh
  # runs Prometheus' own health check (wget).
  for tool in iptables:iptables file:file bzip2:bzip2 xz:xz-utils curl:curl openssl:openssl wget:wget; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tool#*:}" >/dev/null; }
  done
  # The web UI's browser tests (web-ui/e2e) drive Debian's Chromium with playwright-core.
  command -v chromium >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
  # The deployment's tests: Debian's docker-compose reads deploy/docker-compose.yml (ComposeFileTest,
  # and compose-up.sh for ComposeStackIT); its python3-yaml comes with it.
  command -v docker-compose >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }
  # promtool checks deploy/prometheus/alerts.yml and prometheus.yml (OperationsTest, ComposeFileTest);
  # ComposeStackIT runs the prometheus server.
  if ! command -v promtool >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null || true
  fi
else
  echo "test.sh: not root; using the SLURM, RabbitMQ, sshd and Keycloak that are running, if any"
fi
mvn -B verify
