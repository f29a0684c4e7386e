#!/usr/bin/env bash
# The test command: brings up the single-node SLURM the tests run against (installing its Debian
# packages if missing; needs root, as in CI), then runs every test of every module.
# Without root and without a running SLURM, the SLURM tests are skipped (they fail when CI=true).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "test.sh: install a JDK 17 and Maven first" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi
if [ "$(id -u)" -eq 0 ]; then
  bash deploy/local/slurm-up.sh
else
  echo "test.sh: not root; using the SLURM that is running, if any"
fi
mvn -B verify
